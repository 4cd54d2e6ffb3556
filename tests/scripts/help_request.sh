#!/bin/sh
# A request for help is committed the moment it is made, apart from the answers, and reaches a
# worker here and the council. A young person answers "No" to "Did you feel safe here today?",
# asks for someone to talk to them, adds a first name a worker here may see, and walks away:
# the idle wipe clears the draft (no response stored) but the request stays; the welcome
# screen's worker corner shows a small sign; worker mode opens with the alert (the count and
# the name, never an answer) and, once seen, the sign goes. A second young person's safety
# answer survives a SIGKILL right after the tap. The name is never on the kiosk's disk in
# plaintext. Export puts the requests in the bundle, import stores them in their own table,
# `chorus-sync help-requests` lists them newest first, and the receipt deletes them.
. tests/scripts/lib.sh
export LC_ALL=C
setup_kiosk
NAME=Zephyrine
q() { sqlite3 "$DATA/kiosk.db" "$1"; }
pin() { for d in $(echo "$PIN" | sed 's/./& /g'); do echo "tap \"$d\""; done; echo 'tap "OK"'; }
to_safety() {
  cat <<'S'
tap "Start"
tap "How was today?"
tap "Next"
tap "Next"
tap "Next"
expect text "Did you feel safe here today?"
tap "No"
expect screen safety
S
}

# --- asked, named, walked away; then a worker looks
{
  echo 'expect screen welcome'
  echo 'expect no-text "\342\200\242"'
  to_safety
  echo 'tap "I'"'"'d like someone to talk to me"'
  echo 'expect text "The workers here will see that someone asked to talk, but not who."'
  echo 'expect text "at once when this kiosk is online"'
  echo 'tap "Add my name or where to find me"'
  echo 'expect screen help-name'
  echo 'expect text "Can a worker here see your name?"'
  echo "type \"$NAME\""
  echo 'tap "Yes"'
  echo 'tap "Send my name"'
  echo 'expect screen safety'
  echo 'expect text "Saved. A worker here will see your name when they next check this kiosk"'
  echo 'advance 91'
  echo 'expect screen idle'
  echo 'advance 31'
  echo 'expect screen welcome'
  echo "expect no-text \"$NAME\""
  echo 'expect text "\342\200\242"'
  echo 'hold 20 20 3'
  echo 'expect screen pin'
  pin
  echo 'expect screen worker-alert'
  echo 'expect text "1 request for help since you last looked"'
  echo 'expect text "someone asked for someone to talk to them."'
  echo "expect text \"They left this for a worker here: \\\"$NAME\\\".\""
  echo 'expect no-text "Did you feel safe"'
  echo 'tap "Seen: go to worker mode"'
  echo 'expect screen worker'
} >"$WORK/asked.script"
run_script asked
[ "$(q 'SELECT count(*) FROM response')" -eq 0 ] || fail "the idle wipe left a response"
[ "$(q 'SELECT count(DISTINCT request) FROM help')" -eq 1 ] || fail "expected one request stored"
[ "$(q 'SELECT count(*) FROM help')" -eq 3 ] ||
  fail "expected 3 records (safety answer, talk, name), found $(q 'SELECT count(*) FROM help')"
grep -q "^chorus-kiosk: stopping: .*; 3 records of requests for help stored$" "$WORK/asked.err" ||
  fail "the stopping line does not count the 3 records: $(tail -n 2 "$WORK/asked.err")"
grep -q "stored a request" "$WORK/asked.err" && fail "a request was logged as it was made"
if grep -q -i "$NAME" "$WORK/asked.err"; then fail "the log holds the name"; fi

# --- seen: the next start shows no sign and opens worker mode without the alert
{
  echo 'expect screen welcome'
  echo 'expect no-text "\342\200\242"'
  echo 'hold 20 20 3'
  pin
  echo 'expect screen worker'
} >"$WORK/seen.script"
run_script seen

# --- changed their mind: a withdrawn record, and the alert says so
{
  to_safety
  echo 'tap "I'"'"'d like someone to talk to me"'
  echo 'tap "I'"'"'ve changed my mind"'
  echo 'expect text "We won'"'"'t ask anyone to talk to you."'
  echo 'expect text "I'"'"'d like someone to talk to me"'
  echo 'tap "Carry on"'
  echo 'expect screen question'
  echo 'advance 91'
  echo 'advance 31'
  echo 'expect screen welcome'
  echo 'hold 20 20 3'
  pin
  echo 'expect screen worker-alert'
  echo 'expect text "asked for someone to talk to them, then changed their mind"'
  echo 'tap "Seen: go to worker mode"'
} >"$WORK/undo.script"
run_script undo
[ "$(q 'SELECT count(DISTINCT request) FROM help')" -eq 2 ] || fail "expected two requests"

