// Why this file exists: noticing a USB stick. A background thread looks under
// the mount roots (/media, /run/media and any --watch folders) once a second
// for a *.kbundle with its .minisig, and previews each new one with the same
// pipeline as an import (content::prepare_bundle): the bundle is copied once,
// as a plain file only, into a private preview folder and that copy is
// verified with every rule (signature, contents, channel, expiry, future
// date, version). The stick is never read in place by SQLite and never
// memory-mapped, so a pulled stick cannot SIGBUS the kiosk, and a FIFO or a
// symlink on it cannot block this thread. Installing an offer reuses the
// verified copy (take_prepared) instead of reading the stick again.
//
// Threads: the constructor starts the watcher thread and the destructor stops
// and joins it (within about 0.1 s of a scan). `wake` is called from the
// watcher thread. set_trust, offers and public_keys take the lock and may be
// called from any thread (the UI thread, in practice). scan_once is for
// tests, on an otherwise idle watcher.
#pragma once
#include "kiosk/ui.hpp"

#include "content/importer.hpp"
#include "content/state_store.hpp"

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace platform {

class UsbWatcher {
public:
    // `preview_dir`: a private folder for verified copies, on the data
    // directory's file system (DATA/preview) so that install can move a copy
    // into place; empty: a private temporary folder (tests, screenshots).
    UsbWatcher(std::vector<std::filesystem::path> roots, std::function<void()> wake, std::filesystem::path preview_dir = {});
    ~UsbWatcher();
    UsbWatcher(const UsbWatcher&) = delete;
    UsbWatcher& operator=(const UsbWatcher&) = delete;

    // The keys to verify previews with, and installed versions per channel.
    // Clears the preview cache. Any thread.
    void set_trust(std::vector<content::TrustedKey> keys, std::map<std::string, std::int64_t> installed);
    // The full rule snapshot (keys, installed, high-water, freshness). Any thread.
    void set_rules(content::DeviceRules rules);
    // Called once per previewed file whose signature does not verify or cannot
    // be read (a tampered stick), with one line naming it and the reason code.
    // Called on the watcher thread (or the scan_once caller's).
    void set_tamper_report(std::function<void(const std::string&)> report);
    [[nodiscard]] std::vector<kiosk::UsbOffer> offers();
    [[nodiscard]] std::vector<std::string> public_keys();  // *.pub files on sticks (plain files only)

    // The verified private copy of the offer at `stick_path`, if the stick file
    // and its .minisig are unchanged since it was made. Ownership passes to the
    // caller (install_prepared consumes it). Any thread.
    [[nodiscard]] std::optional<content::PreparedBundle> take_prepared(const std::string& stick_path);

    // One scan, synchronously (tests). Scans never overlap.
    void scan_once();

private:
    struct Preview {
        kiosk::UsbOffer offer;
        std::optional<content::PreparedBundle> prepared;
    };
    void run();
    Preview preview(const std::filesystem::path& bundle, const content::DeviceRules& rules);
    std::vector<std::filesystem::path> m_roots;
    std::function<void()> m_wake;
    std::filesystem::path m_preview_dir;
    bool m_own_preview_dir = false;
    std::mutex m_scan_mu;  // one scan at a time
    std::mutex m_mu;
    content::DeviceRules m_rules;
    std::uint64_t m_generation = 0;  // bumped by set_rules: previews made under older rules are dropped
    std::function<void(const std::string&)> m_tamper;
    std::vector<kiosk::UsbOffer> m_offers;
    std::vector<std::string> m_pubs;
    std::map<std::string, Preview> m_cache;  // cache key (bundle and .minisig identity) -> preview
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

} // namespace platform
