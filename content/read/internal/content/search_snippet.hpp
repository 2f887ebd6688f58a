// Why this file exists: a result's snippet, the few words around the best
// cluster of matching words, with the byte ranges to highlight. Words are
// found and compared exactly as the index does it (content/text_fold.hpp), so
// "Évaluation" is marked for "evaluation" and "ORGANISATION" for
// "organization". Internal to content/read. Pure; any thread.
#pragma once
#include "content/search.hpp"
#include "content/search_parse.hpp"

#include <string>
#include <vector>

namespace content {

struct HighlightTerm {
    std::vector<std::string> forms;  // folded
    bool prefix = false;
};

// One entry per word the query asks for (a phrase gives one per word).
[[nodiscard]] std::vector<HighlightTerm> highlight_terms(const ParsedQuery& q);

// Fills hit.snippet (about 16 words of `body` around the best cluster of
// matches, "…" where cut) and hit.highlights. Scans at most 3,000 words.
void make_snippet(const std::string& body, const std::vector<HighlightTerm>& terms, SearchHit& hit);

// The share of `terms` (0..1) that some word of `text` matches.
[[nodiscard]] double term_coverage(const std::string& text, const std::vector<HighlightTerm>& terms);

// The byte ranges of `text` whose words match `terms` (for titles).
[[nodiscard]] std::vector<std::pair<std::size_t, std::size_t>> match_ranges(const std::string& text, const std::vector<HighlightTerm>& terms);

} // namespace content
