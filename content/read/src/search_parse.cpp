// Query terms and FTS5 expressions; see search_parse.hpp.
#include "content/search_parse.hpp"
#include "content/text_fold.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

namespace content {
namespace {

bool ends_with(std::string_view s, std::string_view suf) { return s.size() >= suf.size() && s.substr(s.size() - suf.size()) == suf; }
bool starts_with(std::string_view s, std::string_view pre) { return s.substr(0, pre.size()) == pre; }

void add(std::vector<std::string>& forms, std::string f) {
    if (f.size() >= 2 && forms.size() < 4 && std::find(forms.begin(), forms.end(), f) == forms.end()) forms.push_back(std::move(f));
}

// Endings spelt differently in British and American English, both ways.
constexpr std::array<std::pair<std::string_view, std::string_view>, 17> k_endings = {{
    {"isation", "ization"}, {"isations", "izations"}, {"ise", "ize"}, {"ised", "ized"}, {"ises", "izes"}, {"ising", "izing"},
    {"yse", "yze"}, {"ysed", "yzed"}, {"ysing", "yzing"}, {"tre", "ter"}, {"tres", "ters"}, {"ogue", "og"},
    {"elled", "eled"}, {"elling", "eling"}, {"ellor", "elor"}, {"ement", "ment"}, {"ence", "ense"},
}};
// Word beginnings: British "our" and "ae"/"oe" spellings.
constexpr std::array<std::pair<std::string_view, std::string_view>, 18> k_starts = {{
    {"behaviour", "behavior"}, {"colour", "color"}, {"labour", "labor"}, {"neighbour", "neighbor"}, {"favour", "favor"},
    {"honour", "honor"}, {"humour", "humor"}, {"harbour", "harbor"}, {"endeavour", "endeavor"}, {"rigour", "rigor"},
    {"programme", "program"}, {"paed", "ped"}, {"haem", "hem"}, {"anaes", "anes"}, {"foet", "fet"}, {"oesoph", "esoph"},
    {"enrolment", "enrollment"}, {"fulfil", "fulfill"},
}};
// Little words that a query needs only as part of a phrase.
constexpr std::array<std::string_view, 22> k_stop = {"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in",
                                                     "is", "it", "of", "on", "or", "the", "to", "was", "with", "what", "how"};

constexpr std::array<std::pair<std::string_view, std::string_view>, 4> k_irregular = {{
    {"child", "children"}, {"woman", "women"}, {"person", "people"}, {"analysis", "analyses"},
}};

void spelling_forms(const std::string& w, std::vector<std::string>& forms) {
    for (auto [uk, us] : k_starts) {
        if (starts_with(w, uk)) add(forms, std::string(us) + w.substr(uk.size()));
        else if (starts_with(w, us) && !(us == "ped" || us == "hem" || us == "fet")) add(forms, std::string(uk) + w.substr(us.size()));
    }
    if (w.size() < 5) return;
    for (auto [uk, us] : k_endings) {
        if (ends_with(w, uk)) add(forms, w.substr(0, w.size() - uk.size()) + std::string(us));
        else if (ends_with(w, us) && us != "ment" && us != "ter" && us != "ters") add(forms, w.substr(0, w.size() - us.size()) + std::string(uk));
    }
}

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

void number_forms(const std::string& w, bool prefix, std::vector<std::string>& forms) {
    for (auto [one, many] : k_irregular) {
        if (w == one) add(forms, std::string(many));
        if (w == many) add(forms, std::string(one));
    }
    if (w.size() < 4 || !std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; })) return;
    if (ends_with(w, "ies") && w.size() > 4) add(forms, w.substr(0, w.size() - 3) + "y");
    else if (ends_with(w, "sses") || ends_with(w, "shes") || ends_with(w, "ches") || ends_with(w, "xes")) add(forms, w.substr(0, w.size() - 2));
    else if (ends_with(w, "s") && !ends_with(w, "ss") && !ends_with(w, "us") && !ends_with(w, "is")) add(forms, w.substr(0, w.size() - 1));
    else if (ends_with(w, "y") && !is_vowel(w[w.size() - 2])) add(forms, w.substr(0, w.size() - 1) + "ies");  // a prefix does not reach it
    else if (!prefix && !ends_with(w, "ed") && !ends_with(w, "ing") && !ends_with(w, "ly")) {  // a prefix already matches the plural
        if (ends_with(w, "s") || ends_with(w, "x") || ends_with(w, "ch") || ends_with(w, "sh")) add(forms, w + "es");
        else add(forms, w + "s");
    }
}

