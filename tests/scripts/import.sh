#!/bin/sh
# chorus-sync import at the council: a good bundle is stored once (a re-import changes
# nothing), and every bad one is refused whole with its file name and reason and the council
# database byte-for-byte unchanged: truncated, bit-flipped, wrong version, unsigned, appended
# to, another kiosk's (not enrolled), an attacker's who has only the council's public key (own
# key, or posing as the enrolled kiosk), one whose records won't open with the council key (a
# kiosk provisioned with another council's key), and a revoked kiosk's.
. tests/scripts/lib.sh
setup_kiosk
export LC_ALL=C
COUNCIL="$WORK/council"
DB="$WORK/council.db"
import() { "$SYNC" import --db "$DB" --keys "$COUNCIL" --receipts "$WORK" "$@"; }
dbsum() { sqlite3 "$DB" .dump | sha256sum; }

# answer DATA N SEED: N sessions of how_was_today on the kiosk in DATA.
answer() {
  i=0
  while [ "$i" -lt "$2" ]; do
    SEED=$(( $3 + i )) survey_script assets/surveys/how_was_today.csv "" >"$WORK/s.script" ||
      fail "could not script a session"
    "$KIOSK" --data "$1" --headless --script "$WORK/s.script" 2>"$WORK/s.err" ||
      { cat "$WORK/s.err"; fail "a session failed"; }
    i=$((i + 1))
  done
}

# refused NAME FILE REASON: import must fail, name FILE and REASON, and change nothing.
refused() {
  before=$(dbsum)
  if import "$2" >"$WORK/$1.out" 2>"$WORK/$1.err"; then
    fail "$1: was accepted: $(cat "$WORK/$1.out")"
  fi
  grep -q "^$2: refused: .*$3" "$WORK/$1.err" || fail "$1: expected '$2: refused: ...$3', got: $(cat "$WORK/$1.err")"
  [ "$(dbsum)" = "$before" ] || fail "$1: the council database changed"
  [ ! -e "$WORK/$(basename "$2").receipt" ] || fail "$1: a receipt was written"
}

answer "$DATA" 3 100
"$KIOSK" --data "$DATA" export --out "$WORK/a.bundle" >/dev/null || fail "export"
"$SYNC" enrol --db "$DB" --name hub "$DATA/kiosk-sign.pub" >/dev/null || fail "enrol"

# --- damaged bundles, before anything is stored (the database is still empty)
len=$(stat -c %s "$WORK/a.bundle")
for cut in 3 40 $((len / 2)) $((len - 65)) $((len - 1)); do
  head -c "$cut" "$WORK/a.bundle" >"$WORK/cut$cut.bundle"
  refused "cut$cut" "$WORK/cut$cut.bundle" ""
done
head -c $((len - 64)) "$WORK/a.bundle" >"$WORK/unsigned.bundle"
refused unsigned "$WORK/unsigned.bundle" "signature"
for at in 0 4 6 40 60 $((len / 2)) $((len - 10)); do
  cp "$WORK/a.bundle" "$WORK/flip$at.bundle"
  b=$(od -An -tu1 -j "$at" -N1 "$WORK/a.bundle" | tr -d ' ')
  printf "$(printf '\\%03o' $((b ^ 1)))" |
    dd of="$WORK/flip$at.bundle" bs=1 seek="$at" conv=notrunc 2>/dev/null
  refused "flip$at" "$WORK/flip$at.bundle" ""
done
grep -q "version" "$WORK/flip4.err" || fail "a changed version byte is not reported as a version"
{ cat "$WORK/a.bundle"; printf 'x'; } >"$WORK/appended.bundle"
refused appended "$WORK/appended.bundle" "signature"

# --- another kiosk, never enrolled
OTHER="$WORK/other"
echo "$PIN" | "$KIOSK" --data "$OTHER" --set-pin >/dev/null || fail "other pin"
"$KIOSK" --data "$OTHER" --council-key "$COUNCIL/council-box.pub" status >/dev/null || fail "other kiosk"
answer "$OTHER" 1 200
"$KIOSK" --data "$OTHER" export --out "$WORK/other.bundle" >/dev/null || fail "other export"
refused unenrolled "$WORK/other.bundle" "not enrolled"

# --- an attacker with only the council's public key: records that open, signed with the
# attacker's own key (not enrolled), or passed off as the enrolled kiosk's (not its signature)
"$BUILD/tests/tools/mkbundle" --kiosk "$WORK/attacker" --council-key "$COUNCIL/council-box.pub" \
  --survey assets/surveys/how_was_today.csv --count 5 --out "$WORK/attacker.bundle" >/dev/null ||
  fail "mkbundle"
refused attacker "$WORK/attacker.bundle" "not enrolled"
{ head -c 37 "$WORK/a.bundle"; tail -c +38 "$WORK/attacker.bundle"; } >"$WORK/posing.bundle"
refused posing "$WORK/posing.bundle" "signature"

# --- an enrolled kiosk sealing to another council's key: its records don't open
"$SYNC" keygen --dir "$WORK/elsewhere" --plain >/dev/null || fail "keygen elsewhere"
WRONG="$WORK/wrong"
echo "$PIN" | "$KIOSK" --data "$WRONG" --set-pin >/dev/null || fail "wrong pin"
"$KIOSK" --data "$WRONG" --council-key "$WORK/elsewhere/council-box.pub" status >/dev/null || fail "wrong kiosk"
answer "$WRONG" 1 300
"$KIOSK" --data "$WRONG" export --out "$WORK/wrong.bundle" >/dev/null || fail "wrong export"
"$SYNC" enrol --db "$DB" --name wrongly-provisioned "$WRONG/kiosk-sign.pub" >/dev/null || fail "enrol wrong"
refused sealed-elsewhere "$WORK/wrong.bundle" "does not open"

