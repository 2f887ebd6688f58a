// Wrapping layout and visible-only drawing of parsed markdown; see markdown.hpp.
#include "kiosk/markdown.hpp"
#include "kiosk/marker_key.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/widgets.hpp"


#include <algorithm>
#include <cctype>
#include <cfloat>
#include <optional>

namespace kiosk {
namespace {

ImFont* font_for(RunStyle s, const LayoutStyle& st) {
    switch (s) {
    case RunStyle::bold:
    case RunStyle::bold_italic: return st.bold ? st.bold : st.body;
    case RunStyle::italic: return st.italic ? st.italic : st.body;
    default: return st.body;
    }
}

// Wraps runs of text into lines of laid-out items.
class Wrapper {
public:
    Wrapper(const LayoutStyle& st, MdLayout& out, float x0, float x1, float y, ImFont* override_font, float size_override, RunStyle force)
        : m_st(st), m_out(out), m_x0(x0), m_x1(x1), m_x(x0), m_y(y), m_font(override_font), m_size(size_override), m_force(force) {}

    // Lays out every run; returns the y below the last line.
    float run(const std::vector<MdRun>& runs) {
        for (const auto& r : runs) add_run(r);
        if (!m_line.empty()) flush_line();
        return m_y;
    }

private:
    void add_run(const MdRun& r) {
        RunStyle rs = m_force != RunStyle::normal ? m_force : r.style;
        ImFont* f = m_font ? m_font : font_for(rs, m_st);
        float size = m_size > 0 ? m_size : f->FontSize;
        const std::string& t = r.text;
        std::size_t i = 0;
        while (i < t.size()) {
            if (t[i] == '\n') {
                flush_line();
                ++i;
                continue;
            }
            std::size_t j = i;
            while (j < t.size() && t[j] == ' ') ++j;
            while (j < t.size() && t[j] != ' ' && t[j] != '\n') ++j;
            add_word(t.substr(i, j - i), r, rs, f, size);
            i = j;
        }
    }

    void add_word(std::string word, const MdRun& r, RunStyle rs, ImFont* f, float size) {
        float w = f->CalcTextSizeA(size, FLT_MAX, 0, word.c_str()).x;
        if (m_x + w > m_x1 && m_x > m_x0) {
            flush_line();
            std::size_t k = word.find_first_not_of(' ');
            word = k == std::string::npos ? std::string() : word.substr(k);
            w = f->CalcTextSizeA(size, FLT_MAX, 0, word.c_str()).x;
        }
        // A word wider than a whole line (a long URL, or text with no
        // spaces) is cut where the line ends, so no line runs off the
        // screen, and no single draw emits more glyphs than fit.
        while (m_x + w > m_x1 && !word.empty()) {
            const char* rest = nullptr;
            const char* b = word.c_str();
            f->CalcTextSizeA(size, m_x1 - m_x, 0, b, b + word.size(), &rest);
            std::size_t cut = static_cast<std::size_t>(rest - b);
            if (cut == 0 && m_line.empty()) {  // not even one character fits: take one anyway
                cut = 1;
                while (cut < word.size() && (static_cast<unsigned char>(word[cut]) & 0xC0) == 0x80) ++cut;
            }
            if (cut > 0) {
                std::string head = word.substr(0, cut);
                place(head, f->CalcTextSizeA(size, FLT_MAX, 0, head.c_str()).x, r, rs, f, size);
                word.erase(0, cut);
            }
            flush_line();
            w = f->CalcTextSizeA(size, FLT_MAX, 0, word.c_str()).x;
        }
        if (!word.empty()) place(std::move(word), w, r, rs, f, size);
    }

    // Appends to the last item when it has the same look, else starts one.
    void place(std::string piece, float pw, const MdRun& r, RunStyle rs, ImFont* f, float size) {
        if (!m_line.empty() && m_line.back().run.font == f && m_line.back().run.href == r.href && m_line.back().run.style == rs) {
            m_line.back().run.text += piece;
            m_line.back().run.width += pw;
        } else {
            LaidItem it;
            it.kind = LaidItem::Kind::text;
            it.run = LaidRun{ImVec2(m_x, m_y), f, size, rs, std::move(piece), r.href, pw};
            m_line.push_back(std::move(it));
        }
        m_x += pw;
        m_line_h = std::max(m_line_h, size);
    }

