// Why this file exists: bundles, the state store and the views all speak UTC
// timestamps ("YYYY-MM-DDTHH:MM:SSZ") and dates ("YYYY-MM-DD"). One parser and
// one formatter, pure functions, callable from any thread.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace content {

// Parses "YYYY-MM-DDTHH:MM:SSZ" (UTC). Returns nullopt for anything else.
[[nodiscard]] std::optional<std::int64_t> parse_utc(std::string_view s);
// Formats unix seconds as "YYYY-MM-DDTHH:MM:SSZ".
[[nodiscard]] std::string format_utc(std::int64_t t);
// Parses "YYYY-MM-DD" into unix seconds at 00:00 UTC. nullopt if malformed.
[[nodiscard]] std::optional<std::int64_t> parse_date(std::string_view s);

// Local wall-clock times, as meetings are written ("YYYY-MM-DDTHH:MM", no
// zone: the council's own local time). They are counted in minutes since
// 1970-01-01T00:00 of that same local calendar, so that comparing and
// subtracting them needs no time zone. Pure; any thread.
// Parses "YYYY-MM-DDTHH:MM"; nullopt for anything else (31 February too).
[[nodiscard]] std::optional<std::int64_t> parse_local_minute(std::string_view s);
// Formats a local minute count as "YYYY-MM-DDTHH:MM".
[[nodiscard]] std::string format_local_minute(std::int64_t minutes);
// The local minute count of unix time `t` in the process's time zone (TZ,
// /etc/localtime). Any thread (localtime_r).
[[nodiscard]] std::int64_t local_minute_of(std::int64_t unix_seconds);
// The unix time of local minute `m` in the process's time zone (mktime;
// an hour skipped by a clock change resolves forward). Any thread.
[[nodiscard]] std::int64_t unix_of_local_minute(std::int64_t minutes);

} // namespace content
