// The import pipeline; see importer.hpp.
#include "content/importer.hpp"
#include "content/bundle_reader.hpp"
#include "content/bundle_verify.hpp"
#include "content/disclosure.hpp"
#include "content/file_io.hpp"
#include "content/file_sys.hpp"

#include <sodium.h>

#include <algorithm>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;

namespace content {
namespace {

constexpr std::uint64_t space_margin = 16ull << 20;  // keep 16 MiB free for the state DB

void step(const ImportOptions& o, const char* name) {
    if (o.on_step) o.on_step(name);
}

void progress(const ImportOptions& o, ImportStage s, std::uint64_t done, std::uint64_t total) {
    if (o.on_progress) o.on_progress(ImportProgress{s, done, total});
}

bool cancelled(const ImportOptions& o) { return o.cancel && o.cancel->load(); }

std::string random_name(const std::string& prefix, const std::string& suffix) {
    unsigned char r[6];
    randombytes_buf(r, sizeof r);
    static const char* hex = "0123456789abcdef";
    std::string s = prefix;
    for (unsigned char c : r) {
        s += hex[c >> 4];
        s += hex[c & 15];
    }
    return s + suffix;
}

struct Staged {
    fs::path path;
    minisign::Hash hash{};
    std::uint64_t size = 0;
};

Result<Staged> copy_to_staging_inner(StateStore& store, const fs::path& src, std::uint64_t expected, const ImportOptions& o, fs::path& created);

// Copies `src` into staging, hashing the bytes as they pass. The stick is read
// here and never again. On failure the partial copy is removed.
Result<Staged> copy_to_staging(StateStore& store, const fs::path& src, std::uint64_t expected, const ImportOptions& o) {
    fs::path created;
    auto r = copy_to_staging_inner(store, src, expected, o, created);
    if (!r && !created.empty()) file_io::sys().unlink(created.c_str());
    return r;
}

// Hashes chunks on a second thread while the copy loop writes them and reads
// the next, so hashing (the larger cost) overlaps the I/O. One chunk is in
// flight at a time; wait() must be called before that chunk's buffer is reused
// or freed (the destructor waits too).
class ChunkHasher {
public:
    ChunkHasher() : m_thread([this] { run(); }) {}
    ChunkHasher(const ChunkHasher&) = delete;
    ChunkHasher& operator=(const ChunkHasher&) = delete;
    ~ChunkHasher() {
        wait();
        {
            std::lock_guard lk(m_mu);
            m_stop = true;
        }
        m_cv.notify_all();
        m_thread.join();
    }
    // Starts hashing [data, data + n); the caller keeps the buffer alive and unchanged until wait().
    void start(const char* data, std::size_t n) {
        wait();
        {
            std::lock_guard lk(m_mu);
            m_data = data;
            m_n = n;
            m_busy = true;
        }
        m_cv.notify_all();
    }
    void wait() {
        std::unique_lock lk(m_mu);
        m_cv.wait(lk, [&] { return !m_busy; });
    }
    // Only after wait().
    [[nodiscard]] minisign::Hash finish() { return m_hasher.finish(); }

private:
    void run() {
        std::unique_lock lk(m_mu);
        for (;;) {
            m_cv.wait(lk, [&] { return m_stop || m_busy; });
            if (m_stop) return;
            lk.unlock();
            m_hasher.update(m_data, m_n);
            lk.lock();
            m_busy = false;
            m_cv.notify_all();
        }
    }
    minisign::Hasher m_hasher;
    const char* m_data = nullptr;
    std::size_t m_n = 0;
    bool m_busy = false, m_stop = false;
    std::mutex m_mu;
    std::condition_variable m_cv;
    std::thread m_thread;
};

Result<Staged> copy_to_staging_inner(StateStore& store, const fs::path& src, std::uint64_t expected, const ImportOptions& o, fs::path& created) {
    auto rd = o.io.read ? o.io.read : [](int fd, void* b, std::size_t n) { return ::read(fd, b, n); };
    auto wr = o.io.write ? o.io.write : [](int fd, const void* b, std::size_t n) { return file_io::sys().write(fd, b, n); };
    file_io::Fd in(::open(src.c_str(), O_RDONLY | O_CLOEXEC));
    if (!in.valid()) return std::unexpected(file_io::from_errno(errno, "opening", src));
    Staged st;
    st.path = store.staging_dir() / random_name("import-", ".part");
    file_io::Fd out(file_io::sys().open(st.path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
    if (!out.valid()) return std::unexpected(file_io::from_errno(errno, "creating", st.path));
    created = st.path;
    // Two buffers: while one is hashed (other thread) and written (here), the
    // next chunk is read into the other. Declared before the hasher, so the
    // hasher (which waits for its chunk) is destroyed first.
    const std::size_t chunk = std::max<std::size_t>(o.chunk_bytes, 512);
    std::vector<char> bufs[2] = {std::vector<char>(chunk), std::vector<char>(chunk)};
    ChunkHasher h;
    std::uint64_t total = 0, flushed_to = 0;
    for (int cur = 0;; cur ^= 1) {
        if (cancelled(o)) return fail(Reason::cancelled, "The import was cancelled; nothing was changed.");
        std::vector<char>& buf = bufs[cur];
        ssize_t n = rd(in.get(), buf.data(), buf.size());
        if (n < 0) {
            if (errno == EINTR) {
                cur ^= 1;  // retry into the same buffer
                continue;
            }
            return fail(Reason::io, "Reading the USB stick failed (" + std::string(std::strerror(errno)) +
                                        "); was it pulled out? Nothing was changed.");
        }
        if (n == 0) break;
        total += static_cast<std::uint64_t>(n);
        if (total > expected || total > o.max_bytes)
            return fail(Reason::io, "The file on the USB stick grew while it was being copied; nothing was changed.");
        h.start(buf.data(), static_cast<std::size_t>(n));  // waits for the previous chunk first
        std::size_t off = 0;
        while (off < static_cast<std::size_t>(n)) {
            ssize_t w = wr(out.get(), buf.data() + off, static_cast<std::size_t>(n) - off);
            if (w < 0) {
                if (errno == EINTR) continue;
                return std::unexpected(file_io::from_errno(errno, "writing the staged copy", st.path));
            }
            off += static_cast<std::size_t>(w);
        }
        // Start writing each 8 MiB back to disk while the next is hashed, so
        // that the final fsync finds little left to do.
        if (total - flushed_to >= (8u << 20)) {
            file_io::sys().sync_file_range(out.get(), static_cast<off_t>(flushed_to), static_cast<off_t>(total - flushed_to), SYNC_FILE_RANGE_WRITE);
            flushed_to = total;
        }
        progress(o, ImportStage::copying, total, expected);
    }
    if (total != expected)
        return fail(Reason::io, "The file on the USB stick changed size while it was being copied (" + std::to_string(expected) + " bytes, then " +
                                    std::to_string(total) + "); nothing was changed.");
    h.wait();
    st.hash = h.finish();
    st.size = total;
    return st;
}

std::string file_for(const Manifest& m) { return random_name(m.channel + "-v" + std::to_string(m.version) + "-", ".kbundle"); }

Status recheck_disclosure(const fs::path& file, std::int64_t threshold) {
    auto r = BundleReader::open(file);
    if (!r) return std::unexpected(r.error());
    auto locs = r->localities();
    auto inds = r->indicators();
    auto vals = r->values();
    if (!locs || !inds || !vals) return fail(Reason::corrupt, "The bundle's figures could not be read.");
    auto issues = find_disclosure_issues({*locs, *inds, *vals, threshold});
    if (issues.empty()) return {};
    return fail(Reason::disclosure, "The bundle publishes figures that could identify children (" + issues[0].cell.str() + ": " + issues[0].message +
                                        "); it was refused.");
}

Result<ImportResult> import_inner(StateStore& store, const fs::path& bundle, const ImportOptions& o, std::string& channel, std::int64_t& version,
                                  fs::path& staged_path) {
    step(o, "start");
    progress(o, ImportStage::finding, 0, 0);
    struct stat sb{};
    if (::stat(bundle.c_str(), &sb) != 0) return std::unexpected(file_io::from_errno(errno, "reading", bundle));
    if (!S_ISREG(sb.st_mode)) return fail(Reason::format, bundle.filename().string() + " is not a file.");
    const auto size = static_cast<std::uint64_t>(sb.st_size);
    if (size > o.max_bytes)
        return fail(Reason::too_large, "The bundle is " + std::to_string(size) + " bytes, more than this kiosk accepts (" + std::to_string(o.max_bytes) + ").");
    auto sig = load_bundle_signature(signature_path_for(bundle));
    if (!sig) return std::unexpected(sig.error());
    auto key = store.find_key(sig->key_id);
    if (!key) return std::unexpected(key.error());
    if (!*key) {
        minisign::PublicKey unknown;
        unknown.key_id = sig->key_id;
        return fail(Reason::untrusted_key, "The bundle is signed by key " + unknown.key_id_hex() +
                                               ", which this kiosk does not trust. An administrator must add the publisher's key first.");
    }
    const std::uint64_t free = o.io.free_bytes ? o.io.free_bytes(store.staging_dir()) : file_io::free_bytes(store.staging_dir()).value_or(0);
    if (free < size + space_margin)
        return fail(Reason::no_space, "There is not enough free space to install this bundle (" + std::to_string(size >> 20) + " MB needed, " +
                                          std::to_string(free >> 20) + " MB free). The installed content is unchanged.");

    step(o, "copy");
    auto staged = copy_to_staging(store, bundle, size, o);
    if (!staged) return std::unexpected(staged.error());
    staged_path = staged->path;

    // The staged copy is flushed to disk while it is being verified (the two
    // overlap); nothing is renamed into place before the flush has succeeded.
    auto flushed = std::async(std::launch::async, [path = staged->path] { return file_io::fsync_file(path); });

    step(o, "verify");
    progress(o, ImportStage::verifying, size, size);
    if (auto v = minisign::verify_prehashed((*key)->key, *sig, staged->hash); !v) return std::unexpected(v.error());
    auto newest = store.newest_signed_time();
    if (!newest) return std::unexpected(newest.error());
    VerifyOptions vo;
    vo.max_bytes = o.max_bytes;
    vo.now = std::max<std::int64_t>(o.now ? o.now : static_cast<std::int64_t>(std::time(nullptr)), *newest);
    auto m = check_contents(staged->path, vo);
    if (!m) return std::unexpected(m.error());
    channel = m->channel;
    version = m->version;

    step(o, "check");
    progress(o, ImportStage::checking, size, size);
    const auto& allowed = (*key)->channels;
    if (std::find(allowed.begin(), allowed.end(), m->channel) == allowed.end())
        return fail(Reason::channel_not_allowed, "Key " + (*key)->key.key_id_hex() + " is trusted, but not to publish channel '" + m->channel + "'.");
    if (compare_versions(o.kiosk_version, m->min_kiosk_version) < 0)
        return fail(Reason::kiosk_too_old, "The bundle needs kiosk version " + m->min_kiosk_version + " or newer; this kiosk is " + o.kiosk_version + ".");
    auto hw = store.high_water(m->channel);
    if (!hw) return std::unexpected(hw.error());
    auto cur = store.channel(m->channel);
    if (!cur) return std::unexpected(cur.error());
    if (m->version < *hw)
        return fail(Reason::rollback, "This is version " + std::to_string(m->version) + " of '" + m->channel + "', older than version " +
                                          std::to_string(*hw) + " already accepted. Old content cannot replace newer content.");
    if (*cur && (*cur)->current.version == m->version) {
        ImportResult r{ImportOutcome::already_installed, *m, (*cur)->current.file};
        return r;
    }
    if (auto d = recheck_disclosure(staged->path, m->disclosure_threshold); !d) return std::unexpected(d.error());

    step(o, "commit");
    progress(o, ImportStage::committing, size, size);
    if (auto f = flushed.get(); !f) return std::unexpected(f.error());
    std::string name = file_for(*m);
    fs::path final_path = store.bundles_dir() / name;
    if (auto s = file_io::fsync_dir(store.staging_dir()); !s) return std::unexpected(s.error());
    if (file_io::sys().rename(staged->path.c_str(), final_path.c_str()) != 0) return std::unexpected(file_io::from_errno(errno, "moving into place", final_path));
    staged_path.clear();
    if (auto s = file_io::fsync_dir(store.bundles_dir()); !s) {
        file_io::sys().unlink(final_path.c_str());
        return std::unexpected(s.error());
    }
    step(o, "renamed");
    InstalledBundle ib{name, m->version, m->title, m->created, m->expires, (*key)->key.key_id_hex()};
    auto dropped = store.commit_install(m->channel, ib, "from " + bundle.filename().string() + ", signed by " + ib.key_id);
    if (!dropped) {
        file_io::sys().unlink(final_path.c_str());
        return std::unexpected(dropped.error());
    }
    step(o, "committed");
    if (*dropped) {
        std::error_code ec;
        fs::remove(store.bundles_dir() / **dropped, ec);  // recover() retries if this is interrupted
    }
    progress(o, ImportStage::done, size, size);
    step(o, "done");
    return ImportResult{ImportOutcome::installed, *m, name};
}

} // namespace

const char* stage_name(ImportStage s) {
    switch (s) {
    case ImportStage::finding: return "Checking";
    case ImportStage::copying: return "Copying";
    case ImportStage::verifying: return "Verifying signature";
    case ImportStage::checking: return "Checking content";
    case ImportStage::committing: return "Installing";
    case ImportStage::done: return "Done";
    }
    return "";
}

std::vector<fs::path> find_bundles(const fs::path& path) {
    std::vector<fs::path> out;
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) return {path};
    if (!fs::is_directory(path, ec)) return out;
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        if (it.depth() > 3) {
            it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file(ec) && it->path().extension() == ".kbundle") out.push_back(it->path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

fs::path installed_path(const StateStore& store, const InstalledBundle& b) { return store.bundles_dir() / b.file; }

Result<ImportResult> import_bundle(StateStore& store, const fs::path& bundle, const ImportOptions& o) {
    std::string channel;
    std::int64_t version = 0;
    fs::path staged;
    auto r = import_inner(store, bundle, o, channel, version, staged);
    if (!staged.empty()) {
        std::error_code ec;
        fs::remove(staged, ec);
    }
    if (r && r->outcome == ImportOutcome::already_installed)
        (void)store.audit("import", channel, version, "E_SAME_VERSION", "version already installed; nothing to do (" + bundle.filename().string() + ")");
    if (!r) (void)store.audit("import", channel, version, std::string(reason_code(r.error().reason)), bundle.filename().string() + ": " + r.error().message);
    return r;
}

Result<ChannelState> rollback_channel(StateStore& store, const std::string& channel) {
    auto r = store.commit_rollback(channel);
    if (!r) (void)store.audit("rollback", channel, 0, std::string(reason_code(r.error().reason)), r.error().message);
    return r;
}

Result<std::size_t> recover(StateStore& store) {
    std::size_t removed = 0;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(store.staging_dir(), ec)) {
        fs::remove_all(e.path(), ec);
        ++removed;
    }
    auto refs = store.referenced_files();
    if (!refs) return std::unexpected(refs.error());
    for (const auto& e : fs::directory_iterator(store.bundles_dir(), ec)) {
        std::string name = e.path().filename().string();
        if (std::find(refs->begin(), refs->end(), name) == refs->end()) {
            fs::remove(e.path(), ec);
            ++removed;
        }
    }
    if (removed) {
        (void)file_io::fsync_dir(store.bundles_dir());
        (void)store.audit("recover", "", 0, "ok", "removed " + std::to_string(removed) + " leftover file(s) from an interrupted import");
    }
    return removed;
}

} // namespace content
