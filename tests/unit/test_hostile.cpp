// Hostile bundles: every one is refused with its stable reason code, by the
// library and by `kiosk-bundle verify` (exit 1, one line, code first).
#include "content/bundle_verify.hpp"
#include "content/schema.hpp"
#include "content/sqlite.hpp"
#include "png_bomb.hpp"
#include "test_util.hpp"

#include <doctest/doctest.h>

using namespace content;
using test::q;

namespace {

Reason verify_reason(const test::fs::path& b, const minisign::PublicKey& key = test::test_pub()) {
    auto v = verify_bundle(b, signature_path_for(b), key, VerifyOptions{});
    REQUIRE_FALSE_MESSAGE(v.has_value(), "a hostile bundle verified");
    // The CLI says the same thing, as one line starting with the code.
    auto cli = test::run(test::bundle_exe() + " verify " + q(b) + " --pub " + q(test::fixtures() / "test-signing.pub"));
    if (key.key_id == test::test_pub().key_id) {
        CHECK(cli.rc == 1);
        CHECK(cli.out.rfind(std::string(reason_code(v.error().reason)) + ": ", 0) == 0);
        CHECK(std::count(cli.out.begin(), cli.out.end(), '\n') == 1);
    }
    return v.error().reason;
}

// Edits a copy of the good bundle with SQL, then re-signs it with the test key:
// a malicious or compromised publisher, so only the content rules stand in the way.
test::fs::path edited(const test::fs::path& dir, const std::string& sql_text) {
    auto b = test::copy_good(dir);
    {
        auto db = sql::Db::open(b, sql::OpenMode::read_write);
        REQUIRE(db);
        auto r = db->exec(sql_text);
        REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().message));
    }
    test::sign_with_test_key(b);
    return b;
}

// Rebuilds `table` of a copy of the good bundle from `create` (a CREATE TABLE
// statement for a table named `table`_new), keeping its rows, and re-signs it.
// SQLite renames the table by rewriting its CREATE statement with the name
// quoted, so a faithful rebuild also checks that quoting is not held against it.
test::fs::path rebuilt(const test::fs::path& dir, const std::string& table, const std::string& create, const std::string& then = "") {
    return edited(dir, create + ";\nINSERT INTO " + table + "_new SELECT * FROM " + table + ";\nDROP TABLE " + table +
                           ";\nALTER TABLE " + table + "_new RENAME TO " + table + ";\n" + then);
}

// The documented CREATE statement of `table`, from the canonical DDL.
std::string documented_create(const std::string& table) {
    std::string ddl(schema::ddl());
    auto b = ddl.find("CREATE TABLE " + table + "(");
    REQUIRE(b != std::string::npos);
    auto e = ddl.find(") STRICT;", b);  // the statement, without its ';'

    REQUIRE(e != std::string::npos);
    return ddl.substr(b, e + 8 - b);
}

std::string replace_once(std::string s, const std::string& from, const std::string& to) {
    auto p = s.find(from);
    REQUIRE_MESSAGE(p != std::string::npos, from);
    return s.replace(p, from.size(), to);
}

// Puts `png` into the good bundle's first image row, which claims width x height, and re-signs it.
test::fs::path with_image(const test::fs::path& dir, const std::vector<std::uint8_t>& png, int width, int height,
                          const std::string& mime = "image/png") {
    auto b = test::copy_good(dir);
    {
        auto db = sql::Db::open(b, sql::OpenMode::read_write);
        REQUIRE(db);
        auto st = db->prepare("UPDATE images SET data = ?1, width = ?2, height = ?3, mime = ?4 WHERE rowid = (SELECT min(rowid) FROM images)");
        REQUIRE(st);
        REQUIRE(st->bind_blob(1, png.data(), png.size()).bind(2, std::int64_t{width}).bind(3, std::int64_t{height}).bind(4, mime).run());
        REQUIRE(db->changes() == 1);
    }
    test::sign_with_test_key(b);
    return b;
}

} // namespace

