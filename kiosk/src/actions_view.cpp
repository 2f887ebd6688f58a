// Recommendations and action plans: each item's owner, due date, RAG status
// (a word on a coloured chip) and progress; filters by plan, status, overdue
// and (where items name one) locality, all drawn as the same chips; the most
// overdue items first, saying how late ("Overdue by 3 months").
#include "content/figures.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/views.hpp"
#include "kiosk/widgets.hpp"

#include <algorithm>
#include <cstdio>

namespace kiosk {
namespace {

const char* rag_word(const std::string& rag) {
    if (rag == "green") return "On track";
    if (rag == "amber") return "At risk";
    if (rag == "red") return "Off track";
    return "Done";
}

ImVec4 rag_colour(const std::string& rag, const Palette& p) {
    if (rag == "green") return p.rag_green;
    if (rag == "amber") return p.rag_amber;
    if (rag == "red") return p.rag_red;
    return p.rag_complete;
}

// Months (or days, under a month) from `due` to `today`, both YYYY-MM-DD.
std::string how_late(const std::string& due, const std::string& today) {
    int y1 = 0, m1 = 0, d1 = 0, y2 = 0, m2 = 0, d2 = 0;
    if (std::sscanf(due.c_str(), "%d-%d-%d", &y1, &m1, &d1) != 3 || std::sscanf(today.c_str(), "%d-%d-%d", &y2, &m2, &d2) != 3) return "Overdue";
    int months = (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
    if (months >= 24) return "Overdue by " + std::to_string(months / 12) + " years";
    if (months >= 1) return "Overdue by " + std::to_string(months) + (months == 1 ? " month" : " months");
    int days = d2 >= d1 ? d2 - d1 : d2 + 30 - d1;
    return "Overdue by " + std::to_string(std::max(1, days)) + (days == 1 ? " day" : " days");
}

bool names(const content::TrackerItem& i, const std::string& locality_name) {
    for (const auto* t : {&i.title, &i.progress, &i.response, &i.owner})
        if (t->find(locality_name) != std::string::npos) return true;
    return false;
}

class ActionsView final : public View {
public:
    std::string title() const override { return "Action plans"; }
    bool open(const std::string& arg, UiContext& ctx) override {
        if (!ctx.catalog) return false;
        if (!arg.empty()) {
            bool found = false;
            for (auto& t : ctx.catalog->trackers()) found |= t.id == arg;
            if (!found) return false;
            m_tracker = arg;
        }
        return true;
    }
    void reset() override {
        m_tracker.clear();
        m_locality.clear();
        m_filter = 0;
    }

    void draw(UiContext& ctx, NavRequest&) override {
        const auto& cat = *ctx.catalog;
        const Palette& p = palette(ctx.theme);
        std::string today = content::iso_date(ctx.now);
        text_in(ctx.fonts.title, "Recommendations and action plans");
        if (cat.trackers().empty()) {
            muted_text("No action plans are installed.", ctx);
            return;
        }
        // Tracker picker.
        if (button("All plans", ctx, m_tracker.empty() ? ButtonStyle::primary : ButtonStyle::normal)) m_tracker.clear();
        for (const auto& t : cat.trackers()) {
            std::string label = t.title + "##" + t.id;
            flow(button_width(label.c_str(), ctx));
            if (button(label.c_str(), ctx, m_tracker == t.id ? ButtonStyle::primary : ButtonStyle::normal)) m_tracker = t.id;
        }
        // Summary counts for what is shown.
        int on_track = 0, at_risk = 0, off = 0, done = 0, late = 0;
        for (const auto& i : cat.tracker_items()) {
            if (!m_tracker.empty() && i.tracker_id != m_tracker) continue;
            if (!m_locality.empty() && !names(i, m_locality)) continue;
            if (i.rag == "green") ++on_track;
            else if (i.rag == "amber") ++at_risk;
            else if (i.rag == "red") ++off;
            else ++done;
            if (content::overdue(i, today)) ++late;
        }
        ImGui::Spacing();
        const char* filters[] = {"All", "On track", "At risk", "Off track", "Done", "Overdue"};
        int counts[] = {on_track + at_risk + off + done, on_track, at_risk, off, done, late};
        for (int f = 0; f < 6; ++f) {
            std::string label = std::string(filters[f]) + ": " + std::to_string(counts[f]) + "##f" + std::to_string(f);
            if (f) flow(button_width(label.c_str(), ctx));
            if (button(label.c_str(), ctx, m_filter == f ? ButtonStyle::primary : ButtonStyle::normal)) m_filter = f;
        }
        draw_locality_chips(ctx);
        ImGui::Spacing();
        std::string current_tracker;
        for (const auto* ip : sorted_items(cat, today)) {
            const auto& i = *ip;
            if (!m_tracker.empty() && i.tracker_id != m_tracker) continue;
            if (!m_locality.empty() && !names(i, m_locality)) continue;
            bool late_item = content::overdue(i, today);
            if (m_filter == 1 && i.rag != "green") continue;
            if (m_filter == 2 && i.rag != "amber") continue;
            if (m_filter == 3 && i.rag != "red") continue;
            if (m_filter == 4 && i.rag != "complete") continue;
            if (m_filter == 5 && !late_item) continue;
            if (i.tracker_id != current_tracker) {
                current_tracker = i.tracker_id;
                for (auto& t : cat.trackers())
                    if (t.id == i.tracker_id) {
                        ImGui::Spacing();
                        text_in(ctx.fonts.heading, t.title);
                        muted_text(t.source, ctx);
                    }
            }
            ImGui::PushID((i.tracker_id + "/" + i.id).c_str());
            ImGui::Separator();
            chip(rag_word(i.rag), rag_colour(i.rag, p), ctx);
            if (late_item) {
                ImGui::SameLine();
                chip(how_late(i.due_date, today).c_str(), p.rag_red, ctx);
            }
            ImGui::SameLine();
            ImGui::AlignTextToFramePadding();
            if (ctx.fonts.bold) ImGui::PushFont(ctx.fonts.bold);
            ImGui::TextWrapped("%s  %s", i.ref.c_str(), i.title.c_str());
            if (ctx.fonts.bold) ImGui::PopFont();
            std::string meta = "Owner: " + i.owner + (i.due_date.empty() ? "" : "   Due: " + human_date(i.due_date));
            muted_text(meta, ctx);
            if (!i.response.empty()) ImGui::TextWrapped("Response: %s", i.response.c_str());
            if (!i.progress.empty()) ImGui::TextWrapped("Progress: %s", i.progress.c_str());
            ImGui::PopID();
        }
    }

private:
    // Chips for the localities that items name; none when no item names one.
    void draw_locality_chips(UiContext& ctx) {
        std::vector<std::string> named;
        for (const auto& l : ctx.catalog->localities()) {
            if (l.kind != "locality") continue;
            for (const auto& i : ctx.catalog->tracker_items())
                if (names(i, l.name)) {
                    named.push_back(l.name);
                    break;
                }
        }
        if (named.empty()) return;
        if (button("Every locality", ctx, m_locality.empty() ? ButtonStyle::primary : ButtonStyle::normal)) m_locality.clear();
        for (const auto& n : named) {
            flow(button_width((n + "##loc").c_str(), ctx));
            if (button((n + "##loc").c_str(), ctx, m_locality == n ? ButtonStyle::primary : ButtonStyle::normal)) m_locality = n;
        }
    }

    // Items in plan order, the overdue ones first within each plan, most late first.
    static std::vector<const content::TrackerItem*> sorted_items(const content::Catalog& cat, const std::string& today) {
        std::vector<const content::TrackerItem*> out;
        for (const auto& i : cat.tracker_items()) out.push_back(&i);
        auto plan = [&](const content::TrackerItem* i) {
            for (std::size_t k = 0; k < cat.trackers().size(); ++k)
                if (cat.trackers()[k].id == i->tracker_id) return k;
            return cat.trackers().size();
        };
        std::stable_sort(out.begin(), out.end(), [&](const auto* a, const auto* b) {
            if (plan(a) != plan(b)) return plan(a) < plan(b);
            bool la = content::overdue(*a, today), lb = content::overdue(*b, today);
            if (la != lb) return la;
            return la && a->due_date < b->due_date;
        });
        return out;
    }

    std::string m_tracker, m_locality;
    int m_filter = 0;
};

} // namespace

std::unique_ptr<View> make_actions_view() { return std::make_unique<ActionsView>(); }

} // namespace kiosk
