// The power-loss disk model; see disk.hpp.
#include "disk.hpp"
#include "io_shim.hpp"

#include "content/file_sys.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace powerloss {
namespace {

std::string read_whole(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

std::string read_fd(int fd) {
    std::string out;
    char buf[65536];
    off_t off = 0;
    for (;;) {
        ssize_t n = ::pread(fd, buf, sizeof buf, off);
        if (n <= 0) break;
        out.append(buf, static_cast<std::size_t>(n));
        off += n;
    }
    return out;
}

// Replaces whatever is at `p` with a regular file holding `data`.
void put_file(const fs::path& p, const std::string& data) {
    std::error_code ec;
    fs::remove_all(p, ec);
    std::ofstream f(p, std::ios::binary | std::ios::trunc);
    f.write(data.data(), static_cast<std::streamsize>(data.size()));
}

bool ends_with(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

} // namespace

Disk& Disk::get() {
    static Disk d;
    return d;
}

std::string Disk::fd_path(int fd) {
    char buf[4096];
    std::string link = "/proc/self/fd/" + std::to_string(fd);
    ssize_t n = ::readlink(link.c_str(), buf, sizeof buf - 1);
    return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
}

std::string Disk::rel(const fs::path& p) const {
    auto r = p.lexically_relative(m_root);
    return r.empty() ? p.string() : r.string();
}

bool Disk::under_root(const fs::path& p) const {
    auto r = p.lexically_relative(m_root);
    return !r.empty() && *r.begin() != "..";
}

Disk::Listing Disk::list(const fs::path& dir) {
    Listing out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        struct stat st{};
        if (::lstat(e.path().c_str(), &st) != 0) continue;
        out[e.path().filename().string()] = Entry{st.st_dev, st.st_ino, S_ISDIR(st.st_mode)};
    }
    return out;
}

// Everything under `dir` is durable as it is now.
void Disk::snapshot(const fs::path& dir) {
    Listing l = list(dir);
    for (const auto& [name, e] : l) {
        if (e.is_dir)
            snapshot(dir / name);
        else
            m_data[{e.dev, e.ino}] = read_whole(dir / name);
    }
    m_dirs[dir] = std::move(l);
}

void Disk::arm(const fs::path& root, long cut_at, Drop mode, unsigned seed) {
    std::lock_guard lk(m_mu);
    reset();
    m_root = fs::weakly_canonical(fs::absolute(root));
    m_cut_at = cut_at;
    m_mode = mode;
    m_rng.seed(seed);
    snapshot(m_root);
    m_armed = true;
    content::file_io::replace_sys_calls(&shim_sys_calls());
}

void Disk::reset() {
    m_armed = m_dead = false;
    m_count = 0;
    m_cut_at = -1;
    m_events.clear();
    m_cut_event.reset();
    m_dirs.clear();
    m_data.clear();
    m_db.clear();
}

void Disk::cut() {
    std::lock_guard lk(m_mu);
    m_dead = true;
}

bool Disk::armed() const {
    std::lock_guard lk(m_mu);
    return m_armed;
}

bool Disk::dead() const {
    std::lock_guard lk(m_mu);
    return m_dead;
}

long Disk::event_count() const {
    std::lock_guard lk(m_mu);
    return m_count;
}

std::vector<Event> Disk::events() const {
    std::lock_guard lk(m_mu);
    return m_events;
}

std::optional<Event> Disk::cut_event() const {
    std::lock_guard lk(m_mu);
    return m_cut_event;
}

bool Disk::event(const char* what, const std::string& path) {
    std::lock_guard lk(m_mu);
    if (!m_armed) return true;
    if (m_dead) return false;
    Event e{what, rel(path)};
    if (m_count == m_cut_at) {
        m_dead = true;
        m_cut_event = e;
        return false;
    }
    ++m_count;
    m_events.push_back(std::move(e));
    return true;
}

void Disk::fd_synced(int fd) {
    std::lock_guard lk(m_mu);
    if (!m_armed) return;
    struct stat st{};
    if (::fstat(fd, &st) != 0) return;
    if (S_ISDIR(st.st_mode))
        dir_synced(fd_path(fd));
    else if (S_ISREG(st.st_mode)) {
        // Through /proc, because `fd` itself may be open for writing only.
        int rd = ::open(("/proc/self/fd/" + std::to_string(fd)).c_str(), O_RDONLY | O_CLOEXEC);
        m_data[{st.st_dev, st.st_ino}] = rd >= 0 ? read_fd(rd) : std::string();
        if (rd >= 0) ::close(rd);
    }
}

void Disk::fd_created(int fd) {
    std::lock_guard lk(m_mu);
    struct stat st{};
    if (m_armed && ::fstat(fd, &st) == 0) m_data.erase({st.st_dev, st.st_ino});
}

void Disk::dir_synced(const fs::path& dir) {
    std::lock_guard lk(m_mu);
    fs::path d = fs::weakly_canonical(dir);
    if (m_armed && (d == m_root || under_root(d))) m_dirs[d] = list(d);
}

bool Disk::tracks(const std::string& path) const {
    std::lock_guard lk(m_mu);
    return m_armed && m_db.count(path);
}

void Disk::db_opened(const std::string& path, bool created, bool dirsync_on_first_sync) {
    std::lock_guard lk(m_mu);
    if (!m_armed || !under_root(path)) return;
    auto [it, fresh] = m_db.try_emplace(path);
    DbFile& f = it->second;
    if (created) {
        // A new file (or one deleted earlier and made again): no durable bytes
        // of its own yet; the durable bytes of a deleted one still stand.
        f.durable_size = 0;
        f.pre.clear();
        f.dirsync_on_first_sync = dirsync_on_first_sync;
    } else if (fresh) {
        std::error_code ec;
        auto size = fs::file_size(path, ec);
        f.durable_size = ec ? 0 : static_cast<std::int64_t>(size);
    }
}

void Disk::save_pre(DbFile& f, std::int64_t sector, std::string bytes) { f.pre.emplace(sector, std::move(bytes)); }

void Disk::db_before_truncate(const std::string& path, std::int64_t size) {
    std::lock_guard lk(m_mu);
    auto it = m_db.find(path);
    if (it == m_db.end()) return;
    DbFile& f = it->second;
    std::string now = read_whole(path);
    for (std::int64_t s = size / k_sector; s * k_sector < f.durable_size; ++s) {
        const std::int64_t start = s * k_sector;
        if (f.pre.count(s)) continue;
        const std::int64_t len = std::min(k_sector, f.durable_size - start);
        std::string b = start < static_cast<std::int64_t>(now.size()) ? now.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(len)) : "";
        b.resize(static_cast<std::size_t>(len), '\0');
        save_pre(f, s, std::move(b));
    }
}

