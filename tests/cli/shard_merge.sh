#!/usr/bin/env bash
# A sweep run whole, and in three shards merged back: results.csv and crossovers.csv identical byte for byte.
set -euo pipefail
splitsim=$1 sweep=$2 dir=$3
rm -rf "$dir" && mkdir -p "$dir"
"$splitsim" sweep "$sweep" --out "$dir/whole" --jobs 2 >/dev/null
for i in 1 2 3; do "$splitsim" sweep "$sweep" --out "$dir/shard$i" --shard "$i/3" --jobs 1 >/dev/null; done
"$splitsim" merge "$dir/shard3" "$dir/shard1" "$dir/shard2" --out "$dir/merged" >/dev/null
cmp "$dir/whole/results.csv" "$dir/merged/results.csv" || { echo "FAIL: merged differs from whole"; exit 1; }
cmp "$dir/whole/crossovers.csv" "$dir/merged/crossovers.csv" || { echo "FAIL: merged crossovers differ from whole"; exit 1; }
[ "$(wc -l <"$dir/whole/crossovers.csv")" -gt 1 ] || { echo "FAIL: no crossover found along the bandwidth axis"; exit 1; }
[ ! -e "$dir/shard1/crossovers.csv" ] || { echo "FAIL: a shard wrote crossovers of its own points only"; exit 1; }
rows=$(($(wc -l <"$dir/whole/results.csv") - 1))
[ "$rows" -eq 300 ] || { echo "FAIL: $rows rows, expected 300 (100 points x 3 partitioners)"; exit 1; }
# A shard missing is an error, not a short table.
set +e
err=$("$splitsim" merge "$dir/shard1" "$dir/shard2" --out "$dir/partial" 2>&1 >/dev/null); code=$?
set -e
[ "$code" -eq 2 ] && echo "$err" | grep -q "shard 3/3 is missing" || { echo "FAIL: partial merge: $code $err"; exit 1; }
echo "ok: $rows rows"
