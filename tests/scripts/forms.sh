#!/bin/sh
# What real XLSForms use, on the young person's screens (tests/data/kinds/what_forms_use.csv):
# ${name} in labels, hints and choice labels shows the answer it names, never "${"; a failed
# `constraint` holds Next with its constraint_message (or the kiosk's own kind words), and
# "I'd rather not say" is never held back; a required question says its required_message; a
# calculated and a read-only question are notes showing their values, never typed into and
# never sent; a `default` is the answer a question starts with. The response is exported,
# imported and read back at the council.
. tests/scripts/lib.sh
setup_kiosk
mkdir -p "$WORK/surveys"
cp tests/data/kinds/what_forms_use.csv "$WORK/surveys/"

cat >"$WORK/forms.script" <<'S'
never-text "${"
tap "Start"
expect text "What should we call you?"
type "Sam"
tap "Next"
expect text "How old are you, Sam?"
type "5"
tap "Next"
expect screen question
expect text "Please give an age from 8 to 25, Sam."
key enter
expect text "Please give an age from 8 to 25, Sam."
key backspace
expect no-text "Please give an age"
type "14"
tap "Next"
expect text "Thanks, Sam. You said you are 14."
tap "Next"
expect text "Years until you are 18"
expect text "4"
expect no-text "I'd rather not say"
tap "Next"
expect text "Where do you live?"
expect text "Gateshead"
tap "Next"
expect text "Sam: tap one."
expect text "With Sam's foster family"
expect text "Please pick one: it helps us plan."
tap "I'd rather not say"
expect no-text "Please pick one"
tap "Next"
expect text "How many times have you come here?"
expect text "2"
tap "Next"
expect text "What do you like here, Sam?"
tap "Games"
tap "Food"
tap "Trips"
tap "Next"
expect text "That answer doesn't fit this question."
expect text "What do you like here, Sam?"
tap "Trips"
expect no-text "That answer doesn't fit"
tap "Next"
expect screen review
expect text "How old are you, Sam?"
shot forms-review
tap "Send"
expect screen thanks
S
run_script forms --surveys "$WORK/surveys"
[ "$(responses)" -eq 1 ] || fail "expected one stored response, found $(responses)"

# A constraint is never beaten by going back to the review, and declining is never blocked.
cat >"$WORK/decline.script" <<'S'
never-text "${"
tap "Start"
tap "Next"
expect text "How old are you, ?"
type "99"
tap "Next"
expect text "Please give an age from 8 to 25, ."
tap "I'd rather not say"
tap "Next"
expect screen question
expect text "Thanks, . You said you are ."
S
run_script decline --surveys "$WORK/surveys"

# At the council: the answers as given; the note, the calculated and the read-only values are
# never sent.
DB="$WORK/council.db"
"$KIOSK" --data "$DATA" export --out "$WORK/k.bundle" >/dev/null || fail "export"
"$SYNC" enrol --db "$DB" --name hub "$DATA/kiosk-sign.pub" >/dev/null || fail "enrol"
"$SYNC" import --db "$DB" --keys "$WORK/council" --surveys "$WORK/surveys" --receipts "$WORK" \
  "$WORK/k.bundle" >"$WORK/import.out" 2>&1 || { cat "$WORK/import.out"; fail "import"; }
got=$(sqlite3 "$DB" "SELECT question || '=' || kind || ':' || value FROM answer ORDER BY response, pos" |
  tr '\n' ' ')
want="nick=2:Sam age=3:14 stay=0: visits=3:2 likes=1:games likes=1:food "
[ "$got" = "$want" ] || fail "the council holds '$got', expected '$want'"

