// The embedded demo: lint passes on its source, its bundles verify with the
// real minisign, it meets the minimums the issue sets, the demo key is only
// (the kiosk binary's part is in test_demo_kiosk.cpp).
#include "content/catalog.hpp"
#include "content/figures.hpp"
#include "content/lint.hpp"
#include "test_util.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <set>

using test::q;
using namespace content;

TEST_CASE("demo: lint passes on the demo sources") {
    for (auto part : {"board", "council"}) {
        auto r = lint_source(test::source_dir() / "content" / "demo" / part, FixSuggest::no);
        for (auto& f : r.findings) MESSAGE(f.code << " " << f.location << " " << f.message);
        CHECK(r.ok());
    }
}

TEST_CASE("demo: the built bundles verify with minisign -V") {
    for (auto part : {"board", "council"}) {
        auto r = test::run("minisign -V -m " + q(std::string(KIOSK_DEMO_DIR) + "/demo-" + part + ".kbundle") + " -p " +
                           q(test::source_dir() / "content/demo/DEMO-ONLY-signing.pub"));
        CHECK_MESSAGE(r.rc == 0, r.out);
    }
}

TEST_CASE("demo: the content meets the minimums") {
    auto c = Catalog::from_files({{"demo-board", KIOSK_DEMO_DIR "/demo-board.kbundle"}, {"demo-council", KIOSK_DEMO_DIR "/demo-council.kbundle"}});
    REQUIRE(c);
    std::size_t locs = 0;
    for (auto& l : c->localities()) locs += l.kind == "locality" ? 1 : 0;
    CHECK(locs >= 5);
    CHECK(locs <= 8);
    CHECK(c->indicators().size() >= 8);
    CHECK(c->periods().size() >= 6);
    bool england = false, c_cells = false;
    for (auto& l : c->localities()) england |= l.kind == "comparator";
    for (auto& i : c->indicators())
        for (auto& l : c->localities())
            for (auto& p : c->periods())
                if (auto v = c->value(i.id, l.id, p.id); v && v->marker == "[c]") c_cells = true;
    CHECK(england);
    CHECK(c_cells);
    // Figures at the scale of Bromley's 2012/13 activity.
    CHECK(c->value("contacts", "county", "2024-25")->value == 10069.0);
    CHECK(c->value("referrals", "county", "2024-25")->value == 2148.0);
    CHECK(c->value("cp_plans", "county", "2024-25")->value == 177.0);
    CHECK(c->value("cla", "county", "2024-25")->value == 286.0);
    CHECK(c->briefings().size() >= 3);
    std::set<std::string> kinds;
    for (auto& b : c->briefings()) {
        kinds.insert(b.kind);
        CHECK_MESSAGE(b.body_md.find("{{card:") != std::string::npos, b.id);
        CHECK_FALSE(b.sources.empty());
    }
    CHECK(kinds.count("board"));
    CHECK(kinds.count("locality"));
    CHECK(kinds.count("corporate-parenting"));
    std::map<std::string, int> per_tracker, rag;
    int overdue_n = 0;
    for (auto& i : c->tracker_items()) {
        per_tracker[i.tracker_id]++;
        rag[i.rag]++;
        overdue_n += overdue(i, "2026-11-22") ? 1 : 0;
    }
    CHECK(per_tracker["cag-14"] == 14);
    CHECK(per_tracker["laming"] == 4);
    CHECK(per_tracker["inspection"] >= 5);
    CHECK(rag.size() == 4);
    CHECK(overdue_n >= 2);
    CHECK(c->modules().size() >= 2);
    std::size_t slides = 0, notes = 0, questions = 0, images = 0;
    for (auto& m : c->modules())
        for (auto& s : m.module.slides) {
            ++slides;
            notes += s.notes.empty() ? 0 : 1;
            questions += s.question ? 1 : 0;
            images += s.image_id.empty() ? 0 : 1;
        }
    CHECK(slides >= 20);
    CHECK(notes >= 15);
    CHECK(questions >= 8);
    CHECK(images >= 1);
    CHECK(c->library().size() >= 15);
    bool long_doc = false, pages = false, past = false;
    for (auto& e : c->library()) {
        auto d = c->document(e.header.id);
        REQUIRE(d);
        long_doc |= d->body_md.size() > 50 * 1024;
        pages |= !d->pages.empty();
        past |= past_review(d->review_date, "2026-11-22");
        bool cited_or_own = !d->sources.empty() || d->organisation.find("Westmere") != std::string::npos;
        CHECK_MESSAGE(cited_or_own, d->id);
    }
    CHECK(long_doc);
    CHECK(pages);
    CHECK(past);
}

