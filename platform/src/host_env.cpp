// The environment, read once; see host_env.hpp.
#include "host_env.hpp"

#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace platform {
namespace {
const Clock::time_point g_start = Clock::now();
}

Clock::time_point process_start() { return g_start; }

HostEnv HostEnv::from_environment() {
    HostEnv e;
    if (const char* r = std::getenv("KIOSK_ITEM_RECTS"); r && *r) e.item_rects_path = r;
    e.force_audience_window = std::getenv("KIOSK_AUDIENCE_WINDOW") != nullptr;
    e.startup_trace = std::getenv("KIOSK_STARTUP_TRACE") != nullptr;
    if (const char* n = std::getenv("KIOSK_NOW"); n && *n) e.fixed_now = std::strtoll(n, nullptr, 10);
    return e;
}

std::int64_t HostEnv::now() const {
    if (fixed_now) return *fixed_now;
    return static_cast<std::int64_t>(std::time(nullptr));
}

void HostEnv::trace(const char* what) const {
    if (!startup_trace) return;
    std::fprintf(stderr, "startup %8.2f ms  %s\n", std::chrono::duration<double, std::milli>(Clock::now() - g_start).count(), what);
}

} // namespace platform
