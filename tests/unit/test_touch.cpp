// Touch and keyboard use without a physical keyboard (issue 16, part A): the
// on-screen keyboard (layout, shift and symbols, what it types, where it goes),
// the tap/drag threshold, the admin PIN screens, Tab through every control,
// and the contrast of borders and the focus ring.
#include "view_harness.hpp"

#include "kiosk/onscreen_keyboard.hpp"
#include "kiosk/pin_flow.hpp"

#include <doctest/doctest.h>
#include <imgui_stdlib.h>

#include <set>

namespace {

using kiosk::Key;
using kiosk::KeyAction;
using kiosk::KeyPage;

const ImVec2 k_sizes[] = {ImVec2(800, 480), ImVec2(1024, 600), ImVec2(1280, 800), ImVec2(1920, 1080)};

bool overlaps(ImVec2 a0, ImVec2 a1, ImVec2 b0, ImVec2 b1) { return a0.x < b1.x && b0.x < a1.x && a0.y < b1.y && b0.y < a1.y; }

std::string all_labels(const std::vector<std::vector<Key>>& rows) {
    std::string s;
    for (const auto& r : rows)
        for (const auto& k : r) s += k.label + " ";
    return s;
}

bool has_action(const std::vector<std::vector<Key>>& rows, KeyAction a) {
    for (const auto& r : rows)
        for (const auto& k : r)
            if (k.action == a) return true;
    return false;
}

// A bare ImGui window with one text field and the keyboard, as the shell runs it.
struct FieldHarness {
    ImGuiContext* imgui = ImGui::CreateContext();
    test::FakeServices services;
    kiosk::UiContext ctx;
    kiosk::OnscreenKeyboard kb;
    std::string text;
    float field_y;
    ImVec2 field_min, field_max;
    bool field_active = false;

    FieldHarness(ImVec2 size, float y) : field_y(y) {
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = size;
        io.DeltaTime = 1.0f / 60.0f;
        io.KeyMap[ImGuiKey_Backspace] = 10;
        io.KeyMap[ImGuiKey_Enter] = 11;
        io.KeyMap[ImGuiKey_Tab] = 12;
        ImFont* f = io.Fonts->AddFontDefault();
        unsigned char* px = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);
        io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(1));
        ctx.fonts = kiosk::Fonts{f, f, f, f, f, f};
        ctx.services = &services;
        kiosk::apply_theme(kiosk::Theme::standard, 1.0f);
    }
    ~FieldHarness() { ImGui::DestroyContext(imgui); }

    void frame() {
        ImGui::NewFrame();
        kb.begin_frame(ctx);
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
        ImGui::Begin("##w", nullptr, ImGuiWindowFlags_NoDecoration);
        ImGui::SetCursorPosY(field_y);
        ImGui::InputText("##field", &text);
        field_min = ImGui::GetItemRectMin();
        field_max = ImGui::GetItemRectMax();
        field_active = ImGui::IsItemActive();
        ImGui::End();
        kb.end_frame(ctx);
        ImGui::Render();
    }
    void tap(ImVec2 p) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = p;
        frame();
        io.MouseDown[0] = true;
        frame();
        io.MouseDown[0] = false;
        frame();
    }
    void tap_field() { tap(ImVec2((field_min.x + field_max.x) / 2, (field_min.y + field_max.y) / 2)); }
    bool tap_key(const std::string& label) {
        for (const auto& k : kb.layout().keys)
            if (k.key.label == label) {
                tap(ImVec2((k.min.x + k.max.x) / 2, (k.min.y + k.max.y) / 2));
                return true;
            }
        return false;
    }
};

void press_key(test::Harness& h, int index, bool shift) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyShift = shift;
    io.KeysDown[index] = true;
    h.frame();
    io.KeysDown[index] = false;
    h.frame();
    io.KeyShift = false;
}

} // namespace

