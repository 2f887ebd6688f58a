// The device services behind the views; see device_services.hpp.
#include "device_services.hpp"
#include "background_thread.hpp"
#include "writable_stick.hpp"

#include "content/importer.hpp"
#include "content/records.hpp"
#include "content/status_export.hpp"

#include <ctime>

#include <nlohmann/json.hpp>

#include <chrono>
#include <utility>

namespace fs = std::filesystem;
using namespace content;

namespace platform {

namespace {
// How long an import or export worker waits for another kiosk process.
constexpr auto worker_lock_wait = std::chrono::minutes(10);
} // namespace

DeviceServices::DeviceServices(StateStore& state, UsbWatcher* usb, std::vector<fs::path> roots, std::function<void()> wake)
    : m_state(state), m_pin(state), m_usb(usb), m_roots(std::move(roots)), m_wake(std::move(wake)) {
    if (m_usb) {
        // A tampered stick is written to the audit log (from the watcher's
        // thread, through a connection of its own).
        m_usb->set_tamper_report([data = m_state.data_dir()](const std::string& line) {
            if (auto s = StateStore::open(data)) (void)s->audit("usb-preview", "", 0, "E_SIGNATURE", "a bundle on a USB stick failed its signature check: " + line);
        });
    }
    refresh_usb_trust();
}

DeviceServices::~DeviceServices() {
    m_cancel = true;
    for (auto* t : {&m_worker, &m_pin_worker, &m_export_worker})
        if (t->joinable()) t->join();
}

void DeviceServices::refresh_usb_trust() {
    if (!m_usb) return;
    if (auto r = device_rules(m_state)) m_usb->set_rules(std::move(*r));
}

Result<DataLock> DeviceServices::lock_now() { return DataLock::exclusive(m_state.data_dir(), std::chrono::milliseconds(0)); }

std::string DeviceServices::setting(const std::string& key, const std::string& fallback) {
    auto it = m_settings.find(key);
    if (it == m_settings.end()) {
        auto v = m_state.setting(key);
        if (!v) return fallback;  // not cached: a later frame reads it again
        it = m_settings.emplace(key, *v).first;
    }
    return it->second.value_or(fallback);
}

void DeviceServices::set_setting(const std::string& key, const std::string& value) {
    if (m_state.set_setting(key, value)) {
        m_settings[key] = value;
        (void)m_state.audit("settings", "", 0, "ok", key + " = " + value);
    } else {
        m_settings.erase(key);  // unknown now: read it back next time
    }
}

void DeviceServices::start_pin_check(const std::string& pin) {
    run_pin_job([pin](PinStore& pins) { return pins.check(pin); });
}

// Sets the first PIN (old_pin empty, only while none is set) or changes it
// after checking the old one, on the PIN worker.
void DeviceServices::start_pin_change(const std::string& old_pin, const std::string& new_pin) {
    run_pin_job([old_pin, new_pin](PinStore& pins) -> Status {
        if (old_pin.empty()) {
            auto set = pins.is_set();
            if (!set) return std::unexpected(set.error());
            if (*set) return fail(Reason::pin, "A PIN is already set on this kiosk. Use Change PIN, which asks for the current one.");
        } else if (auto ok = pins.check(old_pin); !ok) {
            return ok;
        }
        return pins.set_pin(new_pin);
    });
}

void DeviceServices::run_pin_job(std::function<Status(PinStore&)> job) {
    {
        std::lock_guard lk(m_mu);
        if (m_pin_running) return;
        m_pin_running = true;
        m_pin_result.reset();
    }
    if (m_pin_worker.joinable()) m_pin_worker.join();
    m_pin_worker = std::thread([this, job = std::move(job), data = m_state.data_dir()] {
        lower_this_thread_priority();
        // Argon2id (about 0.5-0.8 s on a Pi) off the UI thread, on its own connection.
        Status r = fail(Reason::io, "The kiosk's state could not be opened to check the PIN.");
        if (auto store = StateStore::open(data)) {
            PinStore pins(*store);
            r = job(pins);
        }
        {
            std::lock_guard lk(m_mu);
            m_pin_result = std::move(r);
            m_pin_running = false;
        }
        if (m_wake) m_wake();
    });
}

std::optional<Status> DeviceServices::take_pin_result() {
    std::lock_guard lk(m_mu);
    return std::exchange(m_pin_result, std::nullopt);
}

bool DeviceServices::pin_check_running() {
    std::lock_guard lk(m_mu);
    return m_pin_running;
}

bool DeviceServices::pin_is_set() { return m_pin.is_set().value_or(false); }

std::vector<kiosk::UsbOffer> DeviceServices::usb_offers() { return m_usb ? m_usb->offers() : std::vector<kiosk::UsbOffer>{}; }

void DeviceServices::start_import(const std::string& path) {
    {
        std::lock_guard lk(m_mu);
        if (m_status.running) return;
        m_status = kiosk::ImportStatus{};
        m_status.running = true;
        m_status.stage = "Starting";
    }
    if (m_worker.joinable()) m_worker.join();
    m_cancel = false;
    m_worker = std::thread([this, path] {
        lower_this_thread_priority();
        run_import(path);
    });
}

void DeviceServices::run_import(const std::string& path) {
    auto set_stage = [this](const std::string& stage, std::uint64_t done, std::uint64_t total) {
        {
            std::lock_guard lk(m_mu);
            m_status.stage = stage;
            m_status.bytes_done = done;
            m_status.bytes_total = total;
        }
        if (m_wake) m_wake();
    };
    std::string line;
    set_stage("Waiting for another kiosk process", 0, 0);
    auto lock = DataLock::exclusive(m_state.data_dir(), worker_lock_wait, [this] { return m_cancel.load(); });
    auto store = StateStore::open(m_state.data_dir());  // the worker's own connection (WAL)
    if (!lock) line = "Not installed: " + lock.error().message + " (" + std::string(reason_code(lock.error().reason)) + ")";
    else if (!store) line = "Could not open the kiosk's state: " + store.error().message;
    else {
        ImportOptions o;
        o.cancel = &m_cancel;
        o.on_progress = [&](const ImportProgress& p) { set_stage(stage_name(p.stage), p.bytes_done, p.bytes_total); };
        // The preview's verified copy when the stick is unchanged; the stick is not read again.
        auto prepared = m_usb ? m_usb->take_prepared(path) : std::nullopt;
        auto r = prepared ? install_prepared(*store, *prepared, o) : import_bundle(*store, path, o);
        if (!r) line = "Not installed: " + r.error().message + " (" + std::string(reason_code(r.error().reason)) + ")";
        else if (r->outcome == ImportOutcome::already_installed) line = "\"" + r->manifest.title + "\" version " + std::to_string(r->manifest.version) + " is already installed.";
        else {
            line = "Installed \"" + r->manifest.title + "\" version " + std::to_string(r->manifest.version) + ".";
            m_changed = true;
        }
        if (m_usb)
            if (auto rules = device_rules(*store)) m_usb->set_rules(std::move(*rules));
    }
    {
        std::lock_guard lk(m_mu);
        m_status.running = false;
        m_status.results.push_back(line);
    }
    if (m_wake) m_wake();
}

void DeviceServices::cancel_import() { m_cancel = true; }

kiosk::ImportStatus DeviceServices::import_status() {
    std::lock_guard lk(m_mu);
    return m_status;
}

Status DeviceServices::rollback(const std::string& channel) {
    auto lock = lock_now();
    if (!lock) return std::unexpected(lock.error());
    auto r = rollback_channel(m_state, channel);
    if (!r) return std::unexpected(r.error());
    refresh_usb_trust();  // here, not in the frame that swaps the catalog
    m_changed = true;
    return {};
}

std::vector<kiosk::AuditRow> DeviceServices::audit(std::size_t limit) {
    std::vector<kiosk::AuditRow> out;
    for (auto& e : m_state.audit_log(limit).value_or(std::vector<AuditEntry>{}))
        out.push_back(kiosk::AuditRow{e.at, e.action, e.channel, e.result, e.detail, e.version});
    return out;
}

std::vector<kiosk::KeyRow> DeviceServices::trusted_keys() {
    std::vector<kiosk::KeyRow> out;
    for (auto& k : m_state.trusted_keys().value_or(std::vector<TrustedKey>{}))
        out.push_back(kiosk::KeyRow{k.key.key_id_hex(), k.channels, k.added, k.label});
    return out;
}

Status DeviceServices::untrust(const std::string& key_id) {
    auto lock = lock_now();
    if (!lock) return std::unexpected(lock.error());
    auto r = m_state.untrust(key_id);
    refresh_usb_trust();
    return r;
}

Status DeviceServices::trust_from_usb(const std::string& pub_path, const std::vector<std::string>& channels) {
    auto pk = minisign::load_public_key(pub_path);  // a plain file only: never a FIFO or a link
    if (!pk) return std::unexpected(pk.error());
    auto lock = lock_now();
    if (!lock) return std::unexpected(lock.error());
    auto r = m_state.trust(*pk, channels, "added from USB: " + fs::path(pub_path).filename().string());
    refresh_usb_trust();
    return r;
}

std::vector<std::string> DeviceServices::usb_public_keys() { return m_usb ? m_usb->public_keys() : std::vector<std::string>{}; }

Result<fs::path> DeviceServices::usb_export_target() {
    // The first mounted stick: a folder directly under a mount root (or its user folder).
    for (const auto& root : m_roots) {
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(root, ec)) {
            if (!e.is_directory(ec)) continue;
            fs::path target = e.path();
            if (root.filename() == "media" || root.string().find("/run/media") != std::string::npos) {
                for (const auto& inner : fs::directory_iterator(e.path(), ec))
                    if (inner.is_directory(ec)) target = inner.path();
            }
            return target;
        }
    }
    return fail(Reason::not_found, "No USB stick was found. Insert one and try again.");
}

