// The training room (issue 18): the presenter's clicker keys through ImGui's
// input path, reveal on the trainer's and the audience's screens, a session
// that survives a detour and the idle reset, the confirmation on end, and
// self-paced progress, resume and summary. Headless (view_harness.hpp).
#include "kiosk/training_session.hpp"
#include "kiosk/training_shared.hpp"
#include "view_harness.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

namespace {

constexpr const char* module_id = "member-safeguarding";

std::string presenter(int slide) { return std::string("presenter:") + module_id + ":" + std::to_string(slide); }

// Closes both sessions so that one test's session does not leak into the next.
struct CleanSessions {
    CleanSessions() { clear(); }
    ~CleanSessions() { clear(); }
    static void clear() {
        kiosk::training_session().clear();
        kiosk::self_paced_session().clear();
    }
};

// What ImGui's own keyboard handling could have changed: focus, an active
// widget, an open popup (the slide list), the scroll of the window.
struct FocusState {
    ImGuiID nav = 0, active = 0;
    bool popup = false;
    bool operator==(const FocusState&) const = default;
};
FocusState focus_state() {
    ImGuiContext& g = *GImGui;
    return FocusState{g.NavId, g.ActiveId, ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)};
}

} // namespace

TEST_CASE("presenter keys: each key changes only the slide (or the blank) - never focus - and opens nothing") {
    CleanSessions clean;
    test::Harness h(ImVec2(1920, 1080));
    test::map_keys_like_the_platform();
    REQUIRE(h.shell.go(presenter(5), h.ctx));
    h.frames(3);
    auto& s = kiosk::training_session();
    const FocusState before = focus_state();
    struct Step {
        const char* name;
        int key;
        ImWchar ch;
        int slide;  // 0-based, after the key
        kiosk::Blank blank;
    };
    const Step steps[] = {
        {"Space", 32, ' ', 5, kiosk::Blank::none},          {"Right", 262, 0, 6, kiosk::Blank::none},
        {"Down", 264, 0, 7, kiosk::Blank::none},            {"PageDown", 267, 0, 8, kiosk::Blank::none},
        {"Left", 263, 0, 7, kiosk::Blank::none},            {"Up", 265, 0, 6, kiosk::Blank::none},
        {"PageUp", 266, 0, 5, kiosk::Blank::none},          {"B", -1, 'b', 5, kiosk::Blank::black},
        {"B again", -1, 'b', 5, kiosk::Blank::none},        {".", -1, '.', 5, kiosk::Blank::black},
        {"Space while blank", 32, ' ', 5, kiosk::Blank::none}, {"W", -1, 'w', 5, kiosk::Blank::white},
        {"W again", -1, 'w', 5, kiosk::Blank::none},        {"End", 269, 0, 15, kiosk::Blank::none},
        {"Home", 268, 0, 0, kiosk::Blank::none},            {"1", -1, '1', 0, kiosk::Blank::none},
        {"2", -1, '2', 0, kiosk::Blank::none},              {"Enter", 257, 0, 11, kiosk::Blank::none},
        {"Enter with nothing typed", 257, 0, 11, kiosk::Blank::none},
    };
    for (const auto& st : steps) {
        const std::string key = st.name;
        CAPTURE(key);
        test::press(h, st.key, st.ch);
        CHECK(s.slide == st.slide);
        CHECK(s.blank == st.blank);
        CHECK(focus_state() == before);
        CHECK(h.shell.route() == presenter(st.slide + 1));
    }
    // Leaving presenter mode gives ImGui its keyboard navigation back.
    h.shell.back(h.ctx);
    h.frame();
    CHECK((ImGui::GetIO().ConfigFlags & ImGuiConfigFlags_NavEnableKeyboard) != 0);
}

TEST_CASE("presenter keys: a text field keeps its keys (the trainer's name takes a B)") {
    CleanSessions clean;
    test::Harness h(ImVec2(1920, 1080));
    test::map_keys_like_the_platform();
    REQUIRE(h.shell.go(presenter(2), h.ctx));
    REQUIRE(h.click("End session..."));
    ImGui::GetIO().WantTextInput = true;  // as after a frame with the name field active
    kiosk::TrainingSession& s = kiosk::training_session();
    ImGui::GetIO().AddInputCharacter('b');
    CHECK_FALSE(kiosk::read_presenter_keys(s));
    CHECK(s.blank == kiosk::Blank::none);
}

