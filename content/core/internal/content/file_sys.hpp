// Why this file exists: the power-loss tests must see every system call that
// changes what is on disk (create, write, fsync, rename, unlink, mkdir), so
// that they can drop whatever was not made durable at a simulated power cut.
// The importer and file_io make those calls through this table. In production
// the table points straight at libc: one pointer load per call, no branches,
// nothing recorded. Only tests/powerloss swaps it.
#pragma once
#include <atomic>
#include <cstddef>
#include <sys/types.h>

namespace content::file_io {

// The calls that change durable state. Each has the libc signature and errno
// behaviour (open takes its mode always).
struct SysCalls {
    int (*open)(const char* path, int flags, mode_t mode);
    ssize_t (*write)(int fd, const void* buf, std::size_t len);
    int (*fsync)(int fd);
    int (*fdatasync)(int fd);
    int (*sync_file_range)(int fd, off_t offset, off_t len, unsigned int flags);
    int (*rename)(const char* from, const char* to);
    int (*unlink)(const char* path);
    int (*mkdir)(const char* path, mode_t mode);
};

// The libc table (what production always uses).
[[nodiscard]] const SysCalls& libc_sys_calls();

namespace detail {
extern std::atomic<const SysCalls*> g_sys;
}

// The table in force. Any thread.
[[nodiscard]] inline const SysCalls& sys() { return *detail::g_sys.load(std::memory_order_relaxed); }

// Tests only: installs `table` (nullptr: libc again) and returns the previous
// one. Call it while no other thread is doing file I/O through this table.
const SysCalls* replace_sys_calls(const SysCalls* table);

} // namespace content::file_io
