// Why this file exists: an indicator card and a trend chart are drawn in the
// briefings hub, the trend screen, and inside briefing documents ({{card:..}}
// and {{chart:..}} embeds), so text and figures never disagree. Drawn with
// ImDrawList; every suppressed cell shows its marker, never a number.
#pragma once
#include "content/figures.hpp"
#include "kiosk/ui.hpp"

#include <string>

namespace kiosk {

// Height a card needs at this scale.
[[nodiscard]] float card_height(const UiContext& ctx);

// Draws one indicator's card for `locality` in a box of `size` at the cursor.
// Returns true when tapped (open the trend). Tapping the source line opens a
// popup naming the source and period; tapping a marker explains it.
bool indicator_card(const content::Indicator& ind, const std::string& locality, ImVec2 size, UiContext& ctx);

// Draws a bar chart of every period for `locality` (with the area and England
// as lines where present) into the rectangle p0..p1 with labelled axes and a
// visible value (or marker) on each bar.
void trend_chart(const content::Indicator& ind, const std::string& locality, ImVec2 p0, ImVec2 p1, UiContext& ctx);

// The text for a shown value: "286", "12.5%", or "[c]".
[[nodiscard]] std::string shown_text(const content::Shown& s, content::Unit unit);

// Audits a display-guard hit once per cell per process.
void note_guard(const content::Shown& s, const std::string& cell, UiContext& ctx);

} // namespace kiosk
