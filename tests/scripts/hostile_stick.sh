#!/bin/sh
# A hostile USB stick (issue 11): at every output path of every command, and at the old
# predictable temporary path NAME.tmp, a symbolic link, a hard link and a FIFO are planted, the
# links pointing at victims: the council database, the kiosk's store, secret keys, copies of
# both databases. Outputs: chorus-kiosk export --out, worker mode's Export to USB, chorus-sync
# import (BUNDLE.receipt), pack --out, report --out (all five files), plan --out, keygen --dir,
# and the databases' own paths (a new council database, a new kiosk store, a -wal file). A
# folder given as a link (Export to USB, report, keygen) is refused. Inputs: a FIFO and a
# symbolic link as a bundle, a survey in the surveys folder (import, pack and the kiosk), a
# pack, a receipt, a plan and a key. Every command runs under `timeout 10` (a hang fails), and
# after each attempt every victim is checked byte for byte (sha256sum) and both databases for
# integrity: the command either wrote its real file (a planted entry at NAME replaced, the one
# at NAME.tmp left alone) or refused with a message naming the file. Also: the council
# database and its -wal and -shm are 0600 under umask 000, the secret outputs 0600.
. tests/scripts/lib.sh
setup_kiosk
export LC_ALL=C
COUNCIL="$WORK/council"
DB="$WORK/council.db"
STICK="$WORK/stick"
VICTIMS="$WORK/victims"
mkdir -p "$STICK" "$VICTIMS"
N=0 # planted paths

# --- a kiosk with an answer, a council that has imported it
"$KIOSK" --data "$DATA" --council-sign-key "$COUNCIL/council-sign.pub" status >"$WORK/status" ||
  fail "pinning the council signing key"
id=$(sed -n 's/^kiosk key: \([0-9a-f]*\),.*/\1/p' "$WORK/status")
survey_script assets/surveys/how_was_today.csv "hostile-stick" >"$WORK/s.script" || fail "script"
run_script s
"$KIOSK" --data "$DATA" export --out "$WORK/good.bundle" >/dev/null || fail "export"
# created under umask 000: the council database and its -wal and -shm are 0600 all the same
(umask 000 && "$SYNC" enrol --name hub --db "$DB" "$DATA/kiosk-sign.pub" >/dev/null) || fail "enrol"
mkfifo "$WORK/hold"
(umask 000 && exec sqlite3 "$DB" <"$WORK/hold" >/dev/null 2>&1) &
holder=$!
exec 3>"$WORK/hold"
trap 'exec 3>&- 2>/dev/null; kill "$holder" 2>/dev/null' EXIT
printf 'BEGIN;\nSELECT count(*) FROM kiosk;\n' >&3
(umask 000 && "$SYNC" import --db "$DB" --keys "$COUNCIL" --receipts "$WORK" "$WORK/good.bundle" \
  >"$WORK/import.out" 2>&1) || fail "import: $(cat "$WORK/import.out")"
for f in "$DB" "$DB-wal" "$DB-shm" "$DATA/kiosk.db"; do
  [ "$(stat -c %a "$f" 2>&1)" = 600 ] || fail "$f is $(stat -c %a "$f" 2>&1), not 0600"
done
exec 3>&-
wait "$holder"
trap - EXIT
held=$(sqlite3 "$DB" 'SELECT count(*) FROM response')
[ "$held" -ge 1 ] || fail "nothing imported"
cp "$DB" "$VICTIMS/council.db"
cp "$DATA/kiosk.db" "$VICTIMS/kiosk.db"
echo "a file the stick must never write" >"$VICTIMS/secret.txt"
cp -r "$VICTIMS" "$WORK/victims.orig"
PERIOD="$(date +%Y)-Q$((($(date +%m | sed 's/^0//') - 1) / 3 + 1))"
SEED=tests/data/seeds/000_363d74e2aefedf3b.txt

# Planted links point at these in turn; all of them are checked after every attempt.
TARGETS="$DB $COUNCIL/council-box.key $DATA/kiosk.db $COUNCIL/council-sign.key \
$DATA/kiosk-sign.key $VICTIMS/council.db $VICTIMS/kiosk.db $VICTIMS/secret.txt"
SUMMED="$COUNCIL/council-box.key $COUNCIL/council-sign.key $COUNCIL/council-box.pub \
$COUNCIL/council-sign.pub $DATA/kiosk-sign.key $DATA/kiosk-sign.pub $DATA/council-box.pub \
$DATA/council-sign.pub $VICTIMS/council.db $VICTIMS/kiosk.db $VICTIMS/secret.txt"
ntargets=$(echo $TARGETS | wc -w)

