#!/bin/sh
# A stolen kiosk harms only itself, and one damaged record never blocks the rest, with real
# kiosks, real bundles and chorus-sync on one council database:
#   1. a thief holding kiosk A's key squats kiosk B's response ids (answers of their own under
#      B's ids) and replays B's sealed records as A's, all imported before B's own bundles: B's
#      responses are still stored, counted and receipted; revoking A from its first stolen
#      bundle leaves exactly B's in the report;
#   2. kiosk C is revoked from a point in its history: what came in its bundles from there is
#      set aside (kept, listed by `bundles`, not in the report), its later bundles are refused,
#      and its bundle from before the theft, found later, imports with --before-revocation;
#   3. one damaged record among many: damaged on the kiosk's disk (set aside there, counted in
#      status and worker mode, never exported) and damaged in a bundle its kiosk signed (kept
#      aside in the council's quarantine, not receipted): every other record travels, stored
#      and receipted;
#   4. a 500 MB bundle (sparse) from a key nobody enrolled is refused from its first bytes, at
#      once and in little memory; an enrolled kiosk's file over the 512 MiB limit too;
#   5. a busy database is said to be busy (exit 75), never "refused", and nothing changes.
# Each part prints how many attempts it made.
# slow: a thief's bundles, revocation, damaged records, a 500 MB bundle (about 6 s);
# `make test-quick` leaves it out.
. tests/scripts/lib.sh
setup_kiosk
export LC_ALL=C
COUNCIL="$WORK/council"
DB="$WORK/council.db"
MK="$BUILD/tests/tools/mkbundle"
B="$DATA"
import() { "$SYNC" import --db "$DB" --keys "$COUNCIL" --receipts "$WORK" "$@"; }
q() { sqlite3 "$DB" "$1"; }
dbsum() { sqlite3 "$DB" .dump | sha256sum; }

# kiosk DIR NAME: a provisioned kiosk in DIR, enrolled at the council as NAME.
kiosk() {
  echo "$PIN" | "$KIOSK" --data "$1" --set-pin >/dev/null || fail "$2: set-pin"
  "$KIOSK" --data "$1" --council-key "$COUNCIL/council-box.pub" \
    --council-sign-key "$COUNCIL/council-sign.pub" status >/dev/null || fail "$2: provisioning"
  "$SYNC" enrol --db "$DB" --name "$2" "$1/kiosk-sign.pub" >/dev/null || fail "$2: enrol"
}

# sessions DIR N SEED: N sessions of how_was_today on the kiosk in DIR, on a day of 2026-Q2.
sessions() {
  echo "date 2026-05-1$(( $3 % 10 ))" >"$WORK/s.script"
  i=0
  while [ "$i" -lt "$2" ]; do
    SEED=$(($3 + i)) survey_script assets/surveys/how_was_today.csv "" >>"$WORK/s.script" ||
      fail "could not script a session"
    i=$((i + 1))
  done
  "$KIOSK" --data "$1" --headless --script "$WORK/s.script" 2>"$WORK/s.err" ||
    { cat "$WORK/s.err"; fail "the sessions failed"; }
}

# imported FILE WANT: import FILE, which must succeed and say WANT.
imported() {
  import "$@" >"$WORK/last.out" 2>"$WORK/last.err" ||
    fail "import $*: $(cat "$WORK/last.out" "$WORK/last.err")"
  grep -q "$WANT" "$WORK/last.out" || fail "import $*: expected '$WANT', got: $(cat "$WORK/last.out")"
}

# refused FILE REASON [options]: import must refuse FILE, say REASON, change nothing.
refused() {
  file=$1
  reason=$2
  shift 2
  before=$(dbsum)
  if import "$@" "$file" >"$WORK/last.out" 2>"$WORK/last.err"; then
    fail "$file was imported: $(cat "$WORK/last.out")"
  fi
  grep -q "^$file: refused: .*$reason" "$WORK/last.err" ||
    fail "$file: expected 'refused: ...$reason', got: $(cat "$WORK/last.err")"
  [ "$(dbsum)" = "$before" ] || fail "$file: refused, but the council database changed"
}

