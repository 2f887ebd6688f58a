// kiosk: the member briefing kiosk. This is the process boundary: it parses
// the command line, runs a command-line mode or the GUI, and turns anything
// unexpected into a plain message and exit code 1.
#include "cli.hpp"
#include "gui_host.hpp"
#include "options.hpp"

#include <exception>
#include <malloc.h>
#include <iostream>

int main(int argc, char** argv) {
    // Two malloc arenas are plenty for a UI thread and a few workers, and keep
    // freed worker memory (decoded images) from lingering in per-thread arenas.
    mallopt(M_ARENA_MAX, 2);
    // Buffers of 256 KiB and more (decoded images, driver texture copies) are
    // mapped and unmapped on their own, so memory freed after an image goes
    // back to the system at once. glibc's default raises this threshold as
    // large blocks are freed, after which they stay in the heap (peak RSS on
    // the benchmark tour was about 9 MB higher). Fixing it also fixes the trim
    // threshold at 128 KiB; the renderer's threads then shrank and regrew
    // their heaps on every frame of a long document (up to 150,000 page
    // faults in 600 frames, frames up to 1.5x slower), so up to 8 MiB free at
    // a heap's top is kept for reuse. Peak RSS is the same either way.
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
    mallopt(M_TRIM_THRESHOLD, 8 * 1024 * 1024);
    try {
        auto o = platform::parse_options(argc, argv);
        if (!o) {
            std::cerr << o.error().line() << "\n" << platform::usage_text();
            return 2;
        }
        if (o->mode == platform::Mode::help) {
            std::cout << platform::usage_text();
            return 0;
        }
        if (o->mode == platform::Mode::gui || o->mode == platform::Mode::screenshot) return platform::run_gui(*o);
        return platform::run_cli(*o);
    } catch (const std::exception& e) {
        std::cerr << "E_INTERNAL: the kiosk hit an unexpected error (" << e.what() << "); please report it.\n";
        return 1;
    }
}
