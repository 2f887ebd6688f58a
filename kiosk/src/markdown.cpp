// Wrapping layout and visible-only drawing of parsed markdown; see markdown.hpp.
#include "kiosk/markdown.hpp"
#include "kiosk/marker_key.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/widgets.hpp"


#include <algorithm>
#include <cctype>
#include <cfloat>

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

struct Builder {
    const LayoutStyle& st;
    MdLayout& out;

    // Wraps `runs` into lines between x0 and x1 starting at y; returns the new y.
    float wrap(const std::vector<MdRun>& runs, float x0, float x1, float y, ImFont* override_font, float size_override, RunStyle force = RunStyle::normal) {
        float x = x0;
        float line_h = 0;
        std::vector<LaidItem> line;
        auto flush_line = [&] {
            float h = line_h > 0 ? line_h : (override_font ? size_override : st.body->FontSize);
            for (auto& it : line) {
                it.y0 = y;
                it.y1 = y + h;
                it.run.pos.y = y;
                out.items.push_back(std::move(it));
            }
            line.clear();
            y += h * 1.25f;
            x = x0;
            line_h = 0;
        };
        for (const auto& r : runs) {
            RunStyle rs = force != RunStyle::normal ? force : r.style;
            ImFont* f = override_font ? override_font : font_for(rs, st);
            float size = size_override > 0 ? size_override : f->FontSize;
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
                std::string word = t.substr(i, j - i);
                float w = f->CalcTextSizeA(size, FLT_MAX, 0, word.c_str()).x;
                if (x + w > x1 && x > x0) {
                    flush_line();
                    std::size_t k = word.find_first_not_of(' ');
                    word = k == std::string::npos ? std::string() : word.substr(k);
                    w = f->CalcTextSizeA(size, FLT_MAX, 0, word.c_str()).x;
                }
                auto place = [&](std::string piece, float pw) {
                    if (!line.empty() && line.back().run.font == f && line.back().run.href == r.href && line.back().run.style == rs) {
                        line.back().run.text += piece;
                        line.back().run.width += pw;
                    } else {
                        LaidItem it;
                        it.kind = LaidItem::Kind::text;
                        it.run = LaidRun{ImVec2(x, y), f, size, rs, std::move(piece), r.href, pw};
                        line.push_back(std::move(it));
                    }
                    x += pw;
                    line_h = std::max(line_h, size);
                };
                // A word wider than a whole line (a long URL, or text with no
                // spaces) is cut where the line ends, so no line runs off the
                // screen, and no single draw emits more glyphs than fit.
                while (x + w > x1 && !word.empty()) {
                    const char* rest = nullptr;
                    const char* b = word.c_str();
                    f->CalcTextSizeA(size, x1 - x, 0, b, b + word.size(), &rest);
                    std::size_t cut = static_cast<std::size_t>(rest - b);
                    if (cut == 0 && line.empty()) {  // not even one character fits: take one anyway
                        cut = 1;
                        while (cut < word.size() && (static_cast<unsigned char>(word[cut]) & 0xC0) == 0x80) ++cut;
                    }
                    if (cut > 0) {
                        std::string head = word.substr(0, cut);
                        place(head, f->CalcTextSizeA(size, FLT_MAX, 0, head.c_str()).x);
                        word.erase(0, cut);
                    }
                    flush_line();
                    w = f->CalcTextSizeA(size, FLT_MAX, 0, word.c_str()).x;
                }
                if (!word.empty()) place(std::move(word), w);
                i = j;
            }
        }
        if (!line.empty()) flush_line();
        return y;
    }
};

} // namespace

