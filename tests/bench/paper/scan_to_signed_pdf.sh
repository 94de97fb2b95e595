#!/usr/bin/env bash
# Scan to signed PDF against `scanimage | img2pdf` on the same pages of the
# SANE test backend (its scan area is at most 200 x 200 mm, so "A4" here is
# the largest page it gives: 200 x 200 mm at 300 dpi).
# usage: scan_to_signed_pdf.sh BIN_DIR
set -euo pipefail
BIN=${1:?usage: scan_to_signed_pdf.sh BIN_DIR}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/sane"
echo test > "$work/sane/dll.conf"
export SANE_CONFIG_DIR="$work/sane"

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 -subj "/CN=Kiosk bench" \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
div() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
size() { stat -c %s "$1"; }

# picture name, pages (1 = flatbed, more = feeder)
run_case() {
  local picture=$1 pages=$2 label=$3
  printf 'number_of_devices 1\ntest-picture "%s"\n' "$picture" > "$work/sane/test.conf"
  local feed=() batch=()
  if [ "$pages" -gt 1 ]; then
    feed=(--feed feeder)
    batch=(--source "Automatic Document Feeder")
  fi
  rm -rf "$work/ref" && mkdir -p "$work/ref"
  local t0 t1 t2
  t0=$(now)
  if [ "$pages" -gt 1 ]; then
    scanimage -d test:0 --mode Color --resolution 300 -x 200 -y 200 "${batch[@]}" --format=png \
      --batch="$work/ref/p%02d.png" 2>/dev/null || true
  else
    scanimage -d test:0 --mode Color --resolution 300 -x 200 -y 200 --format=png > "$work/ref/p01.png"
  fi
  img2pdf "$work"/ref/p*.png -o "$work/ref.pdf"
  t1=$(now)
  "$BIN/kiosk-scan" --source sane:test:0 --dpi 300 "${feed[@]}" --out "$work/ours.pdf" \
    --sign-key "$work/key.pem" --sign-cert "$work/cert.pem" 2>"$work/ours.log"
  t2=$(now)
  local ref_s ours_s ref_b ours_b
  ref_s=$(elapsed "$t0" "$t1")
  ours_s=$(elapsed "$t1" "$t2")
  ref_b=$(size "$work/ref.pdf")
  ours_b=$(size "$work/ours.pdf")
  pdfsig -nocert "$work/ours.pdf" 2>/dev/null | grep -q "Signature is Valid" || { echo "signature not valid"; exit 1; }
  # kiosk-scan reports acquisition and clean-up+PDF+signing separately.
  local processing_ms
  processing_ms=$(sed -n 's/.*clean+pdf+sign \([0-9]*\) ms.*/\1/p' "$work/ours.log")
  printf '%-32s | signed PDF %8d B vs img2pdf %8d B = %.2fx | scan-to-PDF %6.2f s vs %6.2f s = %.2fx | %.2f s/page, of it clean-up+PDF+signing %.2f s/page\n' \
    "$label" "$ours_b" "$ref_b" "$(div "$ours_b" "$ref_b")" "$ours_s" "$ref_s" \
    "$(div "$ours_s" "$ref_s")" "$(div "$ours_s" "$pages")" "$(div "$processing_ms" "$((pages * 1000))")"
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
run_case "Grid" 1 "1 page, black-and-white form"
run_case "Color pattern" 1 "1 page, colour"
run_case "Grid" 10 "10 pages, black-and-white form"
run_case "Color pattern" 10 "10 pages, colour"