    void flush_line() {
        float h = m_line_h > 0 ? m_line_h : (m_font ? m_size : m_st.body->FontSize);
        for (auto& it : m_line) {
            it.y0 = m_y;
            it.y1 = m_y + h;
            it.run.pos.y = m_y;
            m_out.items.push_back(std::move(it));
        }
        m_line.clear();
        m_y += h * 1.25f;
        m_x = m_x0;
        m_line_h = 0;
    }

    const LayoutStyle& m_st;
    MdLayout& m_out;
    float m_x0, m_x1, m_x, m_y;
    ImFont* m_font;
    float m_size;
    RunStyle m_force;
    float m_line_h = 0;
    std::vector<LaidItem> m_line;
};

// Lays out one block at a time, each returning the y below it.
struct Builder {
    const LayoutStyle& st;
    MdLayout& out;
    float width, s, gap;

    float wrap(const std::vector<MdRun>& runs, float x0, float x1, float y, ImFont* override_font, float size_override, RunStyle force = RunStyle::normal) {
        return Wrapper(st, out, x0, x1, y, override_font, size_override, force).run(runs);
    }

    // A rectangle item (rule, border, quote bar, image, embed) from p0 to p1 spanning y0..y1.
    LaidItem& add_box(LaidItem::Kind kind, ImVec2 p0, ImVec2 p1, float y0, float y1) {
        LaidItem it;
        it.kind = kind;
        it.p0 = p0;
        it.p1 = p1;
        it.y0 = y0;
        it.y1 = y1;
        out.items.push_back(std::move(it));
        return out.items.back();
    }

    float heading(const MdBlock& blk, float y) {
        ImFont* f = blk.level <= 1 ? (st.title ? st.title : st.bold) : (st.heading ? st.heading : st.bold);
        y += gap * 0.5f;
        std::string title;
        for (auto& r : blk.runs) title += r.text;
        out.outline.push_back(OutlineEntry{blk.level, title, y});
        y = wrap(blk.runs, 0, width, y, f, f->FontSize, RunStyle::bold);
        return y + gap * 0.3f;
    }

    float quote(const MdBlock& blk, float y) {
        float indent = 18 * s * static_cast<float>(std::max(1, blk.level));
        float y0 = y;
        y = wrap(blk.runs, indent, width, y, nullptr, 0, RunStyle::italic);
        add_box(LaidItem::Kind::quote_bar, ImVec2(indent - 12 * s, y0), ImVec2(indent - 8 * s, y - 4 * s), y0, y);
        return y + gap * 0.5f;
    }

    float list_item(const MdBlock& blk, float y) {
        float indent = 28 * s * static_cast<float>(blk.level);
        LaidItem bullet;
        bullet.kind = LaidItem::Kind::bullet;
        bullet.run = LaidRun{ImVec2(indent - 22 * s, y), st.body, st.body->FontSize, RunStyle::normal, blk.bullet, "", 0};
        bullet.y0 = y;
        bullet.y1 = y + st.body->FontSize;
        out.items.push_back(bullet);
        return wrap(blk.runs, indent, width, y, nullptr, 0) + gap * 0.2f;
    }

    float rule(float y) {
        add_box(LaidItem::Kind::rule, ImVec2(0, y + gap * 0.5f), ImVec2(width, y + gap * 0.5f + 1), y, y + gap);
        return y + gap;
    }

    // An image (its size scaled to fit the width) or an embedded figure
    // (full width, the height its hook asks for): one box, then a gap.
    float image_or_embed(const MdBlock& blk, float y) {
        float w = width, h = 0;
        if (blk.kind == MdBlock::Kind::image) {
            ImVec2 sz = st.image_size ? st.image_size(blk.target) : ImVec2(0, 0);
            if (sz.x <= 0 || sz.y <= 0) sz = ImVec2(width * 0.5f, width * 0.25f);
            w = std::min(width, sz.x * s);
            h = sz.y * (w / sz.x);
        } else {
            h = st.embed_height ? st.embed_height(blk.target, width) : 140 * s;
        }
        bool image = blk.kind == MdBlock::Kind::image;
        LaidItem& it = add_box(image ? LaidItem::Kind::image : LaidItem::Kind::embed, ImVec2(0, y), ImVec2(w, y + h), y, y + h);
        it.target = blk.target;
        if (image) it.alt = blk.alt;
        return y + h + gap;
    }