# victims: every byte of the files nothing here may change, and the live databases (which
# imports and exports legitimately change) whole and holding what they held.
victims() {
  sha256sum $SUMMED
  ls -A "$VICTIMS"
  for vdb in "$DB" "$DATA/kiosk.db"; do sqlite3 "$vdb" 'PRAGMA integrity_check'; done
  sqlite3 "$DB" 'SELECT count(*) FROM response'
  sqlite3 "$DATA/kiosk.db" 'SELECT count(*) FROM response'
}
victims >"$WORK/victims.first"

# plant KIND PATH: a symlink or a hard link to the next victim, or a FIFO, at PATH.
plant() {
  rm -rf "$2"
  t=$(echo $TARGETS | tr ' ' '\n' | sed -n "$((N % ntargets + 1))p")
  case $1 in
  symlink) ln -s "$t" "$2" ;;
  hardlink) ln "$t" "$2" ;;
  fifo) mkfifo "$2" ;;
  esac || fail "cannot plant a $1 at $2"
  N=$((N + 1))
}

# still KIND PATH: what was planted at PATH is still there, untouched (NAME.tmp is no one's).
still() {
  case $1 in
  symlink) [ -L "$2" ] ;;
  hardlink) [ -f "$2" ] && [ ! -L "$2" ] && [ "$(stat -c %h "$2")" -ge 2 ] ;;
  fifo) [ -p "$2" ] ;;
  esac || fail "the $1 planted at $2 was changed"
  rm -f "$2"
}

# written PATH [MAGIC [MODE]]: the command's real file: regular, its own inode, its format.
written() {
  [ -f "$1" ] && [ ! -L "$1" ] || fail "$1: not a regular file after writing"
  [ "$(stat -c %h "$1")" = 1 ] || fail "$1: still shares its inode with a victim"
  [ -z "${2:-}" ] || [ "$(head -c 4 "$1")" = "$2" ] || fail "$1: not a $2 file"
  [ -z "${3:-}" ] || [ "$(stat -c %a "$1")" = "$3" ] || fail "$1: mode $(stat -c %a "$1"), not $3"
}

# attempt NAME CMD...: runs CMD under timeout; a hang or any change to a victim fails.
# Returns CMD's exit status; its output is in $WORK/NAME.out and .err.
attempt() {
  name=$1
  shift
  timeout 10 "$@" </dev/null >"$WORK/$name.out" 2>"$WORK/$name.err"
  rc=$?
  [ "$rc" -ne 124 ] || fail "$name: hung (killed after 10 s)"
  victims >"$WORK/victims.now"
  cmp -s "$WORK/victims.first" "$WORK/victims.now" ||
    fail "$name: a victim changed: $(diff "$WORK/victims.first" "$WORK/victims.now")"
  return "$rc"
}

# ok NAME CMD...: the attempt must succeed.
ok() {
  attempt "$@" || fail "$1 failed: $(cat "$WORK/$1.err" "$WORK/$1.out")"
}

# refused NAME FILE CMD...: the attempt must fail with a message naming FILE.
refused() {
  what=$1
  file=$2
  shift 2
  if attempt "$what" "$@"; then
    fail "$what: was accepted: $(cat "$WORK/$what.out")"
  fi
  grep -qF "$file" "$WORK/$what.err" "$WORK/$what.out" ||
    fail "$what: the message does not name $file: $(cat "$WORK/$what.err" "$WORK/$what.out")"
}

KINDS="symlink hardlink fifo"

# --- outputs: at NAME the plant is replaced by the real file, at NAME.tmp it is left alone
for k in $KINDS; do
  plant "$k" "$STICK/x.bundle"
  plant "$k" "$STICK/x.bundle.tmp"
  ok "export-$k" "$KIOSK" --data "$DATA" export --out "$STICK/x.bundle"
  written "$STICK/x.bundle" CHRB 600
  still "$k" "$STICK/x.bundle.tmp"
done

# worker mode's Export to USB, into --export-dir
USB="$WORK/usb"
mkdir -p "$USB"
ON_USB="$USB/chorus-$id-2026-05-01.bundle"
usb_script() {
  cat >"$WORK/usb.script" <<EOF
date 2026-05-01
hold 20 20 3
expect screen pin
type "$PIN"
key enter
expect screen worker
tap "Export to USB"
expect screen worker-export
tap "$1"
expect text "$2"
EOF
}
usb_script "$USB" "Saved"
for k in $KINDS; do
  plant "$k" "$ON_USB"
  plant "$k" "$ON_USB.tmp"
  ok "usb-$k" "$KIOSK" --data "$DATA" --headless --script "$WORK/usb.script" --export-dir "$USB"
  written "$ON_USB" CHRB 600
  still "$k" "$ON_USB.tmp"
