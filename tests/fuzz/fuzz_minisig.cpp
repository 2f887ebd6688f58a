// Fuzz target: the .minisig parser (it reads the first bytes of every stick).
// Property: whatever parses formats back to text that parses to the same
// signature.
#include "content/minisign.hpp"
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto sig = content::minisign::parse_signature(text);
    if (!sig) return 0;
    auto again = content::minisign::parse_signature(content::minisign::format_signature(*sig));
    FUZZ_CHECK(again.has_value());
    FUZZ_CHECK(again->algorithm == sig->algorithm && again->key_id == sig->key_id && again->signature == sig->signature);
    FUZZ_CHECK(again->trusted_comment == sig->trusted_comment && again->untrusted_comment == sig->untrusted_comment);
    FUZZ_CHECK(again->global_signature == sig->global_signature);
    return 0;
}
