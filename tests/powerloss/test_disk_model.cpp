// The power-loss model must be able to fail: writers that skip an fsync, and
// SQLite settings that SQLite itself documents as not durable, are caught;
// the correct ones pass. Without these, a green sweep would prove nothing.
#include "crash_vfs.hpp"
#include "disk.hpp"
#include "sweep.hpp"

#include "content/file_io.hpp"
#include "content/file_sys.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>

using namespace powerloss;
namespace sys = content::file_io;

namespace {

struct Scratch {
    fs::path dir;
    Scratch() {
        std::string t = (fs::temp_directory_path() / "powerloss-XXXXXX").string();
        dir = ::mkdtemp(t.data());
    }
    ~Scratch() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

std::string slurp(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

// Every file in the folder with its bytes.
std::string folder_state(const fs::path& d) {
    std::string out;
    std::error_code ec;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(d, ec)) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) out += f.filename().string() + "=" + slurp(f) + ";";
    return out;
}

enum class Skip { nothing, file_fsync, dir_fsync, every_fsync };

// Replaces `f` with "new" by temporary file and rename, skipping what it is told to.
bool replace_file(const fs::path& dir, Skip skip) {
    fs::path tmp = dir / "f.tmp", f = dir / "f";
    int fd = sys::sys().open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return false;
    bool ok = sys::sys().write(fd, "new", 3) == 3;
    if (ok && skip != Skip::file_fsync && skip != Skip::every_fsync) ok = sys::sys().fsync(fd) == 0;
    ::close(fd);
    if (!ok || sys::sys().rename(tmp.c_str(), f.c_str()) != 0) return false;
    if (skip == Skip::dir_fsync || skip == Skip::every_fsync) return true;
    return sys::fsync_dir(dir).has_value();
}

Case file_case(const fs::path& start, std::function<bool(const fs::path&)> op) {
    fs::create_directories(start);
    std::ofstream(start / "f") << "old";
    return Case{"replace a file", start, std::move(op), folder_state};
}

} // namespace

TEST_CASE("power-loss model: write_file_atomic survives every cut") {
    Scratch s;
    auto c = file_case(s.dir / "start", [](const fs::path& d) { return sys::write_file_atomic(d / "f", "new").has_value(); });
    auto r = sweep(c, s.dir / "work", false);
    INFO(describe(r));
    CHECK(r.failures.empty());
    CHECK(r.events >= 5);  // create, write, fsync, rename, fsync of the folder
    CHECK(r.saw_old > 0);
    CHECK(r.saw_new > 0);
}

TEST_CASE("power-loss model: the same replacement with the directory fsync left out is caught") {
    Scratch s;
    auto r = sweep(file_case(s.dir / "start", [](const fs::path& d) { return replace_file(d, Skip::dir_fsync); }), s.dir / "work", false);
    INFO(describe(r));
    REQUIRE_FALSE(r.failures.empty());
    CHECK(r.failures.front().find("did not survive") != std::string::npos);
    // and with nothing left out it passes, so the difference is the fsync
    auto good = sweep(file_case(s.dir / "start2", [](const fs::path& d) { return replace_file(d, Skip::nothing); }), s.dir / "work2", false);
    INFO(describe(good));
    CHECK(good.failures.empty());
}

TEST_CASE("power-loss model: leaving out the file fsync before the rename is caught (an empty file appears)") {
    Scratch s;
    auto r = sweep(file_case(s.dir / "start", [](const fs::path& d) { return replace_file(d, Skip::file_fsync); }), s.dir / "work", false);
    INFO(describe(r));
    REQUIRE_FALSE(r.failures.empty());
    CHECK(r.failures.front().find("f=;") != std::string::npos);
}

TEST_CASE("power-loss model: a new file whose directory is never synced vanishes") {
    Scratch s;
    fs::create_directories(s.dir / "d");
    Disk::get().arm(s.dir / "d", -1, Drop::all, 0);
    int fd = sys::sys().open((s.dir / "d" / "n").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    REQUIRE(fd >= 0);
    CHECK(sys::sys().write(fd, "x", 1) == 1);
    CHECK(sys::sys().fsync(fd) == 0);
    ::close(fd);
    Disk::get().restore();
    CHECK_FALSE(fs::exists(s.dir / "d" / "n"));
}

namespace {

// A database with one row; the operation adds a second with the given settings.
Case sqlite_case(const fs::path& start, const std::string& journal, const std::string& sync) {
    install_crash_vfs();
    fs::create_directories(start);
    auto exec = [](const fs::path& db, const std::string& sql) {
        sqlite3* h = nullptr;
        bool ok = sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) == SQLITE_OK &&
                  sqlite3_exec(h, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
        sqlite3_close_v2(h);
        return ok;
    };
    REQUIRE(exec(start / "t.db", "PRAGMA journal_mode=" + journal + "; CREATE TABLE t(x); INSERT INTO t VALUES (1);"));
    auto op = [=](const fs::path& d) {
        return exec(d / "t.db", "PRAGMA journal_mode=" + journal + "; PRAGMA synchronous=" + sync + "; INSERT INTO t VALUES (randomblob(9000));");
    };
    auto observe = [](const fs::path& d) -> std::string {
        sqlite3* h = nullptr;
        std::string out = "BROKEN: cannot open";
        if (sqlite3_open_v2((d / "t.db").c_str(), &h, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
            sqlite3_stmt* st = nullptr;
            sqlite3_prepare_v2(h, "SELECT (SELECT group_concat(integrity_check) FROM pragma_integrity_check), count(*) FROM t", -1, &st, nullptr);
            if (st && sqlite3_step(st) == SQLITE_ROW)
                out = std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) + " rows=" + std::to_string(sqlite3_column_int(st, 1));
            sqlite3_finalize(st);
        }
        sqlite3_close_v2(h);
        return out;
    };
    return Case{"sqlite " + journal + "/" + sync, start, op, observe};
}

} // namespace

TEST_CASE("power-loss VFS: SQLite's durable settings pass and the ones SQLite documents as losing a commit are caught") {
    Scratch s;
    int n = 0;
    auto run = [&](const std::string& journal, const std::string& sync) {
        ++n;
        return sweep(sqlite_case(s.dir / ("start" + std::to_string(n)), journal, sync), s.dir / ("work" + std::to_string(n)), true);
    };
    SUBCASE("WAL with synchronous=FULL is durable, torn writes included") {
        auto r = run("WAL", "FULL");
        INFO(describe(r));
        CHECK(r.failures.empty());
        CHECK(r.saw_old > 0);
        CHECK(r.saw_new > 0);
        CHECK(r.cut_kinds.count("db-sync"));
    }
    SUBCASE("rollback journal with synchronous=EXTRA is durable") {
        auto r = run("DELETE", "EXTRA");
        INFO(describe(r));
        CHECK(r.failures.empty());
    }
    SUBCASE("WAL with synchronous=OFF loses a reported commit") {
        auto r = run("WAL", "OFF");
        INFO(describe(r));
        CHECK_FALSE(r.failures.empty());
    }
    SUBCASE("rollback journal with synchronous=FULL can lose the last commit (the journal's unlink is not synced)") {
        auto r = run("DELETE", "FULL");
        INFO(describe(r));
        REQUIRE_FALSE(r.failures.empty());
        CHECK(r.failures.front().find("did not survive") != std::string::npos);
    }
}
