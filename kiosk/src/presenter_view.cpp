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
        session_valid(ctx);
        if (s.active() && s.module != &m->module) return false;  // one session at a time: end the other first
        if (!s.active()) {
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
        m_ending = false;
        m_saved.clear();
    }
    bool animating() const override { return m_md.animating; }

    void draw(UiContext& ctx, NavRequest& nav) override {
        auto& s = training_session();
        if (!session_valid(ctx) || !s.current()) return;
        read_presenter_keys(s);
        if (m_audience) {
            draw_full_screen_audience(s, ctx);
            sync_route(s, nav);
            return;
        }
        ImVec2 avail = ImGui::GetContentRegionAvail();
        const float bar_h = std::max(m_bar_h, min_hit * ctx.scale) + ImGui::GetStyle().ItemSpacing.y * 2;
        const bool wide = avail.x > 1000 * ctx.scale || avail.x >= 1000;
        const float side_w = wide ? std::max(avail.x * 0.36f, 340.0f * ctx.scale) : avail.x;
        const float left_w = wide ? avail.x - side_w - ImGui::GetStyle().ItemSpacing.x : avail.x;
        const float body_h = avail.y - bar_h;
        // Narrow (a 7-inch panel, or large text): the slide keeps most of the
        // screen, the bar follows it, and the notes, timer and End form come
        // below in the screen's own scroll, not in a squeezed inner pane.
        const float slide_h = wide ? body_h : std::max(body_h * 0.62f, ImGui::GetIO().DisplaySize.y * 0.42f);
        ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0, 0, 0, 0));
        ImGui::BeginChild("##current", ImVec2(left_w, slide_h), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoNav);
        ImGui::PopStyleColor();
        draw_current(s, ctx);
        ImGui::EndChild();
        if (wide) {
            ImGui::SameLine();
            ImGui::BeginChild("##side", ImVec2(side_w, body_h), true, ImGuiWindowFlags_NoNav);
            draw_side(s, ctx, nav, body_h);
            ImGui::EndChild();
            draw_bar(s, ctx);
        } else {
            draw_bar(s, ctx);
            ImGui::Separator();
            draw_side(s, ctx, nav, 0.0f);
        }
        sync_route(s, nav);
    }

