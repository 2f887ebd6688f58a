// RAII wrapper over the SQLite C API; see sqlite.hpp.
#include "content/sqlite.hpp"
#include "content/limits.hpp"

#include <sqlite3.h>

#include <cassert>
#include <cstdio>

namespace content::sql {

Reason reason_for(int code) {
    switch (code & 0xff) {
    case SQLITE_FULL: return Reason::no_space;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return Reason::corrupt;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY: return Reason::io;
    default: return Reason::format;
    }
}

Db& Db::operator=(Db&& o) noexcept {
    if (this != &o) {
        if (m_db) sqlite3_close_v2(m_db);
        m_db = o.m_db;
        o.m_db = nullptr;
    }
    return *this;
}

Db::~Db() {
    if (m_db) sqlite3_close_v2(m_db);
}

Error Db::error(std::string_view what) const {
    int code = m_db ? sqlite3_extended_errcode(m_db) : SQLITE_ERROR;
    std::string msg = std::string(what) + ": " + (m_db ? sqlite3_errmsg(m_db) : "no database") + ".";
    return Error{reason_for(code), msg};
}

Result<Db> Db::open(const std::filesystem::path& path, OpenMode mode) {
    sqlite3* raw = nullptr;
    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
    std::string name;
    if (mode == OpenMode::read_only_immutable) {
        flags |= SQLITE_OPEN_READONLY;
        // URI-encode the characters that would end the path component.
        std::string p = std::filesystem::absolute(path).string();
        std::string enc;
        for (char c : p) {
            if (c == '?' || c == '#' || c == '%') {
                char buf[4];
                std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
                enc += buf;
            } else enc += c;
        }
        name = "file:" + enc + "?immutable=1";
    } else if (mode == OpenMode::read_only) {
        flags |= SQLITE_OPEN_READONLY;
        flags &= ~SQLITE_OPEN_URI;
        name = path.string();
    } else {
        flags |= SQLITE_OPEN_READWRITE;
        if (mode == OpenMode::read_write_create) flags |= SQLITE_OPEN_CREATE;
        name = path.string();
        // A plain path must not be read as a URI.
        flags &= ~SQLITE_OPEN_URI;
    }
    int rc = sqlite3_open_v2(name.c_str(), &raw, flags, nullptr);
    Db db(raw);
    if (rc != SQLITE_OK) return std::unexpected(Error{reason_for(rc), "Could not open " + path.string() + ": " + sqlite3_errstr(rc) + "."});
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_db_config(raw, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    sqlite3_db_config(raw, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
    sqlite3_db_config(raw, SQLITE_DBCONFIG_ENABLE_TRIGGER, mode == OpenMode::read_only_immutable || mode == OpenMode::read_only ? 0 : 1, nullptr);
    sqlite3_db_config(raw, SQLITE_DBCONFIG_ENABLE_VIEW, mode == OpenMode::read_only_immutable || mode == OpenMode::read_only ? 0 : 1, nullptr);
    sqlite3_limit(raw, SQLITE_LIMIT_LENGTH, limits::sqlite_value_bytes);
    sqlite3_busy_timeout(raw, 2000);
    return db;
}

Status Db::exec(std::string_view sql) {
    std::string s(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(m_db, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        return fail(reason_for(sqlite3_extended_errcode(m_db)), "Database error: " + msg + ".");
    }
    return {};
}

Result<Stmt> Db::prepare(std::string_view sql) {
    sqlite3_stmt* s = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &s, &tail);
    if (rc != SQLITE_OK) return std::unexpected(error("Preparing a query failed"));
    Stmt st(s, m_db);
    assert(tail == nullptr || tail == sql.data() + sql.size() || std::string_view(tail).find_first_not_of(" \n\t;") == std::string_view::npos);
    return st;
}

Result<std::optional<std::string>> Db::query_text(std::string_view sql) {
    auto st = prepare(sql);
    if (!st) return std::unexpected(st.error());
    auto row = st->step();
    if (!row) return std::unexpected(row.error());
    if (!*row || st->is_null(0)) return std::optional<std::string>{};
    return std::optional<std::string>(st->text(0));
}

Result<std::int64_t> Db::query_int(std::string_view sql) {
    auto st = prepare(sql);
    if (!st) return std::unexpected(st.error());
    auto row = st->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return fail(Reason::internal, "A query that must return a row returned none.");
    return st->int64(0);
}

std::int64_t Db::last_insert_rowid() const { return sqlite3_last_insert_rowid(m_db); }
int Db::changes() const { return sqlite3_changes(m_db); }

Stmt& Stmt::operator=(Stmt&& o) noexcept {
    if (this != &o) {
        if (m_stmt) sqlite3_finalize(m_stmt);
        m_stmt = o.m_stmt;
        m_db = o.m_db;
        o.m_stmt = nullptr;
    }
    return *this;
}

Stmt::~Stmt() {
    if (m_stmt) sqlite3_finalize(m_stmt);
}

Stmt& Stmt::bind(int i, std::int64_t v) { sqlite3_bind_int64(m_stmt, i, v); return *this; }
Stmt& Stmt::bind(int i, double v) { sqlite3_bind_double(m_stmt, i, v); return *this; }
Stmt& Stmt::bind(int i, std::string_view v) {
    sqlite3_bind_text(m_stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
}
Stmt& Stmt::bind_blob(int i, const void* data, std::size_t len) {
    sqlite3_bind_blob64(m_stmt, i, data, len, SQLITE_TRANSIENT);
    return *this;
}
Stmt& Stmt::bind_null(int i) { sqlite3_bind_null(m_stmt, i); return *this; }
Stmt& Stmt::bind_opt(int i, const std::optional<std::string>& v) { return v ? bind(i, std::string_view(*v)) : bind_null(i); }
Stmt& Stmt::bind_opt(int i, const std::optional<double>& v) { return v ? bind(i, *v) : bind_null(i); }

Result<bool> Stmt::step() {
    int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    int ext = sqlite3_extended_errcode(m_db);
    return fail(reason_for(ext), std::string("Database error: ") + sqlite3_errmsg(m_db) + ".");
}

Status Stmt::run() {
    for (;;) {
        auto r = step();
        if (!r) {
            reset();
            return std::unexpected(r.error());
        }
        if (!*r) break;
    }
    reset();
    return {};
}

void Stmt::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

bool Stmt::is_null(int c) const { return sqlite3_column_type(m_stmt, c) == SQLITE_NULL; }
std::int64_t Stmt::int64(int c) const { return sqlite3_column_int64(m_stmt, c); }
double Stmt::real(int c) const { return sqlite3_column_double(m_stmt, c); }
std::string Stmt::text(int c) const {
    const unsigned char* t = sqlite3_column_text(m_stmt, c);
    return t ? std::string(reinterpret_cast<const char*>(t), static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, c))) : std::string();
}
std::optional<std::string> Stmt::opt_text(int c) const {
    if (is_null(c)) return std::nullopt;
    return text(c);
}
std::vector<std::uint8_t> Stmt::blob(int c) const {
    const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(m_stmt, c));
    int n = sqlite3_column_bytes(m_stmt, c);
    return p ? std::vector<std::uint8_t>(p, p + n) : std::vector<std::uint8_t>{};
}
int Stmt::type(int c) const { return sqlite3_column_type(m_stmt, c); }

Result<Transaction> Transaction::begin(Db& db) {
    if (auto s = db.exec("BEGIN IMMEDIATE"); !s) return std::unexpected(s.error());
    return Transaction(&db);
}

Transaction::~Transaction() {
    if (m_db && !sqlite3_get_autocommit(m_db->handle())) (void)m_db->exec("ROLLBACK");
}

Status Transaction::commit() {
    Db* db = m_db;
    m_db = nullptr;
    if (!db) return fail(Reason::internal, "A transaction was committed twice.");
    auto s = db->exec("COMMIT");
    if (!s && !sqlite3_get_autocommit(db->handle())) (void)db->exec("ROLLBACK");
    return s;
}

} // namespace content::sql