# ---- the new kinds of question (tests/data/kinds/new_kinds.csv) ----
# decimal on a number pad with a point (its constraint enforced), range as a row of buttons and
# as a stepper, acknowledge and trigger as one button, date and time on pickers (never typed;
# the time picker starts at noon whatever the clock says), or_other's "Other" opening a typed
# answer; then exported, imported, and counted by a measure over a decimal and a date range.
rm -rf "$WORK/surveys" && mkdir -p "$WORK/surveys"
cp tests/data/kinds/new_kinds.csv "$WORK/surveys/"
cat >"$WORK/kinds.script" <<'S'
date 2026-08-04
never-text "${"
tap "Start"
expect text "How tall are you, in metres?"
tap "9"
tap "Next"
expect text "Please give your height in metres: between 0.5 and 2.5."
tap "Delete"
tap "."
tap "7"
tap "5"
expect text "0.75"
tap "Delete"
tap "Delete"
tap "Delete"
tap "Delete"
tap "1"
tap "."
tap "7"
tap "5"
expect text "1.75"
tap "Next"
expect text "How are you today, from 0 to 10?"
tap "7"
tap "Next"
expect text "How many hours did you sleep?"
expect text "—"
tap "+"
expect text "0"
tap "+10"
tap "+"
expect text "5.5"
tap "Next"
expect text "I know I can stop at any time."
expect text "This question needs an answer to go on."
tap "OK"
tap "Next"
expect text "Tap OK when you are ready."
tap "Next"
expect text "When did you move here?"
expect no-text "2026"
tap-nth 1 "+"
expect text "04"
expect text "08"
expect text "2026"
tap-nth 1 "+"
tap-nth 2 "-"
tap-nth 1 "-10"
expect text "05"
expect text "07"
expect text "2016"
tap "Next"
expect text "What time do you usually go to sleep?"
advance 61
tap-nth 1 "+"
expect text "12"
expect text "00"
tap-nth 1 "+"
tap-nth 1 "+10"
tap-nth 1 "+10"
tap-nth 2 "+"
expect text "13"
expect text "21"
tap "Next"
expect text "Where do you live?"
tap "Other"
tap "Next"
expect text "What is it? You can write it here."
type "A hostel"
tap "Next"
expect text "You moved here on 2016-07-05, sleep at 13:21, and live: Other A hostel."
tap "Next"
expect text "Which places matter most to you?"
expect text "Tap them in order: the one that matters most first."
tap "Library"
expect text "1. Library"
tap "Park"
expect text "2. Park"
tap "1. Library"
expect text "1. Park"
expect no-text "2. Park"
tap "Youth club"
tap "Library"
expect text "3. Library"
tap "Next"
expect screen review
tap "More answers"
expect text "Park, Youth club, Library"
tap "Send"
expect screen thanks
S
run_script kinds --surveys "$WORK/surveys"
"$KIOSK" --data "$DATA" export --out "$WORK/k2.bundle" >/dev/null || fail "export the new kinds"
"$SYNC" import --db "$DB" --keys "$WORK/council" --surveys "$WORK/surveys" --receipts "$WORK" \
  "$WORK/k2.bundle" >"$WORK/import2.out" 2>&1 || { cat "$WORK/import2.out"; fail "import the new kinds"; }
