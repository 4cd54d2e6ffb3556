#!/bin/sh
# First start from a stick (issue 17), end to end with the real binaries. The council makes a
# provisioning file with `chorus-sync provision`; a kiosk with no council keys, started with no
# key options at all, finds it on the stick by itself and shows the worker whose it is (the
# council's name and the key id `provision` printed). Refused on the screen with the reason, and
# changing nothing: a damaged file, an unsigned one (a pack renamed), another council's file on
# a kiosk that pins this council's signing key, a link planted on the stick. Confirmed, the kiosk
# is provisioned (sealing key, signing key, first pack, server URL), writes its key back to the
# stick, and goes on to the worker PIN; the council enrols that file, and an answer given on the
# kiosk is exported and imported. A second kiosk is set up the same way from the command line
# (`chorus-kiosk provision FILE --yes`), and the first refuses a second provisioning.
. tests/scripts/lib.sh
export LC_ALL=C
C="$WORK/council"
STICK="$WORK/stick"
SHOTS="$WORK/shots"
DB="$WORK/council.db"
mkdir -p "$STICK" "$SHOTS"
"$SYNC" keygen --dir "$C" --plain >/dev/null || fail "keygen"
"$SYNC" provision --keys "$C" --council "Gateshead Council" --out "$STICK/gateshead.provision" \
  --server-url https://chorus.example.gov.uk >"$WORK/provision.out" 2>&1 ||
  fail "provision: $(cat "$WORK/provision.out")"
key=$(sed -n 's/^the kiosk shows the key as \(.*\): tell.*/\1/p' "$WORK/provision.out")
[ -n "$key" ] || fail "provision did not print the key id: $(cat "$WORK/provision.out")"
label="Gateshead Council, key $key (gateshead.provision)"

# what the stick and the kiosk hold, to show that a refusal changed nothing
state() { (cd "$1" && find . -printf '%p %s %l\n' | sort); }

