// Front-matter reader; see front_matter.hpp.
#include "content/front_matter.hpp"

namespace content {

std::string FrontMatter::get(const std::string& key, const std::string& fallback) const {
    auto it = values.find(key);
    return it == values.end() ? fallback : it->second;
}

namespace {
std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}
std::string unquote(std::string_view s) {
    if (s.size() >= 2 && ((s.front() == '"' && s.back() == '"') || (s.front() == '\'' && s.back() == '\'')))
        return std::string(s.substr(1, s.size() - 2));
    return std::string(s);
}
} // namespace

Result<FrontMatter> parse_front_matter(std::string_view text, const std::string& file) {
    FrontMatter fm;
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    if (!(text.starts_with("---\n") || text.starts_with("---\r\n"))) {
        fm.body = std::string(text);
        return fm;
    }
    std::size_t pos = text.find('\n') + 1;
    std::size_t line = 2;
    std::string last_key;
    for (;;) {
        if (pos >= text.size()) return fail(Reason::source, file + ": the metadata block that starts on line 1 is never closed with '---'.");
        std::size_t nl = text.find('\n', pos);
        std::string_view raw = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? text.size() : nl + 1;
        std::string_view l = trim(raw);
        if (l == "---") break;
        if (l.empty() || l.starts_with("#")) { ++line; continue; }
        if (l.starts_with("- ")) {
            if (last_key.empty() || fm.values.count(last_key))
                return fail(Reason::source, file + ":" + std::to_string(line) + ": a list item must follow a 'key:' line with no value.");
            fm.lists[last_key].push_back(unquote(trim(l.substr(2))));
            ++line;
            continue;
        }
        auto colon = l.find(':');
        if (colon == std::string_view::npos || colon == 0)
            return fail(Reason::source, file + ":" + std::to_string(line) + ": expected 'key: value' in the metadata block.");
        std::string key(trim(l.substr(0, colon)));
        std::string_view value = trim(l.substr(colon + 1));
        if (fm.has(key)) return fail(Reason::source, file + ":" + std::to_string(line) + ": the key '" + key + "' appears twice.");
        last_key = key;
        if (value.empty()) fm.lists[key];
        else fm.values[key] = unquote(value);
        ++line;
    }
    fm.body = std::string(text.substr(pos));
    fm.body_line = line + 1;
    return fm;
}

} // namespace content
