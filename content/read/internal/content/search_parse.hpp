// Why this file exists: what a person typed becomes query terms once, and
// every FTS5 expression the search runs (all words, any word, the whole
// phrase) is built from those terms, so they cannot disagree. A term carries
// its British/American spelling and singular/plural forms, folded the way the
// index folds words. Internal to content/read. Pure; any thread.
#pragma once
#include <string>
#include <vector>

namespace content {

struct QueryTerm {
    std::string typed;               // as typed (for messages)
    std::vector<std::string> forms;  // folded; forms[0] is what was typed, then its variants
    bool prefix = false;             // the last bare word while typing: matches words it starts
    bool phrase = false;             // "quoted" or joined by punctuation (re-referrals): forms[0] is its words
    bool stop = false;               // a bare little word (and, of, the...): optional unless the query has nothing else
};

struct ParsedQuery {
    std::vector<QueryTerm> terms;
    [[nodiscard]] bool empty() const { return terms.empty(); }
    [[nodiscard]] bool only_stop_words() const;
};

// Words are runs of word characters (content/text_fold.hpp); "quoted text"
// and words joined by punctuation (re-referrals, children's) are phrases; the
// last bare word is a prefix unless a space follows it. Never fails: nothing
// searchable gives an empty query.
[[nodiscard]] ParsedQuery parse_query(const std::string& typed);

// The forms a folded word is also written in: British and American spellings
// (organisation/organization, behaviour/behavior, centre/center,
// programme/program, paediatric/pediatric) and singular/plural (plan/plans,
// authority/authorities, child/children). `word` first; at most four.
[[nodiscard]] std::vector<std::string> word_forms(const std::string& word, bool prefix);

// One term as FTS5 syntax: "a", "a"*, ("a" OR "b"), "two words".
[[nodiscard]] std::string fts_term(const QueryTerm& t);
// Every term (AND); any term (OR); all the words as one phrase, in each
// combination of their first two forms, at most eight ("" for fewer than two
// words). AND and OR leave out stop words when the query has other words;
// the phrase keeps them.
[[nodiscard]] std::string fts_all(const ParsedQuery& q);
[[nodiscard]] std::string fts_any(const ParsedQuery& q);
[[nodiscard]] std::string fts_phrase(const ParsedQuery& q);
// The phrases of fts_all (and fts_any, the same ones) in the order they
// appear there, each as written there ("word", "two words", "word"*).
[[nodiscard]] std::vector<std::string> fts_phrases(const ParsedQuery& q);

// The query written back as text, for "Showing results for ...".
[[nodiscard]] std::string query_text(const ParsedQuery& q);

} // namespace content
