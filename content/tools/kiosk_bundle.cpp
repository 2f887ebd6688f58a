// kiosk-bundle: the publisher's command-line tool. A council officer turns a
// source folder into a signed bundle and anyone can check it. This file is a
// process boundary: it parses arguments and prints; the work is in content/.
// Exit codes: 0 ok, 1 rejected or invalid, 2 usage.
#include "bundle_command.hpp"

#include "content/args.hpp"
#include "content/bundle_builder.hpp"
#include "content/bundle_verify.hpp"
#include "content/file_io.hpp"
#include "content/lint.hpp"
#include "content/minisign.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <ctime>
#include <iostream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace content;

namespace kiosk_bundle {
namespace {

// The option ids of every subcommand (each table lists the ones it takes).
namespace opt {
enum : int { out, key, trusted_comment, pub, sig, fix_suggest };
}

using content::args::Value;
constexpr content::args::Option keygen_options[] = {{"out", 0, Value::required, "PREFIX", "write PREFIX.pub and PREFIX.key", opt::out}};
constexpr content::args::Option build_options[] = {{"out", 0, Value::required, "FILE.kbundle", "the bundle to write", opt::out}};
constexpr content::args::Option sign_options[] = {
    {"key", 0, Value::required, "KEY", "the minisign secret key", opt::key},
    {"trusted-comment", 0, Value::required, "TEXT", "one line signed with the bundle (default: time and file name)", opt::trusted_comment}};
constexpr content::args::Option verify_options[] = {
    {"pub", 0, Value::required, "KEY.pub", "the publisher's public key", opt::pub},
    {"sig", 0, Value::required, "FILE.minisig", "the signature (default: FILE.kbundle.minisig)", opt::sig}};
constexpr content::args::Option inspect_options[] = {{"pub", 0, Value::required, "KEY.pub", "also verify the signature with this key", opt::pub}};
constexpr content::args::Option lint_options[] = {{"fix-suggest", 0, Value::none, "", "list the extra cells to suppress as [c]", opt::fix_suggest}};

// The value of an option the caller has checked is there.
const std::string& need(const args::Parsed& a, int id) { return *a.value(id); }

int cmd_keygen(const args::Parsed& a) {
    if (!a.has(opt::out) || !a.operands.empty()) return usage("keygen needs --out PREFIX");
    fs::path prefix = need(a, opt::out);
    fs::path pub = prefix.string() + ".pub", key = prefix.string() + ".key";
    std::error_code ec;
    if (fs::exists(key, ec) || fs::exists(pub, ec)) return reject(Error{Reason::usage, key.string() + " or " + pub.string() + " already exists; refusing to overwrite a key."});
    auto sk = minisign::generate_key();
    // The secret key is 0600 from creation (never readable by others, whatever
    // the umask), and refused where the file system cannot keep that.
    if (auto s = file_io::write_file_new(key, minisign::format_secret_key(sk), file_io::NewFileMode::secret); !s) return reject(s.error());
    if (auto s = file_io::write_file_new(pub, minisign::format_public_key(sk.public_key()), file_io::NewFileMode::shared); !s) return reject(s.error());
    std::cout << "key id " << sk.public_key().key_id_hex() << "\npublic key: " << pub.string() << "\nsecret key: " << key.string()
              << " (unencrypted: keep it off shared drives)\n";
    return 0;
}

int cmd_build(const args::Parsed& a) {
    if (a.operands.size() != 1 || !a.has(opt::out)) return usage("build needs SRC_DIR and --out FILE.kbundle");
    auto r = build_bundle(a.operands[0], need(a, opt::out));
    if (!r) return reject(r.error());
    for (auto& w : r->warnings) std::cerr << "warning: " << w << "\n";
    std::cout << "built " << need(a, opt::out) << ": channel " << r->channel << " version " << r->version << " " << r->summary_json << "\n";
    return 0;
}

int cmd_sign(const args::Parsed& a) {
    if (a.operands.size() != 1 || !a.has(opt::key)) return usage("sign needs FILE.kbundle and --key KEY");
    const char* pw = std::getenv("KIOSK_BUNDLE_PASSWORD");
    std::string password = pw ? pw : "";
    auto sk = minisign::load_secret_key(need(a, opt::key), pw ? &password : nullptr);
    if (!sk) return reject(sk.error());
    fs::path file = a.operands[0];
    auto hash = minisign::hash_file(file);
    if (!hash) return reject(hash.error());
    std::string tc = a.has(opt::trusted_comment) ? need(a, opt::trusted_comment)
                                                          : minisign::default_trusted_comment(std::time(nullptr), file.filename().string());
    if (tc.find('\n') != std::string::npos) return usage("the trusted comment must be one line");
    auto sig = minisign::sign_prehashed(*sk, *hash, tc, "signature from kiosk-bundle secret key");
    if (auto s = file_io::write_file_atomic(signature_path_for(file), minisign::format_signature(sig)); !s) return reject(s.error());
    std::cout << "signed " << file.string() << " with key " << sk->public_key().key_id_hex() << "\n";
    return 0;
}

int cmd_verify(const args::Parsed& a) {
    if (a.operands.size() != 1 || !a.has(opt::pub)) return usage("verify needs FILE.kbundle and --pub KEY.pub");
    auto pk = minisign::load_public_key(need(a, opt::pub));
    if (!pk) return reject(pk.error());
    fs::path file = a.operands[0];
    VerifyOptions opts;
    opts.now = static_cast<std::int64_t>(std::time(nullptr));
    auto v = verify_bundle(file, a.has(opt::sig) ? fs::path(need(a, opt::sig)) : signature_path_for(file), *pk, opts);
    if (!v) return reject(v.error());
    std::cout << "OK " << v->manifest.channel << " version " << v->manifest.version << " \"" << v->manifest.title << "\" signed by "
              << pk->key_id_hex() << "\n";
    return 0;
}

int cmd_inspect(const args::Parsed& a) {
    if (a.operands.size() != 1) return usage("inspect needs FILE.kbundle");
    fs::path file = a.operands[0];
    bool verified = false;
    Result<Manifest> m;
    if (a.has(opt::pub)) {
        auto pk = minisign::load_public_key(need(a, opt::pub));
        if (!pk) return reject(pk.error());
        auto v = verify_bundle(file, signature_path_for(file), *pk, VerifyOptions{});
        if (!v) return reject(v.error());
        m = v->manifest;
        verified = true;
    } else {
        m = check_contents(file, VerifyOptions{});
        if (!m) return reject(m.error());
    }
    nlohmann::json j = {{"file", file.string()},
                        {"signature_verified", verified},
                        {"manifest",
                         {{"format", m->format}, {"channel", m->channel}, {"version", m->version}, {"created", format_utc(m->created)},
                          {"expires", format_utc(m->expires)}, {"title", m->title}, {"min_kiosk_version", m->min_kiosk_version},
                          {"publisher", m->publisher}, {"disclosure_threshold", m->disclosure_threshold},
                          {"lint_overrides", nlohmann::json::parse(m->lint_overrides_json, nullptr, false)}}},
                        {"summary", nlohmann::json::parse(m->summary_json, nullptr, false)}};
    if (!m->demo_clock.empty()) j["manifest"]["demo_clock"] = m->demo_clock;
    std::cout << j.dump(2) << "\n";
    return 0;
}

int cmd_lint(const args::Parsed& a) {
    if (a.operands.size() != 1) return usage("lint needs SRC_DIR or FILE.kbundle");
    fs::path target = a.operands[0];
    FixSuggest fix = a.has(opt::fix_suggest) ? FixSuggest::yes : FixSuggest::no;
    std::error_code ec;
    LintReport r = fs::is_directory(target, ec) ? lint_source(target, fix) : lint_bundle(target, fix);
    for (auto& f : r.findings) std::cerr << f.code << ": " << f.location << ": " << f.message << "\n";
    if (fix == FixSuggest::yes) {
        if (r.suggested_suppression.empty()) std::cout << "no extra cells need suppressing\n";
        for (auto& c : r.suggested_suppression) std::cout << "suppress " << c.str() << " as [c]\n";
    }
    if (r.ok()) std::cout << "lint: no problems found in " << target.string() << "\n";
    return r.ok() ? 0 : 1;
}

// Every subcommand, in the order the usage lists them. One line each; a
// subcommand from another file is declared in bundle_command.hpp.
const BundleCommand commands[] = {
    {"keygen", "keygen --out PREFIX", "write PREFIX.pub and PREFIX.key (minisign formats)", keygen_options, cmd_keygen},
    {"build", "build SRC_DIR --out FILE.kbundle", "build a bundle from a source folder", build_options, cmd_build},
    {"sign", "sign FILE.kbundle --key KEY", "write FILE.kbundle.minisig", sign_options, cmd_sign},
    {"verify", "verify FILE.kbundle --pub KEY.pub", "check the signature and the contents", verify_options, cmd_verify},
    {"inspect", "inspect FILE.kbundle [--pub KEY.pub]", "print the manifest and summary as JSON", inspect_options, cmd_inspect},
    {"lint", "lint SRC_DIR|FILE.kbundle [--fix-suggest]", "list every problem: source errors, disclosure breaches, individual-level text", lint_options, cmd_lint},
    devices_command,
    report_command,
    // Add new subcommands here, one line each.
};

std::string usage_text() {
    std::string u = "usage: kiosk-bundle COMMAND [ARGS]\n";
    for (const auto& c : commands) {
        u += "  kiosk-bundle " + std::string(c.synopsis) + "\n      " + c.summary + "\n";
        u += args::option_help(c.options, 4);
    }
    return u + "An encrypted minisign key reads its password from KIOSK_BUNDLE_PASSWORD.\n"
               "Exit codes: 0 ok, 1 rejected or invalid, 2 usage.\n";
}

} // namespace

int usage(const std::string& why) {
    std::cerr << "E_USAGE: " << why << "\n" << usage_text();
    return 2;
}

int reject(const Error& e) {
    std::cerr << e.line() << "\n";
    return 1;
}

} // namespace kiosk_bundle

int main(int argc, char** argv) {
    using namespace kiosk_bundle;
    try {
        if (argc < 2) return usage("no command given.");
        std::string name = argv[1];
        if (name == "--help" || name == "-h" || name == "help") {
            std::cout << usage_text();
            return 0;
        }
        for (const auto& c : commands) {
            if (name != c.name) continue;
            auto a = args::parse(argc, argv, c.options, 2);
            if (!a) return usage(a.error().message);
            return c.run(*a);
        }
        return usage("unknown command '" + name + "'.");
    } catch (const std::exception& e) {
        std::cerr << "E_INTERNAL: kiosk-bundle hit an unexpected error (" << e.what() << "); please report it.\n";
        return 1;
    }
}
