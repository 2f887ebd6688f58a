// The trend chart and its table; see figure_widgets.hpp.
#include "content/headlines.hpp"
#include "content/trends.hpp"
#include "kiosk/figure_widgets.hpp"
#include "kiosk/marker_key.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/widgets.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace kiosk {
namespace {

using Series = std::vector<content::TrendPoint>;

struct Comparator {
    std::string name;
    Series points;
};

// The plot area and the scale, shared by the parts of one chart.
struct Frame {
    ImDrawList* dl = nullptr;
    ImFont* font = nullptr;
    float fs = 0, left = 0, right = 0, top = 0, bottom = 0, slot = 0;
    Axis axis;
    float x_of(std::size_t i) const { return left + slot * (static_cast<float>(i) + 0.5f); }
    float y_of(double v) const { return bottom - static_cast<float>(v / axis.max) * (bottom - top); }
    ImVec2 size(const std::string& s) const { return font->CalcTextSizeA(fs, FLT_MAX, 0, s.c_str()); }
};

const char* gap_words(const std::string& m) {
    if (m == "[c]") return "not shown";
    if (m == "[z]") return "not applicable";
    if (m == "[low]") return "rounds to 0";
    return "not available";
}

// The locality's periods from the first to the last with any cell.
Series own_points(const content::Catalog& cat, const content::Indicator& ind, const std::string& loc) {
    auto points = content::trend(cat, ind.id, loc);
    auto empty = [](const content::TrendPoint& p) { return !p.shown.value && p.shown.marker == "[x]"; };
    while (!points.empty() && empty(points.front())) points.erase(points.begin());
    while (!points.empty() && empty(points.back())) points.pop_back();
    return points;
}

// Rates and percentages are set against the area and comparators; counts
// only against their own history (a county total says nothing about a locality).
std::vector<Comparator> comparators(const content::Catalog& cat, const content::Indicator& ind, const std::string& loc) {
    std::vector<Comparator> out;
    if (ind.unit == content::Unit::count) return out;
    for (const auto& l : cat.localities())
        if ((l.kind == "area" || l.kind == "comparator") && l.id != loc) out.push_back({l.name, content::trend(cat, ind.id, l.id)});
    return out;
}

const content::Shown* at(const Series& s, const std::string& period) {
    for (const auto& p : s)
        if (p.period_id == period) return &p.shown;
    return nullptr;
}

Frame make_frame(const content::Indicator& ind, const Series& own, const std::vector<Comparator>& cmp, ImVec2 p0, ImVec2 p1, UiContext& ctx) {
    Frame f;
    f.dl = ImGui::GetWindowDrawList();
    f.font = ImGui::GetFont();
    f.fs = f.font->FontSize;
    double vmax = 0;
    for (const auto& pt : own) {
        if (pt.shown.value) vmax = std::max(vmax, *pt.shown.value);
        for (const auto& c : cmp)
            if (auto s = at(c.points, pt.period_id); s && s->value) vmax = std::max(vmax, *s->value);
    }
    f.axis = nice_axis(vmax);
    f.left = p0.x + f.size(format_value(f.axis.max, ind.unit)).x + 24 * ctx.scale;
    f.right = p1.x - 16 * ctx.scale;
    f.top = p0.y + f.fs * 2.6f;
    f.bottom = p1.y - f.fs * 4.0f;
    f.slot = (f.right - f.left) / static_cast<float>(std::max<std::size_t>(1, own.size()));
    return f;
}

void draw_axes(const Frame& f, const content::Indicator& ind, ImVec2 p0, UiContext& ctx) {
    const Palette& pal = palette(ctx.theme);
    std::string ytitle = ind.title + " (" + unit_label(ind.unit) + ")";
    draw_text(f.dl, ImVec2(p0.x + 12 * ctx.scale, p0.y + 6 * ctx.scale), ImGui::GetColorU32(pal.text), ytitle);
    for (double v = 0; v <= f.axis.max + f.axis.step * 0.01; v += f.axis.step) {
        float y = f.y_of(v);
        f.dl->AddLine(ImVec2(f.left, y), ImVec2(f.right, y), ImGui::GetColorU32(pal.chart_grid), 1.0f);
        std::string lab = format_value(v, ind.unit);
        ImVec2 ts = f.size(lab);
        draw_text(f.dl, ImVec2(f.left - ts.x - 8 * ctx.scale, y - ts.y * 0.5f), ImGui::GetColorU32(pal.text_muted), lab);
    }
    f.dl->AddLine(ImVec2(f.left, f.bottom), ImVec2(f.right, f.bottom), ImGui::GetColorU32(pal.text), 1.5f);
    f.dl->AddLine(ImVec2(f.left, f.top), ImVec2(f.left, f.bottom), ImGui::GetColorU32(pal.text), 1.5f);
}

// Where the comparators' points fall in slot i (y coordinates).
std::vector<float> comparator_ys(const Frame& f, const std::vector<Comparator>& cmp, const std::string& period) {
    std::vector<float> ys;
    for (const auto& c : cmp)
        if (auto s = at(c.points, period); s && s->value) ys.push_back(f.y_of(*s->value));
    return ys;
}

// A label's top edge above `want`, moved clear of every comparator point.
float clear_of(float want, float h, const std::vector<float>& ys, float r, float top) {
    float y = want;
    for (int pass = 0; pass < 3; ++pass)
        for (float c : ys)
            if (y < c + r && y + h > c - r) y = c - r - h;
    return std::max(y, top - h);
}

} // namespace

