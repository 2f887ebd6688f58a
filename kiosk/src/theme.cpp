// Themes and contrast arithmetic; see theme.hpp.
#include "kiosk/theme.hpp"

#include <cmath>

namespace kiosk {
namespace {

ImVec4 rgb(int hex) {
    return ImVec4(((hex >> 16) & 0xff) / 255.0f, ((hex >> 8) & 0xff) / 255.0f, (hex & 0xff) / 255.0f, 1.0f);
}

const Palette k_standard = {
    rgb(0xF4F1EA), rgb(0xFFFFFF), rgb(0xE6EEF5), rgb(0x6B7684),  // background (warm paper), surface, hover, border (3:1 on all three)
    rgb(0x1B1F24), rgb(0x4A5561), rgb(0xFFFFFF),                  // text, muted, on accent
    rgb(0x1D5A8A), rgb(0x174A72),                                 // accent (council blue), hover
    rgb(0x1E6B34), rgb(0xA4262C), rgb(0x8A5300), rgb(0x1D5A8A), rgb(0xFFE58A),
    rgb(0xF6D3D5), rgb(0xFCE7BF), rgb(0xD4EDDA), rgb(0xDDE3EA),
    rgb(0x1B1F24),
    rgb(0x1D5A8A), rgb(0xC9DCEB), rgb(0xD9D4C7),
};

const Palette k_high_contrast = {
    rgb(0x000000), rgb(0x0A0A0A), rgb(0x262626), rgb(0xFFFFFF),
    rgb(0xFFFFFF), rgb(0xE0E0E0), rgb(0x000000),
    rgb(0xFFD400), rgb(0xFFE45C),
    rgb(0x7CFC98), rgb(0xFF8A8A), rgb(0xFFD400), rgb(0x8CD2FF), rgb(0x1F4E79),
    rgb(0x5C0000), rgb(0x4D3B00), rgb(0x003B12), rgb(0x262626),
    rgb(0xFFFFFF),
    rgb(0xFFD400), rgb(0x4D4000), rgb(0x595959),
};

double channel(double c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); }

} // namespace

const Palette& palette(Theme t) { return t == Theme::high_contrast ? k_high_contrast : k_standard; }

double relative_luminance(const ImVec4& c) { return 0.2126 * channel(c.x) + 0.7152 * channel(c.y) + 0.0722 * channel(c.z); }

double contrast_ratio(const ImVec4& a, const ImVec4& b) {
    double la = relative_luminance(a), lb = relative_luminance(b);
    if (la < lb) std::swap(la, lb);
    return (la + 0.05) / (lb + 0.05);
}

std::vector<ColourPair> text_pairs(Theme t) {
    const Palette& p = palette(t);
    return {
        {"text on background", p.text, p.background},
        {"text on surface", p.text, p.surface},
        {"text on hover", p.text, p.surface_hover},
        {"muted text on background", p.text_muted, p.background},
        {"muted text on surface", p.text_muted, p.surface},
        {"text on accent button", p.text_on_accent, p.accent},
        {"text on accent hover", p.text_on_accent, p.accent_hover},
        {"good on surface", p.good, p.surface},
        {"bad on surface", p.bad, p.surface},
        {"warning on surface", p.warning, p.surface},
        {"warning on background", p.warning, p.background},
        {"link on surface", p.link, p.surface},
        {"link on background", p.link, p.background},
        {"text on highlight", p.text, p.highlight_bg},
        {"chip text on red", p.text_on_chip, p.rag_red},
        {"chip text on amber", p.text_on_chip, p.rag_amber},
        {"chip text on green", p.text_on_chip, p.rag_green},
        {"chip text on complete", p.text_on_chip, p.rag_complete},
        {"chart values on surface", p.chart_line, p.surface},
    };
}

ImVec4 focus_ring_colour(Theme t) { return t == Theme::high_contrast ? palette(t).accent : palette(t).warning; }

