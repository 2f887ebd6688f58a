// A briefing paper: markdown with live indicator cards and charts embedded by
// reference, so the text and the figures never disagree.
#include "kiosk/doc_hooks.hpp"
#include "kiosk/views.hpp"
#include "kiosk/widgets.hpp"

namespace kiosk {
namespace {

class BriefDocView final : public View {
public:
    std::string title() const override { return m_title; }
    bool open(const std::string& arg, UiContext& ctx) override {
        if (!ctx.catalog) return false;
        for (const auto& b : ctx.catalog->briefings())
            if (b.id == arg) {
                if (m_id != arg) m_md.set_markdown(b.body_md);
                m_id = arg;
                m_title = b.title;
                m_brief = b;
                return true;
            }
        return false;
    }
    void reset() override {
        m_id.clear();
        m_md = MarkdownView{};
    }

    void draw(UiContext& ctx, NavRequest& nav) override {
        text_in(ctx.fonts.title, m_brief.title);
        std::string meta = human_date(m_brief.date) + "  |  For: " + m_brief.audience;
        if (const auto* l = ctx.catalog->locality(m_brief.locality_id)) meta += "  |  " + l->name;
        muted_text(meta, ctx);
        std::string loc = m_brief.locality_id.empty() ? ctx.catalog->area_id() : m_brief.locality_id;
        ImGui::Spacing();
        draw_inline(ctx, content_hooks(ctx, nav, loc), layout_style(ctx, DocSize::reading));
        if (!m_brief.sources.empty()) muted_text("Sources: " + m_brief.sources, ctx);
    }

private:
    // The paper scrolls with the page (not in a box of its own): laid out at
    // the page's width, drawn where the page's window shows it.
    void draw_inline(UiContext& ctx, const DrawHooks& hooks, const LayoutStyle& style) {
        float width = ImGui::GetContentRegionAvail().x;
        if (width != m_md.laid_width || ctx.scale != m_md.laid_scale) {
            m_md.layout = layout_markdown(m_md.doc, std::max(100.0f, width), style);
            m_md.laid_width = width;
            m_md.laid_scale = ctx.scale;
        }
        ImVec2 origin = ImGui::GetCursorScreenPos();
        float win_top = ImGui::GetWindowPos().y;
        draw_layout(m_md.layout, origin, win_top - origin.y, win_top + ImGui::GetWindowHeight() - origin.y, ctx, hooks);
        ImGui::Dummy(ImVec2(width, m_md.layout.height));
    }

    std::string m_id, m_title;
    content::Briefing m_brief;
    MarkdownView m_md;
};

} // namespace

std::unique_ptr<View> make_brief_doc_view() { return std::make_unique<BriefDocView>(); }

} // namespace kiosk
