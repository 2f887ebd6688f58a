// Plain text from markdown with md4c, for the search index; see text_util.hpp.
// The kiosk's reader parses with md4c too (kiosk/src/markdown_parse.cpp) with
// the same flags, so the index holds exactly the words the reader shows.
#include "content/text_fold.hpp"
#include "content/text_util.hpp"

#include <md4c.h>

#include <cstdlib>

namespace content {
namespace {

struct PlainWriter {
    std::string out;
    std::string block;  // the text of the current leaf block
    int table_depth = 0;

    // Ends a block: drops {{embed}} markers (live figures, not words) and
    // appends what is left as one line.
    void flush(char sep = '\n') {
        std::string kept;
        std::size_t i = 0;
        while (i < block.size()) {
            std::size_t open = block.find("{{", i);
            std::size_t close = open == std::string::npos ? std::string::npos : block.find("}}", open + 2);
            if (close == std::string::npos) {
                kept.append(block, i, std::string::npos);
                break;
            }
            kept.append(block, i, open - i);
            kept += ' ';
            i = close + 2;
        }
        block.clear();
        std::size_t a = kept.find_first_not_of(" \t");
        if (a == std::string::npos) return;
        std::size_t b = kept.find_last_not_of(" \t");
        if (!out.empty() && out.back() != '\n' && out.back() != ' ') out += sep;
        out.append(kept, a, b - a + 1);
        out += sep;
    }

    static int enter_block(MD_BLOCKTYPE type, void*, void* ud) {
        auto* w = static_cast<PlainWriter*>(ud);
        if (type == MD_BLOCK_TABLE) ++w->table_depth;
        // Text before a nested list or quote is a line of its own.
        if (type == MD_BLOCK_UL || type == MD_BLOCK_OL || type == MD_BLOCK_QUOTE || type == MD_BLOCK_TABLE) w->flush();
        return 0;
    }
    static int leave_block(MD_BLOCKTYPE type, void*, void* ud) {
        auto* w = static_cast<PlainWriter*>(ud);
        switch (type) {
        case MD_BLOCK_TH:
        case MD_BLOCK_TD: w->block += ' '; break;  // cells of a row stay on one line
        case MD_BLOCK_TABLE: --w->table_depth; [[fallthrough]];
        case MD_BLOCK_TR:
        case MD_BLOCK_P:
        case MD_BLOCK_H:
        case MD_BLOCK_LI:
        case MD_BLOCK_CODE:
        case MD_BLOCK_QUOTE: w->flush(); break;
        default: break;
        }
        return 0;
    }
    static int span(MD_SPANTYPE, void*, void*) { return 0; }

    static void entity(std::string& to, std::string_view e) {
        if (e == "&amp;") to += '&';
        else if (e == "&lt;") to += '<';
        else if (e == "&gt;") to += '>';
        else if (e == "&quot;") to += '"';
        else if (e == "&apos;") to += '\'';
        else if (e == "&nbsp;") to += ' ';
        else if (e.size() > 3 && e[1] == '#') {  // &#NNN; or &#xHH;
            bool hex = e[2] == 'x' || e[2] == 'X';
            std::string digits(e.substr(hex ? 3 : 2, e.size() - (hex ? 4 : 3)));
            unsigned long v = std::strtoul(digits.c_str(), nullptr, hex ? 16 : 10);
            if (v > 0 && v <= 0x10FFFF && !(v >= 0xD800 && v <= 0xDFFF)) append_utf8(to, static_cast<char32_t>(v));
        }
        // Any other named entity is dropped rather than shown as markup.
    }

    static int text(MD_TEXTTYPE type, const MD_CHAR* t, MD_SIZE size, void* ud) {
        auto* w = static_cast<PlainWriter*>(ud);
        switch (type) {
        case MD_TEXT_BR:
        case MD_TEXT_SOFTBR: w->block += ' '; break;
        case MD_TEXT_NULLCHAR: break;
        case MD_TEXT_ENTITY: entity(w->block, std::string_view(t, size)); break;
        default: w->block.append(t, size); break;
        }
        return 0;
    }
};

} // namespace

unsigned markdown_parser_flags() { return MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_NOHTML | MD_FLAG_PERMISSIVEAUTOLINKS; }

std::string markdown_to_plain(std::string_view md) {
    PlainWriter w;
    w.out.reserve(md.size());
    MD_PARSER parser{};
    parser.abi_version = 0;
    parser.flags = markdown_parser_flags();
    parser.enter_block = &PlainWriter::enter_block;
    parser.leave_block = &PlainWriter::leave_block;
    parser.enter_span = &PlainWriter::span;
    parser.leave_span = &PlainWriter::span;
    parser.text = &PlainWriter::text;
    md_parse(md.data(), static_cast<MD_SIZE>(md.size()), &parser, &w);
    w.flush();
    while (!w.out.empty() && (w.out.back() == '\n' || w.out.back() == ' ')) w.out.pop_back();
    return std::move(w.out);
}

} // namespace content
