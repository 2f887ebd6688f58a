// Content features behind the views: figures (display guard, polarity),
// search (ranking, prefix, phrase, fallback, snippets), review dates, the
// admin PIN, and signed export of training records.
#include "content/state_db.hpp"
#include "content/catalog.hpp"
#include "content/disclosure.hpp"
#include "content/figures.hpp"
#include "content/trends.hpp"
#include "content/pin_store.hpp"
#include "content/records.hpp"
#include "content/search.hpp"
#include "content/source_folder.hpp"
#include "content/file_io.hpp"
#include "test_util.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace content;

namespace {
Catalog demo_catalog() {
    auto c = Catalog::from_files({{"demo-board", KIOSK_DEMO_DIR "/demo-board.kbundle"}, {"demo-council", KIOSK_DEMO_DIR "/demo-council.kbundle"}});
    REQUIRE_MESSAGE(c.has_value(), (c ? "" : c.error().line()));
    return std::move(*c);
}
Indicator count_indicator() {
    Indicator i;
    i.id = "n";
    i.unit = Unit::count;
    return i;
}
} // namespace

TEST_CASE("display guard: a small count that slipped through is shown as [c] and flagged") {
    Value v;
    v.value = 3;
    auto s = shown_value(&v, count_indicator(), 5);
    CHECK_FALSE(s.value);
    CHECK(s.marker == "[c]");
    CHECK(s.guarded);
    v.value = 0;
    CHECK(shown_value(&v, count_indicator(), 5).value == 0.0);
    v.value = 6;
    CHECK(shown_value(&v, count_indicator(), 5).value == 6.0);
    v.value = 7;
    CHECK(shown_value(&v, count_indicator(), 10).guarded);  // a raised threshold
    Indicator rate = count_indicator();
    rate.unit = Unit::percent;
    v.value = 3.5;
    CHECK(shown_value(&v, rate, 5).value == 3.5);  // percentages are not counts
    CHECK(shown_value(nullptr, rate, 5).marker == "[x]");
}

TEST_CASE("polarity: up is not always good") {
    Shown a{10.0, "", false}, b{12.0, "", false}, c{std::nullopt, "[c]", false};
    CHECK(compute_change(a, b, Polarity::higher_is_better).words == "Up, better");
    CHECK(compute_change(a, b, Polarity::lower_is_better).words == "Up, worse");
    CHECK(compute_change(b, a, Polarity::lower_is_better).words == "Down, better");
    CHECK(compute_change(b, a, Polarity::higher_is_better).judgement == Judgement::worse);
    CHECK(compute_change(a, b, Polarity::neutral).words == "Up");
    CHECK(compute_change(a, a, Polarity::higher_is_better).words == "No change");
    CHECK(compute_change(a, c, Polarity::neutral).words == "Not comparable");
}

TEST_CASE("demo figures: every count in 1..5 is suppressed - and the trend carries markers") {
    auto cat = demo_catalog();
    auto pts = trend(cat, "cp_plans", "westbrook");
    REQUIRE(pts.size() == 6);
    int markers = 0;
    for (auto& p : pts) {
        if (!p.shown.value) ++markers;
        else CHECK_FALSE(must_hide_count(*p.shown.value));
    }
    CHECK(markers >= 1);
    CHECK(latest_period(cat, "cla") == "2024-25");
    CHECK(previous_period(cat, "2024-25") == "2023-24");
}

TEST_CASE("search: the title match ranks first") {
    auto cat = demo_catalog();
    auto r = cat.search({"private fostering", 5, ""});
    REQUIRE(r);
    REQUIRE_FALSE(r->hits.empty());
    CHECK(r->hits[0].ref == "private-fostering-policy");
}

TEST_CASE("search: prefix on the last word and phrases in quotes") {
    auto cat = demo_catalog();
    auto prefix = cat.search({"fost", 5, ""});
    REQUIRE(prefix);
    CHECK_FALSE(prefix->hits.empty());
    auto phrase = cat.search({"\"independent chair\"", 20, ""});
    REQUIRE(phrase);
    REQUIRE_FALSE(phrase->hits.empty());
    for (auto& h : phrase->hits) {
        std::string s = h.snippet + " " + h.title;
        for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        CHECK_MESSAGE(s.find("independent") != std::string::npos, h.ref);
    }
    auto typed = to_fts_query("section 11 aud");
    CHECK(typed == "\"section\" AND \"11\" AND \"aud\"*");
    CHECK(to_fts_query("x \"b c\"") == "\"x\" AND \"b c\"");
    CHECK(to_fts_query("the board of ") == "\"board\"");  // little words only count inside a phrase
    CHECK(to_fts_query("NEAR( ) * ^") == "\"near\"*");
    CHECK(to_fts_query("   ").empty());
}

