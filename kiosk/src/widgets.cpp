// Touch-sized widgets; see widgets.hpp.
#include "kiosk/widgets.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <vector>

namespace kiosk {

bool button(const char* label, const UiContext& ctx, ButtonStyle style, ImVec2 size) {
    const Palette& p = palette(ctx.theme);
    float m = min_hit * ctx.scale;
    ImVec2 text = ImGui::CalcTextSize(label, nullptr, true);
    ImVec2 pad = ImGui::GetStyle().FramePadding;
    // A label wider than the row wraps inside a full-width button rather
    // than running off the right edge (large text on a narrow screen).
    const char* end = ImGui::FindRenderedTextEnd(label);
    float avail = size.x > 0 ? size.x : ImGui::GetContentRegionAvail().x;
    bool wrap = text.x + pad.x * 2 > avail && avail > m;
    if (wrap) {
        text = ImGui::CalcTextSize(label, end, false, avail - pad.x * 2);
        size.x = avail;
    }
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
    bool r = false;
    if (wrap) {
        ImGui::PushID(label);
        r = ImGui::Button("##wrapped", size);
        ImGui::PopID();
        ImVec2 at = ImGui::GetItemRectMin();
        ImGui::GetWindowDrawList()->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(at.x + pad.x, at.y + (size.y - text.y) * 0.5f),
                                            ImGui::GetColorU32(ImGuiCol_Text), label, end, avail - pad.x * 2);
    } else {
        r = ImGui::Button(label, size);
    }
    note_item(label, ImVec2(text.x + 2 * pad.x - 2, text.y));
    ImGui::PopStyleColor(pushed);
    return r && !dragged();
}

ImVec2 touch_frame_padding(const UiContext& ctx) {
    ImVec2 pad = ImGui::GetStyle().FramePadding;
    pad.y = std::max(pad.y, (min_hit * ctx.scale - ImGui::GetFontSize()) * 0.5f);
    return pad;
}

float button_width(const char* label, const UiContext& ctx) {
    float text = ImGui::CalcTextSize(label, nullptr, true).x;
    return std::max(min_hit * ctx.scale, text + ImGui::GetStyle().FramePadding.x * 2);
}

void flow(float next_width) {
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < next_width) ImGui::NewLine();
}

std::string ellipsize(const std::string& text, float max_width) {
    if (ImGui::CalcTextSize(text.c_str()).x <= max_width) return text;
    static const std::string dots = "\xE2\x80\xA6";  // U+2026
    float dots_w = ImGui::CalcTextSize(dots.c_str()).x;
    std::size_t n = text.size();
    while (n > 0) {
        --n;
        while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;  // a sequence's first byte
        if (ImGui::CalcTextSize(text.c_str(), text.c_str() + n).x + dots_w <= max_width) break;
    }
    while (n > 0 && text[n - 1] == ' ') --n;
    return text.substr(0, n) + dots;
}

std::string wrap_at_spaces(const std::string& text, float width) {
    std::string out, line;
    std::size_t i = 0;
    while (i <= text.size()) {
        std::size_t j = text.find_first_of(" \n", i);
        if (j == std::string::npos) j = text.size();
        std::string word = text.substr(i, j - i);
        std::string candidate = line.empty() ? word : line + " " + word;
        if (!line.empty() && ImGui::CalcTextSize(candidate.c_str()).x > width) {
            out += line + "\n";
            line = word;
        } else {
            line = candidate;
        }
        if (j < text.size() && text[j] == '\n') {
            out += line + "\n";
            line.clear();
        }
        i = j + 1;
    }
    return out + line;
}

void text_wrapped(const std::string& text) {
    float width = ImGui::GetContentRegionAvail().x;
    ImGui::TextWrapped("%s", wrap_at_spaces(text, width).c_str());
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
    text_wrapped(text);
    ImGui::PopStyleColor();
}

void text_in(ImFont* font, const std::string& text) {
    if (font) ImGui::PushFont(font);
    text_wrapped(text);
    if (font) ImGui::PopFont();
}

namespace {
std::map<std::string, ItemRect>& registry() {
    static std::map<std::string, ItemRect> r;
    return r;
}
} // namespace

