#!/bin/sh
# The kiosk killed at random points (SIGKILL: what a pulled plug or a crash does to the process)
# and restarted, until it has been killed KILL_ROUNDS times (default 30; a run that finishes
# its script before its kill is not counted). Each run follows a script of a few sessions,
# each typing its own planted string ("kill-N-SEED") into a text question, and reports how far
# it got on standard output with the script's `echo`: "up" once the welcome screen shows,
# "begin N" after Start, "send N" just before Send, "thanks N" once the thank-you screen shows,
# "done N" back on welcome. How each run is killed is drawn from a printed seed (KILL_SEED
# replays the same choices and strings; the timing of a busy machine is never quite the same):
# after a random delay anywhere in a run or during startup (measured by a first run that is not
# killed), or right as the run prints "send N" (plus 0-4 ms: sealing, the INSERT, its fsync)
# or "thanks N".
#
# After every kill: the kiosk's process ended by our kill (or finished its script: exit 0),
# never by an error of its own; no file in the data folder but the store, its -wal/-shm and
# the keys (no temporary file left); a copy of the store as the kill left it on disk passes
# PRAGMA integrity_check; and the store grew by exactly the sessions that reached thank-you,
# plus at most the one whose Send was under way (that one is then known to be stored). Each
# run's script starts with `expect screen welcome`, so a kiosk that did not come back to its
# welcome screen alone fails the next run.
# Every KILL_SYNC_EVERY runs (default 10) and at the end, through the council's real path:
# `export`, `chorus-sync import` (which opens and checks every record: a half-written one
# refuses the bundle), the receipt back to the kiosk; then the council database must hold
# exactly the planted strings of the sessions known to be stored, each in exactly one response,
# and no other response. Every session that reached thank-you is among them.
# Ends with one line of figures. (SIGKILL leaves the page cache alone: this is a crash of the
# process, not of the machine; power loss is left to the fault-injection tests.)
#   KILL_ROUNDS=N  KILL_SEED=N  KILL_SYNC_EVERY=N  KILL_SESSIONS=N (sessions a run, default 3)
#   KILL_VERBOSE=1 (a line a run)  KILL_PROGRESS=N (a line every N runs)
# slow: 30 kills and restarts of the kiosk (about 10 s);
# `make test-quick` leaves it out.
. tests/scripts/lib.sh
export LC_ALL=C

# `make test` runs 30 kills in each build: enough to land kills at startup, mid-session, at Send
# and on thank-you, and to catch a regression there, in about 10 s. `make long` runs thousands
# (tests/long.sh). The kill timings are measured on the build under test.
ROUNDS=${KILL_ROUNDS:-30}
SESSIONS=${KILL_SESSIONS:-3}
SYNC_EVERY=${KILL_SYNC_EVERY:-10}
KSEED=${KILL_SEED:-$(($(od -An -N4 -tu4 /dev/urandom | tr -d ' ') % 1000000))}
echo "kill_kiosk: seed $KSEED (replay with KILL_SEED=$KSEED), $ROUNDS kills, build $BUILD"
start_s=$(date +%s)

setup_kiosk
"$KIOSK" --data "$DATA" --council-sign-key "$WORK/council/council-sign.pub" status >/dev/null ||
  fail "pinning the council signing key"
CDB="$WORK/council.db"
"$SYNC" enrol --name killed --db "$CDB" "$DATA/kiosk-sign.pub" >/dev/null || fail "enrol"
mkdir -p "$WORK/t" "$WORK/copy" "$WORK/bundles" "$WORK/receipts" "$WORK/runs"
: >"$WORK/stored"    # N of every session known to be in the store (thank-you, or counted)
: >"$WORK/confirmed" # N of every session that reached thank-you

# Session templates: every survey the generator can answer, a few random paths each, with
# PLANTEDTEXT for the planted string and @N@ for the session number.
t=0
for form in how_was_today children_in_care one_voice_session care_leavers my_life; do
  for v in 1 2 3; do
    SEED=$((KSEED + v))
    survey_script "assets/surveys/$form.csv" PLANTEDTEXT >"$WORK/t/raw" 2>"$WORK/t/err" ||
      fail "$form: could not turn the survey into a kiosk script: $(cat "$WORK/t/err")"
    unset SEED
    grep -q '^type "PLANTEDTEXT"$' "$WORK/t/raw" || continue
    t=$((t + 1))
    awk '$0 == "tap \"Send\"" { print "echo send @N@" }
         { print }
         $0 == "tap \"Start\"" { print "echo begin @N@" }
         $0 == "expect screen thanks" { print "echo thanks @N@" }
         END { print "echo done @N@" }' "$WORK/t/raw" >"$WORK/t/$t"
  done
done
[ "$t" -ge 5 ] || fail "only $t session templates"