TEST_CASE("keyboard: letters - digits - space - backspace - enter - shift and a symbols page") {
    auto letters = kiosk::keyboard_rows(KeyPage::letters, false);
    std::string l = all_labels(letters);
    for (char c = 'a'; c <= 'z'; ++c) CHECK(l.find(std::string(1, c) + " ") != std::string::npos);
    for (char c = '0'; c <= '9'; ++c) CHECK(l.find(std::string(1, c) + " ") != std::string::npos);
    for (auto a : {KeyAction::space, KeyAction::backspace, KeyAction::enter, KeyAction::shift, KeyAction::symbols, KeyAction::hide})
        CHECK(has_action(letters, a));
    std::string upper = all_labels(kiosk::keyboard_rows(KeyPage::letters, true));
    CHECK(upper.find("Q W E") != std::string::npos);
    CHECK(upper.find("q ") == std::string::npos);
    auto symbols = kiosk::keyboard_rows(KeyPage::symbols, false);
    std::string s = all_labels(symbols);
    for (const char* sym : {"@ ", "- ", "/ ", "( ", "? ", "! ", "% "}) CHECK(s.find(sym) != std::string::npos);
    CHECK(has_action(symbols, KeyAction::letters));
    CHECK(has_action(symbols, KeyAction::backspace));
    CHECK(s.find("q ") == std::string::npos);
}

TEST_CASE("keyboard: every key is at least 44 px - inside the display - and no two keys overlap") {
    for (ImVec2 d : k_sizes)
        for (KeyPage page : {KeyPage::letters, KeyPage::symbols})
            for (bool top : {false, true}) {
                auto lay = kiosk::layout_keyboard(page, false, d, top);
                CAPTURE(d.x);
                CAPTURE(top);
                CHECK(lay.panel_max.y - lay.panel_min.y == doctest::Approx(kiosk::keyboard_height(d)));
                CHECK(lay.panel_max.y - lay.panel_min.y < d.y * 0.6f);
                for (std::size_t i = 0; i < lay.keys.size(); ++i) {
                    const auto& k = lay.keys[i];
                    CHECK(k.max.x - k.min.x >= 44.0f);
                    CHECK(k.max.y - k.min.y >= 44.0f);
                    CHECK(k.min.x >= 0);
                    CHECK(k.max.x <= d.x);
                    CHECK(k.min.y >= lay.panel_min.y);
                    CHECK(k.max.y <= lay.panel_max.y);
                    for (std::size_t j = i + 1; j < lay.keys.size(); ++j) CHECK_FALSE(overlaps(k.min, k.max, lay.keys[j].min, lay.keys[j].max));
                }
            }
}

TEST_CASE("keyboard: placement never covers the field - below it - above it - or the field scrolled up") {
    for (ImVec2 d : k_sizes) {
        float h = kiosk::keyboard_height(d);
        for (float y = 0; y + 44 <= d.y; y += 7) {
            ImVec2 f0(20, y), f1(400, y + 44);
            auto p = kiosk::place_keyboard(d, h, f0, f1);
            CHECK(p.scroll_by >= 0);
            float top = p.at_top ? 0 : d.y - h;
            ImVec2 s0(f0.x, f0.y - p.scroll_by), s1(f1.x, f1.y - p.scroll_by);  // where the field is after scrolling
            CAPTURE(y);
            CHECK_FALSE(overlaps(s0, s1, ImVec2(0, top), ImVec2(d.x, top + h)));
        }
    }
    // A field near the top keeps the keyboard at the bottom; one near the bottom sends it to the top.
    CHECK_FALSE(kiosk::place_keyboard(ImVec2(800, 480), 248, ImVec2(0, 100), ImVec2(400, 144)).at_top);
    CHECK(kiosk::place_keyboard(ImVec2(800, 480), 248, ImVec2(0, 400), ImVec2(400, 444)).at_top);
}

TEST_CASE("keyboard: the mode setting - auto hides it once a real keyboard was used") {
    using kiosk::KeyboardMode;
    CHECK(kiosk::keyboard_mode("always") == KeyboardMode::always);
    CHECK(kiosk::keyboard_mode("never") == KeyboardMode::never);
    CHECK(kiosk::keyboard_mode("auto") == KeyboardMode::automatic);
    CHECK(kiosk::keyboard_mode("nonsense") == KeyboardMode::automatic);
    for (auto m : {KeyboardMode::automatic, KeyboardMode::always, KeyboardMode::never}) CHECK(kiosk::keyboard_mode(kiosk::keyboard_mode_setting(m)) == m);
    CHECK(kiosk::keyboard_wanted(KeyboardMode::automatic, false, true));
    CHECK_FALSE(kiosk::keyboard_wanted(KeyboardMode::automatic, true, true));
    CHECK(kiosk::keyboard_wanted(KeyboardMode::always, true, true));
    CHECK_FALSE(kiosk::keyboard_wanted(KeyboardMode::never, false, true));
    CHECK_FALSE(kiosk::keyboard_wanted(KeyboardMode::always, false, false));  // no text field, no keyboard
}

