// The GUI host: a GLFW window with OpenGL 3, event-driven (a frame is drawn
// only for input, an animation, or news from a worker), or a headless
// software-rendered screenshot. It owns the catalog, the services and the shell.
#include "audience_window.hpp"
#include "cli.hpp"
#include "device_services.hpp"
#include "fonts.hpp"
#include "options.hpp"
#include "soft_renderer.hpp"
#include "texture_cache.hpp"
#include "usb_watcher.hpp"

#include "content/catalog.hpp"
#include "kiosk/shell.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/widgets.hpp"
#include "content/file_io.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <stb_image.h>
#include <stb_image_write.h>

#include <algorithm>
#include <chrono>
#include <thread>
#include <cstdio>
#include <fstream>
#include <cstdlib>
#include <ctime>
#include <iostream>

namespace fs = std::filesystem;

namespace platform {
namespace {

using Clock = std::chrono::steady_clock;
const Clock::time_point g_start = Clock::now();

// KIOSK_STARTUP_TRACE=1 prints how long each start-up step took (for profiling).
void trace(const char* what) {
    static const bool on = std::getenv("KIOSK_STARTUP_TRACE") != nullptr;
    if (on) std::fprintf(stderr, "startup %8.2f ms  %s\n", std::chrono::duration<double, std::milli>(Clock::now() - g_start).count(), what);
}

std::int64_t now_unix() {
    if (const char* n = std::getenv("KIOSK_NOW"); n && *n) return std::strtoll(n, nullptr, 10);
    return static_cast<std::int64_t>(std::time(nullptr));
}

std::vector<fs::path> usb_roots(const Options& o) {
    std::vector<fs::path> r;
    if (!o.demo) {
        r.emplace_back("/media");
        r.emplace_back("/run/media");
    }
    for (auto& w : o.watch_roots) r.emplace_back(w);
    return r;
}

// The stored text size setting as a step in kiosk::font_scales (clamped).
int font_step_from(const std::string& stored) { return std::clamp(std::atoi(stored.c_str()), 0, kiosk::font_scale_count - 1); }

struct Session {
    content::StateStore state;
    content::Catalog catalog;
    std::unique_ptr<UsbWatcher> usb;
    std::unique_ptr<DeviceServices> services;
    kiosk::Shell shell;
    kiosk::UiContext ctx;
    int applied_step = -1;
    kiosk::Theme applied_theme = kiosk::Theme::standard;
    // The first font atlas, built by the start-up worker; the ImGui context
    // shares it, so it lives until after the context is destroyed.
    std::unique_ptr<ImFontAtlas> atlas;
    kiosk::Fonts first_fonts;
    int first_step = kiosk::default_font_step;

    explicit Session(content::StateStore s) : state(std::move(s)) {}

    void load_catalog() {
        auto chans = state.channels();
        if (chans) catalog = content::Catalog::load_channels(content::installed_channels(*chans, state.bundles_dir()));
        else std::cerr << chans.error().line() << "\n";
        ctx.catalog = &catalog;
    }

