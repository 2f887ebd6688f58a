// The screen schedule as a state-store setting; see schedule_setting.hpp.
#include "content/schedule_setting.hpp"
#include "content/sqlite.hpp"
#include "content/state_db.hpp"

namespace content {

Result<ScreenSchedule> save_screen_schedule(StateStore& store, const std::string& text) {
    auto parsed = parse_screen_schedule(text);
    if (!parsed) return std::unexpected(parsed.error());
    const std::string canonical = format_screen_schedule(*parsed);
    auto& db = state_db(store);
    auto tx = sql::Transaction::begin(db);
    if (!tx) return std::unexpected(tx.error());
    if (auto s = store.set_setting(std::string(screen_schedule_key), canonical); !s) return std::unexpected(s.error());
    if (auto s = store.audit("settings", "", 0, "ok", "screen schedule: " + canonical); !s) return std::unexpected(s.error());
    if (auto c = tx->commit(); !c) return std::unexpected(c.error());
    return parsed;
}

Result<ScreenSchedule> load_screen_schedule(StateStore& store) {
    auto text = store.setting(std::string(screen_schedule_key));
    if (!text) return std::unexpected(text.error());
    if (!*text) return ScreenSchedule{};
    return parse_screen_schedule(**text);
}

} // namespace content
