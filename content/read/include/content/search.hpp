// Why this file exists: as-you-type search across library documents, briefings
// and training slides, good enough to rely on. SQLite FTS5 with bm25 (title
// weighted ten times the body), results with all the words before results with
// some, whole-phrase matches first among them, British and American spellings
// and plurals treated as the same word, a "did you mean" from the bundle's own
// words when a word matches nothing, and snippets with highlight ranges
// folded the way the index folds (case and Latin diacritics).
// Threads: the functions here run on the thread that owns the readers (the
// Catalog's thread, or the caller's for search_files).
#pragma once
#include "content/error.hpp"

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace content {

struct SearchHit {
    std::string kind;     // document | briefing | slide
    std::string ref;      // document id, briefing id, or MODULE:ORD
    std::string title;
    std::string snippet;  // plain text
    std::vector<std::pair<std::size_t, std::size_t>> highlights;        // byte [begin, end) in snippet
    std::vector<std::pair<std::size_t, std::size_t>> title_highlights;  // byte [begin, end) in title
    double score = 0;     // higher is better; comparable across channels
    std::string channel;
    bool all_words = true;  // false: the hit has only some of the words
};

// Exact: search for the words as typed even when one matches nothing.
enum class Spelling { correct, exact };

struct SearchQuery {
    std::string text;
    std::size_t limit = 10;
    std::string kind;      // "" for all
    std::string locality;  // the visitor's chosen locality: its briefings get a small boost ("" none)
    Spelling spelling = Spelling::correct;
    std::string today;     // YYYY-MM-DD for "past review" (documents not past review get a small boost); "" = now
};

// A word that matched nothing, and what was searched for instead.
struct Correction {
    std::string typed, used;
    std::vector<std::string> others;  // the next nearest words, best first
};

struct SearchResult {
    std::vector<SearchHit> hits;
    std::string fallback_note;             // non-empty when no hit has all of the words
    std::string searched_for;              // the corrected query when corrections is non-empty
    std::vector<Correction> corrections;   // empty unless a misspelt word was replaced
};

// Turns what a person typed into an FTS5 MATCH expression without spelling
// variants: words folded and ANDed (little words such as "and", "of", "the"
// left out when there are others), "quoted phrases" kept, the last bare word
// gets a prefix '*', FTS5 syntax characters neutralised. "" when nothing is
// searchable. (The search itself adds spelling and plural forms.)
[[nodiscard]] std::string to_fts_query(const std::string& typed);

// Searches the given bundle files (channel, path) without loading anything
// else from them: for `kiosk --search`. Each file is opened read-only and
// immutable; the files must already be verified (installed). E_CORRUPT /
// E_FORMAT / E_IO when a file cannot be opened or its index read.
[[nodiscard]] Result<SearchResult> search_files(const std::vector<std::pair<std::string, std::filesystem::path>>& channel_files,
                                                const SearchQuery& q);

} // namespace content
