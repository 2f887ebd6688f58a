// The board's figures from gathered exports; see report.hpp.
#include "content/dates.hpp"
#include "report_gather.hpp"

#include <algorithm>

using nlohmann::json;

namespace content {
namespace {

constexpr std::int64_t day = 86400;

void count_sessions(Gathered& g, Report& r) {
    for (auto& [key, s] : g.records) {
        if (auto t = parse_utc(s.started_at); t && *t > r.as_of + day)
            r.notes.push_back("Kiosk \"" + s.device + "\" has a session dated " + s.started_at +
                              ", in the future: its clock may be wrong. The session is counted by the date it gives.");
        if (!r.period.contains(s.started_at)) continue;
        if (auto it = g.names.find(key); it != g.names.end()) s.register_names = it->second;
        r.attendees += s.attendees;
        ++r.sessions_by_module[s.module_id];
        ++r.sessions_by_month[s.started_at.substr(0, 7)];
        r.sessions.push_back(s);
    }
    std::sort(r.sessions.begin(), r.sessions.end(), [](const SessionRow& a, const SessionRow& b) {
        return std::tie(a.started_at, a.device, a.record_id) < std::tie(b.started_at, b.device, b.record_id);
    });
}

void count_questions(const Gathered& g, Report& r) {
    std::map<std::tuple<std::string, std::int64_t, std::string>, QuestionResult> by;
    for (const auto& t : g.raw_tallies) {
        if (!r.period.contains(t.value("started_at", ""))) continue;
        if (!t.contains("counts") || !t["counts"].is_array()) continue;
        auto key = std::make_tuple(t.value("module_id", ""), t.value("slide", std::int64_t{0}), t.value("question", ""));
        auto& q = by[key];
        q.module_id = std::get<0>(key);
        q.slide = std::get<1>(key);
        q.question = std::get<2>(key);
        q.answer = t.value("answer", std::int64_t{-1});
        if (t.contains("options") && t["options"].is_array() && q.options.empty())
            for (const auto& o : t["options"]) q.options.push_back(o.is_string() ? o.get<std::string>() : std::string());
        const auto& c = t["counts"];
        if (q.counts.size() < c.size()) q.counts.resize(c.size(), 0);
        for (std::size_t i = 0; i < c.size(); ++i) q.counts[i] += c[i].is_number_integer() ? std::max<std::int64_t>(0, c[i].get<std::int64_t>()) : 0;
        ++q.sessions;
    }
    for (auto& [k, q] : by) r.questions.push_back(std::move(q));
    std::stable_sort(r.questions.begin(), r.questions.end(), [](const QuestionResult& a, const QuestionResult& b) { return a.share_right() < b.share_right(); });
}

// The latest status from one device, by its own export time.
const json* latest(const std::vector<json>& all) {
    const json* best = nullptr;
    for (const auto& s : all)
        if (!best || s.value("exported_at", "") > best->value("exported_at", "")) best = &s;
    return best;
}

void channel_warnings(FleetRow& f, std::int64_t as_of) {
    if (f.channels.empty()) f.warnings.push_back("no content is installed");
    for (const auto& c : f.channels) {
        auto exp = parse_utc(c.expires);
        if (!exp) continue;
        if (*exp < as_of) f.warnings.push_back(c.channel + " expired on " + c.expires.substr(0, 10));
        else if (*exp < as_of + 30 * day) f.warnings.push_back(c.channel + " expires on " + c.expires.substr(0, 10));
    }
    if (f.days_since_update > 180) f.warnings.push_back("not updated for " + std::to_string(f.days_since_update) + " days");
    if (f.refused_imports > 0) f.warnings.push_back(std::to_string(f.refused_imports) + " refused import(s)");
}

FleetRow fleet_row(const EnrolledDevice& d, const std::vector<json>& statuses, Report& r) {
    FleetRow f{d.name, d.key.key_id_hex(), "", "", "", {}, 0, 0, -1, {}};
    const json* s = latest(statuses);
    if (!s) {
        f.warnings.push_back("no status file from this kiosk was read");
        return f;
    }
    f.kiosk_version = s->value("kiosk_version", "");
    f.exported_at = s->value("exported_at", "");
    f.pending_records = s->value("pending_records", std::int64_t{0});
    if (s->contains("last_import") && (*s)["last_import"].is_object()) f.last_import_at = (*s)["last_import"].value("at", "");
    if (s->contains("channels") && (*s)["channels"].is_array())
        for (const auto& c : (*s)["channels"])
            if (c.is_object())
                f.channels.push_back(ChannelRow{c.value("channel", ""), c.value("title", ""), c.value("created", ""), c.value("expires", ""),
                                                c.value("version", std::int64_t{0})});
    for (const auto& st : statuses)
        if (r.period.contains(st.value("exported_at", ""))) f.refused_imports += st.value("refused_imports", std::int64_t{0});
    if (auto t = parse_utc(f.last_import_at)) f.days_since_update = std::max<std::int64_t>(0, (r.as_of - *t) / day);
    if (auto t = parse_utc(f.exported_at); t && *t > r.as_of + day)
        r.notes.push_back("Kiosk \"" + d.name + "\" dated its export " + f.exported_at + ", in the future: its clock may be wrong.");
    channel_warnings(f, r.as_of);
    return f;
}

// Self-paced completions: each status holds the device's running counts per
// module and month, so the latest status of each device is counted once.
void count_completions(const std::vector<json>& statuses, Report& r) {
    const json* s = latest(statuses);
    if (!s || !s->contains("completions") || !(*s)["completions"].is_array()) return;
    for (const auto& c : (*s)["completions"]) {
        if (!c.is_object()) continue;
        std::string month = c.value("month", "");  // counted when the month overlaps the period
        if (month.size() != 7 || (!r.period.to.empty() && month + "-01" > r.period.to) || (!r.period.from.empty() && month + "-31" < r.period.from))
            continue;
        r.completions_by_module[c.value("module_id", "")] += std::max<std::int64_t>(0, c.value("count", std::int64_t{0}));
    }
}

} // namespace

void compute_figures(Gathered& g, DeviceRegistry& reg, Report& r) {
    count_sessions(g, r);
    count_questions(g, r);
    auto devices = reg.list();
    if (!devices) {
        r.notes.push_back("The device registry could not be read: " + devices.error().message);
        return;
    }
    static const std::vector<json> none;
    for (const auto& d : *devices) {
        auto it = g.statuses.find(d.key.key_id_hex());
        const auto& st = it == g.statuses.end() ? none : it->second;
        r.fleet.push_back(fleet_row(d, st, r));
        count_completions(st, r);
    }
}

} // namespace content
