// Texture decoding, upload and caching; see texture_cache.hpp.
#include "texture_cache.hpp"
#include "background_thread.hpp"

#include <GL/gl.h>
#include <stb_image.h>
#include <stb_image_resize.h>

#include "content/limits.hpp"

#include <algorithm>
#include <climits>
#include <cstring>

namespace platform {

GlTexture::GlTexture(int w, int h, const std::uint8_t* rgba) {
    GLuint id = 0;
    glGenTextures(1, &id);
    glBindTexture(GL_TEXTURE_2D, id);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
    m_id = id;
}

GlTexture& GlTexture::operator=(GlTexture&& o) noexcept {
    if (this != &o) {
        if (m_id) glDeleteTextures(1, &m_id);
        m_id = o.m_id;
        o.m_id = 0;
    }
    return *this;
}

GlTexture::~GlTexture() {
    if (m_id) glDeleteTextures(1, &m_id);
}

TextureCache::TextureCache(TextureBackend backend, std::size_t cap, std::function<void()> wake, SoftRenderer* soft)
    : m_backend(backend), m_cap(cap), m_wake(std::move(wake)), m_soft(soft) {
    if (m_backend == TextureBackend::gl) {
        GLint max_size = 0;
        glGetIntegerv(GL_MAX_TEXTURE_SIZE, &max_size);
        if (max_size > 0) m_max_side = std::min(m_max_side, static_cast<int>(max_size));
        m_thread = std::thread([this] {
            lower_this_thread_priority();
            worker();
        });  // m_max_side is fixed before it starts
    }
}

TextureCache::~TextureCache() { shutdown(); }

void TextureCache::shutdown() {
    {
        std::lock_guard lk(m_mu);
        m_stop = true;
    }
    m_cv.notify_all();
    if (m_thread.joinable()) m_thread.join();  // a decode in progress finishes first
    m_jobs.clear();
    m_done.clear();
    m_waiting.clear();
    m_in_flight = 0;
    m_entries.clear();  // deletes the GL textures: the caller's GL context must still be current
    m_bytes = 0;
    m_reserved = 0;
    m_catalog = nullptr;
    m_shut_down = true;
}

void TextureCache::set_catalog(const content::Catalog* cat) {
    if (m_shut_down) return;
    m_catalog = cat;
    {
        std::lock_guard lk(m_mu);
        m_in_flight -= static_cast<int>(m_jobs.size() + m_done.size());  // a decode under way still comes back
        m_jobs.clear();
        m_done.clear();
    }
    ++m_gen;
    m_waiting.clear();
    m_entries.clear();
    m_bytes = 0;
    m_reserved = 0;
}

ImageSize fitted_size(ImageSize size, int max_side) {
    int w = size.width, h = size.height;
    if (w <= 0 || h <= 0 || std::max(w, h) <= max_side) return size;
    double s = static_cast<double>(max_side) / std::max(w, h);
    return {std::clamp(static_cast<int>(w * s + 0.5), 1, max_side), std::clamp(static_cast<int>(h * s + 0.5), 1, max_side)};
}

Pixels decode_image(const std::vector<std::uint8_t>& bytes, int max_side, std::optional<ImageSize> declared) {
    // The size is read from the header before anything is decoded: a small
    // file can declare gigabytes of pixels (issue 14's image bomb), and
    // stb_image would allocate them before noticing anything.
    int w = 0, h = 0, comp = 0;
    if (bytes.empty() || bytes.size() > static_cast<std::size_t>(INT_MAX) ||
        !stbi_info_from_memory(bytes.data(), static_cast<int>(bytes.size()), &w, &h, &comp))
        return {};
    if (w <= 0 || h <= 0 || w > content::limits::image_side_px || h > content::limits::image_side_px) return {};
    if (declared && (declared->width != w || declared->height != h)) return {};
    int dw = 0, dh = 0;
    unsigned char* px = stbi_load_from_memory(bytes.data(), static_cast<int>(bytes.size()), &dw, &dh, &comp, 4);
    if (!px) return {};
    if (dw != w || dh != h) {
        stbi_image_free(px);
        return {};
    }
    Pixels p{w, h, {px, &stbi_image_free}};  // stb's buffer is kept, not copied
    if (std::max(w, h) <= max_side) return p;
    const auto [nw, nh] = fitted_size(ImageSize{w, h}, max_side);
    auto* out = static_cast<std::uint8_t*>(std::malloc(static_cast<std::size_t>(nw) * static_cast<std::size_t>(nh) * 4));
    if (!out || !stbir_resize_uint8(px, w, h, 0, out, nw, nh, 0, 4)) {
        std::free(out);
        return {};
    }
    return Pixels{nw, nh, {out, &std::free}};
}

void TextureCache::worker() {
    for (;;) {
        Job job;
        {
            std::unique_lock lk(m_mu);
            m_cv.wait(lk, [&] { return m_stop || !m_jobs.empty(); });
            if (m_stop) return;
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        Done d{job.id, decode_image(job.bytes, m_max_side, job.declared), job.gen};
        job.bytes.clear();
        job.bytes.shrink_to_fit();
        {
            std::lock_guard lk(m_mu);
            m_done.push_back(std::move(d));
        }
        if (m_wake) m_wake();
    }
}

bool TextureCache::pump() {
    if (m_shut_down) return false;
    bool arrived = take_done();
    drop_stale_requests();
    dispatch_next();
    return arrived;
}

bool TextureCache::take_done() {
    std::deque<Done> done;
    {
        std::lock_guard lk(m_mu);
        done.swap(m_done);
    }
    for (auto& d : done) {
        --m_in_flight;
        if (d.gen != m_gen) continue;  // read from a catalog that has gone
        m_bytes -= m_reserved;         // the room kept for it; the texture's own size is made room for below
        m_reserved = 0;
        auto it = m_entries.find(d.id);
        if (it == m_entries.end() || !it->second.pending) continue;
        Entry& e = it->second;
        if (!drawn_last_frame(e)) {  // no longer on the screen: asked for again if it comes back
            m_entries.erase(it);
            continue;
        }
        e.pending = false;
        if (d.image.empty()) {
            e.failed = true;
            continue;
        }
        // The entry keeps the image's declared size for layout; a texture
        // scaled down to fit the limit is drawn over the same rectangle.
        if (e.width <= 0 || e.height <= 0) {
            e.width = d.image.width;
            e.height = d.image.height;
        }
        evict(d.image.bytes());  // room first, so the cap holds while uploading
        e.bytes = d.image.bytes();
        e.gl = GlTexture(d.image.width, d.image.height, d.image.rgba.get());
        d.image = Pixels{};  // the driver has its copy now
        m_bytes += e.bytes;
    }
    return !done.empty();
}

// Requests whose image was not drawn in the last frame are dropped before
// anything is decoded for them (pages turned past, a screen left).
void TextureCache::drop_stale_requests() {
    std::erase_if(m_waiting, [this](const Job& j) {
        auto it = m_entries.find(j.id);
        if (it != m_entries.end() && drawn_last_frame(it->second)) return false;
        if (it != m_entries.end()) m_entries.erase(it);
        return true;
    });
}

// One decode at a time, with room made under the cap before it starts: the
// decode's buffers and then the upload's two copies come on top of cached
// textures that already leave room for the new one.
void TextureCache::dispatch_next() {
    if (m_in_flight > 0 || m_waiting.empty()) return;
    Job job = std::move(m_waiting.front());
    m_waiting.pop_front();
    if (!job.has_bytes) {
        auto img = m_catalog->image(job.id);  // set_catalog(nullptr) empties m_waiting
        if (!img) {
            if (auto it = m_entries.find(job.id); it != m_entries.end()) {
                it->second.pending = false;
                it->second.failed = true;
            }
            return;
        }
        job.bytes = std::move(img->data);
    }
    const ImageSize fit = fitted_size(job.declared, m_max_side);
    const std::size_t need = static_cast<std::size_t>(fit.width) * static_cast<std::size_t>(fit.height) * 4;
    evict(need);
    m_reserved = need;
    m_bytes += need;
    job.gen = m_gen;
    {
        std::lock_guard lk(m_mu);
        m_jobs.push_back(std::move(job));
    }
    ++m_in_flight;
    m_cv.notify_one();
}

void TextureCache::evict(std::size_t incoming) {
    while (m_bytes > 0 && m_bytes + incoming > m_cap) {
        auto victim = m_entries.end();
        for (auto it = m_entries.begin(); it != m_entries.end(); ++it)
            if (it->second.bytes && it->second.last_used < m_clock && (victim == m_entries.end() || it->second.last_used < victim->second.last_used))
                victim = it;
        if (victim == m_entries.end()) break;  // everything is in use this frame
        m_bytes -= victim->second.bytes;
        m_entries.erase(victim);
    }
}

ImTextureID TextureCache::texture(const std::string& id, int& width, int& height) {
    if (m_shut_down) return nullptr;
    auto it = m_entries.find(id);
    if (it == m_entries.end()) {
        if (!m_catalog) return nullptr;
        auto img = m_catalog->image(id);
        Entry e;
        if (!img) {
            e.failed = true;
            m_entries.emplace(id, std::move(e));
            return nullptr;
        }
        e.width = img->width;
        e.height = img->height;
        if (m_backend == TextureBackend::soft) {
            Pixels p = decode_image(img->data, m_max_side, ImageSize{img->width, img->height});
            e.failed = p.empty();
            if (!e.failed) {
                e.soft.width = p.width;
                e.soft.height = p.height;
                e.soft.rgba.assign(p.rgba.get(), p.rgba.get() + p.bytes());
            }
            e.bytes = e.soft.rgba.size();
            m_bytes += e.bytes;
        } else {
            e.pending = true;  // pump hands it to the worker
            // Its bytes are kept only when it goes to the worker at the next
            // pump; behind a decode under way they are read again then (at
            // most one image's bytes wait, and none for pages turned past).
            Job job{id, {}, ImageSize{img->width, img->height}};
            if (m_in_flight == 0 && m_waiting.empty()) {
                job.bytes = std::move(img->data);
                job.has_bytes = true;
            }
            m_waiting.push_back(std::move(job));
        }
        it = m_entries.emplace(id, std::move(e)).first;
        if (m_backend == TextureBackend::soft && m_soft && !it->second.failed) m_soft->set_texture(reinterpret_cast<ImTextureID>(&it->second.soft), &it->second.soft);
    }
    Entry& e = it->second;
    e.last_used = m_clock;
    width = e.width;
    height = e.height;
    if (e.failed || e.pending) return nullptr;
    if (m_backend == TextureBackend::soft) return reinterpret_cast<ImTextureID>(&e.soft);
    return e.gl.valid() ? e.gl.id() : nullptr;
}

} // namespace platform