MdLayout layout_markdown(const MdDocument& doc, float width, const LayoutStyle& st) {
    MdLayout out;
    out.width = width;
    Builder b{st, out};
    const float s = st.scale;
    const float gap = st.paragraph_gap * s;
    float y = 0;
    for (const auto& blk : doc.blocks) {
        switch (blk.kind) {
        case MdBlock::Kind::heading: {
            ImFont* f = blk.level <= 1 ? (st.title ? st.title : st.bold) : (st.heading ? st.heading : st.bold);
            y += gap * 0.5f;
            std::string title;
            for (auto& r : blk.runs) title += r.text;
            out.outline.push_back(OutlineEntry{blk.level, title, y});
            y = b.wrap(blk.runs, 0, width, y, f, f->FontSize, RunStyle::bold);
            y += gap * 0.3f;
            break;
        }
        case MdBlock::Kind::paragraph:
        case MdBlock::Kind::code:
            y = b.wrap(blk.runs, 0, width, y, nullptr, 0) + gap * 0.5f;
            break;
        case MdBlock::Kind::quote: {
            float indent = 18 * s * static_cast<float>(std::max(1, blk.level));
            float y0 = y;
            y = b.wrap(blk.runs, indent, width, y, nullptr, 0, RunStyle::italic);
            LaidItem bar;
            bar.kind = LaidItem::Kind::quote_bar;
            bar.p0 = ImVec2(indent - 12 * s, y0);
            bar.p1 = ImVec2(indent - 8 * s, y - 4 * s);
            bar.y0 = y0;
            bar.y1 = y;
            out.items.push_back(bar);
            y += gap * 0.5f;
            break;
        }
        case MdBlock::Kind::list_item: {
            float indent = 28 * s * static_cast<float>(blk.level);
            LaidItem bullet;
            bullet.kind = LaidItem::Kind::bullet;
            bullet.run = LaidRun{ImVec2(indent - 22 * s, y), st.body, st.body->FontSize, RunStyle::normal, blk.bullet, "", 0};
            bullet.y0 = y;
            bullet.y1 = y + st.body->FontSize;
            out.items.push_back(bullet);
            y = b.wrap(blk.runs, indent, width, y, nullptr, 0) + gap * 0.2f;
            break;
        }
        case MdBlock::Kind::rule: {
            LaidItem r;
            r.kind = LaidItem::Kind::rule;
            r.p0 = ImVec2(0, y + gap * 0.5f);
            r.p1 = ImVec2(width, y + gap * 0.5f + 1);
            r.y0 = y;
            r.y1 = y + gap;
            out.items.push_back(r);
            y += gap;
            break;
        }
        case MdBlock::Kind::image: {
            ImVec2 sz = st.image_size ? st.image_size(blk.target) : ImVec2(0, 0);
            if (sz.x <= 0 || sz.y <= 0) sz = ImVec2(width * 0.5f, width * 0.25f);
            float w = std::min(width, sz.x * s), h = sz.y * (w / sz.x);
            LaidItem it;
            it.kind = LaidItem::Kind::image;
            it.p0 = ImVec2(0, y);
            it.p1 = ImVec2(w, y + h);
            it.y0 = y;
            it.y1 = y + h;
            it.target = blk.target;
            it.alt = blk.alt;
            out.items.push_back(it);
            y += h + gap;
            break;
        }
        case MdBlock::Kind::embed: {
            float h = st.embed_height ? st.embed_height(blk.target, width) : 140 * s;
            LaidItem it;
            it.kind = LaidItem::Kind::embed;
            it.p0 = ImVec2(0, y);
            it.p1 = ImVec2(width, y + h);
            it.y0 = y;
            it.y1 = y + h;
            it.target = blk.target;
            out.items.push_back(it);
            y += h + gap;
            break;
        }
        case MdBlock::Kind::table: {
            std::size_t cols = 0;
            for (auto& r : blk.rows) cols = std::max(cols, r.size());
            if (cols == 0) break;
            float cw = width / static_cast<float>(cols);
            float pad = 8 * s;
            float top = y;
            for (std::size_t ri = 0; ri < blk.rows.size(); ++ri) {
                float row_top = y, row_bottom = y;
                for (std::size_t c = 0; c < blk.rows[ri].size(); ++c) {
                    float cy = b.wrap(blk.rows[ri][c], cw * static_cast<float>(c) + pad, cw * static_cast<float>(c + 1) - pad, row_top + pad, nullptr, 0,
                                      ri == 0 ? RunStyle::bold : RunStyle::normal);
                    row_bottom = std::max(row_bottom, cy + pad * 0.5f);
                }
                LaidItem border;
                border.kind = LaidItem::Kind::cell_border;
                border.p0 = ImVec2(0, row_top);
                border.p1 = ImVec2(width, row_bottom);
                border.y0 = row_top;
                border.y1 = row_bottom;
                out.items.push_back(border);
                y = row_bottom;
            }
            for (std::size_t c = 1; c < cols; ++c) {
                LaidItem v;
                v.kind = LaidItem::Kind::rule;
                v.p0 = ImVec2(cw * static_cast<float>(c), top);
                v.p1 = ImVec2(cw * static_cast<float>(c) + 1, y);
                v.y0 = top;
                v.y1 = y;
                out.items.push_back(v);
            }
            y += gap;
            break;
        }
        }
    }
    out.height = y;
    std::stable_sort(out.items.begin(), out.items.end(), [](const LaidItem& a, const LaidItem& b2) { return a.y0 < b2.y0; });
    // plain_to_item indexes were taken before sorting; rebuild them by y order.
    // Text items keep their relative order (stable sort, same y per line), so
    // re-derive the mapping by walking items.
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
            ImVec2 pos(origin.x + it->run.pos.x, origin.y + it->run.pos.y);
            ImU32 col = ImGui::GetColorU32(it->run.href.empty() ? p.text : p.link);
            if (!hooks.highlights.empty() && it->kind == LaidItem::Kind::text) {
                if (auto start = item_plain_start(item_index)) {
                    std::size_t s0 = *start, s1 = s0 + it->run.text.size();
                    for (auto& [h0, h1] : hooks.highlights) {
                        if (h1 <= s0 || h0 >= s1) continue;
                        std::size_t a = std::max(h0, s0) - s0, b = std::min(h1, s1) - s0;
                        float xa = it->run.font->CalcTextSizeA(it->run.size, FLT_MAX, 0, it->run.text.c_str(), it->run.text.c_str() + a).x;
                        float xb = it->run.font->CalcTextSizeA(it->run.size, FLT_MAX, 0, it->run.text.c_str(), it->run.text.c_str() + b).x;
                        dl->AddRectFilled(ImVec2(pos.x + xa, pos.y), ImVec2(pos.x + xb, pos.y + it->run.size), ImGui::GetColorU32(p.highlight_bg));
                        if (ctx.theme == Theme::high_contrast) col = ImGui::GetColorU32(p.text);
                    }
                }
            }
            draw_text(dl, it->run.font, it->run.size, pos, col, it->run.text);  // notes markers for the screen's key
            if (!it->run.href.empty()) {
                dl->AddLine(ImVec2(pos.x, pos.y + it->run.size), ImVec2(pos.x + it->run.width, pos.y + it->run.size), col, 1.5f * ctx.scale);
                ImVec2 a = pos, b(pos.x + it->run.width, pos.y + it->run.size);
                if (ImGui::IsMouseHoveringRect(a, b) && ImGui::IsWindowHovered()) {
                    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
                    if (ImGui::IsMouseReleased(0) && !dragged() && hooks.on_link) hooks.on_link(it->run.href);
                }
            }
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
    if (width != laid_width || ctx.scale != laid_scale) {
        layout = layout_markdown(doc, std::max(100.0f, width), style);
        laid_width = width;
        laid_scale = ctx.scale;
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
