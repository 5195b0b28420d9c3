#!/usr/bin/env bash
# profile --quick twice (train, held out), calibrate on one, --validate on the other: the predictions file
# must have one row per held-out row, each with a positive prediction.
set -euo pipefail
splitsim=$1 dir=$2
rm -rf "$dir" && mkdir -p "$dir"
"$splitsim" profile --quick --out "$dir/train.csv" >/dev/null
"$splitsim" profile --quick --out "$dir/test.csv" >/dev/null
"$splitsim" calibrate --profile "$dir/train.csv" --out "$dir/host.json" --validate "$dir/test.csv" \
  --predictions-out "$dir/pred.csv" >"$dir/report.txt"
rows=$(($(wc -l <"$dir/test.csv") - 1))
preds=$(($(wc -l <"$dir/pred.csv") - 1))
[ "$rows" -eq "$preds" ] || { echo "FAIL: $rows held-out rows, $preds predictions"; exit 1; }
head -n 1 "$dir/pred.csv" | grep -q ',predicted_ms,model$' || { echo "FAIL: no predicted_ms column"; exit 1; }
awk -F, 'NR > 1 && !($16 > 0) { bad = 1 } END { exit bad }' "$dir/pred.csv" || { echo "FAIL: a non-positive prediction"; exit 1; }
grep -q '^| conv |' "$dir/report.txt" || { echo "FAIL: no conv row in the fit report"; exit 1; }
"$splitsim" predict --platform "$dir/host.json" --network imc --format csv | tail -n 1 | grep -q '^total,'
echo "ok: $preds predictions"
