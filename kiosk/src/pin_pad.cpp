// The admin PIN keypad; see pin_pad.hpp.
#include "kiosk/pin_pad.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/widgets.hpp"

#include <algorithm>

namespace kiosk {
namespace {

// Passes a request from the flow to the device's PIN worker.
void run_request(UiContext& ctx, const PinRequest& req) {
    if (req.kind == PinRequest::Kind::check) ctx.services->start_pin_check(req.old_pin);
    else if (req.kind == PinRequest::Kind::change) ctx.services->start_pin_change(req.old_pin, req.new_pin);
}

// Three by four keys, as large as the space allows (44 to 64 px at scale 1,
// and never smaller than a label in the current font).
void draw_keys(UiContext& ctx, PinFlow& flow, float key) {
    const char* keys[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "Clear", "0", "OK"};
    bool busy = flow.step() == PinStep::working;
    ImGui::BeginGroup();
    ImGui::BeginDisabled(busy);
    for (int i = 0; i < 12; ++i) {
        if (i % 3) ImGui::SameLine();
        // Clear and OK are wider, and never narrower than their word (at
        // 200% text "Clear" would otherwise wrap inside its key).
        float w = i == 9 || i == 11 ? std::max(key * 1.4f, button_width(keys[i], ctx)) : key;
        if (button(keys[i], ctx, i == 11 ? ButtonStyle::primary : ButtonStyle::normal, ImVec2(w, key))) {
            if (i == 9) flow.clear();
            else if (i == 11) run_request(ctx, flow.submit());
            else flow.digit(keys[i][0]);
        }
    }
    ImGui::EndDisabled();
    ImGui::EndGroup();
}

} // namespace

bool draw_pin_pad(UiContext& ctx, PinFlow& flow) {
    if (!ctx.services) return false;
    if (flow.step() == PinStep::working)
        if (auto r = ctx.services->take_pin_result()) flow.finished(*r);
    if (flow.done()) return true;
    const ImGuiStyle& st = ImGui::GetStyle();
    float avail_h = ImGui::GetContentRegionAvail().y;
    float low = std::max(min_hit, ImGui::GetFrameHeight());  // never smaller than its label
    float key = std::clamp((avail_h - 3 * st.ItemSpacing.y) / 4.0f, low, std::max(low, 64.0f * ctx.scale));
    draw_keys(ctx, flow, key);
    ImGui::SameLine(0, 24 * ctx.scale);
    // Beside the keys: what to do, what was typed, and why the last try was refused.
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(0);
    if (ctx.fonts.bold) ImGui::PushFont(ctx.fonts.bold);
    ImGui::TextWrapped("%s", flow.prompt().c_str());
    if (ctx.fonts.bold) ImGui::PopFont();
    std::string dots;
    for (std::size_t i = 0; i < flow.digits(); ++i) dots += "* ";
    if (ctx.fonts.title) ImGui::PushFont(ctx.fonts.title);
    ImGui::TextUnformatted(dots.empty() ? " " : dots.c_str());
    if (ctx.fonts.title) ImGui::PopFont();
    if (flow.error()) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette(ctx.theme).bad);
        ImGui::TextWrapped("%s", screen_text(*flow.error()).c_str());
        ImGui::PopStyleColor();
        note_item("pin message");
    }
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    // A keyboard works too: digits, Backspace clears, Enter is OK.
    ImGuiIO& io = ImGui::GetIO();
    for (int i = 0; i < io.InputQueueCharacters.Size; ++i) flow.digit(static_cast<char>(io.InputQueueCharacters[i] < 128 ? io.InputQueueCharacters[i] : 0));
    if (flow.step() != PinStep::working &&
        (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter))))
        run_request(ctx, flow.submit());
    return false;
}

} // namespace kiosk