void Disk::db_synced(const std::string& path, std::int64_t size_now) {
    std::lock_guard lk(m_mu);
    auto it = m_db.find(path);
    if (it == m_db.end()) return;
    DbFile& f = it->second;
    f.pre.clear();
    f.durable_size = size_now;
    f.deleted_durable.reset();
    if (f.dirsync_on_first_sync) {
        // SQLite's unix VFS fsyncs the directory on the first sync of a journal or WAL it created.
        f.dirsync_on_first_sync = false;
        dir_synced(fs::path(path).parent_path());
    }
}

std::string Disk::durable_bytes(const std::string& path, const DbFile& f) const {
    if (f.deleted_durable) return *f.deleted_durable;
    std::string b = read_whole(path);
    b.resize(static_cast<std::size_t>(std::max<std::int64_t>(f.durable_size, static_cast<std::int64_t>(b.size()))), '\0');
    for (const auto& [s, bytes] : f.pre) b.replace(static_cast<std::size_t>(s * k_sector), bytes.size(), bytes);
    b.resize(static_cast<std::size_t>(f.durable_size));
    return b;
}

void Disk::db_before_delete(const std::string& path) {
    std::lock_guard lk(m_mu);
    auto it = m_db.find(path);
    if (it == m_db.end()) return;
    DbFile& f = it->second;
    f.deleted_durable = durable_bytes(path, f);
    f.pre.clear();
    f.durable_size = 0;
}

bool Disk::db_owned(const fs::path& p) const { return m_db.count(p.string()) || ends_with(p.filename().string(), "-shm"); }

// Makes `dir` hold exactly its durable entries, each with its durable bytes.
// State database files are left to restore_db.
void Disk::restore_dir(const fs::path& dir) {
    const Listing durable = m_dirs.count(dir) ? m_dirs[dir] : Listing{};
    std::error_code ec;
    fs::create_directories(dir, ec);
    for (const auto& e : list(dir)) {
        fs::path p = dir / e.first;
        if (!durable.count(e.first) && !db_owned(p)) fs::remove_all(p, ec);
    }
    for (const auto& [name, e] : durable) {
        fs::path p = dir / name;
        if (db_owned(p)) continue;
        if (e.is_dir) {
            if (!fs::is_directory(p)) {
                fs::remove_all(p, ec);
                fs::create_directory(p, ec);
            }
            restore_dir(p);
        } else {
            auto d = m_data.find({e.dev, e.ino});
            put_file(p, d == m_data.end() ? std::string() : d->second);
        }
    }
}

void Disk::restore_db(const std::string& path, DbFile& f) {
    fs::path p(path);
    const fs::path dir = p.parent_path();
    const bool entry_durable = m_dirs.count(dir) && m_dirs[dir].count(p.filename().string());
    std::error_code ec;
    if (!entry_durable) {
        fs::remove(p, ec);
        return;
    }
    if (f.deleted_durable || !fs::exists(p)) {
        put_file(p, f.deleted_durable.value_or(std::string()));
        return;
    }
    std::string b = read_whole(p);
    const bool keep_tail = m_mode == Drop::torn && (m_rng() & 1);
    const std::int64_t size = keep_tail ? std::max<std::int64_t>(f.durable_size, static_cast<std::int64_t>(b.size())) : f.durable_size;
    b.resize(static_cast<std::size_t>(std::max<std::int64_t>(size, static_cast<std::int64_t>(b.size()))), '\0');
    for (const auto& [s, bytes] : f.pre)
        if (m_mode == Drop::all || (m_rng() & 1)) b.replace(static_cast<std::size_t>(s * k_sector), bytes.size(), bytes);
    b.resize(static_cast<std::size_t>(size));
    put_file(p, b);
}

void Disk::restore() {
    std::lock_guard lk(m_mu);
    if (!m_armed) return;
    m_dead = true;
    content::file_io::replace_sys_calls(nullptr);
    restore_dir(m_root);
    for (auto& [path, f] : m_db) restore_db(path, f);
    // The shared-memory index is never durable; SQLite rebuilds it from the WAL.
    std::error_code ec;
    for (const auto& e : fs::recursive_directory_iterator(m_root, ec))
        if (ends_with(e.path().filename().string(), "-shm")) fs::remove(e.path(), ec);
    reset();
}

} // namespace powerloss
