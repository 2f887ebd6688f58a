// minisign key and signature formats over libsodium; see minisign.hpp.
#include "content/minisign.hpp"
#include "content/file_io.hpp"
#include "content/untrusted_file.hpp"

#include <sodium.h>

#include <cctype>
#include <cstdio>
#include <cstring>
#include <vector>
#include <fcntl.h>
#include <unistd.h>
#include <cerrno>

namespace content::minisign {
namespace {

constexpr std::string_view untrusted_prefix = "untrusted comment: ";
constexpr std::string_view trusted_prefix = "trusted comment: ";

struct SodiumInit {
    SodiumInit() {
        if (sodium_init() < 0) std::abort();  // libsodium cannot work at all
    }
};
const SodiumInit& sodium() {
    static SodiumInit init;
    return init;
}

// Splits into lines, tolerating CRLF and a missing final newline. Every
// trailing CR goes, as minisign's own reader trims them, so a comment is
// read (and its signature checked) exactly as minisign reads it.
std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t nl = text.find('\n', pos);
        std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        while (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back(line);
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
    }
    while (!lines.empty() && lines.back().empty()) lines.pop_back();
    return lines;
}

Result<std::vector<std::uint8_t>> decode_b64(std::string_view b64, std::size_t expected, std::string_view what) {
    // libsodium 1.0.18's decoder reads some bytes over 0x7F as '+' or '/'
    // (found by fuzzing), so the alphabet is checked here first.
    for (char c : b64)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '/' && c != '=')
            return fail(Reason::format, std::string(what) + " is not valid: its base64 line holds a character base64 does not use.");
    std::vector<std::uint8_t> out(expected + 8);
    std::size_t len = 0;
    const char* end = nullptr;
    if (sodium_base642bin(out.data(), out.size(), b64.data(), b64.size(), nullptr, &len, &end,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != b64.data() + b64.size() || len != expected)
        return fail(Reason::format, std::string(what) + " is not valid: its base64 line is damaged or has the wrong length.");
    out.resize(len);
    return out;
}

std::string encode_b64(const std::uint8_t* data, std::size_t len) {
    std::string out(sodium_base64_encoded_len(len, sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), data, len, sodium_base64_VARIANT_ORIGINAL);
    out.resize(std::strlen(out.c_str()));
    return out;
}


} // namespace

std::string PublicKey::key_id_hex() const {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | key_id[static_cast<std::size_t>(i)];
    char buf[24];
    std::snprintf(buf, sizeof buf, "%llX", static_cast<unsigned long long>(v));
    return buf;
}

PublicKey SecretKey::public_key() const {
    PublicKey pk;
    pk.key_id = key_id;
    std::memcpy(pk.pk.data(), sk.data() + 32, 32);
    return pk;
}

SecretKey generate_key() {
    (void)sodium();
    SecretKey key;
    std::array<std::uint8_t, 32> pk{};
    crypto_sign_keypair(pk.data(), key.sk.data());
    randombytes_buf(key.key_id.data(), key.key_id.size());
    return key;
}

Result<PublicKey> parse_public_key(std::string_view text) {
    (void)sodium();
    if (text.size() > 4096) return fail(Reason::format, "The public key file is far too long to be a minisign public key.");
    auto lines = split_lines(text);
    // Exactly the comment line and the key line, as minisign writes the file
    // (a bare key is what `minisign -P` takes on its command line, not a file).
    if (lines.size() != 2 || !lines[0].starts_with(untrusted_prefix))
        return fail(Reason::format, "The public key file is not in minisign format (expected an 'untrusted comment:' line and a key line).");
    auto bin = decode_b64(lines[1], 42, "The public key");
    if (!bin) return std::unexpected(bin.error());
    if ((*bin)[0] != 'E' || (*bin)[1] != 'd')
        return fail(Reason::format, "The public key is not an Ed25519 minisign key.");
    PublicKey key;
    std::memcpy(key.key_id.data(), bin->data() + 2, 8);
    std::memcpy(key.pk.data(), bin->data() + 10, 32);
    return key;
}

