// kiosk-bundle: the publisher's command-line tool. A council officer turns a
// source folder into a signed bundle and anyone can check it. This file is a
// process boundary: it parses arguments and prints; the work is in content/.
// Exit codes: 0 ok, 1 rejected or invalid, 2 usage.
#include "content/bundle_builder.hpp"
#include "content/bundle_verify.hpp"
#include "content/file_io.hpp"
#include "content/lint.hpp"
#include "content/minisign.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <ctime>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace content;

namespace {

constexpr const char* usage_text =
    "usage:\n"
    "  kiosk-bundle keygen --out PREFIX            write PREFIX.pub and PREFIX.key (minisign formats)\n"
    "  kiosk-bundle build SRC_DIR --out FILE.kbundle\n"
    "  kiosk-bundle sign FILE.kbundle --key KEY     write FILE.kbundle.minisig\n"
    "  kiosk-bundle verify FILE.kbundle --pub KEY.pub\n"
    "  kiosk-bundle inspect FILE.kbundle [--pub KEY.pub]\n"
    "  kiosk-bundle lint SRC_DIR|FILE.kbundle [--fix-suggest]\n"
    "An encrypted minisign key reads its password from KIOSK_BUNDLE_PASSWORD.\n";

int usage(const std::string& why) {
    std::cerr << "E_USAGE: " << why << "\n" << usage_text;
    return 2;
}

int reject(const Error& e) {
    std::cerr << e.line() << "\n";
    return 1;
}

struct Args {
    std::vector<std::string> positional;
    std::map<std::string, std::string> options;
    std::set<std::string> flags;
};

std::optional<Args> parse(int argc, char** argv, const std::set<std::string>& with_value, const std::set<std::string>& flags, std::string& err) {
    Args a;
    for (int i = 2; i < argc; ++i) {
        std::string s = argv[i];
        if (s.starts_with("--")) {
            if (with_value.count(s)) {
                if (i + 1 >= argc) { err = s + " needs a value"; return std::nullopt; }
                a.options[s] = argv[++i];
            } else if (flags.count(s)) a.flags.insert(s);
            else { err = "unknown option " + s; return std::nullopt; }
        } else a.positional.push_back(s);
    }
    return a;
}

int cmd_keygen(const Args& a) {
    if (!a.options.count("--out") || !a.positional.empty()) return usage("keygen needs --out PREFIX");
    fs::path prefix = a.options.at("--out");
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

int cmd_build(const Args& a) {
    if (a.positional.size() != 1 || !a.options.count("--out")) return usage("build needs SRC_DIR and --out FILE.kbundle");
    auto r = build_bundle(a.positional[0], a.options.at("--out"));
    if (!r) return reject(r.error());
    for (auto& w : r->warnings) std::cerr << "warning: " << w << "\n";
    std::cout << "built " << a.options.at("--out") << ": channel " << r->channel << " version " << r->version << " " << r->summary_json << "\n";
    return 0;
}

int cmd_sign(const Args& a) {
    if (a.positional.size() != 1 || !a.options.count("--key")) return usage("sign needs FILE.kbundle and --key KEY");
    const char* pw = std::getenv("KIOSK_BUNDLE_PASSWORD");
    std::string password = pw ? pw : "";
    auto sk = minisign::load_secret_key(a.options.at("--key"), pw ? &password : nullptr);
    if (!sk) return reject(sk.error());
    fs::path file = a.positional[0];
    auto hash = minisign::hash_file(file);
    if (!hash) return reject(hash.error());
    std::string tc = a.options.count("--trusted-comment") ? a.options.at("--trusted-comment")
                                                          : minisign::default_trusted_comment(std::time(nullptr), file.filename().string());
    if (tc.find('\n') != std::string::npos) return usage("the trusted comment must be one line");
    auto sig = minisign::sign_prehashed(*sk, *hash, tc, "signature from kiosk-bundle secret key");
    if (auto s = file_io::write_file_atomic(signature_path_for(file), minisign::format_signature(sig)); !s) return reject(s.error());
    std::cout << "signed " << file.string() << " with key " << sk->public_key().key_id_hex() << "\n";
    return 0;
}

int cmd_verify(const Args& a) {
    if (a.positional.size() != 1 || !a.options.count("--pub")) return usage("verify needs FILE.kbundle and --pub KEY.pub");
    auto pk = minisign::load_public_key(a.options.at("--pub"));
    if (!pk) return reject(pk.error());
    fs::path file = a.positional[0];
    VerifyOptions opts;
    opts.now = static_cast<std::int64_t>(std::time(nullptr));
    auto v = verify_bundle(file, a.options.count("--sig") ? fs::path(a.options.at("--sig")) : signature_path_for(file), *pk, opts);
    if (!v) return reject(v.error());
    std::cout << "OK " << v->manifest.channel << " version " << v->manifest.version << " \"" << v->manifest.title << "\" signed by "
              << pk->key_id_hex() << "\n";
    return 0;
}

int cmd_inspect(const Args& a) {
    if (a.positional.size() != 1) return usage("inspect needs FILE.kbundle");
    fs::path file = a.positional[0];
    bool verified = false;
    Result<Manifest> m;
    if (a.options.count("--pub")) {
        auto pk = minisign::load_public_key(a.options.at("--pub"));
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
    std::cout << j.dump(2) << "\n";
    return 0;
}

int cmd_lint(const Args& a) {
    if (a.positional.size() != 1) return usage("lint needs SRC_DIR or FILE.kbundle");
    fs::path target = a.positional[0];
    FixSuggest fix = a.flags.count("--fix-suggest") ? FixSuggest::yes : FixSuggest::no;
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

} // namespace

int main(int argc, char** argv) {
    try {
        if (argc < 2) return usage("no command given");
        std::string cmd = argv[1];
        std::string err;
        std::optional<Args> a;
        if (cmd == "keygen") a = parse(argc, argv, {"--out"}, {}, err);
        else if (cmd == "build") a = parse(argc, argv, {"--out"}, {}, err);
        else if (cmd == "sign") a = parse(argc, argv, {"--key", "--trusted-comment"}, {}, err);
        else if (cmd == "verify") a = parse(argc, argv, {"--pub", "--sig"}, {}, err);
        else if (cmd == "inspect") a = parse(argc, argv, {"--pub"}, {}, err);
        else if (cmd == "lint") a = parse(argc, argv, {}, {"--fix-suggest"}, err);
        else if (cmd == "--help" || cmd == "-h" || cmd == "help") {
            std::cout << usage_text;
            return 0;
        } else return usage("unknown command '" + cmd + "'");
        if (!a) return usage(err);
        if (cmd == "keygen") return cmd_keygen(*a);
        if (cmd == "build") return cmd_build(*a);
        if (cmd == "sign") return cmd_sign(*a);
        if (cmd == "verify") return cmd_verify(*a);
        if (cmd == "inspect") return cmd_inspect(*a);
        return cmd_lint(*a);
    } catch (const std::exception& e) {
        std::cerr << "E_INTERNAL: kiosk-bundle hit an unexpected error (" << e.what() << "); please report it.\n";
        return 1;
    }
}
