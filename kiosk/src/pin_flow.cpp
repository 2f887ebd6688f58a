// The admin PIN screens' state machine; see pin_flow.hpp.
#include "kiosk/pin_flow.hpp"

#include <utility>

namespace kiosk {

void PinFlow::start(PinPurpose purpose) {
    m_purpose = purpose;
    m_step = purpose == PinPurpose::unlock ? PinStep::enter : purpose == PinPurpose::change ? PinStep::old_pin : PinStep::new_pin;
    m_entry.clear();
    m_old.clear();
    m_new.clear();
    m_error.reset();
}

void PinFlow::digit(char d) {
    if (m_step == PinStep::working || m_step == PinStep::done) return;
    if (d < '0' || d > '9' || m_entry.size() >= pin_max_digits) return;
    m_entry += d;
}

void PinFlow::clear() {
    if (m_step != PinStep::working) m_entry.clear();
}

PinRequest PinFlow::submit() {
    PinRequest req;
    std::string entry = std::exchange(m_entry, std::string());
    switch (m_step) {
    case PinStep::enter:
    case PinStep::old_pin:
        if (entry.empty()) return req;
        m_error.reset();
        m_old = entry;
        m_waiting_for = m_step;
        m_step = PinStep::working;
        return PinRequest{PinRequest::Kind::check, entry, ""};
    case PinStep::new_pin:
        if (entry.size() < pin_min_digits) {
            m_error = content::Error{content::Reason::pin_too_short, "A PIN needs at least 4 digits. Choose a longer one."};
            return req;
        }
        m_error.reset();
        m_new = entry;
        m_step = PinStep::confirm;
        return req;
    case PinStep::confirm:
        if (entry != m_new) {
            m_error = content::Error{content::Reason::pin_mismatch, "The two PINs were not the same. Choose the new PIN again."};
            m_new.clear();
            m_step = PinStep::new_pin;
            return req;
        }
        m_error.reset();
        m_waiting_for = PinStep::confirm;
        m_step = PinStep::working;
        return PinRequest{PinRequest::Kind::change, m_purpose == PinPurpose::change ? m_old : std::string(), m_new};
    case PinStep::working:
    case PinStep::done: break;
    }
    return req;
}

void PinFlow::finished(const content::Status& result) {
    if (m_step != PinStep::working) return;
    if (!result) {
        m_error = result.error();
        // A refused new PIN is chosen again; a wrong or locked PIN is entered again.
        m_step = m_waiting_for == PinStep::confirm ? (result.error().reason == content::Reason::pin && m_purpose == PinPurpose::change ? PinStep::old_pin : PinStep::new_pin)
                                                   : m_waiting_for;
        if (m_step != PinStep::confirm) m_new.clear();
        return;
    }
    m_error.reset();
    if (m_waiting_for == PinStep::old_pin) {
        m_step = PinStep::new_pin;
        return;
    }
    m_old.clear();
    m_new.clear();
    m_step = PinStep::done;
}

std::string PinFlow::prompt() const {
    switch (m_step) {
    case PinStep::enter: return "Enter the admin PIN";
    case PinStep::old_pin: return "Enter the current admin PIN";
    case PinStep::new_pin: return m_purpose == PinPurpose::choose ? "Choose an admin PIN (4 to 12 digits)" : "Choose a new admin PIN (4 to 12 digits)";
    case PinStep::confirm: return "Enter the same PIN again";
    case PinStep::working: return m_waiting_for == PinStep::confirm ? "Saving the PIN..." : "Checking the PIN...";
    case PinStep::done: return m_purpose == PinPurpose::unlock ? "Unlocked" : "The admin PIN is saved.";
    }
    return "";
}

} // namespace kiosk
