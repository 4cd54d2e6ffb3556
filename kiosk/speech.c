/* speech.c: read-aloud with espeak-ng's library and SDL audio. See speech.h for the contract.
 *
 * espeak-ng runs in its synchronous mode: espeak_ng_Synthesize() calls on_samples() with the
 * PCM as it is made, which we collect in memory, then hand whole to SDL's audio queue (or to a
 * WAV file). Its own playback mode was rejected: it talks to PulseAudio directly, bypasses
 * SDL's device choice, and cannot play our recordings; collecting first also lets us refuse
 * an utterance over SPEECH_SECONDS_MAX instead of cutting it off. A sentence takes a few tens
 * of milliseconds to make, short enough to do on the tap that asks for it.
 *
 * Start reading at speech_open(), then speech_say(). */
#include "speech.h"

#include <SDL.h>
#include <ctype.h>
#include <errno.h>
#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fileio.h"

#define RATE_FALLBACK 22050 /* samples a second when espeak-ng is off (recordings only) */
#define KNOWN_MAX 32        /* languages whose voice check is remembered */
#define VOICE_NAME_MAX 32

/* Our language codes to espeak-ng 1.51 voices. "" marks a language espeak-ng has no voice we
 * trust for: the button is hidden unless the survey gives a recording. A code missing here
 * is tried as an espeak-ng voice of the same name (pl, ro, ...). Checked with
 * `espeak-ng --voices` on Debian 12. */
static const struct {
    const char *code, *voice;
} voice_table[] = {
    {"en", "en"}, /* gmw/en: English (Great Britain) */
    {"ar", "ar"}, /* sem/ar: Modern Standard Arabic */
    {"fa", "fa"}, /* ira/fa: Persian */
    {"prs", "fa"}, /* Dari: read with the Persian voice, which Dari speakers understand */
    {"vi", "vi"}, /* aav/vi: Vietnamese (Northern) */
    {"sq", "sq"}, /* ine/sq: Albanian */
    {"ps", ""},   /* Pashto: no voice in espeak-ng 1.51 */
    {"ti", ""},   /* Tigrinya: no voice (its Amharic voice is another language) */
    {"ckb", ""},  /* Sorani: espeak-ng's ku is Kurmanji in Latin letters, and spells
                   * Sorani's Arabic script letter by letter */
};

typedef struct {
    int16_t *s;
    size_t n, cap;
    size_t max;   /* samples allowed: SPEECH_SECONDS_MAX at the rate */
    int too_long; /* more samples came than max */
    int no_memory;
} Pcm;

struct Speech {
    SpeechOutput out;
    char dir[4096];
    unsigned next_file; /* SPEECH_FILES: the number of the next NNN.wav */
    char *list;         /* SPEECH_FILES: utterances.tsv as written so far (malloc'd) */
    size_t list_len;
    void (*log)(const char *line);
    int synth; /* espeak-ng started */
    int rate;  /* samples a second of every utterance and of the audio device */
    SDL_AudioDeviceID dev;
    char voice[VOICE_NAME_MAX]; /* the voice espeak-ng has loaded, "" none yet */
    int nknown;
    struct {
        char lang[SPEECH_LANG_MAX + 1];
        int ok;
    } known[KNOWN_MAX];
};

static int opened; /* espeak-ng is process-wide: one Speech at a time */
static Pcm *collecting; /* where on_samples puts the PCM of the utterance being made */

/* ---- PCM in memory ---- */

static int pcm_reserve(Pcm *p, size_t more)
{
    if (p->n + more <= p->cap)
        return 0;
    size_t cap = p->cap ? p->cap : 16384;
    while (cap < p->n + more)
        cap *= 2;
    int16_t *s = realloc(p->s, cap * sizeof *s);
    if (!s) {
        p->no_memory = 1;
        return -1;
    }
    p->s = s;
    p->cap = cap;
    return 0;
}

static void pcm_free(Pcm *p)
{
    free(p->s);
    *p = (Pcm){0};
}

