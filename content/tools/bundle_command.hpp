// Why this file exists: kiosk-bundle's subcommands are rows of one table
// (kiosk_bundle.cpp). A subcommand is a name, a synopsis, its options (the
// shared parser's table, content/args.hpp) and a function. To add one: write
// it in its own file under content/tools/, declare its BundleCommand here,
// add that file to kiosk-bundle in content/CMakeLists.txt, and add one line
// to the `commands` list in kiosk_bundle.cpp.
#pragma once
#include "content/args.hpp"
#include "content/error.hpp"

#include <span>
#include <string>

namespace kiosk_bundle {

struct BundleCommand {
    const char* name;                                 // "build"
    const char* synopsis;                             // "build SRC_DIR --out FILE.kbundle" (usage text)
    const char* summary;                              // one line (usage text)
    std::span<const content::args::Option> options;   // what it accepts after its name
    int (*run)(const content::args::Parsed& args);    // returns the exit code
};

// Prints "E_USAGE: <why>" and the usage text on stderr; returns 2.
int usage(const std::string& why);
// Prints the error's "E_CODE: sentence" line on stderr; returns 1.
int reject(const content::Error& e);

// Subcommands defined in other files are declared here.
extern const BundleCommand devices_command;  // report_cmd.cpp
extern const BundleCommand report_command;   // report_cmd.cpp

} // namespace kiosk_bundle
