#!/bin/bash
# The council database on PostgreSQL, against a real server this test starts itself
# (tests/pg_lib.sh: Debian's postgresql binaries, a throwaway cluster on a Unix socket in a
# temporary folder, stopped at the end). Every check compares with SQLite doing the same:
# - the same bundles imported into SQLite and into PostgreSQL give byte-identical `report`,
#   `plan` and `records` files (a golden comparison on both backends);
# - two `import` processes at once with different and overlapping bundles (one kiosk's bundles
#   that repeat each other's records, another kiosk passing off copies): every response stored
#   exactly once, the same rows as one import after another, no deadlock, no busy refusal;
# - `copy --from SQLITE --to URI` copies exactly (counts and digests, and the report again);
#   a second copy into the same database is refused; with no connection to spare for the
#   report's twin readers (sql_twin), the same report is read on one;
# - an importer SIGKILLed mid-transaction stores nothing of its bundle, and the next import
#   completes it; the server restarted (stopped at once, as a crash would) mid-import: the
#   import fails with nothing stored, and the next one completes it;
# - taking answers back on PostgreSQL: a kiosk's responses, a code read off its thank-you
#   screen, `withdraw` on the URI removes the response and its answers, the same as on SQLite,
#   and a copy carries the withdrawal;
# - a version 4 database (tests/data/upgrade/council-pg-v4.sql, dumped from the program before
#   version 5) is refused by report and upgraded by migrate, every row and the report as they
#   were, the same schema as a new database; the triggers refuse what the foreign key did;
# - a wrong password, an unreachable server and a bad URI each give one clear error naming the
#   URI without its password (exit 1).
# slow: a server started and stopped, about 4,000 responses imported several times (about 40 s)
. tests/scripts/lib.sh
. tests/pg_lib.sh
export LC_ALL=C
MK="$BUILD/tests/tools/mkbundle"
[ -x "$MK" ] || fail "no $MK (make build makes it)"
pg_start || fail "could not start a PostgreSQL server"
trap pg_stop EXIT
COUNCIL="$WORK/council"
"$SYNC" keygen --dir "$COUNCIL" --plain >/dev/null 2>&1 || fail "keygen"
LITE="$WORK/council.db"
PG=$(pg_createdb council) || fail "createdb council"
PGC=$(pg_createdb concurrent) || fail "createdb concurrent"

# q_lite SQL / q_pg URI SQL: one query's rows, tab-separated.
q_lite() { sqlite3 -separator "$(printf '\t')" "$LITE" "$1"; }
q_pg() { pg_query "$1" "$2"; }

# Two kiosks. k1: bundle 1 (children in care), bundle 2 (another survey), bundle 3 repeats all
# of bundle 1's records and adds its own (a re-export); k2: bundle 1 passes off k1's bundle 2
# records as its own (copies: stored and counted once), bundle 2 its own answers.
mk() { # KIOSK SURVEY COUNT SEQ OUT SEED [more mkbundle options]
  k=$1 s=$2 n=$3 seq=$4 out=$5 seed=$6
  shift 6
  "$MK" --kiosk "$WORK/$k" --council-key "$COUNCIL/council-box.pub" --survey "assets/surveys/$s.csv" \
    --count "$n" --sequence "$seq" --from 2026-07-01 --days 92 --seed "$seed" --out "$WORK/$out" "$@" \
    >/dev/null || fail "mkbundle $out"
}
mk k1 children_in_care 600 1 a1.bundle 11 --awkward-text 1
mk k1 how_was_today 400 2 a2.bundle 12
mk k1 my_life 100 3 a3.bundle 13 --replay "$WORK/a1.bundle"
mk k2 care_leavers 50 1 b1.bundle 14 --replay "$WORK/a2.bundle"
mk k2 children_in_care 300 2 b2.bundle 15 --receipt-codes 1
for db in "$LITE" "$PG" "$PGC"; do
  "$SYNC" enrol --db "$db" --name k1 "$WORK/k1/kiosk-sign.pub" >/dev/null || fail "enrol k1 in $db"
  "$SYNC" enrol --db "$db" --name k2 "$WORK/k2/kiosk-sign.pub" >/dev/null || fail "enrol k2 in $db"
done

