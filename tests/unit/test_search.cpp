// Search: folding that agrees with the index, markdown to plain text with
// md4c, snippets without markup, Unicode highlighting, the type filter keeping
// title matches, all-words results first, spelling corrections, boosts,
// kiosk_bm25 agreeing with FTS5's bm25.
#include "content/bundle_reader.hpp"
#include "content/catalog.hpp"
#include "content/search.hpp"
#include "content/search_parse.hpp"
#include "content/search_rank.hpp"
#include "content/search_snippet.hpp"
#include "content/search_vocab.hpp"
#include "content/sqlite.hpp"
#include "content/text_fold.hpp"
#include "content/text_util.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>

using namespace content;

namespace {

Catalog demo() {
    auto c = Catalog::from_files({{"demo-board", KIOSK_DEMO_DIR "/demo-board.kbundle"}, {"demo-council", KIOSK_DEMO_DIR "/demo-council.kbundle"}});
    REQUIRE(c);
    return std::move(*c);
}

bool has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

} // namespace

TEST_CASE("folding: every code point up to U+017F splits and folds exactly as the index's unicode61 tokenizer") {
    auto db = sql::Db::open(":memory:", sql::OpenMode::read_write_create);
    REQUIRE(db);
    REQUIRE(db->exec("CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'unicode61 remove_diacritics 2');"
                     "CREATE VIRTUAL TABLE v USING fts5vocab(t, instance);"));
    auto ins = db->prepare("INSERT INTO t(rowid, x) VALUES (?1, ?2)");
    REQUIRE(ins);
    for (char32_t c = 0x20; c < 0x180; ++c) {
        std::string text = "q";
        append_utf8(text, c);
        text += "q";
        REQUIRE(ins->bind(1, static_cast<std::int64_t>(c)).bind(2, text).run());
    }
    std::map<std::int64_t, std::vector<std::string>> terms;
    auto st = db->prepare("SELECT doc, term FROM v ORDER BY doc, offset");
    REQUIRE(st);
    while (st->step().value()) terms[st->int64(0)].push_back(st->text(1));
    int checked = 0;
    for (char32_t c = 0x20; c < 0x180; ++c) {
        std::vector<std::string> expect;
        if (is_word_code_point(c)) {
            std::string w = "q";
            append_utf8(w, fold_code_point(c));
            expect = {w + "q"};
        } else {
            expect = {"q", "q"};
        }
        CHECK_MESSAGE(terms[static_cast<std::int64_t>(c)] == expect, "U+", std::hex, static_cast<unsigned>(c));
        ++checked;
    }
    CHECK(checked == 0x160);
    CHECK(fold_text("ÉVALUATION Naïve ŁÓDŹ") == "evaluation naive łodz");
}

TEST_CASE("markdown to plain text: the reader's parse - with no markup left") {
    std::string md = "# Heading *one*\n\nSome **bold** and _italic_ text with a [link](https://example.org/x) and `code`.\n\n"
                     "{{card:missing@county}}\n\n| Area | Count |\n| --- | --- |\n| Riverside | 12 |\n\n"
                     "- item one\n- item two\n\n![A chart of referrals](image:chart1)\n\nFish &amp; chips &copy; &#233;t&#xE9;\n\n---\n\n> quoted {{chart:cla@county}} words\n";
    std::string plain = markdown_to_plain(md);
    for (const char* bad : {"{{", "}}", "card:", "chart:", "---", "|", "**", "](", "#", "`", "&amp;", "&copy;", "image:"})
        CHECK_MESSAGE(plain.find(bad) == std::string::npos, bad, " in: ", plain);
    for (const char* good : {"Heading one", "bold", "italic", "link", "code", "Area Count", "Riverside 12", "item one", "A chart of referrals",
                             "Fish & chips", "été", "quoted", "words"})
        CHECK_MESSAGE(plain.find(good) != std::string::npos, good, " missing from: ", plain);
}

TEST_CASE("search: no markup reaches a snippet (embeds - table rules) in the demo") {
    auto cat = demo();
    for (const char* q : {"referrals", "county", "missing", "card", "plans", "contacts", "Riverside", "priorities"}) {
        auto r = cat.search({q, 50, ""});
        REQUIRE(r);
        for (auto& h : r->hits)
            for (const char* bad : {"{{", "}}", "card:", "--- ---", "|", "**"})
                CHECK_MESSAGE(h.snippet.find(bad) == std::string::npos, q, " ", h.ref, ": ", h.snippet);
    }
}

