// Fuzz target: the disclosure rules (find_disclosure_issues and the
// secondary-suppression suggestion) over small random tables: a few
// localities in one or two levels under areas, additive count indicators
// and rates over them, and values that are numbers, [c] or other markers.
// Property (the suggestion's contract): once the suggested cells are
// suppressed too, no secondary breach is left.
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
        if (in.u8() % 3 == 0) v.marker = in.pick(k_markers);
        else v.value = value_from(in);
        values.push_back(std::move(v));
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
    for (const auto& is : content::find_disclosure_issues(din)) FUZZ_CHECK(is.rule != content::DisclosureRule::secondary);
    return 0;
}
