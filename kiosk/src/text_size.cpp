// The text size rule; see text_size.hpp.
#include "kiosk/text_size.hpp"

#include <algorithm>
#include <cstdlib>

namespace kiosk {

namespace {
// A physical size is believed only when it is plausible for the pixel count:
// between 40 and 600 px per inch (X servers without EDID report odd values).
bool plausible_mm(int px, int mm) {
    if (mm < 40 || px <= 0) return false;
    double ppi = px / (mm / 25.4);
    return ppi >= 40 && ppi <= 600;
}
} // namespace

float body_em_px(const ScreenMetrics& s) {
    float size = 16.0f;
    if (s.height_px > 0) size = std::max(size, 19.0f * static_cast<float>(s.height_px) / 1080.0f);
    if (plausible_mm(s.height_px, s.height_mm) && plausible_mm(s.width_px, s.width_mm)) {
        float px_per_mm = static_cast<float>(s.height_px) / static_cast<float>(s.height_mm);
        size = std::max(size, 3.0f * px_per_mm);
    }
    return std::min(size, 40.0f);
}

float ui_scale(float body_em, int text_percent) {
    return body_em * static_cast<float>(clamp_text_percent(text_percent)) / 100.0f / reference_body_em_px;
}

int clamp_text_percent(int percent) { return std::clamp(percent, min_text_percent, max_text_percent); }

int next_text_step(int percent) {
    percent = clamp_text_percent(percent);
    for (int s : text_steps)
        if (s > percent) return s;
    return percent;
}

int previous_text_step(int percent) {
    percent = clamp_text_percent(percent);
    for (auto it = text_steps.rbegin(); it != text_steps.rend(); ++it)
        if (*it < percent) return *it;
    return percent;
}

int text_percent_from_setting(const std::string& stored, const std::string& legacy_font_step) {
    if (!stored.empty()) {
        char* end = nullptr;
        long v = std::strtol(stored.c_str(), &end, 10);
        if (end && *end == '\0' && end != stored.c_str()) return clamp_text_percent(static_cast<int>(std::clamp(v, 0L, 1000L)));
        return min_text_percent;
    }
    if (!legacy_font_step.empty()) {
        // The old steps were 85, 100, 115, 130, 150 and 175%.
        static constexpr int legacy[] = {100, 100, 115, 130, 150, 175};
        int step = std::clamp(std::atoi(legacy_font_step.c_str()), 0, 5);
        return legacy[step];
    }
    return min_text_percent;
}

} // namespace kiosk
