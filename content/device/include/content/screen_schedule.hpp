// Why this file exists: a kiosk in a council office is on all week, but its
// screen should be dark outside opening hours (it saves the panel and draws
// nothing). The admin writes the hours as text; this parses them and answers
// "should the screen be on now?" and "when does that next change?". Pure
// functions over local wall-clock minutes, so tests use a fake clock.
#pragma once
#include "content/error.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace content {

// A week has 7 * 24 * 60 minutes; minute 0 is Monday 00:00 local time.
inline constexpr int minutes_per_week = 7 * 24 * 60;

struct OpenSpan {
    int start = 0, end = 0;  // minutes of the week, [start, end); end may pass Sunday midnight
};

struct ScreenSchedule {
    bool always_on = true;
    std::vector<OpenSpan> spans;
    int wake_minutes = 5;  // how long a touch outside hours keeps the screen on
};

// Parses the admin's text: "always", or "; "-separated entries of days and
// hours, e.g. "mon-fri 08:00-18:00; sat 09:00-12:30". Days: mon..sun, a range
// (fri-mon wraps) or a comma list; hours HH:MM-HH:MM, where an end at or
// before the start runs past midnight ("sat 22:00-02:00"). Refuses
// (E_USAGE, naming the part) anything else.
[[nodiscard]] Result<ScreenSchedule> parse_screen_schedule(const std::string& text);

// The schedule as the admin would write it (round-trips through parse).
[[nodiscard]] std::string format_screen_schedule(const ScreenSchedule& s);

// Minute of the week for a local weekday (0 = Monday) and time.
[[nodiscard]] constexpr int week_minute(int weekday, int hour, int minute) { return weekday * 24 * 60 + hour * 60 + minute; }

// True when the schedule has the screen open at `minute` of the week.
[[nodiscard]] bool schedule_open(const ScreenSchedule& s, int minute);

// True when the screen should be lit: within opening hours, or within
// `wake_minutes` of the last touch (`minutes_since_touch` < 0: never touched).
[[nodiscard]] bool screen_lit(const ScreenSchedule& s, int minute, int minutes_since_touch);

// Minutes from `minute` until schedule_open() next changes; a week when it
// never does (always on, or no spans).
[[nodiscard]] int minutes_to_next_change(const ScreenSchedule& s, int minute);

} // namespace content