TEST_CASE("keyboard: tapping keys types into the active text field through ImGui's input path") {
    FieldHarness f(ImVec2(800, 480), 60);
    f.frame();
    CHECK_FALSE(f.kb.visible());
    f.tap_field();
    f.frame();
    REQUIRE(f.field_active);
    REQUIRE(f.kb.visible());
    CHECK_FALSE(overlaps(f.field_min, f.field_max, f.kb.layout().panel_min, f.kb.layout().panel_max));
    for (const char* k : {"c", "a", "r", "e", "Space", "4"}) REQUIRE(f.tap_key(k));
    CHECK(f.text == "care 4");
    CHECK(f.field_active);  // taps on the keyboard do not take the focus away
    REQUIRE(f.tap_key("Delete"));
    REQUIRE(f.tap_key("Delete"));
    CHECK(f.text == "care");
    REQUIRE(f.tap_key("Shift"));
    CHECK(f.kb.shifted());
    REQUIRE(f.tap_key("P"));
    REQUIRE(f.tap_key("p"));  // shift lasts one letter
    CHECK(f.text == "carePp");
    REQUIRE(f.tap_key("?123"));
    CHECK(f.kb.page() == KeyPage::symbols);
    REQUIRE(f.tap_key("!"));
    REQUIRE(f.tap_key("ABC"));
    CHECK(f.kb.page() == KeyPage::letters);
    CHECK(f.text == "carePp!");
    REQUIRE(f.tap_key("Enter"));
    f.frame();
    CHECK_FALSE(f.field_active);  // Enter ends editing, as on a keyboard
    CHECK_FALSE(f.kb.visible());
}

TEST_CASE("keyboard: a field low on the screen gets the keyboard above it - and never or a used keyboard keeps it away") {
    FieldHarness f(ImVec2(800, 480), 400);
    f.frame();
    f.tap_field();
    f.frame();
    REQUIRE(f.kb.visible());
    CHECK(f.kb.layout().panel_min.y == 0);
    CHECK_FALSE(overlaps(f.field_min, f.field_max, f.kb.layout().panel_min, f.kb.layout().panel_max));
    REQUIRE(f.tap_key("x"));
    CHECK(f.text == "x");

    FieldHarness g(ImVec2(800, 480), 60);
    g.ctx.keyboard_seen = true;  // "auto": a real keyboard was used
    g.frame();
    g.tap_field();
    g.frame();
    CHECK(g.field_active);
    CHECK_FALSE(g.kb.visible());
}

TEST_CASE("keyboard: the always setting shows it even after a real keyboard was used - and Hide closes it") {
    FieldHarness f(ImVec2(800, 480), 60);
    f.services.settings["onscreen_keyboard"] = "always";
    f.ctx.keyboard_seen = true;
    f.frame();
    f.tap_field();
    f.frame();
    REQUIRE(f.kb.visible());
    REQUIRE(f.tap_key("Hide"));
    f.frame();
    CHECK_FALSE(f.field_active);
    CHECK_FALSE(f.kb.visible());
}

TEST_CASE("keyboard: the library search opens it at 800x480 - above the keyboard - and typing searches") {
    test::Harness h(ImVec2(800, 480));
    REQUIRE(h.click("Library"));
    REQUIRE(h.click("Search field"));
    h.frame();
    REQUIRE(h.shell.keyboard().visible());
    auto field = kiosk::noted_items().at("Search field");
    const auto& lay = h.shell.keyboard().layout();
    CHECK_FALSE(overlaps(field.min, field.max, lay.panel_min, lay.panel_max));
    CHECK_FALSE(h.has_item("Clear"));  // nothing typed yet
    for (const auto& k : lay.keys)
        if (k.key.label == "c") {
            ImGuiIO& io = ImGui::GetIO();
            io.MousePos = ImVec2((k.min.x + k.max.x) / 2, (k.min.y + k.max.y) / 2);
            h.frame();
            io.MouseDown[0] = true;
            h.frame();
            io.MouseDown[0] = false;
            h.frames(2);
        }
    CHECK(h.has_item("Clear"));  // the query is no longer empty
    CHECK(h.shell.route() == "library");
}

