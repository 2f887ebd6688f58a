// Snippets and highlight ranges; see search_snippet.hpp.
#include "content/search_snippet.hpp"
#include "content/text_fold.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace content {
namespace {

struct Word {
    std::size_t b, e;
    int term;  // index of the matching term, or -1
};

// Bytes by kind: ASCII letters and digits are the only ASCII word characters
// of the index's tokenizer (content/text_fold.hpp); a byte from 0x80 starts
// or continues a multi-byte character, which is decoded. A table, as this
// loop reads whole bodies.
enum : unsigned char { k_sep = 0, k_ascii_word = 1, k_multi = 2 };
constexpr std::array<unsigned char, 256> k_byte_kind = [] {
    std::array<unsigned char, 256> t{};
    for (int c = 0; c < 256; ++c)
        t[static_cast<std::size_t>(c)] = c >= 0x80 ? k_multi : ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) ? k_ascii_word : k_sep;
    return t;
}();
unsigned char kind_of(char c) { return k_byte_kind[static_cast<unsigned char>(c)]; }
char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

// A word at `i` that holds a non-ASCII character: folds it into `folded`
// code point by code point and returns its end. When the character at `i` is
// no word character, `folded` stays empty and the end is just past it.
std::size_t scan_word(const std::string& text, std::size_t i, std::string& folded) {
    folded.clear();
    while (i < text.size()) {
        std::size_t at = i;
        unsigned char c = static_cast<unsigned char>(text[i]);
        char32_t cp = c < 0x80 ? (++i, c) : next_code_point(text, i);
        if (!is_word_code_point(cp)) return folded.empty() ? i : at;
        append_utf8(folded, fold_code_point(cp));
    }
    return i;
}

// The first bytes that the terms' forms begin with: most words of a body
// start with none of them and need no comparison.
class FirstBytes {
public:
    explicit FirstBytes(const std::vector<HighlightTerm>& terms) {
        for (const auto& t : terms)
            for (const auto& f : t.forms)
                if (f.empty()) m_set.fill(true);  // matches any word
                else m_set[static_cast<unsigned char>(f[0])] = true;
    }
    [[nodiscard]] bool may_start(char folded_first) const { return m_set[static_cast<unsigned char>(folded_first)]; }

private:
    std::array<bool, 256> m_set{};
};

// Calls fn(begin, end, folded) for each word of `text`, until fn returns
// false. `folded` is empty for an ASCII word whose first letter no term
// starts with (it cannot match, so it is not folded). Words of ASCII letters
// and digits (nearly all) take the fast path.
template <class Fn>
void for_each_word(const std::string& text, const FirstBytes& first, Fn&& fn) {
    std::string folded;
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        if (kind_of(text[i]) == k_sep) {
            ++i;
            continue;
        }
        const std::size_t b = i;
        std::size_t j = i;
        while (j < n && kind_of(text[j]) == k_ascii_word) ++j;
        if (j > b && (j == n || kind_of(text[j]) == k_sep)) {  // all ASCII
            folded.clear();
            if (first.may_start(ascii_lower(text[b])))
                for (std::size_t k = b; k < j; ++k) folded += ascii_lower(text[k]);
        } else {
            j = scan_word(text, b, folded);
            if (folded.empty()) {  // not a word character
                i = j;
                continue;
            }
        }
        i = j;
        if (!fn(b, j, std::string_view(folded))) return;
    }
}

int match_term(std::string_view folded, const std::vector<HighlightTerm>& terms) {
    if (folded.empty()) return -1;
    for (std::size_t t = 0; t < terms.size(); ++t)
        for (const auto& f : terms[t].forms)
            if (terms[t].prefix ? folded.starts_with(f) : folded == f) return static_cast<int>(t);
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
    words.reserve(std::min<std::size_t>(3000, body.size() / 5 + 1));
    for_each_word(body, FirstBytes(terms), [&](std::size_t b, std::size_t e, std::string_view folded) {
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
    for_each_word(text, FirstBytes(terms), [&](std::size_t, std::size_t, std::string_view folded) {
        if (int m = match_term(folded, terms); m >= 0) seen[static_cast<std::size_t>(m)] = true;
        return true;
    });
    return static_cast<double>(std::count(seen.begin(), seen.end(), true)) / static_cast<double>(terms.size());
}

std::vector<std::pair<std::size_t, std::size_t>> match_ranges(const std::string& text, const std::vector<HighlightTerm>& terms) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for_each_word(text, FirstBytes(terms), [&](std::size_t b, std::size_t e, std::string_view folded) {
        if (match_term(folded, terms) >= 0) out.emplace_back(b, e);
        return true;
    });
    return out;
}

} // namespace content
