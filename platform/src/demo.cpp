// Demo mode set-up; see demo.hpp.
#include "demo.hpp"

#include "content/importer.hpp"
#include "content/minisign.hpp"

#include <cstdlib>

namespace fs = std::filesystem;
using namespace content;

namespace platform {

fs::path demo_bundle_dir() {
    if (const char* d = std::getenv("KIOSK_DEMO_BUNDLES"); d && *d) return d;
    return KIOSK_DEMO_BUNDLE_DIR;
}

Status install_demo(StateStore& store) {
    fs::path dir = demo_bundle_dir();
    auto pub = minisign::load_public_key(dir / "DEMO-ONLY-signing.pub");
    if (!pub) return fail(Reason::not_found, "The demo content has not been built (" + pub.error().message + "). Run scripts/build.sh first.");
    auto known = store.find_key(pub->key_id);
    if (!known) return std::unexpected(known.error());
    if (!*known)
        if (auto r = store.trust(*pub, {"demo-board", "demo-council"}, "DEMO ONLY: the demo content key"); !r) return r;
    for (const auto& b : find_bundles(dir)) {
        auto r = import_bundle(store, b, ImportOptions{});
        if (!r) return fail(r.error().reason, "Installing demo bundle " + b.filename().string() + " failed: " + r.error().message);
    }
    return {};
}

} // namespace platform
