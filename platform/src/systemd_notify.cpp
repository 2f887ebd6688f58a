// systemd readiness and watchdog notifications; see systemd_notify.hpp.
#include "systemd_notify.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <string>
#include <unistd.h>

#ifdef KIOSK_HAVE_SYSTEMD
#include <systemd/sd-daemon.h>
#endif

namespace platform {

namespace {

// Parses a decimal number with nothing after it; nullopt otherwise.
std::optional<unsigned long long> parse_unsigned(const char* s) {
    if (!s || !*s || *s == '-' || *s == '+') return std::nullopt;
    errno = 0;
    char* end = nullptr;
    unsigned long long v = std::strtoull(s, &end, 10);
    if (errno != 0 || *end != '\0') return std::nullopt;
    return v;
}

} // namespace

std::optional<std::chrono::milliseconds> watchdog_interval_from(const char* watchdog_usec, const char* watchdog_pid, pid_t self, pid_t parent) {
    auto usec = parse_unsigned(watchdog_usec);
    if (!usec || *usec == 0) return std::nullopt;
    if (watchdog_pid && *watchdog_pid) {
        auto pid = parse_unsigned(watchdog_pid);
        if (!pid) return std::nullopt;
        if (*pid != static_cast<unsigned long long>(self) && *pid != static_cast<unsigned long long>(parent)) return std::nullopt;
    }
    using std::chrono::milliseconds;
    const unsigned long long half_ms = *usec / 2000ULL;
    const unsigned long long capped = std::clamp<unsigned long long>(half_ms, 100ULL, 15000ULL);
    return milliseconds(static_cast<milliseconds::rep>(capped));
}

bool systemd_notify_built_in() {
#ifdef KIOSK_HAVE_SYSTEMD
    return true;
#else
    return false;
#endif
}

bool sd_notify_state(std::string_view state) {
#ifdef KIOSK_HAVE_SYSTEMD
    const std::string s(state);
    return sd_notify(0, s.c_str()) > 0;
#else
    (void)state;
    return false;
#endif
}

SystemdNotifier SystemdNotifier::from_environment() {
    auto interval = watchdog_interval_from(std::getenv("WATCHDOG_USEC"), std::getenv("WATCHDOG_PID"), getpid(), getppid());
    return SystemdNotifier(interval, [](std::string_view s) { return sd_notify_state(s); });
}

SystemdNotifier::SystemdNotifier(std::optional<std::chrono::milliseconds> interval, Sender send)
    : m_interval(interval), m_send(std::move(send)) {}

void SystemdNotifier::notify_ready() {
    if (m_ready_sent) return;
    m_ready_sent = true;
    (void)m_send("READY=1");
}

void SystemdNotifier::notify_watchdog(Clock::time_point now) {
    if (!m_interval) return;
    if (m_last_ping && now - *m_last_ping < *m_interval / 2) return;
    m_last_ping = now;
    (void)m_send("WATCHDOG=1");
}

double SystemdNotifier::wake_seconds(double otherwise) const {
    if (!m_interval) return otherwise;
    return std::min(otherwise, std::chrono::duration<double>(*m_interval).count());
}

} // namespace platform
