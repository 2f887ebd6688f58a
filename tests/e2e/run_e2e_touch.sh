#!/usr/bin/env bash
# End-to-end test by touch only, on the device's own panel size (800x480): the
# kiosk runs in a real window under Xvfb and is driven with pointer presses,
# releases and drags only (xdotool mousedown/mouseup/mousemove; never a key
# event, so the on-screen keyboard's "auto" setting keeps it on). It:
#   1. makes the text large: --text-size $TEXT_SIZE when set (e.g. 200), and
#      TEXT_STEPS taps on A+ (default 4: the largest step from the default);
#   2. searches the library by tapping letters on the on-screen keyboard,
#      closes it with its Enter key and opens the first result;
#   3. drags the home screen starting on a tile, which must scroll and must not
#      open the tile;
#   4. opens admin on a kiosk with no PIN, chooses one on the first-run screen
#      (entered twice on the keypad), locks, and opens admin again with it.
# Click targets come from the kiosk's item rectangles (KIOSK_ITEM_RECTS); the
# on-screen keys are in them as "key:LABEL". Screenshots go to OUT_DIR.
# usage: run_e2e_touch.sh KIOSK_EXE DEMO_BUNDLE_DIR [OUT_DIR]
set -euo pipefail
KIOSK=$1
DEMO=$2
TEXT_STEPS=${TEXT_STEPS:-4}
SIZE=${SIZE:-800x480}
E2E_NAME="E2E TOUCH"
. "$(dirname "$0")/lib.sh"
e2e_init "${3:-$(mktemp -d)}"
e2e_on_fail() { import -window root "$OUT/failed.png" 2>/dev/null || true; [ -f "$RECTS" ] && echo "items: $(cat "$RECTS")" >&2; }

e2e_xvfb "$SIZE"
# No --set-pin: the PIN is chosen on the device.
e2e_kiosk --size "$SIZE" ${TEXT_SIZE:+--text-size "$TEXT_SIZE"}

read -r SW SH < <(echo "${SIZE/x/ }")
# A drag of $3 px upwards from ($1, $2), in 6 steps, as a finger would.
drag_from() {
  xdotool mousemove --window "$(kiosk_window)" "$1" "$2" sleep 0.05 mousedown 1
  for i in 1 2 3 4 5 6; do xdotool mousemove --window "$(kiosk_window)" "$1" $(($2 - i * $3 / 6)) sleep 0.04; done
  xdotool mouseup 1
  sleep 0.5
}
# Drags the screen until at least 30 px of item $1 show between the top bar
# (TOP px) and the bottom edge. The drags start on whatever is under the
# finger, tiles included.
TOP=100
in_top_bar() { case "$1" in "< Back"|Home|A-|A+|"High contrast"|"Standard colours"|key:*) return 0;; esac; return 1; }
scroll_to() {
  local x0 y0 x1 y1 d
  in_top_bar "$1" && return 0
  for _ in $(seq 10); do
    # The view starts below the top bar, which is taller at large text.
    if has_item "#area:view"; then read -r _ TOP _ _ < <(rect "#area:view"); fi
    read -r x0 y0 x1 y1 < <(rect "$1")
    if [ "$y1" -lt $((TOP + 30)) ]; then
      d=$((SH / 2 - y0)); [ "$d" -gt $((SH - 200)) ] && d=$((SH - 200))
      drag_from $((SW / 2)) $((TOP + 30)) $((-d))
      continue
    fi
    [ "$y0" -le $((SH - 30)) ] && return 0
    d=$((y0 - SH / 2)); [ "$d" -gt $((SH - 200)) ] && d=$((SH - 200))
    drag_from $((SW / 2)) $((SH - 60)) "$d"
  done
  fail "could not scroll '$1' into view"
}
# A tap: press and release without moving, in the middle of the part of item
# $1 that shows.
tap() {
  local x0 y0 x1 y1 top=0
  scroll_to "$1"
  read -r x0 y0 x1 y1 < <(rect "$1")
  in_top_bar "$1" || top=$TOP
  [ "$y0" -lt "$top" ] && y0=$top
  [ "$y1" -gt $((SH - 4)) ] && y1=$((SH - 4))
  xdotool mousemove --window "$(kiosk_window)" $(((x0 + x1) / 2)) $(((y0 + y1) / 2)) sleep 0.05 mousedown 1 sleep 0.08 mouseup 1
  sleep 0.25
}

