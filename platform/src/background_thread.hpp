// Why this file exists: the kiosk's slow jobs (import, the Argon2id PIN
// check, exports, texture decoding, USB previews, catalog reloads) run on
// worker threads so that the screen never waits for them. On a board with
// few cores that is not enough: a busy worker still takes the core the UI
// thread needs, and frames stretch. Workers therefore run at a lower
// priority than the UI thread; they take longer only when the UI is busy.
#pragma once

namespace platform {

// Lowers the calling thread's scheduling priority (nice +10 for this thread
// alone; Linux keeps a nice value per thread, and threads it then starts
// inherit it). Never fails visibly: where the system refuses, the thread
// keeps its priority. Call first thing in a worker thread; never on the UI
// thread.
void lower_this_thread_priority();

} // namespace platform
