// The screen schedule wired to the display (issue 21): ScreenGate with a fake
// clock and a recording fake display. Across midnight, weekends, a touch
// outside hours (wakes, presses nothing, goes dark again), and no repeated
// DPMS switches.
#include "screen_gate.hpp"

#include <doctest/doctest.h>

#include <ctime>
#include <vector>

using platform::DisplayPower;
using platform::ScreenGate;

namespace {

struct FakeDisplay final : platform::DisplayControl {
    std::vector<DisplayPower> calls;
    void set(DisplayPower p) override { calls.push_back(p); }
};

content::ScreenSchedule hours(const char* text) {
    auto s = content::parse_screen_schedule(text);
    REQUIRE(s.has_value());
    return *s;
}

// A fake clock: minute of the week and monotonic seconds that move together.
struct FakeClock {
    int minute = 0;
    double seconds = 1000;
    void at(int day, int h, int m) {
        int next = content::week_minute(day, h, m);
        seconds += ((next - minute + content::minutes_per_week) % content::minutes_per_week) * 60.0;
        minute = next;
    }
    void advance_minutes(int n) {
        minute = (minute + n) % content::minutes_per_week;
        seconds += n * 60.0;
    }
};

} // namespace

TEST_CASE("screen gate: always on by default and never switches the display") {
    FakeDisplay d;
    ScreenGate g(d);
    FakeClock c;
    for (int i = 0; i < 7 * 24; ++i) {
        c.advance_minutes(60);
        CHECK(g.update(c.minute, c.seconds, false, false).draw);
    }
    CHECK(d.calls.empty());
}

TEST_CASE("screen gate: weekdays only - dark at the weekend - lit on Monday morning") {
    FakeDisplay d;
    ScreenGate g(d);
    g.set_schedule(hours("mon-fri 08:00-18:00"));
    FakeClock c;
    c.at(4, 17, 59);  // Friday
    CHECK(g.update(c.minute, c.seconds, false, false).draw);
    c.at(4, 18, 0);
    CHECK_FALSE(g.update(c.minute, c.seconds, false, false).draw);
    c.at(5, 10, 0);  // Saturday
    CHECK_FALSE(g.update(c.minute, c.seconds, false, false).draw);
    c.at(6, 23, 59);  // Sunday night
    CHECK_FALSE(g.update(c.minute, c.seconds, false, false).draw);
    c.at(0, 8, 0);  // Monday
    CHECK(g.update(c.minute, c.seconds, false, false).draw);
    REQUIRE(d.calls.size() == 2);  // one off, one on: no repeats while dark
    CHECK(d.calls[0] == DisplayPower::off);
    CHECK(d.calls[1] == DisplayPower::on);
}

TEST_CASE("screen gate: hours across midnight stay lit past 00:00 - also from Sunday into Monday") {
    FakeDisplay d;
    ScreenGate g(d);
    g.set_schedule(hours("sat 22:00-02:00; sun 23:00-01:00"));
    FakeClock c;
    c.at(5, 21, 59);
    CHECK_FALSE(g.update(c.minute, c.seconds, false, false).draw);
    c.at(5, 23, 30);
    CHECK(g.update(c.minute, c.seconds, false, false).draw);
    c.at(6, 1, 59);  // Sunday, still Saturday night's hours
    CHECK(g.update(c.minute, c.seconds, false, false).draw);
    c.at(6, 2, 0);
    CHECK_FALSE(g.update(c.minute, c.seconds, false, false).draw);
    c.at(0, 0, 30);  // Monday 00:30: Sunday's hours run past the week's end
    CHECK(g.update(c.minute, c.seconds, false, false).draw);
    c.at(0, 1, 0);
    CHECK_FALSE(g.update(c.minute, c.seconds, false, false).draw);
    std::vector<DisplayPower> want{DisplayPower::off, DisplayPower::on, DisplayPower::off, DisplayPower::on, DisplayPower::off};
    CHECK(d.calls == want);
}

