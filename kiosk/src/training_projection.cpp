// The projector's picture of a presenter session (also the trainer's preview
// of it); see training_shared.hpp. Drawn with the window's draw list only:
// there is nothing on it to press.
#include "kiosk/doc_hooks.hpp"
#include "kiosk/marker_key.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/training_shared.hpp"

#include <algorithm>
#include <cfloat>
#include <string>
#include <vector>

namespace kiosk {
namespace {

// Draws `text` wrapped to `width` at `pos`, a line at a time (so tests can
// read it); returns the height used.
float wrapped(ImDrawList* dl, ImFont* f, float size, ImVec2 pos, float width, ImU32 col, std::string_view text) {
    const float scale = size / f->FontSize, line_h = size * 1.2f;
    float y = pos.y;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t nl = text.find('\n', start);
        std::string_view para = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
        const char* b = para.data();
        const char* e = b + para.size();
        if (b == e) y += line_h;
        while (b < e) {
            const char* end = f->CalcWordWrapPositionA(scale, b, e, width);
            if (end <= b) {  // one word wider than the line: cut it at a character
                end = b + 1;
                while (end < e && (static_cast<unsigned char>(*end) & 0xC0) == 0x80) ++end;
            }
            draw_text(dl, f, size, ImVec2(pos.x, y), col, std::string_view(b, static_cast<std::size_t>(end - b)));
            y += line_h;
            b = end;
            while (b < e && *b == ' ') ++b;
        }
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
    return y - pos.y;
}

// The sizes the images of `doc` report now (0 while still decoding): when they
// change, the slide is laid out again.
float image_signature(const MdDocument& doc, const LayoutStyle& st) {
    float sig = 0;
    for (const auto& b : doc.blocks)
        if (b.kind == MdBlock::Kind::image && st.image_size) {
            ImVec2 sz = st.image_size(b.target);
            sig += sz.x * 3 + sz.y;
        }
    return sig;
}

// Lays the body out to `width`, then, when it is taller than `height`, again
// with every image no taller than its share of the space the text leaves
// (sizes scaled together, so each keeps its aspect).
MdLayout fit_layout(const MdDocument& doc, float width, float height, LayoutStyle st) {
    MdLayout l = layout_markdown(doc, width, st);
    float images = 0;
    int n = 0;
    for (const auto& it : l.items)
        if (it.kind == LaidItem::Kind::image) {
            images += it.p1.y - it.p0.y;
            ++n;
        }
    if (l.height <= height || n == 0) return l;
    float max_h = std::max(40.0f * st.scale, (height - (l.height - images)) / static_cast<float>(n));
    auto size_of = st.image_size;
    float s = st.scale;
    st.image_size = [size_of, max_h, s](const std::string& id) {
        ImVec2 sz = size_of ? size_of(id) : ImVec2(0, 0);
        if (sz.y <= 0) return sz;
        float k = std::min(1.0f, max_h / (sz.y * s));
        return ImVec2(sz.x * k, sz.y * k);
    };
    return layout_markdown(doc, width, st);
}

// A question after "reveal": a row per option with its bar and count, the
// right answer named in words (not by colour alone), then the explanation.
float draw_tallies(const TrainingSession& s, const content::Question& q, ImVec2 pos, float width, float size, UiContext& ctx) {
    const Palette& p = palette(ctx.theme);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* f = ctx.fonts.slide ? ctx.fonts.slide : ImGui::GetFont();
    ImFont* fb = ctx.fonts.title ? ctx.fonts.title : f;
    std::vector<int> counts(q.options.size(), 0);
    if (auto it = s.tallies.find(s.slide); it != s.tallies.end())
        for (std::size_t i = 0; i < counts.size() && i < it->second.size(); ++i) counts[i] = it->second[i];
    int total = 0, most = 1;
    for (int c : counts) {
        total += c;
        most = std::max(most, c);
    }
    float label_w = width * 0.56f, bar_x = pos.x + width * 0.59f, bar_w = width * 0.30f, y = pos.y;
    for (std::size_t i = 0; i < q.options.size(); ++i) {
        bool right = static_cast<int>(i) == q.answer;
        std::string label = std::string(1, static_cast<char>('A' + i)) + ".  " + q.options[i] + (right ? "  (correct answer)" : "");
        float h = wrapped(dl, right ? fb : f, size, ImVec2(pos.x, y), label_w, ImGui::GetColorU32(right ? p.good : p.text), label);
        float bar_h = size * 0.9f;
        float len = bar_w * static_cast<float>(counts[i]) / static_cast<float>(most);
        dl->AddRect(ImVec2(bar_x, y), ImVec2(bar_x + bar_w, y + bar_h), ImGui::GetColorU32(p.border));
        if (len > 0) dl->AddRectFilled(ImVec2(bar_x, y), ImVec2(bar_x + len, y + bar_h), ImGui::GetColorU32(right ? p.good : p.chart_line));
        std::string n = std::to_string(counts[i]) + (total ? " (" + std::to_string((counts[i] * 100 + total / 2) / total) + "%)" : "");
        draw_text(dl, f, size * 0.85f, ImVec2(bar_x + bar_w + size * 0.3f, y), ImGui::GetColorU32(p.text), n);
        y += std::max(h, bar_h) + size * 0.35f;
    }
    y += size * 0.3f;
    std::string expl = "Answer: " + std::string(1, static_cast<char>('A' + q.answer)) + ". " + q.explanation;
    y += wrapped(dl, f, size * 0.85f, ImVec2(pos.x, y), width, ImGui::GetColorU32(p.text), expl);
    return y - pos.y;
}

} // namespace

void draw_projection(const TrainingSession& s, ImVec2 p0, ImVec2 size, UiContext& ctx, ProjectionCache& cache) {
    const Palette& p = palette(ctx.theme);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 p1(p0.x + size.x, p0.y + size.y);
    dl->PushClipRect(p0, p1, true);
    if (s.blank != Blank::none) {  // blanked: nothing else, not even the number
        dl->AddRectFilled(p0, p1, s.blank == Blank::white ? IM_COL32(255, 255, 255, 255) : IM_COL32(0, 0, 0, 255));
        dl->PopClipRect();
        return;
    }
    dl->AddRectFilled(p0, p1, ImGui::GetColorU32(p.background));
    const content::Slide* sl = s.current();
    if (!sl) {
        dl->PopClipRect();
        return;
    }
    ImFont* tf = ctx.fonts.title ? ctx.fonts.title : ImGui::GetFont();
    ImFont* bf = ctx.fonts.slide ? ctx.fonts.slide : ImGui::GetFont();
    const float margin = size.x * 0.045f, width = size.x - 2 * margin;
    // At least 5% of the screen's height (and, in a small preview, still above the slide's text).
    const float body_px = ctx.fonts.body ? ctx.fonts.body->FontSize : 13.0f;
    const float title_px = std::max(size.y * 0.06f, sl->question ? body_px * 1.3f : bf->FontSize * 1.15f);
    const float number_px = std::max(size.y * 0.035f, 12.0f);
    const float bottom = p1.y - number_px - size.y * 0.04f;
    float y = p0.y + size.y * 0.05f;
    y += wrapped(dl, tf, title_px, ImVec2(p0.x + margin, y), width, ImGui::GetColorU32(p.text), sl->title) + title_px * 0.35f;
    if (sl->question) {
        const auto& q = *sl->question;
        const float qs = std::max(size.y * 0.045f, body_px);
        y += wrapped(dl, tf, qs, ImVec2(p0.x + margin, y), width, ImGui::GetColorU32(p.text), q.prompt) + qs * 0.5f;
        if (s.is_revealed()) {
            draw_tallies(s, q, ImVec2(p0.x + margin, y), width, qs * 0.9f, ctx);
        } else {
            for (std::size_t i = 0; i < q.options.size(); ++i)
                y += wrapped(dl, bf, qs * 0.9f, ImVec2(p0.x + margin, y), width, ImGui::GetColorU32(p.text),
                             std::string(1, static_cast<char>('A' + i)) + ".  " + q.options[i]) +
                     qs * 0.3f;
        }
    } else {
        LayoutStyle st = layout_style(ctx, DocSize::projection);
        const float height = std::max(40.0f, bottom - y);
        if (cache.slide != sl) {
            cache = ProjectionCache{};
            cache.doc = parse_markdown(sl->body_md);
            cache.slide = sl;
        }
        float sig = image_signature(cache.doc, st);
        if (cache.width != width || cache.height != height || cache.scale != ctx.scale || cache.fonts != ctx.fonts.generation || cache.images != sig) {
            cache.layout = fit_layout(cache.doc, width, height, st);
            cache.width = width;
            cache.height = height;
            cache.scale = ctx.scale;
            cache.fonts = ctx.fonts.generation;
            cache.images = sig;
        }
        static NavRequest ignored;  // nothing on the projection takes input
        dl->PushClipRect(ImVec2(p0.x, y), ImVec2(p1.x, bottom), true);
        DrawHooks hooks = content_hooks(ctx, ignored, ctx.catalog ? ctx.catalog->area_id() : "");
        hooks.on_link = nullptr;
        UiContext* c = &ctx;
        hooks.draw_image = [c](const std::string& id, const std::string& alt, ImVec2 a, ImVec2 b) {  // no tooltip: nothing here is pointed at
            int w = 0, h = 0;
            ImTextureID tex = c->textures ? c->textures->texture(id, w, h) : nullptr;
            ImDrawList* d = ImGui::GetWindowDrawList();
            if (tex) d->AddImage(tex, a, b);
            else {
                d->AddRect(a, b, ImGui::GetColorU32(palette(c->theme).border));
                draw_text(d, ImVec2(a.x + 8, a.y + 8), ImGui::GetColorU32(palette(c->theme).text_muted), "Image: " + alt);
            }
        };
        draw_layout(cache.layout, ImVec2(p0.x + margin, y), 0, height, ctx, hooks);
        dl->PopClipRect();
    }
    cache.title_px = title_px;
    std::string number = std::to_string(s.slide + 1);
    ImVec2 nsz = bf->CalcTextSizeA(number_px, FLT_MAX, 0, number.c_str());
    draw_text(dl, bf, number_px, ImVec2(p1.x - margin - nsz.x, p1.y - number_px - size.y * 0.025f), ImGui::GetColorU32(p.text_muted), number);
    dl->PopClipRect();
}

void draw_projection_thumbnail(const TrainingSession& s, ImVec2 p0, ImVec2 size, ImVec2 screen, UiContext& ctx, ProjectionCache& cache) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float zoom = std::min(size.x / screen.x, size.y / screen.y);
    const ImVec4 clip = dl->_ClipRectStack.back();
    const int vtx0 = dl->VtxBuffer.Size;
    // The first command that will hold the picture: PushClipRect reuses an empty last command.
    const int first = dl->CmdBuffer.Size > 0 && dl->CmdBuffer.back().ElemCount == 0 ? dl->CmdBuffer.Size - 1 : dl->CmdBuffer.Size;
    dl->PushClipRect(p0, ImVec2(p0.x + screen.x, p0.y + screen.y), false);  // drawn at full size: nothing culled
    draw_projection(s, p0, screen, ctx, cache);
    dl->PopClipRect();
    for (int i = vtx0; i < dl->VtxBuffer.Size; ++i) {
        ImVec2& v = dl->VtxBuffer[i].pos;
        v = ImVec2(p0.x + (v.x - p0.x) * zoom, p0.y + (v.y - p0.y) * zoom);
    }
    // Those commands clip to the thumbnail (within the window); PopClipRect's
    // fresh, empty command keeps the window's clip.
    int last = dl->CmdBuffer.Size;
    if (last > first && dl->CmdBuffer[last - 1].ElemCount == 0) --last;
    const ImVec4 box(std::max(clip.x, p0.x), std::max(clip.y, p0.y), std::min(clip.z, p0.x + size.x), std::min(clip.w, p0.y + size.y));
    for (int i = first; i < last; ++i) dl->CmdBuffer[i].ClipRect = box;
}

} // namespace kiosk
