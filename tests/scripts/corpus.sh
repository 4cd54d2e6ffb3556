#!/bin/bash
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
# Real forms, as published: `chorus-sync check-survey` over every form of the corpus in
# tests/data/forms/ (public XLSForms from XLSForm/pyxform and onaio/onadata, licences and
# SOURCES beside them), each compared with its line in tests/data/forms/EXPECTED. A form that
# loads must load; a form that is refused must be refused for exactly the reasons its line names
# (every problem line matches one of them, and each of them matches a problem line), so a new
# problem, a problem gone, a form that starts loading or stops loading all fail the test. No
# form may crash the loader (an exit status other than 0 or 1, or a sanitizer report: run it on
# the ASan build too) or take more than 60 s. A form published as .csv and as .xls/.xlsx must
# read the same from each, and the kiosk must draw a JPEG picture as the corpus's forms publish
# them. The last line is the figure: of the forms pyxform accepts that use no device capture, how
# many load unchanged.
#
# Outside the suite: tests/scripts/corpus.sh BUILD WORK [--show] (with --show, every form's
# outcome is printed as an EXPECTED line, to help write one for a new form).
BUILD=${1:?usage: corpus.sh BUILD WORK [--show]}
WORK=${2:?usage: corpus.sh BUILD WORK [--show]}
SHOW=${3:-}
SYNC="$BUILD/chorus-sync"
DIR=tests/data/forms
EXPECTED=$DIR/EXPECTED
mkdir -p "$WORK"

fails=0
fail() {
  echo "FAIL: $*" >&2
  fails=$((fails + 1))
}

# The reasons: key -> kind (capture, kiosk, mistake, note) and the ERE a problem line matches.
declare -A kind pattern
while IFS=$'\t' read -r tag key k ere why; do
  [ "$tag" = reason ] || continue
  [ -n "$key" ] && [ -n "$k" ] && [ -n "$ere" ] && [ -n "$why" ] ||
    { fail "$EXPECTED: reason '$key' needs a kind, a pattern and a why"; continue; }
  case $k in capture | kiosk | mistake | note) ;; *) fail "$EXPECTED: reason '$key' has kind '$k'" ;; esac
  kind[$key]=$k
  pattern[$key]=$ere
done <"$EXPECTED"

