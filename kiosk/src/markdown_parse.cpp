// Markdown parsing with md4c into the renderer's blocks; see markdown.hpp.
#include "kiosk/markdown.hpp"

#include "content/text_util.hpp"

#include <md4c.h>

namespace kiosk {
namespace {

struct Parser {
    MdDocument doc;
    std::vector<MdBlock> stack;          // open leaf blocks
    std::vector<int> list_counter;       // -1 for bullets, else next number
    int quote_depth = 0;
    int bold = 0, italic = 0, code = 0;
    std::vector<std::string> hrefs;
    bool in_image = false;
    std::string image_src, image_alt;
    bool in_table = false;
    MdBlock table;
    std::vector<std::vector<MdRun>>* row = nullptr;
    std::vector<MdRun>* cell = nullptr;

    MdBlock* leaf() { return stack.empty() ? nullptr : &stack.back(); }

    RunStyle style() const {
        if (code) return RunStyle::code;
        if (bold && italic) return RunStyle::bold_italic;
        if (bold) return RunStyle::bold;
        if (italic) return RunStyle::italic;
        return RunStyle::normal;
    }

    void add_text(std::string_view t) {
        if (in_image) {
            image_alt += t;
            return;
        }
        std::vector<MdRun>* runs = cell ? cell : (leaf() ? &leaf()->runs : nullptr);
        if (!runs) return;
        std::string href = hrefs.empty() ? std::string() : hrefs.back();
        if (!runs->empty() && runs->back().style == style() && runs->back().href == href) runs->back().text += t;
        else runs->push_back(MdRun{std::string(t), style(), href});
    }

    // Splits a finished paragraph around {{embed}} markers.
    void finish_paragraph(MdBlock b) {
        std::string all;
        for (auto& r : b.runs) all += r.text;
        std::size_t open = all.find("{{");
        if (open == std::string::npos) {
            if (!b.runs.empty()) doc.blocks.push_back(std::move(b));
            return;
        }
        // Rebuild as a sequence: text before, embed, rest (plain style is kept per run).
        std::vector<MdRun> current;
        auto flush = [&] {
            bool any = false;
            for (auto& r : current) any |= r.text.find_first_not_of(" \n") != std::string::npos;
            if (any) {
                MdBlock p = b;
                p.runs = current;
                doc.blocks.push_back(std::move(p));
            }
            current.clear();
        };
        for (auto& r : b.runs) {
            const std::string& t = r.text;
            std::size_t i = 0;
            while (i < t.size()) {
                std::size_t o = t.find("{{", i);
                std::size_t c = o == std::string::npos ? std::string::npos : t.find("}}", o);
                if (o == std::string::npos || c == std::string::npos) {
                    current.push_back(MdRun{t.substr(i), r.style, r.href});
                    break;
                }
                if (o > i) current.push_back(MdRun{t.substr(i, o - i), r.style, r.href});
                flush();
                MdBlock e;
                e.kind = MdBlock::Kind::embed;
                e.target = t.substr(o + 2, c - o - 2);
                doc.blocks.push_back(std::move(e));
                i = c + 2;
            }
        }
        flush();
    }

    static int enter_block(MD_BLOCKTYPE type, void* detail, void* ud) {
        auto* p = static_cast<Parser*>(ud);
        switch (type) {
        case MD_BLOCK_QUOTE: ++p->quote_depth; break;
        case MD_BLOCK_UL: p->list_counter.push_back(-1); break;
        case MD_BLOCK_OL: p->list_counter.push_back(static_cast<int>(static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start)); break;
        case MD_BLOCK_LI: {
            MdBlock b;
            b.kind = MdBlock::Kind::list_item;
            b.level = static_cast<int>(p->list_counter.size());
            int& n = p->list_counter.back();
            b.bullet = n < 0 ? "\xE2\x80\xA2" : std::to_string(n++) + ".";
            p->stack.push_back(std::move(b));
            break;
        }
        case MD_BLOCK_H: {
            MdBlock b;
            b.kind = MdBlock::Kind::heading;
            b.level = static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
            p->stack.push_back(std::move(b));
            break;
        }
        case MD_BLOCK_P:
            if (!p->stack.empty() && p->stack.back().kind == MdBlock::Kind::list_item && p->stack.back().runs.empty()) break;  // tight list text
            {
                MdBlock b;
                b.kind = p->quote_depth ? MdBlock::Kind::quote : MdBlock::Kind::paragraph;
                b.level = p->quote_depth;
                p->stack.push_back(std::move(b));
            }
            break;
        case MD_BLOCK_CODE: {
            MdBlock b;
            b.kind = MdBlock::Kind::code;
            ++p->code;
            p->stack.push_back(std::move(b));
            break;
        }
        case MD_BLOCK_HR: {
            MdBlock b;
            b.kind = MdBlock::Kind::rule;
            p->doc.blocks.push_back(std::move(b));
            break;
        }
        case MD_BLOCK_TABLE:
            p->in_table = true;
            p->table = MdBlock{};
            p->table.kind = MdBlock::Kind::table;
            break;
        case MD_BLOCK_TR:
            p->table.rows.emplace_back();
            p->row = &p->table.rows.back();
            break;
        case MD_BLOCK_TH:
        case MD_BLOCK_TD:
            if (p->row) {
                p->row->emplace_back();
                p->cell = &p->row->back();
            }
            if (type == MD_BLOCK_TH) ++p->bold;
            break;
        default: break;
        }
        return 0;
    }

