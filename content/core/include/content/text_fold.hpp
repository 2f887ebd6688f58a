// Why this file exists: search highlights, "did you mean" and the reader's find
// must agree with the search index about what a word is and when two words
// are the same. The index uses SQLite's unicode61 tokenizer with
// remove_diacritics 2; this is our own small model of it: letters and digits
// make words, case is folded, and Latin letters lose their diacritics
// (É -> e, ł stays ł because Unicode gives it no base letter, ſ -> s, µ -> μ). It covers
// ASCII, Latin-1 and Latin Extended-A exactly (a unit test compares every one
// of those code points with SQLite's own tokenizer) and folds the case of
// basic Greek and Cyrillic. Pure functions; any thread.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace content {

// Decodes the UTF-8 code point at `s[i]` and advances `i` past it. A byte
// that does not start a valid sequence is returned as U+FFFD, one byte long.
[[nodiscard]] char32_t next_code_point(std::string_view s, std::size_t& i);

// Appends `c` to `out` as UTF-8.
void append_utf8(std::string& out, char32_t c);

// True when `c` belongs to a word the way the index tokenizer sees it
// (letters, digits, and anything beyond the ranges we model except general
// punctuation and symbols).
[[nodiscard]] bool is_word_code_point(char32_t c);

// `c` folded as the index folds it: lower case, Latin diacritics removed.
// Returns `c` itself for code points it does not change.
[[nodiscard]] char32_t fold_code_point(char32_t c);

// Each word character of `text` folded; everything else kept as it is.
[[nodiscard]] std::string fold_text(std::string_view text);

} // namespace content
