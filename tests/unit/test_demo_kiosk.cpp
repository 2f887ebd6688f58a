// The embedded demo through the kiosk binary: the demo key is only trusted in
// demo mode, every CLI mode works on it, and `kiosk --demo --screenshot`
// renders each view. Built only with the GUI.
#include "test_util.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <set>

using test::q;

namespace {
std::string demo_env(const test::TempDir& t) {
    return "KIOSK_DEMO_DATA_DIR=" + q(t / "demo-data") + " KIOSK_DEMO_BUNDLES=" + q(KIOSK_DEMO_DIR) + " ";
}
} // namespace

TEST_CASE("demo: a normal data directory refuses the demo key unless an admin trusts it") {
    test::TempDir t;
    std::string d = " --data-dir " + q(t / "data");
    auto r = test::run(std::string(KIOSK_EXE) + d + " --import " + q(KIOSK_DEMO_DIR));
    CHECK(r.rc == 1);
    CHECK(r.out.find("E_UNTRUSTED_KEY") != std::string::npos);
    REQUIRE(test::run(std::string(KIOSK_EXE) + d + " --trust " + q(test::source_dir() / "content/demo/DEMO-ONLY-signing.pub") +
                      " --channel demo-board,demo-council").rc == 0);
    auto ok = test::run(std::string(KIOSK_EXE) + d + " --import " + q(KIOSK_DEMO_DIR));
    CHECK_MESSAGE(ok.rc == 0, ok.out);
}

TEST_CASE("demo: --demo installs through the normal import path and works in every CLI mode") {
    test::TempDir t;
    auto st = test::run(demo_env(t) + KIOSK_EXE + " --demo --status");
    REQUIRE_MESSAGE(st.rc == 0, st.out);
    auto j = nlohmann::json::parse(st.out);
    CHECK(j["channels"].contains("demo-board"));
    CHECK(j["channels"].contains("demo-council"));
    bool imported = false;
    for (auto& a : j["audit"]) imported |= a["action"] == "import" && a["result"] == "ok";
    CHECK(imported);
    auto s = test::run(demo_env(t) + KIOSK_EXE + " --demo --search neglect --limit 2");
    CHECK(s.rc == 0);
    CHECK(nlohmann::json::parse(s.out.substr(0, s.out.find('\n'))).contains("snippet"));
    // A misspelt word: the first line says what was searched instead, then the hits.
    auto typo = test::run(demo_env(t) + KIOSK_EXE + " --demo --search safegaurding --limit 3");
    REQUIRE_MESSAGE(typo.rc == 0, typo.out);
    auto first = nlohmann::json::parse(typo.out.substr(0, typo.out.find('\n')));
    CHECK(first["showing_results_for"] == "safeguarding");
    CHECK(first["searched_instead_of"] == "safegaurding");
    // --search is read-only: the data directory is exactly as it was (no recovery, no writes).
    auto listing = [&] {
        std::map<std::string, std::pair<std::uintmax_t, std::filesystem::file_time_type>> m;
        for (auto& e : std::filesystem::recursive_directory_iterator(t / "demo-data"))
            if (e.is_regular_file() && e.path().string().find(".db-") == std::string::npos)  // not SQLite's -wal/-shm
                m[e.path().string()] = {e.file_size(), e.last_write_time()};
        return m;
    };
    auto before = listing();
    std::filesystem::create_directories(t / "demo-data" / "staging" / "left-over");  // recovery would delete this
    CHECK(test::run(demo_env(t) + KIOSK_EXE + " --demo --search \"private fostering\" --type document").rc == 0);
    CHECK(listing() == before);
    CHECK(std::filesystem::exists(t / "demo-data" / "staging" / "left-over"));
    CHECK(test::run(demo_env(t) + KIOSK_EXE + " --demo --device-key").out.find("minisign public key") != std::string::npos);
    std::filesystem::create_directories(t / "stick");
    CHECK(test::run(demo_env(t) + KIOSK_EXE + " --demo --export " + q(t / "stick")).rc == 0);
}

