// Shared training helpers; see training_shared.hpp.
#include "kiosk/training_shared.hpp"
#include "kiosk/doc_hooks.hpp"
#include "kiosk/marker_key.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/widgets.hpp"

#include <algorithm>
#include <cfloat>

namespace kiosk {

TrainingSession& training_session() {
    static TrainingSession s;
    return s;
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
    static MarkdownView md;
    static const content::Slide* drawn = nullptr;
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("##audience", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBackground);
    auto& s = training_session();
    const content::Slide* sl = s.active() && s.mode == SessionMode::presenter ? s.current() : nullptr;
    if (!sl) {
        drawn = nullptr;
        text_in(ctx.fonts.title, "Children's safeguarding: member briefings");
    } else {
        if (sl != drawn) {
            md.set_markdown(sl->body_md);
            drawn = sl;
        }
        NavRequest ignored;  // the audience screen takes no input
        draw_slide(*sl, md, ImGui::GetContentRegionAvail(), ctx, ignored, true);
    }
    ImGui::End();
}

} // namespace kiosk
