// Meetings (issue 22): the kiosk-bundle/2 format step and its migration (a
// committed kiosk-bundle/1 bundle still verifies, imports and shows), the
// publisher's meetings.csv with lint on bad dates, broken references and
// personal data, the read model's today/next/past with a fake clock (around
// midnight and just after a meeting ends), plain-words dates, and the demo.
#include "content/bundle_builder.hpp"
#include "content/bundle_verify.hpp"
#include "content/catalog.hpp"
#include "content/dates.hpp"
#include "content/importer.hpp"
#include "content/lint.hpp"
#include "content/meetings.hpp"
#include "content/schema.hpp"
#include "content/source_folder.hpp"
#include "content/sqlite.hpp"
#include "content/state_store.hpp"
#include "bundle_helpers.hpp"
#include "test_util.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <map>
#include <set>

using namespace content;
namespace fs = std::filesystem;

namespace {

const char* k_meetings =
    "id,title,kind,starts,ends,place,locality,lead_item,lead_minutes,notes\n"
    "north-2027,North locality meeting,locality-meeting,2027-03-12 19:00,21:00,North Hall,north,2,,The annual item.\n"
    "board-2027,Board briefing,board-briefing,2027-04-01 17:30,,County Hall,,,,\n";
const char* k_items =
    "meeting_id,number,title,kind,ref,note\n"
    "north-2027,3,Apologies,note,,\n"
    "north-2027,4,Children's safeguarding,briefing,board,The annual item.\n"
    "north-2027,5,North's figures,figures,north,\n"
    "board-2027,1,The guidance,document,guidance,\n"
    "board-2027,2,Training,module,intro,\n"
    "board-2027,3,Elsewhere,document,other-channel:some-doc,\n";

fs::path meetings_src(const test::TempDir& t, const std::string& meetings = k_meetings, const std::string& items = k_items) {
    fs::path src = test::copy_good_src(t.path());
    test::write_all(src / "meetings.csv", meetings);
    test::write_all(src / "meeting_items.csv", items);
    return src;
}

std::string build_error(const fs::path& src, const test::TempDir& t) {
    auto r = build_bundle(src, t / "out.kbundle");
    REQUIRE_FALSE(r.has_value());
    return r.error().line();
}

Meeting meeting(std::string id, std::string starts, std::string ends, std::int64_t lead_item = 0, std::int64_t lead_minutes = -1) {
    Meeting m;
    m.id = id;
    m.title = id + " meeting";
    m.kind = "locality-meeting";
    m.starts = std::move(starts);
    m.ends = std::move(ends);
    m.place = "Hall";
    m.lead_item = lead_item;
    m.lead_minutes = lead_minutes;
    m.items = {MeetingItem{1, "3", "Apologies", "note", "", ""}, MeetingItem{2, "4", "children's safeguarding", "briefing", "b", ""}};
    return m;
}

std::int64_t at(const char* local) {
    auto t = parse_local_minute(local);
    REQUIRE(t);
    return *t;
}

} // namespace

TEST_CASE("format step: the committed kiosk-bundle/1 fixture still verifies - imports - and shows - with no meetings") {
    test::TempDir t;
    fs::path b = test::copy_good(t.path());
    auto m = check_contents(b, VerifyOptions{});
    REQUIRE_MESSAGE(m.has_value(), (m ? "" : m.error().line()));
    CHECK(m->format == "kiosk-bundle/1");
    auto store = test::trusted_store(t / "data");
    auto r = import_bundle(store, b, ImportOptions{});
    REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().line()));
    auto chans = store.channels();
    REQUIRE(chans);
    Catalog cat = Catalog::load_channels(installed_channels(*chans, store.bundles_dir()));
    CHECK(cat.problems().empty());
    CHECK(cat.channels().size() == 1);
    CHECK(cat.meetings().empty());
    CHECK(cat.library().size() == 2);
    CHECK_FALSE(cat.briefings().empty());
    CHECK(cat.demo_clock().empty());
    auto lint = lint_bundle(b, FixSuggest::no);
    CHECK(lint.ok());
}

