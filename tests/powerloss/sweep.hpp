// Why this file exists: one loop for every power-loss sweep. It runs an
// operation once to count its durable-state events, then again with the power
// failing before each event in turn (and once after the operation returned),
// restarts, and checks that what survives is exactly the old or exactly the
// new state, and the new one whenever the operation had reported success.
#pragma once
#include "disk.hpp"

#include <functional>
#include <set>
#include <string>
#include <vector>

namespace powerloss {

struct Case {
    std::string name;
    fs::path start;  // a folder holding the durable state before the operation
    // The operation, from opening its store to closing it, on a copy of
    // `start`. Returns whether it reported success.
    std::function<bool(const fs::path& data)> op;
    // After the restart: recovery and its checks. Returns a fingerprint of the
    // state, or text starting "BROKEN" when a check failed.
    std::function<std::string(const fs::path& data)> observe;
};

struct Report {
    long events = 0;       // durable-state events in one clean run
    int runs = 0;          // cuts tried
    int saw_old = 0, saw_new = 0;
    std::set<std::string> cut_kinds;      // kinds of event the power failed before
    std::vector<std::string> event_log;   // the clean run's events, "what path"
    std::vector<std::string> failures;    // one line per cut that broke a rule
};

// Sweeps `c` in `work` (a scratch folder). `modes`: Drop::all, and Drop::torn
// too when `torn` is set. `stride` > 1 tries every stride-th event only (and
// always the last few and the after-success cut).
[[nodiscard]] Report sweep(const Case& c, const fs::path& work, bool torn, long stride = 1);

// Multi-line summary of a report, for test output.
[[nodiscard]] std::string describe(const Report& r);

} // namespace powerloss
