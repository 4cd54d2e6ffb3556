#!/bin/sh
# make deb-check: the packages of `make deb` installed on this machine, used, upgraded and
# purged, as root. It changes the system (packages, the chorus user, /var/lib/chorus*), so it is
# not part of `make test`; it refuses to run where Chorus is already installed or its data
# folders exist, and puts the machine back as it found it.
#
#   tests/deb_check.sh BUILD   (BUILD: a plain build folder, for its survey_script tool)
#
# Checked: the three packages install from their files with their dependencies; the chorus
# system user and the two data folders (0700, the user's own) are made; the installed programs
# run a kiosk session, export, import and report from / with nothing from the source tree; an
# upgrade (the same packages as version +1) keeps every byte of both data folders; purge removes
# every packaged file and the PAM conffile but keeps both data folders, as the package says.
set -u
BUILD=${1:-build}
DEB_DIR=build/deb
fail() { echo "deb-check: FAIL: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "run as root (it installs and purges packages)"
for p in chorus-kiosk chorus-sync chorus-data; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'installed' &&
    fail "$p is installed already: this check wants a machine without Chorus"
done
for d in /var/lib/chorus /var/lib/chorus-council; do
  [ -e "$d" ] && fail "$d exists: this check would not touch it"
done
user_before=0
getent passwd chorus >/dev/null && user_before=1
V=$(sed -n '1s/^[^(]*(\([^)]*\)).*/\1/p' dist/debian/changelog)
DATA="$DEB_DIR/chorus-data_${V}_all.deb"
KIOSK="$(echo "$DEB_DIR"/chorus-kiosk_"${V}"_*.deb)"
SYNC="$(echo "$DEB_DIR"/chorus-sync_"${V}"_*.deb)"
for f in "$DATA" "$KIOSK" "$SYNC"; do [ -f "$f" ] || fail "$f is missing: make deb first"; done
W=$(mktemp -d /tmp/chorus-deb-check.XXXXXX) || fail "mktemp"
chmod 1777 "$W" # the chorus user writes the bundle and the receipt here
cleanup() {
  DEBIAN_FRONTEND=noninteractive apt-get purge -y -q chorus-kiosk chorus-sync chorus-data \
    >/dev/null 2>&1
  rm -rf /var/lib/chorus /var/lib/chorus-council "$W"
  [ $user_before = 1 ] || { deluser --quiet chorus >/dev/null 2>&1; delgroup --quiet chorus >/dev/null 2>&1; }
}
trap cleanup EXIT
export DEBIAN_FRONTEND=noninteractive

# ---- install ----
apt-get install -y -q "./$DATA" "./$KIOSK" "./$SYNC" >"$W/install.log" 2>&1 ||
  { tail -20 "$W/install.log"; fail "apt-get install of the three packages"; }
getent passwd chorus >/dev/null || fail "no chorus user"
[ "$(getent passwd chorus | cut -d: -f7)" = /usr/sbin/nologin ] || fail "the chorus user has a login shell"
for d in /var/lib/chorus /var/lib/chorus-council; do
  [ "$(stat -c '%a %U %G' "$d")" = "700 chorus chorus" ] ||
    fail "$d is $(stat -c '%a %U %G' "$d"), not 700 chorus chorus"
done
for f in /usr/bin/chorus-kiosk /usr/bin/chorus-sync /usr/share/chorus/fonts/NotoSans-Regular.ttf \
  /usr/share/chorus/surveys/how_was_today.csv /usr/share/chorus/plan/measures.csv \
  /lib/systemd/system/chorus-kiosk.service /lib/systemd/system/chorus-kiosk-sync.service \
  /lib/systemd/system/chorus-sync-serve.service /etc/pam.d/chorus-kiosk; do
  [ -f "$f" ] || fail "$f was not installed"
done
for u in /lib/systemd/system/chorus-*.service; do
  out=$(systemd-analyze verify "$u" 2>&1) || fail "systemd-analyze verify $u: $out"
  [ -z "$out" ] || fail "systemd-analyze verify $u: $out"
done

# ---- used, from /, as the chorus user ----
SURVEY_SCRIPT="$BUILD/tests/tools/survey_script"
[ -x "$SURVEY_SCRIPT" ] || fail "$SURVEY_SCRIPT is missing: make build first"
"$SURVEY_SCRIPT" --seed 7 session /usr/share/chorus/surveys/how_was_today.csv PACKAGED-TEXT >"$W/s.script" ||
  fail "could not script a session"
as() { (cd / && runuser -u chorus -- "$@"); }
as chorus-sync keygen --plain --dir /var/lib/chorus-council/council >"$W/keygen.out" 2>&1 ||
  { cat "$W/keygen.out"; fail "keygen"; }
cp /var/lib/chorus-council/council/council-box.pub /var/lib/chorus-council/council/council-sign.pub "$W/"
echo 246810 | as chorus-kiosk --set-pin >"$W/pin.out" 2>&1 || { cat "$W/pin.out"; fail "set-pin"; }
as chorus-kiosk --council-key "$W/council-box.pub" --council-sign-key "$W/council-sign.pub" status \
  >"$W/status.out" 2>&1 || { cat "$W/status.out"; fail "provisioning the kiosk"; }
as env SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy chorus-kiosk --headless --script "$W/s.script" \
  >"$W/session.out" 2>&1 || { cat "$W/session.out"; fail "a session on the installed kiosk"; }
as chorus-kiosk export --out "$W/a.bundle" >"$W/export.out" 2>&1 || { cat "$W/export.out"; fail "export"; }
as chorus-sync enrol --name hub /var/lib/chorus/kiosk-sign.pub >"$W/enrol.out" 2>&1 ||
  { cat "$W/enrol.out"; fail "enrol"; }
as chorus-sync import --receipts "$W" "$W/a.bundle" >"$W/import.out" 2>&1 ||
  { cat "$W/import.out"; fail "import"; }
grep -q "1 response" "$W/import.out" || fail "import: $(cat "$W/import.out")"
grep -rq PACKAGED-TEXT /var/lib/chorus && fail "the answer is in plaintext in /var/lib/chorus"

# ---- upgraded: the same packages as the next version; the data is kept byte for byte ----
snapshot() { find /var/lib/chorus /var/lib/chorus-council -type f -exec sha256sum {} + | sort; }
snapshot >"$W/data.before"
N="$V.1"
for f in "$DATA" "$KIOSK" "$SYNC"; do
  b=$(basename "$f" .deb)
  rm -rf "$W/x" && dpkg-deb -R "$f" "$W/x" || fail "unpacking $f"
  sed -i "s/^Version: .*/Version: $N/; s/(= $V)/(= $N)/" "$W/x/DEBIAN/control"
  dpkg-deb -b "$W/x" "$W/${b%%_*}_${N}.deb" >/dev/null || fail "repacking $f as $N"
done
apt-get install -y -q "$W"/chorus-*_"$N".deb >"$W/upgrade.log" 2>&1 ||
  { tail -20 "$W/upgrade.log"; fail "the upgrade to $N"; }
[ "$(dpkg-query -W -f='${Version}' chorus-kiosk)" = "$N" ] || fail "chorus-kiosk is not at $N"
snapshot >"$W/data.after"
cmp -s "$W/data.before" "$W/data.after" ||
  { diff "$W/data.before" "$W/data.after" | head >&2; fail "the upgrade changed the data folders"; }
as chorus-kiosk status >"$W/status2.out" 2>&1 || { cat "$W/status2.out"; fail "the kiosk after the upgrade"; }

# ---- purged: every packaged file gone, the data kept ----
snapshot >"$W/data.before"
dpkg-query -L chorus-kiosk chorus-sync chorus-data >"$W/files" || fail "dpkg-query -L"
apt-get purge -y -q chorus-kiosk chorus-sync chorus-data >"$W/purge.log" 2>&1 ||
  { tail -20 "$W/purge.log"; fail "purge"; }
grep -q "/var/lib/chorus is kept" "$W/purge.log" || fail "purge did not say it keeps /var/lib/chorus"
while read -r f; do
  [ -f "$f" ] && fail "purge left $f"
done <"$W/files"
[ -e /etc/pam.d/chorus-kiosk ] && fail "purge left /etc/pam.d/chorus-kiosk"
[ -e /usr/share/chorus ] && fail "purge left /usr/share/chorus"
snapshot >"$W/data.purged"
cmp -s "$W/data.before" "$W/data.purged" || fail "purge touched the data folders"
echo "deb-check: installed, a session exported and imported from /, upgraded to $N with the data" \
  "byte for byte, purged with every packaged file gone and the data kept"
