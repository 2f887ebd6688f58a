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
// While it lives, every field, combo, slider and checkbox drawn is at least
// 44 px tall (times scale): touch_frame_padding pushed, popped at the end of
// the scope. UI thread.
class TouchFrames {
public:
    explicit TouchFrames(const UiContext& ctx) { ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, touch_frame_padding(ctx)); }
    ~TouchFrames() { ImGui::PopStyleVar(); }
    TouchFrames(const TouchFrames&) = delete;
    TouchFrames& operator=(const TouchFrames&) = delete;
};

// The width button() gives `label` (at least the minimum hit size).
[[nodiscard]] float button_width(const char* label, const UiContext& ctx);

// Before an item `next_width` wide that follows another: keeps it on the same
// line when it fits in what is left of the row, else starts a new row. The
// way wide rows of buttons wrap instead of running off the right edge.
void flow(float next_width);

// `text` cut to fit `max_width` in the current font, ending with an ellipsis
// when it was cut (the whole text shows on the next screen). Never cuts
// inside a UTF-8 sequence.
[[nodiscard]] std::string ellipsize(const std::string& text, float max_width);

// `text` with line breaks put at spaces so that each line fits `width` in
// the current font: ImGui's own wrapping also breaks after commas and full
// stops, which splits figures ("2," / "148"). A word longer than the width
// keeps its own line (ImGui then cuts it wherever it must).
[[nodiscard]] std::string wrap_at_spaces(const std::string& text, float width);
// TextWrapped, wrapping only at spaces, to the current region's right edge.
void text_wrapped(const std::string& text);

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
// A full-width card as tall as its content (measured when last drawn;
// `first_height` before that), so large text never pushes a button out of
// it. Call end_fitted_card after, whatever this returns.
bool begin_fitted_card(const char* id, float first_height, const UiContext& ctx);
void end_fitted_card();

// A bullet point whose text wraps at the right edge (ImGui's BulletText does not).
void bullet_wrapped(const std::string& text);

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
// False from a frame in which the mouse wheel turned until the pointer moves
// or a button goes down: a list row then shows no hover highlight, as web
// browsers do while a page scrolls under a resting pointer (the highlight
// would only jump from row to row, and at large text it is a wide fill each
// frame). Keyboard focus still shows. UI thread, inside a frame.
[[nodiscard]] bool hover_highlight_allowed();


// Click targets by label, recorded as widgets are drawn, so that headless
// tests and the end-to-end test can find them from item rectangles.
struct ItemRect {
    ImVec2 min, max;
    // The part its window (and the windows around it) shows now; empty
    // (max <= min) when scrolled out of sight.
    ImVec2 visible_min, visible_max;
    // False when no scrolling of its windows can bring all of it into view
    // (it lies past the right edge of a window that does not scroll sideways,
    // or below the end of a window's content).
    bool reachable = true;
    // The size of the text drawn inside it, when it is a labelled button or
    // the caller says (0 when unknown); larger than the rect means clipped.
    ImVec2 text;
};
// Records the last item's rect under `label` (text: what the item shows, for
// the clipping check; a button passes its label).
void note_item(const std::string& label, ImVec2 text = ImVec2(0, 0));
void note_rect(const std::string& label, ImVec2 min, ImVec2 max);  // records a drawn shape (on-screen keys)
[[nodiscard]] const std::map<std::string, ItemRect>& noted_items();
void clear_noted_items();

// "2014-05-13" -> "13 May 2014"
[[nodiscard]] std::string human_date(const std::string& iso);

} // namespace kiosk
