// Why this file exists: council officers keep content as a folder of markdown,
// CSV, JSON and images (layout in FORMAT.md). This turns such a folder into a
// kiosk-bundle/1 or /2 SQLite file (FORMAT.md section 9), refusing bad input with file and line, and never
// leaving a half-written bundle behind.
#pragma once
#include "content/error.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace content {

struct BuildOptions {
    std::optional<std::int64_t> created;  // default: SOURCE_DATE_EPOCH, else now
};

struct BuildReport {
    std::string channel;
    std::int64_t version = 0;
    std::string summary_json;
    std::vector<std::string> warnings;  // e.g. PDFs skipped without poppler-utils
};

// Builds `src_dir` into `out`. Writes to a temporary file beside `out` and
// renames it into place only when everything succeeded; on any failure `out`
// is untouched. A stale `out.minisig` is removed after a successful build.
// Refuses: E_SOURCE (naming file and line) for bad or inconsistent source,
// E_DISCLOSURE for figures that break suppression rules, E_IO/E_NO_SPACE for
// storage failures.
[[nodiscard]] Result<BuildReport> build_bundle(const std::filesystem::path& src_dir, const std::filesystem::path& out,
                                               const BuildOptions& opts = {});

struct SourceBundle;

// Builds an in-memory source bundle (already read and checked) into `out`, with
// the same disclosure check and the same atomic write as build_bundle. Used by
// build_bundle and by the benchmark's scale generator.
[[nodiscard]] Result<BuildReport> build_bundle_from_model(const SourceBundle& sb, const std::filesystem::path& out, const BuildOptions& opts = {});

namespace sql { class Db; }

// Writes the schema, the manifest and every row that a build of `sb` would
// write into `db` (empty; in memory for lint and the length check). Returns
// the first SQLite error. Caller's thread.
[[nodiscard]] Status write_check_database(sql::Db& db, const SourceBundle& sb);

// Checks a source bundle against the text length limits (FORMAT.md section 4)
// exactly as a build would, by writing it into an in-memory database; for lint,
// so that it reports what the build would refuse. Returns E_SOURCE naming the
// first field over its limit.
[[nodiscard]] Status check_text_limits(const SourceBundle& sb);

} // namespace content
