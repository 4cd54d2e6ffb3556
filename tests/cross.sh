#!/bin/sh
# The unit tests of an arm64 build (`make cross`) under qemu-user, one after the other, from the
# top folder as tests/run.sh runs them (the drawing tests pick SDL's dummy driver themselves).
# First `file` must call the programs and every test "ARM aarch64"; without qemu-aarch64 it
# says so and stops there, the build kept. The scenarios (tests/scripts/) are not run: they
# start the programs from the shell, and a host runs an arm64 program from the shell only when
# binfmt_misc hands it to qemu.
#
#   sh tests/cross.sh [BUILD]      (default build/arm64)
#
# Each test prints "ok" or "FAIL" with its time; a failure shows the end of its output. The last
# line: "cross (BUILD): N passed, N failed"; exit 0 only when nothing failed.
build=${1:-build/arm64}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1

bad=0
n=0
for f in "$build/chorus-kiosk" "$build/chorus-sync" "$build"/tests/test_*; do
  case $f in *.o | *.d) continue ;; esac
  if [ ! -f "$f" ] || [ ! -x "$f" ]; then continue; fi
  n=$((n + 1))
  kind=$(file -b "$f")
  case $kind in
  *"ARM aarch64"*) ;;
  *) echo "not arm64: $f: $kind"; bad=1 ;;
  esac
done
[ $bad = 0 ] || exit 1
[ $n -gt 2 ] || { echo "tests/cross.sh: no programs and tests in $build (make build-cross)"; exit 1; }
echo "file: $n programs and tests in $build, all ARM aarch64"

if ! command -v qemu-aarch64 >/dev/null 2>&1; then
  echo "no qemu-aarch64 (Debian: qemu-user): built in $build, the tests not run"
  exit 0
fi
# The arm64 loader and libraries are the multiarch ones (libc6:arm64 puts the loader at
# /lib/ld-linux-aarch64.so.1, the libraries in /usr/lib/aarch64-linux-gnu), found on the host's
# own paths. QEMU_LD_PREFIX is left unset on purpose: with /usr/aarch64-linux-gnu (the cross
# compiler's libc) the loader would come from there and libc.so.6 from the multiarch package,
# two builds of glibc that must not be mixed.
unset QEMU_LD_PREFIX
# test_options starts BUILD/chorus-sync and BUILD/chorus-kiosk through the shell, which runs an
# arm64 program only if binfmt_misc hands it to qemu: it starts them through this instead.
export CHORUS_TEST_EXEC=qemu-aarch64

out=$(mktemp "${TMPDIR:-/tmp}/chorus-cross.XXXXXX") || exit 1
trap 'rm -f "$out"' EXIT
passed=0
failed=0
failures=""
for t in "$build"/tests/test_*; do
  case $t in *.o | *.d) continue ;; esac
  if [ ! -f "$t" ] || [ ! -x "$t" ]; then continue; fi
  name=$(basename "$t")
  start=$(date +%s%N)
  qemu-aarch64 "$t" >"$out" 2>&1
  rc=$?
  ms=$((($(date +%s%N) - start) / 1000000))
  secs=$(printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100)))
  if [ $rc = 0 ]; then
    passed=$((passed + 1))
    echo "ok   $name (${secs} s): $(tail -n 1 "$out")"
  else
    failed=$((failed + 1))
    failures="$failures $name"
    echo "FAIL $name (${secs} s, exit $rc)"
    tail -n 30 "$out" | sed 's/^/     /'
  fi
done
[ -z "$failures" ] || echo "failed:$failures"
echo "cross ($build): $passed passed, $failed failed"
[ "$failed" -eq 0 ]
