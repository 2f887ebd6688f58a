// Presenter mode, the trainer's screen: the current slide, the next slide, the
// speaker notes and the session timer (with a gentle warning when behind), a
// slide counter and jump, clicker keys and swipes; for knowledge checks, reveal
// and the room's show of hands as counts. "Audience view" fills the screen
// with the slide alone for a single projector.
#include "kiosk/theme.hpp"
#include "kiosk/training_shared.hpp"
#include "kiosk/views.hpp"
#include "kiosk/widgets.hpp"

#include <imgui_stdlib.h>

namespace kiosk {
namespace {

class PresenterView final : public View {
public:
    std::string title() const override { return "Presenting: " + m_title; }

    bool open(const std::string& arg, UiContext& ctx) override {
        auto c = arg.find(':');
        std::string id = arg.substr(0, c);
        int slide = c == std::string::npos ? 1 : std::atoi(arg.c_str() + c + 1);
        const auto* m = find_module(ctx, id);
        if (!m || slide < 1 || slide > static_cast<int>(m->module.slides.size())) return false;
        auto& s = training_session();
        if (!s.active() || s.module != &m->module || s.mode != SessionMode::presenter) {
            s.start(m->module, SessionMode::presenter, ctx.now);
            s.channel = m->channel;
            s.module_version = m->version;
        }
        s.go_to(slide - 1);
        m_module = id;
        m_title = m->module.title;
        return true;
    }

    void reset() override {
        m_register.clear();
        m_new_name.clear();
        m_new_org.clear();
        m_audience = false;
        m_notes = true;
        m_ending = false;
        m_saved.clear();
    }
    bool animating() const override { return m_md.animating; }

    void draw(UiContext& ctx, NavRequest& nav) override {
        auto& s = training_session();
        if (!s.active()) return;
        const Palette& p = palette(ctx.theme);
        handle_slide_input(s, ctx);
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)) && m_audience) m_audience = false;
        const content::Slide* sl = s.current();
        if (sl != m_drawn) {
            m_md.set_markdown(sl->body_md);
            m_drawn = sl;
        }
        ImVec2 avail = ImGui::GetContentRegionAvail();
        // The bar's height as drawn last frame: its buttons wrap onto more
        // rows at large text. The slide keeps most of the screen whatever is
        // left; the screen scrolls for the rest.
        float bar_h = std::max(m_bar_h, min_hit * ctx.scale) + ImGui::GetStyle().ItemSpacing.y * 2;
        float min_slide = slide_min_height(ctx, *sl);
        if (m_audience) {
            draw_slide(*sl, m_md, ImVec2(0, std::max(min_slide, avail.y - bar_h)), ctx, nav, true);
            draw_bar(s, ctx);
            sync_route(s, nav);
            return;
        }
        bool wide = avail.x > 900 * ctx.scale;
        float left_w = wide ? avail.x * 0.62f : avail.x;
        ImGui::BeginGroup();
        float slide_h = avail.y - bar_h - (sl->question ? ImGui::GetFrameHeightWithSpacing() * (static_cast<float>(sl->question->options.size()) + 2.2f) : 0);
        if (!wide && m_notes) slide_h *= 0.6f;
        draw_slide(*sl, m_md, ImVec2(left_w, std::max(min_slide, slide_h)), ctx, nav, false);
        if (sl->question) draw_question(s, *sl, ctx);
        ImGui::EndGroup();
        if (wide) ImGui::SameLine();
        ImGui::BeginGroup();
        ImGui::BeginChild("##side", ImVec2(0, std::max(min_slide, avail.y - bar_h)), true);
        // Timer: elapsed beside planned, a word for the state (not colour alone).
        auto st = s.timer(ctx.now);
        if (ctx.fonts.title) ImGui::PushFont(ctx.fonts.title);
        ImGui::Text("%s", clock_text(s.elapsed(ctx.now)).c_str());
        if (ctx.fonts.title) ImGui::PopFont();
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::Text("of %d min planned", static_cast<int>(s.module->duration_min));
        if (st == TimerState::behind) chip("A little behind: consider moving on", p.rag_amber, ctx);
        else if (st == TimerState::over_time) chip("Over the planned time", p.rag_red, ctx);
        else chip("On time", p.rag_green, ctx);
        if (ctx.second_screen) muted_text("The projector is showing slide " + std::to_string(s.slide + 1) + ".", ctx);
        ImGui::Separator();
        if (const content::Slide* nx = s.next_slide()) ImGui::TextWrapped("Next: %d. %s", static_cast<int>(nx->ord), nx->title.c_str());
        else ImGui::TextUnformatted("Next: end of the module");
        ImGui::Separator();
        if (m_notes) {
            text_in(ctx.fonts.heading, "Speaker notes");
            ImGui::TextWrapped("%s", sl->notes.empty() ? "(No notes for this slide.)" : sl->notes.c_str());
        }
        if (m_ending) draw_end_form(s, ctx, nav);
        ImGui::EndChild();
        ImGui::EndGroup();
        draw_bar(s, ctx);
        sync_route(s, nav);
    }

