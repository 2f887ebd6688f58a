// Fuzz target: markdown parse (md4c and our block builder), layout at a
// narrow and a wide width, find, and drawing in a headless ImGui frame (a
// context with a built font atlas and no backend, as the view tests use).
// Properties: layout items are sorted by y (drawing relies on it), find's
// ranges lie in the plain text, and no window's draw list comes near the
// 65,536 vertices a 16-bit-index draw list can hold.
#include "kiosk/markdown.hpp"
#include "kiosk/theme.hpp"
#include "fuzz_util.hpp"

#include <imgui.h>
#include <imgui_internal.h>

namespace {

ImFont* init_imgui() {
    static ImFont* font = [] {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(800, 480);
        io.DeltaTime = 1.0f / 60.0f;
        ImFont* f = io.Fonts->AddFontDefault();
        unsigned char* px = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);
        io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(1));
        kiosk::apply_theme(kiosk::Theme::standard, 1.0f);
        return f;
    }();
    return font;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    ImFont* f = init_imgui();
    std::string_view md(reinterpret_cast<const char*>(data), size);
    kiosk::LayoutStyle style;
    style.body = style.bold = style.italic = style.heading = style.title = f;
    style.embed_height = [](const std::string& spec, float) { return spec.size() % 2 ? 140.0f : 0.0f; };
    style.image_size = [](const std::string& id) { return id.empty() ? ImVec2(0, 0) : ImVec2(float(id.size() * 97 % 3000), float(id.size() * 31 % 2000)); };
    kiosk::MdDocument doc = kiosk::parse_markdown(md);
    for (float width : {100.0f, 760.0f}) {
        kiosk::MdLayout lay = kiosk::layout_markdown(doc, width, style);
        for (std::size_t i = 1; i < lay.items.size(); ++i) FUZZ_CHECK(lay.items[i - 1].y0 <= lay.items[i].y0);
        std::string needle(md.substr(0, std::min<std::size_t>(md.size(), 3)));
        for (const auto& [b, e] : kiosk::find_in_layout(lay, needle)) {
            FUZZ_CHECK(b < e && e <= lay.plain.size());
            (void)kiosk::y_of_plain_offset(lay, b);
        }
    }
    kiosk::UiContext ctx;
    ctx.fonts = kiosk::Fonts{f, f, f, f, f, f};
    kiosk::MarkdownView view;
    view.set_markdown(md);
    view.find("the");
    for (ImVec2 sz : {ImVec2(780, 460), ImVec2(300, 200)}) {
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(800, 480));
        ImGui::Begin("fuzz", nullptr, ImGuiWindowFlags_NoDecoration);
        view.find_next(1);
        view.draw("doc", sz, ctx, kiosk::DrawHooks{}, style);
        ImGui::End();
        ImGui::EndFrame();
        for (ImGuiWindow* w : GImGui->Windows) FUZZ_CHECK(w->DrawList->VtxBuffer.Size < 65536);
        ImGui::Render();
    }
    return 0;
}
