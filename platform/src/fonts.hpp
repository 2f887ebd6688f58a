// Why this file exists: the reading font. Noto Sans (Debian's fonts-noto-core)
// was designed for legibility across screens and sizes, covers the accents in
// place names, and has true bold and italic faces; symbols such as arrows and
// stars are merged in from DejaVu Sans. The atlas is rebuilt at each text
// scale so text stays crisp rather than being stretched.
#pragma once
#include "kiosk/ui.hpp"

#include <string>

namespace platform {

struct FontFiles {
    std::string regular, bold, italic, symbols;
    [[nodiscard]] bool found() const { return !regular.empty(); }
};

// Finds the font files on this machine ($KIOSK_FONT_DIR first).
[[nodiscard]] FontFiles find_fonts();

// Clears and rebuilds the ImGui font atlas for `scale`, filling `out`.
// Falls back to ImGui's built-in font (with a note on stderr) if no TTF is found.
void build_fonts(float scale, kiosk::Fonts& out);

} // namespace platform
