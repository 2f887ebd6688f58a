// Why this file exists: the plain data types for bundle content, shared by the
// publisher (source folder -> model -> bundle), the disclosure rules, and the
// kiosk's read side (bundle -> model -> views). No SQLite, no UI.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace content {

struct Locality {
    std::string id, name, kind;  // kind: locality | area | comparator
    std::string parent_id;       // empty for none
    std::int64_t sort_order = 0;
    std::string note;
};

struct Period {
    std::string id, label, start_date, end_date;
    std::int64_t sort_order = 0;
};

enum class Unit { count, rate_per_10000, percent };
enum class Polarity { higher_is_better, lower_is_better, neutral };

struct Indicator {
    std::string id, title, definition;
    Unit unit = Unit::count;
    Polarity polarity = Polarity::neutral;
    std::string source;
    std::string numerator_id;  // for rates: the count indicator they derive from
    bool additive = false;     // locality values sum to the area value
    std::int64_t sort_order = 0;
};

struct Value {
    std::string indicator_id, locality_id, period_id;
    std::optional<double> value;
    std::string marker;  // "", "[c]", "[x]", "[z]", "[low]", "[u]", "[p]", "[r]", "[e]"
    std::string note;
    std::size_t source_line = 0;  // where it came from, for publisher messages
};

struct Briefing {
    std::string id, title, kind, audience, date, locality_id, summary, body_md, sources;
};

struct Tracker {
    std::string id, title, kind, source, description;
    std::int64_t sort_order = 0;
};

struct TrackerItem {
    std::string tracker_id, id, ref, title, owner, due_date, rag, progress, response;
    std::int64_t sort_order = 0;
};

struct Question {
    std::string prompt;
    std::vector<std::string> options;
    int answer = 0;  // index into options
    std::string explanation;
};

struct Slide {
    std::int64_t ord = 0;
    std::string title, body_md, notes, image_id;
    std::optional<Question> question;
};

struct Module {
    std::string id, title, audience;
    std::int64_t duration_min = 0;
    std::vector<std::string> outcomes;
    std::string summary, sources;
    std::int64_t sort_order = 0;
    std::vector<Slide> slides;
};

// What the library list needs about a document (not its summary, sources or
// body, which the reader loads on demand: at 10,000 documents this matters).
struct DocumentHeader {
    std::string id, title, category, organisation, published, review_date;
    std::int64_t page_count = 0;
};

struct DocPage {
    std::int64_t page = 0;
    std::string image_id, text;
};

struct Document {
    std::string id, title, category, organisation, published, review_date, summary, body_md, sources;
    std::vector<DocPage> pages;
};

// One item of a meeting's pack (kiosk-bundle/2). `ref` names what it opens:
// a briefing, document or module id, or a locality id for `figures`; empty
// for a plain note. "CHANNEL:ID" names content in another channel.
struct MeetingItem {
    std::int64_t ord = 0;     // 1, 2, 3... the order in the pack
    std::string number;       // the agenda's item number as people quote it, e.g. "4"
    std::string title, kind;  // kind: briefing | document | module | figures | note
    std::string ref, note;
};

// A meeting (kiosk-bundle/2). Times are the council's local wall-clock time,
// "YYYY-MM-DDTHH:MM" (see dates.hpp: parse_local_minute).
struct Meeting {
    std::string id, title, kind;  // kind: locality-meeting | board-briefing | training-session | conference | scrutiny
    std::string starts, ends, place;
    std::string locality_id;      // empty: not about one locality
    std::int64_t lead_item = 0;   // the item `ord` home names on the day; 0: none
    std::int64_t lead_minutes = -1;  // how long before the start home leads with it; -1: the kiosk's default
    std::string notes;
    std::vector<MeetingItem> items;  // in `ord` order
};

struct Image {
    std::string id, mime, alt;
    int width = 0, height = 0;
    std::vector<std::uint8_t> data;
};

// Marker semantics, per GSS symbols guidance.
// True for markers that stand in place of a value: [c] [x] [z] [low].
[[nodiscard]] bool is_suppression_marker(const std::string& marker);
[[nodiscard]] bool is_known_marker(const std::string& marker);
// A person-readable meaning, e.g. "[c]" -> "confidential: withheld to protect privacy".
[[nodiscard]] std::string marker_meaning(const std::string& marker);

[[nodiscard]] const char* unit_name(Unit u);
[[nodiscard]] const char* polarity_name(Polarity p);
[[nodiscard]] std::optional<Unit> parse_unit(const std::string& s);
[[nodiscard]] std::optional<Polarity> parse_polarity(const std::string& s);

} // namespace content
