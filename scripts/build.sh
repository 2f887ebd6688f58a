#!/usr/bin/env bash
# Configures and builds into ./build (Release with debug info). Used by the
# README's two commands; safe to run repeatedly.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${BUILD_DIR:-build}"
# The same hardening flags as the Debian package, and a ccache shared with the
# other builds: scripts/lib/build-env.sh.
. scripts/lib/build-env.sh
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)"
