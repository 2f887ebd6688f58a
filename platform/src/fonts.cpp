// Font discovery and atlas building; see fonts.hpp.
#include "fonts.hpp"

#include <atomic>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace fs = std::filesystem;

namespace platform {

FontFiles find_fonts() {
    FontFiles f;
    std::vector<fs::path> dirs;
    if (const char* d = std::getenv("KIOSK_FONT_DIR")) dirs.emplace_back(d);
    dirs.emplace_back(KIOSK_ASSETS_DIR);
    dirs.emplace_back("/usr/share/fonts/truetype/noto");
    for (auto& d : dirs) {
        if (fs::exists(d / "NotoSans-Regular.ttf")) {
            f.regular = (d / "NotoSans-Regular.ttf").string();
            f.bold = fs::exists(d / "NotoSans-Bold.ttf") ? (d / "NotoSans-Bold.ttf").string() : f.regular;
            f.italic = fs::exists(d / "NotoSans-Italic.ttf") ? (d / "NotoSans-Italic.ttf").string() : f.regular;
            break;
        }
    }
    if (f.regular.empty() && fs::exists("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")) {
        f.regular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
        f.bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
        f.italic = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf";
    }
    if (fs::exists("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")) f.symbols = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    return f;
}

void build_fonts(ImFontAtlas& atlas, float scale, kiosk::Fonts& out) {
    static std::atomic<unsigned> builds{0};
    out.generation = ++builds;  // layouts holding the old ImFont pointers must be redone
    atlas.Clear();
    // The texture is as tall as the glyphs need, not rounded up to a power of
    // two (GL 2.0 and later take any size): at 1920x1080 1024x649 rather than
    // 1024x1024, about 0.37 MB less on the GPU at the same pixels (issue 23).
    atlas.Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    static const FontFiles files = find_fonts();
    // Latin-1 and Latin Extended-A (accents in names), typographic punctuation,
    // the euro; and the few symbols the UI draws (arrows, triangles, star, dot).
    static const ImWchar text_ranges[] = {0x0020, 0x017F, 0x2010, 0x2027, 0x20AC, 0x20AC, 0};
    static const ImWchar symbol_ranges[] = {0x2190, 0x2193, 0x25A0, 0x25A0, 0x25B2, 0x25B2, 0x25BC, 0x25BC, 0x25CF, 0x25CF, 0x2605, 0x2605, 0};
    auto add = [&](const std::string& path, float px) -> ImFont* {
        if (path.empty()) {
            ImFontConfig cfg;
            cfg.SizePixels = px;
            return atlas.AddFontDefault(&cfg);
        }
        ImFontConfig cfg;
        cfg.OversampleH = 1;  // crisp enough at these sizes, and half the glyph work at start-up
        cfg.OversampleV = 1;
        ImFont* f = atlas.AddFontFromFileTTF(path.c_str(), px, &cfg, text_ranges);
        if (!files.symbols.empty()) {
            ImFontConfig m;
            m.MergeMode = true;
            m.OversampleH = 1;
            atlas.AddFontFromFileTTF(files.symbols.c_str(), px, &m, symbol_ranges);
        }
        return f;
    };
    if (!files.found()) std::fprintf(stderr, "note: Noto Sans was not found (install fonts-noto-core); using ImGui's built-in font\n");
    const float body = 20.0f * scale;
    out.body = add(files.regular, body);
    out.bold = add(files.bold, body);
    out.italic = add(files.italic, body);
    out.heading = add(files.bold, 26.0f * scale);
    out.title = add(files.bold, 34.0f * scale);
    out.slide = add(files.regular, 34.0f * scale);
    atlas.Build();
    // The TTF files (about 7.5 MB for six sizes with the symbol merge) are only
    // needed to build; the next build re-adds them.
    atlas.ClearInputData();
}

} // namespace platform
