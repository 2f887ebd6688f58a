// Why this file exists: what the views may ask of the device, implemented over
// the state database, the PIN store, the USB watcher and an import worker
// thread. Views stay free of SQLite and the filesystem; this is their door.
//
// Threads: every member is for the UI thread, which owns `state` (its SQLite
// connection is not shared). The import worker opens its own connection to
// the state database, reports progress under a lock (read by import_status)
// and calls `wake` from its thread when it finishes. take_content_changed and
// quit_requested are atomics, read by the loop on the UI thread.
#pragma once
#include "kiosk/ui.hpp"
#include "usb_watcher.hpp"

#include "content/pin_store.hpp"
#include "content/state_store.hpp"

#include <atomic>
#include <functional>
#include <map>
#include <optional>
#include <mutex>
#include <thread>

namespace platform {

class DeviceServices final : public kiosk::Services {
public:
    DeviceServices(content::StateStore& state, UsbWatcher* usb, std::vector<std::filesystem::path> usb_roots, std::function<void()> wake);
    ~DeviceServices() override;

    std::string setting(const std::string& key, const std::string& fallback) override;
    void set_setting(const std::string& key, const std::string& value) override;
    content::Status check_pin(const std::string& pin) override;
    bool pin_is_set() override;
    std::vector<kiosk::UsbOffer> usb_offers() override;
    void start_import(const std::string& path) override;
    void cancel_import() override;
    kiosk::ImportStatus import_status() override;
    content::Status rollback(const std::string& channel) override;
    std::vector<kiosk::AuditRow> audit(std::size_t limit) override;
    std::vector<kiosk::KeyRow> trusted_keys() override;
    content::Status untrust(const std::string& key_id) override;
    content::Status trust_from_usb(const std::string& pub_path, const std::vector<std::string>& channels) override;
    std::vector<std::string> usb_public_keys() override;
    content::Result<std::string> export_to_usb() override;
    void record_display_guard(const std::string& cell) override;
    content::Status save_session_record(const std::string& json) override;
    content::Status record_completion(const std::string& module_id) override;
    void request_quit() override { m_quit = true; }

    // True once after content changed (import or rollback): reload the catalog.
    [[nodiscard]] bool take_content_changed() { return m_changed.exchange(false); }
    [[nodiscard]] bool quit_requested() const { return m_quit; }
    void refresh_usb_trust();

private:
    content::StateStore& m_state;
    content::PinStore m_pin;
    UsbWatcher* m_usb;
    std::vector<std::filesystem::path> m_roots;
    std::function<void()> m_wake;
    // Views read settings every frame; they change only through set_setting
    // (on this thread), so they are read from the database once each.
    std::map<std::string, std::optional<std::string>> m_settings;
    std::mutex m_mu;
    kiosk::ImportStatus m_status;
    std::atomic<bool> m_cancel{false};
    std::atomic<bool> m_changed{false};
    std::atomic<bool> m_quit{false};
    std::thread m_worker;
};

} // namespace platform
