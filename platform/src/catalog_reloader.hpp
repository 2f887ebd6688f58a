// Why this file exists: after an import or a rollback the kiosk must load the
// new catalog (opening every installed bundle and reading its models), which
// takes a few hundred milliseconds with 10,000 documents on a slow board. On
// the UI thread that is a visible stall (the benchmark's "longest frame while
// work runs"). This loads it on a worker while the old catalog stays on the
// screen; the loop swaps the two when the new one is ready.
#pragma once
#include "content/catalog.hpp"
#include "content/state_store.hpp"

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
    ~CatalogReloader();
    CatalogReloader(const CatalogReloader&) = delete;
    CatalogReloader& operator=(const CatalogReloader&) = delete;

    // Starts loading `channels` on a worker. A load already running is waited
    // for and its result dropped (the newer state wins). UI thread.
    void start(std::vector<content::InstalledChannel> channels);

    // The loaded catalog, once; nullopt while loading or when none was started.
    // UI thread.
    [[nodiscard]] std::optional<content::Catalog> take();

private:
    std::function<void()> m_wake;
    std::thread m_worker;
    std::mutex m_mu;
    std::optional<content::Catalog> m_ready;
};

} // namespace platform
