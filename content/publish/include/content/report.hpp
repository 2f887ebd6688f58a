// Why this file exists: the board asks "how many members were trained this
// year, in which module, and which kiosks still show last year's figures?".
// Kiosks answer on USB sticks: signed session records and a signed status
// file per export. This reads any number of export folders (in any order, with
// repeats), trusts only files signed by enrolled devices, counts each record
// once, and computes the board's figures. Publisher side only.
#pragma once
#include "content/error.hpp"
#include "content/fleet.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace content {

struct ReportPeriod {
    std::string from, to;  // "YYYY-MM-DD", inclusive; empty means open
    [[nodiscard]] bool contains(const std::string& utc_or_date) const;
};

struct RefusedFile {
    std::string file;
    Error why;
};

struct SessionRow {
    std::string device, device_key_id, module_id, module_title, trainer, started_at, ended_at;
    std::int64_t record_id = 0, attendees = 0, module_version = 0;
    std::vector<std::string> register_names;  // only where a register was kept
};

struct QuestionResult {
    std::string module_id, question;
    std::int64_t slide = 0, answer = -1, sessions = 0;
    std::vector<std::string> options;
    std::vector<std::int64_t> counts;  // summed over sessions
    [[nodiscard]] std::int64_t responses() const;
    [[nodiscard]] double share_right() const;  // 0..1; 0 with no responses
};

struct ChannelRow {
    std::string channel, title, created, expires;
    std::int64_t version = 0;
};

struct FleetRow {
    std::string name, key_id, kiosk_version, exported_at, last_import_at;
    std::vector<ChannelRow> channels;
    std::int64_t refused_imports = 0, pending_records = 0;
    std::int64_t days_since_update = -1;  // -1 when the kiosk never imported
    std::vector<std::string> warnings;     // expiry and staleness, in words
};

struct Report {
    ReportPeriod period;
    std::int64_t as_of = 0;                 // unix seconds the figures are judged at
    std::size_t files_read = 0, files_accepted = 0, duplicate_files = 0, duplicate_records = 0;
    std::vector<RefusedFile> refused;
    std::vector<std::string> notes;         // clock skew and other caveats, one sentence each
    std::vector<SessionRow> sessions;       // in the period, de-duplicated, oldest first
    std::int64_t attendees = 0;
    std::map<std::string, std::int64_t> sessions_by_module, sessions_by_month, completions_by_module;
    std::vector<QuestionResult> questions;  // hardest first
    std::vector<FleetRow> fleet;            // every enrolled device, by name
    std::string input_digest;               // BLAKE2b-512 hex over the accepted files' contents, sorted
};

struct ReportOptions {
    ReportPeriod period;
    std::int64_t as_of = 0;                  // 0: now
    std::size_t max_files = 100000;          // a huge folder is cut here, with a note
    std::uint64_t max_file_bytes = 16u << 20;
};

// Reads every export file under `dirs` (recursively, not following links),
// verifies each against `registry`, and computes the figures. Files that are
// unsigned, tampered with, truncated, from an unknown device or unreadable are
// listed in `refused` and never counted. Fails only when nothing can be read
// at all (E_NOT_FOUND for a missing folder) or the registry fails.
[[nodiscard]] Result<Report> build_report(DeviceRegistry& registry, const std::vector<std::filesystem::path>& dirs, const ReportOptions& opts);

// The report as one self-contained HTML page (inline SVG, no scripts, no
// external references), printable on A4.
[[nodiscard]] std::string report_html(const Report& r);
// One row per session, for the council's own spreadsheets (with register
// names where a register was kept).
[[nodiscard]] std::string report_csv(const Report& r);
// The board's figures as plain text for the terminal.
[[nodiscard]] std::string report_text(const Report& r);

} // namespace content
