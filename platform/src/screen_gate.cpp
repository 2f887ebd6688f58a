// The screen schedule's loop side; see screen_gate.hpp.
#include "screen_gate.hpp"

#include <algorithm>
#include <ctime>

namespace platform {

GateStep ScreenGate::update(int week_minute, double seconds, bool touched, bool pointer_down) {
    const double wake = m_schedule.wake_minutes * 60.0;
    bool woke = false;
    if (touched) {
        woke = !m_lit;
        m_last_touch = seconds;
    }
    const bool in_hours = content::schedule_open(m_schedule, week_minute);
    const double awake_left = m_last_touch < 0 ? 0.0 : wake - (seconds - m_last_touch);
    const bool lit = in_hours || awake_left > 0;
    if (lit != m_lit) {
        m_display.set(lit ? DisplayPower::on : DisplayPower::off);
        m_lit = lit;
    }
    // The waking touch may reach the loop as a motion first and the press a
    // moment later: everything is swallowed for a guard time after waking,
    // and then until the finger is lifted.
    if (woke) m_woke_at = seconds;
    const bool guarding = m_woke_at >= 0 && seconds - m_woke_at < wake_guard_seconds;
    if (!guarding && !pointer_down) m_woke_at = -1;
    GateStep step;
    step.draw = m_lit;
    step.swallow_input = m_lit && m_woke_at >= 0;
    // Minute resolution is enough for opening hours; a wake period ends on
    // time; the turn at the end of the guard time ends the swallowing (if the
    // finger is up then), so that the next touch is an ordinary one.
    step.wait_seconds = awake_left > 0 && !in_hours ? std::min(60.0, awake_left) : 60.0;
    if (guarding) step.wait_seconds = std::min(step.wait_seconds, std::max(0.01, wake_guard_seconds - (seconds - m_woke_at)));
    return step;
}

int local_week_minute(long long t) {
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    return content::week_minute((tm.tm_wday + 6) % 7, tm.tm_hour, tm.tm_min);
}

} // namespace platform