/* espeak-ng's synth callback: returns 1 to stop synthesis (too long, out of memory). */
static int on_samples(short *wav, int n, espeak_EVENT *events)
{
    (void)events;
    Pcm *p = collecting;
    if (!p || !wav || n <= 0)
        return 0;
    if (p->n + (size_t)n > p->max) {
        p->too_long = 1;
        return 1;
    }
    if (pcm_reserve(p, (size_t)n) != 0)
        return 1;
    memcpy(p->s + p->n, wav, (size_t)n * sizeof *wav);
    p->n += (size_t)n;
    return 0;
}

/* ---- voices ---- */

/* Lower-cases lang into out with '_' as '-'; 0, or -1 when it is empty or too long. */
static int normalise(const char *lang, char out[SPEECH_LANG_MAX + 1])
{
    size_t len = lang ? strlen(lang) : 0;
    if (len == 0 || len > SPEECH_LANG_MAX)
        return -1;
    for (size_t i = 0; i <= len; i++)
        out[i] = lang[i] == '_' ? '-' : (char)tolower((unsigned char)lang[i]);
    return 0;
}

static const char *table_voice(const char *code, size_t len)
{
    for (size_t i = 0; i < sizeof voice_table / sizeof *voice_table; i++)
        if (strlen(voice_table[i].code) == len && strncmp(voice_table[i].code, code, len) == 0)
            return voice_table[i].voice;
    return NULL;
}

const char *speech_voice_for(const char *lang)
{
    static char primary[SPEECH_LANG_MAX + 1];
    char norm[SPEECH_LANG_MAX + 1];
    if (normalise(lang, norm) != 0)
        return "";
    const char *v = table_voice(norm, strlen(norm));
    size_t plen = strcspn(norm, "-");
    if (!v)
        v = table_voice(norm, plen);
    if (v)
        return v;
    for (size_t i = 0; i < plen; i++)
        if (!islower((unsigned char)norm[i]))
            return ""; /* not a language code: nothing to try */
    memcpy(primary, norm, plen);
    primary[plen] = '\0';
    return primary;
}

/* Loads voice into espeak-ng unless it is loaded already. Returns 0 or -1. */
static int use_voice(Speech *sp, const char *voice)
{
    if (strcmp(sp->voice, voice) == 0)
        return 0;
    sp->voice[0] = '\0';
    if (espeak_ng_SetVoiceByName(voice) != ENS_OK)
        return -1;
    /* Set the rate after each change of voice, so no voice brings its own. */
    if (espeak_ng_SetParameter(espeakRATE, SPEECH_RATE_WPM, 0) != ENS_OK)
        return -1;
    snprintf(sp->voice, sizeof sp->voice, "%s", voice);
    return 0;
}

int speech_has_voice(Speech *sp, const char *lang)
{
    char norm[SPEECH_LANG_MAX + 1];
    if (!sp || !sp->synth || normalise(lang, norm) != 0)
        return 0;
    for (int i = 0; i < sp->nknown; i++)
        if (strcmp(sp->known[i].lang, norm) == 0)
            return sp->known[i].ok;
    const char *voice = speech_voice_for(norm);
    int ok = *voice && strlen(voice) < VOICE_NAME_MAX && use_voice(sp, voice) == 0;
    if (sp->nknown < KNOWN_MAX) {
        memcpy(sp->known[sp->nknown].lang, norm, sizeof norm);
        sp->known[sp->nknown++].ok = ok;
    }
    return ok;
}

int speech_has_synth(const Speech *sp) { return sp && sp->synth; }

/* ---- making an utterance ---- */

static void status_text(espeak_ng_STATUS st, char *buf, size_t len)
{
    espeak_ng_GetStatusCodeMessage(st, buf, len);
    buf[len - 1] = '\0';
}

