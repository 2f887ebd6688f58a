// UTC timestamps and dates; see dates.hpp.
#include "content/dates.hpp"

#include <cctype>
#include <ctime>

namespace content {

std::optional<std::int64_t> parse_utc(std::string_view s) {
    if (s.size() != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z')
        return std::nullopt;
    auto num = [&](std::size_t pos, std::size_t len) -> int {
        int v = 0;
        for (std::size_t i = pos; i < pos + len; ++i) {
            if (!std::isdigit(static_cast<unsigned char>(s[i]))) return -1;
            v = v * 10 + (s[i] - '0');
        }
        return v;
    };
    std::tm tm{};
    int y = num(0, 4), mo = num(5, 2), d = num(8, 2), h = num(11, 2), mi = num(14, 2), se = num(17, 2);
    if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 60)
        return std::nullopt;
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = se;
    std::time_t t = timegm(&tm);
    if (tm.tm_mday != d) return std::nullopt;  // 31 February and friends
    return static_cast<std::int64_t>(t);
}

std::optional<std::int64_t> parse_date(std::string_view s) {
    if (s.size() != 10) return std::nullopt;
    std::string full = std::string(s) + "T00:00:00Z";
    return parse_utc(full);
}

std::string format_utc(std::int64_t t) {
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::optional<std::int64_t> parse_local_minute(std::string_view s) {
    if (s.size() != 16 || s[10] != 'T' || s[13] != ':') return std::nullopt;
    auto day = parse_date(s.substr(0, 10));
    if (!day) return std::nullopt;
    auto two = [&](std::size_t pos) -> int {
        if (!std::isdigit(static_cast<unsigned char>(s[pos])) || !std::isdigit(static_cast<unsigned char>(s[pos + 1]))) return -1;
        return (s[pos] - '0') * 10 + (s[pos + 1] - '0');
    };
    int h = two(11), mi = two(14);
    if (h < 0 || h > 23 || mi < 0 || mi > 59) return std::nullopt;
    return *day / 60 + h * 60 + mi;
}

std::string format_local_minute(std::int64_t minutes) {
    // The count is a UTC-like calendar with no zone, so gmtime formats it.
    std::string t = format_utc(minutes * 60);
    return t.substr(0, 16);
}

std::int64_t local_minute_of(std::int64_t unix_seconds) {
    std::time_t tt = static_cast<std::time_t>(unix_seconds);
    std::tm tm{};
    localtime_r(&tt, &tm);
    return static_cast<std::int64_t>(timegm(&tm)) / 60;
}

std::int64_t unix_of_local_minute(std::int64_t minutes) {
    std::time_t tt = static_cast<std::time_t>(minutes * 60);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    tm.tm_isdst = -1;
    return static_cast<std::int64_t>(std::mktime(&tm));
}

} // namespace content
