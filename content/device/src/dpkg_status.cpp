// The installed kiosk package, from dpkg-query; see dpkg_status.hpp.
#include "content/dpkg_status.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace content {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

} // namespace

std::string DpkgPackage::state() const {
    std::string_view s = trim(status);
    auto space = s.find_last_of(" \t");
    return std::string(space == std::string_view::npos ? s : s.substr(space + 1));
}

std::optional<DpkgPackage> parse_dpkg_query(std::string_view output) {
    std::optional<DpkgPackage> found;
    while (!output.empty()) {
        auto nl = output.find('\n');
        std::string_view line = output.substr(0, nl);
        output.remove_prefix(nl == std::string_view::npos ? output.size() : nl + 1);
        auto tab = line.find('\t');
        if (tab == std::string_view::npos) continue;
        DpkgPackage p{std::string(trim(line.substr(0, tab))), std::string(trim(line.substr(tab + 1)))};
        if (p.version.empty()) continue;
        if (!found || (!found->installed() && p.installed())) found = std::move(p);
    }
    return found;
}

Result<std::optional<DpkgPackage>> query_dpkg_package(std::string_view package) {
    int pipefd[2];
    if (pipe2(pipefd, O_CLOEXEC) != 0) return fail(Reason::io, std::string("Cannot run dpkg-query: ") + std::strerror(errno) + ".");
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    std::string format = "--showformat=" + std::string(dpkg_query_format), name(package);
    std::array<char*, 6> argv{const_cast<char*>("dpkg-query"), const_cast<char*>("-W"), format.data(), const_cast<char*>("--"), name.data(), nullptr};
    pid_t pid = 0;
    int rc = posix_spawnp(&pid, "dpkg-query", &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    close(pipefd[1]);
    if (rc != 0) {
        close(pipefd[0]);
        if (rc == ENOENT) return std::optional<DpkgPackage>{};  // no dpkg on this system
        return fail(Reason::io, std::string("Cannot run dpkg-query: ") + std::strerror(rc) + ".");
    }
    std::string out;
    char buf[4096];
    for (ssize_t n; (n = read(pipefd[0], buf, sizeof buf)) != 0;) {
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 || out.size() > 64 * 1024) break;
        out.append(buf, static_cast<std::size_t>(n));
    }
    close(pipefd[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    if (WIFEXITED(status) && WEXITSTATUS(status) == 1) return std::optional<DpkgPackage>{};  // no such package
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return fail(Reason::io, "dpkg-query could not read dpkg's database.");
    return parse_dpkg_query(out);
}

} // namespace content