static int synthesize(Speech *sp, const char *text, const char *lang, Pcm *out, char *err)
{
    if (!sp->synth) {
        snprintf(err, ERR_LEN, "espeak-ng is not running: no text can be spoken");
        return -1;
    }
    if (!speech_has_voice(sp, lang)) {
        snprintf(err, ERR_LEN, "no voice for language '%s' in espeak-ng", lang ? lang : "");
        return -1;
    }
    if (use_voice(sp, speech_voice_for(lang)) != 0) {
        snprintf(err, ERR_LEN, "espeak-ng could not load the voice for '%s'", lang);
        return -1;
    }
    out->max = (size_t)sp->rate * SPEECH_SECONDS_MAX;
    collecting = out;
    espeak_ng_STATUS st = espeak_ng_Synthesize(text, strlen(text) + 1, 0, POS_CHARACTER, 0,
                                               espeakCHARS_UTF8, NULL, NULL);
    if (st == ENS_OK)
        st = espeak_ng_Synchronize();
    collecting = NULL;
    if (out->too_long) {
        snprintf(err, ERR_LEN, "the text takes more than %d seconds to read aloud",
                 SPEECH_SECONDS_MAX);
        return -1;
    }
    if (out->no_memory) {
        snprintf(err, ERR_LEN, "out of memory making speech");
        return -1;
    }
    if (st != ENS_OK) {
        char msg[256];
        status_text(st, msg, sizeof msg);
        snprintf(err, ERR_LEN, "espeak-ng could not speak in '%s': %s", lang, msg);
        return -1;
    }
    return 0;
}

/* Reads the WAV file path and converts it to mono 16-bit at sp->rate. */
static int load_recording(const Speech *sp, const char *path, Pcm *out, char *err)
{
    SDL_AudioSpec spec;
    Uint8 *buf = NULL;
    Uint32 len = 0;
    SDL_AudioStream *conv = NULL;
    char *file = NULL, why[ERR_LEN];
    size_t file_len = 0;
    int rc = -1;
    /* Read through fileio, so that a FIFO or device there is refused at once (SDL would block
     * opening it). */
    if (file_read_all(path, SPEECH_RECORDING_MAX, &file, &file_len, why) != 0) {
        snprintf(err, ERR_LEN, "cannot read the recording: %s", why);
        return -1;
    }
    SDL_RWops *rw = SDL_RWFromConstMem(file, (int)file_len);
    if (!rw || !SDL_LoadWAV_RW(rw, 1, &spec, &buf, &len)) {
        snprintf(err, ERR_LEN, "%s: not a WAV recording SDL can read: %s", path, SDL_GetError());
        free(file);
        return -1;
    }
    free(file);
    conv = SDL_NewAudioStream(spec.format, spec.channels, spec.freq, AUDIO_S16SYS, 1, sp->rate);
    if (!conv || SDL_AudioStreamPut(conv, buf, (int)len) != 0 ||
        SDL_AudioStreamFlush(conv) != 0) {
        snprintf(err, ERR_LEN, "%s: cannot convert the recording: %s", path, SDL_GetError());
        goto done;
    }
    int avail = SDL_AudioStreamAvailable(conv);
    size_t samples = (size_t)avail / sizeof(int16_t);
    if (samples > (size_t)sp->rate * SPEECH_SECONDS_MAX) {
        snprintf(err, ERR_LEN, "%s: the recording is longer than %d seconds", path,
                 SPEECH_SECONDS_MAX);
        goto done;
    }
    if (pcm_reserve(out, samples) != 0) {
        snprintf(err, ERR_LEN, "%s: out of memory reading the recording", path);
        goto done;
    }
    int got = avail > 0 ? SDL_AudioStreamGet(conv, out->s, avail) : 0;
    if (got < 0) {
        snprintf(err, ERR_LEN, "%s: cannot convert the recording: %s", path, SDL_GetError());
        goto done;
    }
    out->n = (size_t)got / sizeof(int16_t);
    rc = 0;
done:
    if (conv)
        SDL_FreeAudioStream(conv);
    SDL_FreeWAV(buf);
    return rc;
}

/* The utterance for (text, lang) or for the recording audio, into out. */
static int make(Speech *sp, const char *text, const char *lang, const char *audio, Pcm *out,
                char *err)
{
    if (audio && *audio)
        return load_recording(sp, audio, out, err);
    return synthesize(sp, text ? text : "", lang, out, err);
}

/* ---- WAV files ---- */

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v & 0xff);
    p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
    put16(p, (uint16_t)(v & 0xffff));
    put16(p + 2, (uint16_t)(v >> 16));
}

