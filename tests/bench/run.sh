#!/bin/sh
# tests/bench/run.sh BUILD: every figure of `make bench` beside its floor or peer, measured in
# the same run, alternating ours and theirs; prints one table and writes it as BUILD/bench.csv.
# Not a test: a missed target is reported, never an error. BUILD holds optimised binaries
# (bench.mk builds them). Work files go to BUILD/work/ (the report's database of
# BENCH_REPORT_ROWS responses is kept there between runs: it takes minutes to make).
#
#   BENCH_RUNS           timed runs of each figure, after one warm-up (default 5); the median
#                        is reported. Instruction counts and sizes are exact and taken once.
#   BENCH_IDLE_SECONDS   the idle window (default 30); BENCH_IDLE_RUNS of them (default 3)
#   BENCH_SENDS          Sends timed per run (default 30)
#   BENCH_IMPORT_COUNT   responses in the import bundle (default 20000)
#   BENCH_REPORT_ROWS    responses in the report's database (default 1000000); the report is
#                        timed at most 3 times (minutes each at a million)
#   BENCH_SERIES_RUNS    reports published before the timed one in the series row (default 30),
#                        each after a late bundle of 2 responses
#   BENCH_NET_BUNDLES    bundles of 20 responses sent through serve and imported locally
#                        (default 200), for the network row
#   BENCH_ONLY           a space-separated subset of: start idle redraw keystroke send import
#                        report series size net pg (pg: import and report on PostgreSQL, on a
#                        throwaway server, tests/pg_lib.sh; it needs the import and report rows'
#                        bundle and database, so it runs with them)
#                        (default all; for working on one figure)
set -u
build=${1:-build/bench}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1
runs=${BENCH_RUNS:-5}
idle_s=${BENCH_IDLE_SECONDS:-30}
idle_runs=${BENCH_IDLE_RUNS:-3}
sends=${BENCH_SENDS:-30}
import_n=${BENCH_IMPORT_COUNT:-20000}
report_rows=${BENCH_REPORT_ROWS:-1000000}
series_runs=${BENCH_SERIES_RUNS:-30}
only=${BENCH_ONLY:-start idle redraw keystroke send import report series size net pg}
net_bundles=${BENCH_NET_BUNDLES:-200}

kiosk=$build/chorus-kiosk
sync=$build/chorus-sync
bin=$build/tests/bench
mkbundle=$build/tests/tools/mkbundle
measure=$bin/measure
work=$build/work
csv=$build/bench.csv
table=$work/table.tsv
survey_dir=tests/bench/survey
# One screen, one question: the kiosk's and the browser's pages show the same thing.
one_question=$survey_dir/feeling_safe.csv
period=2026-Q3
period_from=2026-07-01
period_to=2026-09-30

for f in "$kiosk" "$sync" "$measure"; do
  [ -x "$f" ] || { echo "bench: $f is missing; run make bench" >&2; exit 1; }
done

say() { echo "bench: $*" >&2; }
wants() { case " $only " in *" $1 "*) return 0 ;; esac; return 1; }

# field KEY FILE: the value of KEY=VALUE in a line measure wrote.
field() {
  awk -v k="$1" '{ for (i = 1; i <= NF; i++) {
    n = index($i, "="); if (substr($i, 1, n - 1) == k) print substr($i, n + 1) } }' "$2"
}
# median: of the numbers on standard input, one a line.
median() {
  sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) print ""; else if (NR % 2) print a[(NR + 1) / 2]
                                      else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
# calc EXPR: floating-point arithmetic.
calc() { awk "BEGIN { printf \"%.6g\n\", $1 }"; }
fmt() { awk -v x="$1" -v f="$2" 'BEGIN { printf f, x }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f MB", k / 1024 }'; }

# row KEY NAME OURS FLOOR RATIO TARGET MET COMPARED: one line of the table, which is printed in
# KEY order (the issue's order: 1 start, 2 memory, ... 8 sizes). OURS and FLOOR are shown as
# given, with their units; the CSV gets the same fields.
row() {
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$6" "$7" "$8" >>"$table"
}
# at_most RATIO LIMIT / at_least RATIO LIMIT: yes or no.
at_most() { awk -v r="$1" -v l="$2" 'BEGIN { print (r <= l) ? "yes" : "no" }'; }
at_least() { awk -v r="$1" -v l="$2" 'BEGIN { print (r >= l) ? "yes" : "no" }'; }

