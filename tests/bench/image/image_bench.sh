#!/usr/bin/env bash
# The kiosk's OS image against what a browser-kiosk vendor ships: a stock
# Debian 12 minbase with cage and chromium, built and booted the same way in
# the same run (same squashfs compression, same GPT/GRUB disk, same QEMU).
#   size: root slot (squashfs) and the whole disk compressed with xz
#   boot: QEMU power-on to the kiosk's READY=1 (systemd prints the unit as
#         started) against power-on to the stock image's login prompt, first
#         boot and second boot
# usage: image_bench.sh ROOT IMAGE_DIR WORK_DIR
set -euo pipefail
root=$1
ours=$2
work=$3
mkdir -p "$work"
work=$(cd "$work" && pwd)
cache=$(dirname "$ours")/apt-cache
mkdir -p "$cache"
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(dpkg-parsechangelog -l "$root/debian/changelog" -S Timestamp)}

stock=$work/stock
if [ ! -f "$stock/disk.img" ]; then
  rm -rf "$stock"
  mkdir -p "$stock"
  mmdebstrap --variant=minbase --mode=root --format=directory \
    --include=systemd-sysv,udev,dbus,linux-image-amd64,initramfs-tools,cage,chromium \
    --setup-hook="sync-in '$cache' /var/cache/apt/archives/" \
    --customize-hook="sync-out /var/cache/apt/archives '$cache'" \
    --customize-hook="copy-in '$root/image/rootfs/etc/initramfs-tools/modules' /etc/initramfs-tools/" \
    --customize-hook='chroot "$1" update-initramfs -u -k all' \
    --customize-hook='rm -rf "$1"/var/cache/apt/archives/*.deb "$1"/var/lib/apt/lists/*' \
    bookworm "$stock/rootfs" http://deb.debian.org/debian >"$work/stock-mmdebstrap.log" 2>&1
  "$root/image/assemble.sh" "$stock/rootfs" "$stock" >/dev/null
  rm -rf "$stock/rootfs"
fi

xz_size() { xz -T0 -6 -c "$1" | wc -c; }
our_slot=$(stat -c %s "$ours/rootfs.squashfs")
stock_slot=$(stat -c %s "$stock/rootfs.squashfs")
our_xz=$(xz_size "$ours/disk.img")
stock_xz=$(xz_size "$stock/disk.img")

# Seconds from QEMU's start to the first serial line matching PATTERN.
boot_seconds() {
  local disk=$1 pattern=$2 tpm=$3 log=$4
  local args=(-machine q35 -accel tcg -m 2048 -smp 2
    -drive if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd
    -drive "if=pflash,format=raw,file=$disk.vars" -drive "file=$disk,format=raw,if=virtio"
    -device virtio-vga,xres=1280,yres=800 -display none -serial "file:$log"
    -netdev user,id=n0,restrict=on -device virtio-net-pci,netdev=n0)
  if [ -n "$tpm" ]; then
    args+=(-chardev "socket,id=chrtpm,path=$tpm" -tpmdev emulator,id=tpm0,chardev=chrtpm -device tpm-tis,tpmdev=tpm0)
  fi
  : >"$log"
  local start; start=$(date +%s.%N)
  qemu-system-x86_64 "${args[@]}" &
  local qemu=$!
  local seconds=""
  for _ in $(seq 1 1800); do
    if grep -aqE "$pattern" "$log"; then
      seconds=$(echo "$(date +%s.%N) - $start" | bc)
      break
    fi
    sleep 1
  done
  kill "$qemu" 2>/dev/null; wait "$qemu" 2>/dev/null || true
  echo "${seconds:-timeout}"
}

prepare() {
  cp --sparse=always "$1/disk.img" "$2"
  truncate -s 4G "$2"
  cp /usr/share/OVMF/OVMF_VARS_4M.fd "$2.vars"
}

prepare "$ours" "$work/ours.img"
mkdir -p "$work/tpm"
rm -rf "$work/tpm"/*
swtpm socket --tpm2 --tpmstate "dir=$work/tpm" --ctrl "type=unixio,path=$work/tpm.sock" --flags startup-clear &
swtpm=$!
sleep 1
ready='Started kiosk\.service|Started .*CCCD self-service kiosk'
our_first=$(boot_seconds "$work/ours.img" "$ready" "$work/tpm.sock" "$work/ours-1.log")
kill "$swtpm"; wait "$swtpm" 2>/dev/null || true
swtpm socket --tpm2 --tpmstate "dir=$work/tpm" --ctrl "type=unixio,path=$work/tpm.sock" --flags startup-clear &
swtpm=$!
sleep 1
our_second=$(boot_seconds "$work/ours.img" "$ready" "$work/tpm.sock" "$work/ours-2.log")
kill "$swtpm"; wait "$swtpm" 2>/dev/null || true

prepare "$stock" "$work/stock.img"
stock_first=$(boot_seconds "$work/stock.img" 'login: *$|login:' "" "$work/stock-1.log")
stock_second=$(boot_seconds "$work/stock.img" 'login: *$|login:' "" "$work/stock-2.log")

ratio() { echo "scale=2; $1 / $2" | bc; }
mib() { echo "scale=1; $1 / 1048576" | bc; }
printf '| image | kiosk | stock minbase + cage + chromium | ratio | goal |\n|---|---|---|---|---|\n'
printf '| root slot (squashfs, xz) | %s MiB | %s MiB | %s | < 0.5 |\n' "$(mib "$our_slot")" "$(mib "$stock_slot")" "$(ratio "$our_slot" "$stock_slot")"
printf '| whole disk, xz | %s MiB | %s MiB | %s | < 0.5 |\n' "$(mib "$our_xz")" "$(mib "$stock_xz")" "$(ratio "$our_xz" "$stock_xz")"
for boot in first second; do
  o=our_$boot; s=stock_$boot
  r=n/a
  [[ ${!o} != timeout && ${!s} != timeout ]] && r=$(ratio "${!o}" "${!s}")
  printf '| %s boot, QEMU TCG: power-on to READY=1 / login prompt | %s s | %s s | %s | ≤ 1.2 |\n' "$boot" "${!o}" "${!s}" "$r"
done
