// FTS5 search with snippets and a fallback; see search.hpp.
#include "content/search.hpp"
#include "content/sqlite.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace content {
namespace {

struct Token {
    std::string text;
    bool phrase = false;
};

std::vector<Token> tokenize(const std::string& typed) {
    std::vector<Token> out;
    std::size_t i = 0;
    while (i < typed.size()) {
        unsigned char c = static_cast<unsigned char>(typed[i]);
        if (c == '"') {
            std::size_t end = typed.find('"', i + 1);
            std::string inner = typed.substr(i + 1, end == std::string::npos ? std::string::npos : end - i - 1);
            std::string clean;
            for (char ch : inner) clean += (std::isalnum(static_cast<unsigned char>(ch)) || (ch & 0x80)) ? ch : ' ';
            if (clean.find_first_not_of(' ') != std::string::npos) out.push_back({clean, true});
            i = end == std::string::npos ? typed.size() : end + 1;
            continue;
        }
        if (std::isalnum(c) || (c & 0x80)) {
            std::string w;
            while (i < typed.size() && (std::isalnum(static_cast<unsigned char>(typed[i])) || (typed[i] & 0x80))) w += typed[i++];
            out.push_back({w, false});
            continue;
        }
        ++i;
    }
    return out;
}

std::string build(const std::vector<Token>& toks, const char* joiner, bool prefix_last, bool trailing_space) {
    std::string q;
    for (std::size_t i = 0; i < toks.size(); ++i) {
        if (!q.empty()) q += joiner;
        q += '"' + toks[i].text + '"';
        if (prefix_last && !toks[i].phrase && i + 1 == toks.size() && !trailing_space) q += '*';
    }
    return q;
}

bool ends_with_space(const std::string& s) { return !s.empty() && (s.back() == ' ' || s.back() == '"'); }


struct Term {
    std::string text;  // lower case
    bool prefix = false;
};

std::string lower_ascii(std::string_view s) {
    std::string o(s);
    for (auto& c : o) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return o;
}

std::vector<Term> snippet_terms(const std::string& typed) {
    std::vector<Term> out;
    auto toks = tokenize(typed);
    bool trailing = ends_with_space(typed);
    for (std::size_t i = 0; i < toks.size(); ++i) {
        std::string t = lower_ascii(toks[i].text);
        std::size_t p = 0;
        while (p < t.size()) {  // phrases contribute each of their words
            std::size_t e = t.find(' ', p);
            std::string w = t.substr(p, e == std::string::npos ? std::string::npos : e - p);
            if (!w.empty()) out.push_back(Term{w, !toks[i].phrase && i + 1 == toks.size() && !trailing});
            if (e == std::string::npos) break;
            p = e + 1;
        }
    }
    return out;
}

// A window of about 16 words around the best cluster of matching words (the
// most distinct query terms within 8 words; the earliest on ties), with the
// byte ranges of every matching word in it. Scans at most 6,000 words.
void make_snippet(const std::string& body, const std::vector<Term>& terms, SearchHit& hit) {
    struct Word {
        std::size_t b, e;
        int term;  // index of the matching term, or -1
    };
    auto matches = [&](std::size_t b, std::size_t e, const Term& t) {
        std::size_t n = e - b;
        if (n < t.text.size() || (!t.prefix && n != t.text.size())) return false;
        for (std::size_t k = 0; k < t.text.size(); ++k)
            if (std::tolower(static_cast<unsigned char>(body[b + k])) != static_cast<unsigned char>(t.text[k])) return false;
        return true;
    };
    std::vector<Word> words;
    std::size_t stop_after = std::string::npos;  // once a full cluster is seen, a few more words suffice
    for (std::size_t i = 0; i < body.size() && words.size() < 6000 && words.size() < stop_after;) {
        while (i < body.size() && !(std::isalnum(static_cast<unsigned char>(body[i])) || (body[i] & 0x80))) ++i;
        std::size_t b = i;
        while (i < body.size() && (std::isalnum(static_cast<unsigned char>(body[i])) || (body[i] & 0x80))) ++i;
        if (b == i) break;
        int m = -1;
        for (std::size_t t = 0; t < terms.size() && m < 0; ++t)
            if (matches(b, i, terms[t])) m = static_cast<int>(t);
        words.push_back(Word{b, i, m});
        if (m >= 0 && stop_after == std::string::npos) {
            std::vector<bool> seen(terms.size(), false);
            int count = 0;
            for (std::size_t j = words.size() > 8 ? words.size() - 8 : 0; j < words.size(); ++j)
                if (words[j].term >= 0 && !seen[static_cast<std::size_t>(words[j].term)]) {
                    seen[static_cast<std::size_t>(words[j].term)] = true;
                    ++count;
                }
            if (count == static_cast<int>(terms.size())) stop_after = words.size() + 12;
        }
    }
    if (words.empty()) return;
    std::size_t best = 0;
    int best_count = 0;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (words[i].term < 0) continue;
        std::vector<bool> seen(terms.size(), false);
        int count = 0;
        for (std::size_t j = i; j < words.size() && j < i + 8; ++j)
            if (words[j].term >= 0 && !seen[static_cast<std::size_t>(words[j].term)]) {
                seen[static_cast<std::size_t>(words[j].term)] = true;
                ++count;
            }
        if (count > best_count) {
            best_count = count;
            best = i;
            if (count == static_cast<int>(terms.size())) break;
        }
    }
    std::size_t start = best > 3 ? best - 3 : 0;
    std::size_t stop = std::min(words.size(), start + 16);
    std::size_t from = words[start].b, to = words[stop - 1].e;
    if (start > 0) hit.snippet = "…";
    std::size_t base = hit.snippet.size();
    for (std::size_t k = from; k < to; ++k) hit.snippet += (body[k] == '\n' || body[k] == '\r') ? ' ' : body[k];
    for (std::size_t k = start; k < stop; ++k)
        if (words[k].term >= 0) hit.highlights.emplace_back(base + words[k].b - from, base + words[k].e - from);
    if (to < body.size()) hit.snippet += "…";
}

