// Lint: source, disclosure and individual-level checks; see lint.hpp.
#include "content/lint.hpp"
#include "content/bundle_builder.hpp"
#include "content/bundle_reader.hpp"
#include "content/bundle_verify.hpp"
#include "content/csv.hpp"
#include "content/schema.hpp"
#include "content/sqlite.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <cstring>
#include <set>

namespace fs = std::filesystem;

namespace content {
namespace {

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool is_upper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }
bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

std::string lower(std::string_view s) {
    std::string o(s);
    for (auto& c : o) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return o;
}

std::string excerpt_at(std::string_view text, std::size_t pos, std::size_t len) {
    std::size_t b = pos > 20 ? pos - 20 : 0;
    std::string e(text.substr(b, len + 40));
    for (auto& c : e)
        if (c == '\n' || c == '\r') c = ' ';
    return e;
}

// Matches a UK unit postcode at `i`: outward (A9, A99, A9A, AA9, AA99, AA9A), space, 9AA.
std::size_t postcode_len(std::string_view t, std::size_t i) {
    if (i > 0 && is_alnum(t[i - 1])) return 0;
    std::size_t j = i;
    int letters = 0;
    while (j < t.size() && is_upper(t[j]) && letters < 2) { ++j; ++letters; }
    if (letters == 0 || j >= t.size() || !is_digit(t[j])) return 0;
    ++j;
    if (j < t.size() && (is_digit(t[j]) || is_upper(t[j]))) ++j;
    if (j >= t.size() || t[j] != ' ') return 0;
    ++j;
    if (j + 3 > t.size() || !is_digit(t[j]) || !is_upper(t[j + 1]) || !is_upper(t[j + 2])) return 0;
    j += 3;
    if (j < t.size() && is_alnum(t[j])) return 0;
    return j - i;
}

bool numeric_date_at(std::string_view t, std::size_t i, std::size_t& len) {
    // dd/mm/yyyy or d/m/yyyy
    std::size_t j = i;
    auto digits = [&](int min, int max) {
        int n = 0;
        while (j < t.size() && is_digit(t[j]) && n < max) { ++j; ++n; }
        return n >= min;
    };
    if (!digits(1, 2) || j >= t.size() || t[j] != '/') return false;
    ++j;
    if (!digits(1, 2) || j >= t.size() || t[j] != '/') return false;
    ++j;
    if (!digits(4, 4)) return false;
    len = j - i;
    return true;
}

} // namespace

const char* privacy_pattern_name(PrivacyPattern p) {
    switch (p) {
    case PrivacyPattern::identifier_column: return "identifier-column";
    case PrivacyPattern::nhs_number: return "nhs-number";
    case PrivacyPattern::upn: return "upn";
    case PrivacyPattern::postcode: return "postcode";
    case PrivacyPattern::born_on: return "born-on";
    case PrivacyPattern::name_with_date: return "name-with-date";
    }
    return "unknown";
}

bool valid_nhs_number(std::string_view s) {
    std::string d;
    for (char c : s) {
        if (is_digit(c)) d += c;
        else if (c != ' ' && c != '-') return false;
    }
    if (d.size() != 10) return false;
    int sum = 0;
    for (int i = 0; i < 9; ++i) sum += (d[static_cast<std::size_t>(i)] - '0') * (10 - i);
    int check = 11 - (sum % 11);
    if (check == 11) check = 0;
    if (check == 10) return false;
    return check == d[9] - '0';
}

bool valid_upn(std::string_view u) {
    if (u.size() != 13 || !is_upper(u[0])) return false;
    static const char letters[] = "ABCDEFGHJKLMNPQRTUVWXYZ";  // 23 letters: no I, O, S
    int sum = 0;
    for (std::size_t i = 1; i < 13; ++i) {
        char c = u[i];
        int v;
        if (is_digit(c)) v = c - '0';
        else if (i == 12 && is_upper(c)) {  // a temporary UPN ends in a letter
            const char* p = std::strchr(letters, c);
            if (!p) return false;
            v = static_cast<int>(p - letters);
        } else return false;
        sum += v * static_cast<int>(i + 1);
    }
    return u[0] == letters[sum % 23];
}

