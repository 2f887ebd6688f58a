// Why this file exists: the app around the views. It owns the views, the
// navigation stack (back button and breadcrumb), the top bar (text size,
// theme), the USB banner and import progress, and the idle reset. It draws one
// full-screen ImGui window per frame; the platform only feeds it input.
#pragma once
#include "kiosk/ui.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace kiosk {

inline constexpr float font_scales[] = {0.85f, 1.0f, 1.15f, 1.3f, 1.5f, 1.75f};
inline constexpr int font_scale_count = 6;
inline constexpr int default_font_step = 1;

class Shell {
public:
    Shell();
    ~Shell();

    // Navigates to `route` ("home", "briefing:north/cla", "doc:id:2", ...),
    // pushing it on the stack. Returns false (and stays put) for an unknown
    // route or one naming content that does not exist.
    bool go(const std::string& route, UiContext& ctx);
    void back(UiContext& ctx);
    void home(UiContext& ctx);

    // Draws one frame's UI into a full-screen window.
    void frame(UiContext& ctx);

    // Returns to home and clears searches, open documents and quiz answers.
    void idle_reset(UiContext& ctx);

    [[nodiscard]] bool animating() const;
    [[nodiscard]] const std::string& route() const { return m_stack.back(); }
    [[nodiscard]] std::size_t depth() const { return m_stack.size(); }

    // Requested by the A-/A+ buttons and the theme toggle; the platform applies
    // them (rebuilding the font atlas) before the next frame.
    int font_step = default_font_step;
    Theme theme = Theme::standard;

    // Names of every route family, for --view help and tests.
    [[nodiscard]] static std::vector<std::string> view_names();
    [[nodiscard]] View* view(const std::string& name);

private:
    void draw_top_bar(UiContext& ctx, NavRequest& nav);
    void draw_usb_banner(UiContext& ctx);
    void draw_marker_key(UiContext& ctx);
    std::vector<std::string> m_stack;
    std::vector<std::string> m_titles;
    std::map<std::string, std::unique_ptr<View>> m_views;
    bool m_banner_dismissed = false;
    bool m_scrolling = false;
    bool m_nav_keyboard_lent = false;  // keyboard navigation turned off for the presenter's clicker keys
    float m_key_height = 0;  // the marker key under the view, as drawn last frame
    std::size_t m_offers_seen = 0;
};

// Splits "name:arg" into name and arg.
[[nodiscard]] std::pair<std::string, std::string> split_route(const std::string& route);

} // namespace kiosk
