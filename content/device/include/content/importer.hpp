// Why this file exists: installing content from a USB stick. Copy once (hashing
// while copying), verify the local copy, check the device rules, then commit in
// one transaction. Whatever goes wrong (pulled stick, power cut, hostile file,
// full disk), the last good content stays installed.
#pragma once
#include "content/error.hpp"
#include "content/limits.hpp"
#include "content/manifest.hpp"
#include "content/state_store.hpp"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
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

// Imports one bundle (its signature is `bundle` + ".minisig"). Returns the
// outcome, or an error with one of: E_SIGNATURE, E_LEGACY_SIGNATURE,
// E_UNTRUSTED_KEY, E_CHANNEL_NOT_ALLOWED, E_ROLLBACK, E_EXPIRED, E_CORRUPT,
// E_FORMAT, E_SCHEMA, E_MANIFEST, E_TOO_LARGE, E_KIOSK_TOO_OLD, E_DISCLOSURE,
// E_NO_SPACE, E_IO, E_CANCELLED. Every attempt is written to the audit log.
// The stick is read exactly once, during the copy.
[[nodiscard]] Result<ImportResult> import_bundle(StateStore& store, const std::filesystem::path& bundle, const ImportOptions& opts);

// Rolls `channel` back to its previous bundle (an admin act; audited).
[[nodiscard]] Result<ChannelState> rollback_channel(StateStore& store, const std::string& channel);

// Start-up recovery: removes staging leftovers and bundle files the state does
// not reference (orphans of an interrupted import). Returns how many it removed.
[[nodiscard]] Result<std::size_t> recover(StateStore& store);

// The bundle file path of a channel's installed bundle.
[[nodiscard]] std::filesystem::path installed_path(const StateStore& store, const InstalledBundle& b);

} // namespace content
