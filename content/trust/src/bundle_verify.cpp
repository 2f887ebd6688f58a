// Bundle verification; see bundle_verify.hpp.
#include "content/bundle_verify.hpp"
#include "content/dates.hpp"
#include "content/file_io.hpp"
#include "content/image_check.hpp"
#include "content/schema.hpp"
#include "content/sqlite.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace content {

std::filesystem::path signature_path_for(const std::filesystem::path& bundle) {
    return std::filesystem::path(bundle.string() + ".minisig");
}

Result<minisign::Signature> load_bundle_signature(const std::filesystem::path& sig_path) {
    auto sig = minisign::load_signature(sig_path);
    if (!sig) {
        if (sig.error().reason == Reason::not_found)
            return fail(Reason::signature, "There is no signature file " + sig_path.filename().string() + " beside the bundle.");
        if (sig.error().reason == Reason::io) return std::unexpected(sig.error());
        return fail(Reason::signature, "The signature file is unreadable: " + sig.error().message);
    }
    return sig;
}

Status check_header(const std::filesystem::path& path, std::uint64_t actual_size, std::uint64_t max_bytes) {
    file_io::Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid()) return std::unexpected(file_io::from_errno(errno, "opening", path));
    unsigned char h[100] = {};
    ssize_t n = ::pread(fd.get(), h, sizeof h, 0);
    if (n < 0) return std::unexpected(file_io::from_errno(errno, "reading", path));
    if (n < 100 || std::memcmp(h, "SQLite format 3", 16) != 0)
        return fail(Reason::format, "The file is not a kiosk bundle: it is not an SQLite database.");
    if (h[18] == 2 || h[19] == 2)
        return fail(Reason::format, "The bundle is in SQLite WAL mode; bundles must be shipped with journal_mode=DELETE.");
    if (h[18] != 1 || h[19] != 1)
        return fail(Reason::format, "The bundle's SQLite header names an unknown file format version.");
    std::uint32_t page_size = (std::uint32_t{h[16]} << 8) | h[17];
    if (page_size == 1) page_size = 65536;
    if (page_size < 512 || (page_size & (page_size - 1)) != 0)
        return fail(Reason::corrupt, "The bundle's SQLite header has an impossible page size.");
    std::uint32_t pages = (std::uint32_t{h[28]} << 24) | (std::uint32_t{h[29]} << 16) | (std::uint32_t{h[30]} << 8) | h[31];
    std::uint64_t declared = std::uint64_t{page_size} * pages;
    if (declared > max_bytes)
        return fail(Reason::too_large, "The bundle declares a size of " + std::to_string(declared) + " bytes, more than the limit of " +
                                           std::to_string(max_bytes) + ".");
    if (declared != actual_size)
        return fail(Reason::corrupt, "The bundle is " + std::to_string(actual_size) + " bytes but its header says " +
                                         std::to_string(declared) + ": it is truncated or padded.");
    return {};
}

namespace {

// Meetings a kiosk can place in time: local times YYYY-MM-DDTHH:MM that parse,
// an end after the start, and items only of meetings the bundle has. The
// publisher refuses anything else; a bundle made by another tool holding one
// is refused here (E_FORMAT, naming the meeting) rather than shown wrongly.
Status check_meeting_rows(sql::Db& db) {
    auto st = db.prepare("SELECT id, starts, ends FROM meetings ORDER BY rowid");
    if (!st) return fail(Reason::corrupt, "The bundle's meetings could not be read: " + st.error().message);
    for (;;) {
        auto row = st->step();
        if (!row) return fail(Reason::corrupt, "The bundle's meetings could not be read: " + row.error().message);
        if (!*row) break;
        auto s = parse_local_minute(st->text(1)), e = parse_local_minute(st->text(2));
        if (!s || !e || *e <= *s)
            return fail(Reason::format, "The bundle's meeting '" + st->text(0).substr(0, 80) +
                                            "' does not have a start and a later end as local times like 2027-03-12T19:00.");
    }
    auto orphan = db.query_text("SELECT meeting_id FROM meeting_items WHERE meeting_id NOT IN (SELECT id FROM meetings) LIMIT 1");
    if (!orphan) return fail(Reason::corrupt, "The bundle's meeting items could not be read: " + orphan.error().message);
    if (*orphan) return fail(Reason::format, "The bundle has items for a meeting '" + (*orphan)->substr(0, 80) + "' that it does not have.");
    return {};
}

} // namespace

