#!/bin/sh
# The kiosk <-> council exchange end to end, with the real binaries: a provisioned kiosk makes
# its own key, two young people answer headless, `export` writes a signed bundle (and an empty
# kiosk refuses politely), the council enrols the kiosk and imports the bundle, and the receipt
# deletes exactly those responses, while a response sent after the export stays. Worker mode's
# "Export to USB" writes to --export-dir. A council pack installs surveys and "you said, we did"
# items, which the welcome screen shows. Every refusal (a damaged, other-kiosk or other-council
# receipt; a damaged, older, repeated or other-council pack; garbage) names the file and leaves
# the store, the pack and the data folder's key pin exactly as they were.
. tests/scripts/lib.sh
setup_kiosk
export LC_ALL=C
COUNCIL="$WORK/council"
DB="$WORK/council.db"
q() { sqlite3 "$DATA/kiosk.db" "$1"; }

# A snapshot of everything a refusal must leave alone: the response ids and flags, the
# settings, the pinned key and the pack.
snapshot() {
  {
    q 'SELECT hex(id), exported FROM response ORDER BY seq'
    q "SELECT key, value FROM setting WHERE key NOT LIKE 'pin_%' ORDER BY key"
    cat "$DATA/council-sign.pub" 2>/dev/null
    readlink "$DATA/pack" 2>/dev/null
    [ -e "$DATA/pack" ] && find "$DATA/pack/" -type f | sort | xargs cat
  } >"$WORK/snap.$1"
}
# refused NAME CMD...: the command must fail, name its file, and change nothing.
refused() {
  name=$1
  shift
  snapshot before
  if "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"; then
    cat "$WORK/$name.out"
    fail "$name: was accepted"
  fi
  grep -q "refused\|cannot\|not\|different" "$WORK/$name.err" || fail "$name: no reason given: $(cat "$WORK/$name.err")"
  snapshot after
  cmp -s "$WORK/snap.before" "$WORK/snap.after" || fail "$name: the kiosk changed"
}
# flip FILE OFFSET OUT: a copy of FILE with the byte at OFFSET inverted.
flip() {
  cp "$1" "$3"
  b=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
  printf "$(printf '\\%03o' $((255 - b)))" | dd of="$3" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

# --- the kiosk's own key, made on first start
[ -f "$DATA/kiosk-sign.key" ] && [ -f "$DATA/kiosk-sign.pub" ] || fail "no kiosk key pair"
[ "$(stat -c %a "$DATA/kiosk-sign.key")" = 600 ] || fail "the kiosk's secret key is not 0600"
"$KIOSK" --data "$DATA" status >"$WORK/status" || fail "status"
grep -q "kiosk key: [0-9a-f]\{16\}, public key .* (file $DATA/kiosk-sign.pub)" "$WORK/status" ||
  fail "status does not show the kiosk key: $(cat "$WORK/status")"
id=$(sed -n 's/^kiosk key: \([0-9a-f]*\),.*/\1/p' "$WORK/status")

# --- nothing to export yet: a polite no, and no file
"$KIOSK" --data "$DATA" export --out "$WORK/empty.bundle" >"$WORK/empty.out" || fail "empty export failed"
grep -q "nothing to export" "$WORK/empty.out" || fail "empty export said: $(cat "$WORK/empty.out")"
[ ! -e "$WORK/empty.bundle" ] || fail "an empty export wrote a file"

# --- two young people answer
for i in 1 2; do
  survey_script assets/surveys/how_was_today.csv "exchange-$i" >"$WORK/s$i.script" || fail "script"
  run_script "s$i"
done
[ "$(responses)" -eq 2 ] || fail "expected 2 responses, found $(responses)"

"$KIOSK" --data "$DATA" export --out "$WORK/one.bundle" >"$WORK/export.out" || fail "export: $(cat "$WORK/export.out")"
grep -q "exported 2 responses to $WORK/one.bundle" "$WORK/export.out" || fail "export said: $(cat "$WORK/export.out")"
[ -s "$WORK/one.bundle" ] || fail "no bundle written"
[ "$(head -c 4 "$WORK/one.bundle")" = CHRB ] || fail "the bundle has no magic"
[ "$(q 'SELECT count(*) FROM response WHERE exported = 1')" -eq 2 ] || fail "responses not marked exported"
[ ! -e "$WORK/one.bundle.tmp" ] || fail "a temp file was left behind"

# a third response, sent after the export: the receipt must not touch it
survey_script assets/surveys/how_was_today.csv "exchange-3" >"$WORK/s3.script" || fail "script"
run_script s3
third=$(q 'SELECT hex(id) FROM response ORDER BY seq DESC LIMIT 1')

# --- the council: enrol, import, receipt
"$SYNC" enrol --name hub --db "$DB" "$DATA/kiosk-sign.pub" >/dev/null || fail "enrol"
"$SYNC" import --db "$DB" --keys "$COUNCIL" --surveys assets/surveys --receipts "$WORK" \
  "$WORK/one.bundle" >"$WORK/import.out" 2>&1 || fail "import: $(cat "$WORK/import.out")"
receipt="$WORK/one.bundle.receipt"
[ -s "$receipt" ] || fail "no receipt at $receipt: $(cat "$WORK/import.out")"

# no council key pinned yet: a receipt alone can't be trusted
refused receipt-unpinned "$KIOSK" --data "$DATA" import-receipt "$receipt"
grep -q "$receipt: refused.*council" "$WORK/receipt-unpinned.err" || fail "unpinned: $(cat "$WORK/receipt-unpinned.err")"

# provisioning pins the council signing key; a different one afterwards is refused
"$SYNC" keygen --dir "$WORK/other" --plain >/dev/null || fail "keygen other"
"$KIOSK" --data "$DATA" --council-sign-key "$COUNCIL/council-sign.pub" status >"$WORK/status" ||
  fail "provisioning the council signing key"
grep -q "council signing key: [0-9a-f]\{16\}" "$WORK/status" || fail "status: $(cat "$WORK/status")"
refused other-sign-key "$KIOSK" --data "$DATA" --council-sign-key "$WORK/other/council-sign.pub" status

# damaged receipts: every tenth byte flipped in turn, the last byte, a truncated copy, garbage
size=$(stat -c %s "$receipt")
off=0
while [ "$off" -lt "$size" ]; do
  flip "$receipt" "$off" "$WORK/bad.receipt"
  refused "receipt-flip-$off" "$KIOSK" --data "$DATA" import-receipt "$WORK/bad.receipt"
  grep -q "$WORK/bad.receipt" "$WORK/receipt-flip-$off.err" || fail "the message does not name the file"
  off=$((off + 10))
done
flip "$receipt" $((size - 1)) "$WORK/bad.receipt"
refused receipt-last "$KIOSK" --data "$DATA" import-receipt "$WORK/bad.receipt"
head -c $((size - 1)) "$receipt" >"$WORK/short.receipt"
refused receipt-short "$KIOSK" --data "$DATA" import-receipt "$WORK/short.receipt"
refused receipt-bundle "$KIOSK" --data "$DATA" import-receipt "$WORK/one.bundle"
refused receipt-missing "$KIOSK" --data "$DATA" import-receipt "$WORK/none.receipt"

# another kiosk's receipt
DATA2="$WORK/kiosk2"
echo "$PIN" | "$KIOSK" --data "$DATA2" --set-pin >/dev/null || fail "set-pin 2"
"$KIOSK" --data "$DATA2" --council-key "$COUNCIL/council-box.pub" status >/dev/null || fail "kiosk 2"
DATA_SAVE=$DATA
DATA=$DATA2
survey_script assets/surveys/how_was_today.csv "other-kiosk" >"$WORK/k2.script" || fail "script"
run_script k2
DATA=$DATA_SAVE
"$KIOSK" --data "$DATA2" export --out "$WORK/two.bundle" >/dev/null || fail "export 2"
"$SYNC" enrol --name hub2 --db "$DB" "$DATA2/kiosk-sign.pub" >/dev/null || fail "enrol 2"
"$SYNC" import --db "$DB" --keys "$COUNCIL" --surveys assets/surveys --receipts "$WORK" \
  "$WORK/two.bundle" >/dev/null 2>&1 || fail "import 2"
refused receipt-other-kiosk "$KIOSK" --data "$DATA" import-receipt "$WORK/two.bundle.receipt"
grep -q "for kiosk" "$WORK/receipt-other-kiosk.err" || fail "other kiosk: $(cat "$WORK/receipt-other-kiosk.err")"

# (Another council can't receipt this kiosk's bundle: it can't open the answers. Its signed
# receipt for this kiosk is made and refused in tests/test_kiosk_exchange.c.)

# --- the real receipt: exactly the two exported responses go, the third stays
"$KIOSK" --data "$DATA" import-receipt "$receipt" >"$WORK/receipt.out" 2>&1 || fail "import-receipt: $(cat "$WORK/receipt.out")"
grep -q "deleted 2 from this kiosk" "$WORK/receipt.out" || fail "receipt said: $(cat "$WORK/receipt.out")"
[ "$(responses)" -eq 1 ] || fail "expected 1 response left, found $(responses)"
[ "$(q 'SELECT hex(id) FROM response')" = "$third" ] || fail "the wrong response was kept"
# again: nothing more goes, the ids are counted as not on the kiosk
"$KIOSK" --data "$DATA" import-receipt "$receipt" >"$WORK/receipt2.out" 2>&1 || fail "repeat receipt"
grep -q "deleted 0 from this kiosk, 2 were not on it" "$WORK/receipt2.out" || fail "repeat said: $(cat "$WORK/receipt2.out")"
[ "$(responses)" -eq 1 ] || fail "a repeated receipt deleted something"

# --- worker mode: Export to USB, into --export-dir
USB="$WORK/usb stick"
mkdir -p "$USB"
cat >"$WORK/usb.script" <<EOF
hold 20 20 3
expect screen pin
type "$PIN"
key enter
expect screen worker
tap "Export to USB"
expect screen worker-export
tap "$USB"
expect text "Saved 1 response to $USB/chorus-$id-"
shot usb-export
tap "Back"
expect screen worker
expect text "not yet exported: 0"
EOF
run_script usb --export-dir "$USB"
ls "$USB"/chorus-"$id"-*.bundle >/dev/null 2>&1 || fail "no bundle on the stick: $(ls "$USB")"
[ "$(responses)" -eq 1 ] || fail "the export removed a response"
# a folder that can't be written: a calm message, nothing lost
cat >"$WORK/usb-bad.script" <<EOF
hold 20 20 3
type "$PIN"
key enter
tap "Export to USB"
tap "$WORK/missing"
expect text "Not saved to $WORK/missing. Nothing was lost"
EOF
run_script usb-bad --export-dir "$WORK/missing"

# --- packs
printf 'You said the room was cold: we fixed the heating.\nYou asked for more sessions: One Voice now meets every month.\n\nYou said you wanted pizza: Friday is pizza night.\nA fourth item the welcome screen does not show.\n' >"$WORK/news.txt"
mkdir -p "$WORK/surveys"
cp assets/surveys/how_was_today.csv assets/surveys/one_voice_session.csv "$WORK/surveys/"
"$SYNC" pack --out "$WORK/p5.pack" --keys "$COUNCIL" --surveys "$WORK/surveys" \
  --news "$WORK/news.txt" --sequence 5 >/dev/null || fail "pack 5"
"$SYNC" pack --out "$WORK/p4.pack" --keys "$COUNCIL" --surveys "$WORK/surveys" --sequence 4 >/dev/null || fail "pack 4"
"$SYNC" pack --out "$WORK/other.pack" --keys "$WORK/other" --surveys "$WORK/surveys" --sequence 9 >/dev/null || fail "other pack"

# `pack` runs the kiosk's own check on the pack it built: what every kiosk would refuse is
# refused here, naming the source file, its line and the reason, and nothing is written.
pack_refused() {
  name=$1
  want=$2
  shift 2
  if "$SYNC" pack --out "$WORK/$name.pack" --keys "$COUNCIL" --sequence 3 "$@" >/dev/null \
    2>"$WORK/$name.err"; then
    fail "pack $name: signed a pack kiosks refuse"
  fi
  grep -q "^chorus-sync pack: $want" "$WORK/$name.err" || fail "pack $name said: $(cat "$WORK/$name.err")"
  grep -q "no pack written" "$WORK/$name.err" || fail "pack $name: $(cat "$WORK/$name.err")"
  [ ! -e "$WORK/$name.pack" ] || fail "pack $name: a refused pack was written"
}
awk 'BEGIN { print "Fine."; print ""; while (n++ < 281) printf "x"; print "" }' >"$WORK/long-news.txt"
pack_refused long-news "$WORK/long-news.txt:3: an item longer than 280 bytes (281)" \
  --surveys "$WORK/surveys" --news "$WORK/long-news.txt"
awk 'BEGIN { while (n++ < 51) print "Item " n; print "" }' >"$WORK/many-news.txt"
pack_refused many-news "$WORK/many-news.txt:51: more than 50 items" \
  --surveys "$WORK/surveys" --news "$WORK/many-news.txt"
printf 'Good.\nbad \377 byte\n' >"$WORK/bad-news.txt"
pack_refused bad-news "$WORK/bad-news.txt:2: not UTF-8 text" --surveys "$WORK/surveys" \
  --news "$WORK/bad-news.txt"
mkdir -p "$WORK/many-surveys"
for i in $(seq 10 42); do cp tests/data/xlsform-samples/text_and_integer.csv "$WORK/many-surveys/s$i.csv"; done
pack_refused many-surveys "$WORK/many-surveys/s42.csv: more than 32 surveys" \
  --surveys "$WORK/many-surveys"
# at the limits exactly: 50 items of 280 bytes are signed (and installed, below)
awk 'BEGIN { while (i++ < 50) { k = 0; while (k++ < 280) printf "y"; print "" } }' >"$WORK/full-news.txt"
"$SYNC" pack --out "$WORK/p7.pack" --keys "$COUNCIL" --surveys "$WORK/surveys" \
  --news "$WORK/full-news.txt" --sequence 7 >/dev/null || fail "a pack at the news limits was refused"

refused pack-other-council "$KIOSK" --data "$DATA" import-pack "$WORK/other.pack"
grep -q "$WORK/other.pack: refused: signed by council key" "$WORK/pack-other-council.err" ||
  fail "other council: $(cat "$WORK/pack-other-council.err")"
size=$(stat -c %s "$WORK/p5.pack")
for off in 0 4 5 40 100 $((size / 2)) $((size - 70)) $((size - 1)); do
  flip "$WORK/p5.pack" "$off" "$WORK/bad.pack"
  refused "pack-flip-$off" "$KIOSK" --data "$DATA" import-pack "$WORK/bad.pack"
  grep -q "$WORK/bad.pack" "$WORK/pack-flip-$off.err" || fail "the message does not name the file"
done
head -c $((size - 1)) "$WORK/p5.pack" >"$WORK/short.pack"
refused pack-short "$KIOSK" --data "$DATA" import-pack "$WORK/short.pack"
refused pack-receipt "$KIOSK" --data "$DATA" import-pack "$receipt"
[ ! -e "$DATA/pack" ] || fail "a refused pack left DATA/pack"

"$KIOSK" --data "$DATA" import-pack "$WORK/p5.pack" >"$WORK/p5.out" 2>&1 || fail "import-pack: $(cat "$WORK/p5.out")"
grep -q "pack 5 installed: 2 surveys, 4 \"you said, we did\" items" "$WORK/p5.out" || fail "pack said: $(cat "$WORK/p5.out")"
[ -f "$DATA/pack/surveys/how_was_today.csv" ] && [ -f "$DATA/pack/news.txt" ] || fail "pack not installed"
refused pack-same "$KIOSK" --data "$DATA" import-pack "$WORK/p5.pack"
grep -q "not newer" "$WORK/pack-same.err" || fail "same pack: $(cat "$WORK/pack-same.err")"
refused pack-older "$KIOSK" --data "$DATA" import-pack "$WORK/p4.pack"
refused pack-other-council-2 "$KIOSK" --data "$DATA" import-pack "$WORK/other.pack"
"$KIOSK" --data "$DATA" status | grep -q "^pack: 5, surveys from $DATA/pack/surveys" || fail "status after the pack"

# the welcome screen shows three items, and the kiosk runs the pack's surveys
cat >"$WORK/news.script" <<'EOF'
expect screen welcome
expect text "You said, we did"
expect text "we fixed the heating"
expect text "One Voice now meets every month"
expect text "Friday is pizza night"
expect no-text "A fourth item"
shot welcome-news
tap "Start"
expect screen choose
expect no-text "Your life after care"
EOF
run_script news --size 800x480
grep -q "surveys from the council's pack" "$WORK/news.err" || fail "no log line about the pack's surveys"

# a newer pack replaces the old one whole, and the old folder goes
printf 'Only one item now.\n' >"$WORK/news2.txt"
"$SYNC" pack --out "$WORK/p6.pack" --keys "$COUNCIL" --surveys assets/surveys \
  --news "$WORK/news2.txt" --sequence 6 >/dev/null || fail "pack 6"
"$KIOSK" --data "$DATA" import-pack "$WORK/p6.pack" >/dev/null 2>&1 || fail "import pack 6"
[ "$(cat "$DATA/pack/news.txt")" = "Only one item now." ] || fail "news not replaced"
[ "$(ls -d "$DATA"/pack-* | wc -l)" -eq 1 ] || fail "old pack folders left: $(ls -d "$DATA"/pack-*)"
[ "$(ls "$DATA/pack/surveys" | wc -l)" -eq "$(ls assets/surveys/*.csv | wc -l)" ] || fail "surveys not replaced"
# what `pack` signed at the limits, a kiosk installs
"$KIOSK" --data "$DATA" import-pack "$WORK/p7.pack" >"$WORK/p7.out" 2>&1 || fail "import pack 7: $(cat "$WORK/p7.out")"
grep -q "pack 7 installed: 2 surveys, 50 \"you said, we did\" items" "$WORK/p7.out" || fail "pack 7 said: $(cat "$WORK/p7.out")"

# the kiosk from another folder: a pack's surveys are checked and shown with the pictures
# beside its --surveys folder (a pack carries none), not with those of where it was started
"$SYNC" pack --out "$WORK/p8.pack" --keys "$COUNCIL" --surveys assets/surveys --sequence 8 \
  >/dev/null || fail "pack 8"
ROOT=$(pwd)
AKIOSK=$(cd "$(dirname "$KIOSK")" && pwd)/chorus-kiosk
ADATA=$(cd "$DATA" && pwd)
AWORK=$(cd "$WORK" && pwd)
refused pack-no-pictures "$KIOSK" --data "$DATA" --surveys "$WORK/surveys" import-pack "$WORK/p8.pack"
grep -q "little_voices.csv:[0-9]*:[0-9]*: the survey does not load: image [a-z]*.png: not found in $WORK/images" \
  "$WORK/pack-no-pictures.err" || fail "pack without pictures: $(cat "$WORK/pack-no-pictures.err")"
(cd /tmp && "$AKIOSK" --data "$ADATA" --surveys "$ROOT/assets/surveys" import-pack "$AWORK/p8.pack") \
  >"$WORK/p8.out" 2>&1 || fail "import-pack from /tmp: $(cat "$WORK/p8.out")"
printf 'expect screen welcome\ntap "Start"\n' >"$WORK/far.script"
(cd /tmp && "$AKIOSK" --data "$ADATA" --surveys "$ROOT/assets/surveys" --fonts "$ROOT/assets/fonts" \
  --headless --script "$AWORK/far.script") >"$WORK/far.out" 2>"$WORK/far.err" ||
  fail "the kiosk from /tmp: $(cat "$WORK/far.err")"
if grep -q "does not load" "$WORK/far.err"; then
  fail "a pack survey did not load in a kiosk started in /tmp: $(cat "$WORK/far.err")"
fi

# and through all of it, no answer in plaintext anywhere in the data folder or on the stick
found=$(find "$DATA" "$USB" "$WORK"/*.bundle -type f -exec grep -a -l "exchange-[123]" {} +)
[ -z "$found" ] || fail "a typed answer is in plaintext in: $found"
