// A meeting's pack as a deck for the projector; see pack_show.hpp.
#include "kiosk/pack_show.hpp"

#include "content/headlines.hpp"
#include "content/meetings.hpp"
#include "kiosk/marker_key.hpp"
#include "kiosk/shell.hpp"
#include "kiosk/theme.hpp"

#include <algorithm>
#include <cfloat>

namespace kiosk {
namespace {

// Plain content text as Markdown text: punctuation that Markdown would read
// as markup is escaped, so a note says exactly what its publisher wrote.
std::string md_text(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        if (std::string_view("\\`*_[]#<>|").find(c) != std::string_view::npos) out += '\\';
        out += c;
    }
    return out;
}

// At most `most` bytes of `s`, cut after a sentence (else a word) and
// marked with an ellipsis: the room reads a summary, not a page.
std::string shortened(const std::string& s, std::size_t most = 420) {
    if (s.size() <= most) return s;
    std::size_t cut = s.rfind(". ", most);
    if (cut != std::string::npos && cut > most / 2) return s.substr(0, cut + 1);
    cut = s.rfind(' ', most);
    return s.substr(0, cut == std::string::npos ? most : cut) + "...";
}

// A paragraph per block of text, escaped.
std::string paragraphs(const std::string& s) {
    std::string out, para;
    for (std::size_t start = 0; start <= s.size();) {
        std::size_t nl = s.find('\n', start);
        std::string line = s.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
        if (!line.empty()) out += md_text(line) + "\n\n";
        if (nl == std::string::npos) break;
        start = nl + 1;
    }
    return out;
}

std::string briefing_body(const std::string& id, const content::Catalog& cat) {
    for (const auto& b : cat.briefings())
        if (b.id == id) return "**Briefing: " + md_text(b.title) + "**\n\n" + paragraphs(shortened(b.summary));
    return "";
}

std::string document_body(const std::string& id, const content::Catalog& cat) {
    auto d = cat.document(id);
    if (!d) return "";
    std::string from = d->organisation.empty() ? "" : " (" + md_text(d->organisation) + (d->published.empty() ? "" : ", " + md_text(d->published)) + ")";
    std::string text = d->summary;
    if (text.empty() && !d->pages.empty()) text = d->pages.front().text;  // a scanned document: its first page
    return "**" + md_text(d->title) + "**" + from + "\n\n" + paragraphs(shortened(text));
}

// The locality's headline sentences: the same rules as its briefing, so a
// suppressed figure ([c], [x] ...) is never stated, only said to be withheld.
std::string figures_body(const std::string& id, const content::Catalog& cat) {
    const auto* l = cat.locality(id);
    if (!l) return "";
    std::string out = "**Figures for " + md_text(l->name) + "**\n\n";
    // The two that matter most: three of these sentences overflow a 1080p
    // projector in room-sized type (seen live); the briefing has the rest.
    auto heads = content::top_headlines(content::locality_headlines(cat, id), 3);
    if (heads.size() > 2) heads.resize(2);
    for (const auto& h : heads) {
        const content::Indicator* ind = cat.indicator(h.indicator_id);
        out += "- " + (ind ? "**" + md_text(ind->title) + ":** " : "") + md_text(h.sentence) + "\n";
    }
    return out;
}

std::string module_body(const std::string& id, const content::Catalog& cat) {
    for (const auto& m : cat.modules())
        if (m.module.id == id)
            return "**Training: " + md_text(m.module.title) + "**" + (m.module.duration_min > 0 ? " (" + std::to_string(m.module.duration_min) + " minutes)" : "") +
                   "\n\n" + paragraphs(shortened(m.module.summary));
    return "";
}

std::string item_body(const content::MeetingItem& i, const content::Catalog& cat) {
    std::string out = paragraphs(i.note);
    auto [channel, id] = content::split_item_ref(i.ref);
    std::string what;
    if (i.kind == "briefing") what = briefing_body(id, cat);
    else if (i.kind == "document") what = document_body(id, cat);
    else if (i.kind == "figures") what = figures_body(id, cat);
    else if (i.kind == "module") what = module_body(id, cat);
    if (i.kind != "note" && what.empty()) what = "*(Not on this kiosk.)*\n\n";
    return out + what;
}

} // namespace

PackShow& pack_show() {
    static PackShow show;
    return show;
}

