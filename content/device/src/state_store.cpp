// Device state database; see state_store.hpp.
#include "content/state_store.hpp"
#include "content/state_db.hpp"
#include "content/sqlite.hpp"
#include "content/file_io.hpp"
#include "content/manifest.hpp"
#include "content/text_util.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <ctime>

namespace fs = std::filesystem;

namespace content {
namespace {

constexpr std::string_view k_state_ddl = R"SQL(
CREATE TABLE IF NOT EXISTS trusted_keys(
  key_id TEXT PRIMARY KEY NOT NULL,
  public_key TEXT NOT NULL,
  channels TEXT NOT NULL,
  added TEXT NOT NULL,
  label TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS channels(
  channel TEXT PRIMARY KEY NOT NULL,
  file TEXT NOT NULL, version INTEGER NOT NULL, title TEXT NOT NULL,
  created INTEGER NOT NULL, expires INTEGER NOT NULL, key_id TEXT NOT NULL,
  prev_file TEXT, prev_version INTEGER, prev_title TEXT,
  prev_created INTEGER, prev_expires INTEGER, prev_key_id TEXT,
  installed_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS high_water(
  channel TEXT PRIMARY KEY NOT NULL,
  version INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS clock(
  id INTEGER PRIMARY KEY CHECK (id = 1),
  newest_signed_time INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS freshness(
  channel TEXT PRIMARY KEY NOT NULL,
  newest_signed_time INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS audit(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL, action TEXT NOT NULL, channel TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 0, result TEXT NOT NULL, detail TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TABLE IF NOT EXISTS session_records(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  module_id TEXT NOT NULL, module_version INTEGER NOT NULL, channel TEXT NOT NULL,
  trainer TEXT NOT NULL, started_at TEXT NOT NULL, ended_at TEXT NOT NULL,
  slides_shown INTEGER NOT NULL, attendees INTEGER NOT NULL,
  tallies TEXT NOT NULL,
  exported_at TEXT
);
CREATE TABLE IF NOT EXISTS attendees(
  record_id INTEGER NOT NULL REFERENCES session_records(id),
  name TEXT NOT NULL, organisation TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS settings(
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
);
)SQL";

std::string now_utc() { return format_utc(static_cast<std::int64_t>(std::time(nullptr))); }

// Kiosks from before per-channel freshness kept one global time; each
// installed channel starts from its own installed bundles' signed times.
constexpr std::string_view k_freshness_seed =
    "INSERT OR IGNORE INTO freshness(channel, newest_signed_time) "
    "SELECT channel, max(created, coalesce(prev_created, 0)) FROM channels";


} // namespace

fs::path default_data_dir() {
    if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x) return fs::path(x) / "member-kiosk";
    if (const char* h = std::getenv("HOME"); h && *h) return fs::path(h) / ".local" / "share" / "member-kiosk";
    return fs::path("/var/lib/member-kiosk");
}

Result<StateStore> StateStore::open(const fs::path& dir) {
    std::error_code ec;
    for (const auto& d : {dir, dir / "bundles", dir / "staging"}) {
        fs::create_directories(d, ec);
        if (ec) return fail(Reason::io, "Cannot create the data folder " + d.string() + ": " + ec.message() + ".");
    }
    auto db = sql::Db::open(dir / "state.db", sql::OpenMode::read_write_create);
    if (!db) return std::unexpected(db.error());
    for (auto s : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
        auto r = db->query_text(s);
        if (!r) return std::unexpected(r.error());
    }
    auto ic = db->query_text("PRAGMA quick_check");
    if (!ic || !*ic || **ic != "ok") return fail(Reason::corrupt, "The kiosk's state database " + (dir / "state.db").string() + " is damaged.");
    auto had_freshness = db->query_int("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='freshness'");
    if (!had_freshness) return std::unexpected(had_freshness.error());
    if (auto s = db->exec(k_state_ddl); !s) return std::unexpected(s.error());
    if (*had_freshness == 0)  // once, when upgrading: a later reset_freshness must stay reset
        if (auto s = db->exec(k_freshness_seed); !s) return std::unexpected(s.error());
    return StateStore(dir, std::make_unique<sql::Db>(std::move(*db)));
}

Result<StateStore> StateStore::open_read_only(const fs::path& dir) {
    std::error_code ec;
    if (!fs::exists(dir / "state.db", ec)) return fail(Reason::not_found, "There is no kiosk state in " + dir.string() + " yet.");
    auto db = sql::Db::open(dir / "state.db", sql::OpenMode::read_only);
    if (!db) return std::unexpected(db.error());
    if (auto s = db->exec("PRAGMA query_only=ON"); !s) return std::unexpected(s.error());
    return StateStore(dir, std::make_unique<sql::Db>(std::move(*db)));
}

Status check_freshness(const std::string& title, std::int64_t created, std::int64_t expires, std::int64_t newest, std::int64_t now, FutureDated future) {
    const std::int64_t clock = std::max(now, newest);
    if (clock >= expires)
        return fail(Reason::expired, "The bundle '" + title + "' expired on " + format_utc(expires) + "; ask the publisher for a current one.");
    const std::int64_t base = std::max(clock, release_floor_time);
    if (future == FutureDated::refuse && created > base + max_future_seconds)
        return fail(Reason::future_dated, "The bundle '" + title + "' says it was signed on " + format_utc(created) + ", more than 400 days after " +
                                              format_utc(base) + ", the newest time this kiosk knows for its channel. If that date is right, an "
                                              "administrator can confirm it (kiosk --import PATH --allow-future).");
    return {};
}

Status StateStore::trust(const minisign::PublicKey& key, const std::vector<std::string>& channels, const std::string& label) {
    for (auto& c : channels)
        if (!valid_channel_name(c)) return fail(Reason::usage, "'" + c + "' is not a valid channel name.");
    if (channels.empty()) return fail(Reason::usage, "A trusted key must be allowed at least one channel.");
    // Key roles stay apart (issue 21): the key that signs kiosk software
    // signs nothing else, and no content key may sign software.
    if (std::find(channels.begin(), channels.end(), "software") != channels.end() && channels.size() > 1)
        return fail(Reason::usage, "The software key may sign kiosk software only; trust content keys for content channels separately.");
    auto tx = sql::Transaction::begin(*m_db);
    if (!tx) return std::unexpected(tx.error());
    auto st = m_db->prepare("INSERT OR REPLACE INTO trusted_keys(key_id, public_key, channels, added, label) VALUES (?1,?2,?3,?4,?5)");
    if (!st) return std::unexpected(st.error());
    std::string kid = key.key_id_hex();
    if (auto r = st->bind(1, kid).bind(2, format_public_key(key)).bind(3, json_string_list(channels)).bind(4, now_utc()).bind(5, label).run(); !r) return r;
    std::string list;
    for (auto& c : channels) list += (list.empty() ? "" : ",") + c;
    if (auto r = audit("trust", "", 0, "ok", "key " + kid + " may publish " + list); !r) return r;
    return tx->commit();
}

Status StateStore::untrust(const std::string& kid) {
    auto tx = sql::Transaction::begin(*m_db);
    if (!tx) return std::unexpected(tx.error());
    auto st = m_db->prepare("DELETE FROM trusted_keys WHERE key_id=?1");
    if (!st) return std::unexpected(st.error());
    if (auto r = st->bind(1, kid).run(); !r) return r;
    if (m_db->changes() == 0) return fail(Reason::not_found, "Key " + kid + " is not trusted on this kiosk.");
    if (auto r = audit("untrust", "", 0, "ok", "key " + kid + " removed"); !r) return r;
    return tx->commit();
}

Result<std::vector<TrustedKey>> StateStore::trusted_keys() {
    auto st = m_db->prepare("SELECT public_key, channels, added, label FROM trusted_keys ORDER BY added, key_id");
    if (!st) return std::unexpected(st.error());
    std::vector<TrustedKey> out;
    for (;;) {
        auto row = st->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        auto pk = minisign::parse_public_key(st->text(0));
        if (!pk) continue;
        out.push_back(TrustedKey{*pk, parse_json_string_list(st->text(1)), st->text(2), st->text(3)});
    }
    return out;
}

Result<std::optional<TrustedKey>> StateStore::find_key(const minisign::KeyId& id) {
    auto keys = trusted_keys();
    if (!keys) return std::unexpected(keys.error());
    for (auto& k : *keys)
        if (k.key.key_id == id) return std::optional<TrustedKey>(k);
    return std::optional<TrustedKey>{};
}

namespace {
constexpr const char* k_channel_cols =
    "channel,file,version,title,created,expires,key_id,prev_file,prev_version,prev_title,prev_created,prev_expires,prev_key_id,installed_at";
ChannelState channel_from(sql::Stmt& s) {
    ChannelState c;
    c.channel = s.text(0);
    c.current = InstalledBundle{s.text(1), s.int64(2), s.text(3), s.int64(4), s.int64(5), s.text(6)};
    if (!s.is_null(7)) c.previous = InstalledBundle{s.text(7), s.int64(8), s.text(9), s.int64(10), s.int64(11), s.text(12)};
    c.installed_at = s.int64(13);
    return c;
}
} // namespace

Result<std::vector<ChannelState>> StateStore::channels() {
    return sql::collect<ChannelState>(*m_db, std::string("SELECT ") + k_channel_cols + " FROM channels ORDER BY channel", channel_from);
}

Result<std::optional<ChannelState>> StateStore::channel(const std::string& name) {
    auto st = m_db->prepare(std::string("SELECT ") + k_channel_cols + " FROM channels WHERE channel=?1");
    if (!st) return std::unexpected(st.error());
    st->bind(1, name);
    auto row = st->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<ChannelState>{};
    return std::optional<ChannelState>(channel_from(*st));
}

Result<std::int64_t> StateStore::high_water(const std::string& channel) {
    auto st = m_db->prepare("SELECT version FROM high_water WHERE channel=?1");
    if (!st) return std::unexpected(st.error());
    st->bind(1, channel);
    auto row = st->step();
    if (!row) return std::unexpected(row.error());
    return *row ? st->int64(0) : 0;
}

Result<std::vector<std::pair<std::string, std::int64_t>>> StateStore::high_water_marks() {
    return sql::collect<std::pair<std::string, std::int64_t>>(*m_db, "SELECT channel, version FROM high_water ORDER BY channel",
                                                              [](sql::Stmt& s) { return std::make_pair(s.text(0), s.int64(1)); });
}

Result<std::int64_t> StateStore::newest_signed_time() {
    return m_db->query_int("SELECT coalesce(max(newest_signed_time), 0) FROM freshness");
}

Result<std::int64_t> StateStore::newest_signed_time(const std::string& channel) {
    auto st = m_db->prepare("SELECT newest_signed_time FROM freshness WHERE channel=?1");
    if (!st) return std::unexpected(st.error());
    st->bind(1, channel);
    auto row = st->step();
    if (!row) return std::unexpected(row.error());
    return *row ? st->int64(0) : 0;
}

Result<std::vector<std::pair<std::string, std::int64_t>>> StateStore::freshness_marks() {
    return sql::collect<std::pair<std::string, std::int64_t>>(*m_db, "SELECT channel, newest_signed_time FROM freshness ORDER BY channel",
                                                              [](sql::Stmt& s) { return std::make_pair(s.text(0), s.int64(1)); });
}

Status StateStore::reset_freshness(const std::string& channel, const std::string& reason) {
    auto tx = sql::Transaction::begin(*m_db);
    if (!tx) return std::unexpected(tx.error());
    auto old = newest_signed_time(channel);
    if (!old) return std::unexpected(old.error());
    auto st = m_db->prepare("DELETE FROM freshness WHERE channel=?1");
    if (!st) return std::unexpected(st.error());
    if (auto r = st->bind(1, channel).run(); !r) return r;
    if (m_db->changes() == 0) return fail(Reason::not_found, "Channel '" + channel + "' has no signed time to reset.");
    if (auto r = audit("reset-freshness", channel, 0, "ok", "forgot the newest signed time " + format_utc(*old) + (reason.empty() ? "" : ": " + reason)); !r)
        return r;
    return tx->commit();
}

namespace {
// The version rules against the state as it is inside the commit transaction.
Status check_version(StateStore& s, const std::string& channel, const InstalledBundle& in, const std::optional<ChannelState>& cur) {
    auto hw = s.high_water(channel);
    if (!hw) return std::unexpected(hw.error());
    if (in.version < *hw)
        return fail(Reason::rollback, "This is version " + std::to_string(in.version) + " of '" + channel + "', older than version " +
                                          std::to_string(*hw) + " already accepted. Old content cannot replace newer content.");
    if (cur && cur->current.version == in.version)
        return fail(Reason::same_version, "Version " + std::to_string(in.version) + " of '" + channel + "' is already installed; nothing to do.");
    return {};
}
} // namespace

Status StateStore::write_channel(const ChannelState& c) {
    auto st = m_db->prepare(std::string("INSERT OR REPLACE INTO channels(") + k_channel_cols + ") VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)");
    if (!st) return std::unexpected(st.error());
    const auto& in = c.current;
    st->bind(1, c.channel).bind(2, in.file).bind(3, in.version).bind(4, in.title).bind(5, in.created).bind(6, in.expires).bind(7, in.key_id);
    if (c.previous) {
        const auto& p = *c.previous;
        st->bind(8, p.file).bind(9, p.version).bind(10, p.title).bind(11, p.created).bind(12, p.expires).bind(13, p.key_id);
    } else {
        for (int i = 8; i <= 13; ++i) st->bind_null(i);
    }
    st->bind(14, c.installed_at);
    return st->run();
}

Result<std::optional<std::string>> StateStore::commit_install(const std::string& channel, const InstalledBundle& in, const std::string& detail,
                                                              const InstallRules& rules) {
    auto tx = sql::Transaction::begin(*m_db);
    if (!tx) return std::unexpected(tx.error());
    auto old = this->channel(channel);
    if (!old) return std::unexpected(old.error());
    if (auto v = check_version(*this, channel, in, *old); !v) return std::unexpected(v.error());
    auto newest = newest_signed_time(channel);
    if (!newest) return std::unexpected(newest.error());
    const std::int64_t now = rules.now ? rules.now : static_cast<std::int64_t>(std::time(nullptr));
    if (auto f = check_freshness(in.title, in.created, in.expires, *newest, now, rules.future); !f) return std::unexpected(f.error());
    ChannelState next{channel, in, std::nullopt, static_cast<std::int64_t>(std::time(nullptr))};
    std::optional<std::string> dropped;
    if (*old) {
        next.previous = (*old)->current;
        if ((*old)->previous && (*old)->previous->file != in.file) dropped = (*old)->previous->file;
    }
    if (auto r = write_channel(next); !r) return std::unexpected(r.error());
    auto hw = m_db->prepare("INSERT INTO high_water(channel, version) VALUES (?1, ?2) ON CONFLICT(channel) DO UPDATE SET version=max(version, excluded.version)");
    if (!hw) return std::unexpected(hw.error());
    if (auto r = hw->bind(1, channel).bind(2, in.version).run(); !r) return std::unexpected(r.error());
    auto ck = m_db->prepare("INSERT INTO freshness(channel, newest_signed_time) VALUES (?1, ?2) "
                            "ON CONFLICT(channel) DO UPDATE SET newest_signed_time=max(newest_signed_time, excluded.newest_signed_time)");
    if (!ck) return std::unexpected(ck.error());
    if (auto r = ck->bind(1, channel).bind(2, in.created).run(); !r) return std::unexpected(r.error());
    if (auto r = audit("import", channel, in.version, "ok", detail); !r) return std::unexpected(r.error());
    if (auto c = tx->commit(); !c) return std::unexpected(c.error());
    return dropped;
}

Result<ChannelState> StateStore::commit_rollback(const std::string& channel) {
    auto tx = sql::Transaction::begin(*m_db);
    if (!tx) return std::unexpected(tx.error());
    auto old = this->channel(channel);
    if (!old) return std::unexpected(old.error());
    if (!*old) return fail(Reason::not_found, "Nothing is installed on channel '" + channel + "'.");
    if (!(*old)->previous) return fail(Reason::not_found, "Channel '" + channel + "' has no previous bundle to go back to.");
    ChannelState swapped = **old;
    std::swap(swapped.current, *swapped.previous);
    swapped.installed_at = static_cast<std::int64_t>(std::time(nullptr));
    if (auto r = write_channel(swapped); !r) return std::unexpected(r.error());
    const auto& c = swapped.current;
    if (auto r = audit("rollback", channel, c.version, "ok", "from version " + std::to_string(swapped.previous->version) + " back to " + std::to_string(c.version));
        !r)
        return std::unexpected(r.error());
    if (auto r = tx->commit(); !r) return std::unexpected(r.error());
    return swapped;
}

Result<std::vector<std::string>> StateStore::referenced_files() {
    return sql::collect<std::string>(*m_db, "SELECT file FROM channels UNION SELECT prev_file FROM channels WHERE prev_file IS NOT NULL",
                                     [](sql::Stmt& s) { return s.text(0); });
}

Status StateStore::audit(const std::string& action, const std::string& channel, std::int64_t version, const std::string& result,
                         const std::string& detail) {
    auto st = m_db->prepare("INSERT INTO audit(at, action, channel, version, result, detail) VALUES (?1,?2,?3,?4,?5,?6)");
    if (!st) return std::unexpected(st.error());
    return st->bind(1, now_utc()).bind(2, action).bind(3, channel).bind(4, version).bind(5, result).bind(6, detail).run();
}

Result<std::vector<AuditEntry>> StateStore::audit_log(std::size_t limit) {
    auto st = m_db->prepare("SELECT id, at, action, channel, version, result, detail FROM audit ORDER BY id DESC LIMIT ?1");
    if (!st) return std::unexpected(st.error());
    st->bind(1, static_cast<std::int64_t>(limit));
    return sql::collect<AuditEntry>(*st, [](sql::Stmt& s) { return AuditEntry{s.int64(0), s.text(1), s.text(2), s.text(3), s.int64(4), s.text(5), s.text(6)}; });
}

Result<std::optional<std::string>> StateStore::setting(const std::string& key) {
    auto st = m_db->prepare("SELECT value FROM settings WHERE key=?1");
    if (!st) return std::unexpected(st.error());
    st->bind(1, key);
    auto row = st->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<std::string>{};
    return std::optional<std::string>(st->text(0));
}

Status StateStore::set_setting(const std::string& key, const std::string& value) {
    auto st = m_db->prepare("INSERT OR REPLACE INTO settings(key, value) VALUES (?1, ?2)");
    if (!st) return std::unexpected(st.error());
    return st->bind(1, key).bind(2, value).run();
}

StateStore::StateStore(std::filesystem::path dir, std::unique_ptr<sql::Db> db) : m_dir(std::move(dir)), m_db(std::move(db)) {}
StateStore::StateStore(StateStore&&) noexcept = default;
StateStore& StateStore::operator=(StateStore&&) noexcept = default;
StateStore::~StateStore() = default;

sql::Db& state_db(StateStore& s) { return *s.m_db; }

std::vector<InstalledChannel> installed_channels(const std::vector<ChannelState>& channels, const std::filesystem::path& bundles_dir) {
    std::vector<InstalledChannel> out;
    out.reserve(channels.size());
    for (auto& ch : channels)
        out.push_back(InstalledChannel{ChannelInfo{ch.channel, ch.current.title, ch.current.version, ch.current.created, ch.current.expires,
                                                   ch.previous ? std::optional<std::int64_t>(ch.previous->version) : std::nullopt},
                                       bundles_dir / ch.current.file});
    return out;
}

} // namespace content
