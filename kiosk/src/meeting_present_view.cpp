// A meeting's pack on a projector (meeting-present:<id>:<ord>). The pack is
// a deck (pack_show.hpp), worked by the training room's clicker keys. With a
// second screen the audience window shows the current item and this screen
// is the presenter's: the item as the room sees it, the items in order (a tap
// goes to one), Previous / Next / Blank and Back to the pack. With one screen
// this view is the projector's picture itself, full screen: the keys work it,
// a tap on the right half goes on and on the left half goes back, and a small
// "Back to the pack" stays in the corner. Escape (the shell) or Back returns
// to the pack, which then shows the item reached.
#include "content/meetings.hpp"
#include "kiosk/pack_show.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/views.hpp"
#include "kiosk/widgets.hpp"

#include <cstdlib>

namespace kiosk {
namespace {

class MeetingPresentView final : public View {
public:
    std::string title() const override { return "Presenting: " + m_title; }

    bool open(const std::string& arg, UiContext& ctx) override {
        auto c = arg.rfind(':');
        const std::string id = arg.substr(0, c);
        const content::Meeting* m = ctx.catalog ? ctx.catalog->meeting(id) : nullptr;
        if (!m || m->items.empty()) return false;
        std::int64_t ord = c == std::string::npos ? m->items.front().ord : std::atoll(arg.c_str() + c + 1);
        if (!content::meeting_item(*m, ord)) return false;
        const bool fresh = !pack_show().on_projector || m_id != id;
        if (!pack_show().open(*m, *ctx.catalog, ord, ctx.now)) return false;
        pack_show().on_projector = true;
        if (fresh) {  // a deck built again: nothing laid out for the last one is kept
            m_room = ProjectionCache{};
            m_preview = ProjectionCache{};
            pack_show().audience = ProjectionCache{};
        }
        m_id = id;
        m_title = m->title;
        m_route_ord = ord;
        meeting_item_seen(m_id, ord);
        return true;
    }

    void reset() override { pack_show().clear(); }

    void draw(UiContext& ctx, NavRequest& nav) override {
        PackShow& show = pack_show();
        if (show.meeting_id != m_id || !show.session.current()) return;
        read_presenter_keys(show.session);
        if (!ctx.second_screen) draw_full_screen(show, ctx, nav);
        else draw_presenter(show, ctx, nav);
        sync_route(show, nav);
    }

private:
    // The route follows the item (the shell replaces the entry: Back is the pack).
    void sync_route(PackShow& show, NavRequest& nav) {
        const std::int64_t ord = show.current_ord();
        if (nav.kind != NavRequest::Kind::none || ord == m_route_ord) return;
        m_route_ord = ord;
        meeting_item_seen(m_id, ord);
        nav = NavRequest{NavRequest::Kind::go, "meeting-present:" + m_id + ":" + std::to_string(ord)};
    }

    // One screen: the projector's picture over the whole screen.
    void draw_full_screen(PackShow& show, UiContext& ctx, NavRequest& nav) {
        ImGuiIO& io = ImGui::GetIO();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(io.DisplaySize);
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
        ImGui::Begin("##pack-present-here", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoNav);
        ImGui::PopStyleVar();
        // The picture, then a strip below it for a small "Back to the pack".
        const float pad = 8 * ctx.scale;
        const float h = min_hit * ctx.scale;
        const Blank blank = show.session.blank;
        const ImU32 strip = blank == Blank::black ? IM_COL32(0, 0, 0, 255) : blank == Blank::white ? IM_COL32(255, 255, 255, 255) : ImGui::GetColorU32(palette(ctx.theme).background);
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(0, 0), io.DisplaySize, strip);
        draw_pack_projection(show, ImVec2(0, 0), ImVec2(io.DisplaySize.x, io.DisplaySize.y - h - 2 * pad), ctx, m_room);
        ImGui::SetCursorPos(ImVec2(pad, io.DisplaySize.y - h - pad));
        ImGui::SetWindowFontScale(0.85f);
        bool back = button("< Back to the pack##present-back", ctx, ButtonStyle::quiet);
        const bool on_button = ImGui::IsItemHovered();
        note_item("present-back");
        ImGui::SetWindowFontScale(1.0f);
        const bool tapped = !on_button && ImGui::IsWindowHovered() && ImGui::IsMouseReleased(0) && !dragged();
        ImGui::End();
        if (back) nav = NavRequest{NavRequest::Kind::back, ""};
        else if (tapped) show.session.key(io.MousePos.x >= io.DisplaySize.x * 0.5f ? ClickerKey::next : ClickerKey::previous);
    }

