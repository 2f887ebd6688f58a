// Why this file exists: the screen's opening hours (screen_schedule.hpp) are
// an admin setting. This keeps them in the state database, so the saved text
// and its audit entry are one commit, and reads them back for the loop.
#pragma once
#include "content/error.hpp"
#include "content/screen_schedule.hpp"
#include "content/state_store.hpp"

#include <string>
#include <string_view>

namespace content {

inline constexpr std::string_view screen_schedule_key = "screen_schedule";

// Parses `text` (parse_screen_schedule) and saves it in canonical form with a
// "settings" audit entry, in one transaction. Refuses E_USAGE (the parser's
// sentence) and saves nothing then. Returns the saved schedule. The store's thread.
[[nodiscard]] Result<ScreenSchedule> save_screen_schedule(StateStore& store, const std::string& text);

// The saved schedule; always-on when none was saved. A saved text that no
// longer parses (hand-edited) is E_USAGE; the caller keeps the screen on.
[[nodiscard]] Result<ScreenSchedule> load_screen_schedule(StateStore& store);

} // namespace content