TEST_CASE("presenter reveal: the answer and a bar per option on the audience screen - the trainer's notes - timer and End form stay put") {
    CleanSessions clean;
    test::Harness h(ImVec2(1920, 1080));
    h.capture = true;
    REQUIRE(h.shell.go(presenter(3), h.ctx));  // "Check: who is accountable?"
    h.frames(2);
    auto& s = kiosk::training_session();
    s.tally(0, 3);
    s.tally(1, 17);
    s.tally(3, 1);
    std::string room = test::audience_text(h);
    CHECK(room.find("Which role is politically accountable") != std::string::npos);
    CHECK(room.find("(correct answer)") == std::string::npos);  // not before the reveal
    REQUIRE(h.click("End session..."));
    h.frame();
    auto rect = [&](const char* label) {
        REQUIRE(h.has_item(label));
        return kiosk::noted_items().at(label);
    };
    auto form_before = rect("Yes, end and save");
    auto keep_before = rect("Keep presenting");
    CHECK(h.screen_text.find("Speaker notes") != std::string::npos);
    CHECK(h.screen_text.find("Count hands for each option") != std::string::npos);
    REQUIRE(h.click("Reveal the answer"));
    h.frame();
    CHECK(s.is_revealed());
    auto form_after = rect("Yes, end and save");
    auto keep_after = rect("Keep presenting");
    CHECK(form_after.min.x == form_before.min.x);
    CHECK(form_after.min.y == form_before.min.y);
    CHECK(keep_after.min.y == keep_before.min.y);
    CHECK(h.screen_text.find("Speaker notes") != std::string::npos);
    CHECK(h.screen_text.find("Count hands for each option") != std::string::npos);
    CHECK(h.screen_text.find("min planned") != std::string::npos);
    CHECK(h.screen_text.find("Revealed on the projector") != std::string::npos);
    // The trainer's preview of the room shows the reveal too.
    CHECK(h.screen_text.find("(correct answer)") != std::string::npos);
    room = test::audience_text(h);
    CHECK(room.find("B.  The Lead Member") != std::string::npos);
    CHECK(room.find("(correct answer)") != std::string::npos);
    CHECK(room.find("(correct answer)") > room.find("B.  The Lead Member"));  // on option B's row, not A's
    CHECK(room.find("(correct answer)") < room.find("C.  "));
    CHECK(room.find("17 (81%)") != std::string::npos);  // 17 of 21 hands
    CHECK(room.find("3 (14%)") != std::string::npos);
    CHECK(room.find("Answer: B. Section 19 of the Children Act 2004") != std::string::npos);
    CHECK(room.find("End session") == std::string::npos);  // no controls on the projector
}

namespace {
// Every image reports 1600 x 1200 (4:3), far larger than the room's screen.
struct BigImages final : kiosk::TextureProvider {
    ImTextureID texture(const std::string&, int& w, int& h) override {
        w = 1600;
        h = 1200;
        return reinterpret_cast<ImTextureID>(2);
    }
};
} // namespace

TEST_CASE("presenter audience: title at least 5% of the screen - images fitted keeping aspect - the slide number - blank black and white") {
    CleanSessions clean;
    for (auto size : {ImVec2(1920, 1080), ImVec2(1280, 800), ImVec2(800, 480)}) {
        CAPTURE(size.y);
        test::Harness h(size);
        BigImages images;
        h.ctx.textures = &images;
        REQUIRE(h.shell.go(presenter(4), h.ctx));  // "The safeguarding board", with a diagram
        h.frame();
        std::string room = test::audience_text(h);
        CHECK(room.find("The safeguarding board") != std::string::npos);
        CHECK(room.find("\n4\n") != std::string::npos);  // the slide number
        CHECK(room.find("Slide") == std::string::npos);   // and nothing else: no controls, no counter
        kiosk::ProjectionCache cache;
        ImGui::NewFrame();
        ImGui::Begin("probe");
        kiosk::draw_projection(kiosk::training_session(), ImVec2(0, 0), size, h.ctx, cache);
        ImGui::End();
        ImGui::Render();
        CHECK(cache.title_px >= size.y * 0.05f);
        int seen = 0;
        for (const auto& it : cache.layout.items)
            if (it.kind == kiosk::LaidItem::Kind::image) {
                ++seen;
                float w = it.p1.x - it.p0.x, hh = it.p1.y - it.p0.y;
                CHECK(w / hh == doctest::Approx(4.0 / 3.0).epsilon(0.01));
                CHECK(it.p1.y <= cache.height + 1);  // inside the space under the title
            }
        CHECK(seen == 1);
        auto& s = kiosk::training_session();
        s.toggle_blank(kiosk::Blank::black);
        room = test::audience_text(h);
        CHECK(room.empty());  // black: no title, no number
        s.toggle_blank(kiosk::Blank::white);
        CHECK(s.blank == kiosk::Blank::white);
        room = test::audience_text(h);
        CHECK(room.empty());
        CleanSessions::clear();
    }
}

