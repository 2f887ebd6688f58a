#pragma once
// Private to content_device: running a Debian tool (dpkg-query, dpkg-deb)
// and reading what it prints, without a shell.
#include <expected>
#include <string>
#include <vector>

namespace content {

struct Captured {
    bool exited = false;  // false: killed by a signal
    int exit_code = -1;   // when exited
    std::string out;      // standard output, at most the first max_bytes and a little more
};

// Runs argv[0], found on PATH, with argv (no shell); its standard error goes
// to /dev/null. Returns what it printed and how it ended, or the errno of a
// pipe or spawn that failed (ENOENT: the program is not installed). Blocks
// until the program ends; any thread may call it.
[[nodiscard]] std::expected<Captured, int> run_capture(const std::vector<std::string>& argv, std::size_t max_bytes = 64 * 1024);

} // namespace content
