# Vault document preview: a 20-page PDF like the sandbox's vault papers, time
# to open it and render the first page at screen resolution on the kiosk's
# render thread (target < 200 ms), each further page rendered lazily, peak
# RSS; then pdftoppm on the same first page of the same file, as ratios.
set -euo pipefail
if [ ! -x "$BIN/preview_bench" ] || ! command -v pdftoppm >/dev/null || [ ! -x /usr/bin/time ]; then
  echo "preview_bench not built, or pdftoppm (poppler-utils) or GNU time missing"
  exit 1
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$BIN/preview_bench" "$dir" | tee "$dir/bench.txt"
read -r dpi first_ms rss_kib pdf < <(sed -n 's/^reference dpi=\([0-9]*\) first_ms=\([0-9.]*\) rss_kib=\([0-9]*\) file=\(.*\)$/\1 \2 \3 \4/p' "$dir/bench.txt")
runs=()
for _ in 1 2 3 4 5; do
  start=$(date +%s%N)
  /usr/bin/time -f %M -o "$dir/rss" pdftoppm -r "$dpi" -f 1 -l 1 -png "$pdf" "$dir/page"
  runs+=("$(( ($(date +%s%N) - start) / 1000 )) $(cat "$dir/rss")")
done
printf '%s\n' "${runs[@]}" | sort -n | awk -v first="$first_ms" -v rss="$rss_kib" -v dpi="$dpi" '
  { us[NR] = $1; if ($2 > peak) peak = $2 }
  END {
    median = us[int((NR + 1) / 2)] / 1000
    printf "pdftoppm -r %d -f 1 -l 1 (whole program, PNG written), median: %.1f ms, peak RSS %d MiB\n", dpi, median, peak / 1024
    printf "time ratio preview/pdftoppm: %.2f   peak RSS ratio bench/pdftoppm: %.2f\n", first / median, rss / peak
  }'
