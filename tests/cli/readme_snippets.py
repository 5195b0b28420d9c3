#!/usr/bin/python3
"""Runs the README from top to bottom as a new user would: every ```sh block after the first (the two
commands, which CI runs itself), in order, in one shell, in a fresh copy of the project with no ../shared/
beside it and nothing built but the binary under test. Each block must exit 0.
Usage: readme_snippets.py SPLITSIM SOURCE_DIR WORKDIR"""
import os
import re
import shutil
import subprocess
import sys

splitsim, source, work = sys.argv[1:4]
shutil.rmtree(work, ignore_errors=True)
copy = os.path.join(work, "splitsim")  # nothing named shared/ beside it
shutil.copytree(source, copy, symlinks=True,
                ignore=shutil.ignore_patterns(".git", "build*", "out", "__pycache__", "my-*", "tiny.json"))
os.makedirs(os.path.join(copy, "build"))
os.symlink(os.path.abspath(splitsim), os.path.join(copy, "build", "splitsim"))

blocks = re.findall(r"```sh\n(.*?)```", open(os.path.join(copy, "README.md")).read(), re.S)
if len(blocks) < 2:
    sys.exit("FAIL: the README has no snippets beyond the two commands")
env = dict(os.environ, SPLITSIM_DATA_DIR=copy)
failures = 0
for k, block in enumerate(blocks[1:], start=2):
    r = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", block], cwd=copy, env=env, capture_output=True, text=True)
    first = block.strip().splitlines()[0]
    if r.returncode != 0:
        failures += 1
        print(f"FAIL: README sh block {k} ({first}) exited {r.returncode}:\n{r.stderr.strip()[-1500:]}")
    else:
        print(f"ok: block {k} ({first})")
sys.exit(1 if failures else 0)
