// USB stick watcher; see usb_watcher.hpp.
#include "usb_watcher.hpp"

#include "content/bundle_verify.hpp"
#include "content/importer.hpp"

#include <chrono>
#include <sys/stat.h>

namespace fs = std::filesystem;

namespace platform {

UsbWatcher::UsbWatcher(std::vector<fs::path> roots, std::function<void()> wake) : m_roots(std::move(roots)), m_wake(std::move(wake)) {
    m_thread = std::thread([this] { run(); });
}

UsbWatcher::~UsbWatcher() {
    m_stop = true;
    if (m_thread.joinable()) m_thread.join();
}

void UsbWatcher::set_trust(std::vector<content::TrustedKey> keys, std::map<std::string, std::int64_t> installed) {
    std::lock_guard lk(m_mu);
    m_keys = std::move(keys);
    m_installed = std::move(installed);
    m_cache.clear();
}

std::vector<kiosk::UsbOffer> UsbWatcher::offers() {
    std::lock_guard lk(m_mu);
    return m_offers;
}

std::vector<std::string> UsbWatcher::public_keys() {
    std::lock_guard lk(m_mu);
    return m_pubs;
}

void UsbWatcher::run() {
    while (!m_stop) {
        scan_once();
        for (int i = 0; i < 10 && !m_stop; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

void UsbWatcher::scan_once() {
    std::vector<fs::path> found;
    std::vector<std::string> pubs;
    for (const auto& root : m_roots) {
        std::error_code ec;
        if (!fs::is_directory(root, ec)) continue;
        for (auto& b : content::find_bundles(root))
            if (fs::exists(content::signature_path_for(b), ec)) found.push_back(b);
        fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
        for (; !ec && it != end; it.increment(ec)) {
            if (it.depth() > 3) it.disable_recursion_pending();
            else if (it->path().extension() == ".pub" && it->is_regular_file(ec)) pubs.push_back(it->path().string());
        }
    }
    std::vector<content::TrustedKey> keys;
    std::map<std::string, std::int64_t> installed;
    {
        std::lock_guard lk(m_mu);
        keys = m_keys;
        installed = m_installed;
    }
    std::vector<kiosk::UsbOffer> offers;
    for (const auto& b : found) {
        struct stat st{};
        if (::stat(b.c_str(), &st) != 0) continue;
        std::string cache_key = b.string() + "|" + std::to_string(st.st_size) + "|" + std::to_string(st.st_mtime);
        {
            std::lock_guard lk(m_mu);
            if (auto c = m_cache.find(cache_key); c != m_cache.end()) {
                offers.push_back(c->second);
                continue;
            }
        }
        kiosk::UsbOffer o;
        o.path = b.string();
        o.title = b.filename().string();
        auto sig = content::load_bundle_signature(content::signature_path_for(b));
        const content::TrustedKey* key = nullptr;
        if (sig)
            for (auto& k : keys)
                if (k.key.key_id == sig->key_id) key = &k;
        if (!sig) o.note = "its signature cannot be read";
        else if (!key) o.note = "signed by a key this kiosk does not trust";
        else if (static_cast<std::uint64_t>(st.st_size) > (64ull << 20)) {
            o.note = "large bundle: press Install to check and install it";
            o.version = 1;  // unknown until verified; Install stays available
        } else {
            auto v = content::verify_bundle(b, content::signature_path_for(b), key->key, content::VerifyOptions{});
            if (!v) o.note = "cannot be installed: " + v.error().message;
            else {
                o.channel = v->manifest.channel;
                o.title = v->manifest.title;
                o.version = v->manifest.version;
                o.installed_version = installed.count(o.channel) ? installed[o.channel] : 0;
                o.note = o.version > o.installed_version ? (o.installed_version ? "newer than the installed version " + std::to_string(o.installed_version)
                                                                                 : "not installed yet")
                                                         : "already installed (version " + std::to_string(o.installed_version) + ")";
            }
        }
        {
            std::lock_guard lk(m_mu);
            m_cache[cache_key] = o;
        }
        offers.push_back(o);
    }
    bool changed = false;
    {
        std::lock_guard lk(m_mu);
        changed = offers.size() != m_offers.size() || pubs != m_pubs;
        if (!changed)
            for (std::size_t i = 0; i < offers.size(); ++i) changed |= offers[i].path != m_offers[i].path || offers[i].note != m_offers[i].note;
        m_offers = std::move(offers);
        m_pubs = std::move(pubs);
    }
    if (changed && m_wake) m_wake();
}

} // namespace platform
