// Import from USB: every reason code, the version rules, a stick that lies, a
// full disk, and a crash-point sweep with SIGKILL in a child process.
#include "content/state_db.hpp"
#include "content/bundle_builder.hpp"
#include "content/bundle_verify.hpp"
#include "content/importer.hpp"
#include "content/sqlite.hpp"
#include "png_bomb.hpp"
#include "test_util.hpp"
#include "bundle_helpers.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <csignal>
#include <sys/wait.h>

using namespace content;
namespace fs = std::filesystem;

namespace {

using test::BundleSpec;
using test::make_bundle;
using test::trusted_store;

Reason import_reason(StateStore& s, const fs::path& b, const ImportOptions& o = {}) {
    auto r = import_bundle(s, b, o);
    REQUIRE_FALSE_MESSAGE(r.has_value(), "the import should have been refused");
    return r.error().reason;
}

std::int64_t installed_version(StateStore& s, const std::string& ch = "test-board") {
    auto c = s.channel(ch);
    REQUIRE(c);
    return *c ? (*c)->current.version : 0;
}

// After any failure: the old content is intact, nothing is left in staging,
// and no unreferenced bundle file exists.
void check_clean(StateStore& s, std::int64_t expect_version) {
    CHECK(installed_version(s) == expect_version);
    CHECK(fs::is_empty(s.staging_dir()));
    auto refs = s.referenced_files();
    REQUIRE(refs);
    for (auto& e : fs::directory_iterator(s.bundles_dir()))
        CHECK_MESSAGE(std::find(refs->begin(), refs->end(), e.path().filename().string()) != refs->end(), e.path());
    if (expect_version) {
        auto c = s.channel("test-board");
        auto m = check_contents(installed_path(s, (*c)->current), VerifyOptions{});
        CHECK(m.has_value());
    }
}

} // namespace

TEST_CASE("import: installs - keeps the previous bundle - deletes older ones") {
    test::TempDir t;
    auto s = trusted_store(t / "data");
    auto v3 = make_bundle(t.path(), {.version = 3});
    auto v4 = make_bundle(t.path(), {.version = 4});
    auto v5 = make_bundle(t.path(), {.version = 5});
    REQUIRE(import_bundle(s, v3, {}));
    REQUIRE(import_bundle(s, v4, {}));
    auto c = s.channel("test-board");
    REQUIRE((*c)->previous);
    CHECK((*c)->previous->version == 3);
    REQUIRE(import_bundle(s, v5, {}));
    std::size_t files = 0;
    for (auto& e : fs::directory_iterator(s.bundles_dir())) { (void)e; ++files; }
    CHECK(files == 2);  // v5 and v4; v3 deleted
    check_clean(s, 5);
}

TEST_CASE("import: version rules - rollback - replay - high-water mark") {
    test::TempDir t;
    auto s = trusted_store(t / "data");
    auto v3 = make_bundle(t.path(), {.version = 3});
    auto v4 = make_bundle(t.path(), {.version = 4});
    REQUIRE(import_bundle(s, v4, {}));
    CHECK(import_reason(s, v3) == Reason::rollback);
    auto same = import_bundle(s, v4, {});
    REQUIRE(same);
    CHECK(same->outcome == ImportOutcome::already_installed);
    CHECK(rollback_channel(s, "test-board").error().reason == Reason::not_found);  // no previous yet
    auto v5 = make_bundle(t.path(), {.version = 5});
    REQUIRE(import_bundle(s, v5, {}));
    auto rb = rollback_channel(s, "test-board");
    REQUIRE(rb);
    CHECK(installed_version(s) == 4);
    CHECK(s.high_water("test-board").value() == 5);  // does not move back
    CHECK(import_reason(s, v3) == Reason::rollback);
    // The accepted v5 may be installed again after an admin rollback.
    auto again = import_bundle(s, v5, {});
    REQUIRE(again);
    CHECK(again->outcome == ImportOutcome::installed);
    CHECK(installed_version(s) == 5);
    auto log = s.audit_log(50).value();
    bool saw_rollback = false;
    for (auto& a : log) saw_rollback |= a.action == "rollback" && a.result == "ok";
    CHECK(saw_rollback);
    check_clean(s, 5);
}