    // Two screens: the presenter's view.
    void draw_presenter(PackShow& show, UiContext& ctx, NavRequest& nav) {
        ImVec2 avail = ImGui::GetContentRegionAvail();
        const bool wide = avail.x >= 1000 * ctx.scale;
        const float side_w = wide ? std::max(avail.x * 0.34f, 320.0f * ctx.scale) : avail.x;
        const float left_w = wide ? avail.x - side_w - ImGui::GetStyle().ItemSpacing.x : avail.x;
        // The item as the room sees it, 16:9.
        float w = left_w, h = w * 9 / 16;
        const float most_h = wide ? avail.y - ImGui::GetFrameHeightWithSpacing() * 3 : ImGui::GetIO().DisplaySize.y * 0.45f;
        if (h > most_h) {
            h = std::max(60.0f, most_h);
            w = h * 16 / 9;
        }
        ImGui::BeginGroup();
        const ImVec2 p0 = ImGui::GetCursorScreenPos();
        draw_pack_projection(show, p0, ImVec2(w, h), ctx, m_preview);
        ImGui::GetWindowDrawList()->AddRect(p0, ImVec2(p0.x + w, p0.y + h), ImGui::GetColorU32(palette(ctx.theme).border));
        ImGui::Dummy(ImVec2(w, h));
        draw_bar(show, ctx, nav);
        ImGui::EndGroup();
        if (wide) ImGui::SameLine();
        ImGui::BeginGroup();
        draw_items(show, ctx, wide ? side_w : avail.x);
        ImGui::EndGroup();
    }

    void draw_bar(PackShow& show, UiContext& ctx, NavRequest& nav) {
        TrainingSession& s = show.session;
        ImGui::BeginDisabled(s.slide == 0);
        if (button("< Previous##present-prev", ctx)) s.key(ClickerKey::previous);
        ImGui::EndDisabled();
        flow(button_width("Next >", ctx));
        ImGui::BeginDisabled(s.slide + 1 >= s.slide_count());
        if (button("Next >##present-next", ctx, ButtonStyle::primary)) s.key(ClickerKey::next);
        ImGui::EndDisabled();
        const char* blank_label = s.blank == Blank::none ? "Blank (B)##present-blank" : "Show item##present-blank";
        flow(button_width(blank_label, ctx));
        if (button(blank_label, ctx)) s.toggle_blank(Blank::black);
        flow(button_width("Back to the pack", ctx));
        if (button("Back to the pack##present-back", ctx)) nav = NavRequest{NavRequest::Kind::back, ""};
        note_item("present-back");
    }

    // What the projector shows, and the items in order: a tap goes to one.
    void draw_items(PackShow& show, UiContext& ctx, float width) {
        TrainingSession& s = show.session;
        const std::string shows = s.blank == Blank::black   ? "The projector is blank (black): B shows the item again."
                                  : s.blank == Blank::white ? "The projector is blank (white): W shows the item again."
                                                            : "The projector shows item " + std::to_string(s.slide + 1) + " of " + std::to_string(s.slide_count()) + ".";
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
        text_in(ctx.fonts.heading, shows);
        if (!s.jump.empty()) ImGui::TextWrapped("Go to item %s: press Enter.", s.jump.c_str());
        ImGui::PopTextWrapPos();
        for (int i = 0; i < s.slide_count(); ++i) {
            const auto& sl = show.deck.slides[static_cast<std::size_t>(i)];
            const std::string heading = "Item " + show.numbers[static_cast<std::size_t>(i)] + ": " + sl.title;
            const std::string detail = i == s.slide ? "On the projector now" : (s.shown[static_cast<std::size_t>(i)] ? "Shown" : "");
            if (meeting_card("present-item-" + std::to_string(i + 1), heading, detail, ctx, i == s.slide, width)) s.go_to(i);
        }
    }

    std::string m_id, m_title;
    std::int64_t m_route_ord = 0;
    ProjectionCache m_room, m_preview;
};

} // namespace

std::unique_ptr<View> make_meeting_present_view() { return std::make_unique<MeetingPresentView>(); }

} // namespace kiosk
