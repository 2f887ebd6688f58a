// The installed kiosk version the admin Device tab shows (issue 21): dpkg-query's
// answer parsed by content::parse_dpkg_query, on made-up output for each case,
// and content::query_dpkg_package run against this machine's real dpkg.
#include "test_util.hpp"

#include "content/dpkg_status.hpp"
#include "content/software_update.hpp"

#include <doctest/doctest.h>

using namespace content;

TEST_CASE("dpkg status: the installed package's version and state") {
    auto p = parse_dpkg_query("1.3.0+upd1\tinstall ok installed\n");
    REQUIRE(p);
    CHECK(p->version == "1.3.0+upd1");
    CHECK(p->status == "install ok installed");
    CHECK(p->state() == "installed");
    CHECK(p->installed());
}

TEST_CASE("dpkg status: absent - only remembered - mid-install") {
    CHECK_FALSE(parse_dpkg_query(""));
    CHECK_FALSE(parse_dpkg_query("\n"));
    CHECK_FALSE(parse_dpkg_query("no tab here\n"));
    // Removed but not purged, and never installed: dpkg has no version.
    CHECK_FALSE(parse_dpkg_query("\tdeinstall ok config-files\n"));
    CHECK_FALSE(parse_dpkg_query("\tunknown ok not-installed\n"));
    auto half = parse_dpkg_query("2.0\tinstall reinstreq half-configured\n");
    REQUIRE(half);
    CHECK(half->version == "2.0");
    CHECK(half->state() == "half-configured");
    CHECK_FALSE(half->installed());
}

TEST_CASE("dpkg status: spaces and CR trimmed - the last line without a newline") {
    auto p = parse_dpkg_query(" 0.1.0 \t  install ok installed  \r");
    REQUIRE(p);
    CHECK(p->version == "0.1.0");
    CHECK(p->installed());
}

TEST_CASE("dpkg status: with a line per architecture the installed one wins - else the first") {
    auto p = parse_dpkg_query("0.9\tdeinstall ok config-files\n1.0\tinstall ok installed\n");
    REQUIRE(p);
    CHECK(p->version == "1.0");
    auto first = parse_dpkg_query("0.9\tinstall ok unpacked\n1.0\tinstall ok half-installed\n");
    REQUIRE(first);
    CHECK(first->version == "0.9");
}

TEST_CASE("dpkg status: this machine's dpkg asked through query_dpkg_package") {
    // Packages every Debian system has; each compared with the Version line
    // of `dpkg -s`, dpkg's other way of saying it.
    for (const char* name : {"dpkg", "coreutils", "tar", "bash"}) {
        CAPTURE(name);
        auto r = query_dpkg_package(name);
        REQUIRE(r);
        REQUIRE(*r);
        CHECK((*r)->installed());
        CHECK(valid_debian_version((*r)->version));
        auto q = test::run(std::string("dpkg -s ") + name + " | sed -n 's/^Version: //p'");
        REQUIRE(q.rc == 0);
        CHECK((*r)->version + "\n" == q.out);
    }
    auto none = query_dpkg_package("member-kiosk-no-such-package");
    REQUIRE(none);
    CHECK_FALSE(*none);
}

TEST_CASE("software update: the helper may audit ok and the stable reason codes - nothing else") {
    CHECK(is_software_audit_result("ok"));
    for (const char* code : {"E_NO_SPACE", "E_STICK_REMOVED", "E_IO", "E_TOO_LARGE", "E_FORMAT", "E_INSTALL_FAILED", "E_INTERNAL", "E_USAGE"})
        CHECK_MESSAGE(is_software_audit_result(code), code);
    for (const char* code : {"", "OK", "E_NOSPACE", "E_NO_SPACE ", "E_", "installed"})
        CHECK_FALSE_MESSAGE(is_software_audit_result(code), code);
}