namespace {
// Whether `r` can be scrolled fully into view in `w` and each window around
// it: each window's visible area, moved by as much as it can still scroll.
bool reachable_in(ImRect r, ImGuiWindow* w) {
    const float slack = 1.0f;
    for (; w; w = w->ParentWindow) {
        ImRect clip = w->InnerRect;  // its own area, not what its parent shows now
        // Only scrollbars (and drag-to-scroll, which follows the vertical
        // one) move a window: content past a window without one is lost.
        bool sx = (w->Flags & ImGuiWindowFlags_HorizontalScrollbar) != 0, sy = (w->Flags & ImGuiWindowFlags_NoScrollbar) == 0;
        float left = clip.Min.x - (sx ? w->Scroll.x : 0), right = clip.Max.x + (sx ? w->ScrollMax.x - w->Scroll.x : 0);
        float top = clip.Min.y - (sy ? w->Scroll.y : 0), bottom = clip.Max.y + (sy ? w->ScrollMax.y - w->Scroll.y : 0);
        // Taller or wider than the window: its first window-full must show.
        float w_need = std::min(r.GetWidth(), clip.GetWidth()), h_need = std::min(r.GetHeight(), clip.GetHeight());
        if (r.Min.x < left - slack || r.Min.x + w_need > right + slack) return false;
        if (r.Min.y < top - slack || r.Min.y + h_need > bottom + slack) return false;
        if (w->Flags & ImGuiWindowFlags_Popup) break;
        if (!(w->Flags & ImGuiWindowFlags_ChildWindow)) break;
        r = w->Rect();
    }
    return true;
}
} // namespace

void note_item(const std::string& label, ImVec2 text) {
    std::string key = label;
    if (auto h = key.find("##"); h != std::string::npos && h > 0) key = key.substr(0, h);
    ImRect r(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    ImRect vis = r;
    vis.ClipWithFull(w->ClipRect);
    ItemRect out{r.Min, r.Max, vis.Min, vis.Max, reachable_in(r, w), text};
    registry()[key] = out;
}

void note_rect(const std::string& label, ImVec2 min, ImVec2 max) { registry()[label] = ItemRect{min, max}; }

const std::map<std::string, ItemRect>& noted_items() { return registry(); }
void clear_noted_items() { registry().clear(); }

bool is_tap(float max_distance_px) { return max_distance_px < tap_slop_px; }

bool dragged() { return !is_tap(std::sqrt(ImGui::GetIO().MouseDragMaxDistanceSqr[0])); }

bool hover_highlight_allowed() {
    static const ImGuiContext* seen_ctx = nullptr;
    static int seen_frame = -1;
    static bool resting_after_wheel = false;
    if (int f = ImGui::GetFrameCount(); f != seen_frame || ImGui::GetCurrentContext() != seen_ctx) {  // once a frame
        seen_frame = f;
        if (ImGui::GetCurrentContext() != seen_ctx) resting_after_wheel = false;
        seen_ctx = ImGui::GetCurrentContext();
        const ImGuiIO& io = ImGui::GetIO();
        if (io.MouseWheel != 0.0f || io.MouseWheelH != 0.0f) resting_after_wheel = true;
        else if (io.MouseDelta.x != 0.0f || io.MouseDelta.y != 0.0f || ImGui::IsAnyMouseDown()) resting_after_wheel = false;
    }
    return !resting_after_wheel;
}

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
// True when the active item drags by itself (a scrollbar, a slider): a press
// on it must not scroll the window. A text field is not one: on a touch
// screen a finger dragged over the search field scrolls the page (and the
// field lets go, so the on-screen keyboard does not come up); a tap still
// focuses it. Selecting text by dragging is a mouse habit this kiosk gives up.
bool active_item_drags() {
    ImGuiContext& g = *GImGui;
    if (g.ActiveId == 0 || g.InputTextState.ID == g.ActiveId) return false;  // (a field also claims Left and Right)
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

namespace {
std::map<ImGuiID, float>& fitted_heights() {
    static std::map<ImGuiID, float> h;
    return h;
}
// The card being drawn, and whether it was (a card scrolled out of sight
// draws nothing, so it is not measured).
std::vector<std::pair<ImGuiID, bool>>& fitted_stack() {
    static std::vector<std::pair<ImGuiID, bool>> s;
    return s;
}
} // namespace

bool begin_fitted_card(const char* id, float first_height, const UiContext& ctx) {
    ImGuiID key = ImGui::GetID(id);
    auto it = fitted_heights().find(key);
    bool open = begin_card(id, ImVec2(0, it == fitted_heights().end() ? first_height : it->second), ctx);
    fitted_stack().emplace_back(key, open);
    return open;
}

void end_fitted_card() {
    const ImGuiStyle& st = ImGui::GetStyle();
    float need = ImGui::GetCursorPosY() - st.ItemSpacing.y + ImGui::GetCurrentWindow()->WindowPadding.y;
    if (!fitted_stack().empty()) {
        auto [key, drawn] = fitted_stack().back();
        if (drawn) fitted_heights()[key] = std::ceil(need);
        fitted_stack().pop_back();
    }
    end_card();
}

void bullet_wrapped(const std::string& text) {
    ImGui::Bullet();
    ImGui::TextWrapped("%s", text.c_str());
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
