// The merged read model over installed channels; see catalog.hpp.
#include "content/catalog.hpp"
#include "content/bundle_reader.hpp"
#include "content/search_engine.hpp"

#include <algorithm>
#include <set>

namespace content {

namespace {
template <class T>
void append_unique(std::vector<T>& into, std::vector<T>&& from) {
    std::set<std::string> have;
    for (auto& x : into) have.insert(x.id);
    for (auto& x : from)
        if (have.insert(x.id).second) into.push_back(std::move(x));
}
} // namespace

Catalog::Catalog(Catalog&&) noexcept = default;
Catalog& Catalog::operator=(Catalog&&) noexcept = default;
Catalog::~Catalog() = default;

Catalog Catalog::load_channels(const std::vector<InstalledChannel>& chans) {
    Catalog c;
    for (auto& ch : chans) {
        if (auto s = c.add_bundle(ch.info.channel, ch.file, ch.info); !s)
            c.m_problems.push_back("Channel '" + ch.info.channel + "' could not be opened: " + s.error().message);
    }
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
    if (!locs || !pers || !inds || !vals || !brfs || !trks || !items || !mods || !docs)
        return fail(Reason::corrupt, "its content could not be read.");
    m_threshold = std::max(m_threshold, m->disclosure_threshold);
    append_unique(m_localities, std::move(*locs));
    append_unique(m_periods, std::move(*pers));
    std::stable_sort(m_periods.begin(), m_periods.end(), [](const Period& a, const Period& b) { return a.start_date < b.start_date; });
    append_unique(m_indicators, std::move(*inds));
    for (auto& v : *vals) m_values.emplace(v.indicator_id + "|" + v.locality_id + "|" + v.period_id, std::move(v));
    append_unique(m_briefings, std::move(*brfs));
    append_unique(m_trackers, std::move(*trks));
    for (auto& i : *items) m_items.push_back(std::move(i));
    for (auto& mo : *mods) m_modules.push_back(TaggedModule{std::move(mo), channel, m->version});
    m_library.reserve(m_library.size() + docs->size());  // exact, not doubled (10,000 entries are ~2 MB)
    for (auto& d : *docs) {
        if (m_doc_channel.count(d.id)) continue;
        m_doc_channel[d.id] = channel;
        m_library.push_back(LibraryEntry{std::move(d), channel});
    }
    m_readers[channel] = std::move(reader);
    m_channels.push_back(std::move(info));
    return {};
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
