// Briefings hub for councillors: pick a locality (remembered as the kiosk
// default), see a card per indicator, open a trend chart, compare localities,
// read briefing documents and follow action plans.
#include "content/figures.hpp"
#include "kiosk/figure_widgets.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/views.hpp"
#include "kiosk/widgets.hpp"

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
                    if (ctx.services) ctx.services->set_setting("default_locality", l.id);
                    nav.kind = NavRequest::Kind::go;
                    nav.route = "briefing:" + l.id;
                }
            }
            ImGui::EndCombo();
        }
        const content::Locality* l = ctx.catalog->locality(m_locality);
        if (l && !l->note.empty()) {
            ImGui::SameLine();
            muted_text(l->note, ctx);
        }
    }

    void draw_hub(UiContext& ctx, NavRequest& nav) {
        text_in(ctx.fonts.title, "Safeguarding figures for " + m_locality_name);
        draw_locality_picker(ctx, nav);
        ImGui::SameLine();
        if (button("Action plans and recommendations", ctx, ButtonStyle::primary)) {
            nav.kind = NavRequest::Kind::go;
            nav.route = "actions";
        }
        muted_text("Counts of 1 to 5 are never shown: they appear as [c]. Tap a card for its trend; tap 'Source' for where a figure comes from.", ctx);
        ImGui::Spacing();
        float avail = ImGui::GetContentRegionAvail().x;
        float min_w = 330 * ctx.scale;
        int cols = std::max(1, static_cast<int>(avail / min_w));
        float gap = ImGui::GetStyle().ItemSpacing.x;
        float w = (avail - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
        int i = 0;
        for (const auto& ind : ctx.catalog->indicators()) {
            if (i % cols) ImGui::SameLine();
            if (indicator_card(ind, m_locality, ImVec2(w, card_height(ctx)), ctx)) {
                nav.kind = NavRequest::Kind::go;
                nav.route = "briefing:" + m_locality + "/" + ind.id;
            }
            ++i;
        }
        draw_documents(ctx, nav);
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
        ImGui::SameLine();
        const char* pol = ind->polarity == content::Polarity::higher_is_better  ? "Higher is better."
                          : ind->polarity == content::Polarity::lower_is_better ? "Lower is better."
                                                                                : "Neither higher nor lower is better in itself.";
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("%s", pol);
        ImVec2 p0 = ImGui::GetCursorScreenPos();
        ImVec2 avail = ImGui::GetContentRegionAvail();
        float h = std::max(260.0f * ctx.scale, avail.y - 8 * ctx.scale);
        ImVec2 p1(p0.x + avail.x, p0.y + h);
        trend_chart(*ind, m_locality, p0, p1, ctx);
        ImGui::Dummy(ImVec2(avail.x, h));
    }

    std::string m_locality, m_locality_name, m_indicator, m_indicator_title;
};

} // namespace

std::unique_ptr<View> make_briefing_view() { return std::make_unique<BriefingView>(); }

} // namespace kiosk
