// Why this file exists: a meeting's pack on a projector (issue 22). The pack
// is presented as a deck, one slide per item, so the training room's clicker
// keys (read_presenter_keys: next, previous, Home/End, B/W blanking, digits
// then Enter), its blanking rules and its projection (draw_projection: room-
// sized title and body) serve it unchanged; the audience window
// (draw_audience_screen) shows it while the pack is presented. Each item's
// slide says what the item is in projector-readable form: a note's text, a
// briefing's or document's title and summary (or its first page), a
// locality's headline figures (the same headline sentences as the briefing,
// so suppressed figures say nothing), a training module's title and summary.
// UI thread only.
#pragma once
#include "kiosk/training_session.hpp"
#include "kiosk/training_shared.hpp"
#include "kiosk/ui.hpp"

#include <string>

namespace kiosk {

struct PackShow {
    std::string meeting_id;     // the pack being presented, or last presented ("" none)
    std::string meeting_title;
    content::Module deck;       // one slide per item, in pack order
    std::vector<std::int64_t> ords;  // the item `ord` of each slide
    std::vector<std::string> numbers;  // the agenda number of each slide
    TrainingSession session;    // position and blanking; session.module points at `deck`
    bool on_projector = false;  // true only while the meeting-present route is showing
    ProjectionCache audience;   // the audience window's layout cache

    PackShow() = default;
    PackShow(const PackShow&) = delete;
    PackShow& operator=(const PackShow&) = delete;

    // Builds the deck for `m` from `cat` (reads a document's summary once,
    // here, not per frame) and puts the position on the item with `ord`
    // (the first item when no item has it). While the pack is on the
    // projector and `m` is the deck's meeting the deck is kept (only the
    // position moves); otherwise it is built again from `cat`. Returns false
    // for a meeting without items.
    bool open(const content::Meeting& m, const content::Catalog& cat, std::int64_t ord, std::int64_t now);
    // The item `ord` shown now; 0 when there is no deck.
    [[nodiscard]] std::int64_t current_ord() const;
    // 0-based position, and the number of items.
    [[nodiscard]] int position() const { return session.slide; }
    [[nodiscard]] int count() const { return session.slide_count(); }
    // Forgets the deck and the position (idle reset).
    void clear();
};

// The one pack presentation on this kiosk.
PackShow& pack_show();

// True while `route` (the shell's current route) wants the audience window:
// a training presenter route, an open presenter session, or a presented pack.
[[nodiscard]] bool projector_in_use(const std::string& route);

// The projector's picture of the presented pack, drawn into the current
// window's draw list at `p0` filling `size`: black or white when blanked;
// otherwise a band with the meeting's title, "Item 3 of 7" and a progress
// bar, then the item's slide (draw_projection). No controls.
void draw_pack_projection(const PackShow& show, ImVec2 p0, ImVec2 size, UiContext& ctx, ProjectionCache& cache);

} // namespace kiosk