# report_total: the responses the 2026-Q2 report counts (participation.csv's "All surveys").
report_total() {
  rm -rf "$WORK/report"
  # a draft: a check of what is counted, not a publication (nothing recorded in the ledger)
  "$SYNC" report --draft --db "$DB" --period 2026-Q2 --out "$WORK/report" >"$WORK/report.out" 2>&1 ||
    fail "report: $(cat "$WORK/report.out")"
  awk -F, '$1 == "all" { gsub(/\r/, "", $5); print $5 }' "$WORK/report/participation.csv"
}

# receipt_holds FILE: how many ids the receipt FILE lists, as kiosk B reads it (any kiosk's
# receipt for B; B deletes what it lists and holds).
receipt_holds() {
  "$KIOSK" --data "$2" import-receipt "$1" >"$WORK/receipt.out" 2>&1 ||
    fail "import-receipt $1: $(cat "$WORK/receipt.out")"
  sed -n 's/.*the council holds \([0-9]*\) response.*/\1/p' "$WORK/receipt.out"
}

# ---- 1. a thief holding kiosk A's key against kiosk B ----
"$SYNC" enrol --db "$DB" --name hub-b "$B/kiosk-sign.pub" >/dev/null || fail "enrol B"
"$KIOSK" --data "$B" --council-sign-key "$COUNCIL/council-sign.pub" status >/dev/null ||
  fail "pinning B's council signing key"
A="$WORK/a"
kiosk "$A" hub-a
sessions "$B" 3 100
"$KIOSK" --data "$B" export --out "$WORK/b1.bundle" >/dev/null || fail "B export"
"$MK" --kiosk "$B" --council-key "$COUNCIL/council-box.pub" --survey assets/surveys/how_was_today.csv \
  --count 30 --sequence 2 --seed 2 --out "$WORK/b2.bundle" >/dev/null || fail "mkbundle b2"
# the thief, with A's data folder: B's 30 ids with other answers; B's three sealed records as
# A's own, with one of the thief's; and B's three ids again, other answers
"$MK" --kiosk "$A" --council-key "$COUNCIL/council-box.pub" --survey assets/surveys/how_was_today.csv \
  --count 30 --ids-from "$WORK/b2.bundle" --sequence 7 --seed 70 --out "$WORK/squat.bundle" \
  >/dev/null || fail "mkbundle squat"
"$MK" --kiosk "$A" --council-key "$COUNCIL/council-box.pub" --survey assets/surveys/how_was_today.csv \
  --count 1 --replay "$WORK/b1.bundle" --sequence 8 --seed 80 --out "$WORK/replay.bundle" \
  >/dev/null || fail "mkbundle replay"
"$MK" --kiosk "$A" --council-key "$COUNCIL/council-box.pub" --survey assets/surveys/how_was_today.csv \
  --count 3 --ids-from "$WORK/b1.bundle" --sequence 9 --seed 90 --out "$WORK/squat2.bundle" \
  >/dev/null || fail "mkbundle squat2"
attempts=0
for f in squat replay squat2; do
  WANT="responses: " imported "$WORK/$f.bundle"
  attempts=$((attempts + $(sed -n 's/.*, \([0-9]*\) responses: .*/\1/p' "$WORK/last.out")))
done
WANT="3 responses: 3 new, 0 already held, 0 quarantined" imported "$WORK/b1.bundle"
grep -q "3 of the new responses have the content of responses another kiosk sent" "$WORK/last.out" ||
  fail "B's replayed responses are not noted as copies: $(cat "$WORK/last.out")"
WANT="30 responses: 30 new, 0 already held, 0 quarantined" imported "$WORK/b2.bundle"
[ "$(q "SELECT count(*) FROM quarantine WHERE kiosk = 'hub-b'")" -eq 0 ] ||
  fail "one of B's responses was quarantined"
