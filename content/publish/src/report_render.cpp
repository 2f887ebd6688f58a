// The report as HTML, CSV and text; see report.hpp.
#include "content/csv_write.hpp"
#include "content/dates.hpp"
#include "content/report.hpp"

#include <algorithm>
#include <cstdio>

namespace content {
namespace {

std::string esc(const std::string& s) {
    std::string o;
    for (char c : s) {
        switch (c) {
        case '&': o += "&amp;"; break;
        case '<': o += "&lt;"; break;
        case '>': o += "&gt;"; break;
        case '"': o += "&quot;"; break;
        default: o += c;
        }
    }
    return o;
}

std::string num(double v, int decimals = 0) {
    char b[64];
    std::snprintf(b, sizeof b, "%.*f", decimals, v);
    return b;
}

std::string period_words(const ReportPeriod& p) {
    if (p.from.empty() && p.to.empty()) return "all dates";
    return (p.from.empty() ? "the start" : p.from) + " to " + (p.to.empty() ? "today" : p.to);
}

// A horizontal bar chart as inline SVG: one labelled bar per row.
std::string svg_bars(const std::vector<std::pair<std::string, double>>& rows, const std::string& unit, double max_value) {
    const int row_h = 26, label_w = 260, bar_w = 380, w = label_w + bar_w + 80;
    std::string s = "<svg role=\"img\" width=\"" + std::to_string(w) + "\" height=\"" +
                    std::to_string(row_h * static_cast<int>(rows.size()) + 8) + "\">";
    double top = std::max(max_value, 1e-9);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        int y = 4 + row_h * static_cast<int>(i);
        int len = static_cast<int>(bar_w * std::clamp(rows[i].second / top, 0.0, 1.0));
        s += "<text x=\"" + std::to_string(label_w - 8) + "\" y=\"" + std::to_string(y + 17) + "\" text-anchor=\"end\">" + esc(rows[i].first) + "</text>";
        s += "<rect x=\"" + std::to_string(label_w) + "\" y=\"" + std::to_string(y + 3) + "\" width=\"" + std::to_string(std::max(len, 1)) +
             "\" height=\"" + std::to_string(row_h - 8) + "\" fill=\"#1d70b8\"/>";
        s += "<text x=\"" + std::to_string(label_w + len + 6) + "\" y=\"" + std::to_string(y + 17) + "\">" + esc(num(rows[i].second) + unit) + "</text>";
    }
    return s + "</svg>";
}

// A heading and one bar per entry of `counts`; nothing when it is empty.
std::string count_chart(const char* heading, const std::map<std::string, std::int64_t>& counts) {
    if (counts.empty()) return "";
    std::vector<std::pair<std::string, double>> rows;
    double top = 0;
    for (const auto& [k, n] : counts) {
        rows.emplace_back(k, static_cast<double>(n));
        top = std::max(top, static_cast<double>(n));
    }
    return "<h3>" + esc(heading) + "</h3>" + svg_bars(rows, "", top);
}

std::string html_figures(const Report& r) {
    std::int64_t completions = 0;
    for (auto& [m, n] : r.completions_by_module) completions += n;
    std::string h = "<h2>Figures for the board</h2><table class=\"key\"><tr><th>Sessions held</th><td>" + std::to_string(r.sessions.size()) +
                    "</td></tr><tr><th>Attendees (counted at each session)</th><td>" + std::to_string(r.attendees) +
                    "</td></tr><tr><th>Self-paced completions</th><td>" + std::to_string(completions) + "</td></tr></table>";
    h += count_chart("Sessions by module", r.sessions_by_module);
    h += count_chart("Sessions by month", r.sessions_by_month);
    h += count_chart("Self-paced completions by module", r.completions_by_module);
    return h;
}

std::string html_questions(const Report& r) {
    if (r.questions.empty()) return "";
    std::string h = "<h2>Knowledge checks: share of the room choosing the right answer (hardest first)</h2>";
    std::vector<std::pair<std::string, double>> rows;
    for (const auto& q : r.questions) rows.emplace_back(q.module_id + " slide " + std::to_string(q.slide), 100.0 * q.share_right());
    h += svg_bars(rows, "%", 100.0);
    h += "<table><tr><th>Module, slide</th><th>Question</th><th>Right answer</th><th>Responses</th><th>Sessions</th></tr>";
    for (const auto& q : r.questions) {
        std::string right = q.answer >= 0 && static_cast<std::size_t>(q.answer) < q.options.size() ? q.options[static_cast<std::size_t>(q.answer)] : "";
        h += "<tr><td>" + esc(q.module_id) + ", " + std::to_string(q.slide) + "</td><td>" + esc(q.question) + "</td><td>" + esc(right) + " (" +
             num(100.0 * q.share_right()) + "%)</td><td class=\"n\">" + std::to_string(q.responses()) + "</td><td class=\"n\">" + std::to_string(q.sessions) + "</td></tr>";
    }
    return h + "</table>";
}

std::string html_fleet(const Report& r) {
    std::string h = "<h2>The kiosks</h2><table><tr><th>Kiosk</th><th>Content</th><th>Days since last update</th><th>Refused imports</th>"
                    "<th>Records not yet exported</th><th>Needs attention</th></tr>";
    for (const auto& f : r.fleet) {
        std::string chans;
        for (const auto& c : f.channels) chans += esc(c.channel) + " v" + std::to_string(c.version) + " (expires " + esc(c.expires.substr(0, 10)) + ")<br>";
        std::string warn;
        for (const auto& w : f.warnings) warn += esc(w) + "<br>";
        h += "<tr><td>" + esc(f.name) + "<br><small>key " + esc(f.key_id) + (f.kiosk_version.empty() ? "" : ", kiosk " + esc(f.kiosk_version)) +
             "</small></td><td>" + chans + "</td><td class=\"n\">" + (f.days_since_update < 0 ? "never" : std::to_string(f.days_since_update)) +
             "</td><td class=\"n\">" + std::to_string(f.refused_imports) + "</td><td class=\"n\">" + std::to_string(f.pending_records) + "</td><td>" + warn + "</td></tr>";
    }
    return h + "</table>";
}

std::string html_record(const Report& r) {
    std::string h = "<h2>What this report read</h2><p>Period: " + esc(period_words(r.period)) + ". Judged on " + format_utc(r.as_of).substr(0, 10) +
                    ". Export files read: " + std::to_string(r.files_read) + "; accepted: " + std::to_string(r.files_accepted) +
                    "; copies of files already read: " + std::to_string(r.duplicate_files) + "; records exported twice, counted once: " +
                    std::to_string(r.duplicate_records) + "; refused: " + std::to_string(r.refused.size()) + ".</p>";
    if (!r.refused.empty()) {
        h += "<table><tr><th>Refused file</th><th>Why</th></tr>";
        for (const auto& f : r.refused)
            h += "<tr><td>" + esc(f.file) + "</td><td>" + esc(std::string(reason_code(f.why.reason))) + ": " + esc(f.why.message) + "</td></tr>";
        h += "</table>";
    }
    for (const auto& n : r.notes) h += "<p class=\"note\">" + esc(n) + "</p>";
    return h + "<p class=\"digest\"><small>Digest of the accepted inputs (BLAKE2b-512): " + esc(r.input_digest) +
           ". The same files give the same digest and the same figures.</small></p>";
}

} // namespace

