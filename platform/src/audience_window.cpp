// The projector window for presenter mode; see audience_window.hpp.
#include "audience_window.hpp"
#include "font_texture.hpp"
#include "fonts.hpp"

#include "kiosk/theme.hpp"
#include "kiosk/training_shared.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>

#include <cstdio>

namespace platform {
namespace {

GLFWwindow* create_window(GLFWwindow* share, GLFWmonitor* monitor, GlProfile profile) {
    int w = 1280, h = 720;
    if (!monitor && share) glfwGetWindowSize(share, &w, &h);  // one screen (tests): the main window's size
    if (monitor) {
        const GLFWvidmode* mode = glfwGetVideoMode(monitor);
        w = mode->width;
        h = mode->height;
    }
    gl_context_hints(profile);
    glfwWindowHint(GLFW_DECORATED, monitor ? GLFW_FALSE : GLFW_TRUE);
    GLFWwindow* win = glfwCreateWindow(w, h, "Member briefing kiosk: audience", monitor, share);
    glfwWindowHint(GLFW_DECORATED, GLFW_TRUE);
    return win;
}

} // namespace

std::unique_ptr<AudienceWindow> AudienceWindow::open(GLFWwindow* share, GLFWmonitor* monitor, const GlBackend& backend, float scale, kiosk::Theme theme) {
    GLFWwindow* win = create_window(share, monitor, backend.profile());
    if (!win) return nullptr;
    ImGuiContext* previous = ImGui::GetCurrentContext();
    std::unique_ptr<AudienceWindow> a(new AudienceWindow(backend));
    a->m_window = win;
    a->m_theme = theme;
    a->m_scale = scale;
    glfwMakeContextCurrent(win);
    glfwSwapInterval(1);
    a->m_imgui = ImGui::CreateContext();
    ImGui::SetCurrentContext(a->m_imgui);
    ImGui::GetIO().IniFilename = nullptr;
    ImGui_ImplGlfw_InitForOpenGL(win, false);  // the audience screen takes no input
    bool ok = backend.init();
    if (ok) {
        build_fonts(*ImGui::GetIO().Fonts, scale * 1.3f, a->m_fonts);  // projection: larger type
        ImGui::GetIO().FontDefault = a->m_fonts.body;
        ok = create_device_objects_one_channel(backend);
        ImGui::GetIO().Fonts->ClearTexData();
        kiosk::apply_theme(theme, scale * 1.3f);
    }
    ImGui::SetCurrentContext(previous);
    glfwMakeContextCurrent(share);
    if (!ok) std::fprintf(stderr, "graphics: the audience window's %s renderer did not start\n", backend.name());
    return ok ? std::move(a) : nullptr;  // on failure the destructor undoes the rest
}

AudienceWindow::~AudienceWindow() {
    GLFWwindow* previous_window = glfwGetCurrentContext();
    ImGuiContext* previous = ImGui::GetCurrentContext();
    glfwMakeContextCurrent(m_window);
    ImGui::SetCurrentContext(m_imgui);
    if (ImGui::GetIO().BackendRendererUserData) {
        destroy_font_texture();
        m_backend.shutdown();
    }
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext(m_imgui);
    ImGui::SetCurrentContext(previous);
    glfwDestroyWindow(m_window);
    glfwMakeContextCurrent(previous_window);
}

void AudienceWindow::draw(kiosk::UiContext base, GLFWwindow* main) {
    ImGuiContext* previous = ImGui::GetCurrentContext();
    glfwMakeContextCurrent(m_window);
    ImGui::SetCurrentContext(m_imgui);
    base.fonts = m_fonts;
    base.scale = m_scale * 1.3f;
    base.theme = m_theme;
    base.services = nullptr;
    m_backend.new_frame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    kiosk::draw_audience_screen(base);
    ImGui::Render();
    int fw = 0, fh = 0;
    glfwGetFramebufferSize(m_window, &fw, &fh);
    glViewport(0, 0, fw, fh);
    const kiosk::Palette& p = kiosk::palette(m_theme);
    glClearColor(p.background.x, p.background.y, p.background.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    m_backend.render(ImGui::GetDrawData());
    glfwSwapBuffers(m_window);
    ImGui::SetCurrentContext(previous);
    glfwMakeContextCurrent(main);
}

} // namespace platform
