// The headline rules (content/headline.hpp): each rule the issue lists, on
// hand-made series, and the same rules over the demo catalog.
#include "content/headline.hpp"
#include "content/headlines.hpp"

#include <doctest/doctest.h>

#include "content/catalog.hpp"

#include <filesystem>

using namespace content;

namespace {

Shown val(double v, std::string marker = "") { return Shown{v, std::move(marker), false}; }
Shown mark(std::string m) { return Shown{std::nullopt, std::move(m), false}; }

HeadlineInput input(Unit unit, Polarity pol, std::vector<Shown> series) {
    HeadlineInput in;
    in.indicator.id = "ind";
    in.indicator.title = "Children on plans";
    in.indicator.unit = unit;
    in.indicator.polarity = pol;
    int year = 2019;
    for (auto& s : series) {
        in.history.push_back(HeadlinePoint{std::to_string(year) + "/" + std::to_string((year + 1) % 100), s});
        ++year;
    }
    in.area_name = "the county";
    return in;
}

} // namespace

TEST_CASE("headline: polarity decides better or worse - neutral indicators get no judgement") {
    auto in = input(Unit::percent, Polarity::lower_is_better, {val(20.0), val(18.0)});
    in.england = val(22.4);
    auto h = make_headline(in);
    CHECK(h.versus_england == Versus::lower);
    CHECK(h.england_judgement == Judgement::better);
    CHECK(h.sentence.starts_with("Lower than England, which is better (18.0% vs 22.4%)"));
    CHECK(h.sentence.find("down 2.0 percentage points since 2019/20, which is better") != std::string::npos);

    in.indicator.polarity = Polarity::higher_is_better;
    h = make_headline(in);
    CHECK(h.england_judgement == Judgement::worse);
    CHECK(h.sentence.starts_with("Lower than England, which is worse"));

    in.indicator.polarity = Polarity::neutral;
    h = make_headline(in);
    CHECK(h.england_judgement == Judgement::neutral);
    CHECK(h.sentence.find("better") == std::string::npos);
    CHECK(h.sentence.find("worse") == std::string::npos);
}

TEST_CASE("headline: similar within 5% of the comparator and the rule is said") {
    auto in = input(Unit::rate_per_10000, Polarity::neutral, {val(40.0), val(42.3)});
    in.england = val(41.0);  // 42.3 is 3.2% above 41.0
    in.area = val(34.1);
    auto h = make_headline(in);
    CHECK(h.versus_england == Versus::similar);
    CHECK(h.versus_area == Versus::higher);
    CHECK(h.uses_similar_rule);
    CHECK(h.sentence.starts_with("Similar to England (within 5%: 42.3 vs 41.0 per 10,000 children)"));
    CHECK(h.sentence.find("higher than the county (42.3 vs 34.1 per 10,000 children)") != std::string::npos);
    CHECK(compare_to(105.0, 100.0) == Versus::similar);
    CHECK(compare_to(105.2, 100.0) == Versus::higher);
    CHECK(compare_to(94.9, 100.0) == Versus::lower);
    CHECK(compare_to(0.0, 0.0) == Versus::similar);
    CHECK(compare_to(0.1, 0.0) == Versus::higher);
    CHECK(std::string(similar_rule_text()).find("5%") != std::string::npos);
}

TEST_CASE("headline: trend runs and stability") {
    auto in = input(Unit::rate_per_10000, Polarity::neutral, {val(50.0), val(45.0), val(40.0), val(34.1)});
    auto h = make_headline(in);
    CHECK(h.trend == TrendWord::down);
    CHECK(h.run == 3);
    CHECK(h.sentence.find("down 3 years running (5.9 per 10,000 children since 2021/22)") != std::string::npos);
    in = input(Unit::rate_per_10000, Polarity::neutral, {val(34.0), val(35.0)});
    h = make_headline(in);
    CHECK(h.trend == TrendWord::stable);
    CHECK(h.sentence.find("stable since 2019/20 (within 5%)") != std::string::npos);
    CHECK(h.uses_similar_rule);
}

TEST_CASE("headline: a marker in the latest period says nothing about it - in the previous period the trend is unknown") {
    auto in = input(Unit::count, Polarity::neutral, {val(32), mark("[c]")});
    auto h = make_headline(in);
    CHECK(h.trend == TrendWord::unknown);
    CHECK(h.versus_england == Versus::none);
    CHECK(h.sentence.starts_with("Not enough data to say: 2020/21 is [c]: not shown, to protect children's privacy"));
    CHECK(h.period == "2020/21");

    in = input(Unit::count, Polarity::neutral, {val(32), mark("[c]"), val(28)});
    h = make_headline(in);
    CHECK(h.trend == TrendWord::unknown);
    CHECK(h.sentence == "28 children in 2021/22; no trend: 2020/21 is [c]");

    in = input(Unit::percent, Polarity::neutral, {val(20), val(21, "[p]")});
    h = make_headline(in);
    CHECK(h.sentence.find("2020/21 is [p]: provisional") != std::string::npos);
}

