// The members' resource library: browse by category, organisation and year,
// sort by date or title, featured documents first, search as you type across
// documents, briefings and slides. Long lists draw only visible rows.
#include "content/figures.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/views.hpp"
#include "kiosk/widgets.hpp"

#include <imgui_stdlib.h>

#include "content/limits.hpp"

#include <algorithm>
#include <cstdint>
#include <cfloat>
#include <set>
#include <sstream>

namespace kiosk {
namespace {

const char* kind_label(const std::string& k) {
    if (k == "document") return "Document";
    if (k == "briefing") return "Briefing";
    if (k == "slide") return "Training slide";
    return "Item";
}

// Draws one line of text with highlighted byte ranges, cut with an ellipsis
// to `width` (the whole text shows on the next screen).
void highlighted_line(const std::string& full, const std::vector<std::pair<std::size_t, std::size_t>>& hl, float width, const UiContext& ctx) {
    const std::string text = ellipsize(full, width);
    const Palette& p = palette(ctx.theme);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* f = ImGui::GetFont();
    float fs = ImGui::GetFontSize();
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float x = pos.x;
    std::size_t i = 0;
    auto segment = [&](std::size_t a, std::size_t b, bool mark) {
        if (a >= b) return;
        const char* s = text.c_str() + a;
        const char* e = text.c_str() + b;
        float w = f->CalcTextSizeA(fs, FLT_MAX, 0, s, e).x;
        if (mark) dl->AddRectFilled(ImVec2(x, pos.y), ImVec2(x + w, pos.y + fs), ImGui::GetColorU32(p.highlight_bg));
        dl->AddText(f, fs, ImVec2(x, pos.y), ImGui::GetColorU32(mark && ctx.theme == Theme::standard ? p.text : p.text), s, e);
        if (mark) dl->AddLine(ImVec2(x, pos.y + fs), ImVec2(x + w, pos.y + fs), ImGui::GetColorU32(p.text), 1.0f);
        x += w;
    };
    ImGui::PushClipRect(pos, ImVec2(pos.x + width, pos.y + fs + 2), true);
    for (auto& [a, b] : hl) {
        segment(i, std::min(a, text.size()), false);
        segment(std::min(a, text.size()), std::min(b, text.size()), true);
        i = std::min(b, text.size());
    }
    segment(i, text.size(), false);
    ImGui::PopClipRect();
    ImGui::Dummy(ImVec2(width, fs));
}

std::vector<std::string> split_list(const std::string& s) {
    std::vector<std::string> out;
    std::stringstream ss(s);
    std::string x;
    while (std::getline(ss, x, ','))
        if (!x.empty()) out.push_back(x);
    return out;
}

class LibraryView final : public View {
public:
    std::string title() const override { return "Library"; }
    bool open(const std::string& arg, UiContext&) override {
        if (arg.rfind("search=", 0) == 0) {
            m_query = arg.substr(7);
            m_dirty = true;
        } else if (!arg.empty()) {
            return false;
        }
        return true;
    }
    void reset() override {
        m_query.clear();
        m_exact_for.clear();
        m_category = m_org = m_year = m_kind = 0;
        m_dirty = true;
    }

