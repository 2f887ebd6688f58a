// Why this file exists: the factory for every screen. Each view lives in its
// own file (one file per feature, as in Tracy); the shell only knows names.
#pragma once
#include "kiosk/ui.hpp"

#include <memory>

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

} // namespace kiosk