/* Writes p as a canonical 44-byte-header PCM WAV file (RIFF, little-endian), all-or-nothing. */
static int write_wav(const char *path, const Pcm *p, int rate, char *err)
{
    size_t data = p->n * 2;
    if (data > UINT32_MAX - 36) {
        snprintf(err, ERR_LEN, "%s: the utterance is too long for a WAV file", path);
        return -1;
    }
    uint8_t *buf = malloc(44 + data);
    if (!buf) {
        snprintf(err, ERR_LEN, "%s: out of memory", path);
        return -1;
    }
    memcpy(buf, "RIFF", 4);
    put32(buf + 4, (uint32_t)(36 + data));
    memcpy(buf + 8, "WAVEfmt ", 8);
    put32(buf + 16, 16);                  /* fmt chunk size */
    put16(buf + 20, 1);                   /* PCM */
    put16(buf + 22, 1);                   /* mono */
    put32(buf + 24, (uint32_t)rate);      /* samples a second */
    put32(buf + 28, (uint32_t)rate * 2u); /* bytes a second */
    put16(buf + 32, 2);                   /* bytes a frame */
    put16(buf + 34, 16);                  /* bits a sample */
    memcpy(buf + 36, "data", 4);
    put32(buf + 40, (uint32_t)data);
    for (size_t i = 0; i < p->n; i++)
        put16(buf + 44 + 2 * i, (uint16_t)p->s[i]);
    int rc = file_write_atomic(path, buf, 44 + data, 0600, err);
    free(buf);
    return rc;
}

/* SPEECH_FILES: DIR/NNN.wav, and a line in DIR/utterances.tsv (emptied by speech_open) saying
 * what it was (file, language, "espeak" or the recording's path, the text) for tests to
 * check. Headless runs only: the kiosk proper never writes what it reads aloud. */
static int write_numbered(Speech *sp, const Pcm *p, const char *text, const char *lang,
                          const char *audio, char *err)
{
    char path[4200], name[32];
    snprintf(name, sizeof name, "%03u.wav", sp->next_file);
    snprintf(path, sizeof path, "%s/%s", sp->dir, name);
    if (write_wav(path, p, sp->rate, err) != 0)
        return -1;
    sp->next_file++;
    /* The list is kept in memory and written whole each time, like every other output
     * (fileio.h): never appended to through whatever is at its path. */
    const char *t = text ? text : "";
    const char *how = audio && *audio ? audio : "espeak";
    size_t add = strlen(name) + strlen(lang ? lang : "") + strlen(how) + strlen(t) + 4;
    char *grown = realloc(sp->list, sp->list_len + add + 1);
    if (!grown) {
        snprintf(err, ERR_LEN, "%s/utterances.tsv: out of memory", sp->dir);
        return -1;
    }
    sp->list = grown;
    char *w = sp->list + sp->list_len;
    w += snprintf(w, add + 1, "%s\t%s\t%s\t", name, lang ? lang : "", how);
    for (const char *c = t; *c; c++)
        *w++ = *c == '\t' || *c == '\n' || *c == '\r' ? ' ' : *c;
    *w++ = '\n';
    sp->list_len = (size_t)(w - sp->list);
    snprintf(path, sizeof path, "%s/utterances.tsv", sp->dir);
    return file_write_atomic(path, sp->list, sp->list_len, 0600, err);
}

/* ---- the public calls ---- */

