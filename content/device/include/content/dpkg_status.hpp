// Why this file exists: the admin Device tab shows the kiosk software version
// that dpkg installed (issue 21), not only the one the program was built as:
// after a software update from USB they differ until the session restarts,
// and a repacked package may carry its own version. The platform asks
// dpkg-query (dpkg's own interface to its database; the database's files are
// dpkg's private business) and this parses the answer.
#pragma once
#include "content/error.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace content {

// One package as dpkg has it.
struct DpkgPackage {
    std::string version;  // the Version field, "1.3.0-1"
    std::string status;   // the Status field, "install ok installed"

    // The last word of Status: "installed", "half-configured", "config-files", ...
    [[nodiscard]] std::string state() const;
    // True when dpkg has it fully installed ("... installed").
    [[nodiscard]] bool installed() const { return state() == "installed"; }
};

// The format query_dpkg_package passes to dpkg-query: a line per package
// (one per architecture), the version and the status split by a tab.
inline constexpr std::string_view dpkg_query_format = "${Version}\t${Status}\n";

// Parses dpkg-query output in dpkg_query_format. Where several lines name the
// package, an installed one wins, else the first. nullopt when no line has a
// version (dpkg only remembers the package). Pure; any thread.
[[nodiscard]] std::optional<DpkgPackage> parse_dpkg_query(std::string_view output);

// Runs `dpkg-query -W -f FORMAT -- PACKAGE` (no shell) and parses it.
// nullopt when dpkg knows no such package or there is no dpkg-query (a system
// without dpkg); E_IO when dpkg-query fails otherwise. Blocks for as long as
// dpkg-query takes (tens of ms on a Pi): call it once, off the frame path
// where possible. Any thread.
[[nodiscard]] Result<std::optional<DpkgPackage>> query_dpkg_package(std::string_view package);

} // namespace content
