// The scripted benchmark runs; see bench_driver.hpp.
#include "bench_driver.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>

namespace platform {
namespace {

void print_frame_times(const std::vector<double>& v, const char* name) {
    if (v.empty()) return;
    std::vector<double> s = v;
    std::sort(s.begin(), s.end());
    double sum = 0;
    for (double x : s) sum += x;
    std::printf("%s_frame_ms_mean %.3f\n%s_frame_ms_p99 %.3f\n", name, sum / static_cast<double>(s.size()), name, s[s.size() * 99 / 100]);
}

// Each phase's mean over the frames, and the UI thread's mean CPU time
// ("NAME_phase_ms PHASE=MEAN ... ui_cpu=MEAN").
void print_phase_means(const std::vector<FramePhases>& v, const char* name) {
    if (v.empty()) return;
    std::printf("%s_phase_ms", name);
    for (std::size_t p = 0; p < phase_names.size(); ++p) {
        double sum = 0;
        for (const auto& f : v) sum += f.ms[p];
        std::printf(" %s=%.2f", phase_names[p], sum / static_cast<double>(v.size()));
    }
    double cpu = 0, proc = 0;
    for (const auto& f : v) {
        cpu += f.cpu_ms;
        proc += f.proc_cpu_ms;
    }
    std::printf(" ui_cpu=%.2f process_cpu=%.2f\n", cpu / static_cast<double>(v.size()), proc / static_cast<double>(v.size()));
}

} // namespace

long vm_hwm_kb() {
    std::ifstream f("/proc/self/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
    return 0;
}

bool BenchDriver::before_frame(kiosk::Shell& shell, kiosk::UiContext& ctx, double last_ms, const FramePhases& last_phases) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.6f);
    ++m_frame_in_step;
    switch (m_mode) {
    case BenchMode::scroll: return scroll_step(shell, ctx, last_ms, last_phases);
    case BenchMode::tour: return tour_step(shell, ctx);
    case BenchMode::work: return work_step(shell, ctx, last_ms, last_phases);
    case BenchMode::first_frame: return false;  // the loop stops after the first frame
    }
    return false;
}

// The library list, then a long document: 300 scrolled frames each.
bool BenchDriver::scroll_step(kiosk::Shell& shell, kiosk::UiContext& ctx, double last_ms, const FramePhases& last_phases) {
    ImGuiIO& io = ImGui::GetIO();
    if (m_step == 0) {
        shell.go("library", ctx);
        m_step = 1;
        m_frame_in_step = 0;
    } else if (m_step == 1) {
        if (m_frame_in_step > 5) {
            m_lib_ms.push_back(last_ms);
            m_lib_phases.push_back(last_phases);
        }
        io.MouseWheel = -1.0f;
        if (m_lib_ms.size() >= 300) {
            if (!shell.go("doc:" + m_doc, ctx)) std::fprintf(stderr, "no document %s\n", m_doc.c_str());
            m_step = 2;
            m_frame_in_step = 0;
        }
    } else if (m_step == 2) {
        if (m_frame_in_step > 5) m_doc_ms.push_back(last_ms);
        io.MouseWheel = -1.0f;
        if (m_doc_ms.size() >= 300) {
            print_frame_times(m_lib_ms, "library_scroll");
            print_phase_means(m_lib_phases, "library_scroll");
            print_frame_times(m_doc_ms, "document_scroll");
            std::printf("vm_hwm_kb %ld\n", vm_hwm_kb());
            return true;
        }
    }
    return false;
}

// Every main screen (memory after each), then 50 page images of scanned documents.
bool BenchDriver::tour_step(kiosk::Shell& shell, kiosk::UiContext& ctx) {
    static const char* const routes[] = {"home", "library", "briefing:", "training:module-0", "presenter:module-0:3"};
    if (m_step < 5) {
        if (m_frame_in_step == 1) shell.go(routes[m_step], ctx);
        if (m_step == 1) ImGui::GetIO().MouseWheel = -3.0f;
        if (m_frame_in_step > (m_step == 1 ? 400 : 10)) {
            std::printf("tour_%s_vm_hwm_kb %ld\n", routes[m_step], vm_hwm_kb());
            ++m_step;
            m_frame_in_step = 0;
        }
        return false;
    }
    if (m_frame_in_step == 1) {
        int k = m_images / 3, page = m_images % 3 + 1;
        shell.go("doc:scan-" + std::to_string(k) + ":" + std::to_string(page), ctx);
    }
    if (m_frame_in_step > 6) {
        ++m_images;
        m_frame_in_step = 0;
        if (m_images >= 50) {
            std::printf("vm_hwm_kb %ld\n", vm_hwm_kb());
            return true;
        }
    }
    return false;
}

