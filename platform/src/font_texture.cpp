// One-byte-a-pixel font atlas upload; see font_texture.hpp.
#include "font_texture.hpp"

#include <GL/gl.h>
#include <imgui.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

#ifndef GL_R8
#define GL_R8 0x8229
#endif
#ifndef GL_RED
#define GL_RED 0x1903
#endif
#ifndef GL_TEXTURE_SWIZZLE_RGBA
#define GL_TEXTURE_SWIZZLE_RGBA 0x8E46
#endif

namespace platform {
namespace {

thread_local FontTextureFormat t_last = FontTextureFormat::none;

// GL 3.3 and later have texture swizzles; before that, the extension does.
bool has_swizzle() {
    const char* v = reinterpret_cast<const char*>(glGetString(GL_VERSION));
    int major = 0, minor = 0;
    if (v && std::sscanf(v, "%d.%d", &major, &minor) == 2 && (major > 3 || (major == 3 && minor >= 3))) return true;
    const char* ext = reinterpret_cast<const char*>(glGetString(GL_EXTENSIONS));
    return ext && std::strstr(ext, "GL_ARB_texture_swizzle");
}

// Makes and binds a texture with linear filtering. Returns its name.
GLuint new_texture() {
    GLuint id = 0;
    glGenTextures(1, &id);
    glBindTexture(GL_TEXTURE_2D, id);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    return id;
}

// Uploads in `format`. Returns false (and leaves nothing bound) if GL refused.
bool try_upload(FontTextureFormat format, const unsigned char* px, int w, int h) {
    while (glGetError() != GL_NO_ERROR) {}
    switch (format) {
    case FontTextureFormat::alpha8: glTexImage2D(GL_TEXTURE_2D, 0, GL_ALPHA, w, h, 0, GL_ALPHA, GL_UNSIGNED_BYTE, px); break;
    case FontTextureFormat::red8_swizzled: {
        glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, w, h, 0, GL_RED, GL_UNSIGNED_BYTE, px);
        const GLint swizzle[4] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};
        glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, swizzle);
        break;
    }
    case FontTextureFormat::rgba32: {
        std::vector<std::uint32_t> rgba(static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
        for (std::size_t i = 0; i < rgba.size(); ++i) rgba[i] = 0x00FFFFFFu | (static_cast<std::uint32_t>(px[i]) << 24);  // little-endian RGBA
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
        break;
    }
    case FontTextureFormat::none: return false;
    }
    return glGetError() == GL_NO_ERROR;
}

} // namespace

FontTextureFormat upload_font_texture(GlProfile profile) {
    ImGuiIO& io = ImGui::GetIO();
    unsigned char* px = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsAlpha8(&px, &w, &h);
    if (!px) return t_last = FontTextureFormat::none;
    GLint last = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &last);
    std::vector<FontTextureFormat> order;
    if (profile == GlProfile::gl2) order.push_back(FontTextureFormat::alpha8);
    else if (has_swizzle()) order.push_back(FontTextureFormat::red8_swizzled);
    order.push_back(FontTextureFormat::rgba32);
    FontTextureFormat used = FontTextureFormat::none;
    for (auto f : order) {
        GLuint id = new_texture();
        if (try_upload(f, px, w, h)) {
            io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(id)));
            used = f;
            break;
        }
        glDeleteTextures(1, &id);
    }
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(last));
    return t_last = used;
}

void destroy_font_texture() {
    ImGuiIO& io = ImGui::GetIO();
    auto id = static_cast<GLuint>(reinterpret_cast<std::intptr_t>(io.Fonts->TexID));
    if (id) glDeleteTextures(1, &id);
    io.Fonts->SetTexID(nullptr);
}

bool create_device_objects_one_channel(const GlBackend& backend) {
    ImGuiIO& io = ImGui::GetIO();
    ImFontAtlas stand_in;
    stand_in.TexPixelsRGBA32 = static_cast<unsigned int*>(IM_ALLOC(sizeof(unsigned int)));
    stand_in.TexPixelsRGBA32[0] = 0xFFFFFFFFu;
    stand_in.TexWidth = stand_in.TexHeight = 1;
    ImFontAtlas* real = io.Fonts;
    io.Fonts = &stand_in;
    bool ok = backend.create_device_objects();
    io.Fonts = real;
    // The backend keeps the stand-in's 1x1 texture as its own (its NewFrame
    // would otherwise make one again from the real atlas, in RGBA).
    return ok && upload_font_texture(backend.profile()) != FontTextureFormat::none;
}

const char* last_font_texture_format() {
    switch (t_last) {
    case FontTextureFormat::alpha8: return "alpha8";
    case FontTextureFormat::red8_swizzled: return "red8 swizzled";
    case FontTextureFormat::rgba32: return "rgba32";
    case FontTextureFormat::none: break;
    }
    return "none";
}

} // namespace platform
