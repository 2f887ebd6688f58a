# Shared by the end-to-end scripts in this folder; sourced, never run.
# Each script sets E2E_NAME (the prefix of its failure line) and calls
# e2e_init OUT_DIR before anything else. What it gives them:
#   - a private work folder ($WORK), the demo's data in it, a private Mesa
#     shader cache, and the kiosk's item rectangles file ($RECTS);
#   - e2e_xvfb WxH: an Xvfb server on a free display ($DISPLAY, $XPID);
#   - e2e_kiosk ARGS...: the kiosk in the background ($KPID), writing $RECTS;
#   - e2e_stop: both stopped (also on exit, whatever the exit);
#   - route / wait_route / wait_route_prefix, rect / rect_now / has_item,
#     kiosk_window, click (the centre of a labelled item) and shot (a
#     screenshot that must not be blank);
#   - fail MESSAGE: prints "$E2E_NAME FAIL: MESSAGE", calls e2e_on_fail (a
#     script may redefine it, e.g. to keep a screenshot) and exits 1.
# Item labels and routes are the kiosk's own (KIOSK_ITEM_RECTS, written by
# platform/src/item_rects.cpp): {"route":"...","items":{"LABEL":[x0,y0,x1,y1]}}.

E2E_NAME=${E2E_NAME:-E2E}
XPID= KPID= WID=

e2e_on_fail() { :; }
fail() {
  echo "$E2E_NAME FAIL: $*" >&2
  e2e_on_fail
  exit 1
}

# e2e_init OUT_DIR: the work folder, the environment and the exit trap.
e2e_init() {
  OUT=$1
  mkdir -p "$OUT"
  WORK=$(mktemp -d)
  RECTS=$WORK/rects.json
  export KIOSK_DEMO_DATA_DIR=$WORK/data KIOSK_DEMO_BUNDLES=$DEMO MESA_SHADER_CACHE_DIR=$WORK/mesa-cache
  trap e2e_cleanup EXIT
}
e2e_cleanup() {
  e2e_stop
  wait 2>/dev/null || true
  rm -rf "$WORK"
}

# e2e_xvfb WIDTHxHEIGHT: starts Xvfb and waits for it. A random display may be
# held by another test's server, so up to three are tried.
e2e_xvfb() {
  local try
  for try in 1 2 3; do
    export DISPLAY=:$((200 + RANDOM % 700))
    Xvfb "$DISPLAY" -screen 0 "$1x24" -nolisten tcp >/dev/null 2>&1 &
    XPID=$!
    for _ in $(seq 150); do xdpyinfo >/dev/null 2>&1 && return 0; sleep 0.1; done
    kill "$XPID" 2>/dev/null || true; wait "$XPID" 2>/dev/null || true; XPID=
  done
  fail "Xvfb did not start"
}

# e2e_kiosk ARGS...: the kiosk on the demo, in the background, its log in
# $WORK/kiosk.log (KIOSK_LOG overrides), its item rectangles in $RECTS.
e2e_kiosk() {
  rm -f "$RECTS"
  WID=
  KIOSK_ITEM_RECTS=$RECTS "$KIOSK" --demo "$@" >"${KIOSK_LOG:-$WORK/kiosk.log}" 2>&1 &
  KPID=$!
}
e2e_stop_kiosk() {
  [ -n "$KPID" ] && { kill "$KPID" 2>/dev/null || true; wait "$KPID" 2>/dev/null || true; }
  KPID= WID=
}
e2e_stop() {
  e2e_stop_kiosk
  [ -n "$XPID" ] && { kill "$XPID" 2>/dev/null || true; wait "$XPID" 2>/dev/null || true; }
  XPID=
}

route() { sed -n 's/.*"route":"\([^"]*\)".*/\1/p' "$RECTS" 2>/dev/null; }
wait_route() {
  for _ in $(seq 100); do [ "$(route)" = "$1" ] && return 0; sleep 0.05; done
  fail "expected route '$1', got '$(route)'"
}
wait_route_prefix() {
  for _ in $(seq 100); do case "$(route)" in "$1"*) return 0;; esac; sleep 0.05; done
  fail "expected a route starting '$1', got '$(route)'"
}

# rect_now LABEL: "x0 y0 x1 y1" of the item labelled LABEL as last written,
# or nothing when it is not on the screen.
rect_now() {
  grep -o "\"$1\":\[[-0-9,]*\]" "$RECTS" 2>/dev/null | head -1 | sed 's/.*\[\(.*\)\]/\1/; s/,/ /g' || true
}
# rect LABEL: as rect_now, waiting up to 5 s for the item; fails without it.
rect() {
  local r=
  for _ in $(seq 100); do
    r=$(rect_now "$1")
    [ -n "$r" ] && break
    sleep 0.05
  done
  [ -n "$r" ] || fail "no item labelled '$1' on screen (route $(route))"
  echo "$r"
}
has_item() { grep -q "\"$1\":\[" "$RECTS" 2>/dev/null; }

kiosk_window() {
  [ -n "$WID" ] || WID=$(xdotool search --sync --name '^Member briefing kiosk$' | head -1)
  echo "$WID"
}
# click LABEL: a pointer click in the middle of the item (waits for it).
click() {
  local x0 y0 x1 y1
  read -r x0 y0 x1 y1 < <(rect "$1")
  xdotool mousemove --window "$(kiosk_window)" $(((x0 + x1) / 2)) $(((y0 + y1) / 2)) sleep 0.1 click 1
  sleep "${CLICK_SETTLE:-0.3}"
}
# shot NAME: the whole screen into $OUT/NAME.png; fails when it is blank.
shot() {
  sleep 0.3
  import -window root "$OUT/$1.png"
  local sd
  sd=$(convert "$OUT/$1.png" -colorspace gray -format "%[fx:standard_deviation]" info:)
  awk -v s="$sd" 'BEGIN { exit !(s > 0.02) }' || fail "screenshot $1 looks blank (sd $sd)"
}
