#!/bin/sh
# Switch access and keyboard-only use (WCAG 2.1.1): every shipped survey completed start to
# finish by one switch (the focus scanning by itself, the switch selecting), by two switches
# (one moves, one selects; held for a dwell of 0.3 s), and by Tab and Enter alone (typing on
# the physical keyboard). No line of those sessions taps: survey_script's session is rewritten
# so every tap is a `scan` (switch presses and waiting only; a key of the on-screen keyboard
# is reached row by row) or a `tab`, and every typed answer is `scan-type`d on the on-screen
# keyboard. Each Send must add exactly one stored response for that form.
# Then the parts one by one: a key made a switch by pressing it on the worker's screen, a
# switch bouncing (pressed again within 250 ms) doing nothing, a press shorter than the dwell
# doing nothing, Shift-Tab, the one-switch scan resting after three rounds and a press waking
# it without selecting, settings kept on the kiosk across a restart (in the store's setting
# table, key "access"), and settings for one young person forgotten after them and never
# written to disk.
# slow: every shipped survey three times, scanned one focus step at a time (about 25 s of CPU)
. tests/scripts/lib.sh
setup_kiosk

# worker_access LINES...: a script that opens worker mode, the switch access screen, does
# LINES there, and goes back to welcome.
worker_access() {
  printf '%s\n' 'hold 20 20 3' 'expect screen pin'
  for d in $(echo "$PIN" | sed 's/./& /g'); do echo "tap \"$d\""; done
  printf '%s\n' 'tap "OK"' 'expect screen worker' 'tap "Switch access"' 'expect screen worker-access'
  printf '%s\n' "$@"
  printf '%s\n' 'tap "Back"' 'expect screen worker' 'tap "Back to welcome"' 'expect screen welcome'
}

setting() {
  sqlite3 "$DATA/kiosk.db" "SELECT count(*) FROM setting WHERE key = 'access'"
}

# sessions MODE REWRITE: every shipped survey by MODE (a name for the files), its session
# script rewritten by the sed program REWRITE; each must store one response.
sessions() {
  mode=$1
  for csv in assets/surveys/*.csv; do
    form=$(survey_info "$csv" form_id)
    survey_script "$csv" "more trips out please" "$mode-$form" | sed -e "$2" \
      -e '/^shot .*-[0-9][0-9]$/d' >"$WORK/$mode-$form.script" ||
      fail "$csv: could not turn the survey into a kiosk script"
    grep -q '^tap' "$WORK/$mode-$form.script" && fail "$mode-$form: the session still taps"
    before=$(responses)
    run_script "$mode-$form"
    after=$(responses)
    [ "$after" -eq $((before + 1)) ] ||
      fail "$mode $form: the count of stored responses went from $before to $after, not up by one"
    grep -q "^chorus-kiosk: stopping: 1 response stored, 0 drafts wiped when idle$" \
      "$WORK/$mode-$form.err" || fail "$mode $form: $(cat "$WORK/$mode-$form.err")"
  done
}

# ---- one switch: kept on the kiosk, so every run after this one scans ----
worker_access 'tap "One switch"' 'tap "Keep on kiosk"' 'expect text "Switch 1 (selects): Space"' \
  >"$WORK/one-setup.script"
run_script one-setup
[ "$(setting)" -eq 1 ] || fail "Keep on kiosk did not keep the settings in the store"
sessions one 's/^tap "/scan "/; s/^type "/scan-type "/'

# ---- two switches, held 0.3 s to count ----
worker_access 'tap "Two switches"' 'tap "Longer"' 'tap "Longer"' 'tap "Longer"' \
  'expect text "Hold a switch 0.3 s to count"' 'expect text "Switch 1 (moves): Space"' \
  >"$WORK/two-setup.script"
run_script two-setup
sessions two 's/^tap "/scan "/; s/^type "/scan-type "/'

# ---- the keyboard alone: Tab to each target, Enter; typing on the keyboard ----
worker_access 'tap "Off"' >"$WORK/keys-setup.script"
run_script keys-setup
sessions keys 's/^tap "/tab "/'
n=$(ls assets/surveys/*.csv | wc -l)
[ "$(responses)" -eq $((3 * n)) ] || fail "expected $((3 * n)) responses in all, found $(responses)"

# ---- the parts ----
{
  worker_access 'tap "Two switches"' 'tap "Shorter"' 'tap "Shorter"' 'tap "Shorter"' \
    'expect text "Hold a switch 0 s to count"' 'tap "Set switch 1"' \
    'expect text "Press the key or switch for switch 1 now"' 'key F5' \
    'expect text "Switch 1 (moves): F5"' 'tap "Set switch 2"' 'key F5' \
    'expect text "That key is already switch 1"' 'expect text "Switch 2 (selects): Return"'
  cat <<'S'
# the ring starts on the first target in reading order
expect focus "English"
switch 1
expect focus "العربية"
# a bounce: the same switch again at once does nothing
key F5
expect focus "العربية"
wait 300
key F5
expect focus "فارسی"
# Shift-Tab goes back, Tab on
key shift-tab
expect focus "العربية"
key tab
expect focus "فارسی"
S
} >"$WORK/parts.script"
run_script parts

# Arabic chosen by switch: the screen is mirrored, and so is the reading order (the language
# buttons keep their places: from the right now, English is after العربية).
cat >"$WORK/rtl.script" <<'S'
expect screen welcome
scan "العربية"
expect focus "العربية"
switch 1
expect focus "English"
switch 1
expect focus "Shqip"
S
run_script rtl

# The dwell, and the one-switch scan resting: after three rounds without a press it stops
# (no CPU for an empty kiosk), and a press wakes it without selecting anything.
{
  worker_access 'tap "One switch"' 'tap "Longer"' 'tap "Longer"' 'tap "Longer"' 'tap "Longer"' \
    'expect text "Hold a switch 0.5 s to count"'
  cat <<'S'
expect focus "English"
wait 1500
expect focus "العربية"
# held 0.2 s: too short to count, and the scan waits while it is held
switch 1 200
expect screen welcome
wait 1300
expect focus "فارسی"
wait 100000
shot resting
S
} >"$WORK/dwell.script"
run_script dwell
cat >"$WORK/rest.script" <<'S'
expect screen welcome
wait 100000
expect focus "English"
wait 5000
expect focus "English"
switch 1
expect screen welcome
expect focus "English"
wait 1500
expect focus "العربية"
S
run_script rest

# ---- for this person only: used, then forgotten, and never on disk ----
survey_script assets/surveys/how_was_today.csv "" once |
  sed -e 's/^tap "/scan "/; s/^type "/scan-type "/' -e '/^shot /d' >"$WORK/once-session.script"
{
  worker_access 'tap "Two switches"' 'tap "This person only"' 'expect text "Switch 1 (moves)"'
  cat "$WORK/once-session.script"
  # the next person: switches do nothing, and worker mode shows the one-switch words again
  worker_access 'expect text "Switch 1 (selects)"'
} >"$WORK/once.script"
before=$(responses)
run_script once
[ "$(responses)" -eq $((before + 1)) ] || fail "the session for one person stored no response"
[ "$(setting)" -eq 0 ] || fail "settings for one person were written to the store"
echo "switch access: every survey by one switch, two switches and the keyboard ($(responses) responses)"
