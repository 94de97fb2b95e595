# Touch UI against the same journey as a web page in Chromium's kiosk mode,
# on one Xvfb, measured from outside in the same way for both: start to the
# attract screen drawn, touch to next frame (p50/p95), idle CPU over 10 s,
# peak RSS and PSS; printed with the targets and as kiosk / Chromium ratios.
# Chromium comes from ./dev bench's BENCH_PACKAGES; without it only the
# kiosk's figures are printed.
/usr/bin/python3 "$ROOT/tests/bench/ui/ui_bench.py" "$BIN"
