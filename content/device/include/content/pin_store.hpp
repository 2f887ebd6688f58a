// Why this file exists: the admin PIN. Stored as an Argon2id hash
// (crypto_pwhash_str); every failed attempt is written before the PIN is
// checked, so pulling the power mid-check does not reset the count; backoff
// grows with each failure and is measured in elapsed running time, not the
// wall clock, so setting the clock forward does not end a lockout and a
// restart does not either.
#pragma once
#include "content/error.hpp"
#include "content/state_store.hpp"

#include <cstdint>
#include <string>

namespace content {

// Argon2id cost chosen for a 1 GB board: 64 MiB, 3 passes (about 0.1 s on a
// desktop x86 core, about 0.5-0.8 s on a Raspberry Pi 4).
inline constexpr unsigned long long pin_opslimit = 3;
inline constexpr std::size_t pin_memlimit = 64ull << 20;
inline constexpr int pin_max_failures = 100;

// Seconds of lockout after `failures` consecutive failures: none for the
// first 3, then 2, 4, 8 ... up to 900.
[[nodiscard]] std::int64_t pin_backoff_seconds(int failures);

class PinStore {
public:
    explicit PinStore(StateStore& state) : m_state(state) {}

    // Sets the PIN (4-12 digits), resetting failures. E_USAGE for a bad PIN.
    [[nodiscard]] Status set_pin(const std::string& pin);
    [[nodiscard]] Result<bool> is_set();
    // Checks a PIN. E_LOCKED while locked out (with seconds left in the
    // message), E_PIN when wrong (after recording the failure), E_NOT_FOUND
    // when no PIN is set.
    [[nodiscard]] Status check(const std::string& pin);
    [[nodiscard]] Result<int> failures();
    // Seconds of lockout left (0 when none).
    [[nodiscard]] Result<std::int64_t> locked_for();

    // Test hooks: the monotonic clock (ms) and boot id.
    std::int64_t (*monotonic_ms)() = nullptr;
    std::string boot_id_override;

private:
    std::int64_t now_ms() const;
    std::string boot_id() const;
    StateStore& m_state;
};

} // namespace content
