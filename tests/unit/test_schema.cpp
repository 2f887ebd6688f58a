// The bundle schema: FORMAT.md's DDL is the schema the kiosk checks, the
// check compares CREATE statements (not just column lists), and every text
// column is in the one field list that the length limits and the
// personal-data lint both use.
#include "content/schema.hpp"
#include "content/sqlite.hpp"
#include "test_util.hpp"

#include <doctest/doctest.h>

#include <cstring>
#include <set>

using namespace content;

namespace {

sql::Db memory_db(std::string_view ddl) {
    auto db = sql::Db::open(":memory:", sql::OpenMode::read_write_create);
    REQUIRE(db);
    auto r = db->exec(ddl);
    REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().message));
    return std::move(*db);
}

// Every ```sql block of FORMAT.md, in order.
std::string format_md_ddl() {
    std::string md = test::read_all(test::source_dir() / "content" / "FORMAT.md"), out;
    for (std::size_t p = md.find("```sql\n"); p != std::string::npos; p = md.find("```sql\n", p)) {
        p += 7;
        auto e = md.find("```", p);
        REQUIRE(e != std::string::npos);
        out += md.substr(p, e - p);
        p = e + 3;
    }
    return out;
}

} // namespace

TEST_CASE("schema: FORMAT.md's DDL, comments and line breaks included, passes the exact check") {
    std::string ddl = format_md_ddl();
    REQUIRE(ddl.find("CREATE TABLE manifest") != std::string::npos);
    REQUIRE(ddl.find("-- ") != std::string::npos);  // comments are part of what SQLite stores
    auto db = memory_db(ddl);
    auto r = schema::check(db);
    CHECK_MESSAGE(r.has_value(), (r ? "" : r.error().line()));
}

TEST_CASE("schema: the canonical DDL passes, in other letter case and layout too") {
    auto db = memory_db(schema::ddl());
    CHECK(schema::check(db).has_value());
    // Keywords and names in another case, other spacing: still the same schema.
    std::string ddl(schema::ddl());
    for (auto [from, to] : {std::pair{"CREATE TABLE", "create table"}, {"TEXT NOT NULL", "text  not\tnull"}, {", ", " ,"}})
        for (auto p = ddl.find(from); p != std::string::npos; p = ddl.find(from, p + std::strlen(to))) ddl.replace(p, std::strlen(from), to);
    auto other = memory_db(ddl);
    auto r = schema::check(other);
    CHECK_MESSAGE(r.has_value(), (r ? "" : r.error().line()));
    // But the text of a string literal is not case-folded.
    std::string upper(schema::ddl());
    upper.replace(upper.find("'red'"), 5, "'RED'");
    auto changed = memory_db(upper);
    auto c = schema::check(changed);
    REQUIRE_FALSE(c);
    CHECK(c.error().reason == Reason::schema);
    CHECK(c.error().message.find("tracker_items") != std::string::npos);
}

TEST_CASE("schema: every text column of every table is in the one field list") {
    auto db = memory_db(schema::ddl());
    std::set<std::pair<std::string, std::string>> listed;
    for (const auto& f : schema::text_fields()) listed.emplace(std::string(f.table), std::string(f.column));
    auto tables = db.prepare("SELECT name FROM pragma_table_list WHERE type = 'table' AND schema = 'main' AND name NOT LIKE 'sqlite_%'");
    REQUIRE(tables);
    int text_columns = 0;
    for (;;) {
        auto row = tables->step();
        REQUIRE(row);
        if (!*row) break;
        std::string table = tables->text(0);
        auto cols = db.prepare("SELECT name, upper(type) FROM pragma_table_info(?1)");
        REQUIRE(cols);
        cols->bind(1, std::string_view(table));
        for (;;) {
            auto c = cols->step();
            REQUIRE(c);
            if (!*c) break;
            if (cols->text(1) != "TEXT" && cols->text(1) != "ANY") continue;
            ++text_columns;
            CAPTURE(table);
            CAPTURE(cols->text(0));
            CHECK(listed.count({table, cols->text(0)}) == 1);
        }
    }
    CHECK(text_columns > 60);
    // And nothing listed that the schema does not have.
    for (const auto& f : schema::text_fields()) {
        auto n = db.query_text("SELECT count(*) FROM pragma_table_info('" + std::string(f.table) + "') WHERE name = '" + std::string(f.column) + "'");
        REQUIRE(n);
        CHECK_MESSAGE(**n == "1", f.table << "." << f.column);
    }
}
