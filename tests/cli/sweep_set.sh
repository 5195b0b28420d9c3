#!/usr/bin/env bash
# `sweep --set` overrides a base setting for every point, as `run --set` does: sweep_set.sh SPLITSIM TMP SWEEP
set -u
splitsim=$1 tmp=$2 sweep=$3
rm -rf "$tmp/plain" "$tmp/dig"
"$splitsim" sweep "$sweep" --out "$tmp/plain" --jobs 1 >/dev/null || { echo "FAIL: the plain sweep failed"; exit 1; }
"$splitsim" sweep "$sweep" --out "$tmp/dig" --jobs 1 --set 'clients.0.network="dig"' >/dev/null ||
  { echo "FAIL: the sweep with --set failed"; exit 1; }
cmp -s "$tmp/plain/results.csv" "$tmp/dig/results.csv" && { echo "FAIL: --set changed nothing in results.csv"; exit 1; }
[ "$(wc -l <"$tmp/plain/results.csv")" = "$(wc -l <"$tmp/dig/results.csv")" ] || { echo "FAIL: --set changed the grid"; exit 1; }
# The shards of differently overridden sweeps are not one sweep: merge refuses them.
"$splitsim" merge "$tmp/plain" "$tmp/dig" --out "$tmp/merged" --force >/dev/null 2>&1 && { echo "FAIL: merge joined two different sweeps"; exit 1; }
echo "ok: --set reaches every point"
