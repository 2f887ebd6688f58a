// The systemd notifier: which watchdog applies to the kiosk (a child of
// xinit), how long the loop may sleep, READY=1 once, and WATCHDOG=1 rate
// limited so an animating loop does not flood systemd. The real socket path is
// checked by scripts/check-package.sh, which runs the packaged unit.
#include "systemd_notify.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <cstdlib>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using platform::watchdog_interval_from;

TEST_CASE("systemd watchdog: half the period - capped at 15 s - floored at 100 ms") {
    CHECK(watchdog_interval_from("30000000", nullptr, 10, 1) == 15000ms);
    CHECK(watchdog_interval_from("20000000", nullptr, 10, 1) == 10000ms);
    CHECK(watchdog_interval_from("120000000", nullptr, 10, 1) == 15000ms);
    CHECK(watchdog_interval_from("50000", nullptr, 10, 1) == 100ms);
}

TEST_CASE("systemd watchdog: applies to the main process and to xinit's child - not to others") {
    CHECK(watchdog_interval_from("30000000", "10", 10, 1).has_value());
    CHECK(watchdog_interval_from("30000000", "1", 10, 1).has_value());  // WATCHDOG_PID is xinit, our parent
    CHECK_FALSE(watchdog_interval_from("30000000", "77", 10, 1).has_value());
}

TEST_CASE("systemd watchdog: missing or malformed values mean no watchdog") {
    CHECK_FALSE(watchdog_interval_from(nullptr, nullptr, 10, 1).has_value());
    CHECK_FALSE(watchdog_interval_from("", nullptr, 10, 1).has_value());
    CHECK_FALSE(watchdog_interval_from("0", nullptr, 10, 1).has_value());
    CHECK_FALSE(watchdog_interval_from("-5", nullptr, 10, 1).has_value());
    CHECK_FALSE(watchdog_interval_from("30s", nullptr, 10, 1).has_value());
    CHECK_FALSE(watchdog_interval_from("99999999999999999999999", nullptr, 10, 1).has_value());
    CHECK_FALSE(watchdog_interval_from("30000000", "ten", 10, 1).has_value());
}

TEST_CASE("systemd notifier: READY=1 once - WATCHDOG=1 at most every half interval") {
    std::vector<std::string> sent;
    platform::SystemdNotifier n(10000ms, [&](std::string_view s) { sent.emplace_back(s); return true; });
    n.notify_ready();
    n.notify_ready();
    auto t0 = platform::SystemdNotifier::Clock::time_point{} + 1h;
    for (int frame = 0; frame < 600; ++frame) n.notify_watchdog(t0 + frame * 16ms);  // ten seconds at 60 fps
    n.notify_watchdog(t0 + 20s);
    REQUIRE(sent.size() >= 2);
    CHECK(sent[0] == "READY=1");
    CHECK(std::count(sent.begin(), sent.end(), "READY=1") == 1);
    // 0 s, ~5 s and 20 s: three pings, not six hundred.
    CHECK(std::count(sent.begin(), sent.end(), "WATCHDOG=1") == 3);
    CHECK(n.wake_seconds(3600.0) == doctest::Approx(10.0));
    CHECK(n.wake_seconds(1.0) == doctest::Approx(1.0));
}

TEST_CASE("systemd notifier: without a watchdog nothing is pinged and the loop sleeps as before") {
    std::vector<std::string> sent;
    platform::SystemdNotifier n(std::nullopt, [&](std::string_view s) { sent.emplace_back(s); return true; });
    n.notify_watchdog();
    CHECK(sent.empty());
    CHECK(n.wake_seconds(3600.0) == doctest::Approx(3600.0));
}

TEST_CASE("systemd notifier: outside a notify service sending reports failure and does no harm") {
    const char* saved = std::getenv("NOTIFY_SOCKET");
    std::string keep = saved ? saved : "";
    unsetenv("NOTIFY_SOCKET");
    CHECK_FALSE(platform::sd_notify_state("READY=1"));
    if (saved) setenv("NOTIFY_SOCKET", keep.c_str(), 1);
}

TEST_CASE("systemd notifier: the state reaches NOTIFY_SOCKET as one datagram - path and abstract names") {
    // What systemd does for a Type=notify unit: a datagram socket, named in NOTIFY_SOCKET.
    const char* saved = std::getenv("NOTIFY_SOCKET");
    std::string keep = saved ? saved : "";
    auto receive_on = [](const std::string& env_name, const sockaddr_un& addr, socklen_t len) {
        int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
        REQUIRE(fd >= 0);
        REQUIRE(bind(fd, reinterpret_cast<const sockaddr*>(&addr), len) == 0);
        setenv("NOTIFY_SOCKET", env_name.c_str(), 1);
        CHECK(platform::sd_notify_state("READY=1"));
        CHECK(platform::sd_notify_state("WATCHDOG=1"));
        char buf[64] = {};
        CHECK(recv(fd, buf, sizeof buf, MSG_DONTWAIT) == 7);
        CHECK(std::string(buf, 7) == "READY=1");
        CHECK(recv(fd, buf, sizeof buf, MSG_DONTWAIT) == 10);
        CHECK(std::string(buf, 10) == "WATCHDOG=1");
        close(fd);
    };
    const std::string path = "/tmp/kiosk-notify-test-" + std::to_string(getpid());
    unlink(path.c_str());
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    std::memcpy(a.sun_path, path.c_str(), path.size());
    receive_on(path, a, static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + path.size()));
    unlink(path.c_str());
    const std::string abstract = "kiosk-notify-test-" + std::to_string(getpid());
    sockaddr_un b{};
    b.sun_family = AF_UNIX;
    std::memcpy(b.sun_path + 1, abstract.c_str(), abstract.size());  // sun_path[0] == '\0': abstract
    receive_on("@" + abstract, b, static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + 1 + abstract.size()));
    // A name that is neither a path nor abstract, and nobody listening: refused, no harm.
    setenv("NOTIFY_SOCKET", "relative/name", 1);
    CHECK_FALSE(platform::sd_notify_state("READY=1"));
    setenv("NOTIFY_SOCKET", "/tmp/kiosk-notify-test-nobody-listens", 1);
    CHECK_FALSE(platform::sd_notify_state("READY=1"));
    if (saved) setenv("NOTIFY_SOCKET", keep.c_str(), 1);
    else unsetenv("NOTIFY_SOCKET");
}
