// Why this file exists: noticing a USB stick. A background thread looks under
// the mount roots (/media, /run/media and any --watch folders) once a second
// for a *.kbundle with its .minisig, previews each new one (signature first,
// then the manifest) and wakes the UI. The import itself copies the file
// again and verifies that copy; the preview is for display only.
//
// Threads: the constructor starts the watcher thread and the destructor stops
// and joins it (within about 0.1 s of a scan). `wake` is called from the
// watcher thread. set_trust, offers and public_keys take the lock and may be
// called from any thread (the UI thread, in practice). scan_once is for
// tests, on an otherwise idle watcher.
#pragma once
#include "kiosk/ui.hpp"

#include "content/state_store.hpp"

#include <atomic>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace platform {

class UsbWatcher {
public:
    UsbWatcher(std::vector<std::filesystem::path> roots, std::function<void()> wake);
    ~UsbWatcher();
    UsbWatcher(const UsbWatcher&) = delete;
    UsbWatcher& operator=(const UsbWatcher&) = delete;

    // The keys to verify previews with, and installed versions per channel.
    void set_trust(std::vector<content::TrustedKey> keys, std::map<std::string, std::int64_t> installed);
    [[nodiscard]] std::vector<kiosk::UsbOffer> offers();
    [[nodiscard]] std::vector<std::string> public_keys();  // *.pub files on sticks

    // One scan, synchronously (tests).
    void scan_once();

private:
    void run();
    std::vector<std::filesystem::path> m_roots;
    std::function<void()> m_wake;
    std::mutex m_mu;
    std::vector<content::TrustedKey> m_keys;
    std::map<std::string, std::int64_t> m_installed;
    std::vector<kiosk::UsbOffer> m_offers;
    std::vector<std::string> m_pubs;
    std::map<std::string, kiosk::UsbOffer> m_cache;  // path|size|mtime -> preview
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

} // namespace platform
