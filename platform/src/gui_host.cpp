// The GUI host: opens the device state and either renders one view to a PNG
// (screenshot.hpp) or runs the windowed kiosk (event_loop.hpp). While the
// window and GL context are made, a worker opens the state, reads the bundles
// and builds the first font atlas.
#include "gui_host.hpp"
#include "background_thread.hpp"
#include "cli.hpp"
#include "event_loop.hpp"
#include "fonts.hpp"
#include "host_env.hpp"
#include "screenshot.hpp"
#include "session.hpp"

#include "content/catalog.hpp"

#include <optional>
#include <thread>

namespace platform {
namespace {

// While the window and GL context are made (about 120-220 ms under Xvfb, the
// longest step before the first frame), a worker opens the device state,
// reads the bundles and then builds the first font atlas (about 35 ms), one
// after the other and below the UI thread's priority, so that they take only
// what the window's making leaves of the cores. The state database is the
// UI thread's once the worker is joined. `slot` stays empty when the state
// cannot be opened (the reason is on stderr).
std::thread start_loader(std::optional<Session>& slot, const Options& o, const HostEnv& env) {
    return std::thread([&slot, &o, &env] {
        lower_this_thread_priority();
        auto state = open_state(o);
        if (!state) return;
        env.trace("state opened (worker)");
        Session& s = slot.emplace(std::move(*state));
        s.follow_demo_clock = o.demo && !env.fixed_now;
        auto chans = s.state.channels();
        // The window's size stands in for the screen until the monitor is known;
        // should the monitor call for another size, the loop rebuilds at once.
        s.body_em = kiosk::body_em_px(kiosk::ScreenMetrics{o.width, o.height, 0, 0});
        auto stored = s.state.setting("text_size");
        auto legacy = s.state.setting("font_step");
        s.first_percent = o.text_percent > 0 ? o.text_percent
                                             : kiosk::text_percent_from_setting(stored && *stored ? **stored : "", legacy && *legacy ? **legacy : "");
        s.atlas = std::make_unique<ImFontAtlas>();
        s.catalog = content::Catalog::load_channels(content::installed_channels(chans.value_or(std::vector<content::ChannelState>{}), s.state.bundles_dir()));
        s.ctx.catalog = &s.catalog;
        s.set_clock_from_catalog();
        env.trace("catalog loaded (worker)");
        build_fonts(*s.atlas, kiosk::ui_scale(s.body_em, s.first_percent), s.first_fonts);
        env.trace("fonts built (worker)");
    });
}

} // namespace

int run_gui(const Options& o) {
    const HostEnv env = HostEnv::from_environment();
    env.trace("main");
    if (o.mode == Mode::screenshot) {
        auto state = open_state(o);
        if (!state) return 1;
        Session s(std::move(*state));
        s.follow_demo_clock = o.demo && !env.fixed_now;
        s.load_catalog();
        s.start_settings_only();  // no USB watching in screenshot mode
        return take_screenshot(s, o, env);
    }
    std::optional<Session> s;
    std::thread loader = start_loader(s, o, env);
    int rc = run_windowed(s, o, env, loader);
    if (loader.joinable()) loader.join();
    return rc;
}

} // namespace platform
