#!/usr/bin/python3
"""With promotions and tails off, the radio-aware policies choose exactly what Neurosurgeon chooses, query by
query (their added terms are all zero); with tails on, radio-energy spends less than neurosurgeon-energy on the
shipped LTE example, where Neurosurgeon's tails make it costlier than local execution.
Usage: radio_aware_tails_off.py SPLITSIM WORKDIR SCENARIO"""
import csv
import json
import shutil
import subprocess
import sys

splitsim, work, scenario = sys.argv[1:4]
parts = '["neurosurgeon-latency","radio-latency","neurosurgeon-energy","radio-energy","local-only"]'
fail = []


def run(name, *sets):
    out = f"{work}/{name}"
    shutil.rmtree(out, ignore_errors=True)
    args = [splitsim, "run", scenario, "--out", out, "--set", f"partitioners={parts}"]
    for s in sets:
        args += ["--set", s]
    subprocess.run(args, check=True, capture_output=True)
    return out


off = run("off", "clients.0.tails=false")
splits = {}
for r in csv.DictReader(open(f"{off}/queries.csv")):
    splits.setdefault(r["partitioner"], {})[r["query"]] = r["split_after"]
for ns, radio in (("neurosurgeon-latency", "radio-latency"), ("neurosurgeon-energy", "radio-energy")):
    if splits[ns] != splits[radio]:
        differ = sum(splits[ns][q] != splits[radio].get(q) for q in splits[ns])
        fail.append(f"tails off: {radio} differs from {ns} on {differ} of {len(splits[ns])} queries")
on = run("on")
s = json.load(open(f"{on}/summary.json"))["partitioners"]
energy = {n: p["energy_j"]["total"] for n, p in s.items()}
if not energy["radio-energy"] < energy["neurosurgeon-energy"]:
    fail.append(f"tails on: radio-energy {energy['radio-energy']} J not below neurosurgeon-energy {energy['neurosurgeon-energy']} J")
if energy["radio-energy"] > energy["local-only"] + 1e-9:
    fail.append(f"tails on: radio-energy {energy['radio-energy']} J above local-only {energy['local-only']} J")
for f in fail:
    print("FAIL", f)
print("ok" if not fail else "")
sys.exit(1 if fail else 0)
