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

// Clears and rebuilds `atlas` for `scale`, filling `out`, and frees the TTF
// inputs afterwards (the pixels stay until the caller uploads and clears them).
// Falls back to ImGui's built-in font (with a note on stderr) if no TTF is
// found. Needs no ImGui context or GL, so the first atlas can be built on a
// worker thread while the window opens; callers set io.FontDefault to out.body.
void build_fonts(ImFontAtlas& atlas, float scale, kiosk::Fonts& out);

} // namespace platform