std::vector<ColourPair> non_text_pairs(Theme t) {
    const Palette& p = palette(t);
    ImVec4 ring = focus_ring_colour(t);
    return {
        {"border on background", p.border, p.background},
        {"border on surface", p.border, p.surface},
        {"border on hover", p.border, p.surface_hover},
        {"focus ring on background", ring, p.background},
        {"focus ring on surface", ring, p.surface},
        {"focus ring on hover", ring, p.surface_hover},
    };
}

void apply_theme(Theme t, float scale) {
    const Palette& p = palette(t);
    ImGuiStyle& s = ImGui::GetStyle();
    s = ImGuiStyle();
    s.WindowRounding = 0;
    s.FrameRounding = 8;
    s.GrabRounding = 8;
    s.ChildRounding = 10;
    s.PopupRounding = 8;
    s.ScrollbarRounding = 8;
    s.FramePadding = ImVec2(14, 11);    // with a 20 px font: 42+ px tall frames
    s.ItemSpacing = ImVec2(12, 10);
    s.ItemInnerSpacing = ImVec2(10, 8);
    s.WindowPadding = ImVec2(20, 16);
    s.ScrollbarSize = 22;
    s.GrabMinSize = 44;
    s.TouchExtraPadding = ImVec2(4, 4);
    s.WindowBorderSize = 0;
    s.ChildBorderSize = 1;
    s.FrameBorderSize = 2.0f;  // a 1 px line off the pixel grid is smeared to half its contrast
    s.ScaleAllSizes(scale);
    ImVec4* c = s.Colors;
    c[ImGuiCol_Text] = p.text;
    c[ImGuiCol_TextDisabled] = p.text_muted;
    c[ImGuiCol_WindowBg] = p.background;
    c[ImGuiCol_ChildBg] = p.surface;
    c[ImGuiCol_PopupBg] = p.surface;
    c[ImGuiCol_Border] = p.border;
    c[ImGuiCol_FrameBg] = p.surface;
    c[ImGuiCol_FrameBgHovered] = p.surface_hover;
    c[ImGuiCol_FrameBgActive] = p.surface_hover;
    c[ImGuiCol_TitleBg] = p.accent;
    c[ImGuiCol_TitleBgActive] = p.accent;
    c[ImGuiCol_MenuBarBg] = p.surface;
    c[ImGuiCol_ScrollbarBg] = p.background;
    c[ImGuiCol_ScrollbarGrab] = p.border;
    c[ImGuiCol_ScrollbarGrabHovered] = p.text_muted;
    c[ImGuiCol_ScrollbarGrabActive] = p.text_muted;
    c[ImGuiCol_CheckMark] = p.accent;
    c[ImGuiCol_SliderGrab] = p.accent;
    c[ImGuiCol_SliderGrabActive] = p.accent_hover;
    c[ImGuiCol_Button] = p.surface;
    c[ImGuiCol_ButtonHovered] = p.surface_hover;
    c[ImGuiCol_ButtonActive] = p.surface_hover;
    c[ImGuiCol_Header] = p.surface_hover;
    c[ImGuiCol_HeaderHovered] = p.surface_hover;
    c[ImGuiCol_HeaderActive] = p.surface_hover;
    c[ImGuiCol_Separator] = p.border;
    c[ImGuiCol_Tab] = p.surface;
    c[ImGuiCol_TabHovered] = p.surface_hover;
    c[ImGuiCol_TabActive] = p.surface_hover;
    c[ImGuiCol_TableHeaderBg] = p.surface_hover;
    c[ImGuiCol_TableBorderStrong] = p.border;
    c[ImGuiCol_TableBorderLight] = p.border;
    c[ImGuiCol_TableRowBg] = p.surface;
    c[ImGuiCol_TableRowBgAlt] = p.background;
    c[ImGuiCol_TextSelectedBg] = p.highlight_bg;
    c[ImGuiCol_NavHighlight] = focus_ring_colour(t);
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0, 0, 0, 0.45f);
}

} // namespace kiosk