total=0 eligible=0 loaded=0
declare -A listed
while IFS=$'\t' read -r tag file pyx outcome; do
  [ "$tag" = form ] || continue
  total=$((total + 1))
  listed[$file]=1
  f="$DIR/$file"
  [ -f "$f" ] || { fail "$EXPECTED: $file is not in $DIR"; continue; }
  case $pyx in pyxform | "not-pyxform: "?*) ;; *) fail "$file: '$pyx' is neither 'pyxform' nor 'not-pyxform: WHY'" ;; esac
  timeout 60 "$SYNC" check-survey "$f" >"$WORK/out" 2>"$WORK/err"
  rc=$?
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
    fail "$file: check-survey exited $rc (a crash, or over 60 s): $(tail -n 5 "$WORK/err")"
    continue
  fi
  if grep -qE "AddressSanitizer|LeakSanitizer|runtime error:" "$WORK/err"; then
    fail "$file: a sanitizer report: $(grep -m 3 -E "Sanitizer|runtime error:" "$WORK/err")"
    continue
  fi
  # The problem lines, without the file's name; notes (metadata not collected) are not problems.
  grep -v -e "^$f: ok: " -e "^$f: note: " "$WORK/out" | sed "s|^$f:||" >"$WORK/problems"
  if [ -n "$SHOW" ]; then
    if [ "$rc" -eq 0 ]; then echo "form	$file	$pyx	loads"; else
      keys=""
      for key in "${!pattern[@]}"; do grep -qiE -- "${pattern[$key]}" "$WORK/problems" && keys="$keys $key"; done
      echo "form	$file	$pyx	refused$keys"
    fi
    continue
  fi
  # Eligible: pyxform accepts it and it uses no device capture.
  capture=0
  case $outcome in
  loads)
    if [ "$rc" -ne 0 ]; then
      fail "$file: expected to load, refused: $(head -n 3 "$WORK/problems")"
    fi
    ;;
  "refused "?*)
    if [ "$rc" -eq 0 ]; then
      fail "$file: expected to be refused ($outcome), now loads: make its line in $EXPECTED 'loads'"
    fi
    for key in ${outcome#refused }; do
      [ -n "${kind[$key]:-}" ] || { fail "$file: unknown reason '$key'"; continue; }
      [ "${kind[$key]}" = capture ] && capture=1
      [ "$rc" -eq 0 ] && continue
      grep -qiE -- "${pattern[$key]}" "$WORK/problems" ||
        fail "$file: no longer refused for '$key' (no problem line matches '${pattern[$key]}')"
    done
    if [ "$rc" -eq 1 ]; then
      while IFS= read -r line; do
        hit=0
        for key in ${outcome#refused }; do
          [ -n "${pattern[$key]:-}" ] && echo "$line" | grep -qiE -- "${pattern[$key]}" && hit=1 && break
        done
        [ "$hit" -eq 1 ] || fail "$file: a problem none of its reasons ($outcome) explains: $line"
      done <"$WORK/problems"
    fi
    ;;
  *) fail "$file: outcome '$outcome' is neither 'loads' nor 'refused KEY...'" ;;
  esac
  if [ "$pyx" = pyxform ] && [ "$capture" -eq 0 ]; then
    eligible=$((eligible + 1))
    [ "$outcome" = loads ] && loaded=$((loaded + 1))
    # A form counted as refused must be refused for a kiosk limitation, never a mistake.
    for key in ${outcome#refused }; do
      [ "$outcome" != loads ] && [ "${kind[$key]:-}" = mistake ] &&
        fail "$file: pyxform accepts it, but its reason '$key' calls it a mistake"
    done
  fi
done <"$EXPECTED"
[ -n "$SHOW" ] && exit 0

# Every form in the corpus has its line.
while IFS= read -r -d '' f; do
  file=${f#"$DIR/"}
  [ -n "${listed[$file]:-}" ] || fail "$file has no line in $EXPECTED"
done < <(find "$DIR" -type f \( -name '*.xlsx' -o -name '*.xls' -o -name '*.xlsm' -o -name '*.csv' \) -print0)
[ "$total" -ge 150 ] || fail "only $total forms in $EXPECTED"
# Every reason is some form's.
for key in "${!kind[@]}"; do
  grep -qP "^form\t[^\t]*\t[^\t]*\trefused( [^ \t]+)* $key( |\$)" "$EXPECTED" ||
    fail "$EXPECTED: no form is refused for reason '$key'"
done

# The same form published as .csv, .xls and .xlsx (pyxform publishes several so): the three
# readers give the same outcome, problem by problem (each without its place: line:field in a
# CSV, SHEET!A1 in a workbook).
outcome_of() {
  "$SYNC" check-survey "$1" 2>&1 | sed -E "s|^$1:||; s|^[^ ]*: ||" | sort
}
for csv in "$DIR"/*/*.csv; do
  base=${csv%.csv}
  for wb in "$base.xls" "$base.xlsx"; do
    [ -f "$wb" ] || continue
    [ "$(outcome_of "$csv")" = "$(outcome_of "$wb")" ] ||
      fail "${wb#"$DIR/"} and ${csv#"$DIR/"}, the same form, are read differently: $(diff <(outcome_of "$csv") <(outcome_of "$wb") | head -n 4)"
    twins=$((twins + 1))
  done
done
[ "${twins:-0}" -ge 15 ] || fail "only ${twins:-0} workbooks were compared with their CSV"

# A form's pictures as its authors publish them (JPEGs: pyxform's widgets-media, in images/
# beside the corpus's folders) are drawn by the kiosk, not only accepted by check-survey.
. tests/scripts/lib.sh
setup_kiosk >/dev/null
J="$WORK/jpeg"
mkdir -p "$J/surveys" "$J/images"
cp "$DIR/images/happy.jpg" "$J/images/"
printf 'survey,,,\n,type,name,label,media::image\n,select_one yn,t,Do you feel happy?,happy.jpg\nchoices,,\n,list_name,name,label\n,yn,yes,Yes\n,yn,no,No\nsettings,,\n,form_id,form_title\n,jpeg,JPEG\n' >"$J/surveys/jpeg.csv"
printf 'expect screen welcome\ntap "Start"\nexpect screen question\nexpect text "images/happy.jpg"\nshot jpeg\n' >"$J/jpeg.script"
kiosk_script "$J/jpeg.script" --surveys "$J/surveys" >"$J/log" 2>&1 || fail "the kiosk did not show the JPEG survey: $(tail -n 5 "$J/log")"
grep -q "cannot show the picture" "$J/log" && fail "the kiosk could not draw happy.jpg: $(grep "cannot show" "$J/log")"
[ -s "$WORK/shots/jpeg.png" ] || fail "no screenshot of the JPEG survey"

echo "corpus: $total forms; $eligible that pyxform accepts and use no device capture; $loaded of them load unchanged ($((eligible ? loaded * 100 / eligible : 0))%)"
[ "$fails" -eq 0 ] || { echo "FAIL: $fails failed checks (above)" >&2; exit 1; }