TEST_CASE("demo: --demo --screenshot renders each main view to a non-blank PNG") {
    test::TempDir t;
    for (std::string v : {"home", "briefing:riverside", "briefing:riverside/cla", "actions", "library", "library:search=neglect",
                          "doc:working-together-2013", "doc:lga-peer-letter-2014:1", "training", "training:member-safeguarding:3",
                          "presenter:member-safeguarding:4", "admin", "compare:cla", "brief:board-briefing-spring-2025"}) {
        CAPTURE(v);
        auto png = t / "shot.png";
        auto r = test::run(demo_env(t) + KIOSK_EXE + " --demo --screenshot " + q(png) + " --view '" + v + "' --size 800x480");
        REQUIRE_MESSAGE(r.rc == 0, r.out);
        auto bytes = test::read_all(png);
        CHECK(bytes.size() > 5000);
        CHECK(bytes.substr(1, 3) == "PNG");
    }
    auto bad = test::run(demo_env(t) + KIOSK_EXE + " --demo --screenshot " + q(t / "x.png") + " --view doc:nope");
    CHECK(bad.rc == 1);
    CHECK(bad.out.find("E_NOT_FOUND") != std::string::npos);
}

TEST_CASE("demo: --text-size sets the screenshot's text size - only 100 to 200 is accepted") {
    test::TempDir t;
    auto shot = [&](const std::string& extra, const std::string& name) {
        auto png = t / name;
        auto r = test::run(demo_env(t) + KIOSK_EXE + " --demo --screenshot " + q(png) + " --view library --size 800x480" + extra);
        REQUIRE_MESSAGE(r.rc == 0, r.out);
        return test::read_all(png);
    };
    auto normal = shot("", "100.png");
    auto large = shot(" --text-size 200", "200.png");
    CHECK(normal == shot(" --text-size 100", "100b.png"));  // 100% is the default
    CHECK(normal != large);
    for (const char* bad : {"250", "99", "big", "150%"}) {
        CAPTURE(bad);
        auto r = test::run(demo_env(t) + KIOSK_EXE + " --demo --screenshot " + q(t / "x.png") + " --text-size " + bad);
        CHECK(r.rc == 2);
        CHECK(r.out.find("--text-size takes a percent from 100 to 200") != std::string::npos);
    }
}

TEST_CASE("demo: --headlines prints one JSON headline per indicator and refuses an unknown locality") {
    test::TempDir t;
    auto r = test::run(demo_env(t) + KIOSK_EXE + " --demo --headlines eastfield");
    REQUIRE_MESSAGE(r.rc == 0, r.out);
    std::set<std::string> trends, versus;
    int lines = 0;
    std::size_t start = 0;
    while (start < r.out.size()) {
        auto end = r.out.find('\n', start);
        if (end == std::string::npos) end = r.out.size();
        auto line = r.out.substr(start, end - start);
        start = end + 1;
        if (line.empty() || line[0] != '{') continue;
        auto j = nlohmann::json::parse(line);
        ++lines;
        for (const char* k : {"indicator", "sentence", "trend", "versus_england", "versus_area", "period"}) CHECK(j.contains(k));
        trends.insert(j["trend"].get<std::string>());
        versus.insert(j["versus_england"].get<std::string>());
        for (const auto& v : {j["versus_england"], j["versus_area"]})
            CHECK(std::set<std::string>{"higher", "lower", "similar", "none"}.contains(v.get<std::string>()));
        if (j["indicator"] == "cp_plans") CHECK(j["sentence"] == "28 children in 2024/25; no trend: 2023/24 is [c]");
    }
    CHECK(lines >= 10);
    CHECK(trends.contains("unknown"));
    CHECK(versus.contains("none"));  // counts are never set against England
    auto bad = test::run(demo_env(t) + KIOSK_EXE + " --demo --headlines nowhere");
    CHECK(bad.rc == 1);
    CHECK(bad.out.find("E_NOT_FOUND") != std::string::npos);
}
