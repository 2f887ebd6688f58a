// Why this file exists: images from bundles on screen. Bytes are read from the
// catalog on the main thread (SQLite connections are not shared), decoded with
// stb_image on a worker thread, uploaded on the main thread, and cached under
// a memory cap (least recently used first out). For screenshots the same
// cache decodes synchronously into CPU images for the software renderer.
//
// Memory (issue 23): one image at a time is decoded or waits to be uploaded,
// and room under the cap is made before its decode starts, so that at most
// one image's decode buffers are alive beside the cached textures (about the
// cap plus one image). A requested image that is no longer drawn by the time
// its turn comes (the reader turned the page again) is dropped unread.
//
// Threads: a TextureCache is made, used and destroyed on the thread whose GL
// context is current (the main thread), and every member below is for that
// thread only. Its own worker only decodes; it never touches GL, the catalog
// or the entries, and calls `wake` (from the worker) when a decode is done.
// decode_image is pure and may run on any thread. GlTexture: GL thread only.
#pragma once
#include "soft_renderer.hpp"

#include "content/catalog.hpp"
#include "kiosk/ui.hpp"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <thread>

namespace platform {

// Decoded RGBA pixels, owned (freed with the allocator that made them).
struct Pixels {
    int width = 0, height = 0;
    std::unique_ptr<std::uint8_t, void (*)(void*)> rgba{nullptr, &std::free};
    [[nodiscard]] std::size_t bytes() const { return static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4; }
    [[nodiscard]] bool empty() const { return !rgba; }
};

struct ImageSize {
    int width = 0, height = 0;
};

// The size decode_image gives an image of `size`: the same, or scaled down
// (aspect kept) so that its longer side is max_side. Any thread.
[[nodiscard]] ImageSize fitted_size(ImageSize size, int max_side);

// Decodes PNG or JPEG bytes to RGBA. The size is read from the image header
// first (stbi_info_from_memory): an image over 8192 pixels either way
// (FORMAT.md's limit), or not of the `declared` size (its images row), is
// refused without being decoded. An image whose longer side is over
// max_side is scaled down to it (aspect kept), so that it fits the GPU's
// texture limit and memory. Returns empty Pixels when the bytes are refused
// or do not decode. Any thread.
[[nodiscard]] Pixels decode_image(const std::vector<std::uint8_t>& bytes, int max_side, std::optional<ImageSize> declared = std::nullopt);

// A move-only OpenGL texture (RAII, as ImHex does it).
class GlTexture {
public:
    GlTexture() = default;
    GlTexture(int width, int height, const std::uint8_t* rgba);
    GlTexture(const GlTexture&) = delete;
    GlTexture& operator=(const GlTexture&) = delete;
    GlTexture(GlTexture&& o) noexcept : m_id(o.m_id) { o.m_id = 0; }
    GlTexture& operator=(GlTexture&& o) noexcept;
    ~GlTexture();
    [[nodiscard]] ImTextureID id() const { return reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(m_id)); }
    [[nodiscard]] bool valid() const { return m_id != 0; }
private:
    unsigned int m_id = 0;
};

enum class TextureBackend { gl, soft };

class TextureCache final : public kiosk::TextureProvider {
public:
    // GL backend: needs a current GL context (reads GL_MAX_TEXTURE_SIZE) and
    // starts the decode worker. Soft backend: decodes inline into `soft`.
    // `wake` may be called from the worker thread.
    TextureCache(TextureBackend backend, std::size_t cap_bytes, std::function<void()> wake, SoftRenderer* soft = nullptr);
    ~TextureCache() override;  // stops and joins the worker; deletes textures (GL context current)

    // Drops every entry and pending decode, then reads images from `cat`
    // (nullptr: none). Call before the catalog it used goes away.
    void set_catalog(const content::Catalog* cat);
    ImTextureID texture(const std::string& image_id, int& width, int& height) override;
    // Marks the start of a frame: images not used since may be evicted.
    void begin_frame() { ++m_clock; }
    // GL backend: uploads a finished decode (or drops it if its image was not
    // drawn in the last frame), drops requests no longer drawn, and hands the
    // next request to the worker after making room for it under the cap.
    // Call once per loop turn, before begin_frame. Returns true if a decode
    // arrived.
    bool pump();
    // Bytes of the cached textures (and, while one is decoding, the room kept for it).
    [[nodiscard]] std::size_t bytes_used() const { return m_bytes; }
    // True while images are requested, decoding or waiting to be uploaded.
    [[nodiscard]] bool busy() const { return !m_waiting.empty() || m_in_flight > 0; }
    // Stops and joins the decoding worker, drops queued work and releases every
    // texture. With the GL backend it must be called while the GL context is
    // still current (before glfwDestroyWindow/glfwTerminate); the destructor
    // calls it too, which is only safe when the context is still alive. After
    // it, texture() returns nullptr and pump() and set_catalog() do nothing.
    // Idempotent. Main thread only.
    void shutdown();
    [[nodiscard]] bool is_shut_down() const { return m_shut_down; }

private:
    struct Entry {
        GlTexture gl;
        SoftImage soft;
        int width = 0, height = 0;
        std::size_t bytes = 0;
        std::uint64_t last_used = 0;
        bool pending = false, failed = false;
    };
    struct Job {
        std::string id;
        std::vector<std::uint8_t> bytes;
        ImageSize declared;  // from the images row
        unsigned gen = 0;    // set_catalog's count when it was handed over
        bool has_bytes = false;  // false: read from the catalog when handed over
    };
    struct Done {
        std::string id;
        Pixels image;
        unsigned gen = 0;
    };
    void worker();
    // Evicts least recently used textures (not used this frame) until
    // `incoming` more bytes fit under the cap.
    void evict(std::size_t incoming);
    // pump's parts: one decode in, stale requests out, the next request to the worker.
    bool take_done();
    void drop_stale_requests();
    void dispatch_next();
    [[nodiscard]] bool drawn_last_frame(const Entry& e) const { return e.last_used >= m_clock; }

    TextureBackend m_backend;
    std::size_t m_cap;
    int m_max_side = 2048;
    std::function<void()> m_wake;
    SoftRenderer* m_soft;
    const content::Catalog* m_catalog = nullptr;
    std::map<std::string, Entry> m_entries;
    std::size_t m_bytes = 0;
    std::uint64_t m_clock = 0;
    std::deque<Job> m_waiting;  // requested, not yet handed to the worker (main thread)
    std::size_t m_reserved = 0; // room kept in m_bytes for it
    int m_in_flight = 0;        // handed to the worker and not yet taken back
    unsigned m_gen = 0;         // bumped by set_catalog: older decodes are dropped
    std::mutex m_mu;
    std::condition_variable m_cv;
    std::deque<Job> m_jobs;
    std::deque<Done> m_done;
    bool m_stop = false;
    bool m_shut_down = false;  // main thread only
    std::thread m_thread;
};

} // namespace platform
