// The admin PIN set and changed through the device services, as the admin
// screen does it: the first PIN only while none is set, a change only after
// the old PIN checks out, both on the PIN worker (Argon2id off the UI thread).
#include "device_services.hpp"
#include "test_util.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <thread>

namespace {

// Waits for the PIN worker's answer (no time limit here: CTest's timeout is the limit).
content::Status wait_result(platform::DeviceServices& s) {
    for (;;) {
        if (auto r = s.take_pin_result()) return *r;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

} // namespace

TEST_CASE("device PIN: choose the first PIN - refuse a second first PIN - change it only with the old one") {
    test::TempDir dir;
    auto state = content::StateStore::open(dir.path());
    REQUIRE(state);
    platform::DeviceServices s(*state, nullptr, {}, nullptr);
    CHECK_FALSE(s.pin_is_set());

    s.start_pin_change("", "12");
    auto r = wait_result(s);
    REQUIRE_FALSE(r);
    CHECK(content::reason_code(r.error().reason) == "E_USAGE");  // too short, refused by the store too
    CHECK_FALSE(s.pin_is_set());

    s.start_pin_change("", "1357");
    CHECK(wait_result(s));
    CHECK(s.pin_is_set());

    s.start_pin_change("", "2468");  // no second "first PIN"
    r = wait_result(s);
    REQUIRE_FALSE(r);
    CHECK(content::reason_code(r.error().reason) == "E_PIN");

    s.start_pin_change("0000", "2468");
    r = wait_result(s);
    REQUIRE_FALSE(r);
    CHECK(content::reason_code(r.error().reason) == "E_PIN");

    s.start_pin_change("1357", "2468");
    CHECK(wait_result(s));
    s.start_pin_check("2468");
    CHECK(wait_result(s));
    s.start_pin_check("1357");
    CHECK_FALSE(wait_result(s));
}
