// FTS5 search: candidates, tiers, boosts, corrections; see search.hpp and
// search_engine.hpp.
//
// Ranking. Ranking every match (ORDER BY rank) costs time in proportion to the
// number of matches, thousands for common words, so each query gathers a
// bounded set of candidates instead and ranks those:
//   - title matches from the small contentless `search_titles` index (at most
//     50), so a title with all the words is never missed;
//   - the first 100 rows (in rowid order) with all the words, scored by bm25
//     with the title weighted 10 and the body 1 (kiosk_bm25, search_rank.hpp);
//   - for two or more words, which of those 100 have them as one phrase
//     (rowids only, read downward from the last of the 100: bounded like
//     the rest);
//   - when fewer than `limit` rows have all the words, the first 100 with any.
// Candidates are ordered by tier (all the words > some; then phrase; then all
// the words in the title) and within a tier by that tier's bm25. The best
// `limit + 10` (one slide per training module) are re-scored so that bundles
// compare: bm25 relative to the bundle's best in the tier, raised by the share
// of the words in the title and by small boosts (a briefing about the
// visitor's locality, anything not past review; a slide counts 0.8, as bm25
// favours its few lines over a whole document), and re-ordered. Results are exact whenever a
// query matches fewer rows than the bounds.
#include "content/bundle_reader.hpp"
#include "content/figures.hpp"
#include "content/search.hpp"
#include "content/search_engine.hpp"
#include "content/search_parse.hpp"
#include "content/search_snippet.hpp"
#include "content/search_vocab.hpp"
#include "content/sqlite.hpp"

#include <algorithm>
#include <ctime>
#include <map>
#include <memory>

// Returns the error of a failed Status from the enclosing function.
#define TRY_STATUS(expr)                                   \
    if (auto status_ = (expr); !status_) {                 \
        return std::unexpected(status_.error());           \
    }

