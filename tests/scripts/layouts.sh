#!/bin/sh
# The kiosk at a small (800x480) and a large (1920x1080) screen: a fresh kiosk's PIN setup,
# welcome, the survey choice, two whole surveys (one with the safety screen), review paging, the
# idle question, the PIN pad and worker screens, all driven by taps on visible labels, so every
# screen must lay out its buttons where they can be found and pressed. Shots of every screen go
# to WORK/shots/SIZE-*.png for a person to look at; their size must be the window's.
# slow: every screen at two sizes (about 10 s);
# `make test-quick` leaves it out.
. tests/scripts/lib.sh
setup_kiosk
MAIN_DATA=$DATA

digits() { for d in $(echo "$1" | sed 's/./& /g'); do echo "tap \"$d\""; done; }

# png_size FILE: "W H" from the PNG header.
png_size() {
  od -An -tu1 -j16 -N8 "$1" |
    awk '{ printf "%d %d\n", (($1 * 256 + $2) * 256 + $3) * 256 + $4, (($5 * 256 + $6) * 256 + $7) * 256 + $8 }'
}

for size in 800x480 1920x1080; do
  DATA="$WORK/kiosk-$size"
  "$KIOSK" --data "$DATA" --council-key "$WORK/council/council-box.pub" status >/dev/null ||
    fail "$size: provisioning a fresh kiosk"

  # A fresh kiosk asks for a worker PIN first.
  {
    echo 'expect screen set-pin'
    echo 'expect text "Set a worker PIN"'
    digits "$PIN"
    echo "shot $size-set-pin"
    echo 'tap "OK"'
    echo 'expect text "Type the same PIN again"'
    digits "$PIN"
    echo 'tap "OK"'
    echo 'expect screen recovery-show'
    echo 'expect text "Write down the recovery code"'
    echo "shot $size-recovery-show"
    echo 'tap "I have written it down"'
    echo 'expect screen welcome'
    echo "shot $size-welcome"
  } >"$WORK/$size-pin.script"
  run_script "$size-pin" --size "$size"

  # Two whole surveys: the longest choice list, and the longest one with the safety screen.
  # On the review, page forwards and back.
  paging="tap \"More answers\"\\
expect text \"Previous answers\"\\
shot $size-REVIEW2\\
tap \"Previous answers\"\\
expect no-text \"Previous answers\""
  survey_script assets/surveys/one_voice_session.csv "more trips out please" "$size-ov" |
    sed "/^expect text \"Check your answers\"/a\\
$paging" | sed "s/REVIEW2/ov-review2/" >"$WORK/$size-ov.script" || fail "scripting one_voice"
  survey_script assets/surveys/children_in_care.csv "I want to see my brother more" \
    "$size-cic" feel_safe |
    sed "/^expect text \"Check your answers\"/a\\
