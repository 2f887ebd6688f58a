// Fuzz target: a whole publisher source folder through read_source (the JSON
// manifest reader, the CSV and front-matter readers with their field rules,
// slides, images, references) and then the disclosure and personal-data
// lints over whatever it reads.
//
// Input: files separated by lines "@@ relative/path". Text before the first
// such line is bundle.json. Paths are kept to [a-z0-9._/-] under the scratch
// folder. Inputs that would send the reader outside it (a document's
// "pages:" naming an absolute path, "..", or a PDF, which runs poppler) are
// skipped: that is the publisher's own machine, not the kiosk.
#include "content/lint.hpp"
#include "content/source_folder.hpp"
#include "fuzz_util.hpp"

namespace {

bool safe_rel_path(const std::string& p) {
    if (p.empty() || p.size() > 80 || p[0] == '/' || p.find("..") != std::string::npos) return false;
    for (char c : p)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' || c == '/')) return false;
    return true;
}

bool leaves_folder(std::string_view text) {
    for (std::size_t pos = text.find("pages:"); pos != std::string_view::npos; pos = text.find("pages:", pos + 1)) {
        std::size_t end = text.find('\n', pos);
        std::string_view v = text.substr(pos + 6, end == std::string_view::npos ? std::string_view::npos : end - pos - 6);
        if (v.find('/') != std::string_view::npos || v.find("..") != std::string_view::npos || v.find("pdf") != std::string_view::npos ||
            v.find("PDF") != std::string_view::npos || v.find('~') != std::string_view::npos)
            return true;
    }
    return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    if (leaves_folder(text)) return 0;
    const auto dir = fuzz::scratch_dir() / "src";
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    std::filesystem::create_directories(dir, ec);
    std::string name = "bundle.json";
    std::size_t pos = 0, files = 0;
    while (pos <= text.size() && files < 24) {
        std::size_t next = text.find("\n@@ ", pos);
        std::string_view body = text.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos);
        if (safe_rel_path(name)) {
            auto path = dir / name;
            std::filesystem::create_directories(path.parent_path(), ec);
            (void)fuzz::write_file(path, body);  // a path that clashes with a folder is skipped
            ++files;
        }
        if (next == std::string_view::npos) break;
        std::size_t eol = text.find('\n', next + 4);
        name = std::string(text.substr(next + 4, eol == std::string_view::npos ? std::string_view::npos : eol - next - 4));
        pos = eol == std::string_view::npos ? text.size() + 1 : eol + 1;
    }
    auto sb = content::read_source(dir);
    if (!sb) {
        FUZZ_CHECK(!sb.error().message.empty());
        return 0;
    }
    content::LintReport report;
    content::lint_model(*sb, report, content::FixSuggest::yes);
    for (const auto& f : report.findings) FUZZ_CHECK(!f.code.empty() && !f.message.empty());
    return 0;
}
