/* screens_worker.c: the worker's screens: setting and asking the PIN, worker mode (counts,
 * the survey, the age band, a session) and Export to USB. Rows of the table in screens.c; see
 * screens.h. Worker screens are English, left to right, in the plain look. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "access.h"
#include "debrief.h"
#include "keyboard.h"
#include "kit.h"
#include "netsync.h"
#include "pin.h"
#include "screens.h"

/* ---- worker PIN ---- */

/* The digit pad of the PIN and recovery screens: title, sub, what the field shows, the message
 * of the last try, Cancel (when cancel), a middle button (mid, NULL for none) and OK. */
static void digit_pad(const App *a, View *v, const char *title, const char *sub,
                      const char *field, int cancel, const char *mid, int mid_action, int ok)
{
    background(v);
    int m = margin(v);
    /* Each text as tall as its words need (a small window wraps them), the pad below. */
    int y = kit_text_flow(v, m, U(v, 20), v->w - 2 * m, U(v, 60), title, TS_LARGE, W_BOLD);
    y = kit_text_flow(v, m, y, v->w - 2 * m, U(v, 40), sub, TS_SMALL, 0) + U(v, 10);
    int fw = U(v, 640), fh = view_px(v, 72, 48);
    view_add(v, W_FIELD, rect((v->w - fw) / 2, y, fw, fh), view_printf(v, "%s", field), TS_LARGE,
             A_NONE, 0);
    y += fh + U(v, 8);
    if (a->message)
        y = kit_text_flow(v, m, y, v->w - 2 * m, U(v, 40), a->message, TS_SMALL, W_ALERT);
    int bottom = kit_nav_bar(v, cancel ? "Cancel" : NULL, A_CANCEL, mid, mid_action, 0, W_QUIET,
                             "OK", A_PIN_OK, ok ? 0 : W_DISABLED);
    int top = y + U(v, 10);
    int kw = U(v, 560);
    Rect area = rect((v->w - kw) / 2, top, kw, bottom - top);
    Rect cells[12];
    int gap = U(v, 10), rows = 4, cols = 3;
    int ch = (area.h - (rows - 1) * gap) / rows, cw = (area.w - (cols - 1) * gap) / cols;
    for (int i = 0; i < 12; i++)
        cells[i] = rect(area.x + (i % cols) * (cw + gap), area.y + (i / cols) * (ch + gap), cw, ch);
    static const char *const digits[10] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
    for (int d = 1; d <= 9; d++)
        view_add(v, W_KEY, cells[d - 1], digits[d], TS_LARGE, A_PIN_DIGIT, d);
    view_add(v, W_KEY, cells[9], "Delete", TS_LARGE, A_PIN_DELETE, 0);
    view_add(v, W_KEY, cells[10], digits[0], TS_LARGE, A_PIN_DIGIT, 0);
}

/* The PIN pad: a bullet for each digit typed. */
static void pin_pad(const App *a, View *v, const char *title, const char *sub, int cancel,
                    const char *mid, int mid_action)
{
    char dots[PIN_MAX_DIGITS * 3 + 1] = "";
    for (size_t i = 0; i < strlen(a->pin); i++)
        strcat(dots, "\xE2\x80\xA2"); /* U+2022 BULLET */
    digit_pad(a, v, title, sub, dots, cancel, mid, mid_action, strlen(a->pin) >= PIN_MIN_DIGITS);
}

void build_pin(const App *a, View *v)
{
    const char *sub = "Worker mode. Type your PIN.";
    if (a->pin_wait_until > a->wall) {
        long long left = a->pin_wait_until - a->wall;
        sub = view_printf(v, "Too many wrong PINs. You can try again in %lld:%02lld.", left / 60,
                          left % 60);
    }
    pin_pad(a, v, "Worker PIN", sub, 1, "Recovery code", A_RECOVERY);
}

void pin_enter(App *a)
{
    sodium_memzero(a->pin, sizeof a->pin);
    long long until = pin_wait_until(a->store, a->wall);
    a->pin_wait_until = until > 0 ? until : 0;
}

/* A lockout counts its seconds down on the PIN screen: redrawn as the wall clock moves. */
ScreenId pin_tick(App *a, long long before_ms, long long wall_before)
{
    if (a->pin_wait_until && a->wall != wall_before)
        a->dirty = 1;
    return tick_idle_warn(a, before_ms, wall_before);
}

long long pin_deadline(const App *a)
{
    long long d = deadline_idle_warn(a);
    return a->pin_wait_until > a->wall && (d < 0 || d > 1000) ? 1000 : d;
}

/* A digit or Delete into buf (cap bytes): the last try's message goes once typing starts. */
static ScreenId digit_edit(App *a, char *buf, size_t cap, int action, int arg)
{
    if (action == A_PIN_DIGIT && arg >= 0 && arg <= 9) {
        char d[2] = {(char)('0' + arg), '\0'};
        kit_buffer_edit(buf, cap, d, 0);
        a->message = NULL;
    } else if (action == A_PIN_DELETE) {
        kit_buffer_edit(buf, cap, NULL, 1);
        a->message = NULL;
    }
    return a->screen;
}

static ScreenId pin_digit(App *a, int action, int arg)
{
    return digit_edit(a, a->pin, sizeof a->pin, action, arg);
}

/* "That PIN is not right." and how many tries are left before a wait or the lockout. */
static const char *wrong_pin_message(App *a)
{
    int lockout = 0, left = pin_tries_left(a->store, &lockout);
    if (left < 0)
        return "That PIN is not right.";
    if (left == 0)
        return "That PIN is not right. The kiosk is locked for 30 minutes (or use the recovery "
               "code).";
    snprintf(a->message_buf, sizeof a->message_buf,
             "That PIN is not right. %d more %s before %s.", left, left == 1 ? "try" : "tries",
             lockout ? "a 30-minute lockout" : "a wait");
    return a->message_buf;
}

