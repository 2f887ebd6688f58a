// Running a Debian tool and reading its output; see run_capture.hpp.
#include "content/run_capture.hpp"

#include <cerrno>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace content {

std::expected<Captured, int> run_capture(const std::vector<std::string>& argv, std::size_t max_bytes) {
    int pipefd[2];
    if (argv.empty()) return std::unexpected(EINVAL);
    if (pipe2(pipefd, O_CLOEXEC) != 0) return std::unexpected(errno);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    std::vector<std::string> args = argv;  // posix_spawn wants char*, not const char*
    std::vector<char*> ptrs;
    for (auto& a : args) ptrs.push_back(a.data());
    ptrs.push_back(nullptr);
    pid_t pid = 0;
    int rc = posix_spawnp(&pid, ptrs[0], &fa, nullptr, ptrs.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    close(pipefd[1]);
    if (rc != 0) {
        close(pipefd[0]);
        return std::unexpected(rc);
    }
    Captured c;
    char buf[4096];
    for (ssize_t n; (n = read(pipefd[0], buf, sizeof buf)) != 0;) {
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 || c.out.size() > max_bytes) break;
        c.out.append(buf, static_cast<std::size_t>(n));
    }
    close(pipefd[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    c.exited = WIFEXITED(status);
    c.exit_code = c.exited ? WEXITSTATUS(status) : -1;
    return c;
}

} // namespace content
