// Why this file exists: the kiosk software itself is updated from USB sticks
// (issue 21). A stick may carry member-kiosk_VERSION_ARCH.deb with a minisign
// signature beside it. Before the root update helper (packaging/
// member-kiosk-update) lets dpkg near it, the package is verified here, in
// one pure step separate from the install (as RAUC does): on the helper's
// local copy, never on the stick. The checks, in order:
//   1. a .minisig is there                       (E_NO_SIGNATURE)
//   2. the ar archive is whole                   (E_TRUNCATED, E_FORMAT)
//   3. the signature's key is trusted (E_UNTRUSTED_KEY) for the `software`
//      channel, not content only (E_NOT_SOFTWARE_KEY), and it verifies
//      (E_SIGNATURE, E_KEY_MISMATCH, E_LEGACY_SIGNATURE)
//   4. only then is the package's control read (by dpkg-deb, through the
//      caller's reader): package member-kiosk (E_FORMAT), this architecture
//      (E_WRONG_ARCH), newer than installed by Debian's version order
//      (E_DOWNGRADE, E_SAME_VERSION).
// The file name is never trusted: it only finds the file.
#pragma once
#include "content/error.hpp"
#include "content/state_store.hpp"

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace content {

// The trust channel a key must hold to sign kiosk software. Kept apart from
// content: StateStore::trust refuses a key for `software` and content both.
inline constexpr std::string_view software_channel = "software";
inline constexpr std::string_view software_package = "member-kiosk";

// The fields of a .deb's control file the verification needs.
struct DebControl {
    std::string package, version, architecture;
};

// Reads a .deb's control (the update helper: dpkg-deb -f). Refuses as it likes.
using ControlReader = std::function<Result<DebControl>(const std::filesystem::path&)>;

struct SoftwareUpdateInput {
    std::filesystem::path deb;        // the local copy
    std::filesystem::path signature;  // its .minisig (local copy); may be missing
    std::vector<TrustedKey> keys;     // what this kiosk trusts
    std::string installed_version;    // dpkg's version of member-kiosk now
    std::string host_architecture;    // dpkg --print-architecture
};

struct SoftwareUpdateVerdict {
    DebControl control;
    std::string key_id;  // hex, the software key that signed it
};

// Compares two Debian versions as `dpkg --compare-versions` does (epoch,
// upstream, revision; '~' sorts before everything, even the end). Returns
// <0, 0 or >0. Pure; any thread. Call only with valid_debian_version() strings.
[[nodiscard]] int compare_debian_versions(std::string_view a, std::string_view b);

// True for a syntactically valid Debian version: optional numeric epoch,
// upstream starting with a digit, optional revision; [A-Za-z0-9.+~-] only.
[[nodiscard]] bool valid_debian_version(std::string_view v);

// Checks that `path` is a whole ar archive as dpkg-deb writes it: the magic,
// then members whose headers and sizes add up to exactly the file's end.
// E_TRUNCATED when a member runs past the end, E_FORMAT when it is not an ar
// archive or holds no debian-binary first, E_IO when unreadable. Any thread.
[[nodiscard]] Status check_deb_archive(const std::filesystem::path& path);

// Parses `dpkg-deb -f FILE Package Version Architecture` output
// ("Field: value" lines). E_FORMAT when a field is missing or the version invalid.
[[nodiscard]] Result<DebControl> parse_deb_control(std::string_view text);

// Runs `dpkg-deb -f PATH Package Version Architecture` (no shell) and parses
// it. E_FORMAT when dpkg-deb refuses the file, E_IO when it cannot run.
[[nodiscard]] Result<DebControl> read_deb_control(const std::filesystem::path& deb);

// The whole verification, in the order above. Returns the package's control
// and the signing key, or the first refusal. Reads only `in.deb` and
// `in.signature`; writes nothing. Any thread.
[[nodiscard]] Result<SoftwareUpdateVerdict> verify_software_update(const SoftwareUpdateInput& in, const ControlReader& read_control);

// True for a result the update helper may audit: "ok" or one of the stable
// reason codes (content/error.hpp). Pure; any thread.
[[nodiscard]] bool is_software_audit_result(std::string_view result);

// The version and architecture a package's *name* claims
// (member-kiosk_1.2.3_arm64.deb), for listing what a stick offers before it
// is verified. Empty fields when the name does not have that shape.
[[nodiscard]] DebControl deb_name_claims(const std::string& file_name);

} // namespace content
