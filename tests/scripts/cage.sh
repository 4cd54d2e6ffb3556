#!/bin/sh
# The appliance's display: the kiosk full screen under cage (the Wayland kiosk compositor the
# systemd unit runs), on wlroots' headless backend with its software renderer, SDL on its
# Wayland driver. A whole session of a shipped survey is driven by a script in that window
# (the frames shown by cage and shot from the kiosk's renderer): the response is stored, and
# the frames are the size of cage's output, not of the kiosk's --size. Then the kiosk's own
# event loop under cage (no script) stops cleanly on SIGTERM, saying so in its log, and cage
# ends with it. cage will not run as root, so as root this runs them as nobody.
. tests/scripts/lib.sh
command -v cage >/dev/null || fail "cage is missing (Debian package cage)"
setup_kiosk
W=$(cd "$WORK" && pwd)
C="$W/cage"
mkdir -p "$C/xdg" "$C/bin"
# What nobody runs and reads, inside the test's own folder (the source tree may not be
# readable to nobody): the kiosk and its assets, started from C as from a source tree.
cp "$KIOSK" "$C/bin/"
cp -r assets "$C/assets"
cp -r "$DATA" "$C/data"
SEED=11 survey_script assets/surveys/how_was_today.csv "CAGE-TEXT" >"$C/s.script" ||
  fail "could not script a session"
echo "shot end" >>"$C/s.script"
chmod 711 "$W" "$(dirname "$W")"
chmod 700 "$C/xdg"
as=""
if [ "$(id -u)" = 0 ]; then
  chown -R nobody:nogroup "$C"
  as="setpriv --reuid=nobody --regid=nogroup --clear-groups"
fi
# cage_run ARGS...: the kiosk under cage, from C, with the headless backend.
cage_run() {
  (cd "$C" && $as env -i PATH=/usr/bin:/bin ASAN_OPTIONS="${ASAN_OPTIONS:-}" \
    UBSAN_OPTIONS="${UBSAN_OPTIONS:-}" XDG_RUNTIME_DIR="$C/xdg" WLR_BACKENDS=headless \
    WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 SDL_VIDEODRIVER=wayland SDL_AUDIODRIVER=dummy \
    cage -- bin/chorus-kiosk --data data --fullscreen "$@")
}

# --- a whole session, scripted, in cage's window
cage_run --script s.script --shots shots >"$W/session.log" 2>&1 ||
  { cat "$W/session.log"; fail "cage with a scripted session failed"; }
grep -q "^chorus-kiosk: stopping: 1 response stored" "$W/session.log" ||
  { cat "$W/session.log"; fail "the session under cage did not store its response"; }
[ "$(sqlite3 "$C/data/kiosk.db" 'SELECT count(*) FROM response')" = 1 ] ||
  fail "no response in the kiosk's store after the session under cage"
[ -s "$C/shots/end.png" ] || fail "no frame shot under cage"
# PNG width and height, bytes 16..23 big-endian: cage's headless output is 1280x720.
size=$(od -An -tu1 -j16 -N8 "$C/shots/end.png" | awk '{ printf "%dx%d", $3*256+$4, $7*256+$8 }')
[ "$size" = 1280x720 ] || fail "the kiosk drew $size, not cage's full screen 1280x720"
grep -F -q "CAGE-TEXT" "$C/data/kiosk.db" && fail "the typed answer is in the store in plaintext"

# --- the window's own loop under cage: up, idle, then SIGTERM to the kiosk
cage_run --export-dir "$C" >"$W/idle.log" 2>&1 &
i=0
pid=""
while [ $i -lt 200 ] && [ -z "$pid" ]; do
  pid=$(pgrep -f -x "bin/chorus-kiosk --data data --fullscreen --export-dir $C" | head -n 1)
  grep -q "^chorus-kiosk: read aloud" "$W/idle.log" 2>/dev/null || pid=""
  [ -z "$pid" ] && sleep 0.1
  i=$((i + 1))
done
[ -n "$pid" ] || { cat "$W/idle.log"; fail "the kiosk did not come up under cage"; }
kill -TERM "$pid"
wait
grep -q "^chorus-kiosk: stopping: 0 responses stored" "$W/idle.log" ||
  { cat "$W/idle.log"; fail "the kiosk under cage did not stop cleanly on SIGTERM"; }
grep -q "cannot\|Couldn't" "$W/idle.log" && { cat "$W/idle.log"; fail "the kiosk under cage complained"; }
echo "cage: a session stored under cage (1280x720, Wayland), SIGTERM stops the kiosk cleanly"