TEST_CASE("presenter session: survives a detour to a briefing - the bar on every screen leads back with timer - slide and tallies") {
    CleanSessions clean;
    test::Harness h(ImVec2(1280, 800));
    h.capture = true;
    REQUIRE(h.shell.go("training:member-safeguarding", h.ctx));
    REQUIRE(h.click("Present to a room"));
    CHECK(h.shell.route() == presenter(1));
    auto& s = kiosk::training_session();
    const auto started = s.started_at;
    s.go_to(2);
    s.tally(1, 9);
    s.go_to(9);  // slide 10: its notes say to show a briefing
    h.frames(2);
    CHECK(h.shell.route() == presenter(10));
    REQUIRE(h.click("< Back"));
    CHECK(h.shell.route().rfind("presenter:", 0) != 0);
    CHECK(s.active());
    REQUIRE(h.shell.go("briefing:", h.ctx));
    h.ctx.now += 120;
    h.frame();
    CHECK(h.screen_text.find("Session in progress: back to slide 10") != std::string::npos);
    for (const char* route : {"home", "library", "actions", "training"}) {
        REQUIRE(h.shell.go(route, h.ctx));
        h.frame();
        CHECK_MESSAGE(h.has_item("Session in progress: back to slide 10"), route);
    }
    REQUIRE(h.click("Session in progress: back to slide 10"));
    CHECK(h.shell.route() == presenter(10));
    CHECK(s.started_at == started);
    CHECK(s.elapsed(h.ctx.now) >= 120);
    CHECK(s.tallies[2][1] == 9);
    CHECK_FALSE(h.has_item("Session in progress: back to slide 10"));  // not on the presenter's own screen
    CHECK(h.services.records.empty());
}

TEST_CASE("presenter session: left idle past the idle reset it is saved as a record marked not ended") {
    CleanSessions clean;
    test::Harness h(ImVec2(1280, 800));
    REQUIRE(h.shell.go(presenter(3), h.ctx));
    auto& s = kiosk::training_session();
    s.tally(1, 4);
    REQUIRE(h.shell.go("library", h.ctx));
    h.frame();
    h.ctx.now += 900;
    h.shell.idle_reset(h.ctx);
    h.frame();
    CHECK_FALSE(s.active());
    REQUIRE(h.services.records.size() == 1);
    auto j = nlohmann::json::parse(h.services.records[0]);
    CHECK(j["outcome"] == "not ended");
    CHECK(j["module_id"] == module_id);
    CHECK(j["tallies"][0]["counts"][1] == 4);
    CHECK_FALSE(h.has_item("Session in progress: back to slide 3"));
}

TEST_CASE("presenter session: ending asks to confirm - Keep presenting keeps it - the record is saved only on yes") {
    CleanSessions clean;
    test::Harness h(ImVec2(1920, 1080));
    REQUIRE(h.shell.go(presenter(2), h.ctx));
    auto& s = kiosk::training_session();
    REQUIRE(h.click("End session..."));
    CHECK(s.active());
    CHECK(h.services.records.empty());
    REQUIRE(h.click("Keep presenting"));
    CHECK(s.active());
    CHECK_FALSE(h.has_item("Yes, end and save"));
    REQUIRE(h.click("End session..."));
    REQUIRE(h.click("Yes, end and save"));  // no trainer's name yet: refused
    CHECK(s.active());
    CHECK(h.services.records.empty());
    s.trainer = "A Trainer";
    s.attendees = 12;
    REQUIRE(h.click("Yes, end and save"));
    CHECK_FALSE(s.active());
    REQUIRE(h.services.records.size() == 1);
    auto j = nlohmann::json::parse(h.services.records[0]);
    CHECK(j["outcome"] == "ended");
    CHECK(j["attendees"] == 12);
    CHECK(h.shell.route() == std::string("training:") + module_id);
}

