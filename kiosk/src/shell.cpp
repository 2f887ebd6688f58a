// The app shell; see shell.hpp.
#include "kiosk/shell.hpp"
#include "kiosk/marker_key.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/training_shared.hpp"
#include "kiosk/views.hpp"
#include "kiosk/widgets.hpp"

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
    m_stack.push_back("home");
    m_titles.push_back("Home");
}

Shell::~Shell() = default;

std::vector<std::string> Shell::view_names() {
    return {"home", "briefing", "compare", "brief", "actions", "library", "doc", "training", "presenter", "admin", "meetings", "meeting", "meeting-item"};
}

View* Shell::view(const std::string& name) {
    auto it = m_views.find(name);
    return it == m_views.end() ? nullptr : it->second.get();
}

bool Shell::go(const std::string& route, UiContext& ctx) {
    auto [name, arg] = split_route(route);
    View* v = view(name);
    if (!v || !v->open(arg, ctx)) return false;
    if (name == "home") {
        m_stack.assign(1, "home");
        m_titles.assign(1, v->title());
        return true;
    }
    // Re-opening the same family replaces the top entry (e.g. next slide).
    if (!m_stack.empty() && split_route(m_stack.back()).first == name && name != "doc") {
        m_stack.back() = route;
        m_titles.back() = v->title();
    } else {
        m_stack.push_back(route);
        m_titles.push_back(v->title());
    }
    return true;
}

void Shell::back(UiContext& ctx) {
    if (m_stack.size() <= 1) return;
    m_stack.pop_back();
    m_titles.pop_back();
    auto [name, arg] = split_route(m_stack.back());
    if (View* v = view(name)) v->open(arg, ctx);
}

void Shell::home(UiContext& ctx) { go("home", ctx); }

void Shell::idle_reset(UiContext& ctx) {
    save_left_session(ctx);  // a presenter session left idle is saved "not ended", never lost
    for (auto& [name, v] : m_views) v->reset();
    ctx.visit_locality.clear();
    m_banner_dismissed = false;
    go("home", ctx);
}

bool Shell::animating() const {
    if (m_scrolling) return true;
    auto [name, arg] = split_route(m_stack.back());
    auto it = m_views.find(name);
    return it != m_views.end() && it->second->animating();
}

void Shell::draw_top_bar(UiContext& ctx, NavRequest& nav) {
    const Palette& p = palette(ctx.theme);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, p.surface);
    float h = 64 * ctx.scale;
    ImGui::BeginChild("##topbar", ImVec2(0, h), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_AlwaysUseWindowPadding);
    ImGui::SetCursorPosY((h - min_hit * ctx.scale) * 0.5f);
    if (m_stack.size() > 1) {
        if (button("< Back", ctx)) nav.kind = NavRequest::Kind::back;
        ImGui::SameLine();
        if (button("Home", ctx)) nav.kind = NavRequest::Kind::home;
        ImGui::SameLine();
    }
    // Breadcrumb: every level is a tap target.
    const char* theme_label = theme == Theme::standard ? "High contrast" : "Standard colours";
    float right_w = ImGui::CalcTextSize("A-A+").x + ImGui::CalcTextSize(theme_label).x + ImGui::GetStyle().FramePadding.x * 6 +
                    ImGui::GetStyle().ItemSpacing.x * 3 + 2 * min_hit * ctx.scale * 0.3f + 20 * ctx.scale;
    float avail = ImGui::GetContentRegionAvail().x - right_w;
    ImGui::BeginGroup();
    // Long titles are cut at the edge of the crumb area rather than running
    // under the text-size buttons.
    ImVec2 clip_min = ImGui::GetCursorScreenPos();
    ImVec2 clip_max(ImGui::GetWindowPos().x + ImGui::GetWindowWidth() - right_w - ImGui::GetStyle().ItemSpacing.x, clip_min.y + 64 * ctx.scale);
    ImGui::PushClipRect(ImVec2(clip_min.x, ImGui::GetWindowPos().y), clip_max, true);
    std::size_t first = 0;
    // Drop leading crumbs that would not fit (long trails on small screens).
    for (;;) {
        float w = 0;
        for (std::size_t i = first; i < m_titles.size(); ++i) w += ImGui::CalcTextSize(m_titles[i].c_str()).x + 60 * ctx.scale;
        if (w <= avail || first + 1 >= m_titles.size()) break;
        ++first;
    }
    for (std::size_t i = first; i < m_titles.size(); ++i) {
        if (i > first) {
            ImGui::SameLine();
            ImGui::AlignTextToFramePadding();
            ImGui::TextDisabled(">");
            ImGui::SameLine();
        }
        bool last = i + 1 == m_titles.size();
        ImGui::PushID(static_cast<int>(i));
        if (last) {
            ImGui::AlignTextToFramePadding();
            if (ctx.fonts.bold) ImGui::PushFont(ctx.fonts.bold);
            ImGui::TextUnformatted(m_titles[i].c_str());
            if (ctx.fonts.bold) ImGui::PopFont();
        } else if (button(m_titles[i].c_str(), ctx, ButtonStyle::quiet)) {
            nav.kind = NavRequest::Kind::go;
            nav.route = "#" + std::to_string(i);  // pop to level i
        }
        ImGui::PopID();
    }
    ImGui::PopClipRect();
    ImGui::EndGroup();
    ImGui::SameLine(ImGui::GetWindowWidth() - right_w);
    ImGui::BeginDisabled(font_step <= 0);
    if (button("A-", ctx)) font_step = std::max(0, font_step - 1);
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Smaller text");
    ImGui::SameLine();
    ImGui::BeginDisabled(font_step >= font_scale_count - 1);
    if (button("A+", ctx)) font_step = std::min(font_scale_count - 1, font_step + 1);
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Larger text");
    ImGui::SameLine();
    if (button(theme_label, ctx))
        theme = theme == Theme::standard ? Theme::high_contrast : Theme::standard;
    ImGui::EndChild();
    ImGui::PopStyleColor();
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

void Shell::frame(UiContext& ctx) {
    clear_noted_items();
    clear_noted_markers();
    ImGuiIO& io = ImGui::GetIO();
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
    ImGui::BeginChild("##view", ImVec2(0, -m_key_height), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
    ImGui::PopStyleColor();
    auto [name, arg] = split_route(m_stack.back());
    if (View* v = view(name)) v->draw(ctx, nav);
    m_scrolling = touch_scroll();
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::Indent(20 * ctx.scale);
    draw_marker_key(ctx);
    ImGui::Unindent(20 * ctx.scale);
    end_window_capture();
    ImGui::End();
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
    const bool clicker = split_route(m_stack.back()).first == "presenter";
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