ScreenId on_pin(App *a, int action, int arg)
{
    if (action == A_CANCEL) {
        sodium_memzero(a->pin, sizeof a->pin);
        return SCR_WELCOME;
    }
    if (action == A_RECOVERY) {
        sodium_memzero(a->pin, sizeof a->pin);
        return SCR_RECOVERY_ENTER;
    }
    if (action != A_PIN_OK)
        return pin_digit(a, action, arg);
    if (strlen(a->pin) < PIN_MIN_DIGITS)
        return SCR_PIN; /* too short to be a PIN: not a try */
    long long until = 0;
    PinResult r = pin_check(a->store, a->pin, a->wall, &until);
    sodium_memzero(a->pin, sizeof a->pin);
    a->pin_wait_until = until;
    switch (r) {
    case PIN_OK:
        /* Someone asked for help since a worker last looked: that comes first. */
        return a->help_waiting > 0 ? SCR_WORKER_ALERT : SCR_WORKER;
    case PIN_WRONG:
        a->message = wrong_pin_message(a);
        return SCR_PIN;
    case PIN_LOCKED:
        a->message = "Please wait before trying again.";
        return SCR_PIN;
    case PIN_ERROR:
        a->message = "The PIN could not be checked. See the kiosk log.";
        snprintf(a->error, sizeof a->error, "PIN check failed: %s", store_errmsg(a->store));
        if (a->log)
            a->log(a->error);
        return SCR_PIN;
    }
    return SCR_PIN;
}

ScreenId key_pin(App *a, const Input *in)
{
    if (in->kind == IN_TEXT && in->text[0] >= '0' && in->text[0] <= '9' && !in->text[1])
        return screens[a->screen].on_action(a, A_PIN_DIGIT, in->text[0] - '0');
    if (in->kind == IN_KEY && in->key == KEY_BACKSPACE)
        return screens[a->screen].on_action(a, A_PIN_DELETE, 0);
    if (in->kind == IN_KEY && in->key == KEY_ENTER)
        return screens[a->screen].on_action(a, A_PIN_OK, 0);
    return a->screen;
}

void build_set_pin(const App *a, View *v)
{
    pin_pad(a, v, a->pin_first[0] ? "Type the same PIN again" : "Set a worker PIN",
            view_printf(v,
                        "Choose %d to %d digits, not an easy one like 123456 or 111111. "
                        "Workers use it to open worker mode: hold the top-left corner of the "
                        "welcome screen.",
                        PIN_MIN_DIGITS, PIN_MAX_DIGITS),
            0, NULL, 0);
}

ScreenId on_set_pin(App *a, int action, int arg)
{
    if (action != A_PIN_OK)
        return pin_digit(a, action, arg);
    if (strlen(a->pin) < PIN_MIN_DIGITS)
        return SCR_SET_PIN;
    if (!a->pin_first[0]) {
        if (pin_obvious(a->pin)) {
            sodium_memzero(a->pin, sizeof a->pin);
            a->message = "That PIN is too easy to guess. Please choose another.";
            return SCR_SET_PIN;
        }
        memcpy(a->pin_first, a->pin, sizeof a->pin);
        sodium_memzero(a->pin, sizeof a->pin);
        return SCR_SET_PIN;
    }
    ScreenId next = SCR_SET_PIN;
    char err[ERR_LEN];
    if (strcmp(a->pin_first, a->pin) != 0) {
        a->message = "The two PINs were different. Please start again.";
    } else if (pin_set(a->store, a->pin, err) != 0) {
        a->message = "The PIN could not be saved. See the kiosk log.";
        if (a->log)
            a->log(err);
    } else if (pin_recovery_is_set(a->store) == 0) {
        /* The first PIN: a recovery code too, shown once, for when a lockout must be undone. */
        if (pin_recovery_new(a->store, a->recovery, err) == 0) {
            next = SCR_RECOVERY_SHOW;
        } else {
            next = SCR_WELCOME;
            if (a->log)
                a->log(err);
        }
    } else {
        next = SCR_WELCOME;
    }
    sodium_memzero(a->pin, sizeof a->pin);
    sodium_memzero(a->pin_first, sizeof a->pin_first);
    return next;
}

/* ---- the recovery code ---- */

_Static_assert(sizeof((App *)0)->recovery > RECOVERY_DIGITS, "App.recovery holds a code");

/* The code in groups of four digits, as it is written down. */
static const char *grouped(View *v, const char *code)
{
    char out[RECOVERY_DIGITS + RECOVERY_DIGITS / 4 + 1];
    size_t n = 0;
    for (size_t i = 0; code[i] && n + 2 < sizeof out; i++) {
        if (i && i % 4 == 0)
            out[n++] = ' ';
        out[n++] = code[i];
    }
    out[n] = '\0';
    const char *r = view_printf(v, "%s", out);
    sodium_memzero(out, sizeof out);
    return r;
}

