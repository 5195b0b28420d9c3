#!/usr/bin/python3
"""Every energy column names what it sums, and the totals add up: queries.csv's total_energy_j is the sum of
its parts on every row, summary.json's energy_j.total the sum of its parts, and no column is called plain
"mobile" energy. Usage: energy_columns.py SPLITSIM WORKDIR SCENARIO"""
import csv
import json
import math
import shutil
import subprocess
import sys

splitsim, work, scenario = sys.argv[1:4]
shutil.rmtree(work, ignore_errors=True)
subprocess.run([splitsim, "run", scenario, "--out", work], check=True, capture_output=True)
fail = []
rows = list(csv.DictReader(open(f"{work}/queries.csv")))
parts = ["compute_energy_j", "radio_energy_j", "tail_energy_j", "promotion_energy_j"]
if any("mobile" in k and "energy" in k for k in rows[0]):
    fail.append(f"queries.csv still has a 'mobile' energy column: {list(rows[0])}")
for r in rows:
    total = sum(round(float(r[p]) * 1e9) for p in parts)
    if round(float(r["total_energy_j"]) * 1e9) != total:
        fail.append(f"query {r['query']}: total_energy_j {r['total_energy_j']} is not the sum of {parts}")
        break
summary = json.load(open(f"{work}/summary.json"))
for name, p in summary["partitioners"].items():
    e = p["energy_j"]
    if set(e) != {"total", "compute", "radio", "promotion", "tail"}:
        fail.append(f"{name}: energy_j keys {sorted(e)}")
    elif not math.isclose(e["total"], e["compute"] + e["radio"] + e["promotion"] + e["tail"], rel_tol=1e-12):
        fail.append(f"{name}: energy_j.total is not the sum of its parts")
for f in fail:
    print("FAIL", f)
print("ok" if not fail else "")
sys.exit(1 if fail else 0)
