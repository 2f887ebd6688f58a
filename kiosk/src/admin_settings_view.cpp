// The admin screen's Settings section; see admin_settings.hpp.
#include "kiosk/admin_settings.hpp"
#include "kiosk/onscreen_keyboard.hpp"
#include "kiosk/text_size.hpp"
#include "kiosk/widgets.hpp"

#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdlib>

namespace kiosk {
namespace {

// A label on its own line(s), then the next field as wide as `width` (times
// the scale) or the space there is, whichever is less.
void label_above(const char* text, float width, const UiContext& ctx) {
    text_wrapped(text);
    ImGui::SetNextItemWidth(std::min(width * ctx.scale, ImGui::GetContentRegionAvail().x));
}

// A checkbox whose words wrap beside it (ImGui's own label does not wrap).
// Returns true when it was toggled.
bool toggle(const char* id, const std::string& text, bool& value) {
    bool changed = ImGui::Checkbox(id, &value);
    ImGui::SameLine();
    text_wrapped(text);
    return changed;
}

// A whole number of minutes with - and + beside it, kept within [lo, hi].
void minutes_field(const char* label, const char* id, const char* key, const char* fallback, int lo, int hi, UiContext& ctx) {
    auto* s = ctx.services;
    int v = std::atoi(s->setting(key, fallback).c_str());
    label_above(label, 200, ctx);
    if (ImGui::InputInt(id, &v)) s->set_setting(key, std::to_string(std::clamp(v, lo, hi)));
}

} // namespace

void AdminSettingsSection::draw(UiContext& ctx) {
    TouchFrames touch(ctx);
    auto* s = ctx.services;
    if (ctx.catalog && !ctx.catalog->localities().empty()) {
        std::string cur = s->setting("default_locality", ctx.catalog->area_id());
        const auto* l = ctx.catalog->locality(cur);
        label_above("Default locality", 320, ctx);
        if (ImGui::BeginCombo("##default_locality", l ? l->name.c_str() : cur.c_str())) {
            for (const auto& x : ctx.catalog->localities())
                if (x.kind != "comparator" && ImGui::Selectable(x.name.c_str(), x.id == cur, 0, ImVec2(0, min_hit * ctx.scale)))
                    s->set_setting("default_locality", x.id);
            ImGui::EndCombo();
        }
    }
    draw_device_name(ctx);
    minutes_field("Idle reset after (minutes)", "##idle_minutes", "idle_minutes", "5", 1, 120, ctx);
    minutes_field("Idle reset while a trainer presents (minutes)", "##presenter_idle_minutes", "presenter_idle_minutes", "30", 1, 240, ctx);
    bool hc = s->setting("theme", "standard") == "high_contrast";
    if (toggle("##theme", "High-contrast theme by default", hc)) s->set_setting("theme", hc ? "high_contrast" : "standard");
    int pct = text_percent_from_setting(s->setting("text_size", ""), s->setting("font_step", ""));
    int step = 0;
    while (step + 1 < static_cast<int>(text_steps.size()) && text_steps[static_cast<std::size_t>(step)] < pct) ++step;
    label_above("Default text size", 200, ctx);
    std::string shown = std::to_string(text_steps[static_cast<std::size_t>(step)]) + "%";
    if (ImGui::SliderInt("##text_size", &step, 0, static_cast<int>(text_steps.size()) - 1, shown.c_str()))
        s->set_setting("text_size", std::to_string(text_steps[static_cast<std::size_t>(step)]));
    // When the on-screen keyboard appears: auto = until a real keyboard is used.
    int kb = static_cast<int>(keyboard_mode(s->setting("onscreen_keyboard", "auto")));
    const char* kb_names[] = {"Automatic (until a keyboard is used)", "Always", "Never"};
    label_above("On-screen keyboard", 420, ctx);
    if (ImGui::Combo("##onscreen_keyboard", &kb, kb_names, 3)) s->set_setting("onscreen_keyboard", keyboard_mode_setting(static_cast<KeyboardMode>(kb)));
    bool reg = s->setting("attendance_register", "off") == "on";
    if (toggle("##register", "Keep an attendance register in training sessions (personal data: off by default)", reg))
        s->set_setting("attendance_register", reg ? "on" : "off");
    bool keep = s->setting("keep_register_after_export", "no") == "yes";
    if (toggle("##keep_register", "Keep registers on the kiosk after export", keep)) s->set_setting("keep_register_after_export", keep ? "yes" : "no");
    ImGui::Separator();
    draw_featured(ctx);
}

// The name the board's report shows for this kiosk (in each signed status file).
void AdminSettingsSection::draw_device_name(UiContext& ctx) {
    auto* s = ctx.services;
    if (m_device_name.empty()) m_device_name = s->setting("device_name", "");
    label_above("Device name", 320, ctx);
    ImGui::InputTextWithHint("##device_name", "for example Westbrook library", &m_device_name);
    flow(button_width("Save name", ctx));
    if (button("Save name", ctx)) s->set_setting("device_name", m_device_name);
}

void AdminSettingsSection::draw_featured(UiContext& ctx) {
    auto* s = ctx.services;
    text_wrapped("Featured library documents (shown first):");
    std::string featured = s->setting("featured_documents", "");
    if (!ctx.catalog) return;
    for (const auto& e : ctx.catalog->library()) {
        bool on = ("," + featured + ",").find("," + e.header.id + ",") != std::string::npos;
        if (!toggle(("##" + e.header.id).c_str(), e.header.title, on)) continue;
        std::string next;
        for (const auto& x : ctx.catalog->library()) {
            bool was = ("," + featured + ",").find("," + x.header.id + ",") != std::string::npos;
            bool keep_it = x.header.id == e.header.id ? on : was;
            if (keep_it) next += (next.empty() ? "" : ",") + x.header.id;
        }
        s->set_setting("featured_documents", next);
        featured = next;
    }
}

} // namespace kiosk
