// Training session state; see training_session.hpp.
#include "kiosk/training_session.hpp"

#include "content/dates.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace kiosk {

void TrainingSession::start(const content::Module& m, SessionMode md, std::int64_t now) {
    clear();
    module = &m;
    mode = md;
    started_at = now;
    shown.assign(m.slides.size(), false);
    go_to(0);
}

int TrainingSession::slide_count() const { return module ? static_cast<int>(module->slides.size()) : 0; }

void TrainingSession::go_to(int index) {
    if (!module || module->slides.empty()) return;
    int to = std::clamp(index, 0, slide_count() - 1);
    if (to != slide) blank = Blank::none;
    slide = to;
    if (static_cast<std::size_t>(slide) < shown.size()) shown[static_cast<std::size_t>(slide)] = true;
}

void TrainingSession::key(ClickerKey k) {
    if (blank != Blank::none) {  // as presentation tools do: the first key shows the slide again
        blank = Blank::none;
        return;
    }
    switch (k) {
    case ClickerKey::next: go_to(slide + 1); break;
    case ClickerKey::previous: go_to(slide - 1); break;
    case ClickerKey::first: go_to(0); break;
    case ClickerKey::last: go_to(slide_count() - 1); break;
    }
}

void TrainingSession::toggle_blank(Blank b) { blank = blank == b ? Blank::none : b; }

void TrainingSession::type_digit(int digit) {
    if (digit < 0 || digit > 9 || jump.size() >= 3) return;
    jump += static_cast<char>('0' + digit);
}

bool TrainingSession::enter() {
    if (jump.empty()) return false;
    int n = std::atoi(jump.c_str());
    jump.clear();
    go_to(n - 1);
    return true;
}

void TrainingSession::reveal() {
    const content::Slide* s = current();
    if (!s || !s->question) return;
    revealed[slide] = true;
    tallies[slide].resize(s->question->options.size(), 0);
}

const content::Slide* TrainingSession::current() const {
    if (!module || slide >= slide_count()) return nullptr;
    return &module->slides[static_cast<std::size_t>(slide)];
}

const content::Slide* TrainingSession::next_slide() const {
    if (!module || slide + 1 >= slide_count()) return nullptr;
    return &module->slides[static_cast<std::size_t>(slide + 1)];
}

TimerState TrainingSession::timer(std::int64_t now) const {
    if (!module || module->duration_min <= 0) return TimerState::on_time;
    double planned = static_cast<double>(module->duration_min) * 60.0;
    double used = static_cast<double>(elapsed(now)) / planned;
    if (used > 1.0) return TimerState::over_time;
    double done = slide_count() ? static_cast<double>(slide + 1) / slide_count() : 1.0;
    return used > done + 0.10 ? TimerState::behind : TimerState::on_time;
}

void TrainingSession::tally(int option, int delta) {
    const content::Slide* s = current();
    if (!s || !s->question) return;
    auto& t = tallies[slide];
    t.resize(s->question->options.size(), 0);
    if (option < 0 || option >= static_cast<int>(t.size())) return;
    t[static_cast<std::size_t>(option)] = std::max(0, t[static_cast<std::size_t>(option)] + delta);
}

void TrainingSession::answer(int option) {
    const content::Slide* s = current();
    if (!s || !s->question || answers.count(slide)) return;
    if (option < 0 || option >= static_cast<int>(s->question->options.size())) return;
    answers[slide] = option;
}

int TrainingSession::questions() const {
    int n = 0;
    if (module)
        for (auto& s : module->slides) n += s.question ? 1 : 0;
    return n;
}

int TrainingSession::correct() const {
    int n = 0;
    for (auto& [i, a] : answers)
        if (module->slides[static_cast<std::size_t>(i)].question && module->slides[static_cast<std::size_t>(i)].question->answer == a) ++n;
    return n;
}

int TrainingSession::answered() const { return static_cast<int>(answers.size()); }

std::string TrainingSession::progress_text() const {
    return "slide " + std::to_string(slide + 1) + " of " + std::to_string(slide_count()) + ", " + std::to_string(answered()) + " of " +
           std::to_string(questions()) + " checks answered";
}

std::vector<int> TrainingSession::to_revisit() const {
    std::vector<int> out;
    for (int i = 0; i < slide_count(); ++i) {
        const auto& q = module->slides[static_cast<std::size_t>(i)].question;
        if (!q) continue;
        auto it = answers.find(i);
        if (it == answers.end() || it->second != q->answer) out.push_back(i);
    }
    return out;
}

std::string TrainingSession::record_json(std::int64_t now, SessionOutcome outcome) const {
    nlohmann::json j;
    if (!module) return "{}";
    j["module_id"] = module->id;
    j["module_title"] = module->title;
    j["module_version"] = module_version;
    j["channel"] = channel;
    j["trainer"] = trainer;
    j["started_at"] = content::format_utc(started_at);
    j["ended_at"] = content::format_utc(ended_at ? ended_at : now);
    int n_shown = 0;
    for (bool b : shown) n_shown += b ? 1 : 0;
    j["slides_shown"] = n_shown;
    j["attendees"] = attendees;
    j["outcome"] = outcome == SessionOutcome::ended ? "ended" : "not ended";
    nlohmann::json t = nlohmann::json::array();
    for (auto& [i, counts] : tallies) {
        const auto& s = module->slides[static_cast<std::size_t>(i)];
        if (!s.question) continue;
        t.push_back({{"slide", s.ord}, {"question", s.question->prompt}, {"options", s.question->options}, {"counts", counts}, {"answer", s.question->answer}});
    }
    j["tallies"] = t;
    return j.dump();
}

std::string clock_text(std::int64_t s) {
    char buf[32];
    if (s < 0) s = 0;
    std::snprintf(buf, sizeof buf, "%lld:%02lld", static_cast<long long>(s / 60), static_cast<long long>(s % 60));
    return buf;
}

} // namespace kiosk
