#!/bin/sh
# Worker PIN: a long press on the welcome screen's top-left corner opens the PIN pad. Three
# wrong PINs are free; then the kiosk makes the worker wait (30 s, doubling), and from the 10th
# failure in a row it locks for 30 minutes, even across a restart, and even for the right PIN.
# With the right PIN a worker sees counts (never contents) and can start a named session from
# the on-screen keyboard; the welcome screen then shows it.
# slow: about 6 s of PIN tries across restarts;
# `make test-quick` leaves it out.
. tests/scripts/lib.sh
setup_kiosk

WRONG=135790

# wrong N: N wrong tries, each by tapping digits and OK, expecting "not right".
wrong() {
  i=0
  while [ "$i" -lt "$1" ]; do
    for d in $(echo "$WRONG" | sed 's/./& /g'); do echo "tap \"$d\""; done
    echo 'tap "OK"'
    echo 'expect screen pin'
    echo 'expect text "That PIN is not right."'
    i=$((i + 1))
  done
}
# digits PIN: the PIN tapped on the pad.
digits() { for d in $(echo "$1" | sed 's/./& /g'); do echo "tap \"$d\""; done; }

{
  echo 'expect screen welcome'
  echo '# a short press does nothing'
  echo 'hold 20 20 1'
  echo 'expect screen welcome'
  echo 'hold 20 20 3'
  echo 'expect screen pin'
  echo 'expect text "Worker mode. Type your PIN."'
  wrong 1
  echo 'expect text "2 more tries before a wait."'
  echo '# the message goes once the next PIN is being typed'
  echo 'tap "1"'
  echo 'expect no-text "That PIN is not right."'
  echo 'tap "Delete"'
  wrong 1
  echo 'expect text "1 more try before a wait."'
  echo 'expect no-text "Too many wrong PINs"'
  wrong 1
  echo 'expect text "Too many wrong PINs. You can try again in 0:30."'
  echo '# the 4th try is refused without being checked, even with the right PIN'
  digits "$WRONG"
  echo 'tap "OK"'
  echo 'expect screen pin'
  echo 'expect text "Please wait before trying again."'
  digits "$PIN"
  echo 'tap "OK"'
  echo 'expect screen pin'
  echo 'expect text "Please wait before trying again."'
  echo 'advance 10'
  echo 'expect text "You can try again in 0:20."'
  echo 'advance 21'
  echo 'expect screen pin'
  echo 'expect no-text "Too many wrong PINs"'
  echo '# the 4th failure: a minute; typed on a keyboard this time'
  echo "type \"$WRONG\""
  echo 'key enter'
  echo 'expect text "That PIN is not right."'
  echo 'expect text "You can try again in 1:00."'
  # Failures 5 to 10, each after its wait (doubling, at most 30 minutes). Past 90 s the PIN
  # screen goes idle and back to welcome, so open it again each time.
  for wait in 60 120 240 480 960 1800; do
    echo "advance $((wait + 1))"
    echo 'hold 20 20 3'
    echo 'expect screen pin'
    echo 'expect no-text "Too many wrong PINs"'
    wrong 1
  done
  echo 'expect text "Too many wrong PINs. You can try again in 30:00."'
  digits "$PIN"
  echo 'tap "OK"'
  echo 'expect text "Please wait before trying again."'
  echo 'expect screen pin'
} >"$WORK/wrong.script"
run_script wrong
[ "$(sqlite3 "$DATA/kiosk.db" "SELECT value FROM setting WHERE key = 'pin_failures'")" = 10 ] ||
  fail "after 10 wrong PINs the store does not count 10 failures"

# A restart (a new run on the same data folder) is still locked, even for the right PIN.
{
  echo 'hold 20 20 3'
  echo 'expect screen pin'
  echo 'expect text "Too many wrong PINs"'
  digits "$PIN"
  echo 'tap "OK"'
  echo 'expect screen pin'
  echo 'expect text "Please wait before trying again."'
  echo 'expect no-text "Worker mode"'
} >"$WORK/restart.script"
run_script restart

# Once the lockout has run out (on this run's clock, which starts at the real time), the right
# PIN opens worker mode and clears the failures.
until=$(sqlite3 "$DATA/kiosk.db" "SELECT value FROM setting WHERE key = 'pin_wait_until'")
left=$((until - $(date +%s)))
[ "$left" -gt 1700 ] || fail "the lockout after 10 failures is only $left s from now"
{
  echo "advance $((left + 5))"
  echo 'expect screen welcome'
  echo 'hold 20 20 3'
  echo 'expect screen pin'
  echo 'expect no-text "Too many wrong PINs"'
  digits "$PIN"
  echo 'tap "OK"'
  echo 'expect screen worker'
} >"$WORK/after.script"
run_script after
[ "$(sqlite3 "$DATA/kiosk.db" "SELECT value FROM setting WHERE key = 'pin_failures'")" = 0 ] ||
  fail "the right PIN did not clear the failure count"

