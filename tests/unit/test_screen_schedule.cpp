// Opening hours for the screen, with a fake clock: weekdays, weekends, spans
// across midnight and across Sunday night, a touch outside hours, and the
// admin's mistakes refused with a sentence.
#include "content/screen_schedule.hpp"

#include <doctest/doctest.h>

using namespace content;

namespace {
constexpr int mon = 0, fri = 4, sat = 5, sun = 6;
}

TEST_CASE("screen schedule: weekdays 08:00-18:00 and a Saturday morning") {
    auto s = parse_screen_schedule("Mon-Fri 08:00-18:00; sat 09:00-12:30");
    REQUIRE(s);
    CHECK_FALSE(schedule_open(*s, week_minute(mon, 7, 59)));
    CHECK(schedule_open(*s, week_minute(mon, 8, 0)));
    CHECK(schedule_open(*s, week_minute(fri, 17, 59)));
    CHECK_FALSE(schedule_open(*s, week_minute(fri, 18, 0)));
    CHECK(schedule_open(*s, week_minute(sat, 12, 29)));
    CHECK_FALSE(schedule_open(*s, week_minute(sat, 12, 30)));
    CHECK_FALSE(schedule_open(*s, week_minute(sun, 10, 0)));
    CHECK(minutes_to_next_change(*s, week_minute(mon, 7, 0)) == 60);
    CHECK(minutes_to_next_change(*s, week_minute(sat, 13, 0)) == (11 + 24 + 8) * 60);  // to Monday 08:00
    CHECK(format_screen_schedule(*s).rfind("mon 08:00-18:00; tue 08:00-18:00", 0) == 0);
    auto again = parse_screen_schedule(format_screen_schedule(*s));
    REQUIRE(again);
    CHECK(again->spans.size() == s->spans.size());
}

TEST_CASE("screen schedule: across midnight and across Sunday night") {
    auto s = parse_screen_schedule("sat 22:00-02:00; sun 23:00-01:00");
    REQUIRE(s);
    CHECK(schedule_open(*s, week_minute(sat, 23, 30)));
    CHECK(schedule_open(*s, week_minute(sun, 1, 59)));
    CHECK_FALSE(schedule_open(*s, week_minute(sun, 2, 0)));
    CHECK(schedule_open(*s, week_minute(sun, 23, 30)));
    CHECK(schedule_open(*s, week_minute(mon, 0, 30)));  // Sunday's span runs into Monday
    CHECK_FALSE(schedule_open(*s, week_minute(mon, 1, 0)));
    CHECK(schedule_open(*s, week_minute(mon, 0, 30) + minutes_per_week));  // next week too
}

TEST_CASE("screen schedule: a touch outside hours wakes the screen for a few minutes") {
    auto s = parse_screen_schedule("mon-fri 09:00-17:00");
    REQUIRE(s);
    int night = week_minute(2, 23, 0);
    CHECK_FALSE(screen_lit(*s, night, -1));
    CHECK(screen_lit(*s, night, 0));
    CHECK(screen_lit(*s, night, s->wake_minutes - 1));
    CHECK_FALSE(screen_lit(*s, night, s->wake_minutes));
    CHECK(screen_lit(*s, week_minute(2, 10, 0), 500));
}

TEST_CASE("screen schedule: always and mistakes refused with a sentence") {
    auto a = parse_screen_schedule("always");
    REQUIRE(a);
    CHECK(a->always_on);
    CHECK(schedule_open(*a, week_minute(sun, 3, 0)));
    CHECK(minutes_to_next_change(*a, 0) == minutes_per_week);
    for (const char* bad : {"weekdays 09:00-17:00", "mon 9-5", "mon 25:00-26:00", "mon-fri", "mon 09:00-17:61", ";"}) {
        auto r = parse_screen_schedule(bad);
        REQUIRE_MESSAGE(!r, bad);
        CHECK(r.error().reason == Reason::usage);
        CHECK(r.error().message.size() > 10);
    }
}
