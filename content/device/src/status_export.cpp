// The signed status file and the completion tally; see status_export.hpp.
#include "content/status_export.hpp"
#include "content/dates.hpp"
#include "content/records.hpp"
#include "content/state_db.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

using nlohmann::json;

namespace content {
namespace {
constexpr const char* k_ddl =
    "CREATE TABLE IF NOT EXISTS completions(module_id TEXT NOT NULL, month TEXT NOT NULL, count INTEGER NOT NULL DEFAULT 0,"
    " PRIMARY KEY (module_id, month)) STRICT";

Result<json> completions(sql::Db& db) {
    if (auto s = db.exec(k_ddl); !s) return std::unexpected(s.error());
    auto st = db.prepare("SELECT module_id, month, count FROM completions ORDER BY month, module_id");
    if (!st) return std::unexpected(st.error());
    json out = json::array();
    for (;;) {
        auto row = st->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        out.push_back({{"module_id", st->text(0)}, {"month", st->text(1)}, {"count", st->int64(2)}});
    }
    return out;
}

Result<json> last_import(sql::Db& db) {
    auto st = db.prepare("SELECT at, channel, version, result FROM audit WHERE action='import' ORDER BY id DESC LIMIT 1");
    if (!st) return std::unexpected(st.error());
    auto row = st->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return json(nullptr);
    return json{{"at", st->text(0)}, {"channel", st->text(1)}, {"version", st->int64(2)}, {"result", st->text(3)}};
}
} // namespace

Status record_completion(StateStore& store, const std::string& module_id, std::int64_t now) {
    auto& db = state_db(store);
    if (auto s = db.exec(k_ddl); !s) return s;
    auto st = db.prepare("INSERT INTO completions(module_id, month, count) VALUES (?1, ?2, 1) "
                         "ON CONFLICT(module_id, month) DO UPDATE SET count = count + 1");
    if (!st) return std::unexpected(st.error());
    return st->bind(1, module_id).bind(2, format_utc(now).substr(0, 7)).run();
}

Result<std::string> status_json(StateStore& store, const minisign::PublicKey& device, std::int64_t now, std::int64_t exporting_now) {
    auto& db = state_db(store);
    auto chans = store.channels();
    auto name = store.setting("device_name");
    auto refused = db.query_int("SELECT count(*) FROM audit WHERE action='import' AND result NOT IN ('ok', 'E_SAME_VERSION') "
                                "AND id > coalesce((SELECT max(id) FROM audit WHERE action='export'), 0)");
    auto pending = pending_exports(store);
    auto done = completions(db);
    auto last = last_import(db);
    if (!chans || !name || !refused || !pending || !done || !last) return fail(Reason::corrupt, "The kiosk's state could not be read for the status file.");
    json j{{"format", "kiosk-status/1"}, {"device_key_id", device.key_id_hex()}, {"device_name", name->value_or("")},
           {"kiosk_version", KIOSK_VERSION}, {"exported_at", format_utc(now)}, {"refused_imports", *refused},
           {"pending_records", std::max<std::int64_t>(0, *pending - exporting_now)}, {"last_import", *last}, {"completions", *done}};
    j["channels"] = json::array();
    for (const auto& c : *chans)
        j["channels"].push_back({{"channel", c.channel}, {"title", c.current.title}, {"version", c.current.version},
                                 {"created", format_utc(c.current.created)}, {"expires", format_utc(c.current.expires)},
                                 {"installed_at", format_utc(c.installed_at)}});
    return j.dump(2) + "\n";
}

} // namespace content
