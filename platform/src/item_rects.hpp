// Why this file exists: the end-to-end test (tests/e2e/run_e2e.sh) clicks
// real item rectangles rather than guessed coordinates. With KIOSK_ITEM_RECTS
// set (read once, host_env.hpp) the loop calls this after each frame. Main
// thread only.
#pragma once
#include <string>

namespace platform {

// Writes {"route":ROUTE,"items":{LABEL:[x0,y0,x1,y1],...}} for every item the
// views noted this frame (kiosk::noted_items) to `path`, atomically. A failed
// write is ignored: the test then times out waiting for the route.
void write_item_rects(const std::string& path, const std::string& route);

} // namespace platform
