// Fuzz target: the front-matter reader and the other text readers a markdown
// source file passes through (slides, image and document references, the
// plain-text conversion used for the search index).
#include "content/front_matter.hpp"
#include "content/source_folder.hpp"
#include "content/text_util.hpp"
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto fm = content::parse_front_matter(text, "fuzz.md");
    if (fm) {
        FUZZ_CHECK(fm->body.size() <= text.size());
        FUZZ_CHECK(fm->body_line >= 1);
        for (const auto& [k, v] : fm->values) FUZZ_CHECK(fm->has(k) && fm->get(k) == v);
    } else {
        FUZZ_CHECK(fm.error().reason == content::Reason::source);
    }
    auto slides = content::parse_slides(text, "slides.md");
    if (slides)
        for (const auto& s : *slides)
            if (s.question) FUZZ_CHECK(s.question->answer >= 0 && static_cast<std::size_t>(s.question->answer) < s.question->options.size());
    (void)content::image_refs(text);
    (void)content::doc_refs(text);
    (void)content::markdown_to_plain(text);
    return 0;
}
