#!/usr/bin/env python3
"""merge refuses shards that are not what their sweep wrote: shard_integrity.py SPLITSIM SWEEP WORK_DIR

Each shard's sweep.json records its row count and a checksum of its rows; rows of another shard, a row
given twice, a missing row, a crafted shard count, each is exit 2 with one line naming the file and why."""
import json
import os
import shutil
import subprocess
import sys

splitsim, sweep, work = sys.argv[1:4]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
os.chdir(work)


def run(*args):
    return subprocess.run([splitsim, *args], capture_output=True, text=True)


def fnv1a(text):
    h = 1469598103934665603
    for b in text.encode():
        h = ((h ^ b) * 1099511628211) % (1 << 64)
    return f"{h:016x}"


def refuses(regex_words, *args):
    r = run(*args)
    lines = r.stderr.strip().split("\n")
    ok = r.returncode == 2 and not r.stdout and len(lines) == 1 and all(w in lines[0] for w in regex_words)
    if not ok:
        sys.exit(f"FAIL: {' '.join(args)}: exit {r.returncode}, stdout {r.stdout[:200]!r}, stderr {r.stderr!r}; "
                 f"expected {regex_words}")
    if os.path.exists("merged"):
        sys.exit("FAIL: merged/ written")
    print("ok:", lines[0])


for i in (1, 2):
    r = run("sweep", sweep, "--out", f"shard{i}", "--shard", f"{i}/2", "--jobs", "1")
    assert r.returncode == 0, r.stderr
r = run("merge", "shard1", "shard2", "--out", "whole")
assert r.returncode == 0, r.stderr


def variant(name, edit_rows=None, edit_meta=None, reseal=False):
    """A copy of shard1 with its rows and/or sweep.json edited; `reseal` recomputes rows and checksum, as a
    crafted file would."""
    shutil.copytree("shard1", name)
    with open(f"{name}/results.csv") as f:
        header, *rows = f.read().splitlines(keepends=True)
    if edit_rows:
        rows = edit_rows(rows)
    with open(f"{name}/results.csv", "w") as f:
        f.write(header + "".join(rows))
    with open(f"{name}/sweep.json") as f:
        meta = json.load(f)
    if reseal:
        meta["rows"] = len(rows)
        meta["checksum"] = fnv1a("".join(rows))
    if edit_meta:
        edit_meta(meta)
    with open(f"{name}/sweep.json", "w") as f:
        json.dump(meta, f)
    return name


# One row deleted and another duplicated: the count is the same, the checksum is not.
swapped = variant("swapped", lambda rows: rows[:1] + rows[:1] + rows[2:])
refuses(["swapped/results.csv", "changed after the shard wrote it"], "merge", swapped, "shard2", "--out", "merged")
# The same, with sweep.json forged to match: the duplicate is found by its point and partitioner.
forged = variant("forged", lambda rows: rows[:1] + rows[:1] + rows[2:], reseal=True)
refuses(["forged/results.csv", "line 3", "appear twice"], "merge", forged, "shard2", "--out", "merged")
# A row of shard 2 smuggled into shard 1.
with open("shard2/results.csv") as f:
    foreign_row = f.read().splitlines(keepends=True)[1]
foreign = variant("foreign", lambda rows: rows + [foreign_row], reseal=True)
refuses(["foreign/results.csv", "belongs to shard 2/2, not 1"], "merge", foreign, "shard2", "--out", "merged")
# A row lost (resealed): the point is short of rows.
short = variant("short", lambda rows: rows[1:], reseal=True)
refuses(["merge: point 0 has 3 rows, expected 4 (one per partitioner)"], "merge", short, "shard2", "--out", "merged")
# A row that is not a row.
garbage = variant("garbage", lambda rows: rows + ["x,1,2\n"], reseal=True)
refuses(["garbage/results.csv", "expected a point number"], "merge", garbage, "shard2", "--out", "merged")
# Crafted shard counts: no out-of-bounds read, no impossible allocation.
for bad in (-1, 10**18, 0, "3"):
    name = variant(f"shards{bad}", edit_meta=lambda m, b=bad: m.update(shards=b))
    refuses([f"{name}/sweep.json", "/shards"], "merge", name, "shard2", "--out", "merged")
# A shard written before integrity records existed.
old = variant("old", edit_meta=lambda m: m.pop("checksum"))
refuses(["old/sweep.json", "no \"checksum\""], "merge", old, "shard2", "--out", "merged")
# The output may not be one of the shards.
refuses(["cannot write shard1: it would replace the input shard1"], "merge", "shard1", "shard2", "--out", "shard1", "--force")
print("ok: every tampered shard refused")