[ "$(receipt_holds "$WORK/b1.bundle.receipt" "$B")" -eq 3 ] || fail "B's receipt does not hold its 3"
[ "$(responses)" -eq 0 ] || fail "B still holds $(responses) responses after its receipt"
[ "$(receipt_holds "$WORK/b2.bundle.receipt" "$B")" -eq 30 ] || fail "B's receipt does not hold its 30"
# counted before the revocation: B's 33 (its 3 through the identical copies A sent) and the
# thief's 31
[ "$(report_total)" = 64 ] || fail "the report counts $(report_total), not 64"
"$SYNC" revoke --db "$DB" hub-a --from 7 >"$WORK/revoke.out" || fail "revoke A"
grep -q "34 responses imported from them are set aside" "$WORK/revoke.out" ||
  fail "revoke A said: $(cat "$WORK/revoke.out")"
[ "$(report_total)" = 33 ] || fail "after revoking A the report counts $(report_total), not B's 33"
[ "$(q "SELECT count(*) FROM counted_response WHERE kiosk = 'hub-b'")" -eq 33 ] ||
  fail "not all of B's responses count"
refused "$WORK/squat.bundle" "revoked from its bundle 7"
attempts=$((attempts + 30))
echo "1. stolen key: $attempts records signed with A's key squatting or replaying B's in 4 bundles; B's 33 stored, counted and receipted"

# ---- 2. kiosk C revoked from a point in its history ----
C="$WORK/c"
kiosk "$C" hub-c
sessions "$C" 3 200
"$KIOSK" --data "$C" export --out "$WORK/c1.bundle" >/dev/null || fail "C export 1"
WANT="3 responses: 3 new" imported "$WORK/c1.bundle"
sessions "$C" 2 300
"$KIOSK" --data "$C" export --out "$WORK/c2.bundle" >/dev/null || fail "C export 2"
# stolen: the thief exports what is on the kiosk, and makes bundles of their own with its key
"$KIOSK" --data "$C" export --out "$WORK/c3.bundle" >/dev/null || fail "C export 3"
"$MK" --kiosk "$C" --council-key "$COUNCIL/council-box.pub" --survey assets/surveys/how_was_today.csv \
  --count 12 --sequence 4 --seed 40 --out "$WORK/c4.bundle" >/dev/null || fail "mkbundle c4"
WANT="5 responses: 2 new, 3 already held" imported "$WORK/c3.bundle"
WANT="12 responses: 12 new" imported "$WORK/c4.bundle"
before_c=$(report_total)
"$SYNC" revoke --db "$DB" hub-c --from 3 >"$WORK/revoke.out" || fail "revoke C"
grep -q "kiosk 'hub-c' revoked from its bundle 3: .* 14 responses imported from them are set aside" \
  "$WORK/revoke.out" || fail "revoke C said: $(cat "$WORK/revoke.out")"
[ "$(report_total)" = $((before_c - 14)) ] || fail "the report still counts C's set-aside responses"
"$SYNC" bundles --db "$DB" hub-c --aside >"$WORK/bundles.out" || fail "bundles hub-c"
grep -q "revoked on .* from its bundle 3" "$WORK/bundles.out" || fail "bundles: $(cat "$WORK/bundles.out")"
grep -Eq "^ +3 .* 5 +2 +0 +2 +0 .*c3.bundle" "$WORK/bundles.out" ||
  fail "bundles does not list bundle 3: $(cat "$WORK/bundles.out")"
grep -Eq "^ +4 .* 12 +12 +0 +12 +0 .*c4.bundle" "$WORK/bundles.out" ||
  fail "bundles does not list bundle 4: $(cat "$WORK/bundles.out")"
[ "$(grep -c '^set aside: response ' "$WORK/bundles.out")" -eq 14 ] ||
  fail "bundles --aside does not list the 14: $(cat "$WORK/bundles.out")"
later=0
for seq in 5 6 7; do
  "$MK" --kiosk "$C" --council-key "$COUNCIL/council-box.pub" --survey assets/surveys/how_was_today.csv \
    --count 4 --sequence $seq --seed $seq --out "$WORK/c$seq.bundle" >/dev/null || fail "mkbundle c$seq"
  refused "$WORK/c$seq.bundle" "has been revoked from its bundle 3"
  refused "$WORK/c$seq.bundle" "revoked from its bundle 3, and this is bundle $seq" --before-revocation
  later=$((later + 2))
