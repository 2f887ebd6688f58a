// Device enrolment for reports; see fleet.hpp.
#include "content/fleet.hpp"
#include "content/dates.hpp"
#include "content/sqlite.hpp"

#include <cstdlib>
#include <ctime>

namespace fs = std::filesystem;

namespace content {
namespace {
constexpr const char* k_ddl = R"(
CREATE TABLE IF NOT EXISTS devices(
  key_id TEXT PRIMARY KEY,
  public_key TEXT NOT NULL,
  name TEXT NOT NULL UNIQUE,
  enrolled_at TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS registry_info(id INTEGER PRIMARY KEY CHECK (id = 1), format TEXT NOT NULL) STRICT;
INSERT OR IGNORE INTO registry_info(id, format) VALUES (1, 'kiosk-devices/1');
)";
} // namespace

DeviceRegistry::DeviceRegistry(std::unique_ptr<sql::Db> db) : m_db(std::move(db)) {}
DeviceRegistry::DeviceRegistry(DeviceRegistry&&) noexcept = default;
DeviceRegistry& DeviceRegistry::operator=(DeviceRegistry&&) noexcept = default;
DeviceRegistry::~DeviceRegistry() = default;

Result<DeviceRegistry> DeviceRegistry::open(const fs::path& path) {
    std::error_code ec;
    if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
    auto db = sql::Db::open(path, sql::OpenMode::read_write_create);
    if (!db) return std::unexpected(db.error());
    if (auto s = db->exec(k_ddl); !s)
        return fail(Reason::format, path.string() + " is not a device registry (" + s.error().message + ")");
    auto f = db->query_text("SELECT format FROM registry_info WHERE id=1");
    if (!f || !*f || **f != "kiosk-devices/1") return fail(Reason::format, path.string() + " is not a kiosk-devices/1 registry.");
    return DeviceRegistry(std::make_unique<sql::Db>(std::move(*db)));
}

Status DeviceRegistry::add(const minisign::PublicKey& key, const std::string& name) {
    if (name.empty() || name.size() > 100) return fail(Reason::usage, "A device needs a name of 1 to 100 characters.");
    auto other = m_db->prepare("SELECT key_id FROM devices WHERE name=?1 AND key_id<>?2");
    if (!other) return std::unexpected(other.error());
    other->bind(1, name).bind(2, key.key_id_hex());
    auto row = other->step();
    if (!row) return std::unexpected(row.error());
    if (*row) return fail(Reason::usage, "The name \"" + name + "\" is already used by device " + other->text(0) + ".");
    auto st = m_db->prepare("INSERT INTO devices(key_id, public_key, name, enrolled_at) VALUES (?1,?2,?3,?4) "
                            "ON CONFLICT(key_id) DO UPDATE SET name=excluded.name");
    if (!st) return std::unexpected(st.error());
    return st->bind(1, key.key_id_hex()).bind(2, minisign::format_public_key(key)).bind(3, name).bind(4, format_utc(std::time(nullptr))).run();
}

Status DeviceRegistry::remove(const std::string& id_or_name) {
    auto st = m_db->prepare("DELETE FROM devices WHERE key_id=?1 OR name=?1");
    if (!st) return std::unexpected(st.error());
    if (auto r = st->bind(1, id_or_name).run(); !r) return r;
    if (m_db->changes() == 0) return fail(Reason::not_found, "No enrolled device has the key id or name \"" + id_or_name + "\".");
    return {};
}

Result<std::vector<EnrolledDevice>> DeviceRegistry::list() {
    auto st = m_db->prepare("SELECT public_key, name, enrolled_at FROM devices ORDER BY name");
    if (!st) return std::unexpected(st.error());
    std::vector<EnrolledDevice> out;
    for (;;) {
        auto row = st->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        auto pk = minisign::parse_public_key(st->text(0));
        if (!pk) return fail(Reason::corrupt, "The registry holds a damaged key for \"" + st->text(1) + "\".");
        out.push_back(EnrolledDevice{*pk, st->text(1), st->text(2)});
    }
    return out;
}

Result<std::optional<EnrolledDevice>> DeviceRegistry::find(const minisign::KeyId& id) {
    auto all = list();
    if (!all) return std::unexpected(all.error());
    for (auto& d : *all)
        if (d.key.key_id == id) return std::optional<EnrolledDevice>(d);
    return std::optional<EnrolledDevice>();
}

fs::path default_registry_path() {
    if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x) return fs::path(x) / "kiosk-bundle" / "devices.db";
    const char* home = std::getenv("HOME");
    return fs::path(home && *home ? home : ".") / ".local" / "share" / "kiosk-bundle" / "devices.db";
}

} // namespace content
