// Fuzz target: the minisign public-key parser (keys come from sticks when an
// administrator trusts a publisher). Property: a parsed key formats and
// parses back to the same key.
#include "content/minisign.hpp"
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto key = content::minisign::parse_public_key(text);
    if (!key) return 0;
    auto again = content::minisign::parse_public_key(content::minisign::format_public_key(*key));
    FUZZ_CHECK(again.has_value());
    FUZZ_CHECK(again->key_id == key->key_id && again->pk == key->pk);
    FUZZ_CHECK(!key->key_id_hex().empty());
    return 0;
}