void build_recovery_show(const App *a, View *v)
{
    background(v);
    int m = margin(v);
    kit_text(v, rect(m, U(v, 20), v->w - 2 * m, U(v, 60)), "Write down the recovery code",
             TS_LARGE, W_BOLD);
    kit_text(v, rect(m, U(v, 100), v->w - 2 * m, U(v, 110)),
             "If the kiosk is ever locked by wrong PINs, or the PIN is forgotten, this code lets "
             "a worker set a new PIN. Keep it somewhere safe, away from the kiosk. It is shown "
             "only now.",
             TS_BODY, 0);
    kit_text(v, rect(m, U(v, 240), v->w - 2 * m, U(v, 90)), grouped(v, a->recovery), TS_TITLE,
             W_BOLD);
    kit_nav_bar(v, NULL, 0, NULL, 0, 0, 0, "I have written it down", A_RECOVERY_DONE, 0);
}

ScreenId on_recovery_show(App *a, int action, int arg)
{
    (void)arg;
    if (action != A_RECOVERY_DONE)
        return SCR_RECOVERY_SHOW;
    sodium_memzero(a->recovery, sizeof a->recovery);
    return SCR_WELCOME;
}

void recovery_enter(App *a) { sodium_memzero(a->recovery, sizeof a->recovery); }

void build_recovery_enter(const App *a, View *v)
{
    digit_pad(a, v, "Recovery code",
              view_printf(v, "Type the %d digits written down when the kiosk was set up.",
                          RECOVERY_DIGITS),
              grouped(v, a->recovery), 1, NULL, 0, strlen(a->recovery) == RECOVERY_DIGITS);
}

ScreenId on_recovery_enter(App *a, int action, int arg)
{
    if (action == A_CANCEL) {
        sodium_memzero(a->recovery, sizeof a->recovery);
        return SCR_PIN;
    }
    if (action != A_PIN_OK)
        return digit_edit(a, a->recovery, RECOVERY_DIGITS + 1, action, arg);
    if (strlen(a->recovery) != RECOVERY_DIGITS)
        return SCR_RECOVERY_ENTER;
    PinResult r = pin_recovery_check(a->store, a->recovery);
    sodium_memzero(a->recovery, sizeof a->recovery);
    if (r == PIN_OK) {
        /* The lockout is cleared: whoever holds the code chooses a new PIN. */
        sodium_memzero(a->pin_first, sizeof a->pin_first);
        if (a->log)
            a->log("PIN lockout cleared with the recovery code");
        return SCR_SET_PIN;
    }
    a->message = r == PIN_WRONG ? "That recovery code is not right."
                                : "No recovery code can be checked on this kiosk. See the log.";
    return SCR_RECOVERY_ENTER;
}

/* ---- worker mode ---- */

typedef struct {
    const App *a;
    char *buf;
    size_t cap, used;
} Counts;

static void count_line(const char *form_id, long stored, long unexported, void *ctx)
{
    Counts *c = ctx;
    /* Workers know surveys by their titles; a form no longer loaded shows its id. */
    const char *name = form_id;
    if (strcmp(form_id, WITHDRAW_FORM) == 0) {
        int n = snprintf(c->buf + c->used, c->cap - c->used,
                         "Requests to take answers back: %ld stored, %ld not yet exported\n",
                         stored, unexported);
        if (n > 0 && (size_t)n < c->cap - c->used)
            c->used += (size_t)n;
        return;
    }
    for (int i = 0; i < c->a->nsurveys; i++)
        if (strcmp(c->a->surveys[i]->form_id, form_id) == 0)
            name = kit_survey_name(c->a->surveys[i], c->a->surveys[i]->default_lang);
    int n = snprintf(c->buf + c->used, c->cap - c->used, "%s: %ld stored, %ld not yet exported\n",
                     name, stored, unexported);
    if (n > 0 && (size_t)n < c->cap - c->used)
        c->used += (size_t)n;
}

void worker_enter(App *a)
{
    a->counts_page = 0;
    long total = store_count(a->store, NULL, 0), fresh = store_count(a->store, NULL, 1);
    Counts c = {a, a->worker_counts, sizeof a->worker_counts, 0};
    int n = snprintf(c.buf, c.cap, "Responses on this kiosk: %ld, not yet exported: %ld\n", total,
                     fresh);
    c.used = n > 0 ? (size_t)n : 0;
    long aside = store_count(a->store, NULL, STORE_ASIDE);
    if (aside > 0) {
        n = snprintf(c.buf + c.used, c.cap - c.used,
                     "Damaged on this kiosk, kept aside (never exported): %ld\n", aside);
        if (n > 0 && (size_t)n < c.cap - c.used)
            c.used += (size_t)n;
    }
    char day[16];
    if (store_get(a->store, NETSYNC_LAST_SETTING, day, sizeof day) == 1) {
        n = snprintf(c.buf + c.used, c.cap - c.used,
                     "Over the network: the council last took answers on %s; %ld wait for it\n",
                     day, total - (aside > 0 ? aside : 0));
        if (n > 0 && (size_t)n < c.cap - c.used)
            c.used += (size_t)n;
    }
    if (total < 0 || fresh < 0 || aside < 0 || store_each_form(a->store, count_line, &c) != 0) {
        snprintf(a->worker_counts, sizeof a->worker_counts, "Counts unavailable: %s",
                 store_errmsg(a->store));
        return;
    }
    /* Survey files not shown as they are, after the counts (the pages turn to them). */
    for (const char *p = a->survey_notes; *p;) {
        const char *nl = strchr(p, '\n');
        int len = nl ? (int)(nl - p) : (int)strlen(p);
        n = snprintf(c.buf + c.used, c.cap - c.used, "Survey file %.*s\n", len, p);
        if (n > 0 && (size_t)n < c.cap - c.used)
            c.used += (size_t)n;
        p += len + (nl ? 1 : 0);
    }
}

