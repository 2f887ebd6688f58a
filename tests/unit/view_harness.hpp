// A headless ImGui harness for view tests: a context with no GL (DisplaySize,
// a built font atlas, NewFrame/Render), the demo catalog, and fake device
// services. Clicks go through io.MousePos / io.MouseDown at the centre of an
// item's recorded rectangle.
#pragma once
#include "content/catalog.hpp"
#include "kiosk/marker_key.hpp"
#include "kiosk/shell.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/training_shared.hpp"
#include "kiosk/widgets.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <stdexcept>
#include <utility>

#include <map>
#include <string>

namespace test {

class FakeServices final : public kiosk::Services {
public:
    std::map<std::string, std::string> settings;
    std::string pin = "2468";
    int wrong = 0;
    std::vector<std::string> guards, records;
    std::string setting(const std::string& k, const std::string& f) override { return settings.count(k) ? settings[k] : f; }
    void set_setting(const std::string& k, const std::string& v) override { settings[k] = v; }
    void start_pin_check(const std::string& p) override {
        if (p == pin) pin_result = content::Status{};
        else {
            ++wrong;
            pin_result = content::fail(content::Reason::pin, "That PIN is not right.");
        }
    }
    void start_pin_change(const std::string& old_pin, const std::string& new_pin) override {
        ++pin_changes;
        if (old_pin.empty() && pin_set) {
            pin_result = content::fail(content::Reason::pin, "A PIN is already set.");
        } else if (!old_pin.empty() && old_pin != pin) {
            ++wrong;
            pin_result = content::fail(content::Reason::pin, "That PIN is not right.");
        } else {
            pin = new_pin;
            pin_set = true;
            pin_result = content::Status{};
        }
    }
    int pin_changes = 0;
    bool pin_set = true;
    std::optional<content::Status> take_pin_result() override { return std::exchange(pin_result, std::nullopt); }
    bool pin_check_running() override { return false; }
    std::optional<content::Status> pin_result;
    bool pin_is_set() override { return pin_set; }
    std::vector<kiosk::UsbOffer> usb_offers() override { return offers; }
    void start_import(const std::string& path) override { imported.push_back(path); }
    void cancel_import() override {}
    kiosk::ImportStatus import_status() override { return {}; }
    content::Status rollback(const std::string&) override { return {}; }
    std::vector<kiosk::AuditRow> audit(std::size_t limit) override {
        ++audit_reads;
        return std::vector<kiosk::AuditRow>(std::min(limit, audit_rows.size()), kiosk::AuditRow{"2026-01-01T00:00:00Z", "import", "c", "ok", "detail", 1});
    }
    int audit_reads = 0;
    std::vector<int> audit_rows;  // its size is the log's length
    std::vector<kiosk::KeyRow> trusted_keys() override { return {}; }
    content::Status untrust(const std::string&) override { return {}; }
    content::Status trust_from_usb(const std::string&, const std::vector<std::string>&) override { return {}; }
    std::vector<std::string> usb_public_keys() override { return {}; }
    void start_export_to_usb() override { ++exports; }
    kiosk::ExportStatus export_status() override { return {}; }
    int exports = 0;
    void record_display_guard(const std::string& cell) override { guards.push_back(cell); }
    content::Status save_session_record(const std::string& json) override {
        if (fail_records) return content::fail(content::Reason::no_space, "The device's storage is full.");
        records.push_back(json);
        return {};
    }
    bool fail_records = false;  // as on a full disk
    content::Status record_completion(const std::string& module_id) override {
        completions.push_back(module_id);
        return {};
    }
    std::vector<std::string> completions;
    void request_quit() override {}
    std::vector<kiosk::UsbOffer> offers;
    std::vector<std::string> imported;
};

struct Harness {
    ImGuiContext* imgui = nullptr;
    content::Catalog catalog;
    FakeServices services;
    kiosk::Shell shell;
    kiosk::UiContext ctx;

    // A harness over a catalog made elsewhere (for example from altered bundles).
    Harness(ImVec2 size, content::Catalog cat) : Harness(size, false) {
        catalog = std::move(cat);
        ctx.catalog = &catalog;
    }

