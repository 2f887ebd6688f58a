// Image decoding for textures: PNG bytes decode to RGBA, oversized images are
// scaled down to the texture limit with their aspect kept, and bytes that are
// not an image give an empty result rather than a crash.
#include "texture_cache.hpp"
#include "png_bomb.hpp"
#include "test_util.hpp"

#include <doctest/doctest.h>
#include <stb_image_write.h>

#include <cstdint>
#include <fstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
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
// A line of /proc/self/status, in KiB (VmRSS, VmHWM).
long status_kib(const std::string& key) {
    std::ifstream f("/proc/self/status");
    for (std::string line; std::getline(f, line);)
        if (line.rfind(key + ":", 0) == 0) return std::stol(line.substr(key.size() + 1));
    return -1;
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

TEST_CASE("decode_image: an image bomb is refused from its header and never decoded") {
    // 30000 x 30000 grey pixels in 872 KB. Decoded (as stb_image would before
    // looking at the size) it takes about 1.8 GB, so the decode runs in a child
    // process whose peak memory is measured: it must stay near where it began.
    auto bomb = test::png_of_zeros(30000, 30000);
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        std::ofstream("/proc/self/clear_refs") << "5";  // resets the peak (VmHWM) to now
        long before = status_kib("VmRSS");
        bool refused = platform::decode_image(bomb, 2048).empty();
        long grown = status_kib("VmHWM") - before;
        ::_exit(before <= 0 ? 3 : !refused ? 2 : grown > 64 * 1024 ? 1 : 0);
    }
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    REQUIRE(WIFEXITED(status));
    CHECK_MESSAGE(WEXITSTATUS(status) == 0, "1: peak memory grew by more than 64 MiB; 2: it decoded; 3: /proc unreadable");
}

TEST_CASE("decode_image: an image over 8192 pixels or not of its declared size is refused") {
    CHECK(platform::decode_image(test::png_of_zeros(8193, 4), 64).empty());
    CHECK_FALSE(platform::decode_image(test::png_of_zeros(8192, 4), 64).empty());
    auto small = png(30, 20, 1, 2, 3);
    CHECK_FALSE(platform::decode_image(small, 2048, platform::ImageSize{30, 20}).empty());
    CHECK(platform::decode_image(small, 2048, platform::ImageSize{100, 100}).empty());
    CHECK(platform::decode_image(small, 2048, platform::ImageSize{20, 30}).empty());
}

TEST_CASE("texture cache: shutdown() releases every texture and stops the worker - later calls are harmless") {
    // The soft backend needs no GL context; the GL backend releases its GL
    // textures on the same path, and the event loop calls shutdown() while
    // the GL context is still current (before glfwTerminate).
    auto cat = content::Catalog::from_files({{"test-board", test::fixtures() / "good.kbundle"}});
    REQUIRE(cat);
    platform::SoftRenderer soft;
    platform::TextureCache cache(platform::TextureBackend::soft, 64u << 20, nullptr, &soft);
    cache.set_catalog(&*cat);
    int w = 0, h = 0;
    CHECK(cache.texture("chart", w, h) != nullptr);
    CHECK(w == 64);
    CHECK(cache.bytes_used() == 64u * 32u * 4u);
    CHECK_FALSE(cache.is_shut_down());
    cache.shutdown();
    CHECK(cache.is_shut_down());
    CHECK(cache.bytes_used() == 0);
    CHECK_FALSE(cache.busy());
    CHECK_FALSE(cache.pump());
    // After shutdown nothing is decoded or uploaded again, even with a catalog.
    cache.set_catalog(&*cat);
    CHECK(cache.texture("chart", w, h) == nullptr);
    CHECK(cache.bytes_used() == 0);
    cache.shutdown();  // twice is fine, and so is the destructor after it
    CHECK(cache.is_shut_down());
}
