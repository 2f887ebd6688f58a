// Administration, behind the admin PIN: channels and rollback, trusted keys,
// the audit log, settings, export to USB, and quitting in kiosk mode.
// Importing signed content needs no PIN (the signature is the authority);
// trusting keys, rollback and settings do. Nothing here blocks the UI thread:
// the PIN check and the export run on workers (start, then poll each frame),
// and the audit log and key list are read once and cached until something
// changes them (or Refresh), never every frame; the log is drawn with a
// clipper, so only visible rows cost anything at 10,000 entries.
#include "kiosk/admin_device.hpp"
#include "kiosk/admin_settings.hpp"
#include "kiosk/onscreen_keyboard.hpp"
#include "kiosk/pin_pad.hpp"
#include "kiosk/shell.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/views.hpp"
#include "kiosk/widgets.hpp"

#include "content/dates.hpp"

#include <imgui_stdlib.h>

#include <algorithm>
#include <optional>
#include <utility>

namespace kiosk {
namespace {

class AdminView final : public View {
public:
    std::string title() const override { return "Administration"; }
    // "" or "audit" (opens on the audit log tab).
    bool open(const std::string& arg, UiContext&) override {
        if (!arg.empty() && arg != "audit") return false;
        if (arg == "audit") m_section = Section::audit;
        return true;
    }
    void reset() override {
        m_flow.start(PinPurpose::unlock);
        m_changing = false;
        m_unlocked = false;
        m_message.clear();
        m_audit.reset();
        m_keys.reset();
        m_device.reset();
        m_settings.reset();
    }
    bool animating() const override { return m_waiting || m_redraw; }

    void draw(UiContext& ctx, NavRequest& nav) override {
        text_in(ctx.fonts.title, "Administration");
        if (!ctx.services) return;
        poll_workers(ctx);
        // Unlocked by this frame's PIN result: one more frame draws the
        // unlocked screen (none might come until the next touch otherwise).
        m_redraw = false;
        if (!m_unlocked || m_changing) {
            m_redraw = draw_pin(ctx);
            return;
        }
        if (button("Lock", ctx)) reset();
        ImGui::SameLine();
        if (button("Change PIN", ctx)) {
            m_flow.start(PinPurpose::change);
            m_changing = true;
            m_message.clear();
        }
        if (ctx.kiosk_mode) {
            ImGui::SameLine();
            if (button("Quit the kiosk", ctx)) ctx.services->request_quit();
        }
        if (!m_message.empty()) ImGui::TextWrapped("%s", m_message.c_str());
        draw_section_buttons(ctx);
        switch (m_section) {
        case Section::content: draw_content(ctx); break;
        case Section::keys: draw_keys(ctx); break;
        case Section::settings: m_settings.draw(ctx); break;
        case Section::device: m_device.draw(ctx); break;  // issue 21: kiosk/src/admin_device_view.cpp
        case Section::audit: draw_audit(ctx); break;
        }
        (void)nav;
    }

private:
    enum class Section { content, keys, settings, device, audit };

    // The admin's sections as a row of touch-sized buttons that wraps (ImGui's
    // tab bar shrank them to "Con..." / "Sett..." at large text on 800x480).
    // The open one is filled and underlined, so colour is not its only sign.
    void draw_section_buttons(const UiContext& ctx) {
        static constexpr std::pair<Section, const char*> sections[] = {
            {Section::content, "Content"}, {Section::keys, "Publisher keys"}, {Section::settings, "Settings"},
            {Section::device, "Device"}, {Section::audit, "Audit log"}};
        bool first = true;
        for (const auto& [section, label] : sections) {
            if (!first) flow(button_width(label, ctx));
            first = false;
            bool open = m_section == section;
            if (button(label, ctx, open ? ButtonStyle::primary : ButtonStyle::normal)) m_section = section;
            if (open) {
                ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
                float bar = std::max(3.0f, 4 * ctx.scale);
                ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(a.x, b.y + bar * 0.5f), ImVec2(b.x, b.y + bar * 1.5f),
                                                          ImGui::GetColorU32(ImGuiCol_Text));
            }
        }
        ImGui::Dummy(ImVec2(0, 6 * ctx.scale));
        ImGui::Separator();
    }