void DeviceServices::start_export_to_usb() {
    {
        std::lock_guard lk(m_mu);
        if (m_export.running) return;
        m_export = kiosk::ExportStatus{};
        m_export.running = true;
    }
    if (m_export_worker.joinable()) m_export_worker.join();
    auto target = usb_export_target();
    KeepRegister keep = setting("keep_register_after_export", "no") == "yes" ? KeepRegister::yes : KeepRegister::no;
    m_export_worker = std::thread([this, target, keep, data = m_state.data_dir()] {
        lower_this_thread_priority();
        // Writing and fsyncing files on a slow stick, off the UI thread.
        Result<std::string> out = fail(Reason::internal, "The export did not run.");
        if (!target) out = std::unexpected(target.error());
        else if (auto lock = DataLock::exclusive(data, worker_lock_wait, [this] { return m_cancel.load(); }); !lock) out = std::unexpected(lock.error());
        else if (auto store = StateStore::open(data); !store) out = std::unexpected(store.error());
        else if (auto stick = WritableStick::open(*target); !stick) {
            (void)store->audit("usb-write", "", 0, std::string(reason_code(stick.error().reason)), stick.error().message);
            out = std::unexpected(stick.error());
        } else {
            // On the appliance the stick is read-only until the root helper
            // makes it writable for this export alone; audited either way.
            if (stick->through_helper()) (void)store->audit("usb-write", "", 0, "ok", target->string() + " made writable for an export");
            ExportOptions eo{keep, 0, [this](std::size_t done, std::size_t total) {
                                 {
                                     std::lock_guard lk(m_mu);
                                     m_export.files_done = done;
                                     m_export.files_total = total;
                                 }
                                 if (m_wake) m_wake();
                             }};
            auto r = export_records(*store, *target, eo);
            if (!r) out = std::unexpected(r.error());
            else out = "Exported " + std::to_string(r->records) + " session record(s), the audit log and the kiosk's status to " + target->string() +
                       ", each signed with this kiosk's key.";
            if (auto back = stick->finish(); !back && out) out = std::unexpected(back.error());
        }
        {
            std::lock_guard lk(m_mu);
            m_export.running = false;
            m_export.outcome = std::move(out);
        }
        if (m_wake) m_wake();
    });
}

kiosk::ExportStatus DeviceServices::export_status() {
    std::lock_guard lk(m_mu);
    return m_export;
}

void DeviceServices::record_display_guard(const std::string& cell) {
    (void)m_state.audit("display-guard", "", 0, "E_DISCLOSURE", "a count between 1 and 5 reached the screen and was shown as [c]: " + cell);
}

Status DeviceServices::record_completion(const std::string& module_id) {
    return content::record_completion(m_state, module_id, static_cast<std::int64_t>(std::time(nullptr)));
}

Status DeviceServices::save_session_record(const std::string& json) {
    auto j = nlohmann::json::parse(json, nullptr, false);
    if (!j.is_object()) return fail(Reason::format, "The session record could not be read.");
    std::vector<Attendee> names;
    if (j.contains("register")) {
        // Kept only when the admin has turned the register on.
        if (setting("attendance_register", "off") == "on" && j["register"].is_array())
            for (auto& a : j["register"])
                if (a.is_object()) names.push_back(Attendee{a.value("name", ""), a.value("organisation", "")});
        j.erase("register");
    }
    auto r = content::save_session_record(m_state, j.dump(), names);
    if (!r) return std::unexpected(r.error());
    return {};
}

} // namespace platform
