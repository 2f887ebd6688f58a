// Odd but well-formed content: a bundle that passes every structural check
// (it is signed by a trusted key, its SQLite is intact and its schema exact)
// can still hold values no publisher meant: infinite or negative figures,
// references to things that do not exist, answers out of range, broken JSON,
// page numbers and image sizes that make no sense, invalid UTF-8, markdown
// built to be deep or wide. Each case alters the demo bundles one way, then
// the kiosk must either refuse them with the reason code the case names, or
// verify them and show every view, search and document without crashing
// (also run under ASan and UBSan by scripts/sanitize.sh).
#include "view_harness.hpp"

#include "content/bundle_verify.hpp"
#include "content/catalog.hpp"
#include "content/sqlite.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <stdexcept>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

struct Case {
    const char* name;
    const char* sql;
    const char* refused = nullptr;  // the reason code verification must give, or nullptr: shown
};

std::string repeat(const std::string& s, int n) {
    std::string r;
    for (int i = 0; i < n; ++i) r += s;
    return r;
}

struct Scratch {
    fs::path path;
    Scratch() {
        std::string t = (fs::temp_directory_path() / "kiosk-odd-XXXXXX").string();
        if (!::mkdtemp(t.data())) throw std::runtime_error("mkdtemp failed");
        path = t;
    }
    ~Scratch() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
};

