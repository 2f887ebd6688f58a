// Reading a publisher's source folder into the model; see source_folder.hpp.
#include "content/source_folder.hpp"
#include "source_parts.hpp"
#include "content/limits.hpp"
#include "content/csv.hpp"
#include "content/file_io.hpp"
#include "content/front_matter.hpp"
#include "content/manifest.hpp"

#include <nlohmann/json.hpp>
#include <stb_image.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include <map>
#include <set>

namespace fs = std::filesystem;

namespace content {

namespace source_detail {

std::string trim(std::string s) {
    auto b = s.find_first_not_of(" \t\r\n");
    auto e = s.find_last_not_of(" \t\r\n");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

Status src_error(const std::string& where, const std::string& what) { return fail(Reason::source, where + ": " + what); }

bool valid_id(const std::string& id) {
    if (id.empty() || id.size() > limits::id_chars) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
    });
}

std::vector<fs::path> sorted_entries(const fs::path& dir, const std::string& ext, Entries kind) {
    std::vector<fs::path> out;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return out;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        if (kind == Entries::folders ? e.is_directory() : (e.is_regular_file() && e.path().extension() == ext)) out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::string join_sources(const FrontMatter& fm) {
    std::string s;
    if (auto it = fm.lists.find("sources"); it != fm.lists.end())
        for (const auto& x : it->second) s += (s.empty() ? "" : "\n") + x;
    else s = fm.get("sources");
    return s;
}

Result<csv::Table> load_optional_csv(const fs::path& p, bool& present) {
    std::error_code ec;
    present = fs::exists(p, ec);
    if (!present) return csv::Table{};
    return csv::load(p);
}

Status check_date(const std::string& where, const std::string& field, const std::string& v, Presence presence) {
    if (v.empty() && presence == Presence::optional) return {};
    if (!parse_date(v)) return src_error(where, "'" + field + "' must be a date like 2014-05-13, not '" + v + "'.");
    return {};
}

} // namespace source_detail

namespace {

using namespace source_detail;

constexpr std::uint64_t max_text_file = limits::source_file_bytes;
constexpr std::uint64_t max_image_file = limits::image_file_bytes;

Status read_manifest_json(const fs::path& dir, SourceBundle& sb) {
    auto text = file_io::read_file(dir / "bundle.json", 1024 * 1024);
    if (!text) {
        if (text.error().reason == Reason::not_found)
            return fail(Reason::source, (dir / "bundle.json").string() + ": every source folder needs a bundle.json (see FORMAT.md).");
        return std::unexpected(text.error());
    }
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(*text);
    } catch (const nlohmann::json::parse_error& e) {
        return src_error("bundle.json", std::string("is not valid JSON (") + e.what() + ").");
    }
    if (!j.is_object()) return src_error("bundle.json", "must hold one JSON object.");
    auto str = [&](const char* k, std::string& out, bool required) -> Status {
        if (!j.contains(k)) return required ? src_error("bundle.json", std::string("needs a \"") + k + "\" field.") : Status{};
        if (!j[k].is_string()) return src_error("bundle.json", std::string("the \"") + k + "\" field must be a string.");
        out = j[k].get<std::string>();
        return {};
    };
    for (auto s : {str("channel", sb.channel, true), str("title", sb.title, true), str("expires", sb.expires, true),
                   str("min_kiosk_version", sb.min_kiosk_version, true), str("publisher", sb.publisher, false)})
        if (!s) return s;
    if (!valid_channel_name(sb.channel)) return src_error("bundle.json", "the channel '" + sb.channel + "' must be lower-case letters, digits and hyphens.");
    if (!j.contains("version") || !j["version"].is_number_integer() || j["version"].get<std::int64_t>() < 1)
        return src_error("bundle.json", "needs an integer \"version\" of 1 or more.");
    sb.version = j["version"].get<std::int64_t>();
    if (!parse_utc(sb.expires)) return src_error("bundle.json", "\"expires\" must be a UTC time like 2027-03-31T00:00:00Z.");
    if (j.contains("created")) {
        std::string c;
        if (auto s = str("created", c, false); !s) return s;
        if (!parse_utc(c)) return src_error("bundle.json", "\"created\" must be a UTC time like 2026-11-01T09:00:00Z.");
        sb.created = c;
    }
    if (auto s = str("format", sb.format, false); !s) return s;
    if (!sb.format.empty() && sb.format != "kiosk-bundle/1" && sb.format != "kiosk-bundle/2")
        return src_error("bundle.json", "\"format\" must be kiosk-bundle/1 or kiosk-bundle/2 (or left out), not '" + sb.format + "'.");
    if (auto s = str("demo_clock", sb.demo_clock, false); !s) return s;
    if (auto s = resolve_demo_clock(sb); !s) return s;
    if (j.contains("disclosure_threshold")) {
        if (!j["disclosure_threshold"].is_number_integer() || j["disclosure_threshold"].get<std::int64_t>() < 5)
            return fail(Reason::disclosure, "bundle.json: \"disclosure_threshold\" must be an integer of at least 5; it can be raised but never lowered below 5.");
        sb.disclosure_threshold = j["disclosure_threshold"].get<std::int64_t>();
    }
    if (j.contains("lint_overrides")) {
        if (!j["lint_overrides"].is_array()) return src_error("bundle.json", "\"lint_overrides\" must be a list.");
        for (const auto& o : j["lint_overrides"]) {
            if (!o.is_object() || !o.contains("pattern") || !o.contains("field") || !o.contains("reason") || !o["pattern"].is_string() ||
                !o["field"].is_string() || !o["reason"].is_string())
                return src_error("bundle.json", "each lint override needs string \"pattern\", \"field\" and \"reason\".");
            sb.overrides.push_back({o["pattern"].get<std::string>(), o["field"].get<std::string>(), o["reason"].get<std::string>()});
        }
    }
    return {};
}

Status read_briefings(const fs::path& dir, SourceBundle& sb) {
    for (const auto& p : sorted_entries(dir / "briefings", ".md", Entries::files)) {
        auto text = file_io::read_file(p, max_text_file);
        if (!text) return std::unexpected(text.error());
        std::string file = "briefings/" + p.filename().string();
        auto fm = parse_front_matter(*text, file);
        if (!fm) return std::unexpected(fm.error());
        Briefing b{fm->get("id", p.stem().string()), fm->get("title"), fm->get("kind", "briefing"), fm->get("audience", "Elected members"),
                   fm->get("date"), fm->get("locality"), fm->get("summary"), fm->body, join_sources(*fm)};
        if (b.title.empty()) return src_error(file, "the metadata block needs a title.");
        if (!valid_id(b.id)) return src_error(file, "the id '" + b.id + "' is not a valid id.");
        if (auto s = check_date(file, "date", b.date, Presence::required); !s) return s;
        sb.briefings.push_back(std::move(b));
    }
    return {};
}

Status read_library(const fs::path& dir, SourceBundle& sb) {
    for (const auto& p : sorted_entries(dir / "library", ".md", Entries::files)) {
        auto text = file_io::read_file(p, max_text_file);
        if (!text) return std::unexpected(text.error());
        std::string file = "library/" + p.filename().string();
        auto fm = parse_front_matter(*text, file);
        if (!fm) return std::unexpected(fm.error());
        Document d{fm->get("id", p.stem().string()), fm->get("title"), fm->get("category"), fm->get("organisation"),
                   fm->get("published"), fm->get("review_date"), fm->get("summary"), fm->body, join_sources(*fm), {}};
        auto known = [&] {
            for (const auto& c : document_categories())
                if (c.id == d.category) return true;
            return false;
        };
        if (!known()) return src_error(file, "category '" + d.category + "' is not one of those FORMAT.md lists.");
        if (d.title.empty() || d.organisation.empty() || d.summary.empty()) return src_error(file, "title, organisation and summary are required.");
        if (!valid_id(d.id)) return src_error(file, "the id '" + d.id + "' is not a valid id.");
        if (auto s = check_date(file, "published", d.published, Presence::required); !s) return s;
        if (auto s = check_date(file, "review_date", d.review_date, Presence::optional); !s) return s;
        std::string pages = fm->get("pages");
        if (pages.size() > 4 && pages.substr(pages.size() - 4) == ".pdf") {
            auto converted = pdf_to_pages(p.parent_path() / pages, file);
            if (!converted) return std::unexpected(converted.error());
            std::int64_t n = 0;
            for (auto& [png, text] : *converted) {
                ++n;
                std::string img_id = d.id + ".page-" + std::to_string(n);
                sb.images.push_back(Image{img_id, "", "Page " + std::to_string(n) + " of " + d.title, 0, 0, std::move(png)});
                d.pages.push_back(DocPage{n, img_id, std::move(text)});
            }
        } else if (!pages.empty()) {
            fs::path pdir = p.parent_path() / pages;
            auto pngs = sorted_entries(pdir, ".png", Entries::files);
            auto jpgs = sorted_entries(pdir, ".jpg", Entries::files);
            pngs.insert(pngs.end(), jpgs.begin(), jpgs.end());
            std::sort(pngs.begin(), pngs.end());
            if (pngs.empty()) return src_error(file, "pages: '" + pages + "' has no page images (page-001.png, ...).");
            std::int64_t n = 0;
            for (const auto& img : pngs) {
                ++n;
                std::string img_id = d.id + ".page-" + std::to_string(n);
                auto txt = file_io::read_file(fs::path(img).replace_extension(".txt"), max_text_file);
                sb.images.push_back(Image{img_id, "", "Page " + std::to_string(n) + " of " + d.title, 0, 0, {}});
                auto bytes = file_io::read_file(img, max_image_file);
                if (!bytes) return std::unexpected(bytes.error());
                sb.images.back().data.assign(bytes->begin(), bytes->end());
                d.pages.push_back(DocPage{n, img_id, txt ? *txt : std::string()});
            }
        }
        if (d.body_md.find_first_not_of(" \n\r\t") == std::string::npos && d.pages.empty())
            return src_error(file, "a document needs a markdown body or page images.");
        sb.documents.push_back(std::move(d));
    }
    return {};
}

Status read_images(const fs::path& dir, SourceBundle& sb) {
    fs::path idir = dir / "images";
    std::map<std::string, std::string> alts;
    bool present = false;
    auto alt = load_optional_csv(idir / "images.csv", present);
    if (!alt) return std::unexpected(alt.error());
    if (present) {
        if (auto r = alt->require({"file", "alt"}); !r) return r;
        for (const auto& row : alt->rows) alts[alt->get(row, "file")] = alt->get(row, "alt");
    }
    std::vector<fs::path> files = sorted_entries(idir, ".png", Entries::files);
    for (auto ext : {".jpg", ".jpeg"})
        for (auto& f : sorted_entries(idir, ext, Entries::files)) files.push_back(f);
    for (const auto& f : files) {
        std::string name = f.filename().string();
        auto bytes = file_io::read_file(f, max_image_file);
        if (!bytes) return std::unexpected(bytes.error());
        if (!alts.count(name) || alts[name].empty())
            return src_error("images/" + name, "has no alt text; add a row for it to images/images.csv so people using screen readers know what it shows.");
        Image im{f.stem().string(), "", alts[name], 0, 0, std::vector<std::uint8_t>(bytes->begin(), bytes->end())};
        sb.images.push_back(std::move(im));
    }
    // Probe every image, including page images read above.
    for (auto& im : sb.images) {
        int w = 0, h = 0, comp = 0;
        if (im.data.size() >= 8 && std::memcmp(im.data.data(), "\x89PNG\r\n\x1a\n", 8) == 0) im.mime = "image/png";
        else if (im.data.size() >= 3 && im.data[0] == 0xFF && im.data[1] == 0xD8 && im.data[2] == 0xFF) im.mime = "image/jpeg";
        else return src_error("image '" + im.id + "'", "is neither PNG nor JPEG.");
        if (!stbi_info_from_memory(im.data.data(), static_cast<int>(im.data.size()), &w, &h, &comp) || w <= 0 || h <= 0 || w > limits::image_side_px || h > limits::image_side_px)
            return src_error("image '" + im.id + "'", "cannot be decoded, or is larger than 8192 pixels on a side.");
        im.width = w;
        im.height = h;
    }
    return {};
}

template <class T>
Status unique_ids(const std::vector<T>& items, const std::string& what) {
    std::set<std::string> seen;
    for (const auto& i : items)
        if (!seen.insert(i.id).second) return fail(Reason::source, what + ": the id '" + i.id + "' is used twice.");
    return {};
}

Status check_references(SourceBundle& sb) {
    if (auto s = unique_ids(sb.localities, "localities.csv"); !s) return s;
    if (auto s = unique_ids(sb.periods, "periods.csv"); !s) return s;
    if (auto s = unique_ids(sb.indicators, "indicators.csv"); !s) return s;
    if (auto s = unique_ids(sb.briefings, "briefings"); !s) return s;
    if (auto s = unique_ids(sb.trackers, "trackers.csv"); !s) return s;
    if (auto s = unique_ids(sb.modules, "training"); !s) return s;
    if (auto s = unique_ids(sb.documents, "library"); !s) return s;
    if (auto s = unique_ids(sb.images, "images"); !s) return s;
    std::set<std::string> locs, pers, inds, imgs, docs, trks;
    for (auto& l : sb.localities) locs.insert(l.id);
    for (auto& p : sb.periods) pers.insert(p.id);
    for (auto& i : sb.indicators) inds.insert(i.id);
    for (auto& i : sb.images) imgs.insert(i.id);
    for (auto& d : sb.documents) docs.insert(d.id);
    for (auto& t : sb.trackers) trks.insert(t.id);
    for (auto& l : sb.localities)
        if (!l.parent_id.empty() && !locs.count(l.parent_id))
            return fail(Reason::source, "localities.csv: '" + l.id + "' names a parent '" + l.parent_id + "' that is not listed.");
    for (auto& i : sb.indicators)
        if (!i.numerator_id.empty() && !inds.count(i.numerator_id))
            return fail(Reason::source, "indicators.csv: '" + i.id + "' names a numerator '" + i.numerator_id + "' that is not listed.");
    std::set<std::string> cells;
    for (auto& v : sb.values) {
        std::string where = "values.csv:" + std::to_string(v.source_line) + ": ";
        if (!inds.count(v.indicator_id)) return fail(Reason::source, where + "unknown indicator '" + v.indicator_id + "'.");
        if (!locs.count(v.locality_id)) return fail(Reason::source, where + "unknown locality '" + v.locality_id + "'.");
        if (!pers.count(v.period_id)) return fail(Reason::source, where + "unknown period '" + v.period_id + "'.");
        if (!cells.insert(v.indicator_id + "|" + v.locality_id + "|" + v.period_id).second)
            return fail(Reason::source, where + "this indicator, locality and period already has a value.");
    }
    for (auto& t : sb.tracker_items)
        if (!trks.count(t.tracker_id)) return fail(Reason::source, "tracker_items.csv: item '" + t.id + "' names an unknown tracker '" + t.tracker_id + "'.");
    auto check_md = [&](const std::string& where, const std::string& md) -> Status {
        for (auto& r : image_refs(md))
            if (!imgs.count(r)) return fail(Reason::source, where + ": refers to image '" + r + "', which is not in images/.");
        for (auto& r : doc_refs(md))
            if (!docs.count(r)) return fail(Reason::source, where + ": links to document '" + r + "', which is not in library/.");
        return {};
    };
    for (auto& b : sb.briefings) {
        if (!b.locality_id.empty() && !locs.count(b.locality_id))
            return fail(Reason::source, "briefings/" + b.id + ".md: the locality '" + b.locality_id + "' is not listed in localities.csv.");
        if (auto s = check_md("briefings/" + b.id + ".md", b.body_md); !s) return s;
    }
    for (auto& d : sb.documents)
        if (auto s = check_md("library/" + d.id + ".md", d.body_md); !s) return s;
    for (auto& m : sb.modules)
        for (auto& s : m.slides) {
            std::string where = "training/" + m.id + "/slides.md (slide " + std::to_string(s.ord) + ")";
            if (auto st = check_md(where, s.body_md); !st) return st;
            if (!s.image_id.empty() && !imgs.count(s.image_id)) return fail(Reason::source, where + ": unknown image '" + s.image_id + "'.");
        }
    return {};
}

std::vector<std::string> refs_with_prefix(std::string_view md, std::string_view prefix) {
    std::vector<std::string> out;
    std::string needle = "](" + std::string(prefix);
    std::size_t pos = 0;
    while ((pos = md.find(needle, pos)) != std::string_view::npos) {
        std::size_t start = pos + needle.size();
        std::size_t end = md.find_first_of(") \n", start);
        if (end == std::string_view::npos) break;
        out.emplace_back(md.substr(start, end - start));
        pos = end;
    }
    return out;
}

} // namespace

std::vector<std::string> image_refs(std::string_view md) { return refs_with_prefix(md, "image:"); }
std::vector<std::string> doc_refs(std::string_view md) { return refs_with_prefix(md, "doc:"); }

Result<SourceBundle> read_source(const fs::path& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return fail(Reason::source, dir.string() + " is not a folder.");
    SourceBundle sb;
    for (auto step : {read_manifest_json, read_figures, read_trackers, read_briefings, read_training, read_library, read_images, read_meetings}) {
        if (auto s = step(dir, sb); !s) return std::unexpected(s.error());
    }
    if (auto s = check_references(sb); !s) return std::unexpected(s.error());
    if (auto s = check_meetings(sb); !s) return std::unexpected(s.error());
    if (sb.format == "kiosk-bundle/1" && (!sb.meetings.empty() || !sb.demo_clock.empty()))
        return fail(Reason::source, "bundle.json: \"format\" is kiosk-bundle/1, which has no meetings or demo clock; remove meetings.csv and \"demo_clock\", or build kiosk-bundle/2.");
    return sb;
}

} // namespace content