done
# the stick's folder itself a link (to the victims' folder): not saved, nothing lost
ln -s "$VICTIMS" "$WORK/usb-link"
N=$((N + 1))
usb_script "$WORK/usb-link" "Not saved to $WORK/usb-link"
ok usb-folder-link "$KIOSK" --data "$DATA" --headless --script "$WORK/usb.script" \
  --export-dir "$WORK/usb-link"
grep -q "symbolic link" "$WORK/usb-folder-link.err" || fail "usb-folder-link: $(cat "$WORK/usb-folder-link.err")"

# chorus-sync import: BUNDLE.receipt beside the bundle on the stick
for k in $KINDS; do
  plant "$k" "$STICK/x.bundle.receipt"
  plant "$k" "$STICK/x.bundle.receipt.tmp"
  ok "import-$k" "$SYNC" import --db "$DB" --keys "$COUNCIL" "$STICK/x.bundle"
  written "$STICK/x.bundle.receipt" CHRR 644
  still "$k" "$STICK/x.bundle.receipt.tmp"
done
# a link planted as a database's -wal (a copy's, so the checks above can still read the live
# one): refused, naming it
cp "$DB" "$WORK/wal.db"
plant symlink "$WORK/wal.db-wal"
refused import-wal-link "$WORK/wal.db-wal" "$SYNC" import --db "$WORK/wal.db" --keys "$COUNCIL" \
  "$STICK/x.bundle"

# pack --out
for k in $KINDS; do
  plant "$k" "$STICK/p.pack"
  plant "$k" "$STICK/p.pack.tmp"
  ok "pack-$k" "$SYNC" pack --out "$STICK/p.pack" --keys "$COUNCIL" --sequence 7
  written "$STICK/p.pack" CHRP 644
  still "$k" "$STICK/p.pack.tmp"
done

# report --out: all five files (the workers' two 0600, the committee's three 0644)
R="$STICK/report"
mkdir -p "$R"
FILES="safety.csv:600 free-text.csv:600 measures.csv:644 participation.csv:644 report.html:644"
for k in $KINDS; do
  for fm in $FILES; do
    plant "$k" "$R/${fm%:*}"
    plant "$k" "$R/${fm%:*}.tmp"
  done
  ok "report-$k" "$SYNC" report --db "$DB" --period "$PERIOD" --out "$R"
  for fm in $FILES; do
    written "$R/${fm%:*}" "" "${fm#*:}"
    still "$k" "$R/${fm%:*}.tmp"
  done
done
ln -s "$VICTIMS" "$STICK/report-link"
N=$((N + 1))
refused report-folder-link "$STICK/report-link" "$SYNC" report --db "$DB" --period "$PERIOD" \
  --out "$STICK/report-link"

# plan --out
for k in $KINDS; do
  plant "$k" "$STICK/plan.tsv"
  plant "$k" "$STICK/plan.tsv.tmp"
  ok "plan-$k" "$SYNC" plan --db "$DB" --in "$SEED" --out "$STICK/plan.tsv" --period "$PERIOD"
  written "$STICK/plan.tsv"
  still "$k" "$STICK/plan.tsv.tmp"
done

# keygen --dir: anything at a key's path is refused (a key file never replaces anything), and
# then nothing is written; at the temporary paths, the keys are written beside them
KEYS="council-box.key council-sign.key council-box.pub council-sign.pub"
d=0
for k in $KINDS; do
  for key in $KEYS; do
    d=$((d + 1))
    mkdir "$STICK/keys-$d"
    plant "$k" "$STICK/keys-$d/$key"
    refused "keygen-$k-$key" "$STICK/keys-$d/$key" "$SYNC" keygen --dir "$STICK/keys-$d" --plain
    [ "$(ls -A "$STICK/keys-$d")" = "$key" ] || fail "keygen-$k-$key wrote: $(ls -A "$STICK/keys-$d")"
  done
  d=$((d + 1))
  mkdir "$STICK/keys-$d"
  for key in $KEYS; do plant "$k" "$STICK/keys-$d/$key.tmp"; done
  ok "keygen-$k-tmp" "$SYNC" keygen --dir "$STICK/keys-$d" --plain
  for key in $KEYS; do
    case $key in *.key) mode=600 ;; *) mode=644 ;; esac
    written "$STICK/keys-$d/$key" "" "$mode"
    still "$k" "$STICK/keys-$d/$key.tmp"
  done
