#!/bin/bash
# The test suite against one or more build folders: every unit test binary (BUILD/tests/test_*)
# and every kiosk/sync scenario (tests/scripts/*.sh, each run as `sh FILE BUILD WORKDIR`).
#
#   tests/run.sh [-j JOBS] [--quick] BUILD... [NAME...]
#
#   BUILD    a build folder (one holding chorus-kiosk): build, build/asan. With several, their
#            tests share one pool of jobs (`make test` runs the plain and the ASan build so).
#   NAME     only these: a scenario (import) or a unit test (test_import; or store for
#            test_store when no scenario has that name). Without names, everything.
#   -j JOBS  how many tests run at once (default 1). Tests marked slow start first, so the long
#            ones don't end up last, alone on one core: a scenario with a `# slow:` line in its
#            header, a unit test with a ` * slow:` line in its source's opening comment.
#   --quick  leave out the tests marked slow (`make test-quick`).
#
# Each test prints "ok" or "FAIL" with its build and its time as it ends; a failure shows the
# end of its output. The last line is the one a CI reader looks for:
# "suite (BUILD...): N passed, N failed". Exit 0 only when nothing failed; 2 on a bad argument.
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1

jobs=1
quick=0
builds=()
names=()
usage() {
  echo "usage: tests/run.sh [-j JOBS] [--quick] BUILD... [NAME...]" >&2
  exit 2
}
while [ $# -gt 0 ]; do
  case $1 in
  -j) [ $# -ge 2 ] || usage; jobs=$2; shift 2 ;;
  -j*) jobs=${1#-j}; shift ;;
  --quick) quick=1; shift ;;
  -h | --help) sed -n '2,/^[^#]/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
  -*) echo "tests/run.sh: unknown option $1" >&2; usage ;;
  *)
    if [ ${#names[@]} -eq 0 ] && [ -x "$1/chorus-kiosk" ]; then builds+=("${1%/}"); else names+=("$1"); fi
    shift
    ;;
  esac
done
case $jobs in '' | *[!0-9]* | 0) echo "tests/run.sh: -j wants a number of jobs, not '$jobs'" >&2; usage ;; esac
if [ ${#builds[@]} -eq 0 ]; then
  [ ${#names[@]} -gt 0 ] && echo "tests/run.sh: ${names[0]}: not a build folder (no chorus-kiosk in it; make build first)" >&2
  usage
fi

# Every test of one build, as "KIND NAME": slow ones first (see -j above).
is_slow() { grep -q '^# slow:' "tests/scripts/$1.sh"; }
unit_slow() { [ -f "tests/$1.c" ] && grep -q '^ \* slow:' "tests/$1.c"; }
all_tests() {
  local b=$1 s n t
  for t in "$b"/tests/test_*; do
    case $t in *.o | *.d) continue ;; esac
    [ -x "$t" ] && [ -f "$t" ] && unit_slow "$(basename "$t")" && echo "unit $(basename "$t")"
  done
  for s in tests/scripts/*.sh; do
    n=$(basename "$s" .sh)
    [ "$n" = lib ] && continue
    is_slow "$n" && echo "script $n"
  done
  for t in "$b"/tests/test_*; do
    case $t in *.o | *.d) continue ;; esac
    [ -x "$t" ] && [ -f "$t" ] && ! unit_slow "$(basename "$t")" && echo "unit $(basename "$t")"
  done
  for s in tests/scripts/*.sh; do
    n=$(basename "$s" .sh)
    [ "$n" = lib ] && continue
    is_slow "$n" || echo "script $n"
  done
}

# The jobs: "BUILD KIND NAME" lines, named ones checked against what exists.
queue=()
for b in "${builds[@]}"; do
  mapfile -t tests < <(all_tests "$b")
  if [ ${#names[@]} -gt 0 ]; then
    for want in "${names[@]}"; do
      found=""
      for t in "${tests[@]}"; do [ "${t#* }" = "$want" ] && { found=$t; break; }; done
      if [ -z "$found" ]; then # "store" names the unit test test_store
        for t in "${tests[@]}"; do [ "${t#* }" = "test_$want" ] && { found=$t; break; }; done
      fi
      if [ -z "$found" ]; then
        echo "tests/run.sh: no unit test or scenario named '$want' in $b" >&2
        echo "  there are: $(for t in "${tests[@]}"; do printf '%s ' "${t#* }"; done)" >&2
        exit 2
      fi
      queue+=("$b $found")
    done
  else
    for t in "${tests[@]}"; do
      [ $quick = 1 ] && [ "${t%% *}" = script ] && is_slow "${t#* }" && continue
      [ $quick = 1 ] && [ "${t%% *}" = unit ] && unit_slow "${t#* }" && continue
      queue+=("$b $t")
    done
  fi
done
# With several builds, interleave them job by job so each build's slow ones start early.
if [ ${#builds[@]} -gt 1 ] && [ ${#names[@]} -eq 0 ]; then
  ordered=()
  per=()
  for b in "${builds[@]}"; do
    n=0
    for j in "${queue[@]}"; do [ "${j%% *}" = "$b" ] && n=$((n + 1)); done
    per+=("$n")
  done
  max=0
  for n in "${per[@]}"; do [ "$n" -gt "$max" ] && max=$n; done
  for ((k = 0; k < max; k++)); do
    for b in "${builds[@]}"; do
      c=0
      for j in "${queue[@]}"; do
        [ "${j%% *}" = "$b" ] || continue
        if [ $c -eq $k ]; then ordered+=("$j"); break; fi
        c=$((c + 1))
      done
    done
  done
  queue=("${ordered[@]}")
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/chorus-test.XXXXXX") || exit 1
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

# run_one INDEX BUILD KIND NAME: one test; its output in INDEX.out, its exit code and seconds
# in INDEX.rc.
run_one() {
  local i=$1 b=$2 kind=$3 n=$4 start rc
  start=$(date +%s%N)
  if [ "$kind" = unit ]; then
    "$b/tests/$n" >"$work/$i.out" 2>&1
  else
    local dir="$work/$i.work"
    mkdir -p "$dir"
    sh "tests/scripts/$n.sh" "$b" "$dir" >"$work/$i.out" 2>&1
  fi
  rc=$?
  echo "$rc $((($(date +%s%N) - start) / 1000000))" >"$work/$i.rc"
}

# report INDEX: the line (and on failure the output) of a finished test.
passed=0
failed=0
failures=""
report() {
  local i=$1 job=${queue[$1]} rc ms b kind n secs
  read -r rc ms <"$work/$i.rc"
  read -r b kind n <<<"$job"
  secs=$(printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100)))
  if [ "$rc" = 0 ]; then
    passed=$((passed + 1))
    if [ "$kind" = unit ]; then
      echo "ok   $n ($b, ${secs} s): $(tail -n 1 "$work/$i.out")"
    else
      echo "ok   $n ($b, ${secs} s)"
    fi
  else
    failed=$((failed + 1))
    failures="$failures $n($b)"
    echo "FAIL $n ($b, ${secs} s, exit $rc)"
    tail -n 30 "$work/$i.out" | sed 's/^/     /'
  fi
  rm -rf "$work/$i.work"
}

started=0
running=()
done_count=0
total=${#queue[@]}
while [ $done_count -lt "$total" ]; do
  while [ $started -lt "$total" ] && [ ${#running[@]} -lt "$jobs" ]; do
    read -r b kind n <<<"${queue[$started]}"
    run_one "$started" "$b" "$kind" "$n" &
    running+=("$started")
    started=$((started + 1))
  done
  wait -n 2>/dev/null
  still=()
  for i in "${running[@]}"; do
    if [ -f "$work/$i.rc" ]; then
      report "$i"
      done_count=$((done_count + 1))
    else
      still+=("$i")
    fi
  done
  running=("${still[@]}")
done

[ -z "$failures" ] || echo "failed:$failures"
echo "suite (${builds[*]}): $passed passed, $failed failed"
[ "$failed" -eq 0 ]
