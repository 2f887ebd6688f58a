#!/usr/bin/env bash
# Soak test (not in CI): the kiosk GUI runs under Xvfb for MINUTES with random
# taps, drags, scrolls and keys, while 50 imports and 50 rollbacks run through
# the CLI on the same data directory. Passes when the GUI never crashes, every
# CLI call succeeds, the state database is intact at the end, and resident
# memory grows by less than 5% after warm-up (the first 20% of the run).
#
# usage: tests/soak/soak.sh [MINUTES]     (default 10; needs ./build, see README)
# env:   BUILD_DIR (default ./build), SOAK_OUT (keep logs there), SOAK_SEED
#        (the random input's seed; printed, so a crash can be replayed)
# exit:  0 pass; 1 a crash, a CLI failure, a damaged database or RSS growth;
#        3 only failures of the two-process race of issue 14 (a CLI call that
#          found the database locked, or a channel left pointing at a missing
#          file), which the data-directory lock fixes; 2 usage or set-up.
set -uo pipefail
MINUTES=${1:-10}
[[ "$MINUTES" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "usage: $0 [MINUTES]" >&2; exit 2; }
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD_DIR:-$ROOT/build}
KIOSK=$BUILD/platform/kiosk
BUNDLE_TOOL=$BUILD/content/kiosk-bundle
KEY=$ROOT/tests/fixtures/test-signing.key
PUB=$ROOT/tests/fixtures/test-signing.pub
for f in "$KIOSK" "$BUNDLE_TOOL"; do [ -x "$f" ] || { echo "soak: $f is missing; run scripts/build.sh first" >&2; exit 2; }; done
for t in Xvfb xdotool xdpyinfo python3; do command -v "$t" >/dev/null || { echo "soak: $t is not installed" >&2; exit 2; }; done

WORK=${SOAK_OUT:-$(mktemp -d /tmp/kiosk-soak-XXXXXX)}
mkdir -p "$WORK"
DATA=$WORK/data
LOG=$WORK/cli.log
RSS=$WORK/rss.tsv
: >"$LOG"
: >"$RSS"
DURATION=$(python3 -c "print(int(float('$MINUTES') * 60))")
OPS=50  # imports, and as many rollbacks
export MESA_SHADER_CACHE_DIR=$WORK/mesa-cache
DISPLAY_NUM=$((300 + RANDOM % 400))
while [ -e "/tmp/.X$DISPLAY_NUM-lock" ] || [ -e "/tmp/.X11-unix/X$DISPLAY_NUM" ]; do DISPLAY_NUM=$((DISPLAY_NUM + 1)); done
export DISPLAY=:$DISPLAY_NUM
XPID= KPID= IPID= SPID=
cleanup() {
  for p in $IPID $SPID $KPID $XPID; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -z "${SOAK_OUT:-}" ] && rm -rf "$WORK"
}
trap cleanup EXIT
say() { echo "soak: $*"; }

# Two versions of a test bundle, built by our own tool and signed with the test key.
make_bundle() {  # VERSION
  local src=$WORK/src-$1 out=$WORK/soak-v$1.kbundle
  rm -rf "$src"
  cp -r "$ROOT/tests/fixtures/good_src" "$src"
  python3 - "$src/bundle.json" "$1" <<'EOF'
import json, sys
p, v = sys.argv[1], int(sys.argv[2])
j = json.load(open(p))
j.update(version=v, channel="test-board", created="2026-03-0%dT00:00:00Z" % v, expires="2099-12-31T00:00:00Z")
json.dump(j, open(p, "w"))
EOF
  "$BUNDLE_TOOL" build "$src" --out "$out" >/dev/null || return 1
  "$BUNDLE_TOOL" sign "$out" --key "$KEY" >/dev/null || return 1
  echo "$out"
}
V1=$(make_bundle 1) && V2=$(make_bundle 2) || { echo "soak: could not build the test bundles" >&2; exit 2; }
K=("$KIOSK" --data-dir "$DATA")
"${K[@]}" --trust "$PUB" --channel test-board >/dev/null || exit 2
"${K[@]}" --import "$V1" >/dev/null || exit 2
echo 2468 | "${K[@]}" --set-pin >/dev/null || exit 2  # random taps must not open admin and quit

