// The layout harness: every route at every text step (100% to 200%) at
// 800x480, 1024x600, 1280x800 and 1920x1080 with the kiosk's real fonts
// (platform::build_fonts, Noto Sans where installed), in the standard theme,
// and every route at each size at 100% and 200% in high contrast. It fails on
// interactive items that overlap, an item no scrolling can bring into view,
// a label wider or taller than its own button, and a main content area (the
// view, or a scrolling list or page inside it) under 40% of the window height.
#include "view_harness.hpp"

#include "fonts.hpp"

#include "kiosk/pack_show.hpp"
#include "kiosk/text_size.hpp"
#include "kiosk/training_shared.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <sstream>
#include <string_view>

namespace {

const std::vector<std::string> k_routes = {
    "home", "briefing:riverside", "briefing:westbrook/cp_plans", "briefing:county/cla_rate", "compare:cp_plans", "brief:board-briefing-spring-2025",
    "brief:locality-riverside-2025", "actions", "library", "library:search=section 11", "doc:training-brochure-2025-26", "doc:lga-peer-letter-2014:2",
    "training", "training:member-safeguarding", "training:member-safeguarding:3", "presenter:member-safeguarding:4", "admin", "meetings", "meeting:riverside-locality",
    "meeting-item:riverside-locality:4", "meeting-present:riverside-locality:4", "two-screens|meeting-present:riverside-locality:5"};

// "two-screens|ROUTE": the route with a projector as the second screen (the
// presenter's own view rather than the full-screen projector form).
constexpr std::string_view k_two_screens = "two-screens|";

const ImVec2 k_sizes[] = {ImVec2(800, 480), ImVec2(1024, 600), ImVec2(1280, 800), ImVec2(1920, 1080)};

std::string rect_text(ImVec2 a, ImVec2 b) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "[%.0f,%.0f - %.0f,%.0f]", a.x, a.y, b.x, b.y);
    return buf;
}

// Real fonts at the scale the kiosk would use on a screen of `size`.
void use_fonts(test::Harness& h, ImVec2 size, int percent, kiosk::Theme theme) {
    float scale = kiosk::ui_scale(kiosk::body_em_px({static_cast<int>(size.x), static_cast<int>(size.y), 0, 0}), percent);
    if (scale != h.ctx.scale || h.ctx.fonts.body == nullptr || h.ctx.fonts.body->FontSize < 14) {
        ImGuiIO& io = ImGui::GetIO();
        platform::build_fonts(*io.Fonts, scale, h.ctx.fonts);
        io.FontDefault = h.ctx.fonts.body;
        unsigned char* px = nullptr;
        int w = 0, hh = 0;
        io.Fonts->GetTexDataAsRGBA32(&px, &w, &hh);
        io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(1));
    }
    h.ctx.scale = scale;
    h.ctx.theme = theme;
    h.shell.theme = theme;
    h.shell.text_percent = percent;
    kiosk::apply_theme(theme, scale);
}

ImGuiWindow* view_window() {
    // The shell's "##view" child of "##kiosk": ImGui names it "##kiosk/##view_<id>".
    for (ImGuiWindow* w : GImGui->Windows) {
        std::string n = w->Name;
        if (w->Active && n.rfind("##kiosk/##view_", 0) == 0 && n.find('/', 9) == std::string::npos) return w;
    }
    return nullptr;
}

bool inside(ImGuiWindow* w, ImGuiWindow* root) {
    for (; w; w = w->ParentWindow)
        if (w == root) return true;
    return false;
}

// Every problem on the current screen, one line each.
std::vector<std::string> problems(ImVec2 size) {
    std::vector<std::string> out;
    const auto& items = kiosk::noted_items();
    for (const auto& [label, r] : items) {
        if (label.rfind("#area:", 0) == 0) continue;  // a region, not a control
        if (!r.reachable) out.push_back("'" + label + "' " + rect_text(r.min, r.max) + " cannot be scrolled into view");
        float w = r.max.x - r.min.x, hgt = r.max.y - r.min.y;
        if (r.text.x > w + 1 || r.text.y > hgt + 1)
            out.push_back("'" + label + "' is clipped: text " + std::to_string(static_cast<int>(r.text.x)) + "x" + std::to_string(static_cast<int>(r.text.y)) +
                          " in " + rect_text(r.min, r.max));
    }
    for (auto a = items.begin(); a != items.end(); ++a) {
        for (auto b = std::next(a); b != items.end(); ++b) {
            const auto& ra = a->second;
            const auto& rb = b->second;
            if (a->first.rfind("#area:", 0) == 0 || b->first.rfind("#area:", 0) == 0) continue;
            bool same = ra.min.x == rb.min.x && ra.min.y == rb.min.y && ra.max.x == rb.max.x && ra.max.y == rb.max.y;
            if (same) continue;  // one item noted under two names
            float ix = std::min(ra.visible_max.x, rb.visible_max.x) - std::max(ra.visible_min.x, rb.visible_min.x);
            float iy = std::min(ra.visible_max.y, rb.visible_max.y) - std::max(ra.visible_min.y, rb.visible_min.y);
            // ImGui lets selectable rows reach a few pixels into the spacing
            // between them; more than that is an overlap a finger would find.
            if (ix > 4 && iy > 4)
                out.push_back("'" + a->first + "' " + rect_text(ra.visible_min, ra.visible_max) + " overlaps '" + b->first + "' " +
                              rect_text(rb.visible_min, rb.visible_max));
        }
    }
    ImGuiWindow* view = view_window();
    if (!view) {
        out.push_back("no view window");
        return out;
    }
    float need = 0.4f * size.y;
    if (view->InnerClipRect.GetHeight() < need) out.push_back("the view is " + std::to_string(static_cast<int>(view->InnerClipRect.GetHeight())) + " px tall");
    for (ImGuiWindow* w : GImGui->Windows) {
        if (!w->Active || w == view || !inside(w, view) || w->ScrollMax.y <= 0 || (w->Flags & ImGuiWindowFlags_NoScrollbar)) continue;
        ImRect shown = w->InnerRect;  // its own height: the view scrolls to it
        if (shown.GetHeight() < need) out.push_back(std::string("the scrolling area ") + w->Name + " is " + std::to_string(static_cast<int>(shown.GetHeight())) + " px tall");
    }
    return out;
}

