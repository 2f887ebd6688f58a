// Why this file exists: a figure's history and the periods around it, read
// from the merged catalog and passed through the display rules of
// figures.hpp. Pure functions over a Catalog; call them on the thread that
// owns that Catalog (the UI thread in the kiosk).
#pragma once
#include "content/catalog.hpp"
#include "content/figures.hpp"

#include <string>
#include <vector>

namespace content {

struct TrendPoint {
    std::string period_id, label;
    Shown shown;
};

// Every period's value for one indicator and locality, oldest first.
[[nodiscard]] std::vector<TrendPoint> trend(const Catalog& cat, const std::string& indicator, const std::string& locality);

// The latest period that has any value for `indicator`; empty if none.
[[nodiscard]] std::string latest_period(const Catalog& cat, const std::string& indicator);
// The period before `period` in the catalog's order; empty if none.
[[nodiscard]] std::string previous_period(const Catalog& cat, const std::string& period);

} // namespace content
