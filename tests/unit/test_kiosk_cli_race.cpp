// Two processes, one data directory (issue 14): imports and status calls race
// on the same data directory, and an import runs while another process holds
// the state database busy. Whatever the order, the installed bundle file exists,
// the library shows its documents, and read-only commands change nothing.
#include "content/catalog.hpp"
#include "content/importer.hpp"
#include "content/state_store.hpp"
#include "bundle_helpers.hpp"
#include "test_util.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using test::q;
namespace fs = std::filesystem;

namespace {
std::string kiosk() { return KIOSK_EXE; }

// What the GUI would show: the library of every installed channel.
std::size_t library_size(const fs::path& data) {
    auto s = content::StateStore::open(data);
    REQUIRE(s);
    auto ch = s->channels();
    REQUIRE(ch);
    auto cat = content::Catalog::load_channels(content::installed_channels(*ch, s->bundles_dir()));
    for (auto& p : cat.problems()) MESSAGE(p);
    return cat.library().size();
}

void check_installed_files_exist(const fs::path& data) {
    auto s = content::StateStore::open(data);
    REQUIRE(s);
    const auto chans = s->channels().value();
    for (auto& c : chans) {
        CHECK_MESSAGE(fs::exists(content::installed_path(*s, c.current)), (c.current.file + " is named by the state but missing"));
        if (c.previous) CHECK_MESSAGE(fs::exists(content::installed_path(*s, *c.previous)), (c.previous->file + " is named but missing"));
    }
}
} // namespace

TEST_CASE("kiosk cli: two imports and a status loop racing on one data directory") {
    test::TempDir t;
    const std::string d = " --data-dir " + q(t / "data");
    auto v5 = test::make_bundle(t.path(), {.version = 5});
    auto v6 = test::make_bundle(t.path(), {.version = 6});
    REQUIRE(test::run(kiosk() + d + " --trust " + q(test::fixtures() / "test-signing.pub") + " --channel test-board").rc == 0);
    std::string script = "K() { " + kiosk() + " \"$@\"; }; D=" + q(t / "data") + "; O=" + q(t.path()) + "; " +
                         "(K --data-dir $D --import " + q(v5) + " > $O/i5.out 2>&1; echo $? > $O/i5.rc) & " +
                         "(K --data-dir $D --import " + q(v6) + " > $O/i6.out 2>&1; echo $? > $O/i6.rc) & " +
                         "for i in $(seq 30); do K --data-dir $D --status > /dev/null 2>> $O/status.err || echo \"status failed\" >> $O/status.err; done; wait";
    auto r = test::run("bash -c " + q(script));
    CHECK_MESSAGE(r.rc == 0, r.out);
    CHECK_MESSAGE(test::read_all(t / "status.err").empty(), test::read_all(t / "status.err"));
    CHECK_MESSAGE(test::read_all(t / "i6.rc") == "0\n", test::read_all(t / "i6.out"));
    // v5 either installed first or was refused as older: never last.
    std::string out5 = test::read_all(t / "i5.out");
    CHECK_MESSAGE((test::read_all(t / "i5.rc") == "0\n" || out5.find("E_ROLLBACK") != std::string::npos), out5);
    auto st = test::run(kiosk() + d + " --status");
    REQUIRE(st.rc == 0);
    auto j = nlohmann::json::parse(st.out);
    CHECK(j["channels"]["test-board"]["version"] == 6);
    CHECK(j["high_water"]["test-board"] == 6);
    check_installed_files_exist(t / "data");
    CHECK(library_size(t / "data") > 0);
}

