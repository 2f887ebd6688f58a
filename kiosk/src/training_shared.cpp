// Shared training helpers; see training_shared.hpp.
#include "kiosk/training_shared.hpp"
#include "kiosk/doc_hooks.hpp"
#include "kiosk/marker_key.hpp"
#include "kiosk/pack_show.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/widgets.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdlib>

namespace kiosk {

TrainingSession& training_session() {
    static TrainingSession s;
    return s;
}

TrainingSession& self_paced_session() {
    static TrainingSession s;
    return s;
}

bool session_valid(const UiContext& ctx) {
    auto& s = training_session();
    auto in_catalog = [&](const TrainingSession& t) {
        if (!t.active()) return true;
        if (ctx.catalog)
            for (auto& m : ctx.catalog->modules())
                if (&m.module == t.module) return true;
        return false;
    };
    if (!in_catalog(self_paced_session())) self_paced_session().clear();
    if (in_catalog(s)) return s.active();
    s.clear();
    return false;
}

const content::TaggedModule* find_module(const UiContext& ctx, const std::string& id) {
    if (!ctx.catalog) return nullptr;
    for (auto& m : ctx.catalog->modules())
        if (m.module.id == id) return &m;
    return nullptr;
}

bool handle_slide_input(TrainingSession& s, const UiContext&) {
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput) return false;
    int before = s.slide;
    auto pressed = [](ImGuiKey k) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(k)); };
    if (pressed(ImGuiKey_RightArrow) || pressed(ImGuiKey_PageDown) || pressed(ImGuiKey_Space) || pressed(ImGuiKey_DownArrow)) s.key(ClickerKey::next);
    if (pressed(ImGuiKey_LeftArrow) || pressed(ImGuiKey_PageUp) || pressed(ImGuiKey_UpArrow)) s.key(ClickerKey::previous);
    if (pressed(ImGuiKey_Home)) s.key(ClickerKey::first);
    if (pressed(ImGuiKey_End)) s.key(ClickerKey::last);
    // Swipe: a mostly horizontal drag of 80 px or more, released.
    if (ImGui::IsMouseReleased(0) && ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows)) {
        ImVec2 d(io.MousePos.x - io.MouseClickedPos[0].x, io.MousePos.y - io.MouseClickedPos[0].y);
        if (std::abs(d.x) > 80.0f && std::abs(d.x) > 2 * std::abs(d.y)) s.key(d.x < 0 ? ClickerKey::next : ClickerKey::previous);
    }
    return s.slide != before;
}

bool read_presenter_keys(TrainingSession& s) {
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || !s.active()) return false;
    const int slide = s.slide;
    const Blank blank = s.blank;
    const std::string jump = s.jump;
    auto pressed = [](ImGuiKey k) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(k)); };
    if (pressed(ImGuiKey_RightArrow) || pressed(ImGuiKey_PageDown) || pressed(ImGuiKey_Space) || pressed(ImGuiKey_DownArrow)) s.key(ClickerKey::next);
    if (pressed(ImGuiKey_LeftArrow) || pressed(ImGuiKey_PageUp) || pressed(ImGuiKey_UpArrow)) s.key(ClickerKey::previous);
    if (pressed(ImGuiKey_Home)) s.key(ClickerKey::first);
    if (pressed(ImGuiKey_End)) s.key(ClickerKey::last);
    // Letters and digits arrive as characters (whatever the keyboard layout).
    for (ImWchar c : io.InputQueueCharacters) {
        if (c == 'b' || c == 'B' || c == '.') s.toggle_blank(Blank::black);
        else if (c == 'w' || c == 'W') s.toggle_blank(Blank::white);
        else if (c >= '0' && c <= '9') s.type_digit(c - '0');
    }
    if (pressed(ImGuiKey_Enter) || pressed(ImGuiKey_KeyPadEnter)) s.enter();
    if (pressed(ImGuiKey_Escape)) s.jump.clear();
    return s.slide != slide || s.blank != blank || s.jump != jump;
}

void draw_session_bar(UiContext& ctx, NavRequest& nav) {
    auto& s = training_session();
    if (!session_valid(ctx) || s.mode != SessionMode::presenter) return;
    const Palette& p = palette(ctx.theme);
    std::string label = "Session in progress: back to slide " + std::to_string(s.slide + 1);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, p.surface_hover);
    ImGui::BeginChild("##session-bar", ImVec2(0, min_hit * ctx.scale + ImGui::GetStyle().WindowPadding.y * 2), false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_AlwaysUseWindowPadding);
    if (button(label.c_str(), ctx, ButtonStyle::primary)) {
        nav.kind = NavRequest::Kind::go;
        nav.route = "presenter:" + s.module->id + ":" + std::to_string(s.slide + 1);
    }
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted((s.module->title + "  |  " + clock_text(s.elapsed(ctx.now))).c_str());
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

