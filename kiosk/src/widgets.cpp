// Touch-sized widgets; see widgets.hpp.
#include "kiosk/widgets.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace kiosk {

bool button(const char* label, const UiContext& ctx, ButtonStyle style, ImVec2 size) {
    const Palette& p = palette(ctx.theme);
    float m = min_hit * ctx.scale;
    ImVec2 text = ImGui::CalcTextSize(label, nullptr, true);
    ImVec2 pad = ImGui::GetStyle().FramePadding;
    if (size.x <= 0) size.x = std::max(m, text.x + pad.x * 2);
    if (size.y <= 0) size.y = std::max(m, text.y + pad.y * 2);
    int pushed = 0;
    if (style == ButtonStyle::primary) {
        ImGui::PushStyleColor(ImGuiCol_Button, p.accent);
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.accent_hover);
        ImGui::PushStyleColor(ImGuiCol_ButtonActive, p.accent_hover);
        ImGui::PushStyleColor(ImGuiCol_Text, p.text_on_accent);
        pushed = 4;
    } else if (style == ButtonStyle::quiet) {
        ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
        ImGui::PushStyleColor(ImGuiCol_Text, p.link);
        pushed = 2;
    }
    bool r = ImGui::Button(label, size);
    note_item(label);
    ImGui::PopStyleColor(pushed);
    return r && !dragged();
}

ImVec2 touch_frame_padding(const UiContext& ctx) {
    ImVec2 pad = ImGui::GetStyle().FramePadding;
    pad.y = std::max(pad.y, (min_hit * ctx.scale - ImGui::GetFontSize()) * 0.5f);
    return pad;
}

void chip(const char* text, const ImVec4& bg, const UiContext& ctx) {
    const Palette& p = palette(ctx.theme);
    ImVec2 sz = ImGui::CalcTextSize(text);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float padx = 10 * ctx.scale, pady = 4 * ctx.scale;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, ImVec2(pos.x + sz.x + 2 * padx, pos.y + sz.y + 2 * pady), ImGui::GetColorU32(bg), 12 * ctx.scale);
    dl->AddRect(pos, ImVec2(pos.x + sz.x + 2 * padx, pos.y + sz.y + 2 * pady), ImGui::GetColorU32(p.border), 12 * ctx.scale);
    dl->AddText(ImVec2(pos.x + padx, pos.y + pady), ImGui::GetColorU32(p.text_on_chip), text);
    ImGui::Dummy(ImVec2(sz.x + 2 * padx, sz.y + 2 * pady));
}

void muted_text(const std::string& text, const UiContext& ctx) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette(ctx.theme).text_muted);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

void text_in(ImFont* font, const std::string& text) {
    if (font) ImGui::PushFont(font);
    ImGui::TextWrapped("%s", text.c_str());
    if (font) ImGui::PopFont();
}

namespace {
std::map<std::string, ItemRect>& registry() {
    static std::map<std::string, ItemRect> r;
    return r;
}
} // namespace

void note_item(const std::string& label) {
    std::string key = label;
    if (auto h = key.find("##"); h != std::string::npos && h > 0) key = key.substr(0, h);
    registry()[key] = ItemRect{ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};
}

void note_rect(const std::string& label, ImVec2 min, ImVec2 max) { registry()[label] = ItemRect{min, max}; }

const std::map<std::string, ItemRect>& noted_items() { return registry(); }
void clear_noted_items() { registry().clear(); }

bool is_tap(float max_distance_px) { return max_distance_px < tap_slop_px; }

bool dragged() { return !is_tap(std::sqrt(ImGui::GetIO().MouseDragMaxDistanceSqr[0])); }

namespace {
struct ScrollState {
    float velocity = 0;
    bool dragging = false;
};
std::map<ImGuiID, ScrollState>& scroll_states() {
    static std::map<ImGuiID, ScrollState> s;
    return s;
}
} // namespace

namespace {
bool g_press_claimed = false;  // this frame's press was taken by an inner scrolling window
} // namespace

void touch_frame_start() { g_press_claimed = false; }

namespace {
// True when the active item drags by itself (a scrollbar, a slider, text
// selection in a field): a press on it must not scroll the window.
bool active_item_drags() {
    ImGuiContext& g = *GImGui;
    if (g.ActiveId == 0) return false;
    if (g.InputTextState.ID == g.ActiveId) return true;
    if (g.ActiveIdUsingNavDirMask & ((1 << ImGuiDir_Left) | (1 << ImGuiDir_Right))) return true;  // sliders and drags
    if (ImGuiWindow* w = g.ActiveIdWindow)
        return g.ActiveId == ImGui::GetWindowScrollbarID(w, ImGuiAxis_Y) || g.ActiveId == ImGui::GetWindowScrollbarID(w, ImGuiAxis_X);
    return false;
}
} // namespace

