// The search relevance set (tests/relevance/queries.tsv) over the demo
// content: every query with the results a councillor would expect in the top
// three. Prints each query's top three, then MRR and recall@3; fails when
// recall@3 is below 0.9 or when an "all words" query does not put a result
// with all the words first.
#include "content/catalog.hpp"
#include "content/search.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace content;

namespace {

struct Case {
    std::string cls, query, locality;
    std::vector<std::string> expected;
    bool all_words = false;
};

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::string x;
    std::stringstream ss(s);
    while (std::getline(ss, x, sep))
        if (!x.empty()) out.push_back(x);
    return out;
}

std::vector<Case> load_cases() {
    std::ifstream in(KIOSK_SOURCE_DIR "/tests/relevance/queries.tsv");
    REQUIRE(in.good());
    std::vector<Case> out;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> f;
        std::stringstream ss(line);
        std::string x;
        while (std::getline(ss, x, '\t')) f.push_back(x);
        REQUIRE_MESSAGE(f.size() >= 3, line);
        Case c{f[0], f[1], "", split(f[2], ' '), false};
        if (f.size() > 3)
            for (auto& flag : split(f[3], ',')) {
                if (flag == "all") c.all_words = true;
                else if (flag.rfind("locality=", 0) == 0) c.locality = flag.substr(9);
            }
        out.push_back(std::move(c));
    }
    return out;
}

} // namespace

TEST_CASE("search relevance: recall@3 >= 0.9 over the demo set, all-words results first") {
    auto cat = Catalog::from_files({{"demo-board", KIOSK_DEMO_DIR "/demo-board.kbundle"}, {"demo-council", KIOSK_DEMO_DIR "/demo-council.kbundle"}});
    REQUIRE(cat);
    auto cases = load_cases();
    REQUIRE(cases.size() >= 40);
    double rr_sum = 0, recall_sum = 0;
    int all_words_first = 0, all_words_cases = 0;
    for (const auto& c : cases) {
        SearchQuery q{c.query, 10, ""};
        q.locality = c.locality;
        q.today = "2026-11-22";
        auto r = cat->search(q);
        REQUIRE_MESSAGE(r, c.query);
        double rr = 0;
        std::size_t found = 0;
        for (std::size_t i = 0; i < r->hits.size(); ++i) {
            const std::string& ref = r->hits[i].ref;
            bool expected = std::any_of(c.expected.begin(), c.expected.end(), [&](const std::string& e) {
                return e == ref || (e.size() > 2 && e.ends_with(":*") && ref.rfind(e.substr(0, e.size() - 1), 0) == 0);  // any slide of a module
            });
            if (expected && rr == 0) rr = 1.0 / static_cast<double>(i + 1);
            if (expected && i < 3) ++found;
        }
        double recall = static_cast<double>(found) / static_cast<double>(std::min<std::size_t>(c.expected.size(), 3));
        rr_sum += rr;
        recall_sum += recall;
        std::string top;
        for (std::size_t i = 0; i < 3 && i < r->hits.size(); ++i) top += (i ? ", " : "") + r->hits[i].ref;
        std::printf("%-9s %-58s rr %.2f recall@3 %.2f%s  top: %s\n", c.cls.c_str(), ("\"" + c.query + "\"").c_str(), rr, recall,
                    r->corrections.empty() ? "" : (" (as " + r->searched_for + ")").c_str(), top.c_str());
        if (c.all_words) {
            ++all_words_cases;
            bool first_all = !r->hits.empty() && r->hits[0].all_words;
            all_words_first += first_all ? 1 : 0;
            CHECK_MESSAGE(first_all, "an all-words query whose first result lacks some words: ", c.query);
        }
    }
    double n = static_cast<double>(cases.size());
    std::printf("relevance: %zu queries, MRR %.3f, recall@3 %.3f, all-words first %d of %d\n", cases.size(), rr_sum / n, recall_sum / n,
                all_words_first, all_words_cases);
    CHECK(recall_sum / n >= 0.9);
}
