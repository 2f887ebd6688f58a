// Session records, device key and signed export; see records.hpp.
#include "content/records.hpp"
#include "content/status_export.hpp"
#include "content/state_db.hpp"
#include "content/sqlite.hpp"
#include "content/csv_write.hpp"
#include "content/file_io.hpp"
#include "content/manifest.hpp"

#include <nlohmann/json.hpp>

#include <sodium.h>

#include <ctime>

namespace fs = std::filesystem;

namespace content {
namespace {
ExportWriter g_writer = nullptr;

// Creates `p` (never replacing a file: O_EXCL|O_NOFOLLOW, no rename over an
// existing name), then reads it back from the stick and compares.
Status write_out(const fs::path& p, std::string_view data) {
    Status w = g_writer ? g_writer(p, data) : file_io::write_file_new(p, data, file_io::NewFileMode::shared);
    if (!w) return w;
    return file_io::verify_file(p, data);
}

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

// A name part no other export has used: the time to the second, then random
// hex (two exports in one second, or from two kiosks onto one stick).
std::string export_stamp(std::int64_t now) {
    std::string stamp = format_utc(now);
    for (auto& c : stamp)
        if (c == ':') c = '-';
    unsigned char r[3];
    randombytes_buf(r, sizeof r);
    static const char* hex = "0123456789abcdef";
    stamp += '-';
    for (unsigned char c : r) {
        stamp += hex[c >> 4];
        stamp += hex[c & 15];
    }
    return stamp;
}

// Records kept before sessions could be left "not ended" lack the column:
// it is added (every older record was ended by its trainer) in the caller's
// transaction, or on its own where the caller has none.
Status ensure_outcome_column(sql::Db& db) {
    auto has = db.query_int("SELECT count(*) FROM pragma_table_info('session_records') WHERE name='outcome'");
    if (!has) return std::unexpected(has.error());
    if (*has) return {};
    return db.exec("ALTER TABLE session_records ADD COLUMN outcome TEXT NOT NULL DEFAULT 'ended'");
}

struct PendingRecords {
    std::string csv = "record_id,module_id,module_version,channel,trainer,started_at,ended_at,slides_shown,attendees,tallies,outcome\n";
    nlohmann::json json = nlohmann::json::array();
    std::vector<std::int64_t> ids;
};

Result<PendingRecords> pending_records(sql::Db& db) {
    if (auto s = ensure_outcome_column(db); !s) return std::unexpected(s.error());
    auto st = db.prepare("SELECT id, module_id, module_version, channel, trainer, started_at, ended_at, slides_shown, attendees, tallies, outcome "
                         "FROM session_records WHERE exported_at IS NULL ORDER BY id");
    if (!st) return std::unexpected(st.error());
    PendingRecords p;
    for (;;) {
        auto row = st->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        p.ids.push_back(st->int64(0));
        p.csv += std::to_string(st->int64(0)) + "," + csv::quote(st->text(1)) + "," + std::to_string(st->int64(2)) + "," + csv::quote(st->text(3)) + "," +
                 csv::quote(st->text(4)) + "," + csv::quote(st->text(5)) + "," + csv::quote(st->text(6)) + "," + std::to_string(st->int64(7)) + "," +
                 std::to_string(st->int64(8)) + "," + csv::quote(st->text(9)) + "," + csv::quote(st->text(10)) + "\n";
        p.json.push_back({{"record_id", st->int64(0)}, {"module_id", st->text(1)}, {"module_version", st->int64(2)}, {"channel", st->text(3)},
                          {"trainer", st->text(4)}, {"started_at", st->text(5)}, {"ended_at", st->text(6)}, {"slides_shown", st->int64(7)},
                          {"attendees", st->int64(8)}, {"tallies", nlohmann::json::parse(st->text(9), nullptr, false)}, {"outcome", st->text(10)}});
    }
    return p;
}

// The attendance registers of records not yet exported; empty when none.
Result<std::string> pending_register(sql::Db& db) {
    auto at = db.prepare("SELECT a.record_id, a.name, a.organisation FROM attendees a JOIN session_records r ON r.id=a.record_id WHERE r.exported_at IS NULL");
    if (!at) return std::unexpected(at.error());
    std::string reg;
    for (;;) {
        auto row = at->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        reg += std::to_string(at->int64(0)) + "," + csv::quote(at->text(1)) + "," + csv::quote(at->text(2)) + "\n";
    }
    return reg.empty() ? reg : "record_id,name,organisation\n" + reg;
}

Result<std::string> audit_csv(StateStore& store) {
    auto log = store.audit_log(1000000);
    if (!log) return std::unexpected(log.error());
    std::string audit = "id,at,action,channel,version,result,detail\n";
    for (auto it = log->rbegin(); it != log->rend(); ++it)
        audit += std::to_string(it->id) + "," + it->at + "," + csv::quote(it->action) + "," + csv::quote(it->channel) + "," + std::to_string(it->version) +
                 "," + csv::quote(it->result) + "," + csv::quote(it->detail) + "\n";
    return audit;
}

// Marks `ids` exported (and drops their registers unless kept): one commit.
Status mark_exported(sql::Db& db, const std::vector<std::int64_t>& ids, KeepRegister keep, std::int64_t now) {
    auto tx = sql::Transaction::begin(db);
    if (!tx) return std::unexpected(tx.error());
    auto mark = db.prepare("UPDATE session_records SET exported_at=?1 WHERE id=?2");
    if (!mark) return std::unexpected(mark.error());
    for (auto id : ids)
        if (auto r = mark->bind(1, format_utc(now)).bind(2, id).run(); !r) return r;
    if (keep == KeepRegister::no)
        if (auto r = db.exec("DELETE FROM attendees WHERE record_id IN (SELECT id FROM session_records WHERE exported_at IS NOT NULL)"); !r) return r;
    return tx->commit();
}
} // namespace

void set_export_writer(ExportWriter w) { g_writer = w; }

Result<minisign::SecretKey> device_key(StateStore& store) {
    fs::path key = store.data_dir() / "device.key", pub = store.data_dir() / "device.pub";
    std::error_code ec;
    if (fs::exists(key, ec)) return minisign::load_secret_key(key, nullptr);
    auto sk = minisign::generate_key();
    // 0600 from creation (never readable by others, whatever the umask);
    // refused where the file system cannot keep that.
    if (auto s = file_io::write_file_new(key, minisign::format_secret_key(sk), file_io::NewFileMode::secret); !s) return std::unexpected(s.error());
    if (auto s = file_io::write_file_atomic(pub, minisign::format_public_key(sk.public_key())); !s) return std::unexpected(s.error());
    (void)store.audit("device-key", "", 0, "ok", "created device key " + sk.public_key().key_id_hex());
    return sk;
}

Result<std::optional<minisign::PublicKey>> existing_device_public_key(const StateStore& store) {
    fs::path pub = store.data_dir() / "device.pub";
    std::error_code ec;
    if (!fs::exists(store.data_dir() / "device.key", ec)) return std::optional<minisign::PublicKey>{};
    auto pk = minisign::load_public_key(pub);
    if (!pk) return std::unexpected(pk.error());
    return std::optional<minisign::PublicKey>(*pk);
}

Result<std::int64_t> save_session_record(StateStore& store, const std::string& json, const std::vector<Attendee>& names) {
    auto j = nlohmann::json::parse(json, nullptr, false);
    if (!j.is_object() || !j.contains("module_id") || !j.contains("trainer")) return fail(Reason::usage, "The session record is incomplete.");
    auto& db = state_db(store);
    std::string outcome = j.value("outcome", "ended");
    if (outcome != "ended" && outcome != "not ended") return fail(Reason::usage, "The session record's outcome is neither ended nor not ended.");
    auto tx = sql::Transaction::begin(db);
    if (!tx) return std::unexpected(tx.error());
    if (auto s = ensure_outcome_column(db); !s) return std::unexpected(s.error());
    auto st = db.prepare("INSERT INTO session_records(module_id, module_version, channel, trainer, started_at, ended_at, slides_shown, attendees, tallies, "
                         "outcome) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)");
    if (!st) return std::unexpected(st.error());
    auto r = st->bind(1, j.value("module_id", "")).bind(2, j.value("module_version", std::int64_t{0})).bind(3, j.value("channel", ""))
                 .bind(4, j.value("trainer", "")).bind(5, j.value("started_at", "")).bind(6, j.value("ended_at", ""))
                 .bind(7, j.value("slides_shown", std::int64_t{0})).bind(8, j.value("attendees", std::int64_t{0}))
                 .bind(9, j.contains("tallies") ? j["tallies"].dump() : std::string("[]")).bind(10, outcome).run();
    if (!r) return std::unexpected(r.error());
    std::int64_t id = db.last_insert_rowid();
    auto at = db.prepare("INSERT INTO attendees(record_id, name, organisation) VALUES (?1,?2,?3)");
    if (!at) return std::unexpected(at.error());
    for (auto& a : names)
        if (auto x = at->bind(1, id).bind(2, a.name).bind(3, a.organisation).run(); !x) return std::unexpected(x.error());
    if (auto c = tx->commit(); !c) return std::unexpected(c.error());
    (void)store.audit("session", j.value("channel", ""), j.value("module_version", std::int64_t{0}), "ok",
                      "training record for " + j.value("module_id", "") + " saved" + (outcome == "ended" ? "" : " (not ended: left idle or replaced by new content)") +
                          (names.empty() ? "" : " with an attendance register"));
    return id;
}

Result<std::int64_t> pending_exports(StateStore& store) { return state_db(store).query_int("SELECT count(*) FROM session_records WHERE exported_at IS NULL"); }

Result<ExportReport> export_records(StateStore& store, const fs::path& dir, KeepRegister keep) { return export_records(store, dir, ExportOptions{keep}); }

Result<ExportReport> export_records(StateStore& store, const fs::path& dir, const ExportOptions& o) {
    auto key = device_key(store);
    if (!key) return std::unexpected(key.error());
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return fail(Reason::not_found, "The export folder " + dir.string() + " does not exist; is the USB stick mounted?");
    const std::int64_t now = o.now ? o.now : static_cast<std::int64_t>(std::time(nullptr));
    const std::string stamp = export_stamp(now);
    auto& db = state_db(store);
    auto recs = pending_records(db);
    if (!recs) return std::unexpected(recs.error());
    auto reg = pending_register(db);
    if (!reg) return std::unexpected(reg.error());
    auto audit = audit_csv(store);
    if (!audit) return std::unexpected(audit.error());
    std::vector<std::pair<std::string, std::string>> files = {{"session-records-" + stamp + ".csv", recs->csv},
                                                              {"session-records-" + stamp + ".json", recs->json.dump(2) + "\n"}};
    if (!reg->empty()) files.emplace_back("attendees-" + stamp + ".csv", *reg);
    files.emplace_back("audit-log-" + stamp + ".csv", *audit);
    // The kiosk's status for the board's report (kiosk-status/1), counted before this export.
    auto status = status_json(store, key->public_key(), now, static_cast<std::int64_t>(recs->ids.size()));
    if (!status) return std::unexpected(status.error());
    files.emplace_back("status-" + stamp + ".json", *status);
    ExportReport rep;
    rep.records = recs->ids.size();
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (o.on_progress) o.on_progress(i, files.size());
        if (auto s = write_signed(dir / files[i].first, files[i].second, *key, rep); !s) return std::unexpected(s.error());
    }
    // Every file is on the stick and read back as written: now, and only now,
    // mark the records exported.
    if (auto m = mark_exported(db, recs->ids, o.keep, now); !m) return std::unexpected(m.error());
    if (o.on_progress) o.on_progress(files.size(), files.size());
    (void)store.audit("export", "", 0, "ok", std::to_string(recs->ids.size()) + " record(s) and the audit log exported to " + dir.string());
    return rep;
}

} // namespace content
