// Why this file exists: after an import or a rollback the kiosk must load the
// new catalog (opening every installed bundle and reading its models), which
// takes a few hundred milliseconds with 10,000 documents on a slow board. On
// the UI thread that is a visible stall (the benchmark's "longest frame while
// work runs"). This loads it on a worker while the old catalog stays on the
// screen; the loop swaps the two when the new one is ready. The frame that
// swaps does no SQLite or file work of its own: the worker reads the
// installed channels through its own connection, and the old catalog (tens
// of thousands of strings and a database connection per bundle) is handed
// back to a worker to be destroyed.
#pragma once
#include "content/catalog.hpp"

#include <filesystem>
#include <functional>
#include <optional>
#include <thread>
#include <mutex>
#include <vector>

namespace platform {

class CatalogReloader {
public:
    // `wake` is called from the worker when a catalog is ready (it wakes the loop).
    explicit CatalogReloader(std::function<void()> wake) : m_wake(std::move(wake)) {}
    // Waits for the workers (a load in progress, old catalogs being freed).
    ~CatalogReloader();
    CatalogReloader(const CatalogReloader&) = delete;
    CatalogReloader& operator=(const CatalogReloader&) = delete;

    // Starts loading the channels installed in the state under `data_dir` on
    // a worker (its own read-only connection; a state that cannot be read
    // gives an empty catalog, the reason on stderr). A load already running
    // is waited for and its result dropped (the newer state wins). UI thread.
    void start(std::filesystem::path data_dir);

    // The loaded catalog, once; nullopt while loading or when none was started.
    // UI thread.
    [[nodiscard]] std::optional<content::Catalog> take();

    // Destroys `old` on a worker, after any earlier one. The caller must hold
    // no pointer into it any more. UI thread.
    void retire(content::Catalog old);

private:
    std::function<void()> m_wake;
    std::thread m_worker, m_retirer;
    std::mutex m_mu;
    std::optional<content::Catalog> m_ready;
};

} // namespace platform
