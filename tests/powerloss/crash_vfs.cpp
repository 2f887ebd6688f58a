// The power-loss SQLite VFS; see crash_vfs.hpp.
#include "crash_vfs.hpp"
#include "disk.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <string>

namespace powerloss {
namespace {

sqlite3_vfs* g_real = nullptr;
sqlite3_vfs g_vfs{};

struct CrashFile {
    sqlite3_file base;
    sqlite3_file* real;
    std::string* path;
    bool tracked;
};

CrashFile* cf(sqlite3_file* f) { return reinterpret_cast<CrashFile*>(f); }
sqlite3_file* real(sqlite3_file* f) { return cf(f)->real; }
const sqlite3_io_methods* rm(sqlite3_file* f) { return real(f)->pMethods; }

// Counts a change to a tracked file; false once the power is off.
bool allowed(sqlite3_file* f, const char* what) { return !cf(f)->tracked || Disk::get().event(what, *cf(f)->path); }

int x_close(sqlite3_file* f) {
    int rc = rm(f)->xClose(real(f));
    delete cf(f)->path;
    cf(f)->path = nullptr;
    return rc;
}

int x_read(sqlite3_file* f, void* buf, int n, sqlite3_int64 off) { return rm(f)->xRead(real(f), buf, n, off); }

int x_write(sqlite3_file* f, const void* buf, int n, sqlite3_int64 off) {
    if (!allowed(f, "db-write")) return SQLITE_IOERR_WRITE;
    if (cf(f)->tracked)
        Disk::get().db_before_write(*cf(f)->path, off, n, [&](std::int64_t at, std::int64_t len) {
            std::string old(static_cast<std::size_t>(len), '\0');
            (void)rm(f)->xRead(real(f), old.data(), static_cast<int>(len), at);  // a short read fills with zeros
            return old;
        });
    return rm(f)->xWrite(real(f), buf, n, off);
}

int x_truncate(sqlite3_file* f, sqlite3_int64 size) {
    if (!allowed(f, "db-truncate")) return SQLITE_IOERR_TRUNCATE;
    if (cf(f)->tracked) Disk::get().db_before_truncate(*cf(f)->path, size);
    return rm(f)->xTruncate(real(f), size);
}

// The model decides what is durable, so syncs are recorded, never issued:
// a sweep makes thousands, and the disk's flush latency would be the whole
// cost of the test. Nothing in the test binary relies on a real flush.
int x_sync(sqlite3_file* f, int) {
    if (!allowed(f, "db-sync")) return SQLITE_IOERR_FSYNC;
    sqlite3_int64 size = 0;
    if (cf(f)->tracked && rm(f)->xFileSize(real(f), &size) == SQLITE_OK) Disk::get().db_synced(*cf(f)->path, size);
    return SQLITE_OK;
}

int x_file_size(sqlite3_file* f, sqlite3_int64* out) { return rm(f)->xFileSize(real(f), out); }
int x_lock(sqlite3_file* f, int l) { return rm(f)->xLock(real(f), l); }
int x_unlock(sqlite3_file* f, int l) { return rm(f)->xUnlock(real(f), l); }
int x_check_reserved(sqlite3_file* f, int* out) { return rm(f)->xCheckReservedLock(real(f), out); }
int x_file_control(sqlite3_file* f, int op, void* arg) { return rm(f)->xFileControl(real(f), op, arg); }
int x_sector_size(sqlite3_file* f) { return rm(f)->xSectorSize(real(f)); }
int x_device_chars(sqlite3_file* f) { return rm(f)->xDeviceCharacteristics(real(f)); }
int x_shm_map(sqlite3_file* f, int pg, int sz, int extend, void volatile** pp) { return rm(f)->xShmMap(real(f), pg, sz, extend, pp); }
int x_shm_lock(sqlite3_file* f, int off, int n, int flags) { return rm(f)->xShmLock(real(f), off, n, flags); }
void x_shm_barrier(sqlite3_file* f) { rm(f)->xShmBarrier(real(f)); }
int x_shm_unmap(sqlite3_file* f, int del) { return rm(f)->xShmUnmap(real(f), del); }
int x_fetch(sqlite3_file* f, sqlite3_int64 off, int n, void** pp) { return rm(f)->xFetch(real(f), off, n, pp); }
int x_unfetch(sqlite3_file* f, sqlite3_int64 off, void* p) { return rm(f)->xUnfetch(real(f), off, p); }

const sqlite3_io_methods k_methods{3,           x_close,     x_read,          x_write,          x_truncate,   x_sync,
                                   x_file_size, x_lock,      x_unlock,        x_check_reserved, x_file_control, x_sector_size,
                                   x_device_chars, x_shm_map, x_shm_lock,     x_shm_barrier,    x_shm_unmap,  x_fetch,
                                   x_unfetch};

int v_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
    CrashFile* c = cf(file);
    c->base.pMethods = nullptr;
    c->real = reinterpret_cast<sqlite3_file*>(c + 1);
    c->path = nullptr;
    c->tracked = false;
    const bool writable = (flags & SQLITE_OPEN_READWRITE) != 0;
    const bool durable_kind = (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_MAIN_JOURNAL | SQLITE_OPEN_WAL)) != 0;
    const bool track = name && writable && durable_kind && Disk::get().armed();
    const bool existed = name && ::access(name, F_OK) == 0;
    if (track && !existed && !Disk::get().event("db-create", name)) return SQLITE_CANTOPEN;
    int rc = g_real->xOpen(g_real, name, c->real, flags, out_flags);
    if (rc != SQLITE_OK) return rc;
    if (track) {
        const bool journal = (flags & (SQLITE_OPEN_MAIN_JOURNAL | SQLITE_OPEN_WAL)) != 0;
        Disk::get().db_opened(name, !existed, !existed && journal);
        c->tracked = Disk::get().tracks(name);
    }
    c->path = new std::string(name ? name : "");
    c->base.pMethods = &k_methods;
    return SQLITE_OK;
}

