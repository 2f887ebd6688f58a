// Fuzz target: a whole bundle file, as the bytes of a stick would be after
// the signature check (see fuzz_bundle.hpp). Seeds are real bundles
// re-packed with 512-byte pages so they stay small.
#include "fuzz_bundle.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto path = fuzz::scratch_dir() / "file.kbundle";
    FUZZ_CHECK(fuzz::write_file(path, std::string_view(reinterpret_cast<const char*>(data), size)));
    fuzz::check_bundle_file(path);
    return 0;
}
