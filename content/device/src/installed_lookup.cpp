// Read-only lookup of installed bundles; see installed_lookup.hpp.
#include "content/installed_lookup.hpp"
#include "content/sqlite.hpp"

namespace content {

Result<InstalledLookup> lookup_installed(const std::filesystem::path& data_dir) {
    InstalledLookup out;
    std::error_code ec;
    const auto state = data_dir / "state.db";
    if (!std::filesystem::is_regular_file(state, ec)) return out;
    auto db = sql::Db::open(state, sql::OpenMode::read_only);
    if (!db) return std::unexpected(db.error());
    auto st = db->prepare("SELECT channel, file, version, title, created, expires, prev_version FROM channels ORDER BY channel");
    if (!st) return std::unexpected(st.error());
    for (;;) {
        auto row = st->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        ChannelInfo info{st->text(0), st->text(3), st->int64(2), st->int64(4), st->int64(5), std::nullopt};
        if (!st->is_null(6)) info.previous_version = st->int64(6);
        out.channels.push_back(InstalledChannel{std::move(info), data_dir / "bundles" / st->text(1)});
    }
    auto loc = db->query_text("SELECT value FROM settings WHERE key = 'default_locality'");
    if (!loc) return std::unexpected(loc.error());
    out.default_locality = loc->value_or("");
    return out;
}

} // namespace content
