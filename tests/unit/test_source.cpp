// Source-folder reading and building: every rule has a failing and a passing
// case, every error names its file and line, and a failed build leaves nothing.
#include "content/bundle_builder.hpp"
#include "content/bundle_reader.hpp"
#include "content/bundle_verify.hpp"
#include "content/csv.hpp"
#include "content/front_matter.hpp"
#include "content/manifest.hpp"
#include "content/source_folder.hpp"
#include "test_util.hpp"

#include <doctest/doctest.h>

using namespace content;

namespace {
void append(const test::fs::path& p, const std::string& s) { test::write_all(p, test::read_all(p) + s); }
void replace_in(const test::fs::path& p, const std::string& from, const std::string& to) {
    auto d = test::read_all(p);
    auto pos = d.find(from);
    REQUIRE_MESSAGE(pos != std::string::npos, from);
    d.replace(pos, from.size(), to);
    test::write_all(p, d);
}
Error build_error(const test::fs::path& src, const test::fs::path& out) {
    auto r = build_bundle(src, out);
    REQUIRE_FALSE_MESSAGE(r.has_value(), "the build should have failed");
    return r.error();
}
} // namespace

TEST_CASE("csv: quoted cells - CRLF - BOM and embedded newlines parse") {
    auto t = csv::parse("\xEF\xBB\xBF" "a,b\r\n1,\"x, \"\"y\"\"\"\r\n2,\"two\nlines\"\n", "t.csv");
    REQUIRE(t);
    REQUIRE(t->rows.size() == 2);
    CHECK(t->get(t->rows[0], "b") == "x, \"y\"");
    CHECK(t->get(t->rows[1], "b") == "two\nlines");
    CHECK(t->rows[1].line == 3);
}

TEST_CASE("csv: malformed input names the file and line") {
    auto unterminated = csv::parse("a,b\n1,\"oops\n", "x.csv");
    REQUIRE_FALSE(unterminated);
    CHECK(unterminated.error().message.find("x.csv:2") == 0);
    auto ragged = csv::parse("a,b\n1,2\n3\n", "x.csv");
    REQUIRE_FALSE(ragged);
    CHECK(ragged.error().message.find("x.csv:3") == 0);
    auto stray = csv::parse("a,b\n1,x\"y\n", "x.csv");
    REQUIRE_FALSE(stray);
    CHECK(stray.error().reason == Reason::source);
    CHECK_FALSE(csv::parse("a,a\n", "x.csv"));
    CHECK_FALSE(csv::parse("", "x.csv"));
    CHECK_FALSE(csv::parse(std::string("a\n\0\n", 4), "x.csv"));
    CHECK(csv::quote("a,b") == "\"a,b\"");
}

TEST_CASE("front matter: values - lists - body - malformed blocks refused with line") {
    auto fm = parse_front_matter("---\ntitle: Hello\nsources:\n  - One\n  - Two\n---\nBody\n", "f.md");
    REQUIRE(fm);
    CHECK(fm->get("title") == "Hello");
    CHECK(fm->lists.at("sources").size() == 2);
    CHECK(fm->body == "Body\n");
    auto open = parse_front_matter("---\ntitle: x\n", "f.md");
    REQUIRE_FALSE(open);
    CHECK(open.error().message.find("never closed") != std::string::npos);
    auto bad = parse_front_matter("---\ntitle x\n---\n", "f.md");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message.find("f.md:2") == 0);
    CHECK_FALSE(parse_front_matter("---\na: 1\na: 2\n---\n", "f.md"));
    CHECK(parse_front_matter("no block", "f.md")->body == "no block");
}

TEST_CASE("timestamps and versions") {
    CHECK(parse_utc("2014-05-13T09:30:00Z") == 1399973400);
    CHECK_FALSE(parse_utc("2014-05-13 09:30:00"));
    CHECK_FALSE(parse_utc("2014-02-31T00:00:00Z"));
    CHECK(format_utc(1399973400) == "2014-05-13T09:30:00Z");
    CHECK(parse_date("2015-02-26"));
    CHECK_FALSE(parse_date("26/02/2015"));
    CHECK(compare_versions("0.10.0", "0.9.9") > 0);
    CHECK(compare_versions("1.0", "1.0.0") == 0);
    CHECK(compare_versions("0.1.0", "0.2") < 0);
    // Parts of any length compare as numbers, without overflowing.
    CHECK(compare_versions("18446744073709551617", "2") > 0);  // 2^64 + 1
    CHECK(compare_versions("9223372036854775808", "1") > 0);   // 2^63
    CHECK(compare_versions("2", "18446744073709551617") < 0);
    CHECK(compare_versions("0.99999999999999999999999", "0.99999999999999999999998") > 0);
    CHECK(compare_versions("1.000000000000000000000001", "1.1") == 0);  // leading zeros do not count
    CHECK(compare_versions("007.1", "7.1") == 0);
    CHECK(valid_version("0.1.0"));
    CHECK(valid_version("12"));
    for (const char* bad : {"", "v1", "1.", ".1", "1..2", "1.2.3-rc1", "1 .2", "1.2.3.4.5", "1234567890.0"}) {
        CAPTURE(std::string(bad));
        CHECK_FALSE(valid_version(bad));
    }
    CHECK(valid_channel_name("oxon-scb"));
    CHECK_FALSE(valid_channel_name("Oxon SCB"));
}

