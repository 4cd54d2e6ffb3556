#!/bin/sh
# The whole suite against one build folder: every unit test binary (BUILD/tests/test_*), then
# every kiosk/sync scenario (tests/scripts/*.sh, each run as `sh FILE BUILD WORKDIR`). Ends with
# one line a CI reader understands: "suite (BUILD): N passed, N failed".
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
passed=0
failed=0
failures=""
work=$(mktemp -d "${TMPDIR:-/tmp}/chorus-test.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

for t in "$build"/tests/test_*; do
  [ -x "$t" ] || continue
  name=$(basename "$t")
  if out=$("$t" 2>&1); then
    passed=$((passed + 1))
    echo "ok   $name: $(echo "$out" | tail -n 1)"
  else
    failed=$((failed + 1))
    failures="$failures $name"
    echo "FAIL $name"
    echo "$out" | sed 's/^/     /'
  fi
done

for s in tests/scripts/*.sh; do
  [ "$(basename "$s")" = lib.sh ] && continue
  [ -f "$s" ] || continue
  name=$(basename "$s" .sh)
  dir="$work/$name"
  mkdir -p "$dir"
  if out=$(sh "$s" "$build" "$dir" 2>&1); then
    passed=$((passed + 1))
    echo "ok   $name"
  else
    failed=$((failed + 1))
    failures="$failures $name"
    echo "FAIL $name"
    echo "$out" | tail -n 30 | sed 's/^/     /'
  fi
done

[ -z "$failures" ] || echo "failed:$failures"
echo "suite ($build): $passed passed, $failed failed"
[ "$failed" -eq 0 ]
