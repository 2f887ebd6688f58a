#!/usr/bin/env bash
# Kiosk software updates from USB (issue 21), in the Debian 12 chroot of
# scripts/check-package.sh, which calls this after the session check with the
# package (version N) installed:
#   check_update.sh CHROOT DEB OUTDIR
# Makes N+1, N+2, N+3 and an arm64 package by repacking DEB with dpkg-deb (a
# changed Version or Architecture; no rebuild), signs with real minisign keys,
# trusts the software key in the chroot, then runs the update helper as
# member-kiosk-update@.service would on two loop-mounted ext4 stick images:
#   stick 1: N+1 signed                -> installed, audited ok
#   stick 2: N signed (again)          -> E_DOWNGRADE (N+1 is installed)
#            N+1 signed (again)        -> E_SAME_VERSION
#            N+2 unsigned              -> E_NO_SIGNATURE
#            arm64 (newer) signed      -> E_WRONG_ARCH
#            N+3 signed, postinst fails -> E_INSTALL_FAILED, rolled back to N+1
# Each refusal must leave N+1 installed and configured. Prints its time.
set -euo pipefail
R=$1 DEB=$2 OUT=$3
START=$(date +%s)
fail() { echo "CHECK-UPDATE FAIL: $*" >&2; exit 1; }
W=$(mktemp -d /var/tmp/member-kiosk-update-check.XXXXXX)
LOOPS=() MNTS=()
cleanup() {
  for m in "${MNTS[@]}"; do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; rmdir "$m" 2>/dev/null || true; done
  for l in "${LOOPS[@]}"; do losetup -d "$l" 2>/dev/null || true; done
  rm -rf "$W"
}
trap cleanup EXIT
in_chroot() { chroot "$R" "$@"; }
as_kiosk() { chroot "$R" setpriv --reuid=member-kiosk --regid=member-kiosk --init-groups --reset-env -- "$@"; }
installed() { in_chroot dpkg-query -W -f='${Version} ${Status}' member-kiosk; }

V=$(dpkg-deb -f "$DEB" Version) ARCH=$(dpkg-deb -f "$DEB" Architecture)
OTHER=arm64; [ "$ARCH" = arm64 ] && OTHER=amd64

# repack VERSION ARCH OUT [fail]: DEB with another version/architecture.
dpkg-deb -R "$DEB" "$W/tree"
repack() {
  rm -rf "$W/x"; cp -a "$W/tree" "$W/x"
  sed -i "s/^Version: .*/Version: $1/; s/^Architecture: .*/Architecture: $2/" "$W/x/DEBIAN/control"
  if [ "${4:-}" = fail ]; then sed -i '1a echo "check_update: this postinst fails on purpose" >&2; exit 1' "$W/x/DEBIAN/postinst"; fi
  dpkg-deb --root-owner-group -Zgzip -z1 -b "$W/x" "$3" >/dev/null
}
mkdir -p "$W/stick1" "$W/stick2"
repack "$V+upd1" "$ARCH" "$W/stick1/member-kiosk_$V+upd1_$ARCH.deb"
cp "$DEB" "$W/stick2/"
repack "$V+upd2" "$ARCH" "$W/stick2/member-kiosk_$V+upd2_$ARCH.deb"
repack "$V+upd3" "$ARCH" "$W/stick2/member-kiosk_$V+upd3_$ARCH.deb" fail
repack "$V+upd4" "$OTHER" "$W/stick2/member-kiosk_$V+upd4_$OTHER.deb"
echo "repacked 4 packages in $(($(date +%s) - START)) s"

# The council's software key (real minisign), trusted for `software` only.
minisign -G -W -p "$W/software.pub" -s "$W/software.key" >/dev/null
for f in "$W/stick1/member-kiosk_$V+upd1_$ARCH.deb" "$W/stick2/$(basename "$DEB")" \
         "$W/stick2/member-kiosk_$V+upd3_$ARCH.deb" "$W/stick2/member-kiosk_$V+upd4_$OTHER.deb"; do
  minisign -S -s "$W/software.key" -m "$f" </dev/null >/dev/null
