// Why this file exists: the read side of a bundle. It turns an already
// verified bundle file into model objects for the kiosk's views and for lint.
// It never verifies signatures itself: callers open only verified bytes.
// Internal to content/: views reach bundles only through the Catalog.
// Threads: one reader is used by one thread at a time.
#pragma once
#include "content/error.hpp"
#include "content/manifest.hpp"
#include "content/model.hpp"
#include "content/search_rank.hpp"
#include "content/search_vocab.hpp"
#include "content/sqlite.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace content {

class BundleReader {
public:
    // Opens a verified bundle read-only, immutable and defensive.
    [[nodiscard]] static Result<BundleReader> open(const std::filesystem::path& path);

    [[nodiscard]] Result<Manifest> manifest();
    [[nodiscard]] Result<std::vector<Locality>> localities();
    [[nodiscard]] Result<std::vector<Period>> periods();
    [[nodiscard]] Result<std::vector<Indicator>> indicators();
    [[nodiscard]] Result<std::vector<Value>> values();
    [[nodiscard]] Result<std::vector<Briefing>> briefings();
    [[nodiscard]] Result<std::vector<Tracker>> trackers();
    [[nodiscard]] Result<std::vector<TrackerItem>> tracker_items();
    // Meetings with their items, by start time (kiosk-bundle/2); none from a
    // kiosk-bundle/1 bundle, which has no meetings tables.
    [[nodiscard]] Result<std::vector<Meeting>> meetings();
    // Modules with their slides and questions.
    [[nodiscard]] Result<std::vector<Module>> modules();
    // Library documents without bodies or pages (cheap, for lists).
    [[nodiscard]] Result<std::vector<DocumentHeader>> document_headers();
    // One whole document with body and page texts; E_NOT_FOUND if absent.
    [[nodiscard]] Result<Document> document(const std::string& id);
    // One image with its bytes; E_NOT_FOUND if absent.
    [[nodiscard]] Result<Image> image(const std::string& id);

    // The connection, for search within the read layer. Same thread as this reader.
    [[nodiscard]] sql::Db& db() { return m_db; }
    // This bundle's words for "did you mean", read as needed and kept.
    [[nodiscard]] SearchVocabulary& vocabulary() { return *m_vocab; }
    // This bundle's phrase row counts for ranking (kiosk_bm25), kept. Same thread.
    [[nodiscard]] RankCache& rank() { return *m_rank; }
    // A prepared statement kept for reuse (search runs the same few on every
    // keystroke; preparing an FTS5 query costs more than a small search).
    // Reset, bindings cleared. Same thread as this reader.
    [[nodiscard]] Result<sql::Stmt*> statement(const std::string& sql);
private:
    explicit BundleReader(sql::Db db) : m_db(std::move(db)) {}
    sql::Db m_db;
    std::unique_ptr<SearchVocabulary> m_vocab = std::make_unique<SearchVocabulary>();
    std::unique_ptr<RankCache> m_rank = std::make_unique<RankCache>();  // registered with m_db by address: never moves
    std::unique_ptr<std::map<std::string, sql::Stmt>> m_statements = std::make_unique<std::map<std::string, sql::Stmt>>();
};

} // namespace content
