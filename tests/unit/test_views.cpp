// Every view draws, with and without content, at 800x480, 1280x720 and
// 1920x1080; navigation works by simulated clicks found from item rectangles;
// idle reset clears what a person typed or chose.
#include "kiosk/training_shared.hpp"
#include "view_harness.hpp"

#include <doctest/doctest.h>

namespace {

const std::vector<std::string> k_routes = {
    "home", "briefing:riverside", "briefing:westbrook/cp_plans", "briefing:county/cla_rate", "compare:cp_plans", "brief:board-briefing-spring-2025",
    "brief:locality-riverside-2025", "actions", "library", "library:search=section 11", "doc:training-brochure-2025-26", "doc:lga-peer-letter-2014:2",
    "training", "training:member-safeguarding", "training:member-safeguarding:3", "presenter:member-safeguarding:4", "admin"};

const ImVec2 k_sizes[] = {ImVec2(800, 480), ImVec2(1280, 720), ImVec2(1920, 1080)};

} // namespace

TEST_CASE("views: every view draws with the demo content at three sizes") {
    for (auto size : k_sizes) {
        test::Harness h(size);
        for (const auto& r : k_routes) {
            CAPTURE(r);
            CAPTURE(size.x);
            REQUIRE(h.shell.go(r, h.ctx));
            h.frames(2);
            CHECK(h.frame() > 200);  // something substantial was drawn
        }
    }
}

TEST_CASE("views: every view draws with no content installed - routes to missing content are refused") {
    for (auto size : k_sizes) {
        test::Harness h(size, false);
        for (const auto& r : {"home", "library", "training", "actions", "admin", "briefing:"}) {
            CAPTURE(r);
            REQUIRE(h.shell.go(r, h.ctx));
            CHECK(h.frame() > 50);
        }
        CHECK_FALSE(h.shell.go("doc:nope", h.ctx));
        CHECK_FALSE(h.shell.go("briefing:atlantis", h.ctx));
        CHECK_FALSE(h.shell.go("training:nope:1", h.ctx));
        CHECK_FALSE(h.shell.go("nosuchview", h.ctx));
    }
}

TEST_CASE("navigation: tap a home tile - go back - open admin - a wrong PIN is refused") {
    test::Harness h(ImVec2(1280, 720));
    h.frame();
    REQUIRE(h.click("Library"));
    CHECK(h.shell.route() == "library");
    REQUIRE(h.click("< Back"));
    CHECK(h.shell.route() == "home");
    REQUIRE(h.click("Training"));
    CHECK(h.shell.route() == "training");
    REQUIRE(h.click("Home"));
    CHECK(h.shell.route() == "home");
    REQUIRE(h.click("Administration"));
    CHECK(h.shell.route() == "admin");
    for (const char* k : {"1", "1", "1", "1", "OK"}) REQUIRE(h.click(k));
    CHECK(h.services.wrong == 1);
    CHECK_FALSE(h.has_item("Lock"));
    for (const char* k : {"2", "4", "6", "8", "OK"}) REQUIRE(h.click(k));
    h.frame();
    CHECK(h.has_item("Lock"));  // unlocked
}

TEST_CASE("admin: the graphics line (GL context and ImGui renderer) shows once unlocked - when the platform gives one") {
    test::Harness h(ImVec2(1280, 720));
    REQUIRE(h.click("Administration"));
    for (const char* k : {"2", "4", "6", "8", "OK"}) REQUIRE(h.click(k));
    h.frames(2);
    REQUIRE(h.has_item("Lock"));
    int without = h.frame();
    h.ctx.graphics = "OpenGL 2.1 Mesa 22.3.6 (llvmpipe), ImGui backend opengl2";
    int with = h.frame();
    CHECK(with > without);  // "Graphics: ..." is drawn (text adds vertices)
}

TEST_CASE("navigation: briefings hub to trend to compare - a library row opens the reader") {
    test::Harness h(ImVec2(1280, 720));
    REQUIRE(h.click("Briefings"));
    CHECK(h.shell.route().rfind("briefing:", 0) == 0);
    REQUIRE(h.click("Action plans and recommendations"));
    CHECK(h.shell.route() == "actions");
    h.frame();
    std::string overdue;
    for (auto& [label, r] : kiosk::noted_items())
        if (label.rfind("Overdue", 0) == 0) overdue = label;
    REQUIRE(h.click(overdue));
    h.shell.back(h.ctx);
    REQUIRE(h.shell.go("library", h.ctx));
    h.frame();
    std::string first;
    for (auto& [label, r] : kiosk::noted_items())
        if (label.rfind("doc:", 0) == 0) first = label;
    REQUIRE_FALSE(first.empty());
    REQUIRE(h.click(first));
    CHECK(h.shell.route() == first);
}

