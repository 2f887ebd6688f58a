// Why this file exists: how big the text is. Two things decide it: the
// screen (a body size chosen from the panel's resolution and, where the
// monitor reports it, its physical size) and the visitor's text step (six
// steps from 100% to 200%, WCAG 1.4.4). Everything here is plain arithmetic
// with no ImGui state, so the rule is unit tested on its own; the platform
// asks GLFW for the numbers and the views only see UiContext::scale.
#pragma once

#include <array>
#include <string>

namespace kiosk {

// The text steps offered by A-/A+, the admin setting and --text-size.
inline constexpr std::array<int, 6> text_steps = {100, 115, 130, 150, 175, 200};
inline constexpr int min_text_percent = 100;
inline constexpr int max_text_percent = 200;

// The body size, in CSS-style em pixels, that scale 1.0 meant before text
// followed the screen: a 20 px Noto Sans line (ascent plus descent is 1.362
// em), about 14.7 px em.
inline constexpr float reference_body_em_px = 20.0f / 1.362f;

// A screen as the platform sees it. Physical size is 0 where unknown
// (Xvfb, many projectors, headless screenshots).
struct ScreenMetrics {
    int width_px = 0, height_px = 0;
    int width_mm = 0, height_mm = 0;
};

// The default body text size, in em pixels, for `screen` at 100%:
//  - at least 19 px on a screen 1080 px tall (GOV.UK body text), growing with
//    the panel's height above that (19 * height / 1080);
//  - where the monitor reports a plausible physical size, at least 3 mm
//    tall (about an 11 pt letter at reading distance) at its pixel density;
//  - never under 16 px (a 7-inch 800x480 panel) nor over 40 px.
// Pure; any thread.
[[nodiscard]] float body_em_px(const ScreenMetrics& screen);

// The UiContext::scale for a body size and text percent: 1.0 is the old
// 100% (reference_body_em_px). Fonts are built at 20 px times this, and
// spacing and hit targets follow it. Pure; any thread.
[[nodiscard]] float ui_scale(float body_em, int text_percent);

// Clamps a percent into 100..200. Pure.
[[nodiscard]] int clamp_text_percent(int percent);
// The next step up (A+) or down (A-) from `percent`; the same percent at
// either end. A percent between steps moves to the neighbouring step. Pure.
[[nodiscard]] int next_text_step(int percent);
[[nodiscard]] int previous_text_step(int percent);

// The stored "text_size" setting as a percent. An absent or unreadable
// value gives 100; `legacy_font_step` (the old 0..5 "font_step" setting,
// where step 1 was 100%) is used when `stored` is empty. Pure.
[[nodiscard]] int text_percent_from_setting(const std::string& stored, const std::string& legacy_font_step);

} // namespace kiosk
