// Why this file exists: statistical disclosure control. Locality figures about
// children are small numbers; published carelessly they identify children. The
// same rules run when a bundle is built, when it is imported, and (as a display
// guard) when a figure is drawn. See FORMAT.md, "Disclosure rules".
#pragma once
#include "content/error.hpp"
#include "content/model.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace content {

struct CellRef {
    std::string indicator_id, locality_id, period_id;
    [[nodiscard]] std::string str() const { return indicator_id + "/" + locality_id + "/" + period_id; }
    bool operator==(const CellRef&) const = default;
};

enum class DisclosureRule { primary, secondary, rate_numerator };

struct DisclosureIssue {
    DisclosureRule rule;
    CellRef cell;
    std::string message;
};

struct DisclosureInput {
    const std::vector<Locality>& localities;
    const std::vector<Indicator>& indicators;
    const std::vector<Value>& values;
    std::int64_t threshold = 5;
};

// Returns every breach, in a stable order:
// - primary: a count between 1 and `threshold` published as a number;
// - secondary: an additive group (an area's locality values plus the area
//   total, same indicator and period) with exactly one [c] cell, or whose [c]
//   cells together hold `threshold` or less (so the complement is itself a
//   small number);
// - rate_numerator: a rate or percentage published where its numerator count
//   is suppressed.
[[nodiscard]] std::vector<DisclosureIssue> find_disclosure_issues(const DisclosureInput& in);

// Proposes the smallest set of extra cells to suppress so that no secondary
// breach remains, preferring small locality cells over area totals. Primary
// and rate breaches are listed by find_disclosure_issues; this only adds
// complements.
[[nodiscard]] std::vector<CellRef> suggest_secondary_suppression(const DisclosureInput& in);

// Refuses (E_DISCLOSURE) figures with any breach, naming up to 10 cells and
// pointing the publisher to `kiosk-bundle lint --fix-suggest`.
[[nodiscard]] Status check_disclosure(const DisclosureInput& in);

// The display guard: true when a count value must not be drawn (between 1 and
// `threshold`). Rates and percentages are not guarded here.
[[nodiscard]] bool must_hide_count(double value, std::int64_t threshold = 5);

} // namespace content
