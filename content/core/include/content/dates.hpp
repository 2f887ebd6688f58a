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

} // namespace content