rm -rf "$work/run"
mkdir -p "$work/run"
run=$work/run
: >"$table"
tmp_shm=""
xvfb_pid=""
. tests/pg_lib.sh
cleanup() {
  pg_stop
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
  [ -n "$tmp_shm" ] && rm -rf "$tmp_shm"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The council's keys and a kiosk data folder provisioned as on a real kiosk (PIN set, both
# council keys pinned); every kiosk run starts from a fresh copy of it.
"$sync" keygen --dir "$run/council" --plain >/dev/null || exit 1
echo 246810 | "$kiosk" --data "$run/kiosk" --set-pin >/dev/null || exit 1
"$kiosk" --data "$run/kiosk" --council-key "$run/council/council-box.pub" \
  --council-sign-key "$run/council/council-sign.pub" status >/dev/null || exit 1
fresh_kiosk() { rm -rf "$1" && cp -R "$run/kiosk" "$1"; }

# ---- 1, 2: cold start to first frame, and peak memory, against headless Chromium ----
if wants start; then
  printf 'tap "Start"\nexpect screen question\nshot question\n' >"$run/first.script"
  chromium=$(command -v chromium || true)
  page="file://$root/tests/bench/survey.html"
  kiosk_once() {
    fresh_kiosk "$run/k"
    rm -rf "$run/shots"
    "$measure" --out "$run/m" -- "$kiosk" --data "$run/k" --surveys "$survey_dir" \
      --fonts assets/fonts --headless --script "$run/first.script" --shots "$run/shots" \
      >"$run/kiosk.log" 2>&1
    [ "$(field exit "$run/m")" = 0 ] && [ -s "$run/shots/question.png" ] ||
      { say "the kiosk did not reach its first question:"; cat "$run/kiosk.log" >&2; return 1; }
  }
  chromium_once() {
    rm -rf "$run/chromium"
    mkdir -p "$run/chromium"
    "$measure" --out "$run/m" -- "$chromium" --headless --no-sandbox --disable-gpu --no-first-run \
      --disable-background-networking --disable-component-update --disable-sync --disable-quic \
      --user-data-dir="$run/chromium/profile" --screenshot="$run/chromium/shot.png" \
      --window-size=1280,800 "$page" >"$run/chromium.log" 2>&1
    [ "$(field exit "$run/m")" = 0 ] && [ -s "$run/chromium/shot.png" ] ||
      { say "Chromium wrote no screenshot:"; tail -n 5 "$run/chromium.log" >&2; return 1; }
  }
  say "cold start and memory: kiosk and Chromium, $runs runs each after a warm-up"
  : >"$run/k.ms"; : >"$run/k.rss"; : >"$run/k.pss"
  : >"$run/c.ms"; : >"$run/c.rss"; : >"$run/c.pss"
  ok=1
  [ -n "$chromium" ] && chromium_once || chromium=""
  kiosk_once || ok=0
  i=0
  while [ $ok = 1 ] && [ $i -lt "$runs" ]; do
    i=$((i + 1))
    kiosk_once || { ok=0; break; }
    field wall_ms "$run/m" >>"$run/k.ms"
    field peak_rss_kb "$run/m" >>"$run/k.rss"
    field peak_pss_kb "$run/m" >>"$run/k.pss"
    if [ -n "$chromium" ]; then
      chromium_once || { chromium=""; continue; }
      field wall_ms "$run/m" >>"$run/c.ms"
      field peak_rss_kb "$run/m" >>"$run/c.rss"
      field peak_pss_kb "$run/m" >>"$run/c.pss"
      procs=$(field procs "$run/m")
    fi
  done
  if [ $ok = 0 ]; then
    row 1a "kiosk cold start to first frame" "failed" "-" "-" "<= 0.1" "n/a" \
      "the kiosk did not start"
  elif [ -z "$chromium" ]; then
    km=$(median <"$run/k.ms")
    row 1a "kiosk cold start to first frame" "$(fmt "$km" '%.0f ms')" "no Chromium" "-" "<= 0.1" \
      "n/a" "Chromium could not be installed or run"
    row 2a "kiosk peak memory (RSS, all processes)" "$(mb "$(median <"$run/k.rss")")" \
      "no Chromium" "-" "<= 0.1" "n/a" "Chromium could not be installed or run"
  else
    km=$(median <"$run/k.ms"); cm=$(median <"$run/c.ms"); r=$(calc "$km / $cm")
    row 1a "kiosk cold start to first frame" "$(fmt "$km" '%.0f ms')" "$(fmt "$cm" '%.0f ms')" \
      "$(fmt "$r" '%.3f')" "<= 0.1" "$(at_most "$r" 0.1)" \
      "headless Chromium, same page, exec to screenshot written and exit"
    k=$(median <"$run/k.rss"); c=$(median <"$run/c.rss"); r=$(calc "$k / $c")
    row 2a "kiosk peak memory (RSS, all processes)" "$(mb "$k")" "$(mb "$c")" \
      "$(fmt "$r" '%.3f')" "<= 0.1" "$(at_most "$r" 0.1)" \
      "the same Chromium run, RSS summed over its $procs processes"
    k=$(median <"$run/k.pss"); c=$(median <"$run/c.pss"); r=$(calc "$k / $c")
    row 2b "kiosk peak memory (PSS, all processes)" "$(mb "$k")" "$(mb "$c")" \
      "$(fmt "$r" '%.3f')" "<= 0.1" "$(at_most "$r" 0.1)" \
      "the same, shared pages split between processes (no double counting)"
  fi
fi

# ---- 3: idle CPU on the welcome screen ----
if wants idle; then
  settle_ms=3000
  idle_ms=$((idle_s * 1000))
  # idle_once DRIVER [DISPLAY]: the kiosk in a window on the welcome screen, untouched; CPU
  # counted from settle_ms (first frame shown) for idle_ms. Audio is SDL's dummy device, so
  # read-aloud is on and its device open and running, as on a kiosk with speakers.
  # The dummy driver only with --headless (the kiosk refuses to run unseen otherwise): its
  # window loop, without a script. Wayland: cage on wlroots' headless backend, the kiosk's own
  # CPU the row, cage's and the kiosk's together beside it (cage will not run as root: as nobody
  # then, from a copy named kiosk).
  idle_once() { # DRIVER [DISPLAY]
    fresh_kiosk "$run/idle"
    case $1 in
      dummy) set -- dummy "" --headless ;;
      wayland) set -- wayland "" ;;
      *) set -- "$1" "${2:-}" ;;
    esac
    if [ "$1" = wayland ]; then
      idle_cage
    else
      DISPLAY=$2 SDL_VIDEODRIVER=$1 SDL_AUDIODRIVER=dummy "$measure" --idle-from $settle_ms \
        --idle-for $idle_ms --out "$run/m" -- "$kiosk" --data "$run/idle" --surveys "$survey_dir" \
        --fonts assets/fonts ${3:-} >"$run/idle.log" 2>&1
    fi
    v=$(field idle_cpu_ms "$run/m")
    if [ "$1" = wayland ]; then # the kiosk's own; cage's and the kiosk's together beside it
      case $v in -* | "") ;; *) calc "$v / $(field idle_window_ms "$run/m") * $idle_ms" \
        >>"$run/idle.wayland.both" ;; esac
      v=$(field idle_named_cpu_ms "$run/m")
    fi
    case $v in
      -* | "") say "the kiosk did not stay up for the idle window:"; cat "$run/idle.log" >&2
               return 1 ;;
    esac
    # CPU time per second of the window as it really was (a sample may end it a little late).
    calc "$v / $(field idle_window_ms "$run/m") * $idle_ms"
  }
  idle_cage() {
    case $run in /*) c=$run/cage ;; *) c=$root/$run/cage ;; esac
    case $measure in /*) m=$measure ;; *) m=$root/$measure ;; esac
    rm -rf "$c" && mkdir -p "$c/xdg" && chmod 700 "$c/xdg"
    cp "$kiosk" "$c/kiosk" && cp -R assets/fonts "$c/fonts" && cp -R "$survey_dir" "$c/surveys" &&
      cp -R "$run/idle" "$c/data" || return 1
    as=""
    if [ "$(id -u)" = 0 ]; then
      chown -R nobody:nogroup "$c"
      chmod 711 "$run" "$work"
      as="setpriv --reuid=nobody --regid=nogroup --clear-groups"
    fi
    (cd "$c" && env -i PATH=/usr/bin:/bin XDG_RUNTIME_DIR="$c/xdg" WLR_BACKENDS=headless \
      WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 SDL_VIDEODRIVER=wayland SDL_AUDIODRIVER=dummy \
      "$m" --idle-from $settle_ms --idle-for $idle_ms --idle-of kiosk --out "$c/../m" -- \
      $as cage -- ./kiosk --data data --surveys surveys --fonts fonts --fullscreen) \
      >"$run/idle.log" 2>&1
  }
  idle_row() { # KEY NAME FILE COMPARED TARGET_KIND
    ms=$(median <"$3")
    pct=$(calc "$ms / $idle_ms * 100")
    met=$(at_most "$pct" 0.5)
    [ "$5" = info ] && met="info"
    row "$1" "$2" "$(fmt "$pct" '%.3f %% of a core')" "one core (100 %)" "$(fmt "$pct" '%.3f %%')" \
      "<= 0.5 %" "$met" "$4; $(fmt "$ms" '%.1f') ms CPU in $idle_s s"
  }
  display=""
  if command -v Xvfb >/dev/null; then
    rm -f "$run/display"
    Xvfb -displayfd 5 -screen 0 1280x800x24 -nolisten tcp 5>"$run/display" 2>"$run/xvfb.log" &
    xvfb_pid=$!
    for _ in 1 2 3 4 5; do
      [ -s "$run/display" ] && break
      sleep 1
    done
    [ -s "$run/display" ] && display=:$(head -n 1 "$run/display")
  fi
  if [ -n "$display" ]; then
    say "idle CPU: $idle_runs windows of $idle_s s on X11 (Xvfb $display)"
    : >"$run/idle.x11"
    i=0
    while [ $i -lt "$idle_runs" ]; do
      i=$((i + 1))
      idle_once x11 "$display" >>"$run/idle.x11" || break
    done
    if [ -s "$run/idle.x11" ]; then
      idle_row 3a "idle CPU, welcome screen, ${idle_s} s (X11)" "$run/idle.x11" \
        "an X11 window (Xvfb), the kiosk waiting in SDL_WaitEvent" target
    else
      row 3a "idle CPU, welcome screen, ${idle_s} s (X11)" "failed" "one core" "-" "<= 0.5 %" \
        "n/a" "see above"
    fi
    kill "$xvfb_pid" 2>/dev/null
    xvfb_pid=""
  else
    row 3a "idle CPU, welcome screen, ${idle_s} s (X11)" "no X server" "one core" "-" "<= 0.5 %" \
      "n/a" \
      "Xvfb could not be installed or started"
  fi
  say "idle CPU: $idle_runs windows of $idle_s s on SDL's dummy video driver"
  : >"$run/idle.dummy"
  i=0
  while [ $i -lt "$idle_runs" ]; do
    i=$((i + 1))
    idle_once dummy >>"$run/idle.dummy" || break
  done
  if [ -s "$run/idle.dummy" ]; then
    idle_row 3b "idle CPU, welcome screen, ${idle_s} s (SDL dummy driver)" "$run/idle.dummy" \
      "SDL's dummy driver cannot wait for events: the kiosk's own timed sleep between pumps" \
      target
  else
    row 3b "idle CPU, welcome screen, ${idle_s} s (SDL dummy driver)" "failed" "one core" "-" \
      "<= 0.5 %" "n/a" "see above"
  fi
  if command -v cage >/dev/null; then
    say "idle CPU: $idle_runs windows of $idle_s s on Wayland (cage, headless backend)"
    : >"$run/idle.wayland"
    : >"$run/idle.wayland.both"
    i=0
    while [ $i -lt "$idle_runs" ]; do
      i=$((i + 1))
      idle_once wayland >>"$run/idle.wayland" || break
    done
    if [ -s "$run/idle.wayland" ]; then
      idle_row 3c "idle CPU, welcome screen, ${idle_s} s (Wayland, cage)" "$run/idle.wayland" \
        "the kiosk under cage (headless backend, pixman), waiting in SDL_WaitEvent" target
      idle_row 3d "idle CPU, welcome screen, ${idle_s} s (cage and the kiosk together)" \
        "$run/idle.wayland.both" "cage's headless backend's own CPU with the kiosk's" info
    else
      row 3c "idle CPU, welcome screen, ${idle_s} s (Wayland, cage)" "failed" "one core" "-" \
        "<= 0.5 %" "n/a" "see above"
    fi
  else
    row 3c "idle CPU, welcome screen, ${idle_s} s (Wayland, cage)" "no cage" "one core" "-" \
      "<= 0.5 %" "n/a" "cage could not be installed"
  fi
fi

# ---- 4: instructions of one full redraw of a question screen ----
if wants redraw; then
  if command -v valgrind >/dev/null; then
    say "redraw: callgrind, the kiosk and the floor (instruction counts are exact: one run each)"
    times=10
    fresh_kiosk "$run/redraw"
    cg() { # OUT FUNCTION PROGRAM ARGS...: instructions collected inside FUNCTION
      out=$1 fn=$2
      shift 2
      valgrind --tool=callgrind --collect-atstart=no --toggle-collect="$fn" \
        --callgrind-out-file="$out" "$@" >"$out.log" 2>&1 ||
        { say "callgrind failed:"; tail -n 5 "$out.log" >&2; return 1; }
      awk '/^totals:/ { print $2 }' "$out"
    }
    ours=$(cg "$run/redraw.cg" bench_kiosk_redraw "$bin/redraw" --data "$run/redraw" \
      --survey "$one_question" --fonts assets/fonts --times $times --layout "$run/layout.tsv" \
      --png "$run/redraw.png")
    floor=$(cg "$run/floor.cg" floor_redraw "$bin/floor_draw" --layout "$run/layout.tsv" \
      --fonts assets/fonts --times $times --png "$run/floor.png")
    boxes=$(cg "$run/boxes.cg" floor_redraw "$bin/floor_draw" --boxes --layout "$run/layout.tsv" \
      --fonts assets/fonts --times $times)
    if [ -n "$ours" ] && [ -n "$floor" ] && [ -n "$boxes" ]; then
      o=$(calc "$ours / $times / 1e6")
      f=$(calc "$floor / $times / 1e6")
      b=$(calc "$boxes / $times / 1e6")
      r=$(calc "$o / $f")
      row 4a "one full redraw of a question screen" "$(fmt "$o" '%.2f M instr')" \
        "$(fmt "$f" '%.2f M instr')" \
        "$(fmt "$r" '%.1f')" "<= 2" "$(at_most "$r" 2)" \
        "SDL program drawing the same strings from cached textures (callgrind)"
      r=$(calc "$o / $b")
      row 4b "one full redraw (floor with button faces)" "$(fmt "$o" '%.2f M instr')" \
        "$(fmt "$b" '%.2f M instr')" \
        "$(fmt "$r" '%.1f')" "<= 2" "$(at_most "$r" 2)" \
        "the same, plus one plain rectangle per button"
    else
      row 4a "one full redraw of a question screen" "failed" "-" "-" "<= 2" "n/a" "callgrind failed"
    fi
  else
    row 4a "one full redraw of a question screen" "no valgrind" "-" "-" "<= 2" "n/a" \
      "valgrind is not installed"
  fi
fi

# ---- 4c: a keystroke and its frame with 990 letters typed, against an empty field ----
if wants keystroke; then
  if command -v valgrind >/dev/null; then
    say "keystroke: callgrind, 10 keystrokes after 990 letters and after none"
    fresh_kiosk "$run/keystroke"
    ks() { # CHARS: instructions of 10 keystrokes and their frames after CHARS letters
      valgrind --tool=callgrind --collect-atstart=no --toggle-collect=bench_keystroke \
        --callgrind-out-file="$run/keystroke.$1.cg" "$bin/keystroke" --data "$run/keystroke" \
        --survey tests/data/xlsform-samples/text_and_integer.csv --fonts assets/fonts \
        --chars "$1" --times 10 >"$run/keystroke.$1.log" 2>&1 ||
        { say "callgrind failed:"; tail -n 5 "$run/keystroke.$1.log" >&2; return 1; }
      awk '/^totals:/ { print $2 }' "$run/keystroke.$1.cg"
    }
    long=$(ks 990)
    empty=$(ks 0)
    if [ -n "$long" ] && [ -n "$empty" ]; then
      o=$(calc "$long / 10 / 1e6")
      f=$(calc "$empty / 10 / 1e6")
      r=$(calc "$o / $f")
      row 4c "keystroke to frame at 1,000 characters vs at 0" "$(fmt "$o" '%.2f M instr')" \
        "$(fmt "$f" '%.2f M instr')" "$(fmt "$r" '%.2f')" "<= 1.2" "$(at_most "$r" 1.2)" \
        "the same keystroke into an empty field (callgrind)"
    else
      row 4c "keystroke to frame at 1,000 characters vs at 0" "failed" "-" "-" "<= 1.2" "n/a" \
        "callgrind failed"
    fi
  else
    row 4c "keystroke to frame at 1,000 characters vs at 0" "no valgrind" "-" "-" "<= 1.2" "n/a" \
      "valgrind is not installed"
  fi
fi

# ---- 5: Send, tap to committed; 8: the kiosk's bundle from the same store ----
if wants send || wants size; then
  send_survey=assets/surveys/how_was_today.csv
  fresh_kiosk "$run/send"
  send_pair() { # DATA FLOORDB OUTPREFIX: one run of ours, then one of the floor
    "$bin/send" --data "$1" --survey "$send_survey" --sends "$sends" >"$3.ours" 2>"$3.err" ||
      { say "send failed:"; cat "$3.err" >&2; return 1; }
    size=$(field sealed_bytes "$3.ours")
    "$bin/floor_send" --db "$2" --size "$size" --sends "$sends" >"$3.floor" 2>>"$3.err" ||
      { say "floor_send failed:"; cat "$3.err" >&2; return 1; }
    field median_us "$3.ours" >>"$3.o"
    field median_us "$3.floor" >>"$3.f"
  }
  send_rows() { # DATA FLOORDB PREFIX NAME COMPARED TARGET_KIND KEY
    : >"$3.o"; : >"$3.f"
    send_pair "$1" "$2" "$3" || return 1
    : >"$3.o"; : >"$3.f"
    i=0
    while [ $i -lt "$runs" ]; do
      i=$((i + 1))
      send_pair "$1" "$2" "$3" || return 1
    done
    o=$(median <"$3.o"); f=$(median <"$3.f"); r=$(calc "$o / $f")
    met=$(at_most "$r" 1.5)
    [ "$6" = info ] && met=info
    row "$7" "$4" "$(fmt "$o" '%.0f us')" "$(fmt "$f" '%.0f us')" "$(fmt "$r" '%.2f')" "<= 1.5" \
      "$met" \
      "$5 ($(field sealed_bytes "$3.ours") sealed bytes; median of $runs x $sends)"
  }
  if wants send; then
    say "Send: $runs runs of $sends Sends each, ours then the floor, store on disk ($work)"
    send_rows "$run/send" "$run/floor-send.db" "$run/send" "Send: tap to committed" \
      "one crypto_box_seal + one synchronous=FULL commit, same PRAGMAs and size" target 5a ||
      row 5a "Send: tap to committed" "failed" "-" "-" "<= 1.5" "n/a" "see above"
    if [ -d /dev/shm ] && tmp_shm=$(mktemp -d /dev/shm/chorus-bench.XXXXXX 2>/dev/null); then
      say "Send again with both stores in memory (tmpfs): the CPU part alone"
      cp -R "$run/kiosk" "$tmp_shm/kiosk"
      send_rows "$tmp_shm/kiosk" "$tmp_shm/floor.db" "$run/send-shm" \
        "Send: tap to committed (store on tmpfs)" \
        "the same floor, both stores in memory: no disk, only the CPU" info 5b ||
        row 5b "Send: tap to committed (store on tmpfs)" "failed" "-" "-" "<= 1.5" "info" \
          "see above"
      rm -rf "$tmp_shm"
      tmp_shm=""
    fi
  else
    "$bin/send" --data "$run/send" --survey "$send_survey" --sends "$sends" >/dev/null ||
      say "send failed"
  fi
  if wants size; then
    n=$(sqlite3 "$run/send/kiosk.db" 'SELECT count(*) FROM response')
    sealed=$(sqlite3 "$run/send/kiosk.db" 'SELECT sum(length(sealed)) FROM response')
    if "$kiosk" --data "$run/send" export --out "$run/kiosk.bundle" >/dev/null \
      2>"$run/export.err"; then
      b=$(wc -c <"$run/kiosk.bundle" | tr -d ' ')
      r=$(calc "$b / $sealed")
      row 8a "kiosk bundle size" "$b B" "$sealed B" "$(fmt "$r" '%.3f')" "<= 1.1" \
        "$(at_most "$r" 1.1)" \
        "sealed payload bytes alone: chorus-kiosk export of $n how_was_today responses"
    else
      row 8a "kiosk bundle size" "failed" "-" "-" "<= 1.1" "n/a" "$(cat "$run/export.err")"
    fi
  fi
fi

# ---- 8: pack size, and the size of a bundle of longer responses ----
if wants size; then
  "$sync" pack --out "$run/pack" --keys "$run/council" --surveys assets/surveys >/dev/null
  p=$(wc -c <"$run/pack" | tr -d ' ')
  payload=$(cat assets/surveys/*.csv | wc -c | tr -d ' ')
  set -- assets/surveys/*.csv
  nfiles=$#
  r=$(calc "$p / $payload")
  row 8c "kiosk pack size" "$p B" "$payload B" "$(fmt "$r" '%.3f')" "<= 1.1" "$(at_most "$r" 1.1)" \
    "the bytes of the $nfiles survey files it carries"
fi

# ---- 6: import throughput against crypto_box_seal_open alone ----
# mkbundle: responses made like the kiosk's, without running thousands of sessions.
make_bundle() { # DIR COUNT SURVEY SEED OUT [MORE MKBUNDLE OPTIONS]
  mb_dir=$1 mb_n=$2 mb_survey=$3 mb_seed=$4 mb_out=$5
  shift 5
  "$mkbundle" --kiosk "$mb_dir/kiosk" --council-key "$mb_dir/council/council-box.pub" \
    --survey "$mb_survey" --count "$mb_n" --out "$mb_out" --seed "$mb_seed" \
    --from $period_from --days 92 "$@"
}
if wants import || wants size; then
  if [ ! -x "$mkbundle" ]; then
    row 6a "import throughput, one core" "no mkbundle" "-" "-" ">= 0.7" "n/a" "$mkbundle is missing"
  else
    d=$run/import
    mkdir -p "$d" "$d/receipts"
    cp -R "$run/council" "$d/council"
    say "import: making a bundle of $import_n care_leavers responses"
    make_bundle "$d" "$import_n" assets/surveys/care_leavers.csv 1 "$d/b.bundle" --receipt-codes 1 \
      >"$d/mkbundle.out" ||
      exit 1
    "$sync" enrol --name bench "$d/kiosk/kiosk-sign.pub" --db "$d/tmpl.db" >/dev/null || exit 1
    if wants size; then
      sealed=$(awk '{ print $3 }' "$d/mkbundle.out")
      b=$(awk '{ print $6 }' "$d/mkbundle.out")
      r=$(calc "$b / $sealed")
      row 8b "bundle size (longer responses)" "$b B" "$sealed B" "$(fmt "$r" '%.3f')" "<= 1.1" \
        "$(at_most "$r" 1.1)" \
        "sealed payload bytes alone: mkbundle, $import_n care_leavers responses"
    fi
  fi
  if wants import && [ -x "$mkbundle" ]; then
    # On one core: the whole import (all its threads) and the floor pinned to the same core with
    # taskset; then import as it runs by default, on both cores, against the same floor.
    one_core=""
    command -v taskset >/dev/null && taskset -c 0 true 2>/dev/null && one_core="taskset -c 0"
    import_once() { # PREFIX [PINNING]: one import into a fresh copy of the enrolled database
      rm -f "$d/run.db" "$d/run.db-wal" "$d/run.db-shm" "$d/receipts/"*
      cp "$d/tmpl.db" "$d/run.db"
      # shellcheck disable=SC2086 # PINNING is a command and its arguments, or nothing
      "$measure" --out "$d/m" -- ${2:-} "$sync" import --db "$d/run.db" --keys "$d/council" \
        --surveys assets/surveys --receipts "$d/receipts" "$d/b.bundle" >"$d/import.log" 2>&1
      [ "$(field exit "$d/m")" = 0 ] || { say "import failed:"; cat "$d/import.log" >&2; return 1; }
      w=$(field wall_ms "$d/m")
      calc "$import_n / ($w / 1000)" >>"$d/$1.rate"
      calc "$(field cpu_ms "$d/m") / $w" >>"$d/$1.cores"
    }
    floor_once() {
      # shellcheck disable=SC2086
      $one_core "$bin/floor_open" --bundle "$d/b.bundle" --key "$d/council/council-box.key" \
        --passes 1 >"$d/f" && field per_s "$d/f" >>"$d/floor.rate"
    }
    say "import: $runs runs of chorus-sync import on one core, on both, and of the floor"
    if import_once warm "$one_core" && import_once warm && floor_once; then
      : >"$d/floor.rate"
      i=0
      while [ $i -lt "$runs" ]; do
        i=$((i + 1))
        import_once one "$one_core" && import_once both && floor_once || break
      done
    fi
    if [ -s "$d/both.rate" ] && [ -s "$d/floor.rate" ]; then
      f=$(median <"$d/floor.rate")
      o=$(median <"$d/one.rate"); r=$(calc "$o / $f")
      how="all its threads pinned to one core (taskset)"
      [ -z "$one_core" ] && how="NOT pinned: taskset is missing"
      row 6a "import throughput, one core" "$(fmt "$o" '%.0f responses/s')" \
        "$(fmt "$f" '%.0f responses/s')" "$(fmt "$r" '%.2f')" ">= 0.7" "$(at_least "$r" 0.7)" \
        "crypto_box_seal_open of the same $import_n records alone, one core; import with $how"
      o=$(median <"$d/both.rate"); r=$(calc "$o / $f"); c=$(median <"$d/both.cores")
      ncpu=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo "?")
      row 6b "import throughput, both cores" "$(fmt "$o" '%.0f responses/s')" \
        "$(fmt "$f" '%.0f responses/s')" "$(fmt "$r" '%.2f')" ">= 1.4" "$(at_least "$r" 1.4)" \
        "the same one-core floor; import as it runs by default on $ncpu cores keeps $(fmt "$c" \
        '%.2f') of them busy (CPU time / wall time)"
    else
      row 6a "import throughput, one core" "failed" "-" "-" ">= 0.7" "n/a" "see above"
    fi
  fi
fi

# ---- 6c: import into PostgreSQL (a throwaway server on this machine), both cores ----
if wants pg && wants import && [ -s "$d/floor.rate" ]; then
  if [ -z "$PG_DIR" ] && ! pg_start; then
    row 6c "import throughput on PostgreSQL, both cores" "no server" "-" "-" ">= 0.5" "n/a" \
      "the postgresql package's server did not start"
  else
    pg_import_once() { # into a new database each time
      pg_n=$((${pg_n:-0} + 1))
      u=$(pg_createdb "import$pg_n") || return 1
      "$sync" enrol --name bench "$d/kiosk/kiosk-sign.pub" --db "$u" >/dev/null || return 1
      rm -f "$d/receipts/"*
      "$measure" --out "$d/m" -- "$sync" import --db "$u" --keys "$d/council" \
        --surveys assets/surveys --receipts "$d/receipts" "$d/b.bundle" >"$d/import.log" 2>&1
      [ "$(field exit "$d/m")" = 0 ] || { say "import failed:"; cat "$d/import.log" >&2; return 1; }
      calc "$import_n / ($(field wall_ms "$d/m") / 1000)" >>"$d/pg.rate"
      pg_psql "DROP DATABASE \"import$pg_n\"" >/dev/null
    }
    say "import: $runs runs of chorus-sync import into PostgreSQL, each beside the floor"
    : >"$d/pg.rate"
    : >"$d/floor.rate"
    if pg_import_once; then
      : >"$d/pg.rate"
      i=0
      while [ $i -lt "$runs" ]; do
        i=$((i + 1))
        pg_import_once && floor_once || break
      done
    fi
    if [ -s "$d/pg.rate" ] && [ -s "$d/floor.rate" ]; then
      f=$(median <"$d/floor.rate"); o=$(median <"$d/pg.rate"); r=$(calc "$o / $f")
      row 6c "import throughput on PostgreSQL, both cores" "$(fmt "$o" '%.0f responses/s')" \
        "$(fmt "$f" '%.0f responses/s')" "$(fmt "$r" '%.2f')" ">= 0.5" "$(at_least "$r" 0.5)" \
        "the one-core floor of 6a; PostgreSQL $("$PG_BIN/postgres" --version | awk '{ print $3 }') on a Unix socket, the same machine"
    else
      row 6c "import throughput on PostgreSQL, both cores" "failed" "-" "-" ">= 0.5" "n/a" "see above"
    fi
  fi
fi

# ---- 7: the committee report over BENCH_REPORT_ROWS responses ----
if wants report; then
  if [ ! -x "$mkbundle" ]; then
    row 7a "report over $report_rows responses" "no mkbundle" "-" "-" "<= 1.5" "n/a" \
      "$mkbundle is missing"
  else
    # Made once and kept: BENCH_REPORT_ROWS responses over the quarter, split between four
    # shipped surveys, imported by chorus-sync itself. Made again when a file that decides what
    # the database holds changes (its schema, import, the encoding, mkbundle, the surveys), not
    # on every rebuild of chorus-sync: making it takes minutes.
    rd=$work/report-$report_rows
    set -- how_was_today care_leavers children_in_care one_voice_session
    key=$({ echo "$period_from $report_rows $*"
      for s in "$@"; do cat "assets/surveys/$s.csv"; done
      cat sync/council.c sync/council.h sync/import.c common/response.c common/survey.c \
        tests/tools/mkbundle.c; } 2>/dev/null | cksum)
    if [ ! -f "$rd/council.db" ] || [ "$(cat "$rd/key" 2>/dev/null)" != "$key" ]; then
      say "report: making a council database of $report_rows responses (once; kept in $rd)"
      rm -rf "$rd"
      mkdir -p "$rd"
      "$sync" keygen --dir "$rd/council" --plain >/dev/null || exit 1
      each=$((report_rows / 4))
      first=$((report_rows - 3 * each))
      seed=1
      for s in "$@"; do
        n=$each
        [ $seed = 1 ] && n=$first
        make_bundle "$rd" "$n" "assets/surveys/$s.csv" $seed "$rd/$s.bundle" >/dev/null || exit 1
        seed=$((seed + 1))
      done
      "$sync" enrol --name bench "$rd/kiosk/kiosk-sign.pub" --db "$rd/building.db" >/dev/null ||
        exit 1
      mkdir -p "$rd/receipts"
      "$sync" import --db "$rd/building.db" --keys "$rd/council" --surveys assets/surveys \
        --receipts "$rd/receipts" "$rd"/*.bundle >"$rd/import.log" 2>&1 ||
        { say "import failed:"; cat "$rd/import.log" >&2; exit 1; }
      rm -f "$rd"/*.bundle
      mv "$rd/building.db" "$rd/council.db"
      for x in wal shm; do
        [ -f "$rd/building.db-$x" ] && mv "$rd/building.db-$x" "$rd/council.db-$x"
      done
      echo "$key" >"$rd/key"
    fi
    sql="SELECT r.form_id, a.question, a.value, count(*) FROM response r
         JOIN answer a ON a.response = r.ref
         WHERE r.day >= '$period_from' AND r.day <= '$period_to'
         GROUP BY r.form_id, a.question, a.value;"
    # Each run records its report as published; what the runs record is taken out again, so
    # the kept database (and the ledger every later report solves against) stays as it was.
    runs_kept=$(sqlite3 "$rd/council.db" 'SELECT coalesce(max(run), 0) FROM publication')
    report_once() {
      rm -rf "$run/report"
      "$measure" --out "$run/m" -- "$sync" report --period $period --out "$run/report" \
        --db "$rd/council.db" --surveys assets/surveys --measures assets/plan/measures.csv \
        >"$run/report.log" 2>&1
      [ "$(field exit "$run/m")" = 0 ] ||
        { say "report failed:"; cat "$run/report.log" >&2; return 1; }
      sqlite3 "$rd/council.db" "DELETE FROM published_figure WHERE run > $runs_kept;
        DELETE FROM publication WHERE run > $runs_kept;"
    }
    group_once() {
      "$measure" --out "$run/m" -- sqlite3 -readonly "$rd/council.db" "$sql" >"$run/group.out" 2>&1
      [ "$(field exit "$run/m")" = 0 ] ||
        { say "sqlite3 failed:"; cat "$run/group.out" >&2; return 1; }
    }
    # At a million responses one report takes minutes: at most 3 runs, and the warm-up is
    # reading the database once, so both start with it in the page cache.
    rruns=$runs
    [ "$rruns" -gt 3 ] && rruns=3
    say "report: $rruns runs of chorus-sync report and of the GROUP BY over $report_rows responses"
    cat "$rd/council.db" >/dev/null
    : >"$run/r.o"; : >"$run/r.f"
    i=0
    while [ $i -lt "$rruns" ]; do
      i=$((i + 1))
      report_once || break
      field wall_ms "$run/m" >>"$run/r.o"
      group_once || break
      field wall_ms "$run/m" >>"$run/r.f"
    done
    if [ -s "$run/r.o" ] && [ -s "$run/r.f" ]; then
      o=$(median <"$run/r.o"); f=$(median <"$run/r.f"); r=$(calc "$o / $f")
      rows=$(sqlite3 "$rd/council.db" 'SELECT count(*) FROM response')
      answers=$(sqlite3 "$rd/council.db" 'SELECT count(*) FROM answer')
      row 7a "report over $rows responses" "$(fmt "$o" '%.0f ms')" "$(fmt "$f" '%.0f ms')" \
        "$(fmt "$r" '%.2f')" "<= 1.5" "$(at_most "$r" 1.5)" \
        "sqlite3: one GROUP BY form, question, answer over the quarter ($answers answer rows)"
    else
      row 7a "report over $report_rows responses" "failed" "-" "-" "<= 1.5" "n/a" "see above"
    fi
    # 7c: the same database copied into PostgreSQL (chorus-sync copy, once a run: the server
    # is new each run), the same report against the same GROUP BY run by psql.
    if wants pg && { [ -n "$PG_DIR" ] || pg_start; }; then
      say "report: copying the $report_rows responses into PostgreSQL"
      pu=$(pg_createdb report) &&
        "$sync" copy --from "$rd/council.db" --to "$pu" >"$run/copy.log" 2>&1
      pg_query "$pu" "VACUUM ANALYZE" >/dev/null 2>&1
      if [ -s "$run/copy.log" ] && grep -q "digests match" "$run/copy.log"; then
        : >"$run/p.o"; : >"$run/p.f"
        i=0
        while [ $i -lt "$rruns" ]; do
          i=$((i + 1))
          rm -rf "$run/report"
          "$measure" --out "$run/m" -- "$sync" report --period $period --out "$run/report" \
            --db "$pu" --surveys assets/surveys --measures assets/plan/measures.csv \
            >"$run/report.log" 2>&1
          [ "$(field exit "$run/m")" = 0 ] || { say "report failed:"; cat "$run/report.log" >&2; break; }
          field wall_ms "$run/m" >>"$run/p.o"
          pg_query "$pu" "DELETE FROM published_figure WHERE run > $runs_kept;
            DELETE FROM publication WHERE run > $runs_kept;" >/dev/null
          "$measure" --out "$run/m" -- "$PG_BIN/psql" -X -q -At "$pu" -c "$sql" >"$run/group.out" 2>&1
          [ "$(field exit "$run/m")" = 0 ] || { say "psql failed:"; cat "$run/group.out" >&2; break; }
          field wall_ms "$run/m" >>"$run/p.f"
        done
        if [ -s "$run/p.o" ] && [ -s "$run/p.f" ]; then
          o=$(median <"$run/p.o"); f=$(median <"$run/p.f"); r=$(calc "$o / $f")
          row 7c "report over $report_rows responses on PostgreSQL" "$(fmt "$o" '%.0f ms')" \
            "$(fmt "$f" '%.0f ms')" "$(fmt "$r" '%.2f')" "<= 1.5" "$(at_most "$r" 1.5)" \
            "psql: the GROUP BY of 7a on the same data in PostgreSQL (chorus-sync copy)"
        else
          row 7c "report over $report_rows responses on PostgreSQL" "failed" "-" "-" "<= 1.5" "n/a" "see above"
        fi
      else
        say "copy failed:"; cat "$run/copy.log" >&2
        row 7c "report over $report_rows responses on PostgreSQL" "copy failed" "-" "-" "<= 1.5" "n/a" "see above"
      fi
    fi
  fi
fi

# ---- 7b: a report after BENCH_SERIES_RUNS published reports (the ledger, sync/series.c) ----
# A quarter, the year, the financial year, ... in turn, each published after a late bundle of 2
# responses (each run then has its own last_ref: the case that grows the system most). Ours: a
# draft of 2026-Q3 solved with all of them; the floor: the same draft with nothing published.
if wants series; then
  if [ ! -x "$mkbundle" ]; then
    row 7b "report after $series_runs published reports" "no mkbundle" "-" "-" "<= 3" "n/a" \
      "$mkbundle is missing"
  else
    d=$run/series
    mkdir -p "$d/receipts"
    cp -R "$run/council" "$d/council"
    fresh_kiosk "$d/kiosk"
    series_bundle() { # COUNT SEED
      "$mkbundle" --kiosk "$d/kiosk" --council-key "$d/council/council-box.pub" \
        --survey assets/surveys/children_in_care.csv --count "$1" --out "$d/b.bundle" \
        --seed "$2" --sequence "$2" --from 2026-04-01 --days 183 >/dev/null &&
        "$sync" import --db "$d/council.db" --keys "$d/council" --receipts "$d/receipts" \
          "$d/b.bundle" >"$d/import.log" 2>&1
    }
    "$sync" enrol --name bench "$d/kiosk/kiosk-sign.pub" --db "$d/council.db" >/dev/null &&
      series_bundle 400 1 || { say "series: the first bundle failed"; cat "$d/import.log" >&2; }
    say "series: publishing $series_runs reports, each after a late bundle"
    i=0
    ok=1
    while [ $i -lt "$series_runs" ] && [ $ok = 1 ]; do
      for p in 2026-Q2 2026-Q3 2026 2026/27 2026/27-Q1 2026/27-Q2; do
        [ $i -lt "$series_runs" ] || break
        i=$((i + 1))
        series_bundle 2 $((i + 1)) &&
          "$sync" report --db "$d/council.db" --period $p --out "$d/r" >"$d/r.log" 2>&1 ||
          { say "series: report $i ($p) failed:"; cat "$d/r.log" "$d/import.log" >&2; ok=0; break; }
      done
    done
    cp "$d/council.db" "$d/empty.db"
    sqlite3 "$d/empty.db" "DELETE FROM published_figure; DELETE FROM publication;"
    series_once() { # DB FILE
      "$measure" --out "$run/m" -- "$sync" report --db "$1" --period 2026-Q3 --out "$d/t" \
        --draft >"$d/t.log" 2>&1
      [ "$(field exit "$run/m")" = 0 ] || { say "series: the timed report failed:"; \
        cat "$d/t.log" >&2; return 1; }
      field wall_ms "$run/m" >>"$2"
    }
    : >"$run/s.o"; : >"$run/s.f"
    rruns=$runs
    [ "$rruns" -gt 3 ] && rruns=3
    j=0
    while [ $ok = 1 ] && [ $j -lt "$rruns" ]; do
      j=$((j + 1))
      series_once "$d/council.db" "$run/s.o" || break
      series_once "$d/empty.db" "$run/s.f" || break
    done
    if [ -s "$run/s.o" ] && [ -s "$run/s.f" ]; then
      o=$(median <"$run/s.o"); f=$(median <"$run/s.f"); r=$(calc "$o / $f")
      row 7b "report after $i published reports" "$(fmt "$o" '%.0f ms')" "$(fmt "$f" '%.0f ms')" \
        "$(fmt "$r" '%.2f')" "<= 3" "$(at_most "$r" 3)" \
        "the same draft with nothing published before ($(sqlite3 "$d/council.db" \
        'SELECT count(*) FROM counted_response') responses)"
    else
      row 7b "report after $series_runs published reports" "failed" "-" "-" "<= 3" "n/a" \
        "see above"
    fi
  fi
fi

# ---- 9: bundles through `chorus-sync serve` against the same bundles imported locally ----
# 9a: BENCH_NET_BUNDLES bundles of 20 how_was_today responses from one kiosk. Ours: uploaded
# over HTTP on loopback to a running serve by two curl processes at once (each one keep-alive
# connection, --next between bundles), from the first byte to the last receipt. The peer:
# `chorus-sync import` of the same files into a fresh database, exec to exit. 9b: 50 kiosks,
# one bundle each, all sent at the same moment (50 curl processes); every upload's time to its
# receipt over BENCH_RUNS rounds, the 99th percentile, beside one upload alone. import writes
# each receipt to a file (synced, with its folder); serve sends it: two fsyncs a bundle fewer.
now_ms() { date +%s%N | awk '{ printf "%.3f", $1 / 1000000 }'; }
serve_start() { # DB LOG: starts serve on a free loopback port; sets serve_pid and serve_port
  "$sync" serve --listen 127.0.0.1:0 --db "$1" --keys "$nd/council" --surveys assets/surveys \
    --per-minute 1000000 --connections 200 2>"$2" &
  serve_pid=$!
  serve_port=""
  k=0
  while [ -z "$serve_port" ] && [ $k -lt 100 ]; do
    sleep 0.05
    serve_port=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$2")
    k=$((k + 1))
  done
  [ -n "$serve_port" ]
}
serve_stop() { kill -TERM "$serve_pid" 2>/dev/null; wait "$serve_pid" 2>/dev/null; }
if wants net; then
  if [ ! -x "$mkbundle" ] || ! command -v curl >/dev/null; then
    row 9a "bundles/s through serve vs import" "no mkbundle or curl" "-" "-" ">= 0.8" "n/a" \
      "tests/tools/mkbundle and curl are needed"
  else
    nd=$run/net
    mkdir -p "$nd/b" "$nd/receipts"
    cp -R "$run/council" "$nd/council"
    say "net: making $net_bundles bundles of 20 responses, and 50 kiosks' bundles"
    i=1
    while [ $i -le "$net_bundles" ]; do
      "$mkbundle" --kiosk "$nd/kiosk" --council-key "$nd/council/council-box.pub" \
        --survey assets/surveys/how_was_today.csv --count 20 --seed $i --sequence $i \
        --out "$nd/b/$i.bundle" >/dev/null || exit 1
      i=$((i + 1))
    done
    "$sync" enrol --name bench "$nd/kiosk/kiosk-sign.pub" --db "$nd/tmpl.db" >/dev/null || exit 1
    key=$(od -An -tx1 -j 5 -N 32 "$nd/b/1.bundle" | tr -d ' \n')
    i=1
    while [ $i -le 50 ]; do
      "$mkbundle" --kiosk "$nd/k$i" --council-key "$nd/council/council-box.pub" \
        --survey assets/surveys/how_was_today.csv --count 20 --seed $((1000 + i)) \
        --out "$nd/k$i.bundle" >/dev/null || exit 1
      "$sync" enrol --name "k$i" "$nd/k$i/kiosk-sign.pub" --db "$nd/tmpl.db" >/dev/null || exit 1
      i=$((i + 1))
    done
    # half of the bundles for each of the two senders
    half=$((net_bundles / 2))
    curl_args() { # FROM TO
      j=$1
      while [ "$j" -le "$2" ]; do
        printf -- '-sS\n-o\n/dev/null\n-H\nX-Chorus-Kiosk: %s\n--data-binary\n@%s\nhttp://127.0.0.1:PORT/v1/bundle\n' \
          "$key" "$nd/b/$j.bundle"
        [ "$j" -lt "$2" ] && printf -- '--next\n'
        j=$((j + 1))
      done
    }
    curl_args 1 "$half" >"$nd/args1"
    curl_args $((half + 1)) "$net_bundles" >"$nd/args2"
    local_once() {
      rm -f "$nd/l.db" "$nd/l.db-wal" "$nd/l.db-shm" "$nd/receipts/"*
      cp "$nd/tmpl.db" "$nd/l.db"
      t0=$(now_ms)
      "$sync" import --db "$nd/l.db" --keys "$nd/council" --surveys assets/surveys \
        --receipts "$nd/receipts" "$nd"/b/*.bundle >"$nd/import.log" 2>&1 ||
        { say "import failed:"; tail -n 3 "$nd/import.log" >&2; return 1; }
      t1=$(now_ms)
      calc "$net_bundles / (($t1 - $t0) / 1000)" >>"$nd/local.rate"
    }
    serve_once() {
      rm -f "$nd/s.db" "$nd/s.db-wal" "$nd/s.db-shm"
      cp "$nd/tmpl.db" "$nd/s.db"
      serve_start "$nd/s.db" "$nd/serve.log" || { say "serve did not start"; return 1; }
      sed "s/PORT/$serve_port/" "$nd/args1" | tr '\n' '\0' >"$nd/a1"
      sed "s/PORT/$serve_port/" "$nd/args2" | tr '\n' '\0' >"$nd/a2"
      t0=$(now_ms)
      xargs -0 curl <"$nd/a1" &
      c1=$!
      xargs -0 curl <"$nd/a2" &
      c2=$!
      wait $c1 && wait $c2 || { serve_stop; say "an upload failed"; return 1; }
      t1=$(now_ms)
      serve_stop
      stored=$(grep -c ": 200 bundle" "$nd/serve.log")
      [ "$stored" = "$net_bundles" ] || { say "serve stored $stored of $net_bundles"; return 1; }
      calc "$net_bundles / (($t1 - $t0) / 1000)" >>"$nd/serve.rate"
    }
    fifty_once() {
      rm -f "$nd/f.db" "$nd/f.db-wal" "$nd/f.db-shm"
      cp "$nd/tmpl.db" "$nd/f.db"
      serve_start "$nd/f.db" "$nd/fifty.log" || return 1
      n50=1
      # one alone first: the floor
      kk=$(od -An -tx1 -j 5 -N 32 "$nd/k1.bundle" | tr -d ' \n')
      curl -sS -o /dev/null -w '%{time_total}\n' -H "X-Chorus-Kiosk: $kk" \
        --data-binary @"$nd/k1.bundle" "http://127.0.0.1:$serve_port/v1/bundle" >>"$nd/alone.s"
      pids=""
      while [ $n50 -le 50 ]; do
        kk=$(od -An -tx1 -j 5 -N 32 "$nd/k$n50.bundle" | tr -d ' \n')
        curl -sS -o /dev/null -w '%{time_total}\n' -H "X-Chorus-Kiosk: $kk" \
          --data-binary @"$nd/k$n50.bundle" "http://127.0.0.1:$serve_port/v1/bundle" >"$nd/t$n50" &
        pids="$pids $!"
        n50=$((n50 + 1))
      done
      for p in $pids; do wait "$p"; done
      serve_stop
      cat "$nd"/t[0-9]* >>"$nd/fifty.s"
    }
    say "net: $runs runs of local import and of serve, $net_bundles bundles each; 50 kiosks at once"
    : >"$nd/local.rate"; : >"$nd/serve.rate"; : >"$nd/alone.s"; : >"$nd/fifty.s"
    if local_once && serve_once; then
      : >"$nd/local.rate"; : >"$nd/serve.rate"
      i=0
      while [ $i -lt "$runs" ]; do
        i=$((i + 1))
        local_once && serve_once && fifty_once || break
      done
    fi
    if [ -s "$nd/serve.rate" ] && [ -s "$nd/local.rate" ]; then
      o=$(median <"$nd/serve.rate"); f=$(median <"$nd/local.rate"); r=$(calc "$o / $f")
      row 9a "bundles/s through serve vs import" "$(fmt "$o" '%.1f bundles/s')" \
        "$(fmt "$f" '%.1f bundles/s')" "$(fmt "$r" '%.2f')" ">= 0.8" "$(at_least "$r" 0.8)" \
        "chorus-sync import of the same $net_bundles bundles (20 responses each) from files"
    else
      row 9a "bundles/s through serve vs import" "failed" "-" "-" ">= 0.8" "n/a" "see above"
    fi
    if [ -s "$nd/fifty.s" ]; then
      p99=$(sort -n "$nd/fifty.s" | awk '{ a[NR] = $1 } END { k = int(NR * 0.99 + 0.999); print a[k] * 1000 }')
      one=$(awk '{ print $1 * 1000 }' "$nd/alone.s" | median)
      r=$(calc "$p99 / $one")
      row 9b "upload p99 latency, 50 kiosks at once" "$(fmt "$p99" '%.0f ms')" \
        "$(fmt "$one" '%.0f ms')" "$(fmt "$r" '%.1f')" "-" "info" \
        "one upload alone (median); $(wc -l <"$nd/fifty.s") uploads of 20 responses, imports one at a time"
    fi
  fi
fi

# ---- the table ----
sort -t "$(printf '\t')" -k1,1 "$table" | cut -f 2- >"$table.sorted"
mv "$table.sorted" "$table"
{
  echo "figure,ours,floor_or_peer,ratio,target,met,compared_with"
  awk -F '\t' '{ for (i = 1; i <= NF; i++) {
    gsub(/"/, "\"\"", $i); printf "%s\"%s\"", (i > 1 ? "," : ""), $i } print "" }' "$table"
} >"$csv"
echo
awk -F '\t' '
  { n++; for (i = 1; i <= 7; i++) { c[n, i] = $i; if (length($i) > w[i]) w[i] = length($i) } }
  END {
    split("figure|ours|floor / peer|ratio|target|met?", h, "|")
    for (i = 1; i <= 6; i++) if (length(h[i]) > w[i]) w[i] = length(h[i])
    line = ""
    for (i = 1; i <= 6; i++) line = line sprintf("%-" w[i] "s  ", h[i])
    print line
    line = ""
    for (i = 1; i <= 6; i++) { s = ""; for (k = 0; k < w[i]; k++) s = s "-"; line = line s "  " }
    print line
    for (r = 1; r <= n; r++) {
      line = ""
      for (i = 1; i <= 6; i++) line = line sprintf("%-" w[i] "s  ", c[r, i])
      print line
    }
    print ""
    for (r = 1; r <= n; r++) print "  " c[r, 1] ": against " c[r, 7]
  }' "$table"
echo
echo "written to $csv (runs: $runs; medians after a warm-up)"
echo "not a test: a missed target does not fail make bench"
