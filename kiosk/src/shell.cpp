// The app shell; see shell.hpp.
#include "kiosk/shell.hpp"
#include "kiosk/marker_key.hpp"
#include "kiosk/pack_show.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/training_shared.hpp"
#include "kiosk/views.hpp"
#include "kiosk/widgets.hpp"

#include <imgui_internal.h>

#include <cmath>

namespace kiosk {

std::pair<std::string, std::string> split_route(const std::string& route) {
    auto c = route.find(':');
    if (c == std::string::npos) return {route, ""};
    return {route.substr(0, c), route.substr(c + 1)};
}

Shell::Shell() {
    m_views["home"] = make_home_view();
    m_views["briefing"] = make_briefing_view();
    m_views["compare"] = make_compare_view();
    m_views["brief"] = make_brief_doc_view();
    m_views["actions"] = make_actions_view();
    m_views["library"] = make_library_view();
    m_views["doc"] = make_reader_view();
    m_views["training"] = make_training_view();
    m_views["presenter"] = make_presenter_view();
    m_views["admin"] = make_admin_view();
    m_views["meetings"] = make_meeting_list_view();
    m_views["meeting"] = make_meeting_pack_view();
    m_views["meeting-item"] = make_meeting_item_view();
    m_views["meeting-present"] = make_meeting_present_view();
    m_stack.push_back("home");
    m_titles.push_back("Home");
    m_scrolls.emplace_back();
}

Shell::~Shell() = default;

std::vector<std::string> Shell::view_names() {
    return {"home", "briefing", "compare", "brief", "actions", "library", "doc", "training", "presenter", "admin", "meetings", "meeting", "meeting-item", "meeting-present"};
}

View* Shell::view(const std::string& name) {
    auto it = m_views.find(name);
    return it == m_views.end() ? nullptr : it->second.get();
}

bool Shell::go(const std::string& route, UiContext& ctx) {
    auto [name, arg] = split_route(route);
    View* v = view(name);
    if (!v || !v->open(arg, ctx)) return false;
    ScrollMap here = capture_scroll();
    ScrollMap top = here;
    for (auto& [id, y] : top) y = 0;
    schedule_scroll(std::move(top));  // every screen opens at its top
    if (name == "home") {
        m_stack.assign(1, "home");
        m_titles.assign(1, v->title());
        m_scrolls.assign(1, ScrollMap{});
        return true;
    }
    // Re-opening the same family replaces the top entry (e.g. next slide).
    if (!m_stack.empty() && split_route(m_stack.back()).first == name && name != "doc") {
        m_stack.back() = route;
        m_titles.back() = v->title();
    } else {
        m_scrolls.back() = std::move(here);
        m_stack.push_back(route);
        m_titles.push_back(v->title());
        m_scrolls.emplace_back();
    }
    return true;
}

void Shell::back(UiContext& ctx) {
    if (m_stack.size() <= 1) return;
    ScrollMap leaving = capture_scroll();
    m_stack.pop_back();
    m_titles.pop_back();
    m_scrolls.pop_back();
    auto [name, arg] = split_route(m_stack.back());
    if (View* v = view(name)) v->open(arg, ctx);
    // Back: where the visitor was; windows that screen did not have, at the top.
    ScrollMap restore = m_scrolls.back();
    for (auto& [id, y] : leaving) restore.emplace(id, 0.0f);
    schedule_scroll(std::move(restore));
}

// The view window and every window inside it (lists, the reader's page).
Shell::ScrollMap Shell::capture_scroll() const {
    ScrollMap out;
    if (!ImGui::GetCurrentContext() || !m_view_window) return out;
    for (ImGuiWindow* w : GImGui->Windows) {
        for (ImGuiWindow* p = w; p; p = p->ParentWindow) {
            if (p->ID == m_view_window) {
                out[w->ID] = w->Scroll.y;
                break;
            }
        }
    }
    return out;
}

void Shell::schedule_scroll(ScrollMap target) {
    m_scroll_target = std::move(target);
    m_scroll_frames = 3;  // the new screen's content size is known a frame late
}

// Before the windows begin: ImGui applies a scroll target when a window
// begins, clamped to the content size it had last frame, so the target is set
// again for a few frames while the new screen's size settles.
void Shell::apply_scroll() {
    if (m_scroll_frames <= 0) return;
    --m_scroll_frames;
    for (auto& [id, y] : m_scroll_target)
        if (ImGuiWindow* w = ImGui::FindWindowByID(id)) ImGui::SetScrollY(w, y);
}

void Shell::home(UiContext& ctx) { go("home", ctx); }

void Shell::idle_reset(UiContext& ctx) {
    save_left_session(ctx);  // a presenter session left idle is saved "not ended", never lost
    for (auto& [name, v] : m_views) v->reset();
    m_keyboard.reset();
    ctx.visit_locality.clear();
    m_banner_dismissed = false;
    go("home", ctx);
}

bool Shell::animating() const {
    // Also while a new screen settles: its scroll position is set again for a
    // few frames, and the space kept for the marker key follows the key
    // drawn a frame before; an idle loop must not stop on a stale frame.
    if (m_scrolling || m_scroll_frames > 0 || m_key_settling || m_keyboard.settling()) return true;
    auto [name, arg] = split_route(m_stack.back());
    auto it = m_views.find(name);
    return it != m_views.end() && it->second->animating();
}

// The top bar: Back and Home, the breadcrumb, and the text-size and colour
// controls. When they do not all fit on one line (large text on a small
// screen), the controls fold into one "Aa" menu and the breadcrumb keeps only
// the current screen's title, cut with an ellipsis: nothing overlaps Back or
// Home at any text step.
void Shell::draw_top_bar(UiContext& ctx, NavRequest& nav) {
    const Palette& p = palette(ctx.theme);
    const ImGuiStyle& style = ImGui::GetStyle();
    float pad_y = 6 * ctx.scale;
    float h = std::max(min_hit * ctx.scale, ImGui::GetFrameHeight()) + 2 * pad_y;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, p.surface);
    // A button at rest is the bar's own colour (and its menu's): it is not
    // filled again, only outlined (at 200% text those fills were a tenth of
    // the pixels a scrolling frame draws). Hovered and pressed still fill.
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(12 * ctx.scale, pad_y));
    ImGui::BeginChild("##topbar", ImVec2(0, h), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NavFlattened);
    const char* theme_label = theme == Theme::standard ? "High contrast" : "Standard colours";
    float gap = style.ItemSpacing.x;
    float full_w = button_width("A-", ctx) + button_width("A+", ctx) + button_width(theme_label, ctx) + 2 * gap;
    float compact_w = button_width("Aa", ctx);
    float left_w = m_stack.size() > 1 ? button_width("< Back", ctx) + button_width("Home", ctx) + 2 * gap : 0;
    float avail = ImGui::GetContentRegionAvail().x;
    float crumb_min = std::min(ImGui::CalcTextSize(m_titles.back().c_str()).x, ImGui::CalcTextSize("Library and").x);
    bool compact = left_w + crumb_min + gap + full_w > avail;
    float right_w = compact ? compact_w : full_w;
    if (m_stack.size() > 1) {
        if (button("< Back", ctx)) nav.kind = NavRequest::Kind::back;
        ImGui::SameLine();
        if (button("Home", ctx)) nav.kind = NavRequest::Kind::home;
        ImGui::SameLine();
    }
    float crumb_w = std::max(0.0f, avail - left_w - right_w - gap);
    draw_breadcrumb(ctx, nav, crumb_w);
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - right_w);
    draw_text_controls(ctx, compact);
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(2);
}

