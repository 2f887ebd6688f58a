// UI logic without GL: theme contrast (WCAG AA), markdown layout (wrapping,
// lists, tables, outline, find), and training sessions (clicker navigation,
// timer states, tallies, self-paced scoring, the session record), and the
// admin Device tab's kiosk software line.
#include "kiosk/device_info.hpp"
#include "kiosk/markdown.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/training_session.hpp"
#include "kiosk/training_shared.hpp"
#include "view_harness.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <set>

TEST_CASE("theme: every text colour meets WCAG 2.2 AA (4.5:1) in both themes") {
    for (auto t : {kiosk::Theme::standard, kiosk::Theme::high_contrast}) {
        for (const auto& pair : kiosk::text_pairs(t)) {
            CAPTURE(pair.name);
            CAPTURE(static_cast<int>(t));
            CHECK(kiosk::contrast_ratio(pair.fg, pair.bg) >= 4.5);
        }
    }
    CHECK(kiosk::contrast_ratio(ImVec4(0, 0, 0, 1), ImVec4(1, 1, 1, 1)) == doctest::Approx(21.0));
    CHECK(kiosk::contrast_ratio(ImVec4(0.5f, 0.5f, 0.5f, 1), ImVec4(0.5f, 0.5f, 0.5f, 1)) == doctest::Approx(1.0));
}

namespace {
kiosk::LayoutStyle style_for(const test::Harness& h) {
    kiosk::LayoutStyle st;
    st.body = st.bold = st.italic = st.heading = st.title = h.ctx.fonts.body;
    return st;
}
} // namespace

TEST_CASE("markdown: a word longer than the line is cut at the line's end and nothing is lost") {
    test::Harness h(ImVec2(800, 600), false);
    std::string word;
    for (int i = 0; i < 3000; ++i) word += static_cast<char>('a' + i % 26);
    word += "\xC3\xA9\xC3\xA9";  // ends with two-byte characters, which must not be split
    auto lay = kiosk::layout_markdown(kiosk::parse_markdown("before " + word + " after"), 300, style_for(h));
    std::string all;
    std::set<float> ys;
    for (auto& it : lay.items) {
        if (it.kind != kiosk::LaidItem::Kind::text) continue;
        CHECK(it.run.pos.x + it.run.width <= 300.5f);
        CHECK(it.run.text.size() < 200);  // no single draw holds the whole word
        ys.insert(it.y0);
        all += it.run.text;
    }
    CHECK(ys.size() > 50);
    std::string flat;
    for (char c : all)
        if (c != ' ') flat += c;
    CHECK(flat == "before" + word + "after");
}

TEST_CASE("markdown: paragraphs wrap within the width - lists indent with bullets and numbers") {
    test::Harness h(ImVec2(800, 600), false);
    std::string md = "# Title\n\nA paragraph with enough words in it that it must wrap several times at a narrow width of two hundred pixels.\n\n"
                     "- first item\n- second item\n\n1. one\n2. two\n\n> a quote\n";
    auto doc = kiosk::parse_markdown(md);
    auto lay = kiosk::layout_markdown(doc, 200, style_for(h));
    int bullets = 0, lines = 0;
    std::set<float> ys;
    for (auto& it : lay.items) {
        if (it.kind == kiosk::LaidItem::Kind::text) {
            CHECK(it.run.pos.x + it.run.width <= 200.5f);
            ys.insert(it.y0);
            ++lines;
        }
        if (it.kind == kiosk::LaidItem::Kind::bullet) {
            ++bullets;
            CHECK((it.run.text == "\xE2\x80\xA2" || it.run.text == "1." || it.run.text == "2."));
        }
    }
    CHECK(bullets == 4);
    CHECK(ys.size() >= 8);  // the paragraph wrapped onto several lines
    REQUIRE(lay.outline.size() == 1);
    CHECK(lay.outline[0].title == "Title");
    auto wide = kiosk::layout_markdown(doc, 2000, style_for(h));
    CHECK(wide.height < lay.height);
}

TEST_CASE("markdown: tables lay out cells in columns - embeds and images become blocks") {
    test::Harness h(ImVec2(800, 600), false);
    auto doc = kiosk::parse_markdown("| A | B |\n|---|---|\n| one | two |\n| three | four |\n\n{{card:cla@county}}\n\n![Alt text](image:chart)\n");
    REQUIRE(doc.blocks.size() == 3);
    CHECK(doc.blocks[0].kind == kiosk::MdBlock::Kind::table);
    CHECK(doc.blocks[0].rows.size() == 3);
    CHECK(doc.blocks[1].kind == kiosk::MdBlock::Kind::embed);
    CHECK(doc.blocks[1].target == "card:cla@county");
    CHECK(doc.blocks[2].kind == kiosk::MdBlock::Kind::image);
    CHECK(doc.blocks[2].target == "chart");
    CHECK(doc.blocks[2].alt == "Alt text");
    auto lay = kiosk::layout_markdown(doc, 400, style_for(h));
    int borders = 0;
    float two_x = -1, one_x = -1;
    for (auto& it : lay.items) {
        if (it.kind == kiosk::LaidItem::Kind::cell_border) ++borders;
        if (it.run.text == "two") two_x = it.run.pos.x;
        if (it.run.text == "one") one_x = it.run.pos.x;
    }
    CHECK(borders == 3);
    CHECK(two_x >= 200.0f);  // the second column starts half way
    CHECK(one_x < 200.0f);
}