    // The keypad: unlock, choose the first PIN (none set yet), or change it.
    // Returns true on the frame it unlocks (or saves a new PIN).
    bool draw_pin(UiContext& ctx) {
        bool none_set = !ctx.services->pin_is_set();
        if (!m_changing) {
            PinPurpose want = none_set ? PinPurpose::choose : PinPurpose::unlock;
            if (m_flow.purpose() != want && m_flow.step() != PinStep::working) m_flow.start(want);
        }
        if (m_flow.purpose() == PinPurpose::choose)
            muted_text("No admin PIN is set on this kiosk yet. Choose one now; you will need it to open this screen again.", ctx);
        if (m_changing && button("Cancel", ctx)) {
            m_changing = false;
            return false;
        }
        if (!draw_pin_pad(ctx, m_flow)) return false;
        if (m_flow.purpose() != PinPurpose::unlock) m_message = "The admin PIN is saved.";
        m_unlocked = true;
        m_changing = false;
        m_audit.reset();
        m_flow.start(PinPurpose::unlock);
        return true;
    }

    // Picks up finished PIN checks and exports; keeps frames coming while one runs.
    void poll_workers(UiContext& ctx) {
        auto ex = ctx.services->export_status();
        if (ex.outcome && m_export_running) {
            m_message = *ex.outcome ? **ex.outcome : "Export failed: " + screen_text(ex.outcome->error());
            m_audit.reset();
        }
        m_export_running = ex.running;
        m_export_done = ex.files_done;
        m_export_total = ex.files_total;
        m_waiting = ex.running || ctx.services->pin_check_running();
    }

    void draw_content(UiContext& ctx) {
        if (!ctx.catalog || ctx.catalog->channels().empty()) ImGui::TextUnformatted("Nothing is installed.");
        if (ctx.catalog)
            for (const auto& c : ctx.catalog->channels()) {
                ImGui::PushID(c.channel.c_str());
                ImGui::Separator();
                text_wrapped(c.title + " (" + c.channel + "): version " + std::to_string(c.version) + ", published " +
                             human_date(content::format_utc(c.created)) + ", expires " + human_date(content::format_utc(c.expires)));
                if (c.previous_version) {
                    std::string label = "Roll back to version " + std::to_string(*c.previous_version);
                    if (button(label.c_str(), ctx)) {
                        auto r = ctx.services->rollback(c.channel);
                        m_message = r ? "Rolled back " + c.channel + "." : screen_text(r.error());
                        m_audit.reset();
                    }
                } else {
                    muted_text("No previous version is kept.", ctx);
                }
                ImGui::PopID();
            }
        ImGui::Separator();
        if (m_export_running) {
            std::string label = "Exporting to USB: file " + std::to_string(m_export_done + 1) + " of " + std::to_string(std::max<std::size_t>(m_export_total, 1));
            ImGui::ProgressBar(m_export_total ? static_cast<float>(m_export_done) / static_cast<float>(m_export_total) : 0.0f, ImVec2(-1, 0), label.c_str());
        } else if (button("Export session records and the audit log to USB", ctx)) {
            ctx.services->start_export_to_usb();
            m_export_running = true;
            m_message.clear();
        }
        if (!ctx.graphics.empty()) {  // for a technician: which GL context and renderer this device got
            ImGui::Separator();
            ImGui::TextWrapped("Graphics: %s", ctx.graphics.c_str());
        }
    }

