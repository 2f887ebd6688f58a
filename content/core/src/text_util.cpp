// Markdown-to-plain-text for the search index; see text_util.hpp.
#include "content/text_util.hpp"

#include <nlohmann/json.hpp>

namespace content {

std::string markdown_to_plain(std::string_view md) {
    std::string out;
    out.reserve(md.size());
    bool line_start = true;
    for (std::size_t i = 0; i < md.size(); ++i) {
        char c = md[i];
        if (line_start) {
            while (i < md.size() && (md[i] == '#' || md[i] == '>' || md[i] == ' ')) ++i;
            if (i + 1 < md.size() && (md[i] == '-' || md[i] == '*' || md[i] == '+') && md[i + 1] == ' ') i += 2;
            if (i >= md.size()) break;
            c = md[i];
            line_start = false;
        }
        if (c == '!' && i + 1 < md.size() && md[i + 1] == '[') continue;  // image marker; alt text stays
        if (c == ']' && i + 1 < md.size() && md[i + 1] == '(') {         // drop the link target
            std::size_t close = md.find(')', i);
            if (close != std::string_view::npos) { i = close; continue; }
        }
        if (c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '|') { out += ' '; continue; }
        if (c == '\n') {
            line_start = true;
            out += '\n';
            continue;
        }
        out += c;
    }
    return out;
}

std::string json_string_list(const std::vector<std::string>& items) { return nlohmann::json(items).dump(); }

std::vector<std::string> parse_json_string_list(const std::string& json) {
    std::vector<std::string> out;
    auto j = nlohmann::json::parse(json, nullptr, false);
    if (j.is_array())
        for (auto& e : j)
            if (e.is_string()) out.push_back(e.get<std::string>());
    return out;
}

} // namespace content
