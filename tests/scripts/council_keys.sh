#!/bin/sh
# The council's secret keys at rest, in custody and rotated, with the real binaries:
#   - keygen locks them with a passphrase from a file (Argon2id cost written in each file); a
#     passphrase file or a secret key others can read is refused with the chmod to run
#   - import and pack unlock them from --passphrase-file, --passphrase-fd, a systemd credential
#     ($CREDENTIALS_DIRECTORY/chorus-passphrase) and a terminal (no echo); a wrong passphrase,
#     or none to be had, is refused naming the file, with the database and keys unchanged
#   - key-rotate: a kiosk seals with the old key, a pack brings the new one, the kiosk seals
#     with it, and one import opens both; the kiosk started again with the old --council-key
#     is not refused
#   - key-split 5 shares, threshold 3; key-join with 3 of them restores keys that open every
#     response (proved by tests/tools/tryopen: each record opens with exactly the key it was
#     sealed to); 2 shares, a mistyped share, a folder that holds keys: refused, nothing written
# Argon2id runs at the interactive cost here (about 0.1 s a command).
. tests/scripts/lib.sh
export LC_ALL=C
C="$WORK/council"
DB="$WORK/council.db"
PASS="$WORK/passphrase"
printf 'correct horse battery staple\n' >"$PASS"
chmod 600 "$PASS"
UNLOCK="--passphrase-file $PASS"

