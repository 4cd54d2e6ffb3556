#!/bin/sh
# Survey files a kiosk may be given: a good one next to a broken one (an unsupported type, a
# broken relevant expression) makes the kiosk log FILE:ROW:COLUMN for each problem and offer the
# good survey; `chorus-sync check-survey` refuses the broken file the same way (exit 1), reads
# every real XLSForm sample either as ok or as FILE:ROW:COLUMN problems (never a crash), and
# neither program crashes on truncated or damaged copies of the shipped surveys. The same for
# workbooks (.xlsx, .xls): problems at FILE:SHEET!C12, pyxform's published samples, cut copies.
. tests/scripts/lib.sh
setup_kiosk

S="$WORK/surveys"
mkdir -p "$S"
cp assets/surveys/how_was_today.csv "$S/good.csv"
cat >"$S/broken.csv" <<'CSV'
survey,,,,
,type,name,label,relevant
,select_one yn,likes_school,Do you like school?,
,geopoint,where,Where are you?,
,text,why,Why?,${likes_school} = 'yes' and and
choices,,,,
,list_name,name,label,
,yn,yes,Yes,
,yn,no,No,
settings,,,,
,form_id,version,form_title,
,broken_form,1,A broken survey,
CSV
# the same form id twice: the second is skipped, by name
cp "$S/good.csv" "$S/good_again.csv"
printf '' >"$S/empty.csv"
head -c 2000 /dev/urandom >"$S/noise.csv"

# The kiosk starts, names each problem, and offers the one good survey (so Start goes straight
# to its first question).
cat >"$WORK/kiosk.script" <<'K'
expect screen welcome
expect no-text "There are no surveys"
tap "Start"
expect screen question
expect text "How old are you?"
expect no-text "A broken survey"
K
run_script kiosk --surveys "$S"
err="$WORK/kiosk.err"
grep -q "$S/broken.csv:4:2: type 'geopoint' asks the device for its location" "$err" ||
  fail "the kiosk did not report broken.csv:4:2 (the geopoint row); it said: $(cat "$err")"
grep -q "$S/broken.csv:5:5: relevant:" "$err" ||
  fail "the kiosk did not report broken.csv:5:5 (the broken relevant); it said: $(cat "$err")"
grep -q "$S/good_again.csv: skipped, form id how_was_today is already loaded" "$err" ||
  fail "the kiosk did not say it skipped the duplicate form id"
grep -q "$S/empty.csv:" "$err" || fail "the kiosk did not name the empty survey file"
grep -q "$S/noise.csv:" "$err" || fail "the kiosk did not name the noise file"

# Worker mode lists the files that were not shown, without the log.
cat >"$WORK/worker.script" <<K
expect screen welcome
hold 20 20 3
expect screen pin
type "$PIN"
key enter
expect screen worker
expect text "Survey file broken.csv does not load"
expect text "Survey file empty.csv does not load"
expect text "Survey file good_again.csv: skipped, form id how_was_today (version 2026110101) is already loaded"
K
run_script worker --surveys "$S"

# A copy with an older version of the same form id, named to sort first, does not replace the
# real survey: the newer version runs, whichever file comes first.
S2="$WORK/surveys-two-versions"
mkdir -p "$S2"
cp assets/surveys/how_was_today.csv "$S2/zz_real.csv"
sed 's/,how_was_today,2026110101,How was today?,/,how_was_today,2025010101,An old copy,/' \
  assets/surveys/how_was_today.csv >"$S2/aa_old_copy.csv"
grep -q "An old copy" "$S2/aa_old_copy.csv" || fail "could not make the old copy"
cat >"$WORK/versions.script" <<'K'
expect screen welcome
tap "Start"
expect screen question
expect text "How was today?"
expect no-text "An old copy"
K
run_script versions --surveys "$S2"
grep -q "zz_real.csv: form id how_was_today, version 2026110101, replaces version 2025010101" \
  "$WORK/versions.err" || fail "the kiosk did not say the newer version replaced the old copy"

