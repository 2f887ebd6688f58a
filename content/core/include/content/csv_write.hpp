// Why this file exists: the kiosk writes CSV (records and audit exports) and
// the publisher reads it (publish/csv.hpp). Writing is small and shared, so
// it lives in core; reading stays with the publisher.
#pragma once
#include <string>
#include <string_view>

namespace content::csv {

// Quotes a cell for writing when it holds a comma, quote or newline, and
// neutralises a cell a spreadsheet would run as a formula (one starting with
// = + - @, a tab or a carriage return) with a leading apostrophe. Only for
// text cells; numbers are written as they are. Pure.
[[nodiscard]] std::string quote(std::string_view cell);

} // namespace content::csv
