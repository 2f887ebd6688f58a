// Why this file exists: the admin screen's Settings section (default
// locality, device name, idle reset times, theme, text size, on-screen
// keyboard, attendance register, featured documents). Kept apart from
// admin_view.cpp, which only hosts it. Every label sits above its field and
// wraps, so the form reads at 200% text on an 800x480 panel (ImGui's labels
// to the right of a field ran off the screen there). UI thread only.
#pragma once
#include "kiosk/ui.hpp"

#include <string>

namespace kiosk {

class AdminSettingsSection {
public:
    // Draws the section; each change is stored at once through ctx.services.
    void draw(UiContext& ctx);
    // Forgets what was typed (admin lock, idle reset).
    void reset() { m_device_name.clear(); }

private:
    void draw_device_name(UiContext& ctx);
    void draw_featured(UiContext& ctx);
    std::string m_device_name;
};

} // namespace kiosk