# ---- the same imports, one after another, on SQLite and on PostgreSQL ----
for db in "$LITE" "$PG"; do
  "$SYNC" import --db "$db" --keys "$COUNCIL" --receipts "$WORK" "$WORK/a1.bundle" "$WORK/a2.bundle" \
    "$WORK/a3.bundle" "$WORK/b1.bundle" "$WORK/b2.bundle" >"$WORK/import.out" 2>&1 ||
    { cat "$WORK/import.out"; fail "import into $db"; }
done
ROWS="SELECT encode(id, 'hex'), kiosk, seq, form_id, day, flags, encode(digest, 'hex'), coalesce(aside, '-') FROM response ORDER BY ref"
LROWS="SELECT lower(hex(id)), kiosk, seq, form_id, day, flags, lower(hex(digest)), coalesce(aside, '-') FROM response ORDER BY ref"
q_lite "$LROWS" >"$WORK/lite.rows"
q_pg "$PG" "$ROWS" >"$WORK/pg.rows"
cmp -s "$WORK/lite.rows" "$WORK/pg.rows" || fail "PostgreSQL holds other responses than SQLite: $(diff "$WORK/lite.rows" "$WORK/pg.rows" | head -5)"
stored=$(wc -l <"$WORK/lite.rows")
[ "$stored" -eq 1850 ] || fail "$stored responses stored, not 1850 (600 + 400 + 100 + 50 + 400 copies + 300)"
copies=$(q_pg "$PG" "SELECT count(*) FROM response WHERE aside = 'copy'")
[ "$copies" -eq 400 ] || fail "$copies copies set aside, not 400"
q_lite "SELECT r.ref, a.question, a.kind, a.value FROM answer a JOIN response r ON r.ref = a.response ORDER BY 1, 2, 3, 4" >"$WORK/lite.answers"
q_pg "$PG" "SELECT r.ref, a.question, a.kind, a.value FROM answer a JOIN response r ON r.ref = a.response ORDER BY 1, 2, 3, 4" >"$WORK/pg.answers"
cmp -s "$WORK/lite.answers" "$WORK/pg.answers" || fail "PostgreSQL holds other answers than SQLite"
# the texts COPY escapes came through as they were typed
awkward=$(q_pg "$PG" "SELECT count(*) FROM answer WHERE value LIKE 'said %' AND strpos(value, chr(92) || 'N \"') > 0 AND strpos(value, chr(9) || 'then' || chr(13) || chr(10) || chr(92) || '.' || chr(10)) > 0 AND value LIKE '%£ é ✓'")
[ "$awkward" -gt 50 ] || fail "$awkward answers with a tab, new lines and backslashes on PostgreSQL"

# ---- report, plan and records: byte-identical files ----
SEEDPLAN=tests/data/seeds/000_363d74e2aefedf3b.txt
outputs() { # DB NAME
  mkdir -p "$WORK/$2"
  "$SYNC" report --db "$1" --period 2026-Q3 --out "$WORK/$2/report" >"$WORK/$2.out" 2>&1 ||
    { cat "$WORK/$2.out"; fail "report on $2"; }
  "$SYNC" plan --db "$1" --in "$SEEDPLAN" --out "$WORK/$2/plan.txt" --period 2026-Q3 >>"$WORK/$2.out" 2>&1 ||
    { cat "$WORK/$2.out"; fail "plan on $2"; }
  "$SYNC" records --db "$1" --period 2026-Q3 --free-text --out "$WORK/$2/records.csv" >>"$WORK/$2.out" 2>&1 ||
    { cat "$WORK/$2.out"; fail "records on $2"; }
  "$SYNC" records --db "$1" --period 2026-Q3 --out "$WORK/$2/records.xlsx" >>"$WORK/$2.out" 2>&1 ||
    { cat "$WORK/$2.out"; fail "records (xlsx) on $2"; }
  "$SYNC" published --db "$1" >"$WORK/$2/published.txt" 2>&1 || fail "published on $2"
  sed "s|$1|DB|g" "$WORK/$2.out" >"$WORK/$2/said.txt"
}
outputs "$LITE" lite
outputs "$PG" pg
nfiles=$(find "$WORK/lite" -type f | wc -l)
[ "$nfiles" -ge 14 ] || fail "only $nfiles files written"
for f in $(cd "$WORK/lite" && find . -type f | sort); do
  case $f in ./said.txt) continue ;; esac
  cmp -s "$WORK/lite/$f" "$WORK/pg/$f" || fail "$f differs between SQLite and PostgreSQL"
