// Why this file exists: presenter mode with two monitors. When GLFW reports a
// second monitor (the projector), the audience sees the slide there, full
// screen, while the trainer's screen keeps the current and next slide, the
// notes and the timer. The second window shares the GL context's objects
// (so images and textures are shared), uses the same renderer backend as the
// main window (GL 3 or 2.1), and has its own ImGui context.
// Main thread only.
#pragma once
#include "gl_backend.hpp"

#include "kiosk/ui.hpp"

#include <memory>

struct GLFWwindow;
struct GLFWmonitor;

namespace platform {

class AudienceWindow {
public:
    // Opens a window on `monitor` (full screen), or a normal window the size
    // of `share`'s when monitor is null (KIOSK_AUDIENCE_WINDOW=1, for tests with one screen),
    // with a context like `share`'s (`backend`'s profile) sharing its objects.
    // Returns nullptr when the window or the renderer cannot be made.
    // Leaves `share`'s GL context and the caller's ImGui context current.
    [[nodiscard]] static std::unique_ptr<AudienceWindow> open(GLFWwindow* share, GLFWmonitor* monitor, const GlBackend& backend, float scale,
                                                             kiosk::Theme theme);
    ~AudienceWindow();
    AudienceWindow(const AudienceWindow&) = delete;
    AudienceWindow& operator=(const AudienceWindow&) = delete;

    // Draws one frame of the audience screen and returns to `main`'s contexts.
    void draw(kiosk::UiContext base, GLFWwindow* main);

private:
    AudienceWindow(const GlBackend& backend) : m_backend(backend) {}
    const GlBackend& m_backend;
    GLFWwindow* m_window = nullptr;
    ImGuiContext* m_imgui = nullptr;
    kiosk::Fonts m_fonts;
    kiosk::Theme m_theme = kiosk::Theme::standard;
    float m_scale = 1;
};

} // namespace platform
