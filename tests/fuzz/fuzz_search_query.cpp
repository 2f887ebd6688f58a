// Fuzz target: the search query parser. What a person types becomes an FTS5
// MATCH expression; the contract is that FTS5 syntax is neutralised, so no
// typed text can make the query fail. The first line of the input is the
// typed text, the rest one indexed row's body (for the snippet maker).
// Properties: the search never fails, and highlights lie in the snippet.
#include "content/bundle_reader.hpp"
#include "content/schema.hpp"
#include "content/search.hpp"
#include "content/search_engine.hpp"
#include "content/sqlite.hpp"
#include "fuzz_util.hpp"

#include <unistd.h>

namespace {

// One small bundle-shaped index in a temporary file, rewritten per input and
// then searched through a fresh read-only reader, as the kiosk searches.
const std::string& index_path() {
    static const std::string path = "/tmp/fuzz-search-" + std::to_string(::getpid()) + ".db";
    return path;
}

content::sql::Db& index_db() {
    static content::sql::Db db = [] {
        ::unlink(index_path().c_str());
        auto d = content::sql::Db::open(index_path(), content::sql::OpenMode::read_write_create);
        FUZZ_CHECK(d.has_value());
        FUZZ_CHECK(d->exec(content::schema::ddl()).has_value());
        return std::move(*d);
    }();
    return db;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view all(reinterpret_cast<const char*>(data), size);
    std::size_t nl = all.find('\n');
    std::string typed(all.substr(0, nl));
    std::string body(nl == std::string_view::npos ? std::string_view() : all.substr(nl + 1));
    (void)content::to_fts_query(typed);
    auto& db = index_db();
    FUZZ_CHECK(db.exec("DELETE FROM search; INSERT INTO search_titles(search_titles) VALUES('delete-all');").has_value());
    auto ins = db.prepare("INSERT INTO search(rowid, title, body, kind, ref) VALUES (1, ?1, ?2, 'document', 'd1')");
    FUZZ_CHECK(ins.has_value());
    std::string title = body.substr(0, std::min<std::size_t>(body.size(), 40));
    FUZZ_CHECK(ins->bind(1, title).bind(2, body).run().has_value());
    FUZZ_CHECK(db.exec("INSERT INTO search_titles(rowid, title, kind) SELECT rowid, title, kind FROM search").has_value());
    auto reader = content::BundleReader::open(index_path());
    FUZZ_CHECK(reader.has_value());
    for (const char* kind : {"", "document"}) {
        content::SearchQuery q{typed, 10, kind};
        auto r = content::search_readers({content::ReaderRef{"fuzz", &*reader}}, q);
        if (!r) std::fprintf(stderr, "query %s -> %s failed: %s\n", typed.c_str(), content::to_fts_query(typed).c_str(), r.error().message.c_str());
        FUZZ_CHECK(r.has_value());
        for (const auto& h : r->hits)
            for (const auto& [b, e] : h.highlights) FUZZ_CHECK(b <= e && e <= h.snippet.size());
    }
    return 0;
}
