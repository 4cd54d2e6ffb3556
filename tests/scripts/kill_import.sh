#!/bin/sh
# `chorus-sync import` killed (SIGKILL) at random points, KILL_ROUNDS times (default 30), while
# it imports KILL_BUNDLES bundles (default 3) of KILL_COUNT responses each (default 1500, made
# by tests/tools/mkbundle, each bundle from its own enrolled kiosk): big enough that most of an
# import's time is spent inside a bundle's transaction, storing records as they are opened, so
# most kills land there. Kills come in cycles: from an empty council database, 2 to 7 killed
# runs in a row (each starting from what the last one left), then a run that is not killed.
# Each kill's delay is uniform over 90% of the length of an import from the same starting point
# (bundles held, receipts written), as last measured; the choices come from a printed seed
# (KILL_SEED replays them; a busy machine's timing is never quite the same).
#
# After every kill, on a copy of the database as the kill left it (the real one stays as it
# is, for the next run to recover): PRAGMA integrity_check ok; for each bundle the database
# holds all of its responses and all of their answers, or none of either; nothing quarantined;
# a bundle with a receipt is stored; a bundle whose records were not all stored is not. Then
# the run that is not killed must complete the import: every bundle stored exactly once (the
# import's own count of new and already-held responses adds up to each bundle; the answers
# match an import that was never killed), every receipt written, no temporary file left, and
# the kiosk's `import-receipt` accepts each receipt as the council's, for that kiosk, for all
# of its bundle's responses.
# Each kill is classified by the import's progress bar (drawn on a terminal: the killed runs
# have one) and what the kill left: mid-transaction (k of a bundle's records stored, nothing
# committed), committing (all stored, the commit not durable; whether some of its pages were
# already in the WAL is read from the WAL: a frame after the last commit with the WAL's current
# salt), after a commit before its receipt, writing a receipt (its temporary file is there),
# between bundles, re-checking a bundle already held, or before the first record. Ends with one
# line of figures.
#   KILL_ROUNDS=N  KILL_SEED=N  KILL_BUNDLES=N  KILL_COUNT=N
#   KILL_VERBOSE=1 (a line a kill)  KILL_PROGRESS=N (a line every N kills)
# slow: 30 kills of imports of 4,500 responses (about 17 s);
# `make test-quick` leaves it out.
. tests/scripts/lib.sh
export LC_ALL=C

# `make test` runs 30 kills in the plain build and 20 under ASan (where every process starts
# slower; there they are to catch memory errors in the import's recovery): enough for kills
# mid-transaction, committing and between bundles, in well under a minute. `make long` runs
# thousands (tests/long.sh).
case $BUILD in
*asan*) ROUNDS=${KILL_ROUNDS:-20} ;;
*) ROUNDS=${KILL_ROUNDS:-30} ;;
esac
NB=${KILL_BUNDLES:-3}
COUNT=${KILL_COUNT:-1500}
KSEED=${KILL_SEED:-$(($(od -An -N4 -tu4 /dev/urandom | tr -d ' ') % 1000000))}
MKBUNDLE="$BUILD/tests/tools/mkbundle"
[ -x "$MKBUNDLE" ] || fail "no $MKBUNDLE (make build makes it)"
echo "kill_import: seed $KSEED (replay with KILL_SEED=$KSEED), $ROUNDS kills, $NB bundles of $COUNT, build $BUILD"
start_s=$(date +%s)
ms() { echo $(($(date +%s%N) / 1000000)); }

COUNCIL="$WORK/council"
"$SYNC" keygen --dir "$COUNCIL" --plain >/dev/null || fail "keygen"
mkdir -p "$WORK/receipts" "$WORK/copy" "$WORK/ref"
DB="$WORK/council.db"
EMPTY="$WORK/empty.db"
surveys="children_in_care care_leavers my_life how_was_today"
b=0
while [ "$b" -lt "$NB" ]; do
  b=$((b + 1))
  # A real kiosk's folder (its key, the council's pinned keys), so its import-receipt can judge
  # the receipts; mkbundle signs with that kiosk's key.
  "$KIOSK" --data "$WORK/k$b" --council-key "$COUNCIL/council-box.pub" \
    --council-sign-key "$COUNCIL/council-sign.pub" status >/dev/null || fail "kiosk $b"
  form=$(echo $surveys | cut -d' ' -f$(((b - 1) % 4 + 1)))
  "$MKBUNDLE" --kiosk "$WORK/k$b" --council-key "$COUNCIL/council-box.pub" \
    --survey "assets/surveys/$form.csv" --count "$COUNT" --out "$WORK/b$b.bundle" \
    --seed $((KSEED + b)) >"$WORK/mkbundle.out" 2>&1 || fail "mkbundle: $(cat "$WORK/mkbundle.out")"
  "$SYNC" enrol --name "k$b" --db "$EMPTY" "$WORK/k$b/kiosk-sign.pub" >/dev/null || fail "enrol $b"
