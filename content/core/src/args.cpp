// The table-driven argument parser on getopt_long; see args.hpp.
#include "content/args.hpp"

#include <getopt.h>

#include <algorithm>
#include <cstring>

namespace content::args {
namespace {

// Long options report val = long_base + their index in the table, so that a
// long-only option and a short one never collide.
constexpr int long_base = 1000;

std::string flag_name(const Option& o) { return std::string("--") + o.name; }

const Option* by_val(std::span<const Option> table, int val) {
    if (val >= long_base && static_cast<std::size_t>(val - long_base) < table.size()) return &table[static_cast<std::size_t>(val - long_base)];
    for (const auto& o : table)
        if (o.short_name != 0 && o.short_name == val) return &o;
    return nullptr;
}

std::string short_options(std::span<const Option> table) {
    std::string s = ":";  // report a missing value as ':' rather than printing
    for (const auto& o : table)
        if (o.short_name) {
            s += o.short_name;
            if (o.value == Value::required) s += ':';
        }
    return s;
}

// One sentence for getopt's ':' (missing value) or '?' (anything else).
Error usage_error(int code, std::span<const Option> table, const char* word) {
    const Option* o = by_val(table, optopt);
    std::string w = word ? word : "";
    if (code == ':' && o) return Error{Reason::usage, flag_name(*o) + " needs a value."};
    if (o && o->value == Value::none && w.find('=') != std::string::npos) return Error{Reason::usage, flag_name(*o) + " takes no value."};
    if (optopt > 0 && optopt < long_base && !o) return Error{Reason::usage, std::string("unknown option '-") + static_cast<char>(optopt) + "'."};
    return Error{Reason::usage, "unknown or ambiguous option '" + w.substr(0, w.find('=')) + "'."};
}

} // namespace

bool Parsed::has(int id) const {
    return std::any_of(options.begin(), options.end(), [id](const Match& m) { return m.id == id; });
}

const std::string* Parsed::value(int id) const {
    for (auto it = options.rbegin(); it != options.rend(); ++it)
        if (it->id == id) return &it->value;
    return nullptr;
}

Result<Parsed> parse(int argc, char* const* argv, std::span<const Option> table, int first) {
    // getopt permutes its argv; it gets a copy whose [0] stands for the program.
    std::vector<char*> words{const_cast<char*>("")};
    for (int i = first; i < argc; ++i) words.push_back(argv[i]);
    words.push_back(nullptr);
    std::vector<option> longs;
    for (std::size_t i = 0; i < table.size(); ++i)
        longs.push_back(option{table[i].name, table[i].value == Value::required ? required_argument : no_argument, nullptr, long_base + static_cast<int>(i)});
    longs.push_back(option{nullptr, 0, nullptr, 0});
    const std::string shorts = short_options(table);
    const int count = static_cast<int>(words.size()) - 1;
    optind = 0;  // glibc: start afresh
    opterr = 0;
    Parsed out;
    for (int c; (c = getopt_long(count, words.data(), shorts.c_str(), longs.data(), nullptr)) != -1;) {
        if (c == ':' || c == '?') return std::unexpected(usage_error(c, table, words[static_cast<std::size_t>(optind - 1)]));
        const Option* o = by_val(table, c);
        if (!o) return fail(Reason::internal, "the option table is inconsistent.");
        out.options.push_back(Match{o->id, optarg && o->value == Value::required ? optarg : ""});
    }
    for (int i = optind; i < count; ++i) out.operands.emplace_back(words[static_cast<std::size_t>(i)]);
    return out;
}

std::string option_help(std::span<const Option> table, int indent) {
    std::vector<std::string> left;
    std::size_t width = 0;
    for (const auto& o : table) {
        std::string l = o.short_name ? std::string("-") + o.short_name + ", " : "";
        l += flag_name(o);
        if (o.value == Value::required) l += std::string(" ") + o.value_name;
        if (*o.help) width = std::max(width, l.size());
        left.push_back(std::move(l));
    }
    std::string out, pad(static_cast<std::size_t>(std::max(indent, 0)), ' ');
    const char* section = nullptr;
    for (std::size_t i = 0; i < table.size(); ++i) {
        const Option& o = table[i];
        if (!*o.help) continue;
        if (o.section && (!section || std::strcmp(section, o.section) != 0)) out += pad + o.section + "\n";
        section = o.section;
        out += pad + "  " + left[i] + std::string(width - left[i].size() + 3, ' ') + o.help + "\n";
    }
    return out;
}

} // namespace content::args
