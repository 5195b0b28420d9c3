#!/usr/bin/env bash
# scripts/calibrate-platforms into a scratch folder must reproduce calibration/*.json byte for byte.
set -euo pipefail
root=$1 dir=$2
rm -rf "$dir" && mkdir -p "$dir"
cd "$root"
scripts/calibrate-platforms "$dir" >/dev/null
for p in jetson-cpu jetson-gpu server-cpu server-gpu; do
  cmp "calibration/$p.json" "$dir/$p.json" || { echo "FAIL: $p.json differs"; exit 1; }
done
echo "ok: four platforms identical"
