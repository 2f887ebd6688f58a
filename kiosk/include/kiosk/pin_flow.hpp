// Why this file exists: the admin PIN screens as a small state machine, kept
// apart from drawing so tests can walk it: unlocking (enter the PIN),
// choosing the first PIN on the device (enter it twice), and changing it (the
// old PIN first, checked on the worker, then the new one twice). It never
// hashes anything itself: it returns requests that the admin view passes to
// Services (start_pin_check, start_pin_change), whose workers run Argon2id
// off the UI thread, and takes their results back.
#pragma once
#include "content/error.hpp"

#include <optional>
#include <string>

namespace kiosk {

inline constexpr std::size_t pin_min_digits = 4;
inline constexpr std::size_t pin_max_digits = 12;

enum class PinPurpose { unlock, choose, change };
enum class PinStep { enter, old_pin, new_pin, confirm, working, done };

// What the flow needs from the device after OK.
struct PinRequest {
    enum class Kind { none, check, change } kind = Kind::none;
    std::string old_pin, new_pin;  // check: old_pin is the PIN to check; change: old_pin empty when choosing the first
};

class PinFlow {
public:
    // Starts over for `purpose` (forgets digits, messages and results).
    void start(PinPurpose purpose);
    [[nodiscard]] PinPurpose purpose() const { return m_purpose; }
    [[nodiscard]] PinStep step() const { return m_step; }

    // Keypad input; ignored while the worker runs or beyond 12 digits.
    void digit(char d);
    void clear();
    // OK. Returns the request to start now, if any. A too-short new PIN
    // (E_PIN_SHORT) or a confirmation that differs (E_PIN_MISMATCH) is
    // refused here, with a sentence in error(), and asks for it again.
    [[nodiscard]] PinRequest submit();
    // The worker's answer to the last request. E_PIN / E_LOCKED keep the
    // step (enter again); success moves on (unlock/choose/change -> done,
    // the old PIN checked -> new_pin).
    void finished(const content::Status& result);

    [[nodiscard]] std::size_t digits() const { return m_entry.size(); }
    [[nodiscard]] const std::optional<content::Error>& error() const { return m_error; }
    // What to ask for at this step, as a plain sentence.
    [[nodiscard]] std::string prompt() const;
    [[nodiscard]] bool done() const { return m_step == PinStep::done; }

private:
    PinPurpose m_purpose = PinPurpose::unlock;
    PinStep m_step = PinStep::enter;
    PinStep m_waiting_for = PinStep::enter;  // the step the running request answers
    std::string m_entry, m_old, m_new;
    std::optional<content::Error> m_error;
};

} // namespace kiosk
