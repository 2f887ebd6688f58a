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
gen --docs 200 --page-docs $BIG_IMG_DOCS --image-kb 250 --channel bench-bytes --out "$WORK/work-bytes.kbundle"
mb() { echo $(( $(stat -c %s "$1") / 1048576 )); }

provision() {  # DATA_DIR BUNDLE
  "$K" --data-dir "$1" --trust "$WORK/key.pub" --channel bench >/dev/null
  "$K" --data-dir "$1" --import "$2" >/dev/null
}
provision "$WORK/data-big" "$WORK/n-big.kbundle"
# For the work figure: the big list installed, a PIN set, a second channel to import, a stick.
"$K" --data-dir "$WORK/data-work" --trust "$WORK/key.pub" --channel bench,bench-bytes >/dev/null
"$K" --data-dir "$WORK/data-work" --import "$WORK/n-big.kbundle" >/dev/null
echo 482913 | "$K" --data-dir "$WORK/data-work" --set-pin >/dev/null
mkdir -p "$WORK/media/stick"
TEXT_SIZE=()
"$K" --help 2>&1 | grep -q -- '--text-size' && TEXT_SIZE=(--text-size 200)

. "$ROOT/tests/bench/display.sh"
median3() { sort -n | sed -n 2p; }

# 1. First frame, cold (empty shader cache) then warm (median of 3).
rm -rf "$WORK/mesa"
floor_cold=$("$BUILD/tests/bench/bench_floor" --first-frame | val first_frame_ms)
rm -rf "$WORK/mesa"
kiosk_cold=$("$K" --data-dir "$WORK/data-big" --size 1920x1080 --bench first-frame | val first_frame_ms)
floor_warm=$(for i in 1 2 3; do "$BUILD/tests/bench/bench_floor" --first-frame | val first_frame_ms; done | median3)
kiosk_warm=$(for i in 1 2 3; do "$K" --data-dir "$WORK/data-big" --size 1920x1080 --bench first-frame | val first_frame_ms; done | median3)

# 1b. Cold start: from exec to the first frame with the page cache dropped
# (libraries, fonts, the 10,000-document bundle), where the kernel lets us.
from_exec() {  # COMMAND... -> ms from exec to the first frame
  local t0 out
  t0=$(date +%s%3N); out=$("$@" | val first_frame_unix_ms); echo $(( out - t0 ))
}
drop_caches() { sync && { echo 3 > /proc/sys/vm/drop_caches; } 2>/dev/null; }
if [ $SMOKE = 1 ]; then
  floor_pc=skipped; kiosk_pc="skipped in --smoke (other tests run beside it)"
elif drop_caches; then
  floor_pc=$(from_exec "$BUILD/tests/bench/bench_floor" --first-frame)
  drop_caches; kiosk_pc=$(from_exec "$K" --data-dir "$WORK/data-big" --size 1920x1080 --bench first-frame)
else
  floor_pc=skipped; kiosk_pc="skipped (no permission to drop the page cache)"
