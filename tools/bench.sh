#!/usr/bin/env bash
# Runs every benchmark fragment in tools/bench.d/ against the release build.
# Each fragment prints its figures as ratios against a reference measured in
# the same run.
set -uo pipefail
BIN=${1:?usage: bench.sh BIN_DIR}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export BIN ROOT
status=0
for fragment in "$ROOT"/tools/bench.d/*.sh; do
  [ -e "$fragment" ] || continue
  printf '\n\033[1m== %s\033[0m\n' "$(basename "$fragment" .sh)"
  bash "$fragment" || { echo "benchmark $(basename "$fragment") failed"; status=1; }
done
exit $status
