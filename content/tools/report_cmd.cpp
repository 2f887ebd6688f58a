// kiosk-bundle devices|report: enrol kiosks and report on their exports. A
// process boundary like kiosk_bundle.cpp: parse, call content/, print.
// Exit codes: 0 ok, 1 rejected or invalid, 2 usage.
#include "report_cmd.hpp"

#include "content/dates.hpp"
#include "content/file_io.hpp"
#include "content/fleet.hpp"
#include "content/report.hpp"

#include <algorithm>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace content;

namespace tools {
namespace {

constexpr const char* fleet_usage =
    "  kiosk-bundle devices add KEY.pub --name NAME [--db FILE]   enrol a kiosk (KEY.pub from kiosk --device-key)\n"
    "  kiosk-bundle devices list [--db FILE]\n"
    "  kiosk-bundle devices remove KEY_ID|NAME [--db FILE]\n"
    "  kiosk-bundle report DIR... [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--out report.html|report.csv] [--db FILE]\n";

struct Parsed {
    std::vector<std::string> positional;
    std::map<std::string, std::string> opts;
};

int usage(const std::string& why) {
    std::cerr << "E_USAGE: " << why << "\n" << fleet_usage;
    return 2;
}

int reject(const Error& e) {
    std::cerr << e.line() << "\n";
    return 1;
}

std::optional<Parsed> parse(int argc, char** argv, int first, const std::vector<std::string>& with_value, std::string& err) {
    Parsed p;
    for (int i = first; i < argc; ++i) {
        std::string s = argv[i];
        if (!s.starts_with("--")) {
            p.positional.push_back(s);
            continue;
        }
        if (std::find(with_value.begin(), with_value.end(), s) == with_value.end()) {
            err = "unknown option " + s;
            return std::nullopt;
        }
        if (i + 1 >= argc) {
            err = s + " needs a value";
            return std::nullopt;
        }
        p.opts[s] = argv[++i];
    }
    return p;
}

Result<DeviceRegistry> open_registry(const Parsed& p) {
    auto it = p.opts.find("--db");
    return DeviceRegistry::open(it == p.opts.end() ? default_registry_path() : fs::path(it->second));
}

int cmd_devices(const Parsed& p) {
    if (p.positional.empty()) return usage("devices needs add, list or remove");
    auto reg = open_registry(p);
    if (!reg) return reject(reg.error());
    const std::string& sub = p.positional[0];
    if (sub == "add") {
        if (p.positional.size() != 2 || !p.opts.count("--name")) return usage("devices add needs KEY.pub and --name NAME");
        auto key = minisign::load_public_key(p.positional[1]);
        if (!key) return reject(key.error());
        if (auto s = reg->add(*key, p.opts.at("--name")); !s) return reject(s.error());
        std::cout << "enrolled " << key->key_id_hex() << " as \"" << p.opts.at("--name") << "\"\n";
        return 0;
    }
    if (sub == "remove") {
        if (p.positional.size() != 2) return usage("devices remove needs a key id or a name");
        if (auto s = reg->remove(p.positional[1]); !s) return reject(s.error());
        std::cout << "removed " << p.positional[1] << "\n";
        return 0;
    }
    if (sub == "list") {
        auto all = reg->list();
        if (!all) return reject(all.error());
        for (const auto& d : *all) std::cout << d.key.key_id_hex() << "\t" << d.name << "\tenrolled " << d.enrolled_at << "\n";
        if (all->empty()) std::cout << "no devices are enrolled\n";
        return 0;
    }
    return usage("unknown devices command '" + sub + "'");
}

int cmd_report(const Parsed& p) {
    if (p.positional.empty()) return usage("report needs at least one folder of exports");
    ReportOptions o;
    for (const char* k : {"--from", "--to"})
        if (auto it = p.opts.find(k); it != p.opts.end()) {
            if (!parse_date(it->second)) return usage(std::string(k) + " takes a date as YYYY-MM-DD");
            (std::string(k) == "--from" ? o.period.from : o.period.to) = it->second;
        }
    auto reg = open_registry(p);
    if (!reg) return reject(reg.error());
    std::vector<fs::path> dirs(p.positional.begin(), p.positional.end());
    auto r = build_report(*reg, dirs, o);
    if (!r) return reject(r.error());
    std::cout << report_text(*r);
    if (auto it = p.opts.find("--out"); it != p.opts.end()) {
        fs::path out = it->second;
        std::string ext = out.extension().string();
        if (ext != ".html" && ext != ".csv") return usage("--out must end in .html or .csv");
        if (auto s = file_io::write_file_atomic(out, ext == ".html" ? report_html(*r) : report_csv(*r)); !s) return reject(s.error());
        std::cout << "wrote " << out.string() << "\n";
    }
    return 0;
}

} // namespace

const char* fleet_usage_text() { return fleet_usage; }

int run_fleet_command(int argc, char** argv) {
    if (argc < 2) return -1;
    std::string cmd = argv[1];
    if (cmd != "devices" && cmd != "report") return -1;
    std::string err;
    auto p = parse(argc, argv, 2, {"--db", "--name", "--from", "--to", "--out"}, err);
    if (!p) return usage(err);
    return cmd == "devices" ? cmd_devices(*p) : cmd_report(*p);
}

} // namespace tools