TEST_CASE("screen gate: a touch outside hours wakes the screen for the wake time - presses nothing - then it goes dark") {
    FakeDisplay d;
    ScreenGate g(d);
    auto s = hours("mon-fri 08:00-18:00");
    s.wake_minutes = 5;
    g.set_schedule(s);
    FakeClock c;
    c.at(2, 21, 0);  // Wednesday night
    REQUIRE_FALSE(g.update(c.minute, c.seconds, false, false).draw);
    // The finger goes down: the screen wakes, and that touch is swallowed while held.
    auto woke = g.update(c.minute, c.seconds, true, true);
    CHECK(woke.draw);
    CHECK(woke.swallow_input);
    CHECK(woke.wait_seconds <= 60);
    c.seconds += 0.2;
    CHECK(g.update(c.minute, c.seconds, true, true).swallow_input);  // the press arriving after a first motion
    c.seconds += 1.5;
    CHECK(g.update(c.minute, c.seconds, false, true).swallow_input);  // still held past the guard time
    c.seconds += 0.1;
    auto lifted = g.update(c.minute, c.seconds, true, false);
    CHECK(lifted.draw);
    CHECK_FALSE(lifted.swallow_input);  // lifted after the guard time: the next touch is an ordinary one
    // A quick tap (down and up between two turns) that wakes it is swallowed too.
    c.advance_minutes(4);
    CHECK(g.update(c.minute, c.seconds, false, false).draw);
    c.advance_minutes(2);  // 6 minutes after the last touch
    CHECK_FALSE(g.update(c.minute, c.seconds, false, false).draw);
    auto tap = g.update(c.minute, c.seconds, true, false);
    CHECK(tap.draw);
    CHECK(tap.swallow_input);
    auto guarded = g.update(c.minute, c.seconds + 0.5, true, false);
    CHECK(guarded.swallow_input);  // within the guard time
    CHECK(guarded.wait_seconds <= ScreenGate::wake_guard_seconds - 0.5 + 1e-9);  // the loop looks again when the guard ends
    CHECK_FALSE(g.update(c.minute, c.seconds + ScreenGate::wake_guard_seconds + 0.1, true, false).swallow_input);
    // Touches keep it awake: each one starts the wake time again.
    c.advance_minutes(4);
    CHECK(g.update(c.minute, c.seconds, true, false).draw);
    c.advance_minutes(4);
    CHECK(g.update(c.minute, c.seconds, false, false).draw);
    c.advance_minutes(2);
    CHECK_FALSE(g.update(c.minute, c.seconds, false, false).draw);
    std::vector<DisplayPower> want{DisplayPower::off, DisplayPower::on, DisplayPower::off, DisplayPower::on, DisplayPower::off};
    CHECK(d.calls == want);
}

TEST_CASE("screen gate: a touch inside hours is an ordinary touch - a saved schedule takes effect at once") {
    FakeDisplay d;
    ScreenGate g(d);
    FakeClock c;
    c.at(1, 12, 0);
    auto t = g.update(c.minute, c.seconds, true, true);
    CHECK(t.draw);
    CHECK_FALSE(t.swallow_input);
    g.set_schedule(hours("sat 09:00-12:00"));
    CHECK_FALSE(g.update(c.minute, c.seconds + 400, false, false).draw);  // past the wake time of that touch
    g.set_schedule(hours("always"));
    CHECK(g.update(c.minute, c.seconds + 401, false, false).draw);
    CHECK(d.calls.size() == 2);
}

TEST_CASE("screen gate: local_week_minute counts from Monday 00:00 local time") {
    // 2026-01-05 is a Monday; TZ is the test's own (CTest runs it with the machine's).
    std::tm tm{};
    tm.tm_year = 2026 - 1900;
    tm.tm_mon = 0;
    tm.tm_mday = 5;
    tm.tm_hour = 9;
    tm.tm_min = 30;
    tm.tm_isdst = -1;
    long long t = static_cast<long long>(std::mktime(&tm));
    CHECK(platform::local_week_minute(t) == content::week_minute(0, 9, 30));
    CHECK(platform::local_week_minute(t + 6 * 86400) == content::week_minute(6, 9, 30));
    CHECK(platform::local_week_minute(t + 7 * 86400) == content::week_minute(0, 9, 30));
}
