#!/bin/sh
# `chorus-sync records`, the analyst tier, over a real council database: young people answer on
# the kiosk (dated into 2026-Q3, some writing free text), more responses come from bundles made
# by tests/tools/mkbundle (a select_multiple survey in Q3, another survey in Q2), and a revoked
# kiosk's responses are set aside. Checks that a CSV file a survey holds exactly the responses
# of the period that count (row for row against the database), a column a question and a
# column a choice of a select_multiple, free text only with --free-text, the record-level line
# first, mode 0600, no file replaced without --force, no link written through, a committee
# report's folder refused, a bad period refused by name; and that the workbook has the same.
. tests/scripts/lib.sh
export LC_ALL=C
setup_kiosk
COUNCIL="$WORK/council"
DB="$WORK/council.db"
MK="$BUILD/tests/tools/mkbundle"
A="$WORK/analyst"
mkdir -p "$A"
q() { sqlite3 "$DB" "$1"; }

# Three young people on the kiosk in August 2026, two of them writing free text.
: >"$WORK/s.script"
for i in 1 2 3; do
  text=""
  [ "$i" -lt 3 ] && text="PLANTED-RECORD-TEXT-$i"
  printf 'date 2026-08-%02d\n' "$((i + 3))" >>"$WORK/s.script"
  SEED=$((40 + i)) survey_script assets/surveys/how_was_today.csv "$text" >>"$WORK/s.script" ||
    fail "could not script a session"
done
run_script s
"$KIOSK" --data "$DATA" export --out "$WORK/k.bundle" >/dev/null || fail "export"
"$SYNC" enrol --db "$DB" --name hub "$DATA/kiosk-sign.pub" >/dev/null || fail "enrol"

# A second kiosk: 40 of my_life in Q3 and 25 of how_was_today in Q2.
"$MK" --kiosk "$WORK/k2" --council-key "$COUNCIL/council-box.pub" --survey assets/surveys/my_life.csv \
  --count 40 --from 2026-07-01 --days 92 --seed 5 --out "$WORK/b1.bundle" >/dev/null || fail "mkbundle b1"
"$MK" --kiosk "$WORK/k2" --council-key "$COUNCIL/council-box.pub" --survey assets/surveys/how_was_today.csv \
  --count 25 --from 2026-04-01 --days 91 --seed 6 --sequence 2 --out "$WORK/b2.bundle" >/dev/null ||
  fail "mkbundle b2"
"$SYNC" enrol --db "$DB" --name second "$WORK/k2/kiosk-sign.pub" >/dev/null || fail "enrol second"
# A third kiosk, revoked after its 7 Q3 responses came in: they are set aside.
"$MK" --kiosk "$WORK/k3" --council-key "$COUNCIL/council-box.pub" --survey assets/surveys/how_was_today.csv \
  --count 7 --from 2026-07-01 --days 92 --seed 7 --out "$WORK/b3.bundle" >/dev/null || fail "mkbundle b3"
"$SYNC" enrol --db "$DB" --name stolen "$WORK/k3/kiosk-sign.pub" >/dev/null || fail "enrol stolen"
for b in k b1 b2 b3; do
  "$SYNC" import --db "$DB" --keys "$COUNCIL" --receipts "$WORK" "$WORK/$b.bundle" >"$WORK/import.out" 2>&1 ||
    { cat "$WORK/import.out"; fail "import $b"; }
done
"$SYNC" revoke --db "$DB" stolen --from 0 >/dev/null || fail "revoke"
[ "$(q "SELECT count(*) FROM response WHERE aside IS NOT NULL")" -eq 7 ] || fail "the 7 are not set aside"

Q3="day >= '2026-07-01' AND day <= '2026-09-30'"
# rows FILE: the data rows of a CSV file the records command wrote (after its line and header).
rows() { tail -n +3 "$1" | wc -l; }

# ---- CSV, without free text ----
"$SYNC" records --db "$DB" --period 2026-Q3 --out "$A/q3.csv" >"$WORK/r.out" 2>&1 ||
  { cat "$WORK/r.out"; fail "records"; }
grep -q "records of 2026-Q3: 43 responses" "$WORK/r.out" || fail "records said: $(cat "$WORK/r.out")"
for form in $(ls assets/surveys | sed 's/\.csv$//'); do
  f="$A/q3-$form.csv"
  [ -f "$f" ] || fail "no $f"
  [ "$(stat -c %a "$f")" = 600 ] || fail "$f is mode $(stat -c %a "$f"), not 600"
  want=$(q "SELECT count(*) FROM counted_response WHERE form_id = '$form' AND $Q3")
  [ "$(rows "$f")" -eq "$want" ] || fail "$f has $(rows "$f") rows, the period $want responses"
  head -n 1 "$f" | grep -q '^.\{0,3\}RECORD-LEVEL DATA NOT SUPPRESSED: only for people covered by a data-sharing agreement' ||
    fail "$f does not start with the record-level line: $(head -n 1 "$f")"