TEST_CASE("the committed good bundle verifies (the format has not drifted)") {
    test::TempDir t;
    auto b = test::copy_good(t.path());
    auto v = verify_bundle(b, signature_path_for(b), test::test_pub(), VerifyOptions{});
    REQUIRE_MESSAGE(v.has_value(), (v ? "" : v.error().line()));
    CHECK(v->manifest.channel == "test-board");
    CHECK(v->manifest.version == 3);
}

TEST_CASE("hostile: truncated at several offsets") {
    for (std::size_t keep : {0ul, 10ul, 99ul, 100ul, 4096ul, 50000ul, 147455ul}) {
        CAPTURE(keep);
        test::TempDir t;
        auto b = test::copy_good(t.path());
        test::fs::resize_file(b, keep);
        CHECK(verify_reason(b) == Reason::signature);
        // Even re-signed (a publisher shipping a broken file), it is refused.
        test::sign_with_test_key(b);
        Reason r = verify_reason(b);
        CHECK((r == Reason::format || r == Reason::corrupt));
    }
}

TEST_CASE("hostile: one byte flipped in the payload - the signature - the trusted comment") {
    test::TempDir t;
    SUBCASE("payload") {
        auto b = test::copy_good(t.path());
        test::flip_byte(b, 60000);
        CHECK(verify_reason(b) == Reason::signature);
    }
    SUBCASE("signature") {
        auto b = test::copy_good(t.path());
        auto sig = test::read_all(b.string() + ".minisig");
        auto line2 = sig.find('\n') + 1;
        sig[line2 + 40] = sig[line2 + 40] == 'A' ? 'B' : 'A';
        test::write_all(b.string() + ".minisig", sig);
        CHECK(verify_reason(b) == Reason::signature);
    }
    SUBCASE("trusted comment") {
        auto b = test::copy_good(t.path());
        auto sig = test::read_all(b.string() + ".minisig");
        auto pos = sig.find("timestamp:");
        sig[pos + 10] = sig[pos + 10] == '9' ? '8' : '9';
        test::write_all(b.string() + ".minisig", sig);
        CHECK(verify_reason(b) == Reason::signature);
    }
    SUBCASE("header byte, re-signed") {
        auto b = test::copy_good(t.path());
        test::flip_byte(b, 3);
        test::sign_with_test_key(b);
        CHECK(verify_reason(b) == Reason::format);
    }
}

TEST_CASE("hostile: a wrong key") {
    test::TempDir t;
    auto b = test::copy_good(t.path());
    auto other = minisign::load_public_key(test::fixtures() / "other-signing.pub");
    REQUIRE(other);
    CHECK(verify_reason(b, *other) == Reason::key_mismatch);
    auto cli = test::run(test::bundle_exe() + " verify " + q(b) + " --pub " + q(test::fixtures() / "other-signing.pub"));
    CHECK(cli.rc == 1);
    CHECK(cli.out.rfind("E_KEY_MISMATCH: ", 0) == 0);
}

TEST_CASE("hostile: a legacy Ed signature made by minisign -l") {
    test::TempDir t;
    auto b = test::copy_good(t.path());
    REQUIRE(test::run("minisign -G -W -p " + q(t / "m.pub") + " -s " + q(t / "m.key")).rc == 0);
    REQUIRE(test::run("minisign -S -l -s " + q(t / "m.key") + " -m " + q(b) + " </dev/null").rc == 0);
    auto pub = minisign::load_public_key(t / "m.pub");
    REQUIRE(pub);
    CHECK(verify_reason(b, *pub) == Reason::legacy_signature);
}

