#!/usr/bin/python3
"""trace.json reads as a Gantt chart: per partitioner a phones process (three named threads per client) and a
server process (a named thread per worker); every span sits on a named thread; every query's flow arrow starts,
passes through its phases in time order and ends; server spans lie on worker threads.
Usage: trace_viewer.py SPLITSIM WORKDIR SCENARIO"""
import collections
import json
import shutil
import subprocess
import sys

splitsim, work, scenario = sys.argv[1:4]
shutil.rmtree(work, ignore_errors=True)
subprocess.run([splitsim, "run", scenario, "--out", work, "--trace", "--set", "server.workers=2"], check=True,
               capture_output=True)
events = json.load(open(f"{work}/trace.json"))
fail = []
processes = {e["pid"]: e["args"]["name"] for e in events if e["ph"] == "M" and e["name"] == "process_name"}
threads = {(e["pid"], e["tid"]): e["args"]["name"] for e in events if e["ph"] == "M" and e["name"] == "thread_name"}
if not any(n.endswith(": server") for n in processes.values()) or not any(n.endswith(": phones") for n in processes.values()):
    fail.append(f"processes: {sorted(processes.values())}")
for e in events:
    if e["ph"] == "X" and (e["pid"], e["tid"]) not in threads:
        fail.append(f"span {e['name']} on an unnamed thread {e['pid']}/{e['tid']}")
        break
for e in (e for e in events if e["ph"] == "X" and e["name"].startswith("server")):
    if not processes[e["pid"]].endswith(": server") or not threads[(e["pid"], e["tid"])].startswith("worker "):
        fail.append(f"a server span outside a worker thread: {e}")
        break
workers = {threads[k] for k in threads if processes[k[0]].endswith(": server")}
if not {"worker 0", "worker 1"} <= workers:
    fail.append(f"worker threads {sorted(workers)}: expected worker 0 and worker 1 with two workers")
names = set(threads.values())
for kind in ("queries", "processor", "uplink"):
    if not any(n.endswith(kind) for n in names):
        fail.append(f"no client {kind} thread")
flows = collections.defaultdict(list)
for e in events:
    if e["ph"] in "stf":
        flows[e["id"]].append(e)
for fid, steps in flows.items():
    phases = "".join(s["ph"] for s in steps)
    times = [s["ts"] for s in steps]
    if not (phases.startswith("s") and phases.endswith("f") and set(phases[1:-1]) <= {"t"}) or times != sorted(times):
        fail.append(f"flow {fid}: phases {phases} at {times}")
        break
for f in fail:
    print("FAIL", f)
print("ok" if not fail else "")
sys.exit(1 if fail else 0)
