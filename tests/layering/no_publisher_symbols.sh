#!/usr/bin/env bash
# Fails if the kiosk binary holds any of the publisher's code: source folders,
# CSV reading, front matter, PDF pages, the builder or lint.
set -euo pipefail
bin="$1"
syms=$(nm -C "$bin")
count=$(printf '%s\n' "$syms" | grep -c ' [TtWw] content::' || true)
if [ "$count" -lt 50 ]; then
  echo "only $count content:: symbols in $bin: is it stripped? This check needs symbols." >&2
  exit 1
fi
found=$(printf '%s\n' "$syms" | grep -E 'SourceBundle|source_folder|read_source|pdf_pages|build_bundle|BuildReport|check_text_limits|lint_|LintReport|front_matter|content::csv::(parse|load|Table)' || true)
if [ -n "$found" ]; then
  echo "publisher code found in $bin:" >&2
  printf '%s\n' "$found" | head -20 >&2
  exit 1
fi
echo "no publisher symbols among $count content:: symbols in $(basename "$bin")"
