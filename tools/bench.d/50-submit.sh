# Submit-to-receipt time of a 3-component application with one 2 MB scan,
# against kiosk-sandbox on loopback, next to a plain curl PUT of the same
# 2 MB: the difference is the kiosk's own time beyond the transfer.
set -euo pipefail
work=$(mktemp -d)
sandbox_pid=
cleanup() { [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
"$BIN/kiosk-sandbox" --host 127.0.0.1 --port 0 --today 2026-11-23 >"$work/sandbox.out" 2>&1 &
sandbox_pid=$!
for _ in $(seq 50); do grep -q 'listening on' "$work/sandbox.out" && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.:]*' "$work/sandbox.out" | head -1)
head -c $((2 * 1024 * 1024)) /dev/urandom >"$work/scan.bin"
best=
for _ in 1 2 3 4 5; do
  t=$(curl -s -o /dev/null -w '%{time_total}' -X PUT --data-binary @"$work/scan.bin" \
        -H 'Authorization: Bearer kiosk-sandbox-dev-token' -H 'Content-Type: application/octet-stream' \
        "$url/v1/uploads/REFERENCE-upload")
  ms=$(awk -v t="$t" 'BEGIN { printf "%.1f", t * 1000 }')
  if [ -z "$best" ] || awk -v a="$ms" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$ms; fi
done
submit=$("$BIN/kiosk-submit-bench" "$url" "$work" 10)
awk -v s="$submit" -v c="$best" 'BEGIN {
  own = s - c
  printf "submit to receipt (median of 10): %.1f ms\n", s
  printf "plain curl PUT of the same 2 MB:  %.1f ms (reference)\n", c
  printf "ratio submit / curl transfer:     %.2f\n", s / c
  printf "own time beyond the transfer:     %.1f ms (target < 300 ms) %s\n", own, (own < 300 ? "OK" : "OVER")
}'
