#!/usr/bin/env bash
# Output safety (docs/outputs.md), one case per call: output_safety.sh SPLITSIM SOURCE_DIR WORK_DIR CASE
# Every refusal must be exit 2 with one line on stderr naming the target, nothing on stdout, and leave every
# file as it was; nothing may be left behind (scratch folders, locks, created parents).
set -uo pipefail
splitsim=$1 src=$2 work=$3 case=$4
scenario=$src/tests/data/scenarios/good.json
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1

fail() { echo "FAIL ($case): $*"; exit 1; }
# refuses REGEX COMMAND...: exit 2, one stderr line matching REGEX, empty stdout.
refuses() {
  local regex=$1
  shift
  "$@" >out.txt 2>err.txt
  local code=$?
  [ "$code" -eq 2 ] || fail "exit $code, expected 2: $* ($(cat err.txt))"
  [ ! -s out.txt ] || fail "stdout not empty: $(head -c 300 out.txt)"
  [ "$(wc -l <err.txt)" -eq 1 ] || fail "stderr is not one line: $(cat err.txt)"
  grep -Eq -- "$regex" err.txt || fail "stderr does not match $regex: $(cat err.txt)"
  rm -f out.txt err.txt
}
# Nothing hidden left beside outputs: no scratch folder, no lock.
no_leftovers() {
  local left
  left=$(find "${1:-.}" -name '.*splitsim*' | head -5)
  [ -z "$left" ] || fail "left behind: $left"
}
snapshot() { find . -path ./out.txt -prune -o -path ./err.txt -prune -o -type f -print0 | sort -z | xargs -0 md5sum; }

