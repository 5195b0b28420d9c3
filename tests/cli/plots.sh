#!/usr/bin/env bash
# scripts/plot draws every figure of a run folder and of a sweep folder, in the format asked for, and refuses a
# folder that is neither. plots.sh SPLITSIM SOURCE_DIR TMP
set -u
splitsim=$1 src=$2 tmp=$3
rm -rf "$tmp"; mkdir -p "$tmp"
fail() { echo "FAIL: $*"; exit 1; }
"$splitsim" run "$src/scenarios/examples/alexnet-lte.json" --out "$tmp/run" --replications 3 >/dev/null 2>&1 || fail "run"
"$src/scripts/plot" "$tmp/run" >/dev/null || fail "plot of a run folder"
for f in latency-cdf energy splits timeline; do [ -s "$tmp/run/figures/$f.png" ] || fail "run figure $f.png missing"; done
"$splitsim" sweep "$src/scenarios/sweeps/alexnet-bandwidth-load.json" --out "$tmp/sweep" --replications 2 >/dev/null 2>&1 || fail "sweep"
"$src/scripts/plot" "$tmp/sweep" --format svg >/dev/null || fail "plot of a sweep folder"
for f in latency-vs-bandwidth_mbps energy-vs-load split-map-neurosurgeon-latency; do
  [ -s "$tmp/sweep/figures/$f.svg" ] || fail "sweep figure $f.svg missing"
done
grep -q "<svg" "$tmp/sweep/figures/latency-vs-load.svg" || fail "not an SVG"
"$src/scripts/plot" "$tmp" 2>/dev/null && fail "a folder that is neither was accepted"
echo "ok"
