#!/bin/sh
# 50 kiosks (NET_KIOSKS) each with 20 responses waiting run `chorus-kiosk sync --once` at the
# same moment against one real `chorus-sync serve` on 127.0.0.1: each must exit 0 with nothing
# left on it, and the council must hold every response exactly once. Then all of them again at
# once: nothing more is stored, nothing left on any. Also a kiosk with a
# request for help made while a sync loop runs: it travels at once (help-requests lists it).
# slow: 50 kiosks at once, then a loop waiting on a request for help (about 14 s);
. tests/scripts/lib.sh
. tests/net_lib.sh
n=${NET_KIOSKS:-50}
per=20
i=1
while [ $i -le "$n" ]; do
  kiosk "$WORK/k$i" $per $i
  enrol "kiosk$i" "$WORK/k$i"
  i=$((i + 1))
done
serve load
URL="http://127.0.0.1:$PORT"
for round in 1 2; do
  pids=
  i=1
  while [ $i -le "$n" ]; do
    sync_once "$WORK/k$i" "$URL" >"$WORK/k$i.out" 2>"$WORK/k$i.err" &
    pids="$pids $!"
    i=$((i + 1))
  done
  i=1
  for p in $pids; do
    wait "$p" || fail "round $round: kiosk $i: $(cat "$WORK/k$i.err" "$WORK/k$i.out")"
    i=$((i + 1))
  done
  [ "$(held)" = $((n * per)) ] || fail "round $round: the council holds $(held) of $((n * per))"
  [ "$(distinct)" = $((n * per)) ] || fail "round $round: a response is stored twice"
  i=1
  while [ $i -le "$n" ]; do
    [ "$(on_kiosk "$WORK/k$i")" = 0 ] || fail "round $round: kiosk $i still holds responses"
    i=$((i + 1))
  done
done
[ "$(sqlite3 "$DB" "SELECT count(*) FROM (SELECT kiosk FROM response GROUP BY kiosk HAVING count(*) = $per)")" = "$n" ] ||
  fail "not every kiosk's $per responses are held under it"
ok=$(grep -c "POST /v1/bundle kiosk kiosk[0-9]* (key [0-9a-f]*): 200 bundle 1, $per records: $per new" "$WORK/load.log")
[ "$ok" = "$n" ] || fail "$ok of $n uploads logged as stored"

# a request for help goes at once: a sync loop (a round an hour) is running when it is made
DATA="$WORK/kh"
echo "$PIN" | "$KIOSK" --data "$DATA" --set-pin >/dev/null || fail "set-pin"
"$KIOSK" --data "$DATA" --council-key "$COUNCIL/council-box.pub" \
  --council-sign-key "$COUNCIL/council-sign.pub" status >/dev/null || fail "provisioning"
enrol helper "$DATA"
"$KIOSK" --data "$DATA" sync --server "$URL" --interval 3600 2>"$WORK/loop.err" &
LOOP=$!
sleep 1
cat >"$WORK/help.script" <<'SCRIPT'
expect screen welcome
tap "Start"
tap "How was today?"
tap "Next"
tap "Next"
tap "Next"
expect text "Did you feel safe here today?"
tap "No"
expect screen safety
tap "I'd like someone to talk to me"
expect text "The workers here will see that someone asked to talk, but not who."
SCRIPT
run_script help
i=0
while [ $i -lt 100 ] && ! "$SYNC" help-requests --db "$DB" 2>/dev/null | grep -q helper; do
  sleep 0.1
  i=$((i + 1))
done
"$SYNC" help-requests --db "$DB" >"$WORK/help.out" 2>&1
grep -q helper "$WORK/help.out" || fail "the request for help did not travel at once: $(cat "$WORK/help.out" "$WORK/loop.err")"
kill -TERM $LOOP
wait $LOOP || fail "the sync loop did not stop cleanly on SIGTERM"
grep -q "stopping:" "$WORK/loop.err" || fail "no stop line: $(cat "$WORK/loop.err")"
grep -v "requests for help at once" "$WORK/loop.err" | grep -qi "help\|talk" &&
  fail "the sync log mentions the request: $(cat "$WORK/loop.err")"
stop
echo "network_kiosks: ok ($n kiosks at once)"
