// Reading a publisher's source folder into the model; see source_folder.hpp.
#include "content/source_folder.hpp"
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
namespace {

constexpr std::uint64_t max_text_file = limits::source_file_bytes;
constexpr std::uint64_t max_image_file = limits::image_file_bytes;

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

std::vector<fs::path> sorted_entries(const fs::path& dir, const std::string& ext, bool dirs) {
    std::vector<fs::path> out;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return out;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        if (dirs ? e.is_directory() : (e.is_regular_file() && e.path().extension() == ext)) out.push_back(e.path());
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

Status check_date(const std::string& where, const std::string& field, const std::string& v, bool optional) {
    if (v.empty() && optional) return {};
    if (!parse_date(v)) return src_error(where, "'" + field + "' must be a date like 2014-05-13, not '" + v + "'.");
    return {};
}

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

Status read_figures(const fs::path& dir, SourceBundle& sb) {
    bool present = false;
    auto loc = load_optional_csv(dir / "localities.csv", present);
    if (!loc) return std::unexpected(loc.error());
    if (present) {
        if (auto r = loc->require({"id", "name", "kind"}); !r) return r;
        std::int64_t order = 0;
        for (const auto& row : loc->rows) {
            Locality l{loc->get(row, "id"), loc->get(row, "name"), loc->get(row, "kind"), loc->get(row, "parent_id"), order++, loc->get(row, "note")};
            if (!valid_id(l.id)) return src_error(loc->where(row), "the id '" + l.id + "' must be lower-case letters, digits, '-', '_' or '.'.");
            if (l.kind != "locality" && l.kind != "area" && l.kind != "comparator")
                return src_error(loc->where(row), "kind must be locality, area or comparator, not '" + l.kind + "'.");
            if (l.name.empty()) return src_error(loc->where(row), "the name is empty.");
            sb.localities.push_back(std::move(l));
        }
    }
    auto per = load_optional_csv(dir / "periods.csv", present);
    if (!per) return std::unexpected(per.error());
    if (present) {
        if (auto r = per->require({"id", "label", "start_date", "end_date"}); !r) return r;
        std::int64_t order = 0;
        for (const auto& row : per->rows) {
            Period p{per->get(row, "id"), per->get(row, "label"), per->get(row, "start_date"), per->get(row, "end_date"), order++};
            if (!valid_id(p.id)) return src_error(per->where(row), "the period id '" + p.id + "' is not a valid id.");
            if (auto s = check_date(per->where(row), "start_date", p.start_date, false); !s) return s;
            if (auto s = check_date(per->where(row), "end_date", p.end_date, false); !s) return s;
            sb.periods.push_back(std::move(p));
        }
    }
    auto ind = load_optional_csv(dir / "indicators.csv", present);
    if (!ind) return std::unexpected(ind.error());
    if (present) {
        if (auto r = ind->require({"id", "title", "definition", "unit", "polarity", "source"}); !r) return r;
        std::int64_t order = 0;
        for (const auto& row : ind->rows) {
            Indicator i;
            i.id = ind->get(row, "id");
            i.title = ind->get(row, "title");
            i.definition = ind->get(row, "definition");
            i.source = ind->get(row, "source");
            i.numerator_id = ind->get(row, "numerator_id");
            i.sort_order = order++;
            auto u = parse_unit(ind->get(row, "unit"));
            if (!u) return src_error(ind->where(row), "unit must be count, rate_per_10000 or percent, not '" + ind->get(row, "unit") + "'.");
            i.unit = *u;
            auto p = parse_polarity(ind->get(row, "polarity"));
            if (!p) return src_error(ind->where(row), "polarity must be higher_is_better, lower_is_better or neutral.");
            i.polarity = *p;
            std::string add = ind->get(row, "additive");
            if (!add.empty() && add != "yes" && add != "no") return src_error(ind->where(row), "additive must be yes or no.");
            i.additive = add == "yes";
            if (i.additive && i.unit != Unit::count) return src_error(ind->where(row), "only counts can be additive; rates and percentages do not sum.");
            if (!valid_id(i.id)) return src_error(ind->where(row), "the indicator id '" + i.id + "' is not a valid id.");
            if (i.source.empty()) return src_error(ind->where(row), "every indicator must name its source.");
            sb.indicators.push_back(std::move(i));
        }
    }
    auto val = load_optional_csv(dir / "values.csv", present);
    if (!val) return std::unexpected(val.error());
    if (present) {
        if (auto r = val->require({"indicator_id", "locality_id", "period_id", "value"}); !r) return r;
        for (const auto& row : val->rows) {
            auto v = parse_value_cell(val->get(row, "value"));
            if (!v) return src_error(val->where(row), "the value '" + val->get(row, "value") + "' is neither a number nor a GSS marker such as [c], [x], [z], [low], [u].");
            if (v->value && *v->value < 0)
                return src_error(val->where(row), "the value '" + val->get(row, "value") + "' is negative; counts, rates and percentages cannot be.");
            v->indicator_id = val->get(row, "indicator_id");
            v->locality_id = val->get(row, "locality_id");
            v->period_id = val->get(row, "period_id");
            v->note = val->get(row, "note");
            v->source_line = row.line;
            sb.values.push_back(std::move(*v));
        }
    }
    return {};
}

Status read_trackers(const fs::path& dir, SourceBundle& sb) {
    bool present = false;
    auto tr = load_optional_csv(dir / "trackers.csv", present);
    if (!tr) return std::unexpected(tr.error());
    if (present) {
        if (auto r = tr->require({"id", "title", "kind", "source"}); !r) return r;
        std::int64_t order = 0;
        for (const auto& row : tr->rows) {
            Tracker t{tr->get(row, "id"), tr->get(row, "title"), tr->get(row, "kind"), tr->get(row, "source"), tr->get(row, "description"), order++};
            if (!valid_id(t.id)) return src_error(tr->where(row), "the tracker id '" + t.id + "' is not a valid id.");
            sb.trackers.push_back(std::move(t));
        }
    }
    auto it = load_optional_csv(dir / "tracker_items.csv", present);
    if (!it) return std::unexpected(it.error());
    if (present) {
        if (auto r = it->require({"tracker_id", "id", "ref", "title", "owner", "due_date", "rag"}); !r) return r;
        std::int64_t order = 0;
        for (const auto& row : it->rows) {
            TrackerItem t{it->get(row, "tracker_id"), it->get(row, "id"), it->get(row, "ref"), it->get(row, "title"), it->get(row, "owner"),
                          it->get(row, "due_date"), it->get(row, "rag"), it->get(row, "progress"), it->get(row, "response"), order++};
            if (t.rag != "red" && t.rag != "amber" && t.rag != "green" && t.rag != "complete")
                return src_error(it->where(row), "rag must be red, amber, green or complete, not '" + t.rag + "'.");
            if (auto s = check_date(it->where(row), "due_date", t.due_date, true); !s) return s;
            if (t.owner.empty()) return src_error(it->where(row), "every action needs an owner.");
            sb.tracker_items.push_back(std::move(t));
        }
    }
    return {};
}

Status read_briefings(const fs::path& dir, SourceBundle& sb) {
    for (const auto& p : sorted_entries(dir / "briefings", ".md", false)) {
        auto text = file_io::read_file(p, max_text_file);
        if (!text) return std::unexpected(text.error());
        std::string file = "briefings/" + p.filename().string();
        auto fm = parse_front_matter(*text, file);
        if (!fm) return std::unexpected(fm.error());
        Briefing b{fm->get("id", p.stem().string()), fm->get("title"), fm->get("kind", "briefing"), fm->get("audience", "Elected members"),
                   fm->get("date"), fm->get("locality"), fm->get("summary"), fm->body, join_sources(*fm)};
        if (b.title.empty()) return src_error(file, "the metadata block needs a title.");
        if (!valid_id(b.id)) return src_error(file, "the id '" + b.id + "' is not a valid id.");
        if (auto s = check_date(file, "date", b.date, false); !s) return s;
        sb.briefings.push_back(std::move(b));
    }
    return {};
}

Status read_training(const fs::path& dir, SourceBundle& sb) {
    std::int64_t order = 0;
    for (const auto& mdir : sorted_entries(dir / "training", "", true)) {
        std::string base = "training/" + mdir.filename().string();
        auto text = file_io::read_file(mdir / "module.md", max_text_file);
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
        auto stext = file_io::read_file(mdir / "slides.md", max_text_file);
        if (!stext) return fail(stext.error().reason, base + "/slides.md: " + stext.error().message);
        auto slides = parse_slides(*stext, base + "/slides.md");
        if (!slides) return std::unexpected(slides.error());
        m.slides = std::move(*slides);
        sb.modules.push_back(std::move(m));
    }
    return {};
}

Status read_library(const fs::path& dir, SourceBundle& sb) {
    for (const auto& p : sorted_entries(dir / "library", ".md", false)) {
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
        if (auto s = check_date(file, "published", d.published, false); !s) return s;
        if (auto s = check_date(file, "review_date", d.review_date, true); !s) return s;
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
            auto pngs = sorted_entries(pdir, ".png", false);
            auto jpgs = sorted_entries(pdir, ".jpg", false);
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
    std::vector<fs::path> files = sorted_entries(idir, ".png", false);
    for (auto ext : {".jpg", ".jpeg"})
        for (auto& f : sorted_entries(idir, ext, false)) files.push_back(f);
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

std::optional<Value> parse_value_cell(const std::string& raw) {
    std::string cell = trim(raw);
    Value v;
    if (cell.empty()) return std::nullopt;
    std::string num = cell;
    auto br = cell.find('[');
    if (br != std::string::npos) {
        v.marker = trim(cell.substr(br));
        num = trim(cell.substr(0, br));
        if (!is_known_marker(v.marker)) return std::nullopt;
        if (is_suppression_marker(v.marker)) {
            if (!num.empty()) return std::nullopt;  // "[c]" must stand alone: no value behind it
            return v;
        }
    }
    if (num.empty()) return std::nullopt;
    char* end = nullptr;
    double d = std::strtod(num.c_str(), &end);
    if (*end != '\0' || !std::isfinite(d)) return std::nullopt;
    v.value = d;
    return v;
}

Result<std::vector<Slide>> parse_slides(std::string_view text, const std::string& file) {
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
