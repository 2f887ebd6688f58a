// Why this file exists: the state of a training session, kept apart from
// drawing so it is unit-tested directly: slide navigation (including what
// presentation clickers send), the session timer, the room's show-of-hands
// tallies (aggregate counts only), and self-paced scoring.
#pragma once
#include "content/model.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kiosk {

enum class SessionMode { presenter, self_paced };
enum class TimerState { on_time, behind, over_time };
enum class ClickerKey { next, previous, first, last };
// What the projector shows: the slide, or a blank screen (as presentation tools do with B/. and W).
enum class Blank { none, black, white };
// How a session's record came to be saved: the trainer ended it, or it was
// left idle past the kiosk's idle reset and saved so it is never lost.
enum class SessionOutcome { ended, not_ended };

struct TrainingSession {
    const content::Module* module = nullptr;
    std::string channel;
    std::int64_t module_version = 0;
    SessionMode mode = SessionMode::presenter;
    int slide = 0;                          // 0-based
    std::int64_t started_at = 0, ended_at = 0;
    std::vector<bool> shown;                // which slides have been shown
    std::map<int, std::vector<int>> tallies;  // slide -> count per option (presenter)
    std::map<int, bool> revealed;             // slide -> answer revealed (presenter)
    std::map<int, int> answers;               // slide -> chosen option (self-paced)
    std::string trainer;
    int attendees = 0;
    Blank blank = Blank::none;                // presenter: the projector is blanked
    std::string jump;                         // presenter: slide number typed so far (digits, then Enter)
    bool completion_counted = false;          // self-paced: this run's completion was tallied

    void start(const content::Module& m, SessionMode mode, std::int64_t now);
    [[nodiscard]] bool active() const { return module != nullptr; }
    [[nodiscard]] int slide_count() const;
    // Moves to `index` (clamped). Marks it shown.
    void go_to(int index);
    void key(ClickerKey k);
    // B/. and W: blanks the projector to black or white; the same key again
    // (or any slide change) shows the slide again.
    void toggle_blank(Blank b);
    // Number keys then Enter: `digit` 0-9 adds to the typed number (at most
    // three digits); enter() goes to that slide (1-based, clamped) and clears
    // it; returns true when a number had been typed.
    void type_digit(int digit);
    bool enter();
    // Presenter: shows the current question's answer (and the room's tallies)
    // on both screens. No effect on a slide without a question.
    void reveal();
    [[nodiscard]] bool is_revealed() const { auto it = revealed.find(slide); return it != revealed.end() && it->second; }
    [[nodiscard]] const content::Slide* current() const;
    [[nodiscard]] const content::Slide* next_slide() const;

    // Timer: on_time, behind (elapsed share of the planned time runs ahead of
    // the share of slides done by more than 10 points), over_time (past plan).
    [[nodiscard]] TimerState timer(std::int64_t now) const;
    [[nodiscard]] std::int64_t elapsed(std::int64_t now) const { return module ? now - started_at : 0; }

    // Presenter tallies: +1/-1 for an option on the current question slide.
    void tally(int option, int delta);
    // Self-paced: records the chosen option for the current question (first answer sticks).
    void answer(int option);
    [[nodiscard]] int questions() const;
    [[nodiscard]] int correct() const;
    [[nodiscard]] int answered() const;
    // Self-paced: "slide 7 of 12, 2 of 4 checks answered".
    [[nodiscard]] std::string progress_text() const;
    // Self-paced: 0-based question slides answered wrongly or not at all, in order.
    [[nodiscard]] std::vector<int> to_revisit() const;

    // The session record (no personal data beyond the trainer's name) as JSON.
    // "outcome" is "ended" or "not ended" (left idle past the idle reset).
    [[nodiscard]] std::string record_json(std::int64_t now, SessionOutcome outcome = SessionOutcome::ended) const;
    void clear() { *this = TrainingSession{}; }
};

// "12:05" for seconds.
[[nodiscard]] std::string clock_text(std::int64_t seconds);

} // namespace kiosk