wait_route home
for _ in $(seq "$TEXT_STEPS"); do tap "A+"; done
shot t1-home-large-text

# 3. A drag that starts on a tile scrolls and opens nothing.
read -r bx0 by0 bx1 by1 < <(rect "Briefings")
# From the tile when it shows; at 200% on 800x480 it starts below the fold, so from the text above it.
if [ "$by0" -lt $((SH - 20)) ]; then drag_from $(((bx0 + bx1) / 2)) $(((by0 + SH) / 2)) 200; else drag_from $((SW / 2)) $((SH - 30)) 200; fi
sleep 0.3
wait_route home
read -r ax0 ay0 ax1 ay1 < <(rect "Briefings")
read -r _ _ _ admin_y1 < <(rect "Administration")
# (Only when the home screen is taller than the window is there anything to scroll.)
if [ $((admin_y1 + by0 - ay0)) -gt "$SH" ] && [ "$ay0" -ge "$by0" ]; then fail "dragging from the Briefings tile did not scroll (tile at y $by0, then $ay0)"; fi
shot t2-home-after-drag

# 2. Search by tapping letters on the on-screen keyboard.
tap "Library"
wait_route library
tap "Search field"
rect "key:c" >/dev/null  # the keyboard is up
read -r fx0 fy0 fx1 fy1 < <(rect "Search field")
read -r kx0 ky0 kx1 ky1 < <(rect "key:Space")
shot t3-keyboard-over-search
for k in c a r e; do tap "key:$k"; done
has_item "Clear" || fail "tapping keys typed nothing (no Clear button beside the search field)"
# The keyboard never covers the field being typed into.
read -r fx0 fy0 fx1 fy1 < <(rect "Search field")
read -r qx0 qy0 qx1 qy1 < <(rect "key:q")
read -r sx0 sy0 sx1 sy1 < <(rect "key:Space")
if [ "$fy1" -gt "$qy0" ] && [ "$fy0" -lt "$sy1" ]; then fail "the keyboard (y $qy0..$sy1) covers the search field (y $fy0..$fy1)"; fi
shot t4-typed-care
tap "key:Enter"
sleep 0.3
has_item "key:q" && fail "the keyboard stayed up after Enter"
tap "First result"
case "$(route)" in doc:*|brief:*|training:*) ;; *) sleep 0.5; case "$(route)" in doc:*|brief:*|training:*) ;; *) fail "the first result did not open (route $(route))";; esac;; esac
shot t5-first-result

# 4. Choose a PIN on the device, then open admin with it.
tap "Home"
wait_route home
tap "Administration"
wait_route admin
shot t6-choose-pin
for k in 2 5 8 0 OK 2 5 8 0 OK; do tap "$k"; done
for _ in $(seq 100); do has_item "Lock" && break; sleep 0.1; done
has_item "Lock" || fail "choosing the PIN did not open admin"
tap "Lock"
shot t6b-locked
for k in 1 1 1 1 OK; do tap "$k"; done
for _ in $(seq 100); do has_item "pin message" && break; sleep 0.1; done
has_item "pin message" || fail "no message beside the keypad after a wrong PIN"
read -r mx0 my0 mx1 my1 < <(rect "pin message")
[ "$my1" -le "$SH" ] || fail "the wrong-PIN message is below the screen (y $my1 > $SH)"
shot t7-wrong-pin
for k in 2 5 8 0 OK; do tap "$k"; done
for _ in $(seq 100); do has_item "Lock" && break; sleep 0.1; done
has_item "Lock" || fail "the chosen PIN did not open admin"
shot t8-admin-open
kill -0 "$KPID" || fail "the kiosk exited"
echo "e2e touch: 1 passed, 0 failed at $SIZE with $TEXT_STEPS A+ taps (screenshots in $OUT)"
