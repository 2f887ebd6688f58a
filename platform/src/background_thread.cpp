// Worker thread priority; see background_thread.hpp.
#include "background_thread.hpp"

#include <sys/resource.h>
#include <unistd.h>

namespace platform {

void lower_this_thread_priority() {
    // PRIO_PROCESS with a thread id names that one thread on Linux.
    (void)::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 10);
}

} // namespace platform
