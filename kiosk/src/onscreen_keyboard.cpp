// The on-screen keyboard; see onscreen_keyboard.hpp.
#include "kiosk/onscreen_keyboard.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/widgets.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>

namespace kiosk {
namespace {

constexpr float k_gap = 4.0f;      // between keys
constexpr float k_margin = 6.0f;   // around the keyboard
constexpr int k_rows = 5;

std::vector<Key> characters(const char* text) {
    std::vector<Key> row;
    for (const char* c = text; *c; ++c) row.push_back(Key{std::string(1, *c), KeyAction::character, static_cast<char32_t>(*c), 1});
    return row;
}

float row_height(ImVec2 display) { return std::clamp(display.y * 0.09f, min_hit, 64.0f); }

} // namespace

KeyboardMode keyboard_mode(const std::string& setting) {
    if (setting == "always") return KeyboardMode::always;
    if (setting == "never") return KeyboardMode::never;
    return KeyboardMode::automatic;
}

const char* keyboard_mode_setting(KeyboardMode m) {
    switch (m) {
    case KeyboardMode::always: return "always";
    case KeyboardMode::never: return "never";
    case KeyboardMode::automatic: break;
    }
    return "auto";
}

bool keyboard_wanted(KeyboardMode m, bool physical_keyboard_seen, bool text_field_active) {
    if (!text_field_active || m == KeyboardMode::never) return false;
    return m == KeyboardMode::always || !physical_keyboard_seen;
}

std::vector<std::vector<Key>> keyboard_rows(KeyPage page, bool shifted) {
    std::vector<std::vector<Key>> rows;
    rows.push_back(characters("1234567890"));
    if (page == KeyPage::letters) {
        rows.push_back(characters(shifted ? "QWERTYUIOP" : "qwertyuiop"));
        rows.push_back(characters(shifted ? "ASDFGHJKL" : "asdfghjkl"));
        auto r3 = characters(shifted ? "ZXCVBNM" : "zxcvbnm");
        r3.insert(r3.begin(), Key{shifted ? "SHIFT" : "Shift", KeyAction::shift, 0, 1.5f});
        r3.push_back(Key{"Delete", KeyAction::backspace, 0, 1.5f});
        rows.push_back(std::move(r3));
    } else {
        rows.push_back(characters("-/:;()&@\"'"));
        rows.push_back(characters(".,?!#%+=*"));
        auto r3 = characters("_$<>[]~");
        r3.push_back(Key{"\xC2\xA3", KeyAction::character, U'\u00A3', 1});  // pound sign
        r3.push_back(Key{"Delete", KeyAction::backspace, 0, 2.0f});
        rows.push_back(std::move(r3));
    }
    rows.push_back({
        page == KeyPage::letters ? Key{"?123", KeyAction::symbols, 0, 1.5f} : Key{"ABC", KeyAction::letters, 0, 1.5f},
        Key{"@", KeyAction::character, U'@', 1},
        Key{"Space", KeyAction::space, U' ', 3.5f},
        Key{".", KeyAction::character, U'.', 1},
        Key{"Enter", KeyAction::enter, 0, 1.5f},
        Key{"Hide", KeyAction::hide, 0, 1.5f},
    });
    return rows;
}

float keyboard_height(ImVec2 display) { return k_rows * row_height(display) + (k_rows - 1) * k_gap + 2 * k_margin; }

KeyboardLayout layout_keyboard(KeyPage page, bool shifted, ImVec2 display, bool at_top) {
    KeyboardLayout out;
    float h = keyboard_height(display);
    float top = at_top ? 0.0f : display.y - h;
    out.panel_min = ImVec2(0, top);
    out.panel_max = ImVec2(display.x, top + h);
    float rh = row_height(display);
    // Ten letter keys and their gaps fill the width, up to a comfortable size.
    float unit = std::max(min_hit, std::min((display.x - 2 * k_margin - 9 * k_gap) / 10.0f, rh * 1.8f));
    float y = top + k_margin;
    for (const auto& row : keyboard_rows(page, shifted)) {
        float units = 0;
        for (const auto& k : row) units += k.units;
        float w = units * unit + (units - 1) * k_gap;  // a wide key spans the gaps it replaces
        float x = std::max(k_margin, (display.x - w) * 0.5f);
        for (const auto& k : row) {
            float kw = k.units * unit + (k.units - 1) * k_gap;
            out.keys.push_back(KeyRect{ImVec2(x, y), ImVec2(x + kw, y + rh), k});
            x += kw + k_gap;
        }
        y += rh + k_gap;
    }
    return out;
}

Placement place_keyboard(ImVec2 display, float height, ImVec2 field_min, ImVec2 field_max) {
    const float margin = 8.0f;
    if (field_max.y + margin <= display.y - height) return {false, 0};
    if (field_min.y - margin >= height) return {true, 0};
    return {false, field_max.y + margin - (display.y - height)};
}

int key_at(const KeyboardLayout& layout, ImVec2 p) {
    for (std::size_t i = 0; i < layout.keys.size(); ++i) {
        const auto& k = layout.keys[i];
        if (p.x >= k.min.x && p.x < k.max.x && p.y >= k.min.y && p.y < k.max.y) return static_cast<int>(i);
    }
    return -1;
}

void OnscreenKeyboard::reset() {
    m_page = KeyPage::letters;
    m_shift = false;
    m_visible = false;
    m_owns_pointer = false;
    m_pressed = -1;
}

void OnscreenKeyboard::press(const Key& key) {
    ImGuiIO& io = ImGui::GetIO();
    auto key_down = [&](ImGuiKey k) {
        int idx = io.KeyMap[k];
        if (idx < 0 || idx >= IM_ARRAYSIZE(io.KeysDown)) return;
        io.KeysDown[idx] = true;
        io.KeysDownDuration[idx] = 0.0f;  // "pressed this frame" for IsKeyPressed
        m_key_down = idx;
    };
    switch (key.action) {
    case KeyAction::character:
    case KeyAction::space:
        io.AddInputCharacter(static_cast<unsigned int>(key.ch));
        if (key.action == KeyAction::character && m_page == KeyPage::letters) m_shift = false;  // one letter, like a phone
        break;
    case KeyAction::backspace: key_down(ImGuiKey_Backspace); break;
    case KeyAction::enter: key_down(ImGuiKey_Enter); break;
    case KeyAction::shift: m_shift = !m_shift; break;
    case KeyAction::symbols: m_page = KeyPage::symbols; break;
    case KeyAction::letters: m_page = KeyPage::letters; break;
    case KeyAction::hide: ImGui::ClearActiveID(); break;
    }
}

void OnscreenKeyboard::hide_pointer() {
    ImGuiIO& io = ImGui::GetIO();
    m_saved_pos = io.MousePos;
    m_saved_down = io.MouseDown[0];
    m_pointer_hidden = true;
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
}

void OnscreenKeyboard::begin_frame(UiContext&) {
    if (!m_visible) return;
    ImGuiIO& io = ImGui::GetIO();
    ImVec2 p = io.MousePos;
    bool inside = p.x >= m_layout.panel_min.x && p.x < m_layout.panel_max.x && p.y >= m_layout.panel_min.y && p.y < m_layout.panel_max.y;
    if (io.MouseClicked[0] && inside) {
        m_owns_pointer = true;
        m_pressed = key_at(m_layout, p);
    }
    if (m_owns_pointer) {
        if (io.MouseReleased[0]) {
            int k = key_at(m_layout, p);
            if (k >= 0 && k == m_pressed) press(m_layout.keys[static_cast<std::size_t>(k)].key);
            m_owns_pointer = false;
            m_pressed = -1;
        } else if (!io.MouseDown[0]) {
            m_owns_pointer = false;
            m_pressed = -1;
        }
        // The text field must not see this press, or it would lose focus.
        // (The pointer is given back at end_frame: it is the platform's input.)
        hide_pointer();
        io.MouseClicked[0] = io.MouseReleased[0] = io.MouseDown[0] = false;
    } else if (inside) {
        hide_pointer();  // nothing under the keyboard shows as hovered
    }
}

void OnscreenKeyboard::end_frame(UiContext& ctx) {
    ImGuiIO& io = ImGui::GetIO();
    if (m_pointer_hidden) {
        io.MousePos = m_saved_pos;
        io.MouseDown[0] = m_saved_down;
        m_pointer_hidden = false;
    }
    if (m_key_down >= 0) {
        io.KeysDown[m_key_down] = false;
        m_key_down = -1;
    }
    ImGuiContext& g = *GImGui;
    bool editing = g.ActiveId != 0 && g.InputTextState.ID == g.ActiveId;
    if (!editing) {
        m_visible = m_owns_pointer;  // keep swallowing a press that began on it
        if (!m_visible) m_field = 0;
        if (!m_visible) m_page = KeyPage::letters;
        return;
    }
    if (g.ActiveId != m_field) {
        m_field = g.ActiveId;
        m_mode = keyboard_mode(ctx.services ? ctx.services->setting("onscreen_keyboard", "auto") : "auto");
        m_settle = 6;  // the shell's extra room shows in ScrollMax two frames later
        m_shift = false;
    }
    if (!keyboard_wanted(m_mode, ctx.keyboard_seen, true)) {
        m_visible = false;
        return;
    }
    ImGuiWindow* w = g.ActiveIdWindow;
    ImVec2 display = io.DisplaySize;
    float h = keyboard_height(display);
    Placement place{false, 0};
    if (w && g.NavId == g.ActiveId) {
        ImRect field = ImGui::WindowRectRelToAbs(w, w->NavRectRel[0]);
        place = place_keyboard(display, h, field.Min, field.Max);
        if (place.scroll_by > 0 && m_settle > 0) {
            // Scroll the nearest window that can, so the field rises above the keyboard.
            for (ImGuiWindow* s = w; s; s = s->ParentWindow)
                if (s->ScrollMax.y > 0) {
                    ImGui::SetScrollY(s, s->Scroll.y + place.scroll_by);
                    break;
                }
        }
    }
    if (m_settle > 0) --m_settle;
    m_layout = layout_keyboard(m_page, m_shift, display, place.at_top);
    m_visible = true;
    for (const auto& k : m_layout.keys) note_rect("key:" + k.key.label, k.min, k.max);  // for the end-to-end test
    draw(ctx);
}

void OnscreenKeyboard::draw(const UiContext& ctx) {
    const Palette& p = palette(ctx.theme);
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    dl->AddRectFilled(m_layout.panel_min, m_layout.panel_max, ImGui::GetColorU32(p.background));
    float edge_y = m_layout.panel_min.y > 0 ? m_layout.panel_min.y : m_layout.panel_max.y;
    dl->AddLine(ImVec2(0, edge_y), ImVec2(m_layout.panel_max.x, edge_y), ImGui::GetColorU32(p.border), 2.0f);
    ImFont* font = ctx.fonts.body ? ctx.fonts.body : ImGui::GetFont();
    float size = std::min(font->FontSize, (m_layout.keys.empty() ? 44.0f : m_layout.keys[0].max.y - m_layout.keys[0].min.y) * 0.5f);
    for (std::size_t i = 0; i < m_layout.keys.size(); ++i) {
        const KeyRect& k = m_layout.keys[i];
        bool special = k.key.action != KeyAction::character && k.key.action != KeyAction::space;
        bool lit = static_cast<int>(i) == m_pressed || (k.key.action == KeyAction::shift && m_shift);
        bool enter = k.key.action == KeyAction::enter;
        ImVec4 bg = enter ? p.accent : lit ? p.surface_hover : p.surface;
        ImVec4 fg = enter ? p.text_on_accent : p.text;
        dl->AddRectFilled(k.min, k.max, ImGui::GetColorU32(bg), 6.0f);
        dl->AddRect(k.min, k.max, ImGui::GetColorU32(p.border), 6.0f, 0, special || lit ? 2.0f : 1.0f);
        ImVec2 ts = font->CalcTextSizeA(size, FLT_MAX, 0, k.key.label.c_str());
        ImVec2 at((k.min.x + k.max.x - ts.x) * 0.5f, (k.min.y + k.max.y - ts.y) * 0.5f);
        dl->AddText(font, size, at, ImGui::GetColorU32(fg), k.key.label.c_str());
    }
}

} // namespace kiosk