TEST_CASE("search: highlights fold case and diacritics as the index does") {
    ParsedQuery q = parse_query("evaluation organization cafe ");
    auto terms = highlight_terms(q);
    SearchHit hit;
    std::string body = "An Évaluation by the ORGANISATION at the Café, and a naïve reader.";
    make_snippet(body, terms, hit);
    std::vector<std::string> marked;
    for (auto& [a, b] : hit.highlights) marked.push_back(hit.snippet.substr(a, b - a));
    CHECK(marked == std::vector<std::string>{"Évaluation", "ORGANISATION", "Café"});
    auto title = match_ranges("ÉVALUATION", terms);
    REQUIRE(title.size() == 1);
    CHECK(title[0] == std::make_pair(std::size_t{0}, std::string("ÉVALUATION").size()));
}

TEST_CASE("search: spelling and plural forms") {
    CHECK(has(word_forms("organization", false), "organisation"));
    CHECK(has(word_forms("organisations", false), "organizations"));
    CHECK(has(word_forms("behavior", false), "behaviour"));
    CHECK(has(word_forms("programme", false), "program"));
    CHECK(has(word_forms("center", false), "centre") == false);  // center -> centre is left to "did you mean"
    CHECK(has(word_forms("centre", false), "center"));
    CHECK(has(word_forms("plans", false), "plan"));
    CHECK(has(word_forms("plan", false), "plans"));
    CHECK(has(word_forms("priority", true), "priorities"));
    CHECK(has(word_forms("children", false), "child"));
    CHECK(word_forms("for", false) == std::vector<std::string>{"for"});
    CHECK(to_fts_query("section 11 aud") == "\"section\" AND \"11\" AND \"aud\"*");
    CHECK(to_fts_query("x \"b c\"") == "\"x\" AND \"b c\"");
    CHECK(to_fts_query("the board of ") == "\"board\"");  // little words only count inside a phrase
    CHECK(to_fts_query("NEAR( ) * ^") == "\"near\"*");
    CHECK(to_fts_query("re-referrals") == "\"re referrals\"*");
    CHECK(to_fts_query("   ").empty());
}

TEST_CASE("search: edit distance counts a swap of neighbours as one edit and stops at its bound") {
    auto u = [](const char* s) {
        std::u32string o;
        for (const char* p = s; *p; ++p) o += static_cast<char32_t>(*p);
        return o;
    };
    CHECK(edit_distance(u("safegaurding"), u("safeguarding"), 2) == 1);
    CHECK(edit_distance(u("privat"), u("private"), 2) == 1);
    CHECK(edit_distance(u("kitten"), u("sitting"), 2) == 3);  // bound + 1
    CHECK(edit_distance(u("abc"), u("abc"), 1) == 0);
    CHECK(edit_distance(u("abcd"), u("badc"), 2) == 2);
}

TEST_CASE("search: the type filter keeps title matches (search_titles has no kind)") {
    auto cat = demo();
    auto all = cat.search({"private fostering", 10, ""});
    auto docs = cat.search({"private fostering", 10, "document"});
    REQUIRE(all);
    REQUIRE(docs);
    REQUIRE_FALSE(docs->hits.empty());
    CHECK(docs->hits[0].ref == "private-fostering-policy");
    // The filtered result keeps the title tier: the same score as unfiltered.
    CHECK(docs->hits[0].score == doctest::Approx(all->hits[0].score));
    for (auto& h : docs->hits) CHECK(h.kind == "document");
    auto slides = cat.search({"corporate parenting", 20, "slide"});
    REQUIRE(slides);
    REQUIRE_FALSE(slides->hits.empty());
    for (auto& h : slides->hits) CHECK(h.kind == "slide");
    CHECK(slides->hits[0].title.find("Corporate parenting") != std::string::npos);  // a title match, first
}

TEST_CASE("search: all the words first - across bundles and no fallback note when some result has them") {
    auto cat = demo();
    auto r = cat.search({"riverside looked after", 10, ""});
    REQUIRE(r);
    REQUIRE_FALSE(r->hits.empty());
    CHECK(r->hits[0].ref == "locality-riverside-2025");
    CHECK(r->hits[0].all_words);
    CHECK(r->fallback_note.empty());
    bool seen_some = false;
    for (auto& h : r->hits) {
        if (!h.all_words) seen_some = true;
        else CHECK_FALSE(seen_some);  // never an all-words hit after a some-words one
    }
}

TEST_CASE("search: a word that matches nothing is corrected from the bundle's own words - exact spelling is kept on request") {
    auto cat = demo();
    auto r = cat.search({"safegaurding", 10, ""});
    REQUIRE(r);
    REQUIRE(r->corrections.size() == 1);
    CHECK(r->corrections[0].typed == "safegaurding");
    CHECK(r->corrections[0].used == "safeguarding");
    CHECK(r->searched_for == "safeguarding");
    CHECK_FALSE(r->hits.empty());
    SearchQuery exact{"safegaurding", 10, ""};
    exact.spelling = Spelling::exact;
    auto e = cat.search(exact);
    REQUIRE(e);
    CHECK(e->hits.empty());
    CHECK(e->corrections.empty());
    auto none = cat.search({"zzzzqqq", 5, ""});
    REQUIRE(none);
    CHECK(none->hits.empty());
    CHECK(none->corrections.empty());
    auto fallback = cat.search({"neglect zebra", 5, ""});  // zebra has no near word: some-words fallback, said so
    REQUIRE(fallback);
    CHECK_FALSE(fallback->hits.empty());
    CHECK_FALSE(fallback->fallback_note.empty());
}