Xvfb "$DISPLAY" -screen 0 1280x720x24 -nolisten tcp >/dev/null 2>&1 &
XPID=$!
for _ in $(seq 300); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
xdpyinfo >/dev/null 2>&1 || { echo "soak: Xvfb did not start" >&2; exit 2; }
# A crash leaves a core file in $WORK (when the system writes cores to the working directory).
(ulimit -c unlimited 2>/dev/null; cd "$WORK" && exec "${K[@]}" --size 1280x720 >"$WORK/kiosk.log" 2>&1) &
KPID=$!
WID=$(timeout 30 xdotool search --sync --name "Member briefing kiosk" | head -1)
[ -n "$WID" ] || { echo "soak: the kiosk window did not appear" >&2; exit 1; }
START=$(date +%s)
END=$((START + DURATION))
say "kiosk pid $KPID on $DISPLAY for ${DURATION}s; data $DATA; input seed ${SOAK_SEED:-$$}"

# Resident memory every 2 s: seconds since start, VmRSS in kB.
( while kill -0 "$KPID" 2>/dev/null && [ "$(date +%s)" -lt "$END" ]; do
    r=$(awk '/^VmRSS:/ {print $2}' "/proc/$KPID/status" 2>/dev/null) && [ -n "$r" ] && echo "$(($(date +%s) - START))	$r" >>"$RSS"
    sleep 2
  done ) &
SPID=$!

# Random input: taps, drags, wheel scrolls and keys, about eight a second.
KEYS=(Left Right Up Down Page_Up Page_Down Home End Return Escape BackSpace Tab space a e s 1 2 plus minus)
SEED=${SOAK_SEED:-$$}
( RANDOM=$SEED
  while kill -0 "$KPID" 2>/dev/null && [ "$(date +%s)" -lt "$END" ]; do
    x=$((RANDOM % 1280)) y=$((RANDOM % 720)) kind=$((RANDOM % 10))
    echo "$(($(date +%s) - START)) $kind $x $y" >>"$WORK/input.log"
    case $kind in
      0|1|2|3) xdotool mousemove --window "$WID" $x $y click 1 ;;
      4|5) xdotool mousemove --window "$WID" $x $y mousedown 1 \
             mousemove --window "$WID" $(((x + RANDOM % 400) % 1280)) $(((y + RANDOM % 300) % 720)) sleep 0.05 mouseup 1 ;;
      6) xdotool mousemove --window "$WID" $x $y click --repeat $((1 + RANDOM % 5)) $((4 + RANDOM % 2)) ;;
      *) xdotool key --window "$WID" "${KEYS[$((RANDOM % ${#KEYS[@]}))]}" ;;
    esac >/dev/null 2>&1
    sleep 0.12
  done ) &
IPID=$!

