// The board's report end to end with the real binaries: two kiosk data
// directories with sessions and self-paced completions export with
// `kiosk --export`, their keys come from `kiosk --device-key`, the officer
// enrols them with `kiosk-bundle devices add` and runs `kiosk-bundle report`.
// Exports verify with Debian's minisign; the CSV carries the expected numbers;
// the HTML is self-contained.
#include "content/dates.hpp"
#include "content/records.hpp"
#include "content/state_store.hpp"
#include "content/status_export.hpp"
#include "test_util.hpp"

#include <doctest/doctest.h>

using test::q;
namespace fs = std::filesystem;

namespace {
std::string rec(const std::string& module, const std::string& started, int attendees) {
    return R"({"module_id":")" + module + R"(","module_version":2,"channel":"board","trainer":"T","started_at":")" + started +
           R"(","ended_at":")" + started + R"(","slides_shown":8,"attendees":)" + std::to_string(attendees) + R"(,"tallies":[]})";
}

void add_sessions(const fs::path& data, const std::vector<std::pair<std::string, int>>& sessions, int completions) {
    auto s = content::StateStore::open(data);
    REQUIRE(s);
    for (auto& [started, n] : sessions) REQUIRE(content::save_session_record(*s, rec("member-safeguarding", started, n), {}));
    for (int i = 0; i < completions; ++i) REQUIRE(content::record_completion(*s, "corporate-parenting", content::parse_utc("2026-10-01T09:00:00Z").value()));
}

std::size_t count_lines(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }
} // namespace

TEST_CASE("report e2e: two kiosks export - the officer enrols both and reports exact figures") {
    test::TempDir t;
    const std::string kiosk = KIOSK_EXE, bundle = KIOSK_BUNDLE_EXE, db = " --db " + q(t / "devices.db");
    add_sessions(t / "k1", {{"2026-09-01T10:00:00Z", 11}, {"2026-10-02T10:00:00Z", 8}}, 3);
    add_sessions(t / "k2", {{"2026-10-05T18:00:00Z", 14}}, 1);
    for (auto k : {"k1", "k2"}) {
        fs::create_directories(t / (std::string("stick-") + k));
        auto ex = test::run(kiosk + " --data-dir " + q(t / k) + " --export " + q(t / (std::string("stick-") + k)));
        REQUIRE_MESSAGE(ex.rc == 0, ex.out);
        auto key = test::run(kiosk + " --data-dir " + q(t / k) + " --device-key");
        REQUIRE(key.rc == 0);
        test::write_all(t / (std::string(k) + ".pub"), key.out);
        auto add = test::run(bundle + " devices add " + q(t / (std::string(k) + ".pub")) + " --name 'Kiosk " + k + "'" + db);
        REQUIRE_MESSAGE(add.rc == 0, add.out);
    }
    // Every exported file verifies with the stock minisign tool.
    std::size_t verified = 0;
    for (auto& e : fs::recursive_directory_iterator(t / "stick-k1"))
        if (e.path().extension() != ".minisig") {
            auto v = test::run("minisign -Vm " + q(e.path()) + " -p " + q(t / "k1.pub"));
            CHECK_MESSAGE(v.rc == 0, e.path() << ": " << v.out);
            ++verified;
        }
    CHECK(verified >= 4);  // records csv + json, audit log, status
    auto list = test::run(bundle + " devices list" + db);
    CHECK(list.out.find("Kiosk k1") != std::string::npos);

    auto csv = test::run(bundle + " report " + q(t / "stick-k1") + " " + q(t / "stick-k2") + " " + q(t / "stick-k1") + " --from 2026-09-15 --out " +
                         q(t / "report.csv") + db);
    REQUIRE_MESSAGE(csv.rc == 0, csv.out);
    CHECK(csv.out.find("Sessions held: 2\nAttendees: 22\n") != std::string::npos);
    CHECK(csv.out.find("Self-paced completions, corporate-parenting: 4") != std::string::npos);
    std::string table = test::read_all(t / "report.csv");
    CHECK(count_lines(table) == 3);  // header and two sessions in the period
    CHECK(table.find("Kiosk k1") != std::string::npos);
    CHECK(table.find(",14,") != std::string::npos);

    auto html = test::run(bundle + " report " + q(t / "stick-k1") + " " + q(t / "stick-k2") + " --out " + q(t / "report.html") + db);
    REQUIRE_MESSAGE(html.rc == 0, html.out);
    std::string h = test::read_all(t / "report.html");
    CHECK(h.find("Sessions held</th><td>3</td>") != std::string::npos);
    auto parsed = test::run("python3 -c \"import html.parser,sys; p=html.parser.HTMLParser(); p.feed(open(sys.argv[1]).read()); p.close()\" " + q(t / "report.html"));
    CHECK_MESSAGE(parsed.rc == 0, parsed.out);
    for (const char* bad : {"<script", "http", " src=", "href="}) CHECK_MESSAGE(h.find(bad) == std::string::npos, bad);

    // Unknown usage and a missing folder: clear lines, no crash.
    CHECK(test::run(bundle + " report").rc == 2);
    auto missing = test::run(bundle + " report " + q(t / "nope") + db);
    CHECK(missing.rc == 1);
    CHECK(missing.out.rfind("E_NOT_FOUND: ", 0) == 0);
    auto removed = test::run(bundle + " devices remove 'Kiosk k2'" + db);
    CHECK(removed.rc == 0);
    auto after = test::run(bundle + " report " + q(t / "stick-k2") + db);
    CHECK(after.rc == 0);
    CHECK(after.out.find("E_UNTRUSTED_KEY") != std::string::npos);
    CHECK(after.out.find("Sessions held: 0") != std::string::npos);
}
