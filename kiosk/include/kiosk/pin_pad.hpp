// Why this file exists: one touch keypad for every admin PIN screen (unlock,
// choose the first PIN, change it), with its prompt and any refusal beside
// the keys, so the message is in view on a 800x480 panel.
#pragma once
#include "kiosk/pin_flow.hpp"
#include "kiosk/ui.hpp"

namespace kiosk {

// Draws the keypad, the digits entered (as dots), the prompt and the last
// refusal ("That PIN is not right. (E_PIN)") to the right of the keys, and
// runs the flow's requests on ctx.services' PIN worker (never hashing here).
// Returns true on the frame the flow finishes. UI thread only.
bool draw_pin_pad(UiContext& ctx, PinFlow& flow);

} // namespace kiosk
