// Why this file exists: small text helpers shared by the publisher and the
// kiosk: plain text from markdown for search, JSON-safe strings.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace content {

// Returns `md` with markdown syntax removed (headings, emphasis markers, link
// targets, image references, table pipes), keeping the words. For indexing.
[[nodiscard]] std::string markdown_to_plain(std::string_view md);

// A JSON array of strings, e.g. ["a","b"].
[[nodiscard]] std::string json_string_list(const std::vector<std::string>& items);
// Parses a JSON array of strings; anything else (or non-string items) is skipped.
[[nodiscard]] std::vector<std::string> parse_json_string_list(const std::string& json);

} // namespace content
