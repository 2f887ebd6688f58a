// kiosk-bundle devices|report: enrol kiosks and report on their exports. A
// process boundary like kiosk_bundle.cpp: parse, call content/, print.
// Exit codes: 0 ok, 1 rejected or invalid, 2 usage.
#include "bundle_command.hpp"

#include "content/dates.hpp"
#include "content/file_io.hpp"
#include "content/fleet.hpp"
#include "content/report.hpp"

#include <iostream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace content;
using content::args::Value;

namespace kiosk_bundle {
namespace {

namespace opt {
enum : int { db, name, from, to, out };
}

constexpr args::Option db_option = {"db", 0, Value::required, "FILE", "the device registry (default ~/.local/share/kiosk-bundle/devices.db)", opt::db};
constexpr args::Option devices_table[] = {
    db_option, {"name", 0, Value::required, "NAME", "with add: the kiosk's name in reports", opt::name}};
constexpr args::Option report_table[] = {
    db_option,
    {"from", 0, Value::required, "YYYY-MM-DD", "count sessions from this date", opt::from},
    {"to", 0, Value::required, "YYYY-MM-DD", "count sessions to this date (inclusive)", opt::to},
    {"out", 0, Value::required, "FILE", "also write report.html (one self-contained page) or report.csv (one row per session)", opt::out}};

Result<DeviceRegistry> open_registry(const args::Parsed& p) {
    const std::string* db = p.value(opt::db);
    return DeviceRegistry::open(db ? fs::path(*db) : default_registry_path());
}

int cmd_devices(const args::Parsed& p) {
    if (p.operands.empty()) return usage("devices needs add, list or remove.");
    auto reg = open_registry(p);
    if (!reg) return reject(reg.error());
    const std::string& sub = p.operands[0];
    if (sub == "add") {
        const std::string* name = p.value(opt::name);
        if (p.operands.size() != 2 || !name) return usage("devices add needs KEY.pub and --name NAME.");
        auto key = minisign::load_public_key(p.operands[1]);
        if (!key) return reject(key.error());
        if (auto s = reg->add(*key, *name); !s) return reject(s.error());
        std::cout << "enrolled " << key->key_id_hex() << " as \"" << *name << "\"\n";
        return 0;
    }
    if (sub == "remove") {
        if (p.operands.size() != 2) return usage("devices remove needs a key id or a name.");
        if (auto s = reg->remove(p.operands[1]); !s) return reject(s.error());
        std::cout << "removed " << p.operands[1] << "\n";
        return 0;
    }
    if (sub == "list") {
        auto all = reg->list();
        if (!all) return reject(all.error());
        for (const auto& d : *all) std::cout << d.key.key_id_hex() << "\t" << d.name << "\tenrolled " << d.enrolled_at << "\n";
        if (all->empty()) std::cout << "no devices are enrolled\n";
        return 0;
    }
    return usage("unknown devices command '" + sub + "'.");
}

int cmd_report(const args::Parsed& p) {
    if (p.operands.empty()) return usage("report needs at least one folder of exports.");
    ReportOptions o;
    for (auto [id, field, flag] : {std::tuple{opt::from, &o.period.from, "--from"}, std::tuple{opt::to, &o.period.to, "--to"}})
        if (const std::string* v = p.value(id)) {
            if (!parse_date(*v)) return usage(std::string(flag) + " takes a date as YYYY-MM-DD.");
            *field = *v;
        }
    const std::string* out = p.value(opt::out);
    std::string ext = out ? fs::path(*out).extension().string() : "";
    if (out && ext != ".html" && ext != ".csv") return usage("--out must end in .html or .csv.");
    auto reg = open_registry(p);
    if (!reg) return reject(reg.error());
    auto r = build_report(*reg, std::vector<fs::path>(p.operands.begin(), p.operands.end()), o);
    if (!r) return reject(r.error());
    std::cout << report_text(*r);
    if (out) {
        if (auto s = file_io::write_file_atomic(*out, ext == ".html" ? report_html(*r) : report_csv(*r)); !s) return reject(s.error());
        std::cout << "wrote " << *out << "\n";
    }
    return 0;
}

} // namespace

const BundleCommand devices_command = {"devices", "devices add KEY.pub --name NAME | list | remove KEY_ID|NAME",
                                       "enrol the kiosks whose exports reports trust (KEY.pub from kiosk --device-key)", devices_table, cmd_devices};
const BundleCommand report_command = {"report", "report DIR... [--from DATE] [--to DATE] [--out report.html|report.csv]",
                                      "the board's training figures and the kiosks' status, from their signed exports", report_table, cmd_report};

} // namespace kiosk_bundle
