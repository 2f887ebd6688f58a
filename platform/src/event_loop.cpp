// The windowed kiosk's event loop; see event_loop.hpp.
#include "event_loop.hpp"
#include "audience_window.hpp"
#include "bench_driver.hpp"
#include "catalog_reloader.hpp"
#include "frame_phases.hpp"
#include "font_texture.hpp"
#include "fonts.hpp"
#include "item_rects.hpp"
#include "main_window.hpp"
#include "screen_power.hpp"
#include "systemd_notify.hpp"
#include "texture_cache.hpp"

#include "kiosk/pack_show.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/training_shared.hpp"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <iostream>

namespace platform {
namespace {

void wake_loop() { glfwPostEmptyEvent(); }

class EventLoop {
public:
    EventLoop(Session& s, const Options& o, const HostEnv& env, MainWindow& window)
        : m_s(s), m_o(o), m_env(env), m_window(window), m_textures(TextureBackend::gl, 4ull << 20, wake_loop), m_reloader(wake_loop) {
        if (o.bench) m_bench = std::make_unique<BenchDriver>(*o.bench, o.bench_doc);
        m_textures.set_catalog(&s.catalog);
        s.ctx.textures = &m_textures;
        s.ctx.now = env.now() + s.clock_offset;
        s.shell.go(o.view, s.ctx);
    }
    ~EventLoop() {
        m_audience.reset();
        m_textures.shutdown();  // worker joined and textures deleted while the GL context is current
        m_s.ctx.textures = nullptr;
    }

    void run() {
        while (!m_window.should_close() && !m_s.services->quit_requested()) {
            auto frame_start = Clock::now();
            if (m_bench) m_phases.start();
            m_systemd.notify_watchdog();  // at most once per half watchdog interval
            wait_for_events();
            handle_input_and_idle();
            lap(Phase::events);
            // Outside opening hours: dark, nothing drawn; but only once the
            // first frames are up and READY=1 is sent (else systemd would
            // time the start out and restart the session all night).
            if (m_frames_drawn >= 2 && !screen_schedule_allows_drawing()) continue;
            reload_if_content_changed();
            lap(Phase::reload);
            m_textures.pump();
            m_textures.begin_frame();
            lap(Phase::textures);
            apply_text_size_and_theme();
            lap(Phase::fonts);
            m_s.ctx.now = m_env.now() + m_s.clock_offset;
            if (!draw_frame()) break;
            if (m_first && after_first_frame()) break;
            // READY=1 once something is on the screen: ImGui lays windows out
            // one frame before it draws them, so after the second frame.
            if (++m_frames_drawn == 2) m_systemd.notify_ready();
            m_first = false;
            m_frames_left = std::max(0, m_frames_left - 1);
            m_last_frame_ms = std::chrono::duration<double, std::milli>(Clock::now() - frame_start).count();
            if (m_bench) {
                m_phases.finish();
                m_last_phases = m_phases;
            }
        }
    }

private:
    // With a benchmark running: the time since the last lap goes to `p`.
    void lap(Phase p) {
        if (m_bench) m_phases.lap(p);
    }

    // Polls while frames are owed or something animates; otherwise blocks
    // until input, a worker's wake-up, the idle reset or (presenter) the clock.
    void wait_for_events() {
        if (!m_screen.draw) {  // dark: only a touch, the schedule or the watchdog wakes the loop
            glfwWaitEventsTimeout(m_systemd.wake_seconds(m_screen.wait_seconds));
            return;
        }
        bool animating = m_s.shell.animating() || m_textures.busy() || m_bench;
        if (m_frames_left > 0 || animating) {
            glfwPollEvents();
            return;
        }
        double idle_left = static_cast<double>(m_s.idle_seconds(m_o)) - std::chrono::duration<double>(Clock::now() - m_last_input).count();
        bool clock_shown = kiosk::split_route(m_s.shell.route()).first == "presenter";
        // Under systemd the wait is also cut short in time to send WATCHDOG=1.
        double wait = std::min({idle_left, clock_shown ? 1.0 : 3600.0, m_screen.wait_seconds});  // m_screen: the schedule's next look
        glfwWaitEventsTimeout(m_systemd.wake_seconds(std::max(0.05, wait)));
    }