    void draw(UiContext& ctx, NavRequest& nav) override {
        const auto& cat = *ctx.catalog;
        text_in(ctx.fonts.title, "Members' resource library");
        float search_w = std::min(640.0f * ctx.scale, ImGui::GetContentRegionAvail().x);
        ImGui::SetNextItemWidth(search_w);
        const char* hint = "Search reports, guidance, briefings and training";
        if (ImGui::CalcTextSize(hint).x + ImGui::GetStyle().FramePadding.x * 2 > search_w) hint = "Search the library";  // large text
        {
            TouchFrames touch(ctx);
            if (ImGui::InputTextWithHint("##search", hint, &m_query)) m_dirty = true;
        }
        note_item("Search field");  // a touch target (44 px); tests tap it to bring up the on-screen keyboard
        if (!m_query.empty()) {
            flow(button_width("Clear", ctx));
            if (button("Clear", ctx)) {
                m_query.clear();
                m_dirty = true;
            }
        }
        if (m_query.find_first_not_of(' ') != std::string::npos) draw_results(ctx, nav);
        else draw_browse(ctx, nav, cat);
    }

private:
    void draw_results(UiContext& ctx, NavRequest& nav) {
        const char* kinds[] = {"Everything", "Documents", "Briefings", "Training slides"};
        const char* kind_ids[] = {"", "document", "briefing", "slide"};
        for (int k = 0; k < 4; ++k) {
            if (k) flow(button_width(kinds[k], ctx));
            if (button(kinds[k], ctx, m_kind == k ? ButtonStyle::primary : ButtonStyle::normal)) {
                m_kind = k;
                m_dirty = true;
            }
        }
        if (m_dirty) {
            if (m_query != m_exact_for) m_exact_for.clear();  // a new query gets spelling help again
            content::SearchQuery q{m_query, 50, kind_ids[m_kind]};
            q.locality = ctx.services ? ctx.services->setting("default_locality", "") : std::string();
            q.spelling = m_exact_for.empty() ? content::Spelling::correct : content::Spelling::exact;
            q.today = content::iso_date(ctx.now);
            auto r = ctx.catalog->search(q);
            m_results = r ? std::move(*r) : content::SearchResult{};
            m_error = r ? "" : r.error().message;
            m_dirty = false;
        }
        if (!m_error.empty()) muted_text("Search failed: " + m_error, ctx);
        draw_correction(ctx);
        if (!m_results.fallback_note.empty()) muted_text(m_results.fallback_note, ctx);
        if (m_results.hits.empty()) {
            muted_text("Nothing matches \"" + m_query + "\". Try fewer or shorter words.", ctx);
            return;
        }
        // The results scroll with the page (no inner list): at large text on a
        // small screen the search box and filters take most of the height,
        // and an inner list would be left a row or two tall.
        float w = ImGui::GetContentRegionAvail().x;
        for (std::size_t i = 0; i < m_results.hits.size(); ++i) {
            const auto& h = m_results.hits[i];
            if (!h.all_words && (i == 0 || m_results.hits[i - 1].all_words) && m_results.fallback_note.empty())
                muted_text("These have some of your words:", ctx);
            ImGui::PushID(static_cast<int>(i));
            ImVec2 start = ImGui::GetCursorScreenPos();
            if (ctx.fonts.bold) ImGui::PushFont(ctx.fonts.bold);
            highlighted_line(h.title, h.title_highlights, w, ctx);
            if (ctx.fonts.bold) ImGui::PopFont();
            highlighted_line(h.snippet, h.highlights, w, ctx);
            ImGui::TextDisabled("%s  |  %s", kind_label(h.kind), ctx.catalog->channel_title(h.channel).c_str());
            ImVec2 end(start.x + w, ImGui::GetCursorScreenPos().y);
            ImGui::SetCursorScreenPos(start);
            bool hit = ImGui::InvisibleButton("##hit", ImVec2(w, std::max(end.y - start.y, min_hit * ctx.scale)));
            if (i == 0) note_item("First result");
            if (hit && !dragged()) {
                nav.kind = NavRequest::Kind::go;
                if (h.kind == "document") nav.route = "doc:" + h.ref;
                else if (h.kind == "briefing") nav.route = "brief:" + h.ref;
                else nav.route = "training:" + h.ref;
            }
            ImGui::Separator();
            ImGui::PopID();
        }
    }

    // "Showing results for safeguarding" with the spelling as typed offered;
    // after that is chosen, "Searched for safegaurding as typed".
    void draw_correction(UiContext& ctx) {
        if (!m_exact_for.empty()) {
            muted_text("Searched for \"" + m_exact_for + "\" exactly as typed.", ctx);
            return;
        }
        if (m_results.corrections.empty()) return;
        if (ctx.fonts.bold) ImGui::PushFont(ctx.fonts.bold);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(("Showing results for " + m_results.searched_for).c_str());
        if (ctx.fonts.bold) ImGui::PopFont();
        std::string instead = "Search instead for " + m_query;
        flow(button_width(instead.c_str(), ctx));
        if (button(instead.c_str(), ctx)) {
            m_exact_for = m_query;
            m_dirty = true;
        }
    }

