#!/bin/sh
# Taking answers back by the receipt code, end to end on real files. Young people answer on a
# kiosk and each reads their code on the thank-you screen (letters and digits for the older
# ones, four pictures for a 4 to 7 survey). The bundle is imported and a report published.
# Then: a worker withdraws one response by its letters (`chorus-sync withdraw CODE`) and one by
# its pictures; a young person takes one back on the kiosk ("Take my answers back"), and another
# takes theirs back on the kiosk before their answers ever left it (the request travels in the
# same bundle and keeps the response out). Each is gone from the council's store and from the
# next report; the code of each is no longer held. A wrong code (its check character wrong) is
# refused kindly and changes nothing; the same code again says nothing is held; the next
# report's figures never differ from the published ones by 1 to 9 young people (the ledger);
# the kiosk takes no more than 10 codes a day.
. tests/scripts/lib.sh
export LC_ALL=C
setup_kiosk
COUNCIL="$WORK/council"
DB="$WORK/council.db"
codes="$WORK/codes"
: >"$codes"
q() { sqlite3 "$DB" "$1"; }

# session CSV SEED: one young person answers, and their code is added to $codes.
session() {
  SEED=$2 survey_script "$1" "" >"$WORK/s.script" || fail "could not script $1"
  sed -i 's/^expect screen thanks$/expect screen thanks\nexpect text "Your code."\nprint screen/' \
    "$WORK/s.script"
  "$KIOSK" --data "$DATA" --headless --script "$WORK/s.script" >"$WORK/s.out" 2>"$WORK/s.err" ||
    { cat "$WORK/s.err"; fail "a session of $1 failed"; }
  line=$(sed -n '/^Your code\./{n;p;}' "$WORK/s.out")
  [ -n "$line" ] || fail "no code on the thank-you screen of $1"
  echo "$line" >>"$codes"
}

i=0
while [ "$i" -lt 24 ]; do
  session assets/surveys/children_in_care.csv "$((800 + i))"
  i=$((i + 1))
done
session assets/surveys/little_voices.csv 900
# Letter codes: 4-4-3 letters and digits; the 4 to 7 survey's: four pictures, no letters.
head -n 24 "$codes" | grep -vqE '^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{3}$' &&
  fail "a letter code is not in its groups: $(head -n 24 "$codes" | tr '\n' ' ')"