done
refused "$WORK/c2.bundle" "before-revocation"
WANT="5 responses: 0 new, 5 already held" imported --before-revocation "$WORK/c2.bundle"
[ "$(q "SELECT count(*) FROM counted_response WHERE kiosk = 'hub-c'")" -eq 5 ] ||
  fail "C's 5 genuine responses do not all count after its earlier bundle came in"
"$MK" --kiosk "$C" --council-key "$COUNCIL/council-box.pub" --survey assets/surveys/how_was_today.csv \
  --count 2 --sequence 2 --seed 22 --out "$WORK/c2-forged.bundle" >/dev/null || fail "mkbundle c2 forged"
refused "$WORK/c2-forged.bundle" "imported before with other content" --before-revocation
echo "2. revoked from bundle 3: 14 set aside and listed, $later later bundles refused, the bundle from before the theft counted, a forged 'bundle 2' refused"

# ---- 3. one damaged record among many ----
D="$WORK/d"
kiosk "$D" hub-d
sessions "$D" 8 400
# the kiosk's disk changes one sealed response
sqlite3 "$D/kiosk.db" "UPDATE response SET sealed = zeroblob(length(sealed)) WHERE seq = 4" ||
  fail "damaging a stored response"
"$KIOSK" --data "$D" export --out "$WORK/d1.bundle" >"$WORK/export.out" || fail "D export"
grep -q "exported 7 responses" "$WORK/export.out" || fail "D export said: $(cat "$WORK/export.out")"
grep -q "1 response damaged on this kiosk is set aside" "$WORK/export.out" ||
  fail "D export did not report the damaged one: $(cat "$WORK/export.out")"
"$KIOSK" --data "$D" status >"$WORK/status.out" || fail "D status"
grep -q "set aside as damaged on this kiosk (kept, never exported): 1" "$WORK/status.out" ||
  fail "status: $(cat "$WORK/status.out")"
cat >"$WORK/worker.script" <<EOF
hold 20 20 3
expect screen pin
type "$PIN"
key enter
expect screen worker
expect text "Damaged on this kiosk, kept aside (never exported): 1"
EOF
"$KIOSK" --data "$D" --headless --script "$WORK/worker.script" >/dev/null 2>"$WORK/worker.err" ||
  fail "worker mode: $(cat "$WORK/worker.err")"
WANT="7 responses: 7 new, 0 already held, 0 quarantined" imported "$WORK/d1.bundle"
[ "$(receipt_holds "$WORK/d1.bundle.receipt" "$D")" -eq 7 ] || fail "D's receipt does not hold 7"
[ "$(sqlite3 "$D/kiosk.db" 'SELECT count(*) FROM response WHERE aside = 1')" -eq 1 ] ||
  fail "the damaged response is not kept on the kiosk"
"$KIOSK" --data "$D" export --out "$WORK/d-none.bundle" >"$WORK/export.out" || fail "D export again"
grep -q "nothing to export" "$WORK/export.out" || fail "D exported the damaged one: $(cat "$WORK/export.out")"
# damaged inside bundles the kiosk signed: record k of 10 will not open, for every k
k=1
while [ "$k" -le 10 ]; do
  "$MK" --kiosk "$D" --council-key "$COUNCIL/council-box.pub" --survey assets/surveys/how_was_today.csv \
    --count 10 --damage $k --sequence $((10 + k)) --seed $((500 + k)) --out "$WORK/dd$k.bundle" \
    >/dev/null || fail "mkbundle dd$k"
  WANT="10 responses: 9 new, 0 already held, 1 quarantined" imported "$WORK/dd$k.bundle"
  grep -q "dd$k.bundle: record $k (response [0-9a-f]*): kept aside, not stored: record does not open" \
    "$WORK/last.err" || fail "dd$k: the damaged record is not named: $(cat "$WORK/last.err")"
  [ "$(receipt_holds "$WORK/dd$k.bundle.receipt" "$D")" -eq 9 ] || fail "dd$k: the receipt does not hold 9"
  k=$((k + 1))
