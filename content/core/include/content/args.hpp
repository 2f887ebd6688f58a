// Why this file exists: one command-line parser for both binaries (`kiosk`
// and `kiosk-bundle`). Each declares its options once, in a table; parsing
// (GNU getopt_long: "--name VALUE", "--name=VALUE", options and operands in
// any order, "--" ends options) and the usage text both come from that table,
// so the help cannot drift from what is accepted. Bad usage comes back as
// E_USAGE with one sentence; the binaries print it and exit 2.
#pragma once
#include "content/error.hpp"

#include <span>
#include <string>
#include <vector>

namespace content::args {

enum class Value { none, required };

struct Option {
    const char* name;              // long name without dashes, e.g. "data-dir"
    char short_name;               // e.g. 'h', or 0 for none
    Value value;                   // whether it takes a value
    const char* value_name;        // "DIR" in the usage text ("" for flags)
    const char* help;              // one line of usage text; "" keeps it out of the usage (test-only options)
    int id;                        // the caller's key for it (an enum value), returned with each match
    const char* section = nullptr; // usage heading printed before it when it differs from the previous option's
};

struct Match {
    int id = 0;
    std::string value;  // empty for flags
};

struct Parsed {
    std::vector<Match> options;          // in command-line order, repeats kept
    std::vector<std::string> operands;   // the words that are not options, in order

    // Whether option `id` was given at least once.
    [[nodiscard]] bool has(int id) const;
    // The value of the last `id` given, or nullptr.
    [[nodiscard]] const std::string* value(int id) const;
};

// Parses argv[first] .. argv[argc-1] against `table` (argv itself is not
// changed). Returns E_USAGE with one sentence for an unknown or ambiguous
// option, a missing value, or a value given to an option that takes none.
// Unique abbreviations of long names are accepted, as getopt_long does.
// Not thread-safe (getopt keeps global state): call from the main thread,
// one parse at a time.
[[nodiscard]] Result<Parsed> parse(int argc, char* const* argv, std::span<const Option> table, int first = 1);

// The table as usage lines, "  -h, --name VALUE   help", aligned, with each
// section heading before its options and `indent` extra spaces on each line.
// Options with an empty help are left out.
[[nodiscard]] std::string option_help(std::span<const Option> table, int indent = 0);

} // namespace content::args