    // The filter choices and the filtered, sorted rows are computed only when
    // the catalog, a filter, the sort or the featured list changes, not every
    // frame: with 10,000 documents that is the difference between a smooth
    // scroll and a slow one.
    void refresh(UiContext& ctx, const content::Catalog& cat) {
        std::string featured_setting = ctx.services ? ctx.services->setting("featured_documents", "") : std::string();
        // The entries' address too: after an import the catalog object is
        // the same but its entries (which m_rows points into) are new.
        std::string key = std::to_string(reinterpret_cast<std::uintptr_t>(&cat)) + "|" + std::to_string(reinterpret_cast<std::uintptr_t>(cat.library().data())) + "|" +
                          std::to_string(cat.library().size()) + "|" +
                          std::to_string(m_category) + "|" + std::to_string(m_org) + "|" + std::to_string(m_year) + "|" + (m_sort_by_title ? "t" : "d") +
                          "|" + featured_setting;
        if (key == m_cache_key) return;
        m_cache_key = key;
        std::set<std::string> cats, orgs, years;
        for (auto& e : cat.library()) {
            cats.insert(e.header.category);
            orgs.insert(e.header.organisation);
            years.insert(e.header.published.substr(0, 4));
        }
        m_cats.assign(cats.begin(), cats.end());
        m_orgs.assign(orgs.begin(), orgs.end());
        m_years.assign(years.rbegin(), years.rend());
        m_category = std::min<int>(m_category, static_cast<int>(m_cats.size()));
        m_org = std::min<int>(m_org, static_cast<int>(m_orgs.size()));
        m_year = std::min<int>(m_year, static_cast<int>(m_years.size()));
        auto featured_list = split_list(featured_setting);
        std::set<std::string> featured(featured_list.begin(), featured_list.end());
        m_rows.clear();
        m_featured.clear();
        for (auto& e : cat.library()) {
            if (m_category && e.header.category != m_cats[static_cast<std::size_t>(m_category - 1)]) continue;
            if (m_org && e.header.organisation != m_orgs[static_cast<std::size_t>(m_org - 1)]) continue;
            if (m_year && e.header.published.substr(0, 4) != m_years[static_cast<std::size_t>(m_year - 1)]) continue;
            m_rows.push_back(&e);
        }
        std::stable_sort(m_rows.begin(), m_rows.end(), [&](auto* a, auto* b) {
            bool fa = featured.count(a->header.id) != 0, fb = featured.count(b->header.id) != 0;
            if (fa != fb) return fa;
            if (m_sort_by_title) return a->header.title < b->header.title;
            return a->header.published > b->header.published;
        });
        for (auto* e : m_rows) m_featured.push_back(featured.count(e->header.id) != 0);
    }

