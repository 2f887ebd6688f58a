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
