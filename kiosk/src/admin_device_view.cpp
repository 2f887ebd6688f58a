// The admin screen's Device tab; see admin_device.hpp.
#include "kiosk/admin_device.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/widgets.hpp"

#include <imgui_stdlib.h>

#include <cstdio>

namespace kiosk {

std::string uptime_text(std::int64_t s) {
    if (s < 0) return "unknown";
    std::int64_t d = s / 86400, h = s % 86400 / 3600, m = s % 3600 / 60;
    if (d > 0) return std::to_string(d) + " d " + std::to_string(h) + " h";
    if (h > 0) return std::to_string(h) + " h " + std::to_string(m) + " min";
    return std::to_string(m) + " min";
}

std::string software_version_text(const DeviceInfo& d) {
    if (d.package_version.empty()) return d.build_version.empty() ? "unknown" : d.build_version + " (not installed from a package)";
    std::string s = d.package_version;
    if (d.package_state != "installed") s += " (the package is " + (d.package_state.empty() ? std::string("in an unknown state") : d.package_state) + ")";
    else if (!d.build_version.empty() && d.build_version != d.package_version)
        s += " (the running program was built as " + d.build_version + ")";
    return s;
}

std::string space_text(std::int64_t free_bytes, std::int64_t total_bytes) {
    if (free_bytes < 0 || total_bytes <= 0) return "unknown";
    auto gb = [](std::int64_t b) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.1f GB", static_cast<double>(b) / 1e9);
        return std::string(buf);
    };
    return gb(free_bytes) + " free of " + gb(total_bytes);
}

void AdminDeviceSection::reset() {
    m_hours.clear();
    m_message.clear();
    m_info.reset();
}

namespace {

void row(const char* label, const std::string& value) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextUnformatted(label);
    ImGui::TableSetColumnIndex(1);
    ImGui::TextWrapped("%s", value.c_str());
}

} // namespace

void AdminDeviceSection::draw(UiContext& ctx) {
    if (!m_info || ctx.now - m_read_at >= 5 || ctx.now < m_read_at) {
        m_info = ctx.services->device_info();
        m_read_at = ctx.now;
        if (m_hours.empty()) m_hours = m_info->schedule;
    }
    const DeviceInfo& d = *m_info;
    if (ImGui::BeginTable("##device", 2, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn("what", 0, 1.0f);
        ImGui::TableSetupColumn("value", 0, 3.0f);
        row("Kiosk software", software_version_text(d));
        row("Graphics", ctx.graphics.empty() ? "not known (no window)" : ctx.graphics);
        row("Data partition", space_text(d.data_free_bytes, d.data_total_bytes) + (d.data_dir.empty() ? "" : " (" + d.data_dir + ")"));
        row("Up for", uptime_text(d.uptime_seconds));
        row("Last import", d.last_import.empty() ? "none yet" : d.last_import);
        ImGui::EndTable();
    }
    ImGui::Separator();
    draw_schedule(ctx);
    ImGui::Separator();
    ImGui::TextUnformatted("Kiosk software on USB sticks");
    if (d.pending.empty()) muted_text("None. A stick with member-kiosk_VERSION_ARCH.deb and its .minisig is installed when it is inserted.", ctx);
    for (const auto& p : d.pending)
        ImGui::BulletText("%s: version %s for %s, %s. %s", p.file.c_str(), p.version.c_str(), p.architecture.c_str(),
                          p.signature_beside ? "signature beside it" : "no signature beside it", p.note.c_str());
    if (!d.software_log.empty()) {
        ImGui::TextUnformatted("Recent software update attempts (all are in the audit log):");
        for (const auto& a : d.software_log) {
            bool ok = a.result == "ok";
            ImGui::PushStyleColor(ImGuiCol_Text, ok ? palette(ctx.theme).text : palette(ctx.theme).bad);
            ImGui::BulletText("%s  %s  %s", a.at.c_str(), a.result.c_str(), a.detail.c_str());
            ImGui::PopStyleColor();
        }
    }
}

void AdminDeviceSection::draw_schedule(UiContext& ctx) {
    ImGui::TextUnformatted("Opening hours (the screen is off outside them; a touch wakes it for 5 minutes)");
    ImGui::SetNextItemWidth(420 * ctx.scale);
    ImGui::InputTextWithHint("##hours", "always, or for example mon-fri 08:00-18:00; sat 09:00-12:30", &m_hours);
    ImGui::SameLine();
    if (button("Save hours", ctx)) {
        auto r = ctx.services->set_screen_schedule(m_hours);
        m_message_bad = !r;
        m_message = r ? "Saved." : screen_text(r.error());
        m_info.reset();
        if (r) m_hours.clear();  // shows the saved, tidied form on the next read
    }
    if (!m_message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, m_message_bad ? palette(ctx.theme).bad : palette(ctx.theme).text);
        ImGui::TextWrapped("%s", m_message.c_str());
        ImGui::PopStyleColor();
    }
    if (m_info && !m_info->schedule.empty()) muted_text("Now: " + m_info->schedule, ctx);
}

} // namespace kiosk