TEST_CASE("tap or drag: a press is a tap only within 8 px - a drag from a tile scrolls and does not open it") {
    CHECK(kiosk::is_tap(0));
    CHECK(kiosk::is_tap(7.9f));
    CHECK_FALSE(kiosk::is_tap(8.0f));
    CHECK_FALSE(kiosk::is_tap(40.0f));

    test::Harness h(ImVec2(800, 480));
    h.frame();
    ImGuiIO& io = ImGui::GetIO();
    // Home may lead with meetings: wheel the tile into sight first, then
    // press on the middle of the part that shows.
    auto shown = [] {
        const auto& r = kiosk::noted_items().at("Library");
        return r.visible_max.y - r.visible_min.y;
    };
    for (int i = 0; i < 40 && shown() < 60.0f; ++i) {
        io.MousePos = ImVec2(400, 240);
        io.MouseWheel = -1.0f;
        h.frame();
        io.MouseWheel = 0;
    }
    h.frames(30);
    auto tile = kiosk::noted_items().at("Library");
    REQUIRE(tile.visible_max.y - tile.visible_min.y >= 60.0f);
    ImVec2 c((tile.visible_min.x + tile.visible_max.x) / 2, (tile.visible_min.y + tile.visible_max.y) / 2);
    ImGuiWindow* view = nullptr;
    for (ImGuiWindow* w : GImGui->Windows)
        if (std::string(w->Name).find("##view") != std::string::npos) view = w;
    REQUIRE(view);
    const float before = view->Scroll.y;
    // Drag up by 60 px starting on the tile.
    io.MousePos = c;
    h.frame();
    io.MouseDown[0] = true;
    h.frame();
    for (int i = 1; i <= 6; ++i) {
        io.MousePos = ImVec2(c.x, c.y - 10.0f * static_cast<float>(i));
        h.frame();
    }
    float scrolled = view->Scroll.y;
    io.MouseDown[0] = false;
    h.frame();
    io.MousePos = ImVec2(-1, -1);
    h.frames(2);
    CHECK(h.shell.route() == "home");  // the drag did not open the tile
    if (view->ScrollMax.y > before) CHECK(scrolled > before);
    // A press that wobbles 5 px is still a tap.
    h.frames(60);  // let any fling settle
    tile = kiosk::noted_items().at("Library");
    c = ImVec2((tile.visible_min.x + tile.visible_max.x) / 2, (tile.visible_min.y + tile.visible_max.y) / 2);
    io.MousePos = c;
    h.frame();
    io.MouseDown[0] = true;
    h.frame();
    io.MousePos = ImVec2(c.x + 3, c.y + 4);
    h.frame();
    io.MouseDown[0] = false;
    h.frames(2);
    CHECK(h.shell.route() == "library");
}

TEST_CASE("pin flow: unlock sends the PIN to the worker - a wrong one is entered again") {
    kiosk::PinFlow f;
    f.start(kiosk::PinPurpose::unlock);
    CHECK(f.submit().kind == kiosk::PinRequest::Kind::none);  // nothing typed
    for (char c : std::string("2468")) f.digit(c);
    auto r = f.submit();
    CHECK(r.kind == kiosk::PinRequest::Kind::check);
    CHECK(r.old_pin == "2468");
    CHECK(f.step() == kiosk::PinStep::working);
    f.digit('1');  // ignored while the worker runs
    CHECK(f.digits() == 0);
    f.finished(content::fail(content::Reason::pin, "That PIN is not right."));
    CHECK(f.step() == kiosk::PinStep::enter);
    REQUIRE(f.error());
    CHECK(f.error()->reason == content::Reason::pin);
    for (int i = 0; i < 20; ++i) f.digit('9');
    CHECK(f.digits() == kiosk::pin_max_digits);
}

