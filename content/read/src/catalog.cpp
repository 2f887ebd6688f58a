// The merged read model over installed channels; see catalog.hpp.
#include "content/catalog.hpp"
#include "content/bundle_reader.hpp"
#include "content/search_engine.hpp"
#include "content/disclosure.hpp"

#include <algorithm>
#include <set>

namespace content {

std::string IdCollision::sentence() const {
    return "Channels '" + kept_channel + "' and '" + dropped_channel + "' both define " + kind + " '" + id + "'; only '" + kept_channel +
           "''s is shown, with its own figures and items.";
}

namespace {
// Localities and periods are shared vocabulary between publishers of one
// council: the same id with the same definition is not a collision.
bool same_definition(const Locality& a, const Locality& b) { return a.name == b.name && a.kind == b.kind && a.parent_id == b.parent_id; }
bool same_definition(const Period& a, const Period& b) { return a.label == b.label && a.start_date == b.start_date && a.end_date == b.end_date; }
template <class T>
bool same_definition(const T&, const T&) { return false; }
} // namespace

template <class T>
void Catalog::merge_owned(const char* kind, std::vector<T>& into, std::vector<T>&& from, const std::string& channel) {
    for (auto& x : from) {
        auto [it, fresh] = m_owner.emplace(std::string(kind) + "|" + x.id, channel);
        if (fresh) into.push_back(std::move(x));
        else if (it->second != channel) {
            auto kept = std::find_if(into.begin(), into.end(), [&](const T& k) { return k.id == x.id; });
            if (kept != into.end() && same_definition(*kept, x)) continue;
            m_collisions.push_back(IdCollision{kind, x.id, it->second, channel});
            m_problems.push_back(m_collisions.back().sentence());
        }
    }
}

// Each indicator's figures come from one bundle, which passed the disclosure
// rules at import; checking the merged model as a whole makes sure that no
// combination the screen can show weakens them (a breach is reported, and the
// indicator's figures are withdrawn).
void Catalog::recheck_disclosure() {
    std::vector<Value> all;
    all.reserve(m_values.size());
    for (auto& [k, v] : m_values) all.push_back(v);
    auto issues = find_disclosure_issues({m_localities, m_indicators, all, m_threshold});
    std::set<std::string> withdrawn;
    for (auto& i : issues) {
        if (!withdrawn.insert(i.cell.indicator_id).second) continue;
        m_problems.push_back("The merged figures for indicator '" + i.cell.indicator_id + "' fail the disclosure rules (" + i.cell.str() + ": " +
                             i.message + "); they are not shown.");
    }
    if (withdrawn.empty()) return;
    std::erase_if(m_values, [&](const auto& kv) { return withdrawn.count(kv.second.indicator_id) > 0; });
}

Catalog::Catalog(Catalog&&) noexcept = default;
Catalog& Catalog::operator=(Catalog&&) noexcept = default;
Catalog::~Catalog() = default;

Catalog Catalog::load_channels(const std::vector<InstalledChannel>& chans) {
    Catalog c;
    for (auto& ch : chans) {
        if (auto s = c.add_bundle(ch.info.channel, ch.file, ch.info); !s)
            c.m_problems.push_back("Channel '" + ch.info.channel + "' could not be opened: " + s.error().message);
    }
    c.recheck_disclosure();
    return c;
}

Result<Catalog> Catalog::from_files(const std::vector<std::pair<std::string, std::filesystem::path>>& files) {
    Catalog c;
    for (auto& [channel, path] : files) {
        auto r = BundleReader::open(path);
        if (!r) return std::unexpected(r.error());
        auto m = r->manifest();
        if (!m) return std::unexpected(m.error());
        if (auto s = c.add_bundle(channel, path, ChannelInfo{channel, m->title, m->version, m->created, m->expires, std::nullopt}); !s)
            return std::unexpected(s.error());
    }
    c.recheck_disclosure();
    return c;
}

Status Catalog::add_bundle(const std::string& channel, const std::filesystem::path& file, ChannelInfo info) {
    auto r = BundleReader::open(file);
    if (!r) return std::unexpected(r.error());
    auto reader = std::make_shared<BundleReader>(std::move(*r));
    auto m = reader->manifest();
    if (!m) return std::unexpected(m.error());
    auto locs = reader->localities();
    auto pers = reader->periods();
    auto inds = reader->indicators();
    auto vals = reader->values();
    auto brfs = reader->briefings();
    auto trks = reader->trackers();
    auto items = reader->tracker_items();
    auto mods = reader->modules();
    auto docs = reader->document_headers();
    auto meets = reader->meetings();
    if (!locs || !pers || !inds || !vals || !brfs || !trks || !items || !mods || !docs || !meets)
        return fail(Reason::corrupt, "its content could not be read.");
    m_threshold = std::max(m_threshold, m->disclosure_threshold);
    merge_owned("locality", m_localities, std::move(*locs), channel);
    merge_owned("period", m_periods, std::move(*pers), channel);
    std::stable_sort(m_periods.begin(), m_periods.end(), [](const Period& a, const Period& b) { return a.start_date < b.start_date; });
    merge_owned("indicator", m_indicators, std::move(*inds), channel);
    // Figures and tracker items only under their own channel's definitions.
    for (auto& v : *vals)
        if (auto o = m_owner.find("indicator|" + v.indicator_id); o != m_owner.end() && o->second == channel) m_values.emplace(v.indicator_id + "|" + v.locality_id + "|" + v.period_id, std::move(v));
    merge_owned("briefing", m_briefings, std::move(*brfs), channel);
    merge_owned("tracker", m_trackers, std::move(*trks), channel);
    for (auto& i : *items)
        if (auto o = m_owner.find("tracker|" + i.tracker_id); o != m_owner.end() && o->second == channel) m_items.push_back(std::move(i));
    for (auto& mo : *mods) m_modules.push_back(TaggedModule{std::move(mo), channel, m->version});
    merge_owned("meeting", m_meetings, std::move(*meets), channel);
    std::stable_sort(m_meetings.begin(), m_meetings.end(), [](const Meeting& a, const Meeting& b) { return a.starts < b.starts; });
    if (m_demo_clock.empty()) m_demo_clock = m->demo_clock;
    m_library.reserve(m_library.size() + docs->size());  // exact, not doubled (10,000 entries are ~2 MB)
    for (auto& d : *docs) {
        if (auto it = m_doc_channel.find(d.id); it != m_doc_channel.end()) {
            m_collisions.push_back(IdCollision{"document", d.id, it->second, channel});
            m_problems.push_back(m_collisions.back().sentence());
            continue;
        }
        m_doc_channel[d.id] = channel;
        m_library.push_back(LibraryEntry{std::move(d), channel});
    }
    m_readers[channel] = std::move(reader);
    m_channels.push_back(std::move(info));
    return {};
}

const Meeting* Catalog::meeting(const std::string& id) const {
    for (auto& m : m_meetings)
        if (m.id == id) return &m;
    return nullptr;
}

bool Catalog::has_channel(const std::string& channel) const {
    return std::any_of(m_channels.begin(), m_channels.end(), [&](const ChannelInfo& c) { return c.channel == channel; });
}

const Indicator* Catalog::indicator(const std::string& id) const {
    for (auto& i : m_indicators)
        if (i.id == id) return &i;
    return nullptr;
}

const Locality* Catalog::locality(const std::string& id) const {
    for (auto& l : m_localities)
        if (l.id == id) return &l;
    return nullptr;
}

const Value* Catalog::value(const std::string& ind, const std::string& loc, const std::string& per) const {
    auto it = m_values.find(ind + "|" + loc + "|" + per);
    return it == m_values.end() ? nullptr : &it->second;
}

std::string Catalog::area_id() const {
    for (auto& l : m_localities)
        if (l.kind == "area") return l.id;
    return {};
}

const std::string& Catalog::channel_title(const std::string& channel) const {
    static const std::string none;
    for (auto& c : m_channels)
        if (c.channel == channel) return c.title;
    return none;
}

Result<Document> Catalog::document(const std::string& id) const {
    auto it = m_doc_channel.find(id);
    if (it == m_doc_channel.end()) return fail(Reason::not_found, "There is no document '" + id + "'.");
    return m_readers.at(it->second)->document(id);
}

Result<Image> Catalog::image(const std::string& id) const {
    for (auto& [ch, r] : m_readers) {
        auto img = r->image(id);
        if (img) return img;
        if (img.error().reason != Reason::not_found) return img;
    }
    return fail(Reason::not_found, "There is no image '" + id + "'.");
}

Result<SearchResult> Catalog::search(const SearchQuery& q) const {
    std::vector<ReaderRef> refs;
    for (auto& [ch, r] : m_readers) refs.push_back(ReaderRef{ch, r.get()});
    return search_readers(refs, q);
}

} // namespace content