done
cp "$W/stick1/member-kiosk_$V+upd1_$ARCH.deb" "$W/stick1/member-kiosk_$V+upd1_$ARCH.deb.minisig" "$W/stick2/"
cp "$W/software.pub" "$R/tmp/software.pub"; chmod 0644 "$R/tmp/software.pub"
as_kiosk /usr/bin/kiosk --data-dir /var/lib/member-kiosk --trust /tmp/software.pub --channel software --label "council software key" >/dev/null \
  || fail "the software key could not be trusted"
# The package installed by apt is kept as the one to roll back to.
in_chroot /usr/libexec/member-kiosk/member-kiosk-update keep "/tmp/$(basename "$DEB")" || fail "keep refused the installed package"

# stick NAME: an ext4 image of $W/NAME, loop-mounted read-only where the
# mount helper would put it, then the update helper as its unit runs it.
stick() {
  local img=$W/$1.img mnt=$R/media/member-kiosk/$1 l
  truncate -s 96M "$img"
  mkfs.ext4 -q -d "$W/$1" "$img" || fail "mkfs.ext4 failed"
  l=$(losetup -f --show -r "$img") || fail "no loop device"
  LOOPS+=("$l")
  mkdir -p "$mnt"; MNTS+=("$mnt")
  mount -t ext4 -o ro,nosuid,nodev,noexec,noatime,noload "$l" "$mnt" || fail "mount $l failed"
  in_chroot /usr/libexec/member-kiosk/member-kiosk-update stick "$1" >"$OUT/update-$1.log" 2>&1 || { cat "$OUT/update-$1.log"; fail "the helper failed on $1"; }
}
# The helper's audit entries, "RESULT DETAIL" a line, oldest first.
software_audit() {
  as_kiosk /usr/bin/kiosk --data-dir /var/lib/member-kiosk --status >"$W/status.json" || fail "kiosk --status failed"
  python3 -c 'import json,sys; [print(a["result"], a["detail"]) for a in reversed(json.load(open(sys.argv[1]))["audit"]) if a["action"] == "software"]' "$W/status.json"
}

stick stick1
[ "$(installed)" = "$V+upd1 install ok installed" ] || { cat "$OUT/update-stick1.log"; fail "N+1 is not installed: $(installed)"; }
software_audit | grep -q "^ok kiosk software $V+upd1: " || { software_audit; fail "the N+1 install was not audited ok"; }
echo "N+1 installed and audited ($(($(date +%s) - START)) s)"

stick stick2
[ "$(installed)" = "$V+upd1 install ok installed" ] || { cat "$OUT/update-stick2.log"; fail "after the refusals, member-kiosk is $(installed), not $V+upd1"; }
software_audit >"$OUT/update-audit.txt"
cat "$OUT/update-audit.txt"
for want in "E_DOWNGRADE member-kiosk_${V}_$ARCH.deb" "E_SAME_VERSION member-kiosk_$V+upd1_$ARCH.deb" "E_NO_SIGNATURE member-kiosk_$V+upd2_$ARCH.deb" \
            "E_WRONG_ARCH member-kiosk_$V+upd4_$OTHER.deb" "E_INSTALL_FAILED kiosk software $V+upd3: member-kiosk_$V+upd3_$ARCH.deb"; do
  grep -qF -- "$want" "$OUT/update-audit.txt" || fail "no audit entry '$want'"
done
grep -q "rolled back to $V+upd1" "$OUT/update-audit.txt" || fail "the failed postinst was not rolled back"
[ "$(grep -c . "$OUT/update-audit.txt")" = 6 ] || fail "expected 6 software audit entries"
[ -x "$R/usr/bin/kiosk" ] || fail "the kiosk is gone after the refusals"
echo "CHECK-UPDATE PASS in $(($(date +%s) - START)) s"
