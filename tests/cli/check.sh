#!/usr/bin/env bash
# One CLI test case: check.sh EXIT REGEX COMMAND [ARGS...]
# EXIT 0: the command must succeed and its stdout must match REGEX (grep -E, anywhere).
# EXIT w: the command must succeed and its stderr must match REGEX (a warning).
# EXIT 2: the command must fail with exit code 2, print nothing on stdout, and print exactly one line on
#         stderr that matches REGEX.
set -u
expected_exit=$1 regex=$2
shift 2
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
"$@" >"$out" 2>"$err"
code=$?
fail() { echo "FAIL: $*"; echo "--- command: $*"; echo "--- stdout:"; head -c 2000 "$out"; echo "--- stderr:"; head -c 2000 "$err"; exit 1; }
if [ "$expected_exit" = w ]; then
  [ "$code" -eq 0 ] || fail "exit code $code, expected 0"
  grep -Eq -- "$regex" "$err" || fail "stderr does not match: $regex"
  echo "ok: $(grep -E -m1 -- "$regex" "$err")"
  exit 0
fi
[ "$code" -eq "$expected_exit" ] || fail "exit code $code, expected $expected_exit"
if [ "$expected_exit" -eq 0 ]; then
  grep -Eq -- "$regex" "$out" || fail "stdout does not match: $regex"
else
  [ ! -s "$out" ] || fail "stdout is not empty"
  lines=$(wc -l <"$err")
  [ "$lines" -eq 1 ] || fail "stderr has $lines lines, expected one"
  grep -Eq -- "$regex" "$err" || fail "stderr does not match: $regex"
fi
echo "ok: $(head -n 1 "$err")"
