// Why this file exists: the manifest is what a kiosk decides on before it
// installs a bundle (channel, version, expiry, minimum kiosk version). This file
// reads and validates it (timestamps: dates.hpp).
#pragma once
#include "content/error.hpp"
#include "content/dates.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace content {

namespace sql { class Db; }

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
    std::string demo_clock;           // demo bundles only: local "YYYY-MM-DDTHH:MM" a kiosk in demo mode takes as now; "" when none
};

// Compares dotted version strings numerically ("0.10.0" > "0.9.1"), parts of
// any length without overflow; a missing part is 0 ("1.0" == "1.0.0").
// Returns <0, 0, >0. Non-digits are ignored (valid_version refuses them).
// Pure; any thread.
[[nodiscard]] int compare_versions(std::string_view a, std::string_view b);

// True if `v` is 1 to 4 dot-separated parts of 1 to 9 digits each ("0.1.0"),
// which is what a manifest's min_kiosk_version must be. Pure; any thread.
[[nodiscard]] bool valid_version(std::string_view v);

// True if `channel` is 1-64 chars of [a-z0-9-], starting with a letter or digit.
[[nodiscard]] bool valid_channel_name(std::string_view channel);

// Reads and validates the manifest table. Refuses (E_MANIFEST) a missing
// field, a wrong SQLite type, a bad timestamp, expires <= created, a bad
// channel name, version < 1, a min_kiosk_version that is not valid_version(),
// or a disclosure threshold under 5, or a demo_clock that is not a local
// time YYYY-MM-DDTHH:MM; E_FORMAT for a format other than kiosk-bundle/1 or
// kiosk-bundle/2 (bundle_verify checks that the tables match the format).
[[nodiscard]] Result<Manifest> read_manifest(sql::Db& db);

// Writes the manifest table (used by the publisher). The table must exist.
[[nodiscard]] Status write_manifest(sql::Db& db, const Manifest& m);

} // namespace content
