// Why this file exists: the kiosk must run on a desktop with OpenGL 3 and on a
// Raspberry Pi 4, whose Mesa driver (v3d, Debian 12) offers desktop OpenGL 2.1
// only. Dear ImGui has a renderer for each (imgui_impl_opengl3 needs desktop
// GL 3; imgui_impl_opengl2 draws with the fixed pipeline of GL 2.1). The main
// window and the audience window choose one through this small interface, so
// neither names a backend. Every GL call the platform makes itself (texture
// upload, viewport, clear, strings) is GL 1.1 and works on both.
#pragma once
#include <memory>
#include <string>

struct ImDrawData;

namespace platform {

enum class GlProfile { gl3, gl2 };

// Sets GLFW's context hints for `profile` (3.0 or 2.1, no core profile).
// Main thread, after glfwInit; the audience window calls it again so that its
// context matches the one it shares objects with.
void gl_context_hints(GlProfile profile);

// One ImGui renderer backend. Every member works on the current ImGui context
// and the current GL context, on the main thread only. The objects are
// stateless (ImGui keeps backend data per ImGui context), so one instance
// serves both windows.
class GlBackend {
public:
    virtual ~GlBackend() = default;
    [[nodiscard]] virtual GlProfile profile() const = 0;
    // "opengl3" or "opengl2", as logged and shown on the admin screen.
    [[nodiscard]] virtual const char* name() const = 0;
    // Binds the backend to the current ImGui context. Returns false when the
    // GL context cannot run it (opengl3 on a GL 2.1 context).
    [[nodiscard]] virtual bool init() const = 0;
    // Shaders (opengl3) and a font texture from io.Fonts, in RGBA. Called
    // through create_device_objects_one_channel (font_texture.hpp), which
    // gives it a 1x1 stand-in atlas and uploads the real one itself.
    [[nodiscard]] virtual bool create_device_objects() const = 0;
    virtual void new_frame() const = 0;
    virtual void render(ImDrawData* data) const = 0;
    virtual void shutdown() const = 0;
};

// The backend for a context made with gl_context_hints(profile).
[[nodiscard]] const GlBackend& gl_backend(GlProfile profile);

// What the current GL context is, for the log and the admin screen.
struct GlInfo {
    std::string version;   // GL_VERSION, e.g. "2.1 Mesa 22.3.6"
    std::string renderer;  // GL_RENDERER, e.g. "V3D 4.2" or "llvmpipe (...)"
    std::string backend;   // "opengl3" or "opengl2"
    // "OpenGL 2.1 Mesa 22.3.6 (V3D 4.2), ImGui backend opengl2"
    [[nodiscard]] std::string describe() const;
};

// Reads GL_VERSION and GL_RENDERER from the current GL context (main thread).
[[nodiscard]] GlInfo query_gl_info(const GlBackend& backend);

} // namespace platform
