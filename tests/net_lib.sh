# Shared by the network scenarios (tests/scripts/network*.sh), after tests/scripts/lib.sh:
# council keys, a real `chorus-sync serve` on 127.0.0.1 and kiosks with responses waiting.
export LC_ALL=C
NETPOKE="$BUILD/tests/tools/netpoke"
MKBUNDLE="$BUILD/tests/tools/mkbundle"
COUNCIL="$WORK/council"
DB="$WORK/council.db"
SURVEY=assets/surveys/how_was_today.csv
"$SYNC" keygen --dir "$COUNCIL" --plain >/dev/null 2>&1 || fail "keygen"

SERVE_PID=
PORT=
# serve NAME [options]: starts the server, logging to $WORK/NAME.log; sets SERVE_PID and PORT.
serve() {
  name=$1
  shift
  "$SYNC" serve --listen 127.0.0.1:0 --db "$DB" --keys "$COUNCIL" "$@" 2>"$WORK/$name.log" &
  SERVE_PID=$!
  i=0
  PORT=
  while [ $i -lt 100 ] && [ -z "$PORT" ]; do
    PORT=$(sed -n 's/.*listening on https*:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$WORK/$name.log" 2>/dev/null)
    [ -n "$PORT" ] || sleep 0.1
    kill -0 "$SERVE_PID" 2>/dev/null || { cat "$WORK/$name.log"; fail "serve $name did not start"; }
    i=$((i + 1))
  done
  [ -n "$PORT" ] || fail "serve $name: no port in its log"
}
# stop: SIGTERM, and the server must stop cleanly within 10 s.
stop() {
  kill -TERM "$SERVE_PID"
  i=0
  while kill -0 "$SERVE_PID" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  kill -0 "$SERVE_PID" 2>/dev/null && { kill -9 "$SERVE_PID"; fail "serve did not stop on SIGTERM"; }
  wait "$SERVE_PID" || fail "serve exited $? on SIGTERM"
  SERVE_PID=
}
trap '[ -n "$SERVE_PID" ] && kill -9 "$SERVE_PID" 2>/dev/null' EXIT

held() { sqlite3 "$DB" "SELECT count(*) FROM response"; }
distinct() { sqlite3 "$DB" "SELECT count(DISTINCT id) FROM response"; }
on_kiosk() { sqlite3 "$1/kiosk.db" "SELECT (SELECT count(*) FROM response) + (SELECT count(*) FROM help)" 2>/dev/null ||
             sqlite3 "$1/kiosk.db" "SELECT count(*) FROM response"; }
key_of() { od -An -tx1 -j 5 -N 32 "$1" | tr -d ' \n'; }
# kiosk DIR N: a kiosk with N responses waiting (sealed and stored as Send stores them).
kiosk() {
  "$MKBUNDLE" --kiosk "$1" --council-key "$COUNCIL/council-box.pub" --survey "$SURVEY" \
    --count "$2" --seed "${3:-1}" --store "$1/kiosk.db" >/dev/null || fail "mkbundle --store $1"
  "$KIOSK" --data "$1" --council-key "$COUNCIL/council-box.pub" \
    --council-sign-key "$COUNCIL/council-sign.pub" status >/dev/null || fail "provisioning $1"
}
enrol() { "$SYNC" enrol --db "$DB" --name "$1" "$2/kiosk-sign.pub" >/dev/null || fail "enrol $1"; }
# sync DIR URL [options]: one go of the kiosk's network sync.
sync_once() {
  d=$1
  u=$2
  shift 2
  "$KIOSK" --data "$d" --council-key "$COUNCIL/council-box.pub" \
    --council-sign-key "$COUNCIL/council-sign.pub" sync --server "$u" --once "$@"
}