done
ln -s "$VICTIMS" "$STICK/keys-link"
N=$((N + 1))
refused keygen-folder-link "$STICK/keys-link" "$SYNC" keygen --dir "$STICK/keys-link" --plain

# the databases' own paths: a link or a FIFO where a new one would be made is refused (a hard
# link there can't be told from the database itself, and these are no stick's paths)
for k in symlink fifo; do
  plant "$k" "$WORK/new-$k.db"
  refused "enrol-$k" "$WORK/new-$k.db" "$SYNC" enrol --name hub --db "$WORK/new-$k.db" \
    "$DATA/kiosk-sign.pub"
  mkdir -p "$WORK/kiosk-$k"
  plant "$k" "$WORK/kiosk-$k/kiosk.db"
  refused "store-$k" "$WORK/kiosk-$k/kiosk.db" "$KIOSK" --data "$WORK/kiosk-$k" \
    --council-key "$COUNCIL/council-box.pub" status
done

# --- inputs: a FIFO and a symbolic link, refused at once and by name
mkfifo "$STICK/in.fifo"
ln -s "$WORK/good.bundle" "$STICK/in-link.bundle"
N=$((N + 2))
for in in "$STICK/in.fifo" "$STICK/in-link.bundle"; do
  refused "in-bundle-$(basename "$in")" "$in" "$SYNC" import --db "$DB" --keys "$COUNCIL" "$in"
  refused "in-pack-$(basename "$in")" "$in" "$KIOSK" --data "$DATA" import-pack "$in"
  refused "in-receipt-$(basename "$in")" "$in" "$KIOSK" --data "$DATA" import-receipt "$in"
done
grep -q "is a FIFO, not a regular file" "$WORK/in-bundle-in.fifo.err" || fail "a FIFO bundle: $(cat "$WORK/in-bundle-in.fifo.err")"
grep -q "is a symbolic link" "$WORK/in-receipt-in-link.bundle.err" || fail "a linked receipt: $(cat "$WORK/in-receipt-in-link.bundle.err")"
refused in-plan "$STICK/in.fifo" "$SYNC" plan --db "$DB" --in "$STICK/in.fifo" \
  --out "$WORK/plan-out.tsv" --period "$PERIOD"
# a secret key that is a FIFO
mkdir -p "$WORK/keys-fifo"
cp "$COUNCIL/council-box.pub" "$WORK/keys-fifo/"
mkfifo "$WORK/keys-fifo/council-sign.key"
N=$((N + 1))
refused in-key "$WORK/keys-fifo/council-sign.key" "$SYNC" pack --out "$WORK/k.pack" \
  --keys "$WORK/keys-fifo"
# a survey in the surveys folder: a FIFO, then a link (to a survey that would load); the
# copies' pictures beside them, where survey media are looked for (WORK/images)
cp -r assets/images "$WORK/images"
for k in fifo symlink; do
  S="$WORK/surveys-$k"
  mkdir -p "$S"
  cp assets/surveys/*.csv "$S/"
  if [ "$k" = fifo ]; then mkfifo "$S/zz.csv"; else ln -s "$PWD/assets/surveys/how_was_today.csv" "$S/zz.csv"; fi
  N=$((N + 1))
  refused "in-survey-import-$k" "$S/zz.csv" "$SYNC" import --db "$DB" --keys "$COUNCIL" \
    --surveys "$S" "$STICK/x.bundle"
  refused "in-survey-pack-$k" "$S/zz.csv" "$SYNC" pack --out "$WORK/s.pack" --keys "$COUNCIL" \
    --surveys "$S"
  # the kiosk logs it and skips it, and runs on with the others
  echo 'expect screen welcome' >"$WORK/welcome.script"
  ok "in-survey-kiosk-$k" "$KIOSK" --data "$DATA" --surveys "$S" --headless --script "$WORK/welcome.script"
  grep -qF "$S/zz.csv" "$WORK/in-survey-kiosk-$k.err" || fail "the kiosk did not name $S/zz.csv: $(cat "$WORK/in-survey-kiosk-$k.err")"
done
[ ! -e "$WORK/s.pack" ] && [ ! -e "$WORK/k.pack" ] && [ ! -e "$WORK/plan-out.tsv" ] ||
  fail "a refused command wrote its output"

# nothing left behind: no temporary file anywhere, the victims' folder as it was
left=$(find "$STICK" "$USB" "$WORK/victims" -name '*.tmp' | head -n 3)
[ -z "$left" ] || fail "temporary files left: $left"
diff -r "$WORK/victims.orig" "$VICTIMS" >/dev/null || fail "the victims' folder changed"
echo "hostile_stick: $N planted paths, all refused or replaced, no victim changed"
