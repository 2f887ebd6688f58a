// Shared helpers for the tests: temporary folders, running the real tools,
// fixture paths, and byte-level file surgery for hostile inputs.
#pragma once
#include "content/minisign.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace test {

namespace fs = std::filesystem;

inline fs::path source_dir() { return KIOSK_SOURCE_DIR; }
inline fs::path fixtures() { return source_dir() / "tests" / "fixtures"; }
inline std::string bundle_exe() { return KIOSK_BUNDLE_EXE; }

class TempDir {
public:
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "kiosk-test-XXXXXX").string();
        char* p = ::mkdtemp(tmpl.data());
        if (!p) std::abort();
        m_path = p;
    }
    ~TempDir() {
        std::error_code ec;
        fs::permissions(m_path, fs::perms::owner_all, fs::perm_options::add, ec);
        fs::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const fs::path& path() const { return m_path; }
    [[nodiscard]] fs::path operator/(const std::string& s) const { return m_path / s; }
private:
    fs::path m_path;
};

struct RunResult {
    int rc = -1;
    std::string out;  // stdout and stderr together
};

// Runs a shell command, capturing stdout+stderr.
inline RunResult run(const std::string& cmd) {
    RunResult r;
    FILE* f = ::popen((cmd + " 2>&1").c_str(), "r");
    if (!f) return r;
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) r.out.append(buf, n);
    int status = ::pclose(f);
    r.rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

inline std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

inline std::string read_all(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

inline void write_all(const fs::path& p, const std::string& data) {
    std::ofstream f(p, std::ios::binary | std::ios::trunc);
    f << data;
}

inline void flip_byte(const fs::path& p, std::size_t offset) {
    std::string d = read_all(p);
    d.at(offset) = static_cast<char>(d.at(offset) ^ 0x5A);
    write_all(p, d);
}

inline content::minisign::SecretKey test_key() {
    auto k = content::minisign::load_secret_key(fixtures() / "test-signing.key", nullptr);
    if (!k) std::abort();
    return *k;
}

inline content::minisign::PublicKey test_pub() { return test_key().public_key(); }

// Signs `file` with the test key, writing file.minisig (a malicious-but-trusted publisher).
inline void sign_with_test_key(const fs::path& file) {
    auto h = content::minisign::hash_file(file);
    if (!h) std::abort();
    auto sig = content::minisign::sign_prehashed(test_key(), *h, content::minisign::default_trusted_comment(0, file.filename().string()));
    write_all(file.string() + ".minisig", content::minisign::format_signature(sig));
}

// Copies the good fixture bundle and its signature into `dir` as NAME.kbundle.
inline fs::path copy_good(const fs::path& dir, const std::string& name = "b") {
    fs::path b = dir / (name + ".kbundle");
    fs::copy_file(fixtures() / "good.kbundle", b, fs::copy_options::overwrite_existing);
    fs::copy_file(fixtures() / "good.kbundle.minisig", b.string() + ".minisig", fs::copy_options::overwrite_existing);
    return b;
}

// Copies the good source folder into `dir/src` for editing.
inline fs::path copy_good_src(const fs::path& dir) {
    fs::path s = dir / "src";
    fs::copy(fixtures() / "good_src", s, fs::copy_options::recursive);
    return s;
}

} // namespace test
