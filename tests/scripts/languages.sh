#!/bin/sh
# Every language of the shipped surveys, as a young person reading it would meet it: on the
# welcome screen they tap their language (its name in its own script), Start, the survey by its
# translated title, then answer every question by tapping its translated choices (read from the
# CSV files, never from the kiosk), and Send. Each question screen is checked by its translated
# label and saved as a shot (WORK/shots/LANG-FORM-NN.png) for a person to look at; each session
# stores exactly one response. Run on the surveys that have every language and no skip logic
# (how_was_today for drop-in hubs, little_voices for 4 to 7 with pictures), at 800x480 for the
# right-to-left languages, where mirroring is tightest.
# slow: every language's screens (about 9 s);
# `make test-quick` leaves it out.
. tests/scripts/lib.sh
setup_kiosk

# A language's name on its button: the kiosk's table (kiosk/app.c), else the survey's name for
# it without "(code)".
endonym() {
  case $1 in
  en) echo "English" ;;
  ar) echo "العربية" ;;
  fa) echo "فارسی" ;;
  ps) echo "پښتو" ;;
  ti) echo "ትግርኛ" ;;
  ckb) echo "کوردی" ;;
  vi) echo "Tiếng Việt" ;;
  sq) echo "Shqip" ;;
  *) echo "$2" | sed 's/ *([^)]*)$//' ;;
  esac
}

# The kiosk's own words a script taps, in a language (kiosk/app.c: English unless translated).
ui_word() {
  case "$1:$2" in
  ar:start) echo "ابدأ" ;;
  ar:next) echo "التالي" ;;
  ar:send) echo "إرسال" ;;
  ar:finish) echo "إنهاء" ;;
  fa:start) echo "شروع" ;;
  fa:next) echo "بعدی" ;;
  fa:send) echo "فرستادن" ;;
  fa:finish) echo "پایان" ;;
  ps:start) echo "پیل" ;;
  ps:next) echo "بل" ;;
  ps:send) echo "ولېږه" ;;
  ps:finish) echo "پای" ;;
  ti:start) echo "ጀምር" ;;
  ti:next) echo "ቀጽል" ;;
  ti:send) echo "ስደድ" ;;
  ti:finish) echo "ዛዝም" ;;
  ckb:start) echo "دەست پێبکە" ;;
  ckb:next) echo "دواتر" ;;
  ckb:send) echo "ناردن" ;;
  ckb:finish) echo "کۆتایی" ;;
  vi:start) echo "Bắt đầu" ;;
  vi:next) echo "Tiếp" ;;
  vi:send) echo "Gửi" ;;
  vi:finish) echo "Kết thúc" ;;
  sq:start) echo "Fillo" ;;
  sq:next) echo "Vazhdo" ;;
  sq:send) echo "Dërgo" ;;
  sq:finish) echo "Mbaro" ;;
  *:start) echo "Start" ;;
  *:next) echo "Next" ;;
  *:send) echo "Send" ;;
  *:finish) echo "Finish" ;;
  esac
}

