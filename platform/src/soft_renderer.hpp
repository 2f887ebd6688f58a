// Why this file exists: `--screenshot` must work with no display and no GPU
// (in CI, on a build server, for documentation), so it renders ImGui's draw
// lists with this small CPU rasteriser instead of OpenGL. It handles what
// ImGui emits: textured, vertex-coloured triangles with clip rectangles.
#pragma once
#include <imgui.h>

#include <cstdint>
#include <map>
#include <vector>

namespace platform {

struct SoftImage {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgba;  // width * height * 4
};

class SoftRenderer {
public:
    // Registers a texture for an ImTextureID (the pointer must stay valid while rendering).
    void set_texture(ImTextureID id, const SoftImage* image) { m_textures[id] = image; }
    // Renders `dd` into an opaque RGBA image of `w` x `h`, cleared to `clear`.
    [[nodiscard]] SoftImage render(const ImDrawData* dd, int w, int h, ImVec4 clear) const;

private:
    std::map<ImTextureID, const SoftImage*> m_textures;
};

} // namespace platform
