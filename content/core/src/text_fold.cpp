// Case and diacritic folding as the search index does it; see text_fold.hpp.
#include "content/text_fold.hpp"

#include <array>

namespace content {
namespace {

// U+00C0..U+00FF folded: the base letter for letters Unicode decomposes into a
// letter and a combining mark, the lower case for the others. 0 marks the two
// symbols in the block (multiplication and division signs), which are not
// letters.
constexpr std::array<char32_t, 64> k_latin1 = {
    U'a', U'a', U'a', U'a', U'a', U'a', 0xE6, U'c',  // C0-C7: A grave..A ring, AE, C cedilla
    U'e', U'e', U'e', U'e', U'i', U'i', U'i', U'i',  // C8-CF
    0xF0, U'n', U'o', U'o', U'o', U'o', U'o', 0,     // D0-D7: eth, N tilde, O..O diaeresis, times
    0xF8, U'u', U'u', U'u', U'u', U'y', 0xFE, 0xDF,  // D8-DF: O stroke, U.., Y acute, thorn, sharp s
    U'a', U'a', U'a', U'a', U'a', U'a', 0xE6, U'c',  // E0-E7
    U'e', U'e', U'e', U'e', U'i', U'i', U'i', U'i',  // E8-EF
    0xF0, U'n', U'o', U'o', U'o', U'o', U'o', 0,     // F0-F7: eth, n tilde, o.., divide
    0xF8, U'u', U'u', U'u', U'u', U'y', 0xFE, U'y',  // F8-FF
};

// U+0100..U+017F folded, written out by hand from the Unicode names: upper and
// lower case mostly alternate, and letters with a combining mark lose it.
// Letters Unicode does not decompose (D with stroke, H with stroke, dotless i,
// the IJ ligature, kra, L with middle dot, L with stroke, n preceded by
// apostrophe, eng, OE, T with stroke, long s) keep their own lower case.
constexpr std::array<char32_t, 128> k_latin_ext_a = {
    U'a', U'a', U'a', U'a', U'a', U'a', U'c', U'c',      // 100-107: A macron, A breve, A ogonek, C acute
    U'c', U'c', U'c', U'c', U'c', U'c', U'd', U'd',      // 108-10F: C circumflex, C dot, C caron, D caron
    0x111, 0x111, U'e', U'e', U'e', U'e', U'e', U'e',    // 110-117: D stroke, E macron, E breve, E dot
    U'e', U'e', U'e', U'e', U'g', U'g', U'g', U'g',      // 118-11F: E ogonek, E caron, G circumflex, G breve
    U'g', U'g', U'g', U'g', U'h', U'h', 0x127, 0x127,    // 120-127: G dot, G cedilla, H circumflex, H stroke
    U'i', U'i', U'i', U'i', U'i', U'i', U'i', U'i',      // 128-12F: I tilde, I macron, I breve, I ogonek
    U'i', 0x131, 0x133, 0x133, U'j', U'j', U'k', U'k',   // 130-137: I dot, dotless i, IJ, J circumflex, K cedilla
    0x138, U'l', U'l', U'l', U'l', U'l', U'l', 0x140,    // 138-13F: kra, L acute, L cedilla, L caron, L middle dot
    0x140, 0x142, 0x142, U'n', U'n', U'n', U'n', U'n',   // 140-147: l middle dot, L stroke, N acute, N cedilla, N caron
    U'n', 0x149, 0x14B, 0x14B, U'o', U'o', U'o', U'o',   // 148-14F: n caron, 'n, eng, O macron, O breve
    U'o', U'o', 0x153, 0x153, U'r', U'r', U'r', U'r',    // 150-157: O double acute, OE, R acute, R cedilla
    U'r', U'r', U's', U's', U's', U's', U's', U's',      // 158-15F: R caron, S acute, S circumflex, S cedilla
    U's', U's', U't', U't', U't', U't', 0x167, 0x167,    // 160-167: S caron, T cedilla, T caron, T stroke
    U'u', U'u', U'u', U'u', U'u', U'u', U'u', U'u',      // 168-16F: U tilde, U macron, U breve, U ring
    U'u', U'u', U'u', U'u', U'w', U'w', U'y', U'y',      // 170-177: U double acute, U ogonek, W circ., Y circ.
    U'y', U'z', U'z', U'z', U'z', U'z', U'z', U's',      // 178-17F: Y diaeresis, Z acute, Z dot, Z caron, long s (as s)
};

} // namespace

char32_t next_code_point(std::string_view s, std::size_t& i) {
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = b(i);
    if (c < 0x80) {
        ++i;
        return c;
    }
    int len = c >= 0xF0 && c < 0xF5 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
    if (c >= 0xF5) len = 0;
    if (len == 0 || i + static_cast<std::size_t>(len) > s.size()) {
        ++i;
        return 0xFFFD;
    }
    char32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
    for (int k = 1; k < len; ++k) {
        unsigned char cc = b(i + static_cast<std::size_t>(k));
        if ((cc & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (cc & 0x3F);
    }
    bool overlong = (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        ++i;
        return 0xFFFD;
    }
    i += static_cast<std::size_t>(len);
    return cp;
}

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

bool is_word_code_point(char32_t c) {
    if (c < 0x80) return (c >= U'0' && c <= U'9') || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
    if (c < 0xC0) {
        // Latin-1 punctuation and symbols separate words; these are letters or digits.
        return c == 0xAA || c == 0xB2 || c == 0xB3 || c == 0xB5 || c == 0xB9 || c == 0xBA || c == 0xBC || c == 0xBD || c == 0xBE;
    }
    if (c < 0x100) return c != 0xD7 && c != 0xF7;
    if (c >= 0x2000 && c <= 0x2BFF) return false;  // general punctuation, arrows, maths and other symbols
    if (c >= 0x3000 && c <= 0x303F) return false;  // CJK punctuation
    if (c == 0xFFFD || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF) return false;
    return true;
}

char32_t fold_code_point(char32_t c) {
    if (c < 0x80) return (c >= U'A' && c <= U'Z') ? c + 32 : c;
    if (c == 0xB5) return 0x3BC;  // micro sign: the Greek small mu
    if (c >= 0xC0 && c < 0x100) {
        char32_t f = k_latin1[c - 0xC0];
        return f ? f : c;
    }
    if (c >= 0x100 && c < 0x180) return k_latin_ext_a[c - 0x100];
    if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 0x20;  // Greek capitals
    if (c >= 0x410 && c <= 0x42F) return c + 0x20;                // Cyrillic capitals
    if (c >= 0x400 && c <= 0x40F) return c + 0x50;
    return c;
}

std::string fold_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        std::size_t start = i;
        char32_t c = next_code_point(text, i);
        if (c < 0x80) {
            out += static_cast<char>(fold_code_point(c));
        } else if (c == 0xFFFD && i - start == 1) {
            out += text[start];  // not UTF-8: kept byte for byte
        } else {
            append_utf8(out, is_word_code_point(c) ? fold_code_point(c) : c);
        }
    }
    return out;
}

} // namespace content
