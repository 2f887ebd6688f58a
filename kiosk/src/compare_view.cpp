// Comparing localities: one indicator across every locality, sortable by any
// column (name, latest value, previous value, change, difference from the area).
#include "content/trends.hpp"
#include "kiosk/figure_widgets.hpp"
#include "kiosk/views.hpp"
#include "kiosk/widgets.hpp"

#include <algorithm>

namespace kiosk {
namespace {

struct Row {
    std::string id, name, kind;
    content::Shown cur, prev;
    content::Change change;
};

// Suppressed values sort below every number (nullopt first when ascending).
int cmp_shown(const content::Shown& a, const content::Shown& b) {
    if (!a.value && !b.value) return 0;
    if (!a.value) return -1;
    if (!b.value) return 1;
    return *a.value < *b.value ? -1 : (*a.value > *b.value ? 1 : 0);
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
        std::string period = content::latest_period(cat, m_indicator);
        std::string prev = content::previous_period(cat, period);
        text_in(ctx.fonts.title, ind->title + ": all localities");
        muted_text("Latest period and the one before. Tap a column heading to sort; tap a locality for its trend. Source: " + ind->source + ".", ctx);
        std::vector<Row> rows;
        for (const auto& l : cat.localities()) {
            Row r{l.id, l.name, l.kind, content::shown_value(cat.value(m_indicator, l.id, period), *ind, cat.disclosure_threshold()),
                  content::shown_value(cat.value(m_indicator, l.id, prev), *ind, cat.disclosure_threshold()), {}};
            note_guard(r.cur, m_indicator + "/" + l.id + "/" + period, ctx);
            r.change = content::compute_change(r.prev, r.cur, ind->polarity);
            rows.push_back(std::move(r));
        }
        auto lab = [&](const std::string& id) {
            for (auto& p : cat.periods())
                if (p.id == id) return p.label;
            return id;
        };
        ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp |
                                ImGuiTableFlags_ScrollY;
        float h = std::max(200.0f * ctx.scale, ImGui::GetContentRegionAvail().y - 4);
        if (ImGui::BeginTable("##compare", 4, flags, ImVec2(0, h))) {
            ImGui::TableSetupScrollFreeze(0, 1);
            ImGui::TableSetupColumn("Locality", ImGuiTableColumnFlags_DefaultSort, 2.0f);
            ImGui::TableSetupColumn(lab(period).c_str(), 0, 1.0f);
            ImGui::TableSetupColumn(lab(prev).c_str(), 0, 1.0f);
            ImGui::TableSetupColumn("Change", 0, 1.5f);
            ImGui::TableHeadersRow();
            if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs()) {
                if (specs->SpecsCount > 0) {
                    const auto& s = specs->Specs[0];
                    bool asc = s.SortDirection == ImGuiSortDirection_Ascending;
                    std::stable_sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
                        int c = 0;
                        switch (s.ColumnIndex) {
                        case 0: c = a.name.compare(b.name); break;
                        case 1: c = cmp_shown(a.cur, b.cur); break;
                        case 2: c = cmp_shown(a.prev, b.prev); break;
                        default: c = a.change.delta < b.change.delta ? -1 : (a.change.delta > b.change.delta ? 1 : 0); break;
                        }
                        return asc ? c < 0 : c > 0;
                    });
                }
            }
            for (const auto& r : rows) {
                ImGui::TableNextRow(0, min_hit * ctx.scale);
                ImGui::TableSetColumnIndex(0);
                ImGui::PushID(r.id.c_str());
                std::string name = r.name + (r.kind == "area" ? " (whole area)" : r.kind == "comparator" ? " (comparator)" : "");
                if (ImGui::Selectable(name.c_str(), false, ImGuiSelectableFlags_SpanAllColumns, ImVec2(0, min_hit * ctx.scale - 8)) &&
                    !dragged()) {
                    nav.kind = NavRequest::Kind::go;
                    nav.route = "briefing:" + r.id + "/" + m_indicator;
                }
                ImGui::PopID();
                ImGui::TableSetColumnIndex(1);
                ImGui::TextUnformatted(shown_text(r.cur, ind->unit).c_str());
                ImGui::TableSetColumnIndex(2);
                ImGui::TextUnformatted(shown_text(r.prev, ind->unit).c_str());
                ImGui::TableSetColumnIndex(3);
                ImGui::TextUnformatted(r.change.words.c_str());
            }
            ImGui::EndTable();
        }
    }

private:
    std::string m_indicator, m_title;
};

} // namespace

std::unique_ptr<View> make_compare_view() { return std::make_unique<CompareView>(); }

} // namespace kiosk
