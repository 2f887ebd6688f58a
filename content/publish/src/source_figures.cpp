// Figures and trackers in a source folder (localities, periods, indicators,
// values, trackers and their items as CSV); steps of read_source, see
// source_parts.hpp, and parse_value_cell, see source_folder.hpp.
#include "content/source_folder.hpp"
#include "content/limits.hpp"
#include "source_parts.hpp"

#include <cmath>
#include <cstdlib>

namespace fs = std::filesystem;

namespace content {
namespace source_detail {

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
            if (auto s = check_date(per->where(row), "start_date", p.start_date, Presence::required); !s) return s;
            if (auto s = check_date(per->where(row), "end_date", p.end_date, Presence::required); !s) return s;
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
            if (auto s = check_date(it->where(row), "due_date", t.due_date, Presence::optional); !s) return s;
            if (t.owner.empty()) return src_error(it->where(row), "every action needs an owner.");
            sb.tracker_items.push_back(std::move(t));
        }
    }
    return {};
}

} // namespace source_detail

std::optional<Value> parse_value_cell(const std::string& raw) {
    using source_detail::trim;
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

} // namespace content
