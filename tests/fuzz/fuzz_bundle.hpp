// Why this file exists: what the kiosk does with a bundle file once its
// signature has verified, shared by the two bundle fuzz targets. The
// signature is bypassed by calling check_contents (the post-signature steps
// of verify_bundle and import: header, integrity_check, exact schema, text
// lengths, figures, manifest, expiry) directly; nothing in the product is
// changed for fuzzing. A bundle that passes is then read as the kiosk and
// the lint do: the catalog, its documents and images, a search, lint_bundle.
#pragma once
#include "content/bundle_verify.hpp"
#include "content/catalog.hpp"
#include "content/lint.hpp"
#include "fuzz_util.hpp"

namespace fuzz {

inline void check_bundle_file(const std::filesystem::path& path) {
    content::VerifyOptions opts;
    opts.now = 1795338000;  // 2026-11-22
    auto m = content::check_contents(path, opts);
    static const bool verbose = std::getenv("FUZZ_VERBOSE") != nullptr;  // say why each input is refused
    if (verbose) std::fprintf(stderr, "check_contents: %s\n", m ? ("ok, channel " + m->channel).c_str() : m.error().line().c_str());
    if (!m) {
        FUZZ_CHECK(!m.error().message.empty());
        return;
    }
    FUZZ_CHECK(m->version >= 1 && m->expires > m->created && m->disclosure_threshold >= 5);
    auto cat = content::Catalog::from_files({{m->channel, path}});
    if (cat) {
        for (const auto& e : cat->library()) (void)cat->document(e.header.id);
        for (const auto& mod : cat->modules())
            for (const auto& s : mod.module.slides)
                if (!s.image_id.empty()) (void)cat->image(s.image_id);
        (void)cat->search(content::SearchQuery{"the child", 10, ""});
    }
    auto report = content::lint_bundle(path, content::FixSuggest::yes);
    for (const auto& f : report.findings) FUZZ_CHECK(!f.code.empty());
}

} // namespace fuzz
