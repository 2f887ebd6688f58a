// Stable reason codes for content::Reason; see error.hpp.
#include "content/error.hpp"

namespace content {

std::string_view reason_code(Reason r) {
    switch (r) {
    case Reason::usage: return "E_USAGE";
    case Reason::io: return "E_IO";
    case Reason::no_space: return "E_NO_SPACE";
    case Reason::too_large: return "E_TOO_LARGE";
    case Reason::format: return "E_FORMAT";
    case Reason::corrupt: return "E_CORRUPT";
    case Reason::signature: return "E_SIGNATURE";
    case Reason::key_mismatch: return "E_KEY_MISMATCH";
    case Reason::legacy_signature: return "E_LEGACY_SIGNATURE";
    case Reason::schema: return "E_SCHEMA";
    case Reason::manifest: return "E_MANIFEST";
    case Reason::expired: return "E_EXPIRED";
    case Reason::future_dated: return "E_FUTURE_DATED";
    case Reason::untrusted_key: return "E_UNTRUSTED_KEY";
    case Reason::channel_not_allowed: return "E_CHANNEL_NOT_ALLOWED";
    case Reason::rollback: return "E_ROLLBACK";
    case Reason::same_version: return "E_SAME_VERSION";
    case Reason::kiosk_too_old: return "E_KIOSK_TOO_OLD";
    case Reason::cancelled: return "E_CANCELLED";
    case Reason::disclosure: return "E_DISCLOSURE";
    case Reason::personal_data: return "E_PERSONAL_DATA";
    case Reason::source: return "E_SOURCE";
    case Reason::not_found: return "E_NOT_FOUND";
    case Reason::pin: return "E_PIN";
    case Reason::locked: return "E_LOCKED";
    case Reason::pin_mismatch: return "E_PIN_MISMATCH";
    case Reason::pin_too_short: return "E_PIN_SHORT";
    case Reason::busy: return "E_BUSY";
    case Reason::no_signature: return "E_NO_SIGNATURE";
    case Reason::not_software_key: return "E_NOT_SOFTWARE_KEY";
    case Reason::downgrade: return "E_DOWNGRADE";
    case Reason::wrong_arch: return "E_WRONG_ARCH";
    case Reason::truncated: return "E_TRUNCATED";
    case Reason::stick_removed: return "E_STICK_REMOVED";
    case Reason::install_failed: return "E_INSTALL_FAILED";
    case Reason::internal: return "E_INTERNAL";
    }
    return "E_INTERNAL";
}

std::string Error::line() const {
    std::string s(reason_code(reason));
    s += ": ";
    for (char c : message) s += (c == '\n' || c == '\r') ? ' ' : c;  // always one line
    return s;
}

} // namespace content
