// In-process search latency: 200 queries of 1-3 words drawn from the corpus
// vocabulary (common words included), through the kiosk's search with
// spelling correction on (every tenth query has two letters of a word swapped,
// so "did you mean" runs too), and the raw FTS5 "ORDER BY rank LIMIT 10" time
// for the same queries, side by side. The timed pass follows a warm-up pass
// of the same queries (as a kiosk's searches repeat words while a person
// types); a cold pass on a fresh catalog is reported beside it.
// usage: bench_search BUNDLE [QUERIES] [--top FILE] [--query TEXT]
//   --top FILE    also writes each query's top 10 (ref, score, snippet and
//                 highlights) to FILE, to compare the results of two builds
//   --query TEXT  runs only TEXT: once to warm up, then once inside
//                 measured_search (for `valgrind --tool=callgrind
//                 --toggle-collect=measured_search`)
#include "content/bundle_reader.hpp"
#include "content/catalog.hpp"
#include "content/search.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstring>
#include <map>
#include <random>

using namespace content;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// CPU time of this thread, in ms: on a shared machine the wall time of a query
// includes waiting for a core; this does not (reported beside it).
double thread_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

void report(const char* name, std::vector<double> v) {
    std::sort(v.begin(), v.end());
    double sum = 0;
    for (double x : v) sum += x;
    std::printf("%s_median_ms %.3f\n%s_p99_ms %.3f\n%s_mean_ms %.3f\n", name, v[v.size() / 2], name, v[v.size() * 99 / 100], name,
                sum / static_cast<double>(v.size()));
}

// n queries of 1-3 title words, drawn Zipf-like by frequency; every tenth
// has a typo. Fixed seed: every build gets the same queries.
std::vector<std::string> make_queries(const Catalog& cat, int n) {
    std::map<std::string, int> freq;
    for (auto& e : cat.library()) {
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
    return queries;
}

// Kept out of line so that callgrind can count only this call.
[[gnu::noinline]] Result<SearchResult> measured_search(const Catalog& cat, const std::string& q) { return cat.search({q, 10, ""}); }

void write_top(const char* path, const std::vector<std::string>& queries, const Catalog& cat) {
    std::FILE* f = std::fopen(path, "w");
    if (!f) return;
    for (const auto& q : queries) {
        auto r = cat.search({q, 10, ""});
        std::fprintf(f, "## %s|%s\n", q.c_str(), r && !r->corrections.empty() ? r->searched_for.c_str() : "");
        if (r)
            for (const auto& h : r->hits) {
                std::fprintf(f, "%s %.4f%s\n  %s\n ", h.ref.c_str(), h.score, h.all_words ? "" : " some", h.snippet.c_str());
                for (auto [b, e] : h.highlights) std::fprintf(f, " %zu-%zu", b, e);
                for (auto [b, e] : h.title_highlights) std::fprintf(f, " t%zu-%zu", b, e);
                std::fprintf(f, "\n");
            }
    }
    std::fclose(f);
}

void raw_fts5(const char* bundle, const std::vector<std::string>& queries) {
    auto reader = BundleReader::open(bundle);
    if (!reader) return;
    std::vector<double> raw_ms;
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
    report("raw_fts5_rank", raw_ms);
}

void timed_searches(const Catalog& cat, const std::vector<std::string>& queries) {
    for (auto& q : queries) (void)cat.search({q, 10, ""});  // warm the page cache once
    std::vector<double> kiosk_ms, typo_ms, cpu_ms;
    std::size_t hits = 0, corrected = 0;
    for (std::size_t i = 0; i < queries.size(); ++i) {
        auto t = Clock::now();
        double c = thread_cpu_ms();
        auto r = cat.search({queries[i], 10, ""});
        cpu_ms.push_back(thread_cpu_ms() - c);
        kiosk_ms.push_back(ms_since(t));
        if (i % 10 == 9) typo_ms.push_back(kiosk_ms.back());
        if (r) hits += r->hits.size();
        if (r && !r->corrections.empty()) ++corrected;
    }
    std::vector<std::pair<double, std::size_t>> slow;  // by CPU time, which load does not stretch
    for (std::size_t i = 0; i < queries.size(); ++i) slow.emplace_back(cpu_ms[i], i);
    std::sort(slow.rbegin(), slow.rend());
    for (std::size_t i = 0; i < 5 && i < slow.size(); ++i)
        std::printf("slowest %.2f ms CPU (%.2f wall): %s\n", slow[i].first, kiosk_ms[slow[i].second], queries[slow[i].second].c_str());
    report("kiosk_search", kiosk_ms);
    report("kiosk_search_cpu", cpu_ms);
    if (!typo_ms.empty()) report("kiosk_search_typo", typo_ms);
    std::printf("corrected %zu\n", corrected);
    std::printf("queries %zu\nmean_hits %.1f\n", queries.size(), static_cast<double>(hits) / static_cast<double>(queries.size()));
}

// The same queries once each on a fresh catalog, without the warm-up pass:
// nothing kept by the readers yet (prepared statements, phrase row counts,
// the typo vocabulary's letter ranges); the OS page cache is warm.
void cold_searches(const char* bundle, const std::vector<std::string>& queries) {
    auto cat = Catalog::from_files({{"bench", bundle}});
    if (!cat) return;
    std::vector<double> wall_ms, cpu_ms;
    for (const auto& q : queries) {
        auto t = Clock::now();
        double c = thread_cpu_ms();
        (void)cat->search({q, 10, ""});
        cpu_ms.push_back(thread_cpu_ms() - c);
        wall_ms.push_back(ms_since(t));
    }
    report("kiosk_search_cold", wall_ms);
    report("kiosk_search_cold_cpu", cpu_ms);
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) return 2;
    int n = 200;
    const char *top = nullptr, *only = nullptr;
    for (int i = 2; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--top") && i + 1 < argc) top = argv[++i];
        else if (!std::strcmp(argv[i], "--query") && i + 1 < argc) only = argv[++i];
        else n = std::atoi(argv[i]);
    }
    auto cat = Catalog::from_files({{"bench", argv[1]}});
    if (!cat) {
        std::fprintf(stderr, "%s\n", cat.error().line().c_str());
        return 1;
    }
    if (only) {
        (void)cat->search({only, 10, ""});
        auto r = measured_search(*cat, only);
        return r ? 0 : 1;
    }
    auto queries = make_queries(*cat, n);
    cold_searches(argv[1], queries);
    timed_searches(*cat, queries);
    // The first typo on a fresh catalog reads that letter's words from the index.
    auto fresh = Catalog::from_files({{"bench", argv[1]}});
    auto t_first = Clock::now();
    if (fresh) (void)fresh->search({"sfaeguarding ", 10, ""});
    std::printf("first_typo_cold_vocabulary_ms %.3f\n", ms_since(t_first));
    raw_fts5(argv[1], queries);
    if (top) write_top(top, queries, *cat);
    return 0;
}