/* An age band in a worker's words ("8 to 11", "16 or 17"), in the view. */
static const char *band_name(View *v, int band)
{
    const AgeBand *b = &age_bands[band];
    return view_printf(v, b->max == b->min + 1 ? "%d or %d" : "%d to %d", b->min, b->max);
}

void build_worker(const App *a, View *v)
{
    background(v);
    int m = margin(v);
    /* Beside Quit (top right), never under it. */
    kit_text(v, rect(m, U(v, 20), v->w - 2 * m - U(v, 280), U(v, 60)), "Worker mode", TS_LARGE,
             W_BOLD | W_LEFT);
    /* One line a widget, so each count can be read (and found by scripts) on its own: the
     * kiosk's total first, then a page of per-survey lines; "More" turns the pages, so with
     * many surveys every count can still be read. */
    const char *line[SURVEYS_MAX * 2 + 2];
    int nline = 0;
    for (const char *p = a->worker_counts; *p && nline < (int)(sizeof line / sizeof *line);) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        line[nline++] = view_printf(v, "%.*s", (int)n, p);
        p += n + (nl ? 1 : 0);
    }
    int y = U(v, 90), lh = U(v, 40), per = (U(v, 340) - U(v, 130)) / lh;
    int pages = nline > 1 ? (nline - 1 + per - 1) / per : 1, page = a->counts_page % pages;
    if (nline > 0)
        kit_text(v, rect(m, y, v->w - 2 * m - U(v, 280), lh), line[0], TS_SMALL, W_LEFT);
    if (pages > 1)
        kit_button(v, rect(v->w - m - U(v, 260), U(v, 100), U(v, 260), view_px(v, 72, 44)),
                   view_printf(v, "More (%d of %d)", page + 1, pages), A_W_COUNTS_PAGE, 1, 0);
    for (int i = 1 + page * per; i < nline && i < 1 + (page + 1) * per; i++)
        kit_text(v, rect(m, y + (i - page * per) * lh, v->w - 2 * m - U(v, 280), lh), line[i],
                 TS_SMALL, W_LEFT);
    const char *fixed = a->fixed_survey >= 0
                            ? kit_survey_name(a->surveys[a->fixed_survey],
                                              a->surveys[a->fixed_survey]->default_lang)
                            : "young people choose";
    const char *band =
        a->fixed_band >= 0 ? band_name(v, a->fixed_band) : "young people say (or not)";
    /* Three rows of a setting and its button, above the bar. */
    int th = view_px(v, 80, 52), bw = (v->w - 2 * m - U(v, 24)) / 2, step = th + U(v, 12);
    y = U(v, 380);
    kit_text(v, rect(m, y, bw, th), view_printf(v, "Survey: %s", fixed), TS_BODY, W_LEFT);
    kit_button(v, rect(m + bw + U(v, 24), y, bw, th), "Choose survey", A_W_SURVEYS, 0, 0);
    y += step;
    kit_text(v, rect(m, y, bw, th), view_printf(v, "Ages: %s", band), TS_BODY, W_LEFT);
    kit_button(v, rect(m + bw + U(v, 24), y, bw, th), "Choose age band", A_W_BANDS, 0, 0);
    y += step;
    if (a->session[0]) {
        kit_text(v, rect(m, y, bw, th), view_printf(v, "Session: %s", a->session), TS_BODY, W_LEFT);
        kit_button(v, rect(m + bw + U(v, 24), y, bw, th), "End session", A_W_SESSION_END, 0, 0);
    } else {
        kit_text(v, rect(m, y, bw, th), "No session running", TS_BODY, W_LEFT);
        kit_button(v, rect(m + bw + U(v, 24), y, bw, th), "Start a session", A_W_SESSION, 0, 0);
    }
    /* Below More, in the column the counts leave free. */
    kit_button(v, rect(v->w - m - U(v, 260), U(v, 190), U(v, 260), view_px(v, 72, 44)),
               "Switch access", A_W_ACCESS, 0, 0);
    /* Back to welcome sits where Back is on every screen; quitting is out of the way, and asks. */
    kit_button(v, rect(v->w - m - U(v, 260), U(v, 12), U(v, 260), view_px(v, 72, 44)),
               "Quit kiosk", A_W_QUIT, 0, W_QUIET);
    kit_nav_bar(v, "Back to welcome", A_W_EXIT, "Export to USB", A_W_EXPORT, 0, 0,
                a->session[0] ? "What the group said" : NULL, A_W_DEBRIEF, 0);
}

ScreenId on_worker(App *a, int action, int arg)
{
    (void)arg;
    switch (action) {
    case A_W_SURVEYS:
        return SCR_WORKER_SURVEY;
    case A_W_BANDS:
        return SCR_WORKER_BAND;
    case A_W_SESSION:
        return SCR_WORKER_SESSION;
    case A_W_SESSION_END:
        if (store_set(a->store, "session", NULL) != 0) {
            snprintf(a->error, sizeof a->error, "cannot end the session: %s",
                     store_errmsg(a->store));
            if (a->log)
                a->log(a->error);
            return SCR_WORKER;
        }
        a->session[0] = '\0';
        debrief_wipe(a->debrief); /* a session's tallies end with it, shown or not */
        return SCR_WORKER;
    case A_W_DEBRIEF:
        return a->session[0] ? SCR_DEBRIEF : SCR_WORKER;
    case A_W_EXPORT:
        return SCR_WORKER_EXPORT;
    case A_W_EXIT:
        return SCR_WELCOME;
    case A_W_QUIT:
        return SCR_WORKER_QUIT;
    case A_W_ACCESS:
        return SCR_WORKER_ACCESS;
    case A_W_COUNTS_PAGE:
        a->counts_page++;
        return SCR_WORKER;
    default:
        return SCR_WORKER;
    }
}