    void draw_keys(UiContext& ctx) {
        if (!m_keys) m_keys = ctx.services->trusted_keys();
        const auto keys = *m_keys;  // a copy: Remove below resets the cache
        for (const auto& k : keys) {
            ImGui::PushID(k.key_id.c_str());
            std::string chans;
            for (auto& c : k.channels) chans += (chans.empty() ? "" : ", ") + c;
            ImGui::AlignTextToFramePadding();
            ImGui::TextWrapped("Key %s  %s  may publish: %s", k.key_id.c_str(), k.label.c_str(), chans.c_str());
            ImGui::SameLine();
            if (button("Remove", ctx)) {
                auto r = ctx.services->untrust(k.key_id);
                m_message = r ? "Removed key " + k.key_id + "." : screen_text(r.error());
                m_keys.reset();
                m_audit.reset();
            }
            ImGui::PopID();
        }
        ImGui::Separator();
        ImGui::TextUnformatted("Add a publisher key from a USB stick (a minisign .pub file):");
        ImGui::SetNextItemWidth(320 * ctx.scale);
        {
            TouchFrames touch(ctx);
            ImGui::InputTextWithHint("##channels", "channels, comma separated", &m_channels);
        }
        for (const auto& path : ctx.services->usb_public_keys()) {
            ImGui::PushID(path.c_str());
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(path.c_str());
            ImGui::SameLine();
            if (button("Trust", ctx)) {
                std::vector<std::string> chans;
                std::string cur;
                for (char c : m_channels + ",") {
                    if (c == ',' || c == ' ') {
                        if (!cur.empty()) chans.push_back(cur);
                        cur.clear();
                    } else cur += c;
                }
                auto r = ctx.services->trust_from_usb(path, chans);
                m_message = r ? "Trusted the key for " + m_channels + "." : screen_text(r.error());
                m_keys.reset();
                m_audit.reset();
            }
            ImGui::PopID();
        }
    }

    void draw_audit(UiContext& ctx) {
        if (!m_audit) m_audit = ctx.services->audit(audit_rows_shown);
        if (button("Refresh", ctx)) m_audit = ctx.services->audit(audit_rows_shown);
        const auto& log = *m_audit;
        if (ImGui::BeginTable("##audit", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp,
                              ImVec2(0, ImGui::GetContentRegionAvail().y))) {
            ImGui::TableSetupScrollFreeze(0, 1);
            ImGui::TableSetupColumn("When", 0, 1.3f);
            ImGui::TableSetupColumn("Action", 0, 0.8f);
            ImGui::TableSetupColumn("Channel", 0, 1.0f);
            ImGui::TableSetupColumn("Result", 0, 1.2f);
            ImGui::TableSetupColumn("Detail", 0, 4.0f);
            ImGui::TableHeadersRow();
            // One line per row (details are clipped at the column edge), so
            // every row has the same height and the clipper can skip all but
            // the visible ones.
            ImGuiListClipper clip;
            clip.Begin(static_cast<int>(log.size()));
            while (clip.Step())
                for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
                    const auto& a = log[static_cast<std::size_t>(i)];
                    ImGui::TableNextRow();
                    const std::string* cells[] = {&a.at, &a.action, &a.channel, &a.result, &a.detail};
                    for (int c = 0; c < 5; ++c) {
                        ImGui::TableSetColumnIndex(c);
                        ImGui::TextUnformatted(cells[c]->c_str());
                    }
                }
            ImGui::EndTable();
        }
    }

    static constexpr std::size_t audit_rows_shown = 10000;
    std::optional<std::vector<AuditRow>> m_audit;  // read once; reset when something changes it
    std::optional<std::vector<KeyRow>> m_keys;
    Section m_section = Section::content;
    bool m_export_running = false, m_waiting = false;
    std::size_t m_export_done = 0, m_export_total = 0;
    std::string m_message, m_channels;
    PinFlow m_flow;
    bool m_unlocked = false, m_changing = false, m_redraw = false;
    AdminDeviceSection m_device;
    AdminSettingsSection m_settings;
};

} // namespace

std::unique_ptr<View> make_admin_view() { return std::make_unique<AdminView>(); }

} // namespace kiosk