done
[ "$(stat -c %a "$A/q3-codebook.csv")" = 600 ] || fail "the codebook is not 0600"
H="$A/q3-how_was_today.csv"
# the ids are the counted responses of the period, and no other (not the revoked kiosk's)
q "SELECT lower(hex(id)) FROM counted_response WHERE form_id = 'how_was_today' AND $Q3 ORDER BY 1" >"$WORK/want.ids"
tail -n +3 "$H" | cut -d, -f1 | sort >"$WORK/got.ids"
cmp -s "$WORK/want.ids" "$WORK/got.ids" || fail "the rows are not the period's counted responses"
for id in $(q "SELECT lower(hex(id)) FROM response WHERE aside IS NOT NULL"); do
  grep -rq "$id" "$A" && fail "a set-aside response ($id) is in the records"
done
grep -q 'could_be_better' "$H" && fail "the free-text column is there without --free-text"
grep -rq 'PLANTED-RECORD-TEXT' "$A" && fail "free text reached the records without --free-text"
grep -q '^response,day,form_version,language,session,age_band,today_rating,staff_listened,felt_safe_here$' "$H" ||
  fail "how_was_today's header: $(sed -n 2p "$H")"
# a select_multiple: a column a choice, 1 or 0 (or declined) in every answered row
M="$A/q3-my_life.csv"
mq=$(sed -n 2p "$M" | tr ',' '\n' | grep -c '/')
[ "$mq" -gt 1 ] || fail "my_life's select_multiple has no column a choice: $(sed -n 2p "$M")"
col=$(sed -n 2p "$M" | tr ',' '\n' | grep -n '/' | head -n 1 | cut -d: -f1)
bad=$(tail -n +3 "$M" | cut -d, -f"$col" | grep -cvE '^(0|1|\(declined\)|)$')
[ "$bad" -eq 0 ] || fail "a choice column holds something other than 1, 0 or (declined)"
tail -n +3 "$M" | cut -d, -f"$col" | grep -qE '^[01]$' || fail "no choice column holds 1 or 0"
# choice names in the cells, their words in the codebook
grep -q ',today_rating,.*,really_good,Really good$' "$A/q3-codebook.csv" ||
  fail "the codebook has no choice label for today_rating"

# ---- refused: the same files again, a link, a committee's folder, a bad period ----
before=$(sha256sum "$H")
"$SYNC" records --db "$DB" --period 2026-Q3 --out "$A/q3.csv" >"$WORK/r2.out" 2>&1 && fail "replaced without --force"
grep -q "q3-care_leavers.csv: already exists; not replaced (--force replaces it)" "$WORK/r2.out" ||
  fail "the refusal said: $(cat "$WORK/r2.out")"
[ "$(sha256sum "$H")" = "$before" ] || fail "a refused run changed a file"
"$SYNC" records --db "$DB" --period 2026-Q3 --out "$A/q3.csv" --force --free-text >"$WORK/r3.out" 2>&1 ||
  { cat "$WORK/r3.out"; fail "records --force"; }
grep -q 'PLANTED-RECORD-TEXT-1' "$H" || fail "free text is missing with --free-text"
grep -q ',could_be_better$' "$H" || fail "the free-text column is missing with --free-text"
[ "$(stat -c %a "$H")" = 600 ] || fail "a replaced file is not 0600"

echo keep >"$WORK/target"
ln -s "$WORK/target" "$A/link.xlsx"
"$SYNC" records --db "$DB" --period 2026-Q3 --out "$A/link.xlsx" >"$WORK/r4.out" 2>&1 && fail "wrote through a link"
[ "$(cat "$WORK/target")" = keep ] || fail "the link's target changed"

"$SYNC" report --db "$DB" --period 2026-Q3 --out "$WORK/committee" --draft >/dev/null 2>&1 || fail "report"
mkdir -p "$WORK/committee/extra"
for out in "$WORK/committee/r.xlsx" "$WORK/committee/extra/r.csv"; do
  "$SYNC" records --db "$DB" --period 2026-Q3 --out "$out" >"$WORK/r5.out" 2>&1 && fail "wrote into a committee folder"
  grep -q "holds a committee report (report.html): record-level data never goes beside it" "$WORK/r5.out" ||
    fail "the committee refusal said: $(cat "$WORK/r5.out")"
