#!/usr/bin/python3
"""The regret of every run (docs/optimum.md): against the lower bound, no partitioner of a shipped example is below
it on the mean; with one client and spaced queries the offline optimum is exact, no partitioner beats it and its
own partitioners have no regret in their objective; where transfers overlap the table says the optimum is
approximate; output.regret=false leaves regret out. Usage: regret.py SPLITSIM WORKDIR SOURCE_DIR"""
import glob
import json
import os
import shutil
import subprocess
import sys

splitsim, work, source = sys.argv[1:4]
fail = []
eps = 1e-9


def run(name, scenario, *sets):
    out = f"{work}/{name}"
    shutil.rmtree(out, ignore_errors=True)
    args = [splitsim, "run", scenario, "--out", out]
    for s in sets:
        args += ["--set", s]
    table = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return json.load(open(f"{out}/summary.json")), table


for example in sorted(glob.glob(f"{source}/scenarios/examples/*.json")):
    name = os.path.basename(example)
    summary, table = run(name, example, "output.queries_csv=false")
    if summary["yardstick"] != {"kind": "lower bound"}: fail.append(f"{name}: yardstick {summary['yardstick']}")
    if "regret_ms" not in table or "lower bound" not in table: fail.append(f"{name}: the table has no regret columns")
    for p, e in summary["partitioners"].items():
        for metric in ("latency_ms", "energy_j"):
            if e["regret"][metric]["mean"] < -eps: fail.append(f"{name}: {p} below the lower bound in {metric}")

tails = f"{source}/scenarios/paper/tails.json"
everyone = ["local-only", "neurosurgeon-latency", "neurosurgeon-energy", "radio-latency", "radio-energy", "greedy-oracle",
            "offline-optimum-latency", "offline-optimum-energy"]
spaced, table = run("spaced", tails, f"partitioners={json.dumps(everyone)}", 'clients.0.arrival={"process": "periodic", "period_s": 20}',
                    "horizon_s=2000")
y = spaced["yardstick"]
if y["kind"] != "offline optimum" or not y["exact"]: fail.append(f"spaced queries: the optimum is not exact: {y}")
parts = spaced["partitioners"]
for p, e in parts.items():
    if e["regret"]["latency_ms"]["mean"] < -eps or e["regret"]["energy_j"]["mean"] < -eps:
        fail.append(f"spaced queries: {p} beats the exact optimum: {e['regret']}")
    if e["latency_ms"]["mean"] < parts["offline-optimum-latency"]["latency_ms"]["mean"] * (1 - eps):
        fail.append(f"spaced queries: {p} is faster than offline-optimum-latency")
    if e["energy_j"]["total"] < parts["offline-optimum-energy"]["energy_j"]["total"] * (1 - eps):
        fail.append(f"spaced queries: {p} spends less than offline-optimum-energy")
if abs(parts["offline-optimum-latency"]["regret"]["latency_ms"]["mean"]) > 1e-6:
    fail.append("the latency optimum, replayed, does not cost what it planned")
if abs(parts["offline-optimum-energy"]["regret"]["energy_j"]["mean"]) > 1e-9:
    fail.append("the energy optimum, replayed, does not cost what it planned")
if "approximate" in table: fail.append("spaced queries: the table calls an exact optimum approximate")

close, table = run("close", tails, "clients.0.radio=\"3g\"", 'clients.0.arrival={"process": "periodic", "period_s": 0.5}', "horizon_s=20")
if close["yardstick"]["exact"] or close["yardstick"]["approximate_transitions"] == 0:
    fail.append(f"overlapping transfers: the optimum claims to be exact: {close['yardstick']}")
if "approximate here" not in table: fail.append("overlapping transfers: the table does not say the optimum is approximate")

off, table = run("off", tails, "output.regret=false")
if "yardstick" in off or any("regret" in e for e in off["partitioners"].values()) or "regret_ms" in table:
    fail.append("output.regret=false still reports regret")

for f in fail:
    print("FAIL", f)
sys.exit(1 if fail else 0)
