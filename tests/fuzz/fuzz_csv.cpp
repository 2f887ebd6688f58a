// Fuzz target: the strict CSV reader of publisher source folders. Property:
// a table that parses, written back cell by cell with csv::quote, parses to
// the same header and cells. (Not checked when the first header name starts
// with a UTF-8 BOM: the reader strips one at the start of a file, and the
// writers in this project always start with a fixed header of their own.)
#include "content/csv.hpp"
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto t = content::csv::parse(text, "fuzz.csv");
    if (!t) {
        FUZZ_CHECK(t.error().reason == content::Reason::source);
        return 0;
    }
    if (!t->header.empty() && t->header[0].starts_with("\xEF\xBB\xBF")) return 0;
    auto line = [](const std::vector<std::string>& cells) {
        std::string s;
        for (std::size_t i = 0; i < cells.size(); ++i) s += (i ? "," : "") + content::csv::quote(cells[i]);
        return s + "\n";
    };
    std::string out = line(t->header);
    for (const auto& r : t->rows) {
        FUZZ_CHECK(r.cells.size() == t->header.size());
        out += line(r.cells);
        for (const auto& h : t->header) (void)t->get(r, h);
        (void)t->where(r);
    }
    auto again = content::csv::parse(out, "again.csv");
    FUZZ_CHECK(again.has_value());
    FUZZ_CHECK(again->header == t->header);
    FUZZ_CHECK(again->rows.size() == t->rows.size());
    for (std::size_t i = 0; i < t->rows.size(); ++i) FUZZ_CHECK(again->rows[i].cells == t->rows[i].cells);
    return 0;
}
