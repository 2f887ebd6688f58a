// A meeting's pack on a projector (issue 22), in the headless harness: the
// pack's Present opens meeting-present; the training room's clicker keys move
// through the items (next, previous, both ends, Home/End, B and W blanking,
// digits then Enter) without moving widget focus; the audience screen shows
// the meeting, "Item N of M" and the item in projector form (a briefing's
// summary, a locality's headline sentences with suppressed figures withheld);
// Back returns to the pack at the item reached; on one screen the view is the
// projector's picture, full screen.
#include "content/dates.hpp"
#include "content/headlines.hpp"
#include "kiosk/pack_show.hpp"
#include "kiosk/training_shared.hpp"
#include "view_harness.hpp"

#include <doctest/doctest.h>

namespace {

constexpr const char* pack = "meeting:riverside-locality";
std::string present(int ord) { return "meeting-present:riverside-locality:" + std::to_string(ord); }

struct CleanShow {
    CleanShow() { kiosk::pack_show().clear(); }
    ~CleanShow() { kiosk::pack_show().clear(); }
};

bool has(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

} // namespace

TEST_CASE("pack present: clicker keys move through the items - ends hold - blanking - the audience screen shows the item - Back returns to the pack at the item reached") {
    CleanShow clean;
    test::Harness h(ImVec2(1920, 1080));
    test::map_keys_like_the_platform();
    h.ctx.second_screen = true;  // the projector is the audience window
    h.capture = true;
    REQUIRE(h.shell.go(pack, h.ctx));
    const std::size_t pack_depth = h.shell.depth();
    h.frame();
    CHECK(has(h.screen_text, "Present on the projector"));
    REQUIRE(h.click("present-pack"));
    CHECK(h.shell.route() == present(1));
    CHECK(h.shell.depth() == pack_depth + 1);
    h.frames(2);
    CHECK((ImGui::GetIO().ConfigFlags & ImGuiConfigFlags_NavEnableKeyboard) == 0);  // the keys are the clicker's
    auto& show = kiosk::pack_show();
    CHECK(show.count() == 7);
    std::string room = test::audience_text(h);
    CHECK(has(room, "Riverside locality meeting"));
    CHECK(has(room, "Item 1 of 7"));
    CHECK(has(room, "Apologies and declarations of interest"));
    struct Step {
        const char* name;
        int key;
        ImWchar ch;
        int ord;
        kiosk::Blank blank;
    };
    const Step steps[] = {
        {"PageUp at the first item", 266, 0, 1, kiosk::Blank::none},
        {"Right", 262, 0, 2, kiosk::Blank::none},
        {"PageDown", 267, 0, 3, kiosk::Blank::none},
        {"Space", 32, ' ', 4, kiosk::Blank::none},
        {"Left", 263, 0, 3, kiosk::Blank::none},
        {"End", 269, 0, 7, kiosk::Blank::none},
        {"PageDown at the last item", 267, 0, 7, kiosk::Blank::none},
        {"Home", 268, 0, 1, kiosk::Blank::none},
        {"B", -1, 'b', 1, kiosk::Blank::black},
        {"PageDown while blank shows the item again", 267, 0, 1, kiosk::Blank::none},
        {"W", -1, 'w', 1, kiosk::Blank::white},
        {"W again", -1, 'w', 1, kiosk::Blank::none},
        {"5", -1, '5', 1, kiosk::Blank::none},
        {"Enter", 257, 0, 5, kiosk::Blank::none},
        {"Up", 265, 0, 4, kiosk::Blank::none},
    };
    // ImGui gives the window a (hidden) nav id at the first key; from then on
    // no key may move it, nor show the focus ring.
    test::press(h, 266);
    const ImGuiID focus = GImGui->NavId;
    for (const auto& st : steps) {
        const std::string key = st.name;
        CAPTURE(key);
        test::press(h, st.key, st.ch);
        CHECK(show.current_ord() == st.ord);
        CHECK(show.session.blank == st.blank);
        CHECK(h.shell.route() == present(st.ord));
        CHECK(h.shell.depth() == pack_depth + 1);  // the item replaces itself: Back is still the pack
        CHECK(GImGui->NavId == focus);
        CHECK(GImGui->NavDisableHighlight);
    }
    // Item 4 on the projector: its title, where it is, the briefing's title and summary.
    room = test::audience_text(h);
    CHECK(has(room, "Item 4 of 7"));
    CHECK(has(room, "Children's safeguarding"));
    CHECK(has(room, "Briefing:"));
    // Blanked, the projector shows nothing at all: no title, no "Item 4 of 7".
    test::press(h, -1, 'b');
    room = test::audience_text(h);
    CHECK_FALSE(has(room, "Item 4 of 7"));
    CHECK_FALSE(has(room, "Children's safeguarding"));
    test::press(h, -1, 'b');
    // Item 5, Riverside's figures: the same headline sentences as its briefing.
    test::press(h, 262);
    REQUIRE(show.current_ord() == 5);
    room = test::audience_text(h);
    CHECK(has(room, "Item 5 of 7"));
    auto heads = content::top_headlines(content::locality_headlines(h.catalog, "riverside"), 3);
    REQUIRE(heads.size() >= 2);
    CHECK(has(room, heads[0].sentence.substr(0, 20)));
    CHECK(has(room, heads[1].sentence.substr(0, 20)));
    // Escape returns to the pack, which says where the presentation got to;
    // the items shown count as opened, and Present resumes there.
    test::press(h, 256);
    CHECK(h.shell.route() == pack);
    CHECK((ImGui::GetIO().ConfigFlags & ImGuiConfigFlags_NavEnableKeyboard) != 0);
    CHECK_FALSE(show.on_projector);
    h.frame();
    CHECK(has(h.screen_text, "Presented up to here"));
    CHECK(has(h.screen_text, "Present from item 5"));
    CHECK(has(h.screen_text, "6 of 7 items opened"));
    REQUIRE(h.click("present-pack"));
    CHECK(h.shell.route() == present(5));
    // The presenter's own screen: Next and the item list work it too; Back to the pack.
    h.frame();
    REQUIRE(h.click("present-item-2"));
    h.frame();
    CHECK(show.current_ord() == 2);
    CHECK(h.shell.route() == present(2));
    REQUIRE(h.click("present-back"));
    CHECK(h.shell.route() == pack);
    CHECK(h.shell.depth() == pack_depth);
    // The idle reset forgets the presentation.
    h.shell.idle_reset(h.ctx);
    CHECK(show.count() == 0);
}

TEST_CASE("pack present on one screen: the projector's picture fills the screen - a tap on the right goes on - on the left back - Back to the pack") {
    CleanShow clean;
    test::Harness h(ImVec2(800, 480));
    test::map_keys_like_the_platform();
    h.ctx.second_screen = false;
    REQUIRE(h.shell.go(pack, h.ctx));
    REQUIRE(h.shell.go(present(3), h.ctx));
    h.frames(2);
    ImGuiWindow* top = GImGui->Windows.back();
    REQUIRE(top != nullptr);
    CHECK(std::string(top->Name) == "##pack-present-here");
    CHECK(top->Size.x == 800);
    CHECK(top->Size.y == 480);
    auto tap = [&](float x) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = ImVec2(x, 240);
        h.frame();
        io.MouseDown[0] = true;
        h.frame();
        io.MouseDown[0] = false;
        h.frame();
        h.frame();
    };
    tap(700);
    CHECK(kiosk::pack_show().current_ord() == 4);
    CHECK(h.shell.route() == present(4));
    tap(100);
    tap(100);
    CHECK(kiosk::pack_show().current_ord() == 2);
    test::press(h, 262);  // the clicker too
    CHECK(kiosk::pack_show().current_ord() == 3);
    REQUIRE(h.click("present-back"));
    CHECK(h.shell.route() == pack);
    h.frame();
    CHECK_FALSE(ImGui::FindWindowByName("##pack-present-here")->Active);
    h.shell.idle_reset(h.ctx);  // the items seen are this visit's: leave none for the next test
}