bool PackShow::open(const content::Meeting& m, const content::Catalog& cat, std::int64_t ord, std::int64_t now) {
    if (m.items.empty()) return false;
    // Built afresh each time presenting starts (content may have been
    // installed since); kept while the items change on the projector.
    if (meeting_id != m.id || !session.active() || !on_projector) {
        clear();
        meeting_id = m.id;
        meeting_title = m.title;
        deck.id = "pack:" + m.id;
        deck.title = m.title;
        for (const auto& i : m.items) {
            content::Slide s;
            s.ord = static_cast<std::int64_t>(deck.slides.size()) + 1;
            s.title = i.title;
            s.body_md = item_body(i, cat);
            deck.slides.push_back(std::move(s));
            ords.push_back(i.ord);
            numbers.push_back(i.number);
        }
        session.start(deck, SessionMode::presenter, now);
    }
    auto it = std::find(ords.begin(), ords.end(), ord);
    session.go_to(it == ords.end() ? 0 : static_cast<int>(it - ords.begin()));
    return true;
}

std::int64_t PackShow::current_ord() const {
    if (!session.active() || session.slide >= static_cast<int>(ords.size())) return 0;
    return ords[static_cast<std::size_t>(session.slide)];
}

void PackShow::clear() {
    session.clear();
    deck = content::Module{};
    ords.clear();
    numbers.clear();
    meeting_id.clear();
    meeting_title.clear();
    on_projector = false;
    audience = ProjectionCache{};
}

bool projector_in_use(const std::string& route) {
    const std::string family = split_route(route).first;
    return family == "presenter" || family == "meeting-present" || training_session().active();
}

void draw_pack_projection(const PackShow& show, ImVec2 p0, ImVec2 size, UiContext& ctx, ProjectionCache& cache) {
    const TrainingSession& s = show.session;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p1(p0.x + size.x, p0.y + size.y);
    if (s.blank != Blank::none || !s.current()) {  // blanked: the whole screen, band and all
        draw_projection(s, p0, size, ctx, cache);
        return;
    }
    const Palette& p = palette(ctx.theme);
    dl->PushClipRect(p0, p1, true);
    dl->AddRectFilled(p0, p1, ImGui::GetColorU32(p.background));
    ImFont* f = ctx.fonts.slide ? ctx.fonts.slide : ImGui::GetFont();
    const float px = std::max(size.y * 0.035f, 12.0f), margin = size.x * 0.045f;
    const float y = p0.y + size.y * 0.03f;
    std::string where = "Item " + std::to_string(s.slide + 1) + " of " + std::to_string(s.slide_count());
    const std::string& number = show.numbers[static_cast<std::size_t>(s.slide)];
    if (number != std::to_string(s.slide + 1)) where += "  (agenda item " + number + ")";
    const ImVec2 wsz = f->CalcTextSizeA(px, FLT_MAX, 0, where.c_str());
    const float title_w = size.x - 2 * margin - wsz.x - px;
    // The meeting's title, cut to the room it has; "Item 3 of 7" at the right.
    std::string title = show.meeting_title;
    while (title.size() > 4 && f->CalcTextSizeA(px, FLT_MAX, 0, title.c_str()).x > title_w) {
        title.resize(title.size() - 4);
        while (!title.empty() && (static_cast<unsigned char>(title.back()) & 0xC0) == 0x80) title.pop_back();
        title += "...";
    }
    draw_text(dl, f, px, ImVec2(p0.x + margin, y), ImGui::GetColorU32(p.text_muted), title);
    draw_text(dl, f, px, ImVec2(p1.x - margin - wsz.x, y), ImGui::GetColorU32(p.text), where);
    // Progress through the pack: a thin bar, filled to the item reached.
    const float bar_y = y + px * 1.35f, bar_h = std::max(4.0f, size.y * 0.008f);
    const float frac = static_cast<float>(s.slide + 1) / static_cast<float>(std::max(1, s.slide_count()));
    dl->AddRectFilled(ImVec2(p0.x + margin, bar_y), ImVec2(p1.x - margin, bar_y + bar_h), ImGui::GetColorU32(p.border));
    dl->AddRectFilled(ImVec2(p0.x + margin, bar_y), ImVec2(p0.x + margin + (size.x - 2 * margin) * frac, bar_y + bar_h), ImGui::GetColorU32(p.accent));
    const float band = bar_y + bar_h - p0.y + size.y * 0.01f;
    dl->PopClipRect();
    // A projector's type is for the back of a room; on a panel, or in the
    // presenter's preview, body type lets the item fit.
    UiContext room = ctx;
    if (size.y < 720 && ctx.fonts.body) room.fonts.slide = ctx.fonts.body;
    draw_projection(s, ImVec2(p0.x, p0.y + band), ImVec2(size.x, size.y - band), room, cache);
}

} // namespace kiosk