# --- SIGKILL right after the safety answer is tapped: the request is on disk
before=$(q 'SELECT count(*) FROM help')
{
  to_safety
  echo 'echo tapped'
  i=0
  while [ $i -lt 400 ]; do echo "shot busy"; i=$((i + 1)); done
  echo 'echo finished'
} >"$WORK/kill.script"
"$KIOSK" --data "$DATA" --headless --script "$WORK/kill.script" --shots "$WORK/shots" \
  >"$WORK/kill.out" 2>"$WORK/kill.err" &
kpid=$!
n=0
until grep -q tapped "$WORK/kill.out" 2>/dev/null; do
  n=$((n + 1))
  [ $n -lt 600 ] || { kill -9 $kpid; fail "the kiosk never reached the tap"; }
  sleep 0.05
done
kill -9 $kpid
wait $kpid 2>/dev/null
! grep -q finished "$WORK/kill.out" || fail "the kiosk finished before it was killed"
[ "$(q 'SELECT count(*) FROM help')" -eq $((before + 1)) ] ||
  fail "the request did not survive SIGKILL right after the tap"
[ "$(q 'SELECT count(*) FROM response')" -eq 0 ] || fail "a response was stored without Send"

# --- no plaintext of the name anywhere in the data folder (database, log, keys)
if grep -r -a -q "$NAME" "$DATA"; then fail "the name is on the kiosk's disk in plaintext"; fi

# --- export, import, list, receipt
"$KIOSK" --data "$DATA" export --out "$WORK/help.bundle" >"$WORK/export.out" ||
  fail "export: $(cat "$WORK/export.out")"
DB="$WORK/council.db"
"$SYNC" enrol --name hub --db "$DB" "$DATA/kiosk-sign.pub" >/dev/null || fail "enrol"
"$SYNC" import --db "$DB" --keys "$WORK/council" --surveys assets/surveys --receipts "$WORK" \
  "$WORK/help.bundle" >"$WORK/import.out" 2>&1 || fail "import: $(cat "$WORK/import.out")"
grep -q "new records of requests for help" "$WORK/import.out" ||
  fail "import did not count the requests: $(cat "$WORK/import.out")"
"$SYNC" help-requests --db "$DB" >"$WORK/list.out" || fail "help-requests failed"
[ "$(grep -c hub "$WORK/list.out")" -eq 3 ] || fail "expected 3 requests listed: $(cat "$WORK/list.out")"
sed -n 2p "$WORK/list.out" | grep -q "safety answer" ||
  fail "the newest request (killed kiosk) is not first: $(cat "$WORK/list.out")"
grep "$NAME" "$WORK/list.out" | grep -q "asked for someone to talk to them.*yes" ||
  fail "the named request is not listed with its say-so: $(cat "$WORK/list.out")"
grep -q "changed their mind" "$WORK/list.out" || fail "the withdrawn request is not listed"
sqlite3 "$DB" 'SELECT count(*) FROM response' | grep -qx 0 || fail "a request was stored as a response"
"$SYNC" import --db "$DB" --keys "$WORK/council" --surveys assets/surveys --receipts "$WORK" \
  "$WORK/help.bundle" >"$WORK/import2.out" 2>&1 || fail "re-import: $(cat "$WORK/import2.out")"
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM help_request')" -eq "$(q 'SELECT count(*) FROM help')" ] ||
  fail "a re-import changed the requests held"
"$KIOSK" --data "$DATA" --council-sign-key "$WORK/council/council-sign.pub" \
  import-receipt "$WORK/help.bundle.receipt" >"$WORK/receipt.out" 2>&1 ||
  fail "import-receipt: $(cat "$WORK/receipt.out")"
[ "$(q 'SELECT count(*) FROM help')" -eq 0 ] || fail "the receipt left requests on the kiosk"

# --- after the receipt took the requests away, a new one still raises the alert (the worker's
# 'seen' mark must not hide records numbered again from 1)
{
  echo 'expect screen welcome'
  to_safety
  echo 'expect screen safety'
  echo 'advance 91'
  echo 'advance 31'
  echo 'expect screen welcome'
  echo 'expect text "\342\200\242"'
  echo 'hold 20 20 3'
  echo 'expect screen pin'
  pin
  echo 'expect screen worker-alert'
  echo 'expect text "1 request for help since you last looked"'
  echo 'tap "Seen: go to worker mode"'
  echo 'expect screen worker'
} >"$WORK/after-receipt.script"
run_script after-receipt
echo "help_request: ok"
