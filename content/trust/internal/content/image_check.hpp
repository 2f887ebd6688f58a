// Why this file exists: an image's row in a bundle says how large it is, but
// the bytes decide how much memory decoding takes. A PNG of 872 KB can hold
// 30000 x 30000 pixels (issue 14's image bomb). Verification reads the real
// size from the image header, without decoding, and refuses any image that is
// not what its row says or is larger than FORMAT.md allows.
#pragma once
#include "content/error.hpp"
#include "content/sqlite.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace content {

struct ImageHeader {
    std::string_view mime;  // "image/png" or "image/jpeg"
    int width = 0;
    int height = 0;
};

// Reads the format and size from the first bytes of a PNG or JPEG image
// (stbi_info_from_memory; nothing is decoded or allocated per pixel). Returns
// nullopt for bytes that are neither, or whose header cannot be read. Pure;
// any thread.
[[nodiscard]] std::optional<ImageHeader> read_image_header(std::span<const std::uint8_t> bytes);

// Checks every row of `images`: the data must be a PNG or JPEG as `mime`
// says, its header's width and height must equal the row's, and neither may
// be over limits::image_side_px (8192). Returns E_FORMAT naming the first
// image that fails. Reads only the first 64 KiB of each image unless a JPEG
// header lies further in.
[[nodiscard]] Status check_images(sql::Db& db);

} // namespace content
