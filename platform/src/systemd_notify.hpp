// Why this file exists: the appliance runs the kiosk under a systemd unit with
// Type=notify and WatchdogSec=30 (packaging/member-kiosk.service). systemd
// must hear READY=1 once the first frame is on screen and WATCHDOG=1 at
// least every 30 s from then on, or it restarts the session. This is the only
// place that talks to systemd; outside a notify service every call is a cheap
// no-op. It speaks sd_notify's datagram protocol itself (no libsystemd).
//
// The kiosk is not the unit's main process: xinit is, and it forks Xorg and
// the kiosk. systemd puts WATCHDOG_PID=<xinit's pid> in xinit's environment,
// which the kiosk inherits, so libsystemd's own sd_watchdog_enabled() would
// say "not for you". Here the watchdog counts as ours when WATCHDOG_PID is our
// pid or our parent's (xinit execs the client directly). The unit sets
// NotifyAccess=all so that systemd accepts messages from the child.
#pragma once
#include <chrono>
#include <functional>
#include <optional>
#include <string_view>
#include <sys/types.h>

namespace platform {

// The longest the loop may sleep between watchdog pings: half of the
// watchdog's period, at most 15 s (idle stays far below 1% of a core) and at
// least 100 ms. nullopt when no watchdog applies: WATCHDOG_USEC unset, not a
// positive number, or WATCHDOG_PID naming a process that is neither `self`
// nor `parent`. Pure; any thread.
[[nodiscard]] std::optional<std::chrono::milliseconds> watchdog_interval_from(const char* watchdog_usec, const char* watchdog_pid,
                                                                             pid_t self, pid_t parent);

// Whether this binary can notify systemd: always true now that the protocol
// is spoken here rather than through libsystemd (kept for callers). Any thread.
[[nodiscard]] bool systemd_notify_built_in();

// Sends one sd_notify state string ("READY=1", "WATCHDOG=1"...) as one
// datagram to $NOTIFY_SOCKET. Returns true when the whole datagram was sent;
// false without NOTIFY_SOCKET (not run by a notify service), for a name that
// is neither a path nor '@'-abstract or is too long, or when sending failed.
// Any thread.
bool sd_notify_state(std::string_view state);

// Tells systemd when the kiosk is up and that its loop is alive. Owned and
// called by the GUI loop's thread only.
class SystemdNotifier {
public:
    using Clock = std::chrono::steady_clock;
    using Sender = std::function<bool(std::string_view)>;

    // Reads WATCHDOG_USEC / WATCHDOG_PID from the environment; sends with sd_notify.
    [[nodiscard]] static SystemdNotifier from_environment();
    // For tests: a given interval (nullopt: no watchdog) and sender.
    SystemdNotifier(std::optional<std::chrono::milliseconds> interval, Sender send);

    // READY=1, the first time only (call after the first frame is swapped).
    void notify_ready();
    // WATCHDOG=1 when at least half the wake interval has passed since the
    // last ping, so a 60 fps animation costs one message every few seconds.
    // Does nothing when no watchdog applies.
    void notify_watchdog(Clock::time_point now = Clock::now());
    // How long the loop may block in glfwWaitEventsTimeout, in seconds:
    // the watchdog interval, or `otherwise` when there is no watchdog.
    [[nodiscard]] double wake_seconds(double otherwise) const;
    [[nodiscard]] std::optional<std::chrono::milliseconds> interval() const { return m_interval; }

private:
    std::optional<std::chrono::milliseconds> m_interval;
    Sender m_send;
    bool m_ready_sent = false;
    std::optional<Clock::time_point> m_last_ping;
};

} // namespace platform
