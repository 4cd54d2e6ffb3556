#!/bin/sh
# Nothing a young person types reaches the disk in plaintext. Sessions across several surveys
# type unusual planted strings (one of them UTF-8) into the text questions; then every file
# under the kiosk's data folder (the database, its -wal and -shm, anything else) is searched
# byte for byte for each planted string, and for the names of the questions and choices that
# a plaintext answer would carry. A reader holds the database open meanwhile, so the kiosk's
# -wal file survives its exit and is searched too, not only the checkpointed database.
# The sealed blobs must all differ (even for the same answers twice), and look sealed. The
# kiosk's log says nothing as a response is stored, and carries no time (the journal adds one
# to every line it gets).
. tests/scripts/lib.sh
setup_kiosk
export LC_ALL=C

P1=zebra-planted-7781
P2=Qx9PLANTEDq
P3=$(printf 'plant\303\251d-\303\261-42') # plantéd-ñ-42
P4="kiwi PLANTED 5550"

# Hold a read transaction open on the store while the kiosk runs.
mkfifo "$WORK/hold"
sqlite3 "$DATA/kiosk.db" <"$WORK/hold" >"$WORK/hold.out" 2>&1 &
holder=$!
exec 3>"$WORK/hold"
printf 'BEGIN;\nSELECT count(*) FROM response;\n' >&3
release() {
  exec 3>&-
  wait "$holder" 2>/dev/null
}
trap 'exec 3>&- 2>/dev/null; kill "$holder" 2>/dev/null' EXIT

i=0
for spec in "how_was_today:$P1" "children_in_care:$P2" "one_voice_session:$P3" \
  "care_leavers:$P4" "how_was_today:$P1" "how_was_today:$P1"; do
  form=${spec%%:*}
  text=${spec#*:}
  i=$((i + 1))
  survey_script "assets/surveys/$form.csv" "$text" >"$WORK/s$i.script" ||
    fail "$form: could not turn the survey into a kiosk script"
  run_script "s$i"
done
[ "$(responses)" -eq "$i" ] || fail "expected $i stored responses, found $(responses)"

# The log says nothing as a response is stored: under systemd the journal stamps every line
# with the time it arrives, so a line a response would say when each young person answered.
# A run that stores a response logs exactly what a run that stores none does, but for the
# count in its one line as it stops; and no line carries a time or a date of its own.
printf 'expect screen welcome\n' >"$WORK/none.script"
run_script none
grep -q "^chorus-kiosk: stopping: 0 responses stored, 0 drafts wiped when idle$" "$WORK/none.err" ||
  fail "a run that stored nothing logged: $(cat "$WORK/none.err")"
for f in "$WORK"/s[0-9]*.err; do
  sed 's/^chorus-kiosk: stopping: 1 response stored, /chorus-kiosk: stopping: 0 responses stored, /' \
    "$f" | cmp -s - "$WORK/none.err" ||
    fail "$(basename "$f" .err): the log says more as a response is stored: $(cat "$f")"
done
if grep -E -n '[0-9]{1,2}:[0-9]{2}|[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{9,}' "$WORK"/s[0-9]*.err \
  "$WORK/none.err"; then
  fail "a kiosk log line carries a time or a date"
fi

# scan LABEL: every file under the data folder, for every needle.
scan() {
  files=$(find "$DATA" -type f)
  [ -n "$files" ] || fail "no files under $DATA"
  for needle in "$P1" "$P2" "$P3" "$P4" $(cat "$WORK/names"); do
    for f in $files; do
      if grep -a -F -q -- "$needle" "$f"; then
        fail "$1: \"$needle\" is in plaintext in $f"
      fi
    done
  done
  # the typed strings never reach the log either
  for needle in "$P1" "$P2" "$P3" "$P4"; do
    cat "$WORK"/s*.err | grep -a -F -q -- "$needle" && fail "\"$needle\" was written to the kiosk log"
  done
  true
}

# Question names and choice names (6 characters or more, so they can't turn up by chance in
# random bytes) that a plaintext answer would carry.
for csv in assets/surveys/*.csv; do
  awk -F, '$1 == "settings" { exit }
           $2 != "" && $3 != "" && $2 != "type" && $2 != "list_name" { print $3 }' "$csv"
done | awk 'length($0) >= 6' | sort -u >"$WORK/names"
[ "$(wc -l <"$WORK/names")" -gt 20 ] || fail "found too few question and choice names to look for"
# a sanity check of the scan itself: a name that IS on disk in plaintext (a form id) is found
grep -a -F -q how_was_today "$DATA/kiosk.db"* || fail "the scan cannot find even the form id"

[ -s "$DATA/kiosk.db-wal" ] || fail "the -wal file did not survive the kiosk's exit (reader not held?)"
scan "with the -wal file"
release
sqlite3 "$DATA/kiosk.db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
scan "after a checkpoint"

# The sealed blobs: all different (the same answers three times included), none short, and
# none starting the same way (each seal has its own ephemeral key).
q() { sqlite3 "$DATA/kiosk.db" "$1"; }
[ "$(q 'SELECT count(DISTINCT sealed) FROM response')" -eq "$i" ] ||
  fail "some sealed responses are byte-for-byte the same"
[ "$(q 'SELECT count(DISTINCT substr(sealed, 1, 32)) FROM response')" -eq "$i" ] ||
  fail "some sealed responses share their first 32 bytes (the ephemeral key)"
[ "$(q 'SELECT min(length(sealed)) FROM response')" -gt 80 ] || fail "a sealed response is too short"
[ "$(q 'SELECT count(DISTINCT id) FROM response')" -eq "$i" ] || fail "response ids repeat"
[ "$(q 'PRAGMA integrity_check')" = ok ] || fail "the store fails its integrity check"
# the sealed bytes look random: no run of 4 printable characters from the answers' alphabet
for needle in "$P1" "$P2" "$P3" "$P4"; do
  [ "$(q "SELECT count(*) FROM response WHERE instr(sealed, CAST('$needle' AS BLOB)) > 0")" -eq 0 ] ||
    fail "\"$needle\" is inside a sealed blob"
done
