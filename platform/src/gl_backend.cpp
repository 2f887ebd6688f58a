// The two ImGui renderer backends behind one interface; see gl_backend.hpp.
#include "gl_backend.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_opengl2.h>
#include <backends/imgui_impl_opengl3.h>

namespace platform {
namespace {

class Gl3Backend final : public GlBackend {
public:
    GlProfile profile() const override { return GlProfile::gl3; }
    const char* name() const override { return "opengl3"; }
    bool init() const override { return ImGui_ImplOpenGL3_Init("#version 130"); }
    bool create_device_objects() const override { return ImGui_ImplOpenGL3_CreateDeviceObjects(); }
    void new_frame() const override { ImGui_ImplOpenGL3_NewFrame(); }
    void render(ImDrawData* data) const override { ImGui_ImplOpenGL3_RenderDrawData(data); }
    void shutdown() const override { ImGui_ImplOpenGL3_Shutdown(); }
};

class Gl2Backend final : public GlBackend {
public:
    GlProfile profile() const override { return GlProfile::gl2; }
    const char* name() const override { return "opengl2"; }
    bool init() const override { return ImGui_ImplOpenGL2_Init(); }
    bool create_device_objects() const override { return ImGui_ImplOpenGL2_CreateDeviceObjects(); }
    void new_frame() const override { ImGui_ImplOpenGL2_NewFrame(); }
    void render(ImDrawData* data) const override { ImGui_ImplOpenGL2_RenderDrawData(data); }
    void shutdown() const override { ImGui_ImplOpenGL2_Shutdown(); }
};

std::string gl_string(GLenum name) {
    const auto* s = reinterpret_cast<const char*>(glGetString(name));
    return s ? s : "unknown";
}

} // namespace

void gl_context_hints(GlProfile profile) {
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, profile == GlProfile::gl3 ? 3 : 2);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, profile == GlProfile::gl3 ? 0 : 1);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_ANY_PROFILE);
}

const GlBackend& gl_backend(GlProfile profile) {
    static const Gl3Backend gl3;
    static const Gl2Backend gl2;
    if (profile == GlProfile::gl3) return gl3;
    return gl2;
}

std::string GlInfo::describe() const { return "OpenGL " + version + " (" + renderer + "), ImGui backend " + backend; }

GlInfo query_gl_info(const GlBackend& backend) { return GlInfo{gl_string(GL_VERSION), gl_string(GL_RENDERER), backend.name()}; }

} // namespace platform
