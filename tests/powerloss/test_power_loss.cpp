// Power loss at every durable step of an import, a rollback and a trust: the
// file_io shim and the crash VFS drop everything not made durable, and after
// the restart (start-up recovery included) the kiosk must hold exactly the old
// or exactly the new state, the new one whenever the operation reported
// success, with integrity_check ok, nothing left in staging, no orphan bundle
// files, and every channel pointing at a file that exists and verifies.
#include "crash_vfs.hpp"
#include "sweep.hpp"

#include "content/data_lock.hpp"
#include "content/bundle_builder.hpp"
#include "content/bundle_verify.hpp"
#include "content/importer.hpp"
#include "content/state_db.hpp"
#include "test_util.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <map>
#include <set>

using namespace content;
using namespace powerloss;

namespace {

fs::path make_bundle(const fs::path& dir, std::int64_t version) {
    fs::path src = dir / ("src-" + std::to_string(version));
    fs::copy(test::fixtures() / "good_src", src, fs::copy_options::recursive);
    nlohmann::json j = nlohmann::json::parse(test::read_all(src / "bundle.json"));
    j["version"] = version;
    j["channel"] = "test-board";
    j["created"] = "2026-02-0" + std::to_string(version) + "T00:00:00Z";
    j["expires"] = "2099-12-31T00:00:00Z";
    test::write_all(src / "bundle.json", j.dump());
    fs::path out = dir / ("test-board-v" + std::to_string(version) + ".kbundle");
    auto r = build_bundle(src, out);
    REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().line()));
    test::sign_with_test_key(out);
    return out;
}

// The signed bundles of the sweeps, and a name for each one's bytes.
struct Bundles {
    std::map<std::int64_t, fs::path> file;
    std::map<std::string, std::string> label;  // bytes -> "v<N>"
    explicit Bundles(const fs::path& dir) {
        fs::create_directories(dir);
        for (std::int64_t v : {2, 3, 4}) {
            file[v] = make_bundle(dir, v);
            label[test::read_all(file[v])] = "v" + std::to_string(v);
        }
    }
};

std::string label_of(const Bundles& b, const fs::path& f) {
    if (!fs::exists(f)) return "MISSING";
    auto it = b.label.find(test::read_all(f));
    return it == b.label.end() ? "UNKNOWN-BYTES" : it->second;
}

// Rows of `sql`, one line each, with columns named in `file_cols` replaced
// by the label of the bundle file they name (file names are random).
std::string dump(StateStore& s, const Bundles& b, const std::string& sql, std::set<int> file_cols = {}) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(state_db(s).handle(), sql.c_str(), -1, &st, nullptr) != SQLITE_OK) return "BROKEN: " + sql;
    std::string out;
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (int i = 0; i < sqlite3_column_count(st); ++i) {
            const char* t = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
            std::string v = t ? t : "NULL";
            if (file_cols.count(i) && t) v = label_of(b, s.bundles_dir() / v);
            out += v + "|";
        }
        out += "\n";
    }
    sqlite3_finalize(st);
    return out;
}

// After a restart: open, integrity, recovery and its promises; then the state.
std::string observe_kiosk(const fs::path& data, const Bundles& b) {
    auto s = StateStore::open(data);
    if (!s) return "BROKEN: the state store does not open: " + s.error().line();
    auto ic = state_db(*s).query_text("PRAGMA integrity_check");
    if (!ic || !*ic || **ic != "ok") return "BROKEN: integrity_check: " + (ic && *ic ? **ic : std::string("error"));
    auto lock = DataLock::exclusive(data, std::chrono::milliseconds(0));
    if (!lock) return "BROKEN: the data directory lock: " + lock.error().line();
    auto removed = recover(*s, *lock);
    if (!removed) return "BROKEN: recovery failed: " + removed.error().line();
    if (!fs::is_empty(s->staging_dir())) return "BROKEN: staging not empty after recovery";
    auto refs = s->referenced_files();
    if (!refs) return "BROKEN: referenced_files";
    for (const auto& e : fs::directory_iterator(s->bundles_dir()))
        if (std::find(refs->begin(), refs->end(), e.path().filename().string()) == refs->end())
            return "BROKEN: orphan bundle file after recovery: " + e.path().filename().string();
    auto chans = s->channels();
    if (!chans) return "BROKEN: channels";
    for (const auto& c : *chans) {
        auto m = check_contents(installed_path(*s, c.current), VerifyOptions{});
        if (!m) return "BROKEN: channel " + c.channel + " points at a file that does not verify: " + m.error().line();
        if (m->version != c.current.version) return "BROKEN: channel " + c.channel + " names a file of another version";
        if (c.previous && !fs::exists(installed_path(*s, *c.previous))) return "BROKEN: the previous bundle of " + c.channel + " is missing";
    }
    return "channels:\n" +
           dump(*s, b, "SELECT channel,file,version,title,created,expires,key_id,prev_file,prev_version,prev_key_id FROM channels ORDER BY channel", {1, 7}) +
           "high_water:\n" + dump(*s, b, "SELECT channel, version FROM high_water ORDER BY channel") +
           "clock:\n" + dump(*s, b, "SELECT newest_signed_time FROM clock") +
           "keys:\n" + dump(*s, b, "SELECT key_id, public_key, channels, label FROM trusted_keys ORDER BY key_id") +
           "audit:\n" + dump(*s, b, "SELECT action, channel, version, result FROM audit WHERE action <> 'recover' ORDER BY id");
}

