// Display rules for figures; see figures.hpp.
#include "content/figures.hpp"
#include "content/disclosure.hpp"
#include "content/dates.hpp"

#include <cmath>

namespace content {

Shown shown_value(const Value* v, const Indicator& ind, std::int64_t threshold) {
    Shown s;
    if (!v) {
        s.marker = "[x]";
        return s;
    }
    if (!v->value) {
        s.marker = v->marker.empty() ? "[x]" : v->marker;
        return s;
    }
    if (!std::isfinite(*v->value) || *v->value < 0) {  // refused at import; never drawn if one gets through
        s.marker = "[x]";
        return s;
    }
    if (ind.unit == Unit::count && must_hide_count(*v->value, threshold)) {
        s.marker = "[c]";
        s.guarded = true;
        return s;
    }
    s.value = v->value;
    s.marker = v->marker;  // a qualifier such as [p] may ride along
    return s;
}

Change compute_change(const Shown& prev, const Shown& cur, Polarity polarity) {
    Change c;
    if (!prev.value || !cur.value) {
        c.words = "Not comparable";
        return c;
    }
    c.delta = *cur.value - *prev.value;
    if (std::fabs(c.delta) < 1e-9) {
        c.direction = Direction::same;
        c.judgement = Judgement::neutral;
        c.words = "No change";
        return c;
    }
    c.direction = c.delta > 0 ? Direction::up : Direction::down;
    const char* dir = c.delta > 0 ? "Up" : "Down";
    if (polarity == Polarity::neutral) {
        c.judgement = Judgement::neutral;
        c.words = dir;
        return c;
    }
    bool better = (polarity == Polarity::higher_is_better) == (c.delta > 0);
    c.judgement = better ? Judgement::better : Judgement::worse;
    c.words = std::string(dir) + (better ? ", better" : ", worse");
    return c;
}

bool overdue(const TrackerItem& item, const std::string& today) {
    return item.rag != "complete" && !item.due_date.empty() && item.due_date < today;
}

bool past_review(const std::string& review_date, const std::string& today) { return !review_date.empty() && review_date < today; }

std::string iso_date(std::int64_t t) { return format_utc(t).substr(0, 10); }

} // namespace content
