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
# Each refusal must leave N+1 installed and configured. Then the refusals the
# copy off the stick makes, each with a signed N+5 that would install:
#   the spool on a tmpfs smaller than the package   -> E_NO_SPACE
#   a tmpfs that holds the package but not the kept
#   copy and the margin                             -> E_NO_SPACE
#   the stick pulled mid-copy (the helper paused by its test hook after the
#   first MiB; the image cut to nothing, the loop device's capacity set to 0
#   and the mount lazily unmounted, as a pulled USB stick and its mount unit's
#   ExecStop do)                                    -> E_STICK_REMOVED
#   the stick unreadable past the first MiB of the package but still there
#   (the image cut inside the file)                 -> E_IO
# and last the same N+5 with room and the stick left in: installed, audited ok
# (so the package each refusal above was given is a good one). Prints its time.
set -euo pipefail
R=$1 DEB=$2 OUT=$3
START=$(date +%s)
fail() { echo "CHECK-UPDATE FAIL: $*" >&2; exit 1; }
W=$(mktemp -d /var/tmp/member-kiosk-update-check.XXXXXX)
LOOPS=() MNTS=() HELPER_PID=
cleanup() {
  if [ -n "$HELPER_PID" ]; then kill "$HELPER_PID" 2>/dev/null || true; fi
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

# mount_stick NAME: an ext4 image of $W/NAME (4 KiB blocks), on a read-only
# loop device with no read-ahead (so that only what the helper has read is
# cached), mounted where the mount helper would put it. Sets STICK_LOOP.
mount_stick() {
  local img=$W/$1.img mnt=$R/media/member-kiosk/$1
  truncate -s 96M "$img"
  mkfs.ext4 -q -b 4096 -d "$W/$1" "$img" || fail "mkfs.ext4 failed"
  STICK_LOOP=$(losetup -f --show -r "$img") || fail "no loop device"
  LOOPS+=("$STICK_LOOP")
  blockdev --setra 0 "$STICK_LOOP" || fail "blockdev --setra failed"
  mkdir -p "$mnt"; MNTS+=("$mnt")
  mount -t ext4 -o ro,nosuid,nodev,noexec,noatime,noload "$STICK_LOOP" "$mnt" || fail "mount $STICK_LOOP failed"
}
# run_helper NAME: the update helper as its unit runs it, on the stick NAME.
run_helper() {
  in_chroot /usr/libexec/member-kiosk/member-kiosk-update stick "$1" >"$OUT/update-$1.log" 2>&1 || { cat "$OUT/update-$1.log"; fail "the helper failed on $1"; }
}
# stick NAME: mount_stick, then run_helper.
stick() { mount_stick "$1"; run_helper "$1"; }
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
echo "the five refusals audited, N+1 kept ($(($(date +%s) - START)) s)"

# --- The refusals of the copy off the stick: a full data partition, a stick
# pulled mid-copy, a stick that cannot be read. Each is given a signed N+5.
P5=member-kiosk_$V+upd5_$ARCH.deb
mkdir -p "$W/stick3"
repack "$V+upd5" "$ARCH" "$W/stick3/$P5"
minisign -S -s "$W/software.key" -m "$W/stick3/$P5" </dev/null >/dev/null
SIZE5=$(stat -c %s "$W/stick3/$P5") SIG5=$(stat -c %s "$W/stick3/$P5.minisig")
# The pull and the cut happen after the first MiB: the package must go on past it.
[ "$SIZE5" -gt $((2 * 1024 * 1024)) ] || fail "N+5 is only $SIZE5 bytes; the mid-copy checks need more than 2 MiB"
for n in 4 5 6; do cp -a "$W/stick3" "$W/stick$n"; done
SPOOL=$R/var/lib/member-kiosk-update
# last_audit WANT: the newest software entry must start with WANT; N+1 must
# still be installed and configured, and nothing left in the spool.
last_audit() {
  local last
  last=$(software_audit | tail -1)
  case $last in "$1"*) ;; *) fail "the newest software audit entry is '$last', not '$1...'" ;; esac
  [ "$(installed)" = "$V+upd1 install ok installed" ] || fail "after '$1', member-kiosk is $(installed), not $V+upd1"
  [ -z "$(ls -A "$SPOOL/incoming")" ] || fail "after '$1', the spool still holds: $(ls -A "$SPOOL/incoming")"
  echo "$last"
}
# spool_on_tmpfs KIB: the spool on a tmpfs of that size (the data partition,
# full but for that much). spool_back: the real spool again (its kept package).
spool_on_tmpfs() { mount -t tmpfs -o "size=${1}k,mode=0755" check-spool "$SPOOL" || fail "tmpfs"; MNTS+=("$SPOOL"); }
spool_back() { umount "$SPOOL" || fail "umount $SPOOL"; }