private:
    void sync_route(TrainingSession& s, NavRequest& nav) {
        if (nav.kind == NavRequest::Kind::none && s.active() && s.slide + 1 != m_route_slide) {
            m_route_slide = s.slide + 1;
            nav.kind = NavRequest::Kind::go;
            nav.route = "presenter:" + m_module + ":" + std::to_string(m_route_slide);
        }
    }

    // One screen and no projector window: the slide alone over the whole
    // screen, as the room sees it; a tap or Escape returns to the trainer's view.
    void draw_full_screen_audience(TrainingSession& s, UiContext& ctx) {
        ImGuiIO& io = ImGui::GetIO();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(io.DisplaySize);
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
        ImGui::Begin("##audience-here", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoNav);
        ImGui::PopStyleVar();
        draw_projection(s, ImVec2(0, 0), io.DisplaySize, ctx, m_room);
        bool tapped = ImGui::IsWindowHovered() && ImGui::IsMouseReleased(0) && !dragged();
        ImGui::End();
        if (tapped || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) m_audience = false;
    }

    // The current slide as the room sees it (16:9), then a question's show of hands.
    void draw_current(TrainingSession& s, UiContext& ctx) {
        const content::Slide* sl = s.current();
        ImVec2 avail = ImGui::GetContentRegionAvail();
        const float row = ImGui::GetFrameHeightWithSpacing();
        const float q_h = sl->question ? row * (static_cast<float>(sl->question->options.size()) + 1.4f) : 0.0f;
        // 16:9 like the projector, except that a question uses the column's
        // whole width (its options and bars need it more than the shape).
        float w = avail.x, h = std::max(60.0f, avail.y - q_h - ImGui::GetStyle().ItemSpacing.y);
        if (w * 9 / 16 <= h) h = w * 9 / 16;
        else if (!sl->question) w = h * 16 / 9;
        ImVec2 p0 = ImGui::GetCursorScreenPos();
        // A preview shorter than eight lines of the room's type is the room's
        // picture laid out that tall (the preview's shape) and shrunk into it:
        // drawn at its own size, a title at 200% text filled a 7-inch panel's
        // preview. A larger preview is drawn at its own size, type unshrunk.
        const float slide_px = ctx.fonts.slide ? ctx.fonts.slide->FontSize : ImGui::GetFontSize();
        const float room_h = std::max(h, slide_px * 8);
        draw_projection_thumbnail(s, p0, ImVec2(w, h), ImVec2(w * room_h / h, room_h), ctx, m_preview);
        ImGui::GetWindowDrawList()->AddRect(p0, ImVec2(p0.x + w, p0.y + h), ImGui::GetColorU32(palette(ctx.theme).border));
        ImGui::Dummy(ImVec2(w, h));
        if (sl->question) draw_question(s, *sl, ctx);
    }

    // Timer, what the projector shows, the next slide, the notes, and the
    // End-session form: the same place on every slide, before and after a reveal.
    void draw_side(TrainingSession& s, UiContext& ctx, NavRequest& nav, float height) {
        const Palette& p = palette(ctx.theme);
        auto st = s.timer(ctx.now);
        text_in(ctx.fonts.title, clock_text(s.elapsed(ctx.now)) + "  of " + std::to_string(s.module->duration_min) + " min planned");
        if (st == TimerState::behind) chip("A little behind: consider moving on", p.rag_amber, ctx);
        else if (st == TimerState::over_time) chip("Over the planned time", p.rag_red, ctx);
        else chip("On time", p.rag_green, ctx);
        std::string shows = s.blank == Blank::black   ? "The projector is blank (black): B shows the slide again."
                            : s.blank == Blank::white ? "The projector is blank (white): W shows the slide again."
                            : ctx.second_screen      ? "The projector shows slide " + std::to_string(s.slide + 1) + "."
                                                     : "Slide " + std::to_string(s.slide + 1) + " of " + std::to_string(s.slide_count()) + ".";
        ImGui::TextWrapped("%s", shows.c_str());
        if (!s.jump.empty()) ImGui::TextWrapped("Go to slide %s: press Enter.", s.jump.c_str());
        ImGui::Separator();
        if (const content::Slide* nx = s.next_slide()) {
            text_in(ctx.fonts.bold, "Next: " + std::to_string(nx->ord) + ". " + nx->title);
            draw_next_preview(s, ctx, height);
        } else {
            text_in(ctx.fonts.bold, "Next: end of the module");
        }
        ImGui::Separator();
        const float end_h = end_area_height(ctx);
        text_in(ctx.fonts.heading, "Speaker notes");
        const ImGuiStyle& style = ImGui::GetStyle();
        float notes_h = height - ImGui::GetCursorPosY() - end_h - 2 * style.WindowPadding.y - 3 * style.ItemSpacing.y;
        const content::Slide* sl = s.current();
        const char* notes = sl->notes.empty() ? "(No notes for this slide.)" : sl->notes.c_str();
        // Notes get their own scrolling pane only where it can be a useful
        // size; otherwise they flow in the column, which scrolls as a whole.
        if (notes_h >= ImGui::GetIO().DisplaySize.y * 0.4f) {
            ImGui::BeginChild("##notes", ImVec2(0, notes_h), false, ImGuiWindowFlags_NoNav);
            // Notes are read at a glance, standing: larger than body text where the screen allows.
            ImGui::SetWindowFontScale(height > 700 ? 1.3f : 1.1f);
            ImGui::TextWrapped("%s", notes);
            ImGui::EndChild();
        } else {
            ImGui::TextWrapped("%s", notes);
        }
        ImGui::Separator();
        const float y0 = ImGui::GetCursorPosY();
        const bool form = m_ending;
        if (m_ending) draw_end_form(s, ctx, nav);
        else if (button("End session...", ctx)) m_ending = true;
        (form ? m_form_h : m_button_h) = ImGui::GetCursorPosY() - y0;
    }

    // A small picture of the next slide (when the side column is tall enough for it).
    void draw_next_preview(const TrainingSession& s, UiContext& ctx, float height) {
        if (height < 700) return;  // 1280x800: the title alone, so the notes keep their room
        TrainingSession next = s;
        next.blank = Blank::none;
        next.slide = s.slide + 1;
        float w = std::min(ImGui::GetContentRegionAvail().x, height * 0.26f * 16 / 9);
        ImVec2 p0 = ImGui::GetCursorScreenPos();
        ImVec2 screen(ImGui::GetIO().DisplaySize.x, ImGui::GetIO().DisplaySize.x * 9 / 16);
        draw_projection_thumbnail(next, p0, ImVec2(w, w * 9 / 16), screen, ctx, m_next);
        ImGui::GetWindowDrawList()->AddRect(p0, ImVec2(p0.x + w, p0.y + w * 9 / 16), ImGui::GetColorU32(palette(ctx.theme).border));
        ImGui::Dummy(ImVec2(w, w * 9 / 16));
    }

    // The End-session area's height: the button, or the open form (the notes
    // above give it room; a reveal changes neither).
    float end_area_height(const UiContext& ctx) const {
        float measured = m_ending ? m_form_h : m_button_h;
        if (measured > 0) return measured;
        bool register_on = ctx.services && ctx.services->setting("attendance_register", "off") == "on";
        float row = ImGui::GetFrameHeightWithSpacing();
        return m_ending ? row * (register_on ? 7.0f : 4.0f) + ImGui::GetTextLineHeightWithSpacing() * 3 : row;
    }

    void draw_question(TrainingSession& s, const content::Slide& sl, UiContext& ctx) {
        const auto& q = *sl.question;
        auto& counts = s.tallies[s.slide];
        counts.resize(q.options.size(), 0);
        for (std::size_t i = 0; i < q.options.size(); ++i) {
            ImGui::PushID(static_cast<int>(i));
            if (button("-", ctx)) s.tally(static_cast<int>(i), -1);
            ImGui::SameLine();
            if (button("+", ctx)) s.tally(static_cast<int>(i), +1);
            ImGui::SameLine();
            ImGui::AlignTextToFramePadding();
            std::string line = std::to_string(counts[i]) + " hands:  " + std::string(1, static_cast<char>('A' + i)) + ". " + q.options[i];
            ImGui::TextWrapped("%s", line.c_str());
            ImGui::PopID();
        }
        ImGui::BeginDisabled(s.is_revealed());
        if (button(s.is_revealed() ? "Revealed on the projector" : "Reveal the answer", ctx, ButtonStyle::primary)) s.reveal();
        ImGui::EndDisabled();
    }

    void draw_bar(TrainingSession& s, UiContext& ctx) {
        float top = ImGui::GetCursorPosY();
        ImGui::BeginDisabled(s.slide == 0);
        if (button("< Previous", ctx)) s.key(ClickerKey::previous);
        ImGui::EndDisabled();
        ImGui::SameLine();
        ImGui::SetNextItemWidth(190 * ctx.scale);
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
        const char* blank_label = s.blank == Blank::none ? "Blank (B)" : "Show slide";
        flow(button_width(blank_label, ctx));
        if (button(blank_label, ctx)) s.toggle_blank(Blank::black);
        if (!ctx.second_screen) {
            flow(button_width("Audience view", ctx));
            if (button("Audience view", ctx)) m_audience = true;
        }
        m_bar_h = ImGui::GetCursorPosY() - top - ImGui::GetStyle().ItemSpacing.y;
    }

    void draw_end_form(TrainingSession& s, UiContext& ctx, NavRequest& nav) {
        ImGui::Separator();
        text_in(ctx.fonts.heading, "End the session now?");
        ImGui::TextWrapped("Saves the record and closes the session. No attendee is named.");
        ImGui::SetNextItemWidth(-1);
        {
            TouchFrames touch(ctx);
            ImGui::InputTextWithHint("##trainer", "Trainer's name", &s.trainer);
        }
        note_item("Trainer's name");  // a target for the end-to-end test (and the on-screen keyboard)
        ImGui::SetNextItemWidth(200 * ctx.scale);
        ImGui::InputInt("Attendees", &s.attendees);
        s.attendees = std::max(0, s.attendees);
        bool register_on = ctx.services && ctx.services->setting("attendance_register", "off") == "on";
        if (register_on) draw_register(ctx);
        if (button("Yes, end and save", ctx, ButtonStyle::primary)) {
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
        {
            TouchFrames touch(ctx);
            ImGui::InputTextWithHint("##reg-name", "Name", &m_new_name);
            ImGui::SameLine();
            ImGui::SetNextItemWidth(180 * ctx.scale);
            ImGui::InputTextWithHint("##reg-org", "Organisation", &m_new_org);
        }
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
    bool m_audience = false, m_ending = false;
    float m_form_h = 0, m_button_h = 0;  // the End area's heights as last drawn (form open, closed)
    float m_bar_h = 0;                    // the bottom bar's height last frame (its buttons wrap at large text)
    MarkdownView m_md;
    ProjectionCache m_preview, m_room, m_next;
};

} // namespace

std::unique_ptr<View> make_presenter_view() { return std::make_unique<PresenterView>(); }

} // namespace kiosk
