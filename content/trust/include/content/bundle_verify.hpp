// Why this file exists: verification is a step of its own, separate from
// install (as in RAUC). It answers one question: are these exact bytes a
// well-formed kiosk-bundle/1 or /2 signed by this key? No SQL touches a file before
// its signature has been checked.
#pragma once
#include "content/error.hpp"
#include "content/limits.hpp"
#include "content/manifest.hpp"
#include "content/minisign.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>

namespace content {

inline constexpr std::uint64_t default_max_bundle_bytes = limits::bundle_bytes;

struct VerifyOptions {
    std::uint64_t max_bytes = default_max_bundle_bytes;
    std::optional<std::int64_t> now;  // when set, refuse bundles expired at this time
};

struct VerifiedBundle {
    Manifest manifest;
    minisign::Signature signature;
    std::uint64_t size = 0;
};

// Checks the file header only (no SQL): SQLite magic (E_FORMAT), rollback
// journal mode not WAL (E_FORMAT), declared size within `max_bytes`
// (E_TOO_LARGE) and equal to the real size `actual_size` (E_CORRUPT).
[[nodiscard]] Status check_header(const std::filesystem::path& path, std::uint64_t actual_size, std::uint64_t max_bytes);

// Checks the contents of a file whose signature has already been verified:
// header, integrity_check, exact schema, manifest, and expiry if opts.now is
// set. Opens the file read-only, immutable and defensive.
[[nodiscard]] Result<Manifest> check_contents(const std::filesystem::path& path, const VerifyOptions& opts);

// Full verification of a bundle and its .minisig against one public key:
// size cap, signature (before any SQL), then check_contents.
[[nodiscard]] Result<VerifiedBundle> verify_bundle(const std::filesystem::path& bundle,
                                                   const std::filesystem::path& signature,
                                                   const minisign::PublicKey& key, const VerifyOptions& opts);

// The signature path beside a bundle: "X.kbundle" -> "X.kbundle.minisig".
[[nodiscard]] std::filesystem::path signature_path_for(const std::filesystem::path& bundle);

// Loads a .minisig, mapping every parse failure to E_SIGNATURE (a signature
// that cannot be read cannot vouch for anything) except a missing file (E_SIGNATURE too).
[[nodiscard]] Result<minisign::Signature> load_bundle_signature(const std::filesystem::path& sig_path);

} // namespace content
