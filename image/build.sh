#!/usr/bin/env bash
# The kiosk's OS image: Debian 12 from Debian's packages and our kiosk .deb,
# a read-only squashfs root for slot A (and an empty slot B) of a GPT disk
# that GRUB boots through RAUC's slot selection. The data partition is not in
# the image: the kiosk creates it on first boot, encrypted and bound to its
# own TPM (image/rootfs/usr/lib/kiosk/data-setup).
#
# usage: image/build.sh KIOSK_DEB OUT_DIR
#   OUT_DIR/rootfs.squashfs  the root slot (its sha256 is the image's identity)
#   OUT_DIR/disk.img         ESP + slot A + slot B, ready to flash or boot
#   OUT_DIR/rauc-keyring.pem the update CA the image trusts (KIOSK_UPDATE_CA)
# Same inputs (the .deb, this folder, Debian's archive at that moment and
# SOURCE_DATE_EPOCH) give the same rootfs.squashfs and disk.img, bit for bit.
# Downloaded packages are kept in OUT_DIR/../apt-cache for the next build.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
deb=$(readlink -f "$1")
out=$(mkdir -p "$2" && cd "$2" && pwd)
cache=${KIOSK_IMAGE_APT_CACHE:-$out/../apt-cache}
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
# The image's clock: the kiosk package's changelog date unless given.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(dpkg-parsechangelog -l "$here/../debian/changelog" -S Timestamp)}

log() { printf '\033[1m== image: %s\033[0m\n' "$*"; }

rootfs=$out/rootfs
rm -rf "$rootfs" "$out/rootfs.squashfs" "$out/disk.img"

packages=(
  systemd systemd-sysv systemd-resolved udev dbus libpam-systemd
  linux-image-amd64 initramfs-tools e2fsprogs util-linux kmod
  libtss2-esys-3.0.2-0 libtss2-rc0 libtss2-mu0 libtss2-tctildr0 tpm-udev tpm2-openssl
  libcryptsetup12
  pcscd libccid cage seatd xwayland libgl1-mesa-dri libegl1 libegl-mesa0 libgbm1 libgles2 libglx-mesa0 xkb-data
  rauc grub-common nftables chrony openssh-server ca-certificates
)

log "root file system (mmdebstrap, Debian 12)"
mmdebstrap --variant=minbase --mode=root --format=directory \
  --include="$(IFS=,; echo "${packages[*]}")" \
  --include="$deb" \
  --hook-dir=/usr/share/mmdebstrap/hooks/file-mirror-automount \
  --aptopt='Acquire::Retries "3"' \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-include=/usr/share/doc/kiosk/*' \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-include=/usr/share/locale/locale.alias' \
  --setup-hook='mkdir -p "$1"/var/cache/apt/archives/' \
  --setup-hook="sync-in '$cache' /var/cache/apt/archives/" \
  --customize-hook="sync-out /var/cache/apt/archives '$cache'" \
  --customize-hook="copy-in '$here/rootfs/.' /" \
  --customize-hook="chroot \"\$1\" sh /usr/lib/kiosk/image-setup" \
  bookworm "$rootfs" http://deb.debian.org/debian

log "update CA keyring"
# The province's update CA (KIOSK_UPDATE_CA); without one, a development CA
# kept next to the output folder, so that rebuilds trust the same CA.
ca=${KIOSK_UPDATE_CA:-}
if [ -z "$ca" ]; then
  dev_ca=$out/../dev-update-ca
  ca=$dev_ca/ca.pem
  if [ ! -f "$ca" ]; then
    mkdir -p "$dev_ca"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
      -subj "/O=Kiosk development/CN=Kiosk update CA (development)" \
      -keyout "$dev_ca/ca.key" -out "$ca" 2>/dev/null
  fi
fi
cp "$ca" "$out/rauc-keyring.pem"
mkdir -p "$rootfs/etc/rauc"
install -m 0644 "$ca" "$rootfs/etc/rauc/keyring.pem"

"$here/assemble.sh" "$rootfs" "$out"
rm -rf "$rootfs"