# --- refused on the screen: each bad file alone on the stick, and nothing changes
BAD="$WORK/bad"
mkdir -p "$BAD"
cp "$STICK/gateshead.provision" "$BAD/good"
python3 - "$BAD/good" "$BAD/damaged.provision" <<'EOF'
import sys
b = bytearray(open(sys.argv[1], 'rb').read())
b[len(b) // 2] ^= 0x01
open(sys.argv[2], 'wb').write(b)
EOF
"$SYNC" pack --keys "$C" --out "$BAD/unsigned.provision" >/dev/null 2>&1 || fail "pack"
mkdir -p "$WORK/other"
"$SYNC" keygen --dir "$WORK/other" --plain >/dev/null 2>&1 || fail "keygen other"
"$SYNC" provision --keys "$WORK/other" --council "Gateshead Council" \
  --out "$BAD/other.provision" >/dev/null 2>&1 || fail "provision other"
for bad in damaged:"signature does not match" unsigned:"not a Chorus provisioning file" \
  other:"this kiosk trusts only" link:"symbolic link"; do
  name=${bad%%:*}
  why=${bad#*:}
  D="$WORK/refused-$name"
  S="$WORK/stick-$name"
  mkdir -p "$S"
  if [ "$name" = link ]; then
    ln -s "$STICK/gateshead.provision" "$S/link.provision"
  else
    cp "$BAD/$name.provision" "$S/"
  fi
  pin=
  [ "$name" = other ] && pin="--council-sign-key $C/council-sign.pub"
  # shellcheck disable=SC2086 # $pin is two words or none
  "$KIOSK" --data "$D" $pin status >/dev/null 2>&1 || fail "$name: first start"
  state "$D" >"$WORK/before-$name"
  state "$S" >"$WORK/stick-before-$name"
  cat >"$WORK/refused-$name.script" <<EOF
expect screen provision
expect text "Refused: "
expect text "$why"
expect no-text "Gateshead Council, key"
shot refused-$name
advance 5
expect screen provision
expect text "$why"
EOF
  # shellcheck disable=SC2086
  "$KIOSK" --data "$D" $pin --export-dir "$S" --headless --script "$WORK/refused-$name.script" \
    --shots "$SHOTS" >"$WORK/refused-$name.out" 2>&1 ||
    fail "$name: not refused on screen with \"$why\": $(cat "$WORK/refused-$name.out")"
  state "$D" | cmp -s - "$WORK/before-$name" || fail "$name: the kiosk's data folder changed"
  state "$S" | cmp -s - "$WORK/stick-before-$name" || fail "$name: the stick changed"
  [ -e "$D/council-box.pub" ] && fail "$name: provisioned from a refused file"
done

# --- the real stick: found by itself, shown, confirmed; then the worker PIN
cat >"$WORK/setup.script" <<EOF
expect screen provision
expect text "$label"
shot provision-found
tap "$label"
expect text "Set up this kiosk for Gateshead Council?"
expect text "Council signing key: $key."
expect text "https://chorus.example.gov.uk"
shot provision-confirm
tap "Back"
expect screen provision
tap "$label"
tap "Set up"
# a double tap: the second lands where Set up was, on Continue, and must do nothing
tap-now 1053 737
expect text "This kiosk is set up for Gateshead Council"
expect text "chorus-kiosk-"
shot provision-done
tap "Continue"
advance 1
expect screen set-pin
EOF
"$KIOSK" --data "$DATA" --export-dir "$STICK" --headless --script "$WORK/setup.script" \
  --shots "$SHOTS" >"$WORK/setup.out" 2>&1 || fail "setting up from the stick: $(cat "$WORK/setup.out")"
grep -q "provisioned for Gateshead Council" "$WORK/setup.out" || fail "no log line: $(cat "$WORK/setup.out")"
cmp -s "$DATA/council-box.pub" "$C/council-box.pub" || fail "the kiosk's sealing key is not the council's"
cmp -s "$DATA/council-sign.pub" "$C/council-sign.pub" || fail "the kiosk's signing key is not the council's"
[ "$(cat "$DATA/server.url")" = https://chorus.example.gov.uk ] || fail "server.url: $(cat "$DATA/server.url")"
[ -d "$DATA/pack/surveys" ] || fail "no pack installed"
set -- "$STICK"/chorus-kiosk-*.pub
[ $# -eq 1 ] && [ -f "$1" ] || fail "the kiosk's key is not on the stick: $(ls "$STICK")"
cmp -s "$1" "$DATA/kiosk-sign.pub" || fail "the key on the stick is not the kiosk's"
enrol_file=$1

# --- the council enrols it from the stick; an answer travels
echo "$PIN" | "$KIOSK" --data "$DATA" --set-pin >/dev/null || fail "set-pin"
"$SYNC" enrol --name "Hub" --db "$DB" "$enrol_file" >/dev/null || fail "enrol from the stick"
survey_script "$DATA/pack/surveys/how_was_today.csv" "first words" >"$WORK/answer.script" || fail "script"
kiosk_script "$WORK/answer.script" >"$WORK/answer.out" 2>&1 || fail "answering: $(cat "$WORK/answer.out")"
[ "$(responses)" = 1 ] || fail "$(responses) responses stored, want 1"
"$KIOSK" --data "$DATA" export --out "$WORK/hub.bundle" >/dev/null || fail "export"
"$SYNC" import --db "$DB" --keys "$C" --receipts "$WORK" "$WORK/hub.bundle" >"$WORK/import.out" 2>&1 ||
  fail "import: $(cat "$WORK/import.out")"
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM response')" = 1 ] || fail "the council did not store the answer"

# --- once provisioned, a kiosk is not provisioned again
"$KIOSK" --data "$DATA" provision "$STICK/gateshead.provision" --yes >"$WORK/again.out" 2>&1 &&
  fail "provisioned twice"
grep -q "already provisioned" "$WORK/again.out" || fail "no reason: $(cat "$WORK/again.out")"

# --- the command line: shown without --yes, set up with it, the key beside the file
D2="$WORK/kiosk2"
"$KIOSK" --data "$D2" provision "$STICK/gateshead.provision" >"$WORK/show.out" 2>&1 ||
  fail "provision (show): $(cat "$WORK/show.out")"
grep -q "from Gateshead Council, council signing key $key" "$WORK/show.out" || fail "not shown: $(cat "$WORK/show.out")"
[ -e "$D2/council-box.pub" ] && fail "provisioned without --yes"
"$KIOSK" --data "$D2" provision "$STICK/gateshead.provision" --yes >"$WORK/yes.out" 2>&1 ||
  fail "provision --yes: $(cat "$WORK/yes.out")"
"$KIOSK" --data "$D2" status >"$WORK/status2" 2>&1 || fail "status: $(cat "$WORK/status2")"
id2=$(sed -n 's/^kiosk key: \([0-9a-f]*\),.*/\1/p' "$WORK/status2")
cmp -s "$STICK/chorus-kiosk-$id2.pub" "$D2/kiosk-sign.pub" || fail "the second kiosk's key is not on the stick"
echo "provision: refused 4 bad files on screen, set up 2 kiosks, 1 answer imported"
