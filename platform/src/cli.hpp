// Why this file exists: the kiosk's command-line modes (provisioning, import,
// status, rollback, search, export...). They need no display. This is a process
// boundary: it prints, and maps errors to exit codes 0/1/2.
#pragma once
#include "options.hpp"

#include "content/state_store.hpp"

namespace platform {

// Resolves the data directory (--data-dir, --demo, or the XDG default), opens
// the state, runs start-up recovery, and in demo mode installs the demo
// bundles on first start. Returns nullopt after printing why on stderr.
[[nodiscard]] std::optional<content::StateStore> open_state(const Options& o);

// Runs a non-GUI mode. Returns the process exit code.
[[nodiscard]] int run_cli(const Options& o);

} // namespace platform
