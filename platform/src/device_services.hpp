// Why this file exists: what the views may ask of the device, implemented over
// the state database, the PIN store, the USB watcher and worker threads (one
// each for import, PIN check and export; each opens its own StateStore).
// Views stay free of SQLite and the filesystem; this is their door.
//
// The data directory lock (content/data_lock.hpp) is taken per operation,
// never for the process's life: an import or export worker waits for it
// (showing "Waiting for another kiosk process"); a rollback or key change on
// the UI thread tries once and says E_BUSY, so the UI thread never waits on
// another process.
//
// Threads: every member is for the UI thread, which owns `state` (its SQLite
// connection is not shared). Workers report progress under a lock and call
// `wake` from their thread when they finish; take_content_changed and
// quit_requested are atomics, read by the loop on the UI thread.
#pragma once
#include "kiosk/ui.hpp"
#include "usb_watcher.hpp"

#include "content/data_lock.hpp"
#include "content/dpkg_status.hpp"
#include "content/pin_store.hpp"
#include "content/screen_schedule.hpp"
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
    void start_pin_check(const std::string& pin) override;
    void start_pin_change(const std::string& old_pin, const std::string& new_pin) override;
    std::optional<content::Status> take_pin_result() override;
    bool pin_check_running() override;
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
    void start_export_to_usb() override;
    kiosk::ExportStatus export_status() override;
    void record_display_guard(const std::string& cell) override;
    content::Status save_session_record(const std::string& json) override;
    content::Status record_completion(const std::string& module_id) override;
    void request_quit() override { m_quit = true; }
    // Issue 21 (device_info.cpp): the admin Device tab's model and the screen's opening hours.
    kiosk::DeviceInfo device_info() override;
    content::Status set_screen_schedule(const std::string& text) override;
    // The opening hours the loop follows (read once, then as saved), and a
    // counter that changes whenever they do.
    [[nodiscard]] const content::ScreenSchedule& screen_schedule();
    [[nodiscard]] unsigned schedule_generation() const { return m_schedule_gen; }

    // True once after content changed (import or rollback): reload the catalog.
    [[nodiscard]] bool take_content_changed() { return m_changed.exchange(false); }
    [[nodiscard]] bool quit_requested() const { return m_quit; }
    void refresh_usb_trust();

private:
    // dpkg's member-kiosk package (dpkg-query, once per process).
    [[nodiscard]] const std::optional<content::DpkgPackage>& installed_package();
    std::optional<content::DpkgPackage> m_package;
    bool m_package_read = false;
    [[nodiscard]] content::Result<std::filesystem::path> usb_export_target();
    [[nodiscard]] content::Result<content::DataLock> lock_now();
    void run_import(const std::string& path);
    content::StateStore& m_state;
    content::PinStore m_pin;
    UsbWatcher* m_usb;
    std::vector<std::filesystem::path> m_roots;
    std::function<void()> m_wake;
    // Views read settings every frame; they change only through set_setting
    // (on this thread), so they are read from the database once each.
    std::map<std::string, std::optional<std::string>> m_settings;
    std::optional<content::ScreenSchedule> m_schedule;
    unsigned m_schedule_gen = 1;
    std::mutex m_mu;
    kiosk::ImportStatus m_status;
    std::atomic<bool> m_cancel{false};
    std::atomic<bool> m_changed{false};
    std::atomic<bool> m_quit{false};
    std::thread m_worker;
    // PIN check worker.
    std::optional<content::Status> m_pin_result;
    bool m_pin_running = false;
    std::thread m_pin_worker;
    void run_pin_job(std::function<content::Status(content::PinStore&)> job);
    // Export worker.
    kiosk::ExportStatus m_export;
    std::thread m_export_worker;
};

} // namespace platform