# refused NAME WORDS CMD...: the command must exit 1, its stderr holding WORDS.
refusals=0
refused() {
  refusals=$((refusals + 1))
  name=$1 words=$2
  shift 2
  "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"
  rc=$?
  [ "$rc" -eq 1 ] || fail "$name: exit $rc, want 1: $(cat "$WORK/$name.out" "$WORK/$name.err")"
  grep -qF -- "$words" "$WORK/$name.err" || fail "$name: want '$words', got: $(cat "$WORK/$name.err")"
}
# state: the bytes a refused command must leave alone (database, keys, receipts).
state() { { sqlite3 "$DB" .dump 2>/dev/null; ls -l "$C" "$WORK"/*.receipt 2>/dev/null; cat "$C"/*; } | sha256sum; }

# --- keygen: locked keys, the cost in the files, the passphrase file checked
chmod 644 "$PASS"
refused pass-open "permissions 0644 are too open for a passphrase file; run: chmod 600 $PASS" \
  "$SYNC" keygen --dir "$C" $UNLOCK --kdf-cost interactive
[ ! -e "$C" ] || fail "a refused keygen made $C"
chmod 600 "$PASS"
setsid -w "$SYNC" keygen --dir "$WORK/no-tty" --kdf-cost interactive </dev/null >"$WORK/no-tty.out" 2>"$WORK/no-tty.err" &&
  fail "keygen without a passphrase and without a terminal succeeded"
grep -q "there is no terminal to ask on: give --passphrase-file FILE or --passphrase-fd N.*--plain" "$WORK/no-tty.err" ||
  fail "no terminal: $(cat "$WORK/no-tty.err")"
"$SYNC" keygen --dir "$C" $UNLOCK --kdf-cost interactive >"$WORK/keygen.out" 2>&1 || fail "keygen: $(cat "$WORK/keygen.out")"
grep -q "not encrypted" "$WORK/keygen.out" && fail "keygen says its locked keys are not encrypted"
for k in council-box.key council-sign.key; do
  [ "$(head -1 "$C/$k")" = "chorus-key 2" ] || fail "$k is not locked"
  grep -q "^kdf argon2id opslimit 2 memlimit 67108864 salt " "$C/$k" || fail "$k: cost not recorded"
  [ "$(stat -c %a "$C/$k")" = 600 ] || fail "$k is not 0600"
done
[ "$(sed -n 4p "$C/council-box.key")" = "$(sed -n 4p "$C/council-sign.key")" ] ||
  fail "one keygen's keys do not share a salt (two Argon2id a command)"
grep -q "passphrase" "$C"/*.key && fail "the passphrase is in a key file"
cp "$C/council-box.pub" "$WORK/first-box.pub"

# --- a kiosk of this council, one young person (sealed to the first key)
echo "$PIN" | "$KIOSK" --data "$DATA" --set-pin >/dev/null || fail "set-pin"
"$KIOSK" --data "$DATA" --council-key "$C/council-box.pub" --council-sign-key "$C/council-sign.pub" \
  status >/dev/null || fail "provisioning"
session() {
  survey_script assets/surveys/how_was_today.csv "$1" >"$WORK/$1.script" || fail "script $1"
  run_script "$1"
}
session first
"$SYNC" enrol --name hub --db "$DB" "$DATA/kiosk-sign.pub" >/dev/null || fail "enrol"
"$KIOSK" --data "$DATA" export --out "$WORK/one.bundle" >/dev/null || fail "export one"
import() { "$SYNC" import --db "$DB" --keys "$C" --receipts "$WORK" "$@"; }

# --- wrong passphrase, none at all, a key too open: refused, nothing changed
printf 'Correct horse battery staple\n' >"$WORK/wrong"
chmod 600 "$WORK/wrong"
before=$(state)
refused wrong "$C/council-sign.key: wrong passphrase" import --passphrase-file "$WORK/wrong" "$WORK/one.bundle"
refused wrong-fd "wrong passphrase" import --passphrase-fd 3 "$WORK/one.bundle" 3<"$WORK/wrong"
refused no-source "the keys are locked with a passphrase, and there is no terminal to ask on" \
  setsid -w "$SYNC" import --db "$DB" --keys "$C" --receipts "$WORK" "$WORK/one.bundle"
refused both "give --passphrase-file or --passphrase-fd, not both" \
  import $UNLOCK --passphrase-fd 0 "$WORK/one.bundle"
chmod 644 "$C/council-box.key"
refused key-open "$C/council-box.key: permissions 0644 are too open for a secret key; run: chmod 600 $C/council-box.key" \
  import $UNLOCK "$WORK/one.bundle"
chmod 600 "$C/council-box.key"
chmod 640 "$C/council-sign.key"
refused pack-key-open "permissions 0640 are too open for a secret key; run: chmod 600 $C/council-sign.key" \
  "$SYNC" pack --out "$WORK/p.pack" --keys "$C" $UNLOCK
chmod 600 "$C/council-sign.key"
[ "$(state)" = "$before" ] || fail "a refused import changed the database, the keys or the receipts"
[ ! -e "$WORK/p.pack" ] || fail "a refused pack was written"

# --- unlocked from a file, a descriptor, a credential and a terminal
import $UNLOCK "$WORK/one.bundle" >"$WORK/import1.out" 2>&1 || fail "import: $(cat "$WORK/import1.out")"
grep -q "1 new" "$WORK/import1.out" || fail "import said: $(cat "$WORK/import1.out")"
grep -q "not encrypted" "$WORK/import1.out" && fail "locked keys reported as not encrypted"
import --passphrase-fd 3 "$WORK/one.bundle" 3<"$PASS" >"$WORK/import-fd.out" 2>&1 ||
  fail "import --passphrase-fd: $(cat "$WORK/import-fd.out")"
grep -q "1 already held" "$WORK/import-fd.out" || fail "import --passphrase-fd said: $(cat "$WORK/import-fd.out")"
mkdir -p "$WORK/creds"
cp "$PASS" "$WORK/creds/chorus-passphrase"
CREDENTIALS_DIRECTORY="$WORK/creds" setsid -w "$SYNC" import --db "$DB" --keys "$C" --receipts "$WORK" \
  "$WORK/one.bundle" >"$WORK/import-cred.out" 2>&1 || fail "import from a credential: $(cat "$WORK/import-cred.out")"
CREDENTIALS_DIRECTORY="$WORK/creds" "$SYNC" pack --out "$WORK/p10.pack" --keys "$C" --sequence 10 \
  >"$WORK/pack10.out" 2>&1 || fail "pack from a credential: $(cat "$WORK/pack10.out")"
"$KIOSK" --data "$DATA" import-pack "$WORK/p10.pack" >"$WORK/ip10.out" || fail "import-pack 10"
grep -q "new sealing key" "$WORK/ip10.out" && fail "a pack with the same key switched keys"
if command -v script >/dev/null; then
  # The terminal: the prompt names the folder, and what is typed is not echoed.
  printf 'correct horse battery staple\n' |
    timeout 30 script -qec "'$SYNC' import --db '$DB' --keys '$C' --receipts '$WORK' '$WORK/one.bundle'" /dev/null \
      >"$WORK/import-tty.out" 2>&1 || fail "import on a terminal: $(cat "$WORK/import-tty.out")"
  grep -q "Passphrase for the council keys in $C: " "$WORK/import-tty.out" || fail "no prompt: $(cat "$WORK/import-tty.out")"
  grep -q "1 already held" "$WORK/import-tty.out" || fail "import on a terminal said: $(cat "$WORK/import-tty.out")"
  # script(1) may echo the piped input before the prompt turns echo off; after it, never.
  sed -n '/Passphrase for the council keys/,$p' "$WORK/import-tty.out" |
    sed 's/.*Passphrase for the council keys[^:]*: //' | grep -q "horse" &&
    fail "the passphrase was echoed"
  # keygen on a terminal asks twice; two that differ make nothing
  printf 'one passphrase\nanother\n' |
    timeout 30 script -qec "'$SYNC' keygen --dir '$WORK/tty-keys' --kdf-cost interactive" /dev/null \
      >"$WORK/keygen-tty.out" 2>&1 && fail "keygen took two different passphrases"
  grep -q "The same passphrase again: .*the two passphrases differ" "$WORK/keygen-tty.out" ||
    fail "keygen on a terminal said: $(cat "$WORK/keygen-tty.out")"
  [ ! -e "$WORK/tty-keys" ] || fail "keygen with two different passphrases made $WORK/tty-keys"
fi

# --- rotation: sealed to the old key before the pack, to the new one after; one import opens both
session before-pack
"$SYNC" key-rotate --keys "$C" $UNLOCK >"$WORK/rotate.out" 2>&1 || fail "key-rotate: $(cat "$WORK/rotate.out")"
grep -q "new sealing key [0-9a-f]\{16\}" "$WORK/rotate.out" || fail "key-rotate said: $(cat "$WORK/rotate.out")"
[ -f "$C/council-box.key.1" ] || fail "the old sealing key was not kept"
[ "$(head -1 "$C/council-box.key.1")" = "chorus-key 2" ] || fail "the retired key is not locked"
[ "$(head -1 "$C/council-box.key")" = "chorus-key 2" ] || fail "the new key is not locked"
[ "$(sed -n 4p "$C/council-box.key")" = "$(sed -n 4p "$C/council-sign.key")" ] || fail "the new key has another salt"
cmp -s "$C/council-box.pub" "$WORK/first-box.pub" && fail "key-rotate left council-box.pub as it was"
new_id=$(sed -n 's/.*new sealing key \([0-9a-f]*\).*/\1/p' "$WORK/rotate.out")
"$SYNC" pack --out "$WORK/p11.pack" --keys "$C" --sequence 11 $UNLOCK >/dev/null 2>&1 || fail "pack 11"
"$KIOSK" --data "$DATA" import-pack "$WORK/p11.pack" >"$WORK/ip11.out" || fail "import-pack 11"
grep -q "the council's new sealing key $new_id" "$WORK/ip11.out" || fail "import-pack said: $(cat "$WORK/ip11.out")"
cmp -s "$DATA/council-box.pub" "$C/council-box.pub" || fail "the kiosk does not seal to the new key"
# started again as provisioned (the old key): told, not refused
"$KIOSK" --data "$DATA" --council-key "$WORK/first-box.pub" status >"$WORK/status" 2>"$WORK/status.err" ||
  fail "the kiosk refused its old --council-key after a pack replaced it: $(cat "$WORK/status.err")"
grep -q "council sealing key: $new_id" "$WORK/status" || fail "status: $(cat "$WORK/status")"
grep -q "a pack has replaced" "$WORK/status.err" || fail "no word on the replaced key: $(cat "$WORK/status.err")"
"$SYNC" keygen --dir "$WORK/other" --plain >/dev/null || fail "keygen other"
refused other-key "different council key" "$KIOSK" --data "$DATA" --council-key "$WORK/other/council-box.pub" status
session after-pack
"$KIOSK" --data "$DATA" export --out "$WORK/two.bundle" >/dev/null || fail "export two"
import $UNLOCK "$WORK/two.bundle" >"$WORK/import2.out" 2>&1 || fail "import two: $(cat "$WORK/import2.out")"
grep -q "3 responses: 2 new, 1 already held" "$WORK/import2.out" || fail "import two said: $(cat "$WORK/import2.out")"

# --- a key-rotate stopped between its steps, finished by running it again (on a copy)
H="$WORK/halfway"
cp -a "$C" "$H"
cp "$WORK/first-box.pub" "$H/council-box.pub" # stopped before its last step
"$SYNC" pack --out "$WORK/h.pack" --keys "$H" $UNLOCK >/dev/null 2>"$WORK/h.err" || fail "pack halfway: $(cat "$WORK/h.err")"
grep -q "is a retired sealing key.*run chorus-sync key-rotate --keys $H to finish it" "$WORK/h.err" ||
  fail "no word on the stopped rotation: $(cat "$WORK/h.err")"
"$SYNC" key-rotate --keys "$H" $UNLOCK >"$WORK/h.out" 2>&1 || fail "finishing: $(cat "$WORK/h.out")"
grep -q "finished the interrupted rotation: $H/council-box.pub is now sealing key $new_id" "$WORK/h.out" ||
  fail "finishing said: $(cat "$WORK/h.out")"
cmp -s "$H/council-box.pub" "$C/council-box.pub" || fail "the finished rotation has another public key"
cp -a "$H/council-box.key" "$H/council-box.key.2" # stopped after its first step
"$SYNC" key-rotate --keys "$H" $UNLOCK >"$WORK/h2.out" 2>&1 || fail "rotating again: $(cat "$WORK/h2.out")"
[ "$(ls "$H" | grep -c '^council-box.key')" -eq 3 ] || fail "a stopped rotation kept a key twice: $(ls "$H")"

# --- split custody: 5 shares, any 3
"$SYNC" key-split --keys "$C" --shares 5 --threshold 3 --out "$WORK/shares" $UNLOCK >"$WORK/split.out" 2>&1 ||
  fail "key-split: $(cat "$WORK/split.out")"
[ "$(ls "$WORK/shares" | wc -l)" -eq 5 ] || fail "key-split wrote: $(ls "$WORK/shares")"
S="$WORK/shares/chorus-share"
grep -q "^share 2 of 5$" "$S-2-of-5.txt" && grep -q "^threshold 3$" "$S-2-of-5.txt" || fail "share 2: $(cat "$S-2-of-5.txt")"
[ "$(stat -c %a "$S-1-of-5.txt")" = 600 ] || fail "a share is not 0600"
grep -q "1 retired sealing key" "$WORK/split.out" || fail "key-split said: $(cat "$WORK/split.out")"
# too few, mistyped, or into a folder that holds keys: refused, nothing written
R="$WORK/restored"
refused join-two "2 shares given, but 3 of the 5 are needed" \
  "$SYNC" key-join --out "$R" --plain "$S-1-of-5.txt" "$S-4-of-5.txt"
sed '0,/^data /{s/^data 0/data 1/;t;s/^data ./data 0/}' "$S-3-of-5.txt" >"$WORK/typo.txt"
cmp -s "$WORK/typo.txt" "$S-3-of-5.txt" && fail "the typo did not change the share"
refused join-typo "$WORK/typo.txt: the check does not match: a line was mistyped" \
  "$SYNC" key-join --out "$R" --plain "$S-1-of-5.txt" "$WORK/typo.txt" "$S-5-of-5.txt"
refused join-same "are both share 1 of 5" "$SYNC" key-join --out "$R" --plain "$S-1-of-5.txt" "$S-1-of-5.txt" "$S-5-of-5.txt"
refused join-over "already exists; key-join restores into a folder without secret keys" \
  "$SYNC" key-join --out "$C" --plain "$S-1-of-5.txt" "$S-3-of-5.txt" "$S-5-of-5.txt"
[ ! -e "$R" ] || fail "a refused key-join wrote $(ls -A "$R")"
# 3 of 5 (any 3: here 2, 4, 5), locked with a new passphrase, then plain for tryopen below
printf 'a new passphrase for the restored keys\n' >"$WORK/pass2"
chmod 600 "$WORK/pass2"
"$SYNC" key-join --out "$R" --passphrase-file "$WORK/pass2" --kdf-cost interactive \
  "$S-2-of-5.txt" "$S-4-of-5.txt" "$S-5-of-5.txt" >"$WORK/join.out" 2>&1 || fail "key-join: $(cat "$WORK/join.out")"
grep -q "restored in $R from 3 shares: sealing key $new_id, signing key [0-9a-f]*, 1 retired sealing key, locked" "$WORK/join.out" ||
  fail "key-join said: $(cat "$WORK/join.out")"
for k in council-box.pub council-sign.pub; do cmp -s "$C/$k" "$R/$k" || fail "$k restored differs"; done
[ "$(head -1 "$R/council-box.key.1")" = "chorus-key 2" ] || fail "the restored retired key is not locked"
"$SYNC" enrol --name hub --db "$WORK/fresh.db" "$DATA/kiosk-sign.pub" >/dev/null || fail "enrol fresh"
mkdir -p "$WORK/r2"
"$SYNC" import --db "$WORK/fresh.db" --keys "$R" --receipts "$WORK/r2" --passphrase-file "$WORK/pass2" \
  "$WORK/two.bundle" >"$WORK/import3.out" 2>&1 || fail "import with the restored keys: $(cat "$WORK/import3.out")"
grep -q "3 responses: 3 new" "$WORK/import3.out" || fail "import with restored keys said: $(cat "$WORK/import3.out")"
refused restored-wrong "$R/council-sign.key: wrong passphrase" \
  "$SYNC" import --db "$WORK/fresh.db" --keys "$R" --passphrase-file "$PASS" "$WORK/two.bundle"
"$SYNC" key-join --out "$WORK/plain" --plain "$S-1-of-5.txt" "$S-3-of-5.txt" "$S-5-of-5.txt" >"$WORK/join-plain.out" 2>&1 ||
  fail "key-join --plain: $(cat "$WORK/join-plain.out")"
# Each response opens with exactly the key it was sealed to: two with the first, one with the new.
"$BUILD/tests/tools/tryopen" "$DATA/kiosk.db" "$WORK/plain/council-box.key.1" >"$WORK/try1" || fail "tryopen 1"
grep -q "3 records, 1 keys, 2 opened" "$WORK/try1" || fail "the retired key opened: $(cat "$WORK/try1")"
"$BUILD/tests/tools/tryopen" "$DATA/kiosk.db" "$WORK/plain/council-box.key" >"$WORK/try2" || fail "tryopen 2"
grep -q "3 records, 1 keys, 1 opened" "$WORK/try2" || fail "the new key opened: $(cat "$WORK/try2")"
# plain keys say so, once, on every command that reads them
"$SYNC" pack --out "$WORK/p12.pack" --keys "$WORK/plain" --sequence 12 >/dev/null 2>"$WORK/plain.err" || fail "pack plain"
[ "$(grep -c "warning: council keys in $WORK/plain are not encrypted (development keys)" "$WORK/plain.err")" -eq 1 ] ||
  fail "plain keys: $(cat "$WORK/plain.err")"
echo "council keys: locked; unlocked from a file, a descriptor, a credential and a terminal;" \
  "$refusals refusals; rotated; split 5/3 and joined"
