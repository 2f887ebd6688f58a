#!/usr/bin/env bash
# The publisher's build: no window, no GL, no GLFW, no ImGui. Configures with
# -DKIOSK_BUILD_GUI=OFF into ./build-nogui (or $BUILD_DIR), builds
# kiosk-bundle, the demo bundles, the content tests and the benchmark tools,
# and runs every test that build registers. CI runs it beside scripts/test.sh
# so that the GUI never becomes a dependency of the publisher's tools.
# Needs only: build-essential cmake pkg-config libsqlite3-dev libsodium-dev
# libstb-dev nlohmann-json3-dev doctest-dev minisign poppler-utils python3.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${BUILD_DIR:-build-nogui}"
. scripts/lib/build-env.sh
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKIOSK_BUILD_GUI=OFF >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)"
# The build must not have made anything that needs a display.
if [ -e "$BUILD_DIR/platform/kiosk" ] || [ -e "$BUILD_DIR/kiosk" ]; then
  echo "test-nogui: a GUI target was built with KIOSK_BUILD_GUI=OFF" >&2
  exit 1
fi
cd "$BUILD_DIR"
ctest --output-on-failure -j"$(nproc)" --timeout 600
