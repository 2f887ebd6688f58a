// Why this file exists: `kiosk --bench work` must say not only how long the
// longest frame was but what that frame did. The event loop laps this clock
// between the phases of a frame (only when a benchmark runs) and hands the
// previous frame's laps to the bench driver with its time. Main thread only.
#pragma once
#include "host_env.hpp"

#include <array>
#include <cstddef>
#include <ctime>
#include <fstream>

namespace platform {

// The parts of one frame of the event loop, in order.
enum class Phase : std::size_t { events, reload, textures, fonts, ui, present, count };

// The names printed for each phase (bench output keys).
inline constexpr std::array<const char*, static_cast<std::size_t>(Phase::count)> phase_names = {"events", "reload", "textures", "fonts", "ui", "present"};

struct FramePhases {
    std::array<double, static_cast<std::size_t>(Phase::count)> ms{};
    bool swapped = false;  // the new catalog was swapped in during this frame
    double cpu_ms = 0;     // the UI thread's CPU time in the frame (after finish)
    double runq_ms = 0;    // its time ready but waiting for a core (after finish)
    double proc_cpu_ms = 0;  // the whole process's CPU time in the frame, every thread (after finish)
    Clock::time_point last{};

    // Starts a frame: every lap is zero and the clock starts now.
    void start() {
        ms.fill(0);
        swapped = false;
        last = Clock::now();
        cpu_ms = -thread_cpu_ms();
        runq_ms = -thread_runq_ms();
        proc_cpu_ms = -cpu_clock_ms(CLOCK_PROCESS_CPUTIME_ID);
    }
    // Ends a frame: cpu_ms and runq_ms become the thread's times since start().
    void finish() {
        cpu_ms += thread_cpu_ms();
        runq_ms += thread_runq_ms();
        proc_cpu_ms += cpu_clock_ms(CLOCK_PROCESS_CPUTIME_ID);
    }
    // The calling thread's time waiting on a run queue in ms (schedstat), or 0.
    static double thread_runq_ms() {
        std::ifstream f("/proc/thread-self/schedstat");
        unsigned long long run = 0, wait = 0;
        f >> run >> wait;
        return static_cast<double>(wait) / 1e6;
    }
    // The calling thread's CPU time in ms.
    static double thread_cpu_ms() { return cpu_clock_ms(CLOCK_THREAD_CPUTIME_ID); }
    // A CPU-time clock in ms.
    static double cpu_clock_ms(clockid_t clock) {
        timespec ts{};
        clock_gettime(clock, &ts);
        return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
    }
    // Adds the time since the previous lap (or start) to `p`.
    void lap(Phase p) {
        auto now = Clock::now();
        ms[static_cast<std::size_t>(p)] += std::chrono::duration<double, std::milli>(now - last).count();
        last = now;
    }
};

} // namespace platform
