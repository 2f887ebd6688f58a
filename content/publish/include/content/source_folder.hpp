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
    std::vector<Meeting> meetings;       // kiosk-bundle/2 only
    std::string format;                  // bundle.json "format": "" (the build chooses), kiosk-bundle/1 or kiosk-bundle/2
    std::string demo_clock;              // bundle.json "demo_clock", resolved to local "YYYY-MM-DDTHH:MM"; "" for none
    std::vector<std::string> warnings;
};

// Reads `dir`. Refuses (E_SOURCE, with file and line) a missing bundle.json,
// malformed JSON/CSV/front matter, unknown units/polarities/markers/RAG values,
// bad dates, duplicate ids, and references to localities, periods, indicators
// or images that do not exist.
[[nodiscard]] Result<SourceBundle> read_source(const std::filesystem::path& dir);

// Resolves bundle.json's "demo_clock": "build HH:MM" becomes the build's local
// date (KIOSK_DEMO_TODAY=YYYY-MM-DD when set, else today) at that time; a
// local time YYYY-MM-DDTHH:MM stays. E_SOURCE for anything else.
[[nodiscard]] Status resolve_demo_clock(SourceBundle& sb);
// Reads meetings.csv and meeting_items.csv (FORMAT.md section 7) into
// sb.meetings. Refuses (E_SOURCE, file and line) bad kinds, dates and times
// (relative "+N HH:MM" only with a demo clock), an end before the start,
// duplicate ids, items of an unknown meeting, a note with a ref or another
// item without one.
[[nodiscard]] Status read_meetings(const std::filesystem::path& dir, SourceBundle& sb);
// Checks that every meeting's locality and every item's ref resolve in this
// source (E_SOURCE naming the meeting and item); "CHANNEL:ID" refs to another
// channel are checked for form only, with a warning.
[[nodiscard]] Status check_meetings(SourceBundle& sb);

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
