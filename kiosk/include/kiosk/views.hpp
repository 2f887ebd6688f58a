// Why this file exists: the factory for every screen. Each view lives in its
// own file (one file per feature, as in Tracy); the shell only knows names.
#pragma once
#include "kiosk/ui.hpp"

#include <memory>
#include <string>

namespace kiosk {

std::unique_ptr<View> make_home_view();
std::unique_ptr<View> make_briefing_view();   // briefing:<loc>[/<indicator>]
std::unique_ptr<View> make_compare_view();    // compare:<indicator>
std::unique_ptr<View> make_brief_doc_view();  // brief:<briefing-id>
std::unique_ptr<View> make_actions_view();    // actions[:<tracker>]
std::unique_ptr<View> make_library_view();    // library[:search=<q>]
std::unique_ptr<View> make_reader_view();     // doc:<id>[:<page>]
std::unique_ptr<View> make_training_view();   // training[:<module>[:<slide>]]
std::unique_ptr<View> make_presenter_view();  // presenter:<module>:<slide>
std::unique_ptr<View> make_admin_view();      // admin
std::unique_ptr<View> make_meeting_list_view();  // meetings
std::unique_ptr<View> make_meeting_pack_view();  // meeting:<id>
std::unique_ptr<View> make_meeting_item_view();  // meeting-item:<id>:<ord>
std::unique_ptr<View> make_meeting_present_view();  // meeting-present:<id>:<ord> (the pack on a projector)

// Counts item `ord` of a meeting's pack as opened this visit (the pack's
// "N of M items opened"); cleared at idle reset. UI thread.
void meeting_item_seen(const std::string& meeting_id, std::int64_t ord);

// Home's meetings panel (home_meetings.cpp): today's meeting, or the next few.
void draw_home_meetings(UiContext& ctx, NavRequest& nav);
// A full-width card that is one tap target (at least 44 px high): a heading
// and a muted detail line, both wrapped; `strong` draws the accent border;
// `width` 0 takes the whole row. Notes its rect as `id`. Returns true when
// tapped (not dragged).
bool meeting_card(const std::string& id, const std::string& heading, const std::string& detail, const UiContext& ctx, bool strong, float width = 0);

} // namespace kiosk
