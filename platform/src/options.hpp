// Why this file exists: the kiosk's command line, parsed once into a plain
// struct. Every mode (GUI, screenshot, import, status...) reads from here.
// The options are one table (options.cpp) for both parsing and --help, on
// the parser both binaries share (content/args.hpp).
#pragma once
#include "content/error.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace platform {

// --bench: first-frame, scroll (the library, then --bench-doc), tour.
enum class BenchMode { first_frame, scroll, tour, work };

enum class Mode { gui, trust, import, status, rollback, set_pin, search, screenshot, device_key, export_records, reset_freshness, headlines, help };

struct Options {
    Mode mode = Mode::gui;
    std::filesystem::path data_dir;
    bool demo = false;
    bool kiosk = false;            // fullscreen, locked down
    std::string trust_key;         // --trust KEY.pub
    std::vector<std::string> channels;
    std::string label;
    std::string import_path;
    std::string rollback_channel;
    std::string reset_channel;     // --reset-freshness CHANNEL
    bool allow_future = false;     // --allow-future with --import: an admin confirms a far-future signing date
    std::string search_query;
    int search_limit = 10;
    std::string search_type;
    std::string headlines_locality;  // --headlines LOCALITY (id or name)
    std::string screenshot_path;
    std::string view = "home";
    int width = 1280, height = 720;
    std::string export_dir;
    std::vector<std::string> watch_roots;  // extra mount roots to watch
    bool print_first_frame = false;
    double idle_minutes = -1;      // override the idle reset
    std::optional<BenchMode> bench;  // benchmark mode (tests/bench/run.sh)
    std::string bench_doc;         // the long document for --bench scroll
};

// Parses argv. Returns E_USAGE with one sentence on bad usage (unknown
// option, missing or malformed value, two modes, --trust without --channel,
// --demo with --data-dir). Main thread only (getopt's globals).
[[nodiscard]] content::Result<Options> parse_options(int argc, char** argv);

// The --help text, generated from the option table.
[[nodiscard]] std::string usage_text();

} // namespace platform