namespace content {
namespace {

constexpr int k_title_candidates = 50;
constexpr int k_body_candidates = 100;
constexpr int k_any_candidates = 100;
constexpr std::size_t k_boost_window = 10;   // rows beyond `limit` that boosts may lift
constexpr double k_locality_boost = 1.25;    // a briefing about the visitor's locality
constexpr double k_current_boost = 1.1;      // not past its review date
constexpr double k_slide_weight = 0.8;       // a slide is a few lines: short texts win bm25, so they would crowd out documents
constexpr double k_tier_step = 1000.0;       // scores within a tier stay below this

struct Candidate {
    std::int64_t rowid = 0;
    bool all = false, phrase = false, title = false, in_body = false;
    double and_score = 0, title_score = 0, any_score = 0;
    [[nodiscard]] int tier() const { return all ? 4 + (phrase ? 2 : 0) + (title ? 1 : 0) : 0; }
    // Each tier's scores come from one query, so they compare within it.
    [[nodiscard]] double inner() const { return phrase ? and_score : title ? title_score : all ? and_score : any_score; }
    // Comparable across bundles: bm25 depends on each bundle's own document
    // counts (a three-row bundle gives common words almost no weight), so the
    // tier's score is taken relative to the bundle's best in that tier, then
    // raised by the share of the words in the title and by the boosts.
    [[nodiscard]] double score(double tier_best, double title_share, double boost) const {
        double relative = tier_best > 0 ? inner() / tier_best : 1.0;
        return tier() * k_tier_step + std::min(100.0 * relative * (1.0 + title_share) * boost, k_tier_step - 1);
    }
};

// titles: search_titles with bm25; body: search with bm25, the title weighted
// 10 and the body 1; rows: search, rowids only, up to a rowid (no bm25: its
// document frequencies would make FTS5 find every match of the phrase).
enum class Index { titles, body, rows };

// Runs one bounded MATCH and hands each (rowid, score) to `fn`.
// The scores are FTS5's bm25 (kiosk_bm25: the same numbers, with each
// phrase's row count kept per reader; search_rank.hpp); `phrases` are the
// MATCH expression's (fts_phrases).
template <class Fn>
Status collect(BundleReader& reader, Index index, const std::string& match, const std::string& kind, int limit, Fn&& fn,
               const std::vector<std::string>& phrases, std::int64_t max_rowid = 0) {
    std::string sql = index == Index::titles ? "SELECT rowid, -kiosk_bm25(search_titles, ?5) FROM search_titles WHERE search_titles MATCH ?1"
                      : index == Index::body ? "SELECT rowid, -kiosk_bm25(search, ?5, 10.0, 1.0) FROM search WHERE search MATCH ?1"
                                             : "SELECT rowid, 0.0 FROM search WHERE search MATCH ?1 AND rowid <= ?4";
    // search_titles is contentless: its kind column is always NULL, so the
    // type filter reads the kind of the same rowid from `search`.
    if (!kind.empty())
        sql += index == Index::titles ? " AND (SELECT kind FROM search WHERE search.rowid = search_titles.rowid) = ?3" : " AND kind = ?3";
    // FTS5 (3.40) applies a rowid's upper bound only after it has found a
    // match beyond it, so an ascending scan for a phrase that is rare past
    // the bound reads the rest of the index (a phrase with "the" or three
    // words: 140 million instructions). Descending, the bound is where the
    // scan starts, and below the first candidate no row has all the words.
    if (index == Index::rows) sql += " ORDER BY rowid DESC";
    sql += " LIMIT ?2";
    auto prepared = reader.statement(sql);
    if (!prepared) return std::unexpected(prepared.error());
    sql::Stmt* st = *prepared;
    st->bind(1, match).bind(2, static_cast<std::int64_t>(limit));
    if (!kind.empty()) st->bind(3, kind);
    if (index == Index::rows) st->bind(4, max_rowid);
    else st->bind(5, rank_phrases(index == Index::titles ? "search_titles" : "search", phrases));
    for (;;) {
        auto row = st->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) return {};
        fn(st->int64(0), st->real(1));
    }
}

Result<std::vector<Candidate>> candidates(BundleReader& db, const ParsedQuery& pq, const SearchQuery& q) {
    std::map<std::int64_t, Candidate> by_row;
    auto at = [&](std::int64_t rowid) -> Candidate& {
        auto& c = by_row[rowid];
        c.rowid = rowid;
        return c;
    };
    TRY_STATUS(db.rank().install(db.db()));
    const std::string all = fts_all(pq);
    const std::vector<std::string> phrases = fts_phrases(pq);
    TRY_STATUS(collect(db, Index::titles, all, q.kind, k_title_candidates, [&](std::int64_t r, double s) {
        auto& c = at(r);
        c.all = c.title = true;
        c.title_score = s;
    }, phrases));
    std::int64_t last_body = 0;
    TRY_STATUS(collect(db, Index::body, all, q.kind, k_body_candidates, [&](std::int64_t r, double s) {
        auto& c = at(r);
        c.all = true;
        c.in_body = true;
        c.and_score = s;
        last_body = std::max(last_body, r);
    }, phrases));
    // Which of those rows have the words as one phrase: the phrase matches
    // among them are all at or below the last one's rowid.
    if (std::string phrase = fts_phrase(pq); !phrase.empty() && last_body > 0)
        TRY_STATUS(collect(db, Index::rows, phrase, q.kind, k_body_candidates, [&](std::int64_t r, double) {
            if (auto it = by_row.find(r); it != by_row.end() && it->second.in_body) it->second.phrase = true;
        }, {}, last_body));
    if (by_row.size() < q.limit && pq.terms.size() > 1)
        TRY_STATUS(collect(db, Index::body, fts_any(pq), q.kind, k_any_candidates, [&](std::int64_t r, double s) { at(r).any_score = s; }, phrases));
    std::vector<Candidate> out;
    out.reserve(by_row.size());
    for (auto& [r, c] : by_row) out.push_back(c);
    std::sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) {
        if (a.tier() != b.tier()) return a.tier() > b.tier();
        return a.inner() != b.inner() ? a.inner() > b.inner() : a.rowid < b.rowid;
    });
    return out;
}

// The boosts: a briefing about the visitor's locality, and anything not
// past its review date (only documents have one). Statements are prepared
// once per search.
class Booster {
public:
    static Result<Booster> make(BundleReader& reader) {
        auto loc = reader.statement("SELECT coalesce(locality_id, '') FROM briefings WHERE id = ?1");
        if (!loc) return std::unexpected(loc.error());
        auto rev = reader.statement("SELECT coalesce(review_date, '') FROM documents WHERE id = ?1");
        if (!rev) return std::unexpected(rev.error());
        return Booster(*loc, *rev);
    }
    Result<double> boost(const std::string& kind, const std::string& ref, const SearchQuery& q, const std::string& today) {
        double boost = 1.0;
        if (kind == "briefing" && !q.locality.empty()) {
            auto loc = first_text(*m_locality, ref);
            if (!loc) return std::unexpected(loc.error());
            if (*loc == q.locality) boost *= k_locality_boost;
        }
        std::string review;
        if (kind == "document") {
            auto r = first_text(*m_review, ref);
            if (!r) return std::unexpected(r.error());
            review = std::move(*r);
        }
        if (!past_review(review, today)) boost *= k_current_boost;
        if (kind == "slide") boost *= k_slide_weight;
        return boost;
    }

private:
    Booster(sql::Stmt* loc, sql::Stmt* rev) : m_locality(loc), m_review(rev) {}
    static Result<std::string> first_text(sql::Stmt& st, const std::string& key) {
        st.bind(1, key);
        auto row = st.step();
        std::string v = row && *row ? st.text(0) : std::string();
        st.reset();
        if (!row) return std::unexpected(row.error());
        return v;
    }
    sql::Stmt* m_locality;  // owned by the reader
    sql::Stmt* m_review;
};

