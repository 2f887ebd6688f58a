// Plain-English headlines for a figure; see headline.hpp for the rules.
#include "content/headline.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace content {
namespace {

double rounded(double v, Unit unit) {
    if (unit == Unit::count) return std::round(v);
    return std::round(v * 10.0) / 10.0;
}

std::string with_commas(long long n) {
    std::string s = std::to_string(n < 0 ? -n : n);
    for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<std::size_t>(i), ",");
    return (n < 0 ? "-" : "") + s;
}

std::string one_dp(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

// "19.2% vs 22.4%" or "42.3 vs 34.1 per 10,000 children".
std::string pair_text(double a, double b, Unit unit) {
    std::string s = figure_text(a, unit) + " vs " + figure_text(b, unit);
    if (unit == Unit::rate_per_10000) s += " per 10,000 children";
    return s;
}

Judgement judge(Versus v, Polarity pol) {
    if (v == Versus::none) return Judgement::unknown;
    if (v == Versus::similar || pol == Polarity::neutral) return Judgement::neutral;
    bool higher = v == Versus::higher;
    return higher == (pol == Polarity::higher_is_better) ? Judgement::better : Judgement::worse;
}

const char* which_is(Judgement j) {
    if (j == Judgement::better) return ", which is better";
    if (j == Judgement::worse) return ", which is worse";
    return "";
}

// "Higher than England, which is worse (19.2% vs 22.4%)", or "" when there
// is no comparator value to compare with.
std::string versus_clause(const std::string& name, double value, const std::optional<Shown>& cmp, const Indicator& ind,
                          Versus& out, Judgement& judged, bool& similar_used) {
    out = Versus::none;
    if (!cmp || !cmp->value) return "";
    double c = rounded(*cmp->value, ind.unit);
    out = compare_to(value, c);
    judged = judge(out, ind.polarity);
    if (out == Versus::similar) {
        similar_used = true;
        return "similar to " + name + " (within 5%: " + pair_text(value, c, ind.unit) + ")";
    }
    return std::string(out == Versus::higher ? "higher than " : "lower than ") + name + which_is(judged) + " (" + pair_text(value, c, ind.unit) + ")";
}

struct TrendResult {
    TrendWord word = TrendWord::unknown;
    int run = 0;
    double change = 0, relative = 0;
    std::string clause;
};

// The direction of the step from history[i-1] to history[i], or unknown.
TrendWord step(const std::vector<HeadlinePoint>& h, std::size_t i, Unit unit) {
    if (!h[i].shown.value || !h[i - 1].shown.value) return TrendWord::unknown;
    double a = rounded(*h[i - 1].shown.value, unit), b = rounded(*h[i].shown.value, unit);
    Versus v = compare_to(b, a);
    return v == Versus::similar ? TrendWord::stable : v == Versus::higher ? TrendWord::up : TrendWord::down;
}

TrendResult trend_of(const HeadlineInput& in, bool& similar_used) {
    TrendResult t;
    const auto& h = in.history;
    const Unit unit = in.indicator.unit;
    if (h.size() < 2) {
        t.clause = "no earlier figure to compare with";
        return t;
    }
    const auto& prev = h[h.size() - 2];
    if (!prev.shown.value) {
        t.clause = "no trend: " + prev.period_label + " is " + prev.shown.marker;
        return t;
    }
    t.word = step(h, h.size() - 1, unit);
    double a = rounded(*prev.shown.value, unit), b = rounded(*h.back().shown.value, unit);
    t.change = rounded(b - a, unit);
    t.relative = a != 0 ? std::fabs(t.change) / std::fabs(a) : (t.change != 0 ? 1.0 : 0.0);
    if (t.word == TrendWord::stable) {
        similar_used = true;
        t.run = 1;
        t.clause = "stable since " + prev.period_label + " (within 5%)";
        return t;
    }
    for (std::size_t i = h.size() - 1; i >= 1 && step(h, i, unit) == t.word; --i) ++t.run;
    std::string dir = t.word == TrendWord::up ? "up" : "down";
    std::string size = amount_text(std::fabs(t.change), unit, count_noun(in.indicator));
    Versus as = t.word == TrendWord::up ? Versus::higher : Versus::lower;
    const char* judged = which_is(judge(as, in.indicator.polarity));
    if (t.run >= 2)
        t.clause = dir + " " + std::to_string(t.run) + " " + in.period_noun + " running" + judged + " (" + size + " since " + prev.period_label + ")";
    else
        t.clause = dir + " " + size + " since " + prev.period_label + judged;
    return t;
}

std::string join(const std::vector<std::string>& parts) {
    std::string s;
    for (const auto& p : parts) {
        if (p.empty()) continue;
        if (!s.empty()) s += "; ";
        s += p;
    }
    if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
    return s;
}

} // namespace

const char* similar_rule_text() { return "\"Similar\" and \"stable\" mean within 5% of the value compared with."; }

