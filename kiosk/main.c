/* chorus-kiosk: the touch-screen kiosk.
 *
 * Start reading at main(): it reads the options, opens the data folder (store, council key),
 * loads the surveys, then either runs a worker subcommand, a headless script, or the window's
 * event loop in run_window(). Only this file and render.c / script.c / speech.c know SDL.
 * `say` needs no data folder: it runs before anything is opened. */
#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "defaults.h"
#include "exchange.h"
#include "fileio.h"
#include "keyfile.h"
#include "keys.h"
#include "netsync.h"
#include "options.h"
#include "pin.h"
#include "render.h"
#include "script.h"
#include "speech.h"

typedef struct Command Command;

typedef struct {
    const char *data, *surveys, *fonts, *council_key, *council_sign_key, *export_dir, *script,
        *shots;
    const char *size;       /* --size WxH, read into w and h */
    int fullscreen, headless, set_pin, w, h;
    const char *speech_out; /* --speech-out DIR: headless utterances as DIR/NNN.wav */
    const Command *command; /* a worker subcommand (see `commands`), or NULL */
    const char *arg;        /* its argument: import-receipt's or import-pack's FILE, say's TEXT */
    const char *out;        /* export --out FILE, say --out FILE */
    const char *lang;       /* say --lang LANG */
    const char *audio;      /* say --audio FILE: a recording instead of espeak-ng */
    const char *server, *pin; /* sync --server URL --pin sha256//BASE64 */
    int once, verbose;        /* sync --once, --verbose */
    int yes;                  /* provision --yes */
    unsigned long long interval, timeout; /* sync --interval, --timeout (seconds) */
} Options;

/* A worker subcommand: its table of options first, so the table the parser names is the
 * command. */
struct Command {
    OptionTable options;
    int (*run)(App *a, const Options *o);
    int standalone; /* runs before the data folder is opened; a is NULL */
    int first;      /* runs on a kiosk with no council key yet (a->council_pk unset) */
};

/* The kiosk's own options: before the command, or after it. */
static const Option kiosk_rows[] = {
    OPT_TEXT("--data", "DIR", Options, data, DEFAULT_KIOSK_DATA,
             "the kiosk's data folder, made 0700"),
    OPT_TEXT("--surveys", "DIR", Options, surveys, DEFAULT_SURVEYS,
             "survey files, *.csv, *.xlsx, *.xls; an imported pack's surveys take their place"),
    OPT_TEXT("--fonts", "DIR", Options, fonts, DEFAULT_FONTS, "bundled fonts"),
    OPT_TEXT("--council-key", "FILE", Options, council_key, NULL,
             "the council's public sealing key; copied into the data folder\n"
             "on first use, and must match it afterwards"),
    OPT_TEXT("--council-sign-key", "FILE", Options, council_sign_key, NULL,
             "the council's public signing key (packs, receipts); pinned\n"
             "on first use; packs and receipts need it"),
    OPT_TEXT("--export-dir", "DIR", Options, export_dir, NULL,
             "offered first by worker mode's \"Export to USB\""),
    OPT_FLAG("--fullscreen", Options, fullscreen, "fill the screen and hide the mouse pointer"),
    OPT_TEXT("--size", "WxH", Options, size, DEFAULT_WINDOW_SIZE, "the window's size"),
    OPT_FLAG("--headless", Options, headless,
             "no window: SDL's dummy video driver, following --script; without\n"
             "--script, the window's event loop unseen until SIGTERM (for measuring)"),
    OPT_TEXT("--script", "FILE", Options, script, NULL, "what a headless run does"),
    OPT_TEXT("--shots", "DIR", Options, shots, NULL, "where a script's `shot NAME` writes NAME.png"),
    OPT_TEXT("--speech-out", "DIR", Options, speech_out, NULL,
             "headless: read-aloud writes each utterance to DIR/NNN.wav\n"
             "(listed in DIR/utterances.tsv) instead of playing it"),
    OPT_FLAG("--set-pin", Options, set_pin, "set the worker PIN, read from standard input"),
    OPT_END,
};

static const Option export_rows[] = {
    OPT_REQUIRED("--out", "FILE", Options, out, "where the signed bundle goes"),
    OPT_END,
};

static const Option sync_rows[] = {
    OPT_TEXT("--server", "URL", Options, server, NULL,
             "the council's server, https://HOST[:PORT] (http:// only to 127.0.0.1);\n"
             "default: the one a pack put in DATA/" NET_URL_FILE),
    OPT_TEXT("--pin", "sha256//BASE64", Options, pin, NULL,
             "the server's public key (SHA-256 of its SubjectPublicKeyInfo); kept in\n"
             "DATA/" NETSYNC_PIN_FILE " on first use, and must match it afterwards (a pack\n"
             "may replace the file)"),
    OPT_FLAG("--once", Options, once,
             "one go (for a timer); exit 1 unless everything waiting was receipted"),
    OPT_NUMBER("--interval", "SECONDS", Options, interval, 5, 86400,
               "between rounds (default 300); a request for help goes at once"),
    OPT_NUMBER("--timeout", "SECONDS", Options, timeout, 5, 86400,
               "a request may take this long in all (default 300)"),
    OPT_FLAG("--verbose", Options, verbose, "say what each round sent"),
    OPT_END,
};

static const Option provision_rows[] = {
    OPT_FLAG("--yes", Options, yes,
             "set the kiosk up; without it, only show what FILE would set up"),
    OPT_END,
};

static const Option say_rows[] = {
    OPT_REQUIRED("--lang", "LANG", Options, lang, "the language to speak it in, e.g. en-GB"),
    OPT_TEXT("--audio", "FILE", Options, audio, NULL,
             "a recording (the survey's media::audio) instead of espeak-ng"),
    OPT_REQUIRED("--out", "FILE", Options, out, "the WAV file to write"),
    OPT_END,
};

static void log_line(const char *line) { fprintf(stderr, "chorus-kiosk: %s\n", line); }

/* Problems met while a young person is at the kiosk (a picture that will not show, read-aloud
 * that fails, a response that could not be saved, a help request that could not be stored)
 * are held, not written as they happen: under systemd each line gets the journal's time
 * stamp, and it would say when someone was at a question or asked for help. Each distinct
 * line is held once with a count, and all are written when a worker's screen is showing (the
 * worker's time, not a young person's) or when the kiosk stops. */
