// Why this file exists: training records leave the kiosk on a USB stick,
// signed with the kiosk's own device key so the council can check with
// `minisign -V` that a record came from that kiosk unaltered. A record is
// marked exported only after its file is completely and durably written.
#pragma once
#include "content/error.hpp"
#include "content/minisign.hpp"
#include "content/state_store.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace content {

// The device key: created on first use in DATA/device.key (0600) and
// DATA/device.pub. Returns the secret key.
[[nodiscard]] Result<minisign::SecretKey> device_key(StateStore& store);

struct Attendee {
    std::string name, organisation;
};

// Saves a session record from the JSON the training view produces (module_id,
// module_version, channel, trainer, started_at, ended_at, slides_shown,
// attendees, tallies). `register_names` is stored only when the register is on.
[[nodiscard]] Result<std::int64_t> save_session_record(StateStore& store, const std::string& json, const std::vector<Attendee>& register_names);

[[nodiscard]] Result<std::int64_t> pending_exports(StateStore& store);

struct ExportReport {
    std::vector<std::filesystem::path> files;  // each with a .minisig beside it
    std::size_t records = 0;
};

enum class KeepRegister { no, yes };

// Writes session-records-<stamp>.csv and .json, attendees-<stamp>.csv (when
// any), and audit-log-<stamp>.csv to `dir`, each atomically (temp, fsync,
// rename) and each signed with the device key. Marks records exported only
// after every file is in place; then deletes attendee names unless `keep`.
// E_IO/E_NO_SPACE when the stick cannot be written (nothing is marked).
[[nodiscard]] Result<ExportReport> export_records(StateStore& store, const std::filesystem::path& dir, KeepRegister keep);

// Test hook: when set, file writes during export go through this instead.
using ExportWriter = Status (*)(const std::filesystem::path&, std::string_view);
void set_export_writer(ExportWriter w);

} // namespace content
