#!/bin/sh
# The long modes of the heavy harnesses (`make long`; `make test` runs each with a small
# default): the kiosk killed LONG_KIOSK_ROUNDS times (default 3000) through its sessions, then
# `chorus-sync import` killed LONG_IMPORT_ROUNDS times (default 1000) mid-import, then valgrind
# memcheck over LONG_VALGRIND_SESSIONS kiosk sessions (default 200); each is the scenario of
# tests/scripts/ with bigger numbers, so its checks are the same (see their headers). Any KILL_*
# setting in the environment (KILL_SEED, KILL_COUNT, KILL_BUNDLES, KILL_SESSIONS...) reaches
# them. Prints a progress line now and then,
# each harness's figures, and at the end all of them again with the total time. On a failure
# the work folder is kept and named, for a look at what the kill left.
#   sh tests/long.sh [BUILD]
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
kiosk_rounds=${LONG_KIOSK_ROUNDS:-3000}
import_rounds=${LONG_IMPORT_ROUNDS:-1000}
valgrind_sessions=${LONG_VALGRIND_SESSIONS:-200}
work=$(mktemp -d "${TMPDIR:-/tmp}/chorus-long.XXXXXX") || exit 1
start=$(date +%s)
failed=""

# run NAME ROUNDS PROGRESS: one harness, its output shown as it comes and kept in NAME.log.
# The kiosk's harness syncs every 50 runs here (every 10 in `make test`).
run() {
  mkdir -p "$work/$1"
  echo "long: $1, $2 rounds ($build)"
  { KILL_ROUNDS=$2 KILL_PROGRESS=$3 KILL_SYNC_EVERY=${KILL_SYNC_EVERY:-50} \
      VALGRIND_SESSIONS=$2 sh "tests/scripts/$1.sh" "$build" "$work/$1" 2>&1
    echo $? >"$work/$1.rc"; } | tee "$work/$1.log"
  [ "$(cat "$work/$1.rc")" = 0 ] || failed="$failed $1"
}

run kill_kiosk "$kiosk_rounds" 250
run kill_import "$import_rounds" 100
run valgrind "$valgrind_sessions" 0

echo
echo "long: figures ($build, $(($(date +%s) - start)) s in all)"
for h in kill_kiosk kill_import valgrind; do
  if [ "$(cat "$work/$h.rc")" = 0 ]; then
    grep "^$h: seed " "$work/$h.log" | sed 's/^/  /'
    tail -n 1 "$work/$h.log" | sed 's/^/  /'
  else
    echo "  $h: FAILED: $(grep '^FAIL' "$work/$h.log" | tail -n 1)"
  fi
done
if [ -n "$failed" ]; then
  echo "long: failed:$failed (the work folder is kept: $work)"
  exit 1
fi
rm -rf "$work"
echo "long: passed"
