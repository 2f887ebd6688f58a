// The admin Device tab's model and the screen schedule setting (issue 21);
// members of DeviceServices, declared in device_services.hpp.
#include "device_services.hpp"

#include "content/dpkg_status.hpp"
#include "content/schedule_setting.hpp"
#include "content/software_update.hpp"

#include <sys/statvfs.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>

#include <algorithm>
#include <iostream>

namespace fs = std::filesystem;

namespace platform {
namespace {

// dpkg's name for this machine's architecture.
std::string host_architecture() {
    utsname u{};
    if (uname(&u) != 0) return "unknown";
    std::string m = u.machine;
    if (m == "x86_64") return "amd64";
    if (m == "aarch64") return "arm64";
    if (m.rfind("armv7", 0) == 0) return "armhf";
    return m;
}

std::string offer_note(const content::DebControl& c, const std::string& arch, bool signed_, const std::string& installed) {
    if (c.version.empty() || !content::valid_debian_version(c.version)) return "Its name is not a kiosk package name; it will be ignored or refused.";
    if (!signed_) return "Without a signature it will be refused (E_NO_SIGNATURE).";
    if (c.architecture != arch) return "It is for another architecture and will be refused (E_WRONG_ARCH).";
    int cmp = content::compare_debian_versions(c.version, installed);
    if (cmp <= 0) return cmp == 0 ? "It is the installed version (E_SAME_VERSION)." : "It is older than the installed version and will be refused (E_DOWNGRADE).";
    return "Newer than installed: the update helper installs it if the council's software key signed it.";
}

// member-kiosk_*.deb at the top of each stick under the watched roots.
std::vector<kiosk::SoftwareOffer> software_on_sticks(const std::vector<fs::path>& roots, const std::string& installed) {
    std::vector<kiosk::SoftwareOffer> out;
    const std::string arch = host_architecture();
    std::error_code ec;
    auto look = [&](const fs::path& dir) {
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
            auto name = it->path().filename().string();
            if (name.rfind("member-kiosk_", 0) != 0 || !it->is_regular_file(ec) || name.size() < 5 || name.substr(name.size() - 4) != ".deb") continue;
            auto c = content::deb_name_claims(name);
            bool sig = fs::is_regular_file(it->path().string() + ".minisig", ec);
            out.push_back(kiosk::SoftwareOffer{name, c.version, c.architecture, sig, offer_note(c, arch, sig, installed)});
        }
    };
    for (const auto& r : roots) {
        look(r);
        for (fs::directory_iterator it(r, ec), end; !ec && it != end; it.increment(ec))
            if (it->is_directory(ec)) look(it->path());
    }
    return out;
}

} // namespace

// Asked once per process: only dpkg changes it, and the update helper
// restarts the session after every install.
const std::optional<content::DpkgPackage>& DeviceServices::installed_package() {
    if (m_package_read) return m_package;
    auto p = content::query_dpkg_package(content::software_package);
    if (!p) std::cerr << "device info: " << p.error().line() << "\n";
    m_package = p.value_or(std::nullopt);
    m_package_read = true;
    return m_package;
}

kiosk::DeviceInfo DeviceServices::device_info() {
    kiosk::DeviceInfo d;
    d.build_version = KIOSK_VERSION;
    if (const auto& p = installed_package()) {
        d.package_version = p->version;
        d.package_state = p->state();
    }
    d.data_dir = m_state.data_dir().string();
    struct statvfs v{};
    if (statvfs(d.data_dir.c_str(), &v) == 0) {
        d.data_free_bytes = static_cast<std::int64_t>(v.f_bavail) * static_cast<std::int64_t>(v.f_frsize);
        d.data_total_bytes = static_cast<std::int64_t>(v.f_blocks) * static_cast<std::int64_t>(v.f_frsize);
    }
    struct sysinfo si{};
    if (sysinfo(&si) == 0) d.uptime_seconds = si.uptime;
    for (const auto& e : m_state.audit_log(500).value_or(std::vector<content::AuditEntry>{})) {
        if (d.last_import.empty() && e.action == "import" && e.result == "ok")
            d.last_import = e.at + ": " + e.channel + " version " + std::to_string(e.version) + ", " + e.result;
        if (e.action == "software" && d.software_log.size() < 5) d.software_log.push_back(kiosk::SoftwareAttempt{e.at, e.result, e.detail});
    }
    d.schedule = content::format_screen_schedule(screen_schedule());
    // Offers are weighed against what dpkg has installed, as the helper does.
    d.pending = software_on_sticks(m_roots, d.package_version.empty() ? d.build_version : d.package_version);
    return d;
}

content::Status DeviceServices::set_screen_schedule(const std::string& text) {
    auto saved = content::save_screen_schedule(m_state, text);
    if (!saved) return std::unexpected(saved.error());
    m_schedule = *saved;
    ++m_schedule_gen;
    return {};
}

const content::ScreenSchedule& DeviceServices::screen_schedule() {
    if (!m_schedule) {
        auto s = content::load_screen_schedule(m_state);
        if (!s) std::cerr << "screen schedule: " << s.error().line() << " (the screen stays on)\n";
        m_schedule = s.value_or(content::ScreenSchedule{});
    }
    return *m_schedule;
}

} // namespace platform