void build_worker_survey(const App *a, View *v)
{
    background(v);
    int m = margin(v);
    kit_text(v, rect(m, U(v, 20), v->w - 2 * m, U(v, 60)), "Which survey runs?", TS_LARGE, W_BOLD);
    int bottom = kit_nav_bar(v, "Back", A_CANCEL, NULL, 0, 0, 0, NULL, 0, 0);
    Rect cells[SURVEYS_MAX + 1];
    int top = U(v, 100);
    kit_grid(v, rect(m, top, v->w - 2 * m, bottom - top), a->nsurveys + 1, 3, cells);
    kit_button(v, cells[0], "Let young people choose", A_W_FIX, -1,
               a->fixed_survey < 0 ? W_SELECTED : 0);
    for (int i = 0; i < a->nsurveys; i++) {
        const Survey *s = a->surveys[i];
        kit_button(v, cells[i + 1], kit_survey_name(s, s->default_lang), A_W_FIX, i,
                   a->fixed_survey == i ? W_SELECTED : 0);
    }
}

ScreenId on_worker_survey(App *a, int action, int arg)
{
    if (action == A_CANCEL)
        return SCR_WORKER;
    if (action != A_W_FIX || arg < -1 || arg >= a->nsurveys)
        return SCR_WORKER_SURVEY;
    if (store_set(a->store, "fixed_survey", arg >= 0 ? a->surveys[arg]->form_id : NULL) != 0) {
        snprintf(a->error, sizeof a->error, "cannot save the survey choice: %s",
                 store_errmsg(a->store));
        if (a->log)
            a->log(a->error);
        return SCR_WORKER_SURVEY;
    }
    a->fixed_survey = arg;
    return SCR_WORKER;
}

/* Fixing the age band: for a session of one age group, the welcome screen then asks no age
 * and offers the surveys for that band. */
void build_worker_band(const App *a, View *v)
{
    background(v);
    int m = margin(v);
    kit_text(v, rect(m, U(v, 20), v->w - 2 * m, U(v, 60)), "Which ages is this kiosk for?",
             TS_LARGE, W_BOLD);
    int bottom = kit_nav_bar(v, "Back", A_CANCEL, NULL, 0, 0, 0, NULL, 0, 0);
    Rect cells[AGE_BANDS + 1];
    int top = U(v, 100);
    kit_grid(v, rect(m, top, v->w - 2 * m, bottom - top), AGE_BANDS + 1, 3, cells);
    kit_button(v, cells[0], "Young people say (or not)", A_W_FIX_BAND, -1,
               a->fixed_band < 0 ? W_SELECTED : 0);
    for (int i = 0; i < AGE_BANDS; i++)
        kit_button(v, cells[i + 1], band_name(v, i), A_W_FIX_BAND, i,
                   a->fixed_band == i ? W_SELECTED : 0);
}

ScreenId on_worker_band(App *a, int action, int arg)
{
    if (action == A_CANCEL)
        return SCR_WORKER;
    if (action != A_W_FIX_BAND || arg < -1 || arg >= AGE_BANDS)
        return SCR_WORKER_BAND;
    char band[16] = "";
    if (arg >= 0)
        snprintf(band, sizeof band, "%d-%d", age_bands[arg].min, age_bands[arg].max);
    if (store_set(a->store, "fixed_band", arg >= 0 ? band : NULL) != 0) {
        snprintf(a->error, sizeof a->error, "cannot save the age band: %s", store_errmsg(a->store));
        if (a->log)
            a->log(a->error);
        return SCR_WORKER_BAND;
    }
    a->fixed_band = arg;
    return SCR_WORKER;
}

void build_worker_session(const App *a, View *v)
{
    background(v);
    int m = margin(v);
    kit_text(v, rect(m, U(v, 20), v->w - 2 * m, U(v, 60)), "Name this session", TS_LARGE, W_BOLD);
    kit_text(v, rect(m, U(v, 80), v->w - 2 * m, U(v, 40)),
             "For example: One Voice, 12 March. Answers sent during it carry this name.", TS_SMALL,
             0);
    Widget *f = view_add(v, W_FIELD, rect(m, U(v, 130), v->w - 2 * m, target(v)), a->session_edit,
                         TS_BODY, A_NONE, 0);
    f->flags |= W_SELECTED | W_LEFT;
    int bottom = kit_nav_bar(v, "Cancel", A_CANCEL, NULL, 0, 0, 0, "Start session", A_DONE,
                             a->session_edit[0] ? 0 : W_DISABLED);
    int top = U(v, 130) + target(v) + U(v, 16);
    keyboard_add(v, rect(m, top, v->w - 2 * m, bottom - top), "en", 0, a->shift);
}

void worker_session_enter(App *a)
{
    memset(a->session_edit, 0, sizeof a->session_edit);
    a->shift = 0;
}

static ScreenId session_edit(App *a, const char *add, int del)
{
    if (add &&
        (!utf8_valid(add, strlen(add)) || strlen(a->session_edit) + strlen(add) > SESSION_NAME_MAX))
        return SCR_WORKER_SESSION;
    kit_buffer_edit(a->session_edit, sizeof a->session_edit, add, del);
    return SCR_WORKER_SESSION;
}

