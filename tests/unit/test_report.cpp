// The board's report: kiosks export signed records and status files; the
// publisher enrols devices and reports. Counting must be exact, and anything
// unsigned, tampered with, truncated or foreign is refused and never counted.
#include "content/dates.hpp"
#include "content/file_io.hpp"
#include "content/fleet.hpp"
#include "content/records.hpp"
#include "content/report.hpp"
#include "content/state_store.hpp"
#include "content/status_export.hpp"
#include "test_util.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace content;
namespace fs = std::filesystem;

namespace {

std::string record(const std::string& module, const std::string& started, int attendees, const std::string& counts = "[1,20,2,0]") {
    return R"({"module_id":")" + module + R"(","module_title":"Module )" + module + R"(","module_version":1,"channel":"board","trainer":"T",)" +
           R"("started_at":")" + started + R"(","ended_at":")" + started + R"(","slides_shown":10,"attendees":)" + std::to_string(attendees) +
           R"(,"tallies":[{"slide":3,"question":"Who leads?","options":["a","b","c","d"],"answer":1,"counts":)" + counts + "}]}";
}

struct Kiosk {
    test::TempDir dir;
    StateStore store;
    explicit Kiosk(const std::string& name) : store(StateStore::open(dir.path()).value()) {
        REQUIRE(store.set_setting("device_name", name));
    }
    minisign::PublicKey pub() { return device_key(store).value().public_key(); }
    fs::path export_to(const fs::path& d) {
        fs::create_directories(d);
        REQUIRE(export_records(store, d, KeepRegister::no));
        return d;
    }
};

// A signed file as a kiosk would write it, signed with that kiosk's device key.
void write_signed(Kiosk& k, const fs::path& p, const std::string& data) {
    test::write_all(p, data);
    auto key = device_key(k.store).value();
    minisign::Hasher h;
    h.update(data.data(), data.size());
    auto sig = minisign::sign_prehashed(key, h.finish(), "t", "u");
    test::write_all(fs::path(p.string() + ".minisig"), minisign::format_signature(sig));
}

struct Fleet {
    test::TempDir root;
    Kiosk a{"Westbrook library"}, b{"Eastfield hub"}, c{"Not enrolled"};
    DeviceRegistry reg = DeviceRegistry::open(root / "devices.db").value();
    std::vector<fs::path> dirs;

    Fleet() {
        REQUIRE(reg.add(a.pub(), "Westbrook library"));
        REQUIRE(reg.add(b.pub(), "Eastfield hub"));
        REQUIRE(save_session_record(a.store, record("m1", "2026-03-02T10:00:00Z", 10), {}));
        REQUIRE(save_session_record(a.store, record("m1", "2026-03-20T10:00:00Z", 12, "[5,5,0,0]"), {}));
        REQUIRE(save_session_record(a.store, record("m2", "2026-04-11T10:00:00Z", 7), {}));
        REQUIRE(record_completion(a.store, "m1", parse_utc("2026-03-05T10:00:00Z").value()));
        REQUIRE(record_completion(a.store, "m1", parse_utc("2026-03-06T10:00:00Z").value()));
        dirs.push_back(a.export_to(root / "stick-a1"));
        REQUIRE(save_session_record(a.store, record("m1", "2026-06-01T10:00:00Z", 4), {}));
        dirs.push_back(a.export_to(root / "stick-a2"));
        REQUIRE(save_session_record(b.store, record("m1", "2026-04-15T10:00:00Z", 5), {{"Pat Example", "Health"}}));
        REQUIRE(save_session_record(b.store, record("m2", "2026-05-09T10:00:00Z", 9), {}));
        REQUIRE(record_completion(b.store, "m2", parse_utc("2026-05-10T10:00:00Z").value()));
        dirs.push_back(b.export_to(root / "stick-b"));
        REQUIRE(save_session_record(c.store, record("m1", "2026-04-01T10:00:00Z", 99), {}));
        dirs.push_back(c.export_to(root / "stick-foreign"));
    }

    fs::path first(const fs::path& dir, const std::string& prefix) {
        for (auto& e : fs::directory_iterator(dir))
            if (e.path().filename().string().rfind(prefix, 0) == 0 && e.path().extension() != ".minisig") return e.path();
        FAIL("no " << prefix << " in " << dir);
        return {};
    }
};

} // namespace

