// Why this file exists: SQLite's own way of testing power loss is a VFS that
// remembers what was written since each file's last sync and throws it away at
// a "crash". This one wraps the default unix VFS and reports to the
// power-loss Disk: pre-images of the 4 KiB sectors written since the last
// xSync, files created and not yet durable, deletions not yet durable. Tests
// only; it is registered by the power-loss test binary and nowhere else.
#pragma once

namespace powerloss {

// Registers the VFS as SQLite's default (once; later calls do nothing). When
// no Disk is armed it passes every call straight through, except that syncs
// are never issued to the real disk (the model, not the disk, decides what is
// durable), so the process using it must not count on a real flush.
void install_crash_vfs();

} // namespace powerloss
