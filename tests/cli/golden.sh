#!/usr/bin/env bash
# Runs an example scenario and compares its summary.json with the reviewed reference (numbers to 1e-9
# relative). scripts/update-golden rewrites the references after a deliberate change.
set -euo pipefail
splitsim=$1 scenario=$2 reference=$3 dir=$4
rm -rf "$dir"
"$splitsim" run "$scenario" --out "$dir" >/dev/null
[ -f "$reference" ] || { echo "FAIL: no reference $reference (run scripts/update-golden)"; exit 1; }
/usr/bin/python3 - "$reference" "$dir/summary.json" <<'PY'
import json, math, sys
ref, got = (json.load(open(p)) for p in sys.argv[1:3])
def same(a, b, path):
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys(): sys.exit(f"FAIL {path}: keys {sorted(a)} != {sorted(b)}")
        for k in a: same(a[k], b[k], f"{path}/{k}")
    elif isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if not math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12): sys.exit(f"FAIL {path}: {b} != reference {a}")
    elif a != b: sys.exit(f"FAIL {path}: {b!r} != reference {a!r}")
same(ref, got, "")
print("ok")
PY
