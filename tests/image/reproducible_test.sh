#!/bin/sh
# Builds the image a second time from the same inputs and compares it, bit for
# bit, with the first build.
set -eu
root=$1
packages=$2
first=$3
second=$4
"$root/tools/image.sh" "$packages" "$second"
for file in rootfs.sha256 disk.sha256; do
  a=$(cat "$first/$file")
  b=$(cat "$second/$file")
  echo "$file: $a / $b"
  [ "$a" = "$b" ] || { echo "the two builds differ ($file)" >&2; exit 1; }
done