// Splits a run of non-space text into folded words.
std::vector<std::string> words_of(std::string_view s) {
    std::vector<std::string> out;
    std::string cur;
    for (std::size_t i = 0; i < s.size();) {
        char32_t c = next_code_point(s, i);
        if (is_word_code_point(c)) {
            append_utf8(cur, fold_code_point(c));
        } else if (!cur.empty()) {
            out.push_back(std::move(cur));
            cur.clear();
        }
    }
    if (!cur.empty()) out.push_back(std::move(cur));
    return out;
}

std::string join(const std::vector<std::string>& w) {
    std::string s;
    for (auto& x : w) s += (s.empty() ? "" : " ") + x;
    return s;
}

} // namespace

std::vector<std::string> word_forms(const std::string& word, bool prefix) {
    std::vector<std::string> forms{word};
    spelling_forms(word, forms);
    number_forms(word, prefix, forms);
    return forms;
}

ParsedQuery parse_query(const std::string& typed) {
    ParsedQuery q;
    std::size_t i = 0;
    while (i < typed.size()) {
        char c = typed[i];
        if (c == ' ' || c == '\t' || c == '\n') {
            ++i;
            continue;
        }
        bool quoted = c == '"';
        std::size_t start = quoted ? i + 1 : i;
        std::size_t end = quoted ? typed.find('"', start) : typed.find_first_of(" \t\n\"", start);
        if (end == std::string::npos) end = typed.size();
        std::string_view chunk(typed.data() + start, end - start);
        auto words = words_of(chunk);
        if (!words.empty()) {
            QueryTerm t;
            t.typed = std::string(chunk);
            t.phrase = quoted || words.size() > 1;
            t.forms = {t.phrase ? join(words) : words[0]};
            q.terms.push_back(std::move(t));
        }
        i = quoted && end < typed.size() ? end + 1 : end;
    }
    // The last bare word is still being typed unless a space or quote follows.
    bool trailing = !typed.empty() && (typed.back() == ' ' || typed.back() == '"');
    if (!q.terms.empty() && !trailing) q.terms.back().prefix = true;
    for (auto& t : q.terms) {
        if (t.phrase) continue;
        t.stop = !t.prefix && std::find(k_stop.begin(), k_stop.end(), t.forms[0]) != k_stop.end();
        t.forms = word_forms(t.forms[0], t.prefix);
    }
    return q;
}

namespace {

std::string quoted(const QueryTerm& t, const std::string& form) { return "\"" + form + "\"" + (t.prefix ? "*" : ""); }

} // namespace

std::string fts_term(const QueryTerm& t) {
    if (t.forms.size() == 1) return quoted(t, t.forms[0]);
    std::string s = "(";
    for (std::size_t i = 0; i < t.forms.size(); ++i) s += (i ? " OR " : "") + quoted(t, t.forms[i]);
    return s + ")";
}

std::vector<std::string> fts_phrases(const ParsedQuery& q) {
    std::vector<std::string> out;
    bool skip_stop = !q.only_stop_words();
    for (auto& t : q.terms)
        if (!(skip_stop && t.stop))
            for (auto& f : t.forms) out.push_back(quoted(t, f));
    return out;
}

bool ParsedQuery::only_stop_words() const {
    return std::all_of(terms.begin(), terms.end(), [](const QueryTerm& t) { return t.stop; });
}

std::string fts_all(const ParsedQuery& q) {
    std::string s;
    bool skip_stop = !q.only_stop_words();
    for (auto& t : q.terms)
        if (!(skip_stop && t.stop)) s += (s.empty() ? "" : " AND ") + fts_term(t);
    return s;
}

std::string fts_any(const ParsedQuery& q) {
    std::string s;
    bool skip_stop = !q.only_stop_words();
    for (auto& t : q.terms)
        if (!(skip_stop && t.stop)) s += (s.empty() ? "" : " OR ") + fts_term(t);
    return s;
}

std::string fts_phrase(const ParsedQuery& q) {
    std::size_t words = 0;
    std::vector<std::string> phrases{""};
    for (auto& t : q.terms) {
        words += t.phrase ? 2 : 1;
        std::vector<std::string> next;
        for (auto& p : phrases)
            for (std::size_t f = 0; f < t.forms.size() && f < 2 && next.size() < 8; ++f) next.push_back(p + (p.empty() ? "" : " ") + t.forms[f]);
        phrases = std::move(next);
    }
    if (words < 2) return {};
    std::string s;
    for (auto& p : phrases) s += (s.empty() ? "" : " OR ") + ("\"" + p + "\"" + (q.terms.back().prefix ? "*" : ""));
    return s;
}

std::string query_text(const ParsedQuery& q) {
    std::string s;
    for (auto& t : q.terms) s += (s.empty() ? "" : " ") + (t.phrase && t.typed.find(' ') != std::string::npos ? "\"" + t.typed + "\"" : t.typed);
    return s;
}

} // namespace content
