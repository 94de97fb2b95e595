#!/usr/bin/env bash
# The OS image from the kiosk package in PACKAGE_DIR (tools/package.sh).
# usage: tools/image.sh PACKAGE_DIR OUT_DIR
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
deb=$(ls "$1"/kiosk_*_amd64.deb | head -1)
export KIOSK_IMAGE_APT_CACHE=${KIOSK_IMAGE_APT_CACHE:-$(dirname "$(readlink -f "$2")")/apt-cache}
exec "$root/image/build.sh" "$deb" "$2"
