// The document reader: markdown (shared renderer) with an outline, find with
// next/previous, and a "may be out of date" banner; or, for reports published
// as PDF, page images with page navigation, zoom, pan and fit to width.
#include "content/figures.hpp"
#include "kiosk/doc_hooks.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/views.hpp"
#include "kiosk/widgets.hpp"

#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace kiosk {
namespace {

// A page-image document's stored page texts as markdown for the shared reader:
// a heading per page, every ASCII punctuation mark escaped so the text shows
// exactly as stored, blank lines kept as paragraph breaks.
std::string pages_as_markdown(const std::vector<content::DocPage>& pages) {
    std::string md;
    for (const auto& pg : pages) {
        md += "## Page " + std::to_string(pg.page) + "\n\n";
        char prev = '\n';
        for (char c : pg.text) {
            if ((c == ' ' || c == '\t') && (prev == '\n' || prev == '\t')) continue;  // indentation would make code blocks
            if (c == '{' && prev == '{') md += ' ';  // never an embed marker
            if (c != '\n' && c != ' ' && std::ispunct(static_cast<unsigned char>(c))) md += '\\';
            md += c;
            prev = c;
        }
        md += "\n\n";
    }
    return md;
}

class ReaderView final : public View {
public:
    std::string title() const override { return m_doc.title.empty() ? "Document" : m_doc.title; }

    bool open(const std::string& arg, UiContext& ctx) override {
        if (!ctx.catalog) return false;
        std::string id = arg;
        int page = 1;
        bool as_text = false;
        if (auto c = arg.find(':'); c != std::string::npos) {
            id = arg.substr(0, c);
            as_text = arg.substr(c + 1) == "text";
            page = as_text ? 1 : std::atoi(arg.c_str() + c + 1);
        }
        if (id != m_doc.id) {
            auto d = ctx.catalog->document(id);
            if (!d) return false;
            m_doc = std::move(*d);
            m_md.set_markdown(m_doc.body_md);
            m_pages_as_text = false;
            m_find.clear();
            m_zoom = 0;
            m_page = 1;
            m_show_pages = m_doc.body_md.empty() && !m_doc.pages.empty();
        }
        if (!m_doc.pages.empty()) {
            if (page < 1 || page > static_cast<int>(m_doc.pages.size())) return false;
            m_page = page;
            if (arg.find(':') != std::string::npos) m_show_pages = true;
            if (as_text && m_doc.body_md.empty()) show_pages_as_text(true);
        }
        if (as_text && m_doc.pages.empty()) return false;
        for (auto& e : ctx.catalog->library())
            if (e.header.id == m_doc.id) m_channel = e.channel;
        return true;
    }

    void reset() override {
        m_doc = content::Document{};
        m_md = MarkdownView{};
        m_pages_as_text = false;
        m_find.clear();
    }
    bool animating() const override { return m_md.animating; }

    void draw(UiContext& ctx, NavRequest& nav) override {
        const Palette& p = palette(ctx.theme);
        text_in(ctx.fonts.title, m_doc.title);
        muted_text(m_doc.organisation + "  |  published " + human_date(m_doc.published) +
                       (m_doc.review_date.empty() ? "" : "  |  review due " + human_date(m_doc.review_date)) + "  |  from " +
                       ctx.catalog->channel_title(m_channel),
                   ctx);
        if (content::past_review(m_doc.review_date, content::iso_date(ctx.now))) {
            chip("May be out of date: its review date has passed", p.rag_amber, ctx);
        }
        if (m_doc.body_md.empty() && m_doc.pages.empty()) {  // the publisher's mistake
            muted_text("This document has no text or pages to show.", ctx);
            return;
        }
        // Toolbar.
        // Toolbar: its buttons wrap onto more rows on a narrow screen.
        bool first = true;
        auto next = [&](float w) {
            if (!first) flow(w);
            first = false;
        };
        if (!m_doc.body_md.empty() && !m_doc.pages.empty()) {
            if (button(m_show_pages ? "Show text" : "Show pages", ctx)) m_show_pages = !m_show_pages;
            first = false;
        } else if (m_doc.body_md.empty() && !m_doc.pages.empty()) {  // pages only: their stored texts, reflowed
            if (button(m_show_pages ? "Show as text" : "Show pages", ctx)) show_pages_as_text(m_show_pages);
            first = false;
        }
        if (!m_show_pages) {
            next(button_width("Outline", ctx));
            if (button("Outline", ctx)) ImGui::OpenPopup("##outline");
            float find_w = std::min(260.0f * ctx.scale, ImGui::GetWindowContentRegionWidth());
            next(find_w);
            ImGui::SetNextItemWidth(find_w);
            {
                TouchFrames touch(ctx);
                if (ImGui::InputTextWithHint("##find", "Find in document", &m_find)) m_md.find(m_find);
            }
            note_item("##find-field");
            next(button_width("Previous", ctx));
            if (button("Previous", ctx)) m_md.find_next(-1);
            next(button_width("Next", ctx));
            if (button("Next", ctx)) m_md.find_next(+1);
            if (!m_find.empty()) {
                next(ImGui::CalcTextSize("Not found").x);
                ImGui::AlignTextToFramePadding();
                if (m_md.matches.empty()) ImGui::TextUnformatted("Not found");
                else ImGui::Text("%d of %d", m_md.match_index + 1, static_cast<int>(m_md.matches.size()));
            }
            if (ImGui::BeginPopup("##outline")) {
                if (m_md.layout.outline.empty()) ImGui::TextUnformatted("This document has no headings.");
                for (std::size_t i = 0; i < m_md.layout.outline.size(); ++i) {
                    const auto& o = m_md.layout.outline[i];
                    ImGui::PushID(static_cast<int>(i));
                    std::string label = std::string(static_cast<std::size_t>(std::max(0, o.level - 1)) * 3, ' ') + o.title;
                    if (ImGui::Selectable(label.c_str(), false, 0, ImVec2(0, min_hit * ctx.scale))) m_md.scroll_to = o.y;
                    ImGui::PopID();
                }
                ImGui::EndPopup();
            }
            // The page keeps most of the screen: when the heading and toolbar
            // leave less, the whole screen scrolls them away first.
            ImVec2 avail = ImGui::GetContentRegionAvail();
            m_md.draw("##doc", ImVec2(0, std::max(avail.y, usable_height())), ctx, content_hooks(ctx, nav, ctx.catalog->area_id()), layout_style(ctx, DocSize::reading));
            return;
        }
        draw_pages(ctx);
    }