TEST_CASE("search: the fallback drops to any word and says so - type filter works") {
    auto cat = demo_catalog();
    auto r = cat.search({"neglect zebra", 5, ""});
    REQUIRE(r);
    CHECK_FALSE(r->hits.empty());
    CHECK_FALSE(r->fallback_note.empty());
    auto slides = cat.search({"board", 50, "slide"});
    REQUIRE(slides);
    REQUIRE_FALSE(slides->hits.empty());
    for (auto& h : slides->hits) CHECK(h.kind == "slide");
    auto none = cat.search({"zzzzqqq", 5, ""});
    REQUIRE(none);
    CHECK(none->hits.empty());
}

TEST_CASE("search: snippets carry highlight ranges over the matched words") {
    auto cat = demo_catalog();
    auto r = cat.search({"neglect", 3, ""});
    REQUIRE(r);
    REQUIRE_FALSE(r->hits.empty());
    for (auto& h : r->hits) {
        REQUIRE_FALSE(h.highlights.empty());
        for (auto& [a, b] : h.highlights) {
            std::string word = h.snippet.substr(a, b - a);
            for (auto& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            CHECK(word.find("neglect") == 0);
        }
    }
}

TEST_CASE("review dates: past-review flags - and the demo has at least one") {
    CHECK(past_review("2024-03-01", "2026-11-22"));
    CHECK_FALSE(past_review("2027-04-01", "2026-11-22"));
    CHECK_FALSE(past_review("", "2026-11-22"));
    auto cat = demo_catalog();
    int past = 0;
    for (auto& e : cat.library()) past += past_review(e.header.review_date, "2026-11-22") ? 1 : 0;
    CHECK(past >= 1);
}

TEST_CASE("links: doc: and image: references are resolved at build time") {
    CHECK(doc_refs("see [x](doc:abc) and [y](doc:def)") == std::vector<std::string>{"abc", "def"});
    CHECK(image_refs("![a](image:chart) ![b](http://x)") == std::vector<std::string>{"chart"});
    auto cat = demo_catalog();
    CHECK(cat.document("working-together-2013").has_value());
    CHECK(cat.document("nope").error().reason == Reason::not_found);
    CHECK(cat.image("board-partners").has_value());
}

TEST_CASE("admin PIN: wrong PINs back off - the count is written before checking - lockout survives restart and clock changes") {
    test::TempDir t;
    static std::int64_t fake_ms = 1000;
    {
        auto s = StateStore::open(t.path());
        REQUIRE(s);
        PinStore p(*s);
        p.monotonic_ms = [] { return fake_ms; };
        p.boot_id_override = "boot-1";
        CHECK(p.check("1234").error().reason == Reason::not_found);
        CHECK(p.set_pin("12").error().reason == Reason::usage);
        REQUIRE(p.set_pin("2468"));
        CHECK(p.check("2468").has_value());
        for (int i = 0; i < 3; ++i) CHECK(p.check("0000").error().reason == Reason::pin);
        CHECK(p.failures().value() == 3);
        // Locked now: even the right PIN is refused until the backoff passes.
        CHECK(p.check("2468").error().reason == Reason::locked);
        fake_ms += 1500;
        CHECK(p.check("2468").error().reason == Reason::locked);
        fake_ms += 1000;
        CHECK(p.check("0000").error().reason == Reason::pin);  // 4 failures: 4 s
        CHECK(p.locked_for().value() == 4);
    }
    {
        // A restart (new boot, monotonic clock back at zero): the lockout is still there.
        auto s = StateStore::open(t.path());
        PinStore p(*s);
        fake_ms = 0;
        p.monotonic_ms = [] { return fake_ms; };
        p.boot_id_override = "boot-2";
        CHECK(p.locked_for().value() == 4);
        CHECK(p.check("2468").error().reason == Reason::locked);
        fake_ms += 4100;
        CHECK(p.check("2468").has_value());
        CHECK(p.failures().value() == 0);
    }
    CHECK(pin_backoff_seconds(2) == 0);
    CHECK(pin_backoff_seconds(3) == 2);
    CHECK(pin_backoff_seconds(50) == 900);
}

TEST_CASE("admin PIN: lockout after 100 consecutive failures") {
    test::TempDir t;
    auto s = StateStore::open(t.path());
    REQUIRE(s);
    REQUIRE(content::state_db(*s).exec("CREATE TABLE IF NOT EXISTS admin_pin(id INTEGER PRIMARY KEY CHECK (id = 1), hash TEXT NOT NULL, failures INTEGER NOT NULL DEFAULT 0, lock_remaining_ms INTEGER NOT NULL DEFAULT 0, lock_seen_ms INTEGER NOT NULL DEFAULT 0, boot_id TEXT NOT NULL DEFAULT '')"));
    PinStore p(*s);
    REQUIRE(p.set_pin("2468"));
    REQUIRE(content::state_db(*s).exec("UPDATE admin_pin SET failures=100"));
    auto r = p.check("2468");
    REQUIRE_FALSE(r);
    CHECK(r.error().reason == Reason::locked);
}

namespace {
std::string sample_record() {
    return R"({"module_id":"member-safeguarding","module_version":1,"channel":"demo-board","trainer":"A Trainer","started_at":"2026-11-22T10:00:00Z","ended_at":"2026-11-22T11:30:00Z","slides_shown":16,"attendees":23,"tallies":[{"slide":3,"counts":[1,20,2,0]}]})";
}
} // namespace

TEST_CASE("export: CSV and JSON records and the audit log - each signed and checked with minisign -V") {
    test::TempDir t;
    auto s = StateStore::open(t / "data");
    REQUIRE(s);
    REQUIRE(save_session_record(*s, sample_record(), {}));
    CHECK(pending_exports(*s).value() == 1);
    std::filesystem::create_directories(t / "stick");
    auto r = export_records(*s, t / "stick", KeepRegister::no);
    REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().line()));
    CHECK(r->records == 1);
    CHECK(r->files.size() == 4);  // records csv + json, audit log, status (no register)
    auto pub = t / "data" / "device.pub";
    for (auto& f : r->files) {
        auto v = test::run("minisign -V -m " + test::q(f) + " -p " + test::q(pub));
        CHECK_MESSAGE(v.rc == 0, (f.string() + ": " + v.out));
    }
    CHECK(pending_exports(*s).value() == 0);
    auto json = test::read_all(r->files[1]);
    auto j = nlohmann::json::parse(json);
    CHECK(j[0]["attendees"] == 23);
    CHECK(j[0]["tallies"][0]["counts"][1] == 20);
    // Tampering is detected by minisign.
    test::write_all(r->files[0], test::read_all(r->files[0]) + "x");
    CHECK(test::run("minisign -V -m " + test::q(r->files[0]) + " -p " + test::q(pub)).rc != 0);
}

