// Snippets and highlight ranges; see search_snippet.hpp.
#include "content/search_snippet.hpp"
#include "content/text_fold.hpp"

#include <algorithm>

namespace content {
namespace {

struct Word {
    std::size_t b, e;
    int term;  // index of the matching term, or -1
};

// Calls fn(begin, end, folded) for each word of `text`, until fn returns false.
template <class Fn>
void for_each_word(const std::string& text, Fn&& fn) {
    std::string folded;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t b = i, e = i;
        folded.clear();
        while (i < text.size()) {
            std::size_t at = i;
            unsigned char c = static_cast<unsigned char>(text[i]);
            char32_t cp = c < 0x80 ? (++i, c) : next_code_point(text, i);
            if (!is_word_code_point(cp)) {
                if (!folded.empty()) {
                    i = at;
                    break;
                }
                b = i;
                continue;
            }
            if (cp < 0x80) folded += static_cast<char>(fold_code_point(cp));
            else append_utf8(folded, fold_code_point(cp));
            e = i;
        }
        if (folded.empty()) break;
        if (!fn(b, e, folded)) return;
    }
}

int match_term(const std::string& folded, const std::vector<HighlightTerm>& terms) {
    for (std::size_t t = 0; t < terms.size(); ++t)
        for (const auto& f : terms[t].forms)
            if (terms[t].prefix ? folded.compare(0, f.size(), f) == 0 && folded.size() >= f.size() : folded == f) return static_cast<int>(t);
    return -1;
}

int distinct_in(const std::vector<Word>& words, std::size_t from, std::size_t to, std::size_t n_terms) {
    std::vector<bool> seen(n_terms, false);
    int count = 0;
    for (std::size_t j = from; j < to && j < words.size(); ++j)
        if (words[j].term >= 0 && !seen[static_cast<std::size_t>(words[j].term)]) {
            seen[static_cast<std::size_t>(words[j].term)] = true;
            ++count;
        }
    return count;
}

} // namespace

std::vector<HighlightTerm> highlight_terms(const ParsedQuery& q) {
    std::vector<HighlightTerm> out;
    bool skip_stop = !q.only_stop_words();
    for (std::size_t i = 0; i < q.terms.size(); ++i) {
        const auto& t = q.terms[i];
        if (skip_stop && t.stop) continue;
        if (!t.phrase) {
            out.push_back(HighlightTerm{t.forms, t.prefix});
            continue;
        }
        std::size_t p = 0;
        const std::string& s = t.forms[0];
        while (p < s.size()) {
            std::size_t e = s.find(' ', p);
            if (e == std::string::npos) e = s.size();
            out.push_back(HighlightTerm{{s.substr(p, e - p)}, t.prefix && e == s.size()});
            p = e + 1;
        }
    }
    return out;
}

void make_snippet(const std::string& body, const std::vector<HighlightTerm>& terms, SearchHit& hit) {
    std::vector<Word> words;
    const int all = static_cast<int>(terms.size());
    std::size_t stop_after = std::string::npos;  // once a full cluster is seen, a few more words suffice
    for_each_word(body, [&](std::size_t b, std::size_t e, const std::string& folded) {
        int m = match_term(folded, terms);
        words.push_back(Word{b, e, m});
        if (m >= 0 && stop_after == std::string::npos && distinct_in(words, words.size() > 8 ? words.size() - 8 : 0, words.size(), terms.size()) == all)
            stop_after = words.size() + 12;
        return words.size() < 3000 && words.size() < stop_after;
    });
    if (words.empty()) return;
    std::size_t best = 0;
    int best_count = 0;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (words[i].term < 0) continue;
        int count = distinct_in(words, i, i + 8, terms.size());
        if (count > best_count) {
            best_count = count;
            best = i;
            if (count == all) break;
        }
    }
    std::size_t start = best > 3 ? best - 3 : 0;
    std::size_t stop = std::min(words.size(), start + 16);
    std::size_t from = words[start].b, to = words[stop - 1].e;
    if (start > 0) hit.snippet = "…";
    std::size_t base = hit.snippet.size();
    for (std::size_t k = from; k < to; ++k) hit.snippet += (body[k] == '\n' || body[k] == '\r' || body[k] == '\t') ? ' ' : body[k];
    for (std::size_t k = start; k < stop; ++k)
        if (words[k].term >= 0) hit.highlights.emplace_back(base + words[k].b - from, base + words[k].e - from);
    if (to < body.size()) hit.snippet += "…";
}

double term_coverage(const std::string& text, const std::vector<HighlightTerm>& terms) {
    if (terms.empty()) return 0;
    std::vector<bool> seen(terms.size(), false);
    for_each_word(text, [&](std::size_t, std::size_t, const std::string& folded) {
        if (int m = match_term(folded, terms); m >= 0) seen[static_cast<std::size_t>(m)] = true;
        return true;
    });
    return static_cast<double>(std::count(seen.begin(), seen.end(), true)) / static_cast<double>(terms.size());
}

std::vector<std::pair<std::size_t, std::size_t>> match_ranges(const std::string& text, const std::vector<HighlightTerm>& terms) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for_each_word(text, [&](std::size_t b, std::size_t e, const std::string& folded) {
        if (match_term(folded, terms) >= 0) out.emplace_back(b, e);
        return true;
    });
    return out;
}

} // namespace content
