// Why this file exists: the admin screen's Device tab (issue 21) shows what a
// technician needs to know about the board. The platform gathers it into this
// model (platform/src/device_info.cpp); the view only draws it, never reading
// files itself.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace kiosk {

// A kiosk software package found on a mounted stick, before the update helper
// has verified it: what its file name claims, and what that would mean.
struct SoftwareOffer {
    std::string file;          // the name on the stick
    std::string version, architecture;  // as the name claims them
    bool signature_beside = false;      // a .minisig is there
    std::string note;          // "newer than installed", "older: it will be refused", ...
};

// One attempt of the update helper, from the audit log.
struct SoftwareAttempt {
    std::string at, result, detail;
};

struct DeviceInfo {
    std::string build_version;       // the version this program was built as
    // The member-kiosk package as dpkg's status database has it (platform
    // asks dpkg-query once); empty version when dpkg has none.
    std::string package_version, package_state;  // "1.3.0-1", "installed"
    std::int64_t data_free_bytes = -1, data_total_bytes = -1;  // the data partition; -1 unknown
    std::string data_dir;
    std::int64_t uptime_seconds = -1;
    std::string last_import;         // "2026-... council version 3: ok", or empty when none
    std::string schedule;            // the saved opening hours ("always", or the admin's text)
    std::vector<SoftwareOffer> pending;       // packages on sticks now
    std::vector<SoftwareAttempt> software_log;  // newest first, a few
};

// The kiosk software line of the Device tab: dpkg's version of the package,
// with a plain note where dpkg has it in another state or the running program
// was built as another version, or the build's version "(not installed from a
// package)" when dpkg has none. "unknown" when neither is known.
[[nodiscard]] std::string software_version_text(const DeviceInfo& d);
// "3 d 4 h", "5 h 12 min", "42 min": a duration for a person.
[[nodiscard]] std::string uptime_text(std::int64_t seconds);
// "1.2 GB free of 14.6 GB": sizes in decimal units, one decimal place.
[[nodiscard]] std::string space_text(std::int64_t free_bytes, std::int64_t total_bytes);

} // namespace kiosk
