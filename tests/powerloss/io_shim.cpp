// The recording system-call table; see io_shim.hpp.
#include "io_shim.hpp"
#include "disk.hpp"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace powerloss {
namespace {

const content::file_io::SysCalls& real() { return content::file_io::libc_sys_calls(); }

// Reports `what` on `path`; false (errno EIO) once the power is off.
bool allowed(const char* what, const std::string& path) {
    if (Disk::get().event(what, path)) return true;
    errno = EIO;
    return false;
}

int sh_open(const char* path, int flags, mode_t mode) {
    const bool changes = (flags & (O_CREAT | O_TRUNC | O_WRONLY | O_RDWR)) != 0;
    if (!changes) return real().open(path, flags, mode);
    const bool existed = ::access(path, F_OK) == 0;
    if (!allowed(existed ? "open-write" : "create", path)) return -1;
    int fd = real().open(path, flags, mode);
    if (fd >= 0 && !existed) Disk::get().fd_created(fd);
    return fd;
}

ssize_t sh_write(int fd, const void* buf, std::size_t n) {
    if (!allowed("write", Disk::fd_path(fd))) return -1;
    return real().write(fd, buf, n);
}

// The model decides what is durable, so the flushes themselves are only
// recorded, not issued (a sweep makes thousands; the real disk's latency
// would be the whole cost of the test).
int sh_fsync(int fd) {
    if (!allowed("fsync", Disk::fd_path(fd))) return -1;
    Disk::get().fd_synced(fd);
    return 0;
}

int sh_fdatasync(int fd) {
    if (!allowed("fdatasync", Disk::fd_path(fd))) return -1;
    Disk::get().fd_synced(fd);
    return 0;
}

// Starts write-back only: it makes nothing durable (no metadata, no cache flush).
int sh_sync_file_range(int fd, off_t, off_t, unsigned int) { return allowed("sync_file_range", Disk::fd_path(fd)) ? 0 : -1; }

int sh_rename(const char* from, const char* to) {
    if (!allowed("rename", to)) return -1;
    return real().rename(from, to);
}

int sh_unlink(const char* path) {
    if (!allowed("unlink", path)) return -1;
    return real().unlink(path);
}

int sh_mkdir(const char* path, mode_t mode) {
    if (!allowed("mkdir", path)) return -1;
    return real().mkdir(path, mode);
}

const content::file_io::SysCalls k_shim{sh_open, sh_write, sh_fsync, sh_fdatasync, sh_sync_file_range, sh_rename, sh_unlink, sh_mkdir};

} // namespace

const content::file_io::SysCalls& shim_sys_calls() { return k_shim; }

} // namespace powerloss