ScreenId on_worker_session(App *a, int action, int arg)
{
    switch (action) {
    case A_CANCEL:
        return SCR_WORKER;
    case A_DONE:
        if (!a->session_edit[0])
            return SCR_WORKER_SESSION;
        if (store_set(a->store, "session", a->session_edit) != 0) {
            snprintf(a->error, sizeof a->error, "cannot start the session: %s",
                     store_errmsg(a->store));
            if (a->log)
                a->log(a->error);
            return SCR_WORKER_SESSION;
        }
        memcpy(a->session, a->session_edit, sizeof a->session);
        debrief_wipe(a->debrief); /* a new session counts from nobody */
        return SCR_WORKER;
    case A_KEY: {
        if (!keyboard_valid(arg))
            return SCR_WORKER_SESSION;
        const char *add;
        int del;
        a->shift = keyboard_press(arg, a->shift, &add, &del);
        if (del)
            (void)session_edit(a, NULL, 1);
        return add ? session_edit(a, add, 0) : SCR_WORKER_SESSION;
    }
    default:
        return SCR_WORKER_SESSION;
    }
}

ScreenId key_worker_session(App *a, const Input *in)
{
    if (in->kind == IN_TEXT)
        return session_edit(a, in->text, 0);
    if (in->key == KEY_BACKSPACE)
        return session_edit(a, NULL, 1);
    if (in->key == KEY_ENTER)
        return on_worker_session(a, A_DONE, 0);
    return SCR_WORKER_SESSION;
}

/* ---- worker mode: the session's debrief ---- */

/* Worked out (and the tallies wiped) as the screen opens: what is on it is all that is left. */
void debrief_enter(App *a)
{
    a->debrief_page = 0;
    (void)debrief_show(a->debrief);
}

/* Rows a debrief line takes: a note is a sentence or two, everything else one row. */
static int debrief_rows(const DebriefLine *l) { return l->kind == DL_NOTE ? 2 : 1; }

/* The first line of each page when per rows fit a page, into first[] (at most cap); returns
 * the number of pages (at least 1). */
static int debrief_pages(const App *a, int per, int *first, int cap)
{
    int pages = 0, rows = per;
    for (int i = 0; debrief_line(a->debrief, i); i++) {
        int r = debrief_rows(debrief_line(a->debrief, i));
        if (rows + r > per) {
            if (pages < cap)
                first[pages] = i;
            pages++;
            rows = 0;
        }
        rows += r;
    }
    if (pages == 0)
        first[pages++] = 0;
    return pages < cap ? pages : cap;
}

void build_debrief(const App *a, View *v)
{
    background(v);
    int m = margin(v);
    kit_text(v, rect(m, U(v, 20), v->w - 2 * m, U(v, 60)),
             view_printf(v, "What the group said: %s", a->session), TS_LARGE, W_BOLD);
    int bottom = kit_nav_bar_top(v, "Done", "More (99 of 99)", NULL);
    int top = U(v, 90), lh = U(v, 44);
    int per = (bottom - top) / lh > 2 ? (bottom - top) / lh : 2;
    static int first[DEBRIEF_LINES_MAX];
    int pages = debrief_pages(a, per, first, DEBRIEF_LINES_MAX);
    int page = a->debrief_page % pages;
    kit_nav_bar(v, "Done", A_DEBRIEF_DONE,
                pages > 1 ? view_printf(v, "More (%d of %d)", page + 1, pages) : NULL,
                A_DEBRIEF_PAGE, 1, W_QUIET, NULL, 0, 0);
    int end = page + 1 < pages ? first[page + 1] : DEBRIEF_LINES_MAX;
    int y = top, fw = U(v, 140);
    for (int i = first[page]; i < end && debrief_line(a->debrief, i); i++) {
        const DebriefLine *l = debrief_line(a->debrief, i);
        int indent = l->kind == DL_CHOICE ? U(v, 60) : l->kind == DL_QUESTION ? U(v, 24) : 0;
        int w = v->w - 2 * m - indent - (l->kind == DL_CHOICE ? fw : 0);
        int h = debrief_rows(l) * lh;
        unsigned flags = W_LEFT | (l->kind == DL_SURVEY || l->kind == DL_QUESTION ? W_BOLD : 0);
        /* Words too long for their row are cut to fit, never drawn over the next; a figure
         * has a column of its own, so it is never what is cut. */
        kit_text(v, rect(m + indent, y, w, h), kit_text_within(v, l->text, TS_SMALL, flags, w, h),
                 TS_SMALL, flags);
        if (l->kind == DL_CHOICE)
            kit_text(v, rect(v->w - m - fw, y, fw, h), l->figure, TS_SMALL, W_BOLD);
        y += h;
    }
}

ScreenId on_debrief(App *a, int action, int arg)
{
    (void)arg;
    if (action == A_DEBRIEF_PAGE) {
        a->debrief_page++;
        return SCR_DEBRIEF;
    }
    if (action == A_DEBRIEF_DONE) {
        debrief_close(a->debrief);
        return SCR_WORKER;
    }
    return SCR_DEBRIEF;
}

/* ---- worker mode: export to a USB stick ---- */

static void worker_export_scan(App *a)
{
    memset(a->folders, 0, sizeof a->folders);
    a->nfolders = exchange_export_folders(a->export_dir, a->folders, EXPORT_FOLDERS_MAX);
}

void worker_export_enter(App *a)
{
    a->export_result[0] = '\0';
    a->export_failed = 0;
    worker_export_scan(a);
}

