// Session records, device key and signed export; see records.hpp.
#include "content/records.hpp"
#include "content/status_export.hpp"
#include "content/state_db.hpp"
#include "content/csv_write.hpp"
#include "content/file_io.hpp"
#include "content/manifest.hpp"

#include <nlohmann/json.hpp>

#include <ctime>

namespace fs = std::filesystem;

namespace content {
namespace {
ExportWriter g_writer = nullptr;

Status write_out(const fs::path& p, std::string_view data) { return g_writer ? g_writer(p, data) : file_io::write_file_atomic(p, data); }

Status write_signed(const fs::path& p, const std::string& data, const minisign::SecretKey& key, ExportReport& rep) {
    if (auto s = write_out(p, data); !s) return s;
    minisign::Hasher h;
    h.update(data.data(), data.size());
    auto sig = minisign::sign_prehashed(key, h.finish(), minisign::default_trusted_comment(std::time(nullptr), p.filename().string()),
                                        "signature from member-kiosk device key " + key.public_key().key_id_hex());
    if (auto s = write_out(fs::path(p.string() + ".minisig"), minisign::format_signature(sig)); !s) return s;
    rep.files.push_back(p);
    return {};
}
} // namespace

void set_export_writer(ExportWriter w) { g_writer = w; }

Result<minisign::SecretKey> device_key(StateStore& store) {
    fs::path key = store.data_dir() / "device.key", pub = store.data_dir() / "device.pub";
    std::error_code ec;
    if (fs::exists(key, ec)) return minisign::load_secret_key(key, nullptr);
    auto sk = minisign::generate_key();
    if (auto s = file_io::write_file_atomic(key, minisign::format_secret_key(sk)); !s) return std::unexpected(s.error());
    fs::permissions(key, fs::perms::owner_read | fs::perms::owner_write, ec);
    if (auto s = file_io::write_file_atomic(pub, minisign::format_public_key(sk.public_key())); !s) return std::unexpected(s.error());
    (void)store.audit("device-key", "", 0, "ok", "created device key " + sk.public_key().key_id_hex());
    return sk;
}

Result<std::int64_t> save_session_record(StateStore& store, const std::string& json, const std::vector<Attendee>& names) {
    auto j = nlohmann::json::parse(json, nullptr, false);
    if (!j.is_object() || !j.contains("module_id") || !j.contains("trainer")) return fail(Reason::usage, "The session record is incomplete.");
    auto& db = state_db(store);
    if (auto s = db.exec("BEGIN IMMEDIATE"); !s) return std::unexpected(s.error());
    auto st = db.prepare("INSERT INTO session_records(module_id, module_version, channel, trainer, started_at, ended_at, slides_shown, attendees, tallies) "
                         "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)");
    if (!st) {
        (void)db.exec("ROLLBACK");
        return std::unexpected(st.error());
    }
    auto r = st->bind(1, j.value("module_id", "")).bind(2, j.value("module_version", std::int64_t{0})).bind(3, j.value("channel", ""))
                 .bind(4, j.value("trainer", "")).bind(5, j.value("started_at", "")).bind(6, j.value("ended_at", ""))
                 .bind(7, j.value("slides_shown", std::int64_t{0})).bind(8, j.value("attendees", std::int64_t{0}))
                 .bind(9, j.contains("tallies") ? j["tallies"].dump() : std::string("[]")).run();
    if (!r) {
        (void)db.exec("ROLLBACK");
        return std::unexpected(r.error());
    }
    std::int64_t id = db.last_insert_rowid();
    auto at = db.prepare("INSERT INTO attendees(record_id, name, organisation) VALUES (?1,?2,?3)");
    if (!at) {
        (void)db.exec("ROLLBACK");
        return std::unexpected(at.error());
    }
    for (auto& a : names)
        if (auto x = at->bind(1, id).bind(2, a.name).bind(3, a.organisation).run(); !x) {
            (void)db.exec("ROLLBACK");
            return std::unexpected(x.error());
        }
    if (auto s = db.exec("COMMIT"); !s) return std::unexpected(s.error());
    (void)store.audit("session", j.value("channel", ""), j.value("module_version", std::int64_t{0}), "ok",
                      "training record for " + j.value("module_id", "") + " saved" + (names.empty() ? "" : " with an attendance register"));
    return id;
}

Result<std::int64_t> pending_exports(StateStore& store) { return state_db(store).query_int("SELECT count(*) FROM session_records WHERE exported_at IS NULL"); }

Result<ExportReport> export_records(StateStore& store, const fs::path& dir, KeepRegister keep) {
    auto key = device_key(store);
    if (!key) return std::unexpected(key.error());
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return fail(Reason::not_found, "The export folder " + dir.string() + " does not exist; is the USB stick mounted?");
    std::string stamp = format_utc(std::time(nullptr));
    for (auto& c : stamp)
        if (c == ':') c = '-';
    ExportReport rep;
    auto& db = state_db(store);
    // Session records (not yet exported).
    auto st = db.prepare("SELECT id, module_id, module_version, channel, trainer, started_at, ended_at, slides_shown, attendees, tallies FROM session_records WHERE exported_at IS NULL ORDER BY id");
    if (!st) return std::unexpected(st.error());
    std::string csv_text = "record_id,module_id,module_version,channel,trainer,started_at,ended_at,slides_shown,attendees,tallies\n";
    nlohmann::json js = nlohmann::json::array();
    std::vector<std::int64_t> ids;
    for (;;) {
        auto row = st->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        ids.push_back(st->int64(0));
        csv_text += std::to_string(st->int64(0)) + "," + csv::quote(st->text(1)) + "," + std::to_string(st->int64(2)) + "," + csv::quote(st->text(3)) + "," +
                    csv::quote(st->text(4)) + "," + st->text(5) + "," + st->text(6) + "," + std::to_string(st->int64(7)) + "," +
                    std::to_string(st->int64(8)) + "," + csv::quote(st->text(9)) + "\n";
        js.push_back({{"record_id", st->int64(0)}, {"module_id", st->text(1)}, {"module_version", st->int64(2)}, {"channel", st->text(3)},
                      {"trainer", st->text(4)}, {"started_at", st->text(5)}, {"ended_at", st->text(6)}, {"slides_shown", st->int64(7)},
                      {"attendees", st->int64(8)}, {"tallies", nlohmann::json::parse(st->text(9), nullptr, false)}});
    }
    rep.records = ids.size();
    if (auto s = write_signed(dir / ("session-records-" + stamp + ".csv"), csv_text, *key, rep); !s) return std::unexpected(s.error());
    if (auto s = write_signed(dir / ("session-records-" + stamp + ".json"), js.dump(2) + "\n", *key, rep); !s) return std::unexpected(s.error());
    // Attendance registers, when any.
    auto at = db.prepare("SELECT a.record_id, a.name, a.organisation FROM attendees a JOIN session_records r ON r.id=a.record_id WHERE r.exported_at IS NULL");
    if (!at) return std::unexpected(at.error());
    std::string reg = "record_id,name,organisation\n";
    std::size_t n_reg = 0;
    for (;;) {
        auto row = at->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        reg += std::to_string(at->int64(0)) + "," + csv::quote(at->text(1)) + "," + csv::quote(at->text(2)) + "\n";
        ++n_reg;
    }
    if (n_reg)
        if (auto s = write_signed(dir / ("attendees-" + stamp + ".csv"), reg, *key, rep); !s) return std::unexpected(s.error());
    // The audit log, whole.
    auto log = store.audit_log(1000000);
    if (!log) return std::unexpected(log.error());
    std::string audit = "id,at,action,channel,version,result,detail\n";
    for (auto it = log->rbegin(); it != log->rend(); ++it)
        audit += std::to_string(it->id) + "," + it->at + "," + csv::quote(it->action) + "," + csv::quote(it->channel) + "," + std::to_string(it->version) +
                 "," + csv::quote(it->result) + "," + csv::quote(it->detail) + "\n";
    if (auto s = write_signed(dir / ("audit-log-" + stamp + ".csv"), audit, *key, rep); !s) return std::unexpected(s.error());
    // The kiosk's status for the board's report (kiosk-status/1), counted before this export.
    auto status = status_json(store, key->public_key(), std::time(nullptr), static_cast<std::int64_t>(ids.size()));
    if (!status) return std::unexpected(status.error());
    if (auto s = write_signed(dir / ("status-" + stamp + ".json"), *status, *key, rep); !s) return std::unexpected(s.error());
    // Every file is complete: now, and only now, mark the records exported.
    if (auto s = db.exec("BEGIN IMMEDIATE"); !s) return std::unexpected(s.error());
    auto mark = db.prepare("UPDATE session_records SET exported_at=?1 WHERE id=?2");
    if (!mark) return std::unexpected(mark.error());
    for (auto id : ids)
        if (auto r = mark->bind(1, format_utc(std::time(nullptr))).bind(2, id).run(); !r) {
            (void)db.exec("ROLLBACK");
            return std::unexpected(r.error());
        }
    if (keep == KeepRegister::no)
        if (auto r = db.exec("DELETE FROM attendees WHERE record_id IN (SELECT id FROM session_records WHERE exported_at IS NOT NULL)"); !r) {
            (void)db.exec("ROLLBACK");
            return std::unexpected(r.error());
        }
    if (auto s = db.exec("COMMIT"); !s) return std::unexpected(s.error());
    (void)store.audit("export", "", 0, "ok", std::to_string(ids.size()) + " record(s) and the audit log exported to " + dir.string());
    return rep;
}

} // namespace content