TEST_CASE("format step: a source with meetings builds kiosk-bundle/2 - which verifies and reads back in order") {
    test::TempDir t;
    fs::path src = meetings_src(t);
    auto r = build_bundle(src, t / "m.kbundle");
    REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().line()));
    CHECK(nlohmann::json::parse(r->summary_json)["meetings"] == 2);
    bool warned = false;
    for (auto& w : r->warnings) warned |= w.find("other-channel:some-doc") != std::string::npos;
    CHECK(warned);  // another channel's ref is checked for form, and said
    auto m = check_contents(t / "m.kbundle", VerifyOptions{});
    REQUIRE_MESSAGE(m.has_value(), (m ? "" : m.error().line()));
    CHECK(m->format == "kiosk-bundle/2");
    auto cat = Catalog::from_files({{"test-board", t / "m.kbundle"}});
    REQUIRE(cat);
    REQUIRE(cat->meetings().size() == 2);
    const Meeting* n = cat->meeting("north-2027");
    REQUIRE(n);
    CHECK(n->starts == "2027-03-12T19:00");
    CHECK(n->ends == "2027-03-12T21:00");
    CHECK(n->locality_id == "north");
    CHECK(n->lead_item == 2);
    REQUIRE(n->items.size() == 3);
    CHECK(n->items[1].ord == 2);
    CHECK(n->items[1].number == "4");
    CHECK(n->items[1].ref == "board");
    CHECK(n->items[0].ref.empty());
    const Meeting* b = cat->meeting("board-2027");
    REQUIRE(b);
    CHECK(b->ends == "2027-04-01T19:30");  // two hours when 'ends' is empty
    CHECK(b->lead_minutes == -1);
    // The same source without meetings is still kiosk-bundle/1.
    fs::create_directories(t / "plain");
    auto old = build_bundle(test::copy_good_src(t / "plain"), t / "plain.kbundle");
    REQUIRE(old);
    CHECK(check_contents(t / "plain.kbundle", VerifyOptions{})->format == "kiosk-bundle/1");
}

TEST_CASE("format step: the publisher still builds kiosk-bundle/1 on request - and refuses meetings in it rather than drop them") {
    test::TempDir t;
    fs::path src = test::copy_good_src(t.path());
    auto j = nlohmann::json::parse(test::read_all(src / "bundle.json"));
    j["format"] = "kiosk-bundle/1";
    test::write_all(src / "bundle.json", j.dump());
    REQUIRE(build_bundle(src, t / "v1.kbundle"));
    CHECK(check_contents(t / "v1.kbundle", VerifyOptions{})->format == "kiosk-bundle/1");
    test::write_all(src / "meetings.csv", k_meetings);
    test::write_all(src / "meeting_items.csv", k_items);
    std::string e = build_error(src, t);
    CHECK(e.starts_with("E_SOURCE"));
    CHECK(e.find("kiosk-bundle/1") != std::string::npos);
    j["format"] = "kiosk-bundle/3";
    test::write_all(src / "bundle.json", j.dump());
    CHECK(build_error(src, t).starts_with("E_SOURCE"));
}

