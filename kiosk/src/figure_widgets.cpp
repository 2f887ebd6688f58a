// Indicator cards and trend charts; see figure_widgets.hpp.
#include "kiosk/figure_widgets.hpp"
#include "content/headlines.hpp"
#include "content/trends.hpp"
#include "kiosk/marker_key.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/widgets.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

namespace kiosk {

std::string shown_text(const content::Shown& s, content::Unit unit) {
    note_markers_in(s.marker);
    if (!s.value) return s.marker;
    std::string t = format_value(*s.value, unit);
    if (!s.marker.empty()) t += " " + s.marker;
    return t;
}

void note_guard(const content::Shown& s, const std::string& cell, UiContext& ctx) {
    static std::set<std::string> seen;
    if (s.guarded && ctx.services && seen.insert(cell).second) ctx.services->record_display_guard(cell);
}

Axis nice_axis(double vmax) {
    Axis a;
    if (!(vmax > 0) || !std::isfinite(vmax)) return a;
    double mag = std::pow(10.0, std::floor(std::log10(vmax)) - 1);
    for (int i = 0; i < 8; ++i, mag *= 10) {
        for (double m : {1.0, 2.0, 2.5, 5.0}) {
            double step = m * mag;
            double n = std::ceil(vmax / step - 1e-9);
            if (n <= 6) {
                a.step = step;
                a.max = std::max(1.0, n) * step;
                return a;
            }
        }
    }
    return a;
}


namespace {
// The height each card's content needed when last drawn, by card: a card
// grows to fit its text at large sizes instead of clipping it.
std::map<std::string, float>& measured_cards() {
    static std::map<std::string, float> m;
    return m;
}
} // namespace

float card_height(const UiContext& ctx, const std::string& indicator, const std::string& locality) {
    auto it = measured_cards().find(indicator + "@" + locality);
    return std::max(card_height(ctx), it == measured_cards().end() ? 0.0f : it->second);
}

float card_height(const UiContext& ctx) {
    float line = ImGui::GetTextLineHeightWithSpacing();
    float big = ctx.fonts.title ? ctx.fonts.title->FontSize : line * 1.6f;
    return big + line * 5.2f + 28 * ctx.scale;
}

bool indicator_card(const content::Indicator& ind, const std::string& loc, ImVec2 size, UiContext& ctx) {
    const auto& cat = *ctx.catalog;
    std::string period = content::latest_period(cat, ind.id);
    auto cur = content::shown_value(cat.value(ind.id, loc, period), ind, cat.disclosure_threshold());
    note_guard(cur, ind.id + "/" + loc + "/" + period, ctx);
    auto hl = content::indicator_headline(cat, ind, loc);
    if (hl.uses_similar_rule) note_similar_rule();
    note_markers_in(hl.sentence);
    bool clicked = false;
    float need = 0;
    ImGui::PushID((ind.id + "@" + loc).c_str());
    if (begin_card("##card", size, ctx)) {
        ImGui::PushTextWrapPos(0);
        if (ctx.fonts.bold) ImGui::PushFont(ctx.fonts.bold);
        ImGui::TextUnformatted(ind.title.c_str());
        if (ctx.fonts.bold) ImGui::PopFont();
        // The figure never breaks inside ("2,148"); its unit goes beside it
        // when there is room, else below.
        if (ctx.fonts.title) ImGui::PushFont(ctx.fonts.title);
        ImGui::PushTextWrapPos(-1.0f);
        ImGui::TextUnformatted(shown_text(cur, ind.unit).c_str());
        ImGui::PopTextWrapPos();
        if (ctx.fonts.title) ImGui::PopFont();
        char unit[160];
        std::snprintf(unit, sizeof unit, "%s, %s", unit_label(ind.unit), hl.period.empty() ? "no data" : hl.period.c_str());
        flow(ImGui::CalcTextSize(unit).x);
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("%s", unit);
        text_wrapped(hl.sentence);
        ImGui::PopTextWrapPos();
        need = ImGui::GetCursorPosY() + ImGui::GetStyle().WindowPadding.y - ImGui::GetStyle().ItemSpacing.y;
        measured_cards()[ind.id + "@" + loc] = need;
        // One tap target: the whole card opens the trend (its table and source).
        if (ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows) && ImGui::IsMouseReleased(0) && !dragged() &&
            !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId))
            clicked = true;
    }
    end_card();
    note_item("card:" + ind.id, ImVec2(0, need));
    ImGui::PopID();
    return clicked;
}

} // namespace kiosk
