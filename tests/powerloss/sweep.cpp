// The power-loss sweep loop; see sweep.hpp.
#include "sweep.hpp"

#include <optional>
#include <sstream>

namespace powerloss {
namespace {

fs::path fresh_copy(const fs::path& start, const fs::path& work, const std::string& name) {
    fs::path d = work / name;
    std::error_code ec;
    fs::remove_all(d, ec);
    fs::create_directories(work);
    if (fs::exists(start))
        fs::copy(start, d, fs::copy_options::recursive);
    else
        fs::create_directories(d);
    return d;
}

struct Run {
    bool reported_ok = false;
    std::optional<Event> cut_before;
    std::string state;
};

// One run with the power failing before event `cut_at` (-1: after the operation).
Run run_once(const Case& c, const fs::path& data, long cut_at, Drop mode, unsigned seed) {
    Run r;
    Disk::get().arm(data, cut_at, mode, seed);
    r.reported_ok = c.op(data);
    r.cut_before = Disk::get().cut_event();
    Disk::get().restore();
    r.state = c.observe(data);
    return r;
}

std::string where(const std::optional<Event>& e) { return e ? "before " + e->what + " " + e->path : "after the operation returned"; }

} // namespace

Report sweep(const Case& c, const fs::path& work, bool torn, long stride) {
    Report rep;
    // The two states a cut may leave: before, and after a run without any cut.
    const std::string old_state = c.observe(fresh_copy(c.start, work, "old"));
    fs::path ref = fresh_copy(c.start, work, "new");
    if (!c.op(ref)) {
        rep.failures.push_back(c.name + ": the operation failed without any power cut");
        return rep;
    }
    const std::string new_state = c.observe(ref);
    if (old_state.starts_with("BROKEN") || new_state.starts_with("BROKEN") || old_state == new_state) {
        rep.failures.push_back(c.name + ": bad reference states\n  old: " + old_state + "\n  new: " + new_state);
        return rep;
    }
    // Count the events, and cut the power right after the operation returned.
    Disk::get().arm(fresh_copy(c.start, work, "count"), -1, Drop::all, 0);
    const bool ok = c.op(work / "count");
    rep.events = Disk::get().event_count();
    for (const auto& e : Disk::get().events()) rep.event_log.push_back(e.what + " " + e.path);
    Disk::get().restore();
    std::vector<std::pair<long, Drop>> cuts;
    for (long k = 0; k < rep.events; ++k)
        if (k % stride == 0 || k + 3 >= rep.events) {
            cuts.emplace_back(k, Drop::all);
            if (torn) cuts.emplace_back(k, Drop::torn);
        }
    std::string after = c.observe(work / "count");
    auto judge = [&](const Run& r, const std::string& label) {
        ++rep.runs;
        if (r.cut_before) rep.cut_kinds.insert(r.cut_before->what);
        if (r.state == old_state) ++rep.saw_old;
        else if (r.state == new_state) ++rep.saw_new;
        else rep.failures.push_back(c.name + ", " + label + ": neither the old nor the new state:\n  got: " + r.state + "\n  old: " + old_state + "\n  new: " + new_state);
        if (r.reported_ok && r.state != new_state)
            rep.failures.push_back(c.name + ", " + label + ": the operation reported success, but its result did not survive the power cut");
    };
    judge(Run{ok, std::nullopt, after}, "power cut after the operation returned");
    for (auto [k, mode] : cuts) {
        fs::path d = fresh_copy(c.start, work, "cut");
        Run r = run_once(c, d, k, mode, static_cast<unsigned>(k) * 2654435761u);
        judge(r, "power cut " + where(r.cut_before) + " (event " + std::to_string(k) + (mode == Drop::torn ? ", torn" : "") + ")");
    }
    return rep;
}

std::string describe(const Report& r) {
    std::ostringstream o;
    o << r.events << " events, " << r.runs << " cuts: " << r.saw_old << " old, " << r.saw_new << " new; cut before:";
    for (const auto& k : r.cut_kinds) o << " " << k;
    for (const auto& f : r.failures) o << "\n" << f;
    return o.str();
}

} // namespace powerloss
