// Why this file exists: an indicator card and a trend chart are drawn in the
// briefings hub, the trend screen, and inside briefing documents ({{card:..}}
// and {{chart:..}} embeds), so text and figures never disagree. Drawn with
// ImDrawList; every suppressed cell shows its marker, never a number, and
// never a bar: a suppressed period is a labelled gap.
#pragma once
#include "content/figures.hpp"
#include "content/headline.hpp"
#include "kiosk/ui.hpp"

#include <string>
#include <vector>

namespace kiosk {

// Height a card needs at this scale.
[[nodiscard]] float card_height(const UiContext& ctx);
// At least card_height(ctx), or what the card for `indicator` at `locality`
// needed when last drawn (large text on a narrow card).
[[nodiscard]] float card_height(const UiContext& ctx, const std::string& indicator, const std::string& locality);

// Draws one indicator's card for `locality` in a box of `size` at the
// cursor: the latest figure and its plain-English headline. The whole card
// is one tap target; returns true when tapped (open the trend).
bool indicator_card(const content::Indicator& ind, const std::string& locality, ImVec2 size, UiContext& ctx);

// Where a chart put its bars and gaps, for tests and for the table beside it.
struct ChartBar {
    std::string period_id;
    ImVec2 min, max;
};
struct ChartLayout {
    std::vector<ChartBar> bars;            // one per period with a value
    std::vector<std::string> gap_periods;  // periods drawn as a labelled gap
    double axis_max = 0, axis_step = 0;
    bool all_markers = false;              // nothing to draw: the chart says why
    std::size_t label_stride = 1;          // every Nth year is labelled (1: all)
    std::vector<ChartBar> year_labels;     // the year labels drawn, as rectangles
};

// How many periods apart year labels (or figures) `widest` px wide must be
// so that none run together in slots `slot` px wide with `gap` between. Pure.
[[nodiscard]] std::size_t label_stride(float widest, float slot, float gap);

// Draws a bar chart of every period for `locality` into p0..p1: labelled
// axes at round numbers, a value on each bar, a labelled gap (no bar) for
// each marker, and for rates and percentages the area and England as lines.
// Counts are shown against their own history only.
ChartLayout trend_chart(const content::Indicator& ind, const std::string& locality, ImVec2 p0, ImVec2 p1, UiContext& ctx);

// Draws the chart's figures as a table (period, value, change, comparators)
// at the cursor, numbers right-aligned.
void trend_table(const content::Indicator& ind, const std::string& locality, UiContext& ctx);

// A round axis for values up to `vmax`: a step of 1, 2, 2.5 or 5 x 10^n and
// a maximum that is a whole number of steps (at most 6).
struct Axis {
    double max = 1, step = 1;
};
[[nodiscard]] Axis nice_axis(double vmax);

// The text for a shown value: "286", "12.5%", or "[c]". Notes any marker
// for the screen's key.
[[nodiscard]] std::string shown_text(const content::Shown& s, content::Unit unit);

// Audits a display-guard hit once per cell per process.
void note_guard(const content::Shown& s, const std::string& cell, UiContext& ctx);

} // namespace kiosk