// How many body matches, taken in rowid order, are re-ranked by bm25. Ranking
// every match (ORDER BY rank) costs time proportional to the number of
// matches, which for common words is thousands; a bounded candidate set keeps
// each keystroke's cost flat. Title matches are gathered separately so that a
// title match is never missed, and results are exact whenever a query matches
// fewer than this many rows.
constexpr int k_body_candidates = 100;
constexpr int k_title_candidates = 50;

struct Candidate {
    std::int64_t rowid;
    double score;
};

// Title matches rank above every body-only match.
constexpr double k_title_tier = 1000.0;

Status collect(sql::Db& db, const std::string& table, const std::string& match, const SearchQuery& q, int limit, double tier,
               std::vector<Candidate>& out) {
    std::string sql_text = "SELECT rowid, -bm25(" + table + ") FROM " + table + " WHERE " + table + " MATCH ?1";
    if (!q.kind.empty()) sql_text += " AND kind = ?3";
    sql_text += " LIMIT ?2";
    auto st = db.prepare(sql_text);
    if (!st) return std::unexpected(st.error());
    st->bind(1, match).bind(2, static_cast<std::int64_t>(limit));
    if (!q.kind.empty()) st->bind(3, q.kind);
    for (;;) {
        auto row = st->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        out.push_back(Candidate{st->int64(0), tier + st->real(1)});
    }
    return {};
}

Result<std::vector<SearchHit>> run(sql::Db& db, const std::string& match, const SearchQuery& q, const std::string& channel) {
    const auto terms = snippet_terms(q.text);
    std::vector<Candidate> cands;
    if (auto s = collect(db, "search_titles", match, q, k_title_candidates, k_title_tier, cands); !s) return std::unexpected(s.error());
    if (auto s = collect(db, "search", match, q, k_body_candidates, 0.0, cands); !s) return std::unexpected(s.error());
    // Keep each row once, with its best (title-tier) score.
    std::sort(cands.begin(), cands.end(), [](const Candidate& a, const Candidate& b) { return a.rowid != b.rowid ? a.rowid < b.rowid : a.score > b.score; });
    cands.erase(std::unique(cands.begin(), cands.end(), [](const Candidate& a, const Candidate& b) { return a.rowid == b.rowid; }), cands.end());
    std::sort(cands.begin(), cands.end(), [](const Candidate& a, const Candidate& b) {
        return a.score != b.score ? a.score > b.score : a.rowid < b.rowid;
    });
    // Snippets are made here from the stored text: FTS5's snippet() re-runs
    // the whole query for each row, which cost more than the search itself.
    std::vector<SearchHit> hits;
    auto st = db.prepare("SELECT kind, ref, title, body FROM search WHERE rowid = ?1");
    if (!st) return std::unexpected(st.error());
    for (std::size_t i = 0; i < cands.size() && hits.size() < q.limit; ++i) {
        st->bind(1, cands[i].rowid);
        auto row = st->step();
        if (!row) return std::unexpected(row.error());
        if (*row) {
            SearchHit h;
            h.kind = st->text(0);
            h.ref = st->text(1);
            h.title = st->text(2);
            make_snippet(st->text(3), terms, h);
            h.score = cands[i].score;
            h.channel = channel;
            hits.push_back(std::move(h));
        }
        st->reset();
    }
    return hits;
}

} // namespace

std::string to_fts_query(const std::string& typed) { return build(tokenize(typed), " AND ", true, ends_with_space(typed)); }

std::string to_fts_any_query(const std::string& typed) { return build(tokenize(typed), " OR ", true, ends_with_space(typed)); }

Result<SearchResult> search_bundle(sql::Db& db, const SearchQuery& q, const std::string& channel) {
    SearchResult out;
    std::string match = to_fts_query(q.text);
    if (match.empty()) return out;
    // "title" matches first: bm25 weights title 10x; an exact title-word match
    // therefore outranks body mentions.
    auto hits = run(db, match, q, channel);
    if (!hits) return std::unexpected(hits.error());
    if (hits->empty() && tokenize(q.text).size() > 1) {
        auto any = run(db, to_fts_any_query(q.text), q, channel);
        if (!any) return std::unexpected(any.error());
        if (!any->empty()) out.fallback_note = "No result had all of your words, so these results have some of them.";
        hits = std::move(any);
    }
    out.hits = std::move(*hits);
    return out;
}

void merge_results(SearchResult& into, SearchResult&& other, std::size_t limit) {
    for (auto& h : other.hits) into.hits.push_back(std::move(h));
    std::stable_sort(into.hits.begin(), into.hits.end(), [](const SearchHit& a, const SearchHit& b) { return a.score > b.score; });
    if (into.hits.size() > limit) into.hits.resize(limit);
    if (into.fallback_note.empty()) into.fallback_note = other.fallback_note;
}

} // namespace content
