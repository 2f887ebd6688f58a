// member-kiosk-update-check: the C++ half of the software update helper
// (packaging/member-kiosk-update, run by root as member-kiosk-update@.service).
// The helper runs this as the member-kiosk user, never as root, so the state
// database keeps its owner and dpkg-deb reads the untrusted package without
// privileges. Two commands:
//
//   verify --data-dir D --installed V --arch A DEB
//       content::verify_software_update on DEB and DEB.minisig (the helper's
//       local copies). Prints "ok VERSION KEYID" and exits 0, or prints
//       "E_CODE: sentence" and exits 1.
//   audit --data-dir D --result R [--version V] DETAIL...
//       appends one "software" entry to the kiosk's audit log. R is "ok" or
//       a stable reason code; anything else (a slip in the helper) is
//       audited as E_INTERNAL naming it. Exits 0, or 1 with "E_CODE: sentence".
// Exit 2: usage.
#include "content/software_update.hpp"
#include "content/state_store.hpp"

#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace {

struct Args {
    std::string command;
    std::map<std::string, std::string> opts;
    std::vector<std::string> rest;
};

bool parse(int argc, char** argv, Args& a) {
    if (argc < 2) return false;
    a.command = argv[1];
    for (int i = 2; i < argc; ++i) {
        std::string s = argv[i];
        if (s.rfind("--", 0) == 0 && i + 1 < argc) a.opts[s.substr(2)] = argv[++i];
        else a.rest.push_back(s);
    }
    return a.opts.count("data-dir") == 1;
}

int verify(const Args& a) {
    if (a.rest.size() != 1 || !a.opts.count("arch")) return 2;
    content::SoftwareUpdateInput in;
    in.deb = a.rest[0];
    in.signature = in.deb.string() + ".minisig";
    in.host_architecture = a.opts.at("arch");
    if (auto v = a.opts.find("installed"); v != a.opts.end()) in.installed_version = v->second;
    // No state yet means no trusted key: every package is refused below.
    if (auto store = content::StateStore::open_read_only(a.opts.at("data-dir"))) {
        auto keys = store->trusted_keys();
        if (!keys) {
            std::cout << keys.error().line() << "\n";
            return 1;
        }
        in.keys = std::move(*keys);
    }
    auto v = content::verify_software_update(in, content::read_deb_control);
    if (!v) {
        std::cout << v.error().line() << "\n";
        return 1;
    }
    std::cout << "ok " << v->control.version << " " << v->key_id << "\n";
    return 0;
}

int audit(const Args& a) {
    if (!a.opts.count("result")) return 2;
    std::string detail;
    for (const auto& r : a.rest) detail += (detail.empty() ? "" : " ") + r;
    auto store = content::StateStore::open(a.opts.at("data-dir"));
    if (!store) {
        std::cout << store.error().line() << "\n";
        return 1;
    }
    std::string version = a.opts.count("version") ? a.opts.at("version") : "";
    if (!version.empty()) detail = "kiosk software " + version + ": " + detail;
    std::string result = a.opts.at("result");
    if (!content::is_software_audit_result(result)) {
        detail = "the update helper gave the unknown result '" + result + "': " + detail;
        result = std::string(content::reason_code(content::Reason::internal));
    }
    if (auto s = store->audit("software", std::string(content::software_channel), 0, result, detail); !s) {
        std::cout << s.error().line() << "\n";
        return 1;
    }
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    Args a;
    int rc = 2;
    if (parse(argc, argv, a)) {
        if (a.command == "verify") rc = verify(a);
        else if (a.command == "audit") rc = audit(a);
    }
    if (rc == 2)
        std::cerr << "usage: member-kiosk-update-check verify --data-dir D --arch A [--installed V] DEB\n"
                     "       member-kiosk-update-check audit --data-dir D --result R [--version V] DETAIL...\n";
    return rc;
}
