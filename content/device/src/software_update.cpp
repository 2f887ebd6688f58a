// Verification of a kiosk software package; see software_update.hpp.
#include "content/software_update.hpp"
#include "content/run_capture.hpp"
#include "content/file_io.hpp"
#include "content/minisign.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <optional>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace fs = std::filesystem;

namespace content {
namespace {

// dpkg's character order: '~' first (even before the end), then the end and
// digits, then letters, then everything else.
int order(char c) {
    if (std::isdigit(static_cast<unsigned char>(c))) return 0;
    if (std::isalpha(static_cast<unsigned char>(c))) return c;
    if (c == '~') return -1;
    if (c) return static_cast<unsigned char>(c) + 256;
    return 0;
}

// dpkg's verrevcmp over one part (upstream or revision).
int compare_part(std::string_view a, std::string_view b) {
    std::size_t i = 0, j = 0;
    auto at = [](std::string_view s, std::size_t k) { return k < s.size() ? s[k] : '\0'; };
    auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
    while (i < a.size() || j < b.size()) {
        while ((i < a.size() && !digit(a[i])) || (j < b.size() && !digit(b[j]))) {
            int ac = order(at(a, i)), bc = order(at(b, j));
            if (ac != bc) return ac - bc;
            ++i, ++j;
        }
        while (at(a, i) == '0') ++i;
        while (at(b, j) == '0') ++j;
        int first_diff = 0;
        while (digit(at(a, i)) && digit(at(b, j))) {
            if (!first_diff) first_diff = at(a, i) - at(b, j);
            ++i, ++j;
        }
        if (digit(at(a, i))) return 1;
        if (digit(at(b, j))) return -1;
        if (first_diff) return first_diff;
    }
    return 0;
}

struct VersionParts {
    long long epoch = 0;
    std::string_view upstream, revision;
};

VersionParts split_version(std::string_view v) {
    VersionParts p;
    if (auto colon = v.find(':'); colon != std::string_view::npos) {
        for (char c : v.substr(0, colon)) p.epoch = std::min(p.epoch * 10 + (c - '0'), 1ll << 40);
        v = v.substr(colon + 1);
    }
    if (auto dash = v.rfind('-'); dash != std::string_view::npos) {
        p.upstream = v.substr(0, dash);
        p.revision = v.substr(dash + 1);
    } else {
        p.upstream = v;
    }
    return p;
}

// One ar member header (60 bytes): name[16] mtime[12] uid[6] gid[6] mode[8] size[10] "`\n".
struct ArHeader {
    std::string name;
    std::uint64_t size = 0;
};

std::optional<ArHeader> parse_ar_header(const std::array<char, 60>& h) {
    if (h[58] != '`' || h[59] != '\n') return std::nullopt;
    ArHeader out;
    std::string name(h.data(), 16);
    while (!name.empty() && (name.back() == ' ' || name.back() == '/')) name.pop_back();
    out.name = name;
    bool digits = false;
    for (std::size_t k = 48; k < 58 && h[k] != ' '; ++k) {
        if (!std::isdigit(static_cast<unsigned char>(h[k]))) return std::nullopt;
        out.size = out.size * 10 + static_cast<std::uint64_t>(h[k] - '0');
        digits = true;
    }
    if (!digits) return std::nullopt;
    return out;
}

std::string arch_sentence(const std::string& arch, const std::string& host) {
    return "This package is for " + (arch.empty() ? std::string("an unnamed architecture") : arch) + " computers; this kiosk is " + host +
           ". Bring the " + host + " package.";
}

Status check_control(const DebControl& c, const SoftwareUpdateInput& in) {
    if (c.package != software_package)
        return fail(Reason::format, "This package is '" + c.package + "', not the kiosk software (" + std::string(software_package) + ").");
    if (c.architecture != in.host_architecture && c.architecture != "all") return fail(Reason::wrong_arch, arch_sentence(c.architecture, in.host_architecture));
    if (!in.installed_version.empty()) {
        int cmp = compare_debian_versions(c.version, in.installed_version);
        if (cmp == 0) return fail(Reason::same_version, "Kiosk software " + c.version + " is already installed.");
        if (cmp < 0)
            return fail(Reason::downgrade, "This package is kiosk software " + c.version + ", older than the installed " + in.installed_version +
                                               "; older software is never installed over newer.");
    }
    return {};
}

} // namespace

int compare_debian_versions(std::string_view a, std::string_view b) {
    auto pa = split_version(a), pb = split_version(b);
    if (pa.epoch != pb.epoch) return pa.epoch < pb.epoch ? -1 : 1;
    if (int r = compare_part(pa.upstream, pb.upstream); r != 0) return r < 0 ? -1 : 1;
    int r = compare_part(pa.revision, pb.revision);
    return r < 0 ? -1 : (r > 0 ? 1 : 0);
}

bool valid_debian_version(std::string_view v) {
    if (v.empty() || v.size() > 128) return false;
    if (auto colon = v.find(':'); colon != std::string_view::npos) {
        if (colon == 0 || colon > 9) return false;
        for (char c : v.substr(0, colon))
            if (!std::isdigit(static_cast<unsigned char>(c))) return false;
        v = v.substr(colon + 1);
    }
    if (v.empty() || !std::isdigit(static_cast<unsigned char>(v[0]))) return false;
    auto dash = v.rfind('-');
    if (dash != std::string_view::npos && dash + 1 == v.size()) return false;
    for (char c : v)
        if (!std::isalnum(static_cast<unsigned char>(c)) && !std::strchr(".+~-", c)) return false;
    return true;
}

Status check_deb_archive(const fs::path& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return fail(Reason::io, "Cannot read " + path.filename().string() + ".");
    std::error_code ec;
    const std::uint64_t total = fs::file_size(path, ec);
    if (ec) return fail(Reason::io, "Cannot read " + path.filename().string() + ": " + ec.message() + ".");
    std::array<char, 8> magic{};
    if (!f.read(magic.data(), 8) || std::memcmp(magic.data(), "!<arch>\n", 8) != 0)
        return total < 8 ? fail(Reason::truncated, path.filename().string() + " is cut short: it ends before its first byte of package.")
                         : fail(Reason::format, path.filename().string() + " is not a Debian package (no ar archive).");
    const std::string cut = path.filename().string() + " is cut short (the copy on the stick is incomplete); copy the whole file again.";
    std::uint64_t pos = 8;
    int members = 0;
    while (pos < total) {
        if (total - pos < 60) return fail(Reason::truncated, cut);
        std::array<char, 60> h{};
        f.seekg(static_cast<std::streamoff>(pos));
        if (!f.read(h.data(), 60)) return fail(Reason::io, "Cannot read " + path.filename().string() + ".");
        auto hdr = parse_ar_header(h);
        if (!hdr) return fail(Reason::format, path.filename().string() + " is not a Debian package (a damaged archive header).");
        if (members == 0 && hdr->name != "debian-binary")
            return fail(Reason::format, path.filename().string() + " is not a Debian package (debian-binary does not come first).");
        if (hdr->size > total - pos - 60) return fail(Reason::truncated, cut);
        pos += 60 + hdr->size + (hdr->size & 1);
        ++members;
    }
    // A member of odd size is followed by one padding byte; a file cut just
    // before it is cut short too.
    if (members < 3 || pos != total) return fail(Reason::truncated, cut);
    return {};
}

Result<DebControl> parse_deb_control(std::string_view text) {
    DebControl c;
    while (!text.empty()) {
        auto nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
        auto colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        std::string_view key = line.substr(0, colon), value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
        while (!value.empty() && (value.back() == ' ' || value.back() == '\r')) value.remove_suffix(1);
        if (key == "Package") c.package = value;
        else if (key == "Version") c.version = value;
        else if (key == "Architecture") c.architecture = value;
    }
    if (c.package.empty() || c.version.empty() || c.architecture.empty())
        return fail(Reason::format, "The package's control file lacks its name, version or architecture.");
    if (!valid_debian_version(c.version)) return fail(Reason::format, "The package's version '" + c.version + "' is not a Debian version.");
    return c;
}

Result<DebControl> read_deb_control(const fs::path& deb) {
    auto r = run_capture({"dpkg-deb", "-f", deb.string(), "Package", "Version", "Architecture"});
    if (!r) return fail(Reason::io, std::string("Cannot run dpkg-deb: ") + std::strerror(r.error()) + ".");
    if (!r->exited || r->exit_code != 0)
        return fail(Reason::format, deb.filename().string() + " is not a readable Debian package (dpkg-deb refused its control file).");
    return parse_deb_control(r->out);
}

Result<SoftwareUpdateVerdict> verify_software_update(const SoftwareUpdateInput& in, const ControlReader& read_control) {
    const std::string name = in.deb.filename().string();
    std::error_code ec;
    if (in.signature.empty() || !fs::is_regular_file(in.signature, ec))
        return fail(Reason::no_signature, name + " has no signature (" + name + ".minisig) beside it; unsigned software is never installed.");
    if (auto a = check_deb_archive(in.deb); !a) return std::unexpected(a.error());
    auto sig = minisign::load_signature(in.signature);
    if (!sig) return std::unexpected(sig.error());
    const TrustedKey* key = nullptr;
    for (const auto& k : in.keys)
        if (k.key.key_id == sig->key_id) key = &k;
    SoftwareUpdateVerdict v;
    if (!key) return fail(Reason::untrusted_key, name + " is signed by a key this kiosk does not trust.");
    v.key_id = key->key.key_id_hex();
    if (std::find(key->channels.begin(), key->channels.end(), software_channel) == key->channels.end())
        return fail(Reason::not_software_key, name + " is signed by key " + v.key_id +
                                                  ", which this kiosk trusts for content only; kiosk software needs the council's software key.");
    auto hash = minisign::hash_file(in.deb);
    if (!hash) return std::unexpected(hash.error());
    if (auto s = minisign::verify_prehashed(key->key, *sig, *hash); !s)
        return fail(s.error().reason, name + ": the signature does not match the package (" + s.error().message + ")");
    auto control = read_control(in.deb);
    if (!control) return std::unexpected(control.error());
    if (auto c = check_control(*control, in); !c) return std::unexpected(c.error());
    v.control = *control;
    return v;
}

bool is_software_audit_result(std::string_view result) {
    if (result == "ok") return true;
    for (int r = static_cast<int>(Reason::usage); r <= static_cast<int>(Reason::internal); ++r)
        if (reason_code(static_cast<Reason>(r)) == result) return true;
    return false;
}

DebControl deb_name_claims(const std::string& file_name) {
    DebControl c;
    const std::string prefix = std::string(software_package) + "_";
    if (file_name.rfind(prefix, 0) != 0 || file_name.size() < prefix.size() + 5 || file_name.substr(file_name.size() - 4) != ".deb") return c;
    std::string mid = file_name.substr(prefix.size(), file_name.size() - prefix.size() - 4);
    auto us = mid.rfind('_');
    if (us == std::string::npos || us == 0) return c;
    c.package = std::string(software_package);
    c.version = mid.substr(0, us);
    c.architecture = mid.substr(us + 1);
    return c;
}

} // namespace content