std::string report_html(const Report& r) {
    std::string h = "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>Member training and kiosk report</title><style>"
                    "body{font-family:sans-serif;max-width:180mm;margin:10mm auto;color:#0b0c0c;font-size:11pt}"
                    "table{border-collapse:collapse;width:100%;margin:4mm 0}th,td{border:1px solid #b1b4b6;padding:2mm;text-align:left;vertical-align:top}"
                    "td.n{text-align:right}table.key td{font-size:16pt;font-weight:bold;text-align:right}svg text{font-size:11pt}"
                    ".note{border-left:4px solid #f47738;padding-left:3mm}.digest{word-break:break-all}@page{size:A4;margin:12mm}h2{page-break-after:avoid}"
                    "</style></head><body><h1>Member training and kiosk report</h1><p>" + esc(period_words(r.period)) + "</p>";
    return h + html_figures(r) + html_questions(r) + html_fleet(r) + html_record(r) + "</body></html>\n";
}

std::string report_csv(const Report& r) {
    std::string c = "kiosk,kiosk_key_id,record_id,module_id,module_title,module_version,started_at,ended_at,trainer,attendees,register_names\n";
    for (const auto& s : r.sessions) {
        std::string names;
        for (const auto& n : s.register_names) names += (names.empty() ? "" : "; ") + n;
        c += csv::quote(s.device) + "," + s.device_key_id + "," + std::to_string(s.record_id) + "," + csv::quote(s.module_id) + "," +
             csv::quote(s.module_title) + "," + std::to_string(s.module_version) + "," + csv::quote(s.started_at) + "," + csv::quote(s.ended_at) + "," +
             csv::quote(s.trainer) + "," + std::to_string(s.attendees) + "," + csv::quote(names) + "\n";
    }
    return c;
}

std::string report_text(const Report& r) {
    std::string t = "Period: " + period_words(r.period) + "\n";
    t += "Sessions held: " + std::to_string(r.sessions.size()) + "\nAttendees: " + std::to_string(r.attendees) + "\n";
    for (auto& [m, n] : r.sessions_by_module) t += "  module " + m + ": " + std::to_string(n) + " session(s)\n";
    for (auto& [m, n] : r.sessions_by_month) t += "  month " + m + ": " + std::to_string(n) + " session(s)\n";
    for (auto& [m, n] : r.completions_by_module) t += "Self-paced completions, " + m + ": " + std::to_string(n) + "\n";
    for (const auto& q : r.questions)
        t += "Question " + q.module_id + "/" + std::to_string(q.slide) + ": " + num(100.0 * q.share_right()) + "% right of " + std::to_string(q.responses()) + "\n";
    for (const auto& f : r.fleet) {
        t += "Kiosk " + f.name + ": " + (f.days_since_update < 0 ? std::string("never updated") : std::to_string(f.days_since_update) + " day(s) since update");
        for (const auto& w : f.warnings) t += "; " + w;
        t += "\n";
    }
    t += "Files read " + std::to_string(r.files_read) + ", accepted " + std::to_string(r.files_accepted) + ", refused " + std::to_string(r.refused.size()) +
         ", duplicate files " + std::to_string(r.duplicate_files) + ", duplicate records " + std::to_string(r.duplicate_records) + "\n";
    for (const auto& f : r.refused) t += "refused " + f.file + ": " + f.why.line() + "\n";
    for (const auto& n : r.notes) t += "note: " + n + "\n";
    return t + "Input digest: " + r.input_digest + "\n";
}

} // namespace content
