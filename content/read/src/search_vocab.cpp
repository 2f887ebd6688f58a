// Nearest indexed words by edit distance; see search_vocab.hpp.
#include "content/search_vocab.hpp"
#include "content/sqlite.hpp"
#include "content/text_fold.hpp"

#include <algorithm>

namespace content {
namespace {

std::u32string decode(const std::string& s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) out += next_code_point(s, i);
    return out;
}

} // namespace

int edit_distance(const std::u32string& a, const std::u32string& b, int bound) {
    const std::size_t n = a.size(), m = b.size();
    if ((n > m ? n - m : m - n) > static_cast<std::size_t>(bound)) return bound + 1;
    // Three rows: the one two back is needed for swaps.
    std::vector<int> prev2(m + 1), prev(m + 1), cur(m + 1);
    for (std::size_t j = 0; j <= m; ++j) prev[j] = static_cast<int>(j);
    for (std::size_t i = 1; i <= n; ++i) {
        cur[0] = static_cast<int>(i);
        int row_min = cur[0];
        for (std::size_t j = 1; j <= m; ++j) {
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = std::min(v, prev2[j - 2] + 1);
            cur[j] = v;
            row_min = std::min(row_min, v);
        }
        if (row_min > bound) return bound + 1;
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return std::min(prev[m], bound + 1);
}

Result<const std::vector<SearchVocabulary::Entry>*> SearchVocabulary::words_from(sql::Db& db, const std::u32string& start) {
    if (auto it = m_by_start.find(start); it != m_by_start.end()) return &it->second;
    if (!m_table) {
        // TEMP schema: lives with this connection only, so the immutable
        // bundle is never written and needs no new table.
        if (auto s = db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.kiosk_search_words USING fts5vocab(main, search, row)"); !s)
            return std::unexpected(s.error());
        m_table = true;
    }
    // Every word from `start` up to (not including) `start` with its last
    // letter raised by one: the words that begin with `start`.
    std::string lo, hi;
    for (char32_t c : start) append_utf8(lo, c);
    for (std::size_t i = 0; i + 1 < start.size(); ++i) append_utf8(hi, start[i]);
    append_utf8(hi, start.back() + 1);
    auto st = db.prepare("SELECT term, doc FROM temp.kiosk_search_words WHERE term >= ?1 AND term < ?2");
    if (!st) return std::unexpected(st.error());
    st->bind(1, lo).bind(2, hi);
    std::vector<Entry> words;
    for (;;) {
        auto row = st->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        std::string w = st->text(0);
        words.push_back(Entry{decode(w), w, st->int64(1)});
    }
    return &(m_by_start[start] = std::move(words));
}

Result<std::vector<Suggestion>> SearchVocabulary::nearest(sql::Db& db, const std::string& word, bool prefix, std::size_t max) {
    std::u32string w = decode(word);
    std::vector<Suggestion> out;
    if (w.size() < 4 || max == 0) return out;
    const int bound = w.size() <= 7 ? 1 : 2;
    auto consider = [&](const std::vector<Entry>& words) {
        for (const auto& e : words) {
            int d = bound + 1;
            if (prefix) {  // the beginning of a longer word, give or take a letter
                for (std::size_t len = w.size() - 1; len <= w.size() + 1 && d > 0; ++len)
                    if (e.word.size() >= len) d = std::min(d, edit_distance(w, e.word.substr(0, len), bound));
            } else {
                d = edit_distance(w, e.word, bound);
            }
            if (d <= bound && d > 0) out.push_back(Suggestion{e.utf8, d, e.documents});
        }
    };
    // Typos rarely touch the first letter; if none is found from it, the
    // second letter (a swapped or missing first letter) is tried too.
    // Reading the index costs in proportion to the words read, so the words
    // sharing the first two letters are tried first, then those sharing the
    // first, then those starting with the second (a swapped or missing first
    // letter).
    std::vector<std::u32string> starts{w.substr(0, 2), w.substr(0, 1)};
    if (w[1] != w[0]) starts.push_back(w.substr(1, 1));
    for (const auto& start : starts) {  // nothing found so far, so no word is considered twice
        if (!out.empty()) break;
        auto words = words_from(db, start);
        if (!words) return std::unexpected(words.error());
        consider(**words);
    }
    std::sort(out.begin(), out.end(), [](const Suggestion& a, const Suggestion& b) {
        if (a.distance != b.distance) return a.distance < b.distance;
        if (a.documents != b.documents) return a.documents > b.documents;
        return a.word < b.word;
    });
    if (out.size() > max) out.resize(max);
    return out;
}

} // namespace content
