// Why this file exists: a marker such as [c] means nothing to a reader who
// has not been told. Every screen that shows a marker also shows a key that
// explains it, without a tap. Whatever draws text notes the markers in it
// here; the Shell draws the key for the markers noted in the frame, below
// the view, so the key is on screen with the figures it explains.
//
// Threads: the UI thread only (the registry is per process, like ImGui's).
#pragma once
#include <imgui.h>

#include <set>
#include <string>
#include <string_view>

namespace kiosk {

// Notes every known marker ([c], [x], [z], [low], [u], [p], [r], [e]) in `text`.
void note_markers_in(std::string_view text);
// Notes that a headline on this screen used the "similar"/"stable" rule, so
// the key states the rule.
void note_similar_rule();
// Markers noted since the last clear, and whether the rule was used.
[[nodiscard]] const std::set<std::string>& noted_markers();
[[nodiscard]] bool similar_rule_noted();
void clear_noted_markers();

// The key's text for what was noted: "Key: [c] not shown, ... [x] not
// available." Empty when nothing was noted.
[[nodiscard]] std::string marker_key_text();

// Draws `text` with the draw list and notes its markers; with capture on
// (tests), the text is also kept for captured_text().
void draw_text(ImDrawList* dl, ImVec2 pos, ImU32 col, const std::string& text);
void draw_text(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, ImU32 col, std::string_view text);

// Test hook: keep every string drawn with draw_text (and ImGui widget text,
// through ImGui's log, which the harness turns on) until cleared.
void capture_text(bool on);
// Called by the Shell inside its window: with capture on, start ImGui's log
// of widget text, and at the end keep what it logged (ImGui stops logging
// when a top-level window ends, so this must run inside one).
void begin_window_capture();
void end_window_capture();
[[nodiscard]] const std::string& captured_text();
void clear_captured_text();

} // namespace kiosk