#define HELD_LINES 16
static struct {
    const App *app; /* whose screen says whether a young person is at the kiosk */
    char line[HELD_LINES][ERR_LEN + 64];
    long count[HELD_LINES];
    int n;
    long dropped; /* further distinct lines, over HELD_LINES */
} held;

static void log_held_flush(void)
{
    char line[ERR_LEN + 96];
    for (int i = 0; i < held.n; i++) {
        if (held.count[i] > 1)
            snprintf(line, sizeof line, "%s (%ld times)", held.line[i], held.count[i]);
        else
            snprintf(line, sizeof line, "%s", held.line[i]);
        log_line(line);
    }
    if (held.dropped) {
        snprintf(line, sizeof line, "and %ld other problem%s not kept", held.dropped,
                 held.dropped == 1 ? "" : "s");
        log_line(line);
    }
    held.n = 0;
    held.dropped = 0;
}

/* The log for everything the kiosk does once it has started: written at once on a worker's
 * screen, held (above) on a young person's. */
static void log_kiosk(const char *line)
{
    if (!held.app || screens[held.app->screen].worker) {
        log_held_flush();
        log_line(line);
        return;
    }
    for (int i = 0; i < held.n; i++)
        if (strcmp(held.line[i], line) == 0) {
            held.count[i]++;
            return;
        }
    if (held.n == HELD_LINES) {
        held.dropped++;
        return;
    }
    snprintf(held.line[held.n], sizeof held.line[held.n], "%s", line);
    held.count[held.n++] = 1;
}

/* The only log line about what young people did: counts, once, as the kiosk stops. Never a
 * line as each answer is stored: under systemd every line gets the journal's time stamp, and
 * those would say when each survey was answered. Nor does the kiosk print a time itself. */
static void log_summary(const App *a)
{
    log_held_flush();
    char line[200];
    int n = snprintf(line, sizeof line, "stopping: %ld response%s stored, %ld draft%s wiped when idle",
                     a->stored, a->stored == 1 ? "" : "s", a->idle_wipes,
                     a->idle_wipes == 1 ? "" : "s");
    if (a->help_stored > 0 && n > 0 && (size_t)n < sizeof line)
        snprintf(line + n, sizeof line - (size_t)n, "; %ld record%s of requests for help stored",
                 a->help_stored, a->help_stored == 1 ? "" : "s");
    log_line(line);
}

/* 1 if SDL's video driver name shows something on a screen (not offscreen, not dummy). */
static int usable_driver(const char *name)
{
    return name && strcmp(name, "offscreen") != 0 && strcmp(name, "dummy") != 0 &&
           strcmp(name, "evdev") != 0;
}

/* The council's public key: provisioned into the data folder from --council-key on first use
 * (or from a stick: screens_provision.c); afterwards a different key is refused, so a kiosk
 * can't be quietly pointed elsewhere, unless it is one a pack from the council has since
 * replaced (key-rotate): the pack's key is kept. Returns 0, 1 when the kiosk is not
 * provisioned and no --council-key is given (err says so), or -1 with err. */
static int load_council_key(const Options *o, Store *st, uint8_t pk[crypto_box_PUBLICKEYBYTES],
                            char *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/" COUNCIL_BOX_PUBLIC_FILE, o->data);
    if (!file_exists(path)) {
        if (!o->council_key) {
            snprintf(err, ERR_LEN,
                     "%s: no council key yet; set the kiosk up from the council's provisioning "
                     "file (chorus-kiosk provision FILE, or the touch screen), or start once with "
                     "--council-key FILE",
                     path);
            return 1;
        }
        if (keyfile_read(o->council_key, KEY_COUNCIL_BOX_PUBLIC, pk, NULL, err) != 0)
            return -1;
        char *text = NULL;
        size_t len = 0;
        if (file_read_all(o->council_key, KEYFILE_MAX, &text, &len, err) != 0)
            return -1;
        int rc = file_write_new(path, text, len, 0644, err); /* a key file is never replaced */
        free(text);
        return rc;
    }
    if (keyfile_read(path, KEY_COUNCIL_BOX_PUBLIC, pk, NULL, err) != 0)
        return -1;
    if (o->council_key) {
        uint8_t given[crypto_box_PUBLICKEYBYTES];
        if (keyfile_read(o->council_key, KEY_COUNCIL_BOX_PUBLIC, given, NULL, err) != 0)
            return -1;
        if (sodium_memcmp(given, pk, sizeof given) != 0 &&
            exchange_council_key_retired(st, given)) {
            fprintf(stderr,
                    "chorus-kiosk: %s is a council sealing key a pack has replaced; sealing to "
                    "the pack's key (%s)\n",
                    o->council_key, path);
        } else if (sodium_memcmp(given, pk, sizeof given) != 0) {
            snprintf(err, ERR_LEN,
                     "%s: this kiosk was provisioned with a different council key than %s", path,
                     o->council_key);
            return -1;
        }
    }
    return 0;
}

/* Loads every survey file (*.csv, *.xlsx, *.xls) in dir, in name order, with their pictures and recordings from media; a
 * bad survey is logged and skipped. */
/* <0, 0, >0 as version x is older than, the same as, or newer than y: numbers by value (XLSForm
 * versions are usually dates as digits, 2026031201), else by bytes. */
static int version_cmp(const char *x, const char *y)
{
    size_t nx = strspn(x, "0123456789"), ny = strspn(y, "0123456789");
    if (x[nx] == '\0' && y[ny] == '\0' && nx && ny) {
        while (nx > 1 && *x == '0')
            x++, nx--;
        while (ny > 1 && *y == '0')
            y++, ny--;
        if (nx != ny)
            return nx < ny ? -1 : 1;
    }
    return strcmp(x, y);
}