TEST_CASE("search: the visitor's locality and current review dates give small boosts") {
    auto cat = demo();
    SearchQuery q{"annual locality item", 10, ""};
    q.today = "2026-11-22";
    auto plain = cat.search(q);
    q.locality = "riverside";
    auto boosted = cat.search(q);
    REQUIRE(plain);
    REQUIRE(boosted);
    auto score_of = [](const SearchResult& r, const std::string& ref) {
        for (auto& h : r.hits)
            if (h.ref == ref) return h.score;
        return -1.0;
    };
    CHECK(score_of(*boosted, "locality-riverside-2025") > score_of(*plain, "locality-riverside-2025"));
    // A past-review document scores less than when its review date is still ahead.
    SearchQuery early{"private fostering", 10, "document"};
    early.today = "2020-01-01";
    SearchQuery late = early;
    late.today = "2026-11-22";  // the policy's review date (2024-03-01) has passed
    CHECK(cat.search(early)->hits[0].score > cat.search(late)->hits[0].score);
}

TEST_CASE("search: search_files searches bundle files without a catalog") {
    auto r = search_files({{"demo-board", KIOSK_DEMO_DIR "/demo-board.kbundle"}}, {"privat fostring", 5, ""});
    REQUIRE(r);
    REQUIRE_FALSE(r->hits.empty());
    CHECK(r->hits[0].ref == "private-fostering-policy");
    CHECK_FALSE(r->corrections.empty());
}

// Every row's kiosk_bm25 against FTS5's bm25 for the same MATCH: `phrases`
// is what the search passes, or a list that does not fit the query. Returns the rows compared.
static int compare_bm25(BundleReader& reader, const std::string& table, const std::string& match, const std::string& phrases, const char* weights) {
    const std::string sql = "SELECT bm25(" + table + weights + "), kiosk_bm25(" + table + ", ?2" + weights + ") FROM " + table + " WHERE " + table +
                            " MATCH ?1";
    auto st = reader.db().prepare(sql);
    REQUIRE(st);
    st->bind(1, match).bind(2, phrases);
    int rows = 0;
    for (;;) {
        auto row = st->step();
        REQUIRE(row);
        if (!*row) return rows;
        const double fts5 = st->real(0), ours = st->real(1);
        INFO(table << " MATCH " << match << " row " << rows);
        CHECK(fts5 < 0);
        CHECK(std::abs(fts5 - ours) <= 1e-12 * std::abs(fts5));  // bit for bit on x86-64; a fused multiply-add elsewhere may move the last bit
        ++rows;
    }
}

TEST_CASE("search: kiosk_bm25 gives FTS5's bm25 - each phrase's row count read then kept - or read again when the phrases do not fit") {
    auto reader = BundleReader::open(KIOSK_DEMO_DIR "/demo-board.kbundle");
    REQUIRE(reader);
    REQUIRE(reader->rank().install(reader->db()));
    REQUIRE(reader->rank().install(reader->db()));  // once only
    for (const char* typed : {"children ", "looked after children ", "safeguarding board annual ", "the child's voice ", "corp", "the of "}) {
        const ParsedQuery pq = parse_query(typed);
        const std::string match = fts_all(pq);
        for (int pass = 0; pass < 2; ++pass) {  // counts read, then kept
            CHECK(compare_bm25(*reader, "search", match, rank_phrases("search", fts_phrases(pq)), ", 10.0, 1.0") > 0);
            CHECK(compare_bm25(*reader, "search_titles", match, rank_phrases("search_titles", fts_phrases(pq)), "") >= 0);
            CHECK(compare_bm25(*reader, "search", fts_any(pq), rank_phrases("search", fts_phrases(pq)), ", 10.0, 1.0") > 0);
        }
        CHECK(reader->rank().find("search", fts_phrases(pq)[0]) != nullptr);
        // Seven phrases: none of these queries has seven, so the counts are read and not kept.
        const std::vector<std::string> unfit{"\"not\"", "\"these\"", "\"c\"", "\"d\"", "\"e\"", "\"f\"", "\"g\""};
        REQUIRE(fts_phrases(pq).size() != unfit.size());
        CHECK(compare_bm25(*reader, "search", match, rank_phrases("search", unfit), ", 10.0, 1.0") > 0);
    }
    CHECK(reader->rank().find("search", "\"not\"") == nullptr);  // a list that does not fit is never kept
}
