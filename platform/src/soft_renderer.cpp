// CPU rasteriser for ImGui draw data; see soft_renderer.hpp.
#include "soft_renderer.hpp"

#include <algorithm>
#include <cmath>

namespace platform {
namespace {

struct Colour {
    float r, g, b, a;
};

Colour unpack(ImU32 c) {
    return {static_cast<float>((c >> IM_COL32_R_SHIFT) & 0xFF) / 255.0f, static_cast<float>((c >> IM_COL32_G_SHIFT) & 0xFF) / 255.0f,
            static_cast<float>((c >> IM_COL32_B_SHIFT) & 0xFF) / 255.0f, static_cast<float>((c >> IM_COL32_A_SHIFT) & 0xFF) / 255.0f};
}

Colour sample(const SoftImage* t, float u, float v) {
    if (!t || t->width == 0) return {1, 1, 1, 1};
    float x = u * static_cast<float>(t->width) - 0.5f, y = v * static_cast<float>(t->height) - 0.5f;
    int x0 = static_cast<int>(std::floor(x)), y0 = static_cast<int>(std::floor(y));
    float fx = x - static_cast<float>(x0), fy = y - static_cast<float>(y0);
    auto at = [&](int xi, int yi) {
        xi = std::clamp(xi, 0, t->width - 1);
        yi = std::clamp(yi, 0, t->height - 1);
        const std::uint8_t* p = &t->rgba[(static_cast<std::size_t>(yi) * static_cast<std::size_t>(t->width) + static_cast<std::size_t>(xi)) * 4];
        return Colour{p[0] / 255.0f, p[1] / 255.0f, p[2] / 255.0f, p[3] / 255.0f};
    };
    Colour a = at(x0, y0), b = at(x0 + 1, y0), c = at(x0, y0 + 1), d = at(x0 + 1, y0 + 1);
    auto lerp = [](float p, float q, float s) { return p + (q - p) * s; };
    return {lerp(lerp(a.r, b.r, fx), lerp(c.r, d.r, fx), fy), lerp(lerp(a.g, b.g, fx), lerp(c.g, d.g, fx), fy),
            lerp(lerp(a.b, b.b, fx), lerp(c.b, d.b, fx), fy), lerp(lerp(a.a, b.a, fx), lerp(c.a, d.a, fx), fy)};
}

// Fills one textured, colour-interpolated triangle into `buf` (RGB floats,
// `w` pixels a row), blending by alpha, clipped to [cx0,cx1) x [cy0,cy1).
void raster_triangle(std::vector<float>& buf, int w, const ImDrawVert* const v[3], ImVec2 off, ImVec2 fbs, const float clip[4], const SoftImage* tex) {
    const float cx0 = clip[0], cy0 = clip[1], cx1 = clip[2], cy1 = clip[3];
    float x[3], y[3];
    for (int k = 0; k < 3; ++k) {
        x[k] = (v[k]->pos.x - off.x) * fbs.x;
        y[k] = (v[k]->pos.y - off.y) * fbs.y;
    }
    float area = (x[1] - x[0]) * (y[2] - y[0]) - (x[2] - x[0]) * (y[1] - y[0]);
    if (std::fabs(area) < 1e-6f) return;
    int bx0 = static_cast<int>(std::max(cx0, std::floor(std::min({x[0], x[1], x[2]}))));
    int by0 = static_cast<int>(std::max(cy0, std::floor(std::min({y[0], y[1], y[2]}))));
    int bx1 = static_cast<int>(std::min(cx1, std::ceil(std::max({x[0], x[1], x[2]}))));
    int by1 = static_cast<int>(std::min(cy1, std::ceil(std::max({y[0], y[1], y[2]}))));
    Colour c[3] = {unpack(v[0]->col), unpack(v[1]->col), unpack(v[2]->col)};
    bool flat = v[0]->col == v[1]->col && v[1]->col == v[2]->col;
    for (int py = by0; py < by1; ++py) {
        float fy = static_cast<float>(py) + 0.5f;
        for (int px = bx0; px < bx1; ++px) {
            float fx = static_cast<float>(px) + 0.5f;
            float w0 = ((x[1] - fx) * (y[2] - fy) - (x[2] - fx) * (y[1] - fy)) / area;
            float w1 = ((x[2] - fx) * (y[0] - fy) - (x[0] - fx) * (y[2] - fy)) / area;
            float w2 = 1.0f - w0 - w1;
            if (w0 < 0 || w1 < 0 || w2 < 0) continue;
            Colour col = flat ? c[0]
                              : Colour{w0 * c[0].r + w1 * c[1].r + w2 * c[2].r, w0 * c[0].g + w1 * c[1].g + w2 * c[2].g,
                                       w0 * c[0].b + w1 * c[1].b + w2 * c[2].b, w0 * c[0].a + w1 * c[1].a + w2 * c[2].a};
            float u = w0 * v[0]->uv.x + w1 * v[1]->uv.x + w2 * v[2]->uv.x;
            float vv = w0 * v[0]->uv.y + w1 * v[1]->uv.y + w2 * v[2]->uv.y;
            Colour t = sample(tex, u, vv);
            float a = col.a * t.a;
            if (a <= 0.0f) continue;
            float* d = &buf[(static_cast<std::size_t>(py) * static_cast<std::size_t>(w) + static_cast<std::size_t>(px)) * 3];
            d[0] = col.r * t.r * a + d[0] * (1 - a);
            d[1] = col.g * t.g * a + d[1] * (1 - a);
            d[2] = col.b * t.b * a + d[2] * (1 - a);
        }
    }
}

} // namespace

SoftImage SoftRenderer::render(const ImDrawData* dd, int w, int h, ImVec4 clear) const {
    SoftImage out;
    out.width = w;
    out.height = h;
    std::vector<float> buf(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 3);
    for (std::size_t i = 0; i < buf.size(); i += 3) {
        buf[i] = clear.x;
        buf[i + 1] = clear.y;
        buf[i + 2] = clear.z;
    }
    ImVec2 off = dd->DisplayPos;
    ImVec2 fbs = dd->FramebufferScale;
    for (int n = 0; n < dd->CmdListsCount; ++n) {
        const ImDrawList* cl = dd->CmdLists[n];
        for (const ImDrawCmd& cmd : cl->CmdBuffer) {
            if (cmd.UserCallback) continue;
            auto tit = m_textures.find(cmd.GetTexID());
            const SoftImage* tex = tit == m_textures.end() ? nullptr : tit->second;
            float cx0 = std::max(0.0f, (cmd.ClipRect.x - off.x) * fbs.x), cy0 = std::max(0.0f, (cmd.ClipRect.y - off.y) * fbs.y);
            float cx1 = std::min(static_cast<float>(w), (cmd.ClipRect.z - off.x) * fbs.x), cy1 = std::min(static_cast<float>(h), (cmd.ClipRect.w - off.y) * fbs.y);
            if (cx1 <= cx0 || cy1 <= cy0) continue;
            for (unsigned int e = 0; e + 2 < cmd.ElemCount; e += 3) {
                const ImDrawVert* v[3];
                for (int k = 0; k < 3; ++k) v[k] = &cl->VtxBuffer[static_cast<int>(cmd.VtxOffset + cl->IdxBuffer[static_cast<int>(cmd.IdxOffset + e) + k])];
                const float clip[4] = {cx0, cy0, cx1, cy1};
                raster_triangle(buf, w, v, off, fbs, clip, tex);
            }
        }
    }
    out.rgba.resize(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
    for (std::size_t i = 0, j = 0; i < buf.size(); i += 3, j += 4) {
        out.rgba[j] = static_cast<std::uint8_t>(std::clamp(buf[i], 0.0f, 1.0f) * 255.0f + 0.5f);
        out.rgba[j + 1] = static_cast<std::uint8_t>(std::clamp(buf[i + 1], 0.0f, 1.0f) * 255.0f + 0.5f);
        out.rgba[j + 2] = static_cast<std::uint8_t>(std::clamp(buf[i + 2], 0.0f, 1.0f) * 255.0f + 0.5f);
        out.rgba[j + 3] = 255;
    }
    return out;
}

} // namespace platform
