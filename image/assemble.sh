#!/usr/bin/env bash
# A bootable GPT disk from a root file system tree: the tree as a read-only
# squashfs in slot A, an empty slot B, and an EFI system partition with GRUB
# choosing the slot as RAUC's grub backend expects.
#
# usage: image/assemble.sh ROOTFS_DIR OUT_DIR   (SOURCE_DATE_EPOCH must be set)
#   OUT_DIR/rootfs.squashfs, OUT_DIR/disk.img and their .sha256
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
rootfs=$1
out=$2
: "${SOURCE_DATE_EPOCH:?}"
log() { printf '\033[1m== image: %s\033[0m\n' "$*"; }

# Slot and partition sizes (MiB). The slot leaves room for future releases.
ESP_MB=64
SLOT_MB=1024

log "squashfs root slot"
# mksquashfs takes its time stamps from SOURCE_DATE_EPOCH and clamps every
# file's to it.
mksquashfs "$rootfs" "$out/rootfs.squashfs" -comp xz -noappend -no-progress -quiet -reproducible
root_bytes=$(stat -c %s "$out/rootfs.squashfs")
if [ "$root_bytes" -gt $((SLOT_MB * 1024 * 1024)) ]; then
  echo "root file system ($root_bytes bytes) does not fit a ${SLOT_MB} MiB slot" >&2
  exit 1
fi

log "EFI system partition (GRUB with RAUC slot selection)"
esp=$out/esp.img
rm -f "$esp"
mkfs.vfat -C --invariant -n KIOSK-ESP -i 4b494f53 "$esp" $((ESP_MB * 1024)) >/dev/null
grub_dir=$(mktemp -d)
trap 'rm -rf "$grub_dir"' EXIT
grub-mkimage -O x86_64-efi -o "$grub_dir/BOOTX64.EFI" -p /EFI/kiosk \
  part_gpt fat squash4 xzio linux normal configfile loadenv test echo regexp \
  search search_fs_uuid efi_gop all_video sleep true
cp "$here/boot/grub.cfg" "$grub_dir/grub.cfg"
grub-editenv "$grub_dir/grubenv" create
grub-editenv "$grub_dir/grubenv" set ORDER="A B" A_OK=1 A_TRY=0 B_OK=0 B_TRY=0
touch -d "@$SOURCE_DATE_EPOCH" "$grub_dir"/*
export MTOOLS_SKIP_CHECK=1
mmd -i "$esp" ::/EFI ::/EFI/BOOT ::/EFI/kiosk
mcopy -i "$esp" -m "$grub_dir/BOOTX64.EFI" ::/EFI/BOOT/BOOTX64.EFI
mcopy -i "$esp" -m "$grub_dir/grub.cfg" "$grub_dir/grubenv" ::/EFI/kiosk/

log "disk image"
disk=$out/disk.img
total_mb=$((1 + ESP_MB + 2 * SLOT_MB + 1))
truncate -s "${total_mb}M" "$disk"
# Fixed identifiers: the same disk every build; each kiosk's data partition
# gets its own when it is created on first boot.
sfdisk --quiet --no-reread --no-tell-kernel "$disk" <<EOF
label: gpt
label-id: 6B696F73-6B00-4000-8000-000000000000
first-lba: 2048
start=1MiB, size=${ESP_MB}MiB, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, uuid=6B696F73-6B00-4000-8000-000000000001, name=esp
size=${SLOT_MB}MiB, type=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709, uuid=6B696F73-6B00-4000-8000-00000000000A, name=root-a
size=${SLOT_MB}MiB, type=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709, uuid=6B696F73-6B00-4000-8000-00000000000B, name=root-b
EOF
dd if="$esp" of="$disk" bs=1M seek=1 conv=notrunc status=none
dd if="$out/rootfs.squashfs" of="$disk" bs=1M seek=$((1 + ESP_MB)) conv=notrunc status=none
rm -f "$esp"

sha256sum "$out/rootfs.squashfs" | cut -d' ' -f1 >"$out/rootfs.sha256"
sha256sum "$disk" | cut -d' ' -f1 >"$out/disk.sha256"
log "root slot $(numfmt --to=iec "$root_bytes"), sha256 $(cat "$out/rootfs.sha256")"
log "disk $(cat "$out/disk.sha256") in $disk"
