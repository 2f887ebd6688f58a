// Why this file exists: the bundle schema is the contract between publishers and
// kiosks (documented in content/FORMAT.md). This file holds the one canonical
// DDL and the check that a bundle holds exactly that schema and nothing else.
#pragma once
#include "content/error.hpp"
#include "content/sqlite.hpp"

#include <cstddef>
#include <span>
#include <string_view>

namespace content::schema {

inline constexpr std::string_view format_id = "kiosk-bundle/1";

// The canonical DDL for a kiosk-bundle/1 database, as FORMAT.md documents it.
[[nodiscard]] std::string_view ddl();

// Checks that `db` holds exactly the documented tables with the documented
// columns, the FTS5 index as documented, and no triggers, views or other
// objects. Returns E_SCHEMA naming the first offending object.
[[nodiscard]] Status check(sql::Db& db);

// Checks every short text field against its documented limit in characters
// (FORMAT.md section 4): ids 100, names and titles 300, paragraphs such as
// definitions, summaries, notes and answers 4,000. Markdown bodies and page
// texts have no limit beyond SQLite's value size. Screens draw these fields
// whole, and one text of more than about 16,000 characters is more than a
// draw list with 16-bit indices can hold. Returns E_FORMAT naming the first
// field over its limit, with its row, length and limit.
[[nodiscard]] Status check_lengths(sql::Db& db);

// One stored text field: a column of a table, an SQL expression naming its
// row in messages, and its length limit in characters.
struct TextField {
    std::string_view table;
    std::string_view row;
    std::string_view column;
    std::size_t max_chars;
};

// The stored text fields. Pure; any thread.
[[nodiscard]] std::span<const TextField> text_fields();

} // namespace content::schema