Result<PublicKey> load_public_key(const std::filesystem::path& path) {
    // Publisher keys come from USB sticks: plain files only, never a FIFO or a link.
    auto text = untrusted::read_regular(path, 4096);
    if (!text) return std::unexpected(text.error());
    auto key = parse_public_key(*text);
    if (!key) return fail(key.error().reason, path.string() + ": " + key.error().message);
    return key;
}

std::string format_public_key(const PublicKey& key) {
    std::uint8_t bin[42] = {'E', 'd'};
    std::memcpy(bin + 2, key.key_id.data(), 8);
    std::memcpy(bin + 10, key.pk.data(), 32);
    return "untrusted comment: minisign public key " + key.key_id_hex() + "\n" + encode_b64(bin, sizeof bin) + "\n";
}

// Secret key layout (158 bytes): sig_alg[2] kdf_alg[2] chk_alg[2] salt[32]
// opslimit[8] memlimit[8] key_id[8] sk[64] checksum[32].
Result<SecretKey> parse_secret_key(std::string_view text, const std::string* password) {
    (void)sodium();
    auto lines = split_lines(text);
    if (lines.size() != 2 || !lines[0].starts_with(untrusted_prefix))
        return fail(Reason::format, "The secret key file is not in minisign format.");
    auto bin = decode_b64(lines[1], 158, "The secret key");
    if (!bin) return std::unexpected(bin.error());
    std::uint8_t* b = bin->data();
    if (b[0] != 'E' || b[1] != 'd' || b[4] != 'B' || b[5] != '2')
        return fail(Reason::format, "The secret key uses an algorithm this tool does not know.");
    std::uint8_t* enc = b + 54;  // key_id || sk || checksum, 104 bytes
    const bool encrypted = b[2] == 'S' && b[3] == 'c';
    if (!encrypted && !(b[2] == 0 && b[3] == 0))
        return fail(Reason::format, "The secret key uses an unknown key-derivation method.");
    if (encrypted) {
        if (!password)
            return fail(Reason::usage, "This secret key is protected by a password; set KIOSK_BUNDLE_PASSWORD or use an unencrypted key.");
        std::uint64_t ops = 0, mem = 0;
        for (int i = 7; i >= 0; --i) ops = (ops << 8) | b[38 + i];
        for (int i = 7; i >= 0; --i) mem = (mem << 8) | b[46 + i];
        if (mem > (std::uint64_t{4} << 30) || ops > (std::uint64_t{1} << 32))
            return fail(Reason::format, "The secret key asks for unreasonable password-hashing limits.");
        std::array<std::uint8_t, 104> stream{};
        if (crypto_pwhash_scryptsalsa208sha256(stream.data(), stream.size(), password->data(), password->size(), b + 6,
                                               ops, static_cast<std::size_t>(mem)) != 0)
            return fail(Reason::internal, "Deriving the key from the password ran out of memory.");
        for (std::size_t i = 0; i < stream.size(); ++i) enc[i] ^= stream[i];
        sodium_memzero(stream.data(), stream.size());
        // checksum = BLAKE2b-256(sig_alg || key_id || sk)
        std::uint8_t chk[32];
        crypto_generichash_state st;
        crypto_generichash_init(&st, nullptr, 0, sizeof chk);
        crypto_generichash_update(&st, b, 2);
        crypto_generichash_update(&st, enc, 72);
        crypto_generichash_final(&st, chk, sizeof chk);
        if (sodium_memcmp(chk, enc + 72, 32) != 0)
            return fail(Reason::key_mismatch, "The password for the secret key is wrong.");
    }
    SecretKey key;
    std::memcpy(key.key_id.data(), enc, 8);
    std::memcpy(key.sk.data(), enc + 8, 64);
    sodium_memzero(b, bin->size());
    return key;
}

Result<SecretKey> load_secret_key(const std::filesystem::path& path, const std::string* password) {
    auto text = file_io::read_file(path, 4096);
    if (!text) return std::unexpected(text.error());
    auto key = parse_secret_key(*text, password);
    sodium_memzero(text->data(), text->size());
    if (!key) return fail(key.error().reason, path.string() + ": " + key.error().message);
    return key;
}

