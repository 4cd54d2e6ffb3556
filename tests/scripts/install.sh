#!/bin/sh
# make install and make uninstall: the programs installed under a PREFIX (and staged under a
# DESTDIR) find their fonts, pictures, surveys and measures in PREFIX/share/chorus and their data
# in LOCALSTATEDIR/lib/chorus and LOCALSTATEDIR/lib/chorus-council, run from any folder, and
# never look at the source tree: every file system call of the kiosk (a whole session, export)
# and of the council tool (keygen, enrol, import, report) is traced with strace, and none may
# name a path in the source tree or a relative assets/ or var/ path. The units installed pass
# systemd-analyze verify, and make uninstall leaves no file behind (staged or installed).
# The plain build only: the install is a build of its own (build/installed...), and one is
# enough to show where the programs look.
# slow: compiles the programs once more, with the installed places in them
. tests/scripts/lib.sh
root=$(pwd)
case $BUILD in
  *asan*) echo "install: the plain build's scenario (the paths are the same in every build)"; exit 0 ;;
esac
W=$(cd "$WORK" && pwd)
PREFIX="$W/prefix"
VAR="$W/var"
STAGE="$W/stage"
IB="$BUILD/installed"
mk() { make --no-print-directory -C "$root" INSTALL_BUILD="$IB" PREFIX="$PREFIX" \
  LOCALSTATEDIR="$VAR" SYSCONFDIR="$PREFIX/etc" "$@"; }

# --- staged (DESTDIR), as a package build does: the same tree, under STAGE
mk install DESTDIR="$STAGE" >"$W/make-stage.log" 2>&1 || { tail -20 "$W/make-stage.log"; fail "make install DESTDIR"; }
for f in bin/chorus-kiosk bin/chorus-sync share/chorus/fonts/NotoSans-Regular.ttf \
  share/chorus/images/age-4-7.png share/chorus/surveys/how_was_today.csv \
  share/chorus/plan/measures.csv lib/systemd/system/chorus-kiosk.service \
  lib/systemd/system/chorus-kiosk-sync.service lib/systemd/system/chorus-sync-serve.service \
  lib/systemd/journald@chorus.conf etc/pam.d/chorus-kiosk; do
  [ -f "$STAGE$PREFIX/$f" ] || fail "make install DESTDIR: no $f under DESTDIR"
done
[ -e "$PREFIX" ] && fail "make install DESTDIR wrote outside DESTDIR ($PREFIX)"
mk uninstall DESTDIR="$STAGE" >>"$W/make-stage.log" 2>&1 || fail "make uninstall DESTDIR"
left=$(find "$STAGE" -type f)
[ -z "$left" ] || fail "make uninstall DESTDIR left: $left"

# --- installed, and run from elsewhere
mk install >"$W/make.log" 2>&1 || { tail -20 "$W/make.log"; fail "make install"; }
K="$PREFIX/bin/chorus-kiosk"
S="$PREFIX/bin/chorus-sync"
strings "$K" | grep -qx "$PREFIX/share/chorus/fonts" || fail "the installed kiosk does not name $PREFIX/share/chorus/fonts"

# The units, as installed (ExecStart names the installed programs, which exist).
if command -v systemd-analyze >/dev/null; then
  for u in "$PREFIX"/lib/systemd/system/*.service; do
    out=$(systemd-analyze verify "$u" 2>&1) || fail "systemd-analyze verify $u: $out"
    [ -z "$out" ] || fail "systemd-analyze verify $u: $out"
  done
  grep -q "^ExecStart=$PREFIX/bin/chorus-sync serve" "$PREFIX/lib/systemd/system/chorus-sync-serve.service" ||
    fail "chorus-sync-serve.service does not run the installed chorus-sync"
else
  fail "systemd-analyze is missing (Debian package systemd)"
fi

# A session's script from the installed survey, written before we leave the source tree.
SEED=7 survey_script "$PREFIX/share/chorus/surveys/how_was_today.csv" "INSTALLED-TEXT" \
  >"$W/s.script" || fail "could not script a session"
mkdir -p "$W/elsewhere"
cd "$W/elsewhere" || fail "cd"
# traced NAME PROGRAM ARGS...: runs PROGRAM under strace; its file system calls in NAME.trace.
traced() {
  n=$1
  shift
  strace -f -qq -e trace=%file -o "$W/$n.trace" "$@" >"$W/$n.out" 2>"$W/$n.err" ||
    { cat "$W/$n.err" "$W/$n.out"; fail "$n failed"; }
}
COUNCIL="$VAR/lib/chorus-council"
traced keygen "$S" keygen --plain --dir "$COUNCIL/council"
[ -f "$COUNCIL/council/council-box.pub" ] || fail "keygen did not write $COUNCIL/council/"
echo "$PIN" | traced pin "$K" --set-pin
[ -f "$VAR/lib/chorus/kiosk.db" ] || fail "the kiosk's data folder is not $VAR/lib/chorus"
traced provision "$K" --council-key "$COUNCIL/council/council-box.pub" \
  --council-sign-key "$COUNCIL/council/council-sign.pub" status
traced session "$K" --headless --script "$W/s.script"
traced export "$K" export --out "$W/a.bundle"
traced enrol "$S" enrol --name hub "$VAR/lib/chorus/kiosk-sign.pub"
traced import "$S" import --receipts "$W" "$W/a.bundle"
grep -q "1 response" "$W/import.out" || fail "import: $(cat "$W/import.out")"
PERIOD="$(date +%Y)-Q$((($(date +%m | sed 's/^0//') - 1) / 3 + 1))"
traced report "$S" report --period "$PERIOD" --out "$W/report"
[ -s "$W/report/report.html" ] || fail "no report"
cd "$root" || fail "cd"

# What the programs looked at: the installed places, never the source tree.
for t in "$W"/*.trace; do
  grep -c . "$t" >/dev/null || fail "$t: strace recorded nothing"
  bad=$(grep -F "\"$root/" "$t" | head -3)
  [ -z "$bad" ] || fail "$(basename "$t" .trace) looked in the source tree: $bad"
  bad=$(grep -E '"(\./)?(assets|var|tests)/' "$t" | head -3)
  [ -z "$bad" ] || fail "$(basename "$t" .trace) looked for a source-tree path: $bad"
done
grep -q "\"$PREFIX/share/chorus/fonts/NotoSans-Regular.ttf\"" "$W/session.trace" ||
  fail "the session did not open the installed fonts"
grep -q "\"$PREFIX/share/chorus/images/" "$W/session.trace" ||
  fail "the session did not look at the installed pictures"
grep -q "\"$PREFIX/share/chorus/plan/measures.csv\"" "$W/report.trace" ||
  fail "report did not read the installed measures"

mk uninstall >>"$W/make.log" 2>&1 || fail "make uninstall"
left=$(find "$PREFIX" -type f)
[ -z "$left" ] || fail "make uninstall left: $left"
[ -f "$VAR/lib/chorus/kiosk.db" ] || fail "make uninstall removed the kiosk's data"
echo "install: staged and installed, 8 commands traced, nothing read from the source tree"