pics=$(sed -n 25p "$codes")
[ "$(echo "$pics" | awk "{ print NF }")" -eq 4 ] || fail "the 4 to 7 survey's code is not four pictures: $pics"
echo "$pics" | grep -q '[A-Z0-9]' && fail "the 4 to 7 survey's code has letters: $pics"
[ "$(sort -u "$codes" | wc -l)" -eq 25 ] || fail "two young people were given the same code"
# The code is sealed inside the response: never in the kiosk's files.
c1=$(sed -n 1p "$codes")
for f in "$DATA"/*; do
  [ -f "$f" ] || continue
  grep -qF "$c1" "$f" && fail "the code $c1 is in $(basename "$f") in plaintext"
  grep -qF "$(echo "$c1" | tr -d -)" "$f" && fail "the code $c1 is in $(basename "$f")"
done

"$KIOSK" --data "$DATA" export --out "$WORK/a.bundle" >/dev/null || fail "export"
"$SYNC" enrol --db "$DB" --name hub "$DATA/kiosk-sign.pub" >/dev/null || fail "enrol"
import() {
  "$SYNC" import --db "$DB" --keys "$COUNCIL" --receipts "$WORK" "$1" >"$WORK/import.out" 2>&1 ||
    { cat "$WORK/import.out"; fail "import $1"; }
}
import "$WORK/a.bundle"
[ "$(q 'SELECT count(*) FROM response')" -eq 25 ] || fail "25 responses were not imported"
[ "$(q 'SELECT count(*) FROM receipt_code')" -eq 25 ] || fail "not every code is held"
# Held as a keyed hash: the code itself is in no column.
sqlite3 "$DB" .dump | grep -qF "$(echo "$c1" | tr -d -)" && fail "the code is in the database"

PERIOD="$(date +%Y)-Q$((($(date +%m | sed 's/^0//') - 1) / 3 + 1))"
report() {
  "$SYNC" report --db "$DB" --period "$PERIOD" --out "$WORK/$1" >"$WORK/$1.out" 2>&1 ||
    { cat "$WORK/$1.out"; fail "report $1"; }
}
report r1

# --- a wrong code: its check character does not fit. Refused kindly, nothing changed.
before=$(sqlite3 "$DB" 'SELECT count(*) FROM response; SELECT count(*) FROM answer' | tr '\n' ' ')
last=$(echo "$c1" | tail -c 2)
other=$(echo 0123456789ABCDEFGHJKMNPQRSTVWXYZ | tr -d "$last" | cut -c1)
wrong="$(echo "$c1" | sed 's/.$//')$other"
if "$SYNC" withdraw --db "$DB" --keys "$COUNCIL" "$wrong" >"$WORK/w.out" 2>"$WORK/w.err"; then
  fail "a wrong code was taken"
fi
grep -q "that is not a receipt code" "$WORK/w.err" || { cat "$WORK/w.err"; fail "no kind refusal"; }
grep -q "Nothing was changed" "$WORK/w.err" || fail "the refusal does not say nothing changed"
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM response; SELECT count(*) FROM answer' | tr '\n' ' ')" = "$before" ] ||
  fail "a wrong code changed the store"

# --- a worker withdraws by the letters, any case, without dashes
lower=$(echo "$c1" | tr -d - | tr 'A-Z' 'a-z')
"$SYNC" withdraw --db "$DB" --keys "$COUNCIL" "$lower" >"$WORK/w.out" 2>&1 ||
  { cat "$WORK/w.out"; fail "withdraw by letters"; }
grep -q "^withdrawn:" "$WORK/w.out" || { cat "$WORK/w.out"; fail "withdraw did not say so"; }
[ "$(q 'SELECT count(*) FROM response')" -eq 24 ] || fail "the response is still held"
[ "$(q 'SELECT count(*) FROM answer WHERE response NOT IN (SELECT ref FROM response)')" -eq 0 ] ||
  fail "answers of a withdrawn response are left"
[ "$(q 'SELECT count(*) FROM receipt_code')" -eq 24 ] || fail "the code is still held"
# The same code again: nothing held, said so, nothing changed.
"$SYNC" withdraw --db "$DB" --keys "$COUNCIL" "$c1" >"$WORK/w.out" 2>&1 || fail "withdraw again"
grep -q "no answers the council holds have this code" "$WORK/w.out" ||
  { cat "$WORK/w.out"; fail "a code used twice was not told kindly"; }
[ "$(q 'SELECT count(*) FROM response')" -eq 24 ] || fail "a second withdraw changed the store"

# --- by the four pictures, as the pictures themselves
# shellcheck disable=SC2086
"$SYNC" withdraw --db "$DB" --keys "$COUNCIL" $pics >"$WORK/w.out" 2>&1 ||
  { cat "$WORK/w.out"; fail "withdraw by pictures"; }
grep -q "^withdrawn:" "$WORK/w.out" || fail "withdraw by pictures did not say so"
[ "$(q "SELECT count(*) FROM response WHERE form_id = 'little_voices'")" -eq 0 ] ||
  fail "the 4 to 7 response is still held"

# --- on the kiosk: one sent before, and one answered now and taken back at once
c2=$(sed -n 2p "$codes")
session assets/surveys/children_in_care.csv 950
c3=$(tail -n 1 "$codes")
take() {
  cat <<S
expect screen welcome
tap "Take my answers back"
expect screen take-back
tap "Letters and numbers"
type "$1"
tap "Take them back"
expect text "Thank you. This goes to the council."
shot take-back-$2
tap "Finish"
expect screen welcome
S
}
{ take "$c2" 1; take "$c3" 2; } >"$WORK/take.script"
run_script take
[ "$(form_responses '')" -eq 2 ] || fail "the kiosk did not store 2 requests to take answers back"
"$KIOSK" --data "$DATA" export --out "$WORK/b.bundle" >/dev/null || fail "export 2"
import "$WORK/b.bundle"
[ "$(q 'SELECT count(*) FROM response')" -eq 22 ] ||
  fail "responses held after the kiosk's requests: $(q 'SELECT count(*) FROM response'), not 22"
[ "$(q 'SELECT count(*) FROM withdrawal')" -eq 4 ] || fail "not every request is kept"
# The response answered and taken back came in the same bundle: never stored; bringing the
# first bundle again stores none of the withdrawn ones.
import "$WORK/a.bundle"
[ "$(q 'SELECT count(*) FROM response')" -eq 22 ] || fail "a withdrawn response came back"

# --- the next report: without them, and nothing derivable against the one published
report r2
# Each figure the same as published, or c, or at least 10 away: a difference of 1 to 9 would
# say how many took their answers back, and so whose. (24 young people answered Your life in
# care and 2 of them took theirs back: its 24 now reads c.)
same_or_far() {
  paste -d '|' "$WORK/r1/$1" "$WORK/r2/$1" >"$WORK/both.csv"
  awk -F'|' '
    { split($1, a, ","); split($2, b, ",")
      for (k = 1; k in a; k++)
        if (a[k] ~ /^[0-9]+$/ && b[k] ~ /^[0-9]+$/ && a[k] != b[k]) {
          d = a[k] - b[k]; if (d < 0) d = -d
          if (d < 10) { print "line " NR ": " a[k] " then " b[k]; bad = 1 }
        }
    }
    END { exit bad }' "$WORK/both.csv" || fail "a figure of $1 moved by fewer than 10 after a withdrawal"
}
same_or_far measures.csv
same_or_far participation.csv
grep -q '^survey,children_in_care,Your life in care,,24' "$WORK/r1/participation.csv" ||
  fail "the first report does not count 24"
grep -q '^survey,children_in_care,Your life in care,,c' "$WORK/r2/participation.csv" ||
  fail "the report after withdrawals shows a figure that tells how many took answers back"

# --- the kiosk takes 10 codes a day, then kindly no more
: >"$WORK/take.script"
n=2
while [ "$n" -lt 11 ]; do
  c=$(sed -n "$((n + 1))p" "$codes")
  if [ "$n" -lt 10 ]; then
    take "$c" "n$n" >>"$WORK/take.script"
  else
    cat >>"$WORK/take.script" <<S
tap "Take my answers back"
tap "Letters and numbers"
type "$c"
tap "Take them back"
expect text "This kiosk can't take more codes today."
tap "Finish"
S
  fi
  n=$((n + 1))
done
run_script take
[ "$(form_responses '')" -eq 10 ] || fail "requests stored today: $(form_responses ''), not 10"
exit 0