case $case in
  bare-folders)
    # "--out ." in the scenario's own folder once deleted every file in it, the scenario included.
    cp "$scenario" my.json
    before=$(snapshot)
    refuses "cannot write \.: give a new folder name" "$splitsim" run my.json --out . --force
    refuses "cannot write \.\.: give a new folder name" "$splitsim" run my.json --out .. --force
    refuses "cannot write .*: it is the working folder or holds it" "$splitsim" run my.json --out "$PWD" --force
    refuses "cannot write /: give a new folder name" "$splitsim" run my.json --out / --force
    refuses "the output path is empty" "$splitsim" run my.json --out ""
    refuses "the output path is empty" "$splitsim" paper --out ""
    [ "$(snapshot)" = "$before" ] || fail "files changed"
    ;;
  inputs)
    # A folder that holds an input, or a file that is an input, is never the output.
    mkdir sc && cp "$scenario" sc/my.json
    before=$(snapshot)
    refuses "cannot write sc: it would replace the input sc/my.json" "$splitsim" run sc/my.json --out sc --force
    "$splitsim" trace fit constant:5 --out model.json >/dev/null || fail "trace fit"
    before=$(snapshot)
    refuses "cannot write model.json: it would replace the input model.json" \
      "$splitsim" trace generate model.json --duration 10 --out model.json --force
    [ "$(snapshot)" = "$before" ] || fail "files changed"
    ;;
  other-kind)
    # --force replaces a thing of the same kind only; never a device.
    echo keep >file.txt && mkdir folder
    refuses "cannot write file.txt: it exists and is not a folder" "$splitsim" run "$scenario" --out file.txt --force
    refuses "cannot write folder: it is a folder; give a file name" \
      "$splitsim" network import "$src/networks/onnx/resnet18.onnx" --out folder --force
    refuses "cannot write /dev/null: it is not a regular file" \
      "$splitsim" network import "$src/networks/onnx/resnet18.onnx" --out /dev/null --force
    [ -c /dev/null ] || fail "/dev/null is no longer a device"
    [ "$(cat file.txt)" = keep ] && [ -d folder ] || fail "file.txt or folder changed"
    no_leftovers
    ;;
  full-disk)
    # A write that fails (here: the file size limit, as a full disk would) is exit 2 naming the target, and
    # the previous output stays as it was.
    "$splitsim" run "$scenario" --out out >/dev/null || fail "first run"
    "$splitsim" trace fit constant:5 --out model.json >/dev/null || fail "trace fit"
    before=$(snapshot)
    (trap '' XFSZ; ulimit -f 8; refuses "cannot write out/queries.csv: File too large" \
      "$splitsim" run "$scenario" --out out --force --seed 7 --set horizon_s=600) || exit 1
    (trap '' XFSZ; ulimit -f 4; refuses "cannot write g.txt: File too large" \
      "$splitsim" trace generate model.json --duration 10000 --out g.txt) || exit 1
    [ "$(snapshot)" = "$before" ] || fail "the previous output changed"
    [ ! -e g.txt ] || fail "g.txt written"
    no_leftovers
    ;;
  parents)
    # Missing parent folders are created; and removed again when the command fails.
    "$splitsim" run "$scenario" --out a/b/c >/dev/null || fail "run into a/b/c"
    [ -f a/b/c/summary.json ] || fail "no a/b/c/summary.json"
    refuses "cannot open" "$splitsim" run "$scenario" --out x/y/z --set clients.0.network=nope.json
    [ ! -e x ] || fail "x/ left behind by a failed run"
    "$splitsim" trace fit constant:5 --out m/n/model.json >/dev/null || fail "trace fit into m/n/"
    [ -f m/n/model.json ] || fail "no m/n/model.json"
    no_leftovers
    ;;
  stale-scratch)
    # Scratch of processes that died (a killed run) is removed by the next command writing beside it.
    mkdir -p .out.splitsim-999999.tmp .other.splitsim-999998.tmp && head -c 100000 /dev/zero >.out.splitsim-999999.tmp/queries.csv
    mkdir -p ".live.splitsim-$$.tmp"  # this shell is alive: its scratch stays
    "$splitsim" run "$scenario" --out out >/dev/null || fail "run"
    [ ! -e .out.splitsim-999999.tmp ] && [ ! -e .other.splitsim-999998.tmp ] || fail "stale scratch kept"
    [ -e ".live.splitsim-$$.tmp" ] || fail "a live process's scratch was removed"
    ;;
  lock)
    # A second command writing the same target while the first holds it fails at once.
    command -v flock >/dev/null || { echo "ok (no flock(1) here)"; exit 0; }
    flock .out.splitsim.lock sleep 3 &
    sleep 0.5
    refuses "cannot write out: another splitsim process is writing it" "$splitsim" run "$scenario" --out out
    wait
    [ ! -e out ] || fail "out written"
    "$splitsim" run "$scenario" --out out >/dev/null || fail "run after the lock was released"
    ;;
  checks-first)
    # calibrate checks every output before any work: no CSV is written when the platform file exists.
    echo '{}' >existing.json
    prof=$src/tests/data/profiles
    "$splitsim" profile --quick --out host.csv >/dev/null 2>&1 || fail "profile"
    refuses "existing.json exists; use --force" "$splitsim" calibrate --profile host.csv --validate host.csv \
      --predictions-out p.csv --lono-out l.csv --out existing.json
    [ ! -e p.csv ] && [ ! -e l.csv ] || fail "CSV files written before the check"
    [ "$(cat existing.json)" = '{}' ] || fail "existing.json changed"
    ;;
  sweep-replaces)
    # sweep and merge --force replace the folder whole: no stale file survives.
    sw=$src/tests/data/sweeps/tiny.json
    "$splitsim" sweep "$sw" --out s --jobs 1 >/dev/null || fail "sweep"
    echo stale >s/old.txt
    "$splitsim" sweep "$sw" --out s --jobs 1 --force >/dev/null || fail "sweep --force"
    [ ! -e s/old.txt ] || fail "stale file kept by sweep --force"
    no_leftovers
    ;;
  *) fail "unknown case" ;;
esac
echo "ok: $case"