TEST_CASE("hostile: garbage - empty - missing and oversized .minisig files") {
    test::TempDir t;
    auto b = test::copy_good(t.path());
    for (std::string garbage : {std::string("hello\n"), std::string(), std::string(30000, 'x'),
                                std::string("untrusted comment: a\nRUQ=\ntrusted comment: b\nAAAA\n"), std::string("\x00\x01\x02", 3)}) {
        test::write_all(b.string() + ".minisig", garbage);
        CHECK(verify_reason(b) == Reason::signature);
    }
    test::fs::remove(b.string() + ".minisig");
    CHECK(verify_reason(b) == Reason::signature);
}

TEST_CASE("hostile: not SQLite at all - signed") {
    test::TempDir t;
    auto b = t / "x.kbundle";
    test::write_all(b, std::string(4096, 'Z'));
    test::sign_with_test_key(b);
    CHECK(verify_reason(b) == Reason::format);
}

TEST_CASE("hostile: a WAL-mode database") {
    test::TempDir t;
    auto b = test::copy_good(t.path());
    {
        auto db = sql::Db::open(b, sql::OpenMode::read_write);
        REQUIRE(db);
        REQUIRE(db->exec("PRAGMA journal_mode=WAL"));
    }
    test::fs::remove(b.string() + "-wal");
    test::fs::remove(b.string() + "-shm");
    test::sign_with_test_key(b);
    CHECK(verify_reason(b) == Reason::format);
}

TEST_CASE("hostile: extra tables - triggers - views and indexes") {
    test::TempDir t;
    for (std::string sqltext : {std::string("CREATE TABLE extra(x)"),
                                std::string("CREATE TRIGGER t AFTER INSERT ON localities BEGIN SELECT 1; END"),
                                std::string("CREATE VIEW v AS SELECT * FROM localities"),
                                std::string("CREATE INDEX sneaky ON localities(name)"),
                                std::string("DROP TABLE images"),
                                std::string("ALTER TABLE documents ADD COLUMN payload TEXT")}) {
        CAPTURE(sqltext);
        test::TempDir d;
        CHECK(verify_reason(edited(d.path(), sqltext)) == Reason::schema);
    }
}

TEST_CASE("hostile: manifest fields missing or of the wrong type") {
    for (std::string sqltext : {std::string("DELETE FROM manifest WHERE key='channel'"),
                                std::string("DELETE FROM manifest WHERE key='expires'"),
                                std::string("DELETE FROM manifest WHERE key='summary'"),
                                std::string("UPDATE manifest SET value='7' WHERE key='version'"),
                                std::string("UPDATE manifest SET value=0 WHERE key='version'"),
                                std::string("UPDATE manifest SET value='yesterday' WHERE key='created'"),
                                std::string("UPDATE manifest SET value='Bad Channel!' WHERE key='channel'"),
                                std::string("UPDATE manifest SET value=2 WHERE key='disclosure_threshold'"),
                                std::string("UPDATE manifest SET value='2000-01-01T00:00:00Z' WHERE key='expires'"),
                                std::string("UPDATE manifest SET value='' WHERE key='min_kiosk_version'"),
                                std::string("UPDATE manifest SET value='any' WHERE key='min_kiosk_version'"),
                                std::string("UPDATE manifest SET value='1..0' WHERE key='min_kiosk_version'"),
                                std::string("UPDATE manifest SET value='99999999999999999999.0' WHERE key='min_kiosk_version'"),
                                std::string("UPDATE manifest SET value=1 WHERE key='min_kiosk_version'")}) {
        CAPTURE(sqltext);
        test::TempDir d;
        CHECK(verify_reason(edited(d.path(), sqltext)) == Reason::manifest);
    }
    test::TempDir d;
    CHECK(verify_reason(edited(d.path(), "UPDATE manifest SET value='kiosk-bundle/2' WHERE key='format'")) == Reason::format);
}

