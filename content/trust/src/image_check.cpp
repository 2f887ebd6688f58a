// Image header checks at verification; see image_check.hpp.
#include "content/image_check.hpp"
#include "content/limits.hpp"

#include <stb_image.h>

#include <climits>
#include <cstring>
#include <string>
#include <vector>

namespace content {

std::optional<ImageHeader> read_image_header(std::span<const std::uint8_t> b) {
    static constexpr std::uint8_t png_magic[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    ImageHeader h;
    if (b.size() >= 8 && std::memcmp(b.data(), png_magic, 8) == 0) h.mime = "image/png";
    else if (b.size() >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) h.mime = "image/jpeg";
    else return std::nullopt;  // stb_image also reads other formats (TGA has no magic at all): refuse them first
    if (b.size() > static_cast<std::size_t>(INT_MAX)) return std::nullopt;
    int comp = 0;
    if (!stbi_info_from_memory(b.data(), static_cast<int>(b.size()), &h.width, &h.height, &comp)) return std::nullopt;
    return h;
}

namespace {

constexpr std::int64_t prefix_bytes = 64 * 1024;

Status check_one(sql::Db& db, const std::string& id, const std::string& mime, std::int64_t width, std::int64_t height,
                 std::vector<std::uint8_t> head, std::int64_t length) {
    auto h = read_image_header(head);
    if (!h && length > prefix_bytes) {  // a JPEG whose size marker lies past the first 64 KiB
        auto st = db.prepare("SELECT data FROM images WHERE id = ?1");
        if (!st) return std::unexpected(st.error());
        st->bind(1, std::string_view(id));
        auto row = st->step();
        if (!row) return std::unexpected(row.error());
        if (*row) h = read_image_header(st->blob(0));
    }
    if (!h) return fail(Reason::format, "The bundle's image '" + id + "' is not a readable PNG or JPEG.");
    if (h->mime != mime) return fail(Reason::format, "The bundle's image '" + id + "' is stored as " + mime + " but is " + std::string(h->mime) + ".");
    const std::string real = std::to_string(h->width) + " x " + std::to_string(h->height);
    if (h->width <= 0 || h->height <= 0 || h->width > limits::image_side_px || h->height > limits::image_side_px)
        return fail(Reason::format, "The bundle's image '" + id + "' is " + real + " pixels; images may be at most " +
                                        std::to_string(limits::image_side_px) + " pixels either way.");
    if (h->width != width || h->height != height)
        return fail(Reason::format, "The bundle's image '" + id + "' is " + real + " pixels but its row says " + std::to_string(width) + " x " +
                                        std::to_string(height) + ".");
    return {};
}

} // namespace

Status check_images(sql::Db& db) {
    auto st = db.prepare("SELECT id, mime, width, height, substr(data, 1, ?1), length(data) FROM images ORDER BY rowid");
    if (!st) return std::unexpected(st.error());
    st->bind(1, prefix_bytes);
    for (;;) {
        auto row = st->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        if (auto s = check_one(db, st->text(0), st->text(1), st->int64(2), st->int64(3), st->blob(4), st->int64(5)); !s) return s;
    }
    return {};
}

} // namespace content
