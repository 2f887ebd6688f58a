// Why this file exists: files taken from outside the kiosk (a USB stick: a
// bundle, its .minisig, a publisher's .pub) can be anything a file name can
// name: a FIFO that blocks a reader forever, a symlink to /dev/zero or to a
// file that changes between a check and an open, a directory, a device, a
// sparse file of gigabytes. Every such file is opened here, once, with
// O_RDONLY|O_NOFOLLOW|O_NONBLOCK|O_CLOEXEC; what it is is decided by fstat on
// that descriptor (never by a path lookup before or after), only regular files
// are accepted, and the bytes actually read are capped.
#pragma once
#include "content/error.hpp"
#include "content/file_io.hpp"

#include <cstdint>
#include <filesystem>
#include <string>

namespace content::untrusted {

struct OpenFile {
    file_io::Fd fd;          // blocking reads again (O_NONBLOCK cleared)
    std::uint64_t size = 0;  // from fstat on fd
};

// Opens `path` as described above. Refuses: E_NOT_FOUND (missing), E_FORMAT
// (a symlink, FIFO, socket, device or directory: named in the sentence),
// E_TOO_LARGE (fstat size over `cap`), E_IO (anything else). Any thread.
[[nodiscard]] Result<OpenFile> open_regular(const std::filesystem::path& path, std::uint64_t cap);

// Reads a whole file opened with open_regular, reading at most `cap` bytes
// (E_TOO_LARGE if there is more, whatever fstat said). Any thread.
[[nodiscard]] Result<std::string> read_regular(const std::filesystem::path& path, std::uint64_t cap);

} // namespace content::untrusted
