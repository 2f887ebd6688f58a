// Why this file exists: the board's report needs to know, for every kiosk,
// what content it shows, when it was last updated, whether imports were
// refused, and how many people finished a module on their own. Each export
// carries a signed status file (kiosk-status/1, FORMAT.md section 8) with
// exactly that, and nothing about any person: completions are counts only.
#pragma once
#include "content/error.hpp"
#include "content/minisign.hpp"
#include "content/state_store.hpp"

#include <cstdint>
#include <string>

namespace content {

// Counts one self-paced completion of `module_id` in the month of `now`
// (UTC). Anonymous: a count per module and month, nothing else. Any thread
// with its own StateStore.
[[nodiscard]] Status record_completion(StateStore& store, const std::string& module_id, std::int64_t now);

// The status file's JSON for this kiosk at `now`: device key id and name
// (setting "device_name"), installed channels, the last import, refused
// imports since the last export, pending records (less `exporting_now`, the
// records this same export carries), completions, kiosk version.
[[nodiscard]] Result<std::string> status_json(StateStore& store, const minisign::PublicKey& device, std::int64_t now, std::int64_t exporting_now = 0);

} // namespace content
