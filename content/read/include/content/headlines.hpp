// Why this file exists: the headline rules (headline.hpp) work on plain
// values; this reads those values from the merged catalog for one locality,
// so the briefing, the summary and `kiosk --headlines` share one source.
// Call on the thread that owns the Catalog (the UI thread in the kiosk).
#pragma once
#include "content/catalog.hpp"
#include "content/headline.hpp"

#include <string>
#include <vector>

namespace content {

// The comparator named England (kind "comparator", name "England", any
// case); empty when the bundle has none.
[[nodiscard]] std::string england_id(const Catalog& cat);

// The headline for one indicator in one locality, up to the indicator's
// latest period. An unknown indicator gives "Not enough data to say".
[[nodiscard]] Headline indicator_headline(const Catalog& cat, const Indicator& ind, const std::string& locality);

// Every indicator's headline for `locality`, in the catalog's indicator order.
[[nodiscard]] std::vector<Headline> locality_headlines(const Catalog& cat, const std::string& locality);

} // namespace content