void build_worker_export(const App *a, View *v)
{
    background(v);
    int m = margin(v);
    kit_text(v, rect(m, U(v, 20), v->w - 2 * m, U(v, 60)), "Export to USB", TS_LARGE, W_BOLD);
    kit_text(v, rect(m, U(v, 80), v->w - 2 * m, U(v, 40)),
             a->nfolders ? "Tap where to save the answers. They are sealed: only the council can "
                           "open them."
                         : "No USB stick found. Put one in, wait a moment, then tap Look again.",
             TS_SMALL, 0);
    if (a->export_result[0])
        kit_text(v, rect(m, U(v, 124), v->w - 2 * m, U(v, 72)), a->export_result, TS_SMALL,
                 a->export_failed ? W_ALERT : W_BOLD);
    int bottom = kit_nav_bar(v, "Back", A_CANCEL, "Look again", A_W_RESCAN, 0, W_QUIET, NULL, 0, 0);
    int top = U(v, 204);
    if (a->nfolders == 0)
        return;
    Rect cells[EXPORT_FOLDERS_MAX];
    kit_grid(v, rect(m, top, v->w - 2 * m, bottom - top), a->nfolders, 2, cells);
    for (int i = 0; i < a->nfolders; i++)
        kit_button(v, cells[i], a->folders[i], A_W_EXPORT_TO, i, W_LEFT);
}

/* Writes the bundle into folder i and says how it went, calmly: a failure loses nothing. */
static void export_to(App *a, int i)
{
    char path[EXCHANGE_PATH_MAX + 64], err[ERR_LEN];
    const char *folder = a->folders[i];
    long n = -1;
    if (!a->data_dir)
        snprintf(err, sizeof err, "this kiosk was started without a data folder");
    else if (exchange_export_name(a->data_dir, folder, a->wall, path, sizeof path, err) == 0)
        n = exchange_export(a->store, a->data_dir, path, err);
    a->export_failed = n < 0;
    if (n < 0)
        snprintf(a->export_result, sizeof a->export_result,
                 "Not saved to %s. Nothing was lost: the answers are still on this kiosk. (%s)",
                 folder, err);
    else if (n == 0)
        snprintf(a->export_result, sizeof a->export_result,
                 "Nothing to export: no answers are waiting on this kiosk.");
    else
        snprintf(a->export_result, sizeof a->export_result,
                 "Saved %ld response%s to %s. They stay on this kiosk until the council's "
                 "receipt comes back.",
                 n, n == 1 ? "" : "s", path);
    long aside = n >= 0 ? store_count(a->store, NULL, STORE_ASIDE) : 0;
    if (aside > 0) {
        size_t used = strlen(a->export_result);
        snprintf(a->export_result + used, sizeof a->export_result - used,
                 " %ld damaged response%s %s kept aside on this kiosk, not exported.", aside,
                 aside == 1 ? "" : "s", aside == 1 ? "is" : "are");
    }
    if (a->log) {
        char line[ERR_LEN + 64];
        if (n < 0)
            snprintf(line, sizeof line, "export failed: %s", err);
        else
            snprintf(line, sizeof line, "exported %ld responses", n);
        a->log(line);
    }
}

ScreenId on_worker_export(App *a, int action, int arg)
{
    switch (action) {
    case A_CANCEL:
        return SCR_WORKER;
    case A_W_RESCAN:
        worker_export_scan(a);
        a->export_result[0] = '\0';
        return SCR_WORKER_EXPORT;
    case A_W_EXPORT_TO:
        if (arg >= 0 && arg < a->nfolders)
            export_to(a, arg);
        return SCR_WORKER_EXPORT;
    default:
        return SCR_WORKER_EXPORT;
    }
}

/* ---- quitting ---- */

void build_worker_quit(const App *a, View *v)
{
    (void)a;
    background(v);
    int m = margin(v);
    kit_text(v, rect(m, U(v, 20), v->w - 2 * m, U(v, 60)), "Quit the kiosk?", TS_LARGE, W_BOLD);
    kit_text(v, rect(m, U(v, 120), v->w - 2 * m, U(v, 120)),
             "Young people can't use it until it is started again. Answers already sent are "
             "kept.",
             TS_BODY, 0);
    kit_nav_bar(v, "Cancel", A_CANCEL, NULL, 0, 0, 0, "Quit", A_W_QUIT, 0);
}

ScreenId on_worker_quit(App *a, int action, int arg)
{
    (void)arg;
    if (action == A_W_QUIT)
        a->quit = 1;
    return action == A_CANCEL ? SCR_WORKER : SCR_WORKER_QUIT;
}

/* ---- worker mode: switch access ---- */

/* A key's name for the worker: SDL's (main.c sets App.key_name), else its number. */
static const char *key_label(const App *a, View *v, int code)
{
    const char *name = a->key_name ? a->key_name(code) : NULL;
    return name && *name ? view_printf(v, "%s", name) : view_printf(v, "key %d", code);
}

