#!/bin/sh
# A young person who says they are not safe: the answer marked safeguarding opens the safety
# screen (who can help right now: an adult here, Childline 0800 1111), "I'd like someone to
# talk to me" is acknowledged, "Carry on" returns to the same question, and the rest of the
# survey is answered and sent. The response is stored once; its flags are sealed with the
# answers (test_screens opens them with the council key), and the kiosk's log must not say
# that a concern was raised, nor in which survey.
. tests/scripts/lib.sh
setup_kiosk

for pair in children_in_care:feel_safe care_leavers:feel_safe how_was_today:felt_safe_here; do
  form=${pair%%:*}
  q=${pair#*:}
  csv=assets/surveys/$form.csv
  [ -f "$csv" ] || fail "$csv is missing"
  survey_script "$csv" "" "$form" "$q" >"$WORK/$form.script" ||
    fail "$csv: could not turn the survey into a kiosk script"
  before=$(responses)
  run_script "$form"
  [ "$(responses)" -eq $((before + 1)) ] ||
    fail "$form: expected one more stored response after Send, found $(responses) (was $before)"
  grep -q "^chorus-kiosk: stopping: 1 response stored" "$WORK/$form.err" ||
    fail "$form: the log does not count the response: $(cat "$WORK/$form.err")"
  if grep -q -i -e safety -e "$form" "$WORK/$form.err"; then
    fail "$form: the log says more than that a response was stored"
  fi
done

# "Carry on" alone (no request to talk) also goes back to the question, and the safety screen
# is not a dead end when the young person walks away from it.
cat >"$WORK/walkaway.script" <<'S'
tap "Start"
tap "How was today?"
tap "Next"
tap "Next"
tap "Next"
expect text "Did you feel safe here today?"
tap "No"
expect screen safety
expect no-text "The workers here will see that someone asked to talk"
tap "Carry on"
expect screen question
expect text "Did you feel safe here today?"
tap "No"
expect screen safety
advance 91
expect screen idle
advance 31
expect screen welcome
S
before=$(responses)
run_script walkaway
[ "$(responses)" -eq "$before" ] || fail "walking away from the safety screen stored a response"
# ... but the safety answer itself, a request for help, was committed the moment it was tapped
# and outlives the idle wipe (tests/scripts/help_request.sh follows it to a worker and the
# council).
helps=$(sqlite3 "$DATA/kiosk.db" 'SELECT count(DISTINCT request) FROM help')
[ "$helps" -ge 4 ] || fail "expected a request for help from each young person, found $helps"
