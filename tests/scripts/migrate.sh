#!/bin/sh
# chorus-sync migrate on a council database made by version 3 of the schema
# (tests/data/upgrade/council-v3.sql: 144 responses of four shipped surveys over 2026-Q3 from
# two kiosks, one of them revoked from its second bundle, imported and revoked by chorus-sync
# itself before version 4, then dumped). Every other command refuses it, naming both versions
# and migrate, and leaves it alone. migrate backs it up (FILE.v3.bak, 0600, the version 3
# database exactly) and upgrades it with nothing lost or changed: the same rows in every table,
# every answer with its response, question, kind and value in the same order, and a report of
# 2026-Q3 byte for byte the one version 3 wrote from it (tests/data/upgrade/v3-report/, every
# file). Run again it does nothing. A newer database, one another program holds, and one whose
# backup name is taken are refused with the file as it was and no backup left.
. tests/scripts/lib.sh
export LC_ALL=C
FIX=tests/data/upgrade
DB="$WORK/council.db"
sqlite3 "$DB" <"$FIX/council-v3.sql" || fail "loading the version 3 dump"
[ "$(sqlite3 "$DB" 'PRAGMA user_version')" = 3 ] || fail "the fixture is not version 3"
migrate() { "$SYNC" migrate --db "$@"; }
sum() { sha256sum <"$1"; }

# counts: one line of every table's rows; answers: every answer in its response's order.
counts() {
  sqlite3 "$1" "SELECT (SELECT count(*) FROM kiosk), (SELECT count(*) FROM response),
    (SELECT count(*) FROM counted_response), (SELECT count(*) FROM answer),
    (SELECT count(*) FROM quarantine), (SELECT count(*) FROM bundle),
    (SELECT count(*) FROM help_request), (SELECT count(*) FROM publication)"
}
answers() { sqlite3 "$DB" "SELECT response, question, kind, value FROM answer ORDER BY $1"; }
before=$(counts "$DB")
answers rowid >"$WORK/answers.before"
[ -s "$WORK/answers.before" ] || fail "no answers in the fixture"
sqlite3 "$DB" .dump >"$WORK/dump.before"
cp "$DB" "$WORK/v3.db"

# Refused by every other command, untouched.
old=$(sum "$DB")
if "$SYNC" report --db "$DB" --period 2026-Q3 --out "$WORK/no" >"$WORK/r.out" 2>&1; then
  fail "report ran on a version 3 database"
fi
grep -q "is version 3, older than this program's 4; upgrade it with: chorus-sync migrate --db $DB" \
  "$WORK/r.out" || fail "report's refusal: $(cat "$WORK/r.out")"
[ "$(sum "$DB")" = "$old" ] && [ ! -e "$WORK/no" ] || fail "the refused report changed something"

# Upgraded, backup first.
migrate "$DB" >"$WORK/m.out" 2>&1 || { cat "$WORK/m.out"; fail "migrate"; }
grep -q "^$DB: upgraded the council database from version 3 to 4; the version 3 file is kept as $DB.v3.bak" \
  "$WORK/m.out" || fail "migrate said: $(cat "$WORK/m.out")"
[ "$(sqlite3 "$DB" 'PRAGMA user_version')" = 4 ] || fail "not upgraded to version 4"
[ "$(stat -c %a "$DB.v3.bak")" = 600 ] || fail "the backup is not 0600"
[ "$(sqlite3 "$DB.v3.bak" 'PRAGMA user_version')" = 3 ] || fail "the backup is not version 3"
sqlite3 "$DB.v3.bak" .dump | cmp -s - "$WORK/dump.before" || fail "the backup is not the old database"
[ "$(counts "$DB")" = "$before" ] || fail "rows changed in the upgrade: $before, now $(counts "$DB")"
answers "response, pos" >"$WORK/answers.after"
cmp -s "$WORK/answers.before" "$WORK/answers.after" ||
  { diff "$WORK/answers.before" "$WORK/answers.after" | head >&2; fail "the answers changed"; }
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM pragma_foreign_key_check')" = 0 ] ||
  fail "an answer lost its response"
