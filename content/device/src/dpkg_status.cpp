// The installed kiosk package, from dpkg-query; see dpkg_status.hpp.
#include "content/dpkg_status.hpp"
#include "content/run_capture.hpp"

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
    auto r = run_capture({"dpkg-query", "-W", "--showformat=" + std::string(dpkg_query_format), "--", std::string(package)});
    if (!r) {
        if (r.error() == ENOENT) return std::optional<DpkgPackage>{};  // no dpkg on this system
        return fail(Reason::io, std::string("Cannot run dpkg-query: ") + std::strerror(r.error()) + ".");
    }
    if (r->exited && r->exit_code == 1) return std::optional<DpkgPackage>{};  // no such package
    if (!r->exited || r->exit_code != 0) return fail(Reason::io, "dpkg-query could not read dpkg's database.");
    return parse_dpkg_query(r->out);
}

} // namespace content
