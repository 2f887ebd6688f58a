// Why this file exists: the kiosk's device state. One small SQLite database
// (WAL, synchronous=FULL) in the data directory holds what is trusted, what is
// installed, the high-water marks, the newest signed time seen per channel,
// settings, and an append-only audit log. A channel switch is one transaction:
// the only commit point of an import or a rollback, and the version and
// freshness rules are checked again inside it.
//
// Threads: one StateStore per thread. The GUI's device services own one on the
// UI thread and open their own on each worker; SQLite's WAL and busy timeout
// arbitrate between them and other processes.
#pragma once
#include "content/error.hpp"
#include "content/minisign.hpp"
#include "content/catalog.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace content {

namespace sql { class Db; }

struct TrustedKey {
    minisign::PublicKey key;
    std::vector<std::string> channels;
    std::string added;  // UTC time
    std::string label;
};

struct InstalledBundle {
    std::string file;  // name inside DATA/bundles
    std::int64_t version = 0;
    std::string title;
    std::int64_t created = 0, expires = 0;
    std::string key_id;
};

struct ChannelState {
    std::string channel;
    InstalledBundle current;
    std::optional<InstalledBundle> previous;
    std::int64_t installed_at = 0;
};

struct AuditEntry {
    std::int64_t id = 0;
    std::string at;      // UTC time
    std::string action;  // import, rollback, trust, untrust, pin, settings, export, display-guard...
    std::string channel;
    std::int64_t version = 0;
    std::string result;  // ok, or a reason code
    std::string detail;
};

// A `created` more than this far ahead of a channel's newest signed time (or
// the clock) is refused (E_FUTURE_DATED) unless an administrator confirms it.
inline constexpr std::int64_t max_future_seconds = 400ll * 24 * 3600;
// The earliest plausible time: a board without a real-time clock boots in
// 1970, and the future check measures from no earlier than this.
inline constexpr std::int64_t release_floor_time = 1767225600;  // 2026-01-01T00:00:00Z

enum class FutureDated { refuse, allow };

// What the commit re-checks inside its transaction.
struct InstallRules {
    std::int64_t now = 0;  // wall clock; 0 = time(nullptr)
    FutureDated future = FutureDated::refuse;
};

// The freshness rules for one channel, given the newest signed time seen on it:
// E_EXPIRED when `expires` is not after max(now, newest); E_FUTURE_DATED when
// `created` is more than max_future_seconds ahead of max(now, newest,
// release_floor_time) and `future` is refuse. Pure; any thread.
[[nodiscard]] Status check_freshness(const std::string& title, std::int64_t created, std::int64_t expires, std::int64_t newest, std::int64_t now,
                                     FutureDated future);

class StateStore {
public:
    // Opens (creating if needed) DATA/state.db. Refuses E_IO when the folder
    // cannot be written, E_CORRUPT when the database is damaged.
    [[nodiscard]] static Result<StateStore> open(const std::filesystem::path& data_dir);
    // Opens an existing DATA/state.db read-only: creates nothing, runs no
    // migration and no recovery, and every write through it fails. For
    // --status, --search and --device-key. E_NOT_FOUND when there is no state yet.
    [[nodiscard]] static Result<StateStore> open_read_only(const std::filesystem::path& data_dir);

    [[nodiscard]] const std::filesystem::path& data_dir() const { return m_dir; }
    [[nodiscard]] std::filesystem::path bundles_dir() const { return m_dir / "bundles"; }
    [[nodiscard]] std::filesystem::path staging_dir() const { return m_dir / "staging"; }

    // Trust: adds or replaces a key with the channels it may publish; the
    // change and its audit entry are one commit.
    [[nodiscard]] Status trust(const minisign::PublicKey& key, const std::vector<std::string>& channels, const std::string& label);
    // Removes a key (with its audit entry, one commit); E_NOT_FOUND if it was not trusted.
    [[nodiscard]] Status untrust(const std::string& key_id_hex);
    [[nodiscard]] Result<std::vector<TrustedKey>> trusted_keys();
    [[nodiscard]] Result<std::optional<TrustedKey>> find_key(const minisign::KeyId& id);

    [[nodiscard]] Result<std::vector<ChannelState>> channels();
    [[nodiscard]] Result<std::optional<ChannelState>> channel(const std::string& name);
    [[nodiscard]] Result<std::int64_t> high_water(const std::string& channel);  // 0 when none
    [[nodiscard]] Result<std::vector<std::pair<std::string, std::int64_t>>> high_water_marks();
    [[nodiscard]] Result<std::int64_t> newest_signed_time();  // over all channels; 0 when none
    [[nodiscard]] Result<std::int64_t> newest_signed_time(const std::string& channel);  // 0 when none
    [[nodiscard]] Result<std::vector<std::pair<std::string, std::int64_t>>> freshness_marks();
    // Admin: forgets the newest signed time of `channel` (for a publisher that
    // signed with a wrong date), audited in the same commit. The high-water
    // mark stays. E_NOT_FOUND when the channel has none.
    [[nodiscard]] Status reset_freshness(const std::string& channel, const std::string& reason);

    // THE commit point of an import: in one transaction (BEGIN IMMEDIATE),
    // re-checks the version against the high-water mark (E_ROLLBACK), the
    // installed version (E_SAME_VERSION) and the channel's freshness
    // (E_EXPIRED, E_FUTURE_DATED) as they are now, then makes `incoming` the
    // channel's current bundle, keeps the old current as previous, raises the
    // high-water mark and the channel's newest signed time, and appends the
    // audit entry. Returns the file that is no longer referenced (the old
    // previous), if any. On a refusal nothing is changed.
    [[nodiscard]] Result<std::optional<std::string>> commit_install(const std::string& channel, const InstalledBundle& incoming,
                                                                    const std::string& audit_detail, const InstallRules& rules);
    // THE commit point of a rollback: swaps current and previous. The
    // high-water mark does not move. E_NOT_FOUND without a previous bundle.
    [[nodiscard]] Result<ChannelState> commit_rollback(const std::string& channel);

    // Every bundle file the state refers to (current and previous).
    [[nodiscard]] Result<std::vector<std::string>> referenced_files();

    // Appends to the audit log (its own transaction). The log cannot be
    // altered or deleted: triggers in the state database refuse it.
    [[nodiscard]] Status audit(const std::string& action, const std::string& channel, std::int64_t version, const std::string& result,
                               const std::string& detail);
    [[nodiscard]] Result<std::vector<AuditEntry>> audit_log(std::size_t limit);

    // Settings: small key/value strings (default locality, theme, ...).
    [[nodiscard]] Result<std::optional<std::string>> setting(const std::string& key);
    [[nodiscard]] Status set_setting(const std::string& key, const std::string& value);

    StateStore(StateStore&&) noexcept;
    StateStore& operator=(StateStore&&) noexcept;
    ~StateStore();

private:
    friend sql::Db& state_db(StateStore&);
    Status write_channel(const ChannelState& c);  // content/state_db.hpp, device layer only
    StateStore(std::filesystem::path dir, std::unique_ptr<sql::Db> db);
    std::filesystem::path m_dir;
    std::unique_ptr<sql::Db> m_db;
};

// The read model's view of what is installed: each channel's current bundle
// file under `bundles_dir`. Pure; any thread.
[[nodiscard]] std::vector<InstalledChannel> installed_channels(const std::vector<ChannelState>& channels, const std::filesystem::path& bundles_dir);

// The default data directory: $XDG_DATA_HOME/member-kiosk, else
// ~/.local/share/member-kiosk.
[[nodiscard]] std::filesystem::path default_data_dir();

} // namespace content
