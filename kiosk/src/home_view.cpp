// Home: the three areas (Briefings, Library, Training), the default locality,
// how fresh each channel's content is, and a clear empty state.
#include "content/figures.hpp"
#include "content/dates.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/views.hpp"
#include "kiosk/widgets.hpp"

namespace kiosk {
namespace {

class HomeView final : public View {
public:
    std::string title() const override { return "Home"; }
    bool open(const std::string& arg, UiContext&) override { return arg.empty(); }

    void draw(UiContext& ctx, NavRequest& nav) override {
        const auto* cat = ctx.catalog;
        const Palette& p = palette(ctx.theme);
        text_in(ctx.fonts.title, "Children's safeguarding: member briefings");
        if (!cat || cat->empty()) {
            draw_empty(ctx);
            draw_footer(ctx, nav);
            return;
        }
        std::string loc = ctx.services ? ctx.services->setting("default_locality", cat->area_id()) : cat->area_id();
        const content::Locality* l = cat->locality(loc);
        if (!l) l = cat->locality(cat->area_id());
        draw_home_meetings(ctx, nav);
        muted_text("Figures are aggregates only: no information about any individual child is held here. " +
                       std::string(l ? "Your locality: " + l->name + "." : ""),
                   ctx);
        ImGui::Spacing();

        // The three tiles side by side when wide, stacked when narrow.
        float avail = ImGui::GetContentRegionAvail().x;
        bool wide = avail > 760 * ctx.scale;
        float gap = ImGui::GetStyle().ItemSpacing.x;
        float tile_w = wide ? (avail - 2 * gap) / 3 : avail;
        std::size_t actions = cat->tracker_items().size(), overdue_n = 0;
        std::string today = content::iso_date(ctx.now);
        for (auto& i : cat->tracker_items()) overdue_n += content::overdue(i, today) ? 1 : 0;
        struct Tile {
            const char* id;
            const char* name;
            std::string desc;
            std::string route;
        } tiles[] = {
            {"##tile-briefings", "Briefings",
             std::to_string(cat->indicators().size()) + " indicators for " + std::to_string(count_localities(*cat)) + " localities, " +
                 std::to_string(cat->briefings().size()) + " briefings, " + std::to_string(actions) + " tracked actions (" + std::to_string(overdue_n) +
                 " overdue)",
             "briefing:" + (l ? l->id : std::string())},
            {"##tile-library", "Library", std::to_string(cat->library().size()) + " reports, guidance documents and minutes", "library"},
            {"##tile-training", "Training", std::to_string(cat->modules().size()) + " training modules, for a room or on your own", "training"},
        };
        // Tall enough for the name and the wrapped description at any text
        // size; side by side on a big screen they share the room left
        // (leaving space for the content list below) rather than leave it empty.
        ImFont* tf = ctx.fonts.title ? ctx.fonts.title : ImGui::GetFont();
        float pad = 24 * ctx.scale;
        float need = 0;
        for (const auto& t : tiles)
            need = std::max(need, pad * 1.4f + tf->FontSize + 8 * ctx.scale + ImGui::CalcTextSize(t.desc.c_str(), nullptr, false, tile_w - pad * 1.5f).y);
        float tile_h = wide ? std::max(need, std::min(ImGui::GetContentRegionAvail().y * 0.4f, 260 * ctx.scale)) : std::max(need, 104 * ctx.scale);
        for (std::size_t i = 0; i < 3; ++i) {
            if (wide && i > 0) ImGui::SameLine();
            ImVec2 pos = ImGui::GetCursorScreenPos();
            if (ImGui::InvisibleButton(tiles[i].id, ImVec2(tile_w, tile_h)) && !dragged()) {
                nav.kind = NavRequest::Kind::go;
                nav.route = tiles[i].route;
            }
            note_item(tiles[i].name, ImVec2(0, need));
            bool hovered = ImGui::IsItemHovered() || ImGui::IsItemFocused();
            ImDrawList* dl = ImGui::GetWindowDrawList();
            ImVec2 end(pos.x + tile_w, pos.y + tile_h);
            dl->AddRectFilled(pos, end, ImGui::GetColorU32(hovered ? p.surface_hover : p.surface), 12 * ctx.scale);
            dl->AddRect(pos, end, ImGui::GetColorU32(p.border), 12 * ctx.scale, 0, 1.5f);
            dl->AddRectFilled(pos, ImVec2(pos.x + 8 * ctx.scale, end.y), ImGui::GetColorU32(p.accent), 12 * ctx.scale, ImDrawFlags_RoundCornersLeft);
            dl->AddText(tf, tf->FontSize, ImVec2(pos.x + pad, pos.y + pad * 0.7f), ImGui::GetColorU32(p.text), tiles[i].name);
            ImFont* bf = ImGui::GetFont();
            dl->AddText(bf, bf->FontSize, ImVec2(pos.x + pad, pos.y + pad * 0.7f + tf->FontSize + 8 * ctx.scale), ImGui::GetColorU32(p.text_muted),
                        tiles[i].desc.c_str(), nullptr, tile_w - pad * 1.5f);
        }
        ImGui::Spacing();
        ImGui::Spacing();
        text_in(ctx.fonts.heading, "Content on this kiosk");
        for (const auto& c : cat->channels()) {
            bool expired = ctx.now >= c.expires;
            std::string line = c.title + "  -  version " + std::to_string(c.version) + ", published " + human_date(content::iso_date(c.created));
            ImGui::AlignTextToFramePadding();
            ImGui::TextWrapped("%s", line.c_str());
            if (expired) {
                ImGui::SameLine();
                chip("Out of date: ask for an update", p.rag_amber, ctx);
            }
        }
        for (const auto& prob : cat->problems()) {
            ImGui::PushStyleColor(ImGuiCol_Text, p.bad);
            ImGui::TextWrapped("Problem: %s", prob.c_str());
            ImGui::PopStyleColor();
        }
        draw_footer(ctx, nav);
    }

private:
    static std::size_t count_localities(const content::Catalog& cat) {
        std::size_t n = 0;
        for (auto& l : cat.localities()) n += l.kind == "locality" ? 1 : 0;
        return n;
    }

    void draw_empty(UiContext& ctx) {
        ImGui::Spacing();
        if (begin_card("##empty", ImVec2(0, 220 * ctx.scale), ctx)) {
            text_in(ctx.fonts.heading, "No content is installed yet");
            ImGui::TextWrapped(
                "To add briefings, the library and training, insert a USB stick holding a signed content bundle "
                "(a .kbundle file with its .minisig signature). The kiosk checks the signature before installing anything.");
            muted_text("Council officers make bundles with the kiosk-bundle tool. An administrator must first trust the publisher's key.", ctx);
        }
        end_card();
    }

    void draw_footer(UiContext& ctx, NavRequest& nav) {
        ImGui::Spacing();
        ImGui::Separator();
        if (button("Administration", ctx, ButtonStyle::quiet)) {
            nav.kind = NavRequest::Kind::go;
            nav.route = "admin";
        }
    }
};

} // namespace

std::unique_ptr<View> make_home_view() { return std::make_unique<HomeView>(); }

} // namespace kiosk