TEST_CASE("format step: the manifest's format must match the tables - /1 with meetings tables or /2 without is E_FORMAT") {
    test::TempDir t;
    REQUIRE(build_bundle(meetings_src(t), t / "m.kbundle"));
    fs::create_directories(t / "p");
    REQUIRE(build_bundle(test::copy_good_src(t / "p"), t / "p.kbundle"));
    for (auto [file, claim] : {std::pair{"m.kbundle", "kiosk-bundle/1"}, std::pair{"p.kbundle", "kiosk-bundle/2"}}) {
        CAPTURE(file);
        {
            auto db = sql::Db::open(t / file, sql::OpenMode::read_write_create);
            REQUIRE(db);
            REQUIRE(db->exec(std::string("UPDATE manifest SET value = '") + claim + "' WHERE key = 'format'"));
        }
        auto m = check_contents(t / file, VerifyOptions{});
        REQUIRE_FALSE(m.has_value());
        CHECK(m.error().reason == Reason::format);
    }
    // A format this kiosk does not know is refused as before.
    {
        auto db = sql::Db::open(t / "p.kbundle", sql::OpenMode::read_write_create);
        REQUIRE(db->exec("UPDATE manifest SET value = 'kiosk-bundle/9' WHERE key = 'format'"));
    }
    CHECK(check_contents(t / "p.kbundle", VerifyOptions{}).error().reason == Reason::format);
}

TEST_CASE("format step: a /2 bundle from another tool with a meeting that cannot be placed in time - or items of no meeting - is E_FORMAT") {
    test::TempDir t;
    REQUIRE(build_bundle(meetings_src(t), t / "m.kbundle"));
    REQUIRE(check_contents(t / "m.kbundle", VerifyOptions{}));
    for (const char* sql : {"UPDATE meetings SET starts = '12/03/2027 19:00' WHERE id = 'north-2027'",
                            "UPDATE meetings SET ends = '2027-03-12T18:00' WHERE id = 'north-2027'",
                            "UPDATE meeting_items SET meeting_id = 'ghost' WHERE meeting_id = 'board-2027' AND ord = 1"}) {
        CAPTURE(sql);
        fs::copy_file(t / "m.kbundle", t / "x.kbundle", fs::copy_options::overwrite_existing);
        {
            auto db = sql::Db::open(t / "x.kbundle", sql::OpenMode::read_write_create);
            REQUIRE(db);
            REQUIRE(db->exec(sql));
        }
        auto m = check_contents(t / "x.kbundle", VerifyOptions{});
        REQUIRE_FALSE(m.has_value());
        CHECK(m.error().reason == Reason::format);
    }
}

TEST_CASE("format step: the exact schema check accepts either version - and a /2 table changed by one word is refused") {
    for (auto v : {schema::FormatVersion::v1, schema::FormatVersion::v2}) {
        auto db = sql::Db::open(":memory:", sql::OpenMode::read_write_create);
        REQUIRE(db->exec(schema::ddl(v)));
        auto r = schema::check(*db);
        REQUIRE(r);
        CHECK(*r == v);
    }
    std::string ddl(schema::ddl(schema::FormatVersion::v2));
    ddl.replace(ddl.find("'conference'"), 12, "'congress'");
    auto db = sql::Db::open(":memory:", sql::OpenMode::read_write_create);
    REQUIRE(db->exec(ddl));
    auto r = schema::check(*db);
    REQUIRE_FALSE(r);
    CHECK(r.error().reason == Reason::schema);
    CHECK(r.error().message.find("meetings") != std::string::npos);
    // Only one of the two new tables: not /1, and not /2 either.
    auto half = sql::Db::open(":memory:", sql::OpenMode::read_write_create);
    std::string v2(schema::ddl(schema::FormatVersion::v2));
    REQUIRE(half->exec(v2.substr(0, v2.find("CREATE TABLE meeting_items"))));
    CHECK(schema::check(*half).error().reason == Reason::schema);
}

