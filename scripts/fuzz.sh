#!/usr/bin/env bash
# Runs every libFuzzer target for SECONDS each and prints the executions and
# the coverage each run added, then a total. Builds first, with clang-16 and
# libc++ (Debian 12's clang-14 with libstdc++ 12 has no std::expected), with
# ASan and UBSan, into ./build-fuzz. Needs: clang-16 libc++-16-dev
# libc++abi-16-dev libclang-rt-16-dev (scripts/setup.sh does not install them).
#
#   scripts/fuzz.sh SECONDS [TARGET...]     e.g. scripts/fuzz.sh 60 csv minisig
#
# Each target runs on every core (one process per core, sharing a working
# corpus in build-fuzz/corpus/<target>, seeded from tests/fuzz/corpus/<target>).
# A crash leaves its input in build-fuzz/artifacts/<target>/ and makes the
# script exit 1; copy it into tests/fuzz/corpus/<target>/ as crash-<what>
# once fixed, so the replay test in CTest guards it.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:?usage: scripts/fuzz.sh SECONDS [TARGET...]}
shift
jobs=${FUZZ_JOBS:-$(nproc)}
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD}
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
cmake -S tests/fuzz -B build-fuzz -DCMAKE_C_COMPILER=clang-16 -DCMAKE_CXX_COMPILER=clang++-16 "${launcher[@]}" >/dev/null
cmake --build build-fuzz -j"$jobs" >/dev/null

if [ $# -gt 0 ]; then targets=("$@"); else
  targets=()
  for f in tests/fuzz/fuzz_*.cpp; do t=$(basename "$f" .cpp); targets+=("${t#fuzz_}"); done
fi
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
total_execs=0 failed=0
printf '%-14s %12s %8s %8s %10s %s\n' target executions cov+ ft+ new-inputs result
for t in "${targets[@]}"; do
  work=build-fuzz/corpus/$t art=build-fuzz/artifacts/$t logs=build-fuzz/logs/$t
  mkdir -p "$work" "$art" "$logs"
  rm -f "$logs"/*.log
  before=$(find "$work" -type f | wc -l)
  max_len=8192
  case $t in bundle_file) max_len=65536 ;; source_folder) max_len=16384 ;; esac
  pids=()
  for i in $(seq 1 "$jobs"); do
    build-fuzz/fuzz_"$t" "$work" "tests/fuzz/corpus/$t" -max_total_time="$secs" -max_len="$max_len" -timeout=20 \
      -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$art/" -seed="$((RANDOM * 7 + i))" >"$logs/$i.log" 2>&1 &
    pids+=($!)
  done
  rc=0
  for p in "${pids[@]}"; do wait "$p" || rc=1; done
  execs=0 cov=0 ft=0
  for l in "$logs"/*.log; do
    n=$(awk '/stat::number_of_executed_units/ {print $NF}' "$l" | tail -1)
    execs=$((execs + ${n:-0}))
    # coverage (edges, features) when the seeds were loaded, and at the end
    c0=$(grep -m1 -o 'INITED cov: [0-9]*' "$l" | grep -o '[0-9]*$' || echo 0)
    f0=$(grep -m1 -o 'INITED cov: [0-9]* ft: [0-9]*' "$l" | grep -o '[0-9]*$' || echo 0)
    c1=$(grep -o 'cov: [0-9]*' "$l" | tail -1 | grep -o '[0-9]*$' || echo 0)
    f1=$(grep -o 'ft: [0-9]*' "$l" | tail -1 | grep -o '[0-9]*$' || echo 0)
    [ $((c1 - c0)) -gt "$cov" ] && cov=$((c1 - c0))
    [ $((f1 - f0)) -gt "$ft" ] && ft=$((f1 - f0))
  done
  after=$(find "$work" -type f | wc -l)
  result=ok
  if [ $rc -ne 0 ] || [ -n "$(ls -A "$art")" ]; then result="CRASH (see $art, $logs)"; failed=1; fi
  printf '%-14s %12d %8d %8d %10d %s\n' "$t" "$execs" "$cov" "$ft" "$((after - before))" "$result"
  total_execs=$((total_execs + execs))
done
printf '%-14s %12d\n' total "$total_execs"
exit $failed
