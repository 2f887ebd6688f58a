// Manifest reading, validation and UTC timestamps; see manifest.hpp.
#include "content/manifest.hpp"
#include "content/schema.hpp"
#include "content/sqlite.hpp"

#include <sqlite3.h>

#include <cctype>
#include <ctime>

namespace content {

namespace {

// One dotted part at `i` as its digits without leading zeros; non-digits are skipped.
std::string_view next_part(std::string_view v, std::size_t& i, std::string& scratch) {
    scratch.clear();
    for (; i < v.size() && v[i] != '.'; ++i)
        if (std::isdigit(static_cast<unsigned char>(v[i])) && !(scratch.empty() && v[i] == '0')) scratch += v[i];
    ++i;
    return scratch;
}

} // namespace

int compare_versions(std::string_view a, std::string_view b) {
    // Parts compare as numbers of any length: by count of digits, then digit by
    // digit, so that no part can overflow an integer.
    std::size_t i = 0, j = 0;
    std::string x, y;
    while (i < a.size() || j < b.size()) {
        next_part(a, i, x);
        next_part(b, j, y);
        if (x.size() != y.size()) return x.size() < y.size() ? -1 : 1;
        if (int c = x.compare(y); c != 0) return c < 0 ? -1 : 1;
    }
    return 0;
}

bool valid_version(std::string_view v) {
    int parts = 0;
    std::size_t digits = 0;
    for (std::size_t k = 0; k <= v.size(); ++k) {
        if (k == v.size() || v[k] == '.') {
            if (digits == 0 || ++parts > 4) return false;
            digits = 0;
        } else if (!std::isdigit(static_cast<unsigned char>(v[k])) || ++digits > 9) {
            return false;
        }
    }
    return true;
}

bool valid_channel_name(std::string_view c) {
    if (c.empty() || c.size() > 64 || c[0] == '-') return false;
    for (char ch : c)
        if (!(std::islower(static_cast<unsigned char>(ch)) || std::isdigit(static_cast<unsigned char>(ch)) || ch == '-')) return false;
    return true;
}

namespace {

struct Field {
    int type = SQLITE_NULL;
    std::string text;
    std::int64_t integer = 0;
};

Result<std::string> need_text(const std::map<std::string, Field>& f, const std::string& key) {
    auto it = f.find(key);
    if (it == f.end()) return fail(Reason::manifest, "The manifest has no '" + key + "' field.");
    if (it->second.type != SQLITE_TEXT) return fail(Reason::manifest, "The manifest field '" + key + "' must be text.");
    return it->second.text;
}

Result<std::int64_t> need_int(const std::map<std::string, Field>& f, const std::string& key) {
    auto it = f.find(key);
    if (it == f.end()) return fail(Reason::manifest, "The manifest has no '" + key + "' field.");
    if (it->second.type != SQLITE_INTEGER) return fail(Reason::manifest, "The manifest field '" + key + "' must be an integer.");
    return it->second.integer;
}

Result<std::int64_t> need_time(const std::map<std::string, Field>& f, const std::string& key) {
    auto t = need_text(f, key);
    if (!t) return std::unexpected(t.error());
    auto v = parse_utc(*t);
    if (!v) return fail(Reason::manifest, "The manifest field '" + key + "' must be a UTC time like 2026-01-31T09:00:00Z, not '" + *t + "'.");
    return *v;
}

} // namespace

Result<Manifest> read_manifest(sql::Db& db) {
    std::map<std::string, Field> f;
    auto st = db.prepare("SELECT key, value, typeof(value) FROM manifest");
    if (!st) return fail(Reason::manifest, "The bundle's manifest could not be read.");
    for (;;) {
        auto row = st->step();
        if (!row) return fail(row.error().reason == Reason::format ? Reason::manifest : row.error().reason, "The manifest could not be read: " + row.error().message);
        if (!*row) break;
        Field fl;
        fl.type = st->type(1);
        if (fl.type == SQLITE_TEXT) fl.text = st->text(1);
        if (fl.type == SQLITE_INTEGER) fl.integer = st->int64(1);
        f[st->text(0)] = fl;
    }
    Manifest m;
    auto format = need_text(f, "format");
    if (!format) return std::unexpected(format.error());
    if (!schema::parse_format(*format))
        return fail(Reason::format, "The bundle's format is '" + format->substr(0, 40) + "'; this kiosk reads " + std::string(schema::format_v1) +
                                        " and " + std::string(schema::format_v2) + ".");
    m.format = *format;
    auto channel = need_text(f, "channel");
    if (!channel) return std::unexpected(channel.error());
    if (!valid_channel_name(*channel))
        return fail(Reason::manifest, "The channel name '" + *channel + "' is not allowed (use lower-case letters, digits and hyphens).");
    m.channel = *channel;
    auto version = need_int(f, "version");
    if (!version) return std::unexpected(version.error());
    if (*version < 1) return fail(Reason::manifest, "The manifest version must be 1 or more.");
    m.version = *version;
    auto created = need_time(f, "created");
    if (!created) return std::unexpected(created.error());
    auto expires = need_time(f, "expires");
    if (!expires) return std::unexpected(expires.error());
    if (*expires <= *created) return fail(Reason::manifest, "The manifest says the bundle expires before it was created.");
    m.created = *created;
    m.expires = *expires;
    auto title = need_text(f, "title");
    if (!title) return std::unexpected(title.error());
    if (title->empty()) return fail(Reason::manifest, "The manifest title is empty.");
    m.title = *title;
    auto mkv = need_text(f, "min_kiosk_version");
    if (!mkv) return std::unexpected(mkv.error());
    if (!valid_version(*mkv))
        return fail(Reason::manifest, "The manifest's min_kiosk_version '" + mkv->substr(0, 40) + "' is not a version such as 0.1.0.");
    m.min_kiosk_version = *mkv;
    auto summary = need_text(f, "summary");
    if (!summary) return std::unexpected(summary.error());
    m.summary_json = *summary;
    if (f.count("disclosure_threshold")) {
        auto th = need_int(f, "disclosure_threshold");
        if (!th) return std::unexpected(th.error());
        if (*th < 5) return fail(Reason::manifest, "The disclosure threshold cannot be lowered below 5.");
        m.disclosure_threshold = *th;
    }
    if (f.count("publisher")) {
        auto p = need_text(f, "publisher");
        if (!p) return std::unexpected(p.error());
        m.publisher = *p;
    }
    if (f.count("demo_clock")) {
        auto p = need_text(f, "demo_clock");
        if (!p) return std::unexpected(p.error());
        if (!parse_local_minute(*p))
            return fail(Reason::manifest, "The manifest's demo_clock must be a local time like 2026-11-30T17:30, not '" + p->substr(0, 40) + "'.");
        m.demo_clock = *p;
    }
    m.lint_overrides_json = "[]";
    if (f.count("lint_overrides")) {
        auto p = need_text(f, "lint_overrides");
        if (!p) return std::unexpected(p.error());
        m.lint_overrides_json = *p;
    }
    return m;
}

Status write_manifest(sql::Db& db, const Manifest& m) {
    auto st = db.prepare("INSERT OR REPLACE INTO manifest(key, value) VALUES (?1, ?2)");
    if (!st) return std::unexpected(st.error());
    auto put_text = [&](const char* k, const std::string& v) -> Status {
        return st->bind(1, k).bind(2, std::string_view(v)).run();
    };
    auto put_int = [&](const char* k, std::int64_t v) -> Status { return st->bind(1, k).bind(2, v).run(); };
    for (auto s : {put_text("format", m.format), put_text("channel", m.channel), put_int("version", m.version),
                   put_text("created", format_utc(m.created)), put_text("expires", format_utc(m.expires)),
                   put_text("title", m.title), put_text("min_kiosk_version", m.min_kiosk_version),
                   put_text("summary", m.summary_json), put_int("disclosure_threshold", m.disclosure_threshold),
                   put_text("publisher", m.publisher), put_text("lint_overrides", m.lint_overrides_json)})
        if (!s) return s;
    if (!m.demo_clock.empty())
        if (auto s = put_text("demo_clock", m.demo_clock); !s) return s;
    return {};
}

} // namespace content