const char* versus_name(Versus v) {
    switch (v) {
    case Versus::higher: return "higher";
    case Versus::lower: return "lower";
    case Versus::similar: return "similar";
    case Versus::none: return "none";
    }
    return "none";
}

const char* trend_name(TrendWord t) {
    switch (t) {
    case TrendWord::up: return "up";
    case TrendWord::down: return "down";
    case TrendWord::stable: return "stable";
    case TrendWord::unknown: return "unknown";
    }
    return "unknown";
}

Versus compare_to(double value, double comparator) {
    double diff = value - comparator;
    if (std::fabs(diff) <= similar_fraction * std::fabs(comparator) + 1e-9) return Versus::similar;
    return diff > 0 ? Versus::higher : Versus::lower;
}

std::string figure_text(double v, Unit unit) {
    if (unit == Unit::count) return with_commas(std::llround(v));
    return one_dp(rounded(v, unit)) + (unit == Unit::percent ? "%" : "");
}

std::string amount_text(double size, Unit unit, const std::string& noun) {
    if (unit == Unit::percent) return one_dp(rounded(size, unit)) + " percentage points";
    if (unit == Unit::rate_per_10000) return one_dp(rounded(size, unit)) + " per 10,000 children";
    long long n = std::llround(size);
    std::string word = noun;
    if (n == 1) word = noun == "children" ? "child" : (!noun.empty() && noun.back() == 's' ? noun.substr(0, noun.size() - 1) : noun);
    return with_commas(n) + " " + word;
}

std::string count_noun(const Indicator& ind) {
    std::string t = ind.title;
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const char* n : {"episodes", "contacts", "referrals"})
        if (t.find(n) != std::string::npos) return n;
    return "children";
}

std::string marker_sentence(const std::string& m) {
    if (m == "[c]") return "[c]: not shown, to protect children's privacy (either a small number, or a figure that would reveal one)";
    if (m == "[x]") return "[x]: not available";
    if (m == "[z]") return "[z]: not applicable";
    if (m == "[low]") return "[low]: rounds to zero";
    if (m == "[u]") return "[u]: low reliability";
    if (m == "[p]") return "[p]: provisional";
    if (m == "[r]") return "[r]: revised";
    if (m == "[e]") return "[e]: estimated";
    return m;
}

Headline make_headline(const HeadlineInput& in) {
    Headline hl;
    hl.indicator_id = in.indicator.id;
    if (in.history.empty()) {
        hl.sentence = "Not enough data to say: no figures";
        return hl;
    }
    const auto& latest = in.history.back();
    hl.period = latest.period_label;
    if (!latest.shown.value) {
        hl.sentence = "Not enough data to say: " + latest.period_label + " is " + marker_sentence(latest.shown.marker);
        return hl;
    }
    const Indicator& ind = in.indicator;
    double v = rounded(*latest.shown.value, ind.unit);
    std::vector<std::string> parts;
    bool similar = false;
    if (ind.unit == Unit::count) {
        parts.push_back(amount_text(v, Unit::count, count_noun(ind)) + " in " + latest.period_label);
    } else {
        Judgement area_j = Judgement::unknown;
        parts.push_back(versus_clause("England", v, in.england, ind, hl.versus_england, hl.england_judgement, similar));
        parts.push_back(versus_clause(in.area_name, v, in.area, ind, hl.versus_area, area_j, similar));
        if (hl.versus_england != Versus::none && in.england->value) {
            double e = rounded(*in.england->value, ind.unit);
            hl.england_gap = e != 0 ? std::fabs(v - e) / std::fabs(e) : 0;
        }
        if (parts[0].empty() && parts[1].empty()) parts[0] = figure_text(v, ind.unit) + " in " + latest.period_label;
    }
    auto t = trend_of(in, similar);
    hl.trend = t.word;
    hl.run = t.run;
    hl.change = t.change;
    hl.relative_change = t.relative;
    parts.push_back(t.clause);
    if (!latest.shown.marker.empty()) parts.push_back(latest.period_label + " is " + marker_sentence(latest.shown.marker));
    hl.uses_similar_rule = similar;
    hl.sentence = join(parts);
    return hl;
}

std::vector<Headline> top_headlines(std::vector<Headline> all, std::size_t most) {
    auto score = [](const Headline& h) {
        double s = 0;
        if (h.trend == TrendWord::up || h.trend == TrendWord::down) s = h.relative_change;
        if (h.versus_england != Versus::none) s = std::max(s, h.england_gap);
        return s;
    };
    auto says_something = [](const Headline& h) { return h.trend != TrendWord::unknown || h.versus_england != Versus::none || h.versus_area != Versus::none; };
    std::stable_sort(all.begin(), all.end(), [&](const Headline& a, const Headline& b) {
        if (says_something(a) != says_something(b)) return says_something(a);
        return score(a) > score(b);
    });
    std::vector<Headline> out;
    for (auto& h : all) {
        if (out.size() >= most) break;
        if (out.size() >= 3 && (!says_something(h) || score(h) < similar_fraction)) break;
        out.push_back(std::move(h));
    }
    return out;
}

} // namespace content