    float table(const MdBlock& blk, float y) {
        std::size_t cols = 0;
        for (auto& r : blk.rows) cols = std::max(cols, r.size());
        if (cols == 0) return y;
        float cw = width / static_cast<float>(cols);
        float pad = 8 * s;
        float top = y;
        for (std::size_t ri = 0; ri < blk.rows.size(); ++ri) {
            float row_top = y, row_bottom = y;
            for (std::size_t c = 0; c < blk.rows[ri].size(); ++c) {
                float cy = wrap(blk.rows[ri][c], cw * static_cast<float>(c) + pad, cw * static_cast<float>(c + 1) - pad, row_top + pad, nullptr, 0,
                                ri == 0 ? RunStyle::bold : RunStyle::normal);
                row_bottom = std::max(row_bottom, cy + pad * 0.5f);
            }
            add_box(LaidItem::Kind::cell_border, ImVec2(0, row_top), ImVec2(width, row_bottom), row_top, row_bottom);
            y = row_bottom;
        }
        for (std::size_t c = 1; c < cols; ++c)
            add_box(LaidItem::Kind::rule, ImVec2(cw * static_cast<float>(c), top), ImVec2(cw * static_cast<float>(c) + 1, y), top, y);
        return y + gap;
    }

    float block(const MdBlock& blk, float y) {
        switch (blk.kind) {
        case MdBlock::Kind::heading: return heading(blk, y);
        case MdBlock::Kind::paragraph:
        case MdBlock::Kind::code: return wrap(blk.runs, 0, width, y, nullptr, 0) + gap * 0.5f;
        case MdBlock::Kind::quote: return quote(blk, y);
        case MdBlock::Kind::list_item: return list_item(blk, y);
        case MdBlock::Kind::rule: return rule(y);
        case MdBlock::Kind::image:
        case MdBlock::Kind::embed: return image_or_embed(blk, y);
        case MdBlock::Kind::table: return table(blk, y);
        }
        return y;
    }
};

// Sorts the items by y and indexes their text (and image alt text) as one
// plain string for find. Text items keep their relative order (stable sort,
// same y per line), so the mapping is derived by walking the sorted items.
void sort_and_index(MdLayout& out) {
    std::stable_sort(out.items.begin(), out.items.end(), [](const LaidItem& a, const LaidItem& b2) { return a.y0 < b2.y0; });
    out.plain.clear();
    out.plain_to_item.clear();
    float last_y = -1;
    for (std::size_t i = 0; i < out.items.size(); ++i) {
        const auto& it = out.items[i];
        if (it.kind != LaidItem::Kind::text && it.kind != LaidItem::Kind::image) continue;
        if (last_y >= 0 && it.y0 != last_y) out.plain += "\n";
        last_y = it.y0;
        out.plain_to_item.emplace_back(out.plain.size(), i);
        out.plain += it.kind == LaidItem::Kind::text ? it.run.text : it.alt;
    }
}

// Draws a text run (or bullet) at `pos`: search highlights behind it (when
// `plain_start` places it in the plain text), the text, and for a link an
// underline and a tap target.
// The current find match: drawn over the text in the accent colour with a frame.
void draw_current_match(const LaidItem& it, ImVec2 pos, std::size_t a, std::size_t b, float xa, float xb, const UiContext& ctx) {
    const Palette& p = palette(ctx.theme);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 r0(pos.x + xa - 2, pos.y - 1), r1(pos.x + xb + 2, pos.y + it.run.size + 1);
    dl->AddRectFilled(r0, r1, ImGui::GetColorU32(p.accent), 3);
    dl->AddText(it.run.font, it.run.size, ImVec2(pos.x + xa, pos.y), ImGui::GetColorU32(p.text_on_accent), it.run.text.c_str() + a,
                it.run.text.c_str() + b);
    dl->AddRect(r0, r1, ImGui::GetColorU32(p.text), 3, 0, 2.0f * ctx.scale);
}

void draw_text_item(const LaidItem& it, ImVec2 pos, std::optional<std::size_t> plain_start, const UiContext& ctx, const DrawHooks& hooks) {
    const Palette& p = palette(ctx.theme);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImU32 col = ImGui::GetColorU32(it.run.href.empty() ? p.text : p.link);
    struct { std::size_t a = 0, b = 0; float xa = 0, xb = 0; } current;
    if (plain_start) {
        std::size_t s0 = *plain_start, s1 = s0 + it.run.text.size();
        for (std::size_t hi = 0; hi < hooks.highlights.size(); ++hi) {
            auto [h0, h1] = hooks.highlights[hi];
            if (h1 <= s0 || h0 >= s1) continue;
            std::size_t a = std::max(h0, s0) - s0, b = std::min(h1, s1) - s0;
            float xa = it.run.font->CalcTextSizeA(it.run.size, FLT_MAX, 0, it.run.text.c_str(), it.run.text.c_str() + a).x;
            float xb = it.run.font->CalcTextSizeA(it.run.size, FLT_MAX, 0, it.run.text.c_str(), it.run.text.c_str() + b).x;
            if (static_cast<int>(hi) == hooks.current_highlight) {  // drawn over the text below
                current = {a, b, xa, xb};
                continue;
            }
            dl->AddRectFilled(ImVec2(pos.x + xa, pos.y), ImVec2(pos.x + xb, pos.y + it.run.size), ImGui::GetColorU32(p.highlight_bg));
            if (ctx.theme == Theme::high_contrast) col = ImGui::GetColorU32(p.text);
        }
    }
    draw_text(dl, it.run.font, it.run.size, pos, col, it.run.text);  // notes markers for the screen's key
    if (current.b > current.a) draw_current_match(it, pos, current.a, current.b, current.xa, current.xb, ctx);
    if (it.run.href.empty()) return;
    dl->AddLine(ImVec2(pos.x, pos.y + it.run.size), ImVec2(pos.x + it.run.width, pos.y + it.run.size), col, 1.5f * ctx.scale);
    ImVec2 a = pos, b(pos.x + it.run.width, pos.y + it.run.size);
    if (ImGui::IsMouseHoveringRect(a, b) && ImGui::IsWindowHovered()) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        if (ImGui::IsMouseReleased(0) && !dragged() && hooks.on_link) hooks.on_link(it.run.href);
    }
}

} // namespace

