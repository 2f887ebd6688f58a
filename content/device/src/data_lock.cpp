// The data directory lock; see data_lock.hpp.
#include "content/data_lock.hpp"
#include "content/file_io.hpp"

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <sys/file.h>
#include <thread>
#include <unistd.h>

namespace content {

DataLock& DataLock::operator=(DataLock&& o) noexcept {
    if (this != &o) {
        if (m_fd >= 0) ::close(m_fd);
        m_fd = o.m_fd;
        o.m_fd = -1;
    }
    return *this;
}

DataLock::~DataLock() {
    if (m_fd >= 0) ::close(m_fd);  // closing the descriptor releases the flock
}

std::chrono::milliseconds DataLock::cli_wait() {
    if (const char* s = std::getenv("KIOSK_LOCK_WAIT_SECONDS"); s && *s) {
        char* end = nullptr;
        long v = std::strtol(s, &end, 10);
        if (end && *end == '\0' && v >= 0 && v <= 3600) return std::chrono::seconds(v);
    }
    return std::chrono::seconds(60);
}

Result<DataLock> DataLock::exclusive(const std::filesystem::path& dir, std::chrono::milliseconds wait, const std::function<bool()>& cancelled) {
    const auto path = dir / "lock";
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);  // a first start: the folder is made here
    if (ec) return fail(Reason::io, "Cannot create the data folder " + dir.string() + ": " + ec.message() + ".");
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) return std::unexpected(file_io::from_errno(errno, "opening the lock file", path));
    DataLock lock(fd);
    const auto until = std::chrono::steady_clock::now() + wait;
    for (;;) {
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0) return lock;
        if (errno != EWOULDBLOCK && errno != EINTR) return std::unexpected(file_io::from_errno(errno, "locking", path));
        if (cancelled && cancelled()) return fail(Reason::cancelled, "Cancelled while waiting for another kiosk process; nothing was changed.");
        if (std::chrono::steady_clock::now() >= until)
            return fail(Reason::busy, "Another kiosk process is changing the content in " + dir.string() +
                                          "; nothing was changed. Try again when it has finished.");
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

} // namespace content
