// Why this file exists: the admin screen's Device tab (issue 21): kiosk
// version, the GL context in use, free space on the data partition, uptime,
// the last import, the screen's opening hours (editable) and kiosk software
// found on sticks with the update helper's recent attempts. Kept apart from
// admin_view.cpp, which only hosts it as one tab. UI thread only.
#pragma once
#include "kiosk/device_info.hpp"
#include "kiosk/ui.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace kiosk {

class AdminDeviceSection {
public:
    // Draws the tab's contents. Reads the model through ctx.services at most
    // every 5 s (ctx.now), or at once after the schedule is saved.
    void draw(UiContext& ctx);
    // Forgets what was typed (admin lock, idle reset).
    void reset();

private:
    void draw_schedule(UiContext& ctx);
    std::optional<DeviceInfo> m_info;
    std::int64_t m_read_at = 0;
    std::string m_hours, m_message;
    bool m_message_bad = false;
};

} // namespace kiosk
