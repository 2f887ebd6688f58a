// Reading model objects out of a verified bundle; see bundle_reader.hpp.
#include "content/bundle_reader.hpp"

#include "content/text_util.hpp"

#include <algorithm>

namespace content {
Result<BundleReader> BundleReader::open(const std::filesystem::path& path) {
    auto db = sql::Db::open(path, sql::OpenMode::read_only_immutable);
    if (!db) return std::unexpected(db.error());
    // 1 MB of page cache per bundle (SQLite's default is 2 MB): the indexes
    // are read by key, and the OS page cache holds the file anyway.
    (void)db->exec("PRAGMA cache_size=-1024");
    return BundleReader(std::move(*db));
}

Result<sql::Stmt*> BundleReader::statement(const std::string& sql) {
    auto it = m_statements->find(sql);
    if (it == m_statements->end()) {
        auto st = m_db.prepare(sql);
        if (!st) return std::unexpected(st.error());
        it = m_statements->emplace(sql, std::move(*st)).first;
    }
    it->second.reset();
    return &it->second;
}

Result<Manifest> BundleReader::manifest() { return read_manifest(m_db); }

Result<std::vector<Locality>> BundleReader::localities() {
    return sql::collect<Locality>(m_db, "SELECT id,name,kind,coalesce(parent_id,''),sort_order,coalesce(note,'') FROM localities ORDER BY sort_order",
                             [](sql::Stmt& s) { return Locality{s.text(0), s.text(1), s.text(2), s.text(3), s.int64(4), s.text(5)}; });
}

Result<std::vector<Period>> BundleReader::periods() {
    return sql::collect<Period>(m_db, "SELECT id,label,start_date,end_date,sort_order FROM periods ORDER BY sort_order",
                           [](sql::Stmt& s) { return Period{s.text(0), s.text(1), s.text(2), s.text(3), s.int64(4)}; });
}

Result<std::vector<Indicator>> BundleReader::indicators() {
    return sql::collect<Indicator>(m_db, "SELECT id,title,definition,unit,polarity,source,coalesce(numerator_id,''),additive,sort_order FROM indicators ORDER BY sort_order",
                              [](sql::Stmt& s) {
                                  Indicator i;
                                  i.id = s.text(0);
                                  i.title = s.text(1);
                                  i.definition = s.text(2);
                                  i.unit = parse_unit(s.text(3)).value_or(Unit::count);
                                  i.polarity = parse_polarity(s.text(4)).value_or(Polarity::neutral);
                                  i.source = s.text(5);
                                  i.numerator_id = s.text(6);
                                  i.additive = s.int64(7) != 0;
                                  i.sort_order = s.int64(8);
                                  return i;
                              });
}

Result<std::vector<Value>> BundleReader::values() {
    return sql::collect<Value>(m_db, "SELECT indicator_id,locality_id,period_id,value,coalesce(marker,''),coalesce(note,'') FROM indicator_values",
                          [](sql::Stmt& s) {
                              Value v;
                              v.indicator_id = s.text(0);
                              v.locality_id = s.text(1);
                              v.period_id = s.text(2);
                              if (!s.is_null(3)) v.value = s.real(3);
                              v.marker = s.text(4);
                              v.note = s.text(5);
                              return v;
                          });
}

Result<std::vector<Briefing>> BundleReader::briefings() {
    return sql::collect<Briefing>(m_db, "SELECT id,title,kind,audience,date,coalesce(locality_id,''),coalesce(summary,''),body_md,coalesce(sources,'') FROM briefings ORDER BY date DESC, id",
                             [](sql::Stmt& s) {
                                 return Briefing{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7), s.text(8)};
                             });
}

Result<std::vector<Tracker>> BundleReader::trackers() {
    return sql::collect<Tracker>(m_db, "SELECT id,title,kind,source,coalesce(description,''),sort_order FROM trackers ORDER BY sort_order",
                            [](sql::Stmt& s) { return Tracker{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.int64(5)}; });
}

Result<std::vector<TrackerItem>> BundleReader::tracker_items() {
    return sql::collect<TrackerItem>(m_db, "SELECT tracker_id,id,ref,title,owner,coalesce(due_date,''),rag,coalesce(progress,''),coalesce(response,''),sort_order FROM tracker_items ORDER BY tracker_id, sort_order",
                                [](sql::Stmt& s) {
                                    return TrackerItem{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7), s.text(8), s.int64(9)};
                                });
}

