/* app.c: the kiosk's event core: taps, typing, the clock, idle, sending. See app.h.
 *
 * A tap fires on release, and only when the release lands on the widget the press started on,
 * so a finger that slides off cancels and one touch can never fire twice. */
#include "app.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pin.h"
#include "seal.h"

static void app_log(App *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

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
    a->survey = -1;
    a->focus = -1;
    a->fixed_survey = -1;
    a->draft = sodium_malloc(sizeof(Draft));
    a->answer_buf = sodium_malloc(sizeof(Answer) * SURVEY_QUESTIONS_MAX);
    a->choice_buf = sodium_malloc(sizeof(char *) * SURVEY_QUESTIONS_MAX * SURVEY_CHOICES_MAX);
    if (!a->draft || !a->answer_buf || !a->choice_buf) {
        snprintf(a->error, sizeof a->error, "out of memory for the draft");
        return -1;
    }
    draft_wipe(a->draft);

    char buf[SURVEY_NAME_MAX + 1];
    int rc = store_get(a->store, "fixed_survey", buf, sizeof buf);
    if (rc == 1) {
        for (int i = 0; i < a->nsurveys; i++)
            if (strcmp(a->surveys[i]->form_id, buf) == 0)
                a->fixed_survey = i;
        if (a->fixed_survey < 0)
            app_log(a, "fixed survey '%s' is not loaded; young people will choose", buf);
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
    if (rc < 0 || set < 0) {
        snprintf(a->error, sizeof a->error, "cannot read settings: %s", store_errmsg(a->store));
        return -1;
    }
    a->screen = SCR_WELCOME;
    app_go(a, set ? SCR_WELCOME : SCR_SET_PIN);
    return 0;
}

void app_stop(App *a)
{
    if (a->draft)
        draft_wipe(a->draft);
    sodium_free(a->draft);
    sodium_free(a->answer_buf);
    sodium_free(a->choice_buf);
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
        a->message = NULL;
    }
    /* Back from the idle warning is not a new visit: keep what the screen held (a half-typed
     * session name, the keyboard's shift). */
    int resumed = a->screen == SCR_IDLE && s == a->idle_return;
    a->screen = s;
    if (screens[s].enter && !resumed)
        screens[s].enter(a);
    a->dirty = 1;
}

void app_reset_person(App *a)
{
    draft_wipe(a->draft);
    sodium_memzero(a->answer_buf, sizeof(Answer) * SURVEY_QUESTIONS_MAX);
    sodium_memzero(a->choice_buf, sizeof(char *) * SURVEY_QUESTIONS_MAX * SURVEY_CHOICES_MAX);
    view_wipe(&a->view);
    a->survey = -1;
    a->page = 0;
    a->focus = -1;
    a->review_from = 0;
    a->shift = 0;
    a->talk_asked = 0;
    a->pressing = 0;
    sodium_memzero(a->pin, sizeof a->pin);
    sodium_memzero(a->pin_first, sizeof a->pin_first);
    a->wiped = 1;
    a->message = NULL;
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
    screens[a->screen].build(a, v);
}

/* The worker corner: the top-left square of the welcome screen. */
static int in_worker_corner(const App *a, int x, int y)
{
    int size = view_px(&a->view, WORKER_CORNER, 60);
    return a->screen == SCR_WELCOME && x < size && y < size;
}

static void fire(App *a, int action, int arg)
{
    ScreenId next = screens[a->screen].on_action(a, action, arg);
    if (next != a->screen)
        app_go(a, next);
    a->dirty = 1;
}

void app_input(App *a, const Input *in)
{
    a->last_input_ms = a->now_ms;
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
            a->view.widgets[hit].arg == a->press_arg)
            fire(a, a->press_action, a->press_arg);
        break;
    }
    case IN_CANCEL:
        a->pressing = 0;
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