TEST_CASE("markdown: find highlights matches and jumps to them - links are kept") {
    test::Harness h(ImVec2(800, 600), false);
    auto doc = kiosk::parse_markdown("Alpha neglect beta.\n\nSee [the guide](doc:guide) on Neglect.\n");
    auto lay = kiosk::layout_markdown(doc, 500, style_for(h));
    auto m = kiosk::find_in_layout(lay, "neglect");
    CHECK(m.size() == 2);
    CHECK(kiosk::y_of_plain_offset(lay, m[1].first) > kiosk::y_of_plain_offset(lay, m[0].first));
    bool link = false;
    for (auto& it : lay.items) link |= it.run.href == "doc:guide";
    CHECK(link);
}

TEST_CASE("markdown: a 200 KB document lays out once and draws only the visible part") {
    test::Harness h(ImVec2(1280, 720), false);
    std::string md;
    while (md.size() < 200 * 1024) md += "## Section\n\nA paragraph of ordinary text about safeguarding practice and partnership working.\n\n";
    auto lay = kiosk::layout_markdown(kiosk::parse_markdown(md), 900, style_for(h));
    ImGui::NewFrame();
    ImGui::Begin("t");
    std::size_t drawn = kiosk::draw_layout(lay, ImVec2(0, 0), 5000, 5700, h.ctx, {});
    ImGui::End();
    ImGui::Render();
    CHECK(lay.items.size() > 3000);
    CHECK(drawn > 5);
    CHECK(drawn < 200);
}

namespace {
content::Module sample_module() {
    content::Module m;
    m.id = "m";
    m.title = "M";
    m.duration_min = 10;
    for (int i = 1; i <= 5; ++i) {
        content::Slide s;
        s.ord = i;
        s.title = "S" + std::to_string(i);
        if (i == 2 || i == 4) s.question = content::Question{"Q?", {"a", "b", "c"}, 1, "because"};
        m.slides.push_back(s);
    }
    return m;
}
} // namespace

TEST_CASE("training: clicker navigation - clamped at both ends") {
    auto m = sample_module();
    kiosk::TrainingSession s;
    s.start(m, kiosk::SessionMode::presenter, 1000);
    CHECK(s.slide == 0);
    s.key(kiosk::ClickerKey::previous);
    CHECK(s.slide == 0);
    s.key(kiosk::ClickerKey::next);
    s.key(kiosk::ClickerKey::next);
    CHECK(s.slide == 2);
    s.key(kiosk::ClickerKey::last);
    CHECK(s.slide == 4);
    s.key(kiosk::ClickerKey::next);
    CHECK(s.slide == 4);
    s.key(kiosk::ClickerKey::first);
    CHECK(s.slide == 0);
    s.go_to(99);
    CHECK(s.slide == 4);
}

TEST_CASE("training: clicker keys drive the presenter view through ImGui input") {
    test::Harness h(ImVec2(1280, 720));
    REQUIRE(h.shell.go("presenter:member-safeguarding:1", h.ctx));
    h.frame();
    ImGuiIO& io = ImGui::GetIO();
    auto press = [&](int key) {
        io.KeysDown[key] = true;
        h.frame();
        io.KeysDown[key] = false;
        h.frame();
    };
    io.KeyMap[ImGuiKey_RightArrow] = 262;
    io.KeyMap[ImGuiKey_PageDown] = 267;
    io.KeyMap[ImGuiKey_Space] = 32;
    io.KeyMap[ImGuiKey_LeftArrow] = 263;
    press(262);
    CHECK(h.shell.route() == "presenter:member-safeguarding:2");
    press(267);
    press(32);
    CHECK(h.shell.route() == "presenter:member-safeguarding:4");
    press(263);
    CHECK(h.shell.route() == "presenter:member-safeguarding:3");
}

TEST_CASE("training: timer is on time - behind - then over time") {
    auto m = sample_module();  // 10 minutes, 5 slides
    kiosk::TrainingSession s;
    s.start(m, kiosk::SessionMode::presenter, 0);
    CHECK(s.timer(60) == kiosk::TimerState::on_time);      // 10% used, slide 1 of 5 (20%)
    CHECK(s.timer(300) == kiosk::TimerState::behind);      // 50% used, still on slide 1
    s.go_to(3);
    CHECK(s.timer(300) == kiosk::TimerState::on_time);     // 50% used, 80% done
    CHECK(s.timer(601) == kiosk::TimerState::over_time);
    CHECK(kiosk::clock_text(605) == "10:05");
}

