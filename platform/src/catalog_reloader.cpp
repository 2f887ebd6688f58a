// Loading a new catalog off the UI thread; see catalog_reloader.hpp.
#include "catalog_reloader.hpp"
#include "background_thread.hpp"

namespace platform {

CatalogReloader::~CatalogReloader() {
    if (m_worker.joinable()) m_worker.join();
}

void CatalogReloader::start(std::vector<content::InstalledChannel> channels) {
    if (m_worker.joinable()) m_worker.join();
    {
        std::lock_guard lk(m_mu);
        m_ready.reset();
    }
    m_worker = std::thread([this, channels = std::move(channels)] {
        lower_this_thread_priority();
        auto cat = content::Catalog::load_channels(channels);
        {
            std::lock_guard lk(m_mu);
            m_ready.emplace(std::move(cat));
        }
        if (m_wake) m_wake();
    });
}

std::optional<content::Catalog> CatalogReloader::take() {
    std::lock_guard lk(m_mu);
    std::optional<content::Catalog> out = std::move(m_ready);
    m_ready.reset();
    return out;
}

} // namespace platform
