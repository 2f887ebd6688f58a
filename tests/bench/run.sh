#!/usr/bin/env bash
# The benchmark harness: every figure as a ratio against a reference measured
# in the same run (the floor program, cp + minisign -V, raw FTS5), under one
# Xvfb at 1920x1080 with a private Mesa shader cache. Prints a table.
#   tests/bench/run.sh [--smoke] [BUILD_DIR]
# --smoke: small sizes, short runs, no thresholds (CI runs it so the harness never rots).
set -euo pipefail
SMOKE=0
if [ "${1:-}" = "--smoke" ]; then SMOKE=1; shift; fi
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(cd "${1:-$ROOT/build}" && pwd)
K=$BUILD/platform/kiosk
WORK=$(mktemp -d)
trap 'kill ${XPID:-0} 2>/dev/null || true; rm -rf "$WORK"' EXIT
if [ $SMOKE = 1 ]; then N_SMALL=50; N_BIG=200; BIG_IMG_DOCS=4; IDLE_S=3; QUERIES=40; else N_SMALL=1000; N_BIG=10000; BIG_IMG_DOCS=195; IDLE_S=30; QUERIES=200; fi

"$BUILD/content/kiosk-bundle" keygen --out "$WORK/key" >/dev/null
gen() { "$BUILD/tests/bench/bench_gen" --vocab "$ROOT/content/demo" --key "$WORK/key.key" "$@" >/dev/null; }
gen --docs $N_SMALL --page-docs 20 --out "$WORK/n-small.kbundle"
gen --docs $N_BIG --page-docs 20 --out "$WORK/n-big.kbundle"
gen --docs 200 --page-docs $BIG_IMG_DOCS --image-kb 250 --out "$WORK/big-bytes.kbundle"
mb() { echo $(( $(stat -c %s "$1") / 1048576 )); }

provision() {  # DATA_DIR BUNDLE
  "$K" --data-dir "$1" --trust "$WORK/key.pub" --channel bench >/dev/null
  "$K" --data-dir "$1" --import "$2" >/dev/null
}
provision "$WORK/data-big" "$WORK/n-big.kbundle"

export DISPLAY=:$((600 + RANDOM % 300))
Xvfb "$DISPLAY" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
XPID=$!
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
export MESA_SHADER_CACHE_DIR=$WORK/mesa
val() { sed -n "s/^$1 //p" | tail -1; }
median3() { sort -n | sed -n 2p; }

# 1. First frame, cold (empty shader cache) then warm (median of 3).
rm -rf "$WORK/mesa"
floor_cold=$("$BUILD/tests/bench/bench_floor" --first-frame | val first_frame_ms)
rm -rf "$WORK/mesa"
kiosk_cold=$("$K" --data-dir "$WORK/data-big" --size 1920x1080 --bench first-frame | val first_frame_ms)
floor_warm=$(for i in 1 2 3; do "$BUILD/tests/bench/bench_floor" --first-frame | val first_frame_ms; done | median3)
kiosk_warm=$(for i in 1 2 3; do "$K" --data-dir "$WORK/data-big" --size 1920x1080 --bench first-frame | val first_frame_ms; done | median3)

# 2. Idle CPU over IDLE_S seconds: the kiosk on its home screen, the floor's standard loop.
cpu_of() {  # PID SECONDS -> percent of one core
  local a b
  read -r -a a < "/proc/$1/stat"; sleep "$2"; read -r -a b < "/proc/$1/stat"
  awk -v t=$(( (${b[13]} + ${b[14]}) - (${a[13]} + ${a[14]}) )) -v hz="$(getconf CLK_TCK)" -v s="$2" 'BEGIN { printf "%.2f", 100 * t / hz / s }'
}
"$K" --data-dir "$WORK/data-big" --size 1920x1080 >/dev/null 2>&1 & KP=$!
sleep 3; kiosk_idle=$(cpu_of $KP $IDLE_S); kill $KP; wait $KP 2>/dev/null || true
"$BUILD/tests/bench/bench_floor" --seconds $((IDLE_S + 5)) >/dev/null & FP=$!
sleep 3; floor_idle=$(cpu_of $FP $IDLE_S); kill $FP 2>/dev/null || true; wait $FP 2>/dev/null || true

