# Touch UI: start to attract screen, touch to next frame drawn (p50/p95),
# idle CPU over 10 s and peak RSS of the real kiosk under Xvfb, as ratios to
# their targets.
/usr/bin/python3 "$ROOT/tests/bench/ui/ui_bench.py" "$BIN"
