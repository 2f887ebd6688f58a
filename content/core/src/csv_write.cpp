// CSV cell quoting; see csv_write.hpp.
#include "content/csv_write.hpp"

namespace content::csv {

std::string quote(std::string_view cell) {
    // A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage
    // return before one) as a formula; a leading apostrophe makes it text.
    std::string text;
    if (!cell.empty() && std::string_view("=+-@\t\r").find(cell.front()) != std::string_view::npos) text = "'";
    text += cell;
    if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

} // namespace content::csv