# Reads one survey CSV (quoted fields with "" and newlines, the survey/choices/settings sheets).
#   mode=langs    one line a language: "CODE<TAB>Name (CODE)", from every label:: header
#   mode=title    the form_title in language `lang` (a header's name, "Arabic (ar)"), else English
#   mode=answers  kiosk script lines answering every question in `lang` from its first question
#                 screen to Send: each label expected, the first choice that is not a safety
#                 answer tapped, text typed, a shot of each screen (PREFIX-NN)
LANG_AWK='
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
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
function esc(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return s }
function die(msg) { print "languages: " FILENAME ": " msg > "/dev/stderr"; bad = 1; exit 2 }
{
  sub(/\r$/, "")
  if (pending != "") { $0 = pending "\n" $0; pending = "" }
  if (quotes($0) % 2) { pending = $0; next }
  n = csvsplit($0, f)
  first = trim(f[1])
  if (first == "survey" || first == "choices" || first == "settings") {
    sheet = first; want_header = 1; next
  }
  if (want_header) {
    want_header = 0
    for (i = 2; i <= n; i++) {
      h = trim(f[i]); head[sheet, h] = i
      if (h ~ /^label::/ && h ~ /\([^)]*\)$/) {
        name = substr(h, 8); code = name; sub(/^.*\(/, "", code); sub(/\)$/, "", code)
        if (!(code in seen)) { seen[code] = 1; langs[++nlangs] = code "\t" name }
      }
    }
    next
  }
  rows[sheet]++
  for (i = 1; i <= n; i++) cell[sheet, rows[sheet], i] = f[i]
}
function get(sheet, r, col,   c) { c = head[sheet, col]; return c ? trim(cell[sheet, r, c]) : "" }
# A text in lang, else in English (the kiosk falls back to the default language the same way).
function text(sheet, r, base,   t) {
  t = get(sheet, r, base "::" lang)
  if (t == "") t = get(sheet, r, base "::English (en)")
  if (t == "") t = get(sheet, r, base)
  return t
}
function shot(k) { printf "shot %s-%02d\n", prefix, k }
END {
  if (bad) exit 2
  if (mode == "langs") { for (i = 1; i <= nlangs; i++) print langs[i]; exit 0 }
  if (mode == "title") { print text("settings", 1, "form_title"); exit 0 }
  for (r = 1; r <= rows["choices"]; r++) {
    l = get("choices", r, "list_name")
    if (l == "") continue
    k = ++nch[l]
    chlabel[l, k] = text("choices", r, "label")
    chsafe[l, k] = tolower(get("choices", r, "safeguarding")) ~ /^(yes|true|1)$/
  }
  screen = 0
  for (r = 1; r <= rows["survey"]; r++) {
    type = get("survey", r, "type")
    if (type == "") continue
    if (type ~ /group|repeat/ || get("survey", r, "relevant") != "")
      die("groups and relevant are not followed here")
    screen++
    label = text("survey", r, "label")
    print "expect screen question"
    print "expect text \"" esc(label) "\""
    split(type, tw, / +/)
    if (tw[1] == "select_one" || tw[1] == "select_multiple") {
      l = tw[2]
      for (k = 1; k <= nch[l] && chsafe[l, k]; k++) ;
      if (k > nch[l]) die("no choice to tap in list " l)
      print "tap \"" esc(chlabel[l, k]) "\""
    } else if (type == "text") {
      print "type \"ok\""
      print "expect text \"ok\""
    } else if (type == "integer") {
      print "type \"12\""
    }
    shot(screen)
    print "tap \"" next_word "\""
  }
  print "expect screen review"
}'

survey_langs() { awk -v mode=langs "$LANG_AWK" "$1"; }
survey_title() { awk -v mode=title -v lang="$2" "$LANG_AWK" "$1"; }
survey_lang_answers() {
  awk -v mode=answers -v lang="$2" -v prefix="$3" -v next_word="$4" "$LANG_AWK" "$1"
}

# Every language found in the shipped surveys.
langs_file="$WORK/langs.tsv"
for csv in assets/surveys/*.csv; do survey_langs "$csv"; done | sort -u -k1,1 >"$langs_file"
[ "$(wc -l <"$langs_file")" -ge 8 ] ||
  fail "expected at least 8 languages, found: $(cut -f1 "$langs_file" | tr '\n' ' ')"

# (lib.sh's run_script sets `name`: these loop variables are called otherwise)
n=0
while IFS="$(printf '\t')" read -r lcode lname; do
  size=1280x800
  case $lcode in ar | fa | ps | ckb | ur | he) size=800x480 ;; esac
  for form in how_was_today little_voices; do
    csv=assets/surveys/$form.csv
    grep -q "label::$lname" "$csv" || fail "$csv has no label::$lname column"
    title=$(survey_title "$csv" "$lname")
    [ -n "$title" ] || fail "$csv: no form_title"
    {
      echo "expect screen welcome"
      echo "tap \"$(endonym "$lcode" "$lname")\""
      echo "check-words"
      echo "expect text \"$(ui_word "$lcode" start)\""
      echo "tap \"$(ui_word "$lcode" start)\""
      echo "expect screen choose"
      printf 'tap "%s"\n' "$(printf '%s' "$title" | sed 's/[\\"]/\\&/g')"
      survey_lang_answers "$csv" "$lname" "$lcode-$form" "$(ui_word "$lcode" next)" ||
        fail "$csv: cannot answer it in $lname"
      echo "tap \"$(ui_word "$lcode" send)\""
      echo "expect screen thanks"
      echo "tap \"$(ui_word "$lcode" finish)\""
      echo "expect screen welcome"
      # the next person starts in the default language again
      echo "expect text \"Start\""
    } >"$WORK/$lcode-$form.script"
    before=$(responses)
    run_script "$lcode-$form" --size "$size"
    [ "$(responses)" -eq $((before + 1)) ] || fail "$lcode $form: no response stored"
    [ -s "$WORK/shots/$lcode-$form-01.png" ] || fail "$lcode $form: no shot of its first question"
    n=$((n + 1))
  done
done <"$langs_file"
[ "$n" -ge 16 ] || fail "only $n sessions ran"
[ "$(responses)" -eq "$n" ] || fail "expected $n responses, found $(responses)"