private:
    void sync_route(TrainingSession& s, NavRequest& nav) {
        if (nav.kind == NavRequest::Kind::none && s.slide + 1 != m_route_slide) {
            m_route_slide = s.slide + 1;
            nav.kind = NavRequest::Kind::go;
            nav.route = "presenter:" + m_module + ":" + std::to_string(m_route_slide);
        }
    }

    void draw_question(TrainingSession& s, const content::Slide& sl, UiContext& ctx) {
        const auto& q = *sl.question;
        bool shown = s.revealed[s.slide];
        auto& counts = s.tallies[s.slide];
        counts.resize(q.options.size(), 0);
        for (std::size_t i = 0; i < q.options.size(); ++i) {
            ImGui::PushID(static_cast<int>(i));
            if (button("-", ctx)) s.tally(static_cast<int>(i), -1);
            ImGui::SameLine();
            if (button("+", ctx)) s.tally(static_cast<int>(i), +1);
            ImGui::SameLine();
            ImGui::AlignTextToFramePadding();
            std::string line = std::to_string(counts[i]) + " hands:  " + std::string(1, static_cast<char>('A' + i)) + ". " + q.options[i] +
                               (shown && static_cast<int>(i) == q.answer ? "   (correct answer)" : "");
            ImGui::TextWrapped("%s", line.c_str());
            ImGui::PopID();
        }
        if (!shown) {
            if (button("Reveal the answer", ctx, ButtonStyle::primary)) s.revealed[s.slide] = true;
        } else {
            ImGui::TextWrapped("Answer: %s. %s", q.options[static_cast<std::size_t>(q.answer)].c_str(), q.explanation.c_str());
        }
    }

    void draw_bar(TrainingSession& s, UiContext& ctx) {
        float top = ImGui::GetCursorPosY();
        ImGui::BeginDisabled(s.slide == 0);
        if (button("< Previous", ctx)) s.key(ClickerKey::previous);
        ImGui::EndDisabled();
        std::string counter = "Slide " + std::to_string(s.slide + 1) + " of " + std::to_string(s.slide_count());
        float counter_w = ImGui::CalcTextSize(counter.c_str()).x + ImGui::GetFrameHeight() + ImGui::GetStyle().FramePadding.x * 2;
        flow(counter_w);
        ImGui::SetNextItemWidth(counter_w);
        // As tall as the buttons beside it (44 px at 100%): a touch target.
        ImVec2 fp = ImGui::GetStyle().FramePadding;
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(fp.x, std::max(fp.y, (min_hit * ctx.scale - ImGui::GetFontSize()) * 0.5f)));
        if (ImGui::BeginCombo("##jump", counter.c_str(), ImGuiComboFlags_HeightLarge)) {
            for (int i = 0; i < s.slide_count(); ++i) {
                ImGui::PushID(i);
                std::string label = std::to_string(i + 1) + ". " + s.module->slides[static_cast<std::size_t>(i)].title;
                if (ImGui::Selectable(label.c_str(), i == s.slide, 0, ImVec2(0, min_hit * ctx.scale))) s.go_to(i);
                ImGui::PopID();
            }
            ImGui::EndCombo();
        }
        ImGui::PopStyleVar();
        note_item("##jump-slide");
        flow(button_width("Next >", ctx));
        ImGui::BeginDisabled(s.slide + 1 >= s.slide_count());
        if (button("Next >", ctx, ButtonStyle::primary)) s.key(ClickerKey::next);
        ImGui::EndDisabled();
        const char* view_label = m_audience ? "Trainer view" : "Audience view";
        flow(button_width(view_label, ctx));
        if (button(view_label, ctx)) m_audience = !m_audience;
        if (!m_audience) {
            const char* notes_label = m_notes ? "Hide notes" : "Show notes";
            flow(button_width(notes_label, ctx));
            if (button(notes_label, ctx)) m_notes = !m_notes;
            flow(button_width("End session", ctx));
            if (button("End session", ctx)) m_ending = true;
        }
        m_bar_h = ImGui::GetCursorPosY() - top - ImGui::GetStyle().ItemSpacing.y;
    }

    void draw_end_form(TrainingSession& s, UiContext& ctx, NavRequest& nav) {
        ImGui::Separator();
        text_in(ctx.fonts.heading, "End the session");
        ImGui::TextWrapped("The record keeps the module, times, slides shown, the number of attendees and the show-of-hands counts. No attendee is named.");
        ImGui::SetNextItemWidth(-1);
        ImGui::InputTextWithHint("##trainer", "Trainer's name", &s.trainer);
        ImGui::SetNextItemWidth(200 * ctx.scale);
        ImGui::InputInt("Attendees", &s.attendees);
        s.attendees = std::max(0, s.attendees);
        bool register_on = ctx.services && ctx.services->setting("attendance_register", "off") == "on";
        if (register_on) draw_register(ctx);
        if (button("Save the record", ctx, ButtonStyle::primary)) {
            if (s.trainer.empty()) m_saved = "Please enter the trainer's name.";
            else if (ctx.services) {
                s.ended_at = ctx.now;
                std::string json = s.record_json(ctx.now);
                if (register_on && !m_register.empty()) {
                    // The names travel beside the record, never inside it.
                    std::string reg = "[";
                    for (std::size_t i = 0; i < m_register.size(); ++i) {
                        auto esc = [](const std::string& x) {
                            std::string o;
                            for (char c : x) {
                                if (c == '"' || c == '\\') o += '\\';
                                if (static_cast<unsigned char>(c) >= 0x20) o += c;
                            }
                            return o;
                        };
                        reg += std::string(i ? "," : "") + "{\"name\":\"" + esc(m_register[i].first) + "\",\"organisation\":\"" + esc(m_register[i].second) + "\"}";
                    }
                    reg += "]";
                    json.insert(json.size() - 1, ",\"register\":" + reg);
                }
                auto saved = ctx.services->save_session_record(json);
                m_saved = saved ? "Saved. It will be exported to USB from Administration." : screen_text(saved.error());
                if (saved) {
                    m_register.clear();
                    s.clear();
                    m_ending = false;
                    nav.kind = NavRequest::Kind::go;
                    nav.route = "training:" + m_module;
                }
            }
        }
        ImGui::SameLine();
        if (button("Keep presenting", ctx)) m_ending = false;
        if (!m_saved.empty()) ImGui::TextWrapped("%s", m_saved.c_str());
    }

    // The optional attendance register: names and organisations of staff
    // attending. Off unless an admin turns it on; shown plainly when on.
    void draw_register(UiContext& ctx) {
        const Palette& p = palette(ctx.theme);
        chip("Attendance register is ON: names are personal data", p.rag_amber, ctx);
        ImGui::TextWrapped("Names are kept only until the records are exported to USB, then deleted from this kiosk (unless an administrator chose otherwise).");
        ImGui::SetNextItemWidth(180 * ctx.scale);
        ImGui::InputTextWithHint("##reg-name", "Name", &m_new_name);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(180 * ctx.scale);
        ImGui::InputTextWithHint("##reg-org", "Organisation", &m_new_org);
        ImGui::SameLine();
        if (button("Add", ctx) && !m_new_name.empty()) {
            m_register.emplace_back(m_new_name, m_new_org);
            m_new_name.clear();
            m_new_org.clear();
        }
        for (std::size_t i = 0; i < m_register.size(); ++i) {
            ImGui::PushID(static_cast<int>(i));
            ImGui::AlignTextToFramePadding();
            ImGui::Text("%s, %s", m_register[i].first.c_str(), m_register[i].second.c_str());
            ImGui::SameLine();
            if (button("Remove", ctx)) {
                m_register.erase(m_register.begin() + static_cast<std::ptrdiff_t>(i));
                ImGui::PopID();
                break;
            }
            ImGui::PopID();
        }
    }

    std::vector<std::pair<std::string, std::string>> m_register;
    std::string m_new_name, m_new_org;
    std::string m_module, m_title, m_saved;
    int m_route_slide = 0;
    bool m_audience = false, m_notes = true, m_ending = false;
    float m_bar_h = 0;  // the bottom bar's height last frame
    MarkdownView m_md;
    const content::Slide* m_drawn = nullptr;
};

} // namespace

std::unique_ptr<View> make_presenter_view() { return std::make_unique<PresenterView>(); }

} // namespace kiosk
