// Names and meanings for model enums and GSS markers; see model.hpp.
#include "content/model.hpp"

namespace content {

bool is_suppression_marker(const std::string& m) {
    return m == "[c]" || m == "[x]" || m == "[z]" || m == "[low]";
}

bool is_known_marker(const std::string& m) {
    return m.empty() || is_suppression_marker(m) || m == "[u]" || m == "[p]" || m == "[r]" || m == "[e]";
}

std::string marker_meaning(const std::string& m) {
    if (m == "[c]") return "Not shown, to protect children's privacy (either a small number, or a figure that would reveal one).";
    if (m == "[x]") return "Not available: the figure was not collected or not published.";
    if (m == "[z]") return "Not applicable: this measure does not apply here.";
    if (m == "[low]") return "Rounds to zero: a value above zero that is too small to show.";
    if (m == "[u]") return "Low reliability: treat this figure with caution.";
    if (m == "[p]") return "Provisional: may be revised.";
    if (m == "[r]") return "Revised since first published.";
    if (m == "[e]") return "Estimated.";
    return "";
}

const char* unit_name(Unit u) {
    switch (u) {
    case Unit::count: return "count";
    case Unit::rate_per_10000: return "rate_per_10000";
    case Unit::percent: return "percent";
    }
    return "count";
}

const char* polarity_name(Polarity p) {
    switch (p) {
    case Polarity::higher_is_better: return "higher_is_better";
    case Polarity::lower_is_better: return "lower_is_better";
    case Polarity::neutral: return "neutral";
    }
    return "neutral";
}

std::optional<Unit> parse_unit(const std::string& s) {
    if (s == "count") return Unit::count;
    if (s == "rate_per_10000") return Unit::rate_per_10000;
    if (s == "percent") return Unit::percent;
    return std::nullopt;
}

std::optional<Polarity> parse_polarity(const std::string& s) {
    if (s == "higher_is_better") return Polarity::higher_is_better;
    if (s == "lower_is_better") return Polarity::lower_is_better;
    if (s == "neutral") return Polarity::neutral;
    return std::nullopt;
}

} // namespace content