fi

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
# 3b. The same scroll on a GL 2.1 context (the board's level: imgui_impl_opengl2).
scroll21=$(MESA_GL_VERSION_OVERRIDE=2.1 MESA_GLSL_VERSION_OVERRIDE=120 "$K" --data-dir "$WORK/data-big" --size 1920x1080 --bench scroll --bench-doc "${LONG_DOC:-doc-0}")
lib21_mean=$(echo "$scroll21" | val library_scroll_frame_ms_mean); doc21_mean=$(echo "$scroll21" | val document_scroll_frame_ms_mean)
# 3c. First frame and scrolling at the largest text size (200%), against the default.
if [ ${#TEXT_SIZE[@]} -gt 0 ]; then
  big_first=$(for i in 1 2 3; do "$K" --data-dir "$WORK/data-big" --size 1920x1080 "${TEXT_SIZE[@]}" --bench first-frame | val first_frame_ms; done | median3)
  big_scroll=$("$K" --data-dir "$WORK/data-big" --size 1920x1080 "${TEXT_SIZE[@]}" --bench scroll --bench-doc "${LONG_DOC:-doc-0}")
  big_lib_mean=$(echo "$big_scroll" | val library_scroll_frame_ms_mean)
else
  big_first="n/a (no --text-size)"; big_lib_mean="n/a"
fi
# 3d. The longest frame while an import, an Argon2id PIN check and an export run at once.
work=$("$K" --data-dir "$WORK/data-work" --size 1920x1080 --watch "$WORK/media" --bench work --bench-doc "$WORK/work-bytes.kbundle")
work_max=$(echo "$work" | val work_frame_ms_max); work_over=$(echo "$work" | val work_frames_over_100ms)
work_n=$(echo "$work" | val work_frames); calm_mean=$(echo "$work" | val calm_frame_ms_mean)
work_jobs="import: $(echo "$work" | val work_import | cut -c1-40); PIN: $(echo "$work" | val work_pin); export: $(echo "$work" | val work_export)"

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

# 5. Import of the big-bytes bundle from another directory vs cp + minisign -V,
# three times each, alternating, from a warm page cache for both (the source
# was read once first; the cold-cache order of the first run was one cause of
# the spread between runs), with every earlier write flushed before each timing.
cat "$WORK/big-bytes.kbundle" >/dev/null
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
imp_runs=(); ref_runs=(); ratio_runs=()
for i in 1 2 3; do
  rm -f "$WORK/cp-copy.kbundle"; sync
  t0=$(date +%s.%N); cp "$WORK/big-bytes.kbundle" "$WORK/cp-copy.kbundle"; minisign -Vq -m "$WORK/cp-copy.kbundle" -x "$WORK/big-bytes.kbundle.minisig" -p "$WORK/key.pub"; t1=$(date +%s.%N)
  rm -rf "$WORK/data-imp"; "$K" --data-dir "$WORK/data-imp" --trust "$WORK/key.pub" --channel bench >/dev/null
  sync  # the reference's copy is written back now, not during the import
  t2=$(date +%s.%N); "$K" --data-dir "$WORK/data-imp" --import "$WORK/big-bytes.kbundle" >/dev/null; t3=$(date +%s.%N)
  ref_runs+=("$(secs $t0 $t1)"); imp_runs+=("$(secs $t2 $t3)")
  ratio_runs+=("$(awk -v a="$(secs $t2 $t3)" -v b="$(secs $t0 $t1)" 'BEGIN { printf "%.2f", a / b }')")
done
ref_s=$(printf '%s\n' "${ref_runs[@]}" | median3); imp_s=$(printf '%s\n' "${imp_runs[@]}" | median3)
imp_spread="$(printf '%s\n' "${ratio_runs[@]}" | sort -n | head -1)-$(printf '%s\n' "${ratio_runs[@]}" | sort -n | tail -1)"

# 6. Memory: peak RSS after the tour, minus the floor's.
tour=$("$K" --data-dir "$WORK/data-big" --size 1920x1080 --bench tour)
kiosk_rss=$(echo "$tour" | val vm_hwm_kb)
floor_rss=$(echo "$floor_frames" | val vm_hwm_kb)

# 7. Size of the stripped binary.
strip -o "$WORK/kiosk.stripped" "$K"; size_kb=$(( $(stat -c %s "$WORK/kiosk.stripped") / 1024 ))

r() { awk -v a="$1" -v b="$2" 'BEGIN { if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) printf "%.2f", a / b; else print "n/a" }'; }
cat <<TABLE
| figure | kiosk | reference | ratio | goal |
|---|---|---|---|---|
| first frame, cold shader cache, N=$N_BIG installed (ms) | $kiosk_cold | floor $floor_cold | $(r $kiosk_cold $floor_cold) | <= 1.0 |
| first frame, warm, median of 3 (ms) | $kiosk_warm | floor $floor_warm | $(r $kiosk_warm $floor_warm) | <= 1.0 |
| cold start: exec to first frame, page cache dropped (ms) | $kiosk_pc | floor $floor_pc | $(r "${kiosk_pc%% *}" "${floor_pc%% *}") | <= 1.0 |
| first frame at 200% text, median of 3 (ms) | $big_first | default size $kiosk_warm | $(r "${big_first%% *}" $kiosk_warm) | <= 1.2 |
| idle CPU over ${IDLE_S} s, home screen (% of a core) | $kiosk_idle | floor's standard loop $floor_idle | | <= 1% |
| scrolling the $N_BIG-document list, mean / p99 (ms) | $lib_mean / $lib_p99 | floor $floor_mean / $floor_p99 | $(r $lib_mean $floor_mean) | mean <= 1.5 |
| scrolling a long document, mean / p99 (ms) | $doc_mean / $doc_p99 | floor $floor_mean / $floor_p99 | $(r $doc_mean $floor_mean) | mean <= 1.5 |
| scrolling the list on GL 2.1 (opengl2), mean (ms) | $lib21_mean | GL 3 path $lib_mean | $(r $lib21_mean $lib_mean) | <= 1.1 |
| scrolling a long document on GL 2.1, mean (ms) | $doc21_mean | GL 3 path $doc_mean | $(r $doc21_mean $doc_mean) | <= 1.1 |
| scrolling the list at 200% text, mean (ms) | $big_lib_mean | default size $lib_mean | $(r "$big_lib_mean" $lib_mean) | <= 1.2 |
| longest frame while importing, checking a PIN and exporting, $work_n frames (ms) | $work_max ($work_over over 100 ms) | floor mean $floor_mean; calm $calm_mean | $(r $work_max $floor_mean) | <= 2, none over 100 ms |
| search, $QUERIES queries, N=$N_BIG, median / p99 (ms) | $(echo "$search" | val kiosk_search_median_ms) / $(echo "$search" | val kiosk_search_p99_ms) | raw FTS5 rank $(echo "$search" | val raw_fts5_rank_median_ms) / $(echo "$search" | val raw_fts5_rank_p99_ms) | | <= 2 / <= 5 |
| search typos only, median (ms) | $(echo "$search" | val kiosk_search_typo_median_ms) | | | |
| \`kiosk --search\` whole process, 15 queries, N=$N_BIG, median (ms) | $proc_kiosk | sqlite3 shell $proc_sqlite${proc_kiwix:+; kiwix-search $proc_kiwix} | $(r $proc_kiosk $proc_sqlite)${proc_kiwix:+ / $(r $proc_kiosk $proc_kiwix)} | <= 0.5 |
| import of a $(mb "$WORK/big-bytes.kbundle") MB bundle, median of 3 (s) | $imp_s | cp + minisign -V $ref_s | $(r $imp_s $ref_s) (runs $imp_spread) | <= 1.2 |
| peak RSS after the tour (MB) | $((kiosk_rss / 1024)) | floor $((floor_rss / 1024)) | own share $(( (kiosk_rss - floor_rss) / 1024 )) MB | own share <= 16 MB |
| stripped kiosk binary (KB) | $size_kb | | | <= 5120 |
TABLE
echo "work figure's jobs: $work_jobs"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {print int($2/1048576)" GiB"}' /proc/meminfo), $(uname -m); Xvfb 1920x1080; Mesa llvmpipe"
[ $SMOKE = 1 ] && echo "bench smoke: 1 passed, 0 failed"
exit 0