    void apply_settings() {
        shell.font_step = font_step_from(services->setting("font_step", std::to_string(kiosk::default_font_step)));
        shell.theme = services->setting("theme", "standard") == "high_contrast" ? kiosk::Theme::high_contrast : kiosk::Theme::standard;
    }
};

std::int64_t idle_seconds(Session& s, const Options& o) {
    if (o.idle_minutes > 0) return static_cast<std::int64_t>(o.idle_minutes * 60);
    return std::max(1, std::atoi(s.services->setting("idle_minutes", "5").c_str())) * 60;
}

int screenshot(Session& s, const Options& o) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(static_cast<float>(o.width), static_cast<float>(o.height));
    io.DeltaTime = 1.0f / 60.0f;
    SoftRenderer soft;
    TextureCache textures(TextureBackend::soft, 256ull << 20, nullptr, &soft);
    textures.set_catalog(&s.catalog);
    s.ctx.textures = &textures;
    s.ctx.now = now_unix();
    s.apply_settings();
    float scale = kiosk::font_scales[s.shell.font_step];
    build_fonts(*io.Fonts, scale, s.ctx.fonts);
    io.FontDefault = s.ctx.fonts.body;
    SoftImage atlas;
    unsigned char* px = nullptr;
    io.Fonts->GetTexDataAsRGBA32(&px, &atlas.width, &atlas.height);
    atlas.rgba.assign(px, px + static_cast<std::size_t>(atlas.width) * static_cast<std::size_t>(atlas.height) * 4);
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(&atlas));
    soft.set_texture(reinterpret_cast<ImTextureID>(&atlas), &atlas);
    s.ctx.scale = scale;
    s.ctx.theme = s.shell.theme;
    kiosk::apply_theme(s.shell.theme, scale);
    if (!s.shell.go(o.view, s.ctx)) {
        std::cerr << "E_NOT_FOUND: there is no view '" << o.view << "' with the installed content. Views: ";
        for (auto& n : kiosk::Shell::view_names()) std::cerr << n << " ";
        std::cerr << "\n";
        ImGui::DestroyContext();
        return 1;
    }
    // A few frames so that layout, auto-sized windows and images settle.
    for (int i = 0; i < 4; ++i) {
        ImGui::NewFrame();
        s.shell.frame(s.ctx);
        ImGui::Render();
    }
    const kiosk::Palette& p = kiosk::palette(s.shell.theme);
    SoftImage img = soft.render(ImGui::GetDrawData(), o.width, o.height, p.background);
    ImGui::DestroyContext();
    if (!stbi_write_png(o.screenshot_path.c_str(), img.width, img.height, 4, img.rgba.data(), img.width * 4)) {
        std::cerr << "E_IO: could not write " << o.screenshot_path << ".\n";
        return 1;
    }
    std::cout << "wrote " << o.screenshot_path << " (" << o.width << "x" << o.height << ", view " << o.view << ")\n";
    return 0;
}

// For the end-to-end test: where each labelled widget is, so that xdotool
// clicks real item rectangles rather than guessed coordinates.
void write_item_rects(const std::string& path, const std::string& route) {
    std::string json = "{\"route\":\"" + route + "\",\"items\":{";
    bool first = true;
    for (const auto& [label, r] : kiosk::noted_items()) {
        std::string l;
        for (char c : label)
            if (c != '"' && c != '\\') l += c;
        json += (first ? "" : ",") + std::string("\"") + l + "\":[" + std::to_string(static_cast<int>(r.min.x)) + "," +
                std::to_string(static_cast<int>(r.min.y)) + "," + std::to_string(static_cast<int>(r.max.x)) + "," + std::to_string(static_cast<int>(r.max.y)) + "]";
        first = false;
    }
    json += "}}\n";
    (void)content::file_io::write_file_atomic(path, json);
}

