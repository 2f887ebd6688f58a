// Training modules in a source folder (training/<id>/module.md and
// slides.md); a step of read_source, see source_parts.hpp, and parse_slides,
// see source_folder.hpp.
#include "content/source_folder.hpp"
#include "content/limits.hpp"
#include "source_parts.hpp"
#include "content/file_io.hpp"
#include "content/front_matter.hpp"

#include <cstdlib>

namespace fs = std::filesystem;

namespace content {
namespace source_detail {

Status read_training(const fs::path& dir, SourceBundle& sb) {
    std::int64_t order = 0;
    for (const auto& mdir : sorted_entries(dir / "training", "", Entries::folders)) {
        std::string base = "training/" + mdir.filename().string();
        auto text = file_io::read_file(mdir / "module.md", limits::source_file_bytes);
        if (!text) return fail(text.error().reason, base + "/module.md: " + text.error().message);
        auto fm = parse_front_matter(*text, base + "/module.md");
        if (!fm) return std::unexpected(fm.error());
        Module m;
        m.id = fm->get("id", mdir.filename().string());
        m.title = fm->get("title");
        m.audience = fm->get("audience", "Elected members");
        m.summary = trim(fm->get("summary", fm->body));
        m.sources = join_sources(*fm);
        m.sort_order = order++;
        char* end = nullptr;
        std::string dur = fm->get("duration_min");
        m.duration_min = std::strtoll(dur.c_str(), &end, 10);
        if (dur.empty() || *end != '\0' || m.duration_min <= 0) return src_error(base + "/module.md", "duration_min must be a whole number of minutes.");
        if (auto it = fm->lists.find("outcomes"); it != fm->lists.end()) m.outcomes = it->second;
        if (m.title.empty()) return src_error(base + "/module.md", "the metadata block needs a title.");
        if (m.outcomes.empty()) return src_error(base + "/module.md", "list the learning outcomes under 'outcomes:'.");
        auto stext = file_io::read_file(mdir / "slides.md", limits::source_file_bytes);
        if (!stext) return fail(stext.error().reason, base + "/slides.md: " + stext.error().message);
        auto slides = parse_slides(*stext, base + "/slides.md");
        if (!slides) return std::unexpected(slides.error());
        m.slides = std::move(*slides);
        sb.modules.push_back(std::move(m));
    }
    return {};
}

} // namespace source_detail

Result<std::vector<Slide>> parse_slides(std::string_view text, const std::string& file) {
    using source_detail::trim;
    std::vector<Slide> slides;
    std::vector<std::pair<std::size_t, std::string>> chunks;  // (first line, text)
    std::size_t line = 1, chunk_line = 1, pos = 0;
    std::string cur;
    while (pos <= text.size()) {
        std::size_t nl = text.find('\n', pos);
        std::string_view l = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
        if (l == "---") {
            chunks.emplace_back(chunk_line, cur);
            cur.clear();
            chunk_line = line + 1;
        } else {
            cur += l;
            cur += '\n';
        }
        ++line;
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
    }
    chunks.emplace_back(chunk_line, cur);
    std::int64_t ord = 0;
    for (auto& [first, body] : chunks) {
        if (trim(body).empty()) continue;
        Slide s;
        s.ord = ++ord;
        std::string where = file + ":" + std::to_string(first);
        std::string out, notes, explanation;
        enum class Part { body, notes, explanation } part = Part::body;
        Question q;
        bool has_q = false;
        std::size_t p = 0;
        while (p < body.size()) {
            std::size_t nl = body.find('\n', p);
            std::string l = body.substr(p, nl - p);
            p = nl + 1;
            if (s.title.empty() && l.starts_with("# ")) { s.title = trim(l.substr(2)); continue; }
            if (l.starts_with("Notes:")) { part = Part::notes; notes += trim(l.substr(6)) + "\n"; continue; }
            if (l.starts_with("Explanation:")) { part = Part::explanation; explanation += trim(l.substr(12)) + "\n"; continue; }
            if (part == Part::notes) { notes += l + "\n"; continue; }
            if (part == Part::explanation) { explanation += l + "\n"; continue; }
            if (l.starts_with("?> ")) { has_q = true; q.prompt = trim(l.substr(3)); continue; }
            if (has_q && (l.starts_with("- [ ] ") || l.starts_with("- [x] ") || l.starts_with("- [X] "))) {
                if (l[3] != ' ') q.answer = static_cast<int>(q.options.size());
                q.options.push_back(trim(l.substr(6)));
                continue;
            }
            out += l + "\n";
        }
        if (s.title.empty()) return fail(Reason::source, where + ": each slide must start with a '# Title' line.");
        s.body_md = trim(out);
        s.notes = trim(notes);
        if (has_q) {
            int correct = 0;
            for (std::size_t i = 0, pos2 = 0; i < body.size(); i = pos2 + 1) {
                pos2 = body.find('\n', i);
                if (pos2 == std::string::npos) pos2 = body.size();
                std::string_view l(body.data() + i, pos2 - i);
                if (l.starts_with("- [x] ") || l.starts_with("- [X] ")) ++correct;
            }
            if (q.options.size() < 2 || q.options.size() > 6) return fail(Reason::source, where + ": a knowledge check needs 2 to 6 options.");
            if (correct != 1) return fail(Reason::source, where + ": mark exactly one option as correct with '- [x]'.");
            q.explanation = trim(explanation);
            if (q.explanation.empty()) return fail(Reason::source, where + ": a knowledge check needs an 'Explanation:' line.");
            s.question = q;
        }
        auto imgs = image_refs(s.body_md);
        if (!imgs.empty()) s.image_id = imgs.front();
        slides.push_back(std::move(s));
    }
    if (slides.empty()) return fail(Reason::source, file + ": there are no slides.");
    return slides;
}

} // namespace content
