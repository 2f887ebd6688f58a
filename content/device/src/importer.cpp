// The import pipeline; see importer.hpp.
#include "content/importer.hpp"
#include "content/bundle_reader.hpp"
#include "content/bundle_verify.hpp"
#include "content/disclosure.hpp"
#include "content/file_io.hpp"
#include "content/file_sys.hpp"
#include "content/untrusted_file.hpp"

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
    minisign::Signature signature;
    TrustedKey key;
};

std::string file_for(const Manifest& m) { return random_name(m.channel + "-v" + std::to_string(m.version) + "-", ".kbundle"); }

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

Status write_all(const ImportOptions& o, int fd, const char* data, std::size_t n, const fs::path& path) {
    auto wr = o.io.write ? o.io.write : [](int f, const void* b, std::size_t len) { return file_io::sys().write(f, b, len); };
    std::size_t off = 0;
    while (off < n) {
        ssize_t w = wr(fd, data + off, n - off);
        if (w < 0) {
            if (errno == EINTR) continue;
            return std::unexpected(file_io::from_errno(errno, "writing the staged copy", path));
        }
        off += static_cast<std::size_t>(w);
    }
    return {};
}

// Copies from the already opened stick file `in` (of fstat size `expected`)
// into `st.path`, hashing the bytes as they pass. The stick is read here and
// never again.
Status copy_from_stick(int in, Staged& st, std::uint64_t expected, const ImportOptions& o) {
    auto rd = o.io.read ? o.io.read : [](int fd, void* b, std::size_t n) { return ::read(fd, b, n); };
    file_io::Fd out(file_io::sys().open(st.path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (!out.valid()) return std::unexpected(file_io::from_errno(errno, "creating", st.path));
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
        ssize_t n = rd(in, buf.data(), buf.size());
        if (n < 0) {
            if (errno == EINTR) {
                cur ^= 1;  // retry into the same buffer
                continue;
            }
            return fail(Reason::io, "Reading the USB stick failed (" + std::string(std::strerror(errno)) + "); was it pulled out? Nothing was changed.");
        }
        if (n == 0) break;
        total += static_cast<std::uint64_t>(n);
        if (total > expected || total > o.max_bytes)
            return fail(Reason::io, "The file on the USB stick grew while it was being copied; nothing was changed.");
        h.start(buf.data(), static_cast<std::size_t>(n));  // waits for the previous chunk first
        if (auto w = write_all(o, out.get(), buf.data(), static_cast<std::size_t>(n), st.path); !w) return w;
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
    return {};
}

Result<TrustedKey> trusted_key_for(const DeviceRules& rules, const minisign::KeyId& id) {
    for (const auto& k : rules.keys)
        if (k.key.key_id == id) return k;
    minisign::PublicKey unknown;
    unknown.key_id = id;
    return fail(Reason::untrusted_key, "The bundle is signed by key " + unknown.key_id_hex() +
                                           ", which this kiosk does not trust. An administrator must add the publisher's key first.");
}

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

// The stick side: opens the bundle and its signature (plain files only), finds
// the key, checks the space, and copies the bundle once into `staging_dir`.
// `staged.path` is set as soon as the copy exists, so the caller can remove it.
Status stage(const fs::path& bundle, const fs::path& staging_dir, const DeviceRules& rules, const ImportOptions& o, Staged& staged) {
    step(o, "start");
    progress(o, ImportStage::finding, 0, 0);
    auto in = untrusted::open_regular(bundle, o.max_bytes);
    if (!in) {
        if (in.error().reason == Reason::too_large)
            return fail(Reason::too_large, "The bundle is larger than this kiosk accepts (" + std::to_string(o.max_bytes) + " bytes): " + in.error().message);
        return std::unexpected(in.error());
    }
    auto sig = load_bundle_signature(signature_path_for(bundle));
    if (!sig) return std::unexpected(sig.error());
    staged.signature = *sig;
    auto key = trusted_key_for(rules, sig->key_id);
    if (!key) return std::unexpected(key.error());
    staged.key = *key;
    const std::uint64_t free = o.io.free_bytes ? o.io.free_bytes(staging_dir) : file_io::free_bytes(staging_dir).value_or(0);
    if (free < in->size + space_margin)
        return fail(Reason::no_space, "There is not enough free space to install this bundle (" + std::to_string(in->size >> 20) + " MB needed, " +
                                          std::to_string(free >> 20) + " MB free). The installed content is unchanged.");
    step(o, "copy");
    staged.path = staging_dir / random_name("import-", ".part");
    return copy_from_stick(in->fd.get(), staged, in->size, o);
}

// The device rules a bundle must meet, as far as they can be checked before
// the commit (which checks version and freshness again, inside its transaction).
Status check_rules(const Manifest& m, const TrustedKey& key, const DeviceRules& rules, const ImportOptions& o) {
    const auto& allowed = key.channels;
    if (m.channel == "software")  // that channel is the kiosk software's (software_update.hpp), never content
        return fail(Reason::channel_not_allowed, "Channel 'software' is kept for kiosk software packages; a content bundle may not use it.");
    if (std::find(allowed.begin(), allowed.end(), m.channel) == allowed.end())
        return fail(Reason::channel_not_allowed, "Key " + key.key.key_id_hex() + " is trusted, but not to publish channel '" + m.channel + "'.");
    if (compare_versions(o.kiosk_version, m.min_kiosk_version) < 0)
        return fail(Reason::kiosk_too_old, "The bundle needs kiosk version " + m.min_kiosk_version + " or newer; this kiosk is " + o.kiosk_version + ".");
    auto at = [](const std::map<std::string, std::int64_t>& mp, const std::string& k) { auto it = mp.find(k); return it == mp.end() ? 0 : it->second; };
    const std::int64_t now = o.now ? o.now : static_cast<std::int64_t>(std::time(nullptr));
    if (auto f = check_freshness(m.title, m.created, m.expires, at(rules.newest, m.channel), now, o.future); !f) return f;
    const std::int64_t hw = at(rules.high_water, m.channel);
    if (m.version < hw)
        return fail(Reason::rollback, "This is version " + std::to_string(m.version) + " of '" + m.channel + "', older than version " + std::to_string(hw) +
                                          " already accepted. Old content cannot replace newer content.");
    return {};
}

// The local side: verifies the private copy (signature over the hash taken
// while copying, then contents, device rules and disclosure).
Result<Manifest> verify_staged(const Staged& staged, const DeviceRules& rules, const ImportOptions& o) {
    step(o, "verify");
    progress(o, ImportStage::verifying, staged.size, staged.size);
    if (auto v = minisign::verify_prehashed(staged.key.key, staged.signature, staged.hash); !v) return std::unexpected(v.error());
    VerifyOptions vo;
    vo.max_bytes = o.max_bytes;  // expiry is checked per channel below
    auto m = check_contents(staged.path, vo);
    if (!m) return std::unexpected(m.error());
    step(o, "check");
    progress(o, ImportStage::checking, staged.size, staged.size);
    if (auto r = check_rules(*m, staged.key, rules, o); !r) return std::unexpected(r.error());
    if (auto d = recheck_disclosure(staged.path, m->disclosure_threshold); !d) return std::unexpected(d.error());
    return m;
}

Result<PreparedBundle> prepare_inner(const fs::path& bundle, const fs::path& staging_dir, const DeviceRules& rules, const ImportOptions& o, Staged& staged) {
    if (auto s = stage(bundle, staging_dir, rules, o, staged); !s) return std::unexpected(s.error());
    // The copy is flushed to disk while it is verified (the two overlap).
    auto flushed = std::async(std::launch::async, [path = staged.path] { return file_io::fsync_file(path); });
    auto m = verify_staged(staged, rules, o);
    auto f = flushed.get();
    if (!m) return std::unexpected(m.error());
    if (!f) return std::unexpected(f.error());
    return PreparedBundle{staged.path, bundle.filename().string(), std::move(*m), staged.key, staged.size};
}

// Moves the prepared copy into bundles/ and commits. Returns the outcome; on
// any refusal the moved file is removed again.
Result<ImportResult> commit_prepared(StateStore& store, const PreparedBundle& p, const ImportOptions& o, fs::path& pending) {
    step(o, "commit");
    progress(o, ImportStage::committing, p.size, p.size);
    const Manifest& m = p.manifest;
    std::string name = file_for(m);
    fs::path final_path = store.bundles_dir() / name;
    if (auto s = file_io::fsync_dir(p.file.parent_path()); !s) return std::unexpected(s.error());
    if (file_io::sys().rename(p.file.c_str(), final_path.c_str()) != 0) return std::unexpected(file_io::from_errno(errno, "moving into place", final_path));
    pending = final_path;
    if (auto s = file_io::fsync_dir(store.bundles_dir()); !s) return std::unexpected(s.error());
    step(o, "renamed");
    InstalledBundle ib{name, m.version, m.title, m.created, m.expires, p.key.key.key_id_hex()};
    std::string detail = "from " + p.source_name + ", signed by " + ib.key_id;
    if (o.future == FutureDated::allow) detail += "; a future signing date was allowed by an administrator";
    auto dropped = store.commit_install(m.channel, ib, detail, InstallRules{o.now, o.future});
    if (!dropped) return std::unexpected(dropped.error());
    pending.clear();
    step(o, "committed");
    if (*dropped) {
        std::error_code ec;
        fs::remove(store.bundles_dir() / **dropped, ec);  // recover() retries if this is interrupted
    }
    progress(o, ImportStage::done, p.size, p.size);
    step(o, "done");
    return ImportResult{ImportOutcome::installed, m, name};
}

// The state side: re-checks the key against the trust list as it is now,
// treats an installed version as a no-op, and commits.
Result<ImportResult> install_inner(StateStore& store, const PreparedBundle& p, const ImportOptions& o) {
    auto key = store.find_key(p.key.key.key_id);
    if (!key) return std::unexpected(key.error());
    if (!*key) return fail(Reason::untrusted_key, "Key " + p.key.key.key_id_hex() + " is no longer trusted on this kiosk.");
    const auto& allowed = (*key)->channels;
    if (std::find(allowed.begin(), allowed.end(), p.manifest.channel) == allowed.end())
        return fail(Reason::channel_not_allowed, "Key " + p.key.key.key_id_hex() + " is trusted, but not to publish channel '" + p.manifest.channel + "'.");
    auto cur = store.channel(p.manifest.channel);
    if (!cur) return std::unexpected(cur.error());
    if (*cur && (*cur)->current.version == p.manifest.version) return ImportResult{ImportOutcome::already_installed, p.manifest, (*cur)->current.file};
    fs::path pending;
    auto r = commit_prepared(store, p, o, pending);
    if (!pending.empty()) file_io::sys().unlink(pending.c_str());  // renamed but not committed: never left for recovery to find
    if (!r && r.error().reason == Reason::same_version) {
        auto now_cur = store.channel(p.manifest.channel);
        if (now_cur && *now_cur) return ImportResult{ImportOutcome::already_installed, p.manifest, (*now_cur)->current.file};
    }
    return r;
}

void audit_outcome(StateStore& store, const Result<ImportResult>& r, const std::string& source, const std::string& channel, std::int64_t version) {
    if (r && r->outcome == ImportOutcome::already_installed)
        (void)store.audit("import", r->manifest.channel, r->manifest.version, "E_SAME_VERSION", "version already installed; nothing to do (" + source + ")");
    if (!r) (void)store.audit("import", channel, version, std::string(reason_code(r.error().reason)), source + ": " + r.error().message);
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

Result<DeviceRules> device_rules(StateStore& store) {
    DeviceRules r;
    auto keys = store.trusted_keys();
    if (!keys) return std::unexpected(keys.error());
    r.keys = std::move(*keys);
    auto hw = store.high_water_marks();
    if (!hw) return std::unexpected(hw.error());
    for (auto& [c, v] : *hw) r.high_water[c] = v;
    auto fr = store.freshness_marks();
    if (!fr) return std::unexpected(fr.error());
    for (auto& [c, t] : *fr) r.newest[c] = t;
    auto ch = store.channels();
    if (!ch) return std::unexpected(ch.error());
    for (auto& c : *ch) r.installed[c.channel] = c.current.version;
    return r;
}

Result<PreparedBundle> prepare_bundle(const fs::path& bundle, const fs::path& staging_dir, const DeviceRules& rules, const ImportOptions& o) {
    Staged staged;
    auto r = prepare_inner(bundle, staging_dir, rules, o, staged);
    if (!r && !staged.path.empty()) file_io::sys().unlink(staged.path.c_str());
    return r;
}

Result<ImportResult> install_prepared(StateStore& store, const PreparedBundle& p, const ImportOptions& o) {
    auto r = install_inner(store, p, o);
    file_io::sys().unlink(p.file.c_str());  // consumed: moved into place, or no longer needed
    audit_outcome(store, r, p.source_name, p.manifest.channel, p.manifest.version);
    return r;
}

Result<ImportResult> import_bundle(StateStore& store, const fs::path& bundle, const ImportOptions& o) {
    auto rules = device_rules(store);
    if (!rules) return std::unexpected(rules.error());
    auto p = prepare_bundle(bundle, store.staging_dir(), *rules, o);
    if (!p) {
        Result<ImportResult> r = std::unexpected(p.error());
        audit_outcome(store, r, bundle.filename().string(), "", 0);
        return r;
    }
    return install_prepared(store, *p, o);
}

Result<ChannelState> rollback_channel(StateStore& store, const std::string& channel) {
    auto r = store.commit_rollback(channel);
    if (!r) (void)store.audit("rollback", channel, 0, std::string(reason_code(r.error().reason)), r.error().message);
    return r;
}

Result<std::size_t> recover(StateStore& store, const DataLock&) {
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
