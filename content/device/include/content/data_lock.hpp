// Why this file exists: several processes may use one data directory at once
// (the GUI, `kiosk --import` from a provisioning script, `kiosk --status` from
// a monitoring check). Start-up recovery deletes staging files and bundle
// files the state does not name yet, so it must never run while another
// process is between its rename and its commit. An advisory flock(2) on
// DATA/lock orders them:
//
//  - every writer of bundle files or channel pointers (import, rollback,
//    trust/untrust, export, recovery, the demo install) holds it exclusively
//    for the operation, and recovery runs only while it is held;
//  - read-only commands (--status, --search, --device-key) take no lock, never
//    recover and open the state database read-only;
//  - the GUI takes it per operation (start-up recovery, each import, rollback,
//    key change or export), never for its whole life, so CLI imports work
//    alongside a running kiosk;
//  - a writer that cannot get it waits (the CLI: KIOSK_LOCK_WAIT_SECONDS,
//    default 60) and then refuses with E_BUSY; nothing was changed.
//
// SQLite-only writes (settings, PIN failures, audit entries, session
// records) need no lock: each is one SQLite transaction and touches no file.
#pragma once
#include "content/error.hpp"

#include <chrono>
#include <filesystem>
#include <functional>

namespace content {

class DataLock {
public:
    // Takes DATA/lock exclusively, waiting up to `wait` (zero: one try).
    // `cancelled`, when given, is polled while waiting (E_CANCELLED when it
    // returns true). Creates the data folder if needed. Refuses E_BUSY when
    // another process keeps it longer,
    // E_IO when the lock file cannot be opened. Any thread; the lock belongs
    // to the returned object and is released when it is destroyed.
    [[nodiscard]] static Result<DataLock> exclusive(const std::filesystem::path& data_dir, std::chrono::milliseconds wait,
                                                    const std::function<bool()>& cancelled = {});

    // How long the command line waits: KIOSK_LOCK_WAIT_SECONDS, default 60 s.
    [[nodiscard]] static std::chrono::milliseconds cli_wait();

    DataLock(DataLock&& o) noexcept : m_fd(o.m_fd) { o.m_fd = -1; }
    DataLock& operator=(DataLock&& o) noexcept;
    DataLock(const DataLock&) = delete;
    DataLock& operator=(const DataLock&) = delete;
    ~DataLock();

private:
    explicit DataLock(int fd) : m_fd(fd) {}
    int m_fd = -1;
};

} // namespace content