TEST_CASE("idle reset returns home and clears searches and quiz answers") {
    test::Harness h(ImVec2(1280, 720));
    REQUIRE(h.shell.go("library:search=neglect", h.ctx));
    h.frame();
    CHECK(h.has_item("Clear"));  // a search is showing
    REQUIRE(h.shell.go("training:member-safeguarding:3", h.ctx));
    h.frame();
    h.shell.idle_reset(h.ctx);
    CHECK(h.shell.route() == "home");
    CHECK(h.shell.depth() == 1);
    REQUIRE(h.shell.go("library", h.ctx));
    h.frame();
    CHECK_FALSE(h.has_item("Clear"));  // the search was cleared
}

TEST_CASE("touch hit targets are at least 44x44 px at scale 1") {
    test::Harness h(ImVec2(1280, 720));
    for (const auto& r : {"home", "library", "actions", "training:member-safeguarding", "presenter:member-safeguarding:3"}) {
        REQUIRE(h.shell.go(r, h.ctx));
        h.frame();
        for (auto& [label, rect] : kiosk::noted_items()) {
            CAPTURE(label);
            CHECK(rect.max.x - rect.min.x >= 44.0f - 0.5f);
            CHECK(rect.max.y - rect.min.y >= 44.0f - 0.5f);
        }
    }
}

TEST_CASE("presenter: ending a session saves a record - the register is off by default and shown plainly when on") {
    test::Harness h(ImVec2(1920, 1080));
    REQUIRE(h.shell.go("presenter:member-safeguarding:1", h.ctx));
    REQUIRE(h.click("End session..."));
    CHECK_FALSE(h.has_item("Add"));  // no register unless an admin turns it on
    h.services.settings["attendance_register"] = "on";
    h.frame();
    CHECK(h.has_item("Add"));
    h.services.settings["attendance_register"] = "off";
    h.frame();
    REQUIRE(h.click("Yes, end and save"));  // refused: no trainer name yet
    CHECK(h.services.records.empty());
    kiosk::training_session().clear();  // the session outlives the view: close it for the next test
}

TEST_CASE("admin: the audit log is read once and cached - not queried every frame - at 10 -000 entries") {
    test::Harness h(ImVec2(1280, 720));
    h.services.audit_rows.resize(10000);
    REQUIRE(h.shell.go("admin:audit", h.ctx));
    h.frame();
    for (const char* k : {"2", "4", "6", "8", "OK"}) REQUIRE(h.click(k));
    h.frames(30);
    REQUIRE(h.has_item("Lock"));
    CHECK(h.services.audit_reads == 1);
    REQUIRE(h.click("Refresh"));
    CHECK(h.services.audit_reads == 2);
}

TEST_CASE("admin: sections are touch buttons that wrap at 800x480 and 200% - every label whole - each opens its own part") {
    test::Harness h(ImVec2(800, 480));
    h.ctx.scale = 2.0f;
    REQUIRE(h.click("Administration"));
    for (const char* k : {"2", "4", "6", "8", "OK"}) REQUIRE(h.click(k));
    h.frames(2);
    REQUIRE(h.has_item("Lock"));
    float right = 0;
    for (const char* label : {"Content", "Publisher keys", "Settings", "Device", "Audit log"}) {
        REQUIRE(h.has_item(label));
        auto r = kiosk::noted_items().at(label);
        CHECK(r.max.x <= 800);
        CHECK(r.max.y - r.min.y >= kiosk::min_hit * 2.0f - 0.5f);
        // The whole label fits inside its button (ImGui's tab bar cut them to "Con...").
        CHECK(r.max.x - r.min.x >= ImGui::CalcTextSize(label).x);
        right = std::max(right, r.max.x);
    }
    CHECK(right <= 800);
    CHECK(h.has_item("Export session records and the audit log to USB"));  // Content opens first
    REQUIRE(h.click("Audit log"));
    h.frame();
    CHECK(h.has_item("Refresh"));
    CHECK_FALSE(h.has_item("Export session records and the audit log to USB"));
    REQUIRE(h.click("Publisher keys"));
    h.capture = true;
    h.frame();
    CHECK(h.screen_text.find("Add a publisher key from a USB stick") != std::string::npos);
    h.capture = false;
    REQUIRE(h.click("Settings"));
    h.frame();
    CHECK(h.has_item("Save name"));
}
