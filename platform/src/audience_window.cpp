// The projector window for presenter mode; see audience_window.hpp.
#include "audience_window.hpp"
#include "fonts.hpp"

#include "kiosk/theme.hpp"
#include "kiosk/training_shared.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

namespace platform {

std::unique_ptr<AudienceWindow> AudienceWindow::open(GLFWwindow* share, GLFWmonitor* monitor, float scale, kiosk::Theme theme) {
    ImGuiContext* previous = ImGui::GetCurrentContext();
    int w = 1280, h = 720;
    if (monitor) {
        const GLFWvidmode* mode = glfwGetVideoMode(monitor);
        w = mode->width;
        h = mode->height;
    }
    glfwWindowHint(GLFW_DECORATED, monitor ? GLFW_FALSE : GLFW_TRUE);
    GLFWwindow* win = glfwCreateWindow(w, h, "Member briefing kiosk: audience", monitor, share);
    glfwWindowHint(GLFW_DECORATED, GLFW_TRUE);
    if (!win) return nullptr;
    std::unique_ptr<AudienceWindow> a(new AudienceWindow());
    a->m_window = win;
    a->m_theme = theme;
    a->m_scale = scale;
    glfwMakeContextCurrent(win);
    glfwSwapInterval(1);
    a->m_imgui = ImGui::CreateContext();
    ImGui::SetCurrentContext(a->m_imgui);
    ImGui::GetIO().IniFilename = nullptr;
    ImGui_ImplGlfw_InitForOpenGL(win, false);  // the audience screen takes no input
    ImGui_ImplOpenGL3_Init("#version 130");
    build_fonts(*ImGui::GetIO().Fonts, scale * 1.3f, a->m_fonts);  // projection: larger type
    ImGui::GetIO().FontDefault = a->m_fonts.body;
    ImGui_ImplOpenGL3_CreateDeviceObjects();
    ImGui::GetIO().Fonts->ClearTexData();
    kiosk::apply_theme(theme, scale * 1.3f);
    ImGui::SetCurrentContext(previous);
    glfwMakeContextCurrent(share);
    return a;
}

AudienceWindow::~AudienceWindow() {
    GLFWwindow* previous_window = glfwGetCurrentContext();
    ImGuiContext* previous = ImGui::GetCurrentContext();
    glfwMakeContextCurrent(m_window);
    ImGui::SetCurrentContext(m_imgui);
    ImGui_ImplOpenGL3_Shutdown();
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
    ImGui_ImplOpenGL3_NewFrame();
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
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    glfwSwapBuffers(m_window);
    ImGui::SetCurrentContext(previous);
    glfwMakeContextCurrent(main);
}

} // namespace platform
