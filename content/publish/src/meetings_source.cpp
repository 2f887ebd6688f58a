// Meetings in a source folder (meetings.csv, meeting_items.csv) and their
// checks; see source_folder.hpp (read_meetings, check_meetings).
#include "content/csv.hpp"
#include "content/dates.hpp"
#include "content/limits.hpp"
#include "content/manifest.hpp"
#include "content/source_folder.hpp"
#include "source_parts.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <ctime>
#include <cstdlib>
#include <map>
#include <set>

namespace fs = std::filesystem;

namespace content {
namespace {

using source_detail::src_error;
using source_detail::valid_id;

std::optional<std::int64_t> whole_number(const std::string& s) {
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
}

// The local date a demo source's relative dates count from: KIOSK_DEMO_TODAY
// (YYYY-MM-DD, for reproducible builds and tests), else today on this machine.
std::int64_t demo_today_minute() {
    if (const char* d = std::getenv("KIOSK_DEMO_TODAY"); d && *d)
        if (auto t = parse_local_minute(std::string(d) + "T00:00")) return *t;
    return local_minute_of(static_cast<std::int64_t>(std::time(nullptr))) / (24 * 60) * (24 * 60);
}

// A meeting time as written in meetings.csv: "2027-03-12 19:00" or
// "2027-03-12T19:00"; in a demo source also "+3 19:00" / "-40 10:00" (days
// from the demo clock's date). Returns the local minute count.
std::optional<std::int64_t> source_time(std::string s, std::optional<std::int64_t> demo_day) {
    if ((s.starts_with('+') || s.starts_with('-')) && demo_day) {
        auto sp = s.find(' ');
        if (sp == std::string::npos) return std::nullopt;
        auto days = whole_number(s.substr(s.starts_with('+') ? 1 : 0, sp - (s.starts_with('+') ? 1 : 0)));
        auto clock = parse_local_minute("1970-01-01T" + s.substr(sp + 1));
        if (!days || !clock || *days < -3660 || *days > 3660) return std::nullopt;
        return *demo_day + *days * 24 * 60 + *clock;
    }
    if (s.size() == 16 && s[10] == ' ') s[10] = 'T';
    return parse_local_minute(s);
}

} // namespace

Status resolve_demo_clock(SourceBundle& sb) {
    if (sb.demo_clock.empty()) return {};
    // "build 17:30": the build's own date at that time, stated in the bundle.
    if (sb.demo_clock.starts_with("build ")) {
        auto clock = parse_local_minute("1970-01-01T" + sb.demo_clock.substr(6));
        if (!clock) return src_error("bundle.json", "\"demo_clock\" must be \"build HH:MM\" or a local time like 2026-11-30T17:30.");
        sb.demo_clock = format_local_minute(demo_today_minute() + *clock);
        return {};
    }
    if (!parse_local_minute(sb.demo_clock))
        return src_error("bundle.json", "\"demo_clock\" must be \"build HH:MM\" or a local time like 2026-11-30T17:30.");
    return {};
}

Status read_meetings(const fs::path& dir, SourceBundle& sb) {
    std::error_code ec;
    bool have_meetings = fs::exists(dir / "meetings.csv", ec), have_items = fs::exists(dir / "meeting_items.csv", ec);
    if (!have_meetings) {
        if (have_items) return src_error("meeting_items.csv", "there is no meetings.csv for these items to belong to.");
        return {};
    }
    std::optional<std::int64_t> demo_day;
    if (auto c = parse_local_minute(sb.demo_clock)) demo_day = *c / (24 * 60) * (24 * 60);
    auto mt = csv::load(dir / "meetings.csv");
    if (!mt) return std::unexpected(mt.error());
    if (auto r = mt->require({"id", "title", "kind", "starts", "place"}); !r) return r;
    static const std::set<std::string> kinds = {"locality-meeting", "board-briefing", "training-session", "conference", "scrutiny"};
    std::map<std::string, std::size_t> by_id;
    for (const auto& row : mt->rows) {
        Meeting m;
        std::string where = mt->where(row);
        m.id = mt->get(row, "id");
        m.title = mt->get(row, "title");
        m.kind = mt->get(row, "kind");
        m.place = mt->get(row, "place");
        m.locality_id = mt->get(row, "locality");
        m.notes = mt->get(row, "notes");
        if (!valid_id(m.id)) return src_error(where, "the meeting id '" + m.id + "' must be lower-case letters, digits, '-', '_' or '.'.");
        if (m.title.empty() || m.place.empty()) return src_error(where, "every meeting needs a title and a place.");
        if (!kinds.count(m.kind))
            return src_error(where, "kind must be locality-meeting, board-briefing, training-session, conference or scrutiny, not '" + m.kind + "'.");
        std::string starts = mt->get(row, "starts"), ends = mt->get(row, "ends");
        auto s = source_time(starts, demo_day);
        if (!s) {
            bool relative = starts.starts_with('+') || starts.starts_with('-');
            return src_error(where, relative && !demo_day ? "'starts' is relative ('" + starts + "'), which only a demo source with \"demo_clock\" in bundle.json may use."
                                                          : "'starts' must be a local date and time like 2027-03-12 19:00, not '" + starts + "'.");
        }
        std::int64_t e = *s + 120;  // two hours when 'ends' is empty
        if (!ends.empty()) {
            auto day = *s / (24 * 60) * (24 * 60);
            auto full = ends.size() == 5 ? parse_local_minute("1970-01-01T" + ends) : std::optional<std::int64_t>{};
            auto t = full ? std::optional(day + *full) : source_time(ends, demo_day);
            if (!t) return src_error(where, "'ends' must be a time like 21:00 or a local date and time, not '" + ends + "'.");
            if (full && *t <= *s) *t += 24 * 60;  // "23:00" to "00:30": past midnight
            if (*t <= *s) return src_error(where, "the meeting ends ('" + ends + "') before it starts ('" + starts + "').");
            if (*t - *s > 7 * 24 * 60) return src_error(where, "the meeting lasts more than a week; check 'ends'.");
            e = *t;
        }
        m.starts = format_local_minute(*s);
        m.ends = format_local_minute(e);
        if (std::string li = mt->get(row, "lead_item"); !li.empty()) {
            auto v = whole_number(li);
            if (!v || *v < 1) return src_error(where, "lead_item must be the number of an item in the pack (1, 2, ...), not '" + li + "'.");
            m.lead_item = *v;
        }
        if (std::string lm = mt->get(row, "lead_minutes"); !lm.empty()) {
            auto v = whole_number(lm);
            if (!v || *v < 0 || *v > 14 * 24 * 60) return src_error(where, "lead_minutes must be whole minutes from 0 to 20160 (two weeks), not '" + lm + "'.");
            m.lead_minutes = *v;
        }
        if (!by_id.emplace(m.id, sb.meetings.size()).second) return src_error(where, "the meeting id '" + m.id + "' is used twice.");
        sb.meetings.push_back(std::move(m));
    }
    if (!have_items) return {};
    auto it = csv::load(dir / "meeting_items.csv");
    if (!it) return std::unexpected(it.error());
    if (auto r = it->require({"meeting_id", "title", "kind"}); !r) return r;
    static const std::set<std::string> item_kinds = {"briefing", "document", "module", "figures", "note"};
    for (const auto& row : it->rows) {
        std::string where = it->where(row), mid = it->get(row, "meeting_id");
        auto m = by_id.find(mid);
        if (m == by_id.end()) return src_error(where, "the item names a meeting '" + mid + "' that is not in meetings.csv.");
        auto& items = sb.meetings[m->second].items;
        MeetingItem i{static_cast<std::int64_t>(items.size()) + 1, it->get(row, "number"), it->get(row, "title"), it->get(row, "kind"),
                      it->get(row, "ref"), it->get(row, "note")};
        if (i.number.empty()) i.number = std::to_string(i.ord);
        if (i.title.empty()) return src_error(where, "every item needs a title.");
        if (!item_kinds.count(i.kind)) return src_error(where, "kind must be briefing, document, module, figures or note, not '" + i.kind + "'.");
        if (i.kind == "note" ? !i.ref.empty() : i.ref.empty())
            return src_error(where, i.kind == "note" ? "a note refers to nothing; leave 'ref' empty." : "a " + i.kind + " item needs a 'ref' naming what it opens.");
        items.push_back(std::move(i));
    }
    return {};
}

Status check_meetings(SourceBundle& sb) {
    std::set<std::string> locs, brfs, docs, mods;
    for (auto& l : sb.localities) locs.insert(l.id);
    for (auto& b : sb.briefings) brfs.insert(b.id);
    for (auto& d : sb.documents) docs.insert(d.id);
    for (auto& m : sb.modules) mods.insert(m.id);
    // "CHANNEL:ID" names another channel's content: checked for form here and
    // resolved by the kiosk (which says so plainly if that channel is missing).
    auto resolves = [&](const std::string& ref, const std::set<std::string>& ids, const std::string& where) -> Result<bool> {
        auto c = ref.find(':');
        if (c == std::string::npos) return ids.count(ref) > 0;
        std::string ch = ref.substr(0, c), id = ref.substr(c + 1);
        if (!valid_channel_name(ch) || !valid_id(id)) return fail(Reason::source, where + ": '" + ref + "' is neither an id nor CHANNEL:ID.");
        if (ch == sb.channel) return ids.count(id) > 0;
        sb.warnings.push_back(where + ": '" + ref + "' is in channel '" + ch + "'; kiosks without that channel show the item as missing.");
        return true;
    };
    for (auto& m : sb.meetings) {
        std::string where = "meetings.csv: meeting '" + m.id + "'";
        if (!m.locality_id.empty()) {
            auto ok = resolves(m.locality_id, locs, where);
            if (!ok) return std::unexpected(ok.error());
            if (!*ok) return src_error(where, "the locality '" + m.locality_id + "' is not in localities.csv.");
        }
        if (m.lead_item > 0 && m.lead_item > static_cast<std::int64_t>(m.items.size()))
            return src_error(where, "lead_item " + std::to_string(m.lead_item) + " is not one of its " + std::to_string(m.items.size()) + " items.");
        for (auto& i : m.items) {
            if (i.kind == "note") continue;
            std::string iw = "meeting_items.csv: item " + std::to_string(i.ord) + " of '" + m.id + "'";
            const auto& ids = i.kind == "briefing" ? brfs : i.kind == "document" ? docs : i.kind == "module" ? mods : locs;
            auto ok = resolves(i.ref, ids, iw);
            if (!ok) return std::unexpected(ok.error());
            const char* home = i.kind == "briefing" ? "briefings/" : i.kind == "document" ? "library/" : i.kind == "module" ? "training/" : "localities.csv";
            if (!*ok) return src_error(iw, "refers to " + i.kind + " '" + i.ref + "', which is not in " + home + ".");
        }
    }
    return {};
}

} // namespace content
