# QR decoding on generated 1280x720 camera pictures (the basic set and the
# lobby set): the kiosk against ZXing-C++ 1.4 used thoroughly, ZXing-C++ 3.x
# (npm zxing-wasm under node, pinned in tools/zxing-wasm and installed by
# ./dev bench) and zbar; then the live path, card entering the view to
# identity, on frames replayed at 15 fps.
set -euo pipefail
if [ ! -x "$BIN/qr-bench" ]; then
  echo "qr-bench not built"
  exit 1
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

zxing3=()
modules="$ROOT/tools/zxing-wasm/node_modules"
if ! command -v node >/dev/null; then
  echo "node missing: no ZXing-C++ 3.x column (./dev bench installs nodejs and zxing-wasm)"
elif [ ! -f "$modules/zxing-wasm/package.json" ]; then
  echo "zxing-wasm not installed in tools/zxing-wasm: no ZXing-C++ 3.x column (./dev bench installs it)"
else
  for set in basic hard; do
    flag=()
    [ "$set" = hard ] && flag=(--hard)
    "$BIN/qr-test-set" "$ROOT" "$dir/$set" --pgm "${flag[@]}" >/dev/null
    taskset -c 0 node "$ROOT/tests/bench/qr/zxing_wasm_read.mjs" "$modules" "$dir/$set" >"$dir/zxing3.$set.json"
    rm -rf "${dir:?}/$set"
  done
  zxing3=(--zxing3 "$dir/zxing3")
fi
taskset -c 0 "$BIN/qr-bench" "$ROOT" "${zxing3[@]}"
taskset -c 0 "$BIN/qr-live-bench" "$ROOT"