next_n=1
# round_script FILE: a run's script: back on welcome alone, then $SESSIONS new sessions.
round_script() {
  echo 'expect screen welcome' >"$1"
  echo 'echo up' >>"$1"
  i=0
  while [ "$i" -lt "$SESSIONS" ]; do
    sed "s/PLANTEDTEXT/kill-$next_n-$KSEED/; s/@N@/$next_n/" "$WORK/t/$((next_n % t + 1))" >>"$1"
    next_n=$((next_n + 1))
    i=$((i + 1))
  done
}

ms() { echo $(($(date +%s%N) / 1000000)); }

# The store as it is on disk now, copied (the kiosk's own files stay as the kill left them, for
# its next start to recover): sets count to its responses, or fails.
checked=0
store_check() {
  rm -f "$WORK/copy/"*
  cp "$DATA/kiosk.db" "$WORK/copy/kiosk.db" || fail "$1: no store"
  [ ! -e "$DATA/kiosk.db-wal" ] || cp "$DATA/kiosk.db-wal" "$WORK/copy/kiosk.db-wal"
  out=$(sqlite3 "$WORK/copy/kiosk.db" 'PRAGMA integrity_check; SELECT count(*) FROM response;' 2>&1)
  [ "$(echo "$out" | head -n 1)" = ok ] || fail "$1: integrity_check: $out"
  checked=$((checked + 1))
  count=$(echo "$out" | tail -n 1)
}

# Only the store, its WAL files and the keys: anything else was left half-way.
stray_check() {
  extra=$(ls -A "$DATA" | grep -v -x -e kiosk.db -e kiosk.db-wal -e kiosk.db-shm \
    -e kiosk-sign.key -e kiosk-sign.pub -e council-box.pub -e council-sign.pub)
  [ -z "$extra" ] || fail "$1: stray files in the data folder: $extra"
}