got=$(sqlite3 "$DB" "SELECT a.question || '=' || a.kind || ':' || a.value FROM answer a
  JOIN response r ON r.ref = a.response WHERE r.form_id = 'new_kinds' ORDER BY a.response, a.pos" | tr '\n' ' ')
want="height=4:1.75 mood=4:7 hours=4:5.5 rules=7:OK moved=5:2016-07-05 bed=6:13:21 lives=1:other lives_other=2:A hostel order=8:park youth_club library "
[ "$got" = "$want" ] || fail "the council holds '$got', expected '$want'"

# ---- choice_filter (tests/data/kinds/choice_filter.csv) ----
# Only the choices the filter lets through are offered; an answer whose choice is no longer
# offered (the region changed) is neither shown in the review nor sent.
rm -rf "$WORK/surveys" && mkdir -p "$WORK/surveys"
cp tests/data/kinds/choice_filter.csv "$WORK/surveys/"
cat >"$WORK/filter.script" <<'S'
never-text "${"
tap "Start"
tap "North"
tap "Next"
expect text "Which town?"
expect text "Newcastle"
expect no-text "Durham"
expect no-text "Darlington"
tap "Gateshead"
tap "Next"
expect text "Any other towns you go to?"
expect text "Newcastle"
expect no-text "Gateshead"
tap "Newcastle"
tap "Next"
expect screen review
expect text "Gateshead"
tap "Back"
tap "Back"
tap "Back"
expect text "Which part of the county do you live in?"
tap "South"
tap "Next"
expect text "Durham"
expect no-text "Gateshead"
tap "Next"
expect text "Gateshead"
tap "Next"
expect screen review
expect no-text "Gateshead"
tap "Send"
expect screen thanks
S
run_script filter --surveys "$WORK/surveys"
"$KIOSK" --data "$DATA" export --out "$WORK/k3.bundle" >/dev/null || fail "export the filtered"
"$SYNC" import --db "$DB" --keys "$WORK/council" --surveys "$WORK/surveys" --receipts "$WORK" \
  "$WORK/k3.bundle" >"$WORK/import3.out" 2>&1 || { cat "$WORK/import3.out"; fail "import the filtered"; }
got=$(sqlite3 "$DB" "SELECT a.question || '=' || a.kind || ':' || a.value FROM answer a
  JOIN response r ON r.ref = a.response WHERE r.form_id = 'towns' ORDER BY a.response, a.pos" | tr '\n' ' ')
want="region=1:south also=1:newcastle "
[ "$got" = "$want" ] || fail "the council holds '$got', expected '$want'"

# ---- repeats (tests/data/kinds/repeats.csv) ----
# A repeat counted by the young person's own answer is asked that many times, each time on its
# own screen with its number; a repeat_count of 2 twice; ${x} and position(..) inside mean
# this time's. Each time's answers travel under their own names (school_1, school_2...).
rm -rf "$WORK/surveys" && mkdir -p "$WORK/surveys"
cp tests/data/kinds/repeats.csv "$WORK/surveys/"
cat >"$WORK/repeats.script" <<'S'
never-text "${"
never-text "position(..)"
tap "Start"
type "2"
tap "Next"
expect text "Brother or sister (1)"
expect text "Does number 1 go to school?"
tap "Yes"
expect text "You said Yes for number 1."
tap "Next"
expect text "Brother or sister (2)"
tap "No"
expect text "You said No for number 2."
tap "Next"
expect no-text "Brother or sister (3)"
expect text "Where did you go?"
type "park"
tap "Next"
expect text "Where did you go?"
type "town"
tap "Next"
expect screen review
tap "Send"
expect screen thanks
S
run_script repeats --surveys "$WORK/surveys"
"$KIOSK" --data "$DATA" export --out "$WORK/k4.bundle" >/dev/null || fail "export the repeats"
"$SYNC" import --db "$DB" --keys "$WORK/council" --surveys "$WORK/surveys" --receipts "$WORK" \
  "$WORK/k4.bundle" >"$WORK/import4.out" 2>&1 || { cat "$WORK/import4.out"; fail "import the repeats"; }
got=$(sqlite3 "$DB" "SELECT a.question || '=' || a.kind || ':' || a.value FROM answer a
  JOIN response r ON r.ref = a.response WHERE r.form_id = 'repeats' ORDER BY a.response, a.pos" | tr '\n' ' ')
want="kids=3:2 school_1=1:yes school_2=1:no where_1=2:park where_2=2:town "
[ "$got" = "$want" ] || fail "the council holds '$got', expected '$want'"

# ---- measures over a range, in the committee's report ----
cat >"$WORK/measures.csv" <<'M'
ref,plan,workstream,measure,kind,form_id,question,counts,denominator,target,amber,period
9.1,Test plan,,Tall enough for the climbing wall,percent,new_kinds,height,1.5..2,answered,50,40,quarter
9.2,Test plan,,Moved in 2016,count,new_kinds,moved,2016-01-01..2016-12-31,,3,1,quarter
M
"$SYNC" report --db "$DB" --surveys tests/data/kinds --measures "$WORK/measures.csv" \
  --period 2026-Q3 --out "$WORK/report" --draft >"$WORK/report.out" 2>&1 ||
  { cat "$WORK/report.out"; fail "report with measures over a range"; }
grep -q "counting answers from 1.5 to 2" "$WORK/report/report.html" ||
  fail "the report does not say which decimals the measure counts"
grep -q "counting answers from 2016-01-01 to 2016-12-31" "$WORK/report/report.html" ||
  fail "the report does not say which days the measure counts"
# one young person: this quarter's figures of these measures are c, never 1
for ref in 9.1 9.2; do
  grep -q "^Test plan,$ref,.*,2026-Q3,c,c," "$WORK/report/measures.csv" ||
    fail "measure $ref of one young person is not suppressed: $(cat "$WORK/report/measures.csv")"
done

# ---- record-level data: the new kinds as numbers and as written ----
mkdir -p "$WORK/rec"
"$SYNC" records --db "$DB" --surveys tests/data/kinds --period 2026-Q3 --free-text \
  --out "$WORK/rec/records.csv" >"$WORK/records.out" 2>&1 || { cat "$WORK/records.out"; fail "records"; }
rec="$WORK/rec/records-new_kinds.csv"
[ -f "$rec" ] || fail "no records file for new_kinds: $(ls "$WORK/rec")"
for v in 1.75 2016-07-05 13:21 "park youth_club library" "A hostel"; do
  grep -q "$v" "$rec" || fail "records-new_kinds.csv does not hold '$v': $(cat "$rec")"
done

# ---- the pickers on a group's screen (tests/data/kinds/grouped_kinds.csv) ----
# Where a picker's rows do not fit (800x480, three questions to a screen), its value is a field
# that opens the picker on a screen of its own; Done goes back to the group.
rm -rf "$WORK/surveys" && mkdir -p "$WORK/surveys"
cp tests/data/kinds/grouped_kinds.csv "$WORK/surveys/"
cat >"$WORK/grouped.script" <<'S'
date 2026-08-04
tap "Start"
expect text "About when"
tap-nth 1 "—"
expect text "When did you move?"
expect text "Day"
expect no-text "Rather not say"
tap-nth 1 "+"
tap-nth 3 "+"
tap "Done"
expect text "About when"
expect text "2027-08-04"
tap "Next"
expect text "A bit more"
tap "OK"
tap "Next"
expect screen review
tap "Send"
expect screen thanks
S
run_script grouped --surveys "$WORK/surveys" --size 800x480
"$KIOSK" --data "$DATA" export --out "$WORK/k5.bundle" >/dev/null || fail "export the grouped"
"$SYNC" import --db "$DB" --keys "$WORK/council" --surveys "$WORK/surveys" --receipts "$WORK" \
  "$WORK/k5.bundle" >"$WORK/import5.out" 2>&1 || { cat "$WORK/import5.out"; fail "import the grouped"; }
got=$(sqlite3 "$DB" "SELECT a.question || '=' || a.kind || ':' || a.value FROM answer a
  JOIN response r ON r.ref = a.response WHERE r.form_id = 'grouped_kinds' ORDER BY a.response, a.pos" |
  tr '\n' ' ')
[ "$got" = "d=5:2027-08-04 ok=7:OK " ] || fail "the council holds '$got'"

# ---- a date's month-year and year appearances (tests/data/kinds/dates.csv) ----
# Only what is asked is picked: a month and year keep the 1st, a year its 1 January.
rm -rf "$WORK/surveys" && mkdir -p "$WORK/surveys"
cp tests/data/kinds/dates.csv "$WORK/surveys/"
cat >"$WORK/dates.script" <<'S'
date 2026-08-04
tap "Start"
expect text "Month"
expect no-text "Day"
tap-nth 1 "+"
expect text "08"
tap-nth 1 "-"
expect text "07"
tap "Next"
expect text "Year"
expect no-text "Month"
tap "+"
tap "-10"
expect text "2016"
tap "Next"
expect screen review
expect text "2026-07-01"
expect text "2016-01-01"
tap "Send"
expect screen thanks
S
run_script dates --surveys "$WORK/surveys"
