/* app.c: the kiosk's event core: taps, typing, the clock, idle, sending; and the young
 * person's language, words and look. See app.h.
 *
 * A tap fires on release, and only when the release lands on the widget the press started on,
 * so a finger that slides off cancels and one touch can never fire twice. */
#include "app.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "access.h"
#include "debrief.h"
#include "help_request.h"
#include "pin.h"
#include "seal.h"
#include "words.h"

static void app_log(App *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

const AgeBand age_bands[AGE_BANDS] = {
    {4, 7, "age-4-7.png"},     {8, 11, "age-8-11.png"},   {12, 15, "age-12-15.png"},
    {16, 17, "age-16-17.png"}, {18, 25, "age-18-25.png"},
};

/* The pictures of "Choose how it looks", by LookSetting, in the images folder. */
static const char *const look_pictures[LOOK_COUNT] = {"bigger-text.png", "contrast.png",
                                                      "easy-font.png", "more-time.png"};

/* ---- languages ---- */

/* Languages the kiosk knows by code: each name in its own script, the English names a survey
 * may use without a code, and the direction. Any other language shows the survey's name. */
static const struct {
    const char *code, *endonym, *english, *english2;
    int rtl;
} languages[] = {
    {"en", "English", "English", "default", 0},
    {"ar", "العربية", "Arabic", NULL, 1},
    {"fa", "فارسی", "Farsi", "Persian", 1},
    {"ps", "پښتو", "Pashto", NULL, 1},
    {"ti", "ትግርኛ", "Tigrinya", NULL, 0},
    {"ckb", "کوردی", "Kurdish Sorani", "Sorani", 1},
    {"vi", "Tiếng Việt", "Vietnamese", NULL, 0},
    {"sq", "Shqip", "Albanian", NULL, 0},
    {"ur", "اردو", "Urdu", NULL, 1},
    {"he", "עברית", "Hebrew", NULL, 1},
};
#define NLANGUAGES ((int)(sizeof languages / sizeof *languages))

/* The row of languages for key ("ar", "AR", "ar-EG"), or -1. */
static int language_row(const char *key)
{
    size_t n = strcspn(key, "-_");
    for (int i = 0; i < NLANGUAGES; i++)
        if (strlen(languages[i].code) == n && strncasecmp(languages[i].code, key, n) == 0)
            return i;
    return -1;
}

int app_lang_rtl(const char *key)
{
    int row = language_row(key);
    return row >= 0 && languages[row].rtl;
}

void app_lang_key(const Language *l, char *key)
{
    const char *k = l->code;
    if (!*k) {
        /* A plain `label` column with no default_language is in XLSForm's "default"
         * language: English, in every form we have seen. */
        k = *l->name ? l->name : "en";
        for (int i = 0; i < NLANGUAGES; i++)
            if (strcasecmp(l->name, languages[i].english) == 0 ||
                (languages[i].english2 && strcasecmp(l->name, languages[i].english2) == 0))
                k = languages[i].code;
    }
    if (strlen(k) > LANG_KEY_MAX)
        k = ""; /* a name too long to be a key: offered by no button */
    snprintf(key, LANG_KEY_MAX + 1, "%s", k);
}

/* Adds survey language l to the languages offered, unless it is there already. */
static void offer_language(App *a, const Language *l)
{
    char key[LANG_KEY_MAX + 1];
    app_lang_key(l, key);
    if (!*key || a->nlangs >= SURVEY_LANGS_MAX)
        return;
    for (int i = 0; i < a->nlangs; i++)
        if (strcasecmp(a->langs[i].key, key) == 0)
            return;
    AppLanguage *al = &a->langs[a->nlangs++];
    memcpy(al->key, key, sizeof al->key);
    int row = language_row(key);
    if (row >= 0) {
        al->name = languages[row].endonym;
        al->name_len = (int)strlen(al->name);
    } else {
        /* "Polski (pl)" shows as "Polski". */
        const char *open = strrchr(l->name, '(');
        size_t n = open && *l->code ? (size_t)(open - l->name) : strlen(l->name);
        while (n && l->name[n - 1] == ' ')
            n--;
        al->name = l->name;
        al->name_len = (int)n;
    }
}

/* Every language of the loaded surveys: each survey's default first, so the language most
 * surveys are written in leads. */
static void find_languages(App *a)
{
    a->nlangs = 0;
    for (int i = 0; i < a->nsurveys; i++)
        offer_language(a, &a->surveys[i]->langs[a->surveys[i]->default_lang]);
    for (int i = 0; i < a->nsurveys; i++)
        for (int l = 0; l < a->surveys[i]->nlangs; l++)
            offer_language(a, &a->surveys[i]->langs[l]);
}

const char *app_lang(const App *a)
{
    if (a->survey >= 0 && a->lang_shown[0])
        return a->lang_shown;
    if (a->person.lang[0])
        return a->person.lang;
    return a->nlangs ? a->langs[0].key : "en";
}

int app_survey_lang(const App *a, const Survey *s)
{
    if (!a->person.lang[0])
        return s->default_lang;
    for (int i = 0; i < s->nlangs; i++) {
        char key[LANG_KEY_MAX + 1];
        app_lang_key(&s->langs[i], key);
        if (strcasecmp(key, a->person.lang) == 0)
            return i;
    }
    return s->default_lang;
}

void app_offer_surveys(App *a, int band)
{
    a->noffered = 0;
    for (int i = 0; i < a->nsurveys; i++) {
        const Survey *s = a->surveys[i];
        if (band < 0 ||
            (s->age_min <= age_bands[band].max && s->age_max >= age_bands[band].min))
            a->offered[a->noffered++] = i;
    }
    if (a->noffered == 0)
        for (int i = 0; i < a->nsurveys; i++)
            a->offered[a->noffered++] = i;
}

/* ---- the kiosk's own words (the tables, one block a language, are in words.c) ---- */

/* The translation of key into the language in effect, or NULL; its code in *code. */
static const char *translated(const App *a, UiText key, const char **code)
{
    int row = language_row(app_lang(a));
    const char *t = row >= 0 ? words_translation(languages[row].code, key) : NULL;
    if (t)
        *code = languages[row].code;
    return t;
}

const char *ui_text(const App *a, UiText key)
{
    const char *code;
    if ((int)key < 0 || key >= UI_COUNT)
        return "";
    const char *t = translated(a, key, &code);
    return t ? t : words_english(key);
}

const char *ui_text_lang(const App *a, UiText key)
{
    const char *code = "en";
    if ((int)key >= 0 && key < UI_COUNT)
        (void)translated(a, key, &code);
    return code;
}

/* ---- look ---- */

Look app_look(const App *a)
{
    Look look = {0, 0, 0, 0, "en"};
    if (screens[a->screen].worker)
        return look;
    look.lang = app_lang(a);
    look.rtl = app_lang_rtl(look.lang);
    look.bigger = a->person.setting[LOOK_BIGGER];
    look.contrast = a->person.setting[LOOK_CONTRAST];
    look.dyslexic = a->person.setting[LOOK_DYSLEXIC];
    return look;
}

long long app_idle_after(const App *a)
{
    return a->person.setting[LOOK_MORE_TIME] ? 2LL * IDLE_AFTER_MS : IDLE_AFTER_MS;
}

/* Forgets what the young person chose for themselves. */
static void person_reset(App *a)
{
    memset(&a->person, 0, sizeof a->person);
    a->person.band = -1;
    a->noffered = 0;
    memset(a->lang_shown, 0, sizeof a->lang_shown);
}

/* The kiosk's own pictures that are in the images folder (a missing one: words only). */
static void find_pictures(App *a)
{
    const char *dir = a->images_dir ? a->images_dir : SURVEY_IMAGES_DIR;
    char reason[ERR_LEN];
    for (int i = 0; i < AGE_BANDS + LOOK_COUNT; i++) {
        char *path = i < AGE_BANDS ? a->band_picture[i] : a->look_picture[i - AGE_BANDS];
        const char *name = i < AGE_BANDS ? age_bands[i].picture : look_pictures[i - AGE_BANDS];
        snprintf(path, EXCHANGE_PATH_MAX, "%s/%s", dir, name);
        if (survey_png_check(path, reason) != 0) {
            if (strcmp(reason, "not found") != 0)
                app_log(a, "not showing the picture %s: %s", path, reason);
            path[0] = '\0';
        }
    }
}

static void app_log(App *a, const char *fmt, ...)
{
    char line[ERR_LEN + 128];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (a->log)
        a->log(line);
}

int app_start(App *a, long long now_ms, long long wall)
{
    a->now_ms = now_ms;
    a->wall = wall;
    a->last_input_ms = now_ms;
    a->screen_since_ms = now_ms;
    a->view_since_ms = now_ms - TAP_GUARD_MS;
    a->survey = -1;
    a->focus = -1;
    a->review_open = -1;
    a->fixed_survey = -1;
    a->fixed_band = -1;
    a->take_group = -1;
    person_reset(a);
    find_languages(a);
    find_pictures(a);
    a->draft = sodium_malloc(sizeof(Draft));
    a->answer_buf = sodium_malloc(sizeof(Answer) * SURVEY_QUESTIONS_MAX);
    a->choice_buf = sodium_malloc(sizeof(char *) * SURVEY_QUESTIONS_MAX * SURVEY_CHOICES_MAX);
    a->debrief = debrief_new();
    a->receipt_shown = sodium_malloc(RECEIPT_CODE_MAX + 1);
    if (!a->draft || !a->answer_buf || !a->choice_buf || !a->debrief || !a->receipt_shown) {
        snprintf(a->error, sizeof a->error, "out of memory for the draft");
        return -1;
    }
    draft_wipe(a->draft);
    sodium_memzero(a->receipt_shown, RECEIPT_CODE_MAX + 1);

    char buf[SURVEY_NAME_MAX + 1];
    int rc = store_get(a->store, "fixed_survey", buf, sizeof buf);
    if (rc == 1) {
        for (int i = 0; i < a->nsurveys; i++)
            if (strcmp(a->surveys[i]->form_id, buf) == 0)
                a->fixed_survey = i;
        if (a->fixed_survey < 0)
            app_log(a, "fixed survey '%s' is not loaded; young people will choose", buf);
    }
    int brc = store_get(a->store, "fixed_band", buf, sizeof buf);
    if (brc == 1) {
        for (int i = 0; i < AGE_BANDS; i++) {
            char band[16];
            snprintf(band, sizeof band, "%d-%d", age_bands[i].min, age_bands[i].max);
            if (strcmp(band, buf) == 0)
                a->fixed_band = i;
        }
        if (a->fixed_band < 0)
            app_log(a, "fixed age band '%s' is not one the kiosk knows; young people will say",
                    buf);
    }
    if (store_get(a->store, "session", a->session, sizeof a->session) != 1)
        a->session[0] = '\0';
    a->nnews = 0;
    if (a->data_dir) {
        char err[ERR_LEN];
        int n = exchange_read_news(a->data_dir, a->news, NEWS_SHOWN, err);
        if (n < 0)
            app_log(a, "not showing \"you said, we did\": %s", err);
        a->nnews = n > 0 ? n : 0;
    }
    int set = pin_is_set(a->store);
    if (rc < 0 || brc < 0 || set < 0) {
        snprintf(a->error, sizeof a->error, "cannot read settings: %s", store_errmsg(a->store));
        return -1;
    }
    if (help_start(a) != 0 || access_load(a) != 0)
        return -1;
    a->screen = SCR_WELCOME;
    app_go(a, a->unprovisioned ? SCR_PROVISION : set ? SCR_WELCOME : SCR_SET_PIN);
    return 0;
}

void app_restart(App *a)
{
    char err[ERR_LEN];
    long long now = a->now_ms, wall = a->wall;
    if (a->provisioned && a->provisioned(a, err) != 0) {
        snprintf(a->error, sizeof a->error, "provisioned, but the kiosk can't start: %s", err);
        a->start_failed = a->quit = 1;
        return;
    }
    app_stop(a);
    a->unprovisioned = 0;
    if (app_start(a, now, wall) != 0)
        a->start_failed = a->quit = 1;
}

void app_stop(App *a)
{
    if (a->draft)
        draft_wipe(a->draft);
    sodium_free(a->draft);
    sodium_free(a->answer_buf);
    sodium_free(a->choice_buf);
    debrief_free(a->debrief);
    a->debrief = NULL;
    sodium_free(a->receipt_shown); /* zeroes it first */
    a->receipt_shown = NULL;
    help_stop(a);
    a->draft = NULL;
    a->answer_buf = NULL;
    a->choice_buf = NULL;
    view_wipe(&a->view);
}

const Survey *app_survey(const App *a) { return a->survey >= 0 ? a->surveys[a->survey] : NULL; }

void app_go(App *a, ScreenId s)
{
    if (s != a->screen) {
        a->screen_since_ms = a->now_ms;
        a->view_since_ms = a->now_ms;
        a->message = NULL;
    }
    /* Back from the idle warning is not a new visit: keep what the screen held (a half-typed
     * session name, the keyboard's shift). */
    int resumed = a->screen == SCR_IDLE && s == a->idle_return;
    if (s != a->screen)
        a->came_from = a->screen;
    a->screen = s;
    if (screens[s].enter && !resumed)
        screens[s].enter(a);
    a->dirty = 1;
}

void app_forget_answers(App *a)
{
    draft_wipe(a->draft);
    sodium_memzero(a->answer_buf, sizeof(Answer) * SURVEY_QUESTIONS_MAX);
    sodium_memzero(a->choice_buf, sizeof(char *) * SURVEY_QUESTIONS_MAX * SURVEY_CHOICES_MAX);
    view_wipe(&a->view);
    a->survey = -1;
    a->page = 0;
    a->focus = -1;
    a->review_from = 0;
    a->choices_from = 0;
    a->review_open = -1;
    a->review_at = 0;
    a->from_review = 0;
    a->shift = 0;
    a->talk_asked = 0;
    help_forget_person(a);
    memset(a->lang_shown, 0, sizeof a->lang_shown);
    a->wiped = 1;
    a->message = NULL;
}

void app_forget_person(App *a)
{
    app_forget_answers(a);
    a->pressing = 0;
    sodium_memzero(a->pin, sizeof a->pin);
    sodium_memzero(a->pin_first, sizeof a->pin_first);
    sodium_memzero(a->recovery, sizeof a->recovery);
    debrief_close(a->debrief); /* a debrief left on screen: its lines go, the tallies stay */
    if (a->receipt_shown)
        sodium_memzero(a->receipt_shown, RECEIPT_CODE_MAX + 1);
    sodium_memzero(a->take_pics, sizeof a->take_pics);
    sodium_memzero(a->take_letters, sizeof a->take_letters);
    a->take_npics = 0;
    a->take_group = -1;
    a->take_said = 0;
    person_reset(a);
    access_forget_person(a);
    app_go(a, SCR_WELCOME);
}

void app_resize(App *a, int w, int h)
{
    a->w = w;
    a->h = h;
    a->dirty = 1;
}

void app_build_view(const App *a, View *v)
{
    view_reset(v, a->w, a->h);
    v->look = app_look(a);
    v->measure = a->measure;
    v->measure_ctx = a->measure_ctx;
    screens[a->screen].build(a, v);
    /* Right to left: the whole layout mirrored, so Back is on the right and Next on the left
     * and everything starts from the right; the renderer right-aligns the text. */
    if (v->look.rtl)
        view_mirror(v);
    access_ring(a, v);
}

/* The worker corner: the top-left square of the welcome screen. */
static int in_worker_corner(const App *a, int x, int y)
{
    int size = view_px(&a->view, WORKER_CORNER, 60);
    return screens[a->screen].corner && x < size && y < size;
}

void app_fire(App *a, int action, int arg)
{
    int page = a->page, from = a->review_from, open = a->review_open, focus = a->focus,
        at = a->review_at;
    int choices = a->choices_from;
    ScreenId next = screens[a->screen].on_action(a, action, arg);
    if (next != a->screen)
        app_go(a, next);
    /* Another question, page of answers or keyboard under the same finger is a new view too. */
    if (a->page != page || a->review_from != from || a->review_open != open || a->focus != focus ||
        a->review_at != at || a->choices_from != choices)
        a->view_since_ms = a->now_ms;
    a->dirty = 1;
}

/* One tap, one action: a press this soon after the view changed lands on something the young
 * person has not seen yet, and a second press on the button just tapped is the same tap twice
 * (a double tap, a bouncing finger). Keys are exempt from the second rule: "ll" is typing. */
static int tap_guarded(const App *a, int action, int arg)
{
    if (a->now_ms - a->view_since_ms < TAP_GUARD_MS)
        return 1;
    return action == a->tap_action && arg == a->tap_arg && action != A_KEY &&
           action != A_PIN_DIGIT && a->now_ms - a->tap_ms < TAP_GUARD_MS;
}

void app_input(App *a, const Input *in)
{
    a->last_input_ms = a->now_ms;
    if (access_input(a, in)) {
        a->dirty = 1;
        return;
    }
    switch (in->kind) {
    case IN_PRESS: {
        app_build_view(a, &a->view);
        int hit = view_hit(&a->view, in->x, in->y);
        a->pressing = 1;
        a->press_done = 0;
        a->press_x = in->x;
        a->press_y = in->y;
        a->press_ms = a->now_ms;
        a->press_action = hit >= 0 ? a->view.widgets[hit].action : A_NONE;
        a->press_arg = hit >= 0 ? a->view.widgets[hit].arg : 0;
        if (tap_guarded(a, a->press_action, a->press_arg))
            a->press_action = A_NONE; /* still a press: the worker corner can be held */
        break;
    }
    case IN_RELEASE: {
        if (!a->pressing)
            break; /* a release without its press (a second source of the same touch) */
        a->pressing = 0;
        if (a->press_done || a->press_action == A_NONE)
            break;
        app_build_view(a, &a->view);
        int hit = view_hit(&a->view, in->x, in->y);
        if (hit >= 0 && a->view.widgets[hit].action == a->press_action &&
            a->view.widgets[hit].arg == a->press_arg) {
            a->tap_ms = a->now_ms;
            a->tap_action = a->press_action;
            a->tap_arg = a->press_arg;
            app_fire(a, a->press_action, a->press_arg);
        }
        break;
    }
    case IN_CANCEL:
        a->pressing = 0;
        break;
    case IN_KEY_UP:
        break;
    case IN_TEXT:
    case IN_KEY:
        if (screens[a->screen].on_key) {
            ScreenId next = screens[a->screen].on_key(a, in);
            if (next != a->screen)
                app_go(a, next);
            a->dirty = 1;
        }
        break;
    }
}

long long app_next_deadline(const App *a)
{
    long long best = -1;
    if (a->pressing && !a->press_done && in_worker_corner(a, a->press_x, a->press_y)) {
        best = a->press_ms + LONG_PRESS_MS - a->now_ms;
        if (best < 0)
            best = 0;
    }
    if (screens[a->screen].deadline) {
        long long d = screens[a->screen].deadline(a);
        if (d >= 0 && (best < 0 || d < best))
            best = d;
    }
    long long d = access_deadline(a);
    if (d >= 0 && (best < 0 || d < best))
        best = d;
    return best;
}

void app_tick(App *a, long long now_ms, long long wall)
{
    long long before = a->now_ms;
    long long wall_before = a->wall;
    a->now_ms = now_ms;
    a->wall = wall;
    if (a->pressing && !a->press_done && in_worker_corner(a, a->press_x, a->press_y) &&
        now_ms - a->press_ms >= LONG_PRESS_MS) {
        a->press_done = 1;
        app_fire(a, A_WORKER_HOLD, 0);
        return;
    }
    if (screens[a->screen].on_tick) {
        ScreenId next = screens[a->screen].on_tick(a, before, wall_before);
        if (next != a->screen)
            app_go(a, next);
    }
    access_tick(a);
}

/* Today's date from the wall clock, in local time: the only time a response carries. */
static void today(long long wall, int *y, int *m, int *d)
{
    time_t t = (time_t)wall;
    struct tm tm;
    localtime_r(&t, &tm);
    *y = tm.tm_year + 1900;
    *m = tm.tm_mon + 1;
    *d = tm.tm_mday;
}

ReceiptKind app_receipt_kind(const App *a)
{
    const Survey *s = app_survey(a);
    if ((a->person.band >= 0 && age_bands[a->person.band].max < 12) || (s && s->age_max < 12))
        return RECEIPT_KIND_PICTURES;
    return RECEIPT_KIND_LETTERS;
}

int app_send(App *a)
{
    Response r;
    memset(&r, 0, sizeof r);
    memcpy(r.id, a->draft->id, sizeof r.id);
    if (!a->draft->receipt[0])
        receipt_new(app_receipt_kind(a), a->draft->receipt);
    r.receipt = a->draft->receipt;
    today(a->wall, &r.year, &r.month, &r.day);
    r.session = a->session;
    draft_to_response(a->draft, &r, a->answer_buf, a->choice_buf);
    uint8_t *sealed = NULL;
    size_t len = 0;
    char err[ERR_LEN];
    int rc = seal_response(&r, a->council_pk, &sealed, &len, err);
    if (rc != 0) {
        sodium_memzero(a->answer_buf, sizeof(Answer) * SURVEY_QUESTIONS_MAX);
        sodium_memzero(a->choice_buf,
                       sizeof(char *) * SURVEY_QUESTIONS_MAX * SURVEY_CHOICES_MAX);
        snprintf(a->error, sizeof a->error, "could not seal the response: %s", err);
        app_log(a, "%s", a->error);
        return -1;
    }
    rc = store_put_response(a->store, r.id, r.form_id, sealed, len);
    free(sealed);
    /* Counted for the session's debrief once committed, never before: a Send that failed and
     * is tried again counts once. */
    if (rc == 0 && a->session[0])
        (void)debrief_add(a->debrief, a->draft->survey, &r);
    sodium_memzero(a->answer_buf, sizeof(Answer) * SURVEY_QUESTIONS_MAX);
    sodium_memzero(a->choice_buf, sizeof(char *) * SURVEY_QUESTIONS_MAX * SURVEY_CHOICES_MAX);
    if (rc != 0) {
        snprintf(a->error, sizeof a->error, "could not store the response: %s",
                 store_errmsg(a->store));
        app_log(a, "%s", a->error);
        return -1;
    }
    /* Counted, not logged: journald stamps every line with the time it arrives, so a line a
     * response would tell whoever reads the journal when each young person answered. The
     * count goes into one line when the kiosk stops (main.c). */
    a->stored++;
    memcpy(a->receipt_shown, a->draft->receipt, RECEIPT_CODE_MAX + 1);
    sodium_memzero(&r, sizeof r);
    return 0;
}
