// Why this file exists: small text helpers shared by the publisher and the
// kiosk: plain text from markdown for search, JSON-safe strings.
#pragma once
#include <string>
#include <string_view>

namespace content {

// Returns `md` with markdown syntax removed (headings, emphasis markers, link
// targets, image references, table pipes), keeping the words. For indexing.
[[nodiscard]] std::string markdown_to_plain(std::string_view md);

} // namespace content
