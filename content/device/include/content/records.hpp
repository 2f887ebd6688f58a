// Why this file exists: training records leave the kiosk on a USB stick,
// signed with the kiosk's own device key so the council can check with
// `minisign -V` that a record came from that kiosk unaltered. A record is
// marked exported only after its file is completely and durably written.
#pragma once
#include "content/error.hpp"
#include "content/minisign.hpp"
#include "content/state_store.hpp"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace content {

// The device key: created on first use in DATA/device.key (0600 from
// creation, E_IO where that cannot be kept) and DATA/device.pub. Returns the
// secret key. Writes: only under the data directory lock, never from a
// read-only command.
[[nodiscard]] Result<minisign::SecretKey> device_key(StateStore& store);

// The device's public key if one exists (nullopt when none has been created
// yet). Reads only; for read-only commands.
[[nodiscard]] Result<std::optional<minisign::PublicKey>> existing_device_public_key(const StateStore& store);

struct Attendee {
    std::string name, organisation;
};

// Saves a session record from the JSON the training view produces (module_id,
// module_version, channel, trainer, started_at, ended_at, slides_shown,
// attendees, tallies, and "outcome": "ended" (the default) or "not ended" for
// a session saved at the idle reset; E_USAGE for any other outcome). One
// commit. `register_names` is stored only when the register is on.
[[nodiscard]] Result<std::int64_t> save_session_record(StateStore& store, const std::string& json, const std::vector<Attendee>& register_names);

[[nodiscard]] Result<std::int64_t> pending_exports(StateStore& store);

struct ExportReport {
    std::vector<std::filesystem::path> files;  // each with a .minisig beside it
    std::size_t records = 0;
};

enum class KeepRegister { no, yes };

struct ExportOptions {
    KeepRegister keep = KeepRegister::no;
    std::int64_t now = 0;  // 0 = time(nullptr)
    // Called before each file (done, total) and once at the end (total, total); any thread the export runs on.
    std::function<void(std::size_t done, std::size_t total)> on_progress;
};

// Writes session-records-<stamp>.csv and .json, attendees-<stamp>.csv (when
// any), and audit-log-<stamp>.csv to `dir`, where <stamp> is the time and a
// random part, so no export ever has another's name. Each file is created new
// (O_EXCL|O_NOFOLLOW, fsync, never renamed over an existing file), read back
// and compared, and signed with the device key. Marks records exported only
// after every file has read back as written; then deletes attendee names
// unless `keep`. E_IO/E_NO_SPACE when the stick cannot be written or does not
// read back (nothing is marked). The thread that owns `store`.
[[nodiscard]] Result<ExportReport> export_records(StateStore& store, const std::filesystem::path& dir, const ExportOptions& opts);
[[nodiscard]] Result<ExportReport> export_records(StateStore& store, const std::filesystem::path& dir, KeepRegister keep);

// Test hook: when set, file writes during export go through this instead.
using ExportWriter = Status (*)(const std::filesystem::path&, std::string_view);
void set_export_writer(ExportWriter w);

} // namespace content
