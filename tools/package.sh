#!/usr/bin/env bash
# Builds the Debian packages kiosk and kiosk-sandbox from the files git knows
# in ROOT (committed or not, but never a build tree), then runs lintian.
# usage: tools/package.sh ROOT OUT
set -euo pipefail
root=$1
out=$2
version=$(dpkg-parsechangelog -l "$root/debian/changelog" -S Version)
src=$out/kiosk-$version
rm -rf "$src"
mkdir -p "$src"
(cd "$root" && git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$src")
rm -f "$out"/*.deb "$out"/*.buildinfo "$out"/*.changes
(cd "$src" && DEB_BUILD_OPTIONS="parallel=$(nproc) nocheck" dpkg-buildpackage -b -us -uc)
echo "== no path of this machine in the installed files"
for deb in "$out"/kiosk_"${version}"_*.deb "$out"/kiosk-sandbox_"${version}"_*.deb; do
  tree=$(mktemp -d)
  dpkg-deb -x "$deb" "$tree"
  if grep -rlaF -e "$src" -e "$root" "$tree"; then
    echo "$(basename "$deb"): the files above name a path of the build machine" >&2
    rm -rf "$tree"
    exit 1
  fi
  rm -rf "$tree"
done
echo "== what a kiosk needs from its package"
# Compat 13 leaves dh_installsysusers out of the sequence unless asked for:
# without it the unit's User=kiosk does not exist and the kiosk never starts.
kiosk_deb=$(ls "$out"/kiosk_"${version}"_*.deb)
contents=$(dpkg-deb -c "$kiosk_deb")
for file in ./usr/lib/sysusers.d/kiosk.conf ./lib/systemd/system/kiosk.service \
  ./lib/udev/rules.d/60-kiosk.rules ./etc/kiosk/kiosk.toml ./usr/share/kiosk/; do
  if ! grep -qF " $file" <<<"$contents"; then
    echo "$(basename "$kiosk_deb") lacks $file" >&2
    exit 1
  fi
done
if ! dpkg-deb -I "$kiosk_deb" postinst | grep -q "systemd-sysusers"; then
  echo "$(basename "$kiosk_deb"): postinst does not create the kiosk user" >&2
  exit 1
fi
if ! dpkg-deb -I "$kiosk_deb" conffiles | grep -qx "/etc/kiosk/kiosk.toml"; then
  echo "$(basename "$kiosk_deb"): /etc/kiosk/kiosk.toml is not a conffile" >&2
  exit 1
fi
echo "== lintian"
# Errors fail the build; warnings are printed for the record.
lintian --fail-on error --suppress-tags-from-file "$root/debian/lintian-suppressions" \
  "$out"/kiosk_"${version}"_*.changes
ls -l "$out"/*.deb
