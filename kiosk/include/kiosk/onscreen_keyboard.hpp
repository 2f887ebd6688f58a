// Why this file exists: a touch kiosk has no keyboard, yet search, find in
// document, the trainer's name and the admin forms are text fields. This is
// an on-screen keyboard drawn with Dear ImGui. It types through ImGui's own
// input path (io.AddInputCharacter for characters, the Backspace and Enter
// keys for editing), so every existing InputText works with it unchanged.
// It opens while a text field is active, and is placed so that it never
// covers that field (at the bottom, at the top, or with the field scrolled
// into view). Presses on it are taken away from the widgets under it.
// The pure parts (rows, sizes, placement, what a key types) are free
// functions so unit tests can check them without drawing.
#pragma once
#include "kiosk/ui.hpp"

#include <imgui.h>

#include <string>
#include <vector>

namespace kiosk {

// The "onscreen_keyboard" setting: auto (shown until a real key press is
// seen since start), always, never.
enum class KeyboardMode { automatic, always, never };
[[nodiscard]] KeyboardMode keyboard_mode(const std::string& setting);  // unknown text -> automatic
[[nodiscard]] const char* keyboard_mode_setting(KeyboardMode m);      // "auto", "always", "never"
// Whether the keyboard shows: a text field is active and the mode allows it.
[[nodiscard]] bool keyboard_wanted(KeyboardMode m, bool physical_keyboard_seen, bool text_field_active);

enum class KeyAction { character, backspace, enter, shift, symbols, letters, space, hide };
enum class KeyPage { letters, symbols };

struct Key {
    std::string label;  // what the key shows
    KeyAction action = KeyAction::character;
    char32_t ch = 0;    // for KeyAction::character (and space)
    float units = 1;    // width in letter-key widths
};

// The keys, row by row; `shifted` upper-cases letters on the letters page.
[[nodiscard]] std::vector<std::vector<Key>> keyboard_rows(KeyPage page, bool shifted);

struct KeyRect {
    ImVec2 min, max;
    Key key;
};
struct KeyboardLayout {
    ImVec2 panel_min, panel_max;  // the whole keyboard, screen pixels
    std::vector<KeyRect> keys;
};

// Lays the keyboard out across the display, `at_top` or at the bottom. Keys
// are at least 44 px in both directions at every display size.
[[nodiscard]] KeyboardLayout layout_keyboard(KeyPage page, bool shifted, ImVec2 display, bool at_top);
// The keyboard's height on this display (same for both pages).
[[nodiscard]] float keyboard_height(ImVec2 display);

struct Placement {
    bool at_top = false;
    float scroll_by = 0;  // add to the field's window scroll (bring it above the keyboard)
};
// Where the keyboard goes so it does not cover `field` (screen rect): below it
// when there is room, else above it, else at the bottom with the field
// scrolled up by `scroll_by`.
[[nodiscard]] Placement place_keyboard(ImVec2 display, float height, ImVec2 field_min, ImVec2 field_max);

// The index of the key under `p`, or -1.
[[nodiscard]] int key_at(const KeyboardLayout& layout, ImVec2 p);

class OnscreenKeyboard {
public:
    // Call after ImGui::NewFrame and before the views draw. Takes presses on
    // the keyboard (as laid out last frame) away from ImGui, and types the
    // key released on. UI thread only.
    void begin_frame(UiContext& ctx);
    // Call after the views drew (and ended their windows): draws the keyboard
    // on the foreground when a text field is active and the mode wants it.
    void end_frame(UiContext& ctx);
    // Types one key into ImGui as if pressed now (characters, Backspace,
    // Enter); page keys change the page. Used by begin_frame and by tests.
    void press(const Key& key);

    [[nodiscard]] bool visible() const { return m_visible; }
    // True for a few frames after a field is activated, while it is scrolled
    // above the keyboard (the loop must keep drawing).
    [[nodiscard]] bool settling() const { return m_visible && m_settle > 0; }
    [[nodiscard]] const KeyboardLayout& layout() const { return m_layout; }
    [[nodiscard]] KeyPage page() const { return m_page; }
    [[nodiscard]] bool shifted() const { return m_shift; }
    void reset();

private:
    void draw(const UiContext& ctx);
    void hide_pointer();
    ImVec2 m_saved_pos;
    bool m_saved_down = false, m_pointer_hidden = false;
    KeyboardLayout m_layout;
    KeyboardMode m_mode = KeyboardMode::automatic;  // read when a field becomes active
    int m_settle = 0;             // frames left to scroll a new field into view
    KeyPage m_page = KeyPage::letters;
    bool m_shift = false;
    bool m_visible = false;
    bool m_owns_pointer = false;  // the current press started on the keyboard
    int m_pressed = -1;
    int m_key_down = -1;          // io.KeysDown index to release at end_frame
    unsigned m_field = 0;         // the text field the keyboard was placed for
    bool m_hide_requested = false;
};

} // namespace kiosk
