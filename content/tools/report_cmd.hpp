// The `devices` and `report` subcommands of kiosk-bundle (report_cmd.cpp).
#pragma once

namespace tools {

// Runs `kiosk-bundle devices ...` or `kiosk-bundle report ...`. Returns the
// exit code, or -1 when argv[1] is neither (the caller dispatches the rest).
// Main thread only.
[[nodiscard]] int run_fleet_command(int argc, char** argv);
// The usage lines for these subcommands.
[[nodiscard]] const char* fleet_usage_text();

} // namespace tools