Result<std::vector<Meeting>> BundleReader::meetings() {
    // A kiosk-bundle/1 bundle has no meetings tables: it has no meetings.
    auto has = m_db.query_int("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('meetings', 'meeting_items')");
    if (!has) return std::unexpected(has.error());
    if (*has != 2) return std::vector<Meeting>{};
    auto out = sql::collect<Meeting>(
        m_db, "SELECT id,title,kind,starts,ends,place,coalesce(locality_id,''),coalesce(lead_item,0),coalesce(lead_minutes,-1),coalesce(notes,'') FROM meetings ORDER BY starts, id",
        [](sql::Stmt& s) {
            return Meeting{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.int64(7), s.int64(8), s.text(9), {}};
        });
    if (!out) return out;
    auto st = m_db.prepare("SELECT ord,number,title,kind,coalesce(ref,''),coalesce(note,'') FROM meeting_items WHERE meeting_id=?1 ORDER BY ord");
    if (!st) return std::unexpected(st.error());
    for (auto& m : *out) {
        st->bind(1, std::string_view(m.id));
        auto items = sql::collect<MeetingItem>(*st, [](sql::Stmt& s) {
            return MeetingItem{s.int64(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5)};
        });
        if (!items) return std::unexpected(items.error());
        m.items = std::move(*items);
        st->reset();
    }
    return out;
}

Result<std::vector<Module>> BundleReader::modules() {
    auto mods = sql::collect<Module>(m_db, "SELECT id,title,audience,duration_min,outcomes,coalesce(summary,''),coalesce(sources,''),sort_order FROM modules ORDER BY sort_order",
                                [](sql::Stmt& s) {
                                    Module m;
                                    m.id = s.text(0);
                                    m.title = s.text(1);
                                    m.audience = s.text(2);
                                    m.duration_min = s.int64(3);
                                    m.outcomes = parse_json_string_list(s.text(4));
                                    m.summary = s.text(5);
                                    m.sources = s.text(6);
                                    m.sort_order = s.int64(7);
                                    return m;
                                });
    if (!mods) return mods;
    auto st = m_db.prepare("SELECT s.ord,s.title,s.body_md,coalesce(s.notes,''),coalesce(s.image_id,''),q.prompt,q.options,q.answer,q.explanation "
                           "FROM slides s LEFT JOIN questions q ON q.module_id=s.module_id AND q.slide_ord=s.ord WHERE s.module_id=?1 ORDER BY s.ord");
    if (!st) return std::unexpected(st.error());
    for (auto& m : *mods) {
        st->bind(1, std::string_view(m.id));
        for (;;) {
            auto row = st->step();
            if (!row) return std::unexpected(row.error());
            if (!*row) break;
            Slide sl{st->int64(0), st->text(1), st->text(2), st->text(3), st->text(4), std::nullopt};
            if (!st->is_null(5)) {
                Question q{st->text(5), parse_json_string_list(st->text(6)), static_cast<int>(st->int64(7)), st->text(8)};
                if (q.answer >= 0 && q.answer < static_cast<int>(q.options.size())) sl.question = std::move(q);
            }
            m.slides.push_back(std::move(sl));
        }
        st->reset();
    }
    return mods;
}

Result<std::vector<DocumentHeader>> BundleReader::document_headers() {
    // Sized first: at 10,000 documents, growing the vector moved every header
    // about twice, a tenth of the catalog's load time.
    auto n = m_db.query_int("SELECT count(*) FROM documents");
    if (!n) return std::unexpected(n.error());
    return sql::collect<DocumentHeader>(m_db, "SELECT id,title,category,organisation,published,coalesce(review_date,''),page_count FROM documents",
                                   [](sql::Stmt& s) {
                                       return DocumentHeader{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.int64(6)};
                                   },
                                   static_cast<std::size_t>(std::clamp<std::int64_t>(*n, 0, 1 << 20)));
}

Result<Document> BundleReader::document(const std::string& id) {
    auto st = m_db.prepare("SELECT id,title,category,organisation,published,coalesce(review_date,''),summary,coalesce(body_md,''),coalesce(sources,'') FROM documents WHERE id=?1");
    if (!st) return std::unexpected(st.error());
    st->bind(1, std::string_view(id));
    auto row = st->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return fail(Reason::not_found, "There is no document '" + id + "'.");
    Document d{st->text(0), st->text(1), st->text(2), st->text(3), st->text(4), st->text(5), st->text(6), st->text(7), st->text(8), {}};
    auto ps = m_db.prepare("SELECT page,image_id,text FROM document_pages WHERE document_id=?1 ORDER BY page");
    if (!ps) return std::unexpected(ps.error());
    ps->bind(1, std::string_view(id));
    for (;;) {
        auto r = ps->step();
        if (!r) return std::unexpected(r.error());
        if (!*r) break;
        d.pages.push_back(DocPage{ps->int64(0), ps->text(1), ps->text(2)});
    }
    return d;
}

Result<Image> BundleReader::image(const std::string& id) {
    auto st = m_db.prepare("SELECT id,mime,alt,width,height,data FROM images WHERE id=?1");
    if (!st) return std::unexpected(st.error());
    st->bind(1, std::string_view(id));
    auto row = st->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return fail(Reason::not_found, "There is no image '" + id + "'.");
    return Image{st->text(0), st->text(1), st->text(2), static_cast<int>(st->int64(3)), static_cast<int>(st->int64(4)), st->blob(5)};
}

} // namespace content