// Every level is a tap target; leading levels are dropped when they do not
// fit, and the current title is cut with an ellipsis as a last resort.
void Shell::draw_breadcrumb(UiContext& ctx, NavRequest& nav, float width) {
    float sep = ImGui::CalcTextSize(">").x + 2 * ImGui::GetStyle().ItemSpacing.x;
    auto crumb_w = [&](std::size_t i) { return button_width(m_titles[i].c_str(), ctx) + sep; };
    // The Home button is just to the left: a "Home" crumb beside it would
    // say the same thing twice.
    std::size_t first = m_titles.size() > 1 && m_stack.front() == "home" ? 1 : 0;
    for (;;) {
        float w = ImGui::CalcTextSize(m_titles.back().c_str()).x;
        for (std::size_t i = first; i + 1 < m_titles.size(); ++i) w += crumb_w(i);
        if (w <= width || first + 1 >= m_titles.size()) break;
        ++first;
    }
    ImGui::BeginGroup();
    const float start_x = ImGui::GetCursorScreenPos().x;
    for (std::size_t i = first; i < m_titles.size(); ++i) {
        if (i > first) {
            ImGui::SameLine();
            ImGui::AlignTextToFramePadding();
            ImGui::TextDisabled(">");
            ImGui::SameLine();
        }
        ImGui::PushID(static_cast<int>(i));
        if (i + 1 == m_titles.size()) {
            ImGui::AlignTextToFramePadding();
            if (ctx.fonts.bold) ImGui::PushFont(ctx.fonts.bold);
            float left = width - (ImGui::GetCursorScreenPos().x - start_x);
            ImGui::TextUnformatted(ellipsize(m_titles[i], std::max(left, 0.0f)).c_str());
            if (ctx.fonts.bold) ImGui::PopFont();
        } else if (button(m_titles[i].c_str(), ctx, ButtonStyle::quiet)) {
            nav.kind = NavRequest::Kind::go;
            nav.route = "#" + std::to_string(i);  // pop to level i
        }
        ImGui::PopID();
    }
    ImGui::EndGroup();
}

