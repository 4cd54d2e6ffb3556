#!/bin/sh
# valgrind memcheck over a headless run of VALGRIND_SESSIONS sessions of the kiosk (default 24
# in `make test`, 200 in `make long`): no memory errors and no definite leaks, across four
# surveys, typed answers, a declined question and the review and thank-you screens of every
# session. The sessions also come back as that many stored responses.
# Runs against the plain build only: an ASan build cannot run under valgrind (ASan checks
# the same things in that build's own run of the suite).
# slow: 24 sessions under memcheck (about 16 s);
# `make test-quick` leaves it out.
. tests/scripts/lib.sh
case $BUILD in
*asan*)
  echo "skipped in $BUILD: valgrind runs against the plain build"
  exit 0
  ;;
esac
command -v valgrind >/dev/null || fail "valgrind is not installed (make deps installs it)"
setup_kiosk
SESSIONS=${VALGRIND_SESSIONS:-24}

set -- how_was_today children_in_care one_voice_session care_leavers
: >"$WORK/run.script"
n=0
while [ "$n" -lt "$SESSIONS" ]; do
  n=$((n + 1))
  eval "form=\${$((n % 4 + 1))}"
  SEED=$n survey_script "assets/surveys/$form.csv" "memcheck answer $n" >>"$WORK/run.script" ||
    fail "$form: could not turn the survey into a kiosk script"
done

# The small screen keeps the software renderer's share of valgrind's time down.
valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite \
  --errors-for-leak-kinds=definite --track-fds=no --log-file="$WORK/memcheck.log" \
  "$KIOSK" --data "$DATA" --headless --size 800x480 --script "$WORK/run.script" 2>"$WORK/run.err"
rc=$?
if [ "$rc" -ne 0 ]; then
  cat "$WORK/memcheck.log" >&2
  tail -n 5 "$WORK/run.err" >&2
  fail "memcheck: exit $rc (99: memory errors or definite leaks, above)"
fi
[ ! -s "$WORK/memcheck.log" ] || { cat "$WORK/memcheck.log" >&2; fail "memcheck reported something"; }
[ "$(responses)" -eq "$SESSIONS" ] || fail "expected $SESSIONS stored responses, found $(responses)"
echo "memcheck: $SESSIONS sessions, no errors, no definite leaks"
