#!/usr/bin/env bash
# Whole-process search time: `kiosk --search` (a new process per query, as a
# script or a shell user runs it) against references run the same way on the
# same content: the stock sqlite3 shell doing the equivalent FTS5 query
# (bm25 ORDER BY rank LIMIT 10 with snippets) on the same bundle, and, when
# Debian's kiwix-tools and zim-tools are installed, kiwix-search on a ZIM made
# from the same documents by zimwriterfs.
#   search_process.sh KIOSK DATA_DIR BUNDLE WORK_DIR [RUNS]
# Prints "name median_ms" lines.
set -euo pipefail
K=$1; DATA=$2; BUNDLE=$3; WORK=$4; RUNS=${5:-5}
QUERIES=("safeguarding" "board annual report" "section 11" "children" "training course" "neglect" "looked after" "plans"
         "referrals" "assurance" "independent chair" "private fostering" "safegaurding" "threshold guidance" "corporate parenting")

now_ns() { date +%s%N; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
time_all() {  # NAME then a function that runs one query ($1)
  local name=$1 fn=$2 t0 t1
  for _ in $(seq "$RUNS"); do
    for q in "${QUERIES[@]}"; do
      t0=$(now_ns); "$fn" "$q" >/dev/null 2>&1 || true; t1=$(now_ns)
      awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", (b - a) / 1e6 }'
    done
  done | median | sed "s/^/$name /"
}

run_kiosk() { "$K" --data-dir "$DATA" --search "$1" --limit 10; }
# The same FTS5 query the kiosk's first step runs, ranked over every match.
run_sqlite() {
  local m
  m=$(printf '%s' "$1" | sed 's/[^A-Za-z0-9 ]//g; s/  */ /g; s/^ //; s/ $//; s/ /" AND "/g')
  sqlite3 -readonly "file:$BUNDLE?immutable=1" \
    "SELECT ref, title, snippet(search, 1, '[', ']', '…', 16) FROM search WHERE search MATCH '\"$m\"*' ORDER BY rank LIMIT 10;"
}

# Warm the page cache for both.
for q in "${QUERIES[@]}"; do run_kiosk "$q" >/dev/null 2>&1 || true; run_sqlite "$q" >/dev/null 2>&1 || true; done
time_all kiosk_search_process_ms run_kiosk
time_all sqlite3_shell_fts_ms run_sqlite

if [ -z "${KIOSK_BENCH_NO_KIWIX:-}" ] && command -v zimwriterfs >/dev/null && command -v kiwix-search >/dev/null && command -v python3 >/dev/null; then
  t0=$(now_ns); reused=0; [ -s "$WORK/bench.zim" ] && reused=1
  [ -s "$WORK/bench.zim" ] || python3 - "$BUNDLE" "$WORK/zim-html" <<'PY'
import html, os, sqlite3, sys
bundle, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
db = sqlite3.connect(f"file:{bundle}?immutable=1", uri=True)
links = []
for i, (kind, ref, title, body) in enumerate(db.execute("SELECT kind, ref, title, body FROM search")):
    name = f"d{i}.html"
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n") if p.strip())
    with open(os.path.join(out, name), "w") as f:
        f.write(f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title></head><body><h1>{html.escape(title)}</h1>{paras}</body></html>")
    if i < 50:
        links.append(f"<li><a href=\"{name}\">{html.escape(title)}</a></li>")
with open(os.path.join(out, "index.html"), "w") as f:
    f.write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Bench</title></head><body><ul>" + "".join(links) + "</ul></body></html>")
# A 48x48 PNG illustration, which zimwriterfs requires.
import struct, zlib
raw = b"".join(b"\x00" + b"\x1d\x5a\x8a" * 48 for _ in range(48))
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 48, 48, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
open(os.path.join(out, "icon.png"), "wb").write(png)
PY
  [ -s "$WORK/bench.zim" ] || zimwriterfs --welcome=index.html --illustration=icon.png --language=eng --title=Bench --description="bench corpus" \
    --creator=bench --publisher=bench --name=bench "$WORK/zim-html" "$WORK/bench.zim" >/dev/null 2>&1 || true
  t1=$(now_ns)
  if [ -s "$WORK/bench.zim" ]; then
    [ $reused = 1 ] || echo "zim_build_s $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')"
    run_kiwix() { kiwix-search "$WORK/bench.zim" "$1"; }
    for q in "${QUERIES[@]}"; do run_kiwix "$q" >/dev/null 2>&1 || true; done
    time_all kiwix_search_ms run_kiwix
  fi
fi
