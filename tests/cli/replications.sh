#!/usr/bin/env bash
# Replications: the first is the plain run (queries.csv byte-identical), the summary is the same whatever the
# thread count, means carry 95 % half-widths, and the printed table says so. replications.sh SPLITSIM TMP SCENARIO
set -u
splitsim=$1 tmp=$2 scenario=$3
rm -rf "$tmp"; mkdir -p "$tmp"
fail() { echo "FAIL: $*"; exit 1; }
"$splitsim" run "$scenario" --out "$tmp/one" >/dev/null 2>&1 || fail "the plain run failed"
"$splitsim" run "$scenario" --out "$tmp/r4a" --replications 4 --threads 1 >"$tmp/r4a.txt" 2>/dev/null || fail "replications failed"
"$splitsim" run "$scenario" --out "$tmp/r4b" --replications 4 --threads 2 >/dev/null 2>&1 || fail "replications failed (2 threads)"
cmp -s "$tmp/one/queries.csv" "$tmp/r4a/queries.csv" || fail "queries.csv of the first replication is not the plain run's"
cmp -s "$tmp/r4a/summary.json" "$tmp/r4b/summary.json" || fail "summary.json depends on the thread count"
grep -q "means over 4 replications" "$tmp/r4a.txt" || fail "the table does not say it shows means over replications"
/usr/bin/python3 - "$tmp/r4a/summary.json" "$tmp/one/summary.json" <<'PY' || exit 1
import json, sys
many, one = (json.load(open(p)) for p in sys.argv[1:3])
assert many["replications"] == 4, "no replications key"
for name, p in many["partitioners"].items():
    ci = p["ci95_half_width"]
    assert ci["latency_ms"]["mean"] >= 0 and "total" in ci["energy_j"], name
    # arrivals are Poisson: different seeds give different runs, so some interval is wider than zero
any_width = any(p["ci95_half_width"]["latency_ms"]["mean"] > 0 for p in many["partitioners"].values())
assert any_width, "every interval is zero: the replications did not differ"
assert all(p["count"] > one["partitioners"][n]["count"] for n, p in many["partitioners"].items()), "counts not summed"
print("ok")
PY
