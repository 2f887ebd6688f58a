// Fuzz target: the disclosure rules (find_disclosure_issues and the
// secondary-suppression suggestion) over small random tables: a few
// localities in one or two levels under areas, additive count indicators
// and rates over them, and values that are numbers, [c] or other markers.
// Property (the suggestion's contract): once the suggested cells are
// suppressed too, no secondary breach is left, except in a group where no
// published number is left that could be suppressed (then the publisher
// has to change the figures, and lint says so).
#include "content/disclosure.hpp"
#include "fuzz_util.hpp"

#include <cmath>

namespace {

const char* const k_places[] = {"a1", "a2", "l1", "l2", "l3", "l4", "l5"};
const char* const k_inds[] = {"cnt", "cnt2", "rate"};
const char* const k_periods[] = {"p1", "p2"};
const char* const k_markers[] = {"[c]", "[x]", "[z]", "[p]", "[low]"};

double value_from(fuzz::Bytes& in) {
    switch (in.u8() % 8) {
    case 0: return 0;
    case 1: return static_cast<double>(in.u8() % 8);
    case 2: return static_cast<double>(in.u16());
    case 3: return static_cast<double>(in.u8()) / 7.0;
    case 4: return 1e18;
    default: return static_cast<double>(in.u8());
    }
}

// True when a group holding `cell` (as a member or as the total) has no
// published number outside [c]: a breach there cannot be fixed by
// suppressing more cells.
bool nothing_left_to_suppress(const std::vector<content::Locality>& locs, const std::vector<content::Value>& values, const content::CellRef& cell) {
    auto parent_of = [&](const std::string& id) {
        for (const auto& l : locs)
            if (l.id == id) return l.parent_id;
        return std::string();
    };
    for (const std::string& group : {parent_of(cell.locality_id), cell.locality_id}) {
        if (group.empty()) continue;
        bool open = false;
        for (const auto& v : values)
            if (v.indicator_id == cell.indicator_id && v.period_id == cell.period_id &&
                (v.locality_id == group || parent_of(v.locality_id) == group) && v.marker != "[c]" && v.value)
                open = true;
        if (!open) return true;
    }
    return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::Bytes in(data, size);
    std::vector<content::Locality> locs;
    for (const char* id : k_places) {
        std::string parent;
        if (id[0] == 'l') parent = k_places[in.u8() % 4];  // a1, a2, l1 or l2: up to two levels
        if (parent == id) parent.clear();
        locs.push_back({id, id, id[0] == 'a' ? "area" : "locality", parent, 0, ""});
    }
    std::vector<content::Indicator> inds;
    inds.push_back({"cnt", "Count", "", content::Unit::count, content::Polarity::neutral, "", "", (in.u8() & 1) != 0, 0});
    inds.push_back({"cnt2", "Count 2", "", content::Unit::count, content::Polarity::neutral, "", "", (in.u8() & 1) != 0, 1});
    inds.push_back({"rate", "Rate", "", content::Unit::rate_per_10000, content::Polarity::neutral, "", in.u8() & 1 ? "cnt" : "cnt2", false, 2});
    std::vector<content::Value> values;
    const std::size_t n = in.u8() % 40;
    for (std::size_t i = 0; i < n && !in.empty(); ++i) {
        content::Value v{in.pick(k_inds), in.pick(k_places), in.pick(k_periods), std::nullopt, "", "", i + 2};
        // One value per cell, as the source reader and the bundle's primary key ensure.
        bool dup = false;
        for (const auto& w : values) dup = dup || (w.indicator_id == v.indicator_id && w.locality_id == v.locality_id && w.period_id == v.period_id);
        if (in.u8() % 3 == 0) v.marker = in.pick(k_markers);
        else v.value = value_from(in);
        if (!dup) values.push_back(std::move(v));
    }
    const std::int64_t threshold = 5 + in.u8() % 4;
    content::DisclosureInput din{locs, inds, values, threshold};
    auto issues = content::find_disclosure_issues(din);
    for (const auto& is : issues) FUZZ_CHECK(!is.message.empty());
    auto extra = content::suggest_secondary_suppression(din);
    for (auto& v : values)
        for (const auto& c : extra)
            if (c == content::CellRef{v.indicator_id, v.locality_id, v.period_id}) {
                v.marker = "[c]";
                v.value.reset();
            }
    (void)content::must_hide_count(value_from(in), threshold);
    static const bool verbose = std::getenv("FUZZ_VERBOSE") != nullptr;  // print the table and the suggestion
    if (verbose) {
        for (const auto& l : locs) std::fprintf(stderr, "locality %s parent %s\n", l.id.c_str(), l.parent_id.c_str());
        for (const auto& i : inds) std::fprintf(stderr, "indicator %s additive %d numerator %s\n", i.id.c_str(), int(i.additive), i.numerator_id.c_str());
        for (const auto& v : values)
            std::fprintf(stderr, "value %s/%s/%s = %g %s\n", v.indicator_id.c_str(), v.locality_id.c_str(), v.period_id.c_str(), v.value.value_or(-1), v.marker.c_str());
        for (const auto& c : extra) std::fprintf(stderr, "suggested %s\n", c.str().c_str());
    }
    for (const auto& is : content::find_disclosure_issues(din)) {
        if (verbose) std::fprintf(stderr, "after: %s %s\n", is.cell.str().c_str(), is.message.c_str());
        if (is.rule == content::DisclosureRule::secondary) FUZZ_CHECK(nothing_left_to_suppress(locs, values, is.cell));
    }
    return 0;
}
