// JSON string lists; see text_util.hpp (markdown_to_plain is in markdown_plain.cpp).
#include "content/text_util.hpp"

#include <nlohmann/json.hpp>

namespace content {

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
