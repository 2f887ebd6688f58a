// Why this file exists: small helpers shared by the fuzz targets, so each
// target stays a few lines: a reader that turns fuzz bytes into bounded
// fields, a private scratch file or folder on tmpfs for the readers that only
// take paths, and a check that aborts (so libFuzzer and the replay both see it).
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <unistd.h>

namespace fuzz {

// Aborts with a message when a property the code promises does not hold.
#define FUZZ_CHECK(cond)                                                                  \
    do {                                                                                  \
        if (!(cond)) {                                                                    \
            std::fprintf(stderr, "fuzz check failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
            std::abort();                                                                 \
        }                                                                                 \
    } while (0)

// Hands out the fuzz bytes as small typed fields; once the bytes run out it
// returns zeros and empty strings, so every input is a valid program.
class Bytes {
public:
    Bytes(const std::uint8_t* data, std::size_t size) : m_p(data), m_n(size) {}
    std::uint8_t u8() { return m_n ? (--m_n, *m_p++) : 0; }
    std::uint16_t u16() { return static_cast<std::uint16_t>(u8() | (u8() << 8)); }
    bool empty() const { return m_n == 0; }
    // A string of up to `max` bytes, its length taken from one byte.
    std::string str(std::size_t max) {
        std::size_t len = std::min<std::size_t>(u8() % (max + 1), m_n);
        std::string s(reinterpret_cast<const char*>(m_p), len);
        m_p += len;
        m_n -= len;
        return s;
    }
    // One of `choices` (a small id alphabet makes references collide often).
    template <std::size_t N>
    const char* pick(const char* const (&choices)[N]) { return choices[u8() % N]; }
    std::string rest() {
        std::string s(reinterpret_cast<const char*>(m_p), m_n);
        m_p += m_n;
        m_n = 0;
        return s;
    }
private:
    const std::uint8_t* m_p;
    std::size_t m_n;
};

// A scratch folder for this process under /dev/shm (tmpfs: no disk writes
// per execution), or TMPDIR when /dev/shm is missing. Removed at exit.
inline std::filesystem::path g_scratch;  // set once by scratch_dir()

inline const std::filesystem::path& scratch_dir() {
    if (g_scratch.empty()) {
        std::error_code ec;
        std::filesystem::path base = std::filesystem::is_directory("/dev/shm", ec) ? std::filesystem::path("/dev/shm")
                                                                                  : std::filesystem::temp_directory_path();
        g_scratch = base / ("kiosk-fuzz-" + std::to_string(::getpid()));
        std::filesystem::create_directories(g_scratch, ec);
        std::atexit([] {
            std::error_code e;
            std::filesystem::remove_all(g_scratch, e);
        });
    }
    return g_scratch;
}

// Writes `bytes` to `path`, replacing it. Returns false when it cannot (a
// folder of that name, or tmpfs full).
[[nodiscard]] inline bool write_file(const std::filesystem::path& path, std::string_view bytes) {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return f.good();
}

} // namespace fuzz