// The library scrolls up and down, one wheel step a frame, while the three
// slow jobs run on their workers at once: importing a bundle, checking a PIN
// with Argon2id and exporting records to a stick. 120 frames without work
// first (calm), then every frame until all three have finished and the new
// catalog is on the screen (work). A
// person feels the longest frame, not the mean.
bool BenchDriver::work_step(kiosk::Shell& shell, kiosk::UiContext& ctx, double last_ms, const FramePhases& last_phases) {
    ImGuiIO& io = ImGui::GetIO();
    kiosk::Services& sv = *ctx.services;
    io.MouseWheel = (m_frame_in_step / 60) % 2 ? 1.0f : -1.0f;
    if (m_step == 0) {
        shell.go("library", ctx);
        m_step = 1;
        m_frame_in_step = 0;
        return false;
    }
    if (m_step == 1) {
        if (m_frame_in_step > 10) m_calm_ms.push_back(last_ms);
        if (m_calm_ms.size() < 120) return false;
        sv.start_import(m_doc);
        sv.start_pin_check("not-the-pin");
        sv.start_export_to_usb();
        m_step = 2;
        m_frame_in_step = 0;
        return false;
    }
    if (m_frame_in_step > 1) {
        m_work_ms.push_back(last_ms);
        m_work_phases.push_back(last_phases);
        m_work_jobs.push_back(m_jobs_now);
    }
    if (auto r = sv.take_pin_result()) {
        m_pin_done = true;
        m_pin_result = *r ? "accepted" : std::string(content::reason_code(r->error().reason));
    }
    auto imp = sv.import_status();
    auto exp = sv.export_status();
    m_jobs_now = (imp.running ? "import:" + imp.stage + "," : std::string()) + (m_pin_done ? "" : "pin,") + (exp.running ? "export" : "");
    // An installed bundle ends with the new catalog swapped in (the loop then
    // goes home), so the frames around the swap are counted too.
    bool installed = !imp.results.empty() && imp.results.back().find("Installed") != std::string::npos;
    bool swapped = !installed || shell.route() == "home";
    bool done = m_pin_done && !imp.running && !exp.running && swapped && m_frame_in_step > 2;
    if (!done && m_frame_in_step < 200000) return false;
    if (!imp.results.empty()) m_import_result = imp.results.back();
    if (exp.outcome) m_export_result = *exp.outcome ? "ok" : std::string(content::reason_code(exp.outcome->error().reason));
    print_work();
    return true;
}

void BenchDriver::print_work() const {
    print_frame_times(m_calm_ms, "calm");
    print_frame_times(m_work_ms, "work");
    double worst = 0;
    int over_100 = 0;
    for (double ms : m_work_ms) {
        worst = std::max(worst, ms);
        if (ms > 100.0) ++over_100;
    }
    std::printf("work_frames %zu\nwork_frame_ms_max %.3f\nwork_frames_over_100ms %d\n", m_work_ms.size(), worst, over_100);
    print_longest_frames();
    std::printf("work_pin %s\nwork_export %s\nwork_import %s\n", m_pin_result.c_str(), m_export_result.c_str(), m_import_result.c_str());
}

// The swap frame, the frame after it and the five longest work frames, each
// with its index, its phases and whether the new catalog was swapped in
// during it ("work_longest ..." lines).
void BenchDriver::print_longest_frames() const {
    std::vector<std::size_t> order(m_work_ms.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return m_work_ms[a] > m_work_ms[b]; });
    // The swap frame and the one after it (the new catalog's first layout) too.
    for (std::size_t i = 0; i < m_work_phases.size(); ++i)
        if (m_work_phases[i].swapped) {
            order.insert(order.begin(), i + 1 < m_work_phases.size() ? i + 1 : i);
            order.insert(order.begin(), i);
            break;
        }
    for (std::size_t k = 0; k < std::min<std::size_t>(7, order.size()); ++k) {
        std::size_t i = order[k];
        std::printf("work_longest frame=%zu ms=%.1f ui_cpu=%.1f ui_runq=%.1f process_cpu=%.1f", i, m_work_ms[i], m_work_phases[i].cpu_ms, m_work_phases[i].runq_ms, m_work_phases[i].proc_cpu_ms);
        for (std::size_t p = 0; p < phase_names.size(); ++p) std::printf(" %s=%.1f", phase_names[p], m_work_phases[i].ms[p]);
        std::printf("%s jobs=[%s]\n", m_work_phases[i].swapped ? " swap" : "", m_work_jobs[i].c_str());
    }
}

} // namespace platform
