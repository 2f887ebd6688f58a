// Why this file exists: publisher markdown files start with a small metadata
// block (title, dates, category...). This reads that block: a strict subset of
// YAML with `key: value` lines and `- item` lists, nothing else.
#pragma once
#include "content/error.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace content {

struct FrontMatter {
    std::map<std::string, std::string> values;
    std::map<std::string, std::vector<std::string>> lists;
    std::string body;          // the markdown after the block
    std::size_t body_line = 1; // 1-based line where the body starts

    // The value of `key`, or `fallback`.
    [[nodiscard]] std::string get(const std::string& key, const std::string& fallback = {}) const;
    [[nodiscard]] bool has(const std::string& key) const { return values.count(key) || lists.count(key); }
};

// Splits "---\nkey: value\n---\nbody". Refuses (E_SOURCE, naming `file` and the
// line) a missing closing fence, a line that is neither `key: value` nor a
// list item, or a duplicate key. Text without a leading fence is all body.
[[nodiscard]] Result<FrontMatter> parse_front_matter(std::string_view text, const std::string& file);

} // namespace content