MdLayout layout_markdown(const MdDocument& doc, float width, const LayoutStyle& st) {
    MdLayout out;
    out.width = width;
    Builder b{st, out, width, st.scale, st.paragraph_gap * st.scale};
    float y = 0;
    for (const auto& blk : doc.blocks) y = b.block(blk, y);
    out.height = y;
    sort_and_index(out);
    return out;
}

std::size_t draw_layout(const MdLayout& layout, ImVec2 origin, float clip_top, float clip_bottom, const UiContext& ctx, const DrawHooks& hooks) {
    const Palette& p = palette(ctx.theme);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // Items are sorted by y0; anything starting more than one screen above can be skipped.
    float max_item = 2000.0f * ctx.scale;  // the tallest single item we expect (images, embeds)
    auto first = std::lower_bound(layout.items.begin(), layout.items.end(), clip_top - max_item,
                                  [](const LaidItem& it, float y) { return it.y0 < y; });
    std::size_t drawn = 0;
    std::size_t item_index = static_cast<std::size_t>(first - layout.items.begin());
    // Highlight lookup: plain ranges -> items.
    auto item_plain_start = [&](std::size_t idx) -> std::optional<std::size_t> {
        auto it = std::lower_bound(layout.plain_to_item.begin(), layout.plain_to_item.end(), idx,
                                   [](const std::pair<std::size_t, std::size_t>& e, std::size_t v) { return e.second < v; });
        if (it == layout.plain_to_item.end() || it->second != idx) return std::nullopt;
        return it->first;
    };
    for (auto it = first; it != layout.items.end(); ++it, ++item_index) {
        if (it->y0 > clip_bottom) break;
        if (it->y1 < clip_top) continue;
        ++drawn;
        switch (it->kind) {
        case LaidItem::Kind::text:
        case LaidItem::Kind::bullet: {
            auto start = it->kind == LaidItem::Kind::text && !hooks.highlights.empty() ? item_plain_start(item_index) : std::nullopt;
            draw_text_item(*it, ImVec2(origin.x + it->run.pos.x, origin.y + it->run.pos.y), start, ctx, hooks);
            break;
        }
        case LaidItem::Kind::rule:
            dl->AddRectFilled(ImVec2(origin.x + it->p0.x, origin.y + it->p0.y), ImVec2(origin.x + it->p1.x, origin.y + it->p1.y), ImGui::GetColorU32(p.border));
            break;
        case LaidItem::Kind::quote_bar:
            dl->AddRectFilled(ImVec2(origin.x + it->p0.x, origin.y + it->p0.y), ImVec2(origin.x + it->p1.x, origin.y + it->p1.y), ImGui::GetColorU32(p.accent));
            break;
        case LaidItem::Kind::cell_border:
            dl->AddRect(ImVec2(origin.x + it->p0.x, origin.y + it->p0.y), ImVec2(origin.x + it->p1.x, origin.y + it->p1.y), ImGui::GetColorU32(p.border));
            break;
        case LaidItem::Kind::image:
            if (hooks.draw_image)
                hooks.draw_image(it->target, it->alt, ImVec2(origin.x + it->p0.x, origin.y + it->p0.y), ImVec2(origin.x + it->p1.x, origin.y + it->p1.y));
            break;
        case LaidItem::Kind::embed:
            if (hooks.draw_embed)
                hooks.draw_embed(it->target, ImVec2(origin.x + it->p0.x, origin.y + it->p0.y), ImVec2(origin.x + it->p1.x, origin.y + it->p1.y));
            break;
        }
    }
    return drawn;
}

