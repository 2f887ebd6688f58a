// Fuzz target: the minisign secret-key parser, without a password (an
// encrypted key must then be refused with E_USAGE, never decrypted), and with
// an unencrypted key's round trip through format_secret_key.
#include "content/minisign.hpp"
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto key = content::minisign::parse_secret_key(text, nullptr);
    if (!key) {
        FUZZ_CHECK(!key.error().message.empty());
        return 0;
    }
    auto again = content::minisign::parse_secret_key(content::minisign::format_secret_key(*key), nullptr);
    FUZZ_CHECK(again.has_value());
    FUZZ_CHECK(again->key_id == key->key_id && again->sk == key->sk);
    (void)key->public_key();
    return 0;
}
