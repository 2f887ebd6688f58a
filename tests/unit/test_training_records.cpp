// Training records and tallies on the device (issue 18): a session saved at
// the idle reset is marked "not ended" and exported so, signed; records made
// before that column existed read as ended; the anonymous completion tally
// counts per module and month, one commit per completion, and the signed
// status file carries counts only.
#include "content/records.hpp"
#include "content/state_db.hpp"
#include "content/status_export.hpp"
#include "content/dates.hpp"
#include "test_util.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <map>

using namespace content;

namespace {
std::string record(const std::string& outcome) {
    nlohmann::json j = nlohmann::json::parse(
        R"({"module_id":"member-safeguarding","module_version":1,"channel":"demo-board","trainer":"","started_at":"2026-11-22T10:00:00Z","ended_at":"2026-11-22T10:40:00Z","slides_shown":9,"attendees":0,"tallies":[]})");
    if (!outcome.empty()) j["outcome"] = outcome;
    return j.dump();
}
} // namespace

TEST_CASE("training records: a session left idle is exported marked not ended - signed - older records read as ended") {
    test::TempDir t;
    auto s = StateStore::open(t / "data");
    REQUIRE(s);
    // A record written before the outcome column existed.
    REQUIRE(state_db(*s).exec("INSERT INTO session_records(module_id, module_version, channel, trainer, started_at, ended_at, slides_shown, attendees, tallies) "
                              "VALUES ('old', 1, 'demo-board', 'T', '2026-01-01T10:00:00Z', '2026-01-01T11:00:00Z', 3, 4, '[]')"));
    REQUIRE(save_session_record(*s, record("not ended"), {}));
    REQUIRE(save_session_record(*s, record(""), {}));
    auto bad = save_session_record(*s, record("abandoned"), {});
    REQUIRE_FALSE(bad);
    CHECK(bad.error().reason == Reason::usage);
    CHECK(pending_exports(*s).value() == 3);
    std::filesystem::create_directories(t / "stick");
    auto r = export_records(*s, t / "stick", KeepRegister::no);
    REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().line()));
    auto pub = t / "data" / "device.pub";
    for (auto& f : r->files) CHECK_MESSAGE(test::run("minisign -V -m " + test::q(f) + " -p " + test::q(pub)).rc == 0, f.string());
    auto j = nlohmann::json::parse(test::read_all(r->files[1]));
    REQUIRE(j.size() == 3);
    CHECK(j[0]["outcome"] == "ended");
    CHECK(j[1]["outcome"] == "not ended");
    CHECK(j[2]["outcome"] == "ended");
    auto csv = test::read_all(r->files[0]);
    CHECK(csv.find(",outcome\n") != std::string::npos);
    const bool csv_says = csv.find(",\"not ended\"\n") != std::string::npos || csv.find(",not ended\n") != std::string::npos;
    CHECK(csv_says);
    // The audit log says which record was not ended.
    auto log = s->audit_log(10);
    REQUIRE(log);
    bool said = false;
    for (auto& e : *log) said = said || e.detail.find("(not ended: left idle or replaced by new content)") != std::string::npos;
    CHECK(said);
}

TEST_CASE("completion tally: counts per module and month - one commit each - counts only in the signed status") {
    test::TempDir t;
    auto s = StateStore::open(t / "data");
    REQUIRE(s);
    const auto nov = parse_utc("2026-11-22T10:00:00Z").value(), dec = parse_utc("2026-12-01T09:00:00Z").value();
    auto& db = state_db(*s);
    auto changes = [&] { return db.query_int("SELECT total_changes()").value(); };
    REQUIRE(record_completion(*s, "member-safeguarding", nov));  // creates the table on first use
    auto before = changes();
    REQUIRE(record_completion(*s, "member-safeguarding", nov));
    CHECK(changes() - before == 1);  // one row changed, in one statement: one commit
    REQUIRE(record_completion(*s, "corporate-parenting", nov));
    REQUIRE(record_completion(*s, "member-safeguarding", dec));
    auto key = minisign::generate_key();
    auto st = status_json(*s, key.public_key(), dec);
    REQUIRE(st);
    auto j = nlohmann::json::parse(*st);
    REQUIRE(j["completions"].size() == 3);
    std::map<std::string, std::int64_t> counts;
    for (auto& c : j["completions"]) {
        CHECK(c.size() == 3);  // module_id, month, count: nothing about a person
        counts[c["module_id"].get<std::string>() + " " + c["month"].get<std::string>()] = c["count"];
    }
    CHECK(counts["member-safeguarding 2026-11"] == 2);
    CHECK(counts["corporate-parenting 2026-11"] == 1);
    CHECK(counts["member-safeguarding 2026-12"] == 1);
}
