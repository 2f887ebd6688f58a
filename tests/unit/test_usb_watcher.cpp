// The USB watcher: a bundle with its signature appearing under a watched
// mount root is noticed, previewed (signature first) and offered with its
// title, channel, version and whether it is newer than what is installed.
#include "usb_watcher.hpp"

#include "test_util.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <fcntl.h>
#include <future>
#include <mutex>
#include <sys/stat.h>
#include <thread>

namespace {
// Puts a bundle and its signature on a "stick" the way a real copy finishes:
// written elsewhere on the same filesystem, then renamed into place, the
// signature first. A watcher scanning at any moment sees either nothing or
// both complete files.
void put_on_stick(const std::filesystem::path& stick, const std::string& name) {
    auto tmp = stick.parent_path() / (".incoming-" + name);
    std::filesystem::create_directories(tmp);
    auto b = test::copy_good(tmp, name);
    std::filesystem::rename(b.string() + ".minisig", stick / (name + ".kbundle.minisig"));
    std::filesystem::rename(b, stick / (name + ".kbundle"));
    std::filesystem::remove_all(tmp);
}

template <class F>
bool returns_without_hanging(F f, const std::function<void()>& rescue) {
    auto fut = std::async(std::launch::async, std::move(f));
    if (fut.wait_for(std::chrono::seconds(20)) == std::future_status::ready) return true;
    rescue();
    fut.wait();
    return false;
}

void unblock_fifo(const std::filesystem::path& fifo) {
    for (int i = 0; i < 200; ++i) {
        int fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd >= 0) ::close(fd);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}
} // namespace

TEST_CASE("usb watcher: notices a new bundle and previews it without being asked to scan") {
    test::TempDir t;
    std::filesystem::create_directories(t / "media" / "stick");
    std::atomic<int> wakes{0};
    platform::UsbWatcher w({t / "media"}, [&] { ++wakes; });
    content::TrustedKey key{test::test_pub(), {"test-board"}, "", "test"};
    w.set_trust({key}, {{"test-board", 2}});
    CHECK(w.offers().empty());
    put_on_stick(t / "media" / "stick", "update");
    auto start = std::chrono::steady_clock::now();
    // The limit only stops a broken watcher from hanging the test; it is not a
    // speed goal (verification under qemu on a loaded machine takes seconds).
    while (w.offers().empty() && std::chrono::steady_clock::now() - start < std::chrono::seconds(120)) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    auto offers = w.offers();
    REQUIRE(offers.size() == 1);
    CHECK(offers[0].channel == "test-board");
    CHECK(offers[0].version == 3);
    CHECK(offers[0].installed_version == 2);
    CHECK(offers[0].note.find("newer") != std::string::npos);
    CHECK(wakes > 0);
    // A bundle signed by an unknown key is shown as such, not installed.
    w.set_trust({}, {});
    w.scan_once();
    CHECK(w.offers()[0].note.find("does not trust") != std::string::npos);
    // The stick is pulled out.
    std::filesystem::remove_all(t / "media" / "stick");
    w.scan_once();
    CHECK(w.offers().empty());
}

TEST_CASE("usb watcher: a FIFO named x.kbundle.minisig does not block the scan and quitting does not hang") {
    test::TempDir t;
    auto stick = t / "media" / "stick";
    std::filesystem::create_directories(stick);
    std::filesystem::copy_file(test::fixtures() / "good.kbundle", stick / "x.kbundle");
    auto fifo = stick / "x.kbundle.minisig";
    REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
    auto w = std::make_unique<platform::UsbWatcher>(std::vector<std::filesystem::path>{t / "media"}, [] {});
    w->set_trust({content::TrustedKey{test::test_pub(), {"test-board"}, "", "test"}}, {});
    bool scanned = returns_without_hanging([&] { w->scan_once(); }, [&] { unblock_fifo(fifo); });
    CHECK_MESSAGE(scanned, "the scan blocked on a FIFO");
    auto offers = w->offers();
    REQUIRE(offers.size() == 1);
    CHECK(offers[0].version == 0);
    CHECK(offers[0].note.find("signature") != std::string::npos);
    bool quit = returns_without_hanging([&] { w.reset(); }, [&] { unblock_fifo(fifo); });
    CHECK_MESSAGE(quit, "quitting hung in join()");
}

TEST_CASE("usb watcher: the preview notices a changed .minisig (it is part of the cache key)") {
    test::TempDir t;
    auto stick = t / "media" / "stick";
    std::filesystem::create_directories(stick);
    platform::UsbWatcher w({t / "media"}, [] {});
    w.set_trust({content::TrustedKey{test::test_pub(), {"test-board"}, "", "test"}}, {});
    std::filesystem::copy_file(test::fixtures() / "good.kbundle", stick / "x.kbundle");
    test::write_all(stick / "x.kbundle.minisig", "not a signature\n");
    w.scan_once();
    REQUIRE(w.offers().size() == 1);
    CHECK(w.offers()[0].version == 0);
    // The right signature arrives; the bundle file itself is unchanged.
    std::filesystem::copy_file(test::fixtures() / "good.kbundle.minisig", stick / "x.kbundle.minisig", std::filesystem::copy_options::overwrite_existing);
    w.scan_once();
    REQUIRE(w.offers().size() == 1);
    CHECK_MESSAGE(w.offers()[0].version == 3, w.offers()[0].note);
}

#ifndef BEFORE_FIX
TEST_CASE("usb watcher: a tampered bundle is reported once to the audit callback") {
    test::TempDir t;
    auto stick = t / "media" / "stick";
    std::filesystem::create_directories(stick);
    auto b = test::copy_good(stick, "tampered");
    test::flip_byte(b, 5000);
    std::mutex mu;
    std::vector<std::string> audited;
    platform::UsbWatcher w({t / "media"}, [] {});
    w.set_tamper_report([&](const std::string& line) {
        std::lock_guard lk(mu);
        audited.push_back(line);
    });
    w.set_trust({content::TrustedKey{test::test_pub(), {"test-board"}, "", "test"}}, {});
    w.scan_once();
    w.scan_once();
    std::lock_guard lk(mu);
    REQUIRE(w.offers().size() == 1);
    CHECK(w.offers()[0].version == 0);
    REQUIRE(audited.size() == 1);
    CHECK(audited[0].find("tampered.kbundle") != std::string::npos);
    CHECK(audited[0].find("E_SIGNATURE") != std::string::npos);
}
#endif
