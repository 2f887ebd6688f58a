// Home's "what is on" panel: on a meeting's day (or within its lead time) one
// large tap target, "Today: Riverside locality meeting, 7 pm. Item 4:
// children's safeguarding", that opens the pack (and nothing else, so that
// the home tiles stay near the top of a 480-pixel panel); otherwise the next
// few events with their dates in plain words. Either way, a way to every
// meeting, past ones included. Drawn at the top of home (home_view.cpp).
#include "content/dates.hpp"
#include "content/meetings.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/views.hpp"
#include "kiosk/widgets.hpp"

#include <algorithm>
#include <cstdlib>

namespace kiosk {

bool meeting_card(const std::string& id, const std::string& heading, const std::string& detail, const UiContext& ctx, bool strong, float width) {
    const Palette& p = palette(ctx.theme);
    float w = width > 0 ? width : ImGui::GetContentRegionAvail().x;
    ImFont* hf = ctx.fonts.heading ? ctx.fonts.heading : ImGui::GetFont();
    ImFont* bf = ImGui::GetFont();
    float pad = 10 * ctx.scale, bar = strong ? 10 * ctx.scale : 0, wrap = w - 2 * pad - bar;
    ImVec2 hs = hf->CalcTextSizeA(hf->FontSize, FLT_MAX, wrap, heading.c_str());
    ImVec2 ds = detail.empty() ? ImVec2(0, 0) : bf->CalcTextSizeA(bf->FontSize, FLT_MAX, wrap, detail.c_str());
    float gap = detail.empty() ? 0 : 4 * ctx.scale;
    float h = std::max(min_hit * ctx.scale, hs.y + ds.y + gap + 2 * pad);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    bool pressed = ImGui::InvisibleButton(("##" + id).c_str(), ImVec2(w, h)) && !dragged();
    note_item(id);
    bool hovered = ImGui::IsItemHovered() || ImGui::IsItemFocused();
    ImVec2 after = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 end(pos.x + w, pos.y + h);
    dl->AddRectFilled(pos, end, ImGui::GetColorU32(hovered ? p.surface_hover : p.surface), 10 * ctx.scale);
    dl->AddRect(pos, end, ImGui::GetColorU32(strong ? p.accent : p.border), 10 * ctx.scale, 0, strong ? 3.0f : 1.5f);
    if (strong) dl->AddRectFilled(pos, ImVec2(pos.x + bar, end.y), ImGui::GetColorU32(p.accent), 10 * ctx.scale, ImDrawFlags_RoundCornersLeft);
    // The words as ImGui text (not the draw list), so they wrap, reach the
    // screen reader's and the tests' text log, and never take the tap.
    float x = pos.x + pad + bar;
    ImGui::PushTextWrapPos(x + wrap - ImGui::GetWindowPos().x + ImGui::GetScrollX());
    ImGui::SetCursorScreenPos(ImVec2(x, pos.y + pad));
    ImGui::PushFont(hf);
    ImGui::TextUnformatted(heading.c_str());
    ImGui::PopFont();
    if (!detail.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(x, pos.y + pad + hs.y + gap));
        ImGui::PushStyleColor(ImGuiCol_Text, p.text_muted);
        ImGui::TextUnformatted(detail.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::PopTextWrapPos();
    ImGui::SetCursorScreenPos(after);
    return pressed;
}

void draw_home_meetings(UiContext& ctx, NavRequest& nav) {
    const content::Catalog* cat = ctx.catalog;
    if (!cat || cat->meetings().empty()) return;
    std::int64_t now = content::local_minute_of(ctx.now);
    content::MeetingClockOptions opts;
    if (ctx.services) opts.lead_minutes = std::max(0, std::atoi(ctx.services->setting("meeting_lead_minutes", "0").c_str()));
    opts.next_count = 3;
    auto placed = content::place_meetings(cat->meetings(), now, opts);
    if (placed.lead) {
        const content::Meeting& m = *placed.lead;
        if (meeting_card("home-meeting", content::lead_line(m, placed.lead_phase, now), m.place + "  |  Tap to open the meeting's pack", ctx, true))
            nav = NavRequest{NavRequest::Kind::go, "meeting:" + m.id};
        ImGui::Spacing();
    }
    // Otherwise the next few events, each one tap to its pack: side by side
    // when there is room (so that the home tiles stay on a 720-pixel screen),
    // one under another on a narrow panel.
    if (!placed.lead && !placed.next.empty()) {
        float avail = ImGui::GetContentRegionAvail().x;
        text_in(ctx.fonts.heading, "Coming up for members");
        if (avail > 760 * ctx.scale) {
            float gap = ImGui::GetStyle().ItemSpacing.x, n = static_cast<float>(placed.next.size());
            float card_w = (avail - gap * (n - 1)) / n;
            for (std::size_t i = 0; i < placed.next.size(); ++i) {
                const content::Meeting* m = placed.next[i];
                if (i > 0) ImGui::SameLine();
                ImGui::BeginGroup();
                if (meeting_card("next-" + m->id, content::plain_when(m->starts, now), m->title, ctx, false, card_w))
                    nav = NavRequest{NavRequest::Kind::go, "meeting:" + m->id};
                ImGui::EndGroup();
            }
        } else {
            // One under another, each the width of the screen, wrapping at
            // large text rather than running past the right edge.
            for (const auto* m : placed.next) {
                if (meeting_card("next-" + m->id, content::plain_when(m->starts, now), m->title, ctx, false))
                    nav = NavRequest{NavRequest::Kind::go, "meeting:" + m->id};
                ImGui::Spacing();
            }
        }
    }
    if (button("All meetings and past packs##meetings", ctx, ButtonStyle::quiet)) nav = NavRequest{NavRequest::Kind::go, "meetings"};
    note_item("all-meetings");
    ImGui::Spacing();
}

} // namespace kiosk
