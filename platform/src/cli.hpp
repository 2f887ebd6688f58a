// Why this file exists: the kiosk's command-line modes (provisioning, import,
// status, rollback, search, export...). They need no display. This is a process
// boundary: it prints, and maps errors to exit codes 0/1/2.
#pragma once
#include "options.hpp"

#include "content/state_store.hpp"

namespace platform {

// Resolves the data directory (--data-dir, --demo, or the XDG default), takes
// the data directory lock (waiting up to KIOSK_LOCK_WAIT_SECONDS, then
// E_BUSY), opens the state, runs start-up recovery under the lock, makes the
// device key if there is none, and in demo mode installs the demo bundles on
// first start; then releases the lock (the GUI takes it per operation).
// Returns nullopt after printing why on stderr.
[[nodiscard]] std::optional<content::StateStore> open_state(const Options& o);

// Runs a non-GUI mode. Returns the process exit code. --status, --search and
// --device-key are read-only: no lock, no recovery, the state database opened
// read-only. Every other mode holds the lock for its whole run.
[[nodiscard]] int run_cli(const Options& o);

} // namespace platform