    void draw_browse(UiContext& ctx, NavRequest& nav, const content::Catalog& cat) {
        refresh(ctx, cat);
        auto combo = [&](const char* id, const char* all, std::vector<std::string>& items, int& sel, bool is_cat) {
            ImGui::SetNextItemWidth(std::min(260.0f * ctx.scale, ImGui::GetContentRegionAvail().x));
            std::string preview = sel == 0 ? all : (is_cat ? std::string(content::category_label(items[static_cast<std::size_t>(sel - 1)])) : items[static_cast<std::size_t>(sel - 1)]);
            if (ImGui::BeginCombo(id, preview.c_str(), ImGuiComboFlags_HeightLarge)) {
                if (ImGui::Selectable(all, sel == 0, 0, ImVec2(0, min_hit * ctx.scale))) sel = 0;
                for (std::size_t i = 0; i < items.size(); ++i)
                    if (ImGui::Selectable(is_cat ? std::string(content::category_label(items[i])).c_str() : items[i].c_str(), sel == static_cast<int>(i + 1), 0, ImVec2(0, min_hit * ctx.scale)))
                        sel = static_cast<int>(i + 1);
                ImGui::EndCombo();
            }
        };
        combo("##cat", "All categories", m_cats, m_category, true);
        ImGui::SameLine();
        if (ImGui::GetContentRegionAvail().x < 200 * ctx.scale) ImGui::NewLine();
        combo("##org", "All organisations", m_orgs, m_org, false);
        ImGui::SameLine();
        if (ImGui::GetContentRegionAvail().x < 200 * ctx.scale) ImGui::NewLine();
        combo("##year", "All years", m_years, m_year, false);
        ImGui::SameLine();
        if (ImGui::GetContentRegionAvail().x < 200 * ctx.scale) ImGui::NewLine();
        if (button(m_sort_by_title ? "Sorted by title" : "Sorted by date", ctx)) m_sort_by_title = !m_sort_by_title;
        refresh(ctx, cat);
        const auto& rows = m_rows;
        muted_text(std::to_string(rows.size()) + " of " + std::to_string(cat.library().size()) + " documents", ctx);
        std::string today = content::iso_date(ctx.now);
        const Palette& p = palette(ctx.theme);
        float row_h = ImGui::GetTextLineHeightWithSpacing() * 2 + ImGui::GetStyle().ItemSpacing.y * 2 + 6 * ctx.scale;
        row_h = std::max(row_h, min_hit * ctx.scale);
        // The rows scroll with the page (see draw_results); the clipper still
        // draws only the rows in view.
        float w = ImGui::GetContentRegionAvail().x;
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(rows.size()), row_h);
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const auto* e = rows[static_cast<std::size_t>(i)];
                ImGui::PushID(i);
                ImVec2 start = ImGui::GetCursorScreenPos();
                bool pressed = ImGui::InvisibleButton("##row", ImVec2(w, row_h - ImGui::GetStyle().ItemSpacing.y));
                note_item("doc:" + e->header.id);
                bool hov = (ImGui::IsItemHovered() && hover_highlight_allowed()) || ImGui::IsItemFocused();
                ImDrawList* dl = ImGui::GetWindowDrawList();
                if (hov) dl->AddRectFilled(start, ImVec2(start.x + w, start.y + row_h - ImGui::GetStyle().ItemSpacing.y), ImGui::GetColorU32(p.surface_hover), 6);
                ImFont* bf = ctx.fonts.bold ? ctx.fonts.bold : ImGui::GetFont();
                float x = start.x + 10 * ctx.scale;
                float text_w = w - 20 * ctx.scale;
                std::string t = (m_featured[static_cast<std::size_t>(i)] ? "\xE2\x98\x85 Featured: " : "") + e->header.title;
                ImGui::PushFont(bf);
                t = ellipsize(t, text_w);
                ImGui::PopFont();
                dl->AddText(bf, bf->FontSize, ImVec2(x, start.y + 4 * ctx.scale), ImGui::GetColorU32(p.text), t.c_str());
                std::string meta = std::string(content::category_label(e->header.category)) + "  |  " + e->header.organisation + "  |  " + human_date(e->header.published) +
                                   "  |  from " + ctx.catalog->channel_title(e->channel);
                bool old = content::past_review(e->header.review_date, today);
                if (old) meta = "May be out of date  |  " + meta;
                meta = ellipsize(meta, text_w);
                dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(x, start.y + 6 * ctx.scale + bf->FontSize),
                            ImGui::GetColorU32(old ? p.warning : p.text_muted), meta.c_str());
                if (pressed && !dragged()) {
                    nav.kind = NavRequest::Kind::go;
                    nav.route = "doc:" + e->header.id;
                }
                ImGui::PopID();
            }
        }
    }

    std::string m_query;
    bool m_dirty = true;
    std::string m_cache_key;
    std::vector<std::string> m_cats, m_orgs, m_years;
    std::vector<const content::LibraryEntry*> m_rows;
    std::vector<bool> m_featured;
    int m_kind = 0, m_category = 0, m_org = 0, m_year = 0;
    bool m_sort_by_title = false;
    content::SearchResult m_results;
    std::string m_exact_for;  // the query the visitor asked to search exactly as typed
    std::string m_error;
};

} // namespace

std::unique_ptr<View> make_library_view() { return std::make_unique<LibraryView>(); }

} // namespace kiosk
