// Why this file exists: the manifest is what a kiosk decides on before it
// installs a bundle (channel, version, expiry, minimum kiosk version). This file
// reads and validates it, and handles the UTC timestamps it uses.
#pragma once
#include "content/error.hpp"
#include "content/sqlite.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace content {

struct Manifest {
    std::string format;
    std::string channel;
    std::int64_t version = 0;
    std::int64_t created = 0;   // unix seconds, UTC
    std::int64_t expires = 0;   // unix seconds, UTC
    std::string title;
    std::string min_kiosk_version;
    std::string summary_json;   // {"documents": N, ...}
    std::int64_t disclosure_threshold = 5;
    std::string publisher;
    std::string lint_overrides_json;  // "[]" when none
};

// Parses "YYYY-MM-DDTHH:MM:SSZ" (UTC). Returns nullopt for anything else.
[[nodiscard]] std::optional<std::int64_t> parse_utc(std::string_view s);
// Formats unix seconds as "YYYY-MM-DDTHH:MM:SSZ".
[[nodiscard]] std::string format_utc(std::int64_t t);
// Parses "YYYY-MM-DD" into unix seconds at 00:00 UTC. nullopt if malformed.
[[nodiscard]] std::optional<std::int64_t> parse_date(std::string_view s);

// Compares dotted version strings numerically ("0.10.0" > "0.9.1").
// Returns <0, 0, >0. Non-numeric parts compare as 0.
[[nodiscard]] int compare_versions(std::string_view a, std::string_view b);

// True if `channel` is 1-64 chars of [a-z0-9-], starting with a letter or digit.
[[nodiscard]] bool valid_channel_name(std::string_view channel);

// Reads and validates the manifest table. Refuses (E_MANIFEST) a missing
// field, a wrong SQLite type, a bad timestamp, expires <= created, a bad
// channel name, version < 1 or a disclosure threshold under 5; E_FORMAT for a
// format other than kiosk-bundle/1.
[[nodiscard]] Result<Manifest> read_manifest(sql::Db& db);

// Writes the manifest table (used by the publisher). The table must exist.
[[nodiscard]] Status write_manifest(sql::Db& db, const Manifest& m);

} // namespace content
