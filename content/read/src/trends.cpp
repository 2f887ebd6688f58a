// Trends over the merged catalog; see trends.hpp.
#include "content/trends.hpp"

namespace content {

std::vector<TrendPoint> trend(const Catalog& cat, const std::string& indicator, const std::string& locality) {
    std::vector<TrendPoint> out;
    const Indicator* ind = cat.indicator(indicator);
    if (!ind) return out;
    for (const auto& p : cat.periods())
        out.push_back(TrendPoint{p.id, p.label, shown_value(cat.value(indicator, locality, p.id), *ind, cat.disclosure_threshold())});
    return out;
}

std::string latest_period(const Catalog& cat, const std::string& indicator) {
    const auto& ps = cat.periods();
    for (auto it = ps.rbegin(); it != ps.rend(); ++it)
        for (const auto& l : cat.localities())
            if (cat.value(indicator, l.id, it->id)) return it->id;
    return {};
}

std::string previous_period(const Catalog& cat, const std::string& period) {
    const auto& ps = cat.periods();
    for (std::size_t i = 1; i < ps.size(); ++i)
        if (ps[i].id == period) return ps[i - 1].id;
    return {};
}

} // namespace content
