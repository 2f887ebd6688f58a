// Why this file exists: small text helpers shared by the publisher and the
// kiosk: plain text from markdown for search, JSON-safe strings.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace content {

// Returns the words of `md` as the reader shows them: parsed with md4c (the
// reader's parser and flags), one line per block (paragraph, heading, list
// item, table row), link targets, table rules and emphasis markers gone,
// image alt text kept, {{card:...}}/{{chart:...}} embeds removed, entities
// decoded. For the search index and its snippets. Pure; any thread.
[[nodiscard]] std::string markdown_to_plain(std::string_view md);
// The md4c parser flags for every parse of bundle markdown: the index, the
// snippets and the kiosk's reader use the same ones, so they read the same text.
[[nodiscard]] unsigned markdown_parser_flags();

// A JSON array of strings, e.g. ["a","b"].
[[nodiscard]] std::string json_string_list(const std::vector<std::string>& items);
// Parses a JSON array of strings; anything else (or non-string items) is skipped.
[[nodiscard]] std::vector<std::string> parse_json_string_list(const std::string& json);

} // namespace content
