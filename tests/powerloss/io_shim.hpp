// Why this file exists: the file_io system-call table that reports every
// durable-state change to the power-loss Disk, and refuses them (EIO) once the
// power has failed.
#pragma once
#include "content/file_sys.hpp"

namespace powerloss {

// The table Disk::arm installs.
[[nodiscard]] const content::file_io::SysCalls& shim_sys_calls();

} // namespace powerloss
