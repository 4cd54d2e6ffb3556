#!/bin/sh
# Every shipped survey, answered start to finish as a young person would: each question
# screen is checked by its label, a choice is tapped on every select (never a safeguarding
# one), text questions are typed into, one question gets "I'd rather not say", then the review,
# Send and the thank-you screen. Each Send must add exactly one stored response for that form.
# Every question screen is saved as a shot (WORK/shots/FORM-NN.png) for a person to look at.
# slow: every shipped survey and a 1,001-letter answer typed (about 11 s);
# `make test-quick` leaves it out.
. tests/scripts/lib.sh
setup_kiosk

n=0
for csv in assets/surveys/*.csv; do
  form=$(survey_info "$csv" form_id)
  [ -n "$form" ] || fail "$csv: no form_id in its settings sheet"
  survey_script "$csv" "more trips out please" "$form" >"$WORK/$form.script" ||
    fail "$csv: could not turn the survey into a kiosk script"
  before=$(responses)
  run_script "$form"
  after=$(responses)
  [ "$after" -eq $((before + 1)) ] ||
    fail "$form: the count of stored responses went from $before to $after, not up by one"
  [ "$(form_responses "$form")" -eq 1 ] ||
    fail "$form: expected exactly 1 stored response for the form, found $(form_responses "$form")"
  # the log counts what was stored once, as the kiosk stops; no line says when (privacy_scan.sh)
  grep -q "^chorus-kiosk: stopping: 1 response stored, 0 drafts wiped when idle$" "$WORK/$form.err" ||
    fail "$form: the kiosk's log does not count the response: $(cat "$WORK/$form.err")"
  ls "$WORK/shots/$form"-01.png >/dev/null 2>&1 || fail "$form: no shot of the first question"
  n=$((n + 1))
done
[ "$n" -ge 1 ] || fail "no surveys in assets/surveys"
[ "$(responses)" -eq "$n" ] || fail "expected $n responses in all, found $(responses)"

# Typing: the on-screen keyboard (Shift, Space, Delete), a physical keyboard, the length limit
# and the number pad, on the XLSForm sample with a text and an integer question (the only
# survey in its folder, so Start opens it at once). A key that does nothing says why.
S="$WORK/typing-surveys"
mkdir -p "$S"
cp tests/data/xlsform-samples/text_and_integer.csv "$S/"
long=$(awk 'BEGIN { while (n++ < 1000) printf "a"; printf "b" }')
cat >"$WORK/typing.script" <<K
expect screen welcome
tap "Start"
expect screen question
expect text "What is your name?"
# the sample has no form_title: its form id names it
expect text "text_and_integer"
tap "Shift"
tap "S"
tap "a"
tap "m"
tap "Space"
tap "x"
tap "Delete"
tap "Delete"
expect text "Sam"
expect no-text "Sam "
type " O'Neil-2"
expect text "Sam O'Neil-2"
key backspace
key backspace
expect text "Sam O'Neil"
shot typing-text
tap "Next"
expect text "How many years old are you?"
type "1a"
expect text "Numbers only"
shot typing-number-refused
tap "4"
expect no-text "Numbers only"
expect text "14"
type "1234567890"
expect text "That's as long as an answer can be"
tap "Back"
expect text "What is your name?"
expect no-text "That's as long"
tap "Delete"
tap "Delete"
tap "Delete"
tap "Delete"
tap "Delete"
tap "Delete"
tap "Delete"
tap "Delete"
tap "Delete"
tap "Delete"
tap "Delete"
type "$long"
expect text "That's as long as an answer can be"
key backspace
expect no-text "That's as long as an answer can be"
tap "Next"
tap "Next"
expect screen review
expect text "14"
expect no-text "Sam"
tap "Send"
expect screen thanks
# the thank-you screen goes back to welcome by itself
advance 29
expect screen thanks
advance 2
expect screen welcome
# the worker's list names the untitled survey too
hold 20 20 3
type "$PIN"
key enter
expect screen worker
tap "Choose survey"
tap "text_and_integer"
expect screen worker
expect text "Survey: text_and_integer"
K
before=$(responses)
run_script typing --surveys "$S"
[ "$(responses)" -eq $((before + 1)) ] || fail "typing: the response was not stored"

# A long answer in bigger text and the easy-read font on the smallest screen: the field shows
# its last line, where the caret is; the review's "Read all" shows it all, a page at a time, cut
# between words, with Next and Back (the last page has no Next, and Back from the first goes
# back to the list).
words=$(awk 'BEGIN { s = "we would like more trips out and someone to listen to us ";
  while (length(o) < 1000) o = o s; printf "%s", substr(o, 1, 995) "END" }')
cat >"$WORK/long.script" <<K
tap "Choose how it looks"
tap "Bigger text"
tap "Easy-read font"
tap "Done"
tap "Start"
expect screen question
type "$words"
shot long-answer-typed
tap "Next"
tap "Next"
expect screen review
tap "Read all"
expect text "What is your name?"
expect text "we would like"
expect no-text "oEND"
shot long-answer-page-1
tap "Next"
expect no-text "oEND"
tap "Next"
expect text "oEND"
expect no-text "Next"
shot long-answer-page-3
tap "Back"
expect no-text "oEND"
tap "Back"
tap "Back"
expect text "Check your answers"
K
run_script long --surveys "$S" --size 800x480
