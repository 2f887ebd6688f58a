// The bundle schema's CREATE statements, one set for each format version;
// see schema.hpp (ddl) and FORMAT.md section 3. schema.cpp checks bundles
// against them.
#include "content/schema.hpp"

#include <string>

namespace content::schema {
namespace {

constexpr std::string_view k_ddl = R"SQL(
CREATE TABLE manifest(
  key TEXT PRIMARY KEY NOT NULL,
  value ANY
) STRICT;
CREATE TABLE localities(
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('locality','area','comparator')),
  parent_id TEXT,
  sort_order INTEGER NOT NULL DEFAULT 0,
  note TEXT
) STRICT;
CREATE TABLE periods(
  id TEXT PRIMARY KEY NOT NULL,
  label TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  sort_order INTEGER NOT NULL
) STRICT;
CREATE TABLE indicators(
  id TEXT PRIMARY KEY NOT NULL,
  title TEXT NOT NULL,
  definition TEXT NOT NULL,
  unit TEXT NOT NULL CHECK (unit IN ('count','rate_per_10000','percent')),
  polarity TEXT NOT NULL CHECK (polarity IN ('higher_is_better','lower_is_better','neutral')),
  source TEXT NOT NULL,
  numerator_id TEXT,
  additive INTEGER NOT NULL DEFAULT 0,
  sort_order INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE indicator_values(
  indicator_id TEXT NOT NULL,
  locality_id TEXT NOT NULL,
  period_id TEXT NOT NULL,
  value REAL,
  marker TEXT,
  note TEXT,
  PRIMARY KEY (indicator_id, locality_id, period_id)
) STRICT;
CREATE TABLE briefings(
  id TEXT PRIMARY KEY NOT NULL,
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  audience TEXT NOT NULL,
  date TEXT NOT NULL,
  locality_id TEXT,
  summary TEXT,
  body_md TEXT NOT NULL,
  sources TEXT
) STRICT;
CREATE TABLE trackers(
  id TEXT PRIMARY KEY NOT NULL,
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  source TEXT NOT NULL,
  description TEXT,
  sort_order INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE tracker_items(
  tracker_id TEXT NOT NULL,
  id TEXT NOT NULL,
  ref TEXT NOT NULL,
  title TEXT NOT NULL,
  owner TEXT NOT NULL,
  due_date TEXT,
  rag TEXT NOT NULL CHECK (rag IN ('red','amber','green','complete')),
  progress TEXT,
  response TEXT,
  sort_order INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (tracker_id, id)
) STRICT;
CREATE TABLE modules(
  id TEXT PRIMARY KEY NOT NULL,
  title TEXT NOT NULL,
  audience TEXT NOT NULL,
  duration_min INTEGER NOT NULL,
  outcomes TEXT NOT NULL,
  summary TEXT,
  sources TEXT,
  sort_order INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE slides(
  module_id TEXT NOT NULL,
  ord INTEGER NOT NULL,
  title TEXT NOT NULL,
  body_md TEXT NOT NULL,
  notes TEXT,
  image_id TEXT,
  PRIMARY KEY (module_id, ord)
) STRICT;
CREATE TABLE questions(
  module_id TEXT NOT NULL,
  slide_ord INTEGER NOT NULL,
  prompt TEXT NOT NULL,
  options TEXT NOT NULL,
  answer INTEGER NOT NULL,
  explanation TEXT NOT NULL,
  PRIMARY KEY (module_id, slide_ord)
) STRICT;
CREATE TABLE documents(
  id TEXT PRIMARY KEY NOT NULL,
  title TEXT NOT NULL,
  category TEXT NOT NULL,
  organisation TEXT NOT NULL,
  published TEXT NOT NULL,
  review_date TEXT,
  summary TEXT NOT NULL,
  page_count INTEGER NOT NULL DEFAULT 0,
  sources TEXT,
  body_md TEXT
) STRICT;
CREATE INDEX documents_list ON documents(id, title, category, organisation, published, review_date, summary, page_count, sources);
CREATE TABLE document_pages(
  document_id TEXT NOT NULL,
  page INTEGER NOT NULL,
  image_id TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (document_id, page)
) STRICT;
CREATE TABLE images(
  id TEXT PRIMARY KEY NOT NULL,
  mime TEXT NOT NULL CHECK (mime IN ('image/png','image/jpeg')),
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  alt TEXT NOT NULL,
  data BLOB NOT NULL
) STRICT;
CREATE VIRTUAL TABLE search USING fts5(title, body, kind UNINDEXED, ref UNINDEXED, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4 5 6');
CREATE VIRTUAL TABLE search_titles USING fts5(title, kind UNINDEXED, content = '', tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4 5 6');
)SQL";

// kiosk-bundle/2 is kiosk-bundle/1 plus these two tables (FORMAT.md section 3.8).
constexpr std::string_view k_ddl_meetings = R"SQL(
CREATE TABLE meetings(
  id TEXT PRIMARY KEY NOT NULL,
  title TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('locality-meeting','board-briefing','training-session','conference','scrutiny')),
  starts TEXT NOT NULL,
  ends TEXT NOT NULL,
  place TEXT NOT NULL,
  locality_id TEXT,
  lead_item INTEGER,
  lead_minutes INTEGER,
  notes TEXT
) STRICT;
CREATE TABLE meeting_items(
  meeting_id TEXT NOT NULL,
  ord INTEGER NOT NULL,
  number TEXT NOT NULL,
  title TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('briefing','document','module','figures','note')),
  ref TEXT,
  note TEXT,
  PRIMARY KEY (meeting_id, ord)
) STRICT;
)SQL";

} // namespace

std::string_view ddl(FormatVersion v) {
    static const std::string v1(k_ddl), v2 = std::string(k_ddl) + std::string(k_ddl_meetings);
    return v == FormatVersion::v1 ? v1 : v2;
}

} // namespace content::schema
