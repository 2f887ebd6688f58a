// Admin PIN with persistent, clock-proof lockout; see pin_store.hpp.
#include "content/pin_store.hpp"
#include "content/state_db.hpp"
#include "content/file_io.hpp"

#include <sodium.h>

#include <algorithm>
#include <ctime>

namespace content {
namespace {

constexpr std::string_view k_pin_ddl = R"SQL(
CREATE TABLE IF NOT EXISTS admin_pin(
  id INTEGER PRIMARY KEY CHECK (id = 1),
  hash TEXT NOT NULL,
  failures INTEGER NOT NULL DEFAULT 0,
  lock_remaining_ms INTEGER NOT NULL DEFAULT 0,
  lock_seen_ms INTEGER NOT NULL DEFAULT 0,
  boot_id TEXT NOT NULL DEFAULT ''
);
)SQL";

std::int64_t boottime_ms() {
    timespec ts{};
    clock_gettime(CLOCK_BOOTTIME, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

} // namespace

std::int64_t pin_backoff_seconds(int failures) {
    if (failures < 3) return 0;
    std::int64_t s = std::int64_t{1} << std::min(failures - 2, 10);
    return std::min<std::int64_t>(s, 900);
}

std::int64_t PinStore::now_ms() const { return monotonic_ms ? monotonic_ms() : boottime_ms(); }

std::string PinStore::boot_id() const {
    if (!boot_id_override.empty()) return boot_id_override;
    auto id = file_io::read_file("/proc/sys/kernel/random/boot_id", 128);
    return id ? *id : std::string("unknown");
}

Status PinStore::set_pin(const std::string& pin) {
    if (pin.size() < 4 || pin.size() > 12 || !std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return fail(Reason::usage, "The PIN must be 4 to 12 digits.");
    if (sodium_init() < 0) return fail(Reason::internal, "The cryptography library could not start.");
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, pin.c_str(), pin.size(), pin_opslimit, pin_memlimit) != 0)
        return fail(Reason::internal, "Hashing the PIN ran out of memory.");
    if (auto s = state_db(m_state).exec(k_pin_ddl); !s) return s;
    auto st = state_db(m_state).prepare("INSERT OR REPLACE INTO admin_pin(id, hash, failures, lock_remaining_ms, lock_seen_ms, boot_id) VALUES (1, ?1, 0, 0, 0, '')");
    if (!st) return std::unexpected(st.error());
    if (auto r = st->bind(1, std::string_view(hash)).run(); !r) return r;
    return m_state.audit("pin", "", 0, "ok", "admin PIN set");
}

Result<bool> PinStore::is_set() {
    if (auto s = state_db(m_state).exec(k_pin_ddl); !s) return std::unexpected(s.error());
    auto n = state_db(m_state).query_int("SELECT count(*) FROM admin_pin");
    if (!n) return std::unexpected(n.error());
    return *n > 0;
}

Result<int> PinStore::failures() {
    auto n = state_db(m_state).query_int("SELECT coalesce(max(failures), 0) FROM admin_pin");
    if (!n) return std::unexpected(n.error());
    return static_cast<int>(*n);
}

Result<std::int64_t> PinStore::locked_for() {
    if (auto s = state_db(m_state).exec(k_pin_ddl); !s) return std::unexpected(s.error());
    auto st = state_db(m_state).prepare("SELECT lock_remaining_ms, lock_seen_ms, boot_id FROM admin_pin WHERE id=1");
    if (!st) return std::unexpected(st.error());
    auto row = st->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return 0;
    std::int64_t remaining = st->int64(0), seen = st->int64(1);
    std::string boot = st->text(2);
    std::int64_t now = now_ms();
    // Time passes only while running in this boot; a restart keeps what was left.
    if (boot == boot_id() && now >= seen) remaining -= now - seen;
    remaining = std::max<std::int64_t>(0, remaining);
    st->reset();
    auto up = state_db(m_state).prepare("UPDATE admin_pin SET lock_remaining_ms=?1, lock_seen_ms=?2, boot_id=?3 WHERE id=1");
    if (!up) return std::unexpected(up.error());
    if (auto r = up->bind(1, remaining).bind(2, now).bind(3, boot_id()).run(); !r) return std::unexpected(r.error());
    return (remaining + 999) / 1000;
}

Status PinStore::check(const std::string& pin) {
    auto set = is_set();
    if (!set) return std::unexpected(set.error());
    if (!*set) return fail(Reason::not_found, "No admin PIN is set on this kiosk.");
    auto left = locked_for();
    if (!left) return std::unexpected(left.error());
    auto fails = failures();
    if (!fails) return std::unexpected(fails.error());
    if (*fails >= pin_max_failures)
        return fail(Reason::locked, "Too many wrong PINs: administration is locked. Re-provision the PIN with kiosk --set-pin.");
    if (*left > 0) return fail(Reason::locked, "Too many wrong PINs. Try again in " + std::to_string(*left) + " seconds.");
    // Record the attempt as a failure first; undo it only if the PIN is right.
    int next = *fails + 1;
    auto up = state_db(m_state).prepare("UPDATE admin_pin SET failures=?1, lock_remaining_ms=?2, lock_seen_ms=?3, boot_id=?4 WHERE id=1");
    if (!up) return std::unexpected(up.error());
    if (auto r = up->bind(1, std::int64_t{next}).bind(2, pin_backoff_seconds(next) * 1000).bind(3, now_ms()).bind(4, boot_id()).run(); !r) return r;
    auto hs = state_db(m_state).query_text("SELECT hash FROM admin_pin WHERE id=1");
    if (!hs || !*hs) return fail(Reason::corrupt, "The stored PIN could not be read.");
    if (sodium_init() < 0) return fail(Reason::internal, "The cryptography library could not start.");
    if (crypto_pwhash_str_verify((*hs)->c_str(), pin.c_str(), pin.size()) != 0) {
        (void)m_state.audit("pin", "", 0, "E_PIN", "wrong admin PIN (" + std::to_string(next) + " in a row)");
        std::int64_t wait = pin_backoff_seconds(next);
        return fail(Reason::pin, "That PIN is not right." + (wait ? " Wait " + std::to_string(wait) + " seconds before trying again." : std::string()));
    }
    if (auto r = state_db(m_state).exec("UPDATE admin_pin SET failures=0, lock_remaining_ms=0"); !r) return r;
    (void)m_state.audit("pin", "", 0, "ok", "admin unlocked");
    return {};
}

} // namespace content
