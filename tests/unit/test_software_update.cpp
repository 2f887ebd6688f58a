// Kiosk software updates (issue 21): the verification step, each refusal,
// on real .deb files made by dpkg-deb and real minisign signatures made at
// test time; Debian's version order checked against dpkg itself.
#include "test_util.hpp"

#include "content/schedule_setting.hpp"
#include "content/software_update.hpp"
#include "content/state_store.hpp"

#include <doctest/doctest.h>

using namespace content;
using test::q;

namespace {

// A tiny member-kiosk package (or another name) built by dpkg-deb.
std::filesystem::path make_deb(const test::TempDir& t, const std::string& version, const std::string& arch,
                               const std::string& package = "member-kiosk") {
    auto root = t / ("pkg-" + package + "-" + version + "-" + arch);
    std::filesystem::create_directories(root / "DEBIAN");
    std::filesystem::create_directories(root / "usr/share/doc" / package);
    test::write_all(root / "DEBIAN/control", "Package: " + package + "\nVersion: " + version + "\nArchitecture: " + arch +
                                                 "\nMaintainer: Test <test@example.org>\nDescription: test package\n a test\n");
    test::write_all(root / "usr/share/doc" / package / "README", std::string(5000, 'x') + "\n");
    auto deb = t / (package + "_" + version + "_" + arch + ".deb");
    auto r = test::run("dpkg-deb --root-owner-group -Zgzip --build " + q(root) + " " + q(deb));
    REQUIRE_MESSAGE(r.rc == 0, r.out);
    return deb;
}

struct Keys {
    minisign::PublicKey software, content_only, stranger;
};

// Three keys from the real minisign: one for software, one for content only, one untrusted.
Keys make_keys(const test::TempDir& t) {
    Keys k;
    for (const char* name : {"software", "content", "stranger"}) {
        auto r = test::run("minisign -G -W -p " + q(t / (std::string(name) + ".pub")) + " -s " + q(t / (std::string(name) + ".key")));
        REQUIRE_MESSAGE(r.rc == 0, r.out);
    }
    k.software = *minisign::load_public_key(t / "software.pub");
    k.content_only = *minisign::load_public_key(t / "content.pub");
    k.stranger = *minisign::load_public_key(t / "stranger.pub");
    return k;
}

void sign(const test::TempDir& t, const std::filesystem::path& deb, const std::string& key) {
    auto r = test::run("minisign -S -s " + q(t / (key + ".key")) + " -m " + q(deb) + " </dev/null");
    REQUIRE_MESSAGE(r.rc == 0, r.out);
}

SoftwareUpdateInput input(const std::filesystem::path& deb, const Keys& k, const std::string& installed = "1.2.0") {
    SoftwareUpdateInput in;
    in.deb = deb;
    in.signature = deb.string() + ".minisig";
    in.keys = {TrustedKey{k.software, {"software"}, "", "software"}, TrustedKey{k.content_only, {"council"}, "", "content"}};
    in.installed_version = installed;
    in.host_architecture = "amd64";
    return in;
}

Reason refusal(const SoftwareUpdateInput& in) {
    auto v = verify_software_update(in, read_deb_control);
    REQUIRE_FALSE(v.has_value());
    return v.error().reason;
}

} // namespace

TEST_CASE("software update: Debian version order agrees with dpkg --compare-versions") {
    const char* pairs[][2] = {{"1.2.0", "1.2.1"}, {"1.2.0", "1.10.0"}, {"1.0~rc1", "1.0"}, {"1.0", "1.0+b1"}, {"1:0.9", "2.0"},
                              {"1.0-1", "1.0-2"},  {"1.0-9", "1.0-10"}, {"1.0a", "1.0b"},    {"1.0", "1.0.0"},  {"0.9~~", "0.9~"},
                              {"2.0", "2.0"},      {"1.00", "1.0"},     {"1.0-1~bpo1", "1.0-1"}};
    for (auto& p : pairs) {
        CAPTURE(p[0]);
        CAPTURE(p[1]);
        REQUIRE(valid_debian_version(p[0]));
        REQUIRE(valid_debian_version(p[1]));
        int ours = compare_debian_versions(p[0], p[1]);
        bool lt = test::run(std::string("dpkg --compare-versions '") + p[0] + "' lt '" + p[1] + "'").rc == 0;
        bool eq = test::run(std::string("dpkg --compare-versions '") + p[0] + "' eq '" + p[1] + "'").rc == 0;
        CHECK((ours < 0) == lt);
        CHECK((ours == 0) == eq);
        CHECK(compare_debian_versions(p[1], p[0]) == -ours);
    }
    for (const char* bad : {"", "a1.0", "1.0-", "1:", "x:1.0", "1.0 beta", "1.0_1"}) {
        CAPTURE(bad);
        CHECK_FALSE(valid_debian_version(bad));
    }
}

TEST_CASE("software update: a newer package signed by the software key is accepted - its control read by dpkg-deb") {
    test::TempDir t;
    auto k = make_keys(t);
    auto deb = make_deb(t, "1.3.0", "amd64");
    sign(t, deb, "software");
    auto v = verify_software_update(input(deb, k), read_deb_control);
    REQUIRE_MESSAGE(v.has_value(), v.error().line());
    CHECK(v->control.version == "1.3.0");
    CHECK(v->control.architecture == "amd64");
    CHECK(v->key_id == k.software.key_id_hex());
    // A first install (nothing installed) is newer than nothing.
    CHECK(verify_software_update(input(deb, k, ""), read_deb_control).has_value());
}

