// The GUI's session state; see session.hpp.
#include "session.hpp"

#include "content/dates.hpp"
#include "kiosk/training_shared.hpp"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <iostream>

namespace fs = std::filesystem;

namespace platform {

std::vector<fs::path> usb_roots(const Options& o) {
    std::vector<fs::path> r;
    if (!o.demo) {
        r.emplace_back("/media");
        r.emplace_back("/run/media");
    }
    for (auto& w : o.watch_roots) r.emplace_back(w);
    return r;
}


std::optional<std::vector<content::InstalledChannel>> Session::installed_channels() {
    auto chans = state.channels();
    if (!chans) {
        std::cerr << chans.error().line() << "\n";
        return std::nullopt;
    }
    return content::installed_channels(*chans, state.bundles_dir());
}

void Session::load_catalog() {
    if (auto chans = installed_channels()) catalog = content::Catalog::load_channels(*chans);
    ctx.catalog = &catalog;
    set_clock_from_catalog();
}

void Session::set_clock_from_catalog() {
    clock_offset = 0;
    if (auto demo = content::parse_local_minute(catalog.demo_clock()); follow_demo_clock && demo)
        clock_offset = content::unix_of_local_minute(*demo) - static_cast<std::int64_t>(std::time(nullptr));
}

void Session::start_services(const Options& o, std::function<void()> wake) {
    usb = std::make_unique<UsbWatcher>(usb_roots(o), wake, state.data_dir() / "preview");
    services = std::make_unique<DeviceServices>(state, usb.get(), usb_roots(o), wake);
    ctx.services = services.get();
}

void Session::start_settings_only() {
    services = std::make_unique<DeviceServices>(state, nullptr, std::vector<fs::path>{}, nullptr);
    ctx.services = services.get();
}

void Session::apply_settings(int text_percent) {
    shell.text_percent = text_percent > 0 ? kiosk::clamp_text_percent(text_percent)
                                          : kiosk::text_percent_from_setting(services->setting("text_size", ""), services->setting("font_step", ""));
    shell.theme = services->setting("theme", "standard") == "high_contrast" ? kiosk::Theme::high_contrast : kiosk::Theme::standard;
}

std::int64_t Session::idle_seconds(const Options& o) {
    if (o.idle_minutes > 0) return static_cast<std::int64_t>(o.idle_minutes * 60);
    bool presenting = kiosk::split_route(shell.route()).first == "presenter" && kiosk::training_session().active();
    return kiosk::idle_reset_seconds(services->setting("idle_minutes", ""), services->setting("presenter_idle_minutes", ""),
                                     presenting ? kiosk::Presenting::yes : kiosk::Presenting::no);
}

} // namespace platform
