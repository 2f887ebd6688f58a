// Why this file exists: every size and length limit of the bundle format in
// one place, so the publisher, verification, import and the views cannot
// disagree. content/FORMAT.md section 4 is the contract; these are its numbers.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace content::limits {

inline constexpr std::uint64_t bundle_bytes = std::uint64_t{1} << 30;       // one bundle file: 1 GiB
inline constexpr std::uint64_t source_file_bytes = std::uint64_t{16} << 20; // one text or CSV source file: 16 MiB
inline constexpr std::uint64_t image_file_bytes = std::uint64_t{16} << 20;  // one image file: 16 MiB
inline constexpr int image_side_px = 8192;                                  // an image's width or height
inline constexpr int sqlite_value_bytes = 64 << 20;                         // SQLITE_LIMIT_LENGTH on open
inline constexpr std::size_t id_chars = 80;         // ids, dates, kinds and every column naming an id
inline constexpr std::size_t name_chars = 300;      // names, titles, labels, categories, organisations
inline constexpr std::size_t paragraph_chars = 4000; // definitions, summaries, notes, questions...
inline constexpr std::size_t marker_chars = 20;     // a value marker such as [c]

} // namespace content::limits

namespace content {

struct DocumentCategory {
    std::string_view id;     // as stored in documents.category
    std::string_view label;  // as a person reads it
};

// The library's categories, in the order FORMAT.md lists them. Pure; any thread.
[[nodiscard]] const std::vector<DocumentCategory>& document_categories();
// The label for a category id, or "Report" for one this kiosk does not know.
[[nodiscard]] std::string_view category_label(std::string_view id);

} // namespace content
