// The font atlas on the GPU with one byte a pixel.
//
// Why this file exists: Dear ImGui 1.86's GL backends upload the atlas as
// RGBA (ImFontAtlas::GetTexDataAsRGBA32), which first makes a CPU copy four
// times the size of the one-byte atlas, then a texture of that size in the
// driver. Our glyphs are white with coverage in alpha, so one channel carries
// everything: GL_ALPHA on the GL 2.1 path (the fixed pipeline's GL_MODULATE
// keeps the vertex colour and multiplies alpha), GL_R8 with a (1, 1, 1, R)
// swizzle on GL 3.3 and later or with ARB_texture_swizzle. Elsewhere it falls
// back to RGBA, converted here.
#pragma once
#include "gl_backend.hpp"

namespace platform {

// How the atlas went up: for the log and the benchmark.
enum class FontTextureFormat { none, alpha8, red8_swizzled, rgba32 };

// Creates the backend's device objects (shaders, buffers) without letting it
// convert the current ImGui context's atlas to RGBA: a 1x1 stand-in atlas is
// in io.Fonts while it runs, and the backend keeps that stand-in's texture.
// Then uploads the real atlas with upload_font_texture. Returns false if the
// backend could not create its objects or the upload failed.
// Main thread, with the ImGui context and the GL context current.
[[nodiscard]] bool create_device_objects_one_channel(const GlBackend& backend);

// Uploads io.Fonts's pixels (building the atlas if needed) as a new texture
// and sets it as the atlas's TexID. Returns the format used, or none when GL
// refused every format. The caller may clear the atlas's CPU pixels after.
// Main thread, ImGui and GL contexts current.
[[nodiscard]] FontTextureFormat upload_font_texture(GlProfile profile);

// Deletes the texture named by io.Fonts's TexID, if any, and clears it.
// Main thread, ImGui and GL contexts current.
void destroy_font_texture();

// The format of the last upload on this thread ("alpha8", ...).
[[nodiscard]] const char* last_font_texture_format();

} // namespace platform
