// Figures a councillor reads right: every marker on a screen is explained on
// that screen, a suppressed period is never a bar, axes are round, the
// summary links to trends, the compare table pins comparators, and the
// visitor's locality is theirs for the visit only.
#include "content/headline.hpp"
#include "kiosk/figure_widgets.hpp"
#include "view_harness.hpp"

#include <doctest/doctest.h>

#include <cmath>

namespace {

const char* k_markers[] = {"[c]", "[x]", "[z]", "[low]", "[u]", "[p]", "[r]", "[e]"};

std::vector<std::string> figure_routes(const content::Catalog& cat) {
    std::vector<std::string> r = {"home", "actions", "training:member-safeguarding"};
    for (const auto& l : cat.localities()) {
        r.push_back("briefing:" + l.id);
        for (const auto& i : cat.indicators()) r.push_back("briefing:" + l.id + "/" + i.id);
    }
    for (const auto& i : cat.indicators()) r.push_back("compare:" + i.id);
    for (const auto& b : cat.briefings()) r.push_back("brief:" + b.id);
    for (int s = 1; s <= 40; ++s) r.push_back("training:member-safeguarding:" + std::to_string(s));
    return r;
}

} // namespace

TEST_CASE("figures: no screen shows a marker without its explanation on the same screen") {
    for (auto size : {ImVec2(800, 480), ImVec2(1920, 1080)}) {
        test::Harness h(size);
        h.capture = true;
        int with_markers = 0;
        for (const auto& r : figure_routes(h.catalog)) {
            if (!h.shell.go(r, h.ctx)) continue;
            h.frames(3);  // the key's height settles after one frame
            CAPTURE(r);
            bool any = false;
            for (const char* m : k_markers) {
                if (h.screen_text.find(m) == std::string::npos) continue;
                any = true;
                const std::string what = std::string(m) + " in: " + h.screen_text;
                CHECK_MESSAGE(h.screen_text.find(content::marker_sentence(m)) != std::string::npos, what);
            }
            with_markers += any;
            if (h.screen_text.find("Similar to") != std::string::npos || h.screen_text.find("similar to") != std::string::npos)
                CHECK(h.screen_text.find(content::similar_rule_text()) != std::string::npos);
            CHECK(h.screen_text.find("Counts of 1 to 5 are never shown") == std::string::npos);
        }
        CHECK(with_markers > 10);  // the demo exercises markers on many screens
    }
}

TEST_CASE("figures: a suppressed period is a labelled gap - never a bar - a chart of markers only says why") {
    test::Harness h(ImVec2(1280, 720));
    auto chart = [&](const std::string& ind, const std::string& loc) {
        ImGui::NewFrame();
        ImGui::Begin("chart");
        auto layout = kiosk::trend_chart(*h.catalog.indicator(ind), loc, ImVec2(0, 0), ImVec2(900, 500), h.ctx);
        ImGui::End();
        ImGui::EndFrame();
        ImGui::Render();
        return layout;
    };
    int gaps = 0;
    for (const auto& l : h.catalog.localities()) {
        for (const auto& ind : h.catalog.indicators()) {
            CAPTURE(l.id);
            CAPTURE(ind.id);
            auto layout = chart(ind.id, l.id);
            for (const auto& bar : layout.bars) {
                auto shown = content::shown_value(h.catalog.value(ind.id, l.id, bar.period_id), ind, h.catalog.disclosure_threshold());
                CHECK(shown.value.has_value());  // a bar only ever stands for a value
                CHECK(bar.max.y > bar.min.y);
            }
            for (const auto& g : layout.gap_periods)
                CHECK_FALSE(content::shown_value(h.catalog.value(ind.id, l.id, g), ind, h.catalog.disclosure_threshold()).value.has_value());
            gaps += static_cast<int>(layout.gap_periods.size());
        }
    }
    CHECK(gaps > 0);
    auto cp = chart("cp_plans", "eastfield");  // 32, then [c], then 28
    CHECK(cp.gap_periods == std::vector<std::string>{"2023-24"});
    auto none = chart("care_leavers_eet", "westbrook");  // [x] in every period
    CHECK(none.all_markers);
    CHECK(none.bars.empty());
}

TEST_CASE("figures: axis ticks are 1 - 2 - 2.5 or 5 x 10^n") {
    for (double v : {0.9, 1.0, 7.3, 12.0, 22.4, 42.3, 99.0, 286.0, 1234.0, 10069.0}) {
        CAPTURE(v);
        auto a = kiosk::nice_axis(v);
        CHECK(a.max >= v);
        CHECK(a.max / a.step <= 6.0 + 1e-9);
        double mant = a.step / std::pow(10.0, std::floor(std::log10(a.step) + 1e-9));
        CHECK((std::fabs(mant - 1) < 1e-9 || std::fabs(mant - 2) < 1e-9 || std::fabs(mant - 2.5) < 1e-9 || std::fabs(mant - 5) < 1e-9));
        CHECK(std::fabs(a.max / a.step - std::round(a.max / a.step)) < 1e-9);
    }
    CHECK(kiosk::nice_axis(42.3).step == doctest::Approx(10));
    CHECK(kiosk::nice_axis(42.3).max == doctest::Approx(50));
}

TEST_CASE("figures: the briefing opens with 3 to 5 headlines - each one tap from its trend") {
    test::Harness h(ImVec2(1280, 720));
    REQUIRE(h.shell.go("briefing:eastfield", h.ctx));
    h.frame();
    std::vector<std::string> found;
    for (auto& [label, r] : kiosk::noted_items())
        if (label.rfind("headline:", 0) == 0) found.push_back(label);
    CHECK(found.size() >= 3);
    CHECK(found.size() <= 5);
    REQUIRE_FALSE(found.empty());
    REQUIRE(h.click(found.front()));
    CHECK(h.shell.route() == "briefing:eastfield/" + found.front().substr(9));
}

TEST_CASE("figures: the compare table pins England and the area above the localities - whatever the sort") {
    test::Harness h(ImVec2(1280, 720));
    REQUIRE(h.shell.go("compare:re_referrals", h.ctx));
    h.frames(2);
    const auto& items = kiosk::noted_items();
    REQUIRE(items.count("row:england"));
    REQUIRE(items.count("row:county"));
    float pinned = std::max(items.at("row:england").max.y, items.at("row:county").max.y);
    int localities = 0;
    for (const auto& l : h.catalog.localities())
        if (l.kind == "locality" && items.count("row:" + l.id)) {
            CHECK(items.at("row:" + l.id).min.y > pinned);
            ++localities;
        }
    CHECK(localities >= 5);
}

TEST_CASE("figures: choosing a locality is for this visit - the kiosk default is untouched and idle clears the choice") {
    test::Harness h(ImVec2(1280, 720));
    h.services.settings["default_locality"] = "riverside";
    REQUIRE(h.shell.go("briefing:", h.ctx));
    CHECK(h.shell.route() == "briefing:");
    h.ctx.visit_locality = "eastfield";  // what the picker sets
    REQUIRE(h.shell.go("briefing:", h.ctx));
    h.frame();
    CHECK(h.shell.view("briefing")->title().find("Eastfield") != std::string::npos);
    CHECK(h.services.settings["default_locality"] == "riverside");
    h.shell.idle_reset(h.ctx);
    CHECK(h.ctx.visit_locality.empty());
    REQUIRE(h.shell.go("briefing:", h.ctx));
    h.frame();
    CHECK(h.shell.view("briefing")->title().find("Riverside") != std::string::npos);
}
