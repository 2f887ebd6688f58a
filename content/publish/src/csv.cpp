// Strict CSV reader; see csv.hpp.
#include "content/csv.hpp"
#include "content/file_io.hpp"
#include "content/limits.hpp"

#include <set>

namespace content::csv {

std::optional<std::size_t> Table::column(std::string_view name) const {
    for (std::size_t i = 0; i < header.size(); ++i)
        if (header[i] == name) return i;
    return std::nullopt;
}

std::string Table::get(const Row& row, std::string_view name) const {
    auto c = column(name);
    return c && *c < row.cells.size() ? row.cells[*c] : std::string();
}

Status Table::require(const std::vector<std::string_view>& required) const {
    for (auto r : required)
        if (!column(r)) return fail(Reason::source, file + ": the header has no '" + std::string(r) + "' column.");
    return {};
}

std::string Table::where(const Row& row) const { return file + ":" + std::to_string(row.line); }

Result<Table> parse(std::string_view text, std::string file_name) {
    Table t;
    t.file = std::move(file_name);
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    if (text.find('\0') != std::string_view::npos) return fail(Reason::source, t.file + ": the file contains NUL bytes; is it really CSV?");
    std::vector<Row> rows;
    Row cur;
    std::string cell;
    std::size_t line = 1;
    cur.line = 1;
    std::size_t i = 0;
    bool any = false;
    auto end_row = [&] {
        cur.cells.push_back(std::move(cell));
        cell.clear();
        bool blank = cur.cells.size() == 1 && cur.cells[0].empty();
        if (!blank) rows.push_back(std::move(cur));
        cur = Row{};
        cur.line = line;
    };
    while (i < text.size()) {
        char c = text[i];
        any = true;
        if (c == '"') {
            if (!cell.empty()) return fail(Reason::source, t.file + ":" + std::to_string(line) + ": a quote appears in the middle of an unquoted cell.");
            std::size_t start_line = line;
            ++i;
            for (;;) {
                if (i >= text.size()) return fail(Reason::source, t.file + ":" + std::to_string(start_line) + ": a quoted cell is never closed.");
                char q = text[i];
                if (q == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') { cell += '"'; i += 2; continue; }
                    ++i;
                    break;
                }
                if (q == '\n') ++line;
                cell += q;
                ++i;
            }
            if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
                return fail(Reason::source, t.file + ":" + std::to_string(line) + ": text follows a closing quote.");
            if (cell.empty()) cell = std::string();  // an explicit empty quoted cell
            continue;
        }
        if (c == ',') { cur.cells.push_back(std::move(cell)); cell.clear(); ++i; continue; }
        if (c == '\r') { ++i; continue; }
        if (c == '\n') { ++line; ++i; end_row(); continue; }
        cell += c;
        ++i;
    }
    if (any && (!cell.empty() || !cur.cells.empty())) end_row();
    if (rows.empty()) return fail(Reason::source, t.file + ": the file is empty; it needs at least a header row.");
    t.header = rows.front().cells;
    std::set<std::string> seen;
    for (auto& h : t.header) {
        while (!h.empty() && (h.back() == ' ')) h.pop_back();
        if (h.empty()) return fail(Reason::source, t.file + ":1: a header cell is empty.");
        if (!seen.insert(h).second) return fail(Reason::source, t.file + ":1: the column '" + h + "' appears twice.");
    }
    for (std::size_t r = 1; r < rows.size(); ++r) {
        if (rows[r].cells.size() != t.header.size())
            return fail(Reason::source, t.file + ":" + std::to_string(rows[r].line) + ": this row has " + std::to_string(rows[r].cells.size()) +
                                            " cells but the header has " + std::to_string(t.header.size()) + ".");
        t.rows.push_back(std::move(rows[r]));
    }
    return t;
}

Result<Table> load(const std::filesystem::path& path) {
    auto text = file_io::read_file(path, limits::source_file_bytes);
    if (!text) return std::unexpected(text.error());
    return parse(*text, path.filename().string());
}

} // namespace content::csv
