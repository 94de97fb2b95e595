# The OS image against a stock minbase + cage + chromium image (size, boot in QEMU).
if [ -f "$ROOT/build-image/image/disk.img" ]; then
  bash "$ROOT/tests/bench/image/image_bench.sh" "$ROOT" "$ROOT/build-image/image" "$ROOT/build-image/bench"
else
  echo "no OS image: run ./dev image first (it takes a package build and an mmdebstrap run)"
fi
