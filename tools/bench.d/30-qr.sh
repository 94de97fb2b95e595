# QR decoding on generated 1280x720 camera pictures (the basic set and the
# lobby set): the kiosk against ZXing-C++ 1.4 used thoroughly, ZXing-C++ 3.x
# (npm zxing-wasm under node, installed here into the build directory) and
# zbar; then the live path, card entering the view to identity, on frames
# replayed at 15 fps.
set -euo pipefail
if [ ! -x "$BIN/qr-bench" ]; then
  echo "qr-bench not built (libzbar-dev missing?)"
  exit 1
fi
ZXING_WASM_VERSION=3.1.8
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

zxing3=()
if command -v node >/dev/null && command -v npm >/dev/null; then
  modules="$BIN/../zxing-wasm/node_modules"
  if [ ! -f "$modules/zxing-wasm/package.json" ] ||
    ! grep -q "\"version\": \"$ZXING_WASM_VERSION\"" "$modules/zxing-wasm/package.json"; then
    npm install --silent --no-audit --no-fund --prefix "$BIN/../zxing-wasm" "zxing-wasm@$ZXING_WASM_VERSION" >/dev/null
  fi
  for set in basic hard; do
    flag=()
    [ "$set" = hard ] && flag=(--hard)
    "$BIN/qr-test-set" "$ROOT" "$dir/$set" --pgm "${flag[@]}" >/dev/null
    taskset -c 0 node "$ROOT/tests/bench/qr/zxing_wasm_read.mjs" "$modules" "$dir/$set" >"$dir/zxing3.$set.json"
    rm -rf "${dir:?}/$set"
  done
  zxing3=(--zxing3 "$dir/zxing3")
else
  echo "node/npm missing: no ZXing-C++ 3.x column"
fi
taskset -c 0 "$BIN/qr-bench" "$ROOT" "${zxing3[@]}"
