// What the report reader gathers from verified exports before the figures are
// computed (report.cpp reads, report_figures.cpp counts). Private to publish.
#pragma once
#include "content/report.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace content {

struct Gathered {
    std::map<std::pair<std::string, std::int64_t>, SessionRow> records;  // by (key id, record id)
    std::map<std::pair<std::string, std::int64_t>, std::vector<std::string>> names;
    std::map<std::string, std::vector<nlohmann::json>> statuses;                    // by key id
    std::vector<nlohmann::json> raw_tallies;                                        // with module_id added
};

// Turns what was gathered into the report's figures and fleet table.
void compute_figures(Gathered& g, DeviceRegistry& reg, Report& r);

} // namespace content