std::vector<Case> cases() {
    static const std::string deep_quotes = "'" + repeat("> ", 400) + "deep'";
    static const std::string deep_lists = "'" + [] {
        std::string s;
        for (int i = 0; i < 200; ++i) s += std::string(static_cast<std::size_t>(i) * 2, ' ') + "- item\n";
        return s;
    }() + "'";
    static const std::string wide_table = "'|" + repeat(" h |", 300) + "\n|" + repeat("---|", 300) + "\n|" + repeat(" c |", 300) + "'";
    static const std::string long_word = "'" + std::string(20000, 'x') + "'";
    static std::vector<std::string> owned = {
        "UPDATE briefings SET body_md = " + deep_quotes,
        "UPDATE documents SET body_md = " + deep_lists,
        "UPDATE documents SET body_md = " + wide_table,
        "UPDATE localities SET name = " + long_word,
        "UPDATE indicators SET title = " + long_word + ", definition = " + long_word,
        "UPDATE slides SET notes = " + long_word,
        "UPDATE slides SET body_md = " + deep_quotes,
        "UPDATE documents SET body_md = 'Before ' || " + long_word + " || ' after.'",
        "UPDATE briefings SET body_md = " + long_word,
    };
    return {
        {"infinite figures", "UPDATE indicator_values SET value = 9e999 WHERE rowid % 3 = 0", "E_FORMAT"},
        {"negative infinite figures", "UPDATE indicator_values SET value = -9e999", "E_FORMAT"},
        {"negative figures", "UPDATE indicator_values SET value = -5, marker = NULL", "E_FORMAT"},
        {"huge figures", "UPDATE indicator_values SET value = 1e300, marker = NULL"},
        {"neither value nor marker", "UPDATE indicator_values SET value = NULL, marker = NULL"},
        {"unknown markers", "UPDATE indicator_values SET value = NULL, marker = 'zz'"},
        {"values for missing localities", "UPDATE OR IGNORE indicator_values SET locality_id = 'ghost' || rowid"},
        {"values for missing periods", "UPDATE OR IGNORE indicator_values SET period_id = 'ghost' || rowid"},
        {"values for missing indicators", "UPDATE OR IGNORE indicator_values SET indicator_id = 'ghost' || rowid"},
        {"no periods", "DELETE FROM periods"},
        {"no area", "DELETE FROM localities WHERE kind = 'area'"},
        {"no localities at all", "DELETE FROM localities"},
        {"no indicators", "DELETE FROM indicators"},
        {"localities their own parents", "UPDATE localities SET parent_id = id"},
        {"periods with nonsense dates", "UPDATE periods SET start_date = 'not a date', end_date = ''"},
        {"periods in reverse", "UPDATE periods SET sort_order = -sort_order, start_date = '2099-01-01'"},
        {"numerator missing", "UPDATE indicators SET numerator_id = 'ghost'"},
        {"numerator is itself", "UPDATE indicators SET numerator_id = id"},
        {"broken embeds", "UPDATE briefings SET body_md = '{{card:ghost}}\n\n{{chart:}}\n\n{{card:\n\n{{}}\n\n{{chart:ghost}}'"},
        {"deep quotes", owned[0].c_str()},
        {"deep lists", owned[1].c_str()},
        {"a 300-column table", owned[2].c_str()},
        {"a 20,000-character word", owned[3].c_str(), "E_FORMAT"},
        {"long indicator texts", owned[4].c_str(), "E_FORMAT"},
        {"long slide notes", owned[5].c_str(), "E_FORMAT"},
        {"deep quotes on slides", owned[6].c_str()},
        {"a 20,000-character word in a document", owned[7].c_str()},
        {"a 20,000-character word as a briefing", owned[8].c_str()},
        {"briefing for a missing locality", "UPDATE briefings SET locality_id = 'ghost', date = 'x'"},
        {"empty briefings", "UPDATE briefings SET body_md = '', title = '', summary = NULL"},
        {"impossible due dates", "UPDATE tracker_items SET due_date = '2026-02-31'"},
        {"empty due dates", "UPDATE tracker_items SET due_date = '', progress = NULL, response = NULL"},
        {"items without a tracker", "DELETE FROM trackers"},
        {"negative durations", "UPDATE modules SET duration_min = -10"},
        {"zero and huge durations", "UPDATE modules SET duration_min = CASE WHEN rowid % 2 THEN 0 ELSE 100000000 END"},
        {"modules without slides", "DELETE FROM slides"},
        {"slides numbered with gaps and below zero", "UPDATE slides SET ord = (ord - 3) * 1000"},
        {"answers out of range", "UPDATE questions SET answer = CASE WHEN rowid % 2 THEN 99 ELSE -1 END"},
        {"options not JSON", "UPDATE questions SET options = 'not json'"},
        {"no options", "UPDATE questions SET options = '[]'"},
        {"options of the wrong type", "UPDATE questions SET options = CASE WHEN rowid % 2 THEN '[1,2,3]' ELSE '{\"a\":1}' END"},
        {"questions on missing slides", "UPDATE OR IGNORE questions SET slide_ord = 9999 + rowid"},
        {"slides with missing images", "UPDATE slides SET image_id = 'ghost'"},
        {"outcomes not JSON", "UPDATE modules SET outcomes = '[[['"},
        {"page counts that lie", "UPDATE documents SET page_count = CASE WHEN rowid % 2 THEN 1000000 ELSE -1 END"},
        {"nonsense dates on documents", "UPDATE documents SET published = 'garbage', review_date = '0000-00-00'"},
        {"empty documents", "UPDATE documents SET body_md = NULL, summary = '', title = ''"},
        {"links and images to nothing", "UPDATE documents SET body_md = '![x](image:ghost) [a](doc:ghost) [b](doc:) [c](javascript:alert(1)) ![y]()'"},
        {"pages numbered oddly", "UPDATE OR IGNORE document_pages SET page = CASE WHEN rowid % 2 THEN -page ELSE page * 100 END"},
        {"pages with missing images", "UPDATE document_pages SET image_id = 'ghost'"},
        {"images with no size", "UPDATE images SET width = 0, height = 0", "E_FORMAT"},
        {"images with negative and huge sizes", "UPDATE images SET width = -5, height = 100000", "E_FORMAT"},
        {"images that are not images", "UPDATE images SET data = X'00'", "E_FORMAT"},
        {"search entries for missing things", "INSERT INTO search(title, body, kind, ref) VALUES ('section ghost', 'section 11 ghost', 'document', 'ghost'), ('x', 'section', 'slide', 'nomodule:99'), ('y', 'section', 'briefing', '')"},
        {"invalid UTF-8 in titles", "UPDATE documents SET title = CAST(X'C328E282A8F09F' AS TEXT) || title"},
        {"NUL and control characters", "UPDATE localities SET name = CAST(X'4100420D0A1B5B33316D' AS TEXT)"},
        {"disclosure threshold of zero", "UPDATE manifest SET value = 0 WHERE key = 'disclosure_threshold'", "E_MANIFEST"},
    };
}

