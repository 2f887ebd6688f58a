// Why this file exists: a councillor asks three questions of a figure: is my
// area better or worse than England and the county, is it getting better, and
// can I trust this number? A headline answers them in one plain sentence,
// computed here from the figures (never typed by a publisher), so the kiosk,
// `kiosk --headlines` and the tests all say the same thing. Pure functions
// over Shown values: no catalog, no UI. Any thread may call them.
//
// The rules (shown on screen where they are used):
//  - "similar": within 5% of the value compared with (no confidence
//    intervals are in the bundle, so this is a stated rule, not a test);
//  - "stable": the latest value is within 5% of the previous one;
//  - values are compared as shown (rounded: counts to whole numbers, rates
//    and percentages to 1 decimal place);
//  - counts are compared only with their own history; rates and percentages
//    with England and the area;
//  - a marker ([c], [x], ...) in the latest period means nothing is said
//    about it; in the previous period, the trend is unknown.
#pragma once
#include "content/figures.hpp"

#include <optional>
#include <string>
#include <vector>

namespace content {

enum class Versus { higher, lower, similar, none };
enum class TrendWord { up, down, stable, unknown };

// The "similar" and "stable" threshold: a fraction of the comparator's value.
inline constexpr double similar_fraction = 0.05;
// The rule in words, for the screen that uses it.
[[nodiscard]] const char* similar_rule_text();

// Stable names for JSON: "higher", "lower", "similar", "none".
[[nodiscard]] const char* versus_name(Versus v);
// "up", "down", "stable", "unknown".
[[nodiscard]] const char* trend_name(TrendWord t);

// `value` against `comparator` (both as shown): similar within 5% of the
// comparator (exactly equal when it is 0), else higher or lower.
[[nodiscard]] Versus compare_to(double value, double comparator);

// A figure rounded as shown: "1,234", "42.3", "15.8%".
[[nodiscard]] std::string figure_text(double v, Unit unit);
// The size of a difference in words: "5.1 percentage points",
// "3.2 per 10,000 children", "4 children" (or the count's own noun). Never
// signed; the caller says up or down.
[[nodiscard]] std::string amount_text(double size, Unit unit, const std::string& count_noun = "children");
// The noun a count counts: "contacts", "referrals", "episodes" when the
// title names them, else "children".
[[nodiscard]] std::string count_noun(const Indicator& ind);
// A short meaning of a marker for a sentence: "[c]: not shown, to protect
// children's privacy (either a small number, or a figure that would reveal one)".
[[nodiscard]] std::string marker_sentence(const std::string& marker);

struct HeadlinePoint {
    std::string period_label;
    Shown shown;
};

struct HeadlineInput {
    Indicator indicator;
    std::vector<HeadlinePoint> history;  // oldest first, ending at the latest period
    std::optional<Shown> england;        // latest period; nullopt when the bundle has no England
    std::optional<Shown> area;           // latest period; nullopt when the locality is the area
    std::string area_name;
    std::string period_noun = "years";   // "years" when periods are years, else "periods"
};

struct Headline {
    std::string indicator_id, sentence, period;
    TrendWord trend = TrendWord::unknown;
    int run = 0;  // how many changes in a row went the trend's way
    Versus versus_england = Versus::none, versus_area = Versus::none;
    Judgement england_judgement = Judgement::unknown;
    double change = 0;           // latest minus previous, when both are shown
    double relative_change = 0;  // |change| / |previous|
    double england_gap = 0;      // |value - England| / |England|
    bool uses_similar_rule = false;  // the sentence says "similar" or "stable"
};

// The headline for one indicator and locality. Never fails: with too little
// data it says "Not enough data to say".
[[nodiscard]] Headline make_headline(const HeadlineInput& in);

// The 3 to `most` headlines that matter most: the largest changes and those
// furthest from England, in that order of size. Headlines with nothing to say
// come last and only to reach 3.
[[nodiscard]] std::vector<Headline> top_headlines(std::vector<Headline> all, std::size_t most = 5);

} // namespace content
