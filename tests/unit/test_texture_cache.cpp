// Image decoding for textures: PNG bytes decode to RGBA, oversized images are
// scaled down to the texture limit with their aspect kept, and bytes that are
// not an image give an empty result rather than a crash.
#include "texture_cache.hpp"

#include <doctest/doctest.h>
#include <stb_image_write.h>

#include <cstdint>
#include <vector>

namespace {
std::vector<std::uint8_t> png(int w, int h, std::uint8_t r, std::uint8_t g, std::uint8_t b) {
    std::vector<std::uint8_t> px(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
    for (std::size_t i = 0; i < px.size(); i += 4) {
        px[i] = r;
        px[i + 1] = g;
        px[i + 2] = b;
        px[i + 3] = 255;
    }
    std::vector<std::uint8_t> out;
    stbi_write_png_to_func([](void* ctx, void* data, int size) {
        auto* v = static_cast<std::vector<std::uint8_t>*>(ctx);
        v->insert(v->end(), static_cast<std::uint8_t*>(data), static_cast<std::uint8_t*>(data) + size);
    }, &out, w, h, 4, px.data(), w * 4);
    return out;
}
} // namespace

TEST_CASE("decode_image: a small image keeps its size and pixels") {
    auto p = platform::decode_image(png(30, 20, 200, 10, 40), 2048);
    REQUIRE_FALSE(p.empty());
    CHECK(p.width == 30);
    CHECK(p.height == 20);
    CHECK(p.bytes() == 30u * 20u * 4u);
    CHECK(p.rgba.get()[0] == 200);
    CHECK(p.rgba.get()[1] == 10);
    CHECK(p.rgba.get()[2] == 40);
    CHECK(p.rgba.get()[3] == 255);
}

TEST_CASE("decode_image: an image over the limit is scaled down with its aspect kept") {
    auto p = platform::decode_image(png(400, 100, 0, 128, 255), 64);
    REQUIRE_FALSE(p.empty());
    CHECK(p.width == 64);
    CHECK(p.height == 16);
    // A flat colour stays that colour after filtering.
    const std::uint8_t* mid = p.rgba.get() + (8 * 64 + 32) * 4;
    CHECK(mid[0] == 0);
    CHECK(mid[1] == doctest::Approx(128).epsilon(0.02));
    CHECK(mid[2] == 255);
    auto tall = platform::decode_image(png(10, 500, 1, 2, 3), 100);
    REQUIRE_FALSE(tall.empty());
    CHECK(tall.height == 100);
    CHECK(tall.width == 2);
}

TEST_CASE("decode_image: bytes that are not an image decode to nothing") {
    CHECK(platform::decode_image({}, 2048).empty());
    std::vector<std::uint8_t> junk(1000, 0x5a);
    CHECK(platform::decode_image(junk, 2048).empty());
    auto cut = png(50, 50, 9, 9, 9);
    cut.resize(cut.size() / 2);
    CHECK(platform::decode_image(cut, 2048).empty());
}
