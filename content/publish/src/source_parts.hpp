#pragma once
// Private to content_publish: the steps of read_source (source_folder.cpp)
// that live in files of their own, and the small helpers every step shares.
// All of them run on the caller's thread and touch only the source folder.
#include "content/csv.hpp"
#include "content/error.hpp"
#include "content/front_matter.hpp"
#include "content/source_folder.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace content::source_detail {

// Returns s without leading and trailing spaces, tabs and line ends.
std::string trim(std::string s);
// Returns E_SOURCE with "WHERE: WHAT" as its message.
[[nodiscard]] Status src_error(const std::string& where, const std::string& what);
// True for a non-empty id of at most limits::id_chars lower-case letters,
// digits, '-', '_' or '.'.
bool valid_id(const std::string& id);

enum class Entries { files, folders };
// The entries of dir, sorted by name: regular files ending in ext, or the
// sub-folders. An absent or unreadable folder gives none.
std::vector<std::filesystem::path> sorted_entries(const std::filesystem::path& dir, const std::string& ext, Entries kind);
// The "sources:" list (or line) of a metadata block, one source a line.
std::string join_sources(const FrontMatter& fm);
// The CSV at p, or an empty table with present false when there is none;
// refuses what csv::load refuses.
[[nodiscard]] Result<csv::Table> load_optional_csv(const std::filesystem::path& p, bool& present);
enum class Presence { required, optional };
// Refuses a field that is not a date like 2014-05-13 (an empty optional one
// is accepted).
[[nodiscard]] Status check_date(const std::string& where, const std::string& field, const std::string& v, Presence presence);

// Steps of read_source: each adds what it reads to sb, or refuses with
// E_SOURCE (and the file and line) on the first fault.
[[nodiscard]] Status read_figures(const std::filesystem::path& dir, SourceBundle& sb);   // source_figures.cpp
[[nodiscard]] Status read_trackers(const std::filesystem::path& dir, SourceBundle& sb);  // source_figures.cpp
[[nodiscard]] Status read_training(const std::filesystem::path& dir, SourceBundle& sb);  // source_training.cpp

} // namespace content::source_detail