mount_stick stick3
spool_on_tmpfs $((SIZE5 / 2048))
run_helper stick3
last_audit "E_NO_SPACE $P5 was not copied: the data partition has"
spool_back
# Room for the package and its signature, not for the kept copy and 4 MiB:
# without the check before the copy this N+5 would be installed.
spool_on_tmpfs $(((SIZE5 + SIG5) / 1024 + 256))
run_helper stick3
last_audit "E_NO_SPACE $P5 was not copied: the data partition has"
spool_back
echo "full data partition refused twice ($(($(date +%s) - START)) s)"

# mid_copy NAME: starts the helper on stick NAME with its test hook and
# returns once it has copied the first MiB of N+5 and waits.
mid_copy() {
  rm -rf "$R/tmp/pause"; mkdir -p "$R/tmp/pause"; mkfifo "$R/tmp/pause/paused" "$R/tmp/pause/resume"
  in_chroot env MEMBER_KIOSK_UPDATE_TEST_PAUSE=/tmp/pause /usr/libexec/member-kiosk/member-kiosk-update stick "$1" >"$OUT/update-$1.log" 2>&1 &
  HELPER_PID=$!
  timeout 120 cat "$R/tmp/pause/paused" >/dev/null || { cat "$OUT/update-$1.log"; fail "the helper did not reach its test hook on $1"; }
  [ "$(stat -c %s "$SPOOL/incoming/$P5")" = $((1024 * 1024)) ] || fail "the helper paused with $(stat -c %s "$SPOOL/incoming/$P5") bytes copied, not 1 MiB"
}
resume() {
  echo go >"$R/tmp/pause/resume"
  wait "$HELPER_PID" || { cat "$OUT/update-$1.log"; fail "the helper failed on $1"; }
  HELPER_PID=
}

# Pulled: the medium goes (image cut to nothing, capacity 0) and the mount
# unit's ExecStop unmounts lazily; the helper's open file then reads EIO.
mount_stick stick4
mid_copy stick4
truncate -s 0 "$W/stick4.img" && losetup -c "$STICK_LOOP" || fail "could not pull stick4"
umount -l "$R/media/member-kiosk/stick4" || fail "umount -l stick4"
resume stick4
last_audit "E_STICK_REMOVED $P5 could not be copied off the stick: the stick went away during the copy"
echo "stick pulled mid-copy refused ($(($(date +%s) - START)) s)"

# Unreadable but still there: the image cut 4 KiB past the first MiB of the
# package (its 257th block), the mount and the device left in place.
mount_stick stick5
CUT=$(debugfs -R "bmap /$P5 257" "$W/stick5.img" 2>/dev/null) || fail "debugfs bmap failed"
case $CUT in '' | *[!0-9]* | 0) fail "debugfs gave no block for the package's 257th: '$CUT'" ;; esac
mid_copy stick5
truncate -s $((CUT * 4096)) "$W/stick5.img" && losetup -c "$STICK_LOOP" || fail "could not cut stick5"
resume stick5
last_audit "E_IO $P5 could not be copied off the stick: the copy failed with the stick still there"
findmnt -n --mountpoint "$R/media/member-kiosk/stick5" >/dev/null || fail "stick5 is no longer mounted"
echo "unreadable stick refused ($(($(date +%s) - START)) s)"

# The same N+5 with room and the stick left in: installed.
stick stick6
software_audit | tail -1 | grep -q "^ok kiosk software $V+upd5: $P5 installed over $V+upd1" || { software_audit | tail -3; fail "N+5 was not installed at the end"; }
[ "$(installed)" = "$V+upd5 install ok installed" ] || fail "N+5 is not installed at the end: $(installed)"
software_audit >"$OUT/update-audit.txt"
[ "$(grep -c . "$OUT/update-audit.txt")" = 11 ] || { cat "$OUT/update-audit.txt"; fail "expected 11 software audit entries"; }
echo "CHECK-UPDATE PASS in $(($(date +%s) - START)) s"
