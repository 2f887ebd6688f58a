// The end-to-end test's item rectangles; see item_rects.hpp.
#include "item_rects.hpp"

#include "content/file_io.hpp"
#include "kiosk/widgets.hpp"

namespace platform {

void write_item_rects(const std::string& path, const std::string& route) {
    std::string json = "{\"route\":\"" + route + "\",\"items\":{";
    bool first = true;
    for (const auto& [label, r] : kiosk::noted_items()) {
        std::string l;
        for (char c : label)
            if (c != '"' && c != '\\') l += c;
        json += (first ? "" : ",") + std::string("\"") + l + "\":[" + std::to_string(static_cast<int>(r.min.x)) + "," +
                std::to_string(static_cast<int>(r.min.y)) + "," + std::to_string(static_cast<int>(r.max.x)) + "," + std::to_string(static_cast<int>(r.max.y)) + "]";
        first = false;
    }
    json += "}}\n";
    (void)content::file_io::write_file_atomic(path, json);
}

} // namespace platform
