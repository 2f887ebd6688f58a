// Briefings hub for councillors: pick a locality (for this visit only; the
// kiosk's default is set in admin, behind the PIN), read the headlines that
// matter most, see a card per indicator, open a trend chart and its table,
// compare localities, read briefing documents and follow action plans.
#include "content/figures.hpp"
#include "content/headlines.hpp"
#include "content/trends.hpp"
#include "kiosk/marker_key.hpp"
#include "kiosk/figure_widgets.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/views.hpp"
#include "kiosk/widgets.hpp"

#include <algorithm>

namespace kiosk {
namespace {

class BriefingView final : public View {
public:
    std::string title() const override {
        if (!m_indicator.empty()) return m_indicator_title;
        return "Briefings: " + m_locality_name;
    }

    bool open(const std::string& arg, UiContext& ctx) override {
        if (!ctx.catalog) return false;
        std::string loc = arg, ind;
        if (auto s = arg.find('/'); s != std::string::npos) {
            loc = arg.substr(0, s);
            ind = arg.substr(s + 1);
        }
        if (loc.empty()) loc = ctx.visit_locality;
        if (loc.empty()) loc = ctx.services ? ctx.services->setting("default_locality", ctx.catalog->area_id()) : ctx.catalog->area_id();
        const content::Locality* l = ctx.catalog->locality(loc);
        if (!l && (!ctx.catalog->empty() || !arg.empty())) return false;
        if (!ind.empty() && !ctx.catalog->indicator(ind)) return false;
        m_locality = loc;
        m_locality_name = l ? l->name : "no figures";
        m_indicator = ind;
        m_indicator_title = ind.empty() ? "" : ctx.catalog->indicator(ind)->title + " in " + m_locality_name;
        return true;
    }

    void draw(UiContext& ctx, NavRequest& nav) override {
        if (!ctx.catalog || ctx.catalog->indicators().empty()) {
            text_in(ctx.fonts.title, "Briefings");
            muted_text("No locality figures are installed. Briefings appear when a bundle with locality data is imported.", ctx);
            draw_documents(ctx, nav);
            return;
        }
        if (!m_indicator.empty()) {
            draw_trend(ctx, nav);
            return;
        }
        draw_hub(ctx, nav);
    }

private:
    void draw_locality_picker(UiContext& ctx, NavRequest& nav) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("Locality:");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(std::min(420.0f * ctx.scale, ImGui::GetContentRegionAvail().x));
        if (ImGui::BeginCombo("##locality", m_locality_name.c_str(), ImGuiComboFlags_HeightLarge)) {
            for (const auto& l : ctx.catalog->localities()) {
                if (l.kind == "comparator") continue;
                bool sel = l.id == m_locality;
                if (ImGui::Selectable((l.name + (l.kind == "area" ? " (whole area)" : "")).c_str(), sel, 0, ImVec2(0, min_hit * ctx.scale))) {
                    ctx.visit_locality = l.id;  // this visit only; reset at idle
                    nav.kind = NavRequest::Kind::go;
                    nav.route = "briefing:" + l.id;
                }
            }
            ImGui::EndCombo();
        }
        const content::Locality* l = ctx.catalog->locality(m_locality);
        if (l && !l->note.empty()) {
            // Beside the picker only when a readable column is left (large
            // text on a 7-inch panel leaves a few letters); else below it.
            ImGui::SameLine();
            if (ImGui::GetContentRegionAvail().x < 300 * ctx.scale) ImGui::NewLine();
            muted_text(l->note, ctx);
        }
    }