Speech *speech_open(SpeechOutput out, const char *dir, void (*log)(const char *line), char *err)
{
    if (opened) {
        snprintf(err, ERR_LEN, "read-aloud is already open");
        return NULL;
    }
    Speech *sp = calloc(1, sizeof *sp);
    if (!sp) {
        snprintf(err, ERR_LEN, "out of memory");
        return NULL;
    }
    opened = 1;
    sp->out = out;
    sp->log = log;
    sp->next_file = 1;
    sp->rate = RATE_FALLBACK;
    err[0] = '\0';

    /* espeak-ng reads its data from ESPEAK_DATA_PATH, else Debian's
     * /usr/lib/x86_64-linux-gnu/espeak-ng-data (compiled into the library). */
    espeak_ng_ERROR_CONTEXT ctx = NULL;
    espeak_ng_InitializePath(NULL);
    espeak_ng_STATUS st = espeak_ng_Initialize(&ctx);
    if (st == ENS_OK)
        st = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, NULL);
    if (st == ENS_OK) {
        espeak_SetSynthCallback(on_samples);
        sp->synth = 1;
        sp->rate = espeak_ng_GetSampleRate();
    } else {
        char msg[256];
        status_text(st, msg, sizeof msg);
        snprintf(err, ERR_LEN, "espeak-ng did not start (%s): only recordings can be played",
                 msg);
        espeak_ng_ClearErrorContext(&ctx);
    }

    if (out == SPEECH_FILES) {
        if (!dir || file_mkdirs(dir, 0700, err) != 0) {
            if (!dir)
                snprintf(err, ERR_LEN, "read-aloud to files needs a folder");
            goto fail;
        }
        snprintf(sp->dir, sizeof sp->dir, "%s", dir);
        /* A fresh list for this run; numbering starts again at 001.wav. */
        char path[4200];
        snprintf(path, sizeof path, "%s/utterances.tsv", dir);
        if (file_write_atomic(path, "", 0, 0600, err) != 0)
            goto fail;
    } else if (out == SPEECH_PLAY) {
        SDL_AudioSpec want, have;
        SDL_zero(want);
        want.freq = sp->rate;
        want.format = AUDIO_S16SYS;
        want.channels = 1;
        want.samples = 2048;
        /* No changes allowed: SDL converts our mono 16-bit to whatever the device takes. */
        sp->dev = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
        if (!sp->dev) {
            snprintf(err, ERR_LEN, "no audio device: %s", SDL_GetError());
            goto fail;
        }
        SDL_PauseAudioDevice(sp->dev, 0);
    }
    return sp;
fail:
    speech_free(sp);
    return NULL;
}

void speech_free(Speech *sp)
{
    if (!sp)
        return;
    if (sp->dev) {
        SDL_ClearQueuedAudio(sp->dev);
        SDL_CloseAudioDevice(sp->dev);
    }
    if (sp->synth)
        espeak_ng_Terminate();
    free(sp->list);
    free(sp);
    opened = 0;
}

void speech_stop(Speech *sp)
{
    if (sp && sp->dev)
        SDL_ClearQueuedAudio(sp->dev);
}

int speech_say(Speech *sp, const char *text, const char *lang, const char *audio, char *err)
{
    Pcm p = {0};
    int rc = -1;
    if (!sp) {
        snprintf(err, ERR_LEN, "read-aloud is off");
        return -1;
    }
    speech_stop(sp);
    if ((!text || !*text) && (!audio || !*audio))
        return 0;
    if (make(sp, text, lang, audio, &p, err) != 0)
        goto done;
    if (sp->out == SPEECH_PLAY) {
        if (p.n && SDL_QueueAudio(sp->dev, p.s, (Uint32)(p.n * sizeof *p.s)) != 0) {
            snprintf(err, ERR_LEN, "cannot play: %s", SDL_GetError());
            goto done;
        }
    } else if (sp->out == SPEECH_FILES) {
        if (write_numbered(sp, &p, text, lang, audio, err) != 0)
            goto done;
    }
    rc = 0;
done:
    pcm_free(&p);
    return rc;
}

int speech_save(Speech *sp, const char *text, const char *lang, const char *audio,
                const char *path, char *err)
{
    Pcm p = {0};
    if (!sp) {
        snprintf(err, ERR_LEN, "read-aloud is off");
        return -1;
    }
    int rc = make(sp, text, lang, audio, &p, err) == 0 ? write_wav(path, &p, sp->rate, err) : -1;
    pcm_free(&p);
    return rc;
}

void speech_app_speak(void *ctx, const char *text, const char *lang, const char *audio)
{
    Speech *sp = ctx;
    char err[ERR_LEN], line[ERR_LEN + 16];
    if (speech_say(sp, text, lang, audio, err) != 0 && sp && sp->log) {
        snprintf(line, sizeof line, "read aloud: %s", err);
        sp->log(line);
    }
}

int speech_app_can_speak(void *ctx, const char *lang) { return speech_has_voice(ctx, lang); }
