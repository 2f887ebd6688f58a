// Why this file exists: bm25 without re-counting. FTS5's own bm25() counts,
// on every query, the rows that hold each phrase (its IDF), by reading that
// phrase's whole posting list: for common words ("child", "children") that
// was 90% of a two-word search. kiosk_bm25() computes the same score with the
// same formula and order of operations (FTS5's bm25: k1 1.2, b 0.75, IDF
// log((N - n + 0.5) / (n + 0.5)) floored at 1e-6), but keeps each phrase's row
// count per reader: a bundle never changes while it is open, so the count of
// "child" is read once. Internal to content/read.
// Threads: the reader's thread, like its connection.
#pragma once
#include "content/error.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace content {

namespace sql { class Db; }

class RankCache {
public:
    // Registers the FTS5 auxiliary function kiosk_bm25 with `db` (once; later
    // calls do nothing). Use in SQL as
    //   kiosk_bm25(TABLE, PHRASES, weight of column 0, weight of column 1...)
    // where PHRASES is rank_phrases(TABLE, the MATCH expression's phrases in
    // order, each as written there: "word", "two words" or "word"*).
    // Returns bm25() of the same row, -1 x the score, as FTS5 does. When the
    // phrases do not agree with the query's (count or tokens), counts are
    // read without being kept. E_INTERNAL when SQLite has no FTS5 API.
    [[nodiscard]] Status install(sql::Db& db);

    // Rows of `table` that hold `phrase`, when read before.
    [[nodiscard]] const std::int64_t* find(const std::string& table, const std::string& phrase) const;
    void keep(const std::string& table, const std::string& phrase, std::int64_t rows);

private:
    bool m_installed = false;
    std::map<std::string, std::int64_t> m_rows;  // "table\x1fphrase" -> rows that hold it
};

// The PHRASES argument for kiosk_bm25: the table and the phrases, separated
// by '\x1f' (a phrase never holds it: its words are folded word characters).
[[nodiscard]] std::string rank_phrases(const std::string& table, const std::vector<std::string>& phrases);

} // namespace content
