// In-process search latency: 200 queries of 1-3 words drawn from the corpus
// vocabulary (common words included), through the kiosk's search with
// spelling correction on (every tenth query has two letters of a word swapped,
// so "did you mean" runs too), and the raw FTS5 "ORDER BY rank LIMIT 10" time
// for the same queries, side by side.
// usage: bench_search BUNDLE [QUERIES]
#include "content/bundle_reader.hpp"
#include "content/catalog.hpp"
#include "content/search.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <map>
#include <random>

using namespace content;
using Clock = std::chrono::steady_clock;

static double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// CPU time of this thread, in ms: on a shared machine the wall time of a query
// includes waiting for a core; this does not (reported beside it).
static double thread_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

static void report(const char* name, std::vector<double> v) {
    std::sort(v.begin(), v.end());
    double sum = 0;
    for (double x : v) sum += x;
    std::printf("%s_median_ms %.3f\n%s_p99_ms %.3f\n%s_mean_ms %.3f\n", name, v[v.size() / 2], name, v[v.size() * 99 / 100], name, sum / static_cast<double>(v.size()));
}

int main(int argc, char** argv) {
    if (argc < 2) return 2;
    int n = argc > 2 ? std::atoi(argv[2]) : 200;
    auto cat = Catalog::from_files({{"bench", argv[1]}});
    if (!cat) {
        std::fprintf(stderr, "%s\n", cat.error().line().c_str());
        return 1;
    }
    // Vocabulary from the titles, weighted by frequency like the corpus.
    std::map<std::string, int> freq;
    for (auto& e : cat->library()) {
        std::string w;
        for (char c : e.header.title + " ") {
            if (std::isalpha(static_cast<unsigned char>(c))) w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            else {
                if (w.size() > 2) freq[w]++;
                w.clear();
            }
        }
    }
    std::vector<std::pair<int, std::string>> words;
    for (auto& [w, f] : freq) words.emplace_back(-f, w);
    std::sort(words.begin(), words.end());
    std::mt19937 rng(7);
    std::vector<std::string> queries;
    for (int i = 0; i < n; ++i) {
        int k = 1 + static_cast<int>(rng() % 3);
        std::string q;
        for (int j = 0; j < k; ++j) {
            std::size_t idx = std::min<std::size_t>(words.size() - 1, static_cast<std::size_t>(std::pow(static_cast<double>(rng() % 1000) / 1000.0, 3) * static_cast<double>(words.size())));
            q += (j ? " " : "") + words[idx].second;
        }
        if (i % 10 == 9) {  // a typo: swap two letters in the middle of the last word
            std::size_t sp = q.rfind(' ');
            std::size_t at = (sp == std::string::npos ? 0 : sp + 1) + 2;
            if (at + 1 < q.size()) std::swap(q[at], q[at + 1]);
        }
        queries.push_back(q + " ");  // a finished query: no prefix on the last word
    }
    // Warm the page cache once.
    for (auto& q : queries) (void)cat->search({q, 10, ""});
    std::vector<double> kiosk_ms, raw_ms, typo_ms, cpu_ms;
    std::size_t hits = 0, corrected = 0;
    for (std::size_t i = 0; i < queries.size(); ++i) {
        auto t = Clock::now();
        double c = thread_cpu_ms();
        auto r = cat->search({queries[i], 10, ""});
        cpu_ms.push_back(thread_cpu_ms() - c);
        kiosk_ms.push_back(ms_since(t));
        if (i % 10 == 9) typo_ms.push_back(kiosk_ms.back());
        if (r) hits += r->hits.size();
        if (r && !r->corrections.empty()) ++corrected;
    }
    // The first typo on a fresh catalog reads that letter's words from the index.
    auto fresh = Catalog::from_files({{"bench", argv[1]}});
    auto t_first = Clock::now();
    if (fresh) (void)fresh->search({"sfaeguarding ", 10, ""});
    double first_typo_ms = ms_since(t_first);
    // The raw FTS5 baseline: bm25 over every match, ORDER BY rank LIMIT 10.
    auto reader = BundleReader::open(argv[1]);
    for (auto& q : queries) {
        auto st = reader->db().prepare("SELECT ref FROM search WHERE search MATCH ?1 ORDER BY rank LIMIT 10");
        st->bind(1, to_fts_query(q));
        auto t = Clock::now();
        for (;;) {
            auto row = st->step();
            if (!row || !*row) break;
        }
        raw_ms.push_back(ms_since(t));
    }
    std::vector<std::pair<double, std::string>> slow;
    for (std::size_t i = 0; i < queries.size(); ++i) slow.emplace_back(kiosk_ms[i], queries[i]);
    std::sort(slow.rbegin(), slow.rend());
    for (std::size_t i = 0; i < 5 && i < slow.size(); ++i) std::printf("slowest %.2f ms: %s\n", slow[i].first, slow[i].second.c_str());
    report("kiosk_search", kiosk_ms);
    report("kiosk_search_cpu", cpu_ms);
    if (!typo_ms.empty()) report("kiosk_search_typo", typo_ms);
    std::printf("corrected %zu\nfirst_typo_cold_vocabulary_ms %.3f\n", corrected, first_typo_ms);
    report("raw_fts5_rank", raw_ms);
    std::printf("queries %d\nmean_hits %.1f\n", n, static_cast<double>(hits) / n);
    return 0;
}
