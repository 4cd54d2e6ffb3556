#!/bin/sh
# The council end of the journey, on real files: young people answer on a kiosk (one of them
# says they don't feel safe, several write free text), the bundle is imported, then
# `chorus-sync report` and `chorus-sync plan` run on what was imported. Checks that the
# committee's HTML is one self-contained file with safety first and no free text or response
# id in it, that the workers' files have what the HTML must not, that figures from fewer than
# 10 young people show as c, and that `plan` fills a seed plan's measured rows only, passes a
# table without measures through byte for byte, and refuses a file with no table.
. tests/scripts/lib.sh
export LC_ALL=C
setup_kiosk
COUNCIL="$WORK/council"
DB="$WORK/council.db"
OUT="$WORK/report"

# session CSV TEXT SEED [UNSAFE]: one young person answers one survey on the kiosk.
session() {
  SEED=$3 survey_script "$1" "$2" "" "${4:-}" >"$WORK/s.script" || fail "could not script $1"
  "$KIOSK" --data "$DATA" --headless --script "$WORK/s.script" 2>"$WORK/s.err" ||
    { cat "$WORK/s.err"; fail "a session of $1 failed"; }
}

i=0
while [ "$i" -lt 11 ]; do
  session assets/surveys/children_in_care.csv "PLANTED-FREE-TEXT-$i" "$((500 + i))"
  i=$((i + 1))
done
session assets/surveys/children_in_care.csv "" 600 feel_safe
session assets/surveys/care_leavers.csv "PLANTED-FREE-TEXT-CL" 700
"$KIOSK" --data "$DATA" export --out "$WORK/a.bundle" >/dev/null || fail "export"
"$SYNC" enrol --db "$DB" --name hub "$DATA/kiosk-sign.pub" >/dev/null || fail "enrol"
"$SYNC" import --db "$DB" --keys "$COUNCIL" --receipts "$WORK" "$WORK/a.bundle" \
  >"$WORK/import.out" 2>&1 || { cat "$WORK/import.out"; fail "import"; }

# The kiosk stamps today's date: report this quarter.
PERIOD="$(date +%Y)-Q$((($(date +%m | sed 's/^0//') - 1) / 3 + 1))"
"$SYNC" report --db "$DB" --period "$PERIOD" --out "$OUT" >"$WORK/report.out" 2>&1 ||
  { cat "$WORK/report.out"; fail "report"; }
for f in report.html report.xlsx measures.csv participation.csv free-text.csv safety.csv; do
  [ -s "$OUT/$f" ] || fail "no $f"
done
H="$OUT/report.html"

# One file for the committee: nothing to fetch, nothing to run.
grep -qi '<script' "$H" && fail "report.html has a script"
grep -qiE 'src=|href=|url\(|@import|https?:' "$H" && fail "report.html refers to something outside it"
grep -q '@media print' "$H" || fail "report.html has no print styles"
grep -q '<svg' "$H" || fail "report.html has no chart"
# Safety first.
s=$(grep -n 'Safety first' "$H" | head -n 1 | cut -d: -f1)
m=$(grep -n '<h2>Measures' "$H" | head -n 1 | cut -d: -f1)
[ -n "$s" ] && [ -n "$m" ] && [ "$s" -lt "$m" ] || fail "safety flags are not first"
# What young people wrote and which response said what stay with the workers.
grep -q 'PLANTED-FREE-TEXT' "$H" && fail "free text reached the committee's report"
grep -q 'PLANTED-FREE-TEXT-3' "$OUT/free-text.csv" || fail "free text is missing from free-text.csv"
grep -q 'PLANTED-FREE-TEXT-CL' "$OUT/free-text.csv" || fail "care leavers' free text is missing"
for id in $(sqlite3 "$DB" 'SELECT hex(id) FROM response'); do
  lower=$(echo "$id" | tr 'A-F' 'a-f')
  grep -qi "$id" "$H" && fail "response id $lower is in report.html"