std::vector<std::pair<std::size_t, std::size_t>> find_in_layout(const MdLayout& layout, const std::string& needle) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    if (needle.empty()) return out;
    std::string hay = layout.plain, n = needle;
    for (auto& c : hay) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (auto& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (std::size_t p = hay.find(n); p != std::string::npos; p = hay.find(n, p + n.size())) out.emplace_back(p, p + n.size());
    return out;
}

float y_of_plain_offset(const MdLayout& layout, std::size_t pos) {
    auto it = std::upper_bound(layout.plain_to_item.begin(), layout.plain_to_item.end(), pos,
                               [](std::size_t v, const std::pair<std::size_t, std::size_t>& e) { return v < e.first; });
    if (it == layout.plain_to_item.begin()) return 0;
    --it;
    return layout.items[it->second].y0;
}

void MarkdownView::set_markdown(std::string_view md) {
    doc = parse_markdown(md);
    laid_width = -1;
    matches.clear();
    match_index = -1;
    find_text.clear();
    scroll_to = 0;
}

void MarkdownView::find(const std::string& needle) {
    find_text = needle;
    matches = find_in_layout(layout, needle);
    match_index = matches.empty() ? -1 : 0;
    if (match_index >= 0) scroll_to = y_of_plain_offset(layout, matches[0].first);
}

void MarkdownView::find_next(int dir) {
    if (matches.empty()) return;
    int n = static_cast<int>(matches.size());
    match_index = ((match_index + dir) % n + n) % n;
    scroll_to = y_of_plain_offset(layout, matches[static_cast<std::size_t>(match_index)].first);
}

void MarkdownView::draw(const char* id, ImVec2 size, UiContext& ctx, DrawHooks hooks, const LayoutStyle& style) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, palette(ctx.theme).surface);
    ImGui::BeginChild(id, size, true, ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoNav);
    float width = ImGui::GetContentRegionAvail().x;
    if (width != laid_width || ctx.scale != laid_scale || ctx.fonts.generation != laid_fonts) {
        layout = layout_markdown(doc, std::max(100.0f, width), style);
        laid_width = width;
        laid_scale = ctx.scale;
        laid_fonts = ctx.fonts.generation;
        if (!find_text.empty()) matches = find_in_layout(layout, find_text);
    }
    if (scroll_to >= 0) {
        ImGui::SetScrollY(scroll_to);
        scroll_to = -1;
    }
    ImVec2 origin = ImGui::GetCursorScreenPos();
    float top = ImGui::GetScrollY();
    float bottom = top + ImGui::GetWindowHeight();
    hooks.highlights = matches;
    hooks.current_highlight = match_index;
    draw_layout(layout, origin, top, bottom, ctx, hooks);
    ImGui::Dummy(ImVec2(width, layout.height));
    animating = touch_scroll();
    // Keyboard and clicker scrolling.
    if (ImGui::IsWindowFocused() || ImGui::IsWindowHovered()) {
        float page = ImGui::GetWindowHeight() * 0.85f;
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageDown))) ImGui::SetScrollY(ImGui::GetScrollY() + page);
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageUp))) ImGui::SetScrollY(ImGui::GetScrollY() - page);
    }
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

} // namespace kiosk