# sync_check LABEL: export, import, receipt; then the council holds exactly what is stored.
sync_no=0
council_total=0
sync_check() {
  sync_no=$((sync_no + 1))
  b="$WORK/bundles/$sync_no.bundle"
  "$KIOSK" --data "$DATA" export --out "$b" >"$WORK/export.out" 2>&1 ||
    fail "$1: export: $(cat "$WORK/export.out")"
  if [ -e "$b" ]; then
    "$SYNC" import --db "$CDB" --keys "$WORK/council" --surveys assets/surveys \
      --receipts "$WORK/receipts" "$b" >"$WORK/import.out" 2>&1 ||
      fail "$1: the council refused the kiosk's bundle: $(cat "$WORK/import.out")"
    "$KIOSK" --data "$DATA" import-receipt "$WORK/receipts/$sync_no.bundle.receipt" \
      >"$WORK/receipt.out" 2>&1 || fail "$1: import-receipt: $(cat "$WORK/receipt.out")"
  fi
  left=$(sqlite3 "$DATA/kiosk.db" 'SELECT count(*) FROM response')
  [ "$left" -eq 0 ] || fail "$1: $left responses left on the kiosk after the receipt"
  sqlite3 "$CDB" "SELECT value, count(DISTINCT response) FROM answer
                  WHERE value LIKE 'kill-%-$KSEED' GROUP BY value" >"$WORK/held" ||
    fail "$1: cannot read the council database"
  bad=$(awk -F'|' -v seed="$KSEED" '
    FILENAME == ARGV[1] { want["kill-" $1 "-" seed] = 1; next }
    { if ($2 != 1) print $1 " is in " $2 " responses"
      else if (!($1 in want)) print $1 " is held but was never sent"
      held[$1] = 1 }
    END { for (v in want) if (!(v in held)) print v " is missing" }' "$WORK/stored" "$WORK/held")
  [ -z "$bad" ] || fail "$1: the council's responses: $(echo "$bad" | head -n 20)"
  council_total=$(sqlite3 "$CDB" 'SELECT count(*) FROM response')
  others=$(sqlite3 "$CDB" "SELECT count(*) FROM response WHERE ref NOT IN
                           (SELECT response FROM answer WHERE value LIKE 'kill-%-$KSEED')")
  [ "$others" -eq 0 ] || fail "$1: $others responses at the council carry no planted string"
  [ "$council_total" -eq "$(wc -l <"$WORK/stored")" ] ||
    fail "$1: the council holds $council_total responses, $(wc -l <"$WORK/stored") were stored"
  [ "$(sqlite3 "$CDB" 'PRAGMA integrity_check')" = ok ] || fail "$1: council integrity_check"
}

# A run not killed: where the markers fall in time (ms from the start; the commit falls between
# "send" and "thanks", which the kiosk shows only once it returned: the kiosk logs no line a
# response), and its sessions count.
round_script "$WORK/runs/calibrate.script"
store_check calibrate
prev=$count
t0=$(ms)
"$KIOSK" --data "$DATA" --headless --script "$WORK/runs/calibrate.script" 2>&1 </dev/null |
  while IFS= read -r line; do
    case $line in
    chorus-kiosk:*) continue ;;
    esac
    echo "$(($(ms) - t0)) $line"
  done >"$WORK/runs/calibrate.out"
total=$(($(ms) - t0))
[ "$(grep -c ' thanks ' "$WORK/runs/calibrate.out")" -eq "$SESSIONS" ] ||
  fail "the calibration run did not finish: $(cat "$WORK/runs/calibrate.out")"
awk '$2 == "thanks" { print $3 }' "$WORK/runs/calibrate.out" >>"$WORK/confirmed"
awk '$2 == "thanks" { print $3 }' "$WORK/runs/calibrate.out" >>"$WORK/stored"
store_check calibrate
[ "$count" -eq $((prev + SESSIONS)) ] || fail "calibration: $SESSIONS sessions, the store grew by $((count - prev))"
prev=$count
at() { awk -v m="$1" '$2 == m { printf "%s ", $1 }' "$WORK/runs/calibrate.out"; }
up=$(at up)
sends=$(at send)
thanks=$(at thanks)
echo "kill_kiosk: a run of $SESSIONS sessions takes $total ms: welcome at ${up}ms, Send at ${sends}ms," \
  "thank-you at ${thanks}ms"

# How each run is killed, drawn from the seed, one line a round: KIND SESSION(1..) AMOUNT.
#   any      (35%) after AMOUNT microseconds, anywhere in a run (most of a session's time is the
#            thank-you screen being drawn after the commit)
#   startup  (15%) after AMOUNT microseconds, before the welcome screen is up
#   commit   (35%) as soon as the run prints "send N" for that session, after a busy wait of
#            AMOUNT loops of the shell (0 to about 4 ms): during sealing, the INSERT and its
#            fsync, or just after the commit. The window is 2-4 ms, too short to hit from a
#            timer on a shared machine, so the kill follows the run's own output.
#   thanks   (15%) as soon as the run prints "thanks N": just after a young person was told
awk -v seed="$KSEED" -v n=$((2 * ROUNDS + 20)) -v total="$total" -v up="$up" -v sessions="$SESSIONS" '
BEGIN {
  srand(seed)
  for (i = 1; i <= n; i++) {
    p = rand(); k = int(rand() * sessions) + 1; x = rand()
    if (p < 0.35) printf "any %d %d\n", k, x * total * 1000
    else if (p < 0.5) printf "startup %d %d\n", k, x * (up + 2) * 1000
    else if (p < 0.85) printf "commit %d %d\n", k, x * 2000
    else printf "thanks %d 0\n", k
  }
}' >"$WORK/delays"

# watch_and_kill PID MARKER LOOPS: reads the run's output from fd 5 into r.out until MARKER,
# waits LOOPS turns of a loop, kills the run, then keeps the rest of what it wrote.
watch_and_kill() {
  while IFS= read -r line <&5; do
    echo "$line" >>"$WORK/runs/r.out"
    [ "$line" = "$2" ] && break
  done
  i=0
  while [ "$i" -lt "$3" ]; do i=$((i + 1)); done
  kill -9 "$1" 2>/dev/null
  cat <&5 >>"$WORK/runs/r.out"
}

# watchdog PID: a run that hangs (no kill, no end) would stall the harness on its output; after
# HANG_S seconds (KILL_HANG_S, default 60) the watchdog notes it and kills the run, and the
# round fails on the note.
HANG_S=${KILL_HANG_S:-60}
watchdog() {
  rm -f "$WORK/runs/hung"
  sh -c 'sleep "$1"; : >"$2"; kill -9 "$3"' _ "$HANG_S" "$WORK/runs/hung" "$1" \
    </dev/null >/dev/null 2>&1 &
  dog=$!
}

startup=0 welcome=0 session=0 sendk=0 sendk_stored=0 thanksk=0 finished=0 back=0
mkfifo "$WORK/runs/fifo"
exec 4<"$WORK/delays"
r=0
kills=0
while [ "$kills" -lt "$ROUNDS" ]; do
  r=$((r + 1))
  read -r kind k amount <&4 || fail "no random numbers left for run $r"
  first=$next_n
  round_script "$WORK/runs/r.script"
  : >"$WORK/runs/r.out"
  case $kind in
  any | startup)
    delay=$(printf '%d.%06d' $((amount / 1000000)) $((amount % 1000000)))
    how="after ${delay}s"
    "$KIOSK" --data "$DATA" --headless --script "$WORK/runs/r.script" \
      >"$WORK/runs/r.out" 2>"$WORK/runs/r.err" </dev/null &
    pid=$!
    watchdog "$pid"
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null
    ;;
  *)
    marker="$kind $((first + k - 1))"
    [ "$kind" = commit ] && marker="send $((first + k - 1))"
    how="at '$marker' + $amount loops"
    "$KIOSK" --data "$DATA" --headless --script "$WORK/runs/r.script" \
      >"$WORK/runs/fifo" 2>"$WORK/runs/r.err" </dev/null &
    pid=$!
    watchdog "$pid"
    exec 5<"$WORK/runs/fifo"
    watch_and_kill "$pid" "$marker" "$amount"
    exec 5<&-
    ;;
  esac
  wait "$pid" 2>/dev/null
  rc=$?
  kill "$dog" 2>/dev/null
  what="run $r (seed $KSEED, $kind kill $how, sessions $first-$((next_n - 1)))"
  [ ! -e "$WORK/runs/hung" ] ||
    fail "$what: the kiosk hung (no end to its script in ${HANG_S}s); its log: $(tail -n 5 "$WORK/runs/r.err")"
  case $rc in
  0) finished=$((finished + 1)) ;;
  137) kills=$((kills + 1)) ;;
  *)
    cat "$WORK/runs/r.err" >&2
    fail "$what: the kiosk exited with status $rc on its own (see above)"
    ;;
  esac
  last=$(tail -n 1 "$WORK/runs/r.out")
  grep -q -x up "$WORK/runs/r.out" && back=$((back + 1))
  awk '$1 == "thanks" { print $2 }' "$WORK/runs/r.out" >"$WORK/runs/thanked"
  cat "$WORK/runs/thanked" >>"$WORK/confirmed"
  cat "$WORK/runs/thanked" >>"$WORK/stored"
  nthanks=$(wc -l <"$WORK/runs/thanked")
  stray_check "$what"
  store_check "$what"
  now=$count
  grew=$((now - prev))
  case $last in
  "") startup=$((startup + 1)) ;;
  up | done*) [ $rc = 0 ] || welcome=$((welcome + 1)) ;;
  begin*) session=$((session + 1)) ;;
  send*)
    sendk=$((sendk + 1))
    if [ "$grew" -eq $((nthanks + 1)) ]; then
      # Send was under way and the response was committed: stored, though not confirmed.
      echo "${last#send }" >>"$WORK/stored"
      sendk_stored=$((sendk_stored + 1))
      grew=$nthanks
    fi
    ;;
  thanks*) thanksk=$((thanksk + 1)) ;;
  *) fail "$what: unexpected output: $last" ;;
  esac
  [ "$grew" -eq "$nthanks" ] ||
    fail "$what: $nthanks sessions reached thank-you (last: '$last'), but the store grew by $grew"
  [ -z "${KILL_VERBOSE:-}" ] ||
    echo "$what: last '$last', stored +$((now - prev)) ($nthanks thanked), status $rc"
  [ -z "${KILL_PROGRESS:-}" ] || [ $((r % KILL_PROGRESS)) -ne 0 ] ||
    echo "kill_kiosk: $r runs, $kills of $ROUNDS kills, $(($(date +%s) - start_s)) s"
  prev=$now
  if [ $((r % SYNC_EVERY)) -eq 0 ] && [ "$kills" -lt "$ROUNDS" ]; then
    sync_check "after round $r"
    prev=0
  fi
