// Training: the module catalog, a module's page (outcomes, duration, slides),
// and self-paced mode: progress ("slide 7 of 12, 2 of 4 checks answered"),
// feedback and the explanation per question, resume on this kiosk until the
// idle reset, and a summary after the last slide (score, which checks to
// revisit, with links). Nothing identifies the person; a completion is an
// anonymous count per module.
#include "kiosk/theme.hpp"
#include "kiosk/marker_key.hpp"
#include "kiosk/training_shared.hpp"
#include "kiosk/views.hpp"
#include "kiosk/widgets.hpp"

namespace kiosk {
namespace {

class TrainingView final : public View {
public:
    std::string title() const override {
        if (m_module.empty()) return "Training";
        return m_title + (m_slide > 0 ? " (" + std::to_string(m_slide) + ")" : "");
    }

    bool open(const std::string& arg, UiContext& ctx) override {
        if (!ctx.catalog) return false;
        m_module.clear();
        m_slide = 0;
        m_summary = false;
        if (arg.empty()) return true;
        std::string id = arg;
        int slide = 0;
        bool summary = false;
        if (auto c = arg.find(':'); c != std::string::npos) {
            id = arg.substr(0, c);
            summary = arg.substr(c + 1) == "summary";
            slide = summary ? 0 : std::atoi(arg.c_str() + c + 1);
        }
        const auto* m = find_module(ctx, id);
        if (!m) return false;
        if (slide < 0 || slide > static_cast<int>(m->module.slides.size())) return false;
        session_valid(ctx);
        auto& s = self_paced_session();
        if (summary && (!s.active() || s.module != &m->module)) return false;  // a summary of a run that is not open
        m_module = id;
        m_title = m->module.title;
        m_slide = slide;
        m_summary = summary;
        if (slide > 0) {
            if (!s.active() || s.module != &m->module) {
                s.start(m->module, SessionMode::self_paced, ctx.now);
                s.channel = m->channel;
                s.module_version = m->version;
            }
            s.go_to(slide - 1);
        }
        return true;
    }

    void reset() override {
        self_paced_session().clear();
        m_summary = false;
        m_md = MarkdownView{};
        m_module.clear();
        m_slide = 0;
    }
    bool animating() const override { return m_md.animating; }

    void draw(UiContext& ctx, NavRequest& nav) override {
        if (m_module.empty()) draw_catalog(ctx, nav);
        else if (m_summary) draw_summary(ctx, nav);
        else if (m_slide == 0) draw_module(ctx, nav);
        else draw_self_paced(ctx, nav);
    }

private:
    void draw_catalog(UiContext& ctx, NavRequest& nav) {
        text_in(ctx.fonts.title, "Training");
        if (ctx.catalog->modules().empty()) {
            muted_text("No training modules are installed.", ctx);
            return;
        }
        muted_text("Choose a module. Trainers can present it to a room; anyone can go through it on their own.", ctx);
        for (const auto& tm : ctx.catalog->modules()) {
            const auto& m = tm.module;
            int qs = 0;
            for (auto& s : m.slides) qs += s.question ? 1 : 0;
            ImGui::PushID(m.id.c_str());
            float h = ImGui::GetTextLineHeightWithSpacing() * (3.5f + static_cast<float>(m.outcomes.size())) + 60 * ctx.scale;
            if (begin_card("##module", ImVec2(0, h), ctx)) {
                text_in(ctx.fonts.heading, m.title);
                muted_text("For " + m.audience + "  |  " + std::to_string(m.duration_min) + " minutes  |  " + std::to_string(m.slides.size()) + " slides, " +
                               std::to_string(qs) + " knowledge checks",
                           ctx);
                ImGui::TextUnformatted("You will be able to:");
                for (auto& o : m.outcomes) ImGui::BulletText("%s", o.c_str());
                if (button("Open", ctx, ButtonStyle::primary)) {
                    nav.kind = NavRequest::Kind::go;
                    nav.route = "training:" + m.id;
                }
            }
            end_card();
            ImGui::PopID();
        }
    }

