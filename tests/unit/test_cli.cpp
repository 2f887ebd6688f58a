// kiosk-bundle's command-line contract: exit codes 0/1/2, one-line errors with
// a stable code, JSON from inspect, and the full keygen-build-sign-verify loop.
#include "test_util.hpp"

#include <nlohmann/json.hpp>
#include <doctest/doctest.h>

using test::q;

TEST_CASE("cli: keygen - build - sign - verify - inspect - lint end to end") {
    test::TempDir t;
    const std::string kb = test::bundle_exe();
    REQUIRE(test::run(kb + " keygen --out " + q(t / "k")).rc == 0);
    CHECK(test::run(kb + " keygen --out " + q(t / "k")).rc == 1);  // never overwrites a key
    auto b = test::run(kb + " build " + q(test::fixtures() / "good_src") + " --out " + q(t / "g.kbundle"));
    REQUIRE_MESSAGE(b.rc == 0, b.out);
    REQUIRE(test::run(kb + " sign " + q(t / "g.kbundle") + " --key " + q(t / "k.key")).rc == 0);
    auto v = test::run(kb + " verify " + q(t / "g.kbundle") + " --pub " + q(t / "k.pub"));
    CHECK_MESSAGE(v.rc == 0, v.out);
    auto i = test::run(kb + " inspect " + q(t / "g.kbundle") + " --pub " + q(t / "k.pub"));
    REQUIRE(i.rc == 0);
    auto j = nlohmann::json::parse(i.out);
    CHECK(j["signature_verified"] == true);
    CHECK(j["manifest"]["format"] == "kiosk-bundle/1");
    for (auto key : {"localities", "indicators", "briefings", "modules", "slides", "questions", "documents"}) CHECK(j["summary"].contains(key));
    CHECK(j["summary"]["questions"] == 1);
    CHECK(test::run(kb + " lint " + q(t / "g.kbundle")).rc == 0);
}

TEST_CASE("cli: usage errors exit 2 - rejections exit 1 with one coded line") {
    const std::string kb = test::bundle_exe();
    CHECK(test::run(kb).rc == 2);
    CHECK(test::run(kb + " frobnicate").rc == 2);
    CHECK(test::run(kb + " verify onlyone").rc == 2);
    CHECK(test::run(kb + " build x --bogus y").rc == 2);
    auto missing = test::run(kb + " verify /nonexistent.kbundle --pub " + q(test::fixtures() / "test-signing.pub"));
    CHECK(missing.rc == 1);
    CHECK(missing.out.rfind("E_", 0) == 0);
    auto badsrc = test::run(kb + " build /nonexistent-dir --out /tmp/x.kbundle");
    CHECK(badsrc.rc == 1);
    CHECK(badsrc.out.rfind("E_SOURCE: ", 0) == 0);
}