struct Tally {
    int screens = 0;
    std::vector<std::string> failures;
};

void check_screen(test::Harness& h, const std::string& entry, ImVec2 size, int percent, kiosk::Theme theme, Tally& t) {
    use_fonts(h, size, percent, theme);
    const bool two = entry.rfind(k_two_screens, 0) == 0;
    const std::string route = two ? entry.substr(k_two_screens.size()) : entry;
    h.ctx.second_screen = two;
    if (!h.shell.go(route, h.ctx)) {
        t.failures.push_back(route + ": the route did not open");
        return;
    }
    h.frames(3);
    ++t.screens;
    std::ostringstream where;
    where << entry << " at " << size.x << "x" << size.y << ", " << percent << "%" << (theme == kiosk::Theme::high_contrast ? ", high contrast" : "") << ": ";
    for (auto& p : problems(size)) t.failures.push_back(where.str() + p);
    h.shell.home(h.ctx);
    // Each screen as a visitor finds it: a presenter route opens a training
    // session, whose bar would otherwise sit on every later screen.
    kiosk::training_session().clear();
    kiosk::self_paced_session().clear();
    kiosk::pack_show().clear();
    h.ctx.second_screen = false;
}

void report(const Tally& t) {
    MESSAGE(t.screens << " screens checked, " << t.failures.size() << " problems");
    for (std::size_t i = 0; i < t.failures.size() && i < 60; ++i) FAIL_CHECK(t.failures[i]);
    CHECK(t.failures.empty());
}

} // namespace

TEST_CASE("layout: every route at every text step and four screen sizes (standard theme)") {
    Tally t;
    for (auto size : k_sizes) {
        test::Harness h(size);
        for (int percent : kiosk::text_steps)
            for (const auto& r : k_routes) check_screen(h, r, size, percent, kiosk::Theme::standard, t);
    }
    CHECK(t.screens == static_cast<int>(std::size(k_sizes) * kiosk::text_steps.size() * k_routes.size()));
    report(t);
}

TEST_CASE("layout: every route in high contrast at 100% and 200% text at four screen sizes") {
    Tally t;
    for (auto size : k_sizes) {
        test::Harness h(size);
        for (int percent : {kiosk::min_text_percent, kiosk::max_text_percent})
            for (const auto& r : k_routes) check_screen(h, r, size, percent, kiosk::Theme::high_contrast, t);
    }
    report(t);
}

// The checks themselves: a button pushed past the right edge of a window that
// does not scroll sideways, and two buttons drawn on top of each other, are
// both reported.
TEST_CASE("layout: the harness catches an unreachable item - an overlap - clipped text") {
    test::Harness h(ImVec2(800, 480), false);
    use_fonts(h, ImVec2(800, 480), 200, kiosk::Theme::standard);
    kiosk::clear_noted_items();
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(800, 480));
    ImGui::Begin("probe", nullptr, ImGuiWindowFlags_NoDecoration);
    ImGui::SetCursorPosX(760);
    kiosk::button("Off the edge", h.ctx);
    ImGui::SetCursorPos(ImVec2(10, 200));
    kiosk::button("First", h.ctx);
    ImGui::SetCursorPos(ImVec2(30, 210));
    kiosk::button("Second", h.ctx);
    ImGui::SetCursorPos(ImVec2(10, 320));
    kiosk::button("A long label in a small box", h.ctx, kiosk::ButtonStyle::normal, ImVec2(80, 0));
    ImGui::End();
    ImGui::Render();
    const auto& items = kiosk::noted_items();
    CHECK_FALSE(items.at("Off the edge").reachable);
    CHECK(items.at("First").reachable);
    auto a = items.at("First"), b = items.at("Second");
    CHECK(std::min(a.visible_max.x, b.visible_max.x) > std::max(a.visible_min.x, b.visible_min.x));
    auto c = items.at("A long label in a small box");
    CHECK(c.text.x > c.max.x - c.min.x + 1);
}