/* A line for worker mode about a survey file that is not shown as it is (App.survey_notes). */
static void survey_note(App *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void survey_note(App *a, const char *fmt, ...)
{
    size_t used = strlen(a->survey_notes);
    if (used + 2 >= sizeof a->survey_notes)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(a->survey_notes + used, sizeof a->survey_notes - used - 1, fmt, ap);
    va_end(ap);
    if (n < 0) {
        a->survey_notes[used] = '\0';
        return;
    }
    used = strlen(a->survey_notes);
    a->survey_notes[used] = '\n';
    a->survey_notes[used + 1] = '\0';
}

static void load_surveys(App *a, const char *dir, const SurveyMedia *media)
{
    char *names[256], err[ERR_LEN];
    int n = survey_list(dir, names, 256, err);
    if (n < 0) {
        fprintf(stderr, "chorus-kiosk: %s\n", err);
        return;
    }
    static SurveyProblems probs;
    for (int i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (a->nsurveys == SURVEYS_MAX) {
            fprintf(stderr, "chorus-kiosk: %s: skipped, more than %d surveys\n", path,
                    SURVEYS_MAX);
            continue;
        }
        Survey *s = survey_load_with(path, media, &probs);
        if (!s) {
            fprintf(stderr, "chorus-kiosk: skipping a survey that does not load:\n");
            survey_problems_print(path, &probs, stderr);
            survey_note(a, "%s does not load (the kiosk log says why)", names[i]);
            continue;
        }
        /* Two files with one form id: the newer version runs, whatever the file names (a copy
         * named to sort first must not replace the real survey); the same version twice: the
         * first in name order. Either way the worker is told. */
        int dup = -1;
        for (int k = 0; k < a->nsurveys; k++)
            if (strcmp(a->surveys[k]->form_id, s->form_id) == 0)
                dup = k;
        if (dup >= 0 && version_cmp(s->version, a->surveys[dup]->version) > 0) {
            fprintf(stderr, "chorus-kiosk: %s: form id %s, version %s, replaces version %s\n", path,
                    s->form_id, s->version, a->surveys[dup]->version);
            survey_note(a, "%s: two files have form id %s; version %s runs", names[i], s->form_id,
                        s->version);
            survey_free(a->surveys[dup]);
            a->surveys[dup] = s;
            continue;
        }
        if (dup >= 0) {
            fprintf(stderr, "chorus-kiosk: %s: skipped, form id %s is already loaded\n", path,
                    s->form_id);
            survey_note(a, "%s: skipped, form id %s (version %s) is already loaded", names[i],
                        s->form_id, a->surveys[dup]->version);
            survey_free(s);
            continue;
        }
        a->surveys[a->nsurveys++] = s;
    }
    file_list_free(names, n);
}

static int cmd_status(App *a, const Options *o)
{
    uint8_t id[KEY_ID_LEN], kiosk_pk[SIGN_PK_LEN], sign_pk[SIGN_PK_LEN];
    char hex[2 * KEY_ID_LEN + 1], kiosk_hex[2 * KEY_ID_LEN + 1], sign_hex[2 * KEY_ID_LEN + 1];
    char b64[sodium_base64_ENCODED_LEN(SIGN_PK_LEN, sodium_base64_VARIANT_ORIGINAL)];
    char err[ERR_LEN], dir[EXCHANGE_PATH_MAX];
    int rc = 0;
    keyfile_key_id(a->council_pk, id);
    sodium_bin2hex(hex, sizeof hex, id, sizeof id);
    long total = store_count(a->store, NULL, 0), fresh = store_count(a->store, NULL, 1);
    printf("data folder: %s\n", o->data);
    if (exchange_kiosk_key(o->data, kiosk_pk, kiosk_hex, err) != 0) {
        fprintf(stderr, "chorus-kiosk: %s\n", err);
        rc = 1;
    } else {
        sodium_bin2base64(b64, sizeof b64, kiosk_pk, sizeof kiosk_pk,
                          sodium_base64_VARIANT_ORIGINAL);
        printf("kiosk key: %s, public key %s (file %s/%s)\n", kiosk_hex, b64, o->data,
               KIOSK_SIGN_PUBLIC_FILE);
        printf("  enrol it at the council: chorus-sync enrol --name NAME %s/%s\n", o->data,
               KIOSK_SIGN_PUBLIC_FILE);
    }
    if (exchange_provisioned(o->data))
        printf("council sealing key: %s\n", hex);
    else
        printf("council sealing key: none yet: not provisioned (chorus-kiosk provision FILE, "
               "the touch screen with the council's USB stick, or --council-key FILE)\n");
    int pinned = exchange_council_sign_key(o->data, sign_pk, sign_hex, err);
    if (pinned < 0) {
        fprintf(stderr, "chorus-kiosk: %s\n", err);
        rc = 1;
    }
    printf("council signing key: %s\n",
           pinned == 1 ? sign_hex
                       : "not pinned yet (start once with --council-sign-key FILE)");
    uint64_t seq = 0;
    int got = exchange_pack_sequence(a->store, o->data, &seq, err);
    if (got != 0)
        fprintf(stderr, "chorus-kiosk: %s\n", err);
    if (got == 0 && seq && exchange_pack_surveys(o->data, dir, sizeof dir))
        printf("pack: %" PRIu64 ", surveys from %s\n", seq, dir);
    else
        printf("pack: none, surveys from %s\n", o->surveys);
    printf("worker PIN: %s\n", pin_is_set(a->store) == 1 ? "set" : "not set");
    printf("responses stored: %ld, not yet exported: %ld\n", total, fresh);
    long aside = store_count(a->store, NULL, STORE_ASIDE);
    printf("responses set aside as damaged on this kiosk (kept, never exported): %ld\n", aside);
    char last[32];
    int bundles = store_get(a->store, STORE_BUNDLE_SEQUENCE, last, sizeof last);
    printf("last bundle exported: %s\n", bundles == 1 ? last : "none yet");
    char net_day[16];
    if (store_get(a->store, NETSYNC_LAST_SETTING, net_day, sizeof net_day) == 1)
        printf("last receipt over the network: %s\n", net_day);
    return total < 0 || fresh < 0 || aside < 0 || bundles < 0 || got < 0 ? 1 : rc;
}

/* export --out FILE: every response not yet receipted, in a signed bundle. */
static int cmd_export(App *a, const Options *o)
{
    char err[ERR_LEN];
    long n = exchange_export(a->store, o->data, o->out, err);
    if (n < 0) {
        fprintf(stderr, "chorus-kiosk: export: %s\n", err);
        return 1;
    }
    if (n == 0)
        printf("nothing to export: no responses are waiting on this kiosk\n");
    else
        printf("exported %ld response%s to %s\n", n, n == 1 ? "" : "s", o->out);
    long aside = store_count(a->store, NULL, STORE_ASIDE);
    if (aside > 0)
        printf("%ld response%s damaged on this kiosk %s set aside: kept here, not exported "
               "(see status)\n",
               aside, aside == 1 ? "" : "s", aside == 1 ? "is" : "are");
    return 0;
}

/* import-receipt FILE: deletes exactly the responses the council now holds. */
static int cmd_import_receipt(App *a, const Options *o)
{
    char err[ERR_LEN];
    ReceiptResult r;
    if (exchange_import_receipt(a->store, o->data, o->arg, &r, err) != 0) {
        fprintf(stderr, "chorus-kiosk: import-receipt: %s\n", err);
        return 1;
    }
    printf("%s: the council holds %ld response%s; deleted %ld from this kiosk", o->arg, r.listed,
           r.listed == 1 ? "" : "s", r.deleted);
    if (r.unknown)
        printf(", %ld were not on it (deleted before, or from another export)", r.unknown);
    printf("\nresponses still on this kiosk: %ld\n", store_count(a->store, NULL, 0));
    return 0;
}

/* import-pack FILE: new surveys and "you said, we did" items from the council. */
static int cmd_import_pack(App *a, const Options *o)
{
    char err[ERR_LEN];
    PackResult r;
    /* a pack's surveys are shown with this kiosk's pictures and recordings, beside --surveys */
    SurveyMedia media;
    if (survey_media_beside(o->surveys, &media) != 0) {
        fprintf(stderr, "chorus-kiosk: import-pack: %s: path too long\n", o->surveys);
        return 1;
    }
    if (exchange_import_pack_with(a->store, o->data, &media, o->arg, &r, err) != 0) {
        fprintf(stderr, "chorus-kiosk: import-pack: %s\n", err);
        return 1;
    }
    printf("%s: pack %llu installed: %d survey%s, %d \"you said, we did\" item%s\n", o->arg,
           (unsigned long long)r.sequence, r.surveys, r.surveys == 1 ? "" : "s", r.news,
           r.news == 1 ? "" : "s");
    if (r.box_switched)
        printf("%s: the council's new sealing key %s: responses are sealed to it from now on\n",
               o->arg, r.box_id);
    if (r.server_pin)
        printf("%s: the council's server is trusted with a new key (%s/%s)\n", o->arg, o->data,
               NET_PIN_FILE);
    if (r.server_url)
        printf("%s: the council's server is at a new address (%s/%s)\n", o->arg, o->data,
               NET_URL_FILE);
    if (r.settings)
        printf("%s: %d settings file%s not used by this kiosk version\n", o->arg, r.settings,
               r.settings == 1 ? "" : "s");
    printf("the kiosk shows them from its next start\n");
    return 0;
}

/* sync --server URL [--pin PIN] [--once]: what waits goes to the council by itself. */
static int cmd_sync(App *a, const Options *o)
{
    char err[ERR_LEN];
    SurveyMedia media;
    if (survey_media_beside(o->surveys, &media) != 0) {
        fprintf(stderr, "chorus-kiosk: sync: %s: path too long\n", o->surveys);
        return 1;
    }
    NetSync ns = {.server = o->server, .pin = o->pin, .media = &media,
                  .timeout = o->timeout ? (long)o->timeout : 300};
    if (netsync_prepare(o->data, &ns, err) != 0) {
        fprintf(stderr, "chorus-kiosk: sync: %s\n", err);
        return 1;
    }
    return netsync_run(a->store, o->data, &ns, o->once, o->interval ? (long)o->interval : 300,
                       o->verbose);
}

/* say --lang LANG [--audio FILE] --out FILE TEXT: one utterance into a WAV file, as the kiosk
 * would read it aloud. Exit 1 when espeak-ng has no voice for LANG (the kiosk hides its
 * speaker button then) or does not start. */
static int cmd_say(App *a, const Options *o)
{
    (void)a;
    char err[ERR_LEN];
    Speech *sp = speech_open(SPEECH_NONE, NULL, log_line, err);
    int rc = 1;
    if (!sp) {
        fprintf(stderr, "chorus-kiosk: say: %s\n", err);
        return 1;
    }
    if (!o->audio && !speech_has_synth(sp)) {
        fprintf(stderr, "chorus-kiosk: say: %s\n", err);
    } else if (!o->audio && !speech_has_voice(sp, o->lang)) {
        fprintf(stderr, "chorus-kiosk: say: no voice for this language: '%s' (espeak-ng has none; "
                        "give a recording in the survey's media::audio column)\n", o->lang);
    } else if (speech_save(sp, o->arg, o->lang, o->audio, o->out, err) != 0) {
        fprintf(stderr, "chorus-kiosk: say: %s\n", err);
    } else {
        printf("%s: %s\n", o->out, o->audio ? "the recording" : "spoken");
        rc = 0;
    }
    speech_free(sp);
    return rc;
}

/* provision FILE [--yes]: sets a kiosk with no council keys up from the council's provisioning
 * file, as the touch screen does; the kiosk's key goes beside FILE. */
static int cmd_provision(App *a, const Options *o)
{
    static ProvisionFound f;
    static ProvisionResult r;
    static SurveyMedia media;
    char err[ERR_LEN];
    memset(&f, 0, sizeof f);
    if (strlen(o->arg) >= sizeof f.path || survey_media_beside(o->surveys, &media) != 0) {
        fprintf(stderr, "chorus-kiosk: provision: %s: path too long\n", o->arg);
        return 1;
    }
    snprintf(f.path, sizeof f.path, "%s", o->arg);
    const char *slash = strrchr(o->arg, '/');
    if (!slash)
        snprintf(f.folder, sizeof f.folder, ".");
    else
        snprintf(f.folder, sizeof f.folder, "%.*s", slash == o->arg ? 1 : (int)(slash - o->arg),
                 o->arg);
    if (exchange_provisioned(o->data)) {
        fprintf(stderr, "chorus-kiosk: provision: %s: refused: this kiosk is already provisioned "
                        "(%s/" COUNCIL_BOX_PUBLIC_FILE ")\n",
                o->arg, o->data);
        return 1;
    }
    if (exchange_provision_check(a->store, o->data, &media, &f) != 0) {
        fprintf(stderr, "chorus-kiosk: provision: %s\n", f.why);
        return 1;
    }
    printf("%s: from %s, council signing key %.4s %.4s %.4s %.4s\n", o->arg, f.council, f.key_id,
           f.key_id + 4, f.key_id + 8, f.key_id + 12);
    printf("  server: %s%s\n", f.url[0] ? f.url : "none (answers go by USB stick)",
           f.has_pin ? ", with its key" : "");
    printf("  first pack %llu: %d survey%s, %d \"you said, we did\" item%s\n",
           (unsigned long long)f.sequence, f.surveys, f.surveys == 1 ? "" : "s", f.news,
           f.news == 1 ? "" : "s");
    if (!o->yes) {
        printf("check the key with the council, then run again with --yes to set the kiosk up\n");
        return 0;
    }
    if (exchange_provision(a->store, o->data, &media, &f, &r, err) != 0) {
        fprintf(stderr, "chorus-kiosk: provision: %s\n", err);
        return 1;
    }
    printf("provisioned for %s; the kiosk's key is in %s: enrol it at the council with\n"
           "  chorus-sync enrol --name NAME %s\n",
           r.council, r.enrol_path, r.enrol_path);
    return 0;
}

static const Command provision_command = {
    {.program = "chorus-kiosk",
     .name = "provision",
     .options = provision_rows,
     .shared = kiosk_rows,
     .args = "FILE",
     .args_min = 1,
     .args_max = 1,
     .about = "Shows whose the provisioning FILE is (chorus-sync provision) and, with --yes, "
              "sets up a\nkiosk with no council keys from it: the council's keys, its first "
              "pack and server. The\nkiosk's own key is written beside FILE, for chorus-sync "
              "enrol. The touch screen does the\nsame from a USB stick when the kiosk starts "
              "with no keys."},
    cmd_provision,
    0,
    1,
};

static const Command status_command = {
    {.program = "chorus-kiosk",
     .name = "status",
     .shared = kiosk_rows,
     .about = "Prints the kiosk's key, the council's keys, the pack, whether the worker PIN is "
              "set,\nand how many responses are stored and not yet exported."},
    cmd_status,
    0,
    1,
};

static const Command export_command = {
    {.program = "chorus-kiosk",
     .name = "export",
     .options = export_rows,
     .shared = kiosk_rows,
     .about = "Writes every response not yet receipted into a bundle signed by the kiosk's key."},
    cmd_export,
    0,
    0,
};

static const Command import_receipt_command = {
    {.program = "chorus-kiosk",
     .name = "import-receipt",
     .shared = kiosk_rows,
     .args = "FILE",
     .args_min = 1,
     .args_max = 1,
     .about = "Deletes exactly the responses the council's signed receipt FILE says it holds."},
    cmd_import_receipt,
    0,
    0,
};

static const Command import_pack_command = {
    {.program = "chorus-kiosk",
     .name = "import-pack",
     .shared = kiosk_rows,
     .args = "FILE",
     .args_min = 1,
     .args_max = 1,
     .about = "Installs the council's signed pack FILE: new surveys and \"you said, we did\" "
              "items,\nshown from the kiosk's next start."},
    cmd_import_pack,
    0,
    0,
};

static const Command sync_command = {
    {.program = "chorus-kiosk",
     .name = "sync",
     .options = sync_rows,
     .shared = kiosk_rows,
     .about = "Sends what waits on this kiosk to the council's server (chorus-sync serve), "
              "applies the\nreceipt, and installs a newer pack: the same bundle, receipt and "
              "pack as on a stick.\nA process of its own: the touch screen never opens a "
              "socket. Loops until SIGTERM, or\n--once."},
    cmd_sync,
    0,
    0,
};

static const Command say_command = {
    {.program = "chorus-kiosk",
     .name = "say",
     .options = say_rows,
     .shared = kiosk_rows,
     .args = "TEXT",
     .args_min = 0,
     .args_max = 1,
     .about = "Reads TEXT aloud in LANG into the WAV file --out FILE, as the kiosk would (or "
              "writes the\nrecording --audio FILE). Exit 1: no voice for LANG. Needs no data "
              "folder."},
    cmd_say,
    1,
    1,
};

static const OptionTable *const commands[] = {
    &status_command.options,      &export_command.options, &import_receipt_command.options,
    &import_pack_command.options, &say_command.options,    &sync_command.options,
    &provision_command.options,   NULL,
};

static const OptionTable kiosk_options = {
    .program = "chorus-kiosk",
    .options = kiosk_rows,
    .commands = commands,
    .about = "The touch-screen kiosk. Without a command it opens its window (or, with "
             "--headless,\nfollows a script); a command does one worker's job and exits.",
};

/* Reads the kiosk's options, then the command's. Returns -1 when the kiosk should go on, else
 * the exit status: 0 after --help, 2 after a mistake. */
static int parse_args(int argc, char **argv, Options *o)
{
    OptionArgs args, cargs;
    *o = (Options){0};
    int done = options_read(&kiosk_options, argc, argv, o, &args);
    if (done >= 0)
        return done;
    if (args.command) {
        done = options_read(args.command, args.nargs, args.args, o, &cargs);
        if (done >= 0)
            return done;
        o->command = (const Command *)args.command;
        o->arg = cargs.nargs ? cargs.args[0] : NULL;
        if (o->command == &say_command && !o->arg && !o->audio)
            return options_complain(args.command, "missing TEXT (or --audio FILE)");
    }
    if (sscanf(o->size, "%dx%d", &o->w, &o->h) != 2 || o->w < 320 || o->h < 240 ||
        o->w > 8192 || o->h > 8192)
        return options_complain(&kiosk_options, "--size is WxH, e.g. 800x480");
    if (o->speech_out && !(o->headless && o->script))
        return options_complain(&kiosk_options, "--speech-out goes with --headless --script");
    return -1;
}

static int cmd_set_pin(App *a)
{
    char line[64] = "", err[ERR_LEN];
    if (!fgets(line, sizeof line, stdin)) {
        fprintf(stderr, "chorus-kiosk: --set-pin reads the PIN from standard input\n");
        return 1;
    }
    line[strcspn(line, "\r\n")] = '\0';
    int rc = pin_set(a->store, line, err);
    sodium_memzero(line, sizeof line);
    if (rc != 0) {
        fprintf(stderr, "chorus-kiosk: %s\n", err);
        return 1;
    }
    printf("worker PIN set\n");
    if (pin_recovery_is_set(a->store) == 0) {
        /* The first PIN: a recovery code too, printed once, for undoing a lockout. */
        char code[RECOVERY_DIGITS + 1];
        if (pin_recovery_new(a->store, code, err) != 0) {
            fprintf(stderr, "chorus-kiosk: %s\n", err);
            return 1;
        }
        printf("recovery code: %s\n(write it down and keep it away from the kiosk: it lets a "
               "worker set a new PIN when the kiosk is locked; it is shown only now)\n",
               code);
        sodium_memzero(code, sizeof code);
    }
    return 0;
}

/* 1 if the machine has a GPU render node. */
static int has_gpu(void)
{
    DIR *d = opendir("/dev/dri");
    if (!d)
        return 0;
    int found = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        found |= strncmp(e->d_name, "renderD", 7) == 0;
    closedir(d);
    return found;
}

static long long wall_now(void) { return (long long)time(NULL); }

/* Maps an SDL event to an app Input in renderer pixels; returns 0 when it is not input.
 * Window points and renderer pixels differ on high-DPI screens, so positions are scaled. */
static int to_input(const SDL_Event *e, SDL_Window *win, SDL_Renderer *r, Input *in)
{
    static SDL_FingerID finger = -1;
    int ww, wh, pw, ph;
    SDL_GetWindowSize(win, &ww, &wh);
    SDL_GetRendererOutputSize(r, &pw, &ph);
    float sx = ww > 0 ? (float)pw / (float)ww : 1, sy = wh > 0 ? (float)ph / (float)wh : 1;
    memset(in, 0, sizeof *in);
    switch (e->type) {
    case SDL_FINGERDOWN:
        /* A second finger while one is down is ignored, unless the first one's release was
         * lost (no finger is down but this one): then this touch starts afresh. */
        if (finger != -1 && SDL_GetNumTouchFingers(e->tfinger.touchId) > 1)
            return 0;
        finger = e->tfinger.fingerId;
        in->kind = IN_PRESS;
        in->x = (int)(e->tfinger.x * (float)pw);
        in->y = (int)(e->tfinger.y * (float)ph);
        return 1;
    case SDL_FINGERUP:
        if (e->tfinger.fingerId != finger)
            return 0;
        finger = -1;
        in->kind = IN_RELEASE;
        in->x = (int)(e->tfinger.x * (float)pw);
        in->y = (int)(e->tfinger.y * (float)ph);
        return 1;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        /* Touches also arrive as synthetic mouse events: take them once, as touches. */
        if (e->button.which == SDL_TOUCH_MOUSEID)
            return 0;
        if (e->button.button != SDL_BUTTON_LEFT) { /* a switch interface's click (keys.h) */
            keys_mouse_input(e->button.button, e->type == SDL_MOUSEBUTTONDOWN, in);
            return 1;
        }
        in->kind = e->type == SDL_MOUSEBUTTONDOWN ? IN_PRESS : IN_RELEASE;
        in->x = (int)((float)e->button.x * sx);
        in->y = (int)((float)e->button.y * sy);
        return 1;
    case SDL_TEXTINPUT:
        in->kind = IN_TEXT;
        memcpy(in->text, e->text.text, sizeof in->text);
        in->text[sizeof in->text - 1] = '\0';
        return 1;
    case SDL_KEYDOWN:
    case SDL_KEYUP:
        /* Every key, so a worker can make any key a switch (keys.c). Backspace held keeps
         * deleting, as people expect; a held Enter must not skip question after question. */
        keys_input(e->key.keysym.sym, e->key.keysym.mod, e->type == SDL_KEYDOWN, e->key.repeat,
                   in);
        return !(e->key.repeat && (in->key == KEY_ENTER || in->key == KEY_ESCAPE));
    default:
        return 0;
    }
}

/* Read-aloud: played through the audio device in a window; written to files with --speech-out
 * in a headless script; off otherwise (headless scripts stay silent and the same everywhere).
 * The window's loop run headless (--headless without --script) plays, as a window would.
 * Read-aloud never stops the kiosk: without an audio device, or without espeak-ng, it is off
 * (the speaker buttons are hidden) and the log says why. */
static Speech *start_speech(const Options *o)
{
    char err[ERR_LEN], line[ERR_LEN + 64];
    int files = o->headless && o->script;
    if (files && !o->speech_out)
        return NULL;
    if (!files && SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        snprintf(line, sizeof line, "read aloud is off: no audio: %s", SDL_GetError());
        log_line(line);
        return NULL;
    }
    Speech *sp = speech_open(files ? SPEECH_FILES : SPEECH_PLAY, o->speech_out, log_kiosk,
                             err);
    if (!sp) {
        snprintf(line, sizeof line, "read aloud is off: %s", err);
        log_line(line);
        return NULL;
    }
    if (!speech_has_synth(sp)) {
        snprintf(line, sizeof line, "read aloud: %s", err);
        log_line(line);
    }
    if (files)
        snprintf(line, sizeof line, "read aloud: writing utterances to %s", o->speech_out);
    else
        snprintf(line, sizeof line, "read aloud: on, through the audio device");
    log_line(line);
    return sp;
}

/* Survey pictures and recordings beside --surveys (assets/images, assets/audio), for the
 * pack's surveys too: a pack carries no media. */
static SurveyMedia kiosk_media;

/* The pack's surveys when a pack is installed, else those of --surveys. */
static void load_kiosk_surveys(App *a, const Options *o)
{
    char pack_dir[EXCHANGE_PATH_MAX];
    if (exchange_pack_surveys(o->data, pack_dir, sizeof pack_dir)) {
        fprintf(stderr, "chorus-kiosk: surveys from the council's pack in %s (not %s)\n",
                pack_dir, o->surveys);
        load_surveys(a, pack_dir, &kiosk_media);
    } else {
        load_surveys(a, o->surveys, &kiosk_media);
    }
    if (a->nsurveys == 0)
        log_line("no survey loaded: the kiosk will ask young people to tell a worker");
}

/* The options the kiosk was started with, for provisioned(). */
static const Options *started_with;

/* App.provisioned: the kiosk was just set up from a stick; its council key and the first
 * pack's surveys in place of what it started with. */
static int provisioned(App *a, char *err)
{
    uint8_t pk[crypto_box_PUBLICKEYBYTES];
    if (load_council_key(started_with, a->store, pk, err) != 0)
        return -1;
    memcpy(a->council_pk, pk, sizeof pk);
    for (int i = 0; i < a->nsurveys; i++)
        survey_free(a->surveys[i]);
    a->nsurveys = 0;
    load_kiosk_surveys(a, started_with);
    return 0;
}

/* The kiosk cannot start: the reason on standard error (the log, under systemd) and, for a
 * kiosk meant to be seen, on the screen too, until someone taps OK; the caller then exits
 * non-zero. Never an invisible kiosk: a window run that finds only SDL's offscreen or dummy
 * video driver (no display) says so instead of running unseen. */
static void fail_visibly(const Options *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void fail_visibly(const Options *o, const char *fmt, ...)
{
    char msg[ERR_LEN + 512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    log_line(msg);
    if (o->headless || o->command)
        return;
    if (!SDL_WasInit(SDL_INIT_VIDEO) && SDL_InitSubSystem(SDL_INIT_VIDEO) != 0)
        return; /* no display at all: stderr is all there is */
    if (!usable_driver(SDL_GetCurrentVideoDriver()))
        return;
    char shown[sizeof msg + 128];
    snprintf(shown, sizeof shown, "%s\n\nPlease tell a worker. The kiosk will stop when you "
             "press OK.", msg);
    if (SDL_ShowSimpleMessageBox(SDL_MESSAGEBOX_ERROR, "Chorus cannot start", shown, NULL) != 0)
        log_line("could not show the reason on screen either");
}

/* Waiting for the next event without using the CPU.
 *
 * SDL blocks in the video driver only where the driver can wait for events (X11, Wayland).
 * On the others (KMSDRM, on a kiosk with no compositor; the dummy driver) SDL_WaitEventTimeout
 * polls every millisecond: 2.4 to 3.5 % of a core doing nothing. There the kiosk sleeps itself
 * and pumps SDL's events at a cadence: every PUMP_ACTIVE_MS while a finger is down or someone
 * touched the kiosk in the last ACTIVE_FOR_MS (each touch after the first, a drag, a typed
 * key, is seen at most that late), every PUMP_IDLE_MS otherwise (the first touch on an
 * untouched kiosk is seen at most that late: a pressed button shows within a frame or three
 * of 60 Hz). Never past the app's next deadline (the idle warning and wipe, a countdown's
 * second, a long press), so those fire on time. Read-aloud needs no wakeups: SDL's audio
 * thread plays what was queued. SIGTERM: SDL's handler turns it into SDL_QUIT, which the next
 * pump delivers; the sleep is cut short by the signal, and is bounded anyway. */
#define PUMP_ACTIVE_MS 10
#define PUMP_IDLE_MS 50
#define ACTIVE_FOR_MS 3000

/* 1 if SDL can block in this video driver until an event comes. */
static int driver_can_wait(const char *name)
{
    return name && (strcmp(name, "x11") == 0 || strcmp(name, "wayland") == 0);
}

/* The next event into e, waiting at most timeout ms (-1: no deadline). Returns 1 with an
 * event, 0 when the time ran out. last_ms: when the last input came (SDL ticks), for the
 * cadence. */
static int next_event(SDL_Event *e, long long timeout, int can_wait, int pressing,
                      long long last_ms)
{
    if (can_wait)
        return timeout < 0 ? SDL_WaitEvent(e)
                           : SDL_WaitEventTimeout(e, (int)(timeout > 0 ? timeout : 1));
    long long start = (long long)SDL_GetTicks64();
    for (;;) {
        SDL_PumpEvents();
        if (SDL_PeepEvents(e, 1, SDL_GETEVENT, SDL_FIRSTEVENT, SDL_LASTEVENT) > 0)
            return 1;
        long long now = (long long)SDL_GetTicks64();
        long long left = timeout < 0 ? PUMP_IDLE_MS : start + timeout - now;
        if (left <= 0)
            return 0;
        long long step = pressing || now - last_ms < ACTIVE_FOR_MS ? PUMP_ACTIVE_MS : PUMP_IDLE_MS;
        if (step > left)
            step = left;
        struct timespec ts = {(time_t)(step / 1000), (long)(step % 1000) * 1000000L};
        nanosleep(&ts, NULL); /* a signal ends it early: the pump above sees SDL_QUIT */
    }
}

static int run_window(App *a, SDL_Window *win, SDL_Renderer *r, Render *rd)
{
    int shown = 0;
    int can_wait = driver_can_wait(SDL_GetCurrentVideoDriver());
    long long last_input = -ACTIVE_FOR_MS;
    SDL_StartTextInput();
    while (!a->quit) {
        if (a->wiped) {
            render_forget(rd);
            a->wiped = 0;
        }
        if (a->dirty) {
            app_build_view(a, &a->view);
            if (a->view.overflow)
                log_kiosk("layout: a screen has more widgets or text than a view holds");
            render_view(rd, &a->view);
            SDL_RenderPresent(r);
            a->dirty = 0;
            if (!shown) {
                SDL_ShowWindow(win); /* only once there is something to show */
                shown = 1;
            }
        }
        /* Sleep until an event or the next deadline: no redraws and no CPU while idle. */
        long long d = app_next_deadline(a);
        SDL_Event e;
        int got = next_event(&e, d, can_wait, a->pressing, last_input);
        while (got) {
            Input in;
            if (e.type == SDL_QUIT)
                a->quit = 1;
            else if (e.type == SDL_WINDOWEVENT &&
                     (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED ||
                      e.window.event == SDL_WINDOWEVENT_EXPOSED)) {
                int w, h;
                SDL_GetRendererOutputSize(r, &w, &h);
                app_resize(a, w, h);
            } else if (to_input(&e, win, r, &in)) {
                last_input = (long long)SDL_GetTicks64();
                app_tick(a, last_input, wall_now());
                app_input(a, &in);
            }
            got = SDL_PollEvent(&e);
        }
        app_tick(a, (long long)SDL_GetTicks64(), wall_now());
        if (held.n && screens[a->screen].worker)
            log_held_flush();
    }
    SDL_StopTextInput();
    return 0;
}

int main(int argc, char **argv)
{
    Options o;
    int done = parse_args(argc, argv, &o);
    if (done >= 0)
        return done;
    /* No core dumps: a crash must not write a young person's draft to disk. */
    struct rlimit no_core = {0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    umask(077);
    if (sodium_init() < 0) {
        fprintf(stderr, "chorus-kiosk: libsodium could not start\n");
        return 1;
    }
    /* The app holds what a young person sees (the review screen's texts): keep it in locked
     * memory that is never swapped out, and keep the process undumpable. */
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    App *a = sodium_malloc(sizeof(App));
    if (!a) {
        fprintf(stderr, "chorus-kiosk: out of memory\n");
        return 1;
    }
    memset(a, 0, sizeof *a);
    a->log = log_kiosk;
    held.app = a;
    char err[ERR_LEN], db[4096];
    int rc = 1;
    SDL_Window *win = NULL;
    SDL_Renderer *r = NULL;
    Render *rd = NULL;
    Speech *sp = NULL;
    if (o.command && o.command->standalone) {
        rc = o.command->run(NULL, &o);
        sodium_free(a);
        return rc;
    }
    if (file_mkdirs(o.data, 0700, err) != 0) {
        fail_visibly(&o, "cannot use the data folder: %s", err);
        goto done;
    }
    snprintf(db, sizeof db, "%s/kiosk.db", o.data);
    a->store = store_open(db, err);
    if (!a->store) {
        fail_visibly(&o, "cannot open the kiosk's store: %s", err);
        goto done;
    }
    /* First start: the kiosk's own signing key, which the council enrols. */
    uint8_t kiosk_pk[SIGN_PK_LEN];
    char kiosk_id[2 * KEY_ID_LEN + 1];
    if (exchange_kiosk_key(o.data, kiosk_pk, kiosk_id, err) != 0) {
        fail_visibly(&o, "%s", err);
        goto done;
    }
    if (o.set_pin) {
        rc = cmd_set_pin(a);
        goto done;
    }
    int keyed = load_council_key(&o, a->store, a->council_pk, err);
    if (keyed < 0 || exchange_provision_council_sign(o.data, o.council_sign_key, err) != 0) {
        fail_visibly(&o, "%s", err);
        goto done;
    }
    if (o.command && keyed == 1 && !o.command->first) {
        log_line(err);
        goto done;
    }
    if (o.command) {
        rc = o.command->run(a, &o);
        goto done;
    }
    a->unprovisioned = keyed == 1;
    if (a->unprovisioned)
        log_line("not provisioned: looking for the council's provisioning file on USB sticks");
    started_with = &o;
    a->provisioned = provisioned;
    a->media = &kiosk_media;
    a->data_dir = o.data;
    a->export_dir = o.export_dir;
    if (survey_media_beside(o.surveys, &kiosk_media) != 0) {
        fprintf(stderr, "chorus-kiosk: %s: path too long\n", o.surveys);
        goto done;
    }
    load_kiosk_surveys(a, &o);

    /* No GPU (no DRM render node): draw in SDL's own software renderer and keep its window
     * framebuffer off Mesa, whose software GL would only add a copy and a lot of memory. */
    int gpu = !o.headless && has_gpu();
    /* Offscreen and dummy drivers only with --headless: without it, the display's driver or a
     * clear failure (SDL would otherwise fall back to offscreen and run unseen). */
    const char *asked = getenv("SDL_VIDEODRIVER");
    if (o.headless) {
        setenv("SDL_VIDEODRIVER", "dummy", 0);
    } else if (asked && !usable_driver(asked)) {
        fail_visibly(&o, "SDL_VIDEODRIVER=%s shows nothing on a screen: it goes with "
                     "--headless only", asked);
        goto done;
    }
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0 || TTF_Init() != 0) {
        fail_visibly(&o, "no display to show the kiosk on (SDL: %s)", SDL_GetError());
        goto done;
    }
    const char *driver = SDL_GetCurrentVideoDriver();
    if (!o.headless && !usable_driver(driver)) {
        fail_visibly(&o, "no display to show the kiosk on: SDL found only its %s video "
                     "driver (is DISPLAY or WAYLAND_DISPLAY set?)", driver ? driver : "no");
        goto done;
    }
    /* Wayland has no window framebuffer of its own: with no GPU (cage on a headless or pixman
     * output) SDL keeps the software renderer's framebuffer through GL, which is Mesa's
     * software GL there. SDL decides this once, at the first window, so it is set before. */
    if (!gpu && !(driver && strcmp(driver, "wayland") == 0))
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    Uint32 flags = SDL_WINDOW_HIDDEN | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    /* Fullscreen at the display's own bounds: a window manager makes it fullscreen, and without
     * one (a bare X server) the window is already where the screen is. */
    int wx = SDL_WINDOWPOS_CENTERED, wy = SDL_WINDOWPOS_CENTERED;
    SDL_Rect bounds;
    if (o.fullscreen) {
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
        if (SDL_GetDisplayBounds(0, &bounds) == 0) {
            wx = bounds.x;
            wy = bounds.y;
            o.w = bounds.w;
            o.h = bounds.h;
        }
    }
    win = SDL_CreateWindow("Chorus", wx, wy, o.w, o.h, flags);
    if (win && gpu)
        r = SDL_CreateRenderer(win, -1, SDL_RENDERER_ACCELERATED);
    if (win && !gpu)
        r = SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE);
    if (win && !r) {
        /* No GPU: draw in software, and keep SDL from routing the framebuffer through Mesa
         * (but on Wayland, which has no other way: above). */
        SDL_DestroyWindow(win);
        if (!(driver && strcmp(driver, "wayland") == 0))
            SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
        win = SDL_CreateWindow("Chorus", wx, wy, o.w, o.h, flags);
        r = win ? SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE) : NULL;
    }
    if (!win || !r) {
        fail_visibly(&o, "cannot open a window: %s", SDL_GetError());
        goto done;
    }
    if (o.fullscreen)
        SDL_ShowCursor(SDL_DISABLE);
    sp = start_speech(&o);
    if (sp) {
        a->speak = speech_app_speak;
        a->can_speak = speech_app_can_speak;
        a->speak_ctx = sp;
    }
    rd = render_new(r, o.fonts, err);
    if (!rd) {
        fail_visibly(&o, "%s", err);
        goto done;
    }
    render_set_log(rd, log_kiosk);
    a->key_name = keys_name;
    a->measure = render_measure;
    a->measure_ctx = rd;
    int w, h;
    SDL_GetRendererOutputSize(r, &w, &h);
    app_resize(a, w, h);
    long long start_ms = o.headless ? 0 : (long long)SDL_GetTicks64();
    if (app_start(a, start_ms, wall_now()) != 0) {
        fail_visibly(&o, "%s", a->error);
        goto done;
    }
    if (o.script)
        rc = script_run(a, rd, r, o.script, o.shots) == 0 ? 0 : 1;
    else
        rc = run_window(a, win, r, rd);
    if (a->start_failed) {
        fail_visibly(&o, "%s", a->error); /* provisioned, but it could not start again */
        rc = 1;
    }
    log_summary(a);
done:
    app_stop(a);
    speech_free(sp);
    render_free(rd);
    if (r)
        SDL_DestroyRenderer(r);
    if (win)
        SDL_DestroyWindow(win);
    if (TTF_WasInit())
        TTF_Quit();
    SDL_Quit();
    for (int i = 0; i < a->nsurveys; i++)
        survey_free(a->surveys[i]);
    store_close(a->store);
    sodium_free(a);
    return rc;
}
