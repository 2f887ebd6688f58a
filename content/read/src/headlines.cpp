// Headlines over the merged catalog; see headlines.hpp.
#include "content/headlines.hpp"
#include "content/dates.hpp"
#include "content/trends.hpp"

#include <algorithm>
#include <cctype>

namespace content {
namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// "years" when every period runs about a year, else "periods".
std::string period_noun(const Catalog& cat) {
    for (const auto& p : cat.periods()) {
        auto a = parse_date(p.start_date), b = parse_date(p.end_date);
        if (!a || !b) return "periods";
        auto days = (*b - *a) / 86400;
        if (days < 360 || days > 370) return "periods";
    }
    return "years";
}

std::optional<Shown> latest_of(const Catalog& cat, const Indicator& ind, const std::string& loc, const std::string& period) {
    if (loc.empty()) return std::nullopt;
    return shown_value(cat.value(ind.id, loc, period), ind, cat.disclosure_threshold());
}

} // namespace

std::string england_id(const Catalog& cat) {
    for (const auto& l : cat.localities())
        if (l.kind == "comparator" && lower(l.name) == "england") return l.id;
    return {};
}

Headline indicator_headline(const Catalog& cat, const Indicator& ind, const std::string& locality) {
    HeadlineInput in;
    in.indicator = ind;
    in.period_noun = period_noun(cat);
    std::string latest = latest_period(cat, ind.id);
    for (auto& pt : trend(cat, ind.id, locality)) {
        in.history.push_back(HeadlinePoint{pt.label, pt.shown});
        if (pt.period_id == latest) break;
    }
    if (latest.empty()) in.history.clear();
    std::string eng = england_id(cat);
    if (eng != locality) in.england = latest_of(cat, ind, eng, latest);
    std::string area = cat.area_id();
    if (area != locality && !area.empty()) {
        in.area = latest_of(cat, ind, area, latest);
        if (const Locality* a = cat.locality(area)) in.area_name = a->name;
    }
    return make_headline(in);
}

std::vector<Headline> locality_headlines(const Catalog& cat, const std::string& locality) {
    std::vector<Headline> out;
    for (const auto& ind : cat.indicators()) out.push_back(indicator_headline(cat, ind, locality));
    return out;
}

} // namespace content