TEST_CASE("import: expiry against a clock set back to 1970 uses the newest signed time") {
    test::TempDir t;
    auto s = trusted_store(t / "data");
    auto newer = make_bundle(t.path(), {.version = 4, .created = "2026-06-01T00:00:00Z"});
    ImportOptions clock_1970;
    clock_1970.now = 1;  // no RTC: the board booted in 1970
    REQUIRE(import_bundle(s, newer, clock_1970));
    CHECK(s.newest_signed_time().value() == *parse_utc("2026-06-01T00:00:00Z"));
    // Signed long ago, expired before the newest signed time: refused even at "1970".
    auto stale = make_bundle(t.path(), {.version = 5, .created = "2025-01-01T00:00:00Z", .expires = "2026-01-01T00:00:00Z"});
    CHECK(import_reason(s, stale, clock_1970) == Reason::expired);
    // And by the wall clock.
    auto expired = make_bundle(t.path(), {.version = 6, .created = "2020-01-01T00:00:00Z", .expires = "2021-01-01T00:00:00Z"});
    CHECK(import_reason(s, expired) == Reason::expired);
    check_clean(s, 4);
}

TEST_CASE("import: every reason code") {
    test::TempDir t;
    auto s = trusted_store(t / "data");
    auto v3 = make_bundle(t.path(), {.version = 3});
    REQUIRE(import_bundle(s, v3, {}));

    SUBCASE("E_SIGNATURE") {
        auto b = make_bundle(t.path(), {.version = 4});
        test::flip_byte(b, 70000);
        CHECK(import_reason(s, b) == Reason::signature);
    }
    SUBCASE("E_UNTRUSTED_KEY") {
        auto b = make_bundle(t.path(), {.version = 4});
        auto other = minisign::load_secret_key(test::fixtures() / "other-signing.key", nullptr).value();
        auto h = minisign::hash_file(b).value();
        test::write_all(b.string() + ".minisig", minisign::format_signature(minisign::sign_prehashed(other, h, "x")));
        CHECK(import_reason(s, b) == Reason::untrusted_key);
    }
    SUBCASE("E_CHANNEL_NOT_ALLOWED") {
        auto b = make_bundle(t.path(), {.version = 1, .channel = "someone-else"});
        CHECK(import_reason(s, b) == Reason::channel_not_allowed);
    }
    SUBCASE("E_ROLLBACK") {
        auto b = make_bundle(t.path(), {.version = 2});
        CHECK(import_reason(s, b) == Reason::rollback);
    }
    SUBCASE("E_EXPIRED") {
        auto b = make_bundle(t.path(), {.version = 4, .created = "2020-01-01T00:00:00Z", .expires = "2020-02-01T00:00:00Z"});
        CHECK(import_reason(s, b) == Reason::expired);
    }
    SUBCASE("E_CORRUPT") {
        auto b = make_bundle(t.path(), {.version = 4});
        auto d = test::read_all(b);
        for (std::size_t i = 4096 * 3 + 8; i < 4096 * 3 + 200; ++i) d[i] = '\xff';
        test::write_all(b, d);
        test::sign_with_test_key(b);
        Reason r = import_reason(s, b);
        CHECK((r == Reason::corrupt || r == Reason::schema || r == Reason::manifest));
    }
    SUBCASE("E_FORMAT") {
        auto b = t / "junk.kbundle";
        test::write_all(b, std::string(8192, 'j'));
        test::sign_with_test_key(b);
        CHECK(import_reason(s, b) == Reason::format);
    }
    SUBCASE("E_LEGACY_SIGNATURE") {
        auto b = make_bundle(t.path(), {.version = 4});
        auto sig = minisign::parse_signature(test::read_all(b.string() + ".minisig")).value();
        sig.algorithm = {'E', 'd'};
        test::write_all(b.string() + ".minisig", minisign::format_signature(sig));
        CHECK(import_reason(s, b) == Reason::legacy_signature);
    }
    SUBCASE("E_KIOSK_TOO_OLD") {
        auto b = make_bundle(t.path(), {.version = 4, .min_kiosk = "99.0.0"});
        CHECK(import_reason(s, b) == Reason::kiosk_too_old);
    }
    SUBCASE("E_DISCLOSURE: a publisher that skipped the build checks") {
        auto b = make_bundle(t.path(), {.version = 4});
        {
            auto db = sql::Db::open(b, sql::OpenMode::read_write);
            REQUIRE(db->exec("UPDATE indicator_values SET value=3, marker=NULL WHERE indicator_id='cla' AND locality_id='south' AND period_id='2022'"));
        }
        test::sign_with_test_key(b);
        CHECK(import_reason(s, b) == Reason::disclosure);
    }
    SUBCASE("E_TOO_LARGE") {
        auto b = make_bundle(t.path(), {.version = 4});
        ImportOptions o;
        o.max_bytes = 1000;
        CHECK(import_reason(s, b, o) == Reason::too_large);
    }
    SUBCASE("E_NO_SPACE before copying") {
        auto b = make_bundle(t.path(), {.version = 4});
        ImportOptions o;
        o.io.free_bytes = [](const fs::path&) -> std::uint64_t { return 4096; };
        CHECK(import_reason(s, b, o) == Reason::no_space);
    }
    SUBCASE("E_CANCELLED") {
        auto b = make_bundle(t.path(), {.version = 4});
        std::atomic<bool> cancel{true};
        ImportOptions o;
        o.cancel = &cancel;
        CHECK(import_reason(s, b, o) == Reason::cancelled);
    }
    SUBCASE("E_SIGNATURE: no .minisig beside the bundle") {
        auto b = make_bundle(t.path(), {.version = 4});
        fs::remove(b.string() + ".minisig");
        CHECK(import_reason(s, b) == Reason::signature);
    }
    check_clean(s, 3);
    // every attempt is audited
    auto log = s.audit_log(5).value();
    REQUIRE_FALSE(log.empty());
    CHECK(log.front().action == "import");
    CHECK(log.front().result.rfind("E_", 0) == 0);
}

