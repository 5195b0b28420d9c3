#!/usr/bin/python3
"""slo-energy, query by query: with a deadline nothing misses it is radio-energy, with one nothing meets it is
the fastest split (radio-latency); the share of queries missing the deadline is reported per partitioner and is
the share of queries.csv latencies above it. Usage: slo_energy.py SPLITSIM WORKDIR SCENARIO"""
import csv
import json
import shutil
import subprocess
import sys

splitsim, work, scenario = sys.argv[1:4]
fail = []


def run(name, slo, parts):
    out = f"{work}/{name}"
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run([splitsim, "run", scenario, "--out", out, "--set", f"clients.0.slo_ms={slo}", "--set",
                    f"partitioners={json.dumps(parts)}"], check=True, capture_output=True)
    rows = list(csv.DictReader(open(f"{out}/queries.csv")))
    splits = {}
    for r in rows:
        splits.setdefault(r["partitioner"], {})[r["query"]] = r["split_after"]
    return splits, rows, json.load(open(f"{out}/summary.json"))["partitioners"]


loose, _, _ = run("loose", 1e9, ["slo-energy", "radio-energy"])
if loose["slo-energy"] != loose["radio-energy"]:
    fail.append("with a deadline nothing misses, slo-energy is not radio-energy")
tight, _, _ = run("tight", 0.001, ["slo-energy", "radio-latency"])
if tight["slo-energy"] != tight["radio-latency"]:
    fail.append("with a deadline nothing meets, slo-energy is not the fastest split (radio-latency)")
_, rows, summary = run("mid", 400, ["slo-energy", "local-only", "neurosurgeon-latency"])
for name, p in summary.items():
    lat = [float(r["latency_ms"]) for r in rows if r["partitioner"] == name]
    share = sum(x > 400 for x in lat) / len(lat)
    if abs(p["slo_miss_share"] - share) > 1e-12:
        fail.append(f"{name}: slo_miss_share {p['slo_miss_share']} but {share} of queries.csv is above 400 ms")
for f in fail:
    print("FAIL", f)
print("ok" if not fail else "")
sys.exit(1 if fail else 0)