# check-survey: the broken file is refused with FILE:ROW:COLUMN and exit 1.
out=$("$SYNC" check-survey "$S/broken.csv")
rc=$?
[ "$rc" -eq 1 ] || fail "check-survey on broken.csv exited $rc, not 1"
echo "$out" | grep -q "^$S/broken.csv:4:2: " || fail "check-survey did not print broken.csv:4:2: ($out)"
echo "$out" | grep -q "^$S/broken.csv:5:5: " || fail "check-survey did not print broken.csv:5:5: ($out)"
out=$("$SYNC" check-survey "$S/good.csv") || fail "check-survey refused the good survey: $out"
echo "$out" | grep -q ": ok: form how_was_today" || fail "check-survey did not say ok: $out"
# Metadata rows load and are named as not collected; over 50 problems, the last line says where
# the first one not shown is, in the same FILE:ROW:COLUMN form.
cat >"$WORK/meta.csv" <<'CSV'
survey,,,
,type,name,label
,start,start,
,deviceid,deviceid,
,start,start2,
,text,a,A
CSV
out=$("$SYNC" check-survey "$WORK/meta.csv") || fail "check-survey refused metadata rows: $out"
echo "$out" | grep -qx "$WORK/meta.csv: note: Chorus does not collect start, deviceid (metadata rows: accepted, never recorded)" ||
  fail "check-survey did not say the metadata is not collected: $out"
{ printf 'survey,,\n,type,name,label\n'; i=0; while [ $i -lt 60 ]; do printf ',bogus,q%d,Q\n' $i; i=$((i + 1)); done; } >"$WORK/many.csv"
out=$("$SYNC" check-survey "$WORK/many.csv")
[ "$(echo "$out" | wc -l)" -eq 51 ] || fail "check-survey printed $(echo "$out" | wc -l) lines for 60 problems, not 50 and one more"
echo "$out" | tail -n 1 | grep -q "^$WORK/many.csv:53:2: more problems from here on are not shown" ||
  fail "the last line of a capped list is not FILE:ROW:COLUMN: $(echo "$out" | tail -n 1)"