TEST_CASE("meetings lint: bad dates and times are E_SOURCE naming the file and line") {
    test::TempDir t;
    struct Case {
        const char* row;
        const char* says;
    } cases[] = {
        {"x,X,locality-meeting,2027-02-30 19:00,,Hall,,,,", "meetings.csv:2"},        // 30 February
        {"x,X,locality-meeting,12/03/2027 19:00,,Hall,,,,", "'starts' must be"},      // not ISO
        {"x,X,locality-meeting,2027-03-12 25:00,,Hall,,,,", "'starts' must be"},      // no such hour
        {"x,X,locality-meeting,2027-03-12 19:00,7pm,Hall,,,,", "'ends' must be"},     // not a time
        {"x,X,locality-meeting,2027-03-12 19:00,2027-03-11 21:00,Hall,,,,", "ends"},  // before it starts
        {"x,X,locality-meeting,+3 19:00,,Hall,,,,", "demo"},                         // relative without a demo clock
        {"x,X,party,2027-03-12 19:00,,Hall,,,,", "kind must be"},
        {"x,X,locality-meeting,2027-03-12 19:00,,Hall,,9,,", "lead_item 9"},
    };
    for (auto& c : cases) {
        CAPTURE(c.row);
        test::TempDir d;
        fs::path src = meetings_src(d, std::string("id,title,kind,starts,ends,place,locality,lead_item,lead_minutes,notes\n") + c.row + "\n",
                                    "meeting_id,number,title,kind,ref,note\n");
        std::string e = build_error(src, d);
        CHECK(e.starts_with("E_SOURCE"));
        CHECK_MESSAGE(e.find(c.says) != std::string::npos, e);
        auto lint = lint_source(src, FixSuggest::no);
        REQUIRE_FALSE(lint.ok());
        CHECK(lint.findings.front().code == "E_SOURCE");
    }
    // "23:00" to "00:30" runs past midnight rather than ending before it starts.
    test::TempDir d;
    fs::path src = meetings_src(d, "id,title,kind,starts,ends,place\nlate,Late,scrutiny,2027-03-12 23:00,00:30,Hall\n", "meeting_id,number,title,kind,ref,note\n");
    auto r = build_bundle(src, d / "late.kbundle");
    REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().line()));
    auto cat = Catalog::from_files({{"test-board", d / "late.kbundle"}});
    REQUIRE(cat);
    CHECK(cat->meeting("late")->ends == "2027-03-13T00:30");
}

TEST_CASE("meetings lint: references that do not resolve are E_SOURCE naming the meeting and item") {
    struct Case {
        const char* item;
        const char* says;
    } cases[] = {
        {"north-2027,4,Safeguarding,briefing,nope,", "briefing 'nope'"},
        {"north-2027,4,Guidance,document,missing-doc,", "document 'missing-doc'"},
        {"north-2027,4,Training,module,no-module,", "module 'no-module'"},
        {"north-2027,4,Figures,figures,atlantis,", "figures 'atlantis'"},
        {"north-2027,4,Odd,document,Not An Id:x,", "CHANNEL:ID"},
        {"north-2027,4,Apologies,note,board,", "a note refers to nothing"},
        {"north-2027,4,Safeguarding,briefing,,", "needs a 'ref'"},
        {"nowhere,1,Item,note,,", "meeting 'nowhere'"},
        {"north-2027,4,Item,agenda,,", "kind must be"},
    };
    for (auto& c : cases) {
        CAPTURE(c.item);
        test::TempDir d;
        fs::path src = meetings_src(d, "id,title,kind,starts,ends,place,locality\nnorth-2027,North,locality-meeting,2027-03-12 19:00,,Hall,north\n",
                                    std::string("meeting_id,number,title,kind,ref,note\n") + c.item + "\n");
        std::string e = build_error(src, d);
        CHECK(e.starts_with("E_SOURCE"));
        CHECK_MESSAGE(e.find(c.says) != std::string::npos, e);
    }
    test::TempDir d;
    fs::path src = meetings_src(d, "id,title,kind,starts,ends,place,locality\nnorth-2027,North,locality-meeting,2027-03-12 19:00,,Hall,atlantis\n",
                                "meeting_id,number,title,kind,ref,note\n");
    CHECK(build_error(src, d).find("locality 'atlantis'") != std::string::npos);
}