done
sqlite3 "$EMPTY" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
rm -f "$EMPTY-wal" "$EMPTY-shm"

# The bundles as the positional parameters. The import is always run as "$SYNC" itself (never
# through a shell function), so that $! is the import's own process and the kill reaches it.
set --
b=0
while [ "$b" -lt "$NB" ]; do
  b=$((b + 1))
  set -- "$@" "$WORK/b$b.bundle"
done

# An import never killed: what each bundle holds (responses and answers, per kiosk), and how
# long a whole import takes (the second of two, with the files in the page cache).
for pass in 1 2; do
  cp "$EMPTY" "$DB"
  rm -f "$DB-wal" "$DB-shm"
  t0=$(ms)
  "$SYNC" import --db "$DB" --keys "$COUNCIL" --surveys assets/surveys --receipts "$WORK/receipts" \
    "$@" >"$WORK/ref/import.out" 2>&1 </dev/null || fail "the reference import: $(cat "$WORK/ref/import.out")"
  total=$(($(ms) - t0))
done
sqlite3 "$DB" "SELECT k.name, (SELECT count(*) FROM response r WHERE r.kiosk = k.name),
  (SELECT count(*) FROM answer a JOIN response r ON a.response = r.ref WHERE r.kiosk = k.name)
  FROM kiosk k ORDER BY k.name" >"$WORK/ref/counts"
awk -F'|' -v n="$COUNT" '$2 != n || $3 < n { bad = 1 } END { exit bad }' "$WORK/ref/counts" ||
  fail "the reference import holds: $(cat "$WORK/ref/counts")"
[ "$(wc -l <"$WORK/ref/counts")" -eq "$NB" ] || fail "the reference import: $(cat "$WORK/ref/counts")"
size=$(($(sqlite3 "$DB" 'PRAGMA page_count') * $(sqlite3 "$DB" 'PRAGMA page_size') / 1048576))
echo "kill_import: an import of $NB bundles of $COUNT takes $total ms; the database $size MiB"

# wal_uncommitted DBCOPY VALID_FRAMES: 0 or 1, whether the frame after the last committed one
# belongs to the WAL's current generation (same salt as its header): pages of a transaction that
# never committed.
wal_uncommitted() {
  w="$1-wal"
  [ -s "$w" ] || { echo 0; return; }
  psz=$(od -An -N4 -j8 -tu1 "$w" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }')
  hsalt=$(od -An -N8 -j16 -tx1 "$w" | tr -d ' \n')
  fsalt=$(od -An -N8 -j$((32 + $2 * (psz + 24) + 8)) -tx1 "$w" 2>/dev/null | tr -d ' \n')
  if [ -n "$fsalt" ] && [ "$fsalt" = "$hsalt" ]; then echo 1; else echo 0; fi
}