TEST_CASE("pin flow: choosing the first PIN - too short - mismatch - then saved") {
    kiosk::PinFlow f;
    f.start(kiosk::PinPurpose::choose);
    CHECK(f.step() == kiosk::PinStep::new_pin);
    for (char c : std::string("12")) f.digit(c);
    CHECK(f.submit().kind == kiosk::PinRequest::Kind::none);
    REQUIRE(f.error());
    CHECK(content::reason_code(f.error()->reason) == "E_PIN_SHORT");
    CHECK(f.step() == kiosk::PinStep::new_pin);
    for (char c : std::string("1357")) f.digit(c);
    CHECK(f.submit().kind == kiosk::PinRequest::Kind::none);
    CHECK(f.step() == kiosk::PinStep::confirm);
    CHECK_FALSE(f.error());
    for (char c : std::string("1375")) f.digit(c);
    CHECK(f.submit().kind == kiosk::PinRequest::Kind::none);
    REQUIRE(f.error());
    CHECK(content::reason_code(f.error()->reason) == "E_PIN_MISMATCH");
    CHECK(f.step() == kiosk::PinStep::new_pin);  // chosen again from the start
    for (const char* p : {"1357", "1357"}) {
        for (char c : std::string(p)) f.digit(c);
        auto r = f.submit();
        if (f.step() == kiosk::PinStep::working) {
            CHECK(r.kind == kiosk::PinRequest::Kind::change);
            CHECK(r.old_pin.empty());
            CHECK(r.new_pin == "1357");
        }
    }
    REQUIRE(f.step() == kiosk::PinStep::working);
    f.finished(content::Status{});
    CHECK(f.done());
}

TEST_CASE("pin flow: change asks for the old PIN first - a wrong old PIN is refused before a new one is asked") {
    kiosk::PinFlow f;
    f.start(kiosk::PinPurpose::change);
    CHECK(f.step() == kiosk::PinStep::old_pin);
    for (char c : std::string("0000")) f.digit(c);
    auto r = f.submit();
    CHECK(r.kind == kiosk::PinRequest::Kind::check);
    f.finished(content::fail(content::Reason::pin, "That PIN is not right."));
    CHECK(f.step() == kiosk::PinStep::old_pin);
    CHECK(f.error()->reason == content::Reason::pin);
    for (char c : std::string("2468")) f.digit(c);
    (void)f.submit();
    f.finished(content::Status{});
    CHECK(f.step() == kiosk::PinStep::new_pin);
    for (const char* p : {"8642", "8642"}) {
        for (char c : std::string(p)) f.digit(c);
        r = f.submit();
    }
    CHECK(r.kind == kiosk::PinRequest::Kind::change);
    CHECK(r.old_pin == "2468");
    CHECK(r.new_pin == "8642");
}

TEST_CASE("admin at 800x480: choose the first PIN on the device - change it - the wrong-PIN message is in view") {
    test::Harness h(ImVec2(800, 480));
    h.services.pin_set = false;
    REQUIRE(h.shell.go("admin", h.ctx));  // (the tile is below the fold at 800x480)
    CHECK_FALSE(h.has_item("Lock"));
    for (const char* k : {"1", "3", "5", "7", "OK", "1", "3", "5", "8", "OK"}) REQUIRE(h.click(k));
    REQUIRE(h.has_item("pin message"));  // E_PIN_MISMATCH beside the keypad
    auto msg = kiosk::noted_items().at("pin message");
    CHECK(msg.max.y <= 480);
    CHECK(msg.max.x <= 800);
    for (const char* k : {"1", "3", "5", "7", "OK", "1", "3", "5", "7", "OK"}) REQUIRE(h.click(k));
    h.frames(2);
    CHECK(h.services.pin_set);
    CHECK(h.services.pin == "1357");
    REQUIRE(h.has_item("Lock"));  // whoever chose the PIN is in
    REQUIRE(h.click("Lock"));
    REQUIRE(h.has_item("1"));
    for (const char* k : {"1", "3", "5", "7", "OK"}) REQUIRE(h.click(k));
    h.frames(2);
    REQUIRE(h.has_item("Lock"));
    REQUIRE(h.click("Change PIN"));
    for (const char* k : {"0", "0", "0", "0", "OK"}) REQUIRE(h.click(k));
    REQUIRE(h.has_item("pin message"));
    msg = kiosk::noted_items().at("pin message");
    CHECK(msg.max.y <= 480);
    CHECK(h.services.pin == "1357");
    for (const char* k : {"1", "3", "5", "7", "OK", "2", "2", "2", "2", "OK", "2", "2", "2", "2", "OK"}) REQUIRE(h.click(k));
    h.frames(2);
    CHECK(h.services.pin == "2222");
    CHECK(h.has_item("Lock"));
}