# Real XLSForm samples: ok or problems, never a crash (a signal shows as an exit code > 128).
for f in tests/data/xlsform-samples/*.csv; do
  out=$("$SYNC" check-survey "$f" 2>&1)
  rc=$?
  case $rc in
  0) echo "$out" | grep -q "^$f: ok: " || fail "check-survey $f exited 0 without 'ok': $out" ;;
  1) echo "$out" | grep -q "^$f:[0-9][0-9]*:[0-9][0-9]*: " ||
       fail "check-survey $f exited 1 without a FILE:ROW:COLUMN: line: $out" ;;
  *) fail "check-survey $f exited $rc (crash?): $out" ;;
  esac
done
out=$("$SYNC" check-survey tests/data/xlsform-samples/text_and_integer.csv) ||
  fail "text_and_integer.csv is refused: $out"
echo "$out" | grep -q ": ok: " || fail "text_and_integer.csv is not ok: $out"

# The same for the workbooks as published (.xlsx, .xls): ok, or problems at FILE:SHEET!C12 (or
# FILE:SHEET row 12, or FILE:0:0 for the whole file), never a crash; cut short, refused by name.
n=0
for f in tests/data/xlsform-samples/*.xlsx tests/data/xlsform-samples/*.xls; do
  n=$((n + 1))
  out=$("$SYNC" check-survey "$f" 2>&1)
  rc=$?
  case $rc in
  0) echo "$out" | grep -q "^$f: ok: " || fail "check-survey $f exited 0 without 'ok': $out" ;;
  1) echo "$out" | grep -qE "^$f:([^!]+![A-Z]+[0-9]+|[^!]+ row [0-9]+|0:0): " ||
       fail "check-survey $f exited 1 without a FILE:SHEET!A1: line: $out" ;;
  *) fail "check-survey $f exited $rc (crash?): $out" ;;
  esac
  size=$(wc -c <"$f")
  cut="$WORK/cut-$(basename "$f")"
  head -c $((size / 2)) "$f" >"$cut"
  out=$("$SYNC" check-survey "$cut" 2>&1)
  rc=$?
  [ "$rc" -eq 1 ] || fail "check-survey exited $rc on $f cut in half: $out"
  echo "$out" | grep -q "^$cut:" || fail "the cut copy of $f is refused without its name: $out"
done
[ "$n" -ge 10 ] || fail "only $n workbook samples were checked"
for f in text_and_integer.xlsx text_and_integer.xls yes_or_no_question.xlsx yes_or_no_question.xls; do
  out=$("$SYNC" check-survey "tests/data/xlsform-samples/$f") || fail "$f is refused: $out"
  echo "$out" | grep -q ": ok: form ${f%%.*} " || fail "$f is not ok: $out"
done
# The kiosk offers a survey published as a workbook, and names a broken or cut-short one at its
# sheet and cell (or the whole file).
S3="$WORK/surveys-workbooks"
mkdir -p "$S3"
cp tests/data/xlsform-samples/text_and_integer.xlsx tests/data/xlsform-samples/sms_info.xls "$S3/"
head -c 3000 tests/data/xlsform-samples/yes_or_no_question.xlsx >"$S3/cut.xlsx"
cat >"$WORK/workbooks.script" <<'K'
expect screen welcome
tap "Start"
expect screen question
expect text "What is your name?"
K
run_script workbooks --surveys "$S3"
grep -q "$S3/sms_info.xls:survey!A10: type 'geopoint' asks the device for its location" "$WORK/workbooks.err" ||
  fail "the kiosk did not name sms_info.xls's geopoint at survey!A10: $(cat "$WORK/workbooks.err")"
grep -q "$S3/cut.xlsx:0:0: not a readable .xlsx workbook" "$WORK/workbooks.err" ||
  fail "the kiosk did not name the cut-short workbook: $(cat "$WORK/workbooks.err")"
out=$("$SYNC" check-survey tests/data/xlsform-samples/sms_info.xls)
echo "$out" | grep -q "^tests/data/xlsform-samples/sms_info.xls:survey!A10: type 'geopoint' asks the device for its location" ||
  fail "sms_info.xls's geopoint is not named at survey!A10: $out"

# Damaged copies of every shipped survey and sample: cut short at every 71st byte, and with a
# quote, a comma, a newline or a NUL byte dropped in there. The survey fuzz target's replay
# loads each in one process as check-survey and the kiosk do (survey_parse), checking what a
# refused or loaded survey must be; a crash names the copy.
out=$("$BUILD/tests/test_fuzz_survey" --damaged 71 assets/surveys/*.csv tests/data/xlsform-samples/*.csv) ||
  fail "a damaged survey broke the survey reader: $out"
n=$(echo "$out" | sed -n 's/^\([0-9]*\) inputs replayed$/\1/p')
[ "${n:-0}" -gt 500 ] || fail "only ${n:-no} damaged copies were tried: $out"

# check-survey itself on a few of them: refused or ok, never a crash.
D="$WORK/damaged"
mkdir -p "$D"
for f in assets/surveys/*.csv tests/data/xlsform-samples/*.csv; do
  base=$(basename "$f" .csv)
  size=$(wc -c <"$f")
  for cut in 1 $((size / 3)) $((size / 2)) $((size - 1)); do
    [ "$cut" -ge 1 ] || continue
    head -c "$cut" "$f" >"$D/$base-cut$cut.csv"
    "$SYNC" check-survey "$D/$base-cut$cut.csv" >/dev/null 2>&1
    rc=$?
    [ "$rc" -le 1 ] || fail "check-survey exited $rc on $f cut to $cut bytes"
  done
done

# The kiosk starts on a folder of damaged copies too (it logs them and carries on).
echo 'expect screen welcome' >"$WORK/damaged.script"
"$KIOSK" --data "$DATA" --headless --script "$WORK/damaged.script" --surveys "$D" \
  >/dev/null 2>"$WORK/damaged.err"
rc=$?
[ "$rc" -eq 0 ] || fail "the kiosk exited $rc on a folder of damaged surveys: $(tail -5 "$WORK/damaged.err")"