done
exec 4<&-

# One more run, not killed: the kiosk works as before, and the last of it goes to the council.
round_script "$WORK/runs/final.script"
kiosk_script "$WORK/runs/final.script" >"$WORK/runs/final.out" 2>"$WORK/runs/final.err" </dev/null ||
  { cat "$WORK/runs/final.err" >&2; fail "the run after the last kill failed"; }
awk '$1 == "thanks" { print $2 }' "$WORK/runs/final.out" | tee -a "$WORK/confirmed" >>"$WORK/stored"
[ "$(sqlite3 "$DATA/kiosk.db" 'PRAGMA integrity_check')" = ok ] || fail "the kiosk's store, at the end"
stray_check "at the end"
sync_check "at the end"
[ "$back" -gt 0 ] || fail "no run got as far as the welcome screen"

echo "kill_kiosk: $kills kills in $r runs (seed $KSEED) in $(($(date +%s) - start_s)) s: $startup during startup," \
  "$welcome on welcome, $session mid-session, $sendk during Send ($((sendk - sendk_stored)) before the commit, $sendk_stored after it)," \
  "$thanksk on thank-you, $finished runs finished first; $back restarts back on welcome;" \
  "$(wc -l <"$WORK/confirmed") sessions confirmed, $council_total responses checked at the council" \
  "($sync_no imports), $checked integrity checks"
