#!/usr/bin/env bash
# End-to-end test of page images in a real window (issue 23's texture cache:
# one decode at a time, requests no longer drawn dropped): the kiosk opens the
# demo's scanned letter under Xvfb; page 1's image must appear (its blue frame
# inside the page area, which nothing else there draws), the next page's
# image must replace it, and page 1 must come back when turned back to.
# usage: page_images.sh [--gl 2.1] KIOSK_EXE DEMO_BUNDLE_DIR [OUT_DIR]
set -euo pipefail
if [ "${1:-}" = "--gl" ]; then
  [ "${2:-}" = "2.1" ] || { echo "usage: page_images.sh [--gl 2.1] KIOSK_EXE DEMO_BUNDLE_DIR [OUT_DIR]" >&2; exit 2; }
  export MESA_GL_VERSION_OVERRIDE=2.1 MESA_GLSL_VERSION_OVERRIDE=120
  shift 2
fi
KIOSK=$1
DEMO=$2
E2E_NAME="PAGE IMAGES"
. "$(dirname "$0")/lib.sh"
e2e_init "${3:-$(mktemp -d)}"
e2e_xvfb 1280x720
e2e_kiosk --size 1280x720 --view doc:lga-peer-letter-2014:1

# The page area (below the reader's buttons); the letter's pages have a blue frame.
AREA=1180x330+40+380
page_shot() { import -window root -crop "$AREA" +repage "$1"; }
blue() { convert "$1" -fuzz 10% -fill black +opaque "srgb(29,90,138)" -fill white -opaque "srgb(29,90,138)" -format "%[fx:round(mean*w*h)]" info:; }
same() { [ "$(compare -metric AE -fuzz 3% "$1" "$2" null: 2>&1 | cut -d' ' -f1)" -lt 200 ]; }
# Waits until the page area shows a page image (and, given $2, one unlike or like $3).
wait_page() {  # OUT [differs|matches REF]
  for _ in $(seq 100); do
    kill -0 "$KPID" 2>/dev/null || fail "the kiosk exited: $(cat "$WORK/kiosk.log")"
    page_shot "$1"
    if [ "$(blue "$1")" -gt 3000 ]; then  # a drawn page: about 5,100; text alone: none
      case "${2:-}" in
        differs) same "$1" "$3" || return 0 ;;
        matches) same "$1" "$3" && return 0 ;;
        *) return 0 ;;
      esac
    fi
    sleep 0.1
  done
  fail "no page image ${2:-} ${3:-} in the page area within 10 s (see $1)"
}

wait_page "$OUT/page-1.png"
xdotool key Right
wait_page "$OUT/page-2.png" differs "$OUT/page-1.png"
xdotool key Left
wait_page "$OUT/page-1-again.png" matches "$OUT/page-1.png"
grep -q '^graphics: GL_VERSION' "$WORK/kiosk.log" || fail "no graphics line"
echo "page images: page 1, page 2 and page 1 again were drawn ($(grep -m1 '^graphics:' "$WORK/kiosk.log"))"