std::vector<std::string> routes_for(const content::Catalog& c) {
    std::vector<std::string> r = {"home", "briefing:", "actions", "library", "library:search=section", "library:search=\"", "training", "admin"};
    for (auto& l : c.localities()) {
        r.push_back("briefing:" + l.id);
        for (auto& i : c.indicators()) r.push_back("briefing:" + l.id + "/" + i.id);
    }
    for (auto& i : c.indicators()) r.push_back("compare:" + i.id);
    for (auto& b : c.briefings()) r.push_back("brief:" + b.id);
    for (auto& d : c.library()) {
        r.push_back("doc:" + d.header.id);
        for (int p : {0, 1, 2, -1, 1000001}) r.push_back("doc:" + d.header.id + ":" + std::to_string(p));
    }
    for (auto& m : c.modules()) {
        r.push_back("training:" + m.module.id);
        for (auto& s : m.module.slides) {
            r.push_back("training:" + m.module.id + ":" + std::to_string(s.ord));
            r.push_back("presenter:" + m.module.id + ":" + std::to_string(s.ord));
        }
        r.push_back("presenter:" + m.module.id + ":99999");
    }
    return r;
}

} // namespace

TEST_CASE("odd content: every altered bundle is refused with a reason or shown without a crash") {
    Scratch tmp;
    int shown = 0, refused = 0;
    for (const auto& c : cases()) {
        const std::string case_name = c.name;
        CAPTURE(case_name);
        std::vector<std::pair<std::string, fs::path>> files;
        bool ok = true;
        for (const char* ch : {"demo-board", "demo-council"}) {
            fs::path f = tmp.path / (std::string(ch) + ".kbundle");
            fs::copy_file(fs::path(KIOSK_DEMO_DIR) / (std::string(ch) + ".kbundle"), f, fs::copy_options::overwrite_existing);
            {
                auto db = content::sql::Db::open(f, content::sql::OpenMode::read_write);
                REQUIRE(db);
                auto e = db->exec(c.sql);
                REQUIRE_MESSAGE(e.has_value(), (e ? std::string() : e.error().line()));
            }
            auto m = content::check_contents(f, content::VerifyOptions{});
            if (!m) {
                MESSAGE((std::string(c.name) + ": " + m.error().line()));
                // Refused, and with the reason this case expects (not just any code).
                CHECK_MESSAGE(c.refused != nullptr, "refused but expected to be shown: " << m.error().line());
                if (c.refused) CHECK(content::reason_code(m.error().reason) == std::string_view(c.refused));
                CHECK_FALSE(m.error().message.empty());
                ok = false;
                break;
            }
            files.emplace_back(ch, f);
        }
        if (!ok) {
            ++refused;
            continue;
        }
        CHECK_MESSAGE(c.refused == nullptr, "verified but expected to be refused with " << c.refused);
        // Content that verified loads, and any text typed into search gets an answer.
        auto cat = content::Catalog::from_files(files);
        REQUIRE_MESSAGE(cat.has_value(), (cat ? std::string() : cat.error().line()));
        for (const char* q : {"section", "section 11", "\"child protection", "ghost", "*", "\"", "a OR", "NEAR(", "x:y"}) {
            auto r = cat->search(content::SearchQuery{q, 10, ""});
            CHECK_MESSAGE(r.has_value(), q << ": " << (r ? std::string() : r.error().line()));
        }
        for (auto& d : cat->library()) (void)cat->document(d.header.id);
        auto routes = routes_for(*cat);
        test::Harness h(ImVec2(1280, 720), std::move(*cat));
        for (const auto& r : routes) {
            CAPTURE(r);
            if (!h.shell.go(r, h.ctx)) continue;
            h.frames(2);
            CHECK(h.frame() > 0);
        }
        ++shown;
    }
    MESSAGE("odd content: " << shown << " shown, " << refused << " refused");
    std::size_t expected_refused = 0;
    for (const auto& c : cases()) expected_refused += c.refused != nullptr;
    CHECK(refused == static_cast<int>(expected_refused));
    CHECK(shown + refused == static_cast<int>(cases().size()));
}
