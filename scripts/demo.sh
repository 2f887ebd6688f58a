#!/usr/bin/env bash
# The README's first command: install what is missing, build, and run the
# kiosk on the embedded demo content (its own data directory).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
exec ./build/platform/kiosk --demo "$@"