bool identifier_column(std::string_view name) {
    static const std::set<std::string> bad = {"dob", "date_of_birth", "dateofbirth", "birth_date", "upn", "nhs_number", "nhsnumber",
                                              "nhs_no", "child_name", "first_name", "surname", "forename", "postcode", "address"};
    return bad.count(lower(name)) != 0;
}

std::vector<PrivacyHit> scan_text(std::string_view t) {
    std::vector<PrivacyHit> hits;
    std::string low = lower(t);
    for (std::size_t i = 0; i < t.size(); ++i) {
        // NHS number: 10 digits, alone or as 3-3-4 with spaces or hyphens.
        if (is_digit(t[i]) && (i == 0 || !is_alnum(t[i - 1]))) {
            std::size_t j = i;
            std::string d;
            while (j < t.size() && d.size() < 10 && (is_digit(t[j]) || ((t[j] == ' ' || t[j] == '-') && j + 1 < t.size() && is_digit(t[j + 1])))) {
                if (is_digit(t[j])) d += t[j];
                ++j;
            }
            if (d.size() == 10 && (j >= t.size() || !is_alnum(t[j])) && valid_nhs_number(d))
                hits.push_back({PrivacyPattern::nhs_number, i, excerpt_at(t, i, j - i)});
        }
        // UPN: letter + 12 characters, as one token.
        if (is_upper(t[i]) && (i == 0 || !is_alnum(t[i - 1])) && i + 13 <= t.size() && (i + 13 == t.size() || !is_alnum(t[i + 13]))) {
            if (valid_upn(t.substr(i, 13))) hits.push_back({PrivacyPattern::upn, i, excerpt_at(t, i, 13)});
        }
        if (is_upper(t[i])) {
            if (std::size_t n = postcode_len(t, i)) hits.push_back({PrivacyPattern::postcode, i, excerpt_at(t, i, n)});
        }
        std::size_t dl = 0;
        if (is_digit(t[i]) && (i == 0 || !is_digit(t[i - 1])) && numeric_date_at(t, i, dl)) {
            // A capitalised two-word name just before the date: "Jane Smith (03/04/2010)".
            std::size_t k = i;
            while (k > 0 && (t[k - 1] == ' ' || t[k - 1] == '(' || t[k - 1] == ',' || t[k - 1] == '-')) --k;
            int words = 0;
            std::size_t w_end = k;
            while (w_end > 0 && words < 2) {
                std::size_t w_start = w_end;
                while (w_start > 0 && is_alpha(t[w_start - 1])) --w_start;
                if (w_start == w_end || !is_upper(t[w_start]) || w_end - w_start < 2) break;
                ++words;
                w_end = w_start;
                if (w_end > 0 && t[w_end - 1] == ' ') --w_end;
                else break;
            }
            if (words == 2 && i - k <= 3) hits.push_back({PrivacyPattern::name_with_date, w_end, excerpt_at(t, w_end, i + dl - w_end)});
        }
    }
    for (std::string_view phrase : {"born on ", "date of birth", "d.o.b", "dob:", "dob "}) {
        for (std::size_t p = low.find(phrase); p != std::string::npos; p = low.find(phrase, p + 1)) {
            if (p > 0 && is_alnum(low[p - 1])) continue;
            hits.push_back({PrivacyPattern::born_on, p, excerpt_at(t, p, phrase.size())});
        }
    }
    return hits;
}

namespace {

// Scans every stored text field (schema::text_fields(): the same list the
// length limits use, so a new column cannot be missed) for individual-level
// data. A finding is named TABLE.COLUMN:ROW; an override names one pattern
// and either that field or a whole row (TABLE:ROW).
void scan_stored_texts(sql::Db& db, const std::vector<LintOverride>& overrides, LintReport& report, const std::string& where) {
    auto s = schema::for_each_text(db, [&](const schema::TextField& f, const std::string& row, const std::string& text) {
        const std::string table(f.table), field = table + "." + std::string(f.column) + ":" + row;
        for (auto& h : scan_text(text)) {
            bool overridden = false;
            for (auto& o : overrides)
                overridden |= o.pattern == privacy_pattern_name(h.pattern) && (o.field == field || o.field == table + ":" + row);
            if (overridden) continue;
            report.findings.push_back({"E_PERSONAL_DATA", field,
                                       std::string("looks like individual-level data (") + privacy_pattern_name(h.pattern) + "): \"" + h.excerpt +
                                           "\". Remove it, or record an override for this field in bundle.json if it is not about a child."});
        }
    });
    if (!s) report.findings.push_back({std::string(reason_code(s.error().reason)), where, s.error().message});
}

void lint_disclosure(const SourceBundle& sb, LintReport& report, FixSuggest fix) {
    DisclosureInput in{sb.localities, sb.indicators, sb.values, sb.disclosure_threshold};
    for (auto& i : find_disclosure_issues(in))
        report.findings.push_back({"E_DISCLOSURE", "values.csv:" + i.cell.str(), i.message});
    if (fix == FixSuggest::yes) report.suggested_suppression = suggest_secondary_suppression(in);
}

} // namespace