# --- the good bundle: stored once, receipted; again: nothing changes
import "$WORK/a.bundle" >"$WORK/first.out" 2>&1 || { cat "$WORK/first.out"; fail "import"; }
grep -q "3 responses: 3 new, 0 already held, 0 quarantined" "$WORK/first.out" ||
  fail "first import said: $(cat "$WORK/first.out")"
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM response')" = 3 ] || fail "3 responses not stored"
[ -s "$WORK/a.bundle.receipt" ] || fail "no receipt"
before=$(dbsum)
import "$WORK/a.bundle" >"$WORK/again.out" 2>&1 || { cat "$WORK/again.out"; fail "re-import"; }
grep -q "0 new, 3 already held" "$WORK/again.out" || fail "re-import said: $(cat "$WORK/again.out")"
[ "$(dbsum)" = "$before" ] || fail "a re-import changed the database"

# --- a receipt deletes exactly the held responses on the kiosk; a later one stays
answer "$DATA" 1 400
"$KIOSK" --data "$DATA" --council-sign-key "$COUNCIL/council-sign.pub" import-receipt \
  "$WORK/a.bundle.receipt" >"$WORK/receipt.out" 2>&1 || { cat "$WORK/receipt.out"; fail "import-receipt"; }
[ "$(responses)" = 1 ] || fail "after the receipt the kiosk holds $(responses), not 1"

# --- run from another folder: a survey's pictures are found beside its own folder (for
# assets/surveys/little_voices.csv, assets/images), never in the folder the command runs in
ROOT=$(pwd)
ASYNC=$(cd "$(dirname "$SYNC")" && pwd)/chorus-sync
AWORK=$(cd "$WORK" && pwd)
"$BUILD/tests/tools/mkbundle" --kiosk "$WORK/little" --council-key "$COUNCIL/council-box.pub" \
  --survey assets/surveys/little_voices.csv --count 4 --seed 7 --out "$WORK/little.bundle" \
  >/dev/null || fail "mkbundle little_voices"
"$SYNC" enrol --db "$DB" --name little "$WORK/little/kiosk-sign.pub" >/dev/null || fail "enrol little"
(cd /tmp && "$ASYNC" check-survey "$ROOT/assets/surveys/little_voices.csv" "$ROOT/assets/surveys/my_life.csv") \
  >"$WORK/far-check.out" 2>&1 || fail "check-survey from /tmp: $(cat "$WORK/far-check.out")"
[ "$(grep -c ": ok: form " "$WORK/far-check.out")" -eq 2 ] || fail "check-survey from /tmp said: $(cat "$WORK/far-check.out")"
(cd /tmp && "$ASYNC" import --db "$AWORK/council.db" --keys "$AWORK/council" --surveys "$ROOT/assets/surveys" \
  --receipts "$AWORK" "$AWORK/little.bundle") >"$WORK/far.out" 2>&1 ||
  fail "import from /tmp: $(cat "$WORK/far.out")"
grep -q "4 responses: 4 new" "$WORK/far.out" || fail "import from /tmp said: $(cat "$WORK/far.out")"
# a copy of the surveys with no pictures beside it is checked against its own folder, even from
# the repository, where assets/images is at hand; import reads answers and needs no pictures
mkdir -p "$WORK/elsewhere/surveys"
cp assets/surveys/*.csv "$WORK/elsewhere/surveys/"
if "$SYNC" check-survey "$WORK/elsewhere/surveys/little_voices.csv" >"$WORK/nopics.out" 2>&1; then
  fail "check-survey found pictures that are not beside the survey"
fi
grep -q "little_voices.csv:[0-9]*:[0-9]*: image [a-z]*.png: not found in $WORK/elsewhere/images" "$WORK/nopics.out" ||
  fail "check-survey without pictures said: $(cat "$WORK/nopics.out")"
"$BUILD/tests/tools/mkbundle" --kiosk "$WORK/little" --council-key "$COUNCIL/council-box.pub" \
  --survey assets/surveys/little_voices.csv --count 2 --seed 8 --sequence 2 \
  --out "$WORK/little2.bundle" >/dev/null || fail "mkbundle little_voices 2"
import --surveys "$WORK/elsewhere/surveys" "$WORK/little2.bundle" >"$WORK/nopics-import.out" 2>&1 ||
  fail "import without pictures: $(cat "$WORK/nopics-import.out")"
grep -q "2 responses: 2 new" "$WORK/nopics-import.out" || fail "import without pictures said: $(cat "$WORK/nopics-import.out")"

# --- revoked: the kiosk's next bundle is refused, what was imported stays
"$SYNC" revoke --db "$DB" hub >/dev/null || fail "revoke"
"$KIOSK" --data "$DATA" export --out "$WORK/late.bundle" >/dev/null || fail "late export"
refused revoked "$WORK/late.bundle" "revoked"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM response WHERE form_id = 'how_was_today'")" = 3 ] ||
  fail "revoking lost responses"

# --- import with no arguments, or a missing file: a clear error
if import >/dev/null 2>&1; then fail "import with no bundle succeeded"; fi
if import "$WORK/missing.bundle" 2>"$WORK/missing.err"; then fail "a missing bundle was accepted"; fi
grep -q "missing.bundle" "$WORK/missing.err" || fail "a missing bundle is not named"
exit 0
