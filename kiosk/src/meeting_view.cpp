// Meetings: the list (meetings), a meeting's pack (meeting:<id>) and one item
// of it (meeting-item:<id>:<ord>). The pack lists the items in order with how
// far through them this visit has got; each item opens in its own view, whose
// Back returns to the pack (the item family replaces itself on Next and
// Previous, so the stack holds one item above the pack). Opening a pack for
// a locality's meeting makes that locality this visit's choice.
#include "content/dates.hpp"
#include "content/meetings.hpp"
#include "kiosk/pack_show.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/views.hpp"
#include "kiosk/widgets.hpp"

#include <cstdlib>
#include <map>
#include <set>
#include <utility>

namespace kiosk {
namespace {

// Items seen this visit, by meeting: the pack's progress. Cleared at idle reset.
std::map<std::string, std::set<std::int64_t>>& seen_items() {
    static std::map<std::string, std::set<std::int64_t>> seen;
    return seen;
}

std::int64_t local_now(const UiContext& ctx) { return content::local_minute_of(ctx.now); }

// A projector clicker sends Page Down / Page Up (or the arrow keys).
bool clicker_next() {
    return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageDown)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow));
}
bool clicker_previous() {
    return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageUp)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow));
}

std::string kind_word(const std::string& kind) {
    if (kind == "briefing") return "Briefing";
    if (kind == "document") return "Library document";
    if (kind == "module") return "Training";
    if (kind == "figures") return "Figures";
    return "Note";
}

// Where an item leads, or why it cannot: the route, else a sentence.
std::pair<std::string, std::string> item_target(const content::MeetingItem& i, const content::Catalog& cat) {
    if (i.kind == "note") return {"", ""};
    auto [channel, id] = content::split_item_ref(i.ref);
    if (!channel.empty() && !cat.has_channel(channel))
        return {"", "This item is in the '" + channel + "' content, which is not installed on this kiosk."};
    if (i.kind == "briefing") {
        for (auto& b : cat.briefings())
            if (b.id == id) return {"brief:" + id, ""};
    } else if (i.kind == "document") {
        for (auto& d : cat.library())
            if (d.header.id == id) return {"doc:" + id, ""};
    } else if (i.kind == "module") {
        for (auto& m : cat.modules())
            if (m.module.id == id) return {"training:" + id, ""};
    } else if (i.kind == "figures" && cat.locality(id)) {
        return {"briefing:" + id, ""};
    }
    return {"", "This item's " + kind_word(i.kind) + " ('" + id + "') is not on this kiosk."};
}

void progress_line(const content::Meeting& m, const UiContext& ctx) {
    auto& seen = seen_items()[m.id];
    float f = m.items.empty() ? 0.0f : static_cast<float>(seen.size()) / static_cast<float>(m.items.size());
    std::string label = std::to_string(seen.size()) + " of " + std::to_string(m.items.size()) + " items opened";
    ImGui::ProgressBar(f, ImVec2(-1, 28 * ctx.scale), label.c_str());
}

std::string meeting_meta(const content::Meeting& m, const UiContext& ctx) {
    std::string meta = content::meeting_kind_label(m.kind) + "  |  " + content::plain_when(m.starts, local_now(ctx)) + " to " +
                       content::plain_time(m.ends) + "  |  " + m.place;
    if (const auto* l = ctx.catalog->locality(m.locality_id)) meta += "  |  " + l->name;
    return meta;
}

bool row_button(const std::string& id, const std::string& heading, const std::string& detail, const UiContext& ctx, bool strong = false) {
    return meeting_card(id, heading, detail, ctx, strong);
}