std::size_t label_stride(float widest, float slot, float gap) {
    if (slot <= 0) return 1;
    return std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil((widest + gap) / slot)));
}

namespace {

// Labels are drawn for every `stride`-th period counting back from the
// latest, so the newest always has one and none run together.
bool labelled(std::size_t i, std::size_t n, std::size_t stride) { return (n - 1 - i) % stride == 0; }

void draw_bar(const Frame& f, std::size_t i, const content::TrendPoint& pt, const content::Indicator& ind, const std::vector<float>& ys,
              ChartLayout& out, UiContext& ctx, bool with_label) {
    const Palette& pal = palette(ctx.theme);
    float cx = f.x_of(i), bw = std::min(f.slot * 0.6f, 120.0f * ctx.scale);
    std::string label = shown_text(pt.shown, ind.unit);
    ImVec2 ts = f.size(label);
    if (pt.shown.value) {
        ImVec2 a(cx - bw / 2, f.y_of(*pt.shown.value)), b(cx + bw / 2, f.bottom);
        f.dl->AddRectFilled(a, b, ImGui::GetColorU32(pal.chart_fill));
        f.dl->AddRect(a, b, ImGui::GetColorU32(pal.chart_line), 0, 0, 2.0f);
        out.bars.push_back({pt.period_id, a, b});
        if (!with_label) return;
        float y = clear_of(a.y - ts.y - 4 * ctx.scale, ts.y, ys, 8 * ctx.scale, f.top);
        draw_text(f.dl, ImVec2(cx - ts.x / 2, y), ImGui::GetColorU32(pal.text), label);
        return;
    }
    // A labelled gap: no bar, a dashed baseline, the marker and what it means.
    out.gap_periods.push_back(pt.period_id);
    for (float x = cx - bw / 2; x < cx + bw / 2; x += 10 * ctx.scale)
        f.dl->AddLine(ImVec2(x, f.bottom - 1), ImVec2(std::min(x + 5 * ctx.scale, cx + bw / 2), f.bottom - 1), ImGui::GetColorU32(pal.text_muted), 2.0f);
    std::string words = gap_words(pt.shown.marker);
    ImVec2 ws = f.size(words);
    float y = clear_of(f.bottom - ts.y - ws.y - 8 * ctx.scale, ts.y + ws.y, ys, 8 * ctx.scale, f.top);
    draw_text(f.dl, ImVec2(cx - ts.x / 2, y), ImGui::GetColorU32(pal.text), label);
    draw_text(f.dl, ImVec2(cx - ws.x / 2, y + ts.y), ImGui::GetColorU32(pal.text_muted), words);
}

void draw_comparators(const Frame& f, const Series& own, const std::vector<Comparator>& cmp, ImVec2 p1, UiContext& ctx) {
    const Palette& pal = palette(ctx.theme);
    float legend_x = f.left;
    int li = 0;
    for (const auto& c : cmp) {
        ImU32 col = ImGui::GetColorU32(li == 0 ? pal.text : pal.warning);
        bool any = false;
        ImVec2 last;
        for (std::size_t i = 0; i < own.size(); ++i) {
            auto s = at(c.points, own[i].period_id);
            if (!s || !s->value) continue;
            ImVec2 pnt(f.x_of(i), f.y_of(*s->value));
            if (any) f.dl->AddLine(last, pnt, col, 2.0f);
            float r = 5 * ctx.scale;
            li == 0 ? f.dl->AddCircleFilled(pnt, r, col) : f.dl->AddRectFilled(ImVec2(pnt.x - r, pnt.y - r), ImVec2(pnt.x + r, pnt.y + r), col);
            last = pnt;
            any = true;
        }
        if (!any) continue;
        std::string leg = (li == 0 ? "\xE2\x97\x8F " : "\xE2\x96\xA0 ") + c.name;
        draw_text(f.dl, ImVec2(legend_x, p1.y - f.fs * 1.3f), col, leg);
        legend_x += f.size(leg).x + 24 * ctx.scale;
        ++li;
    }
}

// Every cell is a marker: say so, and why, instead of an empty chart.
void draw_all_markers(const Series& own, ImVec2 p0, ImVec2 p1, UiContext& ctx) {
    const Palette& pal = palette(ctx.theme);
    std::string why;
    for (const auto& pt : own)
        if (why.find(pt.shown.marker) == std::string::npos) why += (why.empty() ? "" : "; ") + content::marker_sentence(pt.shown.marker);
    std::string text = "Not available for this locality: " + why + ".";
    note_markers_in(text);
    ImGui::SetCursorScreenPos(ImVec2(p0.x + 20 * ctx.scale, p0.y + 20 * ctx.scale));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + (p1.x - p0.x) - 40 * ctx.scale);
    ImGui::PushStyleColor(ImGuiCol_Text, pal.text);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
}

} // namespace