long vm_hwm_kb() {
    std::ifstream f("/proc/self/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
    return 0;
}

// Benchmark driver: scripted navigation and synthetic scrolling, measured
// per frame. Returns true when the script is finished.
struct BenchScript {
    std::string mode, doc;
    int step = 0, frame_in_step = 0;
    std::vector<double> lib_ms, doc_ms;
    int images = 0;

    void print(const std::vector<double>& v, const char* name) {
        if (v.empty()) return;
        std::vector<double> s = v;
        std::sort(s.begin(), s.end());
        double sum = 0;
        for (double x : s) sum += x;
        std::printf("%s_frame_ms_mean %.3f\n%s_frame_ms_p99 %.3f\n", name, sum / static_cast<double>(s.size()), name, s[s.size() * 99 / 100]);
    }

    // Called before NewFrame. `last_ms` is the previous frame's time.
    bool before_frame(Session& s, double last_ms) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.6f);
        ++frame_in_step;
        if (mode == "scroll") {
            if (step == 0) {
                s.shell.go("library", s.ctx);
                step = 1;
                frame_in_step = 0;
            } else if (step == 1) {
                if (frame_in_step > 5) lib_ms.push_back(last_ms);
                io.MouseWheel = -1.0f;
                if (lib_ms.size() >= 300) {
                    if (!s.shell.go("doc:" + doc, s.ctx)) std::fprintf(stderr, "no document %s\n", doc.c_str());
                    step = 2;
                    frame_in_step = 0;
                }
            } else if (step == 2) {
                if (frame_in_step > 5) doc_ms.push_back(last_ms);
                io.MouseWheel = -1.0f;
                if (doc_ms.size() >= 300) {
                    print(lib_ms, "library_scroll");
                    print(doc_ms, "document_scroll");
                    std::printf("vm_hwm_kb %ld\n", vm_hwm_kb());
                    return true;
                }
            }
            return false;
        }
        if (mode == "tour") {
            const char* routes[] = {"home", "library", "briefing:", "training:module-0", "presenter:module-0:3"};
            if (step < 5) {
                if (frame_in_step == 1) s.shell.go(routes[step], s.ctx);
                if (step == 1) io.MouseWheel = -3.0f;
                if (frame_in_step > (step == 1 ? 400 : 10)) {
                    std::printf("tour_%s_vm_hwm_kb %ld\n", routes[step], vm_hwm_kb());
                    ++step;
                    frame_in_step = 0;
                }
                return false;
            }
            // 50 images: page images of the scanned documents.
            if (frame_in_step == 1) {
                int k = images / 3, page = images % 3 + 1;
                s.shell.go("doc:scan-" + std::to_string(k) + ":" + std::to_string(page), s.ctx);
            }
            if (frame_in_step > 6) {
                ++images;
                frame_in_step = 0;
                if (images >= 50) {
                    std::printf("vm_hwm_kb %ld\n", vm_hwm_kb());
                    return true;
                }
            }
            return false;
        }
        return false;
    }
};

// The window and taskbar icon from assets/ (skipped quietly if it is missing).
void set_window_icon(GLFWwindow* win) {
    int w = 0, h = 0, comp = 0;
    unsigned char* px = stbi_load(KIOSK_ASSETS_DIR "/icon.png", &w, &h, &comp, 4);
    if (!px) return;
    GLFWimage img{w, h, px};
    glfwSetWindowIcon(win, 1, &img);
    stbi_image_free(px);
}

bool g_input = false;
GLFWwindow* g_window = nullptr;

void on_key(GLFWwindow*, int, int, int, int) { g_input = true; }
void on_char(GLFWwindow*, unsigned int) { g_input = true; }
void on_mouse_button(GLFWwindow*, int, int, int) { g_input = true; }
void on_cursor(GLFWwindow*, double, double) { g_input = true; }
void on_scroll(GLFWwindow*, double, double) { g_input = true; }
void on_size(GLFWwindow*, int, int) { g_input = true; }

