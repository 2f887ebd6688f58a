// A valid greyscale PNG of any size whose pixels are all zero, made without
// compressing anything: the IDAT is one hand-written deflate block (literal 0,
// then matches of 258 bytes at distance 1, two bits each), so a 30000 x 30000
// image (900 MB of pixels) is about 870 KB and takes milliseconds to make.
// This is the "image bomb" of issue 14: small on disk, huge when decoded.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace test {

namespace png_detail {

struct BitWriter {
    std::vector<std::uint8_t> out;
    std::uint32_t acc = 0;
    int n = 0;
    // Writes `bits` low bits of v, least significant first (deflate's order for fields).
    void put(std::uint32_t v, int bits) {
        for (int i = 0; i < bits; ++i) {
            acc |= ((v >> i) & 1u) << n;
            if (++n == 8) flush_byte();
        }
    }
    // Writes a Huffman code of `bits` bits, most significant first.
    void code(std::uint32_t c, int bits) {
        for (int i = bits - 1; i >= 0; --i) put((c >> i) & 1u, 1);
    }
    void flush_byte() {
        out.push_back(static_cast<std::uint8_t>(acc));
        acc = 0;
        n = 0;
    }
    void align() {
        if (n) flush_byte();
    }
};

inline std::uint32_t crc32(const std::uint8_t* p, std::size_t len, std::uint32_t crc = 0) {
    static const auto table = [] {
        std::vector<std::uint32_t> t(256);
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t c = i;
            for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    crc = ~crc;
    for (std::size_t i = 0; i < len; ++i) crc = table[(crc ^ p[i]) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

inline void put_be32(std::vector<std::uint8_t>& v, std::uint32_t x) {
    for (int s = 24; s >= 0; s -= 8) v.push_back(static_cast<std::uint8_t>(x >> s));
}

inline void chunk(std::vector<std::uint8_t>& png, const char* type, const std::vector<std::uint8_t>& data) {
    put_be32(png, static_cast<std::uint32_t>(data.size()));
    std::vector<std::uint8_t> td(type, type + 4);
    td.insert(td.end(), data.begin(), data.end());
    png.insert(png.end(), td.begin(), td.end());
    put_be32(png, crc32(td.data(), td.size()));
}

// A zlib stream that inflates to `count` zero bytes (count >= 1).
inline std::vector<std::uint8_t> zeros_zlib(std::uint64_t count) {
    BitWriter w;
    w.out = {0x78, 0x01};
    w.put(1, 1);   // BFINAL
    w.put(2, 2);   // dynamic Huffman
    w.put(29, 5);  // HLIT: 286 literal/length codes
    w.put(0, 5);   // HDIST: 1 distance code
    w.put(14, 4);  // HCLEN: 18 code-length codes
    // Code-length code lengths in the order 16 17 18 0 8 7 9 6 10 5 11 4 12 3 13 2 14 1:
    // symbol 18 gets 1 bit ('0'), symbols 1 and 2 get 2 bits ('10', '11').
    const int cl[18] = {0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2};
    for (int l : cl) w.put(static_cast<std::uint32_t>(l), 3);
    // Literal/length lengths: 0 -> 2, 1..255 -> 0, 256 -> 2, 257..284 -> 0, 285 -> 1; distance 0 -> 1.
    w.code(3, 2);                  // 2
    w.code(0, 1); w.put(127, 7);   // 18: 138 zeros
    w.code(0, 1); w.put(106, 7);   // 18: 117 zeros
    w.code(3, 2);                  // 2 (symbol 256)
    w.code(0, 1); w.put(17, 7);    // 18: 28 zeros
    w.code(2, 2);                  // 1 (symbol 285)
    w.code(2, 2);                  // 1 (distance code 0)
    // Canonical codes: 285 -> '0', 0 -> '10', 256 -> '11'; distance 0 -> '0'.
    w.code(2, 2);  // the first zero, as a literal
    std::uint64_t left = count - 1;
    for (; left >= 258; left -= 258) w.code(0, 2);  // length 258, distance 1
    for (; left > 0; --left) w.code(2, 2);
    w.code(3, 2);  // end of block
    w.align();
    std::uint32_t a = 1, b = static_cast<std::uint32_t>(count % 65521);  // Adler-32 of zeros
    put_be32(w.out, (b << 16) | a);
    return w.out;
}

} // namespace png_detail

// An 8-bit greyscale, non-interlaced PNG of width x height black pixels.
inline std::vector<std::uint8_t> png_of_zeros(std::uint32_t width, std::uint32_t height) {
    using namespace png_detail;
    std::vector<std::uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    std::vector<std::uint8_t> ihdr;
    put_be32(ihdr, width);
    put_be32(ihdr, height);
    ihdr.insert(ihdr.end(), {8, 0, 0, 0, 0});  // bit depth 8, greyscale, deflate, filter 0, no interlace
    chunk(png, "IHDR", ihdr);
    chunk(png, "IDAT", zeros_zlib(std::uint64_t{height} * (std::uint64_t{width} + 1)));  // a filter byte per row
    chunk(png, "IEND", {});
    return png;
}

} // namespace test
