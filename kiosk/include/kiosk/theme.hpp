// Why this file exists: the two themes (default and high contrast) and the
// WCAG 2.2 contrast arithmetic that a unit test runs over every text colour.
#pragma once
#include "kiosk/ui.hpp"

#include <string>
#include <vector>

namespace kiosk {

struct Palette {
    ImVec4 background, surface, surface_hover, border;
    ImVec4 text, text_muted, text_on_accent;
    ImVec4 accent, accent_hover;
    ImVec4 good, bad, warning, link, highlight_bg;
    ImVec4 rag_red, rag_amber, rag_green, rag_complete;  // backgrounds for RAG chips (text is text_on_chip)
    ImVec4 text_on_chip;
    ImVec4 chart_line, chart_fill, chart_grid;
};

[[nodiscard]] const Palette& palette(Theme t);
// Applies `t` to ImGui's style, with hit targets sized for touch.
void apply_theme(Theme t, float scale);

// WCAG relative luminance and contrast ratio (1..21).
[[nodiscard]] double relative_luminance(const ImVec4& c);
[[nodiscard]] double contrast_ratio(const ImVec4& a, const ImVec4& b);

struct ColourPair {
    std::string name;
    ImVec4 fg, bg;
};
// Every (text colour, background) pair the app draws, for the contrast test.
[[nodiscard]] std::vector<ColourPair> text_pairs(Theme t);

// The keyboard focus ring: its colour and thickness (WCAG 2.4.13 asks for 2 px
// and 3:1 against what it is drawn on). It is drawn just outside the item,
// so it sits on the background or surface around it.
inline constexpr float focus_ring_px = 3.0f;
[[nodiscard]] ImVec4 focus_ring_colour(Theme t);
// Every (component border or focus ring, background) pair, for the 3:1 test
// of WCAG 1.4.11 (non-text contrast).
[[nodiscard]] std::vector<ColourPair> non_text_pairs(Theme t);

} // namespace kiosk