TEST_CASE("value cells: numbers - markers - qualified numbers") {
    CHECK(parse_value_cell("286")->value == 286);
    CHECK(parse_value_cell("[c]")->marker == "[c]");
    CHECK_FALSE(parse_value_cell("[c]")->value);
    auto p = parse_value_cell("12.5 [p]");
    REQUIRE(p);
    CHECK(p->value == 12.5);
    CHECK(p->marker == "[p]");
    CHECK_FALSE(parse_value_cell("3 [c]"));  // a suppressed cell must not carry its value
    CHECK_FALSE(parse_value_cell("[q]"));
    CHECK_FALSE(parse_value_cell("twelve"));
    CHECK_FALSE(parse_value_cell(""));
}

TEST_CASE("slides: titles - notes - knowledge checks") {
    auto s = parse_slides("# One\nBody\nNotes: say it\n---\n# Q\n?> Pick\n- [ ] a\n- [x] b\nExplanation: because\n", "s.md");
    REQUIRE(s);
    REQUIRE(s->size() == 2);
    CHECK((*s)[0].notes == "say it");
    REQUIRE((*s)[1].question);
    CHECK((*s)[1].question->answer == 1);
    CHECK((*s)[1].question->explanation == "because");
    CHECK_FALSE(parse_slides("no title\n", "s.md"));
    CHECK_FALSE(parse_slides("# Q\n?> Pick\n- [x] a\n- [x] b\nExplanation: e\n", "s.md"));  // two correct
    CHECK_FALSE(parse_slides("# Q\n?> Pick\n- [x] a\nExplanation: e\n", "s.md"));            // one option
    CHECK_FALSE(parse_slides("# Q\n?> Pick\n- [x] a\n- [ ] b\n", "s.md"));                   // no explanation
}

TEST_CASE("build: the good source builds - verifies and reads back") {
    test::TempDir t;
    auto out = t / "g.kbundle";
    auto r = build_bundle(test::fixtures() / "good_src", out);
    REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().line()));
    auto m = check_contents(out, VerifyOptions{});
    REQUIRE(m);
    CHECK(m->channel == "test-board");
    auto rd = BundleReader::open(out);
    REQUIRE(rd);
    CHECK(rd->localities()->size() == 5);
    auto mods = rd->modules();
    REQUIRE(mods);
    REQUIRE(mods->size() == 1);
    CHECK(mods->front().slides.size() == 2);
    CHECK(mods->front().slides[1].question.has_value());
    auto doc = rd->document("guidance");
    REQUIRE(doc);
    CHECK(doc->review_date == "2015-03-01");
    CHECK(rd->image("chart")->width == 64);
    CHECK(rd->db().query_int("SELECT count(*) FROM search WHERE search MATCH 'cooperate'").value() == 1);
    CHECK_FALSE(test::fs::exists(out.string() + "-journal"));
}

