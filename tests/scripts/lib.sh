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
  "$SYNC" keygen --dir "$WORK/council" >/dev/null || fail "keygen"
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

# ---- helpers for reading shipped surveys (XLSForm single CSV) into kiosk scripts ----

# The awk program behind survey_info and survey_answers. Reads one survey CSV (quoted fields,
# "" escapes, the survey/choices/settings sheets) and, in END, either prints a settings value
# (mode=info, key=form_id|form_title|...) or a kiosk script that answers every question from
# the first question screen to the thank-you screen (mode=answers). The script taps a choice
# by its label (varying which one, never a safeguarding one), types `text` into text
# questions, declines one question with "I'd rather not say", follows `relevant` expressions
# of the forms ${q} = 'v', ${q} != 'v' joined by and/or, and takes a shot of every question
# screen, once answered, as PREFIX-NN when `shots` is set. Groups are not supported: it says so and fails.
SURVEY_AWK='
BEGIN { if (seed != "") srand(seed) }
function csvsplit(line, f,    n, i, c, inq, cur, len) {
  n = 0; cur = ""; inq = 0; len = length(line)
  for (i = 1; i <= len; i++) {
    c = substr(line, i, 1)
    if (inq) {
      if (c == "\"") { if (substr(line, i + 1, 1) == "\"") { cur = cur "\""; i++ } else inq = 0 }
      else cur = cur c
    } else if (c == "\"") inq = 1
    else if (c == ",") { f[++n] = cur; cur = "" }
    else cur = cur c
  }
  f[++n] = cur
  return n
}
function quotes(s,   t) { t = s; return gsub(/"/, "", t) }
function esc(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return s }
function die(msg) { print "survey_answers: " FILENAME ": " msg > "/dev/stderr"; bad = 1; exit 2 }
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
# ${q} = \x27v\x27 or ${q} != \x27v\x27 terms joined by and / or (no brackets); unanswered is "".
function relevant(expr,   ors, nor, i, ands, nand, j, ok, all, t, name, op, val) {
  expr = trim(expr)
  if (expr == "") return 1
  nor = split(expr, ors, / or /)
  for (i = 1; i <= nor; i++) {
    nand = split(ors[i], ands, / and /)
    all = 1
    for (j = 1; j <= nand; j++) {
      t = trim(ands[j])
      if (!match(t, /^\$\{[A-Za-z_][A-Za-z0-9_.-]*\} *!?= *\x27[^\x27]*\x27$/))
        die("cannot follow the relevant expression \"" expr "\"")
      name = t; sub(/^\$\{/, "", name); sub(/\}.*/, "", name)
      op = (t ~ /!=/) ? "!=" : "="
      val = t; sub(/^[^\x27]*\x27/, "", val); sub(/\x27$/, "", val)
      ok = (op == "=") ? (ans[name] == val) : (ans[name] != val)
      if (!ok) all = 0
    }
    if (all) return 1
  }
  return 0
}
{
  sub(/\r$/, "")
  if (pending != "") { $0 = pending "\n" $0; pending = "" }
  if (quotes($0) % 2) { pending = $0; next }
  n = csvsplit($0, f)
  first = trim(f[1])
  if (first == "survey" || first == "choices" || first == "settings") {
    sheet = first; rest = ""
    for (i = 2; i <= n; i++) rest = rest f[i]
    if (rest == "") { want_header = 1; next }
    f[1] = ""; want_header = 0
    for (i = 1; i <= n; i++) head[sheet, trim(f[i])] = i
    next
  }
  if (want_header) {
    want_header = 0
    for (i = 1; i <= n; i++) head[sheet, trim(f[i])] = i
    next
  }
  rows[sheet]++
  for (i = 1; i <= n; i++) cell[sheet, rows[sheet], i] = f[i]
  ncell[sheet, rows[sheet]] = n
}
function shot(n) { if (shots != "") printf "shot %s-%02d\n", shots, n }
function get(sheet, r, name,   c) { c = head[sheet, name]; return c ? cell[sheet, r, c] : "" }
function label_col(sheet,   k, parts) {
  if (lang != "" && head[sheet, "label::" lang]) return "label::" lang
  if (head[sheet, "label"]) return "label"
  for (k in head) {
    split(k, parts, SUBSEP)
    if (parts[1] == sheet && parts[2] ~ /^label::/) return parts[2]
  }
  die("no label column in the " sheet " sheet")
}
END {
  if (bad) exit 2
  lang = trim(get("settings", 1, "default_language"))
  if (mode == "info") { print get("settings", 1, key); exit 0 }
  slabel = label_col("survey"); clabel = label_col("choices")
  for (r = 1; r <= rows["choices"]; r++) {
    l = trim(get("choices", r, "list_name"))
    if (l == "") continue
    k = ++nch[l]
    chname[l, k] = trim(get("choices", r, "name"))
    chlabel[l, k] = get("choices", r, clabel)
    chsafe[l, k] = tolower(trim(get("choices", r, "safeguarding"))) ~ /^(yes|true|1)$/
  }
  # Questions named in any relevant expression: declining one of them would change the path,
  # so the declined question is one that nothing depends on.
  for (r = 1; r <= rows["survey"]; r++) {
    e = get("survey", r, "relevant")
    while (match(e, /\$\{[^}]*\}/)) {
      referenced[substr(e, RSTART + 2, RLENGTH - 3)] = 1
      e = substr(e, RSTART + RLENGTH)
    }
  }
  screen = 0; asked = 0; declined = 0
  for (r = 1; r <= rows["survey"]; r++) {
    type = trim(get("survey", r, "type")); name = trim(get("survey", r, "name"))
    if (type == "") continue
    if (type ~ /group/ || type ~ /repeat/) die("groups are not supported by this generator")
    label = get("survey", r, slabel)
    if (!relevant(get("survey", r, "relevant"))) continue
    screen++
    printf "# screen %d: %s (%s)\n", screen, name, type
    print "expect screen question"
    print "expect text \"" esc(label) "\""
    ans[name] = ""
    if (type == "note") { shot(screen); print "tap \"Next\""; continue }
    asked++
    if (unsafe != "" && name == unsafe) {
      split(type, tw, / +/); l = tw[2]
      for (k = 1; k <= nch[l] && !chsafe[l, k]; k++) ;
      if (k > nch[l]) die(name " has no choice marked safeguarding")
      print "tap \"" esc(chlabel[l, k]) "\""
      ans[name] = chname[l, k]
      print "expect screen safety"
      print "expect text \"Childline\""
      print "expect text \"0800 1111\""
      if (shots != "") print "shot " shots "-safety"
      print "tap \"I\x27d like someone to talk to me\""
      print "expect screen safety"
      print "expect text \"We will ask someone to talk to you\""
      if (shots != "") print "shot " shots "-safety-talk"
      print "tap \"Carry on\""
      print "expect screen question"
      print "expect text \"" esc(label) "\""
      shot(screen)
      print "tap \"Next\""
      unsafe_done = 1
      continue
    }
    if (!declined && asked >= 2 && !referenced[name]) {
      print "tap \"I\x27d rather not say\""
      shot(screen)
      print "tap \"Next\""
      declined = 1
      continue
    }
    split(type, tw, / +/)
    if (tw[1] == "select_one" || tw[1] == "select_multiple") {
      l = tw[2]
      if (!nch[l]) die("no choices for list " l)
      want = tw[1] == "select_multiple" ? 2 : 1
      got = 0
      for (t = 0; t < nch[l] && got < want; t++) {
        k = seed != "" ? int(rand() * nch[l]) + 1 : (asked + t) % nch[l] + 1
        if (chsafe[l, k]) continue
        print "tap \"" esc(chlabel[l, k]) "\""
        if (asked == 1 && !got) first_answer = chlabel[l, k]
        ans[name] = ans[name] (got ? " " : "") chname[l, k]
        got++
      }
      if (!got) print "tap \"I\x27d rather not say\""
    } else if (type == "text") {
      if (text != "") {
        print "type \"" esc(text) "\""
        print "expect text \"" esc(text) "\""
        ans[name] = text
      }
    } else if (type == "integer") {
      print "type \"12\""
      print "expect text \"12\""
      ans[name] = "12"
    } else die("question type " type " is not supported by this generator")
    shot(screen)
    print "tap \"Next\""
  }
  if (!declined) die("found no question to decline")
  if (unsafe != "" && !unsafe_done) die("no question " unsafe " was asked")
  print "# the review, then Send"
  print "expect screen review"
  print "expect text \"Check your answers\""
  print "expect text \"I\x27d rather not say\""
  if (first_answer != "") print "expect text \"" esc(first_answer) "\""
  if (shots != "") print "shot " shots "-review"
  print "tap \"Send\""
  print "expect screen thanks"
  if (shots != "") print "shot " shots "-thanks"
  print "tap \"Finish\""
  print "expect screen welcome"
}'

# survey_info CSV KEY: a value of the survey's settings sheet (form_id, form_title, version).
survey_info() {
  awk -v mode=info -v key="$2" "$SURVEY_AWK" "$1"
}

# survey_answers CSV TEXT [SHOT_PREFIX [UNSAFE]]: prints kiosk script lines that answer every
# question of the survey, starting on its first question screen and ending back on welcome
# after Send. With UNSAFE (a question name), that question gets its safeguarding answer, and
# the script checks the safety screen, asks for someone to talk to, and carries on.
survey_answers() {
  awk -v mode=answers -v text="$2" -v shots="${3:-}" -v unsafe="${4:-}" -v seed="${SEED:-}" \
    "$SURVEY_AWK" "$1"
}

# survey_script CSV TEXT [SHOT_PREFIX]: a whole session from the welcome screen, choosing the
# survey by its title (the kiosk holds all of assets/surveys, so Start leads to the choice).
survey_script() {
  title=$(survey_info "$1" form_title) || return 1
  [ -n "$title" ] || { echo "survey_script: $1 has no form_title" >&2; return 1; }
  printf 'expect screen welcome\ntap "Start"\nexpect screen choose\ntap "%s"\n' \
    "$(printf '%s' "$title" | sed 's/[\\"]/\\&/g')"
  survey_answers "$@"
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