void build_worker_access(const App *a, View *v)
{
    background(v);
    int m = margin(v), w = v->w - 2 * m;
    const Access *s = &a->access;
    kit_text(v, rect(m, U(v, 20), w, U(v, 60)), "Switch access and keyboard", TS_LARGE, W_BOLD);
    const char *hint =
        a->focus_at.mapping
            ? view_printf(v, "Press the key or switch for switch %d now (Escape: cancel)",
                          a->focus_at.mapping)
        : a->message ? a->message
                     : "Tab, Shift-Tab and Enter always work. Switches work on the young "
                       "person's screens.";
    kit_text(v, rect(m, U(v, 80), w, U(v, 44)), hint, TS_SMALL,
             a->focus_at.mapping || a->message ? W_ALERT : 0);
    int lh = view_px(v, 72, 44), step = lh + U(v, 12), gap = U(v, 16);
    int lw = w / 3, bx = m + lw + gap, bw = w - lw - gap;
    int y = U(v, 136);
    struct {
        const char *label;
        const char *b[3];
        int action, arg[3];
        unsigned flags[3];
    } rows[6] = {
        {"Switches", {"Off", "One switch", "Two switches"}, A_W_ACCESS_MODE,
         {ACCESS_OFF, ACCESS_ONE_SWITCH, ACCESS_TWO_SWITCHES},
         {s->mode == ACCESS_OFF ? W_SELECTED : 0u, s->mode == ACCESS_ONE_SWITCH ? W_SELECTED : 0u,
          s->mode == ACCESS_TWO_SWITCHES ? W_SELECTED : 0u}},
        {view_printf(v, "One switch: next every %.2g s", s->scan_ms / 1000.0),
         {"Slower", "Faster", NULL}, A_W_ACCESS_SCAN, {1, -1, 0},
         {s->scan_ms == access_scan_steps[ACCESS_SCAN_STEPS - 1] ? W_DISABLED : 0u,
          s->scan_ms == access_scan_steps[0] ? W_DISABLED : 0u, 0}},
        {view_printf(v, "Hold a switch %.2g s to count", s->dwell_ms / 1000.0),
         {"Shorter", "Longer", NULL}, A_W_ACCESS_DWELL, {-1, 1, 0},
         {s->dwell_ms == access_dwell_steps[0] ? W_DISABLED : 0u,
          s->dwell_ms == access_dwell_steps[ACCESS_DWELL_STEPS - 1] ? W_DISABLED : 0u, 0}},
        {view_printf(v, "Switch 1 (%s): %s", s->mode == ACCESS_TWO_SWITCHES ? "moves" : "selects",
                     key_label(a, v, s->code[0])),
         {"Set switch 1", NULL, NULL}, A_W_ACCESS_MAP, {0, 0, 0},
         {a->focus_at.mapping == 1 ? W_SELECTED : 0u, 0, 0}},
        {view_printf(v, "Switch 2 (selects): %s", key_label(a, v, s->code[1])),
         {"Set switch 2", NULL, NULL}, A_W_ACCESS_MAP, {1, 0, 0},
         {a->focus_at.mapping == 2 ? W_SELECTED : 0u, 0, 0}},
        {"Settings are for", {"This person only", "Keep on kiosk", NULL}, A_W_ACCESS_KEEP, {0, 1, 0},
         {s->keep ? 0u : W_SELECTED, s->keep ? W_SELECTED : 0u, 0}},
    };
    for (int r = 0; r < 6; r++, y += step) {
        kit_text(v, rect(m, y, lw, lh), rows[r].label, TS_SMALL, W_LEFT);
        int n = rows[r].b[2] ? 3 : rows[r].b[1] ? 2 : 1;
        int cw = (bw - (n - 1) * gap) / n;
        for (int i = 0; i < n; i++)
            kit_button(v, rect(bx + i * (cw + gap), y, cw, lh), rows[r].b[i], rows[r].action,
                       rows[r].arg[i], rows[r].flags[i]);
    }
    kit_nav_bar(v, "Back", A_CANCEL, NULL, 0, 0, 0, NULL, 0, 0);
}

void worker_access_enter(App *a) { a->focus_at.mapping = 0; }

/* The index of value in steps, moved by dir and kept within them. */
static int step_value(const int *steps, int n, int value, int dir)
{
    int i = 0;
    while (i < n - 1 && steps[i] < value)
        i++;
    i += dir;
    return steps[i < 0 ? 0 : i >= n ? n - 1 : i];
}

static ScreenId access_changed(App *a)
{
    if (access_save(a) != 0 && a->log)
        a->log(a->error);
    return SCR_WORKER_ACCESS;
}

ScreenId on_worker_access(App *a, int action, int arg)
{
    Access *s = &a->access;
    a->message = NULL;
    switch (action) {
    case A_CANCEL:
        a->focus_at.mapping = 0;
        return SCR_WORKER;
    case A_W_ACCESS_MODE:
        if (arg >= ACCESS_OFF && arg <= ACCESS_TWO_SWITCHES)
            s->mode = arg;
        return access_changed(a);
    case A_W_ACCESS_SCAN:
        s->scan_ms = step_value(access_scan_steps, ACCESS_SCAN_STEPS, s->scan_ms, arg > 0 ? 1 : -1);
        return access_changed(a);
    case A_W_ACCESS_DWELL:
        s->dwell_ms =
            step_value(access_dwell_steps, ACCESS_DWELL_STEPS, s->dwell_ms, arg > 0 ? 1 : -1);
        return access_changed(a);
    case A_W_ACCESS_MAP:
        a->focus_at.mapping = arg == 1 ? 2 : 1;
        return SCR_WORKER_ACCESS;
    case A_W_ACCESS_KEEP:
        s->keep = arg != 0;
        return access_changed(a);
    default:
        return SCR_WORKER_ACCESS;
    }
}

/* While a switch is being set, the next key pressed becomes it (Escape cancels). */
ScreenId key_worker_access(App *a, const Input *in)
{
    int k = a->focus_at.mapping - 1;
    if (k < 0 || in->kind != IN_KEY || (in->flags & INPUT_REPEAT))
        return SCR_WORKER_ACCESS;
    a->focus_at.mapping = 0;
    if (in->key == KEY_ESCAPE || !in->code)
        return SCR_WORKER_ACCESS;
    if (in->code == a->access.code[1 - k]) {
        a->message = k ? "That key is already switch 1: choose another."
                       : "That key is already switch 2: choose another.";
        return SCR_WORKER_ACCESS;
    }
    a->access.code[k] = in->code;
    return access_changed(a);
}
