// Comparing localities: one indicator across every locality. England, other
// comparators and the whole area are pinned at the top, apart from the
// localities, which sort by any column. The visitor's locality is
// highlighted; numbers are right-aligned; the change says its size, and
// rates and percentages are compared with England.
#include "content/headlines.hpp"
#include "content/trends.hpp"
#include "kiosk/figure_widgets.hpp"
#include "kiosk/marker_key.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/views.hpp"
#include "kiosk/widgets.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk {
namespace {

struct Row {
    std::string id, name, kind;
    content::Shown cur, prev;
    double delta = 0;
    bool has_delta = false;
    std::string change, versus;
};

// Suppressed values sort below every number (nullopt first when ascending).
int cmp_shown(const content::Shown& a, const content::Shown& b) {
    if (!a.value && !b.value) return 0;
    if (!a.value) return -1;
    if (!b.value) return 1;
    return *a.value < *b.value ? -1 : (*a.value > *b.value ? 1 : 0);
}

std::string change_words(const Row& r, const content::Indicator& ind) {
    if (!r.has_delta) return "not comparable";
    if (r.delta == 0) return "no change";
    return std::string(r.delta > 0 ? "up " : "down ") + content::amount_text(std::fabs(r.delta), ind.unit, content::count_noun(ind));
}

std::string versus_words(const content::Shown& cur, const content::Shown* eng, const content::Indicator& ind) {
    if (!cur.value || !eng || !eng->value) return "";
    auto v = content::compare_to(std::round(*cur.value * 10) / 10, std::round(*eng->value * 10) / 10);
    if (v == content::Versus::similar) {
        note_similar_rule();
        return "similar";
    }
    std::string s = v == content::Versus::higher ? "higher" : "lower";
    if (ind.polarity != content::Polarity::neutral)
        s += ((v == content::Versus::higher) == (ind.polarity == content::Polarity::higher_is_better)) ? ", better" : ", worse";
    return s;
}

class CompareView final : public View {
public:
    std::string title() const override { return "Compare: " + m_title; }
    bool open(const std::string& arg, UiContext& ctx) override {
        if (!ctx.catalog) return false;
        const auto* ind = ctx.catalog->indicator(arg);
        if (!ind) return false;
        m_indicator = arg;
        m_title = ind->title;
        return true;
    }

