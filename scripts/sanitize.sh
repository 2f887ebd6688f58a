#!/usr/bin/env bash
# Sanitizer runs.
#
#   scripts/sanitize.sh        all unit tests (content, views including the
#                              odd-content property test, platform) under
#                              ASan + UBSan, in ./build-asan. About 10 minutes
#                              on 2 cores; run it after changing code that
#                              reads bundle content or draws it.
#   scripts/sanitize.sh --ci   the CI subset: 672 s of CPU with a cold ccache
#                              (about 6 minutes on 2 idle cores), most of it
#                              building the content library twice:
#                              - ASan + UBSan (./build-asan-ci): signature,
#                                hostile-bundle, source-folder, disclosure and
#                                import tests, and the replay of every fuzz
#                                corpus (tests/fuzz/corpus);
#                              - TSan (./build-tsan-ci): the import tests (the
#                                importer's worker thread and async fsync) and
#                                the USB watcher's thread.
#                              Test lists: tests/sanitize/CMakeLists.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-full}
bash scripts/setup.sh
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
jobs=$(nproc)
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)

if [ "$mode" != --ci ]; then
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug "${launcher[@]}" \
    -DCMAKE_CXX_FLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -O1" >/dev/null
  cmake --build build-asan -j"$jobs" --target content_tests kiosk_tests platform_tests kiosk-bundle kiosk
  rc=0
  for t in content_tests kiosk_tests platform_tests; do
    echo "== $t"
    ./build-asan/tests/$t || rc=1
  done
  exit $rc
fi

start=$(date +%s)
rc=0
# ASan + UBSan. -O1 keeps the build and the run short; the replay targets
# are those of tests/fuzz/CMakeLists.txt that need no ImGui.
asan=(-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -O1 -g)
cmake -S . -B build-asan-ci -DCMAKE_BUILD_TYPE=Debug -DKIOSK_SANITIZE_SUBSET=ON "${launcher[@]}" \
  -DCMAKE_CXX_FLAGS="${asan[*]}" -DCMAKE_C_FLAGS="${asan[*]}" >/dev/null
cmake --build build-asan-ci -j"$jobs" --target san_content_tests kiosk-bundle fuzz_replay_content
echo "== ASan+UBSan: san_content_tests"
./build-asan-ci/tests/sanitize/san_content_tests || rc=1
for r in build-asan-ci/tests/fuzz/fuzz_replay_*; do
  t=$(basename "$r")
  t=${t#fuzz_replay_}
  echo "== ASan+UBSan: replay of tests/fuzz/corpus/$t"
  "$r" tests/fuzz/corpus/"$t" || rc=1
done
mid=$(date +%s)
# TSan. Debian 12's libsqlite3 and libsodium are not instrumented; SQLite
# is used with one connection per thread, as everywhere in this project.
tsan=(-fsanitize=thread -O1 -g)
cmake -S . -B build-tsan-ci -DCMAKE_BUILD_TYPE=Debug -DKIOSK_SANITIZE_SUBSET=ON "${launcher[@]}" \
  -DCMAKE_CXX_FLAGS="${tsan[*]}" -DCMAKE_C_FLAGS="${tsan[*]}" >/dev/null
cmake --build build-tsan-ci -j"$jobs" --target san_worker_tests kiosk-bundle
echo "== TSan: san_worker_tests"
TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1} ./build-tsan-ci/tests/sanitize/san_worker_tests || rc=1
end=$(date +%s)
echo "sanitize --ci: ASan+UBSan $((mid - start)) s, TSan $((end - mid)) s, rc=$rc"
exit $rc