TEST_CASE("hostile: signed figures that are infinite or negative - and texts over their limits") {
    for (std::string sqltext : {std::string("UPDATE indicator_values SET value = 9e999 WHERE rowid = 1"),
                                std::string("UPDATE indicator_values SET value = -9e999 WHERE rowid = 1"),
                                std::string("UPDATE indicator_values SET value = -1 WHERE rowid = 1"),
                                std::string("UPDATE localities SET name = printf('%.301c', 'x') WHERE rowid = 1"),
                                std::string("UPDATE indicators SET definition = printf('%.4001c', 'x') WHERE rowid = 1"),
                                std::string("UPDATE documents SET id = printf('%.101c', 'x') WHERE rowid = 1")}) {
        CAPTURE(sqltext);
        test::TempDir d;
        CHECK(verify_reason(edited(d.path(), sqltext)) == Reason::format);
    }
    // At the limits exactly, the bundle is still accepted.
    test::TempDir d;
    auto b = edited(d.path(), "UPDATE localities SET name = printf('%.300c', 'x') WHERE rowid = 1");
    CHECK(verify_bundle(b, signature_path_for(b), test::test_pub(), VerifyOptions{}).has_value());
}

TEST_CASE("hostile: a huge declared size - and a size over the cap") {
    test::TempDir t;
    auto b = test::copy_good(t.path());
    std::string d = test::read_all(b);
    d[28] = '\x7f';  // page count in the header: ~8 TB at 4 KiB pages
    test::write_all(b, d);
    test::sign_with_test_key(b);
    CHECK(verify_reason(b) == Reason::too_large);

    auto b2 = test::copy_good(t.path(), "c");
    VerifyOptions small;
    small.max_bytes = 1000;
    auto v = verify_bundle(b2, signature_path_for(b2), test::test_pub(), small);
    REQUIRE_FALSE(v);
    CHECK(v.error().reason == Reason::too_large);
}

TEST_CASE("hostile: padded past its declared size - and a corrupted page") {
    test::TempDir t;
    auto b = test::copy_good(t.path());
    test::write_all(b, test::read_all(b) + std::string(4096, '\0'));
    test::sign_with_test_key(b);
    CHECK(verify_reason(b) == Reason::corrupt);

    test::TempDir t2;
    auto c = test::copy_good(t2.path());
    std::string d = test::read_all(c);
    for (std::size_t i = 4096 * 3 + 8; i < 4096 * 3 + 200; ++i) d[i] = '\xff';
    test::write_all(c, d);
    test::sign_with_test_key(c);
    Reason r = verify_reason(c);
    CHECK((r == Reason::corrupt || r == Reason::schema || r == Reason::manifest));
}

TEST_CASE("an expired bundle is refused when a clock is given") {
    test::TempDir t;
    auto b = test::copy_good(t.path());
    VerifyOptions o;
    o.now = *parse_utc("2100-01-01T00:00:00Z");
    auto v = verify_bundle(b, signature_path_for(b), test::test_pub(), o);
    REQUIRE_FALSE(v);
    CHECK(v.error().reason == Reason::expired);
    o.now = *parse_utc("2030-01-01T00:00:00Z");
    CHECK(verify_bundle(b, signature_path_for(b), test::test_pub(), o).has_value());
}

