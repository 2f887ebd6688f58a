// Writing a source folder into a bundle file; see bundle_builder.hpp.
#include "content/bundle_builder.hpp"
#include "content/disclosure.hpp"
#include "content/file_io.hpp"
#include "content/manifest.hpp"
#include "content/schema.hpp"
#include "content/source_folder.hpp"
#include "content/sqlite.hpp"
#include "content/text_util.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <ctime>
#include <unistd.h>

namespace fs = std::filesystem;

namespace content {
namespace {

// kiosk-bundle/2 only when the source needs it (meetings or a demo clock) or
// asks for it, so that a source without meetings still builds a bundle that
// kiosks reading only kiosk-bundle/1 accept (FORMAT.md section 9).
schema::FormatVersion version_for(const SourceBundle& sb) {
    if (sb.format == schema::format_v1) return schema::FormatVersion::v1;
    if (sb.format == schema::format_v2 || !sb.meetings.empty() || !sb.demo_clock.empty()) return schema::FormatVersion::v2;
    return schema::FormatVersion::v1;
}

Status write_meetings(sql::Db& db, const SourceBundle& sb) {
    auto mt = db.prepare("INSERT INTO meetings VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)");
    if (!mt) return std::unexpected(mt.error());
    auto it = db.prepare("INSERT INTO meeting_items VALUES (?1,?2,?3,?4,?5,?6,?7)");
    if (!it) return std::unexpected(it.error());
    auto opt = [](const std::string& v) { return v.empty() ? std::nullopt : std::optional(v); };
    for (auto& m : sb.meetings) {
        mt->bind(1, m.id).bind(2, m.title).bind(3, m.kind).bind(4, m.starts).bind(5, m.ends).bind(6, m.place).bind_opt(7, opt(m.locality_id)).bind_opt(10, opt(m.notes));
        if (m.lead_item > 0) mt->bind(8, m.lead_item);
        else mt->bind_null(8);
        if (m.lead_minutes >= 0) mt->bind(9, m.lead_minutes);
        else mt->bind_null(9);
        if (auto s = mt->run(); !s) return s;
        for (auto& i : m.items)
            if (auto s = it->bind(1, m.id).bind(2, i.ord).bind(3, i.number).bind(4, i.title).bind(5, i.kind).bind_opt(6, opt(i.ref)).bind_opt(7, opt(i.note)).run(); !s)
                return s;
    }
    return {};
}


Status write_content(sql::Db& db, const SourceBundle& sb) {
#define TRY(expr) do { if (auto s_ = (expr); !s_) return std::unexpected(s_.error()); } while (0)
#define PREP(var, sqltext) auto var = db.prepare(sqltext); if (!var) return std::unexpected(var.error())
    PREP(loc, "INSERT INTO localities VALUES (?1,?2,?3,?4,?5,?6)");
    for (auto& l : sb.localities)
        TRY(loc->bind(1, l.id).bind(2, l.name).bind(3, l.kind).bind_opt(4, l.parent_id.empty() ? std::nullopt : std::optional(l.parent_id))
                .bind(5, l.sort_order).bind_opt(6, l.note.empty() ? std::nullopt : std::optional(l.note)).run());
    PREP(per, "INSERT INTO periods VALUES (?1,?2,?3,?4,?5)");
    for (auto& p : sb.periods) TRY(per->bind(1, p.id).bind(2, p.label).bind(3, p.start_date).bind(4, p.end_date).bind(5, p.sort_order).run());
    PREP(ind, "INSERT INTO indicators VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)");
    for (auto& i : sb.indicators)
        TRY(ind->bind(1, i.id).bind(2, i.title).bind(3, i.definition).bind(4, unit_name(i.unit)).bind(5, polarity_name(i.polarity))
                .bind(6, i.source).bind_opt(7, i.numerator_id.empty() ? std::nullopt : std::optional(i.numerator_id))
                .bind(8, std::int64_t{i.additive ? 1 : 0}).bind(9, i.sort_order).run());
    PREP(val, "INSERT INTO indicator_values VALUES (?1,?2,?3,?4,?5,?6)");
    for (auto& v : sb.values)
        TRY(val->bind(1, v.indicator_id).bind(2, v.locality_id).bind(3, v.period_id).bind_opt(4, v.value)
                .bind_opt(5, v.marker.empty() ? std::nullopt : std::optional(v.marker)).bind_opt(6, v.note.empty() ? std::nullopt : std::optional(v.note)).run());
    PREP(search, "INSERT INTO search(title, body, kind, ref) VALUES (?1,?2,?3,?4)");
    PREP(brf, "INSERT INTO briefings VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)");
    for (auto& b : sb.briefings) {
        TRY(brf->bind(1, b.id).bind(2, b.title).bind(3, b.kind).bind(4, b.audience).bind(5, b.date)
                .bind_opt(6, b.locality_id.empty() ? std::nullopt : std::optional(b.locality_id)).bind(7, b.summary).bind(8, b.body_md).bind(9, b.sources).run());
        TRY(search->bind(1, b.title).bind(2, markdown_to_plain(b.summary + "\n\n" + b.body_md)).bind(3, "briefing").bind(4, b.id).run());
    }
    PREP(trk, "INSERT INTO trackers VALUES (?1,?2,?3,?4,?5,?6)");
    for (auto& t : sb.trackers) TRY(trk->bind(1, t.id).bind(2, t.title).bind(3, t.kind).bind(4, t.source).bind(5, t.description).bind(6, t.sort_order).run());
    PREP(itm, "INSERT INTO tracker_items VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)");
    for (auto& t : sb.tracker_items)
        TRY(itm->bind(1, t.tracker_id).bind(2, t.id).bind(3, t.ref).bind(4, t.title).bind(5, t.owner)
                .bind_opt(6, t.due_date.empty() ? std::nullopt : std::optional(t.due_date)).bind(7, t.rag).bind(8, t.progress).bind(9, t.response)
                .bind(10, t.sort_order).run());
    PREP(mod, "INSERT INTO modules VALUES (?1,?2,?3,?4,?5,?6,?7,?8)");
    PREP(sld, "INSERT INTO slides VALUES (?1,?2,?3,?4,?5,?6)");
    PREP(qst, "INSERT INTO questions VALUES (?1,?2,?3,?4,?5,?6)");
    for (auto& m : sb.modules) {
        TRY(mod->bind(1, m.id).bind(2, m.title).bind(3, m.audience).bind(4, m.duration_min).bind(5, json_string_list(m.outcomes)).bind(6, m.summary)
                .bind(7, m.sources).bind(8, m.sort_order).run());
        for (auto& s : m.slides) {
            TRY(sld->bind(1, m.id).bind(2, s.ord).bind(3, s.title).bind(4, s.body_md).bind(5, s.notes)
                    .bind_opt(6, s.image_id.empty() ? std::nullopt : std::optional(s.image_id)).run());
            std::string body = s.body_md;
            if (s.question) {
                TRY(qst->bind(1, m.id).bind(2, s.ord).bind(3, s.question->prompt).bind(4, json_string_list(s.question->options))
                        .bind(5, std::int64_t{s.question->answer}).bind(6, s.question->explanation).run());
                body += "\n\n" + s.question->prompt;
            }
            TRY(search->bind(1, m.title + ": " + s.title).bind(2, markdown_to_plain(body)).bind(3, "slide").bind(4, m.id + ":" + std::to_string(s.ord)).run());
        }
    }
    PREP(doc, "INSERT INTO documents VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)");
    PREP(pg, "INSERT INTO document_pages VALUES (?1,?2,?3,?4)");
    for (auto& d : sb.documents) {
        TRY(doc->bind(1, d.id).bind(2, d.title).bind(3, d.category).bind(4, d.organisation).bind(5, d.published)
                .bind_opt(6, d.review_date.empty() ? std::nullopt : std::optional(d.review_date)).bind(7, d.summary)
                .bind(8, static_cast<std::int64_t>(d.pages.size())).bind(9, d.sources)
                .bind_opt(10, d.body_md.empty() ? std::nullopt : std::optional(d.body_md)).run());
        // Markdown goes through the reader's parser; page texts are plain already.
        std::string text = markdown_to_plain(d.summary + "\n\n" + d.body_md);
        for (auto& p : d.pages) {
            TRY(pg->bind(1, d.id).bind(2, p.page).bind(3, p.image_id).bind(4, p.text).run());
            text += "\n" + p.text;
        }
        TRY(search->bind(1, d.title).bind(2, text).bind(3, "document").bind(4, d.id).run());
    }
    PREP(img, "INSERT INTO images VALUES (?1,?2,?3,?4,?5,?6)");
    for (auto& i : sb.images)
        TRY(img->bind(1, i.id).bind(2, i.mime).bind(3, std::int64_t{i.width}).bind(4, std::int64_t{i.height}).bind(5, i.alt)
                .bind_blob(6, i.data.data(), i.data.size()).run());
    if (version_for(sb) == schema::FormatVersion::v2) TRY(write_meetings(db, sb));
#undef PREP
#undef TRY
    return {};
}

std::string summary_json(const SourceBundle& sb) {
    std::size_t slides = 0, questions = 0, pages = 0, localities = 0;
    for (auto& m : sb.modules) {
        slides += m.slides.size();
        for (auto& s : m.slides) questions += s.question ? 1 : 0;
    }
    for (auto& d : sb.documents) pages += d.pages.size();
    for (auto& l : sb.localities) localities += l.kind == "locality" ? 1 : 0;
    nlohmann::json j = {{"localities", localities}, {"areas", sb.localities.size()}, {"periods", sb.periods.size()},
                        {"indicators", sb.indicators.size()}, {"values", sb.values.size()}, {"briefings", sb.briefings.size()},
                        {"trackers", sb.trackers.size()}, {"actions", sb.tracker_items.size()}, {"modules", sb.modules.size()},
                        {"slides", slides}, {"questions", questions}, {"documents", sb.documents.size()}, {"pages", pages},
                        {"images", sb.images.size()}};
    if (version_for(sb) == schema::FormatVersion::v2) j["meetings"] = sb.meetings.size();
    return j.dump();
}

// The manifest a build writes for `sb`, except `created` (the caller's).
Manifest manifest_for(const SourceBundle& sb) {
    Manifest m;
    m.format = std::string(schema::format_name(version_for(sb)));
    m.demo_clock = sb.demo_clock;
    m.channel = sb.channel;
    m.version = sb.version;
    m.title = sb.title;
    m.min_kiosk_version = sb.min_kiosk_version;
    m.publisher = sb.publisher;
    m.disclosure_threshold = sb.disclosure_threshold;
    m.expires = parse_utc(sb.expires).value_or(0);
    if (sb.created) m.created = parse_utc(*sb.created).value_or(0);
    nlohmann::json ov = nlohmann::json::array();
    for (auto& o : sb.overrides) ov.push_back({{"pattern", o.pattern}, {"field", o.field}, {"reason", o.reason}});
    m.lint_overrides_json = ov.dump();
    m.summary_json = summary_json(sb);
    return m;
}

} // namespace

Status write_check_database(sql::Db& db, const SourceBundle& sb) {
    if (auto s = db.exec(schema::ddl(version_for(sb))); !s) return std::unexpected(s.error());
    if (auto s = write_manifest(db, manifest_for(sb)); !s) return std::unexpected(s.error());
    return write_content(db, sb);
}

Status check_text_limits(const SourceBundle& sb) {
    auto db = sql::Db::open(":memory:", sql::OpenMode::read_write_create);
    if (!db) return std::unexpected(db.error());
    if (auto s = write_check_database(*db, sb); !s) return std::unexpected(s.error());
    if (auto s = schema::check_lengths(*db); !s) return fail(Reason::source, "In the source: " + s.error().message);
    return {};
}

Result<BuildReport> build_bundle(const fs::path& src_dir, const fs::path& out, const BuildOptions& opts) {
    auto sb = read_source(src_dir);
    if (!sb) return std::unexpected(sb.error());
    return build_bundle_from_model(*sb, out, opts);
}

Result<BuildReport> build_bundle_from_model(const SourceBundle& source, const fs::path& out, const BuildOptions& opts) {
    const SourceBundle* sb = &source;
    auto disc = check_disclosure({sb->localities, sb->indicators, sb->values, sb->disclosure_threshold});
    if (!disc) return std::unexpected(disc.error());

    if (!valid_version(sb->min_kiosk_version))
        return fail(Reason::source, "bundle.json: \"min_kiosk_version\" (" + sb->min_kiosk_version + ") must be dotted numbers such as 0.1.0.");
    Manifest m = manifest_for(*sb);
    if (opts.created) m.created = *opts.created;
    else if (sb->created) m.created = *parse_utc(*sb->created);
    else if (const char* sde = std::getenv("SOURCE_DATE_EPOCH")) m.created = std::strtoll(sde, nullptr, 10);
    else m.created = static_cast<std::int64_t>(std::time(nullptr));
    if (m.expires <= m.created) return fail(Reason::source, "bundle.json: \"expires\" (" + sb->expires + ") is not after the creation time " + format_utc(m.created) + ".");

    fs::path dir = out.has_parent_path() ? out.parent_path() : fs::path(".");
    fs::path tmp = dir / ("." + out.filename().string() + ".building-" + std::to_string(::getpid()));
    std::error_code ec;
    fs::remove(tmp, ec);
    auto cleanup = [&](Error e) -> Result<BuildReport> {
        std::error_code ec2;
        fs::remove(tmp, ec2);
        fs::remove(fs::path(tmp.string() + "-journal"), ec2);
        return std::unexpected(std::move(e));
    };
    {
        auto db = sql::Db::open(tmp, sql::OpenMode::read_write_create);
        if (!db) return cleanup(db.error());
        for (auto stmt : {"PRAGMA journal_mode=DELETE", "PRAGMA page_size=4096", "PRAGMA synchronous=FULL"})
            if (auto s = db->exec(stmt); !s) return cleanup(s.error());
        if (auto s = db->exec("BEGIN"); !s) return cleanup(s.error());
        if (auto s = db->exec(schema::ddl(version_for(*sb))); !s) return cleanup(s.error());
        if (auto s = write_manifest(*db, m); !s) return cleanup(s.error());
        if (auto s = write_content(*db, *sb); !s) return cleanup(s.error());
        if (auto s = schema::check_lengths(*db); !s) return cleanup(Error{Reason::source, "In the source: " + s.error().message});
        if (auto s = db->exec("INSERT INTO search_titles(rowid, title, kind) SELECT rowid, title, kind FROM search"); !s) return cleanup(s.error());
        if (auto s = db->exec("INSERT INTO search(search) VALUES('optimize')"); !s) return cleanup(s.error());
        if (auto s = db->exec("INSERT INTO search_titles(search_titles) VALUES('optimize')"); !s) return cleanup(s.error());
        if (auto s = db->exec("COMMIT"); !s) return cleanup(s.error());
        if (auto s = db->exec("VACUUM"); !s) return cleanup(s.error());
    }
    if (auto s = file_io::fsync_file(tmp); !s) return cleanup(s.error());
    if (::rename(tmp.c_str(), out.c_str()) != 0) return cleanup(file_io::from_errno(errno, "renaming into", out));
    if (auto s = file_io::fsync_dir(dir); !s) return std::unexpected(s.error());
    fs::remove(fs::path(out.string() + ".minisig"), ec);  // it signed the old bytes
    return BuildReport{m.channel, m.version, m.summary_json, sb->warnings};
}

} // namespace content
