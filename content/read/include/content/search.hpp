// Why this file exists: as-you-type search across library documents, briefings
// and training slides. SQLite FTS5 with bm25 ranking, prefix matching on the
// last word, "phrase" search, filters, and a forgiving fallback that says what
// it did. Snippets come with highlight ranges so views can draw them.
// Pure functions; search_bundle may run on any thread that owns its Db.
#pragma once
#include "content/error.hpp"

#include <string>
#include <utility>
#include <vector>

namespace content {

namespace sql { class Db; }  // internal; views cannot obtain one

struct SearchHit {
    std::string kind;     // document | briefing | slide
    std::string ref;      // document id, briefing id, or MODULE:ORD
    std::string title;
    std::string snippet;  // plain text
    std::vector<std::pair<std::size_t, std::size_t>> highlights;  // byte [begin, end) in snippet
    double score = 0;     // higher is better
    std::string channel;
};

struct SearchQuery {
    std::string text;
    std::size_t limit = 10;
    std::string kind;  // "" for all
};

struct SearchResult {
    std::vector<SearchHit> hits;
    std::string fallback_note;  // non-empty when the fallback changed the query
};

// Turns what a person typed into an FTS5 MATCH expression: words are ANDed,
// "quoted phrases" kept, the last bare word gets a prefix '*', and FTS5
// syntax characters are neutralised. Returns "" when nothing is searchable.
[[nodiscard]] std::string to_fts_query(const std::string& typed);
// The same words ORed (the fallback when AND finds nothing).
[[nodiscard]] std::string to_fts_any_query(const std::string& typed);

// Searches one bundle's `search` table. Title matches rank first (bm25 with a
// heavy title weight). Falls back to any-word matching when all-words finds
// nothing, and says so in fallback_note.
[[nodiscard]] Result<SearchResult> search_bundle(sql::Db& db, const SearchQuery& q, const std::string& channel);

// Merges per-bundle results by score, keeping `limit`.
void merge_results(SearchResult& into, SearchResult&& other, std::size_t limit);

} // namespace content
