#!/bin/sh
# fuzz.sh SECONDS FUZZDIR NAME...: runs each libFuzzer target FUZZDIR/fuzz_NAME for SECONDS
# (`make fuzz` builds them and calls this from the repository root).
#
# New finds go to the scratch folder FUZZDIR/new/NAME/ (read again by the next run), not to
# the committed corpus tests/fuzz/corpus/NAME/. Those that reach new edges (-merge=1) join the
# corpus only when they are at most FUZZ_MERGE_FILES files and FUZZ_MERGE_BYTES bytes, so the
# corpus stays small enough to replay in every `make test`. Crashes, leaks, timeouts and
# out-of-memory inputs are written to tests/fuzz/crashers/NAME/; once fixed they stay there and
# are replayed by every `make test`. tests/fuzz/NAME.dict is used when it exists. One line a
# target, then exit 1 when any target found something.
seconds=$1
dir=$2
shift 2
max_files=${FUZZ_MERGE_FILES:-100}
max_bytes=${FUZZ_MERGE_BYTES:-131072}
found=""

# figure NAME LOG: libFuzzer's final figure stat::NAME from LOG.
figure() { sed -n "s/^stat::$1: *//p" "$2" | tail -n 1; }

# Files of folder $1 not in folder $2, one a line.
only_in() { ls "$1" | while read -r f; do [ -e "$2/$f" ] || echo "$f"; done; }

for name in "$@"; do
  bin=$dir/fuzz_$name
  corpus=tests/fuzz/corpus/$name
  crashers=tests/fuzz/crashers/$name
  new=$dir/new/$name
  log=$dir/$name.log
  mkdir -p "$new" "$crashers"
  dict=""
  [ -f "tests/fuzz/$name.dict" ] && dict="-dict=tests/fuzz/$name.dict"
  ls "$crashers" >"$dir/$name.crashers-before"
  # shellcheck disable=SC2086 # $dict is one word or none
  "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$crashers/" $dict "$new" "$corpus" >"$log" 2>&1
  rc=$?
  cov=$(grep -E '^#[0-9]+' "$log" | tail -n 1 |
    sed -n 's/.*cov: \([0-9]*\) ft: \([0-9]*\).*/cov \1, ft \2/p')
  runs=$(figure number_of_executed_units "$log")
  line="fuzz $name: $runs runs in ${seconds}s, $(figure average_exec_per_sec "$log") exec/s"
  line="$line, ${cov:-no coverage line}"

  # New finds: merged into a copy of the corpus, to see what they would add.
  merged=$dir/merge/$name
  rm -rf "$merged"
  mkdir -p "$merged"
  cp "$corpus"/* "$merged/"
  # Edges only (-use_counters=0), not how often each runs: far fewer inputs to commit.
  "$bin" -merge=1 -use_counters=0 "$merged" "$new" >"$dir/$name.merge.log" 2>&1
  added=$(only_in "$merged" "$corpus")
  nadded=$(printf '%s' "$added" | grep -c .)
  bytes=0
  for f in $added; do bytes=$((bytes + $(wc -c <"$merged/$f"))); done
  if [ "$nadded" -eq 0 ]; then
    line="$line; corpus $(ls "$corpus" | wc -l) files, nothing new"
  elif [ "$nadded" -le "$max_files" ] && [ "$bytes" -le "$max_bytes" ]; then
    for f in $added; do cp "$merged/$f" "$corpus/"; done
    line="$line; corpus $(ls "$corpus" | wc -l) files, +$nadded merged ($bytes bytes)"
  else
    line="$line; corpus $(ls "$corpus" | wc -l) files, $nadded new ($bytes bytes) left in $new:"
    line="$line too many to commit"
  fi

  crashes=$(ls "$crashers" | grep -vxF -f "$dir/$name.crashers-before")
  if [ "$rc" -ne 0 ] || [ -n "$crashes" ]; then
    found="$found $name"
    line="$line; FOUND (exit $rc): $(echo "$crashes" | tr "\n" " ")(see $log)"
  fi
  echo "$line"
done

if [ -n "$found" ]; then
  echo "fuzz: found something in:$found (inputs in tests/fuzz/crashers/)"
  exit 1
fi
echo "fuzz: nothing found in $# targets"