done
[ -z "$(find "$WORK/committee" -name 'r*.csv' -o -name 'r.xlsx')" ] || fail "something was written in the committee folder"

"$SYNC" records --db "$DB" --period 2026-Q5 --out "$A/bad.csv" >"$WORK/r6.out" 2>&1
[ $? -eq 2 ] || fail "a bad period is not a usage error"
grep -q "records: --period: '2026-Q5' is not a period" "$WORK/r6.out" || fail "the bad period said: $(cat "$WORK/r6.out")"
"$SYNC" records --db "$DB" --period 2026-Q3 --out "$A/bad.txt" >"$WORK/r7.out" 2>&1 && fail "wrote a .txt"
grep -q "bad.txt: the name must end in .xlsx or .csv" "$WORK/r7.out" || fail "the bad name said: $(cat "$WORK/r7.out")"
"$SYNC" records --db "$WORK/none.db" --period 2026-Q3 --out "$A/x.csv" >"$WORK/r8.out" 2>&1 && fail "no database"
grep -q "none.db: no council database here" "$WORK/r8.out" || fail "the missing database said: $(cat "$WORK/r8.out")"
[ -e "$WORK/none.db" ] && fail "a missing database was made"
ls "$A" | grep -q '^bad\|^x-' && fail "a refused run left a file"

# and the other way: a committee report never goes beside records, CSV or workbook
for f in q3-my_life.csv; do
  mkdir -p "$WORK/mixed-$f"
  cp "$A/$f" "$WORK/mixed-$f/" 2>/dev/null || :
done
"$SYNC" report --db "$DB" --period 2026-Q3 --out "$WORK/mixed-q3-my_life.csv" >"$WORK/rp.out" 2>&1 &&
  fail "report wrote beside records"
grep -q "q3-my_life.csv is record-level data (chorus-sync records): a committee report never goes beside it" "$WORK/rp.out" ||
  fail "report's refusal said: $(cat "$WORK/rp.out")"
[ -e "$WORK/mixed-q3-my_life.csv/report.html" ] && fail "report.html was written beside records"

# ---- the workbook ----
umask 022
"$SYNC" records --db "$DB" --period 2026-Q3 --out "$A/q3.xlsx" >"$WORK/r9.out" 2>&1 ||
  { cat "$WORK/r9.out"; fail "records xlsx"; }
X="$A/q3.xlsx"
[ "$(stat -c %a "$X")" = 600 ] || fail "the workbook is mode $(stat -c %a "$X")"
[ "$(head -c 2 "$X")" = PK ] || fail "the workbook is not a zip"
ls -a "$A" | grep -q '^\.q3\.xlsx\.' && fail "the private folder was left behind"
unzip -p "$X" xl/workbook.xml | grep -q '<sheet name="notes"' || fail "no notes sheet"
for form in how_was_today my_life codebook; do
  unzip -p "$X" xl/workbook.xml | grep -q "<sheet name=\"$form\"" || fail "no $form sheet"
done
unzip -p "$X" xl/sharedStrings.xml | grep -q 'RECORD-LEVEL DATA NOT SUPPRESSED' || fail "the workbook lacks the record-level line"
unzip -p "$X" xl/sharedStrings.xml | grep -q 'PLANTED-RECORD-TEXT' && fail "free text in the workbook without --free-text"
unzip -p "$X" 'xl/worksheets/*.xml' | grep -q '<f>' && fail "a formula in the workbook"
for id in $(q "SELECT lower(hex(id)) FROM response WHERE aside IS NOT NULL"); do
  unzip -p "$X" xl/sharedStrings.xml | grep -q "$id" && fail "a set-aside response ($id) is in the workbook"
done
unzip -p "$X" xl/sharedStrings.xml | grep -q "$(head -n 1 "$WORK/want.ids")" || fail "a Q3 response is not in the workbook"
mkdir -p "$WORK/mixed-xlsx"
cp "$X" "$WORK/mixed-xlsx/Q3.XLSX"
runs=$(q "SELECT count(*) FROM publication")
"$SYNC" report --db "$DB" --period 2026-Q3 --out "$WORK/mixed-xlsx" >"$WORK/rp2.out" 2>&1 &&
  fail "report wrote beside a records workbook"
grep -q "Q3.XLSX is record-level data" "$WORK/rp2.out" || fail "report's refusal said: $(cat "$WORK/rp2.out")"
[ "$(q "SELECT count(*) FROM publication")" = "$runs" ] || fail "a refused report was recorded as published"
echo "records: 43 responses of 2026-Q3 in a file a survey and a workbook, 0600; free text only when asked; refusals named"