done
"$SYNC" quarantine --db "$DB" --kiosk hub-d >"$WORK/quarantine.out" || fail "quarantine"
grep -q "^10 records kept aside" "$WORK/quarantine.out" || fail "quarantine: $(cat "$WORK/quarantine.out")"
[ "$(grep -c "record does not open" "$WORK/quarantine.out")" -eq 10 ] ||
  fail "quarantine does not give the reason: $(cat "$WORK/quarantine.out")"
echo "3. damaged records: 1 of 8 on the kiosk set aside there (7 sent and receipted); 10 of 100 in signed bundles kept aside at the council (90 stored and receipted)"

# ---- 4. a huge bundle ----
"$MK" --kiosk "$WORK/e" --council-key "$COUNCIL/council-box.pub" --survey assets/surveys/how_was_today.csv \
  --count 1 --out "$WORK/e.bundle" >/dev/null || fail "mkbundle e"
head -c 45 "$WORK/e.bundle" >"$WORK/huge.bundle"
truncate -s 500M "$WORK/huge.bundle"
head -c 45 "$WORK/d1.bundle" >"$WORK/huge-enrolled.bundle"
truncate -s 513M "$WORK/huge-enrolled.bundle"
for f in huge huge-enrolled; do
  before=$(dbsum)
  if /usr/bin/time -f '%M %e' -o "$WORK/time.out" "$SYNC" import --db "$DB" --keys "$COUNCIL" \
    "$WORK/$f.bundle" >"$WORK/last.out" 2>"$WORK/last.err"; then
    fail "$f was imported"
  fi
  case $f in huge) why="which is not enrolled" ;; *) why="is over the limit of 536870912" ;; esac
  grep -q "^$WORK/$f.bundle: refused: .*$why" "$WORK/last.err" || fail "$f: $(cat "$WORK/last.err")"
  [ "$(dbsum)" = "$before" ] || fail "$f: the council database changed"
  # time says "Command exited with non-zero status 1" first
  read -r kib secs <<EOF
$(tail -n 1 "$WORK/time.out")
EOF
  [ "$kib" -lt 65536 ] || fail "$f: refused, but the import grew to $kib KiB"
  echo "4. $f.bundle ($(stat -c %s "$WORK/$f.bundle") bytes): refused in ${secs} s, at most $kib KiB of memory"
done

# ---- 5. a busy database ----
"$MK" --kiosk "$B" --council-key "$COUNCIL/council-box.pub" --survey assets/surveys/how_was_today.csv \
  --count 5 --sequence 3 --seed 3 --out "$WORK/b3.bundle" >/dev/null || fail "mkbundle b3"
mkfifo "$WORK/hold"
sqlite3 "$DB" <"$WORK/hold" >"$WORK/hold.out" 2>&1 &
holder=$!
exec 3>"$WORK/hold"
trap 'exec 3>&- 2>/dev/null; kill "$holder" 2>/dev/null' EXIT
printf 'BEGIN IMMEDIATE;\nSELECT %s;\n' "'locked'" >&3
i=0
while ! grep -q locked "$WORK/hold.out" 2>/dev/null && [ "$i" -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
grep -q locked "$WORK/hold.out" || fail "could not hold the database"
before=$(dbsum)
busy=0
while [ "$busy" -lt 3 ]; do
  import --wait 1 "$WORK/b3.bundle" >"$WORK/last.out" 2>"$WORK/last.err"
  rc=$?
  [ "$rc" -eq 75 ] || fail "a busy database: exit $rc, not 75: $(cat "$WORK/last.err")"
  grep -q "b3.bundle: not imported: the council database is busy .* try again" "$WORK/last.err" ||
    fail "busy said: $(cat "$WORK/last.err")"
  ! grep -q refused "$WORK/last.err" || fail "a busy database was reported as a refusal"
  busy=$((busy + 1))
done
printf 'ROLLBACK;\n' >&3
exec 3>&-
wait "$holder" 2>/dev/null
[ "$(dbsum)" = "$before" ] || fail "a busy import changed the database"
[ ! -e "$WORK/b3.bundle.receipt" ] || fail "a busy import wrote a receipt"
WANT="5 responses: 5 new" imported "$WORK/b3.bundle"
echo "5. busy: $busy imports against a held database each said busy (exit 75), nothing changed; then imported"
