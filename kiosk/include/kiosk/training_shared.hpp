// Why this file exists: the training catalog, the presenter screen, the
// audience screen and the shell share two sessions (the room's presenter
// session and one person's self-paced run), and all draw slides the same way.
// Everything here runs on the UI thread only.
#pragma once
#include "kiosk/markdown.hpp"
#include "kiosk/training_session.hpp"

namespace kiosk {

// The room's presenter session on this kiosk. It stays open while the
// trainer detours to other screens, until the trainer ends it or the idle
// reset saves it as "not ended".
TrainingSession& training_session();
// One person's self-paced run; kept (so they can resume) until the idle reset.
TrainingSession& self_paced_session();

// False (and both sessions closed) when the presenter session's module is no
// longer in ctx.catalog (new content was installed under it); true otherwise.
bool session_valid(const UiContext& ctx);

// The idle reset's delay in seconds. `idle_minutes` and
// `presenter_idle_minutes` are the stored settings as text (empty or not a
// number: 5 and 30). While a trainer presents (`presenting` yes: a presenter
// session open on the presenter screen) the longer of the two applies, so a
// trainer who talks for ten minutes over one slide keeps the room's session.
enum class Presenting { no, yes };
[[nodiscard]] std::int64_t idle_reset_seconds(const std::string& idle_minutes, const std::string& presenter_idle_minutes, Presenting presenting);

// Finds a module in the catalog; nullptr if absent.
const content::TaggedModule* find_module(const UiContext& ctx, const std::string& id);

// Self-paced slides: arrows, PageUp/PageDown, Space, Home/End and a
// horizontal swipe over the current window; returns true if the slide changed.
bool handle_slide_input(TrainingSession& s, const UiContext& ctx);

// Presenter mode's clicker keys, read through ImGui's input (the shell turns
// ImGui's keyboard navigation off on the presenter route, so these keys move
// no widget focus and open nothing): PageDown, Right, Down, Space forward;
// PageUp, Left, Up back; Home/End first/last; B or . blank to black, W to
// white; digits then Enter jump to a slide. Ignored while a text field has
// the keyboard. Returns true if anything in `s` changed.
bool read_presenter_keys(TrainingSession& s);

// Draws a slide (title and markdown body) to fill `size`; `md` caches layout.
// The least height a slide gets on a screen (the current window's): its body
// keeps over 40% of the screen below a two-line title at any text size; the
// screen scrolls to what is below it. A knowledge check's prompt, drawn
// above the body, is allowed for.
[[nodiscard]] float slide_min_height(const UiContext& ctx, const content::Slide& slide);

void draw_slide(const content::Slide& slide, MarkdownView& md, ImVec2 size, UiContext& ctx, NavRequest& nav, bool projection);

// The projector's picture of a presenter session, drawn into the current
// window's draw list at `p0` filling `size`: black or white when blanked;
// otherwise the title (at least 5% of `size.y` tall), the body in room-sized
// type with images fitted into the space left (aspect kept), a question's
// options (after "reveal": the answer, a bar per option with the room's
// counts, and the explanation), and the slide number. No controls.
struct ProjectionCache {
    const content::Slide* slide = nullptr;
    MdDocument doc;
    MdLayout layout;
    float width = -1, height = -1, scale = -1, images = -1;
    float title_px = 0;  // the title's size as last drawn (tests)
    unsigned fonts = 0;
};
void draw_projection(const TrainingSession& s, ImVec2 p0, ImVec2 size, UiContext& ctx, ProjectionCache& cache);
// The same picture laid out for a `screen`-sized projector and shrunk into
// `size` at `p0` (a thumbnail: the next slide on the trainer's screen).
void draw_projection_thumbnail(const TrainingSession& s, ImVec2 p0, ImVec2 size, ImVec2 screen, UiContext& ctx, ProjectionCache& cache);

// The bar on every screen but the presenter's while a presenter session is
// open: "Session in progress: back to slide N" (a button that goes back).
// Draws nothing when no session is open.
void draw_session_bar(UiContext& ctx, NavRequest& nav);

// At the idle reset, and before new content replaces the catalog the
// session's module lives in: saves an open presenter session as a record
// marked "not ended" (through ctx.services) and closes it; the self-paced run
// is forgotten. Keeps the presenter session open if the record could not be
// saved, so it is never lost.
void save_left_session(UiContext& ctx);

} // namespace kiosk

namespace kiosk {

// The audience's screen (the projector, when GLFW reports a second monitor):
// the running presenter session's current slide, full screen, in projection
// type (draw_projection). Draws only a calm title when no session is running.
void draw_audience_screen(UiContext& ctx);

} // namespace kiosk
