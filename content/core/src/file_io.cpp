// Durable file helpers; see file_io.hpp.
#include "content/file_io.hpp"
#include "content/file_sys.hpp"

#include <cerrno>
#include <cstdio>
#include <random>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace content::file_io {

namespace {
const SysCalls k_libc{
    [](const char* p, int f, mode_t m) { return ::open(p, f, m); },
    [](int fd, const void* b, std::size_t n) { return ::write(fd, b, n); },
    [](int fd) { return ::fsync(fd); },
    [](int fd) { return ::fdatasync(fd); },
    [](int fd, off_t o, off_t n, unsigned int f) { return ::sync_file_range(fd, o, n, f); },
    [](const char* a, const char* b) { return ::rename(a, b); },
    [](const char* p) { return ::unlink(p); },
    [](const char* p, mode_t m) { return ::mkdir(p, m); },
};
} // namespace

namespace detail {
std::atomic<const SysCalls*> g_sys{&k_libc};
}

const SysCalls& libc_sys_calls() { return k_libc; }

const SysCalls* replace_sys_calls(const SysCalls* table) { return detail::g_sys.exchange(table ? table : &k_libc); }

Fd& Fd::operator=(Fd&& o) noexcept {
    if (this != &o) {
        if (m_fd >= 0) ::close(m_fd);
        m_fd = o.m_fd;
        o.m_fd = -1;
    }
    return *this;
}

Fd::~Fd() {
    if (m_fd >= 0) ::close(m_fd);
}

Error from_errno(int err, std::string_view action, const std::filesystem::path& path) {
    std::string what = std::string(action) + " " + path.string() + " failed: " + std::strerror(err) + ".";
    if (err == ENOSPC || err == EDQUOT)
        return Error{Reason::no_space, "There is not enough free space on the disk; " + what};
    if (err == ENOENT)
        return Error{Reason::not_found, "A file is missing; " + what};
    return Error{Reason::io, "The storage could not be read or written; " + what};
}

Result<std::string> read_file(const std::filesystem::path& path, std::uint64_t cap) {
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid()) return std::unexpected(from_errno(errno, "opening", path));
    struct stat st{};
    if (::fstat(fd.get(), &st) != 0) return std::unexpected(from_errno(errno, "reading", path));
    if (static_cast<std::uint64_t>(st.st_size) > cap)
        return fail(Reason::too_large, path.filename().string() + " is " + std::to_string(st.st_size) +
                                           " bytes, more than the limit of " + std::to_string(cap) + ".");
    std::string out;
    char buf[65536];
    for (;;) {
        ssize_t n = ::read(fd.get(), buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            return std::unexpected(from_errno(errno, "reading", path));
        }
        if (n == 0) break;
        out.append(buf, static_cast<std::size_t>(n));
        if (out.size() > cap)
            return fail(Reason::too_large, path.filename().string() + " grew past the limit of " +
                                               std::to_string(cap) + " bytes while being read.");
    }
    return out;
}

Status fsync_dir(const std::filesystem::path& dir) {
    Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fd.valid()) return std::unexpected(from_errno(errno, "opening folder", dir));
    if (sys().fsync(fd.get()) != 0) return std::unexpected(from_errno(errno, "flushing folder", dir));
    return {};
}

Status fsync_file(const std::filesystem::path& path) {
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid()) return std::unexpected(from_errno(errno, "opening", path));
    if (sys().fsync(fd.get()) != 0) return std::unexpected(from_errno(errno, "flushing", path));
    return {};
}

