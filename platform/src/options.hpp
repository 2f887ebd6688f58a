// Why this file exists: the kiosk's command line, parsed once into a plain
// struct. Every mode (GUI, screenshot, import, status...) reads from here.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace platform {

enum class Mode { gui, trust, import, status, rollback, set_pin, search, screenshot, device_key, export_records, headlines, help };

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
    std::string bench;             // benchmark mode: first-frame, scroll, tour
    std::string bench_doc;         // the long document for --bench scroll
};

// Parses argv. Returns nullopt and sets `error` on a usage error.
[[nodiscard]] std::optional<Options> parse_options(int argc, char** argv, std::string& error);

[[nodiscard]] const char* usage_text();

} // namespace platform
