#!/usr/bin/env bash
# Meetings, live (issue 22): the built kiosk in a real window under Xvfb on the
# demo content, at 800x480 driven by taps only (xdotool clicks on the
# kiosk's own item rectangles) and at 1920x1080 driven by keys as a
# projector clicker would. Home must lead with the day's meeting (the demo's
# own clock); a tap opens the pack; an item opens and Back returns to the
# pack. Then the pack on a projector: at 1920x1080 with the audience window
# (KIOSK_AUDIENCE_WINDOW=1), Present from the pack and the clicker's keys
# (Right, Page Down, End, Home, digits then Enter, B); the audience window
# shows the item and blanks; Escape returns to the pack at the item reached;
# and with one screen the view is the projector's picture itself.
# Screenshots go to OUT_DIR for a person to look at.
# usage: meetings_live.sh KIOSK_EXE DEMO_BUNDLE_DIR OUT_DIR
set -euo pipefail
KIOSK=$1
DEMO=$2
E2E_NAME="MEETINGS LIVE"
. "$(dirname "$0")/lib.sh"
e2e_init "$3"
CLICK_SETTLE=0.4
# Touch scrolling: drags the page up (from the left margin, which no control
# covers) until the item labelled $1 is wholly on the 480-pixel screen.
scroll_to() {
  local r wid x0 y0 x1 y1
  wid=$(kiosk_window)
  for _ in $(seq 8); do
    r=$(rect_now "$1")
    if [ -n "$r" ]; then
      read -r x0 y0 x1 y1 <<<"$r"
      [ "$y1" -le 470 ] && return 0
    fi
    xdotool mousemove --window "$wid" 10 400 mousedown 1 mousemove --window "$wid" 10 330 sleep 0.05 mousemove --window "$wid" 10 250 sleep 0.05 mousemove --window "$wid" 10 200 sleep 0.1 mouseup 1
    sleep 0.8
  done
  fail "could not scroll '$1' onto the screen"
}
key() {
  xdotool key --window "$(kiosk_window)" "$1"
  sleep 0.4
}
start() {  # WxH
  e2e_xvfb "$1"
  e2e_kiosk --size "$1"
  wait_route home
  sleep 0.5
}
stop() { e2e_stop; }

# 800x480, touch only.
start 800x480
grep -q '"home-meeting"' "$RECTS" || fail "home does not lead with a meeting"
shot home-meeting-day-800x480
click home-meeting
wait_route meeting:riverside-locality
shot meeting-pack-800x480
scroll_to item-4
click item-4
wait_route meeting-item:riverside-locality:4
shot meeting-item-800x480
click open-item
wait_route brief:locality-riverside-2025
click "< Back"
wait_route meeting-item:riverside-locality:4
scroll_to back-to-pack
click back-to-pack
wait_route meeting:riverside-locality
stop

# 1920x1080, a projector with a clicker: one tap to open the pack, then keys.
start 1920x1080
shot home-meeting-day-1920x1080
click home-meeting
wait_route meeting:riverside-locality
key Next
wait_route meeting-item:riverside-locality:1
key Next
key Next
key Next
wait_route meeting-item:riverside-locality:4
shot meeting-item-1920x1080
key Prior
wait_route meeting-item:riverside-locality:3
key Escape
wait_route meeting:riverside-locality
shot meeting-pack-1920x1080
stop

# 1920x1080 with a projector: the audience window (the main window's size, on
# the one Xvfb screen) is raised only to be photographed.
KIOSK_AUDIENCE_WINDOW=1 start 1920x1080
MAIN=$(kiosk_window)
click home-meeting
wait_route meeting:riverside-locality
click present-pack
wait_route meeting-present:riverside-locality:1
for _ in $(seq 50); do xdotool search --name "kiosk: audience" >/dev/null 2>&1 && break; sleep 0.1; done
AUD=$(xdotool search --name "kiosk: audience" | head -1)
[ -n "$AUD" ] || fail "no audience window while the pack is presented"
xdotool windowraise "$MAIN"
audience() {  # $1: the shot's name; prints the audience window's mean grey level
  xdotool windowraise "$AUD"
  sleep 1.3
  import -window "$AUD" "$OUT/$1.png"
  xdotool windowraise "$MAIN"
  convert "$OUT/$1.png" -colorspace gray -format "%[fx:mean]" info:
}
key Right
wait_route meeting-present:riverside-locality:2
key Next
wait_route meeting-present:riverside-locality:3
key End
wait_route meeting-present:riverside-locality:7
key Home
wait_route meeting-present:riverside-locality:1
key 4
key Return
wait_route meeting-present:riverside-locality:4
shot pack-present-presenter-1920x1080
level=$(audience pack-present-audience-1920x1080)
awk -v m="$level" 'BEGIN { exit !(m > 0.05) }' || fail "the audience window looks blank (mean $level)"
key b
level=$(audience pack-present-audience-blank)
awk -v m="$level" 'BEGIN { exit !(m < 0.01) }' || fail "B did not blank the audience window (mean $level)"
key b
key Right
wait_route meeting-present:riverside-locality:5
audience pack-present-audience-figures-1920x1080 >/dev/null
key Escape
wait_route meeting:riverside-locality
has_item "Present from item 5" || fail "the pack does not offer to present from the item reached"
stop

# One screen: the view is the projector's picture, worked by the same keys.
start 1920x1080
click home-meeting
wait_route meeting:riverside-locality
click present-pack
wait_route meeting-present:riverside-locality:1
key Next
key Next
key Next
wait_route meeting-present:riverside-locality:4
shot pack-present-one-screen-1920x1080
key Escape
wait_route meeting:riverside-locality
stop
echo "meetings live: ok"
