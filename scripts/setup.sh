#!/usr/bin/env bash
# Installs the Debian 12 packages the kiosk needs, only those missing.
# Idempotent and fast when nothing is missing (one dpkg-query, no apt-get).
set -euo pipefail
PACKAGES=(
  build-essential cmake pkg-config
  libimgui-dev libglfw3-dev libxext-dev libstb-dev libsqlite3-dev libsodium-dev libmd4c-dev nlohmann-json3-dev
  sqlite3 doctest-dev python3 ccache minisign xvfb e2fsprogs dosfstools util-linux xdotool x11-utils imagemagick fonts-noto-core fonts-dejavu-core poppler-utils libgl1-mesa-dri
)
missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "setup: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