bool touch_scroll() {
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    ScrollState& st = scroll_states()[w->ID];
    ImGuiIO& io = ImGui::GetIO();
    bool hovered = ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem | ImGuiHoveredFlags_ChildWindows);
    // A press anywhere may become a drag, also on a tile, button or list row
    // (where fingers start); it stays a tap until it moves tap_slop_px.
    // Nested scrolling windows (a result list inside the view): the innermost
    // one that can scroll takes the press (it is called first, before its
    // parent's EndChild), so one drag never moves both.
    if (hovered && ImGui::IsMouseClicked(0)) {
        st.velocity = 0;
        st.dragging = !active_item_drags() && !g_press_claimed;
        if (st.dragging && w->ScrollMax.y > 0) g_press_claimed = true;
    }
    if (st.dragging && ImGui::IsMouseDown(0)) {
        if (dragged()) {
            // Now a drag: what it started on must not act on release.
            if (ImGui::GetActiveID() != 0) ImGui::ClearActiveID();
            float dy = io.MouseDelta.y;
            ImGui::SetScrollY(w, w->Scroll.y - dy);
            st.velocity = io.DeltaTime > 0 ? -dy / io.DeltaTime : 0;
        }
        return false;
    }
    if (st.dragging && !ImGui::IsMouseDown(0)) st.dragging = false;
    if (std::fabs(st.velocity) > 20.0f) {
        ImGui::SetScrollY(w, std::clamp(w->Scroll.y + st.velocity * io.DeltaTime, 0.0f, w->ScrollMax.y));
        st.velocity *= std::pow(0.05f, io.DeltaTime);  // loses 95% of its speed per second
        if (w->Scroll.y <= 0 || w->Scroll.y >= w->ScrollMax.y) st.velocity = 0;
        return std::fabs(st.velocity) > 20.0f;
    }
    st.velocity = 0;
    return false;
}

bool begin_card(const char* id, ImVec2 size, const UiContext& ctx) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, palette(ctx.theme).surface);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(16 * ctx.scale, 12 * ctx.scale));
    bool r = ImGui::BeginChild(id, size, true, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_AlwaysUseWindowPadding |
                                                    ImGuiWindowFlags_NavFlattened);  // Tab goes through the card's controls
    return r;
}

void end_card() {
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

std::string format_value(double v, content::Unit unit) {
    char buf[64];
    if (unit == content::Unit::count && std::isfinite(v) && std::fabs(v) < 1e15) {  // beyond that llround is undefined
        long long n = std::llround(v);
        std::string s = std::to_string(n < 0 ? -n : n);
        for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<std::size_t>(i), ",");
        return (n < 0 ? "-" : "") + s;
    }
    if (!std::isfinite(v) || std::fabs(v) >= 1e15) std::snprintf(buf, sizeof buf, unit == content::Unit::percent ? "%.3g%%" : "%.3g", v);
    else std::snprintf(buf, sizeof buf, unit == content::Unit::percent ? "%.1f%%" : "%.1f", v);
    return buf;
}

void right_aligned_text(const std::string& text) {
    float w = ImGui::CalcTextSize(text.c_str()).x;
    float avail = ImGui::GetContentRegionAvail().x;
    if (avail > w) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + avail - w);
    ImGui::TextUnformatted(text.c_str());
}

const char* unit_label(content::Unit unit) {
    switch (unit) {
    case content::Unit::count: return "number";
    case content::Unit::rate_per_10000: return "per 10,000 children";
    case content::Unit::percent: return "per cent";
    }
    return "";
}

std::string human_date(const std::string& iso) {
    static const char* months[] = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"};
    int y = 0, m = 0, d = 0;
    if (std::sscanf(iso.c_str(), "%d-%d-%d", &y, &m, &d) != 3 || m < 1 || m > 12) return iso;
    return std::to_string(d) + " " + months[m - 1] + " " + std::to_string(y);
}

std::string screen_text(const content::Error& e) { return e.message + " (" + std::string(content::reason_code(e.reason)) + ")"; }

} // namespace kiosk