void lint_model(const SourceBundle& sb, LintReport& report, FixSuggest fix) {
    lint_disclosure(sb, report, fix);
    // The fields as a bundle would store them: the same rows, columns and
    // manifest the builder writes, in a database in memory.
    auto db = sql::Db::open(":memory:", sql::OpenMode::read_write_create);
    if (!db) {
        report.findings.push_back({std::string(reason_code(db.error().reason)), "source", db.error().message});
        return;
    }
    if (auto w = write_check_database(*db, sb); !w) {
        report.findings.push_back({std::string(reason_code(w.error().reason)), "source", w.error().message});
        return;
    }
    scan_stored_texts(*db, sb.overrides, report, "source");
}

LintReport lint_source(const fs::path& dir, FixSuggest fix) {
    LintReport report;
    // Individual-level column names in any CSV, before anything else is read.
    std::error_code ec;
    for (const auto& e : fs::recursive_directory_iterator(dir, ec)) {
        if (!e.is_regular_file() || e.path().extension() != ".csv") continue;
        auto t = csv::load(e.path());
        if (!t) continue;  // read_source reports it
        for (auto& h : t->header)
            if (identifier_column(h))
                report.findings.push_back({"E_PERSONAL_DATA", fs::relative(e.path(), dir).string() + ":1",
                                           "the column '" + h + "' holds individual-level data, which bundles must never carry."});
    }
    auto sb = read_source(dir);
    if (!sb) {
        report.findings.push_back({std::string(reason_code(sb.error().reason)), dir.string(), sb.error().message});
        return report;
    }
    if (auto l = check_text_limits(*sb); !l) report.findings.push_back({std::string(reason_code(l.error().reason)), dir.string(), l.error().message});
    lint_model(*sb, report, fix);
    return report;
}

LintReport lint_bundle(const fs::path& bundle, FixSuggest fix) {
    LintReport report;
    auto m = check_contents(bundle, VerifyOptions{});
    if (!m) {
        report.findings.push_back({std::string(reason_code(m.error().reason)), bundle.string(), m.error().message});
        return report;
    }
    auto r = BundleReader::open(bundle);
    if (!r) {
        report.findings.push_back({std::string(reason_code(r.error().reason)), bundle.string(), r.error().message});
        return report;
    }
    SourceBundle sb;
    sb.disclosure_threshold = m->disclosure_threshold;
    auto ov = nlohmann::json::parse(m->lint_overrides_json, nullptr, false);
    if (ov.is_array())
        for (auto& o : ov)
            if (o.is_object()) sb.overrides.push_back({o.value("pattern", ""), o.value("field", ""), o.value("reason", "")});
    auto take = [&](auto res, auto& dst) {
        if (res) dst = std::move(*res);
        else report.findings.push_back({std::string(reason_code(res.error().reason)), bundle.string(), res.error().message});
    };
    take(r->localities(), sb.localities);
    take(r->indicators(), sb.indicators);
    take(r->values(), sb.values);
    lint_disclosure(sb, report, fix);
    auto db = sql::Db::open(bundle, sql::OpenMode::read_only_immutable);
    if (!db) {
        report.findings.push_back({std::string(reason_code(db.error().reason)), bundle.string(), db.error().message});
        return report;
    }
    scan_stored_texts(*db, sb.overrides, report, bundle.string());
    return report;
}

} // namespace content
