// Why this file exists: every fallible operation in the content library returns
// std::expected<T, Error>. The reason codes are a stable contract: the CLI prints
// them first on a line, tests match them, and operators search logs for them.
#pragma once
#include <expected>
#include <string>
#include <string_view>

namespace content {

enum class Reason {
    usage,             // E_USAGE: the caller asked for something malformed
    io,                // E_IO: a read or write failed (pulled stick, EIO)
    no_space,          // E_NO_SPACE: the disk is full
    too_large,         // E_TOO_LARGE: over a size cap
    format,            // E_FORMAT: not the documented format
    corrupt,           // E_CORRUPT: the bytes are damaged or inconsistent
    signature,         // E_SIGNATURE: the signature does not verify
    key_mismatch,      // E_KEY_MISMATCH: signed by a different key
    legacy_signature,  // E_LEGACY_SIGNATURE: minisign "Ed" (non-prehashed)
    schema,            // E_SCHEMA: tables/columns/triggers outside the schema
    manifest,          // E_MANIFEST: a manifest field is missing or mistyped
    expired,           // E_EXPIRED: past its expiry date
    future_dated,      // E_FUTURE_DATED: signed implausibly far ahead of the channel's newest time
    untrusted_key,     // E_UNTRUSTED_KEY: the key is not trusted on this kiosk
    channel_not_allowed, // E_CHANNEL_NOT_ALLOWED: key may not publish this channel
    rollback,          // E_ROLLBACK: older than the highest version ever accepted
    same_version,      // E_SAME_VERSION: already installed (a no-op)
    kiosk_too_old,     // E_KIOSK_TOO_OLD: min_kiosk_version not met
    cancelled,         // E_CANCELLED: the user cancelled
    disclosure,        // E_DISCLOSURE: breaks statistical disclosure rules
    personal_data,     // E_PERSONAL_DATA: looks like individual-level data
    source,            // E_SOURCE: a publisher source file is wrong
    not_found,         // E_NOT_FOUND: no such thing
    pin,               // E_PIN: wrong PIN
    locked,            // E_LOCKED: too many wrong PINs; wait
    pin_mismatch,      // E_PIN_MISMATCH: a new PIN and its confirmation differ
    pin_too_short,     // E_PIN_SHORT: a new PIN has fewer than 4 digits
    busy,              // E_BUSY: another process holds the data directory lock
    // Software updates (issue 21): what the update helper refuses.
    no_signature,      // E_NO_SIGNATURE: a package came without its .minisig
    not_software_key,  // E_NOT_SOFTWARE_KEY: signed by a key trusted for content only
    downgrade,         // E_DOWNGRADE: older than the installed software
    wrong_arch,        // E_WRONG_ARCH: built for another architecture
    truncated,         // E_TRUNCATED: the file ends before its archive does
    stick_removed,     // E_STICK_REMOVED: the stick went away while being read
    install_failed,    // E_INSTALL_FAILED: dpkg or a maintainer script failed (rolled back)
    internal,          // E_INTERNAL: a bug; please report it
};

// Returns the stable code, e.g. "E_SIGNATURE". Never empty.
[[nodiscard]] std::string_view reason_code(Reason r);

struct Error {
    Reason reason = Reason::internal;
    std::string message;   // one plain-English sentence (or two), no code prefix

    // "E_CODE: message" as printed by the command-line tools.
    [[nodiscard]] std::string line() const;
};

template <class T>
using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

[[nodiscard]] inline std::unexpected<Error> fail(Reason r, std::string msg) {
    return std::unexpected<Error>(Error{r, std::move(msg)});
}

} // namespace content