# 3. Frame time while scrolling (300 frames each): the 10,000-document list and a long document.
LONG_DOC=$("$K" --data-dir "$WORK/data-big" --search "section" --limit 1 --type document | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
scroll=$("$K" --data-dir "$WORK/data-big" --size 1920x1080 --bench scroll --bench-doc "${LONG_DOC:-doc-0}")
floor_frames=$("$BUILD/tests/bench/bench_floor" --frames 300)
lib_mean=$(echo "$scroll" | val library_scroll_frame_ms_mean); lib_p99=$(echo "$scroll" | val library_scroll_frame_ms_p99)
doc_mean=$(echo "$scroll" | val document_scroll_frame_ms_mean); doc_p99=$(echo "$scroll" | val document_scroll_frame_ms_p99)
floor_mean=$(echo "$floor_frames" | val frame_ms_mean); floor_p99=$(echo "$floor_frames" | val frame_ms_p99)

# 4. Search, in process, N big.
search=$("$BUILD/tests/bench/bench_search" "$WORK/n-big.kbundle" $QUERIES)

# 4b. Search as a whole process: `kiosk --search` against the stock sqlite3 shell doing the same
# FTS5 query on the same bundle (and kiwix-search on a ZIM of the same documents when
# zim-tools and kiwix-tools are installed; not in --smoke, building the ZIM takes minutes).
BIG_BUNDLE="$WORK/data-big/bundles/$(ls "$WORK/data-big/bundles" | head -1)"
if [ $SMOKE = 1 ]; then
  proc=$(KIOSK_BENCH_NO_KIWIX=1 bash "$ROOT/tests/bench/search_process.sh" "$K" "$WORK/data-big" "$BIG_BUNDLE" "$WORK" 1)
else
  proc=$(bash "$ROOT/tests/bench/search_process.sh" "$K" "$WORK/data-big" "$BIG_BUNDLE" "$WORK" 5)
fi
proc_kiosk=$(echo "$proc" | val kiosk_search_process_ms); proc_sqlite=$(echo "$proc" | val sqlite3_shell_fts_ms)
proc_kiwix=$(echo "$proc" | val kiwix_search_ms)

# 5. Import of the big-bytes bundle from another directory vs cp + minisign -V.
sync
t0=$(date +%s.%N); cp "$WORK/big-bytes.kbundle" "$WORK/cp-copy.kbundle"; minisign -Vq -m "$WORK/cp-copy.kbundle" -x "$WORK/big-bytes.kbundle.minisig" -p "$WORK/key.pub"; t1=$(date +%s.%N)
"$K" --data-dir "$WORK/data-imp" --trust "$WORK/key.pub" --channel bench >/dev/null
sync  # the reference's copy is written back now, not during the import
t2=$(date +%s.%N); "$K" --data-dir "$WORK/data-imp" --import "$WORK/big-bytes.kbundle" >/dev/null; t3=$(date +%s.%N)
ref_s=$(awk -v a=$t0 -v b=$t1 'BEGIN { printf "%.3f", b - a }'); imp_s=$(awk -v a=$t2 -v b=$t3 'BEGIN { printf "%.3f", b - a }')

# 6. Memory: peak RSS after the tour, minus the floor's.
tour=$("$K" --data-dir "$WORK/data-big" --size 1920x1080 --bench tour)
kiosk_rss=$(echo "$tour" | val vm_hwm_kb)
floor_rss=$(echo "$floor_frames" | val vm_hwm_kb)

# 7. Size of the stripped binary.
strip -o "$WORK/kiosk.stripped" "$K"; size_kb=$(( $(stat -c %s "$WORK/kiosk.stripped") / 1024 ))

r() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
cat <<TABLE
| figure | kiosk | reference | ratio | goal |
|---|---|---|---|---|
| first frame, cold, N=$N_BIG installed (ms) | $kiosk_cold | floor $floor_cold | $(r $kiosk_cold $floor_cold) | <= 1.25 |
| first frame, warm, median of 3 (ms) | $kiosk_warm | floor $floor_warm | $(r $kiosk_warm $floor_warm) | <= 1.25 |
| idle CPU over ${IDLE_S} s, home screen (% of a core) | $kiosk_idle | floor's standard loop $floor_idle | | <= 1% |
| scrolling the $N_BIG-document list, mean / p99 (ms) | $lib_mean / $lib_p99 | floor $floor_mean / $floor_p99 | $(r $lib_mean $floor_mean) | mean <= 1.5 |
| scrolling a long document, mean / p99 (ms) | $doc_mean / $doc_p99 | floor $floor_mean / $floor_p99 | $(r $doc_mean $floor_mean) | mean <= 1.5 |
| search, $QUERIES queries, N=$N_BIG, median / p99 (ms) | $(echo "$search" | val kiosk_search_median_ms) / $(echo "$search" | val kiosk_search_p99_ms) | raw FTS5 rank $(echo "$search" | val raw_fts5_rank_median_ms) / $(echo "$search" | val raw_fts5_rank_p99_ms) | | <= 2 / <= 10 |
| search typos only, median (ms) | $(echo "$search" | val kiosk_search_typo_median_ms) | | | |
| \`kiosk --search\` whole process, 15 queries, N=$N_BIG, median (ms) | $proc_kiosk | sqlite3 shell $proc_sqlite${proc_kiwix:+; kiwix-search $proc_kiwix} | $(r $proc_kiosk $proc_sqlite)${proc_kiwix:+ / $(r $proc_kiosk $proc_kiwix)} | <= 0.5 |
| import of a $(mb "$WORK/big-bytes.kbundle") MB bundle (s) | $imp_s | cp + minisign -V $ref_s | $(r $imp_s $ref_s) | <= 1.5 |
| peak RSS after the tour (MB) | $((kiosk_rss / 1024)) | floor $((floor_rss / 1024)) | own share $(( (kiosk_rss - floor_rss) / 1024 )) MB | own share <= 32 MB |
| stripped kiosk binary (KB) | $size_kb | | | <= 5120 |
TABLE
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {print int($2/1048576)" GiB"}' /proc/meminfo), $(uname -m); Xvfb 1920x1080; Mesa llvmpipe"
[ $SMOKE = 1 ] && echo "bench smoke: 1 passed, 0 failed"
exit 0