    void draw(UiContext& ctx, NavRequest& nav) override {
        const auto& cat = *ctx.catalog;
        const auto* ind = cat.indicator(m_indicator);
        text_in(ctx.fonts.title, ind->title + ": all localities");
        bool rate = ind->unit != content::Unit::count;
        muted_text(std::string("Latest period and the one before. ") +
                       (rate ? "Compared with England where the bundle has it. " : "Counts are compared with their own history, not with England. ") +
                       "Tap a column heading to sort the localities; tap a row for its trend. Source: " + ind->source + ".",
                   ctx);
        auto rows = build_rows(ctx, *ind);
        std::string you = ctx.visit_locality.empty() && ctx.services ? ctx.services->setting("default_locality", "") : ctx.visit_locality;
        const int cols = rate ? 5 : 4;
        if (!table_fits(cat, rows, *ind, rate, ctx)) {
            draw_stacked(rows, *ind, you, rate, ctx, nav);
            return;
        }
        ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp;
        if (!ImGui::BeginTable("##compare", cols, flags)) return;
        setup_columns(cat, rate);
        sort_localities(rows);
        bool pinned = true;
        for (const auto& r : rows) {
            if (pinned && r.kind == "locality") {
                pinned = false;
                ImGui::TableNextRow(0, 6 * ctx.scale);  // a gap between the pinned rows and the localities
                for (int c = 0; c < cols; ++c) ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, ImGui::GetColorU32(palette(ctx.theme).chart_grid), c);
            }
            draw_row(r, *ind, r.id == you, rate, ctx, nav);
        }
        ImGui::EndTable();
    }

private:
    std::vector<Row> build_rows(UiContext& ctx, const content::Indicator& ind) {
        const auto& cat = *ctx.catalog;
        m_period = content::latest_period(cat, m_indicator);
        m_prev = content::previous_period(cat, m_period);
        auto eng = content::shown_value(cat.value(m_indicator, content::england_id(cat), m_period), ind, cat.disclosure_threshold());
        std::vector<Row> rows;
        for (const auto& l : cat.localities()) {
            Row r{l.id, l.name, l.kind, content::shown_value(cat.value(m_indicator, l.id, m_period), ind, cat.disclosure_threshold()),
                  content::shown_value(cat.value(m_indicator, l.id, m_prev), ind, cat.disclosure_threshold())};
            note_guard(r.cur, m_indicator + "/" + l.id + "/" + m_period, ctx);
            if (r.cur.value && r.prev.value) {
                double f = ind.unit == content::Unit::count ? 1 : 10;
                r.delta = (std::round(*r.cur.value * f) - std::round(*r.prev.value * f)) / f;
                r.has_delta = true;
            }
            r.change = change_words(r, ind);
            if (l.id != content::england_id(cat)) r.versus = versus_words(r.cur, &eng, ind);
            rows.push_back(std::move(r));
        }
        // Pinned first: comparators (England), then the area, then localities.
        auto rank = [](const Row& r) { return r.kind == "comparator" ? 0 : r.kind == "area" ? 1 : 2; };
        std::stable_sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) { return rank(a) < rank(b); });
        return rows;
    }

    std::string period_label(const content::Catalog& cat, const std::string& id) const {
        for (auto& p : cat.periods())
            if (p.id == id) return p.label;
        return id;
    }

    // The widest figure or heading in each number column, with its padding.
    float number_width(const content::Catalog& cat, const std::vector<Row>& rows, const content::Indicator& ind) const {
        float w = std::max(ImGui::CalcTextSize(period_label(cat, m_period).c_str()).x, ImGui::CalcTextSize(period_label(cat, m_prev).c_str()).x);
        for (const auto& r : rows) {
            w = std::max(w, ImGui::CalcTextSize(shown_text(r.cur, ind.unit).c_str()).x);
            w = std::max(w, ImGui::CalcTextSize(shown_text(r.prev, ind.unit).c_str()).x);
        }
        return w + ImGui::GetStyle().CellPadding.x * 2 + ImGui::GetFontSize();  // room for the sort arrow
    }

    // Whether the table shows every column readably: whole figures and year
    // headings, and the words columns at least ten letters wide.
    bool table_fits(const content::Catalog& cat, const std::vector<Row>& rows, const content::Indicator& ind, bool rate, const UiContext&) {
        m_number_w = number_width(cat, rows, ind);
        float words = ImGui::CalcTextSize("Against Engla").x;
        float need = 2 * m_number_w + (rate ? 3 : 2) * words + ImGui::GetStyle().CellPadding.x * 10;
        return need <= ImGui::GetContentRegionAvail().x;
    }

    // Narrow screens and large text: one block per locality, its figures
    // and words on their own lines; a tap opens its trend.
    void draw_stacked(const std::vector<Row>& rows, const content::Indicator& ind, const std::string& you, bool rate, UiContext& ctx, NavRequest& nav) {
        const auto& cat = *ctx.catalog;
        const Palette& p = palette(ctx.theme);
        float w = ImGui::GetContentRegionAvail().x;
        std::string now = period_label(cat, m_period), before = period_label(cat, m_prev);
        for (const auto& r : rows) {
            ImGui::PushID(r.id.c_str());
            std::string name = r.name + (r.kind == "area" ? " (whole area)" : "") + (r.id == you ? "  (your locality)" : "");
            std::vector<std::string> lines = {now + ": " + shown_text(r.cur, ind.unit) + "     " + before + ": " + shown_text(r.prev, ind.unit)};
            if (!r.change.empty()) lines.push_back("Change: " + r.change);
            if (rate && !r.versus.empty()) lines.push_back("Against England: " + r.versus);
            float inner = w - 16 * ctx.scale;
            float h = ImGui::CalcTextSize(name.c_str(), nullptr, false, inner).y + 12 * ctx.scale;
            for (const auto& l : lines) h += ImGui::CalcTextSize(l.c_str(), nullptr, false, inner).y + ImGui::GetStyle().ItemSpacing.y;
            ImVec2 at = ImGui::GetCursorScreenPos();
            if (r.id == you) ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + w, at.y + h), ImGui::GetColorU32(p.highlight_bg), 6 * ctx.scale);
            if (ImGui::Selectable("##row", false, ImGuiSelectableFlags_AllowItemOverlap, ImVec2(w, std::max(h, min_hit * ctx.scale))) && !dragged()) {
                nav.kind = NavRequest::Kind::go;
                nav.route = "briefing:" + r.id + "/" + m_indicator;
            }
            note_item("row:" + r.id);
            ImVec2 after = ImGui::GetCursorScreenPos();
            ImGui::SetCursorScreenPos(ImVec2(at.x + 8 * ctx.scale, at.y + 6 * ctx.scale));
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + inner);
            text_in(ctx.fonts.bold, name);
            for (const auto& l : lines) ImGui::TextWrapped("%s", wrap_at_spaces(l, inner).c_str());
            ImGui::PopTextWrapPos();
            ImGui::SetCursorScreenPos(after);
            ImGui::Separator();
            ImGui::PopID();
        }
    }

    void setup_columns(const content::Catalog& cat, bool rate) {
        ImGui::TableSetupColumn("Locality", ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_WidthStretch, 1.7f);
        ImGui::TableSetupColumn(period_label(cat, m_period).c_str(), ImGuiTableColumnFlags_WidthFixed, m_number_w);
        ImGui::TableSetupColumn(period_label(cat, m_prev).c_str(), ImGuiTableColumnFlags_WidthFixed, m_number_w);
        ImGui::TableSetupColumn("Change", ImGuiTableColumnFlags_WidthStretch, 1.7f);
        if (rate) ImGui::TableSetupColumn("Against England", ImGuiTableColumnFlags_NoSort | ImGuiTableColumnFlags_WidthStretch, 1.2f);
        // A header row at least 44 px tall: a touch target.
        ImGui::TableNextRow(ImGuiTableRowFlags_Headers, min_hit);
        for (int c = 0; c < ImGui::TableGetColumnCount(); ++c) {
            ImGui::TableSetColumnIndex(c);
            ImGui::PushID(c);
            ImGui::TableHeader(ImGui::TableGetColumnName(c));
            ImGui::PopID();
        }
    }

    void sort_localities(std::vector<Row>& rows) {
        ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
        if (!specs || specs->SpecsCount == 0) return;
        const auto& s = specs->Specs[0];
        bool asc = s.SortDirection == ImGuiSortDirection_Ascending;
        auto first = std::find_if(rows.begin(), rows.end(), [](const Row& r) { return r.kind == "locality"; });
        std::stable_sort(first, rows.end(), [&](const Row& a, const Row& b) {
            int c = 0;
            switch (s.ColumnIndex) {
            case 0: c = a.name.compare(b.name); break;
            case 1: c = cmp_shown(a.cur, b.cur); break;
            case 2: c = cmp_shown(a.prev, b.prev); break;
            default: c = a.delta < b.delta ? -1 : (a.delta > b.delta ? 1 : 0); break;
            }
            return asc ? c < 0 : c > 0;
        });
    }

    void draw_row(const Row& r, const content::Indicator& ind, bool yours, bool rate, UiContext& ctx, NavRequest& nav) {
        ImGui::TableNextRow(0, min_hit * ctx.scale);
        if (yours) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, ImGui::GetColorU32(palette(ctx.theme).highlight_bg));
        ImGui::TableSetColumnIndex(0);
        ImGui::PushID(r.id.c_str());
        std::string name = r.name + (r.kind == "area" ? " (whole area)" : "") + (yours ? "  (your locality)" : "");
        if (ImGui::Selectable(name.c_str(), false, ImGuiSelectableFlags_SpanAllColumns, ImVec2(0, min_hit * ctx.scale - ImGui::GetStyle().ItemSpacing.y)) && !dragged()) {
            nav.kind = NavRequest::Kind::go;
            nav.route = "briefing:" + r.id + "/" + m_indicator;
        }
        note_item("row:" + r.id);
        ImGui::PopID();
        ImGui::TableSetColumnIndex(1);
        right_aligned_text(shown_text(r.cur, ind.unit));
        ImGui::TableSetColumnIndex(2);
        right_aligned_text(shown_text(r.prev, ind.unit));
        ImGui::TableSetColumnIndex(3);
        ImGui::TextWrapped("%s", r.change.c_str());  // words with the size: "down 5.1 percentage points"
        if (rate) {
            ImGui::TableSetColumnIndex(4);
            ImGui::TextUnformatted(r.versus.c_str());
        }
    }

    std::string m_indicator, m_title, m_period, m_prev;
    float m_number_w = 0;
};

} // namespace

std::unique_ptr<View> make_compare_view() { return std::make_unique<CompareView>(); }

} // namespace kiosk