TEST_CASE("software update: each refusal has its own reason code") {
    test::TempDir t;
    auto k = make_keys(t);
    SUBCASE("no signature") {
        auto deb = make_deb(t, "1.3.0", "amd64");
        CHECK(refusal(input(deb, k)) == Reason::no_signature);
    }
    SUBCASE("a bad signature: the package changed after signing") {
        auto deb = make_deb(t, "1.3.0", "amd64");
        sign(t, deb, "software");
        auto data = test::read_all(deb);
        test::flip_byte(deb, data.size() - 10);
        CHECK(refusal(input(deb, k)) == Reason::signature);
    }
    SUBCASE("signed by a key trusted for content only") {
        auto deb = make_deb(t, "1.3.0", "amd64");
        sign(t, deb, "content");
        CHECK(refusal(input(deb, k)) == Reason::not_software_key);
    }
    SUBCASE("signed by a key the kiosk does not trust") {
        auto deb = make_deb(t, "1.3.0", "amd64");
        sign(t, deb, "stranger");
        CHECK(refusal(input(deb, k)) == Reason::untrusted_key);
    }
    SUBCASE("the same version") {
        auto deb = make_deb(t, "1.2.0", "amd64");
        sign(t, deb, "software");
        CHECK(refusal(input(deb, k)) == Reason::same_version);
    }
    SUBCASE("a lower version, by Debian's order (1.10 is newer than 1.9)") {
        auto deb = make_deb(t, "1.9.0", "amd64");
        sign(t, deb, "software");
        CHECK(refusal(input(deb, k, "1.10.0")) == Reason::downgrade);
        CHECK(refusal(input(deb, k, "1:0.1")) == Reason::downgrade);
    }
    SUBCASE("the wrong architecture") {
        auto deb = make_deb(t, "1.3.0", "arm64");
        sign(t, deb, "software");
        CHECK(refusal(input(deb, k)) == Reason::wrong_arch);
    }
    SUBCASE("the file name lies: the control decides (an arm64 package named amd64)") {
        auto deb = make_deb(t, "1.3.0", "arm64");
        auto renamed = t / "member-kiosk_1.3.0_amd64.deb";
        std::filesystem::rename(deb, renamed);
        sign(t, renamed, "software");
        CHECK(refusal(input(renamed, k)) == Reason::wrong_arch);
        CHECK(deb_name_claims(renamed.filename().string()).architecture == "amd64");
    }
    SUBCASE("a truncated file, even with a signature made over the cut copy") {
        auto deb = make_deb(t, "1.3.0", "amd64");
        auto data = test::read_all(deb);
        test::write_all(deb, data.substr(0, data.size() - 200));
        sign(t, deb, "software");
        CHECK(refusal(input(deb, k)) == Reason::truncated);
        CHECK(check_deb_archive(deb).error().reason == Reason::truncated);
    }
    SUBCASE("another package signed by the software key") {
        auto deb = make_deb(t, "1.3.0", "amd64", "not-the-kiosk");
        sign(t, deb, "software");
        CHECK(refusal(input(deb, k)) == Reason::format);
    }
    SUBCASE("not a Debian package at all") {
        auto deb = t / "member-kiosk_1.3.0_amd64.deb";
        test::write_all(deb, std::string(4096, 'z'));
        sign(t, deb, "software");
        CHECK(refusal(input(deb, k)) == Reason::format);
    }
}

TEST_CASE("software update: the archive check passes every whole package and fails every cut one") {
    test::TempDir t;
    auto deb = make_deb(t, "1.3.0", "amd64");
    REQUIRE(check_deb_archive(deb).has_value());
    auto data = test::read_all(deb);
    auto cut = t / "cut.deb";
    for (std::size_t len : {std::size_t{0}, std::size_t{7}, std::size_t{8}, std::size_t{60}, std::size_t{68}, data.size() / 2, data.size() - 1}) {
        CAPTURE(len);
        test::write_all(cut, data.substr(0, len));
        auto r = check_deb_archive(cut);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().reason == Reason::truncated);
    }
}

TEST_CASE("software update: key roles stay apart in the state store") {
    test::TempDir t;
    auto k = make_keys(t);
    auto s = StateStore::open(t / "data");
    REQUIRE(s.has_value());
    auto both = s->trust(k.software, {"software", "council"}, "mixed");
    REQUIRE_FALSE(both.has_value());
    CHECK(both.error().reason == Reason::usage);
    CHECK(s->trust(k.software, {"software"}, "software").has_value());
    CHECK(s->trust(k.content_only, {"council"}, "content").has_value());
    auto keys = s->trusted_keys();
    REQUIRE(keys.has_value());
    CHECK(keys->size() == 2);
}

TEST_CASE("screen schedule setting: saved with its audit entry and read back") {
    test::TempDir t;
    auto s = StateStore::open(t / "data");
    REQUIRE(s.has_value());
    auto none = load_screen_schedule(*s);
    REQUIRE(none.has_value());
    CHECK(none->always_on);
    auto bad = save_screen_schedule(*s, "mon-fri 8-6");
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error().reason == Reason::usage);
    CHECK(load_screen_schedule(*s)->always_on);  // nothing saved by the refusal
    auto saved = save_screen_schedule(*s, "Mon-Fri 08:00-18:00");
    REQUIRE(saved.has_value());
    auto back = load_screen_schedule(*s);
    REQUIRE(back.has_value());
    CHECK_FALSE(back->always_on);
    CHECK(schedule_open(*back, week_minute(0, 9, 0)));
    CHECK_FALSE(schedule_open(*back, week_minute(5, 9, 0)));
    auto log = s->audit_log(5);
    REQUIRE(log.has_value());
    REQUIRE_FALSE(log->empty());
    CHECK(log->front().action == "settings");
    CHECK(log->front().detail.find("mon 08:00-18:00") != std::string::npos);
}
