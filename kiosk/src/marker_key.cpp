// The on-screen key for markers; see marker_key.hpp.
#include "kiosk/marker_key.hpp"

#include "content/headline.hpp"

#include <imgui_internal.h>

namespace kiosk {
namespace {

struct Registry {
    std::set<std::string> markers;
    bool rule = false;
    bool capture = false;
    std::string captured;
};

Registry& reg() {
    static Registry r;
    return r;
}

constexpr const char* k_markers[] = {"[c]", "[x]", "[z]", "[low]", "[u]", "[p]", "[r]", "[e]"};

} // namespace

void note_markers_in(std::string_view text) {
    if (text.find('[') == std::string_view::npos) return;
    for (const char* m : k_markers)
        if (text.find(m) != std::string_view::npos) reg().markers.insert(m);
}

void note_similar_rule() { reg().rule = true; }
const std::set<std::string>& noted_markers() { return reg().markers; }
bool similar_rule_noted() { return reg().rule; }

void clear_noted_markers() {
    reg().markers.clear();
    reg().rule = false;
}

std::string marker_key_text() {
    std::string s;
    for (const char* m : k_markers) {
        if (!reg().markers.contains(m)) continue;
        s += s.empty() ? "Key: " : "   ";
        s += content::marker_sentence(m) + ".";
    }
    if (reg().rule) {
        s += s.empty() ? "Key: " : "   ";
        s += content::similar_rule_text();
    }
    return s;
}

void draw_text(ImDrawList* dl, ImVec2 pos, ImU32 col, const std::string& text) {
    draw_text(dl, ImGui::GetFont(), ImGui::GetFontSize(), pos, col, text);
}

void draw_text(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, ImU32 col, std::string_view text) {
    note_markers_in(text);
    if (reg().capture) {
        reg().captured.append(text);
        reg().captured += '\n';
    }
    dl->AddText(font, size, pos, col, text.data(), text.data() + text.size());
}

void capture_text(bool on) { reg().capture = on; }

void begin_window_capture() {
    if (reg().capture) ImGui::LogToBuffer();
}

void end_window_capture() {
    if (!reg().capture) return;
    reg().captured += GImGui->LogBuffer.c_str();
    reg().captured += '\n';
    ImGui::LogFinish();
}
const std::string& captured_text() { return reg().captured; }
void clear_captured_text() { reg().captured.clear(); }

} // namespace kiosk