class MeetingListView final : public View {
public:
    std::string title() const override { return "Meetings"; }
    bool open(const std::string& arg, UiContext& ctx) override { return arg.empty() && ctx.catalog; }
    void draw(UiContext& ctx, NavRequest& nav) override {
        text_in(ctx.fonts.title, "Meetings and events");
        std::int64_t now = local_now(ctx);
        auto placed = content::place_meetings(ctx.catalog->meetings(), now, content::MeetingClockOptions{0, 1000});
        auto row = [&](const content::Meeting& m, const std::string& when) {
            if (row_button("meeting:" + m.id, m.title, when + "  |  " + content::meeting_kind_label(m.kind) + "  |  " + m.place, ctx))
                nav = NavRequest{NavRequest::Kind::go, "meeting:" + m.id};
        };
        if (ctx.catalog->meetings().empty()) muted_text("No meetings are in the content on this kiosk.", ctx);
        if (placed.lead) {
            text_in(ctx.fonts.heading, placed.lead_phase == content::MeetingPhase::in_progress ? "Now" : "Today");
            row(*placed.lead, content::plain_when(placed.lead->starts, now));
        }
        if (!placed.next.empty()) text_in(ctx.fonts.heading, "Coming up");
        for (auto* m : placed.next) row(*m, content::plain_when(m->starts, now));
        if (!placed.past.empty()) text_in(ctx.fonts.heading, "Past meetings, with their packs");
        for (auto* m : placed.past) row(*m, content::plain_when(m->starts, now));
    }
};

class MeetingPackView final : public View {
public:
    std::string title() const override { return m_title; }
    bool open(const std::string& arg, UiContext& ctx) override {
        const content::Meeting* m = ctx.catalog ? ctx.catalog->meeting(arg) : nullptr;
        if (!m) return false;
        m_id = arg;
        m_title = m->title;
        // The meeting's locality is this visit's locality (cleared at idle reset).
        if (!m->locality_id.empty() && ctx.catalog->locality(m->locality_id)) ctx.visit_locality = m->locality_id;
        return true;
    }
    void reset() override { seen_items().clear(); }
    void draw(UiContext& ctx, NavRequest& nav) override {
        const content::Meeting* m = ctx.catalog->meeting(m_id);
        if (!m) return;
        text_in(ctx.fonts.title, m->title);
        muted_text(meeting_meta(*m, ctx), ctx);
        if (!m->notes.empty()) ImGui::TextWrapped("%s", m->notes.c_str());
        ImGui::Spacing();
        progress_line(*m, ctx);
        ImGui::Spacing();
        auto& seen = seen_items()[m->id];
        // Present: the projector shows the pack's current item (from the item
        // reached last time, for this visit).
        const PackShow& show = pack_show();
        const std::int64_t reached = show.meeting_id == m->id ? show.current_ord() : 0;
        const content::MeetingItem* from = reached ? content::meeting_item(*m, reached) : nullptr;
        if (!m->items.empty()) {
            std::string label = from ? "Present from item " + from->number : "Present on the projector";
            if (button((label + "##present-pack").c_str(), ctx, ButtonStyle::primary))
                nav = NavRequest{NavRequest::Kind::go, "meeting-present:" + m->id + ":" + std::to_string(from ? from->ord : m->items.front().ord)};
            note_item("present-pack");
            ImGui::Spacing();
        }
        for (const auto& i : m->items) {
            std::string heading = "Item " + i.number + ": " + i.title;
            std::string detail = kind_word(i.kind) + (seen.count(i.ord) ? "  |  Opened" : "") + (i.ord == m->lead_item ? "  |  The safeguarding item" : "") +
                                 (i.ord == reached ? "  |  Presented up to here" : "");
            if (row_button("item-" + std::to_string(i.ord), heading, detail, ctx, i.ord == m->lead_item))
                nav = NavRequest{NavRequest::Kind::go, "meeting-item:" + m->id + ":" + std::to_string(i.ord)};
        }
        if (m->items.empty()) muted_text("This meeting has no items in its pack.", ctx);
        // The clicker's "next" opens the first item not yet opened this visit.
        if (clicker_next() && !ImGui::GetIO().WantTextInput)
            for (const auto& i : m->items)
                if (!seen.count(i.ord)) {
                    nav = NavRequest{NavRequest::Kind::go, "meeting-item:" + m->id + ":" + std::to_string(i.ord)};
                    break;
                }
    }

private:
    std::string m_id, m_title;
};

