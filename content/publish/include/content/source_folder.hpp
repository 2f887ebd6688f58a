// Why this file exists: reading a publisher's source folder (FORMAT.md, "Source
// folder layout") into the content model, with every error naming a file and a
// line. Building and linting both start here.
#pragma once
#include "content/error.hpp"
#include "content/model.hpp"

#include <filesystem>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace content {

struct LintOverride {
    std::string pattern;  // e.g. "person-name-with-date", "postcode", "nhs-number"
    std::string field;    // e.g. "documents.body_md:annual-report-2013"
    std::string reason;
};

struct SourceBundle {
    std::string channel, title, min_kiosk_version, publisher;
    std::int64_t version = 0;
    std::string expires;                 // UTC timestamp text
    std::optional<std::string> created;  // UTC timestamp text
    std::int64_t disclosure_threshold = 5;
    std::vector<LintOverride> overrides;

    std::vector<Locality> localities;
    std::vector<Period> periods;
    std::vector<Indicator> indicators;
    std::vector<Value> values;
    std::vector<Briefing> briefings;
    std::vector<Tracker> trackers;
    std::vector<TrackerItem> tracker_items;
    std::vector<Module> modules;
    std::vector<Document> documents;
    std::vector<Image> images;
    std::vector<std::string> warnings;
};

// Reads `dir`. Refuses (E_SOURCE, with file and line) a missing bundle.json,
// malformed JSON/CSV/front matter, unknown units/polarities/markers/RAG values,
// bad dates, duplicate ids, and references to localities, periods, indicators
// or images that do not exist.
[[nodiscard]] Result<SourceBundle> read_source(const std::filesystem::path& dir);

// Parses a slides.md text into slides (split on lines that are exactly "---").
// `file` is used in messages.
[[nodiscard]] Result<std::vector<Slide>> parse_slides(std::string_view text, const std::string& file);

// Parses a value cell: a number, a marker such as "[c]", or "123 [p]".
[[nodiscard]] std::optional<Value> parse_value_cell(const std::string& cell);

// Converts a PDF into page images (PNG, 110 dpi) and page texts with
// poppler-utils' pdftoppm and pdftotext. Refuses (E_SOURCE, naming `where`)
// when the tools are missing, saying how to get them, or the PDF is unreadable.
[[nodiscard]] Result<std::vector<std::pair<std::vector<std::uint8_t>, std::string>>> pdf_to_pages(const std::filesystem::path& pdf,
                                                                                                   const std::string& where);

// Ids referenced from markdown as ![alt](image:ID) and [text](doc:ID).
[[nodiscard]] std::vector<std::string> image_refs(std::string_view markdown);
[[nodiscard]] std::vector<std::string> doc_refs(std::string_view markdown);

} // namespace content
