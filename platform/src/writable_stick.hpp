// Why this file exists: on the appliance every stick is mounted read-only
// (packaging/member-kiosk-mount). Exporting records is the one time the kiosk
// writes to a stick, so it asks the root helper, over its socket, to make that
// one stick writable for the length of the export, and to make it read-only
// again afterwards. On a desktop (no socket) the folder is used as it is.
#pragma once
#include "content/error.hpp"

#include <filesystem>

namespace platform {

inline constexpr const char* export_socket_path = "/run/member-kiosk/export.sock";

// One export's write access to one stick. Move-only; the destructor hands the
// stick back (read-only again) if finish() was not called. One thread.
class WritableStick {
public:
    // Asks the helper at `socket` to make the stick mounted at `stick_dir`
    // writable. With no socket there (a desktop), succeeds and does nothing.
    // Refuses with E_IO and the helper's own code and sentence when it says
    // no (not a stick it mounted, busy, an unknown filesystem). Blocks for up
    // to 30 s: call it from a worker, never the UI thread.
    [[nodiscard]] static content::Result<WritableStick> open(const std::filesystem::path& stick_dir,
                                                             const std::filesystem::path& socket = export_socket_path);
    WritableStick(WritableStick&& o) noexcept : m_fd(o.m_fd) { o.m_fd = -1; }
    WritableStick& operator=(WritableStick&&) = delete;
    ~WritableStick();

    // Tells the helper the export is done and waits until the stick is
    // read-only again. E_IO if the helper does not confirm.
    [[nodiscard]] content::Status finish();
    [[nodiscard]] bool through_helper() const { return m_fd >= 0; }

private:
    explicit WritableStick(int fd) : m_fd(fd) {}
    int m_fd = -1;
};

} // namespace platform
