// Why this file exists: what one run of the GUI owns, apart from the window:
// the device state, the merged catalog, the USB watcher and device services,
// the shell with its views, and the settings as last applied. The event loop
// and screenshot mode both drive a Session. Main thread only, except where
// the start-up worker fills the catalog and first atlas before the loop
// joins it (see gui_host.cpp).
#pragma once
#include "device_services.hpp"
#include "options.hpp"
#include "usb_watcher.hpp"

#include "content/catalog.hpp"
#include "content/state_store.hpp"
#include "kiosk/shell.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace platform {

// The mount roots to watch for USB sticks: /media and /run/media (not in
// demo mode) and any --watch folders.
[[nodiscard]] std::vector<std::filesystem::path> usb_roots(const Options& o);


struct Session {
    content::StateStore state;
    content::Catalog catalog;
    std::unique_ptr<UsbWatcher> usb;
    std::unique_ptr<DeviceServices> services;
    kiosk::Shell shell;
    kiosk::UiContext ctx;
    float body_em = 16.0f;     // the screen's body size at 100% (kiosk::body_em_px)
    float applied_scale = -1;
    kiosk::Theme applied_theme = kiosk::Theme::standard;
    // The first font atlas, built by the start-up worker; the ImGui context
    // shares it, so it lives until after the context is destroyed.
    std::unique_ptr<ImFontAtlas> atlas;
    kiosk::Fonts first_fonts;
    int first_percent = kiosk::min_text_percent;
    // Demo mode without KIOSK_NOW: the clock runs from the demo content's
    // stated demo_clock (so the demo's "today" meeting is always today).
    bool follow_demo_clock = false;
    std::int64_t clock_offset = 0;  // added to the wall clock for ctx.now

    explicit Session(content::StateStore s) : state(std::move(s)) {}

    // (Re)loads the catalog from the installed channels; errors go to stderr
    // and leave an empty catalog. With follow_demo_clock, sets clock_offset
    // from the catalog's demo_clock (0 when it states none).
    void load_catalog();
    // Sets clock_offset from the catalog's demo_clock when follow_demo_clock
    // is on (else 0). The thread that owns the catalog at the time.
    void set_clock_from_catalog();
    // The installed channels as the catalog loads them, or nullopt (error on
    // stderr) when the state cannot be read. Main thread.
    [[nodiscard]] std::optional<std::vector<content::InstalledChannel>> installed_channels();
    // Starts USB watching and the device services; `wake` is called from
    // their workers to wake the loop.
    void start_services(const Options& o, std::function<void()> wake);
    // Services for reading settings only (screenshot mode): no USB, no wake.
    void start_settings_only();
    // Reads the stored text size and theme into the shell; a --text-size
    // (`text_percent` > 0) overrides the stored size.
    void apply_settings(int text_percent = 0);
    // The UiContext::scale for the shell's text percent on this screen.
    [[nodiscard]] float wanted_scale() const { return kiosk::ui_scale(body_em, shell.text_percent); }
    // Idle reset after --idle-minutes, else the stored settings: idle_minutes
    // (default 5), or while a trainer presents the longer of that and
    // presenter_idle_minutes (default 30); see kiosk::idle_reset_seconds.
    [[nodiscard]] std::int64_t idle_seconds(const Options& o);
};

} // namespace platform
