#!/bin/sh
# The kiosk unit's exposure as systemd scores it must stay below LIMIT.
set -eu
unit=$1
limit=$2
out=$(systemd-analyze security --offline=true --no-pager "$unit" 2>&1)
score=$(printf '%s\n' "$out" | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
if [ -z "$score" ]; then
  printf '%s\n' "$out"
  echo "no exposure score for $unit" >&2
  exit 1
fi
echo "exposure of $(basename "$unit"): $score (limit $limit)"
awk -v s="$score" -v l="$limit" 'BEGIN { exit !(s < l) }'
