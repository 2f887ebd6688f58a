#!/usr/bin/env bash
# The arm64 build check (Raspberry Pi 4 class boards), run before a release
# and recorded in the README; not in every CI run (about 25 minutes cold on
# 2 cores). On a Debian 12 amd64 machine, as root:
#   1. installs crossbuild-essential-arm64, qemu-user-static and the :arm64
#      -dev packages (dpkg --add-architecture arm64), only those missing;
#   2. builds kiosk-bundle for the host (build-arm64/host), to make the demo
#      bundles, since the cross build cannot run its own;
#   3. cross-builds everything with cmake/toolchain-arm64.cmake
#      (build-arm64/target);
#   4. runs the unit tests under qemu-aarch64-static through
#      CMAKE_CROSSCOMPILING_EMULATOR (binfmt_misc is not used, it may not be
#      mounted); the GUI end-to-end, loop-mount and benchmark tests need a
#      display, root mounts or real speed and run natively in CI instead;
#   5. makes the arm64 .deb and checks its architecture, its binaries and
#      its dependencies, and runs lintian on it.
# Prints the time each step took. Exit 0 only if every step passed.
set -euo pipefail
cd "$(dirname "$0")/.."
START=$(date +%s)
step() { echo "== [$(($(date +%s) - START)) s] $*"; }
fail() { echo "CHECK-ARM64 FAIL: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "run as root (it installs packages with apt-get)"
export DEBIAN_FRONTEND=noninteractive CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD}
APT="apt-get -o DPkg::Lock::Timeout=600 -y -qq --no-install-recommends"

step "packages"
bash scripts/setup.sh
updated=no
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  dpkg --add-architecture arm64
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  updated=yes
fi
PKGS=(crossbuild-essential-arm64 qemu-user-static ccache dpkg-dev lintian file
      libimgui-dev:arm64 libglfw3-dev:arm64 libxext-dev:arm64 libstb-dev:arm64 libsqlite3-dev:arm64 libsodium-dev:arm64
      libmd4c-dev:arm64 libgl-dev:arm64 pkgconf:arm64 nlohmann-json3-dev doctest-dev)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}"
  [ $updated = yes ] || apt-get -o DPkg::Lock::Timeout=600 update -qq
  $APT install "${missing[@]}" >/dev/null
fi
command -v aarch64-linux-gnu-pkg-config >/dev/null || fail "aarch64-linux-gnu-pkg-config is missing (pkgconf:arm64)"
[ -x /usr/bin/qemu-aarch64-static ] || fail "qemu-aarch64-static is missing"

OUT=${ARM64_BUILD_DIR:-build-arm64}
JOBS=${JOBS:-$(nproc)}
LAUNCH=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)

step "host kiosk-bundle (for the demo bundles)"
cmake -S . -B "$OUT/host" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKIOSK_BUILD_GUI=OFF -DBUILD_TESTING=OFF "${LAUNCH[@]}" >/dev/null
cmake --build "$OUT/host" -j"$JOBS" --target kiosk-bundle >/dev/null
HOST_BUNDLE=$PWD/$OUT/host/content/kiosk-bundle
"$HOST_BUNDLE" --help >/dev/null 2>&1 || [ $? -eq 2 ] || fail "the host kiosk-bundle does not run"

step "cross build (arm64)"
cmake -S . -B "$OUT/target" -DCMAKE_TOOLCHAIN_FILE="$PWD/cmake/toolchain-arm64.cmake" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DKIOSK_BUNDLE_HOST_TOOL="$HOST_BUNDLE" -DKIOSK_ASSETS_DIR=/usr/share/member-kiosk "${LAUNCH[@]}" >"$OUT/configure.log" 2>&1 \
  || { cat "$OUT/configure.log"; fail "cmake could not configure the arm64 build"; }
cmake --build "$OUT/target" -j"$JOBS" >"$OUT/build.log" 2>&1 || { tail -40 "$OUT/build.log"; fail "the arm64 build failed"; }
file -L "$OUT/target/platform/kiosk" | grep -q 'ARM aarch64' || fail "platform/kiosk is not an arm64 binary: $(file -L "$OUT/target/platform/kiosk")"
for b in demo-board demo-council; do
  "$HOST_BUNDLE" verify "$OUT/target/demo/$b.kbundle" --pub content/demo/DEMO-ONLY-signing.pub >/dev/null \
    || fail "demo bundle $b does not verify"
done

step "unit tests under qemu-aarch64-static"
(cd "$OUT/target" && ctest --output-on-failure -j"$JOBS" --timeout 1500 -E '^(e2e_.*|usb_mount_helper|bench_smoke|package_.*)$') \
  >"$OUT/ctest.log" 2>&1 || { tail -60 "$OUT/ctest.log"; fail "unit tests failed under qemu"; }
grep -E 'tests passed|tests failed' "$OUT/ctest.log"

step "arm64 .deb"
rm -f "$OUT"/target/member-kiosk_*_arm64.deb
(cd "$OUT/target" && DEB_HOST_ARCH=arm64 DEB_HOST_MULTIARCH=aarch64-linux-gnu DEB_HOST_GNU_TYPE=aarch64-linux-gnu cpack -G DEB) \
  >"$OUT/cpack.log" 2>&1 || { cat "$OUT/cpack.log"; fail "cpack failed"; }
DEB=$(ls "$OUT"/target/member-kiosk_*_arm64.deb 2>/dev/null | head -1)
[ -n "$DEB" ] || fail "no member-kiosk_*_arm64.deb was made"
[ "$(dpkg-deb -f "$DEB" Architecture)" = arm64 ] || fail "$DEB is not Architecture: arm64"
deps=$(dpkg-deb -f "$DEB" Depends)
for d in libglfw3 libsqlite3-0 libsodium23 xinit xserver-xorg-core; do
  echo "$deps" | grep -q "$d" || fail "Depends lacks $d: $deps"
done
X=$(mktemp -d)
dpkg-deb -x "$DEB" "$X"
file "$X/usr/bin/kiosk" "$X/usr/bin/kiosk-bundle" | grep -c 'ARM aarch64' | grep -qx 2 || fail "packaged binaries are not arm64"
rm -rf "$X"
lintian --fail-on error "$DEB" || fail "lintian reports errors on $DEB"
cp "$DEB" "$OUT/"
step "done: $OUT/$(basename "$DEB")"
echo "CHECK-ARM64 PASS in $(($(date +%s) - START)) s"
