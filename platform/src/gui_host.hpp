// Why this file exists: the entry to the GUI modes (the window and
// --screenshot) for main.cpp, away from the command-line modes in cli.hpp.
#pragma once
#include "options.hpp"

namespace platform {

// Runs the windowed kiosk or screenshot mode (o.mode gui or screenshot).
// Returns the exit code. Main thread only, once per process.
[[nodiscard]] int run_gui(const Options& o);

} // namespace platform
