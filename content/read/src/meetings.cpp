// Meetings placed in time, and plain-words dates; see meetings.hpp.
#include "content/meetings.hpp"
#include "content/dates.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace content {
namespace {

constexpr std::int64_t minutes_per_day = 24 * 60;

std::int64_t day_of(std::int64_t minute) { return minute >= 0 ? minute / minutes_per_day : (minute - minutes_per_day + 1) / minutes_per_day; }

struct Span {
    const Meeting* m;
    std::int64_t start, end;
};

} // namespace

MeetingsNow place_meetings(const std::vector<Meeting>& meetings, std::int64_t now, const MeetingClockOptions& opts) {
    std::vector<Span> spans;
    for (const auto& m : meetings) {
        auto s = parse_local_minute(m.starts), e = parse_local_minute(m.ends);
        if (!s || !e) continue;
        spans.push_back(Span{&m, *s, std::max(*s, *e)});
    }
    std::stable_sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.start < b.start; });
    MeetingsNow out;
    const Span* lead = nullptr;
    auto leads = [&](const Span& sp) {
        if (now >= sp.end) return false;
        if (now >= sp.start) return true;  // in progress
        std::int64_t lead_for = sp.m->lead_minutes >= 0 ? sp.m->lead_minutes : opts.lead_minutes;
        return day_of(sp.start) == day_of(now) || now >= sp.start - lead_for;
    };
    for (const auto& sp : spans) {
        if (!leads(sp)) continue;
        bool in_progress = now >= sp.start;
        // One in progress wins over one still to come; otherwise the soonest.
        if (!lead || (in_progress && now < lead->start)) lead = &sp;
    }
    if (lead) {
        out.lead = lead->m;
        out.lead_phase = now >= lead->start ? MeetingPhase::in_progress : MeetingPhase::upcoming;
    }
    for (const auto& sp : spans) {
        if (&sp == lead) continue;
        if (now >= sp.end) out.past.push_back(sp.m);
        else if (sp.start > now && out.next.size() < opts.next_count) out.next.push_back(sp.m);
    }
    std::reverse(out.past.begin(), out.past.end());
    return out;
}

std::string plain_time(const std::string& local_time) {
    auto t = parse_local_minute(local_time);
    if (!t) return {};
    std::int64_t in_day = *t - day_of(*t) * minutes_per_day;
    int h = static_cast<int>(in_day / 60), mi = static_cast<int>(in_day % 60);
    if (h == 12 && mi == 0) return "12 noon";
    if (h == 0 && mi == 0) return "midnight";
    int h12 = h % 12 == 0 ? 12 : h % 12;
    std::string out = std::to_string(h12);
    if (mi != 0) out += (mi < 10 ? ".0" : ".") + std::to_string(mi);
    return out + (h < 12 ? " am" : " pm");
}

std::string plain_when(const std::string& local_time, std::int64_t now) {
    static constexpr std::array<const char*, 7> days = {"Thursday", "Friday", "Saturday", "Sunday", "Monday", "Tuesday", "Wednesday"};  // 1970-01-01 was a Thursday
    static constexpr std::array<const char*, 12> months = {"January", "February", "March",     "April",   "May",      "June",
                                                           "July",    "August",   "September", "October", "November", "December"};
    auto t = parse_local_minute(local_time);
    if (!t) return {};
    std::int64_t day = day_of(*t);
    std::string date = format_local_minute(*t), this_year = format_local_minute(now).substr(0, 4);
    int month = std::stoi(date.substr(5, 2)), mday = std::stoi(date.substr(8, 2));
    std::string out = std::string(days[static_cast<std::size_t>(((day % 7) + 7) % 7)]) + " " + std::to_string(mday) + " " + months[static_cast<std::size_t>(month - 1)];
    if (date.substr(0, 4) != this_year) out += " " + date.substr(0, 4);
    return out + ", " + plain_time(local_time);
}

std::string lead_line(const Meeting& m, MeetingPhase phase, std::int64_t now) {
    std::string out;
    auto start = parse_local_minute(m.starts);
    if (phase == MeetingPhase::in_progress) out = "Now: " + m.title + ", until " + plain_time(m.ends) + ".";
    else if (phase == MeetingPhase::ended) out = "Earlier today: " + m.title + ", " + plain_time(m.starts) + ".";
    else if (start && day_of(*start) == day_of(now)) out = "Today: " + m.title + ", " + plain_time(m.starts) + ".";
    else if (start && day_of(*start) == day_of(now) + 1) out = "Tomorrow: " + m.title + ", " + plain_time(m.starts) + ".";
    else out = "Coming up: " + m.title + ", " + plain_when(m.starts, now) + ".";
    if (const MeetingItem* i = meeting_item(m, m.lead_item)) out += " Item " + i->number + ": " + i->title;
    return out;
}

std::string meeting_kind_label(const std::string& kind) {
    if (kind == "locality-meeting") return "Locality meeting";
    if (kind == "board-briefing") return "Board briefing";
    if (kind == "training-session") return "Training session";
    if (kind == "conference") return "Conference";
    if (kind == "scrutiny") return "Scrutiny";
    return kind;
}

const MeetingItem* meeting_item(const Meeting& m, std::int64_t ord) {
    for (const auto& i : m.items)
        if (i.ord == ord) return &i;
    return nullptr;
}

std::pair<std::string, std::string> split_item_ref(const std::string& ref) {
    auto c = ref.find(':');
    if (c == std::string::npos) return {"", ref};
    return {ref.substr(0, c), ref.substr(c + 1)};
}

} // namespace content