    explicit Harness(ImVec2 size, bool with_content = true) {
        imgui = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = size;
        io.DeltaTime = 1.0f / 60.0f;
        ImFont* f = io.Fonts->AddFontDefault();
        unsigned char* px = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);
        io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(1));
        ctx.fonts = kiosk::Fonts{f, f, f, f, f, f};
        if (with_content) {
            auto c = content::Catalog::from_files({{"demo-board", KIOSK_DEMO_DIR "/demo-board.kbundle"},
                                                   {"demo-council", KIOSK_DEMO_DIR "/demo-council.kbundle"}});
            if (!c) throw std::runtime_error(c.error().line());
            catalog = std::move(*c);
        }
        ctx.catalog = &catalog;
        ctx.services = &services;
        ctx.now = 1795338000;  // 2026-11-22
        kiosk::apply_theme(kiosk::Theme::standard, 1.0f);
    }
    ~Harness() { ImGui::DestroyContext(imgui); }
    Harness(const Harness&) = delete;
    Harness& operator=(const Harness&) = delete;

    // One frame; returns the number of vertices drawn.
    // With capture on, frame() keeps every string drawn (ImGui's log of widget
    // text, and text drawn through kiosk::draw_text) in screen_text.
    bool capture = false;
    std::string screen_text;

    int frame() {
        if (capture) {
            kiosk::clear_captured_text();
            kiosk::capture_text(true);
        }
        ImGui::NewFrame();
        shell.frame(ctx);
        if (capture) {
            screen_text = kiosk::captured_text();
            kiosk::capture_text(false);
        }
        // Debian's ImGui uses 16-bit indices and, on GL below 3.2 (a Raspberry
        // Pi), no vertex offsets: a window whose draw list passes 65,536
        // vertices aborts. Fail the test well before that, naming the window.
        ImGui::EndFrame();
        for (ImGuiWindow* w : GImGui->Windows)
            if (w->DrawList->VtxBuffer.Size > 60000)
                throw std::runtime_error(std::string("window ") + w->Name + " drew " + std::to_string(w->DrawList->VtxBuffer.Size) +
                                         " vertices, near the 65,536 a draw list can hold");
        ImGui::Render();
        return ImGui::GetDrawData()->TotalVtxCount;
    }

    void frames(int n) {
        for (int i = 0; i < n; ++i) frame();
    }

    bool has_item(const std::string& label) const { return kiosk::noted_items().count(label) != 0; }

    // Presses and releases the mouse at the centre of the item called `label`.
    bool click(const std::string& label) {
        frame();
        auto it = kiosk::noted_items().find(label);
        if (it == kiosk::noted_items().end()) return false;
        ImGuiIO& io = ImGui::GetIO();
        // As a person would: scroll until the whole item is on the screen.
        for (int i = 0; i < 60; ++i) {
            const kiosk::ItemRect& r = it->second;
            bool shown = r.visible_max.y - r.visible_min.y >= r.max.y - r.min.y - 0.5f && r.visible_max.x > r.visible_min.x;
            if (shown) break;
            io.MousePos = ImVec2(io.DisplaySize.x / 2, io.DisplaySize.y / 2);
            io.MouseWheel = r.min.y > io.DisplaySize.y / 2 ? -1.0f : 1.0f;
            frame();
            io.MouseWheel = 0;
            it = kiosk::noted_items().find(label);
            if (it == kiosk::noted_items().end()) return false;
        }
        io.MousePos = ImVec2((it->second.min.x + it->second.max.x) / 2, (it->second.min.y + it->second.max.y) / 2);
        frame();
        io.MouseDown[0] = true;
        frame();
        io.MouseDown[0] = false;
        frame();
        io.MousePos = ImVec2(-1, -1);
        frame();
        return true;
    }
};

// The GLFW key codes the platform maps into io.KeyMap, and keyboard
// navigation on, as in the windowed kiosk (presenter and pack keys).
inline void map_keys_like_the_platform() {
    ImGuiIO& io = ImGui::GetIO();
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    const std::pair<ImGuiKey_, int> keys[] = {{ImGuiKey_Tab, 258},      {ImGuiKey_LeftArrow, 263}, {ImGuiKey_RightArrow, 262}, {ImGuiKey_UpArrow, 265},
                                              {ImGuiKey_DownArrow, 264}, {ImGuiKey_PageUp, 266},   {ImGuiKey_PageDown, 267},   {ImGuiKey_Home, 268},
                                              {ImGuiKey_End, 269},       {ImGuiKey_Space, 32},     {ImGuiKey_Enter, 257},      {ImGuiKey_Escape, 256},
                                              {ImGuiKey_KeyPadEnter, 335}};
    for (auto [k, code] : keys) io.KeyMap[k] = code;
}

// One key press and release (key -1: none), with its character where it
// types one, as the GLFW backend delivers them: a frame each.
inline void press(Harness& h, int key, ImWchar ch = 0) {
    ImGuiIO& io = ImGui::GetIO();
    if (key >= 0) io.KeysDown[key] = true;
    if (ch) io.AddInputCharacter(ch);
    h.frame();
    if (key >= 0) io.KeysDown[key] = false;
    h.frame();
}

// The text the audience screen (the projector) draws this frame.
inline std::string audience_text(Harness& h) {
    kiosk::clear_captured_text();
    kiosk::capture_text(true);
    ImGui::NewFrame();
    kiosk::draw_audience_screen(h.ctx);
    ImGui::Render();
    kiosk::capture_text(false);
    return kiosk::captured_text();
}

} // namespace test