[ "$(sqlite3 "$DB" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check"
# The workbook carries the day it was made: the day version 3 made it (2026-12-02).
SOURCE_DATE_EPOCH=1796169600 "$SYNC" report --db "$DB" --period 2026-Q3 --out "$WORK/report" \
  >"$WORK/report.out" 2>&1 || { cat "$WORK/report.out"; fail "report on the upgraded database"; }
for f in "$FIX"/v3-report/*; do
  cmp -s "$f" "$WORK/report/$(basename "$f")" ||
    fail "$(basename "$f") differs from version 3's"
done

# Current: nothing to do, nothing written.
ls "$DB"* >"$WORK/ls.before"
migrate "$DB" >"$WORK/m2.out" 2>&1 || { cat "$WORK/m2.out"; fail "migrate of a current database"; }
grep -q "^$DB: the council database is at version 4, this program's: nothing to do" "$WORK/m2.out" ||
  fail "migrate again said: $(cat "$WORK/m2.out")"
ls "$DB"* | cmp -s - "$WORK/ls.before" || fail "migrate of a current database wrote a file"

# Newer: refused, untouched, no backup.
N="$WORK/newer.db"
cp "$WORK/v3.db" "$N"
sqlite3 "$N" 'PRAGMA user_version=5'
old=$(sum "$N")
migrate "$N" >"$WORK/m3.out" 2>&1 && fail "a version 5 database was migrated"
grep -q "$N: the council database is version 5, newer than this program knows (4); nothing changed" \
  "$WORK/m3.out" || fail "the newer refusal: $(cat "$WORK/m3.out")"
[ "$(sum "$N")" = "$old" ] && [ ! -e "$N.v5.bak" ] || fail "the newer database was touched"

# Busy: another program holds the write lock; migrate waits, then says so, exit 75.
B="$WORK/busy.db"
cp "$WORK/v3.db" "$B"
old=$(sum "$B")
mkfifo "$WORK/hold"
sqlite3 "$B" <"$WORK/hold" >"$WORK/hold.out" 2>&1 &
holder=$!
exec 3>"$WORK/hold"
printf 'BEGIN IMMEDIATE;\nCREATE TABLE held(x);\n.print locked\n' >&3
while ! grep -q locked "$WORK/hold.out"; do
  kill -0 "$holder" 2>/dev/null || fail "the lock holder died: $(cat "$WORK/hold.out")"
  sleep 0.1
done
migrate "$B" --wait 1 >"$WORK/m4.out" 2>&1
rc=$?
printf 'ROLLBACK;\n' >&3
exec 3>&-
wait "$holder"
[ "$rc" = 75 ] || fail "migrate of a held database: exit $rc: $(cat "$WORK/m4.out")"
grep -q "$B: the council database is busy" "$WORK/m4.out" || fail "busy said: $(cat "$WORK/m4.out")"
[ "$(sum "$B")" = "$old" ] && [ ! -e "$B.v3.bak" ] || fail "the held database was touched"
[ "$(sqlite3 "$B" 'PRAGMA user_version')" = 3 ] || fail "the held database changed version"

# A backup already there is never overwritten: refused, both files as they were.
T="$WORK/taken.db"
cp "$WORK/v3.db" "$T"
echo "something of the council's" >"$T.v3.bak"
old=$(sum "$T")
migrate "$T" >"$WORK/m5.out" 2>&1 && fail "migrated over an existing backup"
grep -q "$T.v3.bak is already there" "$WORK/m5.out" || fail "taken said: $(cat "$WORK/m5.out")"
[ "$(sum "$T")" = "$old" ] && [ "$(cat "$T.v3.bak")" = "something of the council's" ] ||
  fail "a file changed when the backup name was taken"
echo "migrate: $before upgraded, backed up; the report is version 3's byte for byte"
