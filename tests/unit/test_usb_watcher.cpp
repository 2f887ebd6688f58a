// The USB watcher: a bundle with its signature appearing under a watched
// mount root is noticed, previewed (signature first) and offered with its
// title, channel, version and whether it is newer than what is installed.
#include "usb_watcher.hpp"

#include "test_util.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>

TEST_CASE("usb watcher: notices a new bundle and previews it within 2 seconds") {
    test::TempDir t;
    std::filesystem::create_directories(t / "media" / "stick");
    std::atomic<int> wakes{0};
    platform::UsbWatcher w({t / "media"}, [&] { ++wakes; });
    content::TrustedKey key{test::test_pub(), {"test-board"}, "", "test"};
    w.set_trust({key}, {{"test-board", 2}});
    CHECK(w.offers().empty());
    test::copy_good(t / "media" / "stick", "update");
    auto start = std::chrono::steady_clock::now();
    while (w.offers().empty() && std::chrono::steady_clock::now() - start < std::chrono::seconds(2)) std::this_thread::sleep_for(std::chrono::milliseconds(50));
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
