// bm25 with row counts kept per reader; see search_rank.hpp.
#include "content/search_rank.hpp"
#include "content/sqlite.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace content {
namespace {

constexpr char k_sep = '\x1f';

// What bm25 works out once per query: rows, mean row length, each phrase's IDF.
struct QueryData {
    std::int64_t rows = 0;
    double avgdl = 0;
    std::vector<double> idf;
    std::vector<double> freq;  // per row, reused
};

std::vector<std::string> split(const std::string& s) {
    std::vector<std::string> out;
    std::size_t p = 0;
    for (;;) {
        std::size_t e = s.find(k_sep, p);
        out.push_back(s.substr(p, e == std::string::npos ? std::string::npos : e - p));
        if (e == std::string::npos) return out;
        p = e + 1;
    }
}

// Tokens in a phrase as written in a MATCH expression ("two words"* -> 2).
int tokens_in(const std::string& phrase) { return 1 + static_cast<int>(std::count(phrase.begin(), phrase.end(), ' ')); }

int count_row(const Fts5ExtensionApi*, Fts5Context*, void* rows) {
    ++*static_cast<sqlite3_int64*>(rows);
    return SQLITE_OK;
}

// Rows holding phrase i: kept, or read with xQueryPhrase (as bm25 does) and kept
// when the caller's phrase list agrees with the query.
int phrase_rows(const Fts5ExtensionApi* api, Fts5Context* fts, RankCache& cache, const std::vector<std::string>& names, int i,
                sqlite3_int64& rows) {
    const bool named = names.size() == static_cast<std::size_t>(api->xPhraseCount(fts)) + 1 &&
                       tokens_in(names[static_cast<std::size_t>(i) + 1]) == api->xPhraseSize(fts, i);
    if (named)
        if (const std::int64_t* kept = cache.find(names[0], names[static_cast<std::size_t>(i) + 1])) {
            rows = *kept;
            return SQLITE_OK;
        }
    rows = 0;
    int rc = api->xQueryPhrase(fts, i, &rows, count_row);
    if (rc == SQLITE_OK && named) cache.keep(names[0], names[static_cast<std::size_t>(i) + 1], rows);
    return rc;
}

int query_data(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_value* phrases, QueryData*& out) {
    out = static_cast<QueryData*>(api->xGetAuxdata(fts, 0));
    if (out) return SQLITE_OK;
    auto* cache = static_cast<RankCache*>(api->xUserData(fts));
    const unsigned char* text = sqlite3_value_text(phrases);
    const std::vector<std::string> names = split(text ? reinterpret_cast<const char*>(text) : "");
    auto data = std::make_unique<QueryData>();
    sqlite3_int64 rows = 0, tokens = 0;
    int rc = api->xRowCount(fts, &rows);
    if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &tokens);
    if (rc != SQLITE_OK) return rc;
    data->rows = rows;
    data->avgdl = static_cast<double>(tokens) / static_cast<double>(rows);
    const int n = api->xPhraseCount(fts);
    for (int i = 0; i < n; ++i) {
        sqlite3_int64 hit = 0;
        if (rc = phrase_rows(api, fts, *cache, names, i, hit); rc != SQLITE_OK) return rc;
        double idf = std::log((static_cast<double>(rows - hit) + 0.5) / (static_cast<double>(hit) + 0.5));
        data->idf.push_back(idf <= 0.0 ? 1e-6 : idf);
    }
    data->freq.assign(static_cast<std::size_t>(n), 0.0);
    out = data.get();
    return api->xSetAuxdata(fts, data.release(), [](void* p) { delete static_cast<QueryData*>(p); });
}

// kiosk_bm25(TABLE, PHRASES, weights...): FTS5's bm25 formula term for term.
void kiosk_bm25(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int n_val, sqlite3_value** val) {
    const double k1 = 1.2, b = 0.75;
    QueryData* data = nullptr;
    int rc = n_val < 1 ? SQLITE_ERROR : query_data(api, fts, val[0], data);
    int n_inst = 0;
    if (rc == SQLITE_OK) {
        std::fill(data->freq.begin(), data->freq.end(), 0.0);
        rc = api->xInstCount(fts, &n_inst);
    }
    for (int i = 0; rc == SQLITE_OK && i < n_inst; ++i) {
        int phrase = 0, column = 0, offset = 0;
        rc = api->xInst(fts, i, &phrase, &column, &offset);
        if (rc == SQLITE_OK) data->freq[static_cast<std::size_t>(phrase)] += n_val - 1 > column ? sqlite3_value_double(val[column + 1]) : 1.0;
    }
    double d = 0.0;
    if (rc == SQLITE_OK) {
        int tokens = 0;
        rc = api->xColumnSize(fts, -1, &tokens);
        d = static_cast<double>(tokens);
    }
    double score = 0.0;
    for (std::size_t i = 0; rc == SQLITE_OK && i < data->idf.size(); ++i)
        score += data->idf[i] * ((data->freq[i] * (k1 + 1.0)) / (data->freq[i] + k1 * (1 - b + b * d / data->avgdl)));
    if (rc == SQLITE_OK) sqlite3_result_double(ctx, -1.0 * score);
    else sqlite3_result_error_code(ctx, rc);
}

fts5_api* fts5_of(sqlite3* db) {
    fts5_api* api = nullptr;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr) == SQLITE_OK) {
        sqlite3_bind_pointer(st, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
        (void)sqlite3_step(st);
    }
    sqlite3_finalize(st);
    return api;
}

} // namespace

Status RankCache::install(sql::Db& db) {
    if (m_installed) return {};
    fts5_api* api = fts5_of(db.handle());
    if (!api || api->iVersion < 2) return fail(Reason::internal, "This SQLite has no FTS5 interface for ranking search results.");
    if (api->xCreateFunction(api, "kiosk_bm25", this, kiosk_bm25, nullptr) != SQLITE_OK) return std::unexpected(db.error("registering kiosk_bm25"));
    m_installed = true;
    return {};
}

const std::int64_t* RankCache::find(const std::string& table, const std::string& phrase) const {
    auto it = m_rows.find(table + k_sep + phrase);
    return it == m_rows.end() ? nullptr : &it->second;
}

void RankCache::keep(const std::string& table, const std::string& phrase, std::int64_t rows) {
    if (m_rows.size() >= 20000) m_rows.clear();  // a bound for a kiosk left on for months: about 1 MB
    m_rows[table + k_sep + phrase] = rows;
}

std::string rank_phrases(const std::string& table, const std::vector<std::string>& phrases) {
    std::string s = table;
    for (const auto& p : phrases) (s += k_sep) += p;
    return s;
}

} // namespace content
