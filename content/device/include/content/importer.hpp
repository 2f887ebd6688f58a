// Why this file exists: installing content from a USB stick. Copy once (hashing
// while copying), verify the local copy, check the device rules, then commit in
// one transaction. Whatever goes wrong (pulled stick, power cut, hostile file,
// full disk), the last good content stays installed.
#pragma once
#include "content/data_lock.hpp"
#include "content/error.hpp"
#include "content/limits.hpp"
#include "content/manifest.hpp"
#include "content/state_store.hpp"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <sys/types.h>
#include <vector>

namespace content {

enum class ImportStage { finding, copying, verifying, checking, committing, done };
[[nodiscard]] const char* stage_name(ImportStage s);

struct ImportProgress {
    ImportStage stage = ImportStage::finding;
    std::uint64_t bytes_done = 0;
    std::uint64_t bytes_total = 0;
};

// System calls the importer makes on data, replaceable so tests can inject
// EIO, ENOSPC and files that change under it.
struct IoHooks {
    std::function<ssize_t(int fd, void* buf, std::size_t len)> read;
    std::function<ssize_t(int fd, const void* buf, std::size_t len)> write;
    std::function<std::uint64_t(const std::filesystem::path& dir)> free_bytes;
};

struct ImportOptions {
    std::function<void(const ImportProgress&)> on_progress;  // called often; keep it cheap
    const std::atomic<bool>* cancel = nullptr;                // set true to cancel
    std::int64_t now = 0;                                     // wall clock; 0 = time(nullptr)
    std::uint64_t max_bytes = limits::bundle_bytes;
    std::string kiosk_version = KIOSK_VERSION;
    std::size_t chunk_bytes = 1 << 20;                        // copy buffer size
    // Test hook: called at each step boundary with the step's name.
    std::function<void(const char* step)> on_step;
    IoHooks io;
    // allow: an administrator confirmed a signing date more than 400 days
    // ahead (kiosk --import --allow-future); the import's audit entry says so.
    FutureDated future = FutureDated::refuse;
};

// What this kiosk knows that a bundle is checked against, as a snapshot (the
// USB preview checks with it on its own thread; the commit checks again).
struct DeviceRules {
    std::vector<TrustedKey> keys;
    std::map<std::string, std::int64_t> newest;      // newest signed time per channel
    std::map<std::string, std::int64_t> high_water;  // highest version ever accepted
    std::map<std::string, std::int64_t> installed;   // current version per channel
};

// A private copy of a bundle from a stick that passed verification: the one
// pipeline that both the USB preview and the import run.
struct PreparedBundle {
    std::filesystem::path file;  // the private copy (in a staging folder on the data disk)
    std::string source_name;     // the stick file's name, for messages and the audit log
    Manifest manifest;
    TrustedKey key;              // the key that verified it
    std::uint64_t size = 0;
};

enum class ImportOutcome { installed, already_installed };

struct ImportResult {
    ImportOutcome outcome = ImportOutcome::installed;
    Manifest manifest;
    std::string installed_file;
};

// Candidate bundles on a path: the file itself, or every *.kbundle in a
// directory and its subdirectories down to depth 3 (a mount point).
[[nodiscard]] std::vector<std::filesystem::path> find_bundles(const std::filesystem::path& path);

// A snapshot of the rules in `store`. Same thread rules as `store`.
[[nodiscard]] Result<DeviceRules> device_rules(StateStore& store);

// The stick side of an import, and all of a preview: opens `bundle` and its
// .minisig as plain files only (O_NOFOLLOW|O_NONBLOCK, fstat on the
// descriptor; a FIFO, link, device or folder is E_FORMAT or E_SIGNATURE),
// copies the bundle once into `staging_dir` while hashing it, and verifies that
// copy: signature by a key in `rules`, contents, channel, kiosk version,
// expiry and future date for its channel, version not below the high-water
// mark, disclosure. The stick is never read again, and never memory-mapped.
// On failure nothing is left in `staging_dir`. Any thread.
[[nodiscard]] Result<PreparedBundle> prepare_bundle(const std::filesystem::path& bundle, const std::filesystem::path& staging_dir,
                                                    const DeviceRules& rules, const ImportOptions& opts);

// Installs a prepared copy (staging folder on the same file system as
// `store`'s bundles): the key must still be trusted for the channel; an
// installed version is a no-op; the version and freshness rules are checked
// again inside the commit transaction. The copy is consumed (moved into place
// or removed). Audited. The caller holds the DataLock. Same thread rules as `store`.
[[nodiscard]] Result<ImportResult> install_prepared(StateStore& store, const PreparedBundle& prepared, const ImportOptions& opts);

// Imports one bundle (its signature is `bundle` + ".minisig"). Returns the
// outcome, or an error with one of: E_SIGNATURE, E_LEGACY_SIGNATURE,
// E_UNTRUSTED_KEY, E_CHANNEL_NOT_ALLOWED, E_ROLLBACK, E_EXPIRED, E_CORRUPT,
// E_FORMAT, E_SCHEMA, E_MANIFEST, E_TOO_LARGE, E_KIOSK_TOO_OLD, E_DISCLOSURE,
// E_NO_SPACE, E_IO, E_CANCELLED, E_FUTURE_DATED. Every attempt is written to
// the audit log. The stick is read exactly once, during the copy:
// prepare_bundle into store.staging_dir(), then install_prepared. The caller
// holds the DataLock (a second process must not recover meanwhile).
[[nodiscard]] Result<ImportResult> import_bundle(StateStore& store, const std::filesystem::path& bundle, const ImportOptions& opts);

// Rolls `channel` back to its previous bundle (an admin act; audited).
[[nodiscard]] Result<ChannelState> rollback_channel(StateStore& store, const std::string& channel);

// Start-up recovery: removes staging leftovers and bundle files the state does
// not reference (orphans of an interrupted import). Returns how many it
// removed. Only under the data directory lock: another process's import
// in progress looks exactly like an orphan.
[[nodiscard]] Result<std::size_t> recover(StateStore& store, const DataLock& held);

// The bundle file path of a channel's installed bundle.
[[nodiscard]] std::filesystem::path installed_path(const StateStore& store, const InstalledBundle& b);

} // namespace content