class MeetingItemView final : public View {
public:
    std::string title() const override { return m_title; }
    bool animating() const override { return m_to_top > 0; }
    bool open(const std::string& arg, UiContext& ctx) override {
        auto c = arg.rfind(':');
        if (c == std::string::npos || !ctx.catalog) return false;
        const content::Meeting* m = ctx.catalog->meeting(arg.substr(0, c));
        std::int64_t ord = std::atoll(arg.c_str() + c + 1);
        if (!m || !content::meeting_item(*m, ord)) return false;
        m_id = m->id;
        m_ord = ord;
        m_title = "Item " + content::meeting_item(*m, ord)->number;
        seen_items()[m_id].insert(ord);
        m_to_top = 2;
        return true;
    }
    void draw(UiContext& ctx, NavRequest& nav) override {
        // Each item starts at its top (the page may have been scrolled down the
        // pack); two frames, as ImGui applies a scroll on the frame after.
        if (m_to_top > 0) {
            ImGui::SetScrollY(0);
            --m_to_top;
        }
        const content::Meeting* m = ctx.catalog->meeting(m_id);
        const content::MeetingItem* i = m ? content::meeting_item(*m, m_ord) : nullptr;
        if (!i) return;
        // On a projector-wide screen the item's note is set at title size (the
        // room reads it from the back); the text-size buttons scale it further.
        bool wide = ImGui::GetContentRegionAvail().x > 1400 * ctx.scale;
        muted_text(m->title + "  |  item " + std::to_string(i->ord) + " of " + std::to_string(m->items.size()) + " in the pack", ctx);
        text_in(ctx.fonts.title, "Item " + i->number + ": " + i->title);
        progress_line(*m, ctx);
        ImGui::Spacing();
        if (!i->note.empty()) {
            ImFont* nf = wide && ctx.fonts.title ? ctx.fonts.title : ctx.fonts.heading;
            ImGui::PushFont(nf ? nf : ImGui::GetFont());
            ImGui::TextWrapped("%s", i->note.c_str());
            ImGui::PopFont();
            ImGui::Spacing();
        }
        auto [route, why] = item_target(*i, *ctx.catalog);
        if (!route.empty()) {
            std::string label = open_label(*i, *ctx.catalog) + "##open";
            if (button(label.c_str(), ctx, ButtonStyle::primary)) nav = NavRequest{NavRequest::Kind::go, route};
            note_item("open-item");
        } else if (!why.empty()) {
            muted_text(why, ctx);
        }
        ImGui::Spacing();
        ImGui::Separator();
        const auto* prev = content::meeting_item(*m, m_ord - 1);
        const auto* next = content::meeting_item(*m, m_ord + 1);
        if (prev && clicker_previous()) nav = NavRequest{NavRequest::Kind::go, "meeting-item:" + m->id + ":" + std::to_string(prev->ord)};
        if (next && clicker_next()) nav = NavRequest{NavRequest::Kind::go, "meeting-item:" + m->id + ":" + std::to_string(next->ord)};
        if (prev) {
            if (button(("< Item " + prev->number + "##prev").c_str(), ctx)) nav = NavRequest{NavRequest::Kind::go, "meeting-item:" + m->id + ":" + std::to_string(prev->ord)};
            note_item("prev-item");
            ImGui::SameLine();
        }
        if (button("Back to the pack##pack", ctx)) nav = NavRequest{NavRequest::Kind::back, ""};
        note_item("back-to-pack");
        if (next) {
            ImGui::SameLine();
            if (button(("Item " + next->number + " >##next").c_str(), ctx, ButtonStyle::primary))
                nav = NavRequest{NavRequest::Kind::go, "meeting-item:" + m->id + ":" + std::to_string(next->ord)};
            note_item("next-item");
        }
    }

private:
    static std::string open_label(const content::MeetingItem& i, const content::Catalog& cat) {
        auto id = content::split_item_ref(i.ref).second;
        if (i.kind == "figures") {
            const auto* l = cat.locality(id);
            return "Show the figures for " + (l ? l->name : id);
        }
        if (i.kind == "briefing") return "Read the briefing";
        if (i.kind == "module") return "Open the training module";
        return "Read the document";
    }
    std::string m_id, m_title;
    std::int64_t m_ord = 0;
    int m_to_top = 0;
};

} // namespace

void meeting_item_seen(const std::string& meeting_id, std::int64_t ord) { seen_items()[meeting_id].insert(ord); }

std::unique_ptr<View> make_meeting_list_view() { return std::make_unique<MeetingListView>(); }
std::unique_ptr<View> make_meeting_pack_view() { return std::make_unique<MeetingPackView>(); }
std::unique_ptr<View> make_meeting_item_view() { return std::make_unique<MeetingItemView>(); }

} // namespace kiosk
