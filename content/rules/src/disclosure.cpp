// Statistical disclosure control; see disclosure.hpp.
#include "content/disclosure.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace content {
namespace {

struct Group {
    std::string indicator_id, period_id, parent_id;
    std::vector<const Value*> members;  // children, then the parent total if present
    const Value* total = nullptr;
};

std::vector<Group> additive_groups(const DisclosureInput& in) {
    std::map<std::string, std::vector<std::string>> children;  // parent -> children
    for (const auto& l : in.localities)
        if (!l.parent_id.empty()) children[l.parent_id].push_back(l.id);
    std::map<std::string, const Value*> by_cell;
    for (const auto& v : in.values) by_cell[v.indicator_id + "|" + v.locality_id + "|" + v.period_id] = &v;
    std::set<std::string> periods;
    for (const auto& v : in.values) periods.insert(v.period_id);
    std::vector<Group> out;
    for (const auto& ind : in.indicators) {
        if (!ind.additive) continue;
        for (const auto& [parent, kids] : children)
            for (const auto& p : periods) {
                Group g{ind.id, p, parent, {}, nullptr};
                for (const auto& k : kids)
                    if (auto it = by_cell.find(ind.id + "|" + k + "|" + p); it != by_cell.end()) g.members.push_back(it->second);
                if (auto it = by_cell.find(ind.id + "|" + parent + "|" + p); it != by_cell.end()) g.total = it->second;
                if (g.total) g.members.push_back(g.total);
                if (g.members.size() >= 2) out.push_back(std::move(g));
            }
    }
    return out;
}

bool is_c(const Value* v) { return v->marker == "[c]"; }

// Sum of the suppressed cells, when the total and every other cell are published.
std::optional<double> suppressed_sum(const Group& g) {
    if (!g.total || !g.total->value) return std::nullopt;
    double s = *g.total->value;
    for (const Value* v : g.members) {
        if (v == g.total || is_c(v)) continue;
        if (!v->value) return std::nullopt;  // an [x] or [z] cell hides part of the sum
        s -= *v->value;
    }
    return s;
}

CellRef ref(const Value* v) { return CellRef{v->indicator_id, v->locality_id, v->period_id}; }

} // namespace

bool must_hide_count(double value, std::int64_t threshold) { return value > 0 && value <= static_cast<double>(threshold); }

std::vector<DisclosureIssue> find_disclosure_issues(const DisclosureInput& in) {
    std::vector<DisclosureIssue> issues;
    std::map<std::string, const Indicator*> inds;
    for (const auto& i : in.indicators) inds[i.id] = &i;
    const std::string t = std::to_string(in.threshold);
    for (const auto& v : in.values) {
        auto it = inds.find(v.indicator_id);
        if (it == inds.end() || it->second->unit != Unit::count || !v.value) continue;
        if (must_hide_count(*v.value, in.threshold))
            issues.push_back({DisclosureRule::primary, ref(&v),
                              "the count " + std::to_string(static_cast<long long>(std::llround(*v.value))) + " is between 1 and " + t + " and must be published as [c]."});
    }
    for (const auto& g : additive_groups(in)) {
        std::vector<const Value*> cs;
        for (const Value* v : g.members)
            if (is_c(v)) cs.push_back(v);
        if (cs.size() == 1) {
            issues.push_back({DisclosureRule::secondary, ref(cs[0]),
                              "it is the only [c] cell among " + g.parent_id + "'s figures for " + g.period_id +
                                  ", so it can be recovered by subtracting the others from the total; suppress at least one more cell."});
            continue;
        }
        if (cs.size() >= 2) {
            auto s = suppressed_sum(g);
            if (s && *s <= static_cast<double>(in.threshold))
                issues.push_back({DisclosureRule::secondary, ref(cs[0]),
                                  "the [c] cells in " + g.parent_id + "'s figures for " + g.period_id + " add up to " +
                                      std::to_string(static_cast<long long>(std::llround(*s))) + ", itself a small number; suppress a larger cell as well."});
        }
    }
    std::map<std::string, const Value*> by_cell;
    for (const auto& v : in.values) by_cell[v.indicator_id + "|" + v.locality_id + "|" + v.period_id] = &v;
    for (const auto& v : in.values) {
        auto it = inds.find(v.indicator_id);
        if (it == inds.end() || it->second->numerator_id.empty() || !v.value) continue;
        auto num = by_cell.find(it->second->numerator_id + "|" + v.locality_id + "|" + v.period_id);
        if (num != by_cell.end() && (is_c(num->second) || (num->second->value && must_hide_count(*num->second->value, in.threshold))))
            issues.push_back({DisclosureRule::rate_numerator, ref(&v),
                              "this " + std::string(unit_name(it->second->unit)) + " is published but its numerator (" + it->second->numerator_id +
                                  ") is suppressed, so it would reveal the count; publish it as [c]."});
    }
    return issues;
}

namespace {

// One pass over the groups as they stand.
std::vector<CellRef> suggest_round(const DisclosureInput& in) {
    std::vector<CellRef> out;
    for (const auto& g : additive_groups(in)) {
        std::vector<const Value*> cs, open;
        for (const Value* v : g.members) {
            if (is_c(v)) cs.push_back(v);
            else if (v->value) open.push_back(v);
        }
        if (cs.empty()) continue;
        // Smallest locality cells first; the total last (suppressing it hides the most).
        std::stable_sort(open.begin(), open.end(), [&](const Value* a, const Value* b) {
            if ((a == g.total) != (b == g.total)) return b == g.total;
            return *a->value < *b->value;
        });
        auto sum = suppressed_sum(g);
        std::size_t count = cs.size();
        double s = sum.value_or(1e300);
        for (const Value* v : open) {
            bool need = count < 2 || (sum && s <= static_cast<double>(in.threshold));
            if (!need) break;
            if (v == g.total) {
                out.push_back(ref(v));
                break;  // with the total hidden, nothing can be subtracted
            }
            out.push_back(ref(v));
            ++count;
            s += *v->value;
        }
    }
    return out;
}

} // namespace

// A cell suppressed for one group can be the only [c] cell of another (a
// locality that is itself the total of smaller areas), so passes repeat
// until one adds nothing.
std::vector<CellRef> suggest_secondary_suppression(const DisclosureInput& in) {
    std::vector<Value> work = in.values;
    std::vector<CellRef> out;
    for (std::size_t pass = 0; pass <= work.size(); ++pass) {
        bool added = false;
        for (auto& c : suggest_round({in.localities, in.indicators, work, in.threshold})) {
            if (std::find(out.begin(), out.end(), c) != out.end()) continue;
            for (auto& v : work)
                if (ref(&v) == c) {
                    v.marker = "[c]";
                    v.value.reset();
                }
            out.push_back(std::move(c));
            added = true;
        }
        if (!added) break;
    }
    return out;
}

Status check_disclosure(const DisclosureInput& in) {
    auto issues = find_disclosure_issues(in);
    if (issues.empty()) return {};
    std::string msg = std::to_string(issues.size()) + " figure(s) break the disclosure rules: ";
    for (std::size_t i = 0; i < issues.size() && i < 10; ++i) msg += (i ? "; " : "") + issues[i].cell.str() + ": " + issues[i].message;
    if (issues.size() > 10) msg += "; and more (run kiosk-bundle lint)";
    msg += " Run 'kiosk-bundle lint --fix-suggest' for the smallest set of extra cells to suppress.";
    return fail(Reason::disclosure, msg);
}

} // namespace content