std::string format_secret_key(const SecretKey& key) {
    std::uint8_t bin[158] = {};
    bin[0] = 'E'; bin[1] = 'd'; bin[4] = 'B'; bin[5] = '2';
    std::memcpy(bin + 54, key.key_id.data(), 8);
    std::memcpy(bin + 62, key.sk.data(), 64);
    std::string out = "untrusted comment: minisign secret key (unencrypted; keep it offline)\n" + encode_b64(bin, sizeof bin) + "\n";
    sodium_memzero(bin, sizeof bin);
    return out;
}

Result<Signature> parse_signature(std::string_view text) {
    (void)sodium();
    if (text.size() > max_signature_file_bytes)
        return fail(Reason::format, "The signature file is too large to be a minisign signature.");
    auto lines = split_lines(text);
    if (lines.size() != 4)
        return fail(Reason::format, "The signature file is not in minisign format (expected 4 lines, found " +
                                        std::to_string(lines.size()) + ").");
    if (!lines[0].starts_with(untrusted_prefix) || !lines[2].starts_with(trusted_prefix))
        return fail(Reason::format, "The signature file is not in minisign format (comment lines are missing).");
    Signature sig;
    sig.untrusted_comment = std::string(lines[0].substr(untrusted_prefix.size()));
    sig.trusted_comment = std::string(lines[2].substr(trusted_prefix.size()));
    if (sig.untrusted_comment.size() > max_untrusted_comment_bytes || sig.trusted_comment.size() > max_trusted_comment_bytes)
        return fail(Reason::format, "A comment in the signature file is longer than minisign allows.");
    auto s = decode_b64(lines[1], 74, "The signature");
    if (!s) return std::unexpected(s.error());
    auto g = decode_b64(lines[3], 64, "The global signature");
    if (!g) return std::unexpected(g.error());
    std::memcpy(sig.algorithm.data(), s->data(), 2);
    std::memcpy(sig.key_id.data(), s->data() + 2, 8);
    std::memcpy(sig.signature.data(), s->data() + 10, 64);
    std::memcpy(sig.global_signature.data(), g->data(), 64);
    if (sig.algorithm[0] != 'E' || (sig.algorithm[1] != 'D' && sig.algorithm[1] != 'd'))
        return fail(Reason::format, "The signature uses an algorithm minisign does not define.");
    return sig;
}

Result<Signature> load_signature(const std::filesystem::path& path) {
    // Signatures come from USB sticks: plain files only, never a FIFO or a link.
    auto text = untrusted::read_regular(path, max_signature_file_bytes);
    if (!text) {
        if (text.error().reason == Reason::too_large)
            return fail(Reason::format, path.filename().string() + " is too large to be a minisign signature.");
        return std::unexpected(text.error());
    }
    auto sig = parse_signature(*text);
    if (!sig) return fail(sig.error().reason, path.filename().string() + ": " + sig.error().message);
    return sig;
}

std::string format_signature(const Signature& sig) {
    std::uint8_t bin[74];
    std::memcpy(bin, sig.algorithm.data(), 2);
    std::memcpy(bin + 2, sig.key_id.data(), 8);
    std::memcpy(bin + 10, sig.signature.data(), 64);
    return std::string(untrusted_prefix) + sig.untrusted_comment + "\n" + encode_b64(bin, sizeof bin) + "\n" +
           std::string(trusted_prefix) + sig.trusted_comment + "\n" +
           encode_b64(sig.global_signature.data(), sig.global_signature.size()) + "\n";
}

Hasher::Hasher() {
    static_assert(sizeof(crypto_generichash_state) <= sizeof(m_state));
    (void)sodium();
    crypto_generichash_init(reinterpret_cast<crypto_generichash_state*>(m_state), nullptr, 0, crypto_generichash_BYTES_MAX);
}

void Hasher::update(const void* data, std::size_t len) {
    crypto_generichash_update(reinterpret_cast<crypto_generichash_state*>(m_state), static_cast<const unsigned char*>(data), len);
}

