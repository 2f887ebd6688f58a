// Why this file exists: the benchmark driver behind `kiosk --bench MODE`
// (tests/bench/run.sh). It scripts navigation and synthetic scrolling and
// prints per-frame times and peak memory on stdout. The mode is parsed once
// from the command line; without --bench no driver exists and the event loop
// never calls one. Main thread only.
#pragma once
#include "frame_phases.hpp"
#include "options.hpp"

#include "kiosk/shell.hpp"

#include <memory>
#include <string>
#include <vector>

namespace platform {

class BenchDriver {
public:
    // `long_doc`: the document scrolled in scroll mode; in work mode, the
    // bundle file imported while the PIN check and the export run.
    BenchDriver(BenchMode mode, std::string long_doc) : m_mode(mode), m_doc(std::move(long_doc)) {}

    // first-frame: print the time to the first frame and stop after it.
    [[nodiscard]] bool stops_after_first_frame() const { return m_mode == BenchMode::first_frame; }

    // Called after the backends' new frame and before ImGui::NewFrame, with
    // the previous frame's time and its phases; moves the pointer, scrolls
    // and navigates. Returns true when the script is finished (the loop then
    // ends).
    [[nodiscard]] bool before_frame(kiosk::Shell& shell, kiosk::UiContext& ctx, double last_ms, const FramePhases& last_phases);

private:
    bool scroll_step(kiosk::Shell& shell, kiosk::UiContext& ctx, double last_ms, const FramePhases& last_phases);
    bool tour_step(kiosk::Shell& shell, kiosk::UiContext& ctx);
    bool work_step(kiosk::Shell& shell, kiosk::UiContext& ctx, double last_ms, const FramePhases& last_phases);
    void print_work() const;
    void print_longest_frames() const;

    BenchMode m_mode;
    std::string m_doc;
    int m_step = 0, m_frame_in_step = 0;
    std::vector<double> m_lib_ms, m_doc_ms, m_calm_ms, m_work_ms;
    std::vector<FramePhases> m_work_phases;  // beside m_work_ms
    std::vector<FramePhases> m_lib_phases;   // beside m_lib_ms
    std::vector<std::string> m_work_jobs;    // beside m_work_ms: the jobs running as that frame began
    bool m_pin_done = false;
    std::string m_import_result, m_pin_result, m_export_result;
    std::string m_jobs_now;  // the jobs running, as last seen
    int m_images = 0;
};

// Peak resident memory (VmHWM) in KiB, or 0 where /proc is unavailable.
[[nodiscard]] long vm_hwm_kb();

} // namespace platform
