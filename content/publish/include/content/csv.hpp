// Why this file exists: publishers edit figures and trackers in spreadsheets and
// save CSV. This is a strict RFC 4180 reader that reports the file, line and
// column of every problem, so an officer can fix the cell.
#pragma once
#include "content/csv_write.hpp"
#include "content/error.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace content::csv {

struct Row {
    std::size_t line = 0;  // 1-based line where the row starts
    std::vector<std::string> cells;
};

struct Table {
    std::string file;                 // for messages
    std::vector<std::string> header;
    std::vector<Row> rows;

    // Index of column `name`, or nullopt.
    [[nodiscard]] std::optional<std::size_t> column(std::string_view name) const;
    // The cell of `row` under column `name`; empty if the column is absent.
    [[nodiscard]] std::string get(const Row& row, std::string_view name) const;
    // Refuses (E_SOURCE) a table missing any of `required` columns.
    [[nodiscard]] Status require(const std::vector<std::string_view>& required) const;
    // "file:line" for messages.
    [[nodiscard]] std::string where(const Row& row) const;
};

// Parses CSV text with a header row. Refuses (E_SOURCE, naming file and line)
// unterminated quotes, stray quotes inside unquoted cells, rows whose cell
// count differs from the header, duplicate or empty header names, and NUL bytes.
// Accepts CRLF and a UTF-8 BOM.
[[nodiscard]] Result<Table> parse(std::string_view text, std::string file_name);
[[nodiscard]] Result<Table> load(const std::filesystem::path& path);

} // namespace content::csv