ChartLayout trend_chart(const content::Indicator& ind, const std::string& loc, ImVec2 p0, ImVec2 p1, UiContext& ctx) {
    ChartLayout out;
    const auto& cat = *ctx.catalog;
    const Palette& pal = palette(ctx.theme);
    ImGui::GetWindowDrawList()->AddRectFilled(p0, p1, ImGui::GetColorU32(pal.surface), 8 * ctx.scale);
    Series own = own_points(cat, ind, loc);
    for (auto& pt : own) note_guard(pt.shown, ind.id + "/" + loc + "/" + pt.period_id, ctx);
    bool any = std::any_of(own.begin(), own.end(), [](const auto& p) { return p.shown.value.has_value(); });
    if (!any) {
        out.all_markers = true;
        if (own.empty()) own = content::trend(cat, ind.id, loc);
        ImVec2 keep = ImGui::GetCursorScreenPos();
        draw_all_markers(own, p0, p1, ctx);
        ImGui::SetCursorScreenPos(keep);
        return out;
    }
    auto cmp = comparators(cat, ind, loc);
    Frame f = make_frame(ind, own, cmp, p0, p1, ctx);
    out.axis_max = f.axis.max;
    out.axis_step = f.axis.step;
    draw_axes(f, ind, p0, ctx);
    // Year labels and figures are thinned when the bars are narrower than
    // them (large text, many years, a narrow screen); the table has them all.
    float year_w = 0, value_w = 0;
    for (const auto& pt : own) {
        year_w = std::max(year_w, f.size(pt.label).x);
        value_w = std::max(value_w, f.size(shown_text(pt.shown, ind.unit)).x);
    }
    std::size_t years = label_stride(year_w, f.slot, 12 * ctx.scale), values = label_stride(value_w, f.slot, 8 * ctx.scale);
    out.label_stride = years;
    for (std::size_t i = 0; i < own.size(); ++i) {
        draw_bar(f, i, own[i], ind, comparator_ys(f, cmp, own[i].period_id), out, ctx, labelled(i, own.size(), values));
        if (!labelled(i, own.size(), years)) continue;
        ImVec2 ls = f.size(own[i].label);
        draw_text(f.dl, ImVec2(f.x_of(i) - ls.x / 2, f.bottom + 6 * ctx.scale), ImGui::GetColorU32(pal.text), own[i].label);
        out.year_labels.push_back({own[i].period_id, ImVec2(f.x_of(i) - ls.x / 2, f.bottom), ImVec2(f.x_of(i) + ls.x / 2, f.bottom + ls.y)});
    }
    draw_comparators(f, own, cmp, p1, ctx);
    std::string bars = "Bars: " + (cat.locality(loc) ? cat.locality(loc)->name : loc);
    draw_text(f.dl, ImVec2(f.right - f.size(bars).x, p1.y - f.fs * 1.3f), ImGui::GetColorU32(pal.text_muted), bars);
    return out;
}

