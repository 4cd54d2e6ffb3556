#!/bin/sh
# When the answers cannot be stored, the young person sees a kind "could not be saved" screen
# (not a crash, not a thank-you), "Try again" fails safely while the store is still broken,
# "Finish" wipes the draft, answers sent before are untouched, and once the store is fixed the
# next Send works. The store is broken in every way this machine allows:
#   read-only  kiosk.db made immutable (chattr +i, as root) or mode 0444 (as anyone else):
#              SQLite opens it read-only, so reading works and the INSERT at Send fails;
#   disk full  the data folder on a tiny tmpfs filled up (needs mount, i.e. root);
#   refused    a trigger that makes SQLite refuse the INSERT (works everywhere).
. tests/scripts/lib.sh
setup_kiosk

cleanup() {
  [ -n "$immutable" ] && chattr -i "$immutable" 2>/dev/null
  [ -n "$mounted" ] && umount "$mounted" 2>/dev/null
  true
}
immutable=
mounted=
trap cleanup EXIT INT TERM

cat >"$WORK/send.script" <<'S'
expect screen welcome
tap "Start"
tap "How was today?"
expect screen question
tap "16 or 17"
tap "Next"
tap "Good"
tap "Next"
tap "Next"
tap "Next"
type "please-keep-me-safe"
tap "Next"
expect screen review
tap "Send"
expect screen thanks
tap "Finish"
expect screen welcome
S

cat >"$WORK/fail.script" <<'S'
expect screen welcome
tap "Start"
tap "How was today?"
expect screen question
tap "18 to 20"
tap "Next"
tap "Bad"
tap "Next"
tap "Next"
tap "Next"
type "lost-answer-words"
tap "Next"
expect screen review
tap "Send"
expect screen save-failed
expect text "could not be saved"
expect text "This is not your fault. Please tell a worker."
expect no-text "lost-answer-words"
shot save-failed
tap "Try again"
expect screen save-failed
expect text "could not be saved"
tap "Finish"
expect screen welcome
# the next young person starts with nothing
tap "Start"
tap "How was today?"
tap "Next"
tap "Next"
tap "Next"
tap "Next"
expect text "What could we do better next time?"
expect no-text "lost-answer-words"
tap "Next"
expect screen review
expect no-text "18 to 20"
expect no-text "Bad"
echo the-sessions-are-over
S

# broken_store WAY: runs fail.script against the broken store and checks the log.
broken_store() {
  kiosk_script "$WORK/fail.script" >"$WORK/fail-$1.err" 2>&1
  rc=$?
  [ "$rc" -eq 0 ] || { cat "$WORK/fail-$1.err" >&2; fail "$1: the failing Send went wrong (exit $rc)"; }
  grep -q "could not store the response" "$WORK/fail-$1.err" ||
    fail "$1: the kiosk did not log why the response could not be stored"
  # Not as it happened (its journal time stamp would say when someone answered): held while
  # young people use the kiosk, written once, with a count, when it stops.
  sed -n '/^the-sessions-are-over$/,$p' "$WORK/fail-$1.err" | grep -q "could not store the response" ||
    fail "$1: the failure was logged while young people were at the kiosk, not when it stopped"
  [ "$(grep -c "could not store the response" "$WORK/fail-$1.err")" -eq 1 ] ||
    fail "$1: the same failure was logged more than once"
}

# sent_ok WAY EXPECTED: a normal session stores one more response.
sent_ok() {
  run_script send
  [ "$(responses)" -eq "$2" ] || fail "$1: expected $2 stored responses, found $(responses)"
}

ways=""

# 1. A read-only database file.
sent_ok "read-only (before)" 1
readonly_ok=
if [ "$(id -u)" -eq 0 ]; then
  if chattr +i "$DATA/kiosk.db" 2>/dev/null; then
    immutable="$DATA/kiosk.db"
    readonly_ok=1
  fi
else
  chmod 0444 "$DATA/kiosk.db" && readonly_ok=1
fi
if [ -n "$readonly_ok" ]; then
  broken_store read-only
  # (SQLite gives the -wal and -shm it makes the database's mode, so those are restored too)
  if [ -n "$immutable" ]; then chattr -i "$immutable"; immutable=; else chmod 0600 "$DATA"/kiosk.db*; fi
  [ "$(responses)" -eq 1 ] || fail "read-only: the response sent before is gone ($(responses) stored)"
  sent_ok "read-only (after restoring)" 2
  ways="$ways read-only"
fi

# 2. A full disk: the data folder on a tiny tmpfs, filled up but for room for SQLite's -shm.
FULL="$WORK/full"
mkdir -p "$FULL"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=512k tmpfs "$FULL" 2>/dev/null; then
  mounted=$FULL
  SAVED_DATA=$DATA
  DATA="$FULL/kiosk"
  echo "$PIN" | "$KIOSK" --data "$DATA" --set-pin >/dev/null || fail "disk full: set-pin"
  "$KIOSK" --data "$DATA" --council-key "$WORK/council/council-box.pub" status >/dev/null ||
    fail "disk full: provisioning"
  sent_ok "disk full (before)" 1
  dd if=/dev/zero of="$FULL/filler" bs=4096 >/dev/null 2>&1
  truncate -s $(($(wc -c <"$FULL/filler") - 36 * 1024)) "$FULL/filler"
  broken_store disk-full
  grep -q "disk is full" "$WORK/fail-disk-full.err" ||
    fail "disk full: the log does not say the disk is full: $(cat "$WORK/fail-disk-full.err")"
  rm -f "$FULL/filler"
  [ "$(responses)" -eq 1 ] || fail "disk full: the response sent before is gone ($(responses) stored)"
  sent_ok "disk full (after freeing space)" 2
  DATA=$SAVED_DATA
  umount "$FULL" && mounted=
  ways="$ways disk-full"
fi

# 3. SQLite refuses the INSERT.
before=$(responses)
sqlite3 "$DATA/kiosk.db" "CREATE TRIGGER refuse BEFORE INSERT ON response
  BEGIN SELECT RAISE(FAIL, 'refused by the save_failure test'); END;" || fail "cannot add the trigger"
broken_store refused
sqlite3 "$DATA/kiosk.db" "DROP TRIGGER refuse" || fail "cannot drop the trigger"
[ "$(responses)" -eq "$before" ] || fail "refused: the stored responses changed ($before -> $(responses))"
sent_ok "refused (after dropping the trigger)" $((before + 1))
ways="$ways refused"

case $ways in
*" "*" "*) ;;
*) echo "note: the store was broken only as:$ways (read-only needs chattr or a non-root user; disk full needs mount)" ;;
esac