TEST_CASE("meetings lint: personal data in meeting notes - places - and item notes is E_PERSONAL_DATA - the same lint as everything else") {
    test::TempDir t;
    fs::path src = meetings_src(t,
                                "id,title,kind,starts,ends,place,locality,lead_item,lead_minutes,notes\n"
                                "north-2027,North,locality-meeting,2027-03-12 19:00,,Hall,north,,,Raised by the family of Jane Smith 04/05/2015.\n",
                                "meeting_id,number,title,kind,ref,note\n"
                                "north-2027,1,Case,note,,The child was born on 3 March.\n"
                                "north-2027,2,Visit,note,,Meet at 12 Acacia Road OX1 2JD.\n");
    auto lint = lint_source(src, FixSuggest::no);
    std::set<std::string> where;
    for (auto& f : lint.findings) {
        CHECK(f.code == "E_PERSONAL_DATA");
        where.insert(f.location);
    }
    CHECK(where.count("meetings.notes:north-2027") == 1);
    CHECK(where.count("meeting_items.note:north-2027/1") == 1);
    CHECK(where.count("meeting_items.note:north-2027/2") == 1);
    // And in a built bundle, as stored.
    REQUIRE(build_bundle(src, t / "pd.kbundle"));  // the build itself leaves privacy to lint, as for every field
    auto bl = lint_bundle(t / "pd.kbundle", FixSuggest::no);
    CHECK(bl.findings.size() == lint.findings.size());
}

TEST_CASE("meetings now: around midnight - the day before is 'next' - from 00:00 it leads as today") {
    std::vector<Meeting> ms = {meeting("riverside", "2027-03-12T19:00", "2027-03-12T21:30", 2), meeting("later", "2027-04-02T10:00", "2027-04-02T12:00")};
    auto before = place_meetings(ms, at("2027-03-11T23:59"));
    CHECK(before.lead == nullptr);
    REQUIRE(before.next.size() == 2);
    CHECK(before.next[0]->id == "riverside");
    auto midnight = place_meetings(ms, at("2027-03-12T00:00"));
    REQUIRE(midnight.lead);
    CHECK(midnight.lead->id == "riverside");
    CHECK(midnight.lead_phase == MeetingPhase::upcoming);
    CHECK(midnight.next.size() == 1);
    CHECK(lead_line(*midnight.lead, midnight.lead_phase, at("2027-03-12T00:00")) ==
          "Today: riverside meeting, 7 pm. Item 4: children's safeguarding");
    auto during = place_meetings(ms, at("2027-03-12T19:00"));
    REQUIRE(during.lead);
    CHECK(during.lead_phase == MeetingPhase::in_progress);
    CHECK(lead_line(*during.lead, during.lead_phase, at("2027-03-12T19:00")).starts_with("Now: riverside meeting, until 9.30 pm."));
}

TEST_CASE("meetings now: a meeting that has just ended leaves the lead at its end minute and is the newest past meeting") {
    std::vector<Meeting> ms = {meeting("old", "2027-01-10T19:00", "2027-01-10T21:00"), meeting("riverside", "2027-03-12T19:00", "2027-03-12T21:30")};
    auto last_minute = place_meetings(ms, at("2027-03-12T21:29"));
    REQUIRE(last_minute.lead);
    CHECK(last_minute.lead->id == "riverside");
    auto ended = place_meetings(ms, at("2027-03-12T21:30"));
    CHECK(ended.lead == nullptr);
    CHECK(ended.next.empty());
    REQUIRE(ended.past.size() == 2);
    CHECK(ended.past[0]->id == "riverside");  // most recent first
    CHECK(ended.past[1]->id == "old");
}