TEST_CASE("training: tallies are counts per option - never below zero - the record holds them") {
    auto m = sample_module();
    kiosk::TrainingSession s;
    s.start(m, kiosk::SessionMode::presenter, 1800000000);
    s.tally(0, 1);  // slide 1 has no question: ignored
    CHECK(s.tallies.empty());
    s.go_to(1);
    s.tally(1, 1);
    s.tally(1, 1);
    s.tally(2, 1);
    s.tally(0, -1);
    s.tally(7, 1);  // out of range: ignored
    REQUIRE(s.tallies.count(1));
    CHECK(s.tallies[1] == std::vector<int>{0, 2, 1});
    s.trainer = "A Trainer";
    s.attendees = 14;
    auto j = nlohmann::json::parse(s.record_json(1800000600));
    CHECK(j["attendees"] == 14);
    CHECK(j["slides_shown"] == 2);
    CHECK(j["tallies"][0]["counts"] == nlohmann::json::array({0, 2, 1}));
    CHECK_FALSE(j.contains("names"));
}

TEST_CASE("training: self-paced scoring - the first answer sticks - idle reset clears a run") {
    auto m = sample_module();
    kiosk::TrainingSession s;
    s.start(m, kiosk::SessionMode::self_paced, 0);
    s.go_to(1);
    s.answer(1);  // right
    s.answer(0);  // ignored: already answered
    s.go_to(3);
    s.answer(2);  // wrong
    CHECK(s.questions() == 2);
    CHECK(s.answered() == 2);
    CHECK(s.correct() == 1);
    test::Harness h(ImVec2(1280, 720));
    REQUIRE(h.shell.go("training:member-safeguarding:3", h.ctx));
    h.frame();
    h.shell.idle_reset(h.ctx);
    REQUIRE(h.shell.go("training:member-safeguarding", h.ctx));
    h.frame();
    CHECK(h.shell.route() == "training:member-safeguarding");
}

TEST_CASE("presenter: the audience screen shows the running session's slide at three sizes") {
    for (auto size : {ImVec2(800, 480), ImVec2(1280, 720), ImVec2(1920, 1080)}) {
        test::Harness h(size);
        REQUIRE(h.shell.go("presenter:member-safeguarding:4", h.ctx));
        h.frame();
        ImGui::NewFrame();
        kiosk::draw_audience_screen(h.ctx);
        ImGui::Render();
        int with_slide = ImGui::GetDrawData()->TotalVtxCount;
        kiosk::training_session().clear();
        ImGui::NewFrame();
        kiosk::draw_audience_screen(h.ctx);
        ImGui::Render();
        int without = ImGui::GetDrawData()->TotalVtxCount;
        CHECK(with_slide > without);
        CHECK(without > 0);
    }
}

// A font rebuild (text size or theme) frees the old ImFont objects; a laid-out
// document that kept their pointers crashed the kiosk (found by the soak test:
// open a document, tap High contrast). The layout must be redone with the new fonts.
TEST_CASE("markdown view: a font rebuild lays the document out again with the new fonts") {
    test::Harness h(ImVec2(800, 480), false);
    kiosk::MarkdownView v;
    v.set_markdown("# Title\n\nSome words that wrap across lines of the reader.");
    auto draw = [&](ImFont* f) {
        kiosk::LayoutStyle st;
        st.body = st.bold = st.italic = st.heading = st.title = f;
        ImGui::NewFrame();
        ImGui::Begin("t");
        v.draw("##doc", ImVec2(400, 300), h.ctx, {}, st);
        ImGui::End();
        ImGui::Render();
    };
    auto fonts_used = [&] {
        std::set<const ImFont*> used;
        for (const auto& it : v.layout.items)
            if (it.kind == kiosk::LaidItem::Kind::text) used.insert(it.run.font);
        return used;
    };
    ImFont* first = h.ctx.fonts.body;
    draw(first);
    REQUIRE(fonts_used() == std::set<const ImFont*>{first});
    // What build_fonts does: new ImFont objects and a new generation.
    ImFont* rebuilt = ImGui::GetIO().Fonts->AddFontDefault();
    unsigned char* px = nullptr;
    int w = 0, hh = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&px, &w, &hh);
    h.ctx.fonts.body = rebuilt;
    h.ctx.fonts.generation += 1;
    draw(rebuilt);
    CHECK(fonts_used() == std::set<const ImFont*>{rebuilt});
}

TEST_CASE("device tab: the kiosk software line is dpkg's version - else the build's - said plainly") {
    kiosk::DeviceInfo d;
    CHECK(kiosk::software_version_text(d) == "unknown");
    d.build_version = "0.1.0";
    CHECK(kiosk::software_version_text(d) == "0.1.0 (not installed from a package)");
    d.package_version = "0.1.0";
    d.package_state = "installed";
    CHECK(kiosk::software_version_text(d) == "0.1.0");
    d.package_version = "0.1.0+upd1";
    CHECK(kiosk::software_version_text(d) == "0.1.0+upd1 (the running program was built as 0.1.0)");
    d.package_state = "half-configured";
    CHECK(kiosk::software_version_text(d) == "0.1.0+upd1 (the package is half-configured)");
    d.package_state.clear();
    CHECK(kiosk::software_version_text(d) == "0.1.0+upd1 (the package is in an unknown state)");
}
