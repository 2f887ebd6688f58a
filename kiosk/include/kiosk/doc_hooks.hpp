// Why this file exists: the glue between the shared markdown renderer and the
// content: fonts for the current scale, images from the texture provider,
// {{card:..}}/{{chart:..}} embeds drawn live from the catalog, and doc: links.
#pragma once
#include "kiosk/markdown.hpp"

namespace kiosk {

enum class DocSize { reading, projection };

[[nodiscard]] LayoutStyle layout_style(UiContext& ctx, DocSize size);
// Hooks that draw images and embeds, and turn doc:ID links into navigation.
[[nodiscard]] DrawHooks content_hooks(UiContext& ctx, NavRequest& nav, const std::string& default_locality);

} // namespace kiosk
