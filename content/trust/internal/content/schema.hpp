// Why this file exists: the bundle schema is the contract between publishers and
// kiosks (documented in content/FORMAT.md). This file holds the one canonical
// DDL and the check that a bundle holds exactly that schema and nothing else.
#pragma once
#include "content/error.hpp"
#include "content/sqlite.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <span>
#include <string_view>

namespace content::schema {

// The formats this kiosk reads. kiosk-bundle/2 is /1 plus the meetings tables
// (FORMAT.md section 3.8 and section 9, the migration); the publisher writes /1
// for a source without meetings, so older kiosks keep reading it.
enum class FormatVersion { v1 = 1, v2 = 2 };
inline constexpr std::string_view format_v1 = "kiosk-bundle/1";
inline constexpr std::string_view format_v2 = "kiosk-bundle/2";
inline constexpr std::string_view format_id = format_v2;  // the newest

// "kiosk-bundle/1" or "kiosk-bundle/2". Pure; any thread.
[[nodiscard]] std::string_view format_name(FormatVersion v);
// The version a manifest's `format` names; nullopt for any other text. Pure.
[[nodiscard]] std::optional<FormatVersion> parse_format(std::string_view name);

// The canonical DDL for a database of format `v` (default the newest), as
// FORMAT.md documents it. Pure; any thread.
[[nodiscard]] std::string_view ddl(FormatVersion v = FormatVersion::v2);

// Checks that `db` holds exactly the documented schema: the CREATE statement
// of every table, of the documents_list index and of the two FTS5 indexes is
// compared with the canonical one (comments, whitespace, letter case outside
// string literals and the quoting of names aside), so STRICT, CHECK, DEFAULT,
// COLLATE and the index's columns count; FTS5's shadow tables must have the
// columns SQLite gives them; no triggers, views or other objects. A bundle
// with a meetings or meeting_items table is compared with the kiosk-bundle/2
// schema, any other with the kiosk-bundle/1 schema, exactly either way; the
// version compared is returned (the manifest's `format` must name it).
// Returns E_SCHEMA naming the first offending object and where it differs.
[[nodiscard]] Result<FormatVersion> check(sql::Db& db);

// Checks every short text field against its documented limit in characters
// (FORMAT.md section 4): ids 80, names and titles 300, paragraphs such as
// definitions, summaries, notes and answers 4,000. Markdown bodies and page
// texts have no limit beyond SQLite's value size. Screens draw these fields
// whole, and one text of more than about 16,000 characters is more than a
// draw list with 16-bit indices can hold. Returns E_FORMAT naming the first
// field over its limit, with its row, length and limit.
[[nodiscard]] Status check_lengths(sql::Db& db);

// One stored text field: a column of a table, an SQL expression naming its
// row (as messages and lint overrides name it, e.g. MODULE/ORD), and its
// length limit in characters (0: none beyond one SQLite value).
struct TextField {
    std::string_view table;
    std::string_view row;
    std::string_view column;
    std::size_t max_chars;
};

// Every text column of every table, in one list: the length limits and the
// personal-data lint both read it, and a test fails when a text column of
// the schema is missing from it. The search indexes are not in it (they are
// made from these fields). Pure; any thread.
[[nodiscard]] std::span<const TextField> text_fields();

// Calls fn(field, row, text) for every non-empty text value of every field in
// text_fields(), table by table in list order, rows in rowid order. Returns
// the first SQLite error. Calls on the caller's thread; `db` is the caller's.
[[nodiscard]] Status for_each_text(sql::Db& db, const std::function<void(const TextField&, const std::string& row, const std::string& text)>& fn);

} // namespace content::schema
