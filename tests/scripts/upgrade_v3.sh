#!/bin/sh
# A council database made by version 3 of the schema (tests/data/upgrade/council-v3.sql: 144
# responses of four shipped surveys over 2026-Q3 from two kiosks, one of them revoked from its
# second bundle, imported and revoked by chorus-sync itself before version 4, then dumped) is
# upgraded to the current version with nothing lost or changed: the same rows in every table,
# every answer with its response, question, kind and value in the same order, and a report of
# 2026-Q3 byte for byte the one version 3 wrote from it (tests/data/upgrade/v3-report/, every
# file of it).
. tests/scripts/lib.sh
export LC_ALL=C
FIX=tests/data/upgrade
DB="$WORK/council.db"
sqlite3 "$DB" <"$FIX/council-v3.sql" || fail "loading the version 3 dump"
[ "$(sqlite3 "$DB" 'PRAGMA user_version')" = 3 ] || fail "the fixture is not version 3"

# counts: one line of every table's rows; answers: every answer in its response's order.
counts() {
  sqlite3 "$DB" "SELECT (SELECT count(*) FROM kiosk), (SELECT count(*) FROM response),
    (SELECT count(*) FROM counted_response), (SELECT count(*) FROM answer),
    (SELECT count(*) FROM quarantine), (SELECT count(*) FROM bundle),
    (SELECT count(*) FROM help_request), (SELECT count(*) FROM publication)"
}
answers() { sqlite3 "$DB" "SELECT response, question, kind, value FROM answer ORDER BY $1"; }
before=$(counts)
answers rowid >"$WORK/answers.before"
[ -s "$WORK/answers.before" ] || fail "no answers in the fixture"

"$SYNC" report --db "$DB" --period 2026-Q3 --out "$WORK/report" >"$WORK/report.out" 2>&1 ||
  { cat "$WORK/report.out"; fail "report on the upgraded database"; }
[ "$(sqlite3 "$DB" 'PRAGMA user_version')" = 4 ] || fail "not upgraded to version 4"
# the report added its run to the ledger; nothing else changed
after=$(counts)
[ "${after%|*}" = "${before%|*}" ] || fail "rows changed in the upgrade: $before, now $after"
[ "${after##*|}" = 1 ] || fail "the report was not recorded once: $after"
answers "response, pos" >"$WORK/answers.after"
cmp -s "$WORK/answers.before" "$WORK/answers.after" ||
  { diff "$WORK/answers.before" "$WORK/answers.after" | head >&2; fail "the answers changed"; }
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM pragma_foreign_key_check')" = 0 ] ||
  fail "an answer lost its response"
[ "$(sqlite3 "$DB" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check"
for f in "$FIX"/v3-report/*; do
  cmp -s "$f" "$WORK/report/$(basename "$f")" ||
    fail "$(basename "$f") differs from version 3's"
done
echo "upgrade_v3: $before upgraded; the report is version 3's byte for byte"
