// Fuzz target: manifest and schema validation, driven through SQL. Each
// input is an SQL script run against a small valid kiosk-bundle/1 database
// (the canonical DDL, a good manifest and a few rows); the result is written
// out as a bundle file and checked as the kiosk checks a signed bundle (see
// fuzz_bundle.hpp). Random bytes almost never make a valid SQLite file; SQL
// reaches the manifest fields, types, limits and schema objects directly.
// The script runs with ATTACH refused and a step budget, on a connection
// without SQLITE_DBCONFIG_DEFENSIVE, so it may rewrite sqlite_schema as a
// hostile tool could.
#include "content/manifest.hpp"
#include "content/schema.hpp"
#include "fuzz_bundle.hpp"

#include <sqlite3.h>

namespace {

const char* const k_rows = R"SQL(
INSERT INTO localities VALUES ('area','Area','area',NULL,0,NULL),('north','North','locality','area',1,'A note'),
  ('south','South','locality','area',2,NULL);
INSERT INTO periods VALUES ('2025','2025-26','2025-04-01','2026-03-31',0);
INSERT INTO indicators VALUES ('cla','Children looked after','Count of children looked after','count','neutral','SSDA903',NULL,1,0),
  ('rate','Rate per 10,000','Rate','rate_per_10000','lower_is_better','SSDA903','cla',0,1);
INSERT INTO indicator_values VALUES ('cla','area','2025',40,NULL,NULL),('cla','north','2025',NULL,'[c]',NULL),
  ('cla','south','2025',NULL,'[c]',NULL),('rate','north','2025',61.5,NULL,NULL);
INSERT INTO briefings VALUES ('b1','Briefing','update','Members','2026-01-01','north','Summary','# Heading\n\nBody **bold**.','Source');
INSERT INTO trackers VALUES ('t1','Actions','action-plan','Ofsted','Plan',0);
INSERT INTO tracker_items VALUES ('t1','1','1.1','Do the thing','Director','2026-03-01','amber','Under way',NULL,0);
INSERT INTO modules VALUES ('m1','Module','Members',20,'["one","two"]','Sum','Src',0);
INSERT INTO slides VALUES ('m1',1,'Slide','Text ![x](image:img1)',NULL,'img1'),('m1',2,'Check','Q',NULL,NULL);
INSERT INTO questions VALUES ('m1',2,'Which?','["a","b"]',1,'Because');
INSERT INTO documents VALUES ('d1','Doc','policy','Council','2025-01-01',NULL,'A doc',0,NULL,'Body of the document');
INSERT INTO images VALUES ('img1','image/png',1,1,'Alt',
  x'89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f8cfc0f01f00050001ff89993d1d0000000049454e44ae426082');
INSERT INTO search(title, body, kind, ref) VALUES ('Briefing','Body bold','briefing','b1'),('Doc','Body of the document','document','d1');
INSERT INTO search_titles(rowid, title, kind) SELECT rowid, title, kind FROM search;
)SQL";

// The template database as bytes, made once.
const std::string& template_bytes() {
    static const std::string bytes = [] {
        auto db = content::sql::Db::open(":memory:", content::sql::OpenMode::read_write_create);
        FUZZ_CHECK(db.has_value());
        FUZZ_CHECK(db->exec("PRAGMA page_size=512; VACUUM;").has_value());
        FUZZ_CHECK(db->exec(content::schema::ddl()).has_value());
        content::Manifest m{std::string(content::schema::format_id), "fuzz", 3, 1767225600, 4102358400, "Fuzz bundle", "0.1.0",
                            "{}", 5, "Fuzz", "[]"};
        FUZZ_CHECK(content::write_manifest(*db, m).has_value());
        auto rows = db->exec(k_rows);
        if (!rows) std::fprintf(stderr, "template rows: %s\n", rows.error().message.c_str());
        FUZZ_CHECK(rows.has_value());
        sqlite3_int64 n = 0;
        unsigned char* p = sqlite3_serialize(db->handle(), "main", &n, 0);
        FUZZ_CHECK(p != nullptr);
        std::string out(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
        sqlite3_free(p);
        return out;
    }();
    return bytes;
}

int deny_attach(void*, int action, const char*, const char*, const char*, const char*) {
    return action == SQLITE_ATTACH || action == SQLITE_DETACH ? SQLITE_DENY : SQLITE_OK;
}

int budget(void* steps) { return ++*static_cast<int*>(steps) > 2000 ? 1 : 0; }

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string& tpl = template_bytes();
    std::string script(reinterpret_cast<const char*>(data), size);
    sqlite3* db = nullptr;
    FUZZ_CHECK(sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) == SQLITE_OK);
    auto* buf = static_cast<unsigned char*>(sqlite3_malloc64(tpl.size()));
    std::memcpy(buf, tpl.data(), tpl.size());
    FUZZ_CHECK(sqlite3_deserialize(db, "main", buf, static_cast<sqlite3_int64>(tpl.size()), static_cast<sqlite3_int64>(tpl.size()),
                                   SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) == SQLITE_OK);
    sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 1 << 20);
    sqlite3_set_authorizer(db, deny_attach, nullptr);
    int steps = 0;
    sqlite3_progress_handler(db, 100, budget, &steps);
    (void)sqlite3_exec(db, script.c_str(), nullptr, nullptr, nullptr);
    sqlite3_progress_handler(db, 0, nullptr, nullptr);
    sqlite3_int64 n = 0;
    unsigned char* p = sqlite3_serialize(db, "main", &n, 0);
    if (p) {
        const auto path = fuzz::scratch_dir() / "sql.kbundle";
        FUZZ_CHECK(fuzz::write_file(path, std::string_view(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n))));
        sqlite3_free(p);
        fuzz::check_bundle_file(path);
    }
    sqlite3_close(db);
    return 0;
}