int windowed(Session& s, const Options& o, std::thread& loader) {
    glfwSetErrorCallback([](int, const char* d) { std::cerr << "display: " << d << "\n"; });
    if (!glfwInit()) {
        std::cerr << "E_NO_DISPLAY: No display was found, so the kiosk cannot open its window. Check that the screen is connected and that DISPLAY "
                     "is set (for example under Xvfb). To render a view to a PNG without a display, use: kiosk --screenshot OUT.png --view home\n";
        return 1;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    GLFWmonitor* monitor = o.kiosk ? glfwGetPrimaryMonitor() : nullptr;
    int w = o.width, h = o.height;
    if (monitor) {
        const GLFWvidmode* mode = glfwGetVideoMode(monitor);
        w = mode->width;
        h = mode->height;
        glfwWindowHint(GLFW_DECORATED, GLFW_FALSE);
    }
    g_window = glfwCreateWindow(w, h, "Member briefing kiosk", monitor, nullptr);
    if (!g_window) {
        std::cerr << "E_NO_DISPLAY: The window could not be created (no OpenGL 3 support?). Use --screenshot to render without a display.\n";
        glfwTerminate();
        return 1;
    }
    trace("window created");
    set_window_icon(g_window);
    glfwMakeContextCurrent(g_window);
    glfwSwapInterval(1);
    glfwSetKeyCallback(g_window, on_key);
    glfwSetCharCallback(g_window, on_char);
    glfwSetMouseButtonCallback(g_window, on_mouse_button);
    glfwSetCursorPosCallback(g_window, on_cursor);
    glfwSetScrollCallback(g_window, on_scroll);
    glfwSetFramebufferSizeCallback(g_window, on_size);
    if (o.kiosk) glfwSetWindowCloseCallback(g_window, [](GLFWwindow* win) { glfwSetWindowShouldClose(win, GLFW_FALSE); });

    if (loader.joinable()) loader.join();  // the catalog and the first atlas were made while the window opened
    trace("catalog and fonts ready");
    ImGui::CreateContext(s.atlas.get());
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    ImGui_ImplGlfw_InitForOpenGL(g_window, true);  // chains our callbacks
    ImGui_ImplOpenGL3_Init("#version 130");

    auto wake = [] { glfwPostEmptyEvent(); };
    s.usb = std::make_unique<UsbWatcher>(usb_roots(o), wake, s.state.data_dir() / "preview");
    s.services = std::make_unique<DeviceServices>(s.state, s.usb.get(), usb_roots(o), wake);
    s.ctx.services = s.services.get();
    s.ctx.kiosk_mode = o.kiosk;
    s.apply_settings();
    {
        // The backend's device objects upload the atlas built at start-up;
        // then its CPU copies are freed. (Should the settings name another
        // text size by now, the frame loop rebuilds at once.)
        float scale = kiosk::font_scales[s.first_step];
        s.ctx.fonts = s.first_fonts;
        io.FontDefault = s.first_fonts.body;
        trace("imgui ready");
        ImGui_ImplOpenGL3_CreateDeviceObjects();
        io.Fonts->ClearTexData();
        trace("fonts uploaded");
        kiosk::apply_theme(s.shell.theme, scale);
        s.ctx.scale = scale;
        s.ctx.theme = s.shell.theme;
        s.applied_step = s.first_step;
        s.applied_theme = s.shell.theme;
    }
    TextureCache textures(TextureBackend::gl, 4ull << 20, wake);
    textures.set_catalog(&s.catalog);
    s.ctx.textures = &textures;
    s.ctx.now = now_unix();
    s.shell.go(o.view, s.ctx);

    auto last_input = Clock::now();
    int frames_left = 3;
    bool first = true;
    BenchScript bench{o.bench, o.bench_doc};
    std::unique_ptr<AudienceWindow> audience;
    double last_frame_ms = 0;
    while (!glfwWindowShouldClose(g_window) && !s.services->quit_requested()) {
        auto frame_start = Clock::now();
        bool animating = s.shell.animating() || textures.busy() || !o.bench.empty();
        if (frames_left > 0 || animating) glfwPollEvents();
        else {
            double idle_left = static_cast<double>(idle_seconds(s, o)) - std::chrono::duration<double>(Clock::now() - last_input).count();
            bool clock_shown = kiosk::split_route(s.shell.route()).first == "presenter";
            double timeout = std::max(0.05, std::min(idle_left, clock_shown ? 1.0 : 3600.0));
            glfwWaitEventsTimeout(timeout);
        }
        if (g_input) {
            g_input = false;
            frames_left = 3;
            last_input = Clock::now();
        }
        if (std::chrono::duration<double>(Clock::now() - last_input).count() >= static_cast<double>(idle_seconds(s, o)) && s.shell.depth() > 1) {
            s.shell.idle_reset(s.ctx);
            last_input = Clock::now();
        }
        if (s.services->take_content_changed()) {
            textures.set_catalog(nullptr);
            s.load_catalog();
            textures.set_catalog(&s.catalog);
            s.services->refresh_usb_trust();
            s.shell.home(s.ctx);
        }
        textures.pump();
        textures.begin_frame();
        if (s.shell.font_step != s.applied_step || s.shell.theme != s.applied_theme) {
            float scale = kiosk::font_scales[s.shell.font_step];
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            build_fonts(*ImGui::GetIO().Fonts, scale, s.ctx.fonts);
            ImGui::GetIO().FontDefault = s.ctx.fonts.body;
            ImGui_ImplOpenGL3_CreateFontsTexture();
            ImGui::GetIO().Fonts->ClearTexData();  // the GPU has it; free the CPU copies
            kiosk::apply_theme(s.shell.theme, scale);
            s.ctx.scale = scale;
            s.ctx.theme = s.shell.theme;
            s.applied_step = s.shell.font_step;
            s.applied_theme = s.shell.theme;
        }
        s.ctx.now = now_unix();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        if (!o.bench.empty() && o.bench != "first-frame" && bench.before_frame(s, last_frame_ms)) break;
        ImGui::NewFrame();
        s.shell.frame(s.ctx);
        ImGui::Render();
        int fw = 0, fh = 0;
        glfwGetFramebufferSize(g_window, &fw, &fh);
        glViewport(0, 0, fw, fh);
        const kiosk::Palette& p = kiosk::palette(s.shell.theme);
        glClearColor(p.background.x, p.background.y, p.background.z, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        glfwSwapBuffers(g_window);
        // Presenter mode with a second monitor: the projector shows the slide.
        {
            bool presenting = kiosk::split_route(s.shell.route()).first == "presenter";
            int monitors = 0;
            GLFWmonitor** mons = glfwGetMonitors(&monitors);
            bool forced = std::getenv("KIOSK_AUDIENCE_WINDOW") != nullptr;
            if (presenting && !audience && (monitors >= 2 || forced)) {
                GLFWmonitor* target = nullptr;
                for (int m = 0; m < monitors && !forced; ++m)
                    if (mons[m] != glfwGetPrimaryMonitor()) target = mons[m];
                audience = AudienceWindow::open(g_window, target, s.ctx.scale, s.shell.theme);
            }
            if (!presenting && audience) audience.reset();
            s.ctx.second_screen = audience != nullptr;
            if (audience) audience->draw(s.ctx, g_window);
        }
        if (const char* rects = std::getenv("KIOSK_ITEM_RECTS"); rects && *rects) write_item_rects(rects, s.shell.route());
        if (first) trace("first frame swapped");
        if (first && (o.print_first_frame || o.bench == "first-frame")) {
            std::cout << "first_frame_ms " << std::chrono::duration<double, std::milli>(Clock::now() - g_start).count() << std::endl;
        }
        if (first && o.bench == "first-frame") break;
        first = false;
        frames_left = std::max(0, frames_left - 1);
        last_frame_ms = std::chrono::duration<double, std::milli>(Clock::now() - frame_start).count();
    }
    audience.reset();
    s.services.reset();
    s.usb.reset();
    textures.set_catalog(nullptr);
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(g_window);
    glfwTerminate();
    return 0;
}

} // namespace

int run_gui(const Options& o) {
    trace("main");
    auto state = open_state(o);
    if (!state) return 1;
    trace("state opened");
    Session s(std::move(*state));
    if (o.mode == Mode::screenshot) {
        s.load_catalog();
        // Services for reading settings; no USB watching in screenshot mode.
        s.services = std::make_unique<DeviceServices>(s.state, nullptr, std::vector<fs::path>{}, nullptr);
        s.ctx.services = s.services.get();
        return screenshot(s, o);
    }
    // While the window and GL context are made (about 220 ms under Xvfb), a
    // worker reads the bundles and then builds the first font atlas (about
    // 35 ms), one after the other so that they do not compete with the window
    // for the second core. The channel list and the stored text size are read
    // here because the state database is this thread's.
    auto chans = s.state.channels();
    if (auto v = s.state.setting("font_step"); v && *v) s.first_step = font_step_from(**v);
    s.atlas = std::make_unique<ImFontAtlas>();
    std::thread loader([&s, list = content::installed_channels(chans.value_or(std::vector<content::ChannelState>{}), s.state.bundles_dir())] {
        s.catalog = content::Catalog::load_channels(list);
        s.ctx.catalog = &s.catalog;
        trace("catalog loaded (worker)");
        build_fonts(*s.atlas, kiosk::font_scales[s.first_step], s.first_fonts);
        trace("fonts built (worker)");
    });
    int rc = windowed(s, o, loader);
    if (loader.joinable()) loader.join();
    return rc;
}

} // namespace platform