TEST_CASE("pack present: a locality's figures withhold suppressed values - every kind of item has a projector form - unknown packs and items are refused") {
    CleanShow clean;
    test::Harness h(ImVec2(1280, 720));
    CHECK_FALSE(h.shell.go("meeting-present:no-such-meeting:1", h.ctx));
    CHECK_FALSE(h.shell.go("meeting-present:riverside-locality:99", h.ctx));
    // A pack of our own over the demo content: one item of each kind.
    content::Meeting m;
    m.id = "test-pack";
    m.title = "Test pack";
    auto item = [&](const char* kind, const char* ref, const char* note) {
        content::MeetingItem i;
        i.ord = static_cast<std::int64_t>(m.items.size()) + 1;
        i.number = std::to_string(i.ord);
        i.title = std::string("A ") + kind;
        i.kind = kind;
        i.ref = ref;
        i.note = note;
        m.items.push_back(i);
    };
    item("figures", "westbrook", "");
    item("module", "member-safeguarding", "");
    item("document", "children-in-care-council-2026", "");
    item("note", "", "Tea * and_biscuits [c]");
    item("briefing", "no-such-briefing", "");
    auto& show = kiosk::pack_show();
    REQUIRE(show.open(m, h.catalog, 1, h.ctx.now));
    const auto& slides = show.deck.slides;
    REQUIRE(slides.size() == 5);
    // Westbrook's previous year is suppressed: its headlines say "[c]", never a number.
    CHECK(has(slides[0].body_md, "Figures for Westbrook"));
    CHECK(has(slides[0].body_md, "\\[c\\]"));
    CHECK(has(slides[1].body_md, "Training:"));
    CHECK(has(slides[2].body_md, "**"));
    CHECK(slides[2].body_md.size() > 40);
    CHECK(has(slides[3].body_md, "Tea \\* and\\_biscuits \\[c\\]"));  // plain text stays plain
    CHECK(has(slides[4].body_md, "Not on this kiosk"));
    // On the projector, opening another item of the same pack keeps the deck
    // and moves; presenting afresh builds it again (content may be new).
    show.on_projector = true;
    show.session.shown.assign(5, true);
    REQUIRE(show.open(m, h.catalog, 4, h.ctx.now));
    CHECK(show.current_ord() == 4);
    CHECK(show.count() == 5);
    CHECK(show.session.shown[1]);  // kept
    show.on_projector = false;
    m.items[3].note = "Coffee";
    REQUIRE(show.open(m, h.catalog, 2, h.ctx.now));
    CHECK(show.current_ord() == 2);
    CHECK_FALSE(show.session.shown[3]);  // built again
    CHECK(has(show.deck.slides[3].body_md, "Coffee"));
}
