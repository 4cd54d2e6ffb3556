#!/bin/sh
# Read-aloud, offline: `chorus-kiosk say` makes a WAV file of real speech (16-bit mono PCM of a
# plausible length, not silence) in every shipped language espeak-ng has a voice for, refuses
# clearly (exit 1) the languages it has none for, and plays a recording instead when given one
# (converted to the kiosk's format, whatever its rate and channels). Then the headless kiosk
# runs a small 4-7 survey with --speech-out: each question is read aloud on entry, and every
# utterance is a good WAV file, listed in utterances.tsv.
. tests/scripts/lib.sh

# u32 FILE OFFSET / u16 FILE OFFSET: a little-endian integer of a file.
u32() { od -A n -t u4 -j "$2" -N 4 --endian=little "$1" | tr -d ' '; }
u16() { od -A n -t u2 -j "$2" -N 2 --endian=little "$1" | tr -d ' '; }

# wav_check FILE MIN_MS MAX_MS: a canonical PCM WAV file, mono, 16-bit, whose duration is
# between MIN_MS and MAX_MS and whose samples are sound, not silence (peak and RMS).
wav_check() {
  f=$1
  [ -s "$f" ] || fail "$f: missing or empty"
  [ "$(head -c 4 "$f")" = RIFF ] || fail "$f: no RIFF magic"
  [ "$(dd if="$f" bs=1 skip=8 count=8 2>/dev/null)" = "WAVEfmt " ] || fail "$f: not WAVE"
  [ "$(dd if="$f" bs=1 skip=36 count=4 2>/dev/null)" = data ] || fail "$f: no data chunk"
  [ "$(u16 "$f" 20)" = 1 ] || fail "$f: not PCM"
  [ "$(u16 "$f" 22)" = 1 ] || fail "$f: not mono"
  [ "$(u16 "$f" 34)" = 16 ] || fail "$f: not 16-bit"
  rate=$(u32 "$f" 24)
  bytes=$(u32 "$f" 40)
  size=$(wc -c <"$f")
  [ "$size" -eq $((44 + bytes)) ] || fail "$f: data chunk says $bytes bytes, file has $size"
  [ "$rate" -ge 8000 ] && [ "$rate" -le 48000 ] || fail "$f: odd sample rate $rate"
  ms=$((bytes / 2 * 1000 / rate))
  [ "$ms" -ge "$2" ] && [ "$ms" -le "$3" ] || fail "$f: lasts $ms ms, expected $2 to $3"
  od -A n -t d2 -j 44 -v --endian=little "$f" | awk -v f="$f" '
    { for (i = 1; i <= NF; i++) { v = $i < 0 ? -$i : $i; if (v > peak) peak = v; sq += $i * $i; n++ } }
    END {
      rms = n ? sqrt(sq / n) : 0
      if (peak < 2000 || rms < 300) { printf "FAIL: %s: silence (peak %d, rms %d)\n", f, peak, rms; exit 1 }
    }' >&2 || exit 1
}

# ---- say: every language the shipped surveys use ----
for lang in en ar fa vi sq; do
  case $lang in
    en) text="How do you feel at school? Tap a face to answer." ;;
    ar) text="كيف تشعر في المدرسة؟" ;;
    fa) text="در مدرسه چه حسی داری؟" ;;
    vi) text="Em cảm thấy thế nào ở trường?" ;;
    sq) text="Si ndihesh në shkollë?" ;;
  esac
  "$KIOSK" say --lang "$lang" --out "$WORK/say-$lang.wav" "$text" >"$WORK/say-$lang.out" \
    2>"$WORK/say-$lang.err" || { cat "$WORK/say-$lang.err" >&2; fail "say --lang $lang failed"; }
  wav_check "$WORK/say-$lang.wav" 500 15000
done
# Region subtags and case are the same language.
"$KIOSK" say --lang en-GB --out "$WORK/say-en-gb.wav" "Hello" >/dev/null 2>&1 ||
  fail "say --lang en-GB failed"
wav_check "$WORK/say-en-gb.wav" 200 5000

# Languages espeak-ng 1.51 has no voice for: a clear refusal, exit 1, and no file.
for lang in ps ti ckb zz; do
  "$KIOSK" say --lang "$lang" --out "$WORK/none-$lang.wav" "سلام" 2>"$WORK/none-$lang.err"
  rc=$?
  [ $rc -eq 1 ] || fail "say --lang $lang: exit $rc; espeak-ng has no voice for it: expected 1"
  grep -q "no voice for this language: '$lang'" "$WORK/none-$lang.err" ||
    fail "say --lang $lang: no clear message: $(cat "$WORK/none-$lang.err")"
  [ ! -e "$WORK/none-$lang.wav" ] || fail "say --lang $lang left a file"
done