    void draw_hub(UiContext& ctx, NavRequest& nav) {
        text_in(ctx.fonts.title, "Safeguarding figures for " + m_locality_name);
        draw_locality_picker(ctx, nav);
        if (ImGui::GetWindowWidth() > 1100 * ctx.scale) ImGui::SameLine();
        if (button("Action plans and recommendations", ctx, ButtonStyle::primary)) {
            nav.kind = NavRequest::Kind::go;
            nav.route = "actions";
        }
        draw_summary(ctx, nav);
        ImGui::Spacing();
        text_in(ctx.fonts.heading, "Every figure");
        muted_text("Tap a card for its trend, its table and where the figures come from.", ctx);
        float avail = ImGui::GetContentRegionAvail().x;
        float min_w = 330 * ctx.scale;
        int cols = std::max(1, static_cast<int>(avail / min_w));
        float gap = ImGui::GetStyle().ItemSpacing.x;
        float w = (avail - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
        const auto& inds = ctx.catalog->indicators();
        float row_h = 0;
        for (std::size_t i = 0; i < inds.size(); ++i) {
            const auto& ind = inds[i];
            if (i % static_cast<std::size_t>(cols)) ImGui::SameLine();
            else {  // the cards in a row share the tallest one's height
                row_h = 0;
                for (std::size_t j = i; j < std::min(inds.size(), i + static_cast<std::size_t>(cols)); ++j)
                    row_h = std::max(row_h, card_height(ctx, inds[j].id, m_locality));
            }
            if (indicator_card(ind, m_locality, ImVec2(w, row_h), ctx)) {
                nav.kind = NavRequest::Kind::go;
                nav.route = "briefing:" + m_locality + "/" + ind.id;
            }
        }
        draw_documents(ctx, nav);
    }

    // The 3 to 5 headlines that matter most here, each one tap to its trend.
    void draw_summary(UiContext& ctx, NavRequest& nav) {
        auto top = content::top_headlines(content::locality_headlines(*ctx.catalog, m_locality));
        if (top.empty()) return;
        ImGui::Spacing();
        text_in(ctx.fonts.heading, "What stands out in " + m_locality_name);
        const Palette& p = palette(ctx.theme);
        float w = ImGui::GetContentRegionAvail().x;
        for (const auto& h : top) {
            const content::Indicator* ind = ctx.catalog->indicator(h.indicator_id);
            if (!ind) continue;
            if (h.uses_similar_rule) note_similar_rule();
            note_markers_in(h.sentence);
            std::string text = ind->title + ": " + h.sentence;
            std::string wrapped = wrap_at_spaces(text, w - 24 * ctx.scale);  // figures never split at their commas
            float th = ImGui::CalcTextSize(wrapped.c_str(), nullptr, false, w - 24 * ctx.scale).y;
            ImVec2 at = ImGui::GetCursorScreenPos();
            ImGui::PushID(h.indicator_id.c_str());
            if (ImGui::Selectable("##headline", false, ImGuiSelectableFlags_AllowItemOverlap, ImVec2(w, std::max(min_hit * ctx.scale, th + 12 * ctx.scale))) &&
                !dragged()) {
                nav.kind = NavRequest::Kind::go;
                nav.route = "briefing:" + m_locality + "/" + h.indicator_id;
            }
            note_item("headline:" + h.indicator_id);
            ImVec2 after = ImGui::GetCursorScreenPos();
            ImGui::SetCursorScreenPos(ImVec2(at.x + 8 * ctx.scale, at.y + 6 * ctx.scale));
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w - 24 * ctx.scale);
            ImGui::PushStyleColor(ImGuiCol_Text, p.link);
            ImGui::TextWrapped("%s", wrapped.c_str());
            ImGui::PopStyleColor();
            ImGui::PopTextWrapPos();
            ImGui::SetCursorScreenPos(after);
            ImGui::PopID();
        }
    }

    void draw_documents(UiContext& ctx, NavRequest& nav) {
        if (!ctx.catalog || ctx.catalog->briefings().empty()) return;
        ImGui::Spacing();
        text_in(ctx.fonts.heading, "Briefing papers");
        for (const auto& b : ctx.catalog->briefings()) {
            ImGui::PushID(b.id.c_str());
            std::string label = b.title + "  (" + human_date(b.date) + ", " + b.audience + ")";
            if (ImGui::Selectable(label.c_str(), false, 0, ImVec2(0, min_hit * ctx.scale)) && !dragged()) {
                nav.kind = NavRequest::Kind::go;
                nav.route = "brief:" + b.id;
            }
            if (!b.summary.empty()) muted_text(b.summary, ctx);
            ImGui::PopID();
        }
    }

    void draw_trend(UiContext& ctx, NavRequest& nav) {
        const content::Indicator* ind = ctx.catalog->indicator(m_indicator);
        text_in(ctx.fonts.title, m_indicator_title);
        muted_text(ind->definition + "  Source: " + ind->source + ".", ctx);
        if (button("Compare all localities", ctx)) {
            nav.kind = NavRequest::Kind::go;
            nav.route = "compare:" + m_indicator;
        }
        const char* pol = ind->polarity == content::Polarity::higher_is_better  ? "Higher is better."
                          : ind->polarity == content::Polarity::lower_is_better ? "Lower is better."
                                                                                : "Neither higher nor lower is better in itself.";
        flow(ImGui::CalcTextSize(pol).x);
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("%s", pol);
        auto hl = content::indicator_headline(*ctx.catalog, *ind, m_locality);
        if (hl.uses_similar_rule) note_similar_rule();
        note_markers_in(hl.sentence);
        ImGui::PushTextWrapPos(0);
        if (ctx.fonts.bold) ImGui::PushFont(ctx.fonts.bold);
        text_wrapped(hl.sentence);
        if (ctx.fonts.bold) ImGui::PopFont();
        ImGui::PopTextWrapPos();
        ImVec2 p0 = ImGui::GetCursorScreenPos();
        ImVec2 avail = ImGui::GetContentRegionAvail();
        auto points = content::trend(*ctx.catalog, ind->id, m_locality);
        bool any = std::any_of(points.begin(), points.end(), [](const auto& pt) { return pt.shown.value.has_value(); });
        // With no figure at all, the chart is one short panel that says why.
        float h = any ? std::clamp(avail.y - 8 * ctx.scale, 260.0f * ctx.scale, 520.0f * ctx.scale) : ImGui::GetTextLineHeight() * 4;
        ImVec2 p1(p0.x + avail.x, p0.y + h);
        trend_chart(*ind, m_locality, p0, p1, ctx);
        ImGui::Dummy(ImVec2(avail.x, h));
        if (!any) return;
        ImGui::Spacing();
        text_in(ctx.fonts.heading, "The figures as a table");
        trend_table(*ind, m_locality, ctx);
    }

    std::string m_locality, m_locality_name, m_indicator, m_indicator_title;
};

} // namespace

std::unique_ptr<View> make_briefing_view() { return std::make_unique<BriefingView>(); }

} // namespace kiosk
