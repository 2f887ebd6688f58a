// Why this file exists: the kiosk's one window and its GL context. It asks for
// an OpenGL 3.0 context and, where the driver offers only 2.1 (a Raspberry Pi
// 4 on Debian 12's Mesa), for a 2.1 context, and binds Dear ImGui to it with
// the matching renderer (gl_backend.hpp). It also notes input, so the event
// loop knows when to draw. Main thread only, like GLFW itself.
#pragma once
#include "gl_backend.hpp"
#include "host_env.hpp"

#include "kiosk/text_size.hpp"

#include <imgui.h>

#include <memory>

struct GLFWwindow;

namespace platform {

enum class WindowMode { windowed, kiosk };  // kiosk: full screen, undecorated, cannot be closed

class MainWindow {
public:
    // Initialises GLFW and opens the window with a GL 3.0 context, else a 2.1
    // one. On failure prints one E_NO_DISPLAY line and returns nullptr.
    [[nodiscard]] static std::unique_ptr<MainWindow> open(int width, int height, WindowMode mode, const HostEnv& env);
    ~MainWindow();  // shuts ImGui's backends down (if attached), closes the window, ends GLFW
    MainWindow(const MainWindow&) = delete;
    MainWindow& operator=(const MainWindow&) = delete;

    // Binds the current ImGui context to this window (input) and a renderer.
    // Should opengl3 refuse a 3.x context, the window is remade with 2.1.
    // Prints the "graphics:" line on stderr. On failure prints one
    // E_NO_DISPLAY line and returns false.
    [[nodiscard]] bool attach_imgui();
    // Shuts ImGui's backends down; call before destroying the ImGui context.
    void detach_imgui();

    [[nodiscard]] GLFWwindow* handle() const { return m_window; }
    [[nodiscard]] const GlBackend& backend() const { return *m_backend; }
    [[nodiscard]] const GlInfo& info() const { return m_info; }
    [[nodiscard]] bool should_close() const;
    // The window's size in pixels with the pixel density of the monitor it
    // is on (GLFW's physical size and video mode; the primary monitor for a
    // window that is not full screen), for kiosk::body_em_px. Physical size
    // is 0 where the monitor does not report one.
    [[nodiscard]] kiosk::ScreenMetrics screen_metrics() const;
    // True once after any key, text, button, pointer, scroll or resize event.
    // True once a physical key was pressed in the window (never from touch or clicks).
    [[nodiscard]] bool keyboard_seen() const;
    [[nodiscard]] bool take_input();

    // Starts an ImGui frame for this window (renderer, then input).
    void begin_frame() const;
    // Clears to `background`, draws ImGui's draw data and swaps.
    void present(const ImVec4& background) const;

private:
    MainWindow() = default;
    bool create(GlProfile profile);
    void destroy();

    GLFWwindow* m_window = nullptr;
    const GlBackend* m_backend = nullptr;
    GlInfo m_info;
    int m_width = 0, m_height = 0;
    WindowMode m_mode = WindowMode::windowed;
    bool m_imgui_attached = false;
};

} // namespace platform
