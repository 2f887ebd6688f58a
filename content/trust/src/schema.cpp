// The bundle schema and its checker; see schema.hpp and FORMAT.md.
#include "content/schema.hpp"
#include "content/limits.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace content::schema {
namespace {

struct Object {
    std::string type;
    std::string tbl_name;
    std::string sql;
};

bool word_char(char c) {
    auto u = static_cast<unsigned char>(c);
    return std::isalnum(u) || c == '_' || c == '\'' || c == '"' || u >= 0x80;
}

char fold(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// Normalises a CREATE statement for comparison: comments dropped, whitespace
// collapsed to one space between words and dropped next to punctuation,
// letter case folded and quotes taken off plain names ("x", `x`, [x]), so
// that layout and SQLite's own quoting on ALTER TABLE ... RENAME do not
// matter. String literals ('red') are kept byte for byte: a CHECK list in
// other letters is another list.
std::string normalise_sql(std::string_view s) {
    std::string out;
    bool space = false;
    auto emit = [&](char c) {
        if (space && !out.empty() && word_char(out.back()) && word_char(c)) out += ' ';
        space = false;
        out += c;
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {  // a comment to the end of the line
            i = s.find('\n', i);
            if (i == std::string_view::npos) break;
            space = true;
        } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
            i = s.find("*/", i + 2);
            if (i == std::string_view::npos) break;
            ++i;
            space = true;
        } else if (std::isspace(static_cast<unsigned char>(c))) {
            space = true;
        } else if (c == '\'') {  // a string literal; '' is a quote inside it
            std::size_t j = i + 1;
            while (j < s.size() && !(s[j] == '\'' && (j + 1 >= s.size() || s[j + 1] != '\''))) j += s[j] == '\'' ? 2 : 1;
            emit('\'');
            out.append(s.substr(i + 1, j - i));
            i = j;
        } else if (c == '"' || c == '`' || c == '[') {  // a quoted name
            std::size_t j = s.find(c == '[' ? ']' : c, i + 1);
            if (j == std::string_view::npos) j = s.size();
            std::string name;
            for (char n : s.substr(i + 1, j - i - 1)) name += fold(n);
            bool plain = !name.empty() && std::all_of(name.begin(), name.end(), [](char n) {
                return std::isalnum(static_cast<unsigned char>(n)) || n == '_';
            });
            if (!plain) name = "\"" + name + "\"";
            for (char n : name) emit(n);
            i = j;
        } else {
            emit(fold(c));
        }
    }
    return out;
}

Result<std::map<std::string, Object>> objects(sql::Db& db) {
    std::map<std::string, Object> out;
    auto st = db.prepare("SELECT type, name, tbl_name, coalesce(sql,'') FROM sqlite_schema");
    if (!st) return std::unexpected(st.error());
    for (;;) {
        auto row = st->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        out[st->text(1)] = Object{st->text(0), st->text(2), st->text(3)};
    }
    return out;
}

// name|type|notnull|default|pk for each column, in order.
Result<std::vector<std::string>> columns(sql::Db& db, const std::string& table) {
    std::vector<std::string> out;
    auto st = db.prepare("SELECT name, upper(type), \"notnull\", coalesce(dflt_value, ''), pk FROM pragma_table_info(?1)");
    if (!st) return std::unexpected(st.error());
    st->bind(1, std::string_view(table));
    for (;;) {
        auto row = st->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        out.push_back(st->text(0) + "|" + st->text(1) + "|" + std::to_string(st->int64(2)) + "|" + st->text(3) + "|" + std::to_string(st->int64(4)));
    }
    return out;
}

sql::Db make_reference(FormatVersion v) {
    auto d = sql::Db::open(":memory:", sql::OpenMode::read_write_create);
    auto ok = d->exec(std::string(ddl(v)));
    (void)ok;
    return std::move(*d);
}

sql::Db& reference(FormatVersion v = FormatVersion::v2) {
    static sql::Db v1 = make_reference(FormatVersion::v1), v2 = make_reference(FormatVersion::v2);
    return v == FormatVersion::v1 ? v1 : v2;
}

// The names of the tables FTS5 makes for its indexes (search_data, ...).
const std::set<std::string>& shadow_tables() {
    static const std::set<std::string> names = [] {
        std::set<std::string> out;
        auto st = reference().prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'shadow'");
        while (st) {
            auto row = st->step();
            if (!row || !*row) break;
            out.insert(st->text(0));
        }
        return out;
    }();
    return names;
}

// "differs near '...'" for two normalised statements, quoting the bundle's.
std::string first_difference(const std::string& have, const std::string& want) {
    std::size_t i = 0;
    while (i < have.size() && i < want.size() && have[i] == want[i]) ++i;
    std::size_t from = i > 30 ? i - 30 : 0;
    return "it differs near '" + have.substr(from, 60) + "' where the schema has '" + want.substr(from, 60) + "'";
}

} // namespace