TEST_CASE("hostile schema: a rebuilt table is accepted only if its CREATE statement is the documented one") {
    // The control: rebuilt exactly as documented (SQLite quotes the new name), it verifies.
    {
        test::TempDir d;
        auto ok = rebuilt(d.path(), "tracker_items", replace_once(documented_create("tracker_items"), "tracker_items(", "tracker_items_new("));
        auto v = verify_bundle(ok, signature_path_for(ok), test::test_pub(), VerifyOptions{});
        CHECK_MESSAGE(v.has_value(), (v ? "" : v.error().line()));
    }
    struct Case {
        const char* name;
        const char* table;
        const char* from;
        const char* to;
        const char* then;
    };
    const Case cases[] = {
        {"tracker_items without its CHECK, holding rag='purple'", "tracker_items",
         " CHECK (rag IN ('red','amber','green','complete'))", "", "UPDATE tracker_items SET rag = 'purple'"},
        {"a CHECK with another list", "localities", "'locality','area','comparator'", "'locality','area','comparator','person'", ""},
        {"a non-STRICT table", "localities", ") STRICT", ")", ""},
        {"a changed default", "modules", "sort_order INTEGER NOT NULL DEFAULT 0", "sort_order INTEGER NOT NULL DEFAULT 7", ""},
        {"an extra column default", "briefings", "summary TEXT,", "summary TEXT DEFAULT 'see the body',", ""},
        {"a column with a collation", "periods", "label TEXT NOT NULL", "label TEXT NOT NULL COLLATE NOCASE", ""},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.name));
        test::TempDir d;
        std::string create = replace_once(replace_once(documented_create(c.table), std::string(c.table) + "(", std::string(c.table) + "_new("), c.from, c.to);
        auto b = rebuilt(d.path(), c.table, create, c.then);
        CHECK(verify_reason(b) == Reason::schema);
    }
}

TEST_CASE("hostile schema: the documents_list index missing - or with other columns") {
    for (std::string sqltext : {std::string("DROP INDEX documents_list"),
                                std::string("DROP INDEX documents_list; CREATE INDEX documents_list ON documents(id, title)"),
                                std::string("DROP INDEX documents_list; CREATE INDEX documents_list ON documents(id, title, category, organisation, "
                                            "published, review_date, summary, page_count, sources, body_md)"),
                                std::string("DROP INDEX documents_list; CREATE UNIQUE INDEX documents_list ON documents(id, title, category, "
                                            "organisation, published, review_date, summary, page_count, sources)")}) {
        CAPTURE(sqltext);
        test::TempDir d;
        CHECK(verify_reason(edited(d.path(), sqltext)) == Reason::schema);
    }
}

TEST_CASE("hostile images: the real size is read from the image header and must match the row") {
    SUBCASE("an 872 KB PNG of 30000 x 30000 pixels under a row that says 100 x 100") {
        auto bomb = test::png_of_zeros(30000, 30000);
        CHECK(bomb.size() < 1000000);
        test::TempDir d;
        CHECK(verify_reason(with_image(d.path(), bomb, 100, 100)) == Reason::format);
    }
    SUBCASE("the same PNG under a row that tells the truth: over 8192 pixels") {
        test::TempDir d;
        CHECK(verify_reason(with_image(d.path(), test::png_of_zeros(30000, 30000), 30000, 30000)) == Reason::format);
        test::TempDir d2;
        CHECK(verify_reason(with_image(d2.path(), test::png_of_zeros(8193, 16), 8193, 16)) == Reason::format);
    }
    SUBCASE("a small PNG under a row with another size") {
        test::TempDir d;
        CHECK(verify_reason(with_image(d.path(), test::png_of_zeros(300, 200), 100, 100)) == Reason::format);
        test::TempDir d2;
        CHECK(verify_reason(with_image(d2.path(), test::png_of_zeros(300, 200), 200, 300)) == Reason::format);
    }
    SUBCASE("a PNG stored as image/jpeg, and bytes that are no image") {
        test::TempDir d;
        CHECK(verify_reason(with_image(d.path(), test::png_of_zeros(300, 200), 300, 200, "image/jpeg")) == Reason::format);
        test::TempDir d2;
        CHECK(verify_reason(with_image(d2.path(), std::vector<std::uint8_t>(64, 0x5a), 300, 200)) == Reason::format);
    }
    SUBCASE("the control: a PNG whose row tells the truth, at the limit, is accepted") {
        test::TempDir d;
        auto b = with_image(d.path(), test::png_of_zeros(8192, 20), 8192, 20);
        auto v = verify_bundle(b, signature_path_for(b), test::test_pub(), VerifyOptions{});
        CHECK_MESSAGE(v.has_value(), (v ? "" : v.error().line()));
    }
}
