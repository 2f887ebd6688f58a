// PDF to page images and texts with poppler-utils; see source_folder.hpp.
#include "content/file_io.hpp"
#include "content/limits.hpp"
#include "content/source_folder.hpp"

#include <algorithm>
#include <cstdlib>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace fs = std::filesystem;

namespace content {
namespace {

constexpr std::uint64_t max_text_file = limits::source_file_bytes;
constexpr std::uint64_t max_image_file = limits::image_file_bytes;

// Runs a program with arguments (no shell). Returns its exit status, or -1 if
// it could not be started. Exit status 127 also means "not started": where
// posix_spawn cannot report a failed exec (qemu-user, which emulates vfork
// with fork), the child exits 127, as a shell does for a missing command.
int run_program(const std::vector<std::string>& argv) {
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    int rc = posix_spawnp(&pid, args[0], &fa, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) return -1;
    int status = 0;
    if (waitpid(pid, &status, 0) < 0) return -1;
    if (!WIFEXITED(status) || WEXITSTATUS(status) == 127) return -1;
    return WEXITSTATUS(status);
}

} // namespace

Result<std::vector<std::pair<std::vector<std::uint8_t>, std::string>>> pdf_to_pages(const fs::path& pdf, const std::string& where) {
    std::error_code ec;
    if (!fs::is_regular_file(pdf, ec)) return fail(Reason::source, where + ": pages: '" + pdf.filename().string() + "' is not in library/.");
    if (run_program({"pdftoppm", "-v"}) < 0 || run_program({"pdftotext", "-v"}) < 0)
        return fail(Reason::source, where + ": turning '" + pdf.filename().string() +
                                        "' into pages needs pdftoppm and pdftotext (Debian package poppler-utils). Install it, or convert the PDF into page images yourself (see FORMAT.md).");
    std::string tmpl = (fs::temp_directory_path() / "kiosk-pdf-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) return fail(Reason::io, "Could not make a temporary folder for PDF conversion.");
    fs::path tmp = tmpl;
    auto done = [&](auto r) {
        fs::remove_all(tmp, ec);
        return r;
    };
    using Pages = std::vector<std::pair<std::vector<std::uint8_t>, std::string>>;
    if (run_program({"pdftoppm", "-r", "110", "-png", pdf.string(), (tmp / "page").string()}) != 0)
        return done(Result<Pages>(fail(Reason::source, where + ": pdftoppm could not read '" + pdf.filename().string() + "'; is it a valid PDF?")));
    std::vector<fs::path> pngs;
    for (auto& e : fs::directory_iterator(tmp, ec))
        if (e.path().extension() == ".png") pngs.push_back(e.path());
    // pdftoppm names pages page-1.png or page-01.png: sort by the number.
    std::sort(pngs.begin(), pngs.end(), [](const fs::path& a, const fs::path& b) {
        auto num = [](const fs::path& p) { return std::atoi(p.stem().string().substr(p.stem().string().rfind('-') + 1).c_str()); };
        return num(a) < num(b);
    });
    if (pngs.empty() || pngs.size() > 500)
        return done(Result<Pages>(fail(Reason::source, where + ": '" + pdf.filename().string() + "' has no pages, or more than 500.")));
    Pages out;
    for (std::size_t i = 0; i < pngs.size(); ++i) {
        std::string n = std::to_string(i + 1);
        fs::path txt = tmp / ("page-" + n + ".txt");
        if (run_program({"pdftotext", "-f", n, "-l", n, "-layout", pdf.string(), txt.string()}) != 0)
            return done(Result<Pages>(fail(Reason::source, where + ": pdftotext could not read page " + n + " of '" + pdf.filename().string() + "'.")));
        auto png = file_io::read_file(pngs[i], max_image_file);
        auto text = file_io::read_file(txt, max_text_file);
        if (!png || !text) return done(Result<Pages>(fail(Reason::io, where + ": reading the converted page " + n + " failed.")));
        out.emplace_back(std::vector<std::uint8_t>(png->begin(), png->end()), *text);
    }
    return done(Result<Pages>(std::move(out)));
}


} // namespace content
