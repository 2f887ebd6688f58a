// FTS5 search with snippets and a fallback; see search.hpp.
#include "content/search.hpp"

#include <algorithm>
#include <cctype>

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

// Splits FTS5 snippet() output that marks matches with \x01 ... \x02.
void parse_snippet(const std::string& raw, SearchHit& hit) {
    std::size_t begin = 0;
    for (char c : raw) {
        if (c == '\x01') begin = hit.snippet.size();
        else if (c == '\x02') hit.highlights.emplace_back(begin, hit.snippet.size());
        else hit.snippet += (c == '\n') ? ' ' : c;
    }
}

Result<std::vector<SearchHit>> run(sql::Db& db, const std::string& match, const SearchQuery& q, const std::string& channel) {
    std::string sql_text =
        "SELECT kind, ref, title, snippet(search, 1, char(1), char(2), '…', 12), -bm25(search, 10.0, 1.0) AS score "
        "FROM search WHERE search MATCH ?1";
    if (!q.kind.empty()) sql_text += " AND kind = ?3";
    sql_text += " ORDER BY rank LIMIT ?2";
    auto st = db.prepare(sql_text);
    if (!st) return std::unexpected(st.error());
    st->bind(1, match).bind(2, static_cast<std::int64_t>(q.limit));
    if (!q.kind.empty()) st->bind(3, q.kind);
    std::vector<SearchHit> hits;
    for (;;) {
        auto row = st->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        SearchHit h;
        h.kind = st->text(0);
        h.ref = st->text(1);
        h.title = st->text(2);
        parse_snippet(st->text(3), h);
        h.score = st->real(4);
        h.channel = channel;
        hits.push_back(std::move(h));
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