std::string_view format_name(FormatVersion v) { return v == FormatVersion::v1 ? format_v1 : format_v2; }

std::optional<FormatVersion> parse_format(std::string_view name) {
    if (name == format_v1) return FormatVersion::v1;
    if (name == format_v2) return FormatVersion::v2;
    return std::nullopt;
}

Result<FormatVersion> check(sql::Db& db) {
    auto have = objects(db);
    if (!have) return fail(Reason::corrupt, "The bundle's schema could not be read: " + have.error().message);
    // The meetings tables are what kiosk-bundle/2 adds: a bundle holding
    // either is compared with the /2 schema, any other with the /1 schema.
    // Either way the comparison is exact.
    const FormatVersion version = have->count("meetings") || have->count("meeting_items") ? FormatVersion::v2 : FormatVersion::v1;
    auto want = objects(reference(version));
    if (!want) return std::unexpected(want.error());
    for (const auto& [name, obj] : *have) {
        if (obj.type == "trigger") return fail(Reason::schema, "The bundle contains a trigger (" + name + "), which is not allowed.");
        if (obj.type == "view") return fail(Reason::schema, "The bundle contains a view (" + name + "), which is not allowed.");
        auto it = want->find(name);
        if (it == want->end()) {
            if (obj.type == "index" && name.starts_with("sqlite_autoindex_") && want->count(obj.tbl_name)) continue;
            return fail(Reason::schema, "The bundle contains " + obj.type + " '" + name + "', which is not part of the documented schema.");
        }
        if (it->second.type != obj.type)
            return fail(Reason::schema, "In the bundle, '" + name + "' is a " + obj.type + " but the schema says " + it->second.type + ".");
    }
    for (const auto& [name, obj] : *want) {
        if (name.starts_with("sqlite_autoindex_")) continue;
        if (!have->count(name)) return fail(Reason::schema, "The bundle has no '" + name + "' " + obj.type + ".");
        const Object& h = have->at(name);
        if (!shadow_tables().count(name)) {
            // Tables, the documents_list index and the search indexes: the
            // CREATE statement itself, so STRICT, CHECK, DEFAULT, COLLATE,
            // constraints and index columns are all compared.
            std::string hs = normalise_sql(h.sql), ws = normalise_sql(obj.sql);
            if (hs != ws)
                return fail(Reason::schema, "The bundle's " + obj.type + " '" + name + "' is not declared as FORMAT.md documents: " +
                                                first_difference(hs, ws) + ".");
            continue;
        }
        // FTS5's own tables, as SQLite makes them: their columns.
        auto wc = columns(reference(version), name);
        auto hc = columns(db, name);
        if (!wc || !hc) return fail(Reason::corrupt, "The columns of table '" + name + "' could not be read.");
        if (*wc != *hc) return fail(Reason::schema, "Table '" + name + "' does not have the documented columns.");
    }
    return version;
}

