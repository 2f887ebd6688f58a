// Shared by the import tests: bundles built from the good source with changed
// manifest fields and signed with the test key, and a store that trusts it.
#pragma once
#include "content/bundle_builder.hpp"
#include "content/state_store.hpp"
#include "test_util.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

namespace test {

struct BundleSpec {
    std::int64_t version = 4;
    std::string channel = "test-board";
    std::string created = "2026-02-01T00:00:00Z";
    std::string expires = "2099-12-31T00:00:00Z";
    std::string min_kiosk = "0.1.0";
    std::size_t padding_kb = 0;  // a large extra document, for multi-chunk copies
};

// Builds the good source with changed manifest fields and signs it with the test key.
inline std::filesystem::path make_bundle(const std::filesystem::path& dir, const BundleSpec& s) {
    std::filesystem::path src = dir / ("src-" + std::to_string(s.version) + "-" + s.channel);
    std::filesystem::copy(fixtures() / "good_src", src, std::filesystem::copy_options::recursive);
    nlohmann::json j = nlohmann::json::parse(read_all(src / "bundle.json"));
    j["version"] = s.version;
    j["channel"] = s.channel;
    j["created"] = s.created;
    j["expires"] = s.expires;
    j["min_kiosk_version"] = s.min_kiosk;
    write_all(src / "bundle.json", j.dump());
    if (s.padding_kb) {
        std::string body = "---\ntitle: Padding\ncategory: report\norganisation: Test\npublished: 2024-01-01\nsummary: Large.\n---\n";
        for (std::size_t i = 0; i < s.padding_kb * 16; ++i) body += "Paragraph " + std::to_string(i) + " of a long report about multi-agency work.\n";
        write_all(src / "library/padding.md", body);
    }
    std::filesystem::path out = dir / (s.channel + "-v" + std::to_string(s.version) + ".kbundle");
    auto r = content::build_bundle(src, out);
    REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().line()));
    sign_with_test_key(out);
    return out;
}

inline content::StateStore trusted_store(const std::filesystem::path& dir, std::vector<std::string> channels = {"test-board"}) {
    auto s = content::StateStore::open(dir);
    REQUIRE(s);
    REQUIRE(s->trust(test_pub(), channels, "test"));
    return std::move(*s);
}


} // namespace test
