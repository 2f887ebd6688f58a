// Why this file exists: the windowed kiosk. It opens the window, binds ImGui
// to it, and runs the event-driven loop: a frame is drawn only for input, an
// animation, a finished image decode or news from a worker; otherwise the
// loop blocks in glfwWaitEvents (idle costs nothing). Main thread only.
#pragma once
#include "host_env.hpp"
#include "options.hpp"
#include "session.hpp"

#include <optional>
#include <thread>

namespace platform {

// Opens the window (GL 3, else 2.1), joins `loader` (the start-up worker that
// opens the device state into `slot` and fills its catalog, atlas and
// first_fonts), starts the device services and runs until the window closes,
// the admin quits, or a --bench script ends. Returns the exit code: 0, or 1
// after an E_NO_DISPLAY line on stderr or when the loader left `slot` empty
// (the state could not be opened; its reason is on stderr). Main thread.
[[nodiscard]] int run_windowed(std::optional<Session>& slot, const Options& o, const HostEnv& env, std::thread& loader);

} // namespace platform
