// Why this file exists: the device layer's own modules (PIN store, records)
// keep their tables in the state database. This internal header gives them the
// connection; nothing outside content/device may include it.
#pragma once
#include "content/sqlite.hpp"
#include "content/state_store.hpp"

namespace content {

// The state database connection of `s`. Same thread rules as `s`.
[[nodiscard]] sql::Db& state_db(StateStore& s);

} // namespace content
