// Why this file exists: the screen schedule switches the panel off through
// X11's DPMS extension (libXext), on the X display GLFW opened. The session
// starts Xorg with -dpms -s 0 so the server never blanks on its own; this
// enables DPMS only to force the panel off, and disables it again on wake.
// Without the extension (some virtual servers) the screen is only painted
// black. Main thread only.
#pragma once
#include "screen_gate.hpp"

#include <memory>

struct GLFWwindow;

namespace platform {

class ScreenPower final : public DisplayControl {
public:
    // The DPMS display of `window`'s X server, or a black-screen fallback.
    explicit ScreenPower(GLFWwindow* window);
    void set(DisplayPower p) override;
    [[nodiscard]] bool has_dpms() const { return m_dpms; }

private:
    GLFWwindow* m_window;
    void* m_display = nullptr;  // Display*
    bool m_dpms = false;
};

} // namespace platform
