#!/usr/bin/env bash
# Touch only, at 200% text on a 7-inch 800x480 panel, then 1920x1080: the
# kiosk under Xvfb driven with xdotool clicks and drags (no key events).
# Reaches the library and opens a document, scrolls it, goes Back to the
# library's scroll position, opens a locality briefing and drags down to
# "Action plans and recommendations", opens a training module, and uses the
# "Aa" menu that the header folds into. Every tap target is found from the
# kiosk's own item rectangles (KIOSK_ITEM_RECTS); a target below the screen
# is dragged into view first, as a finger would (starting in the left margin,
# off any control, until drag-from-anywhere lands). Screenshots go to OUT_DIR.
# usage: run_text_size_touch.sh KIOSK_EXE DEMO_BUNDLE_DIR [OUT_DIR]
set -euo pipefail
KIOSK=$1
DEMO=$2
E2E_NAME=E2E
. "$(dirname "$0")/lib.sh"
e2e_init "${3:-$(mktemp -d)}"

W= H=
start() {  # WIDTH HEIGHT TEXT_PERCENT
  W=$1 H=$2
  e2e_xvfb "${W}x${H}"
  e2e_kiosk --kiosk --text-size "$3"
  wait_route home
}
stop() { e2e_stop; }
# A finger drag from (x, y) by dy pixels, in steps.
drag() {
  local x=$1 y=$2 dy=$3 i
  xdotool mousemove "$x" "$y" mousedown 1
  for i in 1 2 3 4 5 6 7 8; do xdotool mousemove "$x" $((y + dy * i / 8)); sleep 0.02; done
  sleep 0.3  # held still before lifting: no fling, the page stays where it was dragged
  xdotool mouseup 1
  sleep 0.3
}
# Taps the item labelled $1, dragging the screen up until it is wholly in view.
tap() {
  local r x0 y0 x1 y1
  for _ in $(seq 30); do
    r=""
    for _ in $(seq 20); do r=$(rect_now "$1"); [ -n "$r" ] && break; sleep 0.05; done
    # Controls inside a card out of sight are not drawn: drag on to them.
    if [ -z "$r" ]; then drag 16 $((H * 5 / 8)) $((-H / 3)); continue; fi
    read -r x0 y0 x1 y1 <<<"$r"
    [ -n "${TOUCH_DEBUG:-}" ] && echo "tap $1: $r" >&2
    [ "$x1" -le "$W" ] || fail "'$1' runs off the right edge ($x1 > $W)"
    # The view's bottom edge: a marker key may be pinned below it.
    local bottom=$H vr
    vr=$(rect_now "#area:view") && [ -n "$vr" ] && bottom=$(cut -d' ' -f4 <<<"$vr")
    # Below the screen, or up under the header (never more than a quarter of
    # it); the header's own controls and the Aa menu never scroll.
    local step=$((H / 3)) need
    case "$1" in "< Back"|Home|Aa|A-|A+|"High contrast"|"Standard colours") y1=0 y0=$H ;; esac
    if [ "$y1" -gt $((bottom - 4)) ]; then
      need=$((y1 - bottom + 24)); [ "$need" -lt "$step" ] && step=$need
      drag 16 $((H * 5 / 8)) $((-step)); continue
    fi
    if [ "$y0" -lt $((H / 4)) ]; then
      need=$((H / 4 - y0 + 16)); [ "$need" -lt "$step" ] && step=$need
      drag 16 $((H / 3)) "$step"; continue
    fi
    read -r x0 y0 x1 y1 <<<"$r"
    xdotool mousemove $(((x0 + x1) / 2)) $(((y0 + y1) / 2)) sleep 0.1 click 1
    sleep 0.4
    return 0
  done
  fail "'$1' could not be found or dragged into view (route $(route))"
}

# 800x480 at 200%.
start 800 480 200
shot 800x480-200-home
tap "Library"; wait_route library
shot 800x480-200-library
# Past the search box and filters to the first whole row.
first=
for _ in $(seq 12); do
  first=$(grep -o '"doc:[^"]*":\[[-0-9.,]*\]' "$RECTS" | awk -F'[][,]' -v h="$H" '$3 > h / 4 && $5 < h - 8 {print; exit}' | sed 's/"\(doc:[^"]*\)".*/\1/')
  [ -n "$first" ] && break
  drag 16 $((H * 5 / 8)) $((-H / 3))
done
[ -n "$first" ] || fail "no library row in view after dragging"
tap "$first"; wait_route "$first"
shot 800x480-200-reader
drag 16 420 -300
drag 16 420 -300
drag 400 420 -200  # then the page itself
shot 800x480-200-reader-scrolled
tap "< Back"; wait_route library
# Back returns to the list where it was: the row tapped is still in view.
r=$(rect_now "$first"); [ -n "$r" ] || fail "Back did not return to the library's scroll position"
tap "Home"; wait_route home
tap "Briefings"
for _ in $(seq 40); do case "$(route)" in briefing:*) break;; esac; sleep 0.05; done
shot 800x480-200-briefing
drag 16 330 -200
shot 800x480-200-briefing-scrolled
tap "Action plans and recommendations"; wait_route actions
shot 800x480-200-actions
tap "Home"; wait_route home
tap "Training"; wait_route training
shot 800x480-200-training
drag 16 420 -200
shot 800x480-200-training-scrolled
tap "Open:member-safeguarding"; wait_route training:member-safeguarding
shot 800x480-200-training-module
# The header's controls are in one "Aa" menu at this size; A- from it works.
tap "Aa"
shot 800x480-200-text-menu
tap "A-"
sleep 0.5
[ "$(route)" = training:member-safeguarding ] || fail "A- from the Aa menu navigated away (route $(route))"
stop

# 1920x1080 at 100% (the body size follows the screen) and at 200%.
start 1920 1080 100
shot 1920x1080-100-home
stop
start 1920 1080 200
shot 1920x1080-200-home
tap "Briefings"
for _ in $(seq 40); do case "$(route)" in briefing:*) break;; esac; sleep 0.05; done
tap "Action plans and recommendations"; wait_route actions
shot 1920x1080-200-actions
stop
echo "e2e text size (touch only): 1 passed, 0 failed (screenshots in $OUT)"
