#!/bin/sh
# Walking away: after 90 s without a touch the kiosk asks "Are you still there?" with a visible
# countdown; "I'm still here" goes back to the same question with the answers kept; 30 s more
# and the draft is wiped and the kiosk is back on welcome. The next young person (and one who
# leaves by tapping Back from the first question) must never see earlier answers.
# Selection is checked by comparing shots: the same screen, drawn with and without an answer.
. tests/scripts/lib.sh
setup_kiosk

cat >"$WORK/idle.script" <<'S'
expect screen welcome
tap "Start"
expect screen choose
tap "How was today?"
expect screen question
expect text "How old are you?"
shot age-blank
tap "16 or 17"
tap "Next"
expect text "How was today?"
shot today-blank
tap "Good"
tap "Next"
expect text "Did the staff listen to you today?"
shot staff-blank
tap "Yes"
shot staff-yes
# 89 s without a touch: still answering
advance 89
expect screen question
expect text "Did the staff listen to you today?"
# 91 s: the kiosk asks, and counts down
advance 2
expect screen idle
expect text "Are you still there?"
expect text "we will clear them in 29 seconds"
advance 10
expect screen idle
expect text "we will clear them in 19 seconds"
shot idle
tap "I'm still here"
expect screen question
expect text "Did the staff listen to you today?"
shot staff-after-idle
tap "Next"
tap "Next"
expect text "What could we do better next time?"
type "idle-secret-words"
expect text "idle-secret-words"
# Walk away for good: asked at 90 s, wiped 31 s later
advance 90
expect screen idle
expect no-text "idle-secret-words"
advance 31
expect screen welcome
expect no-text "idle-secret-words"
# The next young person
tap "Start"
expect screen choose
tap "How was today?"
expect screen question
expect text "How old are you?"
shot age-next
tap "Next"
shot today-next
tap "Next"
expect text "Did the staff listen to you today?"
shot staff-next
tap "Next"
tap "Next"
expect text "What could we do better next time?"
expect no-text "idle-secret-words"
tap "Next"
expect screen review
expect text "Not answered"
expect no-text "16 or 17"
expect no-text "Good"
expect no-text "Yes"
expect no-text "idle-secret-words"
shot review-next
S
run_script idle

# Leaving by Back from the first question wipes the draft too.
cat >"$WORK/back.script" <<'S'
expect screen welcome
tap "Start"
tap "How was today?"
expect screen question
tap "18 to 20"
tap "Next"
tap "Bad"
tap "Next"
tap "No"
tap "Back"
tap "Back"
expect text "How old are you?"
shot age-before-leaving
tap "Back"
expect screen choose
tap "How was today?"
expect screen question
expect text "How old are you?"
shot age-after-back
tap "Next"
shot today-after-back
tap "Next"
shot staff-after-back
tap "Next"
tap "Next"
tap "Next"
expect screen review
expect text "Not answered"
expect no-text "18 to 20"
expect no-text "Bad"
S
run_script back

S="$WORK/shots"
same() { cmp -s "$S/$1.png" "$S/$2.png" || fail "$3 (shots $1 and $2 differ)"; }
differ() { cmp -s "$S/$1.png" "$S/$2.png" && fail "$3 (shots $1 and $2 are the same)"; true; }

differ staff-blank staff-yes "a chosen answer is not shown as chosen"
same staff-yes staff-after-idle "after \"I'm still here\" the chosen answer was not kept"
same age-blank age-next "the next young person sees an answer on \"How old are you?\""
same today-blank today-next "the next young person sees an answer on \"How was today?\""
same staff-blank staff-next "the next young person sees an answer on the staff question"
differ age-blank age-before-leaving "the age answer is not shown before leaving"
same age-blank age-after-back "after Back from the first question, the age answer is still shown"
same today-blank today-after-back "after Back from the first question, an answer is still shown"
same staff-blank staff-after-back "after Back from the first question, an answer is still shown"

grep -q "^chorus-kiosk: stopping: 0 responses stored, [1-9][0-9]* drafts\{0,1\} wiped when idle$" "$WORK/idle.err" ||
  fail "the kiosk's log does not count the idle wipe: $(cat "$WORK/idle.err")"
[ "$(responses)" -eq 0 ] || fail "nothing was sent, yet $(responses) responses are stored"

# The countdown's last second reads as English.
cat >"$WORK/last.script" <<'S'
tap "Start"
tap "How was today?"
advance 90
expect screen idle
expect text "in 30 seconds"
advance 29
expect text "in 1 second."
advance 1
expect screen welcome
S
run_script last
