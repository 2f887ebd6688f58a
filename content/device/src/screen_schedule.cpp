// Opening hours for the screen; see screen_schedule.hpp.
#include "content/screen_schedule.hpp"

#include <array>
#include <cctype>
#include <cstdio>
#include <sstream>

namespace content {
namespace {

constexpr std::array<const char*, 7> k_days = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

int day_index(const std::string& d) {
    for (int i = 0; i < 7; ++i)
        if (d == k_days[static_cast<std::size_t>(i)]) return i;
    return -1;
}

std::string lower_trim(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto a = s.find_first_not_of(" \t"), b = s.find_last_not_of(" \t");
    return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

// "mon-fri", "sat", "mon,wed,fri", "fri-mon" -> the days, or empty if malformed.
std::vector<int> parse_days(const std::string& text) {
    std::vector<int> out;
    std::stringstream ss(text);
    std::string part;
    while (std::getline(ss, part, ',')) {
        auto dash = part.find('-');
        int a = day_index(part.substr(0, dash)), b = dash == std::string::npos ? a : day_index(part.substr(dash + 1));
        if (a < 0 || b < 0) return {};
        for (int d = a;; d = (d + 1) % 7) {
            out.push_back(d);
            if (d == b) break;
        }
    }
    return out;
}

// "HH:MM" -> minutes of the day, or -1.
int parse_clock(const std::string& t) {
    if (t.size() != 5 || t[2] != ':' || !std::isdigit(static_cast<unsigned char>(t[0])) || !std::isdigit(static_cast<unsigned char>(t[1])) ||
        !std::isdigit(static_cast<unsigned char>(t[3])) || !std::isdigit(static_cast<unsigned char>(t[4])))
        return -1;
    int h = (t[0] - '0') * 10 + (t[1] - '0'), m = (t[3] - '0') * 10 + (t[4] - '0');
    if (h > 24 || m > 59 || (h == 24 && m != 0)) return -1;
    return h * 60 + m;
}

Status parse_entry(const std::string& entry, ScreenSchedule& s) {
    auto sp = entry.find(' ');
    auto bad = [&](const std::string& why) { return fail(Reason::usage, "In \"" + entry + "\": " + why); };
    if (sp == std::string::npos) return bad("write the days, a space, then the hours, like \"mon-fri 08:00-18:00\".");
    auto days = parse_days(entry.substr(0, sp));
    if (days.empty()) return bad("the days should be mon, tue, wed, thu, fri, sat or sun, as a range (mon-fri) or a list (mon,wed).");
    std::string hours = lower_trim(entry.substr(sp + 1));
    auto dash = hours.find('-');
    int from = dash == std::string::npos ? -1 : parse_clock(hours.substr(0, dash));
    int to = dash == std::string::npos ? -1 : parse_clock(hours.substr(dash + 1));
    if (from < 0 || to < 0) return bad("the hours should be like 08:00-18:00 (24-hour clock).");
    int len = to > from ? to - from : to + 24 * 60 - from;  // an end at or before the start runs past midnight
    for (int d : days) s.spans.push_back({d * 24 * 60 + from, d * 24 * 60 + from + len});
    return {};
}

// Minutes 0..1440 of a day as "HH:MM" (1440 is "24:00").
std::string clock_text(int m) {
    char b[16];
    std::snprintf(b, sizeof b, "%02d:%02d", m / 60, m % 60);
    return b;
}

} // namespace

Result<ScreenSchedule> parse_screen_schedule(const std::string& text) {
    ScreenSchedule s;
    std::string t = lower_trim(text);
    if (t.empty() || t == "always") return s;
    s.always_on = false;
    std::stringstream ss(t);
    std::string entry;
    while (std::getline(ss, entry, ';')) {
        entry = lower_trim(entry);
        if (entry.empty()) continue;
        if (auto r = parse_entry(entry, s); !r) return std::unexpected(r.error());
    }
    if (s.spans.empty()) return fail(Reason::usage, "No opening hours were given; write \"always\" to keep the screen on.");
    return s;
}

std::string format_screen_schedule(const ScreenSchedule& s) {
    if (s.always_on) return "always";
    std::string out;
    for (const auto& sp : s.spans) {
        int day = sp.start / (24 * 60), from = sp.start % (24 * 60), to = sp.end - day * 24 * 60;
        if (to > 24 * 60) to -= 24 * 60;  // runs past midnight
        out += (out.empty() ? "" : "; ") + std::string(k_days[static_cast<std::size_t>(day)]) + " " + clock_text(from) + "-" + clock_text(to);
    }
    return out;
}

bool schedule_open(const ScreenSchedule& s, int minute) {
    if (s.always_on) return true;
    minute = ((minute % minutes_per_week) + minutes_per_week) % minutes_per_week;
    for (const auto& sp : s.spans)
        if ((minute >= sp.start && minute < sp.end) || (sp.end > minutes_per_week && minute < sp.end - minutes_per_week)) return true;
    return false;
}

bool screen_lit(const ScreenSchedule& s, int minute, int minutes_since_touch) {
    return schedule_open(s, minute) || (minutes_since_touch >= 0 && minutes_since_touch < s.wake_minutes);
}

int minutes_to_next_change(const ScreenSchedule& s, int minute) {
    if (s.always_on) return minutes_per_week;
    bool now = schedule_open(s, minute);
    for (int step = 1; step <= minutes_per_week; ++step)
        if (schedule_open(s, minute + step) != now) return step;
    return minutes_per_week;
}

} // namespace content
