// Why this file exists: home has to know what is on. This places a bundle's
// meetings in time against a "now" the caller gives (the kiosk's clock, a
// demo clock, or a test's fake one): the meeting to lead with today, the next
// few events, and the past ones with their packs. It also says dates and
// times in plain words ("Tuesday 12 March, 7 pm"). Pure functions over the
// read model: no clock, no SQLite, no UI; any thread.
#pragma once
#include "content/model.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace content {

struct MeetingClockOptions {
    // How long before its start a meeting leads on home even on an earlier
    // day (a meeting's own lead_minutes wins). 0: from midnight of its day.
    std::int64_t lead_minutes = 0;
    // How many upcoming events `next` holds.
    std::size_t next_count = 4;
};

enum class MeetingPhase {
    upcoming,     // starts later (on its day or within its lead time when it leads)
    in_progress,  // started, not yet ended
    ended,        // its end time has passed
};

struct MeetingsNow {
    const Meeting* lead = nullptr;           // what home leads with; nullptr when nothing is on
    MeetingPhase lead_phase = MeetingPhase::upcoming;
    std::vector<const Meeting*> next;        // starting later than now, soonest first, at most next_count, not the lead
    std::vector<const Meeting*> past;        // ended, most recent first
};

// Places `meetings` against `now`, a local minute count (dates.hpp:
// local_minute_of, parse_local_minute). A meeting leads while it has not
// ended and either its start is on now's calendar day, or now is within its
// lead time (its lead_minutes, else opts.lead_minutes) before its start;
// one in progress leads over one still to come (a meeting that runs past
// midnight still leads until it ends). A meeting ends at its `ends` time: at
// that minute it moves to `past`. Meetings whose times do not parse are left
// out. The pointers point into `meetings`. Pure; any thread.
[[nodiscard]] MeetingsNow place_meetings(const std::vector<Meeting>& meetings, std::int64_t now, const MeetingClockOptions& opts = {});

// "7 pm", "7.30 pm", "12 noon", "midnight", "9 am" for a local time
// "YYYY-MM-DDTHH:MM"; "" when it does not parse. Pure.
[[nodiscard]] std::string plain_time(const std::string& local_time);
// "Tuesday 12 March, 7 pm"; with the year ("Tuesday 12 March 2027, 7 pm")
// when it is not the year of `now` (a local minute count). "" when it does
// not parse. Pure.
[[nodiscard]] std::string plain_when(const std::string& local_time, std::int64_t now);

// What home says about its lead meeting: "Today: Riverside locality meeting,
// 7 pm." or "Tomorrow: ..." (within its lead time) or "Now: ..., until 9 pm.",
// followed by " Item 4: children's safeguarding" when the meeting names a
// lead item. Pure.
[[nodiscard]] std::string lead_line(const Meeting& m, MeetingPhase phase, std::int64_t now);

// The plain name of a meeting kind ("Locality meeting", "Board briefing",
// "Training session", "Conference", "Scrutiny"); the kind itself if unknown.
[[nodiscard]] std::string meeting_kind_label(const std::string& kind);

// The item of `m` with `ord`, or nullptr.
[[nodiscard]] const MeetingItem* meeting_item(const Meeting& m, std::int64_t ord);

// Splits an item's ref "CHANNEL:ID" into channel and id; a ref without a
// colon is {"", ref}. Pure.
[[nodiscard]] std::pair<std::string, std::string> split_item_ref(const std::string& ref);

} // namespace content
