#!/usr/bin/env bash
# run into a folder, then again without --force: exit 2, one line, the folder untouched; with --force: replaced.
set -euo pipefail
splitsim=$1 scenario=$2 dir=$3
rm -rf "$dir"
"$splitsim" run "$scenario" --out "$dir" >/dev/null
before=$(md5sum "$dir/summary.json")
set +e
err=$("$splitsim" run "$scenario" --out "$dir" --seed 9 2>&1 >/dev/null)
code=$?
set -e
[ "$code" -eq 2 ] || { echo "FAIL: exit $code"; exit 1; }
[ "$(echo "$err" | wc -l)" -eq 1 ] && echo "$err" | grep -q "exists; use --force" || { echo "FAIL: $err"; exit 1; }
[ "$(md5sum "$dir/summary.json")" = "$before" ] || { echo "FAIL: output changed"; exit 1; }
"$splitsim" run "$scenario" --out "$dir" --seed 9 --force >/dev/null
[ "$(md5sum "$dir/summary.json")" != "$before" ] || { echo "FAIL: --force did not replace"; exit 1; }
ls -a "$(dirname "$dir")" | grep -q "\.$(basename "$dir")\.tmp" && { echo "FAIL: scratch folder left behind"; exit 1; }
echo "ok"
