#!/usr/bin/env bash
# Builds the unit tests with AddressSanitizer and UndefinedBehaviorSanitizer
# into ./build-asan and runs them (content, views including the odd-content
# property test, platform). About 10 minutes on 2 cores, so it is not part of
# CI; run it after changing code that reads bundle content or draws it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -O1" >/dev/null
cmake --build build-asan -j"$(nproc)" --target content_tests kiosk_tests platform_tests kiosk-bundle kiosk
export ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
rc=0
for t in content_tests kiosk_tests platform_tests; do
  echo "== $t"
  ./build-asan/tests/$t || rc=1
done
exit $rc