// A ranked hit before its snippet: snippets are made only for the hits that
// are finally shown (not for those cut when bundles merge, nor for a search
// that a spelling correction replaces).
struct Found {
    SearchHit hit;
    std::int64_t rowid = 0;
    BundleReader* reader = nullptr;
};

Result<std::vector<Found>> search_one(BundleReader& reader, const ParsedQuery& pq, const SearchQuery& q, const std::string& channel,
                                      const std::string& today) {
    auto cands = candidates(reader, pq, q);
    if (!cands) return std::unexpected(cands.error());
    const auto terms = highlight_terms(pq);
    auto fetch = reader.statement("SELECT kind, ref, title FROM search WHERE rowid = ?1");
    if (!fetch) return std::unexpected(fetch.error());
    sql::Stmt* st = *fetch;
    auto booster = Booster::make(reader);
    if (!booster) return std::unexpected(booster.error());
    std::map<int, double> tier_best;  // candidates are sorted: the first of each tier is its best
    for (const auto& c : *cands) tier_best.try_emplace(c.tier(), c.inner());
    std::vector<Found> rows;
    std::vector<std::string> modules;  // one result per training module: its best slide
    for (std::size_t i = 0; i < cands->size() && rows.size() < q.limit + k_boost_window; ++i) {
        const Candidate& c = (*cands)[i];
        st->bind(1, c.rowid);
        auto row = st->step();
        if (!row) return std::unexpected(row.error());
        if (*row) {
            Found r;
            r.hit.kind = st->text(0);
            r.hit.ref = st->text(1);
            r.hit.title = st->text(2);
            std::string module = r.hit.kind == "slide" ? r.hit.ref.substr(0, r.hit.ref.find(':')) : std::string();
            if (module.empty() || std::find(modules.begin(), modules.end(), module) == modules.end()) {
                if (!module.empty()) modules.push_back(module);
                r.rowid = c.rowid;
                r.reader = &reader;
                auto boost = booster->boost(r.hit.kind, r.hit.ref, q, today);
                if (!boost) return std::unexpected(boost.error());
                r.hit.score = c.score(tier_best[c.tier()], term_coverage(r.hit.title, terms), *boost);
                r.hit.all_words = c.all;
                r.hit.channel = channel;
                rows.push_back(std::move(r));
            }
        }
        st->reset();
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Found& a, const Found& b) { return a.hit.score > b.hit.score; });
    if (rows.size() > q.limit) rows.resize(q.limit);
    return rows;
}

Result<std::vector<Found>> search_all(const std::vector<ReaderRef>& readers, const ParsedQuery& pq, const SearchQuery& q, const std::string& today) {
    std::vector<Found> all;
    for (const auto& r : readers) {
        auto one = search_one(*r.reader, pq, q, r.channel, today);
        if (!one) return std::unexpected(one.error());
        for (auto& h : *one) all.push_back(std::move(h));
    }
    std::stable_sort(all.begin(), all.end(), [](const Found& a, const Found& b) { return a.hit.score > b.hit.score; });
    if (all.size() > q.limit) all.resize(q.limit);
    return all;
}

// Snippets are made here from the stored text: FTS5's snippet() re-runs the
// whole query for each row, which cost more than the search itself. Only the
// bodies of the hits shown are read.
Result<std::vector<SearchHit>> with_snippets(std::vector<Found>& found, const ParsedQuery& pq) {
    const auto terms = highlight_terms(pq);
    std::vector<SearchHit> hits;
    for (auto& f : found) {
        auto body = f.reader->statement("SELECT body FROM search WHERE rowid = ?1");
        if (!body) return std::unexpected(body.error());
        sql::Stmt* st = *body;
        st->bind(1, f.rowid);
        auto row = st->step();
        if (!row) return std::unexpected(row.error());
        if (*row) make_snippet(st->text(0), terms, f.hit);
        st->reset();
        f.hit.title_highlights = match_ranges(f.hit.title, terms);
        hits.push_back(std::move(f.hit));
    }
    return hits;
}