    static int leave_block(MD_BLOCKTYPE type, void*, void* ud) {
        auto* p = static_cast<Parser*>(ud);
        switch (type) {
        case MD_BLOCK_QUOTE: --p->quote_depth; break;
        case MD_BLOCK_UL:
        case MD_BLOCK_OL: p->list_counter.pop_back(); break;
        case MD_BLOCK_LI:
        case MD_BLOCK_H:
        case MD_BLOCK_CODE:
            if (type == MD_BLOCK_CODE) --p->code;
            if (!p->stack.empty()) {
                MdBlock b = std::move(p->stack.back());
                p->stack.pop_back();
                if (b.kind == MdBlock::Kind::list_item) p->finish_paragraph(std::move(b));
                else p->doc.blocks.push_back(std::move(b));
            }
            break;
        case MD_BLOCK_P:
            if (!p->stack.empty() && (p->stack.back().kind == MdBlock::Kind::paragraph || p->stack.back().kind == MdBlock::Kind::quote)) {
                MdBlock b = std::move(p->stack.back());
                p->stack.pop_back();
                p->finish_paragraph(std::move(b));
            } else if (!p->stack.empty() && p->stack.back().kind == MdBlock::Kind::list_item) {
                p->add_text(" ");
            }
            break;
        case MD_BLOCK_TH:
        case MD_BLOCK_TD:
            p->cell = nullptr;
            if (type == MD_BLOCK_TH) --p->bold;
            break;
        case MD_BLOCK_TR: p->row = nullptr; break;
        case MD_BLOCK_TABLE:
            p->in_table = false;
            p->doc.blocks.push_back(std::move(p->table));
            break;
        default: break;
        }
        return 0;
    }

    static int enter_span(MD_SPANTYPE type, void* detail, void* ud) {
        auto* p = static_cast<Parser*>(ud);
        switch (type) {
        case MD_SPAN_EM: ++p->italic; break;
        case MD_SPAN_STRONG: ++p->bold; break;
        case MD_SPAN_CODE: ++p->code; break;
        case MD_SPAN_A: {
            auto* d = static_cast<MD_SPAN_A_DETAIL*>(detail);
            p->hrefs.emplace_back(d->href.text, d->href.size);
            break;
        }
        case MD_SPAN_IMG: {
            auto* d = static_cast<MD_SPAN_IMG_DETAIL*>(detail);
            p->in_image = true;
            p->image_src.assign(d->src.text, d->src.size);
            p->image_alt.clear();
            break;
        }
        default: break;
        }
        return 0;
    }

    static int leave_span(MD_SPANTYPE type, void*, void* ud) {
        auto* p = static_cast<Parser*>(ud);
        switch (type) {
        case MD_SPAN_EM: --p->italic; break;
        case MD_SPAN_STRONG: --p->bold; break;
        case MD_SPAN_CODE: --p->code; break;
        case MD_SPAN_A:
            if (!p->hrefs.empty()) p->hrefs.pop_back();
            break;
        case MD_SPAN_IMG: {
            p->in_image = false;
            // Close the current paragraph, emit the image, reopen.
            MdBlock img;
            img.kind = MdBlock::Kind::image;
            img.target = p->image_src.rfind("image:", 0) == 0 ? p->image_src.substr(6) : p->image_src;
            img.alt = p->image_alt;
            if (!p->stack.empty() && !p->cell) {
                MdBlock cur = std::move(p->stack.back());
                MdBlock fresh;
                fresh.kind = cur.kind;
                fresh.level = cur.level;
                p->stack.back() = fresh;
                p->finish_paragraph(std::move(cur));
            }
            p->doc.blocks.push_back(std::move(img));
            break;
        }
        default: break;
        }
        return 0;
    }

    static int text(MD_TEXTTYPE type, const MD_CHAR* t, MD_SIZE size, void* ud) {
        auto* p = static_cast<Parser*>(ud);
        switch (type) {
        case MD_TEXT_BR:
        case MD_TEXT_SOFTBR: p->add_text(p->code ? "\n" : " "); break;
        case MD_TEXT_NULLCHAR: break;
        case MD_TEXT_ENTITY: {
            std::string_view e(t, size);
            if (e == "&amp;") p->add_text("&");
            else if (e == "&lt;") p->add_text("<");
            else if (e == "&gt;") p->add_text(">");
            else if (e == "&quot;") p->add_text("\"");
            else if (e == "&nbsp;") p->add_text(" ");
            else p->add_text(e);
            break;
        }
        default: p->add_text(std::string_view(t, size)); break;
        }
        return 0;
    }
};

} // namespace

MdDocument parse_markdown(std::string_view md) {
    Parser p;
    MD_PARSER parser{};
    parser.abi_version = 0;
    parser.flags = content::markdown_parser_flags();  // the same parse as the search index and snippets
    parser.enter_block = &Parser::enter_block;
    parser.leave_block = &Parser::leave_block;
    parser.enter_span = &Parser::enter_span;
    parser.leave_span = &Parser::leave_span;
    parser.text = &Parser::text;
    md_parse(md.data(), static_cast<MD_SIZE>(md.size()), &parser, &p);
    return std::move(p.doc);
}

} // namespace kiosk
