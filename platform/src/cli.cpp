// The kiosk's command-line modes; see cli.hpp.
#include "cli.hpp"

#include "demo.hpp"

#include "content/catalog.hpp"
#include "content/headlines.hpp"
#include "content/data_lock.hpp"
#include "content/importer.hpp"
#include "content/installed_lookup.hpp"
#include "content/search.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include "content/manifest.hpp"
#include "content/pin_store.hpp"
#include "content/records.hpp"

#include <termios.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <iostream>

namespace fs = std::filesystem;
using namespace content;

namespace platform {
namespace {

fs::path demo_data_dir() {
    if (const char* d = std::getenv("KIOSK_DEMO_DATA_DIR"); d && *d) return d;
    return default_data_dir().parent_path() / "member-kiosk-demo";
}

int fail_line(const Error& e) {
    std::cerr << e.line() << "\n";
    return 1;
}

nlohmann::json bundle_json(const InstalledBundle& b) {
    return {{"version", b.version}, {"title", b.title}, {"created", format_utc(b.created)}, {"expires", format_utc(b.expires)}, {"key_id", b.key_id}};
}

int cmd_trust(StateStore& s, const Options& o) {
    auto pk = minisign::load_public_key(o.trust_key);
    if (!pk) return fail_line(pk.error());
    if (auto r = s.trust(*pk, o.channels, o.label); !r) return fail_line(r.error());
    std::cout << "trusted key " << pk->key_id_hex() << " for";
    for (auto& c : o.channels) std::cout << " " << c;
    std::cout << "\n";
    return 0;
}

int cmd_import(StateStore& s, const Options& o) {
    auto found = find_bundles(o.import_path);
    if (found.empty()) return fail_line(Error{Reason::not_found, "No bundles (*.kbundle) were found at " + o.import_path + "."});
    int rc = 0;
    ImportOptions io;
    io.future = o.allow_future ? FutureDated::allow : FutureDated::refuse;
    if (std::getenv("KIOSK_IMPORT_TRACE")) {  // for the benchmark: each step's time since the start, on stderr
        auto t0 = std::chrono::steady_clock::now();
        io.on_step = [t0](const char* step) {
            std::fprintf(stderr, "import %-10s %8.1f ms\n", step, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        };
    }
    for (const auto& b : found) {
        auto r = import_bundle(s, b, io);
        if (!r) {
            std::cerr << r.error().line() << " (" << b.filename().string() << ")\n";
            rc = 1;
            continue;
        }
        if (r->outcome == ImportOutcome::already_installed)
            std::cout << "E_SAME_VERSION: " << r->manifest.channel << " version " << r->manifest.version
                      << " is already installed; nothing to do (" << b.filename().string() << ")\n";
        else
            std::cout << "installed " << r->manifest.channel << " version " << r->manifest.version << " \"" << r->manifest.title << "\"\n";
    }
    return rc;
}

int cmd_status(StateStore& s) {
    auto chans = s.channels();
    auto hw = s.high_water_marks();
    auto keys = s.trusted_keys();
    auto audit = s.audit_log(20);
    auto newest = s.newest_signed_time();
    auto pending = pending_exports(s);
    if (!chans || !hw || !keys || !audit || !newest || !pending) return fail_line(Error{Reason::corrupt, "The kiosk's state could not be read."});
    nlohmann::json j;
    j["channels"] = nlohmann::json::object();
    for (auto& c : *chans) {
        nlohmann::json cj = bundle_json(c.current);
        cj["previous_version"] = c.previous ? nlohmann::json(c.previous->version) : nlohmann::json(nullptr);
        cj["previous"] = c.previous ? bundle_json(*c.previous) : nlohmann::json(nullptr);
        cj["installed_at"] = format_utc(c.installed_at);
        j["channels"][c.channel] = cj;
    }
    j["high_water"] = nlohmann::json::object();
    for (auto& [c, v] : *hw) j["high_water"][c] = v;
    j["trusted_keys"] = nlohmann::json::array();
    for (auto& k : *keys) j["trusted_keys"].push_back({{"key_id", k.key.key_id_hex()}, {"channels", k.channels}, {"added", k.added}, {"label", k.label}});
    j["audit"] = nlohmann::json::array();
    for (auto& a : *audit)
        j["audit"].push_back({{"id", a.id}, {"at", a.at}, {"action", a.action}, {"channel", a.channel}, {"version", a.version}, {"result", a.result}, {"detail", a.detail}});
    j["pending_exports"] = *pending;
    j["newest_signed_time"] = *newest ? nlohmann::json(format_utc(*newest)) : nlohmann::json(nullptr);
    j["freshness"] = nlohmann::json::object();
    for (auto& [c, t] : s.freshness_marks().value_or(std::vector<std::pair<std::string, std::int64_t>>{})) j["freshness"][c] = format_utc(t);
    // Id collisions between channels (and any other catalog problem), as the admin screen shows them.
    auto cat = Catalog::load_channels(installed_channels(*chans, s.bundles_dir()));
    j["collisions"] = nlohmann::json::array();
    for (auto& c : cat.collisions())
        j["collisions"].push_back({{"kind", c.kind}, {"id", c.id}, {"kept_channel", c.kept_channel}, {"dropped_channel", c.dropped_channel}});
    j["catalog_problems"] = cat.problems();
    j["data_dir"] = s.data_dir().string();
    std::cout << j.dump() << "\n";
    return 0;
}

int cmd_rollback(StateStore& s, const Options& o) {
    auto r = rollback_channel(s, o.rollback_channel);
    if (!r) return fail_line(r.error());
    std::cout << "rolled back " << o.rollback_channel << " to version " << r->current.version << " (version " << r->previous->version
              << " is kept; roll back again to return to it)\n";
    return 0;
}

// Reads the new PIN as one line from stdin. On a terminal it prompts and turns
// echo off while the PIN is typed (restored after), so the PIN never shows on
// screen; from a pipe (provisioning scripts, tests) it reads the line as is.
std::string read_pin_line() {
    std::string pin;
    const bool tty = ::isatty(0);
    termios saved{};
    bool echo_off = false;
    if (tty && ::tcgetattr(0, &saved) == 0) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        quiet.c_lflag |= ECHONL;  // Enter still moves to a new line
        echo_off = ::tcsetattr(0, TCSAFLUSH, &quiet) == 0;
    }
    if (tty) std::cerr << "New admin PIN (4-12 digits): " << std::flush;
    std::getline(std::cin, pin);
    if (echo_off) (void)::tcsetattr(0, TCSANOW, &saved);
    return pin;
}

int cmd_set_pin(StateStore& s) {
    std::string pin = read_pin_line();
    while (!pin.empty() && (pin.back() == '\r' || pin.back() == ' ')) pin.pop_back();
    PinStore store(s);
    if (auto r = store.set_pin(pin); !r) return fail_line(r.error());
    std::cout << "admin PIN set\n";
    return 0;
}

// Prints a search result as JSON lines: first, when a misspelt word was
// replaced, {"showing_results_for": ..., "searched_instead_of": ...,
// "corrections": [...]}; then one line per hit.
int print_search(const SearchResult& r) {
    if (!r.fallback_note.empty()) std::cerr << "note: " << r.fallback_note << "\n";
    if (!r.corrections.empty()) {
        nlohmann::json cs = nlohmann::json::array();
        for (auto& c : r.corrections) cs.push_back({{"typed", c.typed}, {"used", c.used}, {"others", c.others}});
        std::string typed;
        for (auto& c : r.corrections) typed += (typed.empty() ? "" : " ") + c.typed;
        std::cout << nlohmann::json{{"showing_results_for", r.searched_for}, {"searched_instead_of", typed}, {"corrections", cs}}.dump() << "\n";
    }
    for (const auto& h : r.hits) {
        nlohmann::json hl = nlohmann::json::array();
        for (auto& [a, b] : h.highlights) hl.push_back({a, b});
        nlohmann::json j = {{"id", h.ref}, {"type", h.kind}, {"title", h.title}, {"snippet", h.snippet}, {"highlights", hl},
                            {"score", h.score}, {"channel", h.channel}, {"all_words", h.all_words}};
        std::cout << j.dump() << "\n";
    }
    return 0;
}

SearchQuery search_query(const Options& o, std::string locality) {
    SearchQuery q{o.search_query, static_cast<std::size_t>(o.search_limit), o.search_type};
    q.locality = std::move(locality);
    return q;
}

// `kiosk --search` without the state store: a read-only lookup of what is
// installed, then only the bundles' search tables. No catalog, no recovery,
// nothing written. Returns nullopt when the demo still needs installing (the
// full path below does that once).
std::optional<int> search_read_only(const Options& o) {
    fs::path dir = o.demo ? demo_data_dir() : (o.data_dir.empty() ? default_data_dir() : o.data_dir);
    auto found = lookup_installed(dir);
    if (!found) return fail_line(found.error());
    if (o.demo && found->channels.empty()) return std::nullopt;
    std::vector<std::pair<std::string, fs::path>> files;
    for (auto& c : found->channels) files.emplace_back(c.info.channel, c.file);
    auto r = search_files(files, search_query(o, found->default_locality));
    if (!r) return fail_line(r.error());
    return print_search(*r);
}

int cmd_search(StateStore& s, const Options& o) {
    auto chans = s.channels();
    if (!chans) return fail_line(chans.error());
    std::vector<std::pair<std::string, fs::path>> files;
    for (auto& c : installed_channels(*chans, s.bundles_dir())) files.emplace_back(c.info.channel, c.file);
    auto loc = s.setting("default_locality");
    auto r = search_files(files, search_query(o, loc && *loc ? **loc : std::string()));
    if (!r) return fail_line(r.error());
    return print_search(*r);
}

int cmd_device_key(StateStore& s) {
    auto k = existing_device_public_key(s);
    if (!k) return fail_line(k.error());
    if (!*k)
        return fail_line(Error{Reason::not_found, "This kiosk has no device key yet; it is made the first time the kiosk starts or changes its content "
                                                  "(the GUI, or kiosk --import, --trust or --export)."});
    std::cout << minisign::format_public_key(**k);
    return 0;
}

int cmd_reset_freshness(StateStore& s, const Options& o) {
    if (auto r = s.reset_freshness(o.reset_channel, "by an administrator from the command line"); !r) return fail_line(r.error());
    std::cout << "forgot the newest signed time of " << o.reset_channel << "; its next bundle is checked against the clock again\n";
    return 0;
}

bool read_only(Mode m) { return m == Mode::status || m == Mode::search || m == Mode::device_key; }

fs::path data_dir_of(const Options& o) { return o.demo ? demo_data_dir() : (o.data_dir.empty() ? default_data_dir() : o.data_dir); }

// The writer's start: the data directory lock (waiting, then E_BUSY), the
// state, recovery under that lock, the device key, and the demo on first start.
std::optional<StateStore> open_for_writing(const Options& o, const DataLock& lock) {
    auto s = StateStore::open(data_dir_of(o));
    if (!s) return (void)fail_line(s.error()), std::nullopt;
    if (auto r = recover(*s, lock); !r) return (void)fail_line(r.error()), std::nullopt;
    if (auto k = device_key(*s); !k) return (void)fail_line(k.error()), std::nullopt;
    if (o.demo)
        if (auto r = install_demo(*s); !r) return (void)fail_line(r.error()), std::nullopt;
    return std::move(*s);
}

int cmd_export(StateStore& s, const Options& o) {
    KeepRegister keep = s.setting("keep_register_after_export").value_or(std::nullopt).value_or("no") == "yes" ? KeepRegister::yes : KeepRegister::no;
    auto r = export_records(s, o.export_dir, keep);
    if (!r) return fail_line(r.error());
    for (auto& f : r->files) std::cout << "wrote " << f.string() << " (+ .minisig)\n";
    std::cout << r->records << " session record(s) exported\n";
    return 0;
}

// One JSON object per indicator: the headline the briefing shows.
int cmd_headlines(StateStore& s, const Options& o) {
    auto chans = s.channels();
    if (!chans) return fail_line(chans.error());
    auto cat = Catalog::load_channels(installed_channels(*chans, s.bundles_dir()));
    const Locality* loc = cat.locality(o.headlines_locality);
    for (const auto& l : cat.localities())
        if (!loc && l.name == o.headlines_locality) loc = &l;
    if (!loc) return fail_line(Error{Reason::not_found, "No locality called '" + o.headlines_locality + "' is installed."});
    for (const auto& h : locality_headlines(cat, loc->id)) {
        nlohmann::json j = {{"indicator", h.indicator_id}, {"sentence", h.sentence}, {"trend", trend_name(h.trend)},
                            {"versus_england", versus_name(h.versus_england)}, {"versus_area", versus_name(h.versus_area)},
                            {"period", h.period}};
        std::cout << j.dump() << "\n";
    }
    return 0;
}

} // namespace

std::optional<StateStore> open_state(const Options& o) {
    auto lock = DataLock::exclusive(data_dir_of(o), DataLock::cli_wait());
    if (!lock) return (void)fail_line(lock.error()), std::nullopt;
    return open_for_writing(o, *lock);  // the lock is released here: the GUI takes it per operation
}

int run_cli(const Options& o) {
    if (o.mode == Mode::search)  // the fastest read-only path: no state store, only the search tables
        if (auto rc = search_read_only(o)) return *rc;
    if (read_only(o.mode)) {
        // The demo sets itself up on first start (a writer, under the lock).
        if (o.demo && !open_state(o)) return 1;
        auto s = StateStore::open_read_only(data_dir_of(o));
        if (!s) return fail_line(s.error());
        if (o.mode == Mode::status) return cmd_status(*s);
        if (o.mode == Mode::search) return cmd_search(*s, o);
        return cmd_device_key(*s);
    }
    auto lock = DataLock::exclusive(data_dir_of(o), DataLock::cli_wait());
    if (!lock) return fail_line(lock.error());
    auto s = open_for_writing(o, *lock);
    if (!s) return 1;
    switch (o.mode) {
    case Mode::trust: return cmd_trust(*s, o);
    case Mode::import: return cmd_import(*s, o);
    case Mode::rollback: return cmd_rollback(*s, o);
    case Mode::set_pin: return cmd_set_pin(*s);
    case Mode::export_records: return cmd_export(*s, o);
    case Mode::headlines: return cmd_headlines(*s, o);
    case Mode::reset_freshness: return cmd_reset_freshness(*s, o);
    default: break;
    }
    std::cerr << "E_USAGE: this mode is not available from the command line\n";
    return 2;
}

} // namespace platform
