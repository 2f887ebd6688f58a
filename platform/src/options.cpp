// Command-line parsing for the kiosk; see options.hpp.
#include "options.hpp"

#include "content/args.hpp"

#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace platform {
namespace {

using content::args::Value;

enum Opt : int {
    trust, import_bundle, status, rollback, reset_freshness, set_pin, search, headlines, screenshot, device_key, export_records, help, allow_future,
    data_dir, demo, kiosk, channel, label, limit, type, view, size, watch, print_first_frame, idle_minutes, bench, bench_doc,
};

constexpr const char* modes = "modes (one at a time; with none, the kiosk runs in a window):";
constexpr const char* options = "options:";

constexpr content::args::Option table[] = {
    {"trust", 0, Value::required, "KEY.pub", "trust a publisher key for the channels given with --channel", trust, modes},
    {"import", 0, Value::required, "PATH", "install bundles from a file or folder (a USB stick)", import_bundle, modes},
    {"status", 0, Value::none, "", "print the device state as JSON", status, modes},
    {"rollback", 0, Value::required, "CHANNEL", "go back to the channel's previous bundle", rollback, modes},
    {"reset-freshness", 0, Value::required, "CHANNEL", "forget a channel's newest signed time (audited)", reset_freshness, modes},
    {"set-pin", 0, Value::none, "", "set the admin PIN (read from standard input)", set_pin, modes},
    {"search", 0, Value::required, "QUERY", "search, one JSON object per line", search, modes},
    {"headlines", 0, Value::required, "LOCALITY", "print each indicator's headline for a locality, one JSON object per line", headlines, modes},
    {"screenshot", 0, Value::required, "OUT.png", "render a view to PNG and exit (needs no display)", screenshot, modes},
    {"device-key", 0, Value::none, "", "print this kiosk's public key", device_key, modes},
    {"export", 0, Value::required, "DIR", "write signed session records and the audit log to DIR", export_records, modes},
    {"help", 'h', Value::none, "", "print this help", help, modes},
    {"data-dir", 0, Value::required, "DIR", "the kiosk's data directory (default: under XDG_DATA_HOME)", data_dir, options},
    {"demo", 0, Value::none, "", "use the demo content in its own data directory", demo, options},
    {"kiosk", 0, Value::none, "", "fullscreen and locked down (quitting needs the admin PIN)", kiosk, options},
    {"allow-future", 0, Value::none, "", "with --import: confirm a signing date more than 400 days ahead (audited)", allow_future, options},
    {"channel", 0, Value::required, "A[,B]", "with --trust: the channels the key may publish", channel, options},
    {"label", 0, Value::required, "TEXT", "with --trust: a name for the key", label, options},
    {"limit", 0, Value::required, "N", "with --search: at most N results (1 to 1000, default 10)", limit, options},
    {"type", 0, Value::required, "T", "with --search: only document, briefing or slide", type, options},
    {"view", 0, Value::required, "VIEW", "the view to show first (default home)", view, options},
    {"size", 0, Value::required, "WxH", "window or screenshot size (default 1280x720)", size, options},
    {"watch", 0, Value::required, "DIR", "also watch DIR for USB sticks (repeatable)", watch, options},
    {"print-first-frame", 0, Value::none, "", "print milliseconds from start to the first frame", print_first_frame, options},
    {"idle-minutes", 0, Value::required, "M", "", idle_minutes, options},  // tests: override the idle reset
    {"bench", 0, Value::required, "MODE", "", bench, options},             // tests/bench/run.sh
    {"bench-doc", 0, Value::required, "ID", "", bench_doc, options},
};

content::Status usage(std::string sentence) { return content::fail(content::Reason::usage, std::move(sentence)); }

content::Status set_mode(Options& o, Mode m, int& count) {
    o.mode = m;
    ++count;
    return {};
}

content::Status parse_limit(Options& o, const std::string& v) {
    char* end = nullptr;
    long n = std::strtol(v.c_str(), &end, 10);
    if (v.empty() || *end || n < 1 || n > 1000) return usage("--limit takes a number from 1 to 1000.");
    o.search_limit = static_cast<int>(n);
    return {};
}

content::Status parse_size(Options& o, const std::string& v) {
    int w = 0, h = 0;
    if (std::sscanf(v.c_str(), "%dx%d", &w, &h) != 2 || w < 320 || h < 240 || w > 7680 || h > 4320)
        return usage("--size takes WIDTHxHEIGHT, e.g. 1280x720.");
    o.width = w;
    o.height = h;
    return {};
}

content::Status parse_bench(Options& o, const std::string& v) {
    if (v == "first-frame") o.bench = BenchMode::first_frame;
    else if (v == "scroll") o.bench = BenchMode::scroll;
    else if (v == "tour") o.bench = BenchMode::tour;
    else if (v == "work") o.bench = BenchMode::work;
    else return usage("--bench takes first-frame, scroll, tour or work.");
    return {};
}

void add_channels(Options& o, const std::string& v) {
    std::stringstream ss(v);
    std::string c;
    while (std::getline(ss, c, ','))
        if (!c.empty()) o.channels.push_back(c);
}

// Applies one option; counts the modes given so that two can be refused.
content::Status apply(Options& o, const content::args::Match& m, int& mode_count) {
    const std::string& v = m.value;
    switch (static_cast<Opt>(m.id)) {
    case trust: o.trust_key = v; return set_mode(o, Mode::trust, mode_count);
    case import_bundle: o.import_path = v; return set_mode(o, Mode::import, mode_count);
    case status: return set_mode(o, Mode::status, mode_count);
    case rollback: o.rollback_channel = v; return set_mode(o, Mode::rollback, mode_count);
    case reset_freshness: o.reset_channel = v; return set_mode(o, Mode::reset_freshness, mode_count);
    case allow_future: o.allow_future = true; return {};
    case set_pin: return set_mode(o, Mode::set_pin, mode_count);
    case search: o.search_query = v; return set_mode(o, Mode::search, mode_count);
    case headlines: o.headlines_locality = v; return set_mode(o, Mode::headlines, mode_count);
    case screenshot: o.screenshot_path = v; return set_mode(o, Mode::screenshot, mode_count);
    case device_key: return set_mode(o, Mode::device_key, mode_count);
    case export_records: o.export_dir = v; return set_mode(o, Mode::export_records, mode_count);
    case help: o.mode = Mode::help; return {};
    case data_dir: o.data_dir = v; return {};
    case demo: o.demo = true; return {};
    case kiosk: o.kiosk = true; return {};
    case channel: add_channels(o, v); return {};
    case label: o.label = v; return {};
    case limit: return parse_limit(o, v);
    case type: o.search_type = v; return {};
    case view: o.view = v; return {};
    case size: return parse_size(o, v);
    case watch: o.watch_roots.push_back(v); return {};
    case print_first_frame: o.print_first_frame = true; return {};
    case idle_minutes: o.idle_minutes = std::strtod(v.c_str(), nullptr); return {};
    case bench: return parse_bench(o, v);
    case bench_doc: o.bench_doc = v; return {};
    }
    return content::fail(content::Reason::internal, "an option is missing from the table.");
}

// The rules between options.
content::Status check(const Options& o, int mode_count) {
    if (mode_count > 1) return usage("choose one mode at a time.");
    if (o.mode == Mode::trust && o.channels.empty()) return usage("--trust needs --channel NAME[,NAME...].");
    if (o.allow_future && o.mode != Mode::import) return usage("--allow-future goes with --import.");
    if (o.demo && !o.data_dir.empty()) return usage("--demo uses its own data directory; do not also give --data-dir.");
    return {};
}

} // namespace

std::string usage_text() {
    return "usage: kiosk [--data-dir DIR | --demo] [MODE] [OPTIONS]\n" + content::args::option_help(table) +
           "exit codes: 0 ok, 1 rejected or failed, 2 usage\n";
}

content::Result<Options> parse_options(int argc, char** argv) {
    auto parsed = content::args::parse(argc, argv, table);
    if (!parsed) return std::unexpected(parsed.error());
    Options o;
    if (parsed->has(help)) {
        o.mode = Mode::help;
        return o;
    }
    if (!parsed->operands.empty()) return std::unexpected(content::Error{content::Reason::usage, "unexpected argument '" + parsed->operands[0] + "'."});
    int mode_count = 0;
    for (const auto& m : parsed->options)
        if (auto s = apply(o, m, mode_count); !s) return std::unexpected(s.error());
    if (auto s = check(o, mode_count); !s) return std::unexpected(s.error());
    return o;
}

} // namespace platform
