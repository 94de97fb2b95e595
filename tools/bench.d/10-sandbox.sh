# Sandbox provincial API: per-operation latency on loopback, as ratios
# against GET /v1/health in the same run.
/usr/bin/python3 "$ROOT/tests/bench/sandbox/sandbox_bench.py" "$BIN"