    // The "Show as text" route for tests and screenshots: doc:<id>:text.
    void show_pages_as_text(bool as_text) {
        m_show_pages = !as_text;
        if (as_text && !m_pages_as_text) {
            m_md.set_markdown(pages_as_markdown(m_doc.pages));
            m_pages_as_text = true;
            m_find.clear();
        }
    }

private:
    // The visible height of the screen's scrolling area, less a little, so a
    // page or document keeps most of it at any text size.
    static float usable_height() { return ImGui::GetWindowHeight() * 0.85f; }

    void draw_pages(UiContext& ctx) {
        int n = static_cast<int>(m_doc.pages.size());
        ImGui::BeginDisabled(m_page <= 1);
        if (button("< Previous page", ctx)) --m_page;
        ImGui::EndDisabled();
        char counter[48];
        std::snprintf(counter, sizeof counter, "Page %d of %d", m_page, n);
        flow(ImGui::CalcTextSize(counter).x);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(counter);
        flow(button_width("Next page >", ctx));
        ImGui::BeginDisabled(m_page >= n);
        if (button("Next page >", ctx)) ++m_page;
        ImGui::EndDisabled();
        flow(button_width("Zoom out", ctx));
        if (button("Zoom out", ctx)) m_zoom = std::max(0.25f, (m_zoom <= 0 ? 1.0f : m_zoom) / 1.25f);
        flow(button_width("Zoom in", ctx));
        if (button("Zoom in", ctx)) m_zoom = std::min(6.0f, (m_zoom <= 0 ? 1.0f : m_zoom) * 1.25f);
        flow(button_width("Fit to width", ctx));
        if (button("Fit to width", ctx)) m_zoom = 0;
        if (!ImGui::GetIO().WantTextInput) {
            if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow)) && m_page < n) ++m_page;
            if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow)) && m_page > 1) --m_page;
        }
        const auto& pg = m_doc.pages[static_cast<std::size_t>(m_page - 1)];
        ImGui::BeginChild("##page", ImVec2(0, std::max(ImGui::GetContentRegionAvail().y, usable_height())), true, ImGuiWindowFlags_HorizontalScrollbar);
        int w = 0, h = 0;
        ImTextureID tex = ctx.textures ? ctx.textures->texture(pg.image_id, w, h) : nullptr;
        float avail = ImGui::GetContentRegionAvail().x;
        float scale = m_zoom <= 0 ? (w > 0 ? avail / static_cast<float>(w) : 1.0f) : m_zoom * ctx.scale;
        ImGuiIO& io = ImGui::GetIO();
        // Ctrl + wheel zooms; wheel scrolls.
        if (ImGui::IsWindowHovered() && io.KeyCtrl && io.MouseWheel != 0) m_zoom = std::clamp((m_zoom <= 0 ? scale : m_zoom) * (io.MouseWheel > 0 ? 1.1f : 0.9f), 0.25f, 6.0f);
        if (tex && w > 0) {
            ImGui::Image(tex, ImVec2(static_cast<float>(w) * scale, static_cast<float>(h) * scale));
        } else {
            ImGui::TextWrapped("%s", pg.text.empty() ? "This page is loading." : pg.text.c_str());
        }
        // Pan by dragging in both directions.
        if (ImGui::IsWindowHovered() && ImGui::IsMouseDragging(0)) {
            ImGui::SetScrollX(ImGui::GetScrollX() - io.MouseDelta.x);
            ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
        }
        ImGui::EndChild();
    }

    content::Document m_doc;
    std::string m_channel;
    MarkdownView m_md;
    std::string m_find;
    int m_page = 1;
    float m_zoom = 0;  // 0 = fit to width
    bool m_show_pages = false;
    bool m_pages_as_text = false;  // m_md holds the page texts
};

} // namespace

std::unique_ptr<View> make_reader_view() { return std::make_unique<ReaderView>(); }

} // namespace kiosk
