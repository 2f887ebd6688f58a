// The text size rule (kiosk/text_size.hpp): the body size a screen gets, the
// six steps to 200%, the stored setting; and the shell's text-size controls
// and per-screen scroll positions.
#include "view_harness.hpp"

#include "kiosk/text_size.hpp"

#include <doctest/doctest.h>

using kiosk::body_em_px;
using kiosk::ScreenMetrics;

TEST_CASE("text size: at least 19 px body text on a 1080p screen - larger on taller ones") {
    CHECK(body_em_px(ScreenMetrics{1920, 1080, 0, 0}) >= 19.0f);
    CHECK(body_em_px(ScreenMetrics{1920, 1080, 531, 299}) >= 19.0f);  // a 24-inch monitor
    CHECK(body_em_px(ScreenMetrics{3840, 2160, 0, 0}) > body_em_px(ScreenMetrics{1920, 1080, 0, 0}));
    CHECK(body_em_px(ScreenMetrics{3840, 2160, 0, 0}) <= 40.0f);
}

TEST_CASE("text size: a 7-inch 800x480 panel gets a sensible body size - never under 16 px") {
    float seven = body_em_px(ScreenMetrics{800, 480, 154, 86});
    CHECK(seven >= 16.0f);
    CHECK(seven <= 18.0f);
    CHECK(body_em_px(ScreenMetrics{800, 480, 0, 0}) == doctest::Approx(16.0f));
    CHECK(body_em_px(ScreenMetrics{320, 240, 0, 0}) == doctest::Approx(16.0f));
}

TEST_CASE("text size: a dense panel gets larger text for its pixels - an implausible physical size is ignored") {
    // A 13-inch 1920x1080 laptop panel (about 7.6 px per mm) needs more pixels
    // than a 24-inch monitor at the same resolution.
    float laptop = body_em_px(ScreenMetrics{1920, 1080, 293, 165});
    float monitor = body_em_px(ScreenMetrics{1920, 1080, 531, 299});
    CHECK(laptop > monitor);
    CHECK(laptop == doctest::Approx(3.0f * 1080.0f / 165.0f));
    // An X server without EDID may report 1 mm, or a size meaning 5 px per inch.
    CHECK(body_em_px(ScreenMetrics{800, 480, 1, 1}) == doctest::Approx(16.0f));
    CHECK(body_em_px(ScreenMetrics{1920, 1080, 10000, 5600}) == doctest::Approx(19.0f));
}

TEST_CASE("text size: six steps from 100% to 200% - A+ and A- move one step and stop at the ends") {
    CHECK(kiosk::text_steps.size() == 6);
    CHECK(kiosk::text_steps.front() == 100);
    CHECK(kiosk::text_steps.back() == 200);
    int p = 100, ups = 0;
    while (kiosk::next_text_step(p) != p) {
        CHECK(kiosk::next_text_step(p) > p);
        p = kiosk::next_text_step(p);
        ++ups;
    }
    CHECK(ups == 5);
    CHECK(p == 200);
    CHECK(kiosk::previous_text_step(100) == 100);
    CHECK(kiosk::previous_text_step(150) == 130);
    CHECK(kiosk::next_text_step(140) == 150);   // between steps: the neighbour
    CHECK(kiosk::previous_text_step(140) == 130);
    CHECK(kiosk::clamp_text_percent(250) == 200);
    CHECK(kiosk::clamp_text_percent(50) == 100);
}

TEST_CASE("text size: the scale doubles from 100% to 200% and 1.0 is the old default size") {
    CHECK(kiosk::ui_scale(kiosk::reference_body_em_px, 100) == doctest::Approx(1.0f));
    CHECK(kiosk::ui_scale(19.0f, 200) == doctest::Approx(2.0f * kiosk::ui_scale(19.0f, 100)));
    CHECK(kiosk::ui_scale(16.0f, 400) == doctest::Approx(kiosk::ui_scale(16.0f, 200)));
}

TEST_CASE("text size: the stored setting - a percent - the old step setting - or nothing") {
    CHECK(kiosk::text_percent_from_setting("150", "") == 150);
    CHECK(kiosk::text_percent_from_setting("175", "0") == 175);
    CHECK(kiosk::text_percent_from_setting("900", "") == 200);
    CHECK(kiosk::text_percent_from_setting("big", "") == 100);
    CHECK(kiosk::text_percent_from_setting("", "") == 100);
    CHECK(kiosk::text_percent_from_setting("", "1") == 100);  // the old default
    CHECK(kiosk::text_percent_from_setting("", "5") == 175);
    CHECK(kiosk::text_percent_from_setting("", "0") == 100);  // 85% is no longer offered
}

