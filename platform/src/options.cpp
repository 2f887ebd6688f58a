// Command-line parsing for the kiosk; see options.hpp.
#include "options.hpp"

#include <cstdlib>
#include <sstream>

namespace platform {

const char* usage_text() {
    return "usage: kiosk [--data-dir DIR | --demo] [MODE]\n"
           "  (no mode)                      run the kiosk in a window\n"
           "  --kiosk                        fullscreen and locked down (quitting needs the admin PIN)\n"
           "  --trust KEY.pub --channel A[,B] [--label TEXT]   trust a publisher key for channels\n"
           "  --import PATH                  install bundles from a file or folder (a USB stick)\n"
           "  --status                       print the device state as JSON\n"
           "  --rollback CHANNEL             go back to the channel's previous bundle\n"
           "  --set-pin                      set the admin PIN (read from standard input)\n"
           "  --search QUERY [--limit N] [--type T]   search, one JSON object per line\n"
           "  --headlines LOCALITY           print each indicator's headline for a locality, one JSON object per line\n"
           "  --screenshot OUT.png [--view VIEW] [--size WxH]   render a view to PNG and exit\n"
           "  --device-key                   print this kiosk's public key\n"
           "  --export DIR                   write signed session records and the audit log to DIR\n"
           "  --watch DIR                    also watch DIR for USB sticks (repeatable)\n"
           "  --print-first-frame            print milliseconds from start to the first frame\n"
           "exit codes: 0 ok, 1 rejected or failed, 2 usage\n";
}

std::optional<Options> parse_options(int argc, char** argv, std::string& error) {
    Options o;
    int modes = 0;
    auto need = [&](int& i, const std::string& flag) -> const char* {
        if (i + 1 >= argc) {
            error = flag + " needs a value";
            return nullptr;
        }
        return argv[++i];
    };
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        const char* v = nullptr;
        if (a == "--data-dir") { if (!(v = need(i, a))) return std::nullopt; o.data_dir = v; }
        else if (a == "--demo") o.demo = true;
        else if (a == "--kiosk") o.kiosk = true;
        else if (a == "--trust") { if (!(v = need(i, a))) return std::nullopt; o.trust_key = v; o.mode = Mode::trust; ++modes; }
        else if (a == "--channel") {
            if (!(v = need(i, a))) return std::nullopt;
            std::stringstream ss(v);
            std::string c;
            while (std::getline(ss, c, ','))
                if (!c.empty()) o.channels.push_back(c);
        }
        else if (a == "--label") { if (!(v = need(i, a))) return std::nullopt; o.label = v; }
        else if (a == "--import") { if (!(v = need(i, a))) return std::nullopt; o.import_path = v; o.mode = Mode::import; ++modes; }
        else if (a == "--status") { o.mode = Mode::status; ++modes; }
        else if (a == "--rollback") { if (!(v = need(i, a))) return std::nullopt; o.rollback_channel = v; o.mode = Mode::rollback; ++modes; }
        else if (a == "--set-pin") { o.mode = Mode::set_pin; ++modes; }
        else if (a == "--search") { if (!(v = need(i, a))) return std::nullopt; o.search_query = v; o.mode = Mode::search; ++modes; }
        else if (a == "--limit") {
            if (!(v = need(i, a))) return std::nullopt;
            char* end = nullptr;
            long n = std::strtol(v, &end, 10);
            if (*end || n < 1 || n > 1000) { error = "--limit takes a number from 1 to 1000"; return std::nullopt; }
            o.search_limit = static_cast<int>(n);
        }
        else if (a == "--type") { if (!(v = need(i, a))) return std::nullopt; o.search_type = v; }
        else if (a == "--headlines") { if (!(v = need(i, a))) return std::nullopt; o.headlines_locality = v; o.mode = Mode::headlines; ++modes; }
        else if (a == "--screenshot") { if (!(v = need(i, a))) return std::nullopt; o.screenshot_path = v; o.mode = Mode::screenshot; ++modes; }
        else if (a == "--view") { if (!(v = need(i, a))) return std::nullopt; o.view = v; }
        else if (a == "--size") {
            if (!(v = need(i, a))) return std::nullopt;
            int w = 0, h = 0;
            if (std::sscanf(v, "%dx%d", &w, &h) != 2 || w < 320 || h < 240 || w > 7680 || h > 4320) {
                error = "--size takes WIDTHxHEIGHT, e.g. 1280x720";
                return std::nullopt;
            }
            o.width = w;
            o.height = h;
        }
        else if (a == "--device-key") { o.mode = Mode::device_key; ++modes; }
        else if (a == "--export") { if (!(v = need(i, a))) return std::nullopt; o.export_dir = v; o.mode = Mode::export_records; ++modes; }
        else if (a == "--watch") { if (!(v = need(i, a))) return std::nullopt; o.watch_roots.push_back(v); }
        else if (a == "--print-first-frame") o.print_first_frame = true;
        else if (a == "--idle-minutes") { if (!(v = need(i, a))) return std::nullopt; o.idle_minutes = std::strtod(v, nullptr); }
        else if (a == "--bench") { if (!(v = need(i, a))) return std::nullopt; o.bench = v; }
        else if (a == "--bench-doc") { if (!(v = need(i, a))) return std::nullopt; o.bench_doc = v; }
        else if (a == "--help" || a == "-h") { o.mode = Mode::help; return o; }
        else { error = "unknown argument '" + a + "'"; return std::nullopt; }
    }
    if (modes > 1) { error = "choose one mode at a time"; return std::nullopt; }
    if (o.mode == Mode::trust && o.channels.empty()) { error = "--trust needs --channel NAME[,NAME...]"; return std::nullopt; }
    if (o.demo && !o.data_dir.empty()) { error = "--demo uses its own data directory; do not also give --data-dir"; return std::nullopt; }
    return o;
}

} // namespace platform
