// The floor: a bare Dear ImGui + GLFW + OpenGL3 "hello" program with the same
// font as the kiosk, built in the same tree. It is the reference for start-up,
// frame time, idle cost and memory in the benchmarks. It uses ImGui's standard
// loop (redraw every frame), as ImGui's examples do.
// usage: floor [--first-frame] [--frames N] [--seconds S]
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

using Clock = std::chrono::steady_clock;
static const Clock::time_point g_start = Clock::now();

static long vm_hwm_kb() {
    std::ifstream f("/proc/self/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
    return 0;
}

int main(int argc, char** argv) {
    bool first_only = false;
    int frames = 0;
    double seconds = 0;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--first-frame")) first_only = true;
        else if (!std::strcmp(argv[i], "--frames") && i + 1 < argc) frames = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--seconds") && i + 1 < argc) seconds = std::atof(argv[++i]);
    }
    if (!glfwInit()) return 1;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    GLFWwindow* w = glfwCreateWindow(1920, 1080, "floor", nullptr, nullptr);
    if (!w) return 1;
    glfwMakeContextCurrent(w);
    glfwSwapInterval(1);
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.Fonts->AddFontFromFileTTF("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", 20.0f);
    ImGui_ImplGlfw_InitForOpenGL(w, true);
    ImGui_ImplOpenGL3_Init("#version 130");
    std::vector<double> times;
    bool first = true;
    auto t_end = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    while (!glfwWindowShouldClose(w)) {
        auto t0 = Clock::now();
        glfwPollEvents();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(io.DisplaySize);
        ImGui::Begin("Hello");
        for (int i = 0; i < 40; ++i) ImGui::Text("Hello, world. This is line %d of a window of text in the same font as the kiosk.", i);
        ImGui::SetScrollY(ImGui::GetScrollY() + 3);
        ImGui::End();
        ImGui::Render();
        int fw, fh;
        glfwGetFramebufferSize(w, &fw, &fh);
        glViewport(0, 0, fw, fh);
        glClearColor(0.95f, 0.94f, 0.92f, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        glfwSwapBuffers(w);
        if (first) {
            std::printf("first_frame_ms %.2f\nfirst_frame_unix_ms %lld\n", std::chrono::duration<double, std::milli>(Clock::now() - g_start).count(),
                        static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count()));
            std::fflush(stdout);
            first = false;
            if (first_only) break;
            continue;
        }
        times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        if (frames && static_cast<int>(times.size()) >= frames) break;
        if (seconds > 0 && Clock::now() >= t_end) break;
    }
    if (!times.empty()) {
        double sum = 0;
        for (double t : times) sum += t;
        std::sort(times.begin(), times.end());
        std::printf("frame_ms_mean %.3f\nframe_ms_p99 %.3f\n", sum / static_cast<double>(times.size()), times[times.size() * 99 / 100]);
    }
    std::printf("vm_hwm_kb %ld\n", vm_hwm_kb());
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(w);
    glfwTerminate();
    return 0;
}
