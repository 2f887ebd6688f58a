// Why this file exists: the training catalog and the presenter screen share
// one session (the one a trainer or a councillor is running), and both draw
// slides the same way.
#pragma once
#include "kiosk/markdown.hpp"
#include "kiosk/training_session.hpp"

namespace kiosk {

// The one running session on this kiosk.
TrainingSession& training_session();

// Finds a module in the catalog; nullptr if absent.
const content::TaggedModule* find_module(const UiContext& ctx, const std::string& id);

// Reads clicker keys (arrows, PageUp/PageDown, Space, Home/End) and a
// horizontal swipe over the current window; returns true if the slide changed.
bool handle_slide_input(TrainingSession& s, const UiContext& ctx);

// Draws a slide (title and markdown body) to fill `size`; `md` caches layout.
// The least height a slide gets on a screen (the current window's): its body
// keeps over 40% of the screen below a two-line title at any text size; the
// screen scrolls to what is below it. A knowledge check's prompt, drawn
// above the body, is allowed for.
[[nodiscard]] float slide_min_height(const UiContext& ctx, const content::Slide& slide);

void draw_slide(const content::Slide& slide, MarkdownView& md, ImVec2 size, UiContext& ctx, NavRequest& nav, bool projection);

} // namespace kiosk

namespace kiosk {

// The audience's screen (the projector, when GLFW reports a second monitor):
// the running presenter session's current slide, full screen, in projection
// type. Draws nothing visible but a calm message when no session is running.
void draw_audience_screen(UiContext& ctx);

} // namespace kiosk
