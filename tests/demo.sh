#!/bin/sh
# make demo: the whole journey, headless, on made-up young people across two quarters.
#   council keys -> a provisioned kiosk with a worker PIN -> the council enrols it ->
#   per quarter: sessions on the kiosk (one a One Voice session run from worker mode), export,
#   import at the council, the receipt back on the kiosk -> the quarterly report and the
#   action plan's Progress and RAG columns; on the way one young person changes their mind and
#   a worker takes their answers back by the code the thank-you screen gave them.
# Usage: tests/demo.sh BUILD DIR   (everything goes under DIR, made afresh)
set -e
BUILD=${1:-build}
OUT=${2:-var/demo}
rm -rf "$OUT"
mkdir -p "$OUT"
. tests/scripts/lib.sh "$BUILD" "$OUT"
COUNCIL="$OUT/council"
DB="$OUT/council.db"

say() { printf '%s\n' "$*"; }

say "1. council keys, a kiosk, its worker PIN, enrolment"
"$SYNC" keygen --dir "$COUNCIL" --plain >/dev/null
echo "$PIN" | "$KIOSK" --data "$DATA" --set-pin >/dev/null
"$KIOSK" --data "$DATA" --council-key "$COUNCIL/council-box.pub" \
  --council-sign-key "$COUNCIL/council-sign.pub" status >/dev/null
"$SYNC" enrol --db "$DB" --name "Gateshead drop-in hub" "$DATA/kiosk-sign.pub"

# people QUARTER_DAYS...: writes a kiosk script of sessions by made-up young people, each on a
# day of the list, answering at random (SEED), one of them saying they don't feel safe.
people() {
  script=$1
  month=$2
  seed=$3
  : >"$script"
  n=0
  flagged=""
  for form in children_in_care care_leavers how_was_today children_in_care care_leavers \
    how_was_today children_in_care care_leavers children_in_care care_leavers how_was_today \
    children_in_care; do
    for k in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25; do
      n=$((n + 1))
      [ $((n % 5)) = 0 ] || continue # 1 in 5 of the slots above: about 60 people a quarter
      day=$(( (n % 27) + 1 ))
      printf 'date %s-%02d\n' "$month" "$day" >>"$script"
      unsafe=""
      if [ -z "$flagged" ] && [ "$form" = children_in_care ]; then
        unsafe=feel_safe
        flagged=1
      fi
      SEED=$((seed + n)) survey_script "assets/surveys/$form.csv" "" "" $unsafe >>"$script"
    done
  done
}

# one_voice DAY NAME: a worker starts a session, ten to fourteen young people give feedback.
one_voice() {
  script=$1
  day=$2
  name=$3
  seed=$4
  {
    printf 'date %s\nhold 20 20 3\nexpect screen pin\n' "$day"
    for d in $(echo "$PIN" | sed 's/./& /g'); do printf 'tap "%s"\n' "$d"; done
    # the quarter's young person who said they don't feel safe left a request for help: the
    # worker sees the alert first
    printf 'tap "OK"\nexpect screen worker-alert\nexpect text "someone"\n'
    printf 'tap "Seen: go to worker mode"\nexpect screen worker\n'
    printf 'tap "Start a session"\ntype "%s"\n' "$name"
    printf 'tap "Start session"\ntap "Back to welcome"\n'
    i=0
    while [ $i -lt $((10 + seed % 5)) ]; do
      SEED=$((seed * 100 + i)) survey_script assets/surveys/one_voice_session.csv ""
      i=$((i + 1))
    done
    printf 'hold 20 20 3\n'
    for d in $(echo "$PIN" | sed 's/./& /g'); do printf 'tap "%s"\n' "$d"; done
    printf 'tap "OK"\ntap "End session"\ntap "Back to welcome"\n'
  } >"$script"
}

quarter() {
  label=$1
  month=$2
  ov_day=$3
  ov_name=$4
  seed=$5
  say "2. $label: young people answer on the kiosk"
  people "$OUT/$label.script" "$month" "$seed"
  one_voice "$OUT/$label-ov.script" "$ov_day" "$ov_name" "$seed"
  "$KIOSK" --data "$DATA" --headless --script "$OUT/$label.script" 2>"$OUT/$label.log"
  "$KIOSK" --data "$DATA" --headless --script "$OUT/$label-ov.script" 2>>"$OUT/$label.log"
  say "   $(sqlite3 "$DATA/kiosk.db" 'SELECT count(*) FROM response') sealed responses on the kiosk"
  say "3. $label: export, import at the council, receipt back on the kiosk"
  "$KIOSK" --data "$DATA" export --out "$OUT/$label.bundle"
  "$SYNC" import --db "$DB" --keys "$COUNCIL" "$OUT/$label.bundle"
  "$KIOSK" --data "$DATA" import-receipt "$OUT/$label.bundle.receipt"
}

quarter 2026-Q2 2026-05 2026-05-12 "One Voice, 12 May" 1
quarter 2026-Q3 2026-08 2026-08-11 "One Voice, 11 August" 2

say "4. a young person changes their mind: their answers taken back by their code"
{
  echo 'date 2026-08-20'
  SEED=77 survey_script assets/surveys/children_in_care.csv "" |
    sed 's/^expect screen thanks$/expect screen thanks\nprint screen/'
} >"$OUT/changed-mind.script"
"$KIOSK" --data "$DATA" --headless --script "$OUT/changed-mind.script" >"$OUT/changed-mind.out" \
  2>>"$OUT/2026-Q3.log"
code=$(sed -n '/^Your code\./{n;p;}' "$OUT/changed-mind.out")
say "   the thank-you screen gave the code $code"
"$KIOSK" --data "$DATA" export --out "$OUT/changed-mind.bundle"
"$SYNC" import --db "$DB" --keys "$COUNCIL" "$OUT/changed-mind.bundle"
"$KIOSK" --data "$DATA" import-receipt "$OUT/changed-mind.bundle.receipt"
say "   $(sqlite3 "$DB" 'SELECT count(*) FROM response') responses at the council; a worker runs: chorus-sync withdraw $code"
"$SYNC" withdraw --db "$DB" --keys "$COUNCIL" "$code"
say "   $(sqlite3 "$DB" 'SELECT count(*) FROM response') responses at the council"

say "5. the report for the Corporate Parenting Committee, and the action plan"
"$SYNC" report --db "$DB" --period 2026-Q3 --out "$OUT/report"
cp tests/data/seeds/000_363d74e2aefedf3b.txt "$OUT/plan-before.tsv"
"$SYNC" plan --db "$DB" --period 2026-Q3 --in "$OUT/plan-before.tsv" --out "$OUT/plan.tsv"
say ""
say "The report: $OUT/report/report.html (and the CSV files beside it)"
say "The action plan with Progress and RAG filled in: $OUT/plan.tsv"
