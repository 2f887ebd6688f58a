// Loading a new catalog off the UI thread; see catalog_reloader.hpp.
#include "catalog_reloader.hpp"
#include "background_thread.hpp"

#include "content/state_store.hpp"

#include <iostream>

namespace platform {

CatalogReloader::~CatalogReloader() {
    if (m_worker.joinable()) m_worker.join();
    if (m_retirer.joinable()) m_retirer.join();
}

void CatalogReloader::start(std::filesystem::path data_dir) {
    if (m_worker.joinable()) m_worker.join();
    {
        std::lock_guard lk(m_mu);
        m_ready.reset();
    }
    m_worker = std::thread([this, data_dir = std::move(data_dir)] {
        lower_this_thread_priority();
        std::vector<content::InstalledChannel> channels;
        auto state = content::StateStore::open_read_only(data_dir);
        auto chans = state ? state->channels() : content::Result<std::vector<content::ChannelState>>(std::unexpected(state.error()));
        if (chans) channels = content::installed_channels(*chans, state->bundles_dir());
        else std::cerr << chans.error().line() << "\n";
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

void CatalogReloader::retire(content::Catalog old) {
    // The previous retiree is long gone by the next import; waiting for it
    // keeps one such thread at a time.
    if (m_retirer.joinable()) m_retirer.join();
    m_retirer = std::thread([cat = std::move(old)]() mutable {
        lower_this_thread_priority();
        content::Catalog gone = std::move(cat);  // destroyed here, off the UI thread
    });
}

} // namespace platform