void save_left_session(UiContext& ctx) {
    self_paced_session().clear();
    auto& s = training_session();
    if (!session_valid(ctx) || s.mode != SessionMode::presenter || !ctx.services) return;
    s.ended_at = ctx.now;
    if (ctx.services->save_session_record(s.record_json(ctx.now, SessionOutcome::not_ended))) s.clear();
}

std::int64_t idle_reset_seconds(const std::string& idle_minutes, const std::string& presenter_idle_minutes, Presenting presenting) {
    auto minutes = [](const std::string& text, std::int64_t fallback) {
        char* end = nullptr;
        long v = std::strtol(text.c_str(), &end, 10);
        return text.empty() || *end != '\0' || v < 1 ? fallback : std::min<std::int64_t>(v, 24 * 60);
    };
    std::int64_t m = minutes(idle_minutes, 5);
    if (presenting == Presenting::yes) m = std::max(m, minutes(presenter_idle_minutes, 30));
    return m * 60;
}

float slide_min_height(const UiContext& ctx, const content::Slide& slide) {
    float title = (ctx.fonts.title ? ctx.fonts.title->FontSize : ImGui::GetFontSize()) * 2.6f;  // two lines
    float prompt = slide.question ? ImGui::CalcTextSize(slide.question->prompt.c_str(), nullptr, false, ImGui::GetContentRegionAvail().x - 40 * ctx.scale).y : 0;
    return std::max(ImGui::GetWindowHeight() * 0.7f, ImGui::GetIO().DisplaySize.y * 0.42f + title + prompt + 40 * ctx.scale);
}

void draw_slide(const content::Slide& slide, MarkdownView& md, ImVec2 size, UiContext& ctx, NavRequest& nav, bool projection) {
    const Palette& p = palette(ctx.theme);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, p.surface);
    ImGui::BeginChild("##slide", size, true, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_AlwaysUseWindowPadding);
    ImFont* tf = ctx.fonts.title ? ctx.fonts.title : ImGui::GetFont();
    float title_size = tf->FontSize * (projection ? 1.5f : 1.0f);
    note_markers_in(slide.title);
    float wrap = ImGui::GetContentRegionAvail().x;
    ImGui::GetWindowDrawList()->AddText(tf, title_size, ImGui::GetCursorScreenPos(), ImGui::GetColorU32(p.text), slide.title.c_str(), nullptr, wrap);
    // A long title wraps at large text: room for every line it takes.
    float title_h = tf->CalcTextSizeA(title_size, FLT_MAX, wrap, slide.title.c_str()).y;
    ImGui::Dummy(ImVec2(0, title_h + title_size * 0.3f));
    if (slide.question) {
        // The question itself, and on the projector its options lettered A, B, C...
        ImFont* qf = projection && ctx.fonts.slide ? ctx.fonts.slide : (ctx.fonts.bold ? ctx.fonts.bold : ImGui::GetFont());
        ImGui::PushFont(qf);
        note_markers_in(slide.question->prompt);
        ImGui::TextWrapped("%s", slide.question->prompt.c_str());
        if (projection)
            for (std::size_t i = 0; i < slide.question->options.size(); ++i)
                ImGui::TextWrapped("%c.  %s", static_cast<char>('A' + i), slide.question->options[i].c_str());
        ImGui::PopFont();
    }
    ImGui::PushStyleColor(ImGuiCol_ChildBg, p.surface);
    ImGui::PushStyleVar(ImGuiStyleVar_ChildBorderSize, 0);
    md.draw("##slidebody", ImVec2(0, ImGui::GetContentRegionAvail().y), ctx, content_hooks(ctx, nav, ctx.catalog ? ctx.catalog->area_id() : ""),
            layout_style(ctx, projection ? DocSize::projection : DocSize::reading));
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

} // namespace kiosk

namespace kiosk {

void draw_audience_screen(UiContext& ctx) {
    static ProjectionCache cache;
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin("##audience", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBackground |
                                            ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs);
    ImGui::PopStyleVar();
    auto& s = training_session();
    if (pack_show().on_projector) {  // a meeting's pack is presented (pack_show.hpp)
        draw_pack_projection(pack_show(), ImVec2(0, 0), io.DisplaySize, ctx, pack_show().audience);
    } else if (!session_valid(ctx) || s.mode != SessionMode::presenter || !s.current()) {
        cache = ProjectionCache{};
        ImGui::SetCursorPos(ImVec2(io.DisplaySize.x * 0.05f, io.DisplaySize.y * 0.05f));
        text_in(ctx.fonts.title, "Children's safeguarding: member briefings");
    } else {
        draw_projection(s, ImVec2(0, 0), io.DisplaySize, ctx, cache);
    }
    ImGui::End();
}

} // namespace kiosk
