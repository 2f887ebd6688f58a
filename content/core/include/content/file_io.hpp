// Why this file exists: durable, honest file operations. Every write that must
// survive a power cut goes through here (write temp, fsync, rename, fsync dir),
// and every errno is turned into a stable reason code a person can act on.
#pragma once
#include "content/error.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace content::file_io {

// Maps an errno from a failed call on `path` into E_NO_SPACE, E_IO or E_NOT_FOUND
// with a sentence naming the file and the action that failed.
[[nodiscard]] Error from_errno(int err, std::string_view action, const std::filesystem::path& path);

// Reads a whole file, refusing (E_TOO_LARGE) one larger than `cap` bytes.
[[nodiscard]] Result<std::string> read_file(const std::filesystem::path& path, std::uint64_t cap);

// Writes `data` to `path` atomically: a temporary name beside it, fsync, rename,
// fsync of the directory. On failure the old file (if any) is untouched and the
// temporary is removed.
[[nodiscard]] Status write_file_atomic(const std::filesystem::path& path, std::string_view data);

enum class NewFileMode {
    shared,  // 0644 (files for people to take away: exports)
    secret,  // 0600 from creation; refused (E_IO) where the file system cannot keep it
};

// Writes `data` to `path`, which must not exist yet: a temporary created with
// O_EXCL|O_NOFOLLOW and the final mode from the start, fsync, then moved to
// `path` without ever replacing a file (renameat2 RENAME_NOREPLACE, or link()
// where that is unsupported), fsync of the directory. E_IO "already exists"
// when `path` exists; on any failure the temporary is removed. Any thread.
[[nodiscard]] Status write_file_new(const std::filesystem::path& path, std::string_view data, NewFileMode mode);

// Reads `path` back (not following a symlink, at most data.size() + 1 bytes,
// after asking the kernel to drop its cached pages) and compares it with
// `data`. E_IO when it differs or cannot be read. Any thread.
[[nodiscard]] Status verify_file(const std::filesystem::path& path, std::string_view data);

// fsyncs a directory so that a rename or unlink in it is durable.
[[nodiscard]] Status fsync_dir(const std::filesystem::path& dir);

// fsyncs an already-written file by path.
[[nodiscard]] Status fsync_file(const std::filesystem::path& path);

// Returns the bytes free for an unprivileged writer on the filesystem holding `dir`.
[[nodiscard]] Result<std::uint64_t> free_bytes(const std::filesystem::path& dir);

// RAII file descriptor.
class Fd {
public:
    Fd() = default;
    explicit Fd(int fd) : m_fd(fd) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    Fd(Fd&& o) noexcept : m_fd(o.m_fd) { o.m_fd = -1; }
    Fd& operator=(Fd&& o) noexcept;
    ~Fd();
    [[nodiscard]] int get() const { return m_fd; }
    [[nodiscard]] bool valid() const { return m_fd >= 0; }
private:
    int m_fd = -1;
};

} // namespace content::file_io