# kill_check LABEL: the database as the kill left it, on a copy (its counts in copy/counts).
# Sets uncommitted (0/1).
checked=0
kill_check() {
  rm -f "$WORK/copy/"*
  cp "$DB" "$WORK/copy/c.db" || fail "$1: no database"
  [ ! -e "$DB-wal" ] || cp "$DB-wal" "$WORK/copy/c.db-wal"
  # the number of valid frames, as recovery finds them (synchronous=OFF: the copy is scratch,
  # its checkpoint need not wait for the disk); the frame after them, in the real WAL
  frames=$(sqlite3 "$WORK/copy/c.db" 'PRAGMA synchronous=OFF' 'PRAGMA wal_checkpoint(PASSIVE)' 2>&1 | cut -d'|' -f2)
  [ -n "$frames" ] || frames=0
  uncommitted=$(wal_uncommitted "$DB" "$frames")
  out=$(sqlite3 "$WORK/copy/c.db" 'PRAGMA integrity_check' 2>&1)
  [ "$out" = ok ] || fail "$1: integrity_check: $out"
  checked=$((checked + 1))
  sqlite3 "$WORK/copy/c.db" "SELECT k.name, (SELECT count(*) FROM response r WHERE r.kiosk = k.name),
    (SELECT count(*) FROM answer a JOIN response r ON a.response = r.ref WHERE r.kiosk = k.name)
    FROM kiosk k ORDER BY k.name;
    SELECT 'quarantined', count(*), 0 FROM quarantine;
    SELECT 'loose answers', count(*), 0 FROM answer WHERE response NOT IN (SELECT ref FROM response)" \
    >"$WORK/copy/counts" || fail "$1: cannot read the database"
  bad=$(awk -F'|' 'FILENAME == ARGV[1] { want[$1] = $2 "|" $3; next }
    $1 in want { if ($2 "|" $3 != "0|0" && $2 "|" $3 != want[$1])
                   print "kiosk " $1 ": " $2 " responses, " $3 " answers (all: " want[$1] ")"
                 next }
    $2 != 0 { print $1 ": " $2 }' "$WORK/ref/counts" "$WORK/copy/counts")
  [ -z "$bad" ] || fail "$1: not all or nothing: $bad"
  for rr in "$WORK"/receipts/*.receipt; do
    [ -e "$rr" ] || continue
    k=$(basename "$rr" .bundle.receipt)
    grep -q "^k${k#b}|$COUNT|" "$WORK/copy/counts" || fail "$1: a receipt for $k, which is not stored"
  done
}

# complete_check LABEL: after a run that was not killed: everything stored once, receipts good.
completed=0
complete_check() {
  [ "$(sqlite3 "$DB" 'PRAGMA integrity_check')" = ok ] || fail "$1: integrity_check"
  sqlite3 "$DB" "SELECT k.name, (SELECT count(*) FROM response r WHERE r.kiosk = k.name),
    (SELECT count(*) FROM answer a JOIN response r ON a.response = r.ref WHERE r.kiosk = k.name)
    FROM kiosk k ORDER BY k.name" >"$WORK/counts"
  cmp -s "$WORK/counts" "$WORK/ref/counts" ||
    fail "$1: after the import completed: $(cat "$WORK/counts"), not $(cat "$WORK/ref/counts")"
  [ "$(sqlite3 "$DB" 'SELECT count(*) FROM quarantine')" -eq 0 ] || fail "$1: quarantined responses"
  # the import's own tally: each bundle's responses are new or already held, never twice
  bad=$(awk -v n="$COUNT" '/ responses: [0-9]+ new, / {
      for (i = 1; i <= NF; i++) { if ($(i + 1) == "new,") fresh = $i; if ($(i + 1) == "already") held = $i }
      if (fresh + held != n) print
      seen++ }
    END { if (seen != nb) print "only " seen + 0 " bundles reported" }' nb="$NB" "$WORK/run.out")
  [ -z "$bad" ] || fail "$1: the import said: $bad"
  ls -A "$WORK/receipts" | grep -q '\.tmp$' && fail "$1: a temporary file is left: $(ls -A "$WORK/receipts")"
  b=0
  while [ "$b" -lt "$NB" ]; do
    b=$((b + 1))
    rr="$WORK/receipts/b$b.bundle.receipt"
    [ -s "$rr" ] || fail "$1: no receipt for bundle $b"
    "$KIOSK" --data "$WORK/k$b" import-receipt "$rr" >"$WORK/receipt.out" 2>&1 ||
      fail "$1: kiosk $b refused its receipt: $(cat "$WORK/receipt.out")"
    grep -q "the council holds $COUNT responses" "$WORK/receipt.out" ||
      fail "$1: receipt $b: $(cat "$WORK/receipt.out")"
  done
  completed=$((completed + 1))
}

# Random numbers from the seed, a line a run: where in it to kill (0-1), and a cycle length.
awk -v seed="$KSEED" -v n="$ROUNDS" 'BEGIN {
  srand(seed)
  for (i = 0; i < 4 * n + 20; i++) print rand(), int(rand() * 6) + 2
}' >"$WORK/kills"

# held: the bundles stored ("1 3 "), per a check's counts; receipts: the receipts written.
held() { awk -F'|' '$1 ~ /^k[0-9]+$/ && $2 > 0 { printf "%s ", substr($1, 2) }' "$1"; }
receipts() { for rr in "$WORK"/receipts/b*.bundle.receipt; do [ -e "$rr" ] && basename "$rr" .bundle.receipt | cut -c2-; done | tr '\n' ' '; }
# How long an import takes from a given start (bundles held, receipts written), as last measured
# by a run that was not killed: the kills of a run from there spread over that length.
mkdir -p "$WORK/len"
echo "$total" >"$WORK/len/hr"
start_key() { echo "h$(echo "$1" | tr -d ' ')r$(echo "$2" | tr -d ' ')"; }

# The killed runs go through a pseudo-terminal (script(1), util-linux), because on a terminal
# the import draws its progress bar, "opening [###   ] i/N", once for each record it has
# stored inside the bundle's transaction (between BEGIN and COMMIT): the last one written says
# how far the kill let it get. The shell that script starts writes its pid, then execs the
# import, so the kill goes to the import itself.
qs() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
cmd="echo \$\$ >$(qs "$WORK/pid"); exec $(qs "$SYNC") import --db $(qs "$DB") --keys $(qs "$COUNCIL")"
cmd="$cmd --surveys assets/surveys --receipts $(qs "$WORK/receipts")"
for f in "$@"; do cmd="$cmd $(qs "$f")"; done
# progress: "B I N" from the last progress bar in run.out: bundle B (1..; 0: no bar drawn yet)
# had I of its N records stored.
progress() {
  tr '\r' '\n' <"$WORK/run.out" | awk '$1 == "opening" { split($NF, a, "/"); i = a[1] + 0; n = a[2] + 0; if (i == n) full++; seen = 1 }
    END { if (!seen) print 0, 0, 0; else print (i == n ? full : full + 1), i, n }'
}
has() { case " $1 " in *" $2 "*) return 0 ;; esac; return 1; }

before=0 midtx=0 rechecking=0 committing=0 committing_wal=0 committed=0 writing=0 between=0
finished=0 cycles=0 kills=0 runs=0 stored_in_killed=0
exec 4<"$WORK/kills"
while [ "$kills" -lt "$ROUNDS" ]; do
  cycles=$((cycles + 1))
  cp "$EMPTY" "$DB"
  rm -f "$DB-wal" "$DB-shm" "$WORK/receipts/"*
  run=0
  len=0
  held0=""
  done=0
  while [ "$kills" -lt "$ROUNDS" ]; do
    read -r frac klen <&4 || fail "no random numbers left for run $((runs + 1))"
    [ "$len" -gt 0 ] || len=$klen
    runs=$((runs + 1))
    run=$((run + 1))
    key=$(start_key "$held0" "$(receipts)")
    t=$total
    [ ! -s "$WORK/len/$key" ] || t=$(cat "$WORK/len/$key")
    delay=$(awk -v f="$frac" -v t="$t" 'BEGIN { printf "%.4f", f * t * 0.9 / 1000 }')
    wal0=$(stat -c '%s %y' "$DB-wal" 2>/dev/null)
    rm -f "$WORK/pid"
    script -qfec "$cmd" /dev/null >"$WORK/run.out" 2>&1 </dev/null &
    spid=$!
    while [ ! -s "$WORK/pid" ] && kill -0 "$spid" 2>/dev/null; do :; done
    pid=$(cat "$WORK/pid" 2>/dev/null)
    [ -n "$pid" ] || fail "the import did not start under script(1): $(cat "$WORK/run.out")"
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null
    wait "$spid"
    rc=$?
    what="kill $((kills + 1)) (seed $KSEED, cycle $cycles, run $run, after ${delay}s of ${t}ms)"
    case $rc in
    0)
      finished=$((finished + 1))
      tr -d '\r' <"$WORK/run.out" >"$WORK/run.txt" && mv "$WORK/run.txt" "$WORK/run.out"
      complete_check "$what, finished before the kill"
      done=1
      break
      ;;
    137) kills=$((kills + 1)) ;;
    *) fail "$what: the import failed on its own (status $rc): $(tr '\r' '\n' <"$WORK/run.out" | grep -v opening)" ;;
    esac
    kill_check "$what"
    held1=$(held "$WORK/copy/counts")
    got=$(receipts)
    read -r pb pi pn <<EOF
$(progress)
EOF
    if [ "$pb" = 0 ]; then
      before=$((before + 1))
      phase="before the first bundle's first record was stored (startup, reading, checking the signature)"
    elif [ "$pi" -lt "$pn" ]; then
      # the commit comes after the last record: a bundle whose bar stopped short is not stored
      has "$held1" "$pb" && ! has "$held0" "$pb" &&
        fail "$what: bundle $pb is stored, but only $pi of its $pn records were when it was killed"
      if has "$held0" "$pb"; then
        rechecking=$((rechecking + 1))
        phase="re-checking bundle $pb (held already) in its transaction, $pi of $pn records"
      else
        midtx=$((midtx + 1))
        stored_in_killed=$((stored_in_killed + pi))
        phase="mid-transaction: $pi of bundle $pb's $pn records stored, none committed"
      fi
    elif ! has "$held1" "$pb"; then
      committing=$((committing + 1))
      phase="committing bundle $pb (all $pn records stored, the commit not durable)"
      # (uncommitted frames this run did not write are an earlier kill's, left for the WAL's reuse)
      if [ "$uncommitted" = 1 ] && [ "$(stat -c '%s %y' "$DB-wal" 2>/dev/null)" != "$wal0" ]; then
        committing_wal=$((committing_wal + 1))
        phase="$phase, some of its pages already in the WAL"
      fi
    elif ls -A "$WORK/receipts" | grep -q '\.tmp$'; then
      writing=$((writing + 1))
      phase="writing the receipt of bundle $pb"
    elif ! has "$got" "$pb"; then
      committed=$((committed + 1))
      phase="after the commit of bundle $pb, before its receipt"
    else
      between=$((between + 1))
      phase="after bundle $pb and its receipt: reading the next, or its transaction before its first record"
    fi
    [ -z "${KILL_VERBOSE:-}" ] || echo "$what: bundles stored: ${held1:-none}, receipts: ${got:-none}; $phase"
    [ -z "${KILL_PROGRESS:-}" ] || [ $((kills % KILL_PROGRESS)) -ne 0 ] ||
      echo "kill_import: $kills of $ROUNDS kills, $(($(date +%s) - start_s)) s"
    held0=$held1
    [ "$run" -lt "$len" ] || break
  done
  [ "$done" = 1 ] && continue
  # the run that is not killed completes the import
  key=$(start_key "$held0" "$(receipts)")
  t0=$(ms)
  "$SYNC" import --db "$DB" --keys "$COUNCIL" --surveys assets/surveys --receipts "$WORK/receipts" \
    "$@" >"$WORK/run.out" 2>&1 </dev/null || fail "cycle $cycles: re-running the import: $(cat "$WORK/run.out")"
  echo $(($(ms) - t0)) >"$WORK/len/$key"
  complete_check "cycle $cycles, the import run again"
done
exec 4<&-

# Most kills must land inside a transaction that has stored records: with 1500 records a bundle
# that is most of an import's time. Fewer than one in four, in 50 or more, means something changed.
[ "$kills" -lt 50 ] || [ $((midtx * 4)) -ge "$kills" ] ||
  fail "only $midtx of $kills kills landed mid-transaction: bundles too small for this machine?"
echo "kill_import: $kills kills (seed $KSEED) in $(($(date +%s) - start_s)) s, $cycles cycles: $midtx mid-transaction" \
  "(on average $((stored_in_killed / (midtx > 0 ? midtx : 1))) of $COUNT records stored, uncommitted), $committing committing" \
  "($committing_wal with pages already in the WAL), $committed after a commit before its receipt," \
  "$writing writing a receipt, $between between bundles, $rechecking re-checking a held bundle, $before before" \
  "the first record; $finished runs of $runs finished first; $checked integrity checks after kills," \
  "$completed completed imports checked ($((completed * NB * COUNT)) responses, all receipts accepted)"