TEST_CASE("import: a stick that lies") {
    test::TempDir t;
    auto s = trusted_store(t / "data");
    REQUIRE(import_bundle(s, make_bundle(t.path(), {.version = 3}), {}));
    auto b = make_bundle(t.path(), {.version = 4, .padding_kb = 512});
    const auto original = test::read_all(b);
    ImportOptions o;
    o.chunk_bytes = 64 * 1024;

    SUBCASE("the file shrinks while it is copied") {
        bool done = false;
        o.on_progress = [&](const ImportProgress& p) {
            if (!done && p.stage == ImportStage::copying) { fs::resize_file(b, original.size() / 2); done = true; }
        };
        CHECK(import_reason(s, b, o) == Reason::io);
    }
    SUBCASE("the file grows while it is copied") {
        bool done = false;
        o.on_progress = [&](const ImportProgress& p) {
            if (!done && p.stage == ImportStage::copying) { test::write_all(b, original + std::string(100000, 'x')); done = true; }
        };
        CHECK(import_reason(s, b, o) == Reason::io);
    }
    SUBCASE("bytes change under the copy (same size)") {
        bool done = false;
        o.on_progress = [&](const ImportProgress& p) {
            if (!done && p.stage == ImportStage::copying) {
                auto d = original;
                for (std::size_t i = d.size() - 5000; i < d.size() - 4000; ++i) d[i] ^= 0x11;
                test::write_all(b, d);
                done = true;
            }
        };
        CHECK(import_reason(s, b, o) == Reason::signature);
    }
    SUBCASE("a read fails with EIO (the stick was pulled)") {
        std::size_t calls = 0;
        o.io.read = [&](int fd, void* buf, std::size_t n) -> ssize_t {
            if (++calls == 3) { errno = EIO; return -1; }
            return ::read(fd, buf, n);
        };
        CHECK(import_reason(s, b, o) == Reason::io);
    }
    check_clean(s, 3);
}

TEST_CASE("import: disk full during staging") {
    test::TempDir t;
    auto s = trusted_store(t / "data");
    REQUIRE(import_bundle(s, make_bundle(t.path(), {.version = 3}), {}));
    auto b = make_bundle(t.path(), {.version = 4, .padding_kb = 256});
    ImportOptions o;
    o.chunk_bytes = 64 * 1024;
    std::size_t written = 0;
    o.io.write = [&](int fd, const void* buf, std::size_t n) -> ssize_t {
        if (written + n > 100 * 1024) { errno = ENOSPC; return -1; }
        written += n;
        return ::write(fd, buf, n);
    };
    auto r = import_bundle(s, b, o);
    REQUIRE_FALSE(r);
    CHECK(r.error().reason == Reason::no_space);
    CHECK(r.error().message.find("not enough free space") != std::string::npos);
    check_clean(s, 3);
}