    // Input earns three more frames; no input for the idle time resets to home.
    void handle_input_and_idle() {
        m_touched = m_window.take_input();
        if (m_touched) {
            m_frames_left = 3;
            m_last_input = Clock::now();
            m_s.ctx.keyboard_seen = m_window.keyboard_seen();
        }
        double quiet = std::chrono::duration<double>(Clock::now() - m_last_input).count();
        // (An open presenter session counts as away from home: it is saved at the reset.)
        if (quiet >= static_cast<double>(m_s.idle_seconds(m_o)) && (m_s.shell.depth() > 1 || kiosk::training_session().active())) {
            m_s.shell.idle_reset(m_s.ctx);
            m_last_input = Clock::now();
        }
    }

    // Issue 21: the admin's opening hours (ScreenGate, DPMS through
    // ScreenPower). Returns false while the screen is dark. Not for --bench.
    bool screen_schedule_allows_drawing() {
        if (m_bench) return true;
        if (m_schedule_gen != m_s.services->schedule_generation()) {
            m_gate.set_schedule(m_s.services->screen_schedule());
            m_schedule_gen = m_s.services->schedule_generation();
        }
        bool down = glfwGetMouseButton(m_window.handle(), GLFW_MOUSE_BUTTON_LEFT) == GLFW_PRESS;
        m_screen = m_gate.update(local_week_minute(m_env.now()), std::chrono::duration<double>(Clock::now().time_since_epoch()).count(), m_touched, down);
        if (!m_screen.draw) m_frames_left = 0;
        else if (m_screen.swallow_input) m_frames_left = std::max(m_frames_left, 1);
        return m_screen.draw;
    }

    // After an import or rollback the new catalog loads on a worker (which
    // also reads the installed channels) while the old one stays on the
    // screen; the swap happens here, between frames, and the old catalog is
    // freed on a worker. (The USB trust was refreshed by the import worker or
    // the rollback itself.) Then home.
    void reload_if_content_changed() {
        if (m_s.services->take_content_changed()) m_reloader.start(m_s.state.data_dir());
        auto fresh = m_reloader.take();
        if (!fresh) return;
        kiosk::save_left_session(m_s.ctx);  // a presenter session on the old content is saved "not ended", never lost
        m_textures.set_catalog(nullptr);
        content::Catalog old = std::move(m_s.catalog);
        m_s.catalog = std::move(*fresh);
        m_reloader.retire(std::move(old));
        m_s.ctx.catalog = &m_s.catalog;
        m_s.set_clock_from_catalog();  // demo mode: the new content's stated clock
        m_textures.set_catalog(&m_s.catalog);
        m_s.shell.home(m_s.ctx);
        m_phases.swapped = true;
    }

    // A- / A+ or the theme toggle: rebuild the atlas and upload it again.
    void apply_text_size_and_theme() {
        float scale = m_s.wanted_scale();
        if (scale == m_s.applied_scale && m_s.shell.theme == m_s.applied_theme) return;
        ImGuiIO& io = ImGui::GetIO();
        destroy_font_texture();
        build_fonts(*io.Fonts, scale, m_s.ctx.fonts);
        io.FontDefault = m_s.ctx.fonts.body;
        if (upload_font_texture(m_window.backend().profile()) == FontTextureFormat::none) std::cerr << "graphics: the font texture could not be uploaded\n";
        io.Fonts->ClearTexData();  // the GPU has it; free the CPU copies
        kiosk::apply_theme(m_s.shell.theme, scale);
        m_s.ctx.scale = scale;
        m_s.ctx.theme = m_s.shell.theme;
        m_s.applied_scale = scale;
        m_s.applied_theme = m_s.shell.theme;
    }

    // Returns false when a benchmark script has finished.
    bool draw_frame() {
        m_window.begin_frame();
        if (m_screen.swallow_input)  // the touch that woke the screen presses nothing
            for (bool& b : ImGui::GetIO().MouseDown) b = false;
        if (m_bench && !m_bench->stops_after_first_frame() && m_bench->before_frame(m_s.shell, m_s.ctx, m_last_frame_ms, m_last_phases)) return false;
        ImGui::NewFrame();
        m_s.shell.frame(m_s.ctx);
        ImGui::Render();
        if (m_first) m_env.trace("first frame laid out");
        lap(Phase::ui);
        m_window.present(kiosk::palette(m_s.shell.theme).background);
        update_audience();
        lap(Phase::present);
        if (!m_env.item_rects_path.empty()) write_item_rects(m_env.item_rects_path, m_s.shell.route());
        return true;
    }