int v_delete(sqlite3_vfs*, const char* name, int sync_dir) {
    const bool tracked = Disk::get().tracks(name);
    if (tracked) {
        if (!Disk::get().event("db-delete", name)) return SQLITE_IOERR_DELETE;
        Disk::get().db_before_delete(name);
    }
    int rc = g_real->xDelete(g_real, name, 0);
    // The unix VFS would fsync the directory after the unlink; the model records it.
    if (tracked && rc == SQLITE_OK && sync_dir) Disk::get().dir_synced(std::filesystem::path(name).parent_path());
    return rc;
}

int v_access(sqlite3_vfs*, const char* n, int flags, int* out) { return g_real->xAccess(g_real, n, flags, out); }
int v_full(sqlite3_vfs*, const char* n, int len, char* out) { return g_real->xFullPathname(g_real, n, len, out); }
void* v_dlopen(sqlite3_vfs*, const char* n) { return g_real->xDlOpen(g_real, n); }
void v_dlerror(sqlite3_vfs*, int n, char* msg) { g_real->xDlError(g_real, n, msg); }
void (*v_dlsym(sqlite3_vfs*, void* h, const char* s))(void) { return g_real->xDlSym(g_real, h, s); }
void v_dlclose(sqlite3_vfs*, void* h) { g_real->xDlClose(g_real, h); }
int v_random(sqlite3_vfs*, int n, char* out) { return g_real->xRandomness(g_real, n, out); }
int v_sleep(sqlite3_vfs*, int us) { return g_real->xSleep(g_real, us); }
int v_time(sqlite3_vfs*, double* t) { return g_real->xCurrentTime(g_real, t); }
int v_last_error(sqlite3_vfs*, int n, char* msg) { return g_real->xGetLastError(g_real, n, msg); }
int v_time64(sqlite3_vfs*, sqlite3_int64* t) { return g_real->xCurrentTimeInt64(g_real, t); }

} // namespace

void install_crash_vfs() {
    if (g_real) return;
    g_real = sqlite3_vfs_find(nullptr);
    g_vfs.iVersion = 2;
    g_vfs.szOsFile = static_cast<int>(sizeof(CrashFile)) + g_real->szOsFile;
    g_vfs.mxPathname = g_real->mxPathname;
    g_vfs.zName = "powerloss";
    g_vfs.xOpen = v_open;
    g_vfs.xDelete = v_delete;
    g_vfs.xAccess = v_access;
    g_vfs.xFullPathname = v_full;
    g_vfs.xDlOpen = v_dlopen;
    g_vfs.xDlError = v_dlerror;
    g_vfs.xDlSym = v_dlsym;
    g_vfs.xDlClose = v_dlclose;
    g_vfs.xRandomness = v_random;
    g_vfs.xSleep = v_sleep;
    g_vfs.xCurrentTime = v_time;
    g_vfs.xGetLastError = v_last_error;
    g_vfs.xCurrentTimeInt64 = v_time64;
    sqlite3_vfs_register(&g_vfs, 1);
}

} // namespace powerloss
