// USB stick watcher; see usb_watcher.hpp.
#include "usb_watcher.hpp"
#include "background_thread.hpp"

#include "content/bundle_verify.hpp"

#include <chrono>
#include <cstdlib>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace platform {
namespace {

// A file's identity for the preview cache, without opening it (lstat: a link
// is not followed). Empty when it is missing.
std::string identity(const fs::path& p) {
    struct stat st{};
    if (::lstat(p.c_str(), &st) != 0) return {};
    return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino) + ":" + std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
           std::to_string(st.st_mtim.tv_nsec) + ":" + std::to_string(st.st_mode);
}

std::string cache_key(const fs::path& bundle) { return bundle.string() + "|" + identity(bundle) + "|" + identity(content::signature_path_for(bundle)); }

bool is_signature_failure(content::Reason r) {
    return r == content::Reason::signature || r == content::Reason::legacy_signature || r == content::Reason::key_mismatch;
}

void forget(std::optional<content::PreparedBundle>& p) {
    if (p) ::unlink(p->file.c_str());
    p.reset();
}

} // namespace

UsbWatcher::UsbWatcher(std::vector<fs::path> roots, std::function<void()> wake, fs::path preview_dir)
    : m_roots(std::move(roots)), m_wake(std::move(wake)), m_preview_dir(std::move(preview_dir)) {
    std::error_code ec;
    if (m_preview_dir.empty()) {
        std::string tmpl = (fs::temp_directory_path(ec) / "kiosk-preview-XXXXXX").string();
        if (::mkdtemp(tmpl.data())) m_preview_dir = tmpl;
        m_own_preview_dir = true;
    } else {
        fs::create_directories(m_preview_dir, ec);
        for (const auto& e : fs::directory_iterator(m_preview_dir, ec)) fs::remove_all(e.path(), ec);  // copies of an earlier run
    }
    fs::permissions(m_preview_dir, fs::perms::owner_all, ec);
    m_thread = std::thread([this] {
        lower_this_thread_priority();
        run();
    });
}

UsbWatcher::~UsbWatcher() {
    m_stop = true;
    if (m_thread.joinable()) m_thread.join();
    std::lock_guard lk(m_mu);
    for (auto& [k, p] : m_cache) forget(p.prepared);
    std::error_code ec;
    if (m_own_preview_dir) fs::remove_all(m_preview_dir, ec);
}

void UsbWatcher::set_trust(std::vector<content::TrustedKey> keys, std::map<std::string, std::int64_t> installed) {
    content::DeviceRules r;
    r.keys = std::move(keys);
    r.installed = std::move(installed);
    set_rules(std::move(r));
}

void UsbWatcher::set_rules(content::DeviceRules rules) {
    std::lock_guard lk(m_mu);
    m_rules = std::move(rules);
    ++m_generation;
    for (auto& [k, p] : m_cache) forget(p.prepared);
    m_cache.clear();
}

void UsbWatcher::set_tamper_report(std::function<void(const std::string&)> report) {
    std::lock_guard lk(m_mu);
    m_tamper = std::move(report);
}

std::vector<kiosk::UsbOffer> UsbWatcher::offers() {
    std::lock_guard lk(m_mu);
    return m_offers;
}

std::vector<std::string> UsbWatcher::public_keys() {
    std::lock_guard lk(m_mu);
    return m_pubs;
}

std::optional<content::PreparedBundle> UsbWatcher::take_prepared(const std::string& stick_path) {
    const std::string key = cache_key(stick_path);
    std::lock_guard lk(m_mu);
    auto it = m_cache.find(key);
    if (it == m_cache.end() || !it->second.prepared) return std::nullopt;
    auto p = std::move(it->second.prepared);
    m_cache.erase(it);
    return p;
}

void UsbWatcher::run() {
    while (!m_stop) {
        scan_once();
        for (int i = 0; i < 10 && !m_stop; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

UsbWatcher::Preview UsbWatcher::preview(const fs::path& b, const content::DeviceRules& rules) {
    Preview pv;
    kiosk::UsbOffer& o = pv.offer;
    o.path = b.string();
    o.title = b.filename().string();
    auto p = content::prepare_bundle(b, m_preview_dir, rules, content::ImportOptions{});
    if (!p) {
        const auto r = p.error().reason;
        if (r == content::Reason::untrusted_key) o.note = "signed by a key this kiosk does not trust";
        else if (is_signature_failure(r)) o.note = "its signature cannot be read or does not match: " + p.error().message;
        else o.note = "cannot be installed: " + p.error().message;
        if (is_signature_failure(r)) {
            std::function<void(const std::string&)> report;
            {
                std::lock_guard lk(m_mu);
                report = m_tamper;
            }
            if (report) report(b.string() + ": " + p.error().line());
        }
        return pv;
    }
    o.channel = p->manifest.channel;
    o.title = p->manifest.title;
    o.version = p->manifest.version;
    auto it = rules.installed.find(o.channel);
    o.installed_version = it == rules.installed.end() ? 0 : it->second;
    o.note = o.version > o.installed_version ? (o.installed_version ? "newer than the installed version " + std::to_string(o.installed_version) : "not installed yet")
                                             : "already installed (version " + std::to_string(o.installed_version) + ")";
    pv.prepared = std::move(*p);
    return pv;
}

void UsbWatcher::scan_once() {
    std::lock_guard scan(m_scan_mu);
    std::vector<fs::path> found;
    std::vector<std::string> pubs;
    for (const auto& root : m_roots) {
        std::error_code ec;
        if (!fs::is_directory(root, ec)) continue;
        for (auto& b : content::find_bundles(root))
            if (fs::symlink_status(content::signature_path_for(b), ec).type() != fs::file_type::not_found) found.push_back(b);
        fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
        for (; !ec && it != end; it.increment(ec)) {
            if (it.depth() > 3) it.disable_recursion_pending();
            else if (it->path().extension() == ".pub" && it->is_regular_file(ec) && !it->is_symlink(ec)) pubs.push_back(it->path().string());
        }
    }
    content::DeviceRules rules;
    std::uint64_t generation = 0;
    {
        std::lock_guard lk(m_mu);
        rules = m_rules;
        generation = m_generation;
    }
    std::vector<kiosk::UsbOffer> offers;
    std::map<std::string, Preview> seen;
    for (const auto& b : found) {
        if (m_stop) {
            for (auto& [k, p] : seen) forget(p.prepared);
            return;
        }
        const std::string key = cache_key(b);
        {
            std::lock_guard lk(m_mu);
            if (auto c = m_cache.find(key); c != m_cache.end()) {
                offers.push_back(c->second.offer);
                seen[key] = std::move(c->second);
                m_cache.erase(c);
                continue;
            }
        }
        Preview pv = preview(b, rules);
        offers.push_back(pv.offer);
        seen[key] = std::move(pv);
    }
    bool changed = false;
    {
        std::lock_guard lk(m_mu);
        for (auto& [k, p] : m_cache) forget(p.prepared);  // files gone from the sticks
        if (generation != m_generation) {
            for (auto& [k, p] : seen) forget(p.prepared);  // made under rules that have changed since
            seen.clear();
        }
        m_cache = std::move(seen);
        changed = offers.size() != m_offers.size() || pubs != m_pubs;
        if (!changed)
            for (std::size_t i = 0; i < offers.size(); ++i) changed |= offers[i].path != m_offers[i].path || offers[i].note != m_offers[i].note;
        m_offers = std::move(offers);
        m_pubs = std::move(pubs);
    }
    if (changed && m_wake) m_wake();
}

} // namespace platform
