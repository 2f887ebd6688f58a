// Asking the appliance's root helper for a writable stick; see writable_stick.hpp.
#include "writable_stick.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace fs = std::filesystem;
using content::Reason;

namespace platform {
namespace {

// Reads one line (without the newline) within `timeout_ms`; empty on failure.
std::string read_line(int fd, int timeout_ms) {
    std::string line;
    char c = 0;
    while (line.size() < 1024) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, timeout_ms) <= 0) return {};
        if (::read(fd, &c, 1) != 1) return {};
        if (c == '\n') return line;
        line += c;
    }
    return {};
}

bool send_line(int fd, const std::string& s) {
    std::string l = s + "\n";
    return ::send(fd, l.data(), l.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(l.size());
}

content::Error helper_error(const std::string& answer) {
    if (answer.empty()) return {Reason::io, "The kiosk's stick helper did not answer, so the stick could not be made writable for the export."};
    return {Reason::io, "The stick could not be made writable for the export (" + answer + ")."};
}

} // namespace

content::Result<WritableStick> WritableStick::open(const fs::path& stick_dir, const fs::path& socket) {
    std::error_code ec;
    if (!fs::exists(socket, ec)) return WritableStick(-1);  // a desktop: the folder is writable as it is
    int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return content::fail(Reason::io, std::string("Could not reach the stick helper: ") + std::strerror(errno) + ".");
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, socket.c_str(), sizeof addr.sun_path - 1);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        int err = errno;
        ::close(fd);
        return content::fail(Reason::io, std::string("Could not reach the stick helper: ") + std::strerror(err) + ".");
    }
    std::string answer;
    if (send_line(fd, "export " + stick_dir.filename().string())) answer = read_line(fd, 30000);
    if (answer.rfind("ok ", 0) != 0) {
        ::close(fd);
        return std::unexpected(helper_error(answer));
    }
    return WritableStick(fd);
}

content::Status WritableStick::finish() {
    if (m_fd < 0) return {};
    std::string answer;
    if (send_line(m_fd, "done")) answer = read_line(m_fd, 30000);
    ::close(m_fd);
    m_fd = -1;
    if (answer != "ok ro") return content::fail(Reason::io, "The stick helper did not confirm the stick is read-only again (" + answer + ").");
    return {};
}

WritableStick::~WritableStick() {
    if (m_fd >= 0) (void)finish();
}

} // namespace platform
