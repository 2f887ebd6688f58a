// Why this file exists: `kiosk-bundle lint` and the import-time checks. It
// gathers every problem (not just the first) with its location: schema and
// source errors, disclosure breaches, and text that looks individual-level
// (the kiosk must never carry information on individual children).
#pragma once
#include "content/disclosure.hpp"
#include "content/error.hpp"
#include "content/source_folder.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace content {

// Individual-level patterns; the names are what overrides refer to.
enum class PrivacyPattern { identifier_column, nhs_number, upn, postcode, born_on, name_with_date };
[[nodiscard]] const char* privacy_pattern_name(PrivacyPattern p);

struct LintFinding {
    std::string code;      // E_SOURCE, E_DISCLOSURE, E_PERSONAL_DATA, ...
    std::string location;  // file:line, or table.column:id
    std::string message;
};

struct LintReport {
    std::vector<LintFinding> findings;
    std::vector<CellRef> suggested_suppression;  // filled with fix_suggest
    [[nodiscard]] bool ok() const { return findings.empty(); }
};

struct PrivacyHit {
    PrivacyPattern pattern;
    std::size_t offset = 0;
    std::string excerpt;
};

// Scans free text for individual-level data. Returns each hit:
// valid NHS numbers (mod-11 check digit), valid UPNs (mod-23 check letter),
// full unit postcodes, "born on"/"date of birth"/"DOB" phrases, and a
// capitalised name next to a dd/mm/yyyy date.
[[nodiscard]] std::vector<PrivacyHit> scan_text(std::string_view text);

// True when `digits` (10 digits, spaces/hyphens allowed) has a valid NHS check digit.
[[nodiscard]] bool valid_nhs_number(std::string_view digits);
// True when `upn` (13 chars) has a valid check letter.
[[nodiscard]] bool valid_upn(std::string_view upn);
// True when a CSV column name is an individual identifier (dob, upn, ...).
[[nodiscard]] bool identifier_column(std::string_view name);

enum class FixSuggest { no, yes };

// Lints a source folder. Never fails: problems become findings.
[[nodiscard]] LintReport lint_source(const std::filesystem::path& dir, FixSuggest fix);
// Lints the privacy and disclosure rules of an already-read source bundle.
void lint_model(const SourceBundle& sb, LintReport& report, FixSuggest fix);
// Lints a bundle file (contents only; signatures are `verify`'s job).
[[nodiscard]] LintReport lint_bundle(const std::filesystem::path& bundle, FixSuggest fix);

} // namespace content