TEST_CASE("meetings now: one running past midnight still leads until it ends - lead time - and in progress beats still to come") {
    std::vector<Meeting> ms = {meeting("late", "2027-03-12T23:00", "2027-03-13T00:30"), meeting("morning", "2027-03-13T09:00", "2027-03-13T10:00")};
    auto after_midnight = place_meetings(ms, at("2027-03-13T00:10"));
    REQUIRE(after_midnight.lead);
    CHECK(after_midnight.lead->id == "late");
    CHECK(after_midnight.lead_phase == MeetingPhase::in_progress);
    REQUIRE(after_midnight.next.size() == 1);
    CHECK(after_midnight.next[0]->id == "morning");
    auto after_end = place_meetings(ms, at("2027-03-13T00:30"));
    REQUIRE(after_end.lead);
    CHECK(after_end.lead->id == "morning");  // its own day has begun
    // Lead time: the evening before, only with a lead time that reaches it.
    std::vector<Meeting> one = {meeting("m", "2027-03-12T19:00", "2027-03-12T21:00")};
    CHECK(place_meetings(one, at("2027-03-11T20:00")).lead == nullptr);
    auto lead = place_meetings(one, at("2027-03-11T20:00"), MeetingClockOptions{24 * 60, 4});
    REQUIRE(lead.lead);
    CHECK(lead_line(*lead.lead, lead.lead_phase, at("2027-03-11T20:00")) == "Tomorrow: m meeting, 7 pm.");
    one[0].lead_minutes = 60;  // the meeting's own lead time wins over the kiosk's
    CHECK(place_meetings(one, at("2027-03-11T20:00"), MeetingClockOptions{24 * 60, 4}).lead == nullptr);
    // next_count caps the list; unparseable times are left out.
    std::vector<Meeting> many;
    for (int d = 10; d < 20; ++d) many.push_back(meeting("d" + std::to_string(d), "2027-05-" + std::to_string(d) + "T10:00", "2027-05-" + std::to_string(d) + "T11:00"));
    many.push_back(meeting("bad", "soon", "later"));
    auto capped = place_meetings(many, at("2027-05-01T00:00"), MeetingClockOptions{0, 3});
    CHECK(capped.next.size() == 3);
    CHECK(capped.next[0]->id == "d10");
}

TEST_CASE("meetings now: dates and times in plain words") {
    CHECK(plain_when("2024-03-12T19:00", at("2024-01-01T00:00")) == "Tuesday 12 March, 7 pm");
    CHECK(plain_when("2027-03-12T19:30", at("2026-11-30T00:00")) == "Friday 12 March 2027, 7.30 pm");
    CHECK(plain_when("2026-11-30T09:05", at("2026-11-30T00:00")) == "Monday 30 November, 9.05 am");
    CHECK(plain_time("2027-01-01T12:00") == "12 noon");
    CHECK(plain_time("2027-01-01T00:00") == "midnight");
    CHECK(plain_time("2027-01-01T12:30") == "12.30 pm");
    CHECK(plain_time("2027-01-01T00:15") == "12.15 am");
    CHECK(plain_time("not a time").empty());
    CHECK(meeting_kind_label("board-briefing") == "Board briefing");
    CHECK(split_item_ref("demo-board:x") == std::pair<std::string, std::string>{"demo-board", "x"});
    CHECK(split_item_ref("x") == std::pair<std::string, std::string>{"", "x"});
}

TEST_CASE("meetings: local minutes round-trip through the process time zone - around a clock change too") {
    for (const char* tz : {"UTC0", "GMT0BST,M3.5.0/1,M10.5.0"}) {
        CAPTURE(tz);
        ::setenv("TZ", tz, 1);
        ::tzset();
        for (const char* t : {"2027-03-12T19:00", "2027-07-01T00:00", "2027-10-31T00:30", "2027-03-28T01:30"}) {
            CAPTURE(t);
            std::int64_t m = at(t);
            std::int64_t back = local_minute_of(unix_of_local_minute(m));
            // 01:00-02:00 on the spring change does not exist in BST; everything else comes back exactly.
            if (std::string(t) != "2027-03-28T01:30" || std::string(tz) == "UTC0") CHECK(back == m);
        }
    }
    ::unsetenv("TZ");
    ::tzset();
    CHECK_FALSE(parse_local_minute("2027-02-29T10:00"));
    CHECK_FALSE(parse_local_minute("2027-03-12 19:00"));
    CHECK(format_local_minute(at("2027-03-12T19:00")) == "2027-03-12T19:00");
}