TEST_CASE("header: the text-size controls fold into one Aa menu when they do not fit - and A+ still works") {
    test::Harness h(ImVec2(800, 480));
    REQUIRE(h.shell.go("library", h.ctx));
    h.ctx.scale = 2.0f;
    kiosk::apply_theme(kiosk::Theme::standard, 2.0f);
    ImGui::GetIO().FontGlobalScale = 2.0f;  // the default font, drawn at 200%
    h.frames(2);
    CHECK(h.has_item("Aa"));
    CHECK_FALSE(h.has_item("A+"));
    REQUIRE(h.click("Aa"));
    REQUIRE(h.has_item("A+"));
    REQUIRE(h.click("A+"));
    CHECK(h.shell.text_percent == 115);
    CHECK(h.shell.route() == "library");  // the tap did not fall through to Home
    ImGui::GetIO().FontGlobalScale = 1.0f;
}

TEST_CASE("header: at 1280 px wide and 100% the controls show side by side") {
    test::Harness h(ImVec2(1280, 800));
    REQUIRE(h.shell.go("library", h.ctx));
    h.frames(2);
    CHECK(h.has_item("A+"));
    CHECK(h.has_item("A-"));
    CHECK_FALSE(h.has_item("Aa"));
    REQUIRE(h.click("A+"));
    CHECK(h.shell.text_percent == 115);
}

namespace {
ImGuiWindow* view_window() {
    for (ImGuiWindow* w : GImGui->Windows) {
        std::string n = w->Name;
        if (n.rfind("##kiosk/##view_", 0) == 0 && n.find('/', 9) == std::string::npos) return w;
    }
    return nullptr;
}
} // namespace

TEST_CASE("scroll: each screen opens at its top - Back returns to where the visitor was") {
    test::Harness h(ImVec2(800, 480));
    REQUIRE(h.shell.go("briefing:riverside", h.ctx));
    h.frames(3);
    ImGuiWindow* v = view_window();
    REQUIRE(v != nullptr);
    REQUIRE(v->ScrollMax.y > 300);
    ImGui::SetScrollY(v, 300);
    h.frames(2);
    REQUIRE(v->Scroll.y == doctest::Approx(300));
    REQUIRE(h.shell.go("compare:cp_plans", h.ctx));
    h.frames(3);
    CHECK(v->Scroll.y == doctest::Approx(0));
    h.shell.back(h.ctx);
    h.frames(3);
    CHECK(v->Scroll.y == doctest::Approx(300));
    // A screen opened afresh starts at the top even after a visit scrolled it.
    REQUIRE(h.shell.go("home", h.ctx));
    h.frames(3);
    REQUIRE(h.shell.go("briefing:riverside", h.ctx));
    h.frames(3);
    CHECK(v->Scroll.y == doctest::Approx(0));
}

TEST_CASE("wrapping: a figure never breaks at its thousands comma - lines break at spaces only") {
    test::Harness h(ImVec2(800, 480));
    ImGui::NewFrame();
    std::string text = "There were 2,148 referrals this year.";
    // A width where ImGui's own wrapping would break after "2,".
    float upto_comma = ImGui::CalcTextSize("There were 2,").x;
    float width = upto_comma + 1;
    REQUIRE(ImGui::CalcTextSize("There were 2,148").x > width);
    std::string wrapped = kiosk::wrap_at_spaces(text, width);
    CHECK(wrapped.find("2,148") != std::string::npos);
    CHECK(wrapped.find("2,\n") == std::string::npos);
    CHECK(wrapped.rfind("There were\n2,148", 0) == 0);
    for (std::size_t a = 0, b; a < wrapped.size(); a = b + 1) {  // every line fits, bar a lone long word
        b = wrapped.find('\n', a);
        if (b == std::string::npos) b = wrapped.size();
        std::string line = wrapped.substr(a, b - a);
        CAPTURE(line);
        CHECK((ImGui::CalcTextSize(line.c_str()).x <= width || line.find(' ') == std::string::npos));
    }
    CHECK(kiosk::wrap_at_spaces("one\ntwo", 1000) == "one\ntwo");  // its own breaks are kept
    ImGui::EndFrame();
}

TEST_CASE("ellipsis: a long title is cut to the width with an ellipsis - a short one is kept whole") {
    test::Harness h(ImVec2(800, 480));
    ImGui::NewFrame();
    std::string title = "Working Together to Safeguard Children: statutory guidance";
    CHECK(kiosk::ellipsize(title, 10000) == title);
    std::string cut = kiosk::ellipsize(title, 120);
    CHECK(cut.size() < title.size());
    CHECK(cut.substr(cut.size() - 3) == "\xE2\x80\xA6");
    CHECK(title.rfind(cut.substr(0, cut.size() - 3), 0) == 0);
    CHECK(ImGui::CalcTextSize(cut.c_str()).x <= 120);
    ImGui::EndFrame();
}
