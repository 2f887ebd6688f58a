// The shared argument parser (content/args.hpp): values in both forms,
// operands anywhere, and one E_USAGE sentence for each kind of bad usage.
#include "content/args.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

using content::args::Value;
enum : int { out, verbose, level };
constexpr content::args::Option table[] = {
    {"out", 'o', Value::required, "FILE", "where to write", out, "options:"},
    {"verbose", 0, Value::none, "", "say more", verbose, "options:"},
    {"level", 0, Value::required, "N", "", level, "options:"},  // hidden from the usage
};

content::Result<content::args::Parsed> parse(std::vector<std::string> words, int first = 1) {
    std::vector<char*> argv;
    for (auto& w : words) argv.push_back(w.data());
    argv.push_back(nullptr);
    return content::args::parse(static_cast<int>(words.size()), argv.data(), table, first);
}

} // namespace

TEST_CASE("args: values as the next word or after '=', short names, operands anywhere, repeats in order") {
    auto p = parse({"prog", "src", "--out", "a.txt", "--verbose", "-o", "b.txt", "--level=3", "more"});
    REQUIRE(p);
    CHECK(p->operands == std::vector<std::string>{"src", "more"});
    REQUIRE(p->options.size() == 4);
    CHECK(p->options[0].id == out);
    CHECK(p->options[0].value == "a.txt");
    CHECK(*p->value(out) == "b.txt");  // the last one given
    CHECK(p->has(verbose));
    CHECK(*p->value(level) == "3");
    CHECK_FALSE(parse({"prog"})->has(verbose));
    CHECK(parse({"prog"})->value(out) == nullptr);
}

TEST_CASE("args: a value may start with a dash - '--' ends the options - parsing starts at `first`") {
    auto p = parse({"prog", "sub", "--out", "-x", "--", "--verbose"}, 2);
    REQUIRE(p);
    CHECK(*p->value(out) == "-x");
    CHECK_FALSE(p->has(verbose));
    CHECK(p->operands == std::vector<std::string>{"--verbose"});
    // Parsing twice in one process starts afresh.
    auto q = parse({"prog", "--verbose"});
    REQUIRE(q);
    CHECK(q->has(verbose));
}

TEST_CASE("args: bad usage is E_USAGE with one sentence naming the option") {
    auto unknown = parse({"prog", "--bogus"});
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().reason == content::Reason::usage);
    CHECK(unknown.error().line() == "E_USAGE: unknown or ambiguous option '--bogus'.");
    auto missing = parse({"prog", "--out"});
    REQUIRE_FALSE(missing);
    CHECK(missing.error().line() == "E_USAGE: --out needs a value.");
    auto flag_value = parse({"prog", "--verbose=yes"});
    REQUIRE_FALSE(flag_value);
    CHECK(flag_value.error().line() == "E_USAGE: --verbose takes no value.");
    auto short_unknown = parse({"prog", "-z"});
    REQUIRE_FALSE(short_unknown);
    CHECK(short_unknown.error().line() == "E_USAGE: unknown option '-z'.");
}

TEST_CASE("args: the usage text comes from the table, aligned, hidden options left out") {
    std::string u = content::args::option_help(table);
    CHECK(u == "options:\n"
               "  -o, --out FILE   where to write\n"
               "  --verbose        say more\n");
}
