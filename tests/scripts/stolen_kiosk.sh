#!/bin/sh
# A stolen kiosk gives nothing away. After 100 headless sessions, each typing its own planted
# string, no file under the kiosk's data folder (database, -wal and -shm, keys, pack, anything
# else) and none of its logs holds any planted string; and no key on the kiosk opens any stored
# response, while the council's secret key opens every one (so the check can succeed); and
# the running kiosk cannot dump core.
# A reader holds the store open meanwhile, so the -wal file is searched too.
# slow: 100 sessions and a scan of the disk (about 20 s);
# `make test-quick` leaves it out.
. tests/scripts/lib.sh
setup_kiosk
export LC_ALL=C
SESSIONS=100
RUNS=4

# Hold a read transaction open on the store while the kiosk runs.
mkfifo "$WORK/hold"
sqlite3 "$DATA/kiosk.db" <"$WORK/hold" >"$WORK/hold.out" 2>&1 &
holder=$!
exec 3>"$WORK/hold"
printf 'BEGIN;\nSELECT count(*) FROM response;\n' >&3
trap 'exec 3>&- 2>/dev/null; kill "$holder" 2>/dev/null' EXIT

set -- how_was_today children_in_care one_voice_session care_leavers
tag=$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')
: >"$WORK/needles"
n=0
run=0
while [ "$run" -lt "$RUNS" ]; do
  run=$((run + 1))
  : >"$WORK/run$run.script"
  i=0
  while [ "$i" -lt $((SESSIONS / RUNS)) ]; do
    i=$((i + 1))
    n=$((n + 1))
    eval "form=\${$((n % 4 + 1))}"
    needle="stolen-$n-$tag"
    echo "$needle" >>"$WORK/needles"
    survey_script "assets/surveys/$form.csv" "$needle" >>"$WORK/run$run.script" ||
      fail "$form: could not turn the survey into a kiosk script"
  done
  run_script "run$run"
done
[ "$(responses)" -eq "$SESSIONS" ] || fail "expected $SESSIONS stored responses, found $(responses)"

# scan LABEL: every file under the data folder and every log, for every planted string.
scan() {
  [ "$(find "$DATA" -type f | wc -l)" -ge 4 ] || fail "$1: too few files under the data folder"
  found=$({ find "$DATA" -type f; ls "$WORK"/run*.err; } | tr '\n' '\0' |
    xargs -0 grep -a -l -F -f "$WORK/needles")
  [ -z "$found" ] || fail "$1: planted strings found in plaintext in: $found"
}
# the scan can find what is there: a form id is on disk in plaintext
grep -a -F -q how_was_today "$DATA/kiosk.db"* || fail "the scan cannot find even the form id"
[ -s "$DATA/kiosk.db-wal" ] || fail "the -wal file did not survive the kiosk's exit (reader not held?)"
scan "with the -wal file"
exec 3>&-
wait "$holder" 2>/dev/null
sqlite3 "$DATA/kiosk.db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
scan "after a checkpoint"

# Every key the kiosk holds, of any kind, tried on every record.
keys=$(find "$DATA" -type f -exec grep -l -a '^chorus-key' {} +)
[ -n "$keys" ] || fail "found no key files on the kiosk (its own signing key should be there)"
# shellcheck disable=SC2086 # one argument per key file
out=$("$BUILD/tests/tools/tryopen" "$DATA/kiosk.db" $keys) || fail "tryopen: $out"
case $out in
"$SESSIONS records, "*" keys, 0 opened") ;;
*) fail "a key on the kiosk opens stored responses: $out (keys: $keys)" ;;
esac
find "$DATA" -type f -exec grep -l -a 'council-box-secret' {} + | grep -q . &&
  fail "the council's secret key is on the kiosk"
out=$("$BUILD/tests/tools/tryopen" "$DATA/kiosk.db" "$WORK/council/council-box.key")
[ "$out" = "$SESSIONS records, 1 keys, $SESSIONS opened" ] ||
  fail "the council's key does not open every record: $out"
# Core dumps are off in the kiosk (a crash must not write a draft to disk): even when the
# shell allows them, the running kiosk's own limit is 0.
cp -r "$DATA" "$WORK/core-data"
(
  ulimit -c unlimited 2>/dev/null || ulimit -c 100000
  exec "$KIOSK" --data "$WORK/core-data" --headless --script "$WORK/run1.script" >/dev/null 2>&1
) &
pid=$!
limit=
seen=
i=0
# read until the kiosk has set its limit (it does so first thing), or it is gone
while [ "$limit" != "0 0" ] && [ "$i" -lt 300 ] && kill -0 "$pid" 2>/dev/null; do
  if [ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = "$(readlink -f "$KIOSK")" ]; then
    limit=$(awk '/^Max core file size/ {print $5, $6}' "/proc/$pid/limits" 2>/dev/null)
    seen=1
  fi
  i=$((i + 1))
  sleep 0.01
done
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
if [ -n "$seen" ] && [ -z "$limit" ] && [ "$(id -u)" -ne 0 ]; then
  echo "note: the kiosk is not dumpable, so its limits can't be read but by root"
else
  [ "$limit" = "0 0" ] || fail "the running kiosk's core file size limit is '$limit', not 0 0"
fi
echo "$SESSIONS sessions, $(echo "$keys" | wc -w) key files on the kiosk: nothing found, nothing opened; core dumps off"
