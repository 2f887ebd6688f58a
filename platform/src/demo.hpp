// Why this file exists: demo mode. `kiosk --demo` uses its own data directory,
// trusts the clearly-named demo key there (and nowhere else), and installs the
// demo bundles through the normal import path on first start.
#pragma once
#include "content/error.hpp"
#include "content/state_store.hpp"

#include <filesystem>

namespace platform {

// Where the built demo bundles are: $KIOSK_DEMO_BUNDLES, else the build tree.
[[nodiscard]] std::filesystem::path demo_bundle_dir();

// Trusts the demo key for the demo channels and imports any demo bundle that
// is not yet installed. Idempotent. Refuses E_NOT_FOUND if the demo bundles
// were not built.
[[nodiscard]] content::Status install_demo(content::StateStore& store);

} // namespace platform
