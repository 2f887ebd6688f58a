// Why this file exists: one search over any set of open bundles, used by the
// Catalog (the GUI) and by search_files (the command line), so both rank,
// correct and merge the same way. Internal to content/read.
// Threads: the readers' thread.
#pragma once
#include "content/search.hpp"

#include <string>
#include <vector>

namespace content {

class BundleReader;

struct ReaderRef {
    std::string channel;
    BundleReader* reader = nullptr;
};

// Searches every reader and merges by score (scores are comparable across
// bundles: the tier comes first). When no hit has all the words and
// q.spelling is correct, words that match nothing in any bundle are replaced
// by the nearest indexed word and the search runs again.
[[nodiscard]] Result<SearchResult> search_readers(const std::vector<ReaderRef>& readers, const SearchQuery& q);

} // namespace content
