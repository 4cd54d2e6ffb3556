#!/bin/sh
# "How old are you?": a session through every age band of the welcome screen. Tapping a band
# offers exactly the shipped surveys whose `ages` overlap it (read from the CSV files: titles of
# the others must not show), starts the survey at once when there is only one, and the session
# is answered and sent. The age is asked once: the survey's own age question is answered by the
# band when one of its choices holds it (its screen is not shown; the review shows the answer),
# else it offers only the choices that fit (survey_script --age, the kiosk's draft_tell_age);
# 16 or 17 into "Your life after care" is checked by hand below. Start without a band offers
# every survey. A worker who fixes a band in
# worker mode takes the question off the welcome screen and Start offers that band's surveys;
# letting young people say again brings it back. Shots: WORK/shots/band-*.png.
. tests/scripts/lib.sh
setup_kiosk

# title CSV: the survey's title in English, as the choose screen shows it.
title() {
  t=$(survey_info "$1" form_title)
  [ -n "$t" ] || t=$(survey_info "$1" "form_title::English (en)")
  [ -n "$t" ] || t=$(survey_info "$1" form_id)
  printf '%s' "$t"
}

# overlaps CSV MIN MAX: whether the survey's ages (default 4-25) overlap MIN-MAX.
overlaps() {
  ages=$(survey_info "$1" ages | tr -d ' ')
  [ -n "$ages" ] || ages=4-25
  lo=${ages%-*}
  hi=${ages#*-}
  [ "$lo" -le "$3" ] && [ "$hi" -ge "$2" ]
}

q() { printf '%s' "$1" | sed 's/[\\"]/\\&/g'; }

n=0
for band in "4 7 4 to 7" "8 11 8 to 11" "12 15 12 to 15" "16 17 16 or 17" "18 25 18 to 25"; do
  set -- $band
  min=$1
  max=$2
  shift 2
  label="$*"
  tag=band-$min-$max
  # the surveys for this band, in the kiosk's order (file names)
  offered=""
  count=0
  for csv in assets/surveys/*.csv; do
    if overlaps "$csv" "$min" "$max"; then
      offered="$offered $csv"
      count=$((count + 1))
    fi
  done
  [ "$count" -ge 1 ] || fail "no shipped survey for ages $label"
  # the one made for the band (its ages inside it) if any, else the first of them, that the
  # session generator can follow
  inside=""
  for csv in $offered; do
    ages=$(survey_info "$csv" ages | tr -d ' ')
    [ -n "$ages" ] && [ "${ages%-*}" -ge "$min" ] && [ "${ages#*-}" -le "$max" ] &&
      inside="$inside $csv"
  done
  chosen=""
  for csv in $inside $offered; do
    if AGE=$min-$max survey_answers "$csv" "more trips out please" "$tag" \
      >"$WORK/$tag.answers" 2>/dev/null; then
      chosen=$csv
      break
    fi
  done
  [ -n "$chosen" ] || fail "$label: no offered survey can be answered by the generator"
  {
    echo "expect screen welcome"
    echo "expect text \"How old are you?\""
    echo "tap \"$label\""
    if [ "$count" -eq 1 ]; then
      echo "expect screen question"
      echo "expect text \"$(q "$(title "$chosen")")\""
    else
      echo "expect screen choose"
      echo "shot $tag-choose"
      for csv in assets/surveys/*.csv; do
        t=$(q "$(title "$csv")")
        case " $offered " in
        *" $csv "*) echo "expect text \"$t\"" ;;
        *) echo "expect no-text \"$t\"" ;;
        esac
      done
      echo "tap \"$(q "$(title "$chosen")")\""
    fi
    cat "$WORK/$tag.answers"
  } >"$WORK/$tag.script"
  before=$(responses)
  run_script "$tag"
  [ "$(responses)" -eq $((before + 1)) ] || fail "$label: expected one more response"
  form=$(survey_info "$chosen" form_id)
  [ "$(form_responses "$form")" -ge 1 ] || fail "$label: no response stored for $form"
  n=$((n + 1))
done
[ "$n" -eq 5 ] || fail "only $n bands ran"

# 16 or 17, then the care leavers' survey: "How old are you?" is not asked again, the review
# shows "16 or 17", and the response carries it as the survey's own age band.
{
  echo "expect screen welcome"
  echo "tap \"16 or 17\""
  echo "expect screen choose"
  echo "tap \"$(q "$(title assets/surveys/care_leavers.csv)")\""
  echo "expect screen question"
  echo "tap \"Next\""
  echo "expect no-text \"How old are you?\""
  echo "expect text \"Do you feel safe where you live?\""
  echo "expect text \"2 of 13\""
  echo "tap \"Back\""
  echo "expect text \"1 of 13\""
} >"$WORK/told.script"
run_script told
# and 12 to 15 into "Your life in care" (11 to 13, 14 or 15): only those two are offered
{
  echo "expect screen welcome"
  echo "tap \"12 to 15\""
  echo "expect screen choose"
  echo "tap \"$(q "$(title assets/surveys/children_in_care.csv)")\""
  echo "expect screen question"
  echo "tap \"Next\""
  echo "expect text \"How old are you?\""
  echo "expect text \"11 to 13\""
  echo "expect text \"14 or 15\""
  echo "expect no-text \"16 or 17\""
  echo "shot band-narrowed"
} >"$WORK/narrowed.script"
run_script narrowed

# Start without saying an age: every survey.
{
  echo "expect screen welcome"
  echo "tap \"Start\""
  echo "expect screen choose"
  for csv in assets/surveys/*.csv; do echo "expect text \"$(q "$(title "$csv")")\""; done
  echo "tap \"Back\""
  echo "expect screen welcome"
} >"$WORK/no-band.script"
run_script no-band

# A worker fixes the band 12 to 15: no age question, Start offers that band's surveys only.
digits() { for d in $(echo "$1" | sed 's/./& /g'); do echo "tap \"$d\""; done; }
{
  echo "expect screen welcome"
  echo "hold 20 20 3"
  echo "expect screen pin"
  digits "$PIN"
  echo "tap \"OK\""
  echo "expect screen worker"
  echo "expect text \"Ages: young people say (or not)\""
  echo "tap \"Choose age band\""
  echo "expect screen worker-band"
  echo "shot band-worker"
  echo "tap \"12 to 15\""
  echo "expect screen worker"
  echo "expect text \"Ages: 12 to 15\""
  echo "tap \"Back to welcome\""
  echo "expect screen welcome"
  echo "expect no-text \"How old are you?\""
  echo "shot band-fixed-welcome"
  echo "tap \"Start\""
  echo "expect screen choose"
  for csv in assets/surveys/*.csv; do
    t=$(q "$(title "$csv")")
    if overlaps "$csv" 12 15; then echo "expect text \"$t\""; else echo "expect no-text \"$t\""; fi
  done
  echo "tap \"Back\""
} >"$WORK/fixed.script"
run_script fixed

# The band is kept across a restart, then a worker lets young people say again.
{
  echo "expect screen welcome"
  echo "expect no-text \"How old are you?\""
  echo "hold 20 20 3"
  digits "$PIN"
  echo "tap \"OK\""
  echo "expect text \"Ages: 12 to 15\""
  echo "tap \"Choose age band\""
  echo "tap \"Young people say (or not)\""
  echo "tap \"Back to welcome\""
  echo "expect text \"How old are you?\""
} >"$WORK/unfix.script"
run_script unfix
