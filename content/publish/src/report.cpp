// Reading and verifying kiosk exports, and the board's figures; see report.hpp.
#include "content/report.hpp"
#include "report_gather.hpp"
#include "content/csv.hpp"
#include "content/dates.hpp"
#include "content/file_io.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <ctime>
#include <set>

namespace fs = std::filesystem;
using nlohmann::json;

namespace content {
namespace {

enum class ExportKind { records, status, register_csv, other_signed, not_export };

ExportKind kind_of(const std::string& name) {
    auto starts = [&](const char* p) { return name.rfind(p, 0) == 0; };
    auto ends = [&](const char* s) { return name.size() >= std::char_traits<char>::length(s) && name.ends_with(s); };
    if (ends(".minisig")) return ExportKind::not_export;
    if (starts("session-records-") && ends(".json")) return ExportKind::records;
    if (starts("status-") && ends(".json")) return ExportKind::status;
    if (starts("attendees-") && ends(".csv")) return ExportKind::register_csv;
    if ((starts("session-records-") || starts("audit-log-")) && ends(".csv")) return ExportKind::other_signed;
    return ExportKind::not_export;
}

std::string hex(const std::uint8_t* p, std::size_t n) {
    static const char* d = "0123456789abcdef";
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += {d[p[i] >> 4], d[p[i] & 15]};
    return s;
}

struct Verified {
    std::string text, device, key_id, digest;
};

// Reads one export file and its .minisig, and checks it was signed by an
// enrolled device. Every refusal is a reason code and a sentence.
Result<Verified> verify_export(DeviceRegistry& reg, const fs::path& p, std::uint64_t cap) {
    auto text = file_io::read_file(p, cap);
    if (!text) return std::unexpected(text.error());
    fs::path sig_path = p.string() + ".minisig";
    std::error_code ec;
    if (!fs::is_regular_file(fs::symlink_status(sig_path, ec)))
        return fail(Reason::signature, "it is unsigned (no " + sig_path.filename().string() + " beside it).");
    auto sig_text = file_io::read_file(sig_path, minisign::max_signature_file_bytes);
    if (!sig_text) return std::unexpected(sig_text.error());
    auto sig = minisign::parse_signature(*sig_text);
    if (!sig) return std::unexpected(sig.error());
    auto dev = reg.find(sig->key_id);
    if (!dev) return std::unexpected(dev.error());
    if (!*dev) return fail(Reason::untrusted_key, "it was signed by a device that is not enrolled (run kiosk-bundle devices add).");
    minisign::Hasher h;
    h.update(text->data(), text->size());
    auto hash = h.finish();
    if (auto v = minisign::verify_prehashed((*dev)->key, *sig, hash); !v)
        return fail(v.error().reason, "it does not match its signature from " + (*dev)->name + ": altered or truncated.");
    return Verified{std::move(*text), (*dev)->name, (*dev)->key.key_id_hex(), hex(hash.data(), hash.size())};
}

std::vector<fs::path> find_exports(const std::vector<fs::path>& dirs, const ReportOptions& o, Report& r, Status& missing) {
    std::vector<fs::path> out;
    for (const auto& d : dirs) {
        std::error_code ec;
        if (!fs::is_directory(d, ec)) {
            missing = fail(Reason::not_found, "The folder " + d.string() + " does not exist.");
            continue;
        }
        for (auto it = fs::recursive_directory_iterator(d, fs::directory_options::skip_permission_denied, ec);
             !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (!it->is_regular_file(ec) || it->is_symlink(ec)) continue;
            if (kind_of(it->path().filename().string()) == ExportKind::not_export) continue;
            if (out.size() >= o.max_files) {
                r.notes.push_back("More than " + std::to_string(o.max_files) + " export files were found; the rest were not read.");
                return out;
            }
            out.push_back(it->path());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

Status take_records(const Verified& v, Gathered& g, Report& r) {
    auto j = json::parse(v.text, nullptr, false);
    if (!j.is_array()) return fail(Reason::format, "it is not a list of session records.");
    for (const auto& rec : j) {
        if (!rec.is_object() || !rec.contains("record_id") || !rec["record_id"].is_number_integer())
            return fail(Reason::format, "a session record in it has no record_id.");
        SessionRow s{v.device, v.key_id, rec.value("module_id", ""), rec.value("module_title", ""), rec.value("trainer", ""),
                     rec.value("started_at", ""), rec.value("ended_at", ""), rec["record_id"].get<std::int64_t>(),
                     rec.value("attendees", std::int64_t{0}), rec.value("module_version", std::int64_t{0}), {}};
        auto key = std::make_pair(v.key_id, s.record_id);
        if (g.records.count(key)) {
            ++r.duplicate_records;
            continue;
        }
        if (rec.contains("tallies") && rec["tallies"].is_array())
            for (auto t : rec["tallies"]) {
                if (!t.is_object()) continue;
                t["module_id"] = s.module_id;
                t["started_at"] = s.started_at;
                g.raw_tallies.push_back(std::move(t));
            }
        g.records.emplace(key, std::move(s));
    }
    return {};
}

Status take_register(const Verified& v, const std::string& file, Gathered& g) {
    auto t = csv::parse(v.text, file);
    if (!t) return std::unexpected(t.error());
    for (const auto& row : t->rows) {
        std::string id = t->get(row, "record_id");
        if (id.empty() || id.find_first_not_of("0123456789") != std::string::npos) continue;
        g.names[{v.key_id, std::stoll(id)}].push_back(t->get(row, "name"));
    }
    return {};
}

Status take_status(const Verified& v, Gathered& g) {
    auto j = json::parse(v.text, nullptr, false);
    if (!j.is_object() || j.value("format", "") != "kiosk-status/1") return fail(Reason::format, "it is not a kiosk-status/1 file.");
    g.statuses[v.key_id].push_back(std::move(j));
    return {};
}

} // namespace

bool ReportPeriod::contains(const std::string& t) const {
    std::string day = t.substr(0, 10);
    if (day.size() != 10) return false;
    return (from.empty() || day >= from) && (to.empty() || day <= to);
}

std::int64_t QuestionResult::responses() const {
    std::int64_t n = 0;
    for (auto c : counts) n += c;
    return n;
}

double QuestionResult::share_right() const {
    auto n = responses();
    if (n == 0 || answer < 0 || static_cast<std::size_t>(answer) >= counts.size()) return 0;
    return static_cast<double>(counts[static_cast<std::size_t>(answer)]) / static_cast<double>(n);
}

Result<Report> build_report(DeviceRegistry& reg, const std::vector<fs::path>& dirs, const ReportOptions& o) {
    Report r;
    r.period = o.period;
    r.as_of = o.as_of ? o.as_of : static_cast<std::int64_t>(std::time(nullptr));
    Status missing;
    auto files = find_exports(dirs, o, r, missing);
    if (!missing && files.empty()) return std::unexpected(missing.error());
    if (!missing) r.notes.push_back(missing.error().message);
    Gathered g;
    std::set<std::string> seen, digests;
    for (const auto& p : files) {
        ++r.files_read;
        auto v = verify_export(reg, p, o.max_file_bytes);
        if (!v) {
            r.refused.push_back({p.string(), v.error()});
            continue;
        }
        if (!seen.insert(v->digest).second) {
            ++r.duplicate_files;
            continue;
        }
        Status took;
        switch (kind_of(p.filename().string())) {
        case ExportKind::records: took = take_records(*v, g, r); break;
        case ExportKind::status: took = take_status(*v, g); break;
        case ExportKind::register_csv: took = take_register(*v, p.filename().string(), g); break;
        default: break;
        }
        if (!took) {
            r.refused.push_back({p.string(), took.error()});
            continue;
        }
        ++r.files_accepted;
        digests.insert(v->digest);
    }
    minisign::Hasher h;
    for (const auto& d : digests) h.update(d.data(), d.size());
    auto all = h.finish();
    r.input_digest = hex(all.data(), all.size());
    compute_figures(g, reg, r);
    return r;
}

} // namespace content
