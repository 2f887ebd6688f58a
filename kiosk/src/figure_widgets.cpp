// Indicator cards and trend charts; see figure_widgets.hpp.
#include "content/trends.hpp"
#include "kiosk/figure_widgets.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/widgets.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <set>

namespace kiosk {

std::string shown_text(const content::Shown& s, content::Unit unit) {
    if (!s.value) return s.marker;
    std::string t = format_value(*s.value, unit);
    if (!s.marker.empty()) t += " " + s.marker;
    return t;
}

void note_guard(const content::Shown& s, const std::string& cell, UiContext& ctx) {
    static std::set<std::string> seen;
    if (s.guarded && ctx.services && seen.insert(cell).second) ctx.services->record_display_guard(cell);
}

namespace {
std::string label_of(const content::Catalog& cat, const std::string& period) {
    for (auto& p : cat.periods())
        if (p.id == period) return p.label;
    return period;
}

} // namespace

float card_height(const UiContext& ctx) {
    float line = ImGui::GetTextLineHeightWithSpacing();
    float big = ctx.fonts.title ? ctx.fonts.title->FontSize : line * 1.6f;
    return big + line * 5.2f + 28 * ctx.scale;
}

bool indicator_card(const content::Indicator& ind, const std::string& loc, ImVec2 size, UiContext& ctx) {
    const auto& cat = *ctx.catalog;
    const Palette& p = palette(ctx.theme);
    std::string period = content::latest_period(cat, ind.id);
    std::string prev = content::previous_period(cat, period);
    auto cur = content::shown_value(cat.value(ind.id, loc, period), ind, cat.disclosure_threshold());
    auto before = content::shown_value(cat.value(ind.id, loc, prev), ind, cat.disclosure_threshold());
    note_guard(cur, ind.id + "/" + loc + "/" + period, ctx);
    note_guard(before, ind.id + "/" + loc + "/" + prev, ctx);
    auto change = content::compute_change(before, cur, ind.polarity);
    const content::Period* per = nullptr;
    for (auto& pp : cat.periods())
        if (pp.id == period) per = &pp;

    bool clicked = false;
    ImGui::PushID((ind.id + "@" + loc).c_str());
    if (begin_card("##card", size, ctx)) {
        ImGui::PushTextWrapPos(0);
        if (ctx.fonts.bold) ImGui::PushFont(ctx.fonts.bold);
        ImGui::TextUnformatted(ind.title.c_str());
        if (ctx.fonts.bold) ImGui::PopFont();
        ImGui::PopTextWrapPos();
        if (ctx.fonts.title) ImGui::PushFont(ctx.fonts.title);
        ImGui::TextUnformatted(shown_text(cur, ind.unit).c_str());
        if (ctx.fonts.title) ImGui::PopFont();
        if (!cur.marker.empty() && ImGui::IsItemClicked()) ImGui::OpenPopup("##marker");
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("%s, %s", unit_label(ind.unit), per ? per->label.c_str() : "no data");
        // Change since the previous period: an arrow AND words (never colour alone).
        const char* arrow = change.direction == content::Direction::up ? "\xE2\x96\xB2" : change.direction == content::Direction::down ? "\xE2\x96\xBC" : "\xE2\x80\x93";
        ImVec4 col = change.judgement == content::Judgement::better ? p.good : change.judgement == content::Judgement::worse ? p.bad : p.text_muted;
        std::string ch = std::string(arrow) + " " + change.words;
        if (change.direction == content::Direction::up || change.direction == content::Direction::down)
            ch += " (" + std::string(change.delta > 0 ? "+" : "-") + format_value(std::fabs(change.delta), ind.unit) + " since " + label_of(cat, prev) + ")";
        ImGui::PushStyleColor(ImGuiCol_Text, col);
        ImGui::TextUnformatted(ch.c_str());
        ImGui::PopStyleColor();
        // Comparisons: the whole area, and comparators (England, neighbours).
        std::string cmp;
        std::string area = cat.area_id();
        for (const auto& l : cat.localities()) {
            if (l.id == loc || (l.kind != "area" && l.kind != "comparator")) continue;
            auto sv = content::shown_value(cat.value(ind.id, l.id, period), ind, cat.disclosure_threshold());
            if (!sv.value && sv.marker == "[x]") continue;
            if (!cmp.empty()) cmp += "   ";
            cmp += l.name + ": " + shown_text(sv, ind.unit);
        }
        if (!cmp.empty()) muted_text(cmp, ctx);
        ImGui::PushStyleColor(ImGuiCol_Text, p.link);
        ImGui::TextUnformatted("Source");
        ImGui::PopStyleColor();
        if (ImGui::IsItemClicked()) ImGui::OpenPopup("##source");
        if (ImGui::BeginPopup("##source")) {
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24);
            ImGui::TextWrapped("%s", ind.definition.c_str());
            ImGui::TextWrapped("Source: %s. Period: %s.", ind.source.c_str(), per ? per->label.c_str() : "none");
            ImGui::PopTextWrapPos();
            ImGui::EndPopup();
        }
        if (ImGui::BeginPopup("##marker")) {
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24);
            ImGui::TextWrapped("%s %s", cur.marker.c_str(), content::marker_meaning(cur.marker).c_str());
            ImGui::PopTextWrapPos();
            ImGui::EndPopup();
        }
        if (ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows) && ImGui::IsMouseReleased(0) && !dragged() &&
            !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId) && !ImGui::IsAnyItemHovered())
            clicked = true;
    }
    end_card();
    ImGui::PopID();
    return clicked;
}