TEST_CASE("export: a record is not marked exported when a write fails") {
    test::TempDir t;
    auto s = StateStore::open(t / "data");
    REQUIRE(s);
    REQUIRE(save_session_record(*s, sample_record(), {{"Pat Example", "Health visiting"}}));
    std::filesystem::create_directories(t / "stick");
    static int writes = 0;
    writes = 0;
    set_export_writer([](const std::filesystem::path& p, std::string_view d) -> Status {
        if (++writes == 3) return fail(Reason::no_space, "The USB stick is full.");
        return file_io::write_file_atomic(p, d);
    });
    auto r = export_records(*s, t / "stick", KeepRegister::no);
    set_export_writer(nullptr);
    REQUIRE_FALSE(r);
    CHECK(r.error().reason == Reason::no_space);
    CHECK(pending_exports(*s).value() == 1);
    CHECK(content::state_db(*s).query_int("SELECT count(*) FROM attendees").value() == 1);  // the register is kept until exported
    auto ok = export_records(*s, t / "stick", KeepRegister::no);
    REQUIRE(ok);
    CHECK(pending_exports(*s).value() == 0);
    CHECK(content::state_db(*s).query_int("SELECT count(*) FROM attendees").value() == 0);  // deleted once exported
}

TEST_CASE("export: no stick folder is a clear error - the register is off by default") {
    test::TempDir t;
    auto s = StateStore::open(t / "data");
    REQUIRE(s);
    auto r = export_records(*s, t / "missing", KeepRegister::no);
    REQUIRE_FALSE(r);
    CHECK(r.error().reason == Reason::not_found);
    CHECK_FALSE(s->setting("attendance_register").value().has_value());
}
