// Opening files from a USB stick safely; see untrusted_file.hpp.
#include "content/untrusted_file.hpp"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace content::untrusted {
namespace {

const char* kind_of(mode_t m) {
    if (S_ISDIR(m)) return "a folder";
    if (S_ISFIFO(m)) return "a named pipe (FIFO)";
    if (S_ISSOCK(m)) return "a socket";
    if (S_ISCHR(m) || S_ISBLK(m)) return "a device";
    if (S_ISLNK(m)) return "a symbolic link";
    return "not a regular file";
}

} // namespace

Result<OpenFile> open_regular(const std::filesystem::path& path, std::uint64_t cap) {
    const std::string name = path.filename().string();
    file_io::Fd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
    if (!fd.valid()) {
        if (errno == ELOOP) return fail(Reason::format, name + " is a symbolic link; files on a USB stick must be plain files.");
        return std::unexpected(file_io::from_errno(errno, "opening", path));
    }
    struct stat st{};
    if (::fstat(fd.get(), &st) != 0) return std::unexpected(file_io::from_errno(errno, "reading", path));
    if (!S_ISREG(st.st_mode)) return fail(Reason::format, name + " is " + kind_of(st.st_mode) + ", not a plain file; it was not read.");
    if (static_cast<std::uint64_t>(st.st_size) > cap)
        return fail(Reason::too_large, name + " is " + std::to_string(st.st_size) + " bytes, more than the limit of " + std::to_string(cap) + ".");
    // A regular file: reads may block again (O_NONBLOCK only guarded the open).
    int fl = ::fcntl(fd.get(), F_GETFL);
    if (fl < 0 || ::fcntl(fd.get(), F_SETFL, fl & ~O_NONBLOCK) != 0) return std::unexpected(file_io::from_errno(errno, "opening", path));
    return OpenFile{std::move(fd), static_cast<std::uint64_t>(st.st_size)};
}

Result<std::string> read_regular(const std::filesystem::path& path, std::uint64_t cap) {
    auto f = open_regular(path, cap);
    if (!f) return std::unexpected(f.error());
    std::string out;
    out.reserve(static_cast<std::size_t>(f->size));
    char buf[65536];
    for (;;) {
        const std::size_t room = static_cast<std::size_t>(std::min<std::uint64_t>(sizeof buf, cap + 1 - out.size()));
        ssize_t n = ::read(f->fd.get(), buf, room);
        if (n < 0) {
            if (errno == EINTR) continue;
            return std::unexpected(file_io::from_errno(errno, "reading", path));
        }
        if (n == 0) break;
        out.append(buf, static_cast<std::size_t>(n));
        if (out.size() > cap)
            return fail(Reason::too_large, path.filename().string() + " holds more than the limit of " + std::to_string(cap) + " bytes.");
    }
    return out;
}

} // namespace content::untrusted
