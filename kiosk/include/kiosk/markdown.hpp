// Why this file exists: one markdown renderer shared by briefings, the library
// reader and training slides. md4c (a maintained CommonMark parser) turns text
// into blocks; layout wraps them once for a width; drawing then touches only
// the lines that are visible, so a 200 KB document scrolls without dropping
// frames. Layout needs font metrics but no GL, so it is unit-tested headless.
#pragma once
#include "kiosk/ui.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

enum class RunStyle { normal, bold, italic, bold_italic, code };

struct MdRun {
    std::string text;
    RunStyle style = RunStyle::normal;
    std::string href;  // non-empty for links
};

struct MdBlock {
    enum class Kind { heading, paragraph, list_item, quote, table, image, embed, rule, code } kind = Kind::paragraph;
    int level = 0;                 // heading level, or list depth
    std::string bullet;            // "•" or "3."
    std::vector<MdRun> runs;
    std::vector<std::vector<std::vector<MdRun>>> rows;  // table: rows of cells of runs; row 0 is the header
    std::string target;            // image id, or embed spec such as "card:cla"
    std::string alt;
};

struct MdDocument {
    std::vector<MdBlock> blocks;
};

// Parses CommonMark (with tables). `{{card:ID}}` / `{{chart:ID}}` on their own
// become embed blocks; `![alt](image:ID)` becomes an image block.
[[nodiscard]] MdDocument parse_markdown(std::string_view md);

struct OutlineEntry {
    int level = 1;
    std::string title;
    float y = 0;  // position in the layout
};

struct LaidRun {
    ImVec2 pos;        // relative to the layout origin
    ImFont* font = nullptr;
    float size = 0;
    RunStyle style = RunStyle::normal;
    std::string text;
    std::string href;
    float width = 0;
};

struct LaidItem {
    enum class Kind { text, image, embed, rule, quote_bar, cell_border, bullet } kind = Kind::text;
    float y0 = 0, y1 = 0;   // vertical extent, for visibility tests
    LaidRun run;            // text / bullet
    ImVec2 p0, p1;          // image / embed / rule / border rectangle
    std::string target;     // image id or embed spec
    std::string alt;
};

struct MdLayout {
    float width = 0, height = 0;
    std::vector<LaidItem> items;  // sorted by y0
    std::vector<OutlineEntry> outline;
    std::string plain;            // all text, for find
    std::vector<std::pair<std::size_t, std::size_t>> plain_to_item;  // plain offset -> item index, ascending
};

struct LayoutStyle {
    ImFont* body = nullptr;
    ImFont* bold = nullptr;
    ImFont* italic = nullptr;
    ImFont* heading = nullptr;
    ImFont* title = nullptr;
    float body_size = 0;          // 0: the font's own size
    float paragraph_gap = 12;
    float scale = 1;
    // Height for an embed block given its spec and the width (default 140).
    std::function<float(const std::string& spec, float width)> embed_height;
    // Size of an image given its id (0,0 when unknown: a placeholder is laid out).
    std::function<ImVec2(const std::string& id)> image_size;
};

// Lays out `doc` to `width` pixels. Pure: depends only on the inputs.
[[nodiscard]] MdLayout layout_markdown(const MdDocument& doc, float width, const LayoutStyle& style);

struct DrawHooks {
    std::function<void(const std::string& spec, ImVec2 p0, ImVec2 p1)> draw_embed;
    std::function<void(const std::string& id, const std::string& alt, ImVec2 p0, ImVec2 p1)> draw_image;
    std::function<void(const std::string& href)> on_link;
    std::vector<std::pair<std::size_t, std::size_t>> highlights;  // plain-text ranges to mark (find)
    int current_highlight = -1;  // the one find is on: drawn stronger and outlined, not by colour alone
};

// Draws the part of `layout` between clip_top and clip_bottom (layout
// coordinates) at screen position `origin`, using binary search to skip the
// rest. Returns the number of items drawn (for tests and benchmarks).
std::size_t draw_layout(const MdLayout& layout, ImVec2 origin, float clip_top, float clip_bottom, const UiContext& ctx, const DrawHooks& hooks);

// Finds every case-insensitive occurrence of `needle` in layout.plain.
[[nodiscard]] std::vector<std::pair<std::size_t, std::size_t>> find_in_layout(const MdLayout& layout, const std::string& needle);
// The y position of the item holding plain offset `pos`.
[[nodiscard]] float y_of_plain_offset(const MdLayout& layout, std::size_t pos);

// A scrolling child that lays out (cached per width, scale and font build) and draws a
// markdown document: the shared reader used by all three areas.
struct MarkdownView {
    MdDocument doc;
    MdLayout layout;
    float laid_width = -1, laid_scale = -1;
    unsigned laid_fonts = 0;  // Fonts::generation the layout's ImFont pointers belong to
    std::string find_text;
    std::vector<std::pair<std::size_t, std::size_t>> matches;
    int match_index = -1;
    float scroll_to = -1;  // set to jump (outline, find)
    bool animating = false;

    void set_markdown(std::string_view md);
    // Draws in a child of `size`. Embeds/images are drawn through `hooks`.
    void draw(const char* id, ImVec2 size, UiContext& ctx, DrawHooks hooks, const LayoutStyle& style);
    void find(const std::string& needle);
    void find_next(int dir);
};

} // namespace kiosk
