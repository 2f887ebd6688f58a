// Meetings on screen (issue 22), in the headless harness: home leads with the
// day's meeting on the demo's own clock and one tap opens its pack with the
// locality chosen for the visit; each item opens in its own view, Next and
// Previous move through the pack, and Back returns to the pack; progress
// counts opened items; another day shows the next events in plain words;
// past meetings stay reachable; every meetings view draws at three sizes.
#include "content/dates.hpp"
#include "content/meetings.hpp"
#include "view_harness.hpp"

#include <doctest/doctest.h>

namespace {

// The demo bundle's stated clock as unix seconds (the kiosk's --demo clock).
std::int64_t demo_now(const content::Catalog& cat, std::int64_t plus_minutes = 0) {
    auto m = content::parse_local_minute(cat.demo_clock());
    REQUIRE(m);
    return content::unix_of_local_minute(*m + plus_minutes);
}

// Scrolls the page with the mouse wheel until the item called `label` is
// wholly on screen (a 480-pixel panel does not show a whole pack), then taps it.
bool scroll_and_click(test::Harness& h, const std::string& label) {
    ImGuiIO& io = ImGui::GetIO();
    for (int i = 0; i < 40; ++i) {
        h.frame();
        auto it = kiosk::noted_items().find(label);
        if (it == kiosk::noted_items().end()) return false;
        if (it->second.max.y <= io.DisplaySize.y - 4 && it->second.min.y >= 70) break;
        io.MousePos = ImVec2(io.DisplaySize.x / 2, io.DisplaySize.y * 0.6f);
        io.MouseWheel = it->second.min.y < 70 ? 1.0f : -1.0f;
        h.frame();
        io.MouseWheel = 0;
    }
    return h.click(label);
}

} // namespace

TEST_CASE("meeting views: home on the meeting's day leads with it - one tap opens the pack with its locality chosen for the visit") {
    for (auto size : {ImVec2(800, 480), ImVec2(1920, 1080)}) {
        CAPTURE(size.x);
        test::Harness h(size);
        h.ctx.now = demo_now(h.catalog);
        h.capture = true;
        h.frame();
        CHECK(h.screen_text.find("Today: Riverside locality meeting, 7 pm. Item 4: Children's safeguarding") != std::string::npos);
        CHECK(h.ctx.visit_locality.empty());
        REQUIRE(h.click("home-meeting"));
        CHECK(h.shell.route() == "meeting:riverside-locality");
        CHECK(h.ctx.visit_locality == "riverside");
        h.frame();
        CHECK(h.screen_text.find("Item 4: Children's safeguarding") != std::string::npos);
        CHECK(h.screen_text.find("Item 7: Any other business") != std::string::npos);
        CHECK(h.screen_text.find("0 of 7 items opened") != std::string::npos);
    }
}

TEST_CASE("meeting views: pack navigation - an item opens in its own view - Next replaces it - Back returns to the pack") {
    test::Harness h(ImVec2(800, 480));
    h.ctx.now = demo_now(h.catalog);
    h.capture = true;
    REQUIRE(h.shell.go("meeting:riverside-locality", h.ctx));
    std::size_t pack_depth = h.shell.depth();
    REQUIRE(scroll_and_click(h, "item-4"));
    CHECK(h.shell.route() == "meeting-item:riverside-locality:4");
    CHECK(h.shell.depth() == pack_depth + 1);
    h.frame();
    CHECK(h.screen_text.find("item 4 of 7 in the pack") != std::string::npos);
    REQUIRE(scroll_and_click(h, "next-item"));
    CHECK(h.shell.route() == "meeting-item:riverside-locality:5");
    CHECK(h.shell.depth() == pack_depth + 1);  // Next replaces: Back still goes to the pack
    REQUIRE(scroll_and_click(h, "prev-item"));
    CHECK(h.shell.route() == "meeting-item:riverside-locality:4");
    // The item's own content opens above it; Back comes back to the item, then the pack.
    REQUIRE(scroll_and_click(h, "open-item"));
    CHECK(h.shell.route() == "brief:locality-riverside-2025");
    h.shell.back(h.ctx);
    CHECK(h.shell.route() == "meeting-item:riverside-locality:4");
    REQUIRE(scroll_and_click(h, "back-to-pack"));
    CHECK(h.shell.route() == "meeting:riverside-locality");
    h.frame();
    CHECK(h.screen_text.find("2 of 7 items opened") != std::string::npos);
    // The figures item opens the locality's figures; the children's voice item, its document.
    REQUIRE(scroll_and_click(h, "item-5"));
    REQUIRE(scroll_and_click(h, "open-item"));
    CHECK(h.shell.route() == "briefing:riverside");
    h.shell.back(h.ctx);
    REQUIRE(scroll_and_click(h, "next-item"));
    REQUIRE(scroll_and_click(h, "open-item"));
    CHECK(h.shell.route() == "doc:children-in-care-council-2026");
    // A note has nothing to open; the last item has no Next.
    h.shell.back(h.ctx);
    REQUIRE(scroll_and_click(h, "next-item"));
    CHECK(h.shell.route() == "meeting-item:riverside-locality:7");
    h.frame();
    CHECK_FALSE(h.has_item("open-item"));
    CHECK_FALSE(h.has_item("next-item"));
    // Idle reset forgets progress and the visit's locality.
    h.shell.idle_reset(h.ctx);
    CHECK(h.ctx.visit_locality.empty());
    REQUIRE(h.shell.go("meeting:riverside-locality", h.ctx));
    h.frame();
    CHECK(h.screen_text.find("0 of 7 items opened") != std::string::npos);
}

