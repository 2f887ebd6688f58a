// Why this file exists: "did you mean". When a word matches nothing, the
// nearest words in the bundle's own index are found by edit distance
// (Damerau-Levenshtein: insertions, deletions, substitutions and swaps of two
// neighbouring letters), bounded so that only close words count. The words
// are read through an fts5vocab table created in the connection's TEMP
// schema, so the bundle file and its format are untouched and the read-only,
// immutable open still works. The index is read a range at a time (the words
// sharing the first two letters, then the first letter) and kept, so a reader
// pays for each range once.
// Internal to content/read. Threads: one per reader, like its connection.
#pragma once
#include "content/error.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace content {

namespace sql { class Db; }

struct Suggestion {
    std::string word;   // as indexed (folded)
    int distance = 0;   // edits from what was typed
    std::int64_t documents = 0;  // rows of the index that contain it
};

// The edit distance between two folded words, counting a swap of neighbours
// as one edit; returns `bound + 1` as soon as it must exceed `bound`.
[[nodiscard]] int edit_distance(const std::u32string& a, const std::u32string& b, int bound);

class SearchVocabulary {
public:
    // The indexed words nearest to the folded `word` (at most `max`), best
    // first: fewest edits, then most documents. With `prefix`, a word counts
    // when its beginning is near `word` (someone is still typing). Words of
    // fewer than four letters get no suggestions; up to seven letters allow
    // one edit, longer words two. E_FORMAT/E_CORRUPT if the index cannot be read.
    [[nodiscard]] Result<std::vector<Suggestion>> nearest(sql::Db& db, const std::string& word, bool prefix, std::size_t max);

private:
    struct Entry {
        std::u32string word;
        std::string utf8;
        std::int64_t documents;
    };
    Result<const std::vector<Entry>*> words_from(sql::Db& db, const std::u32string& start);
    bool m_table = false;
    std::map<std::u32string, std::vector<Entry>> m_by_start;  // words by their first one or two letters
};

} // namespace content
