#!/usr/bin/env bash
# Bytes that are not UTF-8 in an output path and in a --set value: the run succeeds (exit 0) and writes
# valid JSON, with U+FFFD where the bytes were; before, it failed with an internal error after its work.
set -uo pipefail
splitsim=$1 scenario=$2 work=$3
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
out=$(printf 'out\xff')
"$splitsim" run "$scenario" --out "$out" --set "name=$(printf 'caf\xe9')" >stdout.txt 2>stderr.txt
code=$?
[ "$code" -eq 0 ] || { echo "FAIL: exit $code: $(cat stderr.txt)"; exit 1; }
/usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1], encoding='utf-8')); assert d['name'] == 'caf\ufffd', d['name']" \
  "$out/scenario.resolved.json" || { echo "FAIL: scenario.resolved.json"; exit 1; }
echo "ok"
