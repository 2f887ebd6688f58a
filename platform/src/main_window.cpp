// The main window, its GL context and ImGui's backends; see main_window.hpp.
#include "main_window.hpp"
#include "font_texture.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <stb_image.h>

#include <cstdio>
#include <string>
#include <vector>

namespace platform {
namespace {

// Set by GLFW's callbacks, which run on the main thread inside glfwPollEvents.
bool g_input = false;
// Keys pressed since the last frame. ImGui 1.86 keeps only whether a key is
// down at NewFrame, so a press and its release read in one poll (a clicker's
// quick tap, xdotool) would be lost; begin_frame holds such a key down for
// one frame so that it counts as one press.
std::vector<int> g_pressed;
std::vector<int> g_held;  // held down by begin_frame for the last frame
void on_key(GLFWwindow*, int key, int, int action, int) {
    g_input = true;
    if (action == GLFW_PRESS && key >= 0 && key < 512) g_pressed.push_back(key);
}
void on_char(GLFWwindow*, unsigned int) { g_input = true; }
void on_mouse_button(GLFWwindow*, int, int, int) { g_input = true; }
void on_cursor(GLFWwindow*, double, double) { g_input = true; }
void on_scroll(GLFWwindow*, double, double) { g_input = true; }
void on_size(GLFWwindow*, int, int) { g_input = true; }

// GLFW's errors go to stderr, except while probing for a GL 3 context, when
// the last one is kept and printed only if the 2.1 attempt fails too.
bool g_quiet_errors = false;
std::string g_last_error;
void on_error(int, const char* description) {
    g_last_error = description ? description : "";
    if (!g_quiet_errors) std::fprintf(stderr, "display: %s\n", g_last_error.c_str());
}

// The window and taskbar icon from assets/ (skipped quietly if it is missing).
void set_window_icon(GLFWwindow* win) {
    int w = 0, h = 0, comp = 0;
    unsigned char* px = stbi_load(KIOSK_ASSETS_DIR "/icon.png", &w, &h, &comp, 4);
    if (!px) return;
    GLFWimage img{w, h, px};
    glfwSetWindowIcon(win, 1, &img);
    stbi_image_free(px);
}

void no_window_message() {
    std::fprintf(stderr, "E_NO_DISPLAY: The window could not be created (no OpenGL 3 or 2.1 support?). Use --screenshot to render without a display.\n");
}

} // namespace

std::unique_ptr<MainWindow> MainWindow::open(int width, int height, WindowMode mode, const HostEnv& env) {
    glfwSetErrorCallback(on_error);
    if (!glfwInit()) {
        std::fprintf(stderr, "E_NO_DISPLAY: No display was found, so the kiosk cannot open its window. Check that the screen is connected and that "
                             "DISPLAY is set (for example under Xvfb). To render a view to a PNG without a display, use: kiosk --screenshot OUT.png "
                             "--view home\n");
        return nullptr;
    }
    std::unique_ptr<MainWindow> w(new MainWindow());
    w->m_width = width;
    w->m_height = height;
    w->m_mode = mode;
    g_quiet_errors = true;
    bool made = w->create(GlProfile::gl3);
    g_quiet_errors = false;
    if (!made && !w->create(GlProfile::gl2)) {
        no_window_message();
        return nullptr;  // the destructor ends GLFW
    }
    env.trace("window created");
    return w;
}

bool MainWindow::create(GlProfile profile) {
    gl_context_hints(profile);
    GLFWmonitor* monitor = m_mode == WindowMode::kiosk ? glfwGetPrimaryMonitor() : nullptr;
    int w = m_width, h = m_height;
    if (monitor) {
        const GLFWvidmode* vm = glfwGetVideoMode(monitor);
        w = vm->width;
        h = vm->height;
        glfwWindowHint(GLFW_DECORATED, GLFW_FALSE);
    }
    m_window = glfwCreateWindow(w, h, "Member briefing kiosk", monitor, nullptr);
    if (!m_window) return false;
    m_backend = &gl_backend(profile);
    set_window_icon(m_window);
    glfwMakeContextCurrent(m_window);
    glfwSwapInterval(1);
    glfwSetKeyCallback(m_window, on_key);
    glfwSetCharCallback(m_window, on_char);
    glfwSetMouseButtonCallback(m_window, on_mouse_button);
    glfwSetCursorPosCallback(m_window, on_cursor);
    glfwSetScrollCallback(m_window, on_scroll);
    glfwSetFramebufferSizeCallback(m_window, on_size);
    if (m_mode == WindowMode::kiosk) glfwSetWindowCloseCallback(m_window, [](GLFWwindow* win) { glfwSetWindowShouldClose(win, GLFW_FALSE); });
    return true;
}

void MainWindow::detach_imgui() {
    if (!m_imgui_attached) return;
    destroy_font_texture();
    m_backend->shutdown();
    ImGui_ImplGlfw_Shutdown();
    m_imgui_attached = false;
}

void MainWindow::destroy() {
    detach_imgui();
    if (m_window) glfwDestroyWindow(m_window);
    m_window = nullptr;
}

bool MainWindow::attach_imgui() {
    ImGui_ImplGlfw_InitForOpenGL(m_window, true);  // chains our callbacks
    bool ok = m_backend->init();
    if (!ok && m_backend->profile() == GlProfile::gl3) {
        std::fprintf(stderr, "graphics: the opengl3 renderer refused this context (GL %s); trying OpenGL 2.1\n",
                     reinterpret_cast<const char*>(glGetString(GL_VERSION)));
        ImGui_ImplGlfw_Shutdown();
        destroy();
        if (!create(GlProfile::gl2)) {
            no_window_message();
            return false;
        }
        ImGui_ImplGlfw_InitForOpenGL(m_window, true);
        ok = m_backend->init();
    }
    if (!ok) {
        ImGui_ImplGlfw_Shutdown();
        std::fprintf(stderr, "E_NO_DISPLAY: No ImGui renderer could start on this OpenGL context. Use --screenshot to render without a display.\n");
        return false;
    }
    m_imgui_attached = true;
    m_info = query_gl_info(*m_backend);
    std::fprintf(stderr, "graphics: GL_VERSION \"%s\", GL_RENDERER \"%s\", ImGui backend %s\n", m_info.version.c_str(), m_info.renderer.c_str(),
                 m_info.backend.c_str());
    return true;
}

MainWindow::~MainWindow() {
    destroy();
    glfwTerminate();
}

bool MainWindow::should_close() const { return glfwWindowShouldClose(m_window); }

bool MainWindow::take_input() {
    bool was = g_input;
    g_input = false;
    return was;
}

void MainWindow::begin_frame() const {
    m_backend->new_frame();
    ImGui_ImplGlfw_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
    for (int k : g_held)
        if (glfwGetKey(m_window, k) != GLFW_PRESS) io.KeysDown[k] = false;
    g_held.clear();
    for (int k : g_pressed)
        if (!io.KeysDown[k]) {  // pressed and already released: down for this frame only
            io.KeysDown[k] = true;
            g_held.push_back(k);
        }
    g_pressed.clear();
}

void MainWindow::present(const ImVec4& background) const {
    int fw = 0, fh = 0;
    glfwGetFramebufferSize(m_window, &fw, &fh);
    glViewport(0, 0, fw, fh);
    glClearColor(background.x, background.y, background.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    m_backend->render(ImGui::GetDrawData());
    glfwSwapBuffers(m_window);
}

} // namespace platform