TEST_CASE("kiosk cli: an import while another process holds the state database busy keeps its bundle file") {
    test::TempDir t;
    const std::string d = " --data-dir " + q(t / "data");
    REQUIRE(test::run(kiosk() + d + " --trust " + q(test::fixtures() / "test-signing.pub") + " --channel test-board").rc == 0);
    // Another process takes the state database's write lock for 0.9 s.
    std::string holder = "import sqlite3, sys, time, pathlib\n"
                         "c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)\n"
                         "c.execute('BEGIN IMMEDIATE')\n"
                         "pathlib.Path(sys.argv[2]).write_text('held')\n"
                         "time.sleep(0.9)\n"
                         "c.execute('COMMIT')\n";
    test::write_all(t / "holder.py", holder);
    std::string script = "K() { " + kiosk() + " \"$@\"; }; D=" + q(t / "data") + "; O=" + q(t.path()) + "; " +
                         "python3 $O/holder.py $D/state.db $O/held & H=$!; " +
                         "while [ ! -e $O/held ]; do sleep 0.01; done; " +
                         "(K --data-dir $D --import " + q(test::fixtures() / "good.kbundle") + " > $O/imp.out 2>&1; echo $? > $O/imp.rc) & I=$!; " +
                         "while kill -0 $I 2>/dev/null; do K --data-dir $D --status > /dev/null 2>> $O/status.err; done; wait $H; wait";
    auto r = test::run("bash -c " + q(script));
    CHECK_MESSAGE(r.rc == 0, r.out);
    CHECK_MESSAGE(test::read_all(t / "imp.rc") == "0\n", test::read_all(t / "imp.out"));
    auto st = test::run(kiosk() + d + " --status");
    REQUIRE(st.rc == 0);
    CHECK(nlohmann::json::parse(st.out)["channels"]["test-board"]["version"] == 3);
    check_installed_files_exist(t / "data");
    CHECK_MESSAGE(library_size(t / "data") > 0, "the library shows 0 of 0 documents");
}

TEST_CASE("kiosk cli: read-only commands never recover and never write") {
    test::TempDir t;
    const std::string d = " --data-dir " + q(t / "data");
    REQUIRE(test::run(kiosk() + d + " --trust " + q(test::fixtures() / "test-signing.pub") + " --channel test-board").rc == 0);
    REQUIRE(test::run(kiosk() + d + " --import " + q(test::fixtures() / "good.kbundle")).rc == 0);
    // What an import in progress leaves while it works: a staged copy and a
    // renamed, not yet committed, bundle file.
    test::write_all(t / "data" / "staging" / "import-inflight.part", "partial");
    test::write_all(t / "data" / "bundles" / "test-board-v4-inflight.kbundle", "renamed");
    auto before = test::run("cd " + q(t / "data") + " && find . -type f ! -name '*-shm' ! -name '*-wal' -printf '%p %s %T@\\n' | sort").out;
    for (std::string mode : {" --status", " --search safeguarding", " --device-key"}) {
        CAPTURE(mode);
        auto r = test::run(kiosk() + d + mode);
        (void)r;
        CHECK(fs::exists(t / "data" / "staging" / "import-inflight.part"));
        CHECK(fs::exists(t / "data" / "bundles" / "test-board-v4-inflight.kbundle"));
    }
    auto after = test::run("cd " + q(t / "data") + " && find . -type f ! -name '*-shm' ! -name '*-wal' -printf '%p %s %T@\\n' | sort").out;
    CHECK(before == after);
    // A writer recovers (under the lock) and removes them.
    REQUIRE(test::run(kiosk() + d + " --import " + q(test::fixtures() / "good.kbundle")).rc == 0);
    CHECK_FALSE(fs::exists(t / "data" / "staging" / "import-inflight.part"));
    CHECK_FALSE(fs::exists(t / "data" / "bundles" / "test-board-v4-inflight.kbundle"));
}

TEST_CASE("kiosk cli: a writer waits for the data directory lock - then says E_BUSY") {
    test::TempDir t;
    const std::string d = " --data-dir " + q(t / "data");
    REQUIRE(test::run(kiosk() + d + " --trust " + q(test::fixtures() / "test-signing.pub") + " --channel test-board").rc == 0);
    // flock(1) holds the same advisory lock the kiosk's writers take.
    auto r = test::run("flock -x " + q(t / "data" / "lock") + " env KIOSK_LOCK_WAIT_SECONDS=0 " + kiosk() + d + " --import " +
                       q(test::fixtures() / "good.kbundle"));
    CHECK(r.rc == 1);
    CHECK_MESSAGE(r.out.rfind("E_BUSY: ", 0) == 0, r.out);
    // Status still answers while a writer holds the lock.
    auto st = test::run("flock -x " + q(t / "data" / "lock") + " " + kiosk() + d + " --status");
    CHECK_MESSAGE(st.rc == 0, st.out);
}
