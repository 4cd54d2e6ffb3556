/* speech.h: read-aloud, offline: espeak-ng's library for text, SDL's WAV loader for recordings.
 *
 * One of the few kiosk files that know SDL (its audio only). An utterance is 16-bit mono PCM at
 * the synthesiser's rate; it is played through the default SDL audio device, or written to a
 * numbered WAV file for headless tests (--speech-out), or to a named file (`chorus-kiosk say`).
 * A new utterance stops the one playing. espeak-ng is a process-wide library, so there is at
 * most one Speech at a time.
 *
 * Languages are the survey's codes (en, ar, fa, ...). Our table maps them to espeak-ng voices,
 * and says which languages espeak-ng 1.51 has no voice for (Pashto, Tigrinya, Sorani): those
 * are covered by recordings in a survey's `media::audio` column, which always win.
 *
 * Start reading at speech_open() and speech_say() in speech.c. */
#ifndef CHORUS_SPEECH_H
#define CHORUS_SPEECH_H

#include "chorus_limits.h"

/* Limits (they belong with chorus_limits.h once read-aloud settles). */
#define SPEECH_SECONDS_MAX 120                   /* seconds of one utterance, spoken or recorded */
#define SPEECH_RECORDING_MAX (32L * 1024 * 1024) /* bytes of one recorded WAV file */
#define SPEECH_LANG_MAX 15                       /* bytes of a language code we look up */
#define SPEECH_RATE_WPM 145 /* words a minute: slower than espeak's 175, for young listeners */

typedef struct Speech Speech;

typedef enum {
    SPEECH_PLAY,  /* play through the default SDL audio device (SDL audio already initialised) */
    SPEECH_FILES, /* write each utterance to DIR/NNN.wav (001.wav, ...; from 001 again each
                   * run) and a line per file in DIR/utterances.tsv: headless tests only */
    SPEECH_NONE   /* no output of its own: only speech_save() */
} SpeechOutput;

/* Opening and closing */

/* Starts read-aloud with output out; dir is the folder for SPEECH_FILES (created if missing),
 * else ignored. log (may be NULL) receives one line for each utterance that fails, never the
 * text itself. When espeak-ng does not start but the output does, the Speech still plays
 * recordings: speech_has_voice() is 0 for every language and err says why (check
 * speech_has_synth()). Returns NULL with err (ERR_LEN) when there is no audio device, the
 * folder can't be made, or a Speech is already open. Free with speech_free(). */
Speech *speech_open(SpeechOutput out, const char *dir, void (*log)(const char *line), char *err)
    __attribute__((warn_unused_result));

/* Stops what is playing, closes the audio device and espeak-ng. Accepts NULL. */
void speech_free(Speech *sp);

/* 1 if espeak-ng started (text can be spoken in some language), else 0. */
int speech_has_synth(const Speech *sp);

/* Voices */

/* 1 if text in language lang (a survey code: "en", "ar", "en-GB"; case-insensitive) can be
 * spoken, else 0 (no voice, espeak-ng off, NULL sp or lang). Cached: cheap to call per frame. */
int speech_has_voice(Speech *sp, const char *lang);

/* The espeak-ng voice our table picks for lang, "" when espeak-ng has none we trust (the
 * languages listed in speech.c), or lang's primary subtag to try as it is. Never NULL. */
const char *speech_voice_for(const char *lang);

/* Speaking */

/* Reads text aloud in lang, or plays the recorded WAV file audio instead when audio is not
 * NULL or "". The previous utterance stops first; text "" with no audio only stops it.
 * Returns 0, or -1 with err: no voice for lang, an unreadable or oversized recording (named),
 * an utterance longer than SPEECH_SECONDS_MAX, a file that can't be written. */
int speech_say(Speech *sp, const char *text, const char *lang, const char *audio, char *err)
    __attribute__((warn_unused_result));

/* Like speech_say, but writes the utterance to the WAV file path (all-or-nothing) whatever
 * the output. Returns 0, or -1 with err. */
int speech_save(Speech *sp, const char *text, const char *lang, const char *audio,
                const char *path, char *err) __attribute__((warn_unused_result));

/* Stops the utterance playing, if any. */
void speech_stop(Speech *sp);

/* The App's read-aloud callbacks (app.h), with the Speech as ctx. speak logs a failure
 * through the Speech's log and carries on: read-aloud never stops the kiosk. */
void speech_app_speak(void *ctx, const char *text, const char *lang, const char *audio);
int speech_app_can_speak(void *ctx, const char *lang);

#endif
