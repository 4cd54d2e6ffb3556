# Shared by the scenario scripts: sourced, never run alone (run.sh runs only *.sh files that
# are not this one). Sets up council keys and a kiosk data folder with a PIN, and runs scripts.
#   BUILD  the build folder;  WORK  a fresh folder for this scenario
BUILD=$1
WORK=$2
KIOSK="$BUILD/chorus-kiosk"
SYNC="$BUILD/chorus-sync"
DATA="$WORK/kiosk"
PIN=246810

fail() { echo "FAIL: $*" >&2; exit 1; }

# Council keys and a provisioned kiosk with worker PIN $PIN.
setup_kiosk() {
  "$SYNC" keygen --dir "$WORK/council" --plain >/dev/null || fail "keygen"
  echo "$PIN" | "$KIOSK" --data "$DATA" --set-pin >/dev/null || fail "set-pin"
  "$KIOSK" --data "$DATA" --council-key "$WORK/council/council-box.pub" status >/dev/null ||
    fail "provisioning the council key"
}

# kiosk_script FILE [extra options]: runs a script headless, screenshots into $WORK/shots.
kiosk_script() {
  script=$1
  shift
  "$KIOSK" --data "$DATA" --headless --script "$script" --shots "$WORK/shots" "$@"
}

# responses: how many responses the kiosk holds.
responses() {
  sqlite3 "$DATA/kiosk.db" 'SELECT count(*) FROM response'
}

# ---- helpers for reading shipped surveys into kiosk scripts ----

# They read a survey through the kiosk's own reader and evaluator, in tests/tools/survey_script.c
# (its header says how every question is answered), never through a reader of their own.
SURVEY_TOOL="$BUILD/tests/tools/survey_script"

# survey_tool ARGS...: runs the tool, or says it is missing.
survey_tool() {
  [ -x "$SURVEY_TOOL" ] || { echo "$SURVEY_TOOL is missing: run make build" >&2; return 1; }
  "$SURVEY_TOOL" "$@"
}

# survey_info CSV KEY: a setting of the survey: form_id, version, form_title (in its default
# language), form_title::LANGUAGE, or ages (MIN-MAX; the kiosk's 4-25 when the survey names none).
survey_info() {
  survey_tool info "$1" "$2"
}

# survey_answers CSV TEXT [SHOT_PREFIX [UNSAFE]]: prints kiosk script lines that answer every
# question of the survey, starting on its first question screen and ending back on welcome
# after Send. Choices are tapped by label (varying which, never a safeguarding one; drawn at
# random when SEED is set), TEXT is typed into text questions, one question is declined, and
# `relevant` is followed. Each question screen, once answered, is shot as SHOT_PREFIX-NN. With
# UNSAFE (a question name), that question gets its safeguarding answer, and the script checks
# the safety screen, asks for someone to talk to, and carries on. With AGE=MIN-MAX set, the
# young person told the welcome that age (the survey's age question answered or narrowed).
survey_answers() {
  survey_tool ${SEED:+--seed "$SEED"} ${AGE:+--age "$AGE"} answers "$1" "${2:-}" "${3:-}" "${4:-}"
}

# survey_script CSV TEXT [SHOT_PREFIX [UNSAFE]]: a whole session from the welcome screen,
# choosing the survey by its title (the kiosk holds all of assets/surveys, so Start leads to
# the choice).
survey_script() {
  survey_tool ${SEED:+--seed "$SEED"} session "$1" "${2:-}" "${3:-}" "${4:-}"
}

# run_script NAME [options]: runs $WORK/NAME.script (written by the scenario), keeping its
# stderr in $WORK/NAME.err; fails the scenario with that stderr when the script fails.
run_script() {
  name=$1
  shift
  if ! kiosk_script "$WORK/$name.script" "$@" 2>"$WORK/$name.err"; then
    cat "$WORK/$name.err" >&2
    fail "kiosk script $name failed (see above)"
  fi
}

# form_responses FORM_ID: how many responses the kiosk holds for one form.
form_responses() {
  sqlite3 "$DATA/kiosk.db" "SELECT count(*) FROM response WHERE form_id = '$1'"
}