TEST_CASE("report: every figure is exact across two kiosks - repeats - a tampered file and a foreign device") {
    Fleet f;
    // The same export copied to a second stick, and one record exported twice in another file.
    fs::copy(f.root / "stick-a1", f.root / "stick-a1-copy");
    f.dirs.push_back(f.root / "stick-a1-copy");
    fs::create_directories(f.root / "mixed");
    nlohmann::json again = nlohmann::json::parse(test::read_all(f.first(f.root / "stick-a1", "session-records-") .replace_extension(".json")));
    write_signed(f.a, f.root / "mixed" / "session-records-again.json", nlohmann::json::array({again[0]}).dump());
    // Tampered, truncated and unsigned files.
    fs::path rec_b = f.first(f.root / "stick-b", "session-records-").replace_extension(".json");
    fs::copy_file(rec_b, f.root / "mixed" / "session-records-tampered.json");
    fs::copy_file(rec_b.string() + ".minisig", f.root / "mixed" / "session-records-tampered.json.minisig");
    std::string t = test::read_all(f.root / "mixed" / "session-records-tampered.json");
    t.replace(t.find("\"attendees\": 5"), 14, "\"attendees\": 500");
    test::write_all(f.root / "mixed" / "session-records-tampered.json", t);
    fs::copy_file(rec_b, f.root / "mixed" / "session-records-truncated.json");
    fs::copy_file(rec_b.string() + ".minisig", f.root / "mixed" / "session-records-truncated.json.minisig");
    fs::resize_file(f.root / "mixed" / "session-records-truncated.json", 40);
    test::write_all(f.root / "mixed" / "session-records-unsigned.json", "[]");
    f.dirs.push_back(f.root / "mixed");

    auto r = build_report(f.reg, f.dirs, ReportOptions{});
    REQUIRE(r);
    CHECK(r->sessions.size() == 6);  // A: 4, B: 2; C is foreign
    CHECK(r->attendees == 10 + 12 + 7 + 4 + 5 + 9);
    CHECK(r->sessions_by_module.at("m1") == 4);
    CHECK(r->sessions_by_module.at("m2") == 2);
    CHECK(r->sessions_by_month.at("2026-03") == 2);
    CHECK(r->sessions_by_month.at("2026-04") == 2);
    CHECK(r->sessions_by_month.at("2026-05") == 1);
    CHECK(r->sessions_by_month.at("2026-06") == 1);
    CHECK(r->completions_by_module.at("m1") == 2);
    CHECK(r->completions_by_module.at("m2") == 1);
    CHECK(r->duplicate_records == 1);
    CHECK(r->duplicate_files >= 4);  // the copied stick's files
    REQUIRE(r->questions.size() == 2);  // one per module; the hardest first
    CHECK(r->questions[0].module_id == "m1");
    CHECK(r->questions[0].counts == std::vector<std::int64_t>{1 + 5 + 1 + 1, 20 + 5 + 20 + 20, 2 + 0 + 2 + 2, 0});
    CHECK(r->questions[0].sessions == 4);
    CHECK(r->questions[1].counts == std::vector<std::int64_t>{2, 40, 4, 0});
    CHECK(r->questions[0].share_right() < r->questions[1].share_right());
    std::map<std::string, Reason> why;
    for (auto& x : r->refused) why[fs::path(x.file).filename().string()] = x.why.reason;
    CHECK(why.at("session-records-tampered.json") == Reason::signature);
    CHECK(why.at("session-records-truncated.json") == Reason::signature);
    CHECK(why.at("session-records-unsigned.json") == Reason::signature);
    std::size_t foreign = 0;
    for (auto& x : r->refused) foreign += x.file.find("stick-foreign") != std::string::npos && x.why.reason == Reason::untrusted_key;
    CHECK(foreign >= 4);  // every file of the foreign kiosk
    REQUIRE(r->fleet.size() == 2);
    CHECK(r->fleet[0].name == "Eastfield hub");
    CHECK(r->fleet[1].name == "Westbrook library");
    CHECK(r->fleet[1].pending_records == 0);
    // Names only in the CSV, and only where a register was kept.
    std::string csv = report_csv(*r);
    CHECK(csv.find("Pat Example") != std::string::npos);
    CHECK(report_html(*r).find("Pat Example") == std::string::npos);
}

TEST_CASE("report: the same files in another order give the same digest and figures") {
    Fleet f;
    auto one = build_report(f.reg, f.dirs, ReportOptions{});
    std::vector<fs::path> rev(f.dirs.rbegin(), f.dirs.rend());
    rev.push_back(f.dirs[0]);
    auto two = build_report(f.reg, rev, ReportOptions{});
    REQUIRE(one);
    REQUIRE(two);
    CHECK(one->input_digest == two->input_digest);
    CHECK(one->input_digest.size() == 128);
    CHECK(report_csv(*one) == report_csv(*two));
}

TEST_CASE("report: a period counts only its sessions") {
    Fleet f;
    ReportOptions o;
    o.period = {"2026-04-01", "2026-05-31"};
    auto r = build_report(f.reg, f.dirs, o);
    REQUIRE(r);
    CHECK(r->sessions.size() == 3);
    CHECK(r->attendees == 7 + 5 + 9);
    CHECK(r->completions_by_module.count("m1") == 0);
    CHECK(r->completions_by_module.at("m2") == 1);
}

