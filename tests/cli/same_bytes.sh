#!/usr/bin/env bash
# The same scenario and seed with 1 and 2 threads: every output file identical, byte for byte.
set -euo pipefail
splitsim=$1 scenario=$2 dir=$3
rm -rf "$dir" && mkdir -p "$dir"
"$splitsim" run "$scenario" --out "$dir/one" --threads 1 --trace >/dev/null
"$splitsim" run "$scenario" --out "$dir/two" --threads 2 --trace >/dev/null
for f in queries.csv summary.json trace.json; do
  cmp "$dir/one/$f" "$dir/two/$f" || { echo "FAIL: $f differs"; exit 1; }
done
# scenario.resolved.json records the command line, which differs in --threads only.
diff <(grep -v command_line "$dir/one/scenario.resolved.json") <(grep -v command_line "$dir/two/scenario.resolved.json")
echo "ok: $(wc -l <"$dir/one/queries.csv") rows"