TEST_CASE("import: crash-point sweep with SIGKILL at every step and at random copy offsets") {
    test::TempDir t;
    fs::path tmpl = t / "template";
    {
        auto s = trusted_store(tmpl);
        REQUIRE(import_bundle(s, make_bundle(t.path(), {.version = 3}), {}));
    }
    auto v4 = make_bundle(t.path(), {.version = 4, .padding_kb = 512});
    const auto size = fs::file_size(v4);
    std::vector<std::string> steps = {"start", "copy", "verify", "check", "commit", "renamed", "committed", "done"};
    std::mt19937_64 rng(20261122);
    int runs = 0, saw_old = 0, saw_new = 0;
    for (int i = 0; i < 56; ++i) {
        fs::path data = t / ("run" + std::to_string(i));
        fs::copy(tmpl, data, fs::copy_options::recursive);
        std::string kill_step = i < static_cast<int>(steps.size()) ? steps[static_cast<std::size_t>(i)] : "";
        std::uint64_t kill_at = kill_step.empty() ? rng() % size : 0;
        pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            auto s = StateStore::open(data);
            if (!s) ::_exit(3);
            ImportOptions o;
            o.chunk_bytes = 16 * 1024;
            o.on_step = [&](const char* st) {
                if (kill_step == st) ::raise(SIGKILL);
            };
            o.on_progress = [&](const ImportProgress& p) {
                if (kill_at && p.stage == ImportStage::copying && p.bytes_done >= kill_at) ::raise(SIGKILL);
            };
            auto r = import_bundle(*s, v4, o);
            ::_exit(r ? 0 : 4);
        }
        int status = 0;
        ::waitpid(pid, &status, 0);
        CAPTURE(i);
        CAPTURE(kill_step);
        CAPTURE(kill_at);
        bool killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
        CHECK((killed || (WIFEXITED(status) && WEXITSTATUS(status) == 0)));
        ++runs;
        // A fresh start: recovery, then exactly the old or exactly the new content.
        auto s = StateStore::open(data);
        REQUIRE(s);
        REQUIRE(recover(*s, DataLock::exclusive(data, std::chrono::milliseconds(0)).value()));
        CHECK(content::state_db(*s).query_text("PRAGMA integrity_check").value().value() == "ok");
        auto v = installed_version(*s);
        CHECK((v == 3 || v == 4));
        (v == 3 ? saw_old : saw_new)++;
        check_clean(*s, v);
        // and the next import always completes
        auto again = import_bundle(*s, v4, {});
        CHECK(again.has_value());
        CHECK(installed_version(*s) == 4);
        fs::remove_all(data);
    }
    CHECK(runs >= 50);
    CHECK(saw_old > 0);
    CHECK(saw_new > 0);
}

TEST_CASE("recover: removes staging leftovers and unreferenced bundle files") {
    test::TempDir t;
    auto s = trusted_store(t / "data");
    REQUIRE(import_bundle(s, make_bundle(t.path(), {.version = 3}), {}));
    test::write_all(s.staging_dir() / "import-dead.part", "partial");
    test::write_all(s.bundles_dir() / "test-board-v9-orphan.kbundle", "orphan");
    auto lock = DataLock::exclusive(t / "data", std::chrono::milliseconds(0));
    REQUIRE(lock);
    auto n = recover(s, *lock);
    REQUIRE(n);
    CHECK(*n == 2);
    check_clean(s, 3);
}

TEST_CASE("the audit log is append-only") {
    test::TempDir t;
    auto s = trusted_store(t / "data");
    CHECK_FALSE(content::state_db(s).exec("DELETE FROM audit"));
    CHECK_FALSE(content::state_db(s).exec("UPDATE audit SET result='ok'"));
    CHECK(s.audit_log(10).value().size() == 1);
}

TEST_CASE("import: an image bomb (a 30000 x 30000 PNG under a row saying 100 x 100) is refused with E_FORMAT") {
    test::TempDir t;
    auto s = trusted_store(t / "data");
    auto b = test::copy_good(t.path(), "bomb");
    {
        auto db = sql::Db::open(b, sql::OpenMode::read_write);
        REQUIRE(db);
        auto png = test::png_of_zeros(30000, 30000);
        auto st = db->prepare("UPDATE images SET data = ?1, width = 100, height = 100");
        REQUIRE(st);
        REQUIRE(st->bind_blob(1, png.data(), png.size()).run());
    }
    test::sign_with_test_key(b);
    CHECK(import_reason(s, b) == Reason::format);
    CHECK(installed_version(s) == 0);
}