done
# what they said, but for where the files went
sed "s|$WORK/lite|OUT|g" "$WORK/lite/said.txt" >"$WORK/lite.said"
sed "s|$WORK/pg|OUT|g" "$WORK/pg/said.txt" >"$WORK/pg.said"
cmp -s "$WORK/lite.said" "$WORK/pg.said" || fail "report, plan and records said other things: $(diff "$WORK/lite.said" "$WORK/pg.said" | head -4)"
grep -q 'c' "$WORK/lite/report/measures.csv" || fail "no figure suppressed: the data is too big to test suppression"

# ---- two importers at once, overlapping ----
"$SYNC" import --db "$PGC" --keys "$COUNCIL" --receipts "$WORK/r1" --threads 1 "$WORK/a1.bundle" \
  "$WORK/b1.bundle" "$WORK/a3.bundle" >"$WORK/c1.out" 2>&1 &
p1=$!
mkdir -p "$WORK/r1" "$WORK/r2"
"$SYNC" import --db "$PGC" --keys "$COUNCIL" --receipts "$WORK/r2" --threads 1 "$WORK/a3.bundle" \
  "$WORK/a2.bundle" "$WORK/b2.bundle" "$WORK/a1.bundle" >"$WORK/c2.out" 2>&1 &
p2=$!
wait $p1 || { cat "$WORK/c1.out"; fail "the first of two importers at once"; }
wait $p2 || { cat "$WORK/c2.out"; fail "the second of two importers at once"; }
dups=$(q_pg "$PGC" "SELECT count(*) - count(DISTINCT (id, kiosk)) FROM response")
[ "$dups" -eq 0 ] || fail "$dups responses stored twice"
S="SELECT encode(id, 'hex'), kiosk, form_id, day, flags, encode(digest, 'hex') FROM response ORDER BY 1, 2"
q_pg "$PG" "$S" >"$WORK/seq.set"
q_pg "$PGC" "$S" >"$WORK/con.set"
cmp -s "$WORK/seq.set" "$WORK/con.set" || fail "two importers at once stored other responses than one after another"
A="SELECT encode(r.id, 'hex'), r.kiosk, a.question, a.kind, a.value FROM answer a JOIN response r ON r.ref = a.response ORDER BY 1, 2, 3, 4, 5"
q_pg "$PG" "$A" | md5sum >"$WORK/seq.ans"
q_pg "$PGC" "$A" | md5sum >"$WORK/con.ans"
cmp -s "$WORK/seq.ans" "$WORK/con.ans" || fail "two importers at once stored other answers"
counted=$(q_pg "$PGC" "SELECT count(*) FROM response WHERE aside IS NULL")
[ "$counted" -eq 1450 ] || fail "$counted responses count after two importers at once, not 1450 (each copy once)"
for r in "$WORK"/r1/*.receipt "$WORK"/r2/*.receipt; do [ -s "$r" ] || fail "no receipt $r"; done
grep -q busy "$WORK/c1.out" "$WORK/c2.out" && fail "an importer was told the database was busy"

# ---- copy SQLite to PostgreSQL ----
PGK=$(pg_createdb copied) || fail "createdb copied"
"$SYNC" copy --from "$LITE" --to "$PGK" >"$WORK/copy.out" 2>&1 || { cat "$WORK/copy.out"; fail "copy"; }
grep -q "1850 response" "$WORK/copy.out" || fail "copy said: $(cat "$WORK/copy.out")"
grep -q "counts and digests match" "$WORK/copy.out" || fail "copy said: $(cat "$WORK/copy.out")"
grep -q "$PG_PASSWORD" "$WORK/copy.out" && fail "copy printed the password"
q_pg "$PGK" "$ROWS" >"$WORK/copied.rows"
cmp -s "$WORK/lite.rows" "$WORK/copied.rows" || fail "the copy holds other responses"
for t in kiosk response answer quarantine bundle help_request publication published_figure; do
  a=$(q_lite "SELECT count(*) FROM $t")
  b=$(q_pg "$PGK" "SELECT count(*) FROM $t")
  [ "$a" = "$b" ] || fail "copy: $t has $b rows, not $a"
done
"$SYNC" report --db "$PGK" --period 2026-Q3 --draft --out "$WORK/copied-report" >/dev/null 2>&1 || fail "report on the copy"
"$SYNC" report --db "$LITE" --period 2026-Q3 --draft --out "$WORK/lite-draft" >/dev/null 2>&1 || fail "draft on SQLite"
diff -r "$WORK/copied-report" "$WORK/lite-draft" >/dev/null || fail "the report on the copy differs"
# a server with no connection to spare for the report's twins: the same report, read on one
pg_psql "ALTER ROLE chorus CONNECTION LIMIT 1" || fail "limit chorus's connections"
"$SYNC" report --db "$PGK" --period 2026-Q3 --draft --out "$WORK/one-conn" >"$WORK/one-conn.out" 2>&1
rc=$?
pg_psql "ALTER ROLE chorus CONNECTION LIMIT -1" || fail "lift chorus's connection limit"
[ $rc = 0 ] || fail "report on one connection: $(cat "$WORK/one-conn.out")"
diff -r "$WORK/one-conn" "$WORK/lite-draft" >/dev/null || fail "the report read on one connection differs"
"$SYNC" copy --from "$LITE" --to "$PGK" >"$WORK/copy2.out" 2>&1 && fail "a second copy into the same database was taken"
grep -q "already holds a council's data" "$WORK/copy2.out" || fail "second copy said: $(cat "$WORK/copy2.out")"
# and back: PostgreSQL to a new SQLite file, the same digests
"$SYNC" copy --from "$PGK" --to "$WORK/back.db" >"$WORK/copy3.out" 2>&1 || { cat "$WORK/copy3.out"; fail "copy back"; }
[ "$(sed 's/.*(//' "$WORK/copy.out")" = "$(sed 's/.*(//' "$WORK/copy3.out")" ] || fail "the copy back has other digests"

# ---- taking answers back on PostgreSQL ----
echo "$PIN" | "$KIOSK" --data "$DATA" --set-pin >/dev/null || fail "set-pin"
"$KIOSK" --data "$DATA" --council-key "$COUNCIL/council-box.pub" status >/dev/null || fail "kiosk"
: >"$WORK/codes"
for seed in 31 32 33; do
  SEED=$seed survey_script assets/surveys/children_in_care.csv "" |
    sed 's/^expect screen thanks$/expect screen thanks\nprint screen/' >"$WORK/w.script"
  "$KIOSK" --data "$DATA" --headless --script "$WORK/w.script" 2>"$WORK/w.err" |
    sed -n '/^Your code\./{n;p;}' >>"$WORK/codes" || fail "a kiosk session"
done
[ "$(wc -l <"$WORK/codes")" -eq 3 ] || { cat "$WORK/w.err"; fail "no codes on the thank-you screens"; }
"$KIOSK" --data "$DATA" export --out "$WORK/w.bundle" >/dev/null || fail "export"
PGW=$(pg_createdb withdraw) || fail "createdb withdraw"
for db in "$WORK/w.db" "$PGW"; do
  "$SYNC" enrol --db "$db" --name hub "$DATA/kiosk-sign.pub" >/dev/null || fail "enrol in $db"
  "$SYNC" import --db "$db" --keys "$COUNCIL" --receipts "$WORK" "$WORK/w.bundle" >/dev/null 2>&1 ||
    fail "import into $db"
  "$SYNC" withdraw --db "$db" --keys "$COUNCIL" "$(sed -n 2p "$WORK/codes")" >"$WORK/w.out" 2>&1 ||
    { cat "$WORK/w.out"; fail "withdraw on $db"; }
  grep -q "^withdrawn:" "$WORK/w.out" || fail "withdraw on $db said: $(cat "$WORK/w.out")"
done
[ "$(q_pg "$PGW" 'SELECT count(*) FROM response')" -eq 2 ] || fail "withdraw on PostgreSQL left the response"
[ "$(q_pg "$PGW" 'SELECT count(*) FROM answer WHERE response NOT IN (SELECT ref FROM response)')" -eq 0 ] ||
  fail "withdraw on PostgreSQL left answers"
[ "$(q_pg "$PGW" 'SELECT count(*) FROM withdrawal')" -eq 1 ] || fail "the request is not kept on PostgreSQL"
w_rows="SELECT form_id, day, (SELECT count(*) FROM answer WHERE response = ref) FROM response ORDER BY 1, 2, 3"
[ "$(q_pg "$PGW" "$w_rows")" = "$(sqlite3 -separator "$(printf '\t')" "$WORK/w.db" "$w_rows")" ] ||
  fail "withdraw left other responses on PostgreSQL than on SQLite"
"$SYNC" copy --from "$PGW" --to "$WORK/w-back.db" >/dev/null 2>&1 || fail "copy the withdrawals back"
[ "$(sqlite3 "$WORK/w-back.db" 'SELECT count(*) FROM withdrawal')" -eq 1 ] || fail "copy lost the withdrawal"
"$SYNC" import --db "$WORK/w-back.db" --keys "$COUNCIL" --receipts "$WORK" "$WORK/w.bundle" >/dev/null 2>&1 ||
  fail "import again into the copy"
[ "$(sqlite3 "$WORK/w-back.db" 'SELECT count(*) FROM response')" -eq 2 ] ||
  fail "the withdrawn response came back after copy"

# ---- an importer killed mid-transaction; the server restarted mid-import ----
mk k1 children_in_care 5000 4 big.bundle 16
PGX=$(pg_createdb killed) || fail "createdb killed"
"$SYNC" enrol --db "$PGX" --name k1 "$WORK/k1/kiosk-sign.pub" >/dev/null || fail "enrol k1"
held() { q_pg "$PGX" "SELECT count(*) FROM response"; }
# wait_busy: until the importer holds the store's advisory lock, that is, until it is inside
# its transaction. At most 20 s.
wait_busy() {
  i=0
  while [ $i -lt 400 ]; do
    w=$(q_pg "$PGX" "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted" 2>/dev/null)
    [ "${w:-0}" -ge 1 ] && return 0
    sleep 0.05
    i=$((i + 1))
  done
  return 1
}
killed=0
for round in 1 2 3; do
  "$SYNC" import --db "$PGX" --keys "$COUNCIL" --receipts "$WORK" --threads 1 "$WORK/big.bundle" \
    >"$WORK/k.out" 2>&1 &
  pid=$!
  wait_busy || fail "the import never began its transaction"
  sleep "0.$((round - 1))5"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null && break # finished before the kill: nothing to check this round
  h=$(held)
  # all or nothing: killed after its commit (writing the receipt, say), the whole bundle
  [ "$h" -eq 5000 ] && break
  [ "$h" -eq 0 ] || fail "a killed import left $h of the bundle's responses"
  killed=$((killed + 1))
done
[ "$killed" -ge 1 ] || fail "no import was killed inside its transaction (each finished first)"
"$SYNC" import --db "$PGX" --keys "$COUNCIL" --receipts "$WORK" "$WORK/big.bundle" >"$WORK/k.out" 2>&1 ||
  { cat "$WORK/k.out"; fail "the import after the kills"; }
[ "$(held)" -eq 5000 ] || fail "after the kills: $(held) responses, not 5000"
PGR=$(pg_createdb restarted) || fail "createdb restarted"
PGX=$PGR
"$SYNC" enrol --db "$PGR" --name k1 "$WORK/k1/kiosk-sign.pub" >/dev/null || fail "enrol k1"
"$SYNC" import --db "$PGR" --keys "$COUNCIL" --receipts "$WORK" --threads 1 "$WORK/big.bundle" \
  >"$WORK/rs.out" 2>&1 &
pid=$!
wait_busy || fail "the import never began its transaction"
sleep 0.3
pg_restart || fail "the server did not come back"
if wait "$pid"; then
  echo "postgres: the import finished before the restart; nothing to check there"
else
  [ "$(held)" -eq 0 ] || fail "the server restarted mid-import: $(held) responses stored"
  grep -q "big.bundle" "$WORK/rs.out" || fail "the interrupted import named no bundle: $(cat "$WORK/rs.out")"
fi
"$SYNC" import --db "$PGR" --keys "$COUNCIL" --receipts "$WORK" "$WORK/big.bundle" >"$WORK/rs2.out" 2>&1 ||
  { cat "$WORK/rs2.out"; fail "the import after the restart"; }
[ "$(held)" -eq 5000 ] || fail "after the restart: $(held) responses, not 5000"

# ---- a version 4 database (made and dumped by the program before version 5) ----
# Refused by report, naming both versions and migrate, and left as it was; migrate upgrades it
# in place (the answer's foreign key gives way to the statement-level triggers) with every row
# as it was, and the same report, byte for byte, as version 4 wrote from it; run again it does
# nothing. Then the triggers refuse what the key refused.
FIX=tests/data/upgrade
V4=$(pg_createdb v4) || fail "createdb v4"
"$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 "$V4" -f "$FIX/council-pg-v4.sql" >/dev/null 2>"$WORK/v4.load" ||
  { cat "$WORK/v4.load"; fail "loading the version 4 dump"; }
v4rows() {
  q_pg "$V4" "SELECT (SELECT max(version) FROM chorus_schema), (SELECT count(*) FROM response), (SELECT count(*) FROM answer), (SELECT count(*) FROM bundle)"
  q_pg "$V4" "$ROWS"
  q_pg "$V4" "SELECT response, question, pos, kind, value FROM answer ORDER BY response, pos"
}
v4rows >"$WORK/v4.before"
[ "$(head -n 1 "$WORK/v4.before")" = "$(printf '4\t200\t2080\t2')" ] ||
  fail "the fixture is not the version 4 database of 200 responses: $(head -n 1 "$WORK/v4.before")"
if "$SYNC" report --db "$V4" --period 2026-Q3 --out "$WORK/v4no" >"$WORK/v4.out" 2>&1; then
  fail "report ran on a version 4 PostgreSQL database"
fi
grep -q "version 4, older than this program's 5; upgrade it with: chorus-sync migrate --db" \
  "$WORK/v4.out" || fail "report's refusal: $(cat "$WORK/v4.out")"
grep -q "$PG_PASSWORD" "$WORK/v4.out" && fail "the refusal shows the password"
v4rows | cmp -s - "$WORK/v4.before" && [ ! -e "$WORK/v4no" ] || fail "the refused report changed something"
# a report reading the answers holds the upgrade off: migrate says busy (75), nothing changed
"$PG_BIN/psql" -X -q "$V4" -c "BEGIN" -c "SELECT count(*) FROM answer" -c "SELECT pg_sleep(2.5)" \
  -c "COMMIT" >/dev/null 2>&1 &
reader=$!
i=0
until [ "$(q_pg "$V4" "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'answer' AND l.mode = 'AccessShareLock' AND l.pid <> pg_backend_pid()")" -ge 1 ]; do
  i=$((i + 1))
  [ $i -lt 200 ] || fail "the reader never held the answers"
  sleep 0.05
done
"$SYNC" migrate --db "$V4" --wait 1 >"$WORK/mb.out" 2>&1
rc=$?
[ "$rc" -eq 75 ] && grep -q "busy" "$WORK/mb.out" || fail "migrate behind a reader: exit $rc, $(cat "$WORK/mb.out")"
wait "$reader"
v4rows | cmp -s - "$WORK/v4.before" || fail "the busy migrate changed something"
"$SYNC" migrate --db "$V4" >"$WORK/m.out" 2>&1 || { cat "$WORK/m.out"; fail "migrate on PostgreSQL"; }
grep -q "upgraded the council database from version 4 to 5" "$WORK/m.out" || fail "migrate said: $(cat "$WORK/m.out")"
grep -q "$PG_PASSWORD" "$WORK/m.out" && fail "migrate shows the password"
v4rows | tail -n +2 | cmp -s - "$(tail -n +2 "$WORK/v4.before" >"$WORK/v4.kept" && echo "$WORK/v4.kept")" ||
  fail "migrate changed rows"
[ "$(q_pg "$V4" "SELECT max(version) FROM chorus_schema")" = 5 ] || fail "not version 5 after migrate"
[ "$(q_pg "$V4" "SELECT count(*) FROM pg_constraint WHERE conrelid = 'answer'::regclass AND contype = 'f'")" = 0 ] ||
  fail "the answer's foreign key is still there"
[ "$(q_pg "$V4" "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal")" = 4 ] || fail "not 4 triggers"
# the same tables as a database made new at version 5
schema_of() { "$PG_BIN/pg_dump" --schema-only --no-owner --no-privileges "$1" | grep -v '^\\\(un\)\{0,1\}restrict\|^--'; }
NEW=$(pg_createdb fresh5) || fail "createdb fresh5"
"$SYNC" enrol --db "$NEW" --name k9 "$WORK/k1/kiosk-sign.pub" >/dev/null || fail "enrol in fresh5"
schema_of "$V4" >"$WORK/v4.schema"
schema_of "$NEW" >"$WORK/new.schema"
grep -q "CREATE TRIGGER answer_refs_insert" "$WORK/new.schema" || fail "no schema read from fresh5"
cmp -s "$WORK/v4.schema" "$WORK/new.schema" ||
  fail "a migrated and a new database differ: $(diff "$WORK/v4.schema" "$WORK/new.schema" | head -6)"
SOURCE_DATE_EPOCH=1796169600 "$SYNC" report --db "$V4" --period 2026-Q3 --draft --out "$WORK/v4report" \
  >"$WORK/v4r.out" 2>&1 || { cat "$WORK/v4r.out"; fail "report on the migrated database"; }
for f in "$FIX"/pg-v4-report/*; do
  cmp -s "$f" "$WORK/v4report/$(basename "$f")" || fail "$(basename "$f") differs from version 4's"
done
"$SYNC" migrate --db "$V4" >"$WORK/m2.out" 2>&1 && grep -q "at version 5, this program's: nothing to do" "$WORK/m2.out" ||
  fail "migrate again: $(cat "$WORK/m2.out")"
# what the key refused: an answer naming no response, a response taken away under its answers
"$PG_BIN/psql" -X -q "$V4" -c "INSERT INTO answer VALUES (99999, 'q', 0, 1, 'x')" >/dev/null 2>"$WORK/fk.out" &&
  fail "an answer naming no response was stored"
grep -q "an answer names no stored response" "$WORK/fk.out" || fail "orphan answer: $(cat "$WORK/fk.out")"
"$PG_BIN/psql" -X -q "$V4" -c "DELETE FROM response WHERE ref = (SELECT min(ref) FROM response)" >/dev/null 2>"$WORK/fk.out" &&
  fail "a response with answers was deleted"
grep -q "a response taken away still has answers" "$WORK/fk.out" || fail "delete: $(cat "$WORK/fk.out")"
v4rows | tail -n +2 | cmp -s - "$WORK/v4.kept" || fail "a refused statement changed rows"

# ---- bad URIs: one clear line each, naming the URI without its password ----
bad() { # WHAT EXPECTED URI
  out=$("$SYNC" report --db "$3" --period 2026-Q3 --out "$WORK/none" 2>&1) && fail "$1: report ran"
  [ "$(echo "$out" | wc -l)" -eq 1 ] || fail "$1: more than one line: $out"
  echo "$out" | grep -q "$2" || fail "$1: said: $out"
  echo "$out" | grep -q "sEcReT\|$PG_PASSWORD" && fail "$1: the password is in the message: $out"
  [ ! -e "$WORK/none" ] || fail "$1: wrote a report"
}
bad "a wrong password" "postgresql://chorus:\*\*\*@/council?host=$PG_SOCKET: cannot connect.*password authentication failed" \
  "postgresql://chorus:sEcReT@/council?host=$PG_SOCKET"
bad "an unreachable server" "postgresql://chorus:\*\*\*@/council?host=$WORK/nowhere: cannot connect.*No such file" \
  "postgresql://chorus:sEcReT@/council?host=$WORK/nowhere"
bad "a bad URI" "postgresql://chorus:\*\*\*@\[/council: cannot connect" "postgresql://chorus:sEcReT@[/council"
bad "no such database" 'database "nope" does not exist' "postgresql://chorus@/nope?host=$PG_SOCKET&password=$PG_PASSWORD"
echo "postgres: $stored responses byte-identical on both, $nfiles files identical, two importers at once, copy, kills and a restart"