TEST_CASE("headline: missing comparators are left out - never guessed") {
    auto in = input(Unit::percent, Polarity::lower_is_better, {val(20.9)});
    auto h = make_headline(in);
    CHECK(h.versus_england == Versus::none);
    CHECK(h.versus_area == Versus::none);
    CHECK(h.sentence == "20.9% in 2019/20; no earlier figure to compare with");
    in.england = mark("[x]");
    h = make_headline(in);
    CHECK(h.versus_england == Versus::none);
    CHECK(h.sentence.find("England") == std::string::npos);
    CHECK(make_headline(HeadlineInput{}).sentence.starts_with("Not enough data to say"));
}

TEST_CASE("headline: counts are compared only with their own history - in their own noun") {
    auto in = input(Unit::count, Polarity::neutral, {val(25), val(21)});
    in.england = val(80000);
    in.area = val(286);
    auto h = make_headline(in);
    CHECK(h.versus_england == Versus::none);
    CHECK(h.versus_area == Versus::none);
    CHECK(h.sentence == "21 children in 2020/21; down 4 children since 2019/20");
    CHECK(amount_text(1, Unit::count) == "1 child");
    Indicator contacts;
    contacts.title = "Contacts to children's social care";
    CHECK(count_noun(contacts) == "contacts");
    CHECK(amount_text(1, Unit::count, "episodes") == "1 episode");
}

TEST_CASE("headline: percentage points for percentages - per 10 -000 children for rates and rounding as shown") {
    auto in = input(Unit::percent, Polarity::lower_is_better, {val(20.9), val(15.8)});
    auto h = make_headline(in);
    CHECK(h.sentence.find("down 5.1 percentage points since 2019/20") != std::string::npos);
    CHECK(h.sentence.find("-5.1%") == std::string::npos);
    CHECK(amount_text(3.25, Unit::rate_per_10000) == "3.3 per 10,000 children");  // 3.25 rounds half away from zero
    CHECK(figure_text(1234.4, Unit::count) == "1,234");
    CHECK(figure_text(15.849, Unit::percent) == "15.8%");
    // 30.04 and 30.01 both show as 30.0: compared as shown, that is stable, never "up 0.0".
    in = input(Unit::rate_per_10000, Polarity::neutral, {val(30.01), val(30.04)});
    h = make_headline(in);
    CHECK(h.trend == TrendWord::stable);
    CHECK(h.change == 0.0);
}

TEST_CASE("headline: the summary picks the largest changes and gaps - 3 to 5 of them") {
    std::vector<Headline> all(7);
    for (int i = 0; i < 7; ++i) {
        all[static_cast<std::size_t>(i)].indicator_id = "i" + std::to_string(i);
        all[static_cast<std::size_t>(i)].trend = TrendWord::down;
        all[static_cast<std::size_t>(i)].relative_change = 0.01 * i;
    }
    all[2].versus_england = Versus::higher;
    all[2].england_gap = 0.5;
    auto top = top_headlines(all);
    REQUIRE(top.size() == 3);  // after 3, only ones at least 5% in size
    CHECK(top[0].indicator_id == "i2");
    CHECK(top[1].indicator_id == "i6");
    CHECK(top[2].indicator_id == "i5");
}

TEST_CASE("headline: the demo content exercises every rule (better and worse than England - counts - markers)") {
    auto c = Catalog::from_files({{"demo-board", KIOSK_DEMO_DIR "/demo-board.kbundle"}, {"demo-council", KIOSK_DEMO_DIR "/demo-council.kbundle"}});
    REQUIRE(c);
    REQUIRE_FALSE(england_id(*c).empty());
    bool better = false, worse = false, count = false, marker_latest = false, marker_prev = false, run = false;
    for (const auto& l : c->localities()) {
        if (l.kind != "locality") continue;
        for (const auto& h : locality_headlines(*c, l.id)) {
            better |= h.england_judgement == Judgement::better;
            worse |= h.england_judgement == Judgement::worse;
            count |= h.sentence.find(" children in ") != std::string::npos;
            marker_latest |= h.sentence.starts_with("Not enough data to say");
            marker_prev |= h.sentence.find("no trend:") != std::string::npos;
            run |= h.run >= 2;
            CHECK(h.sentence.find("-") == std::string::npos);  // sizes are words, never signed
        }
    }
    CHECK(better);
    CHECK(worse);
    CHECK(count);
    CHECK(marker_latest);
    CHECK(marker_prev);
    CHECK(run);
}