    // Presenter mode with a second monitor: the projector shows the slide,
    // also while the trainer detours to another screen with the session open.
    void update_audience() {
        bool presenting = kiosk::projector_in_use(m_s.shell.route());  // a training presenter session or a meeting's pack
        if (presenting && !m_audience) {
            int count = 0;
            GLFWmonitor** monitors = glfwGetMonitors(&count);
            if (count >= 2 || m_env.force_audience_window) {
                GLFWmonitor* target = nullptr;
                for (int m = 0; m < count && !m_env.force_audience_window; ++m)
                    if (monitors[m] != glfwGetPrimaryMonitor()) target = monitors[m];
                m_audience = AudienceWindow::open(m_window.handle(), target, m_window.backend(), m_s.ctx.scale, m_s.shell.theme);
            }
        }
        if (!presenting && m_audience) m_audience.reset();
        m_s.ctx.second_screen = m_audience != nullptr;
        if (m_audience) m_audience->draw(m_s.ctx, m_window.handle());
    }

    // Returns true when the loop should end (--bench first-frame).
    bool after_first_frame() {
        m_env.trace("first frame swapped");
        bool bench_first = m_bench && m_bench->stops_after_first_frame();
        if (m_o.print_first_frame || bench_first)
        {
            // The wall clock too, so that the benchmark can count from exec,
            // before the dynamic loader (a cold page cache slows that part).
            auto unix_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
            std::cout << "first_frame_ms " << std::chrono::duration<double, std::milli>(Clock::now() - process_start()).count() << "\n"
                      << "first_frame_unix_ms " << unix_ms << std::endl;
        }
        return bench_first;
    }

    Session& m_s;
    const Options& m_o;
    const HostEnv& m_env;
    MainWindow& m_window;
    TextureCache m_textures;
    CatalogReloader m_reloader;
    std::unique_ptr<BenchDriver> m_bench;
    std::unique_ptr<AudienceWindow> m_audience;
    Clock::time_point m_last_input = Clock::now();
    int m_frames_left = 3;
    bool m_first = true;
    int m_frames_drawn = 0;
    SystemdNotifier m_systemd = SystemdNotifier::from_environment();
    double m_last_frame_ms = 0;
    FramePhases m_phases, m_last_phases;  // only with --bench
    ScreenPower m_power{m_window.handle()};
    ScreenGate m_gate{m_power};
    GateStep m_screen;
    unsigned m_schedule_gen = 0;
    bool m_touched = false;
};

// The backend uploads the atlas built at start-up; then its CPU copies are
// freed. (Should the settings name another text size by now, the loop
// rebuilds at once.)
void upload_first_fonts(Session& s, const MainWindow& window, const HostEnv& env) {
    ImGuiIO& io = ImGui::GetIO();
    float scale = kiosk::ui_scale(s.body_em, s.first_percent);
    s.ctx.fonts = s.first_fonts;
    io.FontDefault = s.first_fonts.body;
    env.trace("imgui ready");
    if (!create_device_objects_one_channel(window.backend())) std::cerr << "graphics: the font texture could not be uploaded\n";
    env.trace(last_font_texture_format());
    io.Fonts->ClearTexData();
    env.trace("fonts uploaded");
    kiosk::apply_theme(s.shell.theme, scale);
    s.ctx.scale = scale;
    s.ctx.theme = s.shell.theme;
    s.applied_scale = scale;
    s.applied_theme = s.shell.theme;
}

} // namespace

int run_windowed(std::optional<Session>& slot, const Options& o, const HostEnv& env, std::thread& loader) {
    env.trace("window opening");
    auto window = MainWindow::open(o.width, o.height, o.kiosk ? WindowMode::kiosk : WindowMode::windowed, env);
    if (loader.joinable()) loader.join();  // the state, the catalog and the first atlas were made while the window opened
    if (!window || !slot) return 1;
    Session& s = *slot;
    env.trace("catalog and fonts ready");
    ImGui::CreateContext(s.atlas.get());
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    if (!window->attach_imgui()) {
        ImGui::DestroyContext();
        return 1;
    }
    env.trace("imgui attached");
    s.start_services(o, wake_loop);
    env.trace("services started");
    s.ctx.kiosk_mode = o.kiosk;
    s.ctx.graphics = window->info().describe();
    s.apply_settings(o.text_percent);
    upload_first_fonts(s, *window, env);
    s.body_em = kiosk::body_em_px(window->screen_metrics());  // a different size rebuilds the atlas before the first frame
    {
        EventLoop loop(s, o, env, *window);
        loop.run();
    }
    s.services.reset();
    s.usb.reset();
    window->detach_imgui();
    ImGui::DestroyContext();
    return 0;  // the window closes and GLFW ends with `window`
}

} // namespace platform