done
[ "$(tail -n +2 "$OUT/safety.csv" | wc -l)" = 1 ] || fail "safety.csv should list one flagged response"
grep -q 'feel_safe: no' "$OUT/safety.csv" || fail "safety.csv does not say what was flagged"
grep -q 'class="big">c<' "$H" || fail "one safety flag is not shown as c"
grep -q 'response in this period' "$H" && fail "the hidden safety count says it is one response"
grep -q 'fewer than 10 responses in this period' "$H" || fail "the safety count's words are missing"
[ "$(stat -c %a "$OUT/safety.csv")" = 600 ] || fail "safety.csv is readable by others"
[ "$(stat -c %a "$OUT/free-text.csv")" = 600 ] || fail "free-text.csv is readable by others"
# 13 responses: 1 care leaver is hidden, and so are the 12 children in care, or 13 - 12 would
# give the one away.
grep -q '^all,,All surveys,,13$' "$OUT/participation.csv" ||
  fail "the total is not 13: $(cat "$OUT/participation.csv")"
grep -q '^survey,care_leavers,Your life after care,,c$' "$OUT/participation.csv" ||
  fail "one care leaver is not hidden"
grep -q '^survey,children_in_care,Your life in care,,c$' "$OUT/participation.csv" ||
  fail "12 children in care are shown beside a total of 13 and a hidden 1"
grep -q ",$PERIOD,c,c," "$OUT/measures.csv" || fail "no measure of a small group is hidden"

# plan: the Gateshead seed gets notes on its measured rows only; North Tyneside has no Ref
# column and comes back as it was.
SEED=tests/data/seeds/000_363d74e2aefedf3b.txt
"$SYNC" plan --db "$DB" --in "$SEED" --out "$WORK/gateshead.tsv" --period "$PERIOD" \
  >"$WORK/plan.out" 2>&1 || { cat "$WORK/plan.out"; fail "plan"; }
changed=$(diff "$SEED" "$WORK/gateshead.tsv" | grep -c '^>')
[ "$changed" = 5 ] || fail "plan changed $changed lines, not the 5 measured rows"
diff "$SEED" "$WORK/gateshead.tsv" | grep '^>' | grep -qv "\[Chorus $PERIOD: " &&
  fail "a changed line has no Chorus note"
# 12 answered; the percentage shows only if at least 10 of them count (the answers are random).
grep -qE "^1\.1b	.*\[Chorus $PERIOD: [^]]*: ([0-9]+% of 12 who answered|not shown \(small numbers\))" \
  "$WORK/gateshead.tsv" || fail "1.1b has no figure: $(grep '^1\.1b' "$WORK/gateshead.tsv")"
# A table whose refs have no measures comes back byte for byte.
printf 'Ref\tAction\tProgress to date\tProgress RAG\r\n9.9\tx\t"a ""quoted"" note"\tRed\t\r\n' \
  >"$WORK/other.tsv"
"$SYNC" plan --db "$DB" --in "$WORK/other.tsv" --out "$WORK/other-out.tsv" --period "$PERIOD" \
  >/dev/null 2>&1 || fail "plan of a table without measures"
cmp -s "$WORK/other.tsv" "$WORK/other-out.tsv" || fail "a table without measures changed"
# North Tyneside's plan (tables with no Ref or RAG column) and Herefordshire's strategy (prose)
# are no action-plan tables: a clear error, and nothing written.
for seed in 001_68afd07b9d8cb547 002_4d5017d29381c6a6; do
  if "$SYNC" plan --db "$DB" --in "tests/data/seeds/$seed.txt" --out "$WORK/$seed.tsv" \
    --period "$PERIOD" >"$WORK/$seed.out" 2>&1; then
    fail "plan accepted $seed, which has no action-plan table"
  fi
  grep -q "^chorus-sync plan: tests/data/seeds/$seed.txt: no action-plan table found (needs Ref, progress and RAG columns)$" \
    "$WORK/$seed.out" || fail "plan's refusal of $seed does not say why: $(cat "$WORK/$seed.out")"
  [ -e "$WORK/$seed.tsv" ] && fail "plan wrote an output for $seed"
done
exit 0
