// A presenter session is never lost: new content installed during a session
// saves it as "not ended" before the catalog its module lives in is
// replaced, and while a trainer presents the idle reset waits the longer
// presenter time (kiosk::idle_reset_seconds). Headless (view_harness.hpp).
#include "kiosk/training_session.hpp"
#include "kiosk/training_shared.hpp"
#include "view_harness.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using kiosk::Presenting;

TEST_CASE("idle reset: 5 minutes by default - the stored setting - the longer presenter time only while presenting") {
    CHECK(kiosk::idle_reset_seconds("", "", Presenting::no) == 5 * 60);
    CHECK(kiosk::idle_reset_seconds("", "", Presenting::yes) == 30 * 60);
    CHECK(kiosk::idle_reset_seconds("10", "", Presenting::no) == 10 * 60);
    CHECK(kiosk::idle_reset_seconds("10", "20", Presenting::yes) == 20 * 60);
    // A presenter time shorter than the general one never shortens it.
    CHECK(kiosk::idle_reset_seconds("45", "20", Presenting::yes) == 45 * 60);
    // Settings that are not whole positive numbers fall back to the defaults.
    CHECK(kiosk::idle_reset_seconds("0", "x", Presenting::yes) == 30 * 60);
    CHECK(kiosk::idle_reset_seconds("-3", "", Presenting::no) == 5 * 60);
    CHECK(kiosk::idle_reset_seconds("7 minutes", "", Presenting::no) == 5 * 60);
    CHECK(kiosk::idle_reset_seconds("99999", "", Presenting::no) == 24 * 60 * 60);
}

TEST_CASE("presenter session: new content replacing the catalog saves the session as not ended first - then the kiosk draws on") {
    kiosk::training_session().clear();
    test::Harness h(ImVec2(1280, 800));
    REQUIRE(h.shell.go("presenter:member-safeguarding:3", h.ctx));  // a knowledge check
    h.frame();
    auto& s = kiosk::training_session();
    REQUIRE(s.active());
    s.tally(1, 3);  // three people chose option 2
    REQUIRE(h.shell.go("library", h.ctx));
    h.frame();
    // What the event loop does when a new catalog is ready: save, swap, home.
    kiosk::save_left_session(h.ctx);
    auto fresh = content::Catalog::from_files({{"demo-board", KIOSK_DEMO_DIR "/demo-board.kbundle"},
                                               {"demo-council", KIOSK_DEMO_DIR "/demo-council.kbundle"}});
    REQUIRE(fresh);
    h.catalog = std::move(*fresh);
    h.ctx.catalog = &h.catalog;
    h.shell.home(h.ctx);
    h.frame();
    CHECK_FALSE(s.active());
    REQUIRE(h.services.records.size() == 1);
    auto j = nlohmann::json::parse(h.services.records[0]);
    CHECK(j["outcome"] == "not ended");
    CHECK(j["module_id"] == "member-safeguarding");
    CHECK(j["tallies"][0]["counts"][1] == 3);
    CHECK_FALSE(h.has_item("Session in progress: back to slide 3"));
    // The same module on the new catalog starts a new session.
    REQUIRE(h.shell.go("presenter:member-safeguarding:1", h.ctx));
    h.frame();
    CHECK(s.active());
    kiosk::training_session().clear();
}

TEST_CASE("presenter session: a record that cannot be saved keeps the session open") {
    kiosk::training_session().clear();
    test::Harness h(ImVec2(1280, 800));
    REQUIRE(h.shell.go("presenter:member-safeguarding:2", h.ctx));
    h.frame();
    h.services.fail_records = true;
    kiosk::save_left_session(h.ctx);
    CHECK(kiosk::training_session().active());
    CHECK(h.services.records.empty());
    kiosk::training_session().clear();
}