void Shell::draw_text_controls(UiContext& ctx, bool compact) {
    const char* theme_label = theme == Theme::standard ? "High contrast" : "Standard colours";
    // In the menu each button is given its own width: the menu sizes itself
    // to what it holds, so a button must not wrap to fit it.
    auto own = [&](const char* l) { return ImVec2(compact ? button_width(l, ctx) : 0.0f, 0.0f); };
    auto controls = [&] {
        ImGui::BeginDisabled(text_percent <= min_text_percent);
        if (button("A-", ctx, ButtonStyle::normal, own("A-"))) text_percent = previous_text_step(text_percent);
        ImGui::EndDisabled();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Smaller text");
        ImGui::SameLine();
        ImGui::BeginDisabled(text_percent >= max_text_percent);
        if (button("A+", ctx, ButtonStyle::normal, own("A+"))) text_percent = next_text_step(text_percent);
        ImGui::EndDisabled();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Larger text");
        if (!compact) ImGui::SameLine();
        if (button(theme_label, ctx, ButtonStyle::normal, own(theme_label))) theme = theme == Theme::standard ? Theme::high_contrast : Theme::standard;
    };
    if (!compact) {
        controls();
        return;
    }
    if (button("Aa", ctx)) ImGui::OpenPopup("##text-menu");
    if (ImGui::BeginPopup("##text-menu")) {
        ImGui::TextUnformatted(("Text size " + std::to_string(text_percent) + "%").c_str());
        controls();
        ImGui::EndPopup();
    }
}

void Shell::draw_usb_banner(UiContext& ctx) {
    if (!ctx.services) return;
    auto st = ctx.services->import_status();
    auto offers = ctx.services->usb_offers();
    if (offers.size() != m_offers_seen) {
        m_offers_seen = offers.size();
        m_banner_dismissed = false;
    }
    bool show = st.running || (!offers.empty() && !m_banner_dismissed) || (!st.results.empty() && !m_banner_dismissed);
    if (!show) return;
    const Palette& p = palette(ctx.theme);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, p.surface_hover);
    float lines = static_cast<float>(std::max<std::size_t>(offers.size(), 1) + st.results.size());
    float h = std::min(ImGui::GetFrameHeightWithSpacing() * (lines + 1.6f), ImGui::GetIO().DisplaySize.y * 0.45f);
    ImGui::BeginChild("##usb", ImVec2(0, h), true, ImGuiWindowFlags_AlwaysUseWindowPadding);
    if (st.running) {
        ImGui::TextUnformatted(("Installing: " + st.stage).c_str());
        float frac = st.bytes_total ? static_cast<float>(st.bytes_done) / static_cast<float>(st.bytes_total) : 0.0f;
        char label[64];
        std::snprintf(label, sizeof label, "%.1f of %.1f MB", st.bytes_done / 1048576.0, st.bytes_total / 1048576.0);
        ImGui::ProgressBar(frac, ImVec2(-140 * ctx.scale, 0), label);
        ImGui::SameLine();
        if (button("Cancel", ctx)) ctx.services->cancel_import();
    } else {
        for (std::size_t i = 0; i < offers.size(); ++i) {
            const auto& o = offers[i];
            ImGui::PushID(static_cast<int>(i));
            ImGui::AlignTextToFramePadding();
            std::string line = "USB stick: \"" + o.title + "\" (" + o.channel + ", version " + std::to_string(o.version) + ") - " + o.note;
            ImGui::TextUnformatted(line.c_str());
            ImGui::SameLine();
            if (o.version > o.installed_version && button("Install", ctx, ButtonStyle::primary)) ctx.services->start_import(o.path);
            ImGui::PopID();
        }
        for (const auto& r : st.results) ImGui::TextWrapped("%s", r.c_str());
        if (button("Dismiss", ctx)) m_banner_dismissed = true;
    }
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