TEST_CASE("meeting views: after the meeting has ended home shows what is coming up in plain words - past packs stay reachable") {
    test::Harness h(ImVec2(800, 480));
    // 21:30 is the Riverside meeting's end (the demo clock says 17:30).
    h.ctx.now = demo_now(h.catalog, 4 * 60);
    h.capture = true;
    h.frame();
    CHECK(h.screen_text.find("Today:") == std::string::npos);
    CHECK(h.screen_text.find("Coming up for members") != std::string::npos);
    // The corporate parenting session is 15 days on at 2 pm, in plain words.
    auto m = content::parse_local_minute(h.catalog.meeting("training-corporate-parenting")->starts);
    std::string when = content::plain_when(h.catalog.meeting("training-corporate-parenting")->starts, *m);
    CHECK(when.find(", 2 pm") != std::string::npos);
    CHECK(h.screen_text.find(when) != std::string::npos);
    REQUIRE(scroll_and_click(h, "all-meetings"));
    CHECK(h.shell.route() == "meetings");
    h.frame();
    CHECK(h.screen_text.find("Past meetings, with their packs") != std::string::npos);
    REQUIRE(scroll_and_click(h, "meeting:riverside-locality"));  // just ended: the newest past meeting
    CHECK(h.shell.route() == "meeting:riverside-locality");
    h.shell.back(h.ctx);
    REQUIRE(scroll_and_click(h, "meeting:northgate-locality"));
    CHECK(h.shell.route() == "meeting:northgate-locality");
    CHECK(h.ctx.visit_locality == "northgate");
}

TEST_CASE("meeting views: every meetings view draws at three sizes - unknown meetings and items are refused") {
    for (auto size : {ImVec2(800, 480), ImVec2(1280, 720), ImVec2(1920, 1080)}) {
        test::Harness h(size);
        h.ctx.now = demo_now(h.catalog);
        for (const char* r : {"home", "meetings", "meeting:riverside-locality", "meeting-item:riverside-locality:4", "meeting:annual-conference",
                              "meeting-item:board-briefing-first:2"}) {
            CAPTURE(r);
            CAPTURE(size.x);
            REQUIRE(h.shell.go(r, h.ctx));
            h.frames(2);
            CHECK(h.frame() > 200);
            for (auto& [label, rect] : kiosk::noted_items()) {
                CAPTURE(label);
                CHECK(rect.max.y - rect.min.y >= 44.0f - 0.5f);
            }
        }
        CHECK_FALSE(h.shell.go("meeting:nope", h.ctx));
        CHECK_FALSE(h.shell.go("meeting-item:riverside-locality:99", h.ctx));
        CHECK_FALSE(h.shell.go("meeting-item:riverside-locality", h.ctx));
    }
    test::Harness empty(ImVec2(800, 480), false);
    REQUIRE(empty.shell.go("meetings", empty.ctx));
    CHECK(empty.frame() > 50);
}
