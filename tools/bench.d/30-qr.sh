# QR decoding: the kiosk's ZXing set-up against zbar on the same generated
# 1280x720 camera pictures (libzbar in process, QR only), then zbarimg as a
# separate program over the same pictures written to disk.
set -euo pipefail
if [ ! -x "$BIN/qr-bench" ]; then
  echo "qr-bench not built (libzbar-dev missing?)"
  exit 1
fi
taskset -c 0 "$BIN/qr-bench" "$ROOT" 2>/dev/null || "$BIN/qr-bench" "$ROOT"

if command -v zbarimg >/dev/null && [ -x "$BIN/qr-test-set" ]; then
  dir=$(mktemp -d)
  trap 'rm -rf "$dir"' EXIT
  "$BIN/qr-test-set" "$ROOT" "$dir" >/dev/null
  files=("$dir"/*.png)
  start=$(date +%s%N)
  zbarimg -q --raw -Sdisable -Sqrcode.enable "${files[@]}" >"$dir/zbarimg.txt" 2>/dev/null || true
  zbar_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  start=$(date +%s%N)
  "$BIN/kiosk-qr" decode "${files[@]}" --json >"$dir/kiosk.json"
  kiosk_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  python3 - "$dir" "$zbar_ms" "$kiosk_ms" "${#files[@]}" <<'PY'
import json, sys
d, zbar_ms, kiosk_ms, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
expected = json.load(open(d + "/expected.json"))
present = {p for e in expected.values() for p in e["payloads"]}
zbar_lines = [l for l in open(d + "/zbarimg.txt", encoding="utf-8", errors="replace").read().split("\n") if l]
kiosk = [c["payload"] for r in json.load(open(d + "/kiosk.json")) for c in r["codes"]]
print(f"\nwhole programs over {n} PNG files (includes PNG loading):")
print(f"  zbarimg:  {len(zbar_lines)} texts read, {sum(1 for l in zbar_lines if l not in present)} not in the pictures, {zbar_ms} ms")
print(f"  kiosk-qr: {len(kiosk)} texts read, {sum(1 for k in kiosk if k not in present)} not in the pictures, {kiosk_ms} ms")
print(f"  time ratio kiosk-qr/zbarimg: {kiosk_ms / max(zbar_ms, 1):.2f}")
PY
fi
