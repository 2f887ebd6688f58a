// Fuzz target: the JSON readers. The bytes are a source folder's bundle.json
// (read with nlohmann::json and checked field by field by read_source), and
// also a stored JSON string list as bundles carry them (module outcomes,
// question options), which the kiosk parses on every catalog load.
#include "content/source_folder.hpp"
#include "content/text_util.hpp"
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    auto list = content::parse_json_string_list(text);
    if (!list.empty()) {
        auto again = content::parse_json_string_list(content::json_string_list(list));
        FUZZ_CHECK(again == list);
    }
    const auto dir = fuzz::scratch_dir() / "json";
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    FUZZ_CHECK(fuzz::write_file(dir / "bundle.json", text));
    auto sb = content::read_source(dir);
    if (sb) {
        FUZZ_CHECK(sb->version >= 1 && sb->disclosure_threshold >= 5);
        FUZZ_CHECK(!sb->channel.empty());
    } else {
        FUZZ_CHECK(!sb.error().message.empty());
    }
    return 0;
}
