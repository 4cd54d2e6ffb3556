#!/bin/sh
# make_seeds.sh [BUILD]: (re)makes the seed files of tests/fuzz/corpus/ from the project's own
# files and binaries (BUILD, default build, made by `make build`):
#
#   csv, survey  the shipped surveys, the pyxform samples, and a few small files for quirks
#   expr         every relevant expression of those surveys, and the grammar's other forms
#   keyfile      a council's four key files (chorus-sync keygen) and a kiosk's two (its first start)
#   bundle       exports of real headless kiosk sessions, and bundles of mkbundle's answers
#   receipt      what chorus-sync import wrote for those bundles
#   pack         chorus-sync pack of a shipped survey with news, and of a tiny survey alone
#   provision    chorus-sync provision around the same two, one naming the council's server
#   response     the records of those bundles opened with the council's key (seed_tool open),
#                and two the decoder must refuse: a choice and a question named twice
#
# Seeds have fixed names and are overwritten; inputs the fuzzer added (named by their SHA-1)
# are left alone. The keys are made afresh each time, so every binary seed changes: commit them
# only when a format changed or a seed is missing. The keys are throwaway: nothing trusts them.
build=${1:-build}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1
work=$(mktemp -d "${TMPDIR:-/tmp}/chorus-seeds.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
# The scenario helpers: setup_kiosk, survey_script, run_script, fail (they read $1 and $2).
set -- "$build" "$work"
. tests/scripts/lib.sh
C=tests/fuzz/corpus
TOOL="$build/tests/fuzz/seed_tool"
MKBUNDLE="$build/tests/tools/mkbundle"
COUNCIL="$WORK/council"
DB="$WORK/council.db"
for f in "$KIOSK" "$SYNC" "$TOOL" "$MKBUNDLE"; do
  [ -x "$f" ] || fail "$f is missing: run make build first"
done
for d in csv survey expr keyfile bundle receipt pack provision response; do
  mkdir -p "$C/$d"
done

# --- text: surveys, CSV quirks, expressions
for f in assets/surveys/*.csv tests/data/xlsform-samples/*.csv; do
  cp "$f" "$C/survey/"
  cp "$f" "$C/csv/"
done
printf '\357\273\277a,b\r\n"quoted, with ""quotes""\nand a new line",c\r\n\r\nlast' \
  >"$C/csv/quirks-bom-crlf.csv"
printf 'a,"b"x\n' >"$C/csv/quirks-after-quote.csv"
printf 'one\rtwo\r\r,,,\n' >"$C/csv/quirks-lone-cr.csv"
# A small survey with what the shipped ones lack: nested groups, required, select_multiple,
# hints, safeguarding choices, media, two languages, ages (the forms of tests/test_survey.c).
cat >"$C/survey/small-groups.csv" <<'CSV'
survey,,,,,,,,,
,type,name,label::English (en),label::Arabic (ar),hint::English (en),relevant,required,appearance,media::image
,note,intro,Hello,مرحبا,A few questions,,,,
,begin group,g1,About you,,,${intro} = '',,,
,select_one feel,feel,How do you feel?,,,,yes,faces,
,select_multiple where,where,Where do you go?,,Pick any,"selected(${feel}, 'good') or count-selected(${where}) > 1",,,
,begin group,g2,Inner,,,not(${feel} = 'bad'),,,
,integer,age,How old are you?,,,${feel} != '',,,
,text,say,Anything else?,,,${age} >= 12 and ${age} < 26,,,
,end group,,,,,,,,
,end group,,,,,,,,
,select_one safe,safe,Do you feel safe?,,,,,yes-notsure-no,
choices,,,,,,,,,
,list_name,name,label::English (en),label::Arabic (ar),safeguarding,media::image,,,
,feel,awful,Awful,,,,,,
,feel,bad,Bad,,,,,,
,feel,ok,OK,,,,,,
,feel,good,Good,,,,,,
,feel,great,Great,,,,,,
,where,home,Home,,,,,,
,where,school,School,,,,,,
,safe,yes,Yes,,,,,,
,safe,not_sure,Not sure,,,,,,
,safe,no,No,,yes,,,,
settings,,,,,,,,,
,form_id,version,form_title,default_language,ages,,,,
,small_groups,3,Small groups,English (en),8-17,,,,
CSV
cp "$C/survey/small-groups.csv" "$C/csv/"
"$TOOL" relevant "$C/expr" assets/surveys/*.csv tests/data/xlsform-samples/*.csv \
  "$C/survey/small-groups.csv" || fail "relevant expressions"
# The grammar's other forms; after a NUL byte, answers the references take in turn.
printf "selected(\${a}, 'x') and count-selected(\${b}) >= 2" >"$C/expr/grammar-selected"
printf "not(true() or false()) or (\${n} < -1.5 and 3 != \${n})" >"$C/expr/grammar-not"
printf "\${age} >= 12 and \${age} <= 17\000 13 \000abc" >"$C/expr/answers-age"
printf "selected(\${where}, 'home')\000school home\000" >"$C/expr/answers-selected"
printf '"double" = ${x} or ((((${y}))))' >"$C/expr/grammar-nested"

# --- keys: the council's, then a kiosk's (made on its first start)
setup_kiosk
for k in council-box.pub council-box.key council-sign.pub council-sign.key; do
  cp "$COUNCIL/$k" "$C/keyfile/$k"
done
cp "$DATA/kiosk-sign.pub" "$C/keyfile/kiosk-sign.pub"
cp "$DATA/kiosk-sign.key" "$C/keyfile/kiosk-sign.key"
chmod 644 "$C"/keyfile/*

# --- bundles: real sessions exported by the kiosk, then mkbundle's answers to other surveys
survey_script assets/surveys/how_was_today.csv "The pizza was cold" >"$WORK/s1.script" ||
  fail "script 1"
run_script s1
"$KIOSK" --data "$DATA" export --out "$WORK/kiosk-1.bundle" >/dev/null || fail "export 1"
survey_script assets/surveys/one_voice_session.csv "More sessions please" >"$WORK/s2.script" ||
  fail "script 2"
run_script s2
"$KIOSK" --data "$DATA" export --out "$WORK/kiosk-2.bundle" >/dev/null || fail "export 2"
n=0
for s in little_voices my_life care_leavers children_in_care; do
  n=$((n + 1))
  "$MKBUNDLE" --kiosk "$WORK/mk" --council-key "$COUNCIL/council-box.pub" \
    --survey "assets/surveys/$s.csv" --count "$n" --seed "$n" --out "$WORK/mk-$s.bundle" \
    >/dev/null || fail "mkbundle $s"
done
"$SYNC" enrol --name hub --db "$DB" "$DATA/kiosk-sign.pub" >/dev/null || fail "enrol"
"$SYNC" enrol --name mk --db "$DB" "$WORK/mk/kiosk-sign.pub" >/dev/null || fail "enrol mk"
for b in kiosk-1 kiosk-2 mk-little_voices mk-my_life; do
  "$SYNC" import --db "$DB" --keys "$COUNCIL" --receipts "$WORK" "$WORK/$b.bundle" >/dev/null ||
    fail "import $b"
  cp "$WORK/$b.bundle" "$C/bundle/$b.bundle"
  cp "$WORK/$b.bundle.receipt" "$C/receipt/$b.receipt"
done
for b in kiosk-2 mk-little_voices mk-my_life mk-care_leavers mk-children_in_care; do
  "$TOOL" open "$C/response" "$b" "$WORK/$b.bundle" "$COUNCIL" || fail "open $b"
done
"$TOOL" repeats "$C/response" || fail "repeats"

# --- packs
mkdir -p "$WORK/p1" "$WORK/p2"
cp assets/surveys/how_was_today.csv "$WORK/p1/"
cp tests/data/xlsform-samples/text_and_integer.csv "$WORK/p2/"
{
  echo 'You said the room was cold: we fixed the heating.'
  echo 'You asked for more sessions: One Voice meets every month.'
} >"$WORK/news.txt"
"$SYNC" pack --out "$C/pack/survey-and-news.pack" --keys "$COUNCIL" --surveys "$WORK/p1" \
  --news "$WORK/news.txt" --sequence 5 >/dev/null || fail "pack 1"
"$SYNC" pack --out "$C/pack/tiny.pack" --keys "$COUNCIL" --surveys "$WORK/p2" --sequence 6 \
  >/dev/null || fail "pack 2"

# --- provisioning files
"$SYNC" provision --out "$C/provision/gateshead.provision" --council "Gateshead Council" \
  --keys "$COUNCIL" --surveys "$WORK/p1" --news "$WORK/news.txt" --sequence 7 \
  --server-url https://chorus.example.gov.uk >/dev/null 2>&1 || fail "provision 1"
"$SYNC" provision --out "$C/provision/tiny.provision" --council "Conseil de Sénart" \
  --keys "$COUNCIL" --surveys "$WORK/p2" --sequence 8 >/dev/null 2>&1 || fail "provision 2"

for d in csv survey expr keyfile bundle receipt pack provision response; do
  echo "$C/$d: $(ls "$C/$d" | wc -l) files, $(cat "$C/$d"/* | wc -c) bytes"
done