TEST_CASE("Tab and Shift-Tab move the focus through buttons and tiles - not only text fields - and press nothing") {
    test::Harness h(ImVec2(1280, 720));
    ImGuiIO& io = ImGui::GetIO();
    io.KeyMap[ImGuiKey_Tab] = 12;
    io.KeyMap[ImGuiKey_Space] = 13;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    h.frames(2);
    std::set<ImGuiID> seen;
    std::vector<ImGuiID> order;
    for (int i = 0; i < 8; ++i) {
        press_key(h, 12, false);
        if (GImGui->NavId) seen.insert(GImGui->NavId);
        order.push_back(GImGui->NavId);
    }
    CHECK(seen.size() >= 6);  // the home screen has no text field at all
    CHECK(h.shell.route() == "home");
    CHECK_FALSE(GImGui->NavDisableHighlight);  // the focus ring shows
    press_key(h, 12, true);
    CHECK(GImGui->NavId == order[order.size() - 2]);
}

TEST_CASE("contrast: component borders and the focus ring are at least 3:1 in both themes - from the colours ImGui draws with") {
    test::Harness h(ImVec2(800, 480));
    for (auto t : {kiosk::Theme::standard, kiosk::Theme::high_contrast}) {
        kiosk::apply_theme(t, 1.0f);
        const ImVec4* c = ImGui::GetStyle().Colors;
        const kiosk::Palette& p = kiosk::palette(t);
        CAPTURE(static_cast<int>(t));
        // Buttons and fields are drawn in FrameBg/Button on the window background (the paper colour) or a card (surface).
        for (ImVec4 bg : {p.background, c[ImGuiCol_FrameBg], c[ImGuiCol_Button], c[ImGuiCol_ButtonHovered], c[ImGuiCol_ChildBg]}) {
            CHECK(kiosk::contrast_ratio(c[ImGuiCol_Border], bg) >= 3.0);
            CHECK(kiosk::contrast_ratio(c[ImGuiCol_NavHighlight], bg) >= 3.0);
        }
        CHECK(ImGui::GetStyle().FrameBorderSize >= 1.0f);
        for (const auto& pair : kiosk::non_text_pairs(t)) {
            CAPTURE(pair.name);
            CHECK(kiosk::contrast_ratio(pair.fg, pair.bg) >= 3.0);
        }
    }
    CHECK(kiosk::focus_ring_px >= 2.0f);
}

TEST_CASE("focus ring: after Tab it surrounds the focused control - not a whole window") {
    test::Harness h(ImVec2(1280, 720));
    ImGuiIO& io = ImGui::GetIO();
    io.KeyMap[ImGuiKey_Tab] = 12;
    io.KeyMap[ImGuiKey_Space] = 13;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    h.frames(2);
    REQUIRE(h.click("Library"));
    REQUIRE(h.click("< Back"));
    std::set<ImGuiID> seen;
    for (int i = 0; i < 4; ++i) {
        press_key(h, 12, false);
        ImGuiContext& g = *GImGui;
        REQUIRE(g.NavWindow);
        CHECK(g.NavIdIsAlive);  // a control on this screen
        ImRect r = ImGui::WindowRectRelToAbs(g.NavWindow, g.NavWindow->NavRectRel[g.NavLayer]);
        CHECK(r.GetHeight() >= 20);
        CHECK(r.GetHeight() < 300);
        seen.insert(g.NavId);
    }
    CHECK(seen.size() == 4);  // a focus left on the previous screen's Back button does not stop Tab
}

TEST_CASE("hover: no row highlight while the wheel scrolls under a resting pointer - back once it moves or presses") {
    ImGuiContext* c = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(800, 480);
    io.DeltaTime = 1.0f / 60.0f;
    unsigned char* px = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);
    auto frame = [&](ImVec2 pos, float wheel, bool down) {
        io.MousePos = pos;
        io.MouseWheel = wheel;
        io.MouseDown[0] = down;
        ImGui::NewFrame();
        bool first = kiosk::hover_highlight_allowed();
        bool again = kiosk::hover_highlight_allowed();  // the same answer within a frame
        ImGui::Render();
        CHECK(first == again);
        return first;
    };
    CHECK(frame(ImVec2(100, 100), 0, false));
    CHECK_FALSE(frame(ImVec2(100, 100), -1, false));  // the list scrolls under the pointer
    CHECK_FALSE(frame(ImVec2(100, 100), 0, false));   // still resting where it was
    CHECK(frame(ImVec2(110, 100), 0, false));         // moved
    CHECK_FALSE(frame(ImVec2(110, 100), 1, false));
    CHECK(frame(ImVec2(110, 100), 0, true));          // a press
    ImGui::DestroyContext(c);
}