# The CLI: import v2, then roll back to v1, OPS times, spread over the run.
imports=0 rollbacks=0 failed=0 race=0
check_state() {  # the channel must point at a file that exists
  local st
  st=$("${K[@]}" --status 2>&1) || { echo "status failed: $st" >>"$LOG"; return 1; }
  printf '%s' "$st" >"$WORK/status.json"
  python3 - "$DATA" "$WORK/status.json" 2>>"$LOG" <<'EOF' || return 1
import json, os, sqlite3, sys
s = json.load(open(sys.argv[2]))
v = s["channels"]["test-board"]["version"]
assert v in (1, 2), "version %r" % v
db = sqlite3.connect("file:%s/state.db?mode=ro" % sys.argv[1], uri=True, timeout=5)
f = db.execute("SELECT file FROM channels WHERE channel='test-board'").fetchone()[0]
assert os.path.exists(os.path.join(sys.argv[1], "bundles", f)), "the channel points at a missing file " + f
EOF
}
cli() {  # KIND ARGS...: one CLI call, classified
  local kind=$1 out rc
  shift
  out=$("${K[@]}" "$@" 2>&1)
  rc=$?
  echo "$(($(date +%s) - START))s $kind rc=$rc $out" >>"$LOG"
  if [ $rc -ne 0 ]; then
    if grep -qiE "locked|busy" <<<"$out"; then race=$((race + 1)); else failed=$((failed + 1)); fi
    return 1
  fi
  if ! check_state; then race=$((race + 1)); echo "  ^ state check failed after $kind" >>"$LOG"; fi
  return 0
}
for i in $(seq "$OPS"); do
  slot=$((START + DURATION * (i - 1) / OPS))
  while [ "$(date +%s)" -lt "$slot" ]; do sleep 0.5; done
  kill -0 "$KPID" 2>/dev/null || break
  cli import --import "$V2" && imports=$((imports + 1))
  sleep "$(python3 -c "print($DURATION / $OPS / 2)")"
  cli rollback --rollback test-board && rollbacks=$((rollbacks + 1))
done
while [ "$(date +%s)" -lt "$END" ] && kill -0 "$KPID" 2>/dev/null; do sleep 1; done

crashed=0
if ! kill -0 "$KPID" 2>/dev/null; then
  wait "$KPID"
  status=$?
  crashed=1
  died_at=$(($(date +%s) - START))
  say "the kiosk DIED after about ${died_at}s (exit status $status$([ $status -gt 128 ] && echo ", signal $((status - 128))")); last lines of its log:"
  tail -5 "$WORK/kiosk.log"
  ls "$WORK"/core* 2>/dev/null && say "core file above; gdb $KIOSK CORE -batch -ex bt"
fi
kill "$IPID" "$SPID" 2>/dev/null
wait "$IPID" "$SPID" 2>/dev/null
kill "$KPID" 2>/dev/null
wait "$KPID" 2>/dev/null
KPID=
integrity=$(sqlite3 "file:$DATA/state.db?mode=ro" "PRAGMA integrity_check" 2>&1 | head -1)

# RSS: the median over 20-30% of the run (just after warm-up) against the
# median over the last 10%.
read -r rss_first rss_base rss_end rss_max growth < <(python3 - "$RSS" "$DURATION" <<'EOF'
import statistics, sys
rows = [tuple(map(int, l.split())) for l in open(sys.argv[1]) if l.strip()]
d = int(sys.argv[2])
base = [r for t, r in rows if 0.2 * d <= t < 0.3 * d] or [rows[-1][1]]
end = [r for t, r in rows if t >= 0.9 * d] or [rows[-1][1]]
b, e = statistics.median(base), statistics.median(end)
print(rows[0][1], int(b), int(e), max(r for _, r in rows), "%.2f" % (100.0 * (e - b) / b))
EOF
)
rss_ok=$(python3 -c "print(1 if $growth < 5.0 else 0)")
say "ran $(($(date +%s) - START))s of ${DURATION}s; imports $imports/$OPS, rollbacks $rollbacks/$OPS; other CLI failures $failed; race failures (issue 14) $race"
say "RSS kB: first $rss_first, after warm-up $rss_base, end $rss_end, max $rss_max; growth after warm-up ${growth}% (limit 5%)"
say "crashes $crashed; state database integrity_check: $integrity"
[ -n "${SOAK_OUT:-}" ] && say "logs in $WORK (cli.log, rss.tsv, kiosk.log, input.log)"
if [ $crashed -ne 0 ] || [ $failed -ne 0 ] || [ "$integrity" != ok ] || [ "$rss_ok" != 1 ]; then
  say "FAIL"
  grep -v " rc=0 " "$LOG" | head -20
  exit 1
fi
if [ $race -ne 0 ]; then
  say "FAIL (only the two-process race of issue 14: a CLI call against the live GUI found the state locked or a missing bundle file; fixed by the data-directory lock)"
  grep -B1 "state check failed\|locked\|busy" "$LOG" | head -20
  exit 3
fi
say "PASS"