# A fresh kiosk with the right PIN: worker mode, counts, a session started on the on-screen
# keyboard, shown on welcome, kept across a restart, and ended.
DATA="$WORK/kiosk2"
echo "$PIN" | "$KIOSK" --data "$DATA" --set-pin >/dev/null || fail "set-pin on a fresh kiosk"
"$KIOSK" --data "$DATA" --council-key "$WORK/council/council-box.pub" status >/dev/null ||
  fail "provisioning the fresh kiosk"
survey_script assets/surveys/how_was_today.csv "worker-must-not-see-this" >"$WORK/one.script" ||
  fail "could not script a session"
run_script one
{
  echo 'hold 20 20 3'
  echo 'expect screen pin'
  digits "$PIN"
  echo 'shot pin-typed'
  echo 'tap "OK"'
  echo 'expect screen worker'
  echo 'expect text "Responses on this kiosk: 1, not yet exported: 1"'
  echo 'expect text "How was today?: 1 stored"'
  echo 'expect no-text "worker-must-not-see-this"'
  echo 'expect text "No session running"'
  echo 'shot worker'
  echo 'tap "Start a session"'
  echo 'expect screen worker-session'
  echo 'expect text "Name this session"'
  for k in Shift O n e Space Shift V o i c e Space 1 2 Space Shift M a r c h; do
    echo "tap \"$k\""
  done
  echo 'expect text "One Voice 12 March"'
  echo 'shot worker-session'
  echo 'tap "Start session"'
  echo 'expect screen worker'
  echo 'expect text "Session: One Voice 12 March"'
  echo 'tap "Back to welcome"'
  echo 'expect screen welcome'
  echo 'expect text "Session: One Voice 12 March"'
  echo 'shot welcome-session'
} >"$WORK/worker.script"
run_script worker

cat >"$WORK/session-end.script" <<S
expect screen welcome
expect text "Session: One Voice 12 March"
hold 20 20 3
expect screen pin
type "$PIN"
key enter
expect screen worker
tap "End session"
expect text "No session running"
tap "Back to welcome"
expect screen welcome
expect no-text "Session:"
S
run_script session-end

# A child who locks staff out: the recovery code printed when the PIN was first set clears the
# lockout and lets a worker choose a new PIN; a wrong code is refused. Obvious PINs are refused.
DATA="$WORK/kiosk3"
out=$(echo "$PIN" | "$KIOSK" --data "$DATA" --set-pin) || fail "set-pin on a third kiosk"
code=$(echo "$out" | sed -n 's/^recovery code: \([0-9]*\)$/\1/p')
[ "${#code}" -eq 20 ] || fail "--set-pin printed no 20-digit recovery code: $out"
sqlite3 "$DATA/kiosk.db" "SELECT value FROM setting" | grep -q "$code" &&
  fail "the recovery code is stored in plain text"
out=$(echo "$PIN" | "$KIOSK" --data "$DATA" --set-pin) || fail "set-pin again"
echo "$out" | grep -q "recovery code" && fail "a second --set-pin printed a new recovery code"
for easy in 111111 123456 987654 121212 901234; do
  echo "$easy" | "$KIOSK" --data "$DATA" --set-pin >/dev/null 2>&1 &&
    fail "the obvious PIN $easy was accepted"
done
"$KIOSK" --data "$DATA" --council-key "$WORK/council/council-box.pub" status >/dev/null ||
  fail "provisioning the third kiosk"
{
  echo 'hold 20 20 3'
  echo 'expect screen pin'
  wrong 3
  for wait in 30 60 120 240 480 960 1800; do
    echo "advance $((wait + 1))"
    echo 'hold 20 20 3'
    echo 'expect screen pin'
    wrong 1
  done
  echo 'expect text "locked for 30 minutes"'
  echo 'tap "Recovery code"'
  echo 'expect screen recovery'
  digits 12345678901234567890
  echo 'tap "OK"'
  echo 'expect text "That recovery code is not right."'
  echo 'expect screen recovery'
  for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do echo 'tap "Delete"'; done
  digits "$code"
  echo 'shot recovery'
  echo 'tap "OK"'
  echo 'expect screen set-pin'
  digits 123456
  echo 'tap "OK"'
  echo 'expect text "too easy to guess"'
  digits 482915
  echo 'tap "OK"'
  digits 482915
  echo 'tap "OK"'
  echo 'expect screen welcome'
  echo 'hold 20 20 3'
  digits 482915
  echo 'tap "OK"'
  echo 'expect screen worker'
  echo '# Quit asks first'
  echo 'tap "Quit kiosk"'
  echo 'expect screen worker-quit'
  echo 'shot worker-quit'
  echo 'tap "Cancel"'
  echo 'expect screen worker'
  echo 'tap "Back to welcome"'
  echo 'expect screen welcome'
} >"$WORK/recovery.script"
run_script recovery
[ "$(sqlite3 "$DATA/kiosk.db" "SELECT value FROM setting WHERE key = 'pin_failures'")" = 0 ] ||
  fail "the recovery code did not clear the failures"