/* The seconds shown on a countdown change: redraw once a second. */
static long long next_second(const App *a, long long deadline)
{
    long long left = deadline - a->now_ms;
    if (left <= 0)
        return 0;
    long long part = left % 1000;
    return part ? part : 1000;
}

long long app_next_deadline(const App *a)
{
    long long best = -1;
#define CONSIDER(t)                                                                             \
    do {                                                                                        \
        long long t_ = (t) < 0 ? 0 : (t);                                                       \
        if (best < 0 || t_ < best)                                                              \
            best = t_;                                                                          \
    } while (0)
    if (a->pressing && !a->press_done && in_worker_corner(a, a->press_x, a->press_y))
        CONSIDER(a->press_ms + LONG_PRESS_MS - a->now_ms);
    switch (screens[a->screen].idle) {
    case IDLE_WARN:
        CONSIDER(a->last_input_ms + IDLE_AFTER_MS - a->now_ms);
        break;
    case IDLE_RETURN:
        CONSIDER(a->screen_since_ms + THANKS_MS - a->now_ms);
        break;
    case IDLE_NONE:
        break;
    }
    if (a->screen == SCR_IDLE)
        CONSIDER(next_second(a, a->screen_since_ms + IDLE_COUNTDOWN_MS));
    if (a->screen == SCR_PIN && a->pin_wait_until > a->wall)
        CONSIDER(1000);
#undef CONSIDER
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
        sodium_memzero(a->pin, sizeof a->pin);
        app_go(a, SCR_PIN);
        return;
    }
    switch (screens[a->screen].idle) {
    case IDLE_WARN:
        if (now_ms - a->last_input_ms >= IDLE_AFTER_MS) {
            a->idle_return = a->screen;
            app_go(a, SCR_IDLE);
        }
        break;
    case IDLE_RETURN:
        if (now_ms - a->screen_since_ms >= THANKS_MS)
            app_reset_person(a);
        break;
    case IDLE_NONE:
        break;
    }
    if (a->screen == SCR_IDLE) {
        if (now_ms - a->screen_since_ms >= IDLE_COUNTDOWN_MS) {
            app_log(a, "idle: the draft was wiped");
            app_reset_person(a);
        } else if ((now_ms - a->screen_since_ms) / 1000 != (before - a->screen_since_ms) / 1000) {
            a->dirty = 1;
        }
    }
    if (a->screen == SCR_PIN && a->pin_wait_until && wall != wall_before)
        a->dirty = 1;
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

int app_send(App *a)
{
    Response r;
    memset(&r, 0, sizeof r);
    randombytes_buf(r.id, sizeof r.id);
    today(a->wall, &r.year, &r.month, &r.day);
    r.session = a->session;
    draft_to_response(a->draft, &r, a->answer_buf, a->choice_buf);
    uint8_t *sealed = NULL;
    size_t len = 0;
    char err[ERR_LEN];
    int rc = seal_response(&r, a->council_pk, &sealed, &len, err);
    sodium_memzero(a->answer_buf, sizeof(Answer) * SURVEY_QUESTIONS_MAX);
    sodium_memzero(a->choice_buf, sizeof(char *) * SURVEY_QUESTIONS_MAX * SURVEY_CHOICES_MAX);
    if (rc != 0) {
        snprintf(a->error, sizeof a->error, "could not seal the response: %s", err);
        app_log(a, "%s", a->error);
        return -1;
    }
    rc = store_put_response(a->store, r.id, r.form_id, sealed, len);
    free(sealed);
    if (rc != 0) {
        snprintf(a->error, sizeof a->error, "could not store the response: %s",
                 store_errmsg(a->store));
        app_log(a, "%s", a->error);
        return -1;
    }
    /* Neither the survey nor the flags: a timestamped log line must not say that a child at
     * this kiosk raised a concern, or when. */
    app_log(a, "stored a response");
    sodium_memzero(&r, sizeof r);
    return 0;
}
