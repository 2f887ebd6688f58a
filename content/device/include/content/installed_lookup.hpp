// Why this file exists: `kiosk --search` needs to know only which bundle file
// each channel has installed (and the visitor's chosen locality). This reads
// that from the device state without the rest of the state store: the
// database is opened read-only, nothing is created, recovered or written, so
// it is safe while the GUI or an import holds the data directory.
#pragma once
#include "content/catalog.hpp"
#include "content/error.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace content {

struct InstalledLookup {
    std::vector<InstalledChannel> channels;  // each channel's current bundle under DATA/bundles
    std::string default_locality;            // the "default_locality" setting, "" when unset
};

// Reads DATA/state.db read-only. A data directory without a state database
// gives an empty lookup. E_CORRUPT / E_IO when the database cannot be read.
// Any thread.
[[nodiscard]] Result<InstalledLookup> lookup_installed(const std::filesystem::path& data_dir);

} // namespace content
