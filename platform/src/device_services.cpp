// The device services behind the views; see device_services.hpp.
#include "device_services.hpp"

#include "content/importer.hpp"
#include "content/records.hpp"
#include "content/status_export.hpp"

#include <ctime>

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using namespace content;

namespace platform {

DeviceServices::DeviceServices(StateStore& state, UsbWatcher* usb, std::vector<fs::path> roots, std::function<void()> wake)
    : m_state(state), m_pin(state), m_usb(usb), m_roots(std::move(roots)), m_wake(std::move(wake)) {
    refresh_usb_trust();
}

DeviceServices::~DeviceServices() {
    m_cancel = true;
    if (m_worker.joinable()) m_worker.join();
}

void DeviceServices::refresh_usb_trust() {
    if (!m_usb) return;
    std::map<std::string, std::int64_t> installed;
    if (auto ch = m_state.channels())
        for (auto& c : *ch) installed[c.channel] = c.current.version;
    m_usb->set_trust(m_state.trusted_keys().value_or(std::vector<TrustedKey>{}), installed);
}

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

Status DeviceServices::check_pin(const std::string& pin) { return m_pin.check(pin); }

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
    fs::path data = m_state.data_dir();
    m_worker = std::thread([this, path, data] {
        // The worker has its own connection to the state database (WAL).
        auto store = StateStore::open(data);
        std::string line;
        if (!store) line = "Could not open the kiosk's state: " + store.error().message;
        else {
            ImportOptions o;
            o.cancel = &m_cancel;
            o.on_progress = [this](const ImportProgress& p) {
                {
                    std::lock_guard lk(m_mu);
                    m_status.stage = stage_name(p.stage);
                    m_status.bytes_done = p.bytes_done;
                    m_status.bytes_total = p.bytes_total;
                }
                if (m_wake) m_wake();
            };
            auto r = import_bundle(*store, path, o);
            if (!r) line = "Not installed: " + r.error().message + " (" + std::string(reason_code(r.error().reason)) + ")";
            else if (r->outcome == ImportOutcome::already_installed) line = "\"" + r->manifest.title + "\" version " + std::to_string(r->manifest.version) + " is already installed.";
            else {
                line = "Installed \"" + r->manifest.title + "\" version " + std::to_string(r->manifest.version) + ".";
                m_changed = true;
            }
        }
        {
            std::lock_guard lk(m_mu);
            m_status.running = false;
            m_status.results.push_back(line);
        }
        if (m_wake) m_wake();
    });
}

void DeviceServices::cancel_import() { m_cancel = true; }

kiosk::ImportStatus DeviceServices::import_status() {
    std::lock_guard lk(m_mu);
    return m_status;
}

Status DeviceServices::rollback(const std::string& channel) {
    auto r = rollback_channel(m_state, channel);
    if (!r) return std::unexpected(r.error());
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
    auto r = m_state.untrust(key_id);
    refresh_usb_trust();
    return r;
}

Status DeviceServices::trust_from_usb(const std::string& pub_path, const std::vector<std::string>& channels) {
    auto pk = minisign::load_public_key(pub_path);
    if (!pk) return std::unexpected(pk.error());
    auto r = m_state.trust(*pk, channels, "added from USB: " + fs::path(pub_path).filename().string());
    refresh_usb_trust();
    return r;
}

std::vector<std::string> DeviceServices::usb_public_keys() { return m_usb ? m_usb->public_keys() : std::vector<std::string>{}; }

Result<std::string> DeviceServices::export_to_usb() {
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
            KeepRegister keep = setting("keep_register_after_export", "no") == "yes" ? KeepRegister::yes : KeepRegister::no;
            auto r = export_records(m_state, target, keep);
            if (!r) return std::unexpected(r.error());
            return "Exported " + std::to_string(r->records) + " session record(s) and the audit log to " + target.string() + ", each signed with this kiosk's key.";
        }
    }
    return fail(Reason::not_found, "No USB stick was found. Insert one and try again.");
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
