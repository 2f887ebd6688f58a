// Why this file exists: the few widgets every view uses, sized for touch
// (hit targets of at least 44x44 px at scale 1) and never carrying meaning by
// colour alone (a chip always has a word; an arrow always has a word).
#pragma once
#include "kiosk/theme.hpp"
#include "kiosk/ui.hpp"

#include <map>
#include <string>

namespace kiosk {

enum class ButtonStyle { normal, primary, quiet };

inline constexpr float min_hit = 44.0f;

// A button at least 44x44 px (times scale). Returns true when pressed.
bool button(const char* label, const UiContext& ctx, ButtonStyle style = ButtonStyle::normal, ImVec2 size = ImVec2(0, 0));

// Frame padding that makes a text field at least 44 px tall (times scale) in
// the current font; push it as ImGuiStyleVar_FramePadding around the field.
[[nodiscard]] ImVec2 touch_frame_padding(const UiContext& ctx);

// A word on a coloured background, e.g. "At risk" on amber.
void chip(const char* text, const ImVec4& bg, const UiContext& ctx);

// Text in the muted colour, wrapped.
void muted_text(const std::string& text, const UiContext& ctx);
// What a person sees for a failure: the sentence, then its stable code in
// brackets so an officer can quote it ("That PIN is not right. (E_PIN)").
[[nodiscard]] std::string screen_text(const content::Error& e);
// Text in a given font, wrapped.
void text_in(ImFont* font, const std::string& text);

// Drag-to-scroll with inertia for the current window: a press that moves
// tap_slop_px scrolls, wherever it started (a tile, a button, a list row;
// not a scrollbar, slider or text field), and what it started on is released
// without acting; releasing keeps the motion going and decays it. Call once per frame inside the scrolling window. Returns true
// while the motion continues (the loop must keep drawing).
bool touch_scroll();
// Call once at the start of every frame, before any touch_scroll.
void touch_frame_start();

// A card with a border; returns true while open (call end_card after).
bool begin_card(const char* id, ImVec2 size, const UiContext& ctx);
void end_card();

// Formats a value for display: counts with thousands separators, rates and
// percentages with one decimal place.
[[nodiscard]] std::string format_value(double v, content::Unit unit);
[[nodiscard]] const char* unit_label(content::Unit unit);
// Text at the right edge of the current column or region (numbers in tables).
void right_aligned_text(const std::string& text);

// A press is a tap only while the pointer stays within this many pixels of
// where it went down; beyond it, it is a drag.
inline constexpr float tap_slop_px = 8.0f;
// True when a press whose pointer went at most `max_distance_px` from where it
// started is a tap.
[[nodiscard]] bool is_tap(float max_distance_px);
// True when the current (or just released) press moved tap_slop_px or more:
// a drag-to-scroll, which must not also activate what it started on.
[[nodiscard]] bool dragged();


// Click targets by label, recorded as widgets are drawn, so that headless
// tests and the end-to-end test can find them from item rectangles.
struct ItemRect {
    ImVec2 min, max;
};
void note_item(const std::string& label);                 // records the last item's rect
void note_rect(const std::string& label, ImVec2 min, ImVec2 max);  // records a drawn shape (on-screen keys)
[[nodiscard]] const std::map<std::string, ItemRect>& noted_items();
void clear_noted_items();

// "2014-05-13" -> "13 May 2014"
[[nodiscard]] std::string human_date(const std::string& iso);

} // namespace kiosk