TEST_CASE("report: a device removed from enrolment is no longer counted") {
    Fleet f;
    REQUIRE(f.reg.remove("Eastfield hub"));
    auto r = build_report(f.reg, f.dirs, ReportOptions{});
    REQUIRE(r);
    CHECK(r->sessions.size() == 4);
    CHECK(r->fleet.size() == 1);
    CHECK(f.reg.remove("Eastfield hub").error().reason == Reason::not_found);
}

TEST_CASE("report: empty - missing and huge folders and a kiosk with a wrong clock") {
    Fleet f;
    test::TempDir empty;
    auto r = build_report(f.reg, {empty.path()}, ReportOptions{});
    REQUIRE(r);
    CHECK(r->sessions.empty());
    CHECK(r->files_read == 0);
    CHECK(r->fleet[0].warnings.at(0).find("no status file") != std::string::npos);
    CHECK(build_report(f.reg, {empty / "nope"}, ReportOptions{}).error().reason == Reason::not_found);

    for (int i = 0; i < 60; ++i) test::write_all(empty / ("audit-log-" + std::to_string(i) + ".csv"), "x");
    ReportOptions small;
    small.max_files = 50;
    auto huge = build_report(f.reg, {empty.path()}, small);
    REQUIRE(huge);
    CHECK(huge->files_read == 50);
    CHECK(huge->notes.at(0).find("More than 50") != std::string::npos);

    REQUIRE(save_session_record(f.a.store, record("m1", "2099-01-01T10:00:00Z", 3), {}));
    auto later = f.a.export_to(f.root / "stick-a3");
    auto skew = build_report(f.reg, {later}, ReportOptions{});
    REQUIRE(skew);
    bool noted = false;
    for (auto& n : skew->notes) noted |= n.find("in the future") != std::string::npos;
    CHECK(noted);
}

TEST_CASE("report: the HTML is one self-contained page with no external references or scripts") {
    Fleet f;
    auto r = build_report(f.reg, f.dirs, ReportOptions{});
    REQUIRE(r);
    std::string h = report_html(*r);
    for (const char* bad : {"<script", "http://", "https://", " src=", "href=", "url(", "@import"}) CHECK_MESSAGE(h.find(bad) == std::string::npos, bad);
    auto count = [&](const std::string& s) {
        std::size_t n = 0;
        for (auto p = h.find(s); p != std::string::npos; p = h.find(s, p + 1)) ++n;
        return n;
    };
    CHECK(count("<svg") == count("</svg>"));
    CHECK(count("<svg") >= 3);
    CHECK(count("<table") == count("</table>"));
    CHECK(h.find("Sessions held</th><td>6</td>") != std::string::npos);
}

TEST_CASE("status export: a signed kiosk-status/1 file with channels - refusals and completions - no names") {
    Kiosk k("Committee room 1");
    REQUIRE(k.store.audit("import", "board", 3, "E_SIGNATURE", "x.kbundle: tampered"));
    REQUIRE(record_completion(k.store, "m1", parse_utc("2026-03-05T10:00:00Z").value()));
    auto dir = k.export_to(k.dir / "stick");
    fs::path status;
    for (auto& e : fs::directory_iterator(dir))
        if (e.path().filename().string().rfind("status-", 0) == 0 && e.path().extension() == ".json") status = e.path();
    REQUIRE(!status.empty());
    auto j = nlohmann::json::parse(test::read_all(status));
    CHECK(j["format"] == "kiosk-status/1");
    CHECK(j["device_name"] == "Committee room 1");
    CHECK(j["refused_imports"] == 1);
    CHECK(j["completions"][0]["count"] == 1);
    CHECK(j["device_key_id"] == k.pub().key_id_hex());
    auto sig = minisign::load_signature(status.string() + ".minisig");
    REQUIRE(sig);
    CHECK(minisign::verify_file(k.pub(), *sig, status));
    // After the export, refusals start again from zero.
    auto next = status_json(k.store, k.pub(), 0);
    REQUIRE(next);
    CHECK(nlohmann::json::parse(*next)["refused_imports"] == 0);
}

TEST_CASE("devices: names are unique - re-enrolling renames - a bad file is refused") {
    test::TempDir t;
    auto reg = DeviceRegistry::open(t / "d.db");
    REQUIRE(reg);
    auto k1 = minisign::generate_key().public_key(), k2 = minisign::generate_key().public_key();
    REQUIRE(reg->add(k1, "One"));
    CHECK(reg->add(k2, "One").error().reason == Reason::usage);
    REQUIRE(reg->add(k1, "Uno"));
    CHECK(reg->list()->size() == 1);
    CHECK(reg->list()->at(0).name == "Uno");
    CHECK(reg->add(k2, "").error().reason == Reason::usage);
    test::write_all(t / "junk.db", "not a database at all, just text that is long enough to be read");
    CHECK_FALSE(DeviceRegistry::open(t / "junk.db"));
}