TEST_CASE("self-paced: progress - resume until the idle reset - and a summary with links to the checks to revisit") {
    CleanSessions clean;
    test::Harness h(ImVec2(1280, 800));
    h.capture = true;
    REQUIRE(h.shell.go("training:member-safeguarding:1", h.ctx));
    h.frame();
    CHECK(h.screen_text.find("Slide 1 of 16, 0 of 6 checks answered") != std::string::npos);
    auto& s = kiosk::self_paced_session();
    const auto& slides = s.module->slides;
    for (int i = 0; i < 16; ++i) {  // right on every check but slides 6 and 11
        const auto& q = slides[static_cast<std::size_t>(i)].question;
        if (!q) continue;
        s.go_to(i);
        s.answer(i == 5 || i == 10 ? (q->answer + 1) % static_cast<int>(q->options.size()) : q->answer);
    }
    s.go_to(6);
    REQUIRE(h.shell.go("training:member-safeguarding:7", h.ctx));
    h.frame();
    CHECK(h.screen_text.find("Slide 7 of 16, 6 of 6 checks answered") != std::string::npos);
    // Away and back: the module page offers to resume, and says for how long.
    REQUIRE(h.shell.go("training:member-safeguarding", h.ctx));
    h.frame();
    CHECK(h.has_item("Resume at slide 7"));
    CHECK(h.screen_text.find("keeps your place until it resets") != std::string::npos);
    REQUIRE(h.click("Resume at slide 7"));
    CHECK(h.shell.route() == "training:member-safeguarding:7");
    // The last slide leads to the summary.
    s.go_to(15);
    h.frames(2);
    REQUIRE(h.click("See your summary >"));
    CHECK(h.shell.route() == "training:member-safeguarding:summary");
    h.frame();
    CHECK(h.screen_text.find("You answered 6 of 6 knowledge checks, 4 correctly.") != std::string::npos);
    CHECK(h.has_item("Slide 6: Check: the board's job (not right)"));
    CHECK(h.has_item("Slide 11: Check: a withheld figure (not right)"));
    CHECK_FALSE(h.has_item("Slide 3: Check: who is accountable? (not right)"));
    CHECK(h.services.completions == std::vector<std::string>{module_id});
    h.frames(3);
    CHECK(h.services.completions.size() == 1);  // once per run
    REQUIRE(h.click("Slide 6: Check: the board's job (not right)"));
    CHECK(h.shell.route() == "training:member-safeguarding:6");
    // The idle reset forgets the run.
    h.shell.idle_reset(h.ctx);
    CHECK_FALSE(s.active());
    REQUIRE(h.shell.go("training:member-safeguarding", h.ctx));
    h.frame();
    CHECK_FALSE(h.has_item("Resume at slide 7"));
    CHECK(h.has_item("Go through it on my own"));
    CHECK_FALSE(h.shell.go("training:member-safeguarding:summary", h.ctx));  // no run to sum up
}

TEST_CASE("self-paced: an incomplete run reaches the summary without counting a completion") {
    CleanSessions clean;
    test::Harness h(ImVec2(800, 480));
    h.capture = true;
    REQUIRE(h.shell.go("training:member-safeguarding:16", h.ctx));
    REQUIRE(h.click("See your summary >"));
    h.frame();
    CHECK(h.screen_text.find("You answered 0 of 6 knowledge checks, 0 correctly.") != std::string::npos);
    CHECK(h.has_item("Slide 3: Check: who is accountable? (not answered)"));
    CHECK(h.services.completions.empty());
}

TEST_CASE("presenter audience view on one screen: the slide alone over the whole screen - above the kiosk's bar - Escape returns") {
    CleanSessions clean;
    test::Harness h(ImVec2(1920, 1080));
    test::map_keys_like_the_platform();
    h.ctx.second_screen = false;
    REQUIRE(h.shell.go(presenter(4), h.ctx));
    REQUIRE(h.click("Audience view"));
    h.frame();
    ImGuiWindow* top = GImGui->Windows.back();
    REQUIRE(top != nullptr);
    CHECK(std::string(top->Name) == "##audience-here");
    CHECK(top->Pos.x == 0);
    CHECK(top->Pos.y == 0);
    CHECK(top->Size.x == 1920);
    CHECK(top->Size.y == 1080);
    test::press(h, 32, ' ');  // the clicker still works
    CHECK(kiosk::training_session().slide == 4);
    test::press(h, 256);
    h.frame();
    CHECK_FALSE(ImGui::FindWindowByName("##audience-here")->Active);
    CHECK(h.has_item("End session..."));
}
