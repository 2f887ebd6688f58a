// Markdown glue for content; see doc_hooks.hpp.
#include "kiosk/doc_hooks.hpp"
#include "kiosk/figure_widgets.hpp"
#include "kiosk/theme.hpp"

namespace kiosk {

LayoutStyle layout_style(UiContext& ctx, DocSize size) {
    LayoutStyle st;
    ImFont* base = size == DocSize::projection && ctx.fonts.slide ? ctx.fonts.slide : ctx.fonts.body ? ctx.fonts.body : ImGui::GetFont();
    st.body = base;
    st.bold = size == DocSize::projection ? base : (ctx.fonts.bold ? ctx.fonts.bold : base);
    st.italic = size == DocSize::projection ? base : (ctx.fonts.italic ? ctx.fonts.italic : base);
    st.heading = size == DocSize::projection ? base : (ctx.fonts.heading ? ctx.fonts.heading : base);
    st.title = size == DocSize::projection ? base : (ctx.fonts.title ? ctx.fonts.title : base);
    st.scale = ctx.scale * (size == DocSize::projection ? 1.6f : 1.0f);
    UiContext* c = &ctx;
    st.embed_height = [c](const std::string& spec, float width) {
        if (spec.rfind("chart:", 0) == 0) return std::min(420.0f * c->scale, width * 0.55f);
        return card_height(*c);
    };
    st.image_size = [c](const std::string& id) {
        int w = 0, h = 0;
        if (c->textures) (void)c->textures->texture(id, w, h);
        return ImVec2(static_cast<float>(w), static_cast<float>(h));
    };
    return st;
}

DrawHooks content_hooks(UiContext& ctx, NavRequest& nav, const std::string& default_locality) {
    DrawHooks h;
    UiContext* c = &ctx;
    NavRequest* n = &nav;
    std::string loc = default_locality;
    h.draw_image = [c](const std::string& id, const std::string& alt, ImVec2 p0, ImVec2 p1) {
        int w = 0, hh = 0;
        ImTextureID tex = c->textures ? c->textures->texture(id, w, hh) : nullptr;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const Palette& p = palette(c->theme);
        if (tex) dl->AddImage(tex, p0, p1);
        else {
            dl->AddRect(p0, p1, ImGui::GetColorU32(p.border));
            dl->AddText(ImVec2(p0.x + 8, p0.y + 8), ImGui::GetColorU32(p.text_muted), ("Image: " + alt).c_str());
        }
        if (ImGui::IsMouseHoveringRect(p0, p1) && ImGui::IsWindowHovered()) ImGui::SetTooltip("%s", alt.c_str());
    };
    h.draw_embed = [c, n, loc](const std::string& spec, ImVec2 p0, ImVec2 p1) {
        if (!c->catalog) return;
        auto colon = spec.find(':');
        std::string kind = spec.substr(0, colon);
        std::string rest = colon == std::string::npos ? "" : spec.substr(colon + 1);
        std::string ind_id = rest, where = loc;
        if (auto at = rest.find('@'); at != std::string::npos) {
            ind_id = rest.substr(0, at);
            where = rest.substr(at + 1);
        }
        const content::Indicator* ind = c->catalog->indicator(ind_id);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        if (!ind) {
            dl->AddText(p0, ImGui::GetColorU32(palette(c->theme).bad), ("Missing figure: " + spec).c_str());
            return;
        }
        if (kind == "chart") {
            trend_chart(*ind, where, p0, p1, *c);
            return;
        }
        ImVec2 saved = ImGui::GetCursorScreenPos();
        ImGui::SetCursorScreenPos(p0);
        if (indicator_card(*ind, where, ImVec2(std::min(p1.x - p0.x, 520.0f * c->scale), p1.y - p0.y), *c)) {
            n->kind = NavRequest::Kind::go;
            n->route = "briefing:" + where + "/" + ind_id;
        }
        ImGui::SetCursorScreenPos(saved);
    };
    h.on_link = [n](const std::string& href) {
        if (href.rfind("doc:", 0) == 0) {
            n->kind = NavRequest::Kind::go;
            n->route = href;
        }
    };
    return h;
}

} // namespace kiosk
