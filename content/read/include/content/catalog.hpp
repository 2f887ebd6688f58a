// Why this file exists: the kiosk shows every installed channel together. The
// catalog opens each channel's installed bundle (read-only), merges their
// content into one read model for the views, and answers on-demand reads
// (a document body, an image, a search). Views get models, never SQL.
//
// Threads: a Catalog is built on one thread (the loader worker in the GUI) and
// then handed over whole; after that every member is called from one thread
// at a time (the UI thread). Its SQLite readers are not shared between threads.
#pragma once
#include "content/error.hpp"
#include "content/model.hpp"
#include "content/search.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace content {

class BundleReader;

struct ChannelInfo {
    std::string channel, title;
    std::int64_t version = 0, created = 0, expires = 0;
    std::optional<std::int64_t> previous_version;
};

// One installed channel as the device state names it (the device layer turns
// its own records into these, so the read model never depends on it).
struct InstalledChannel {
    ChannelInfo info;
    std::filesystem::path file;  // the verified bundle file
};

struct LibraryEntry {
    DocumentHeader header;
    std::string channel;
};

struct TaggedModule {
    Module module;
    std::string channel;
    std::int64_t version = 0;
};

// Two channels defining the same id (an indicator, locality, tracker,
// briefing, module or document). The first channel opened keeps it; the
// other's definition is not shown, and nor are its figures or items for it.
struct IdCollision {
    std::string kind;     // "indicator", "locality", "tracker", ...
    std::string id;
    std::string kept_channel, dropped_channel;
    [[nodiscard]] std::string sentence() const;
};

class Catalog {
public:
    Catalog() = default;
    Catalog(Catalog&&) noexcept;
    Catalog& operator=(Catalog&&) noexcept;
    ~Catalog();
    // Opens every installed channel's bundle (files already verified at
    // import). A bundle that cannot be opened is skipped and reported in
    // problems(): the rest still show. Never fails as a whole.
    [[nodiscard]] static Catalog load_channels(const std::vector<InstalledChannel>& channels);
    // Builds a catalog straight from bundle files (tests, benchmarks).
    [[nodiscard]] static Result<Catalog> from_files(const std::vector<std::pair<std::string, std::filesystem::path>>& channel_files);

    [[nodiscard]] const std::vector<ChannelInfo>& channels() const { return m_channels; }
    // Plain sentences for the admin screen: channels that could not be
    // opened, id collisions between channels, and any disclosure breach found
    // when the merged figures are re-checked as one model.
    [[nodiscard]] const std::vector<std::string>& problems() const { return m_problems; }
    [[nodiscard]] const std::vector<IdCollision>& collisions() const { return m_collisions; }
    [[nodiscard]] bool empty() const { return m_channels.empty(); }

    [[nodiscard]] const std::vector<Locality>& localities() const { return m_localities; }
    [[nodiscard]] const std::vector<Period>& periods() const { return m_periods; }
    [[nodiscard]] const std::vector<Indicator>& indicators() const { return m_indicators; }
    [[nodiscard]] const Indicator* indicator(const std::string& id) const;
    [[nodiscard]] const Locality* locality(const std::string& id) const;
    // A figure, only ever from the channel that defines `indicator` (so a
    // figure is never drawn under another publisher's unit, polarity or
    // guard, and no disclosure group mixes two bundles). nullptr when none.
    [[nodiscard]] const Value* value(const std::string& indicator, const std::string& locality, const std::string& period) const;
    [[nodiscard]] std::int64_t disclosure_threshold() const { return m_threshold; }
    // The area (kind='area') figures are compared against; empty if none.
    [[nodiscard]] std::string area_id() const;

    [[nodiscard]] const std::vector<Briefing>& briefings() const { return m_briefings; }
    [[nodiscard]] const std::vector<Tracker>& trackers() const { return m_trackers; }
    [[nodiscard]] const std::vector<TrackerItem>& tracker_items() const { return m_items; }
    [[nodiscard]] const std::vector<TaggedModule>& modules() const { return m_modules; }
    [[nodiscard]] const std::vector<LibraryEntry>& library() const { return m_library; }
    [[nodiscard]] const std::string& channel_title(const std::string& channel) const;
    [[nodiscard]] bool has_channel(const std::string& channel) const;
    // Meetings from every channel (kiosk-bundle/2), by start time; a
    // kiosk-bundle/1 channel has none. meetings.hpp places them in time.
    [[nodiscard]] const std::vector<Meeting>& meetings() const { return m_meetings; }
    [[nodiscard]] const Meeting* meeting(const std::string& id) const;
    // The first channel's stated demo clock (local "YYYY-MM-DDTHH:MM"), or
    // "" when none states one. Only demo mode honours it (the platform's choice).
    [[nodiscard]] const std::string& demo_clock() const { return m_demo_clock; }

    // One whole document (body and pages). E_NOT_FOUND if no channel has it.
    [[nodiscard]] Result<Document> document(const std::string& id) const;
    // One image's bytes. E_NOT_FOUND if no channel has it.
    [[nodiscard]] Result<Image> image(const std::string& id) const;
    // Searches every channel and merges by score (see search.hpp: tiers,
    // boosts, spelling corrections). Same thread as the rest of the catalog.
    [[nodiscard]] Result<SearchResult> search(const SearchQuery& q) const;

private:
    Status add_bundle(const std::string& channel, const std::filesystem::path& file, ChannelInfo info);
    template <class T>
    void merge_owned(const char* kind, std::vector<T>& into, std::vector<T>&& from, const std::string& channel);
    void recheck_disclosure();
    std::vector<ChannelInfo> m_channels;
    std::vector<std::string> m_problems;
    std::vector<IdCollision> m_collisions;
    std::map<std::string, std::string> m_owner;  // "kind|id" -> channel that defines it
    std::map<std::string, std::shared_ptr<BundleReader>> m_readers;  // by channel; internal type
    std::vector<Locality> m_localities;
    std::vector<Period> m_periods;
    std::vector<Indicator> m_indicators;
    std::map<std::string, Value> m_values;  // "ind|loc|period", from the indicator's own channel only
    std::vector<Briefing> m_briefings;
    std::vector<Tracker> m_trackers;
    std::vector<TrackerItem> m_items;
    std::vector<TaggedModule> m_modules;
    std::vector<LibraryEntry> m_library;
    std::map<std::string, std::string> m_doc_channel;  // doc id -> channel
    std::vector<Meeting> m_meetings;
    std::string m_demo_clock;
    std::int64_t m_threshold = 5;
};

} // namespace content