# ---- a recording wins, in any language: 1 s of a 440 Hz square wave, 44.1 kHz stereo ----
# (50 frames high, 50 low, repeated 441 times: 44100 frames, 176400 bytes). Samples are
# 0x3030 and 0xd0d0: no NUL byte, which a shell variable could not hold.
rec="$WORK/recording.wav"
{
  printf 'RIFF'; printf '\064\261\002\000'          # 36 + 176400 = 176436
  printf 'WAVEfmt '; printf '\020\000\000\000'      # fmt chunk of 16 bytes
  printf '\001\000\002\000'                         # PCM, 2 channels
  printf '\104\254\000\000'                         # 44100 frames a second
  printf '\020\261\002\000'                         # 176400 bytes a second
  printf '\004\000\020\000'                         # 4 bytes a frame, 16 bits
  printf 'data'; printf '\020\261\002\000'          # 176400 bytes
  hi=$(printf '\060\060\060\060'); lo=$(printf '\320\320\320\320')
  chunk=""
  i=0; while [ $i -lt 50 ]; do chunk="$chunk$hi"; i=$((i + 1)); done
  i=0; while [ $i -lt 50 ]; do chunk="$chunk$lo"; i=$((i + 1)); done
  i=0; while [ $i -lt 441 ]; do printf '%s' "$chunk"; i=$((i + 1)); done
} >"$rec"
[ "$(wc -c <"$rec")" -eq 176444 ] || fail "the test recording is $(wc -c <"$rec") bytes"
"$KIOSK" say --lang ps --audio "$rec" --out "$WORK/played.wav" >/dev/null 2>"$WORK/played.err" ||
  { cat "$WORK/played.err" >&2; fail "say --audio: the recording was not played"; }
wav_check "$WORK/played.wav" 950 1050
[ "$(u32 "$WORK/played.wav" 24)" = "$(u32 "$WORK/say-en.wav" 24)" ] ||
  fail "a recording is not converted to the rate of the voices"

# A broken recording is named, and is an error, not silence.
printf 'not a wav' >"$WORK/broken.wav"
if "$KIOSK" say --lang en --audio "$WORK/broken.wav" --out "$WORK/x.wav" 2>"$WORK/broken.err"; then
  fail "say --audio played a broken file"
fi
grep -q "broken.wav" "$WORK/broken.err" || fail "the broken recording is not named"
if "$KIOSK" say --lang en --audio "$WORK/missing.wav" --out "$WORK/x.wav" 2>"$WORK/missing.err"; then
  fail "say --audio played a missing file"
fi
grep -q "missing.wav" "$WORK/missing.err" || fail "the missing recording is not named"

# Options that don't go together.
"$KIOSK" say --out "$WORK/x.wav" "hello" 2>/dev/null && fail "say without --lang was accepted"
"$KIOSK" --speech-out "$WORK/sp" status 2>/dev/null && fail "--speech-out without --headless"

# ---- the headless kiosk with --speech-out, on a small 4-7 survey ----
setup_kiosk
mkdir -p "$WORK/surveys"
cat >"$WORK/surveys/tiny.csv" <<'CSV'
survey,,,,,
,type,name,label::English (en),appearance,label::Pashto (ps)
,select_one face5,school_feel,How do you feel at school?,faces,په ښوونځي کې څنګه احساس کوې؟
,select_one yn,friends,Do you have friends to play with?,,ملګري لرې چې ورسره لوبې وکړې؟
choices,,,,
,list_name,name,label::English (en),label::Pashto (ps)
,face5,very_sad,Very sad,ډېر خپه
,face5,sad,Sad,خپه
,face5,ok,OK,سم
,face5,happy,Happy,خوشاله
,face5,very_happy,Very happy,ډېر خوشاله
,yn,yes,Yes,هو
,yn,no,No,نه
settings,,,
,form_id,version,form_title::English (en),default_language,ages
,tiny,1,A tiny survey,English (en),4-7
CSV
cat >"$WORK/tiny.script" <<'S'
expect screen welcome
tap "Start"
expect text "How do you feel at school?"
tap "Happy"
tap "Next"
expect text "Do you have friends to play with?"
S
run_script tiny --surveys "$WORK/surveys" --speech-out "$WORK/speech"
grep -q "read aloud: writing utterances to $WORK/speech" "$WORK/tiny.err" ||
  fail "the kiosk did not say where read-aloud goes: $(cat "$WORK/tiny.err")"
if grep -q "read aloud is off" "$WORK/tiny.err"; then
  fail "read-aloud is off in the headless kiosk: $(cat "$WORK/tiny.err")"
fi
[ -d "$WORK/speech" ] || fail "--speech-out did not make its folder"
# A 4-7 survey reads each question aloud as it appears: two questions, two utterances.
n=0
for f in "$WORK/speech"/*.wav; do
  [ -e "$f" ] || continue
  n=$((n + 1))
  wav_check "$f" 200 20000
done
[ "$n" -ge 2 ] || fail "a 4-7 session read $n questions aloud on entry, expected 2"
[ "$(wc -l <"$WORK/speech/utterances.tsv")" -eq "$n" ] ||
  fail "utterances.tsv does not list the $n files: $(cat "$WORK/speech/utterances.tsv")"
for q in "How do you feel at school?" "Do you have friends to play with?"; do
  grep -q "	en	espeak	$q\$" "$WORK/speech/utterances.tsv" ||
    fail "\"$q\" was not read aloud in English: $(cat "$WORK/speech/utterances.tsv")"
done

# Without --speech-out a headless run makes no sound and writes no speech.
run_script tiny --surveys "$WORK/surveys"
if grep -q "read aloud" "$WORK/tiny.err"; then
  fail "read-aloud started in a headless run without --speech-out"
fi
exit 0
