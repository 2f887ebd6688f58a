// Why this file exists: `kiosk --screenshot OUT.png --view VIEW`, which needs
// no display: the views draw into ImGui as usual and a small CPU rasteriser
// (soft_renderer.hpp) turns the draw lists into a PNG. Main thread only.
#pragma once
#include "host_env.hpp"
#include "options.hpp"
#include "session.hpp"

namespace platform {

// Renders o.view at o.width x o.height to o.screenshot_path. The session's
// catalog and settings-only services must be loaded. Returns the exit code:
// 0 written, 1 with E_NOT_FOUND (no such view) or E_IO (write failed) on stderr.
[[nodiscard]] int take_screenshot(Session& s, const Options& o, const HostEnv& env);

} // namespace platform