namespace {
constexpr auto id_max = limits::id_chars, name_max = limits::name_chars, para_max = limits::paragraph_chars;
constexpr std::size_t no_limit = 0;
constexpr std::string_view value_row = "indicator_id || '/' || locality_id || '/' || period_id";
constexpr std::string_view item_row = "tracker_id || '/' || id", slide_row = "module_id || '/' || ord";
constexpr std::string_view question_row = "module_id || '/' || slide_ord", page_row = "document_id || '/' || page";
constexpr std::string_view meeting_item_row = "meeting_id || '/' || ord";
// Every text column of every table (tests/unit/test_schema.cpp fails if one
// is missing). The search indexes are left out: they are made from these.
constexpr TextField k_fields[] = {
    {"manifest", "key", "key", id_max}, {"manifest", "key", "value", no_limit},  // manifest values have their own rules (section 2)
    {"localities", "id", "id", id_max}, {"localities", "id", "name", name_max}, {"localities", "id", "kind", id_max},
    {"localities", "id", "parent_id", id_max}, {"localities", "id", "note", para_max},
    {"periods", "id", "id", id_max}, {"periods", "id", "label", name_max}, {"periods", "id", "start_date", id_max}, {"periods", "id", "end_date", id_max},
    {"indicators", "id", "id", id_max}, {"indicators", "id", "title", name_max}, {"indicators", "id", "definition", para_max},
    {"indicators", "id", "unit", id_max}, {"indicators", "id", "polarity", id_max},
    {"indicators", "id", "source", para_max}, {"indicators", "id", "numerator_id", id_max},
    {"indicator_values", value_row, "indicator_id", id_max}, {"indicator_values", value_row, "locality_id", id_max},
    {"indicator_values", value_row, "period_id", id_max}, {"indicator_values", value_row, "marker", limits::marker_chars},
    {"indicator_values", value_row, "note", para_max},
    {"briefings", "id", "id", id_max}, {"briefings", "id", "title", name_max}, {"briefings", "id", "kind", id_max},
    {"briefings", "id", "audience", name_max}, {"briefings", "id", "date", id_max}, {"briefings", "id", "locality_id", id_max},
    {"briefings", "id", "summary", para_max}, {"briefings", "id", "body_md", no_limit}, {"briefings", "id", "sources", para_max},
    {"trackers", "id", "id", id_max}, {"trackers", "id", "title", name_max}, {"trackers", "id", "kind", id_max},
    {"trackers", "id", "source", para_max}, {"trackers", "id", "description", para_max},
    {"tracker_items", item_row, "tracker_id", id_max}, {"tracker_items", item_row, "id", id_max},
    {"tracker_items", item_row, "ref", id_max}, {"tracker_items", item_row, "title", para_max},
    {"tracker_items", item_row, "owner", name_max}, {"tracker_items", item_row, "due_date", id_max}, {"tracker_items", item_row, "rag", id_max},
    {"tracker_items", item_row, "progress", para_max}, {"tracker_items", item_row, "response", para_max},
    {"modules", "id", "id", id_max}, {"modules", "id", "title", name_max}, {"modules", "id", "audience", name_max},
    {"modules", "id", "outcomes", para_max}, {"modules", "id", "summary", para_max}, {"modules", "id", "sources", para_max},
    {"slides", slide_row, "module_id", id_max}, {"slides", slide_row, "title", name_max}, {"slides", slide_row, "body_md", no_limit},
    {"slides", slide_row, "notes", para_max}, {"slides", slide_row, "image_id", id_max},
    {"questions", question_row, "module_id", id_max}, {"questions", question_row, "prompt", para_max},
    {"questions", question_row, "options", para_max}, {"questions", question_row, "explanation", para_max},
    {"documents", "id", "id", id_max}, {"documents", "id", "title", name_max}, {"documents", "id", "category", name_max},
    {"documents", "id", "organisation", name_max}, {"documents", "id", "published", id_max}, {"documents", "id", "review_date", id_max},
    {"documents", "id", "summary", para_max}, {"documents", "id", "sources", para_max}, {"documents", "id", "body_md", no_limit},
    {"document_pages", page_row, "document_id", id_max}, {"document_pages", page_row, "image_id", id_max},
    {"document_pages", page_row, "text", no_limit},
    {"images", "id", "id", id_max}, {"images", "id", "mime", id_max}, {"images", "id", "alt", para_max},
    // kiosk-bundle/2
    {"meetings", "id", "id", id_max}, {"meetings", "id", "title", name_max}, {"meetings", "id", "kind", id_max},
    {"meetings", "id", "starts", id_max}, {"meetings", "id", "ends", id_max}, {"meetings", "id", "place", name_max},
    {"meetings", "id", "locality_id", id_max}, {"meetings", "id", "notes", para_max},
    {"meeting_items", meeting_item_row, "meeting_id", id_max}, {"meeting_items", meeting_item_row, "number", id_max},
    {"meeting_items", meeting_item_row, "title", name_max}, {"meeting_items", meeting_item_row, "kind", id_max},
    {"meeting_items", meeting_item_row, "ref", id_max}, {"meeting_items", meeting_item_row, "note", para_max},
};

// True when `db` has table `name` (a kiosk-bundle/1 bundle has no meetings tables).
bool has_table(sql::Db& db, std::string_view name) {
    auto st = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1");
    if (!st) return false;
    st->bind(1, name);
    auto row = st->step();
    return row && *row;
}
} // namespace

std::span<const TextField> text_fields() { return k_fields; }

Status check_lengths(sql::Db& db) {
    for (const TextField& l : k_fields) {
        if (l.max_chars == no_limit || !has_table(db, l.table)) continue;
        std::string q = "SELECT " + std::string(l.row) + ", length(" + std::string(l.column) + ") FROM " + std::string(l.table) +
                        " WHERE length(" + std::string(l.column) + ") > " + std::to_string(l.max_chars) + " LIMIT 1";
        auto st = db.prepare(q);
        if (!st) return std::unexpected(st.error());
        auto row = st->step();
        if (!row) return std::unexpected(row.error());
        if (*row)
            return fail(Reason::format, std::string(l.table) + "." + std::string(l.column) + " of '" + st->text(0) + "' is " +
                                            std::to_string(st->int64(1)) + " characters long; the limit is " + std::to_string(l.max_chars) + ".");
    }
    return {};
}

Status for_each_text(sql::Db& db, const std::function<void(const TextField&, const std::string&, const std::string&)>& fn) {
    for (const TextField& f : k_fields) {
        if (!has_table(db, f.table)) continue;
        std::string col(f.column);
        auto st = db.prepare("SELECT " + std::string(f.row) + ", " + col + " FROM " + std::string(f.table) + " WHERE typeof(" + col +
                             ") = 'text' AND " + col + " <> '' ORDER BY rowid");
        if (!st) return std::unexpected(st.error());
        for (;;) {
            auto row = st->step();
            if (!row) return std::unexpected(row.error());
            if (!*row) break;
            fn(f, st->text(0), st->text(1));
        }
    }
    return {};
}

} // namespace content::schema