Status write_file_atomic(const std::filesystem::path& path, std::string_view data) {
    std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    std::filesystem::path tmp = dir / ("." + path.filename().string() + ".tmp-" + std::to_string(::getpid()));
    Status st;
    {
        Fd fd(sys().open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
        if (!fd.valid()) return std::unexpected(from_errno(errno, "creating", tmp));
        std::size_t off = 0;
        while (off < data.size()) {
            ssize_t n = sys().write(fd.get(), data.data() + off, data.size() - off);
            if (n < 0) {
                if (errno == EINTR) continue;
                st = std::unexpected(from_errno(errno, "writing", path));
                break;
            }
            off += static_cast<std::size_t>(n);
        }
        if (st && sys().fsync(fd.get()) != 0) st = std::unexpected(from_errno(errno, "flushing", path));
    }
    if (st && sys().rename(tmp.c_str(), path.c_str()) != 0) st = std::unexpected(from_errno(errno, "renaming into", path));
    if (!st) {
        sys().unlink(tmp.c_str());
        return st;
    }
    return fsync_dir(dir);
}

namespace {
Status write_all_fd(int fd, std::string_view data, const std::filesystem::path& path) {
    std::size_t off = 0;
    while (off < data.size()) {
        ssize_t n = ::write(fd, data.data() + off, data.size() - off);
        if (n < 0) {
            if (errno == EINTR) continue;
            return std::unexpected(from_errno(errno, "writing", path));
        }
        off += static_cast<std::size_t>(n);
    }
    return {};
}

// Moves `from` to `to` unless `to` exists.
int move_no_replace(const std::filesystem::path& from, const std::filesystem::path& to) {
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return 0;
    if (errno != EINVAL && errno != ENOSYS) return -1;
    if (::link(from.c_str(), to.c_str()) == 0) return ::unlink(from.c_str());
    if (errno != EPERM && errno != EOPNOTSUPP) return -1;
    // A file system with neither (some FUSE mounts): check, then rename.
    struct stat st{};
    if (::lstat(to.c_str(), &st) == 0) {
        errno = EEXIST;
        return -1;
    }
    return ::rename(from.c_str(), to.c_str());
}
} // namespace

Status write_file_new(const std::filesystem::path& path, std::string_view data, NewFileMode mode) {
    std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    std::filesystem::path tmp = dir / ("." + path.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}()));
    const mode_t perms = mode == NewFileMode::secret ? 0600 : 0644;
    Status st;
    {
        Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, perms));
        if (!fd.valid()) return std::unexpected(from_errno(errno, "creating", tmp));
        struct stat sb{};
        if (::fchmod(fd.get(), perms) != 0 || ::fstat(fd.get(), &sb) != 0) st = std::unexpected(from_errno(errno, "setting permissions on", path));
        else if (mode == NewFileMode::secret && (sb.st_mode & 0777) != 0600)
            st = fail(Reason::io, "The file system holding " + path.string() + " cannot keep a secret key private (mode 0600); nothing was written.");
        if (st) st = write_all_fd(fd.get(), data, path);
        if (st && ::fsync(fd.get()) != 0) st = std::unexpected(from_errno(errno, "flushing", path));
    }
    if (st && move_no_replace(tmp, path) != 0) {
        if (errno == EEXIST) st = fail(Reason::io, path.string() + " already exists; it was not replaced.");
        else st = std::unexpected(from_errno(errno, "moving into", path));
    }
    if (!st) {
        ::unlink(tmp.c_str());
        return st;
    }
    return fsync_dir(dir);
}

Status verify_file(const std::filesystem::path& path, std::string_view data) {
    Fd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
    if (!fd.valid()) return std::unexpected(from_errno(errno, "reading back", path));
    (void)::posix_fadvise(fd.get(), 0, 0, POSIX_FADV_DONTNEED);
    std::string got;
    char buf[65536];
    while (got.size() <= data.size()) {
        ssize_t n = ::read(fd.get(), buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            return std::unexpected(from_errno(errno, "reading back", path));
        }
        if (n == 0) break;
        got.append(buf, static_cast<std::size_t>(n));
    }
    if (got != data) return fail(Reason::io, "The USB stick did not store " + path.filename().string() + " correctly (it read back different); nothing was marked exported.");
    return {};
}

Result<std::uint64_t> free_bytes(const std::filesystem::path& dir) {
    struct statvfs vfs{};
    if (::statvfs(dir.c_str(), &vfs) != 0) return std::unexpected(from_errno(errno, "checking free space on", dir));
    return static_cast<std::uint64_t>(vfs.f_bavail) * vfs.f_frsize;
}

} // namespace content::file_io