// The key for every marker the view drew this frame, below the view, so it is
// on screen with the figures. Its height is kept for the next frame's layout.
void Shell::draw_marker_key(UiContext& ctx) {
    std::string key = marker_key_text();
    if (key.empty()) {
        m_key_height = 0;
        return;
    }
    const Palette& p = palette(ctx.theme);
    float y0 = ImGui::GetCursorPosY();
    ImGui::PushStyleColor(ImGuiCol_Text, p.text);
    ImGui::PushTextWrapPos(0);
    ImGui::TextWrapped("%s", key.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    m_key_height = ImGui::GetCursorPosY() - y0 + ImGui::GetStyle().ItemSpacing.y;
}

// The keyboard focus ring, drawn over everything: 3 px in the theme's focus
// colour (ImGui's own is 2 px and clipped by the item's window), so a clicker
// or keyboard user sees where Tab and the arrows went.
void Shell::draw_focus_ring(const UiContext& ctx) {
    ImGuiContext& g = *GImGui;
    m_nav_alive = g.NavId != 0 && g.NavIdIsAlive;
    if (!m_nav_alive || g.NavDisableHighlight || !g.NavWindow || g.NavWindow->Hidden) return;
    ImRect r = ImGui::WindowRectRelToAbs(g.NavWindow, g.NavWindow->NavRectRel[g.NavLayer]);
    if (r.GetWidth() <= 0 || r.GetHeight() <= 0) return;
    const float t = focus_ring_px;
    ImGui::GetForegroundDrawList()->AddRect(ImVec2(r.Min.x - t, r.Min.y - t), ImVec2(r.Max.x + t, r.Max.y + t), ImGui::GetColorU32(focus_ring_colour(ctx.theme)),
                                            ImGui::GetStyle().FrameRounding + t, 0, t);
}

void Shell::frame(UiContext& ctx) {
    clear_noted_items();
    clear_noted_markers();
    touch_frame_start();
    m_keyboard.begin_frame(ctx);
    apply_scroll();
    ImGuiIO& io = ImGui::GetIO();
    // Tab and Shift-Tab reach every control, not only text fields: ImGui 1.86
    // tabs only to items flagged Inputable, so every item is flagged (buttons
    // are not pressed by it: a tabbed-to item gets NavActivateInputId, which
    // only text fields and sliders act on; Space or Enter presses it). Tab
    // shows the focus ring. The top bar, the view and cards are NavFlattened
    // so Tab crosses between them.
    ImGui::PushItemFlag(ImGuiItemFlags_Inputable, true);
    // 1.86 also tabs forward only out of an active text field; from any other
    // focused item it starts again at the first. Forward from where it is.
    ImGuiContext& g = *GImGui;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Tab))) {
        g.NavDisableHighlight = false;
        g.NavDisableMouseHover = true;
        // (A focus left on a control of the previous screen starts at the first.)
        if ((g.NavMoveFlags & ImGuiNavMoveFlags_Tabbing) && g.NavMoveScoringItems && g.NavTabbingDir == 0 && g.NavId != 0 && m_nav_alive)
            g.NavTabbingDir = +1;
    }
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin("##kiosk", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                     ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoBackground);
    // No window background: the platform clears to the background colour, so
    // a full-screen quad here would only cost fill rate.
    ImGui::PopStyleVar();
    begin_window_capture();  // tests only: keeps the text drawn
    NavRequest nav;
    draw_top_bar(ctx, nav);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(20 * ctx.scale, 14 * ctx.scale));
    const bool presenting = split_route(m_stack.back()).first == "presenter";
    if (!presenting) draw_session_bar(ctx, nav);  // "Session in progress: back to slide N"
    draw_usb_banner(ctx);
    // Transparent: the window behind already has the background colour, and
    // each full-screen opaque layer costs fill rate on a small GPU.
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0, 0, 0, 0));
    ImGui::BeginChild("##view", ImVec2(0, -m_key_height), false, ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NavFlattened);
    ImGui::PopStyleColor();
    m_view_window = ImGui::GetCurrentWindow()->ID;
    auto [name, arg] = split_route(m_stack.back());
    if (View* v = view(name)) v->draw(ctx, nav);
    // Room below the content while the on-screen keyboard is up, so a text
    // field low on the screen can be scrolled above it.
    if (m_keyboard.visible()) ImGui::Dummy(ImVec2(1, keyboard_height(io.DisplaySize)));
    // A key taller than a fifth of the screen (many markers, large text)
    // goes at the end of the view, scrolling with it, so the view keeps the
    // screen; a short one stays pinned below, on screen with the figures.
    float key_before = m_key_height;
    std::string key = marker_key_text();
    float key_h = key.empty() ? 0 : ImGui::CalcTextSize(key.c_str(), nullptr, false, io.DisplaySize.x - 40 * ctx.scale).y;
    m_key_inline = key_h > io.DisplaySize.y * 0.2f;
    if (m_key_inline) {
        ImGui::Spacing();
        ImGui::Separator();
        draw_marker_key(ctx);
        m_key_height = 0;
    }
    m_scrolling = touch_scroll();
    ImGui::EndChild();
    note_item("#area:view");  // where the view shows, for tests (not a control)
    ImGui::PopStyleVar();
    if (!m_key_inline) {
        ImGui::Indent(20 * ctx.scale);
        draw_marker_key(ctx);
        ImGui::Unindent(20 * ctx.scale);
    }
    m_key_settling = std::fabs(m_key_height - key_before) > 0.5f;
    end_window_capture();
    ImGui::End();
    ImGui::PopItemFlag();
    draw_focus_ring(ctx);
    m_keyboard.end_frame(ctx);
    if (nav.kind == NavRequest::Kind::back) back(ctx);
    else if (nav.kind == NavRequest::Kind::home) home(ctx);
    else if (nav.kind == NavRequest::Kind::go) {
        if (nav.route.rfind("#", 0) == 0) {
            std::size_t level = std::stoul(nav.route.substr(1));
            while (m_stack.size() > level + 1) back(ctx);
        } else {
            go(nav.route, ctx);
        }
    }
    // Presenter mode: the keys are the clicker's (next, back, blank, jump), so
    // ImGui's keyboard navigation is off there: Space and the arrows never move
    // widget focus or open anything. It takes effect from the next frame.
    const std::string family = split_route(m_stack.back()).first;
    const bool clicker = family == "presenter" || family == "meeting-present";  // a pack on the projector too
    if (family != "meeting-present") pack_show().on_projector = false;  // the audience window goes back to the slide, or closes
    if (clicker && (io.ConfigFlags & ImGuiConfigFlags_NavEnableKeyboard)) {
        io.ConfigFlags &= ~ImGuiConfigFlags_NavEnableKeyboard;
        m_nav_keyboard_lent = true;
    } else if (!clicker && m_nav_keyboard_lent) {
        io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
        m_nav_keyboard_lent = false;
    }
    // Keyboard: Escape or Backspace goes back (a clicker's "back" too).
    if (!ImGui::GetIO().WantTextInput && (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace))))
        if (split_route(m_stack.back()).first != "presenter") back(ctx);
}

} // namespace kiosk
