// Why this file exists: SIGKILL keeps the page cache, so a crash test built on
// it cannot see a missing fsync. This is a model of a disk that loses power:
// it remembers what was made durable (file contents at fsync, directory
// entries at an fsync of their directory) and, at a cut, puts the folder back
// to exactly that, dropping every write, create, rename and unlink that was not
// made durable. Two front ends feed it: the file_io system-call table (the
// importer's own file work, io_shim.cpp) and a SQLite VFS (the state database,
// crash_vfs.cpp). Tests only; nothing here is linked into the kiosk.
#pragma once
#include <sys/stat.h>
#include <sys/types.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace powerloss {

namespace fs = std::filesystem;

// What a cut does to changes that were written but not synced.
enum class Drop {
    all,   // every one is lost (the page cache never reached the disk)
    torn,  // a random subset of the state database's unsynced 4 KiB sectors reaches the disk
};

// One durable-state change the code under test asked for, in order.
struct Event {
    std::string what;  // "write", "fsync", "rename", "db-sync", ...
    std::string path;  // relative to the root where it can be named
};

class Disk {
public:
    // The one disk (the front ends are global: a syscall table and a VFS).
    static Disk& get();

    // Starts modelling `root`: everything under it now counts as durable.
    // The power fails just before event number `cut_at` (0-based; -1: only
    // when cut() is called). Installs the file_io shim. Not reentrant.
    void arm(const fs::path& root, long cut_at, Drop mode, unsigned seed);
    // The power fails now, if it has not already: from here on every change is
    // refused with EIO (SQLITE_IOERR for the database), reads still work.
    void cut();
    // Puts `root` back as the disk holds it after the cut (cuts first if
    // needed), uninstalls the shim and forgets the model. Every SQLite
    // connection to a file under root must be closed first.
    void restore();

    [[nodiscard]] bool armed() const;
    [[nodiscard]] bool dead() const;
    [[nodiscard]] long event_count() const;
    [[nodiscard]] std::vector<Event> events() const;
    // The event the power failed before, if the cut came from cut_at.
    [[nodiscard]] std::optional<Event> cut_event() const;

    // ---- front ends ----
    // Counts one change. Returns false when the power is (now) off: the
    // caller must then fail without touching the disk.
    [[nodiscard]] bool event(const char* what, const std::string& path);
    // An fsync/fdatasync on `fd` succeeded: a file's bytes, or a directory's entries, are durable.
    void fd_synced(int fd);
    // `fd` is a file that open() just created: it has no durable bytes yet.
    void fd_created(int fd);
    // `dir`'s entries are durable (an fsync on it, possibly made inside SQLite).
    void dir_synced(const fs::path& dir);

    // The state database side: per path, the pre-images of the sectors
    // written since that file's last xSync.
    [[nodiscard]] bool tracks(const std::string& path) const;
    void db_opened(const std::string& path, bool created, bool dirsync_on_first_sync);
    // Called before the write; `read_old` reads the current bytes at an offset.
    template <class ReadOld> void db_before_write(const std::string& path, std::int64_t off, std::int64_t n, ReadOld&& read_old);
    void db_before_truncate(const std::string& path, std::int64_t size);
    void db_synced(const std::string& path, std::int64_t size_now);
    // Before an xDelete: remembers the durable bytes (the deletion itself is
    // durable only once the directory is synced).
    void db_before_delete(const std::string& path);

    [[nodiscard]] std::string rel(const fs::path& p) const;
    [[nodiscard]] static std::string fd_path(int fd);

private:
    struct Entry {
        dev_t dev = 0;
        ino_t ino = 0;
        bool is_dir = false;
    };
    using Listing = std::map<std::string, Entry>;
    struct DbFile {
        std::int64_t durable_size = 0;
        std::map<std::int64_t, std::string> pre;    // sector -> durable bytes (clipped to durable_size)
        std::optional<std::string> deleted_durable;  // deleted, but the deletion is not durable yet
        bool dirsync_on_first_sync = false;
    };
    static constexpr std::int64_t k_sector = 4096;

    [[nodiscard]] bool under_root(const fs::path& p) const;
    [[nodiscard]] static Listing list(const fs::path& dir);
    void snapshot(const fs::path& dir);
    void save_pre(DbFile& f, std::int64_t sector, std::string bytes);
    [[nodiscard]] bool db_owned(const fs::path& p) const;
    void restore_dir(const fs::path& dir);
    void restore_db(const std::string& path, DbFile& f);
    [[nodiscard]] std::string durable_bytes(const std::string& path, const DbFile& f) const;
    void reset();

    mutable std::recursive_mutex m_mu;
    fs::path m_root;
    bool m_armed = false, m_dead = false;
    long m_cut_at = -1, m_count = 0;
    Drop m_mode = Drop::all;
    std::mt19937 m_rng;
    std::vector<Event> m_events;
    std::optional<Event> m_cut_event;
    std::map<fs::path, Listing> m_dirs;                     // durable directory entries
    std::map<std::pair<dev_t, ino_t>, std::string> m_data;  // durable file bytes
    std::map<std::string, DbFile> m_db;                     // state database files by path
};

template <class ReadOld>
void Disk::db_before_write(const std::string& path, std::int64_t off, std::int64_t n, ReadOld&& read_old) {
    std::lock_guard lk(m_mu);
    auto it = m_db.find(path);
    if (it == m_db.end() || n <= 0) return;
    DbFile& f = it->second;
    for (std::int64_t s = off / k_sector; s <= (off + n - 1) / k_sector; ++s) {
        const std::int64_t start = s * k_sector;
        if (start >= f.durable_size || f.pre.count(s)) continue;
        const std::int64_t len = std::min(k_sector, f.durable_size - start);
        save_pre(f, s, read_old(start, len));
    }
}

} // namespace powerloss
