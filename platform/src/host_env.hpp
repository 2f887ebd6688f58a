// Why this file exists: the few environment variables the GUI host honours,
// read once when the process starts and never per frame. Three are for tests
// (KIOSK_ITEM_RECTS, KIOSK_AUDIENCE_WINDOW, KIOSK_NOW) and one for profiling
// (KIOSK_STARTUP_TRACE). In production none is set and the loop skips the
// drivers that use them.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace platform {

using Clock = std::chrono::steady_clock;

// The time the process started (static initialisation); first-frame times
// are measured from here. Any thread may call it.
[[nodiscard]] Clock::time_point process_start();

struct HostEnv {
    // KIOSK_ITEM_RECTS=FILE: after each frame, write where each labelled item
    // is (JSON), so the end-to-end test clicks real rectangles. Empty: off.
    std::string item_rects_path;
    // KIOSK_AUDIENCE_WINDOW (any value): open presenter mode's audience
    // window even with one monitor (Xvfb has one).
    bool force_audience_window = false;
    // KIOSK_STARTUP_TRACE (any value): print each start-up step's time.
    bool startup_trace = false;
    // KIOSK_NOW=UNIX_SECONDS: a fixed clock for overdue and review dates.
    std::optional<std::int64_t> fixed_now;

    // Reads the variables. Call once, on the main thread, before any worker
    // starts (getenv is not safe against a concurrent setenv).
    [[nodiscard]] static HostEnv from_environment();

    // The wall clock in unix seconds, or KIOSK_NOW when set. Any thread.
    [[nodiscard]] std::int64_t now() const;

    // With startup_trace on, prints "startup <ms since start>  <what>" on
    // stderr; otherwise nothing. Any thread (the object is read-only).
    void trace(const char* what) const;
};

} // namespace platform
