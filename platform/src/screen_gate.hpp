// Why this file exists: outside the opening hours the admin set
// (content/screen_schedule.hpp) the screen is switched off and the kiosk
// draws nothing; a touch wakes it for a few minutes. This is the loop's side
// of that rule, with no X11 and no clock of its own, so that tests drive it
// with a fake clock and a fake display (tests/unit/test_screen_gate.cpp).
// The X11 DPMS display lives in screen_power.hpp. Main thread only.
#pragma once
#include "content/screen_schedule.hpp"

namespace platform {

enum class DisplayPower { on, off };

// Switches the physical display. Implemented with X11 DPMS (screen_power.hpp)
// and by a recording fake in tests.
class DisplayControl {
public:
    virtual ~DisplayControl() = default;
    virtual void set(DisplayPower p) = 0;
};

// What the loop does this turn.
struct GateStep {
    bool draw = true;           // false: the screen is dark; draw nothing
    bool swallow_input = false; // the touch that woke the screen must not press anything
    double wait_seconds = 60;   // wake up at least this soon to re-check the schedule
};

class ScreenGate {
public:
    // After a touch wakes the screen, input is swallowed this long (and then
    // until the finger is lifted), so the waking touch presses nothing.
    static constexpr double wake_guard_seconds = 1.0;

    // Starts lit (the loop draws its first frame before asking).
    explicit ScreenGate(DisplayControl& display) : m_display(display) {}

    void set_schedule(const content::ScreenSchedule& s) { m_schedule = s; }
    [[nodiscard]] const content::ScreenSchedule& schedule() const { return m_schedule; }

    // One turn of the loop. `week_minute`: local minute of the week (0 =
    // Monday 00:00); `seconds`: a monotonic clock; `touched`: input arrived
    // since the last turn; `pointer_down`: a button or finger is still down.
    // Switches the display when the answer changes (never repeats a switch).
    GateStep update(int week_minute, double seconds, bool touched, bool pointer_down);

    [[nodiscard]] bool lit() const { return m_lit; }

private:
    DisplayControl& m_display;
    content::ScreenSchedule m_schedule;
    bool m_lit = true;
    double m_woke_at = -1;     // seconds; >= 0 while the waking touch is swallowed
    double m_last_touch = -1;  // seconds; < 0: never
};

// The local minute of the week (Monday 00:00 = 0) of unix time `t`.
[[nodiscard]] int local_week_minute(long long t);

} // namespace platform
