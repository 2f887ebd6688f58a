// The kiosk's command-line entry points for provisioning and import:
// --trust, --import (exit 0/1/2, one coded line per refused bundle), --status
// (JSON with the documented keys) and --rollback.
#include "test_util.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <poll.h>
#include <pty.h>
#include <sys/wait.h>

#include <sstream>

using test::q;

namespace {
std::string kiosk() { return KIOSK_EXE; }

// Runs the kiosk with `args` on a pseudo-terminal, types `typed` once the
// output contains `prompt`, and returns everything the terminal showed.
std::string on_terminal(const std::vector<std::string>& args, const std::string& prompt, const std::string& typed, int& rc) {
    int master = -1;
    pid_t pid = ::forkpty(&master, nullptr, nullptr, nullptr);
    REQUIRE(pid >= 0);
    if (pid == 0) {
        // kiosk() is the binary, or in a cross build "EMULATOR -L / BINARY":
        // split at spaces (no path here has one).
        std::vector<std::string> words;
        std::istringstream in(kiosk());
        for (std::string w; in >> w;) words.push_back(w);
        std::vector<char*> argv;
        for (auto& w : words) argv.push_back(w.data());
        for (auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    std::string shown;
    bool typed_yet = false;
    for (;;) {
        pollfd p{master, POLLIN, 0};
        if (::poll(&p, 1, 30000) <= 0) break;  // a hang fails below, it does not block the suite
        char buf[256];
        ssize_t n = ::read(master, buf, sizeof buf);
        if (n <= 0) break;  // EIO once the child has gone
        shown.append(buf, static_cast<std::size_t>(n));
        if (!typed_yet && shown.find(prompt) != std::string::npos) {
            REQUIRE(::write(master, typed.data(), typed.size()) == static_cast<ssize_t>(typed.size()));
            typed_yet = true;
        }
    }
    ::close(master);
    int status = 0;
    ::waitpid(pid, &status, 0);
    rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return shown;
}
} // namespace

TEST_CASE("kiosk cli: trust - import - status - rollback") {
    test::TempDir t;
    const std::string d = " --data-dir " + q(t / "data");
    const auto F = test::fixtures();
    // Not trusted yet: refused with a coded line, exit 1.
    auto r0 = test::run(kiosk() + d + " --import " + q(F / "good.kbundle"));
    CHECK(r0.rc == 1);
    CHECK(r0.out.rfind("E_UNTRUSTED_KEY: ", 0) == 0);
    REQUIRE(test::run(kiosk() + d + " --trust " + q(F / "test-signing.pub") + " --channel test-board").rc == 0);
    auto r1 = test::run(kiosk() + d + " --import " + q(F / "good.kbundle"));
    CHECK_MESSAGE(r1.rc == 0, r1.out);
    auto r2 = test::run(kiosk() + d + " --import " + q(F / "good.kbundle"));
    CHECK(r2.rc == 0);
    CHECK(r2.out.find("already installed") != std::string::npos);
    auto st = test::run(kiosk() + d + " --status");
    REQUIRE(st.rc == 0);
    auto j = nlohmann::json::parse(st.out);
    for (auto k : {"channels", "high_water", "trusted_keys", "audit", "pending_exports"}) CHECK(j.contains(k));
    CHECK(j["channels"]["test-board"]["version"] == 3);
    CHECK(j["channels"]["test-board"]["previous_version"].is_null());
    CHECK(j["high_water"]["test-board"] == 3);
    CHECK(j["trusted_keys"][0]["channels"][0] == "test-board");
    CHECK(j["audit"].size() >= 3);
    CHECK(j["pending_exports"] == 0);
    auto rb = test::run(kiosk() + d + " --rollback test-board");
    CHECK(rb.rc == 1);
    CHECK(rb.out.rfind("E_NOT_FOUND: ", 0) == 0);
}

TEST_CASE("kiosk cli: a folder with good and bad bundles reports each bad one and exits 1") {
    test::TempDir t;
    const std::string d = " --data-dir " + q(t / "data");
    test::fs::create_directories(t / "stick");
    test::copy_good(t / "stick", "a-good");
    auto bad = test::copy_good(t / "stick", "b-bad");
    test::flip_byte(bad, 9000);
    REQUIRE(test::run(kiosk() + d + " --trust " + q(test::fixtures() / "test-signing.pub") + " --channel test-board").rc == 0);
    auto r = test::run(kiosk() + d + " --import " + q(t / "stick"));
    CHECK(r.rc == 1);
    CHECK(r.out.find("installed test-board version 3") != std::string::npos);
    CHECK(r.out.find("E_SIGNATURE: ") != std::string::npos);
    CHECK(r.out.find("b-bad.kbundle") != std::string::npos);
}

TEST_CASE("kiosk cli: usage errors exit 2") {
    CHECK(test::run(kiosk() + " --bogus").rc == 2);
    CHECK(test::run(kiosk() + " --trust x.pub").rc == 2);  // no --channel
    CHECK(test::run(kiosk() + " --status --import x").rc == 2);
    CHECK(test::run(kiosk() + " --demo --data-dir x --status").rc == 2);
    auto none = test::run(kiosk() + " --data-dir /tmp/kiosk-test-none-$$ --import /nonexistent");
    CHECK(none.rc == 1);
    CHECK(none.out.rfind("E_NOT_FOUND: ", 0) == 0);
}

TEST_CASE("kiosk: without a display it says so plainly and points to the screenshot mode") {
    test::TempDir t;
    auto r = test::run("env -u DISPLAY -u WAYLAND_DISPLAY " + kiosk() + " --data-dir " + q(t / "data"));
    CHECK(r.rc == 1);
    CHECK(r.out.find("E_NO_DISPLAY") != std::string::npos);
    CHECK(r.out.find("--screenshot") != std::string::npos);
}

TEST_CASE("kiosk --set-pin: typed on a terminal the PIN is not echoed - piped it is read as a line") {
    test::TempDir t;
    int rc = -1;
    auto shown = on_terminal({"--data-dir", (t / "data").string(), "--set-pin"}, "PIN", "2468\n", rc);
    CHECK_MESSAGE(rc == 0, shown);
    CHECK(shown.find("New admin PIN") != std::string::npos);
    CHECK(shown.find("admin PIN set") != std::string::npos);
    CHECK_MESSAGE(shown.find("2468") == std::string::npos, shown);
    // From a pipe (as provisioning scripts and the end-to-end test use it).
    auto piped = test::run("echo 1357 | " + kiosk() + " --data-dir " + q(t / "data2") + " --set-pin");
    CHECK_MESSAGE(piped.rc == 0, piped.out);
    CHECK(piped.out.find("admin PIN set") != std::string::npos);
}
