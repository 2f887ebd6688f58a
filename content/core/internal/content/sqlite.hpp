// Why this file exists: one small RAII layer over the SQLite C API so that no
// other file handles raw sqlite3* lifetimes, and every SQLite failure becomes a
// content::Error. Views never include this; only content/ does.
#pragma once
#include "content/error.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace content::sql {

enum class OpenMode {
    read_only_immutable,  // a verified bundle: read-only, immutable=1, defensive
    read_write_create,    // a bundle being built, or the device state database
    read_write,           // an existing database, not created if missing
    read_only,            // an existing database another connection may write (the state DB for read-only commands)
};

class Stmt;

class Db {
public:
    Db() = default;
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;
    Db(Db&& o) noexcept : m_db(o.m_db) { o.m_db = nullptr; }
    Db& operator=(Db&& o) noexcept;
    ~Db();

    // Opens `path`. Every mode sets SQLITE_DBCONFIG_DEFENSIVE and
    // trusted_schema=OFF. Refuses (E_FORMAT/E_IO) files SQLite cannot open.
    [[nodiscard]] static Result<Db> open(const std::filesystem::path& path, OpenMode mode);

    // Runs one or more statements with no results. E_CORRUPT/E_FORMAT/E_NO_SPACE on failure.
    [[nodiscard]] Status exec(std::string_view sql);
    // Prepares one statement. Refuses trailing SQL.
    [[nodiscard]] Result<Stmt> prepare(std::string_view sql);
    // Returns the first column of the first row as text, or nullopt when no rows.
    [[nodiscard]] Result<std::optional<std::string>> query_text(std::string_view sql);
    [[nodiscard]] Result<std::int64_t> query_int(std::string_view sql);

    [[nodiscard]] std::int64_t last_insert_rowid() const;
    [[nodiscard]] int changes() const;
    [[nodiscard]] sqlite3* handle() const { return m_db; }
    [[nodiscard]] Error error(std::string_view what) const;
private:
    explicit Db(sqlite3* db) : m_db(db) {}
    sqlite3* m_db = nullptr;
};

// A prepared statement. bind() indices are 1-based, column() indices 0-based.
class Stmt {
public:
    Stmt() = default;
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;
    Stmt(Stmt&& o) noexcept : m_stmt(o.m_stmt), m_db(o.m_db) { o.m_stmt = nullptr; }
    Stmt& operator=(Stmt&& o) noexcept;
    ~Stmt();

    Stmt& bind(int i, std::int64_t v);
    Stmt& bind(int i, double v);
    Stmt& bind(int i, std::string_view v);
    Stmt& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
    Stmt& bind_blob(int i, const void* data, std::size_t len);
    Stmt& bind_null(int i);
    Stmt& bind_opt(int i, const std::optional<std::string>& v);
    Stmt& bind_opt(int i, const std::optional<double>& v);

    // Steps once: true with a row, false when done, an Error on failure.
    [[nodiscard]] Result<bool> step();
    // Steps to completion (for statements that return no rows) and resets.
    [[nodiscard]] Status run();
    void reset();

    [[nodiscard]] bool is_null(int col) const;
    [[nodiscard]] std::int64_t int64(int col) const;
    [[nodiscard]] double real(int col) const;
    [[nodiscard]] std::string text(int col) const;
    [[nodiscard]] std::optional<std::string> opt_text(int col) const;
    [[nodiscard]] std::vector<std::uint8_t> blob(int col) const;
    [[nodiscard]] int type(int col) const;  // SQLITE_INTEGER etc.
private:
    friend class Db;
    Stmt(sqlite3_stmt* s, sqlite3* db) : m_stmt(s), m_db(db) {}
    sqlite3_stmt* m_stmt = nullptr;
    sqlite3* m_db = nullptr;
};

// A write transaction (BEGIN IMMEDIATE) that rolls back when it goes out of
// scope uncommitted, so no early return can leave one open. One thread.
class Transaction {
public:
    // Begins; E_* from SQLite (E_FORMAT for SQLITE_BUSY after the busy timeout).
    [[nodiscard]] static Result<Transaction> begin(Db& db);
    Transaction(Transaction&& o) noexcept : m_db(o.m_db) { o.m_db = nullptr; }
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    ~Transaction();
    // Commits. On failure the transaction is rolled back before returning.
    [[nodiscard]] Status commit();
private:
    explicit Transaction(Db* db) : m_db(db) {}
    Db* m_db = nullptr;
};

// Steps `st` (already bound) to the end, mapping each row with `make(Stmt&)`.
// `expected_rows` only sizes the vector up front (0: grow as needed).
template <class T, class F>
[[nodiscard]] Result<std::vector<T>> collect(Stmt& st, F&& make, std::size_t expected_rows = 0) {
    std::vector<T> out;
    out.reserve(expected_rows);
    for (;;) {
        auto row = st.step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        out.push_back(make(st));
    }
    return out;
}

// Prepares `query` (no parameters) and collects its rows with `make`.
template <class T, class F>
[[nodiscard]] Result<std::vector<T>> collect(Db& db, std::string_view query, F&& make, std::size_t expected_rows = 0) {
    auto st = db.prepare(query);
    if (!st) return std::unexpected(st.error());
    return collect<T>(*st, std::forward<F>(make), expected_rows);
}

// Maps an SQLite result code to a reason: FULL to E_NO_SPACE, CORRUPT/NOTADB to
// E_CORRUPT, IOERR to E_IO, otherwise E_FORMAT.
[[nodiscard]] Reason reason_for(int sqlite_code);

} // namespace content::sql