void trend_chart(const content::Indicator& ind, const std::string& loc, ImVec2 p0, ImVec2 p1, UiContext& ctx) {
    const auto& cat = *ctx.catalog;
    const Palette& pal = palette(ctx.theme);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    auto points = content::trend(cat, ind.id, loc);
    // Keep periods from the first to the last with any cell for this locality.
    while (!points.empty() && !points.front().shown.value && points.front().shown.marker == "[x]") points.erase(points.begin());
    while (!points.empty() && !points.back().shown.value && points.back().shown.marker == "[x]") points.pop_back();
    ImFont* f = ImGui::GetFont();
    float fs = f->FontSize;
    dl->AddRectFilled(p0, p1, ImGui::GetColorU32(pal.surface), 8 * ctx.scale);
    if (points.empty()) {
        dl->AddText(ImVec2(p0.x + 20, p0.y + 20), ImGui::GetColorU32(pal.text_muted), "No figures for this locality.");
        return;
    }
    for (auto& pt : points) note_guard(pt.shown, ind.id + "/" + loc + "/" + pt.period_id, ctx);
    // Comparator series: the area (if not the chosen one) and England-like comparators.
    std::vector<std::pair<std::string, std::vector<content::TrendPoint>>> lines;
    if (ind.unit != content::Unit::count || loc == cat.area_id()) {
        for (const auto& l : cat.localities())
            if ((l.kind == "area" || l.kind == "comparator") && l.id != loc) lines.emplace_back(l.name, content::trend(cat, ind.id, l.id));
    }
    double vmax = 0;
    for (auto& pt : points)
        if (pt.shown.value) vmax = std::max(vmax, *pt.shown.value);
    for (auto& [n, series] : lines)
        for (auto& pt : series)
            for (auto& own : points)
                if (own.period_id == pt.period_id && pt.shown.value) vmax = std::max(vmax, *pt.shown.value);
    if (vmax <= 0) vmax = 1;
    // Nice axis maximum.
    double mag = std::pow(10.0, std::floor(std::log10(vmax)));
    double nice = std::ceil(vmax / mag) * mag;
    float left = p0.x + f->CalcTextSizeA(fs, FLT_MAX, 0, format_value(nice, ind.unit).c_str()).x + 24 * ctx.scale;
    float right = p1.x - 16 * ctx.scale;
    float top = p0.y + fs * 2.2f;
    float bottom = p1.y - fs * 2.6f;
    // Axis title and gridlines with labels.
    std::string ytitle = ind.title + " (" + unit_label(ind.unit) + ")";
    dl->AddText(ImVec2(p0.x + 12 * ctx.scale, p0.y + 6 * ctx.scale), ImGui::GetColorU32(pal.text), ytitle.c_str());
    for (int g = 0; g <= 4; ++g) {
        double v = nice * g / 4.0;
        float y = bottom - static_cast<float>(v / nice) * (bottom - top);
        dl->AddLine(ImVec2(left, y), ImVec2(right, y), ImGui::GetColorU32(pal.chart_grid), 1.0f);
        std::string lab = format_value(v, ind.unit);
        ImVec2 ts = f->CalcTextSizeA(fs, FLT_MAX, 0, lab.c_str());
        dl->AddText(ImVec2(left - ts.x - 8 * ctx.scale, y - ts.y * 0.5f), ImGui::GetColorU32(pal.text_muted), lab.c_str());
    }
    dl->AddLine(ImVec2(left, bottom), ImVec2(right, bottom), ImGui::GetColorU32(pal.text), 1.5f);
    dl->AddLine(ImVec2(left, top), ImVec2(left, bottom), ImGui::GetColorU32(pal.text), 1.5f);
    const float n = static_cast<float>(points.size());
    const float slot = (right - left) / n;
    const float bw = std::min(slot * 0.6f, 120.0f * ctx.scale);
    for (std::size_t i = 0; i < points.size(); ++i) {
        float cx = left + slot * (static_cast<float>(i) + 0.5f);
        const auto& s = points[i].shown;
        std::string label = shown_text(s, ind.unit);
        if (s.value) {
            float y = bottom - static_cast<float>(*s.value / nice) * (bottom - top);
            dl->AddRectFilled(ImVec2(cx - bw / 2, y), ImVec2(cx + bw / 2, bottom), ImGui::GetColorU32(pal.chart_fill));
            dl->AddRect(ImVec2(cx - bw / 2, y), ImVec2(cx + bw / 2, bottom), ImGui::GetColorU32(pal.chart_line), 0, 0, 2.0f);
            ImVec2 ts = f->CalcTextSizeA(fs, FLT_MAX, 0, label.c_str());
            dl->AddText(ImVec2(cx - ts.x / 2, y - ts.y - 4 * ctx.scale), ImGui::GetColorU32(pal.text), label.c_str());
        } else {
            // A marker in place of the bar: hatched outline and the symbol.
            float y = bottom - (bottom - top) * 0.15f;
            dl->AddRect(ImVec2(cx - bw / 2, y), ImVec2(cx + bw / 2, bottom), ImGui::GetColorU32(pal.text_muted), 0, 0, 1.5f);
            for (float x = cx - bw / 2; x < cx + bw / 2; x += 8 * ctx.scale)
                dl->AddLine(ImVec2(x, bottom), ImVec2(std::min(x + 8 * ctx.scale, cx + bw / 2), y), ImGui::GetColorU32(pal.chart_grid), 1.0f);
            ImVec2 ts = f->CalcTextSizeA(fs, FLT_MAX, 0, label.c_str());
            dl->AddText(ImVec2(cx - ts.x / 2, y - ts.y - 4 * ctx.scale), ImGui::GetColorU32(pal.text), label.c_str());
        }
        ImVec2 ls = f->CalcTextSizeA(fs, FLT_MAX, 0, points[i].label.c_str());
        dl->AddText(ImVec2(cx - ls.x / 2, bottom + 6 * ctx.scale), ImGui::GetColorU32(pal.text), points[i].label.c_str());
    }
    // Comparator lines with a dot per point and a legend (name, not colour, identifies them).
    float legend_x = left;
    int li = 0;
    for (auto& [name, series] : lines) {
        ImU32 col = ImGui::GetColorU32(li == 0 ? pal.text : pal.warning);
        bool any = false;
        ImVec2 last;
        bool has_last = false;
        for (std::size_t i = 0; i < points.size(); ++i) {
            for (auto& pt : series) {
                if (pt.period_id != points[i].period_id || !pt.shown.value) continue;
                float cx = left + slot * (static_cast<float>(i) + 0.5f);
                float y = bottom - static_cast<float>(*pt.shown.value / nice) * (bottom - top);
                ImVec2 pnt(cx, y);
                if (has_last) dl->AddLine(last, pnt, col, 2.0f);
                li == 0 ? dl->AddCircleFilled(pnt, 5 * ctx.scale, col) : dl->AddRectFilled(ImVec2(cx - 5, y - 5), ImVec2(cx + 5, y + 5), col);
                last = pnt;
                has_last = any = true;
            }
        }
        if (!any) continue;
        std::string leg = (li == 0 ? "\xE2\x97\x8F " : "\xE2\x96\xA0 ") + name;
        dl->AddText(ImVec2(legend_x, p1.y - fs * 1.3f), col, leg.c_str());
        legend_x += f->CalcTextSizeA(fs, FLT_MAX, 0, leg.c_str()).x + 24 * ctx.scale;
        ++li;
    }
    std::string axis = "Period";
    dl->AddText(ImVec2(right - f->CalcTextSizeA(fs, FLT_MAX, 0, axis.c_str()).x, p1.y - fs * 1.3f), ImGui::GetColorU32(pal.text_muted), axis.c_str());
}

} // namespace kiosk