    void draw_module(UiContext& ctx, NavRequest& nav) {
        const auto* tm = find_module(ctx, m_module);
        const auto& m = tm->module;
        text_in(ctx.fonts.title, m.title);
        muted_text("For " + m.audience + "  |  planned " + std::to_string(m.duration_min) + " minutes  |  " + std::to_string(m.slides.size()) + " slides", ctx);
        if (!m.summary.empty()) ImGui::TextWrapped("%s", m.summary.c_str());
        ImGui::TextUnformatted("Learning outcomes:");
        for (auto& o : m.outcomes) ImGui::BulletText("%s", o.c_str());
        if (!m.sources.empty()) muted_text("Based on: " + m.sources, ctx);
        ImGui::Spacing();
        draw_start_buttons(*tm, ctx, nav);
        ImGui::Spacing();
        text_in(ctx.fonts.heading, "Slides");
        for (const auto& s : m.slides) {
            ImGui::PushID(static_cast<int>(s.ord));
            std::string label = std::to_string(s.ord) + ". " + s.title + (s.question ? "  (knowledge check)" : "");
            if (ImGui::Selectable(label.c_str(), false, 0, ImVec2(0, min_hit * ctx.scale)) && !dragged()) {
                nav.kind = NavRequest::Kind::go;
                nav.route = "training:" + m.id + ":" + std::to_string(s.ord);
            }
            ImGui::PopID();
        }
    }

    // Present (or go back to the room's open session), go through it alone, or
    // resume a run this kiosk still holds, saying for how long it is kept.
    void draw_start_buttons(const content::TaggedModule& tm, UiContext& ctx, NavRequest& nav) {
        const auto& m = tm.module;
        auto& room = training_session();
        bool other_open = room.active() && room.module != &m;
        ImGui::BeginDisabled(other_open);
        if (button(room.active() && room.module == &m ? "Back to the session in progress" : "Present to a room", ctx, ButtonStyle::primary)) {
            nav.kind = NavRequest::Kind::go;
            nav.route = "presenter:" + m.id + ":" + std::to_string(room.active() ? room.slide + 1 : 1);
        }
        ImGui::EndDisabled();
        if (other_open) muted_text("A session of \"" + room.module->title + "\" is in progress; end it before presenting another module.", ctx);
        auto& s = self_paced_session();
        bool resumable = s.active() && s.module == &m;
        if (!other_open) ImGui::SameLine();
        if (resumable) {
            if (button(("Resume at slide " + std::to_string(s.slide + 1)).c_str(), ctx)) {
                nav.kind = NavRequest::Kind::go;
                nav.route = "training:" + m.id + ":" + std::to_string(s.slide + 1);
            }
            ImGui::SameLine();
            if (button("Start again", ctx)) {
                s.clear();
                nav.kind = NavRequest::Kind::go;
                nav.route = "training:" + m.id + ":1";
            }
            std::string minutes = ctx.services ? ctx.services->setting("idle_minutes", "5") : "5";
            muted_text("You were on " + s.progress_text() + ". This kiosk keeps your place until it resets after " + minutes +
                           " minutes without use; then it is forgotten.",
                       ctx);
        } else if (button("Go through it on my own", ctx)) {
            nav.kind = NavRequest::Kind::go;
            nav.route = "training:" + m.id + ":1";
        }
    }

    // After the last slide: the score, the checks to revisit (each a link to
    // its slide), and the anonymous completion count (once per run, when every
    // check was answered).
    void draw_summary(UiContext& ctx, NavRequest& nav) {
        auto& s = self_paced_session();
        if (!s.active()) return;
        text_in(ctx.fonts.title, "Summary: " + m_title);
        ImGui::TextWrapped("You answered %d of %d knowledge checks, %d correctly.", s.answered(), s.questions(), s.correct());
        if (!s.completion_counted && s.answered() == s.questions() && ctx.services) {
            s.completion_counted = true;
            (void)ctx.services->record_completion(m_module);
        }
        auto again = s.to_revisit();
        if (again.empty()) {
            ImGui::TextWrapped("Every check answered correctly. Nothing to revisit.");
        } else {
            text_in(ctx.fonts.heading, "Worth revisiting");
            for (int i : again) {
                const auto& sl = s.module->slides[static_cast<std::size_t>(i)];
                bool answered = s.answers.count(i) != 0;
                std::string label = "Slide " + std::to_string(i + 1) + ": " + sl.title + (answered ? " (not right)" : " (not answered)");
                ImGui::PushID(i);
                if (button(label.c_str(), ctx, ButtonStyle::quiet)) {
                    nav.kind = NavRequest::Kind::go;
                    nav.route = "training:" + m_module + ":" + std::to_string(i + 1);
                }
                ImGui::PopID();
            }
        }
        ImGui::Spacing();
        muted_text("Nothing here records who you are. The kiosk counts completed runs of each module, and nothing else.", ctx);
        if (button("Back to the module", ctx, ButtonStyle::primary)) {
            nav.kind = NavRequest::Kind::go;
            nav.route = "training:" + m_module;
        }
    }