Result<bool> matches_anything(BundleReader& r, const QueryTerm& t) {
    auto st = r.statement("SELECT rowid FROM search WHERE search MATCH ?1 LIMIT 1");
    if (!st) return std::unexpected(st.error());
    (*st)->bind(1, fts_term(t));
    auto row = (*st)->step();
    (*st)->reset();
    return row;
}

// Replaces each bare word of four or more letters that matches nothing in any
// bundle with the nearest indexed word. Returns the corrections made (none
// when no word needed one or none had a near word).
Result<std::vector<Correction>> correct(const std::vector<ReaderRef>& readers, ParsedQuery& pq) {
    std::vector<Correction> out;
    for (auto& t : pq.terms) {
        if (t.phrase || t.stop) continue;
        bool found = false;
        for (const auto& r : readers) {
            auto m = matches_anything(*r.reader, t);
            if (!m) return std::unexpected(m.error());
            found = found || *m;
        }
        if (found) continue;
        std::map<std::string, Suggestion> merged;  // one word's documents summed over bundles
        for (const auto& r : readers) {
            auto near = r.reader->vocabulary().nearest(r.reader->db(), t.forms[0], t.prefix, 4);
            if (!near) return std::unexpected(near.error());
            for (auto& s : *near) {
                auto [it, fresh] = merged.try_emplace(s.word, s);
                if (!fresh) it->second.documents += s.documents;
            }
        }
        if (merged.empty()) continue;
        std::vector<Suggestion> best;
        for (auto& [w, s] : merged) best.push_back(s);
        std::sort(best.begin(), best.end(), [](const Suggestion& a, const Suggestion& b) {
            return a.distance != b.distance ? a.distance < b.distance : a.documents != b.documents ? a.documents > b.documents : a.word < b.word;
        });
        Correction c{t.typed, best[0].word, {}};
        for (std::size_t i = 1; i < best.size() && i < 4; ++i) c.others.push_back(best[i].word);
        t.typed = best[0].word;
        t.prefix = false;
        t.forms = word_forms(best[0].word, false);
        out.push_back(std::move(c));
    }
    return out;
}

} // namespace

std::string to_fts_query(const std::string& typed) {
    ParsedQuery pq = parse_query(typed);
    for (auto& t : pq.terms) t.forms.resize(1);
    return fts_all(pq);
}

Result<SearchResult> search_readers(const std::vector<ReaderRef>& readers, const SearchQuery& q) {
    SearchResult out;
    ParsedQuery pq = parse_query(q.text);
    if (pq.empty() || q.limit == 0) return out;
    const std::string today = q.today.empty() ? iso_date(static_cast<std::int64_t>(std::time(nullptr))) : q.today;
    auto hits = search_all(readers, pq, q, today);
    if (!hits) return std::unexpected(hits.error());
    const ParsedQuery* shown = &pq;
    ParsedQuery fixed = pq;
    bool any_all = std::any_of(hits->begin(), hits->end(), [](const Found& f) { return f.hit.all_words; });
    if (!any_all && q.spelling == Spelling::correct) {
        auto corrections = correct(readers, fixed);
        if (!corrections) return std::unexpected(corrections.error());
        if (!corrections->empty()) {
            auto again = search_all(readers, fixed, q, today);
            if (!again) return std::unexpected(again.error());
            if (!again->empty()) {
                hits = std::move(again);
                shown = &fixed;
                out.corrections = std::move(*corrections);
                out.searched_for = query_text(fixed);
            }
        }
    }
    auto with = with_snippets(*hits, *shown);
    if (!with) return std::unexpected(with.error());
    out.hits = std::move(*with);
    if (!out.hits.empty() && std::none_of(out.hits.begin(), out.hits.end(), [](const SearchHit& h) { return h.all_words; }))
        out.fallback_note = "No result had all of your words, so these results have some of them.";
    return out;
}

Result<SearchResult> search_files(const std::vector<std::pair<std::string, std::filesystem::path>>& channel_files, const SearchQuery& q) {
    std::vector<std::unique_ptr<BundleReader>> open;
    std::vector<ReaderRef> refs;
    for (const auto& [channel, path] : channel_files) {
        auto r = BundleReader::open(path);
        if (!r) return std::unexpected(r.error());
        open.push_back(std::make_unique<BundleReader>(std::move(*r)));
        refs.push_back(ReaderRef{channel, open.back().get()});
    }
    return search_readers(refs, q);
}

} // namespace content

#undef TRY_STATUS
