// X11 DPMS for the screen schedule; see screen_power.hpp.
#include "screen_power.hpp"

#include <GLFW/glfw3.h>
#include <GL/gl.h>
#include <X11/Xlib.h>
#include <X11/extensions/dpms.h>

// GLFW's native access, declared as glfw3native.h does: that header (with
// GLFW_EXPOSE_NATIVE_X11) also pulls in Xrandr.h, a -dev package the kiosk
// needs for nothing else.
extern "C" Display* glfwGetX11Display(void);

#include <iostream>

namespace platform {

ScreenPower::ScreenPower(GLFWwindow* window) : m_window(window) {
    Display* d = glfwGetX11Display();  // Debian 12's GLFW 3.3 is the X11 build
    int ev = 0, err = 0;
    m_dpms = d && DPMSQueryExtension(d, &ev, &err) && DPMSCapable(d);
    m_display = d;
    std::cerr << "screen schedule: " << (m_dpms ? "X11 DPMS switches the display" : "no DPMS on this display; the screen is painted black") << "\n";
}

void ScreenPower::set(DisplayPower p) {
    auto* d = static_cast<Display*>(m_display);
    if (p == DisplayPower::off) {
        // Nothing more will be drawn until the screen wakes: leave it black.
        int fw = 0, fh = 0;
        glfwGetFramebufferSize(m_window, &fw, &fh);
        glViewport(0, 0, fw, fh);
        glClearColor(0, 0, 0, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        glfwSwapBuffers(m_window);
    }
    std::cerr << "screen schedule: display " << (p == DisplayPower::off ? "off" : "on") << (m_dpms ? " (DPMS)" : " (painted black; no DPMS)") << "\n";
    if (!m_dpms) return;
    if (p == DisplayPower::off) {
        DPMSSetTimeouts(d, 0, 0, 0);  // no blanking of the server's own
        DPMSEnable(d);
        DPMSForceLevel(d, DPMSModeOff);
    } else {
        DPMSForceLevel(d, DPMSModeOn);
        DPMSDisable(d);
    }
    XFlush(d);
}

} // namespace platform