namespace {

std::string change_text(const content::Shown& prev, const content::Shown& cur, const content::Indicator& ind) {
    if (!prev.value || !cur.value) return "";
    double a = std::round(*prev.value * 10) / 10, b = std::round(*cur.value * 10) / 10;
    if (ind.unit == content::Unit::count) a = std::round(*prev.value), b = std::round(*cur.value);
    if (a == b) return "no change";
    return std::string(b > a ? "up " : "down ") + content::amount_text(std::fabs(b - a), ind.unit, content::count_noun(ind));
}

} // namespace

void trend_table(const content::Indicator& ind, const std::string& loc, UiContext& ctx) {
    const auto& cat = *ctx.catalog;
    Series own = own_points(cat, ind, loc);
    auto cmp = comparators(cat, ind, loc);
    const int cols = 3 + static_cast<int>(cmp.size());
    const content::Locality* loc_row = cat.locality(loc);
    std::string own_name = loc_row ? loc_row->name : loc;
    // Each column as wide as its heading or widest cell: when they do not all
    // fit, each period becomes a short block of lines instead.
    float pad = ImGui::GetStyle().CellPadding.x * 2 + 4;
    auto tw = [](const std::string& s) { return ImGui::CalcTextSize(s.c_str()).x; };
    std::vector<float> need(static_cast<std::size_t>(cols), 0.0f);
    need[0] = tw("Period");
    need[1] = tw(own_name);
    need[2] = tw("Change on the year before");
    for (std::size_t c = 0; c < cmp.size(); ++c) need[3 + c] = tw(cmp[c].name);
    for (std::size_t i = 0; i < own.size(); ++i) {
        need[0] = std::max(need[0], tw(own[i].label));
        need[1] = std::max(need[1], tw(shown_text(own[i].shown, ind.unit)));
        if (i > 0) need[2] = std::max(need[2], tw(change_text(own[i - 1].shown, own[i].shown, ind)));
        for (std::size_t c = 0; c < cmp.size(); ++c)
            if (auto s = at(cmp[c].points, own[i].period_id)) need[3 + c] = std::max(need[3 + c], tw(shown_text(*s, ind.unit)));
    }
    float total = 0;
    for (float n : need) total += n + pad;
    if (total > ImGui::GetContentRegionAvail().x) {
        for (std::size_t i = 0; i < own.size(); ++i) {
            text_in(ctx.fonts.bold, own[i].label);
            std::string line = own_name + ": " + shown_text(own[i].shown, ind.unit);
            if (i > 0) {
                std::string ch = change_text(own[i - 1].shown, own[i].shown, ind);
                if (!ch.empty()) line += " (" + ch + " on the year before)";
            }
            text_wrapped(line);
            for (const auto& c : cmp)
                if (auto s = at(c.points, own[i].period_id)) text_wrapped(c.name + ": " + shown_text(*s, ind.unit));
            ImGui::Spacing();
        }
        return;
    }
    float width = std::min(ImGui::GetContentRegionAvail().x, std::max(total, (260.0f + 170.0f * static_cast<float>(cols)) * ctx.scale));
    if (own.empty() ||
        !ImGui::BeginTable("##trendtable", cols, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp, ImVec2(width, 0)))
        return;
    const content::Locality* l = cat.locality(loc);
    ImGui::TableSetupColumn("Period");
    ImGui::TableSetupColumn((l ? l->name : loc).c_str());
    ImGui::TableSetupColumn("Change on the year before");
    for (const auto& c : cmp) ImGui::TableSetupColumn(c.name.c_str());
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers, min_hit * ctx.scale);
    for (int c = 0; c < cols; ++c) {
        ImGui::TableSetColumnIndex(c);
        ImGui::AlignTextToFramePadding();
        ImGui::TableHeader(ImGui::TableGetColumnName(c));
    }
    for (std::size_t i = 0; i < own.size(); ++i) {
        ImGui::TableNextRow(0, min_hit * 0.75f * ctx.scale);
        ImGui::TableSetColumnIndex(0);
        ImGui::TextUnformatted(own[i].label.c_str());
        ImGui::TableSetColumnIndex(1);
        right_aligned_text(shown_text(own[i].shown, ind.unit));
        ImGui::TableSetColumnIndex(2);
        if (i > 0) right_aligned_text(change_text(own[i - 1].shown, own[i].shown, ind));
        for (std::size_t c = 0; c < cmp.size(); ++c) {
            ImGui::TableSetColumnIndex(3 + static_cast<int>(c));
            if (auto s = at(cmp[c].points, own[i].period_id)) right_aligned_text(shown_text(*s, ind.unit));
        }
    }
    ImGui::EndTable();
}

} // namespace kiosk
