// Why this file exists: bundles and exported records are signed in minisign's
// format so that councils can check them with the stock `minisign` tool and our
// kiosk can check files signed by it. This is a clean implementation of the file
// formats (keys, .minisig) over libsodium; it never shells out.
#pragma once
#include "content/error.hpp"

#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace content::minisign {

using KeyId = std::array<std::uint8_t, 8>;
using Hash = std::array<std::uint8_t, 64>;       // BLAKE2b-512 prehash
using SigBytes = std::array<std::uint8_t, 64>;   // Ed25519 signature

inline constexpr std::size_t max_signature_file_bytes = 16 * 1024;
inline constexpr std::size_t max_trusted_comment_bytes = 8192;
inline constexpr std::size_t max_untrusted_comment_bytes = 1024;

struct PublicKey {
    KeyId key_id{};
    std::array<std::uint8_t, 32> pk{};
    // Upper-case hex of key_id read as little-endian uint64, not zero-padded
    // (as minisign prints it).
    [[nodiscard]] std::string key_id_hex() const;
};

struct SecretKey {
    KeyId key_id{};
    std::array<std::uint8_t, 64> sk{};  // libsodium layout: seed || public key
    [[nodiscard]] PublicKey public_key() const;
};

struct Signature {
    std::array<std::uint8_t, 2> algorithm{};  // 'E','D' prehashed; 'E','d' legacy
    KeyId key_id{};
    SigBytes signature{};
    std::string untrusted_comment;  // without the "untrusted comment: " prefix
    std::string trusted_comment;    // without the "trusted comment: " prefix
    SigBytes global_signature{};
};

enum class Encrypted { no, yes };

// Returns a fresh random key pair. Never fails once libsodium is initialised.
[[nodiscard]] SecretKey generate_key();

// Parses a public key file's text. Refuses (E_FORMAT) anything but two lines
// with a 42-byte "Ed"-prefixed base64 key on line 2.
[[nodiscard]] Result<PublicKey> parse_public_key(std::string_view text);
[[nodiscard]] Result<PublicKey> load_public_key(const std::filesystem::path& path);
// Returns the text of a public key file, ending in LF.
[[nodiscard]] std::string format_public_key(const PublicKey& key);

// Parses a secret key file. An scrypt-encrypted key needs `password`; without
// one it is refused with E_USAGE. A wrong password is E_KEY_MISMATCH.
[[nodiscard]] Result<SecretKey> parse_secret_key(std::string_view text, const std::string* password);
[[nodiscard]] Result<SecretKey> load_secret_key(const std::filesystem::path& path, const std::string* password);
// Returns the text of an unencrypted secret key file (as `minisign -G -W`).
[[nodiscard]] std::string format_secret_key(const SecretKey& key);

// Parses .minisig text. Refuses (E_FORMAT) wrong line counts, bad base64,
// over-long comments and unknown algorithms; legacy "Ed" parses (so callers can
// say precisely why they refuse it) but verify() refuses it.
[[nodiscard]] Result<Signature> parse_signature(std::string_view text);
[[nodiscard]] Result<Signature> load_signature(const std::filesystem::path& path);
[[nodiscard]] std::string format_signature(const Signature& sig);

// Streaming BLAKE2b-512, so a file can be hashed while it is being copied.
class Hasher {
public:
    Hasher();
    void update(const void* data, std::size_t len);
    [[nodiscard]] Hash finish();
private:
    alignas(64) unsigned char m_state[384];
};

// Hashes a whole file. `on_bytes` (optional) is told the running byte count.
[[nodiscard]] Result<Hash> hash_file(const std::filesystem::path& path,
                                     const std::function<void(std::uint64_t)>& on_bytes = {});

// Signs a prehash. A line break in either comment becomes a space (a
// .minisig line cannot hold one). Any thread.
[[nodiscard]] Signature sign_prehashed(const SecretKey& key, const Hash& hash,
                                       std::string trusted_comment,
                                       std::string untrusted_comment = "signature from kiosk-bundle secret key");

// The trusted comment stock `minisign -S` writes: timestamp, file name, "hashed".
[[nodiscard]] std::string default_trusted_comment(std::int64_t unix_time, const std::string& file_name);

// Checks a signature over a prehash in minisign's order: algorithm (legacy "Ed"
// is E_LEGACY_SIGNATURE), key id (E_KEY_MISMATCH), signature and then global
// signature over the trusted comment (both E_SIGNATURE).
[[nodiscard]] Status verify_prehashed(const PublicKey& key, const Signature& sig, const Hash& hash);

// Convenience for small files: hash `path`, then verify.
[[nodiscard]] Status verify_file(const PublicKey& key, const Signature& sig, const std::filesystem::path& path);

} // namespace content::minisign
