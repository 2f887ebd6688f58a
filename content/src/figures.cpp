// Display rules for figures; see figures.hpp.
#include "content/figures.hpp"
#include "content/disclosure.hpp"
#include "content/manifest.hpp"

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

bool overdue(const TrackerItem& item, const std::string& today) {
    return item.rag != "complete" && !item.due_date.empty() && item.due_date < today;
}

bool past_review(const std::string& review_date, const std::string& today) { return !review_date.empty() && review_date < today; }

std::string iso_date(std::int64_t t) { return format_utc(t).substr(0, 10); }

} // namespace content
