#!/usr/bin/python3
"""Every setting of scenarios/paper/paper.json acts: changing it changes the outputs it concerns, as
docs/reproduction.md says, and leaves the others alone. Usage: paper_settings.py SPLITSIM WORKDIR PAPER_DIR"""
import json
import os
import shutil
import subprocess
import sys

splitsim, work, paper_dir = sys.argv[1:4]
failures = []


def run(name, edit):
    folder = os.path.join(work, name)
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(paper_dir, os.path.join(folder, "spec"))
    spec = os.path.join(folder, "spec", "paper.json")
    doc = json.load(open(spec))
    edit(doc["settings"])
    json.dump(doc, open(spec, "w"), indent=2)
    r = subprocess.run([splitsim, "paper", "--spec", spec, "--out", os.path.join(folder, "out"), "--force"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        failures.append(f"{name}: exit {r.returncode}: {r.stderr.strip()[-300:]}")
        return {}
    out = os.path.join(folder, "out")
    return {f: open(os.path.join(out, f)).read() for f in os.listdir(out) if f.endswith((".csv", ".md"))}


def rows(text):
    lines = text.splitlines()
    keys = lines[0].split(",")
    return [dict(zip(keys, line.split(","))) for line in lines[1:]]


def cell(files, name, **match):
    for row in rows(files[name]):
        if all(row.get(k) == v for k, v in match.items()):
            return row
    raise KeyError(match)


base = run("base", lambda s: None)


def expect(name, edit, changed, unchanged, check=None):
    files = run(name, edit)
    if not files:
        return
    for f in changed:
        if files[f] == base[f]:
            failures.append(f"{name}: {f} did not change")
    for f in unchanged:
        if files[f] != base[f]:
            failures.append(f"{name}: {f} changed")
    if check:
        try:
            problem = check(files)
        except Exception as e:  # a missing row is a failure of the check
            problem = f"{type(e).__name__}: {e}"
        if problem:
            failures.append(f"{name}: {problem}")
    return files


def flips_agree(files, alternative):
    """margins.csv of the base run names `alternative` in a cell's flipped_by exactly when the run under that
    alternative chose another split there, and names the split it chose."""
    if not files:
        return
    chosen = {(r["objective"], r["mobile"], r["wireless"], r["benchmark"]): r["split_after"]
              for r in rows(files["partitions.csv"])}
    seen = 0
    for r in rows(base["margins.csv"]):
        key = (r["objective"], r["mobile"], r["wireless"], r["benchmark"])
        named = [f.split(" -> ")[1] for f in r["flipped_by"].split("; ") if f.startswith(alternative + " -> ")]
        moved = chosen[key] != r["split_after"]
        seen += moved
        if named != ([chosen[key]] if moved else []):
            failures.append(f"margins.csv {key}: flipped_by says {r['flipped_by']!r} but {alternative} chooses {chosen[key]}")
    return seen


def tensor(s, dtype):
    s["input"]["value"] = "tensor"
    s["input_dtype"]["value"] = dtype


def bigger_input(files):
    # the fp32 tensor is four times the 8-bit pixels: AlexNet's status quo on 3G gets slower.
    b = float(cell(base, "latency.csv", mobile="cpu", wireless="3g", benchmark="imc")["status_quo_ms"])
    n = float(cell(files, "latency.csv", mobile="cpu", wireless="3g", benchmark="imc")["status_quo_ms"])
    return None if n > b else f"fp32 tensor input: status quo {n} ms, not above the raw input's {b} ms"


tensor_files = expect("input", lambda s: tensor(s, "float32"), ["latency.csv", "lte-variation.csv", "throughput.csv"], [],
                      bigger_input)
if not flips_agree(tensor_files, "input=tensor"):
    failures.append("input=tensor moves no partition point: the flip check saw nothing")
float32 = run("input-float32", lambda s: tensor(s, "float32"))
uint8 = run("input-uint8", lambda s: tensor(s, "uint8"))
if uint8.get("latency.csv") == float32.get("latency.csv"):
    failures.append("input_dtype: uint8 tensors give the tables of float32 tensors")
expect("tails", lambda s: s["tails"].update(value=True), ["energy.csv"], ["energy-tails.csv", "server-load.csv"],
       lambda f: None if f["energy.csv"] == f["energy-tails.csv"] else "with tails on, the main table is the tails table")
server_files = expect("server", lambda s: s["platforms"].update(server="server-cpu"), ["latency.csv", "throughput.csv"],
                      ["server-load.csv"])
flips_agree(server_files, "platforms.server=server-cpu")
expect("load_model", lambda s: s["load_model"].update(value="none"), ["server-load.csv"], ["latency.csv"],
       lambda f: None if len({r["status_quo_ms"] for r in rows(f["server-load.csv"]) if r["server"] == "server-gpu"}) == 1
       else "without a load model, the load does not change the status quo")
expect("lte_device", lambda s: s["lte_device"].update(value="gpu"), ["lte-variation.csv"], ["latency.csv"])
# Work every split pays moves no decision: the partitions and the server's throughput stay.
work_files = expect("phone_work_ms", lambda s: s["phone_work_ms"].update(value={}), ["latency.csv", "energy.csv"],
       ["partitions.csv", "server-load.csv", "throughput.csv"],
       lambda f: None if float(cell(f, "latency.csv", mobile="cpu", wireless="3g", benchmark="ner")["speedup"]) >
       float(cell(base, "latency.csv", mobile="cpu", wireless="3g", benchmark="ner")["speedup"]) else
       "without the phone work, NER's speedup does not grow")
flips_agree(work_files, "phone_work_ms=0")
expect("aggregate", lambda s: s["aggregate"].update(value="geometric"), ["latency.csv", "tables.md"], ["partitions.csv"],
       lambda f: None if ",mean," not in f["latency.csv"] and ",geomean," in f["latency.csv"] else "arithmetic rows remain")
bad = run("mix", lambda s: s["throughput_mix"].update(value="zipf"))
if bad or not any("throughput_mix/value: unknown value \"zipf\"" in f for f in failures):
    failures.append("throughput_mix: an unknown mix is not refused")
else:
    failures[:] = [f for f in failures if "throughput_mix/value" not in f]

for f in failures:
    print("FAIL", f)
sys.exit(1 if failures else 0)
