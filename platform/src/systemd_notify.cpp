// systemd readiness and watchdog notifications; see systemd_notify.hpp.
#include "systemd_notify.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

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

bool systemd_notify_built_in() { return true; }

// sd_notify(3)'s protocol, which systemd documents as stable: one datagram
// holding the state text, sent to the AF_UNIX socket named by NOTIFY_SOCKET
// (a path, or an abstract name written with a leading '@'). The kiosk spoke
// it through libsystemd before; doing it here drops that library and the five
// it pulls in (about 0.8 MB of resident code, issue 23).
bool sd_notify_state(std::string_view state) {
    const char* name = std::getenv("NOTIFY_SOCKET");
    if (!name || (name[0] != '/' && name[0] != '@')) return false;
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    const std::size_t len = std::strlen(name);
    if (len < 2 || len >= sizeof addr.sun_path) return false;
    std::memcpy(addr.sun_path, name, len);
    if (addr.sun_path[0] == '@') addr.sun_path[0] = '\0';
    const int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return false;
    const auto addr_len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + len);
    const ssize_t n = sendto(fd, state.data(), state.size(), MSG_NOSIGNAL, reinterpret_cast<const sockaddr*>(&addr), addr_len);
    close(fd);
    return n == static_cast<ssize_t>(state.size());
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