$paging" | sed "s/REVIEW2/cic-review2/" >"$WORK/$size-cic.script" || fail "scripting children_in_care"
  run_script "$size-ov" --size "$size"
  run_script "$size-cic" --size "$size"

  # The choice of survey, idle, the PIN pad and worker mode.
  {
    echo 'expect screen welcome'
    echo 'tap "Start"'
    echo 'expect screen choose'
    echo "shot $size-choose"
    echo 'tap "Back"'
    echo 'expect screen welcome'
    echo 'tap "Start"'
    echo 'tap "How was today?"'
    echo 'tap "16 or 17"'
    echo 'advance 91'
    echo 'expect screen idle'
    echo "shot $size-idle"
    echo 'tap "I'"'"'m still here"'
    echo 'expect screen question'
    echo 'tap "Back"'
    echo 'expect screen choose'
    echo 'tap "Back"'
    echo 'expect screen welcome'
    echo 'hold 20 20 3'
    echo 'expect screen pin'
    digits 111111
    echo 'tap "Delete"'
    echo 'tap "1"'
    echo 'tap "OK"'
    echo 'expect text "That PIN is not right."'
    echo "shot $size-pin-wrong"
    digits "$PIN"
    echo 'tap "OK"'
    # the safety answers above are requests for help: worker mode opens with their alert
    echo 'expect screen worker-alert'
    echo "shot $size-worker-alert"
    echo 'tap "Seen: go to worker mode"'
    echo 'expect screen worker'
    echo 'expect text "Responses on this kiosk: 2"'
    echo "shot $size-worker"
    echo 'tap "Choose survey"'
    echo 'expect screen worker-survey'
    echo "shot $size-worker-survey"
    echo 'tap "How was today?"'
    echo 'expect screen worker'
    echo 'expect text "Survey: How was today?"'
    echo 'tap "Start a session"'
    echo 'expect screen worker-session'
    echo 'tap "Shift"'
    echo 'tap "H"'
    echo 'tap "u"'
    echo 'tap "b"'
    echo "shot $size-worker-session"
    echo 'tap "Start session"'
    echo 'expect text "Session: Hub"'
    echo 'tap "Back to welcome"'
    echo 'expect screen welcome'
    echo 'expect text "Session: Hub"'
    echo "shot $size-welcome-session"
    echo '# the fixed survey starts at once'
    echo 'tap "Start"'
    echo 'expect screen question'
    echo 'expect text "How old are you?"'
    echo 'tap "Back"'
    echo 'expect screen welcome'
  } >"$WORK/$size-worker.script"
  run_script "$size-worker" --size "$size"

  # As many surveys as a kiosk offers (32): the choice and the worker's survey list must still
  # fit above Back, so Back and every survey can be pressed.
  M="$WORK/many-surveys"
  if [ ! -d "$M" ]; then
    mkdir -p "$M"
    i=1
    while [ "$i" -le 32 ]; do
      sed "s/^,how_was_today,\([0-9]*\),How was today?/,many_$i,\1,Survey number $i/" \
        assets/surveys/how_was_today.csv >"$M/s$i.csv"
      i=$((i + 1))
    done
  fi
  {
    echo 'tap "Start"'
    echo 'expect screen choose'
    echo "shot $size-choose-32"
    echo 'tap "Back"'
    echo 'expect screen welcome'
    echo 'tap "Start"'
    echo 'tap "Survey number 32"'
    echo 'expect screen question'
    echo 'expect text "Survey number 32"'
    echo 'tap "Back"'
    echo 'expect screen choose'
    echo 'tap "Survey number 1"'
    echo 'expect text "Survey number 1"'
    echo 'tap "Back"'
    echo 'tap "Back"'
    echo 'expect screen welcome'
    echo 'hold 20 20 3'
    digits "$PIN"
    echo 'tap "OK"'
    echo 'tap "Choose survey"'
    echo 'expect screen worker-survey'
    echo "shot $size-worker-survey-32"
    echo 'tap "Back"'
    echo 'expect screen worker'
  } >"$WORK/$size-many.script"
  run_script "$size-many" --size "$size" --surveys "$M"
  grep -q "skipping\|skipped" "$WORK/$size-many.err" && fail "$size: some of the 32 surveys did not load"

  w=${size%x*}
  h=${size#*x}
  n=0
  for png in "$WORK/shots/$size"-*.png; do
    [ -f "$png" ] || fail "$size: no shots were saved"
    [ "$(png_size "$png")" = "$w $h" ] ||
      fail "$png is $(png_size "$png"), not the window size $w $h"
    n=$((n + 1))
  done
  [ "$n" -ge 30 ] || fail "$size: only $n shots were saved"
  [ "$(responses)" -eq 2 ] || fail "$size: expected 2 stored responses, found $(responses)"
done
DATA=$MAIN_DATA

# A group screen shows each question's picture beside its words, as a screen of its own does.
G="$WORK/group-surveys"
mkdir -p "$G/surveys" "$G/images"
cp assets/images/home.png assets/images/school.png "$G/images/"
cat >"$G/surveys/grouped.csv" <<'CSV'
survey,,,,,
,type,name,label,appearance,media::image
,begin group,g,Two things,,
,select_one yn,a,Do you feel safe at home?,yes-notsure-no,home.png
,select_one yn,b,Do you like school?,yes-notsure-no,school.png
,end group,,,,
choices,,,,,
,list_name,name,label,,
,yn,yes,Yes,,
,yn,not_sure,Not sure,,
,yn,no,No,,
settings,,,,,
,form_id,form_title,ages,,
,grouped,Grouped,4-25,,
CSV
for size in 800x480 1920x1080; do
  printf 'expect screen welcome\ntap "Start"\nexpect screen question\nexpect text "Two things"\nexpect text "images/home.png"\nexpect text "images/school.png"\nshot %s-group\n' \
    "$size" >"$WORK/group-$size.script"
  run_script "group-$size" --size "$size" --surveys "$G/surveys"
done