    void draw_self_paced(UiContext& ctx, NavRequest& nav) {
        auto& s = self_paced_session();
        if (!s.active()) return;
        const Palette& p = palette(ctx.theme);
        int before = s.slide;
        handle_slide_input(s, ctx);
        const content::Slide* sl = s.current();
        if (sl != m_drawn) {
            m_md.set_markdown(sl->body_md);
            m_drawn = sl;
        }
        bool last = s.slide + 1 >= s.slide_count();
        float bar_h = min_hit * ctx.scale + ImGui::GetStyle().ItemSpacing.y * 2;
        float q_h = 0;
        if (sl->question) q_h = ImGui::GetFrameHeightWithSpacing() * (static_cast<float>(sl->question->options.size()) + 4.5f);
        ImVec2 avail = ImGui::GetContentRegionAvail();
        draw_slide(*sl, m_md, ImVec2(0, std::max(140.0f * ctx.scale, avail.y - bar_h - q_h)), ctx, nav, false);
        if (sl->question) {
            const auto& q = *sl->question;  // the prompt is on the slide above
            auto it = s.answers.find(s.slide);
            for (std::size_t i = 0; i < q.options.size(); ++i) {
                ImGui::PushID(static_cast<int>(i));
                std::string label = q.options[i];
                note_markers_in(label);
                if (it != s.answers.end()) {
                    if (static_cast<int>(i) == q.answer) label = "Correct answer: " + label;
                    else if (static_cast<int>(i) == it->second) label = "Your answer: " + label;
                }
                if (button(label.c_str(), ctx, it != s.answers.end() && static_cast<int>(i) == q.answer ? ButtonStyle::primary : ButtonStyle::normal,
                           ImVec2(ImGui::GetContentRegionAvail().x, 0)))
                    s.answer(static_cast<int>(i));
                ImGui::PopID();
            }
            if (it != s.answers.end()) {
                bool right = it->second == q.answer;
                ImGui::PushStyleColor(ImGuiCol_Text, right ? p.good : p.bad);
                ImGui::TextUnformatted(right ? "Right." : "Not quite.");
                ImGui::PopStyleColor();
                ImGui::SameLine();
                note_markers_in(q.explanation);
                ImGui::TextWrapped("%s", q.explanation.c_str());
            }
        }
        ImGui::BeginDisabled(s.slide == 0);
        if (button("< Previous", ctx)) s.key(ClickerKey::previous);
        ImGui::EndDisabled();
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        std::string progress = s.progress_text();
        progress[0] = 'S';
        ImGui::TextUnformatted(progress.c_str());
        ImGui::SameLine();
        if (!last) {
            if (button("Next >", ctx, ButtonStyle::primary)) s.key(ClickerKey::next);
        } else if (button("See your summary >", ctx, ButtonStyle::primary)) {
            nav.kind = NavRequest::Kind::go;
            nav.route = "training:" + m_module + ":summary";
            return;
        }
        if (s.slide != before || s.slide + 1 != m_slide) {
            m_slide = s.slide + 1;
            nav.kind = NavRequest::Kind::go;
            nav.route = "training:" + m_module + ":" + std::to_string(m_slide);
        }
    }

    std::string m_module, m_title;
    int m_slide = 0;
    bool m_summary = false;
    MarkdownView m_md;
    const content::Slide* m_drawn = nullptr;
};

} // namespace

std::unique_ptr<View> make_training_view() { return std::make_unique<TrainingView>(); }

} // namespace kiosk
