// CSV cell quoting; see csv_write.hpp.
#include "content/csv_write.hpp"

namespace content::csv {

std::string quote(std::string_view cell) {
    if (cell.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(cell);
    std::string out = "\"";
    for (char c : cell) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

} // namespace content::csv
