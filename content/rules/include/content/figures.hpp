// Why this file exists: the rules for showing a figure to a councillor, kept
// out of the UI so they are tested directly: the display guard (never draw a
// small count), polarity-aware change words, and comparisons with the area
// and England.
#pragma once
#include "content/model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace content {

struct Shown {
    std::optional<double> value;  // nullopt when a marker is shown instead
    std::string marker;           // "[c]" etc.; "[c]" also when the display guard fired
    bool guarded = false;         // true when a small count was hidden here
};

// What may be drawn for `v` of indicator `ind`. A count between 1 and the
// threshold is never drawn, whatever the bundle says: it becomes [c] with
// guarded=true (the caller audits it). A missing cell, or one that is not a
// finite, non-negative number, is [x].
[[nodiscard]] Shown shown_value(const Value* v, const Indicator& ind, std::int64_t threshold);

enum class Direction { up, down, same, unknown };
enum class Judgement { better, worse, neutral, unknown };

struct Change {
    Direction direction = Direction::unknown;
    Judgement judgement = Judgement::unknown;
    double delta = 0;
    // A word that carries the meaning without colour: "Up, better",
    // "Down, worse", "Up", "No change", "Not comparable".
    std::string words;
};

// The change from `previous` to `current`, judged by polarity: for
// lower_is_better an increase is worse; for neutral no judgement is made.
[[nodiscard]] Change compute_change(const Shown& previous, const Shown& current, Polarity polarity);

// True when a tracker item is overdue on `today` (YYYY-MM-DD): due has passed, not complete.
[[nodiscard]] bool overdue(const TrackerItem& item, const std::string& today);
// True when a document is past its review date on `today`.
[[nodiscard]] bool past_review(const std::string& review_date, const std::string& today);
// "YYYY-MM-DD" for unix seconds.
[[nodiscard]] std::string iso_date(std::int64_t unix_seconds);

} // namespace content
