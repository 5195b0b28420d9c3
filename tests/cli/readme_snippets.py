#!/usr/bin/python3
"""Runs a page's commands from top to bottom as a new user would: every ```sh block, in order, in a fresh copy
of the project with nothing built but the binary under test. Each block must exit 0.
README.md (the default): every block after the first (the two commands, which CI runs itself), with no
../shared/ beside the copy. Another page (docs/study.md) with --shared DIR: all its blocks, with DIR linked as
../shared/ beside the copy.
Usage: readme_snippets.py SPLITSIM SOURCE_DIR WORKDIR [PAGE --shared DIR]"""
import os
import re
import shutil
import subprocess
import sys

splitsim, source, work = sys.argv[1:4]
page, shared = "README.md", None
if len(sys.argv) > 4:
    page, shared = sys.argv[4], sys.argv[6]
shutil.rmtree(work, ignore_errors=True)
copy = os.path.join(work, "splitsim")  # nothing named shared/ beside it


def ignore(folder, names):
    """What the copy leaves out: builds, outputs and what earlier runs of these pages wrote (top level only)."""
    top = os.path.abspath(folder) == os.path.abspath(source)
    return [n for n in names if n == "__pycache__" or (top and (n in (".git", "out", "study", "tiny.json") or
                                                                   n.startswith(("build", "my-"))))]


shutil.copytree(source, copy, symlinks=True, ignore=ignore)
if shared:
    os.symlink(os.path.abspath(shared), os.path.join(work, "shared"))
os.makedirs(os.path.join(copy, "build"))
os.symlink(os.path.abspath(splitsim), os.path.join(copy, "build", "splitsim"))

blocks = re.findall(r"```sh\n(.*?)```", open(os.path.join(copy, page)).read(), re.S)
first = 1 if page == "README.md" else 0
if len(blocks) <= first:
    sys.exit(f"FAIL: {page} has no commands to run")
env = dict(os.environ, SPLITSIM_DATA_DIR=copy)
failures = 0
for k, block in enumerate(blocks[first:], start=first + 1):
    r = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", block], cwd=copy, env=env, capture_output=True, text=True)
    line = block.strip().splitlines()[0]
    if r.returncode != 0:
        failures += 1
        print(f"FAIL: {page} sh block {k} ({line}) exited {r.returncode}:\n{r.stderr.strip()[-1500:]}")
    else:
        print(f"ok: block {k} ({line})")
sys.exit(1 if failures else 0)
