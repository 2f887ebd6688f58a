#!/usr/bin/env bash
# The memory figure of run.sh on its own, repeated: peak RSS (VmHWM) after the
# kiosk's benchmark tour with the 10,000-document bundle installed, against the
# floor's after its 300 frames, the two run alternately so that the spread
# shows. The tour and both programs are exactly run.sh's.
#   tests/bench/memory.sh [--runs N] [--smoke] [--work DIR] [--kiosk PATH] [BUILD_DIR]
# --work DIR keeps the generated bundle and data directory there for the next
# call; --kiosk PATH measures another kiosk binary (a before/after pair).
# Prints one line per run ("run 1: kiosk 127 MB floor 106 MB own share 21 MB")
# and the per-screen peaks of the last kiosk run.
set -euo pipefail
RUNS=3; N_BIG=10000; IMG_DOCS=20; KEEP=""; K=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --smoke) N_BIG=200; RUNS=1; shift ;;
    --work) KEEP=$2; shift 2 ;;
    --kiosk) K=$2; shift 2 ;;
    *) break ;;
  esac
done
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(cd "${1:-$ROOT/build}" && pwd)
K=${K:-$BUILD/platform/kiosk}
if [ -n "$KEEP" ]; then
  mkdir -p "$KEEP"; WORK=$(cd "$KEEP" && pwd)
  trap 'kill ${XPID:-0} 2>/dev/null || true' EXIT
else
  WORK=$(mktemp -d)
  trap 'kill ${XPID:-0} 2>/dev/null || true; rm -rf "$WORK"' EXIT
fi

if [ ! -d "$WORK/data-big/bundles" ]; then
  rm -rf "$WORK/data-big"
  "$BUILD/content/kiosk-bundle" keygen --out "$WORK/key" >/dev/null
  "$BUILD/tests/bench/bench_gen" --vocab "$ROOT/content/demo" --key "$WORK/key.key" --docs $N_BIG --page-docs $IMG_DOCS --out "$WORK/n-big.kbundle" >/dev/null
  "$K" --data-dir "$WORK/data-big" --trust "$WORK/key.pub" --channel bench >/dev/null
  "$K" --data-dir "$WORK/data-big" --import "$WORK/n-big.kbundle" >/dev/null
fi

. "$ROOT/tests/bench/display.sh"
# Warm the shader cache first, as run.sh's earlier figures do before its memory figure.
"$BUILD/tests/bench/bench_floor" --first-frame >/dev/null
"$K" --data-dir "$WORK/data-big" --size 1920x1080 --bench first-frame >/dev/null 2>&1

for i in $(seq "$RUNS"); do
  floor_kb=$("$BUILD/tests/bench/bench_floor" --frames 300 | val vm_hwm_kb)
  tour=$("$K" --data-dir "$WORK/data-big" --size 1920x1080 --bench tour 2>/dev/null)
  kiosk_kb=$(echo "$tour" | val vm_hwm_kb)
  echo "run $i: kiosk $((kiosk_kb / 1024)) MB floor $((floor_kb / 1024)) MB own share $(( (kiosk_kb - floor_kb) / 1024 )) MB ($((kiosk_kb - floor_kb)) KB)"
done
echo "$tour" | grep '^tour_' || true