Hash Hasher::finish() {
    Hash h{};
    crypto_generichash_final(reinterpret_cast<crypto_generichash_state*>(m_state), h.data(), h.size());
    return h;
}

Result<Hash> hash_file(const std::filesystem::path& path, const std::function<void(std::uint64_t)>& on_bytes) {
    file_io::Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid()) return std::unexpected(file_io::from_errno(errno, "opening", path));
    Hasher h;
    std::vector<char> buf(1 << 20);
    std::uint64_t total = 0;
    for (;;) {
        ssize_t n = ::read(fd.get(), buf.data(), buf.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return std::unexpected(file_io::from_errno(errno, "reading", path));
        }
        if (n == 0) break;
        h.update(buf.data(), static_cast<std::size_t>(n));
        total += static_cast<std::uint64_t>(n);
        if (on_bytes) on_bytes(total);
    }
    return h.finish();
}

Signature sign_prehashed(const SecretKey& key, const Hash& hash, std::string trusted_comment, std::string untrusted_comment) {
    (void)sodium();
    // A .minisig line cannot hold a line break: checked in every build, not
    // asserted; a break in either comment becomes a space.
    for (auto* c : {&trusted_comment, &untrusted_comment})
        for (auto& ch : *c)
            if (ch == '\r' || ch == '\n') ch = ' ';
    Signature sig;
    sig.algorithm = {'E', 'D'};
    sig.key_id = key.key_id;
    sig.untrusted_comment = std::move(untrusted_comment);
    sig.trusted_comment = std::move(trusted_comment);
    crypto_sign_detached(sig.signature.data(), nullptr, hash.data(), hash.size(), key.sk.data());
    std::vector<std::uint8_t> global(sig.signature.begin(), sig.signature.end());
    global.insert(global.end(), sig.trusted_comment.begin(), sig.trusted_comment.end());
    crypto_sign_detached(sig.global_signature.data(), nullptr, global.data(), global.size(), key.sk.data());
    return sig;
}

std::string default_trusted_comment(std::int64_t unix_time, const std::string& file_name) {
    return "timestamp:" + std::to_string(unix_time) + "\tfile:" + file_name + "\thashed";
}

Status verify_prehashed(const PublicKey& key, const Signature& sig, const Hash& hash) {
    (void)sodium();
    if (sig.algorithm[0] == 'E' && sig.algorithm[1] == 'd')
        return fail(Reason::legacy_signature,
                    "The file was signed with minisign's legacy non-prehashed algorithm, which this kiosk refuses; re-sign it with a current minisign or kiosk-bundle.");
    if (sig.algorithm[0] != 'E' || sig.algorithm[1] != 'D')
        return fail(Reason::format, "The signature uses an unknown algorithm.");
    if (sodium_memcmp(sig.key_id.data(), key.key_id.data(), key.key_id.size()) != 0) {
        PublicKey other;
        other.key_id = sig.key_id;
        return fail(Reason::key_mismatch, "The file was signed by key " + other.key_id_hex() + ", not by the expected key " +
                                              key.key_id_hex() + ".");
    }
    if (crypto_sign_verify_detached(sig.signature.data(), hash.data(), hash.size(), key.pk.data()) != 0)
        return fail(Reason::signature, "The signature does not match the file: it has been altered or damaged since it was signed.");
    std::vector<std::uint8_t> global(sig.signature.begin(), sig.signature.end());
    global.insert(global.end(), sig.trusted_comment.begin(), sig.trusted_comment.end());
    if (crypto_sign_verify_detached(sig.global_signature.data(), global.data(), global.size(), key.pk.data()) != 0)
        return fail(Reason::signature, "The signature's trusted comment has been altered since it was signed.");
    return {};
}

Status verify_file(const PublicKey& key, const Signature& sig, const std::filesystem::path& path) {
    auto h = hash_file(path);
    if (!h) return std::unexpected(h.error());
    return verify_prehashed(key, sig, *h);
}

} // namespace content::minisign