Result<Manifest> check_contents(const std::filesystem::path& path, const VerifyOptions& opts) {
    struct stat st{};
    if (::stat(path.c_str(), &st) != 0) return std::unexpected(file_io::from_errno(errno, "reading", path));
    auto hdr = check_header(path, static_cast<std::uint64_t>(st.st_size), opts.max_bytes);
    if (!hdr) return std::unexpected(hdr.error());
    auto db = sql::Db::open(path, sql::OpenMode::read_only_immutable);
    if (!db) return std::unexpected(db.error());
    // The integrity check reads every page. Through a read-only memory map it
    // reads them in place instead of one pread() and copy per 4 KiB page,
    // which took about a third off its time on a 257 MB bundle. The mapped
    // pages are the page cache the copy has just filled (nothing new is
    // allocated), and the map goes when this connection closes.
    (void)db->exec("PRAGMA mmap_size=" + std::to_string(st.st_size));
    auto ic = db->query_text("PRAGMA integrity_check(1)");
    if (!ic) return fail(Reason::corrupt, "The bundle failed SQLite's integrity check: " + ic.error().message);
    if (!*ic || **ic != "ok") return fail(Reason::corrupt, "The bundle failed SQLite's integrity check: " + ic->value_or("no result") + ".");
    auto sc = schema::check(*db);
    if (!sc) return std::unexpected(sc.error());
    if (auto l = schema::check_lengths(*db); !l) return std::unexpected(l.error());
    if (auto im = check_images(*db); !im) return std::unexpected(im.error());  // real sizes from the headers, never decoded
    // Figures are counts, rates or percentages: finite and not negative.
    // kiosk-bundle refuses anything else; a bundle holding one anyway (made
    // by another tool) is refused here rather than drawn. (SQLite stores
    // infinities, and 9e999 reads as one.)
    auto bad = db->query_text("SELECT indicator_id || '/' || locality_id || '/' || period_id FROM indicator_values "
                              "WHERE value IS NOT NULL AND NOT (value >= 0 AND value < 9e999) LIMIT 1");
    if (!bad) return fail(Reason::corrupt, "The bundle's figures could not be read: " + bad.error().message);
    if (*bad) return fail(Reason::format, "The bundle's figure " + **bad + " is negative or not a finite number, which no count, rate or percentage can be.");
    if (*sc == schema::FormatVersion::v2)
        if (auto mt = check_meeting_rows(*db); !mt) return std::unexpected(mt.error());
    auto m = read_manifest(*db);
    if (!m) return std::unexpected(m.error());
    if (m->format != schema::format_name(*sc))
        return fail(Reason::format, "The manifest says " + m->format + " but the tables are those of " + std::string(schema::format_name(*sc)) +
                                        " (FORMAT.md section 9).");
    if (opts.now && *opts.now >= m->expires)
        return fail(Reason::expired, "The bundle '" + m->title + "' expired on " + format_utc(m->expires) + "; ask the publisher for a current one.");
    return m;
}

Result<VerifiedBundle> verify_bundle(const std::filesystem::path& bundle, const std::filesystem::path& signature,
                                     const minisign::PublicKey& key, const VerifyOptions& opts) {
    struct stat st{};
    if (::stat(bundle.c_str(), &st) != 0) return std::unexpected(file_io::from_errno(errno, "reading", bundle));
    if (!S_ISREG(st.st_mode)) return fail(Reason::format, bundle.string() + " is not a regular file.");
    if (static_cast<std::uint64_t>(st.st_size) > opts.max_bytes)
        return fail(Reason::too_large, "The bundle is " + std::to_string(st.st_size) + " bytes, more than the limit of " +
                                           std::to_string(opts.max_bytes) + ".");
    auto sig = load_bundle_signature(signature);
    if (!sig) return std::unexpected(sig.error());
    auto hash = minisign::hash_file(bundle);
    if (!hash) return std::unexpected(hash.error());
    auto ok = minisign::verify_prehashed(key, *sig, *hash);
    if (!ok) return std::unexpected(ok.error());
    auto m = check_contents(bundle, opts);
    if (!m) return std::unexpected(m.error());
    return VerifiedBundle{std::move(*m), std::move(*sig), static_cast<std::uint64_t>(st.st_size)};
}

} // namespace content
