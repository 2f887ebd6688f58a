// Screenshot mode; see screenshot.hpp.
#include "screenshot.hpp"
#include "fonts.hpp"
#include "soft_renderer.hpp"
#include "texture_cache.hpp"

#include "kiosk/theme.hpp"

#include <stb_image_write.h>

#include <iostream>

namespace platform {
namespace {

// Builds the fonts for the stored text size and hands the atlas's pixels to
// the software renderer as a texture.
void setup_fonts(Session& s, SoftRenderer& soft, SoftImage& atlas) {
    ImGuiIO& io = ImGui::GetIO();
    float scale = s.wanted_scale();
    build_fonts(*io.Fonts, scale, s.ctx.fonts);
    io.FontDefault = s.ctx.fonts.body;
    unsigned char* px = nullptr;
    io.Fonts->GetTexDataAsRGBA32(&px, &atlas.width, &atlas.height);
    atlas.rgba.assign(px, px + static_cast<std::size_t>(atlas.width) * static_cast<std::size_t>(atlas.height) * 4);
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(&atlas));
    soft.set_texture(reinterpret_cast<ImTextureID>(&atlas), &atlas);
    s.ctx.scale = scale;
    s.ctx.theme = s.shell.theme;
    kiosk::apply_theme(s.shell.theme, scale);
}

void print_unknown_view(const std::string& view) {
    std::cerr << "E_NOT_FOUND: there is no view '" << view << "' with the installed content. Views: ";
    for (auto& n : kiosk::Shell::view_names()) std::cerr << n << " ";
    std::cerr << "\n";
}

} // namespace

int take_screenshot(Session& s, const Options& o, const HostEnv& env) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(static_cast<float>(o.width), static_cast<float>(o.height));
    io.DeltaTime = 1.0f / 60.0f;
    SoftRenderer soft;
    TextureCache textures(TextureBackend::soft, 256ull << 20, nullptr, &soft);
    textures.set_catalog(&s.catalog);
    s.ctx.textures = &textures;
    s.ctx.now = env.now() + s.clock_offset;
    s.ctx.graphics = "software renderer (screenshot mode)";
    s.apply_settings(o.text_percent);
    s.body_em = kiosk::body_em_px(kiosk::ScreenMetrics{o.width, o.height, 0, 0});
    SoftImage atlas;
    setup_fonts(s, soft, atlas);
    if (!s.shell.go(o.view, s.ctx)) {
        print_unknown_view(o.view);
        ImGui::DestroyContext();
        return 1;
    }
    // A few frames so that layout, auto-sized windows and images settle.
    for (int i = 0; i < 4; ++i) {
        ImGui::NewFrame();
        s.shell.frame(s.ctx);
        ImGui::Render();
    }
    SoftImage img = soft.render(ImGui::GetDrawData(), o.width, o.height, kiosk::palette(s.shell.theme).background);
    ImGui::DestroyContext();
    if (!stbi_write_png(o.screenshot_path.c_str(), img.width, img.height, 4, img.rgba.data(), img.width * 4)) {
        std::cerr << "E_IO: could not write " << o.screenshot_path << ".\n";
        return 1;
    }
    std::cout << "wrote " << o.screenshot_path << " (" << o.width << "x" << o.height << ", view " << o.view << ")\n";
    return 0;
}

} // namespace platform