bool import_op_on(StateStore& s, const fs::path& bundle) {
    ImportOptions o;
    o.chunk_bytes = 32 * 1024;  // several writes per copy
    o.now = 1790000000;
    return import_bundle(s, bundle, o).has_value();
}

bool import_op(const fs::path& data, const fs::path& bundle) {
    auto s = StateStore::open(data);
    return s && import_op_on(*s, bundle);
}

// A data folder with the test key trusted and `versions` imported in order.
fs::path make_start(const fs::path& dir, const Bundles& b, std::vector<std::int64_t> versions) {
    install_crash_vfs();
    auto s = StateStore::open(dir);
    REQUIRE(s);
    REQUIRE(s->trust(test::test_pub(), {"test-board"}, "test"));
    for (auto v : versions) REQUIRE(import_op_on(*s, b.file.at(v)));
    return dir;
}

void check(const Report& r) {
    INFO(describe(r));
    CHECK(r.failures.empty());
    CHECK(r.saw_old > 0);
    CHECK(r.saw_new > 0);
    MESSAGE(describe(r));
}

struct Sweeps {
    test::TempDir t;
    Bundles b{t / "bundles"};
    std::function<std::string(const fs::path&)> observe = [this](const fs::path& d) { return observe_kiosk(d, b); };
};

} // namespace

TEST_CASE("power loss at every step of an import of v4 over v3 that deletes v2 (the kept previous)") {
    Sweeps w;
    fs::path start = make_start(w.t / "start", w.b, {2, 3});
    auto r = sweep(Case{"import", start, [&](const fs::path& d) { return import_op(d, w.b.file.at(4)); }, w.observe}, w.t / "work", true);
    check(r);
    for (const char* kind : {"create", "write", "fsync", "rename", "db-write", "db-sync"}) CHECK_MESSAGE(r.cut_kinds.count(kind), kind);
}

TEST_CASE("power loss at every step of the first import on a channel") {
    Sweeps w;
    fs::path start = make_start(w.t / "start", w.b, {});
    check(sweep(Case{"first import", start, [&](const fs::path& d) { return import_op(d, w.b.file.at(3)); }, w.observe}, w.t / "work", true));
}

TEST_CASE("power loss at every step of a rollback (v4 back to v3)") {
    Sweeps w;
    fs::path start = make_start(w.t / "start", w.b, {3, 4});
    auto op = [&](const fs::path& d) {
        auto s = StateStore::open(d);
        return s && rollback_channel(*s, "test-board").has_value();
    };
    check(sweep(Case{"rollback", start, op, w.observe}, w.t / "work", true));
}

TEST_CASE("power loss at every step of trusting a second key (the key and its audit row are one commit)") {
    Sweeps w;
    fs::path start = make_start(w.t / "start", w.b, {3});
    auto op = [&](const fs::path& d) {
        auto s = StateStore::open(d);
        auto other = minisign::load_public_key(test::fixtures() / "other-signing.pub");
        return s && other && s->trust(*other, {"other-board"}, "other").has_value();
    };
    check(sweep(Case{"trust", start, op, w.observe}, w.t / "work", true));
}

TEST_CASE("power loss at every step of trusting the first key on a new kiosk (the data folder is created)") {
    Sweeps w;
    install_crash_vfs();
    auto op = [&](const fs::path& d) {
        auto s = StateStore::open(d);
        return s && s->trust(test::test_pub(), {"test-board"}, "test").has_value();
    };
    check(sweep(Case{"first trust", w.t / "no-such-start", op, w.observe}, w.t / "work", true));
}