TEST_CASE("build: bad source is refused with file and line - and leaves no bundle") {
    test::TempDir t;
    auto src = test::copy_good_src(t.path());
    auto out = t / "out.kbundle";
    test::write_all(out, "previous bundle");

    SUBCASE("unknown unit") {
        replace_in(src / "indicators.csv", "count,neutral", "widgets,neutral");
        auto e = build_error(src, out);
        CHECK(e.reason == Reason::source);
        CHECK(e.message.find("indicators.csv:2") == 0);
    }
    SUBCASE("unknown locality in values") {
        append(src / "values.csv", "cla,atlantis,2023,10,\n");
        auto e = build_error(src, out);
        CHECK(e.message.find("values.csv:15") == 0);
        CHECK(e.message.find("atlantis") != std::string::npos);
    }
    SUBCASE("bad marker") {
        append(src / "values.csv", "cla,england,2022,[nope],\n");
        CHECK(build_error(src, out).message.find("values.csv:15") == 0);
    }
    SUBCASE("bad RAG") {
        replace_in(src / "tracker_items.csv", ",green,", ",purple,");
        CHECK(build_error(src, out).message.find("tracker_items.csv:2") == 0);
    }
    SUBCASE("bad date") {
        replace_in(src / "library/guidance.md", "published: 2013-03-01", "published: March 2013");
        CHECK(build_error(src, out).message.find("library/guidance.md") == 0);
    }
    SUBCASE("missing image") {
        replace_in(src / "training/intro/slides.md", "image:chart", "image:nope");
        CHECK(build_error(src, out).message.find("slides.md") != std::string::npos);
    }
    SUBCASE("image without alt text") {
        test::write_all(src / "images/images.csv", "file,alt\n");
        CHECK(build_error(src, out).message.find("alt text") != std::string::npos);
    }
    SUBCASE("broken JSON manifest") {
        test::write_all(src / "bundle.json", "{\"channel\": ");
        CHECK(build_error(src, out).message.find("bundle.json") == 0);
    }
    SUBCASE("threshold below 5") {
        replace_in(src / "bundle.json", "\"version\": 3,", "\"version\": 3, \"disclosure_threshold\": 3,");
        CHECK(build_error(src, out).reason == Reason::disclosure);
    }
    SUBCASE("a negative figure") {
        append(src / "values.csv", "cla,england,2022,-4,\n");
        auto e = build_error(src, out);
        CHECK(e.message.find("values.csv:15") == 0);
        CHECK(e.message.find("negative") != std::string::npos);
    }
    SUBCASE("a name over its length limit") {
        replace_in(src / "localities.csv", "north,North,", "north," + std::string(301, 'N') + ",");
        auto e = build_error(src, out);
        CHECK(e.reason == Reason::source);
        CHECK(e.message.find("localities.name of 'north' is 301 characters long; the limit is 300") != std::string::npos);
    }
    SUBCASE("a primary disclosure breach") {
        replace_in(src / "values.csv", "cla,south,2023,20,", "cla,south,2023,3,");
        auto e = build_error(src, out);
        CHECK(e.reason == Reason::disclosure);
        CHECK(e.message.find("cla/south/2023") != std::string::npos);
    }
    CHECK(test::read_all(out) == "previous bundle");
    for (auto& e : test::fs::directory_iterator(t.path())) CHECK(e.path().filename().string().find(".building-") == std::string::npos);
}

TEST_CASE("build: a stale signature is removed when a bundle is rebuilt") {
    test::TempDir t;
    auto out = t / "g.kbundle";
    test::write_all(out.string() + ".minisig", "old");
    REQUIRE(build_bundle(test::fixtures() / "good_src", out));
    CHECK_FALSE(test::fs::exists(out.string() + ".minisig"));
}

TEST_CASE("build: reproducible with SOURCE_DATE_EPOCH-style fixed creation time") {
    test::TempDir t;
    BuildOptions o;
    o.created = 1700000000;
    REQUIRE(build_bundle(test::fixtures() / "good_src", t / "a.kbundle", o));
    REQUIRE(build_bundle(test::fixtures() / "good_src", t / "b.kbundle", o));
    CHECK(test::read_all(t / "a.kbundle") == test::read_all(t / "b.kbundle"));
}

TEST_CASE("build: a PDF becomes page images and page texts with poppler-utils") {
    test::TempDir t;
    auto src = test::copy_good_src(t.path());
    test::fs::copy_file(test::fixtures() / "two-pages.pdf", src / "library" / "minutes.pdf");
    test::write_all(src / "library" / "minutes.md",
                    "---\ntitle: Minutes (PDF)\ncategory: minutes\norganisation: Test board\npublished: 2024-09-01\nsummary: Scanned minutes.\npages: minutes.pdf\n---\n");
    auto out = t / "p.kbundle";
    auto r = build_bundle(src, out);
    REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().line()));
    auto rd = BundleReader::open(out);
    auto d = rd->document("minutes");
    REQUIRE(d);
    REQUIRE(d->pages.size() == 2);
    CHECK(d->pages[1].text.find("actions were agreed") != std::string::npos);
    auto img = rd->image(d->pages[0].image_id);
    REQUIRE(img);
    CHECK(img->mime == "image/png");
    CHECK(img->width > 100);
    // Without the tools, the build says what to install.
    std::string path = std::getenv("PATH");
    setenv("PATH", "/nonexistent", 1);
    auto missing = build_bundle(src, t / "q.kbundle");
    setenv("PATH", path.c_str(), 1);
    REQUIRE_FALSE(missing);
    CHECK(missing.error().message.find("poppler-utils") != std::string::npos);
}