TEST_CASE("demo: a year of Westmere meetings - one today on the demo's own clock - every ref resolves - a children's voice document") {
    auto cat = Catalog::from_files({{"demo-board", KIOSK_DEMO_DIR "/demo-board.kbundle"}, {"demo-council", KIOSK_DEMO_DIR "/demo-council.kbundle"}});
    REQUIRE(cat);
    auto clock = parse_local_minute(cat->demo_clock());
    REQUIRE(clock);
    std::map<std::string, int> kinds;
    for (auto& m : cat->meetings()) ++kinds[m.kind];
    CHECK(kinds["locality-meeting"] == 6);
    CHECK(kinds["board-briefing"] == 2);
    CHECK(kinds["training-session"] == 2);
    CHECK(kinds["conference"] == 1);
    auto now = place_meetings(cat->meetings(), *clock);
    REQUIRE(now.lead);
    CHECK(now.lead->id == "riverside-locality");
    CHECK(lead_line(*now.lead, now.lead_phase, *clock) == "Today: Riverside locality meeting, 7 pm. Item 4: Children's safeguarding");
    CHECK_FALSE(now.next.empty());
    CHECK_FALSE(now.past.empty());
    // A year: from the first to the last is under 366 days.
    CHECK(*parse_local_minute(cat->meetings().back().starts) - *parse_local_minute(cat->meetings().front().starts) < 366 * 24 * 60);
    for (auto& m : cat->meetings())
        for (auto& i : m.items) {
            if (i.kind == "note") continue;
            CAPTURE(m.id);
            CAPTURE(i.ref);
            auto [channel, id] = split_item_ref(i.ref);
            if (!channel.empty()) CHECK(cat->has_channel(channel));
            bool found = false;
            if (i.kind == "briefing") for (auto& b : cat->briefings()) found |= b.id == id;
            if (i.kind == "document") for (auto& d : cat->library()) found |= d.header.id == id;
            if (i.kind == "module") for (auto& mo : cat->modules()) found |= mo.module.id == id;
            if (i.kind == "figures") found = cat->locality(id) != nullptr;
            CHECK(found);
        }
    bool voice = false;
    for (auto& d : cat->library()) voice |= d.header.category == "childrens-voice";
    CHECK(voice);
}

TEST_CASE("demo clock: 'build HH:MM' states the build's date in the bundle - relative meeting days count from it") {
    test::TempDir t;
    fs::path src = test::copy_good_src(t.path());
    auto j = nlohmann::json::parse(test::read_all(src / "bundle.json"));
    j["demo_clock"] = "build 17:30";
    test::write_all(src / "bundle.json", j.dump());
    test::write_all(src / "meetings.csv", "id,title,kind,starts,ends,place\ntoday,Today,scrutiny,+0 19:00,21:00,Hall\nago,Ago,scrutiny,-40 10:00,,Hall\n");
    ::setenv("KIOSK_DEMO_TODAY", "2027-06-15", 1);
    auto r = build_bundle(src, t / "demo.kbundle");
    ::unsetenv("KIOSK_DEMO_TODAY");
    REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().line()));
    auto m = check_contents(t / "demo.kbundle", VerifyOptions{});
    REQUIRE(m);
    CHECK(m->demo_clock == "2027-06-15T17:30");
    auto cat = Catalog::from_files({{"test-board", t / "demo.kbundle"}});
    REQUIRE(cat);
    CHECK(cat->demo_clock() == "2027-06-15T17:30");
    CHECK(cat->meeting("today")->starts == "2027-06-15T19:00");
    CHECK(cat->meeting("ago")->starts == "2027-05-06T10:00");
    j["demo_clock"] = "whenever";
    test::write_all(src / "bundle.json", j.dump());
    CHECK(build_error(src, t).find("demo_clock") != std::string::npos);
}
