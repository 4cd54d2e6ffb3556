/* test_screens.c: every screen laid out at 800x480, 1280x800 and 1920x1080, without a window.
 *
 * Walks the screens table through real taps (app_input at a widget's centre, so hit-testing is
 * exercised) with a real store and the shipped surveys (their pictures, and speaker buttons from
 * a fake read-aloud that records what it is asked to say), and checks on every view: each
 * tappable widget is at least 72 px both ways at 1280x800 (44 px at 800x480), lies inside the
 * window, and overlaps no other tappable widget; no view overflows its widget or text store.
 * Then the young person's own choices: languages (Arabic mirrored: Back on the right), age
 * bands filtering the surveys, the settings (reset for the next person, more time), a worker's
 * fixed band, and the youngest survey read aloud on entry. */
#include <sodium.h>
#include <stdlib.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "access.h"
#include "app.h"
#include "help.h"
#include "pin.h"
#include "seal.h"
#include "words.h"
#include "test.h"

static const struct {
    int w, h, min;
} sizes[] = {{800, 480, 44}, {1280, 800, 72}, {1920, 1080, 72}};

static char dir[64];
static int views_checked;

/* A fake read-aloud: records every call; has a voice for every language but Pashto, Tigrinya
 * and Sorani (as espeak-ng 1.51). */
#define SPOKEN_MAX 64
static struct {
    int n;
    char text[SPOKEN_MAX][512], lang[SPOKEN_MAX][16], audio[SPOKEN_MAX][256];
} spoken;

static void fake_speak(void *ctx, const char *text, const char *lang, const char *audio)
{
    (void)ctx;
    if (spoken.n >= SPOKEN_MAX)
        return;
    snprintf(spoken.text[spoken.n], sizeof spoken.text[0], "%s", text);
    snprintf(spoken.lang[spoken.n], sizeof spoken.lang[0], "%s", lang);
    snprintf(spoken.audio[spoken.n], sizeof spoken.audio[0], "%s", audio ? audio : "");
    spoken.n++;
}

static int fake_can_speak(void *ctx, const char *lang)
{
    (void)ctx;
    return strcasecmp(lang, "ps") != 0 && strcasecmp(lang, "ti") != 0 &&
           strcasecmp(lang, "ckb") != 0;
}

/* The focus order of v (scan.h): every target a tap could reach is in it, none twice, in
 * reading order; and the same view mirrored for a right-to-left language reads in the same
 * order (where nothing keeps its place on mirroring: keys, the language buttons). */
static void check_focus_order(const App *a, const View *v)
{
    ScanOrder o;
    scan_order(v, &o);
    for (int i = 0; i < v->nwidgets; i++) {
        const Widget *w = &v->widgets[i];
        if (!w->action || (w->flags & W_DISABLED))
            continue;
        int k = scan_find(&o, w->action, w->arg);
        if (k < 0)
            fprintf(stderr, "screen %s at %dx%d: \"%s\" cannot be focused\n",
                    screens[a->screen].name, v->w, v->h, w->text ? w->text : "");
        CHECK(k >= 0);
    }
    int stays = 0;
    for (int i = 0; i < v->nwidgets; i++)
        stays |= v->widgets[i].kind == W_KEY || (v->widgets[i].flags & W_STAY);
    for (int i = 0; i < o.n; i++) {
        for (int j = i + 1; j < o.n; j++)
            CHECK(o.t[i].action != o.t[j].action || o.t[i].arg != o.t[j].arg);
        if (i + 1 < o.n) {
            const ScanTarget *p = &o.t[i], *q = &o.t[i + 1];
            CHECK(p->row <= q->row);
            if (p->row == q->row)
                CHECK(v->look.rtl ? p->r.x + p->r.w >= q->r.x + q->r.w : p->r.x <= q->r.x);
            else
                CHECK(p->r.y <= q->r.y + q->r.h / 2); /* a later row starts lower */
        }
    }
    if (stays)
        return;
    static View m;
    m = *v;
    view_mirror(&m);
    m.look.rtl = !v->look.rtl;
    ScanOrder mo;
    scan_order(&m, &mo);
    CHECK_INT(mo.n, o.n);
    for (int i = 0; i < o.n && i < mo.n; i++) {
        int same = o.t[i].action == mo.t[i].action && o.t[i].arg == mo.t[i].arg;
        if (!same)
            fprintf(stderr, "screen %s at %dx%d: mirrored, focus step %d differs\n",
                    screens[a->screen].name, v->w, v->h, i);
        CHECK(same);
    }
}

static void check_view(const App *a, int min)
{
    View v;
    app_build_view(a, &v);
    views_checked++;
    check_focus_order(a, &v);
    CHECK(!v.overflow);
    for (int i = 0; i < v.nwidgets; i++) {
        const Widget *w = &v.widgets[i];
        if (!w->action)
            continue;
        int ok = w->r.w >= min && w->r.h >= min && w->r.x >= 0 && w->r.y >= 0 &&
                 w->r.x + w->r.w <= v.w && w->r.y + w->r.h <= v.h;
        if (!ok)
            fprintf(stderr, "screen %s at %dx%d: \"%s\" is %dx%d at %d,%d\n",
                    screens[a->screen].name, v.w, v.h, w->text ? w->text : "", w->r.w, w->r.h,
                    w->r.x, w->r.y);
        CHECK(ok);
        for (int j = i + 1; j < v.nwidgets; j++) {
            const Widget *o = &v.widgets[j];
            if (!o->action)
                continue;
            int overlap = w->r.x < o->r.x + o->r.w && o->r.x < w->r.x + w->r.w &&
                          w->r.y < o->r.y + o->r.h && o->r.y < w->r.y + w->r.h;
            if (overlap)
                fprintf(stderr, "screen %s at %dx%d: \"%s\" overlaps \"%s\"\n",
                        screens[a->screen].name, v.w, v.h, w->text ? w->text : "",
                        o->text ? o->text : "");
            CHECK(!overlap);
        }
    }
}

static void check_all_sizes(App *a)
{
    int w = a->w, h = a->h;
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        app_resize(a, sizes[i].w, sizes[i].h);
        check_view(a, sizes[i].min);
    }
    app_resize(a, w, h);
}

/* Taps the first widget with this action (and arg, unless any_arg) through app_input, at once
 * (a double tap, a tap on a view just shown), or as a person does: after the tap guard. */
static int tap_action_now(App *a, int action, int arg, int any_arg)
{
    View v;
    app_build_view(a, &v);
    for (int i = 0; i < v.nwidgets; i++) {
        const Widget *w = &v.widgets[i];
        if (w->action != action || (!any_arg && w->arg != arg) || (w->flags & W_DISABLED))
            continue;
        Input press = {IN_PRESS, w->r.x + w->r.w / 2, w->r.y + w->r.h / 2, "", 0, 0, 0};
        Input release = press;
        release.kind = IN_RELEASE;
        app_input(a, &press);
        app_input(a, &release);
        return 1;
    }
    return 0;
}

static void tick(App *a, long long ms)
{
    for (long long t = 0; t < ms; t += 500)
        app_tick(a, a->now_ms + 500, a->wall + ((a->now_ms + 500) / 1000 - a->now_ms / 1000));
}

static int tap_action(App *a, int action, int arg, int any_arg)
{
    app_tick(a, a->now_ms + TAP_GUARD_MS,
             a->wall + ((a->now_ms + TAP_GUARD_MS) / 1000 - a->now_ms / 1000));
    return tap_action_now(a, action, arg, any_arg);
}

static Survey *load(const char *path)
{
    static SurveyProblems probs;
    Survey *s = survey_load(path, &probs);
    if (!s)
        survey_problems_print(path, &probs, stderr);
    return s;
}

static const char group_csv[] =
    "survey,,,,\n"
    ",type,name,label,appearance\n"
    ",begin group,g,Two things,\n"
    ",select_one yn,a,First?,yes-notsure-no\n"
    ",select_one yn,b,Second?,\n"
    ",text,c,Say more,\n"
    ",end group,,,\n"
    ",integer,n,How many?,\n"
    "choices,,,,\n"
    ",list_name,name,label,\n"
    ",yn,yes,Yes,\n"
    ",yn,not_sure,Not sure,\n"
    ",yn,no,No,\n"
    "settings,,,,\n"
    ",form_id,form_title,ages,\n"
    ",grouped,Grouped,12-17,\n";

/* A group page of a note and one text question, as real forms have it. */
static const char note_text_csv[] =
    "survey,,,\n"
    ",type,name,label\n"
    ",begin group,g,About you\n"
    ",note,intro,Tell us in your own words.\n"
    ",text,said,What would you change?\n"
    ",end group,,\n"
    "settings,,,\n"
    ",form_id,form_title,ages\n"
    ",note_text,Note and text,12-17\n";

static App app;
static uint8_t council_sk[crypto_box_SECRETKEYBYTES];

static void setup(void)
{
    App *a = &app;
    char err[ERR_LEN], path[128];
    snprintf(dir, sizeof dir, "/tmp/chorus-screens-XXXXXX");
    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/kiosk.db", dir);
    a->store = store_open(path, err);
    CHECK(a->store != NULL);
    crypto_box_keypair(a->council_pk, council_sk);
    static const char *const files[] = {
        "assets/surveys/how_was_today.csv",    "assets/surveys/care_leavers.csv",
        "assets/surveys/children_in_care.csv", "assets/surveys/one_voice_session.csv",
        "assets/surveys/little_voices.csv",    "assets/surveys/my_life.csv",
        "tests/data/kinds/new_kinds.csv" /* a range, a stepper, pickers, acknowledge */,
        "tests/data/kinds/grouped_kinds.csv" /* the same in groups: opened from a field */};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        Survey *s = load(files[i]);
        CHECK(s != NULL);
        if (s)
            a->surveys[a->nsurveys++] = s;
    }
    static SurveyProblems probs;
    Survey *g = survey_parse("grouped.csv", group_csv, sizeof group_csv - 1, &probs);
    CHECK(g != NULL);
    if (g)
        a->surveys[a->nsurveys++] = g;
    Survey *nt = survey_parse("note_text.csv", note_text_csv, sizeof note_text_csv - 1, &probs);
    CHECK(nt != NULL);
    if (nt)
        a->surveys[a->nsurveys++] = nt;
    a->speak = fake_speak;
    a->can_speak = fake_can_speak;
    a->speak_ctx = &spoken;
    app_resize(a, 1280, 800);
    CHECK(app_start(a, 0, (long long)time(NULL)) == 0);
}

/* The worker PIN the tests set: 482915. */
static void tap_pin(App *a)
{
    static const int digits[6] = {4, 8, 2, 9, 1, 5};
    for (int d = 0; d < 6; d++)
        CHECK(tap_action(a, A_PIN_DIGIT, digits[d], 0));
}

/* First start: the PIN is set on screen, twice. */
static void test_set_pin(void)
{
    App *a = &app;
    CHECK_STR(screens[a->screen].name, "set-pin");
    check_all_sizes(a);
    /* An obvious PIN is refused at once. */
    for (int d = 1; d <= 6; d++)
        CHECK(tap_action(a, A_PIN_DIGIT, d, 0));
    CHECK(tap_action(a, A_PIN_OK, 0, 0));
    CHECK_STR(screens[a->screen].name, "set-pin");
    CHECK(a->message != NULL && strstr(a->message, "too easy") != NULL);
    for (int round = 0; round < 2; round++) {
        tap_pin(a);
        CHECK(tap_action(a, A_PIN_OK, 0, 0));
    }
    /* The first PIN comes with a recovery code, shown once. */
    CHECK_STR(screens[a->screen].name, "recovery-show");
    CHECK_INT((int)strlen(a->recovery), RECOVERY_DIGITS);
    check_all_sizes(a);
    CHECK(tap_action(a, A_RECOVERY_DONE, 0, 0));
    CHECK_INT((int)strlen(a->recovery), 0);
    CHECK_STR(screens[a->screen].name, "welcome");
    check_all_sizes(a);
}

/* Every page of every survey, answering the first choice or typing, then review and send. */
static void test_every_page(void)
{
    App *a = &app;
    for (int si = 0; si < a->nsurveys; si++) {
        CHECK(tap_action(a, A_START, 0, 1));
        CHECK_STR(screens[a->screen].name, "choose");
        check_all_sizes(a);
        CHECK(tap_action(a, A_CHOOSE_SURVEY, si, 0));
        int guard = 0;
        while (a->screen == SCR_QUESTION && guard++ < 100) {
            check_all_sizes(a);
            if (tap_action(a, A_FIELD, 0, 1)) { /* a text field on a group page */
                check_all_sizes(a);
                Input t = {IN_TEXT, 0, 0, "7", 0, 0, 0};
                app_input(a, &t);
                CHECK(tap_action(a, A_DONE, 0, 0));
            }
            if (tap_action(a, A_KEY, 0, 1)) /* a typing page: one key */
                check_all_sizes(a);
            if (tap_action(a, A_PICK, 0, 1)) /* a range, a stepper or a picker, set */
                check_all_sizes(a);
            if (tap_action(a, A_ACK, 0, 1))
                check_all_sizes(a);
            if (tap_action(a, A_CHOICE, 0, 1) && a->screen == SCR_SAFETY) {
                check_all_sizes(a);
                CHECK(tap_action(a, A_CARRY_ON, 0, 0));
            }
            CHECK(tap_action(a, A_NEXT, 0, 0));
        }
        CHECK_STR(screens[a->screen].name, "review");
        check_all_sizes(a);
        if (strcmp(a->surveys[si]->form_id, "little_voices") == 0) {
            /* The review shows the faces and symbols chosen (the first choice of each), not
             * only their words, and they are not tappable on their own: the row is. */
            View v;
            app_build_view(a, &v);
            int faces = 0, symbols = 0;
            for (int i = 0; i < v.nwidgets; i++) {
                const Widget *w = &v.widgets[i];
                if (w->action == A_NONE && w->kind == W_FACE && w->level == 0)
                    faces++;
                if (w->action == A_NONE && w->kind == W_SYMBOL && w->level == 0)
                    symbols++;
            }
            CHECK(faces >= 1);
            CHECK(symbols >= 1);
        }
        long before = store_count(a->store, NULL, 0);
        CHECK(tap_action(a, A_SEND, 0, 0));
        CHECK_STR(screens[a->screen].name, "thanks");
        CHECK_INT(store_count(a->store, NULL, 0), before + 1);
        check_all_sizes(a);
        CHECK(tap_action(a, A_FINISH, 0, 0));
        CHECK_STR(screens[a->screen].name, "welcome");
    }
}

/* Idle, worker mode and the save failure screen. */
static void test_other_screens(void)
{
    App *a = &app;
    CHECK(tap_action(a, A_START, 0, 1));
    CHECK(tap_action(a, A_CHOOSE_SURVEY, 0, 0));
    tick(a, IDLE_AFTER_MS + 500);
    CHECK_STR(screens[a->screen].name, "idle");
    check_all_sizes(a);
    tick(a, IDLE_COUNTDOWN_MS + 500);
    CHECK_STR(screens[a->screen].name, "welcome");
    CHECK(a->survey == -1);

    Input press = {IN_PRESS, 10, 10, "", 0, 0, 0};
    app_input(a, &press);
    tick(a, LONG_PRESS_MS + 500);
    Input release = {IN_RELEASE, 10, 10, "", 0, 0, 0};
    app_input(a, &release);
    CHECK_STR(screens[a->screen].name, "pin");
    check_all_sizes(a);
    /* The recovery code's pad, then back, then the PIN. */
    CHECK(tap_action(a, A_RECOVERY, 0, 0));
    CHECK_STR(screens[a->screen].name, "recovery");
    check_all_sizes(a);
    CHECK(tap_action(a, A_CANCEL, 0, 0));
    CHECK_STR(screens[a->screen].name, "pin");
    tap_pin(a);
    CHECK(tap_action(a, A_PIN_OK, 0, 0));
    CHECK_STR(screens[a->screen].name, "worker");
    /* Quitting asks first. */
    CHECK(tap_action(a, A_W_QUIT, 0, 0));
    CHECK_STR(screens[a->screen].name, "worker-quit");
    check_all_sizes(a);
    CHECK(tap_action(a, A_CANCEL, 0, 0));
    CHECK_STR(screens[a->screen].name, "worker");
    CHECK_INT(a->quit, 0);
    check_all_sizes(a);
    CHECK(tap_action(a, A_W_SURVEYS, 0, 0));
    check_all_sizes(a);
    CHECK(tap_action(a, A_W_FIX, 1, 0));
    CHECK_INT(a->fixed_survey, 1);
    CHECK(tap_action(a, A_W_SESSION, 0, 0));
    CHECK_STR(screens[a->screen].name, "worker-session");
    check_all_sizes(a);
    /* With a session running, worker mode offers the group's debrief. */
    snprintf(a->session, sizeof a->session, "One Voice, 12 March");
    app_go(a, SCR_WORKER);
    check_all_sizes(a);
    CHECK(tap_action(a, A_W_DEBRIEF, 0, 0));
    CHECK_STR(screens[a->screen].name, "debrief");
    check_all_sizes(a);
    CHECK(tap_action(a, A_DEBRIEF_DONE, 0, 0));
    a->session[0] = '\0';

    app_go(a, SCR_SAFETY);
    check_all_sizes(a);
    app_go(a, SCR_SAVE_FAILED);
    check_all_sizes(a);
}

/* Opens the newest response in the kiosk's store with the council's key; its flags, or -1. */
static long newest_flags(void)
{
    char path[128];
    snprintf(path, sizeof path, "%s/kiosk.db", dir);
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    long flags = -1;
    Arena *arena = arena_new();
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "SELECT sealed FROM response ORDER BY seq DESC LIMIT 1", -1, &st,
                           NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        Response r;
        char err[ERR_LEN];
        if (seal_open_response(sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0),
                               app.council_pk, council_sk, arena, &r, err) == 0)
            flags = (long)r.flags;
        else
            fprintf(stderr, "cannot open the stored response: %s\n", err);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    arena_free(arena);
    return flags;
}

/* Runs children_in_care (survey 2) answering "No" to feeling safe, optionally asking to talk,
 * optionally changing the answer to "Yes" afterwards; sends and returns the sealed flags. */
static long safety_run(int talk, int change_mind)
{
    App *a = &app;
    app_forget_person(a);
    a->fixed_survey = -1;
    CHECK(tap_action(a, A_START, 0, 1));
    CHECK(tap_action(a, A_CHOOSE_SURVEY, 2, 0));
    const Survey *s = app_survey(a);
    if (!s)
        return -1;
    const Question *q = survey_question_named(s, "feel_safe");
    CHECK(q != NULL);
    if (!q)
        return -1;
    int qi = (int)(q - s->questions);
    while (a->screen == SCR_QUESTION && a->page != q->page)
        CHECK(tap_action(a, A_NEXT, 0, 0));
    int no = survey_choice_index(q->list, "no"), yes = survey_choice_index(q->list, "yes");
    CHECK(tap_action(a, A_CHOICE, qi * 256 + no, 0));
    CHECK_STR(screens[a->screen].name, "safety");
    if (talk)
        CHECK(tap_action(a, A_TALK, 0, 0));
    CHECK(tap_action(a, A_CARRY_ON, 0, 0));
    CHECK_STR(screens[a->screen].name, "question");
    if (change_mind)
        CHECK(tap_action(a, A_CHOICE, qi * 256 + yes, 0));
    int guard = 0;
    while (a->screen == SCR_QUESTION && guard++ < 100)
        CHECK(tap_action(a, A_NEXT, 0, 0));
    CHECK(tap_action(a, A_SEND, 0, 0));
    CHECK_STR(screens[a->screen].name, "thanks");
    CHECK(tap_action(a, A_FINISH, 0, 0));
    return newest_flags();
}

/* The flags travel sealed, and say what was sent: a safety answer taken back is no concern,
 * a request to talk stays. */
static void test_sealed_flags(void)
{
    CHECK_INT(safety_run(0, 0), RESPONSE_FLAG_SAFETY);
    CHECK_INT(safety_run(1, 0), RESPONSE_FLAG_SAFETY | RESPONSE_FLAG_TALK);
    CHECK_INT(safety_run(0, 1), 0);
    CHECK_INT(safety_run(1, 1), RESPONSE_FLAG_TALK);
}

/* Every safety run above made a request for help, committed before Send as its own sealed
 * record: the council's key opens each, its flags match what the kiosk keeps for the alert, no
 * help record shares an id with a response, and worker mode opens with the alert (the count,
 * never an answer), which once seen is gone. */
static void test_help_records(void)
{
    App *a = &app;
    char path[128];
    snprintf(path, sizeof path, "%s/kiosk.db", dir);
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    Arena *arena = arena_new();
    int n = 0, opened = 0;
    CHECK(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
    CHECK(sqlite3_prepare_v2(db, "SELECT id, sealed, flags FROM help ORDER BY seq", -1, &st,
                             NULL) == SQLITE_OK);
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        n++;
        size_t len = (size_t)sqlite3_column_bytes(st, 1);
        uint8_t plain[HELP_ENCODED_MAX];
        HelpRecord h;
        char err[ERR_LEN];
        if (len < crypto_box_SEALBYTES || len - crypto_box_SEALBYTES > sizeof plain ||
            crypto_box_seal_open(plain, sqlite3_column_blob(st, 1), len, a->council_pk,
                                 council_sk) != 0)
            continue;
        CHECK(help_is_record(plain, len - crypto_box_SEALBYTES));
        if (help_decode(plain, len - crypto_box_SEALBYTES, arena, &h, err) != 0) {
            fprintf(stderr, "help record: %s\n", err);
            continue;
        }
        opened++;
        CHECK(memcmp(h.id, sqlite3_column_blob(st, 0), HELP_ID_LEN) == 0);
        CHECK_INT((long)h.flags, (long)sqlite3_column_int64(st, 2));
        CHECK(h.flags & HELP_CONCERN);
        CHECK_STR(h.form_id, "children_in_care");
        CHECK_STR(h.contact, "");
    }
    sqlite3_finalize(st);
    st = NULL;
    CHECK(n >= 4);
    CHECK_INT(opened, n);
    CHECK(sqlite3_prepare_v2(db, "SELECT count(DISTINCT request),"
                                 " (SELECT count(*) FROM response WHERE id IN (SELECT id FROM help))"
                                 " FROM help",
                             -1, &st, NULL) == SQLITE_OK &&
          sqlite3_step(st) == SQLITE_ROW);
    CHECK_INT(sqlite3_column_int(st, 0), 4); /* one request a young person */
    CHECK_INT(sqlite3_column_int(st, 1), 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    arena_free(arena);

    /* the worker corner's sign, then the alert */
    app_forget_person(a);
    CHECK_INT(a->help_waiting, 4);
    View v;
    app_build_view(a, &v);
    int sign = 0;
    for (int i = 0; i < v.nwidgets; i++)
        sign += v.widgets[i].text && strcmp(v.widgets[i].text, "\u2022") == 0;
    CHECK_INT(sign, 1);
    app_go(a, SCR_PIN);
    tap_pin(a);
    CHECK(tap_action(a, A_PIN_OK, 0, 0));
    CHECK_STR(screens[a->screen].name, "worker-alert");
    check_all_sizes(a);
    app_build_view(a, &v);
    int count = 0, answer = 0;
    for (int i = 0; i < v.nwidgets; i++) {
        const char *t = v.widgets[i].text;
        count += t && strstr(t, "4 requests for help since you last looked") != NULL;
        answer += t && strstr(t, "safe where") != NULL;
    }
    CHECK_INT(count, 1);
    CHECK_INT(answer, 0);
    CHECK(tap_action(a, A_W_ALERT_SEEN, 0, 0));
    CHECK_STR(screens[a->screen].name, "worker");
    CHECK_INT(a->help_waiting, 0);
    CHECK(tap_action(a, A_W_EXIT, 0, 0));
    app_build_view(a, &v);
    for (int i = 0; i < v.nwidgets; i++)
        CHECK(!v.widgets[i].text || strcmp(v.widgets[i].text, "\u2022") != 0);
}


/* ---- the young person's own choices ---- */

/* The widget with this action (and arg), or NULL. */
static const Widget *find_text(const View *v, const char *text)
{
    for (int i = 0; i < v->nwidgets; i++)
        if (v->widgets[i].text && strcmp(v->widgets[i].text, text) == 0)
            return &v->widgets[i];
    return NULL;
}

static const Widget *find_widget(const View *v, int action, int arg)
{
    for (int i = 0; i < v->nwidgets; i++)
        if (v->widgets[i].action == action && v->widgets[i].arg == arg)
            return &v->widgets[i];
    return NULL;
}

static int count_kind(const App *a, WidgetKind kind)
{
    View v;
    app_build_view(a, &v);
    int n = 0;
    for (int i = 0; i < v.nwidgets; i++)
        n += v.widgets[i].kind == kind;
    return n;
}

/* The index of the survey with this form id, or -1. */
static int survey_index(const char *form_id)
{
    for (int i = 0; i < app.nsurveys; i++)
        if (strcmp(app.surveys[i]->form_id, form_id) == 0)
            return i;
    return -1;
}

/* The index of the language with this key in app.langs, or -1. */
static int lang_index(const char *key)
{
    for (int i = 0; i < app.nlangs; i++)
        if (strcmp(app.langs[i].key, key) == 0)
            return i;
    return -1;
}

static void fresh_person(void)
{
    App *a = &app;
    a->fixed_survey = -1;
    a->fixed_band = -1;
    app_forget_person(a);
    spoken.n = 0;
}

/* The welcome screen offers every language of the surveys, each in its own script, English
 * first, and the age bands; choosing a language changes the kiosk's words and the look. */
static void test_welcome_languages(void)
{
    App *a = &app;
    fresh_person();
    CHECK_STR(screens[a->screen].name, "welcome");
    static const struct {
        const char *key, *name;
    } want[] = {{"en", "English"},     {"ar", "العربية"}, {"fa", "فارسی"}, {"ps", "پښتو"},
                {"ti", "ትግርኛ"},     {"ckb", "کوردی"},  {"vi", "Tiếng Việt"}, {"sq", "Shqip"}};
    CHECK_INT(a->nlangs, 8);
    CHECK_STR(a->langs[0].key, "en");
    View v;
    app_build_view(a, &v);
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        int li = lang_index(want[i].key);
        CHECK(li >= 0);
        const Widget *w = li >= 0 ? find_widget(&v, A_LANG, li) : NULL;
        CHECK(w != NULL);
        if (w)
            CHECK_STR(w->text, want[i].name);
    }
    for (int b = 0; b < AGE_BANDS; b++)
        CHECK(find_widget(&v, A_BAND, b) != NULL);
    CHECK(find_widget(&v, A_BAND, 0)->kind == W_IMAGE); /* the shipped picture, tappable */
    CHECK(find_widget(&v, A_LOOK, 0) != NULL);
    CHECK_INT(v.look.rtl, 0);
    CHECK_STR(v.look.lang, "en");
    CHECK_STR(ui_text(a, UI_BACK), "Back");
    check_all_sizes(a);

    /* Arabic: the kiosk's words (a draft translation), right to left */
    CHECK(tap_action(a, A_LANG, lang_index("ar"), 0));
    CHECK_STR(screens[a->screen].name, "welcome");
    CHECK_STR(a->person.lang, "ar");
    app_build_view(a, &v);
    CHECK_INT(v.look.rtl, 1);
    CHECK_STR(v.look.lang, "ar");
    CHECK_STR(ui_text(a, UI_BACK), "رجوع");
    CHECK_STR(ui_text(a, UI_NEXT), "التالي");
    CHECK_STR(ui_text(a, UI_DECLINE), "أفضّل ألّا أقول");
    CHECK_STR(ui_text(a, UI_SEND), "إرسال");
    CHECK_STR(ui_text(a, UI_START), "ابدأ");
    CHECK_STR(ui_text_lang(a, UI_START), "ar");
    /* the safety words are translated too (a draft: the screen shows the English beside) */
    CHECK(strstr(ui_text(a, UI_SAFETY_CHILDLINE), "0800 1111") != NULL);
    CHECK_STR(ui_text_lang(a, UI_SAFETY_CHILDLINE), "ar");
    const Widget *start = find_widget(&v, A_START, 0), *look = find_widget(&v, A_LOOK, 0);
    CHECK(start && look && start->r.x < look->r.x); /* Start where Next is: on the left */
    check_all_sizes(a);
    /* every other language is right to left or not as it should be */
    static const struct {
        const char *key;
        int rtl;
    } dirs[] = {{"fa", 1}, {"ps", 1}, {"ckb", 1}, {"ti", 0}, {"vi", 0}, {"sq", 0}, {"en", 0}};
    for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
        CHECK(tap_action(a, A_LANG, lang_index(dirs[i].key), 0));
        CHECK_INT(app_look(a).rtl, dirs[i].rtl);
        CHECK_STR(app_look(a).lang, dirs[i].key);
        /* every shipped language has its own word for Back (drafts); English says Back */
        if (strcmp(dirs[i].key, "en") == 0)
            CHECK_STR(ui_text(a, UI_BACK), "Back");
        else
            CHECK(strcmp(ui_text(a, UI_BACK), "Back") != 0);
        check_all_sizes(a);
    }
    CHECK_INT(app_lang_rtl("ur"), 1);
    CHECK_INT(app_lang_rtl("he"), 1);
    CHECK_INT(app_lang_rtl("ar-EG"), 1);
    CHECK_INT(app_lang_rtl("fr"), 0);
}

/* Every language the kiosk ships has every one of its words: none of them falls back to
 * English (the request-for-help words above all, which a young person reads after asking). A
 * word may read the same as the English (a name, a number) only where the translator wrote it
 * so. */
static void test_words_complete(void)
{
    static const char *const codes[] = {"ar", "fa", "ps", "ti", "ckb", "vi", "sq"};
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) {
        for (int k = 0; k < UI_COUNT; k++) {
            if (!*words_english((UiText)k))
                continue;
            const char *t = words_translation(codes[i], (UiText)k);
            if (!t || !*t)
                fprintf(stderr, "  %s has no word for key %d (English: \"%s\")\n", codes[i], k,
                        words_english((UiText)k));
            CHECK(t && *t);
        }
    }
    CHECK(words_translation("fr", UI_START) == NULL); /* no table: the caller shows English */
}

/* Right to left: every view mirrored, so Back is on the right and Next on the left; a
 * keyboard keeps its keys in order. */
static void test_rtl_mirroring(void)
{
    App *a = &app;
    fresh_person();
    CHECK(tap_action(a, A_LANG, lang_index("ar"), 0));
    CHECK(tap_action(a, A_START, 0, 1));
    CHECK_STR(screens[a->screen].name, "choose");
    View v;
    app_build_view(a, &v);
    const Widget *back = find_widget(&v, A_BACK, 0);
    CHECK(back && back->r.x + back->r.w > v.w / 2);
    int hti = survey_index("how_was_today");
    CHECK(tap_action(a, A_CHOOSE_SURVEY, hti, 0));
    CHECK_STR(screens[a->screen].name, "question");
    CHECK_STR(a->lang_shown, "ar");
    CHECK_STR(app_look(a).lang, "ar");
    app_build_view(a, &v);
    back = find_widget(&v, A_BACK, 0);
    const Widget *next = find_widget(&v, A_NEXT, 0);
    CHECK(back && next);
    if (back && next) {
        CHECK(back->r.x > next->r.x);
        CHECK(back->r.x + back->r.w > v.w * 3 / 4); /* Back at the right edge */
        CHECK(next->r.x < v.w / 4);                 /* Next at the left edge */
        CHECK_STR(back->text, "رجوع");
        CHECK_STR(next->text, "التالي");
    }
    /* the same screen in English: Back on the left */
    View en;
    char keep[LANG_KEY_MAX + 1];
    memcpy(keep, a->lang_shown, sizeof keep);
    snprintf(a->lang_shown, sizeof a->lang_shown, "en");
    app_build_view(a, &en);
    memcpy(a->lang_shown, keep, sizeof keep);
    const Widget *eback = find_widget(&en, A_BACK, 0);
    CHECK(eback && back && eback->r.x == v.w - back->r.x - back->r.w);
    /* the question's words are Arabic, and every widget mirrored */
    const Survey *s = app_survey(a);
    int ar = app_survey_lang(a, s);
    CHECK(strcmp(s->langs[ar].code, "ar") == 0);
    CHECK_INT(en.nwidgets, v.nwidgets);
    for (int i = 0; i < v.nwidgets && i < en.nwidgets; i++)
        if (v.widgets[i].kind != W_KEY)
            CHECK_INT(v.widgets[i].r.x, v.w - en.widgets[i].r.x - en.widgets[i].r.w);
    check_all_sizes(a);
    /* a typing page shows the Arabic keyboard, read from the right: ض right of ص */
    int guard = 0;
    while (a->screen == SCR_QUESTION && !find_text(&v, "ض") && guard++ < 20) {
        CHECK(tap_action(a, A_NEXT, 0, 0));
        app_build_view(a, &v);
    }
    const Widget *q = find_text(&v, "ض"), *w = find_text(&v, "ص");
    CHECK(q && w && q->kind == W_KEY && q->r.x > w->r.x);
    CHECK(find_text(&v, "مسافة") && find_text(&v, "حذف") && !find_text(&v, "Space"));
    check_all_sizes(a);
    fresh_person();
    CHECK_INT(app_look(a).rtl, 0);
}

/* A key (or a switch, which is a key) pressed and released through app_input, after the
 * switches' debounce. */
static void press_key(App *a, int key, int code, unsigned flags)
{
    long long t = a->now_ms + SWITCH_DEBOUNCE_MS;
    app_tick(a, t, a->wall);
    Input in = {IN_KEY, 0, 0, "", key, code, flags};
    app_input(a, &in);
    in.kind = IN_KEY_UP;
    app_input(a, &in);
}

/* The focused span now: its first target in o (built now), the last in *to; -1 no ring. */
static int focus_now(App *a, ScanOrder *o, int *to)
{
    View v;
    app_build_view(a, &v);
    scan_order(&v, o);
    return v.ring ? access_focus(a, o, to) : -1;
}

/* The keyboard through app_input: no ring until a key; Tab visits every target of the welcome
 * screen once, in order, and comes round again; Shift-Tab goes back; a touch hides the ring;
 * Enter selects. Two switches on a typing page: a row of keys is one step, switch 2 opens it,
 * then types its first key and goes back to the rows, on that row. */
static void test_focus_walk(void)
{
    App *a = &app;
    fresh_person();
    ScanOrder o;
    int to;
    CHECK_INT(focus_now(a, &o, &to), -1);
    for (int i = 0; i < o.n; i++) {
        press_key(a, KEY_TAB, '\t', 0);
        CHECK_INT(focus_now(a, &o, &to), i);
    }
    press_key(a, KEY_TAB, '\t', 0);
    CHECK_INT(focus_now(a, &o, &to), 0);
    press_key(a, KEY_TAB, '\t', INPUT_SHIFT);
    CHECK_INT(focus_now(a, &o, &to), o.n - 1);
    CHECK(tap_action(a, A_LANG, 0, 0));
    CHECK_INT(focus_now(a, &o, &to), -1);
    int start = scan_find(&o, A_START, 0), guard = 0;
    CHECK(start >= 0);
    while (focus_now(a, &o, &to) != start && guard++ < VIEW_WIDGETS_MAX)
        press_key(a, KEY_TAB, '\t', 0);
    press_key(a, KEY_ENTER, ACCESS_CODE_ENTER, 0);
    CHECK_STR(screens[a->screen].name, "choose");

    a->access.mode = ACCESS_TWO_SWITCHES;
    CHECK(tap_action(a, A_CHOOSE_SURVEY, survey_index("how_was_today"), 0));
    View v;
    app_build_view(a, &v);
    while (a->screen == SCR_QUESTION && !find_text(&v, "q") && guard++ < 40) {
        CHECK(tap_action(a, A_NEXT, 0, 0));
        app_build_view(a, &v);
    }
    CHECK(find_text(&v, "q") != NULL);
    int from = focus_now(a, &o, &to), steps = 0, rows = 0, others = 0;
    CHECK_INT(from, 0);
    for (int i = 0; i < o.n; i++) {
        if (o.t[i].keys < 0)
            others++;
        else if (o.t[i].keys == i)
            rows++;
    }
    do {
        press_key(a, KEY_SPACE, ACCESS_CODE_SPACE, 0);
        steps++;
        from = focus_now(a, &o, &to);
        if (from >= 0 && o.t[from].keys >= 0)
            CHECK_INT(to, scan_row_end(&o, from)); /* a whole row at once */
    } while (from != 0 && steps < 2 * VIEW_WIDGETS_MAX);
    CHECK(rows >= 3);
    CHECK_INT(steps, rows + others);
    while (!(from >= 0 && o.t[from].keys == from && find_text(&v, "q") &&
             strcmp(v.widgets[o.t[from].widget].text, "q") == 0) &&
           guard++ < 2 * VIEW_WIDGETS_MAX) {
        press_key(a, KEY_SPACE, ACCESS_CODE_SPACE, 0);
        from = focus_now(a, &o, &to);
        app_build_view(a, &v);
    }
    CHECK(to > from);
    press_key(a, KEY_ENTER, ACCESS_CODE_ENTER, 0); /* the row opens */
    int k = focus_now(a, &o, &to);
    CHECK_INT(k, from);
    CHECK_INT(to, from);
    press_key(a, KEY_ENTER, ACCESS_CODE_ENTER, 0); /* "q" typed */
    app_build_view(a, &v);
    const Widget *field = NULL;
    for (int i = 0; i < v.nwidgets; i++)
        if (v.widgets[i].kind == W_FIELD)
            field = &v.widgets[i];
    CHECK(field && field->text && strcmp(field->text, "q") == 0);
    k = focus_now(a, &o, &to);
    CHECK_INT(k, from);
    CHECK(to > from); /* back on the row */
    /* a bouncing switch: pressed again at once, nothing; and the space a switch sending Space
     * types goes nowhere */
    Input bounce = {IN_KEY, 0, 0, "", KEY_SPACE, ACCESS_CODE_SPACE, 0};
    app_input(a, &bounce);
    CHECK_INT(focus_now(a, &o, &to), from);
    Input space = {IN_TEXT, 0, 0, " ", 0, 0, 0};
    app_input(a, &space);
    bounce.kind = IN_KEY_UP;
    app_input(a, &bounce);
    press_key(a, KEY_SPACE, ACCESS_CODE_SPACE, 0);
    CHECK(focus_now(a, &o, &to) != from);
    app_build_view(a, &v);
    for (int i = 0; i < v.nwidgets; i++)
        if (v.widgets[i].kind == W_FIELD)
            CHECK_STR(v.widgets[i].text, "q");
    a->access.mode = ACCESS_OFF;
    fresh_person();
}

/* Each age band offers the surveys whose ages overlap it; one is started at once. */
static void test_age_bands(void)
{
    App *a = &app;
    for (int b = 0; b < AGE_BANDS; b++) {
        fresh_person();
        app_offer_surveys(a, b);
        int overlapping = 0;
        for (int i = 0; i < a->nsurveys; i++) {
            const Survey *s = a->surveys[i];
            int fits = s->age_min <= age_bands[b].max && s->age_max >= age_bands[b].min;
            int offered = 0;
            for (int k = 0; k < a->noffered; k++)
                offered |= a->offered[k] == i;
            CHECK_INT(offered, fits);
            overlapping += fits;
        }
        CHECK_INT(a->noffered, overlapping);
    }
    /* 4 to 7: only the youngest survey, started at once */
    fresh_person();
    CHECK(tap_action(a, A_BAND, 0, 0));
    CHECK_STR(screens[a->screen].name, "question");
    CHECK_STR(app_survey(a)->form_id, "little_voices");
    CHECK_INT(a->person.band, 0);
    /* 16 or 17: a choice of the surveys for them, none for the youngest */
    fresh_person();
    CHECK(tap_action(a, A_BAND, 3, 0));
    CHECK_STR(screens[a->screen].name, "choose");
    check_all_sizes(a);
    View v;
    app_build_view(a, &v);
    CHECK(find_widget(&v, A_CHOOSE_SURVEY, survey_index("care_leavers")) != NULL);
    CHECK(find_widget(&v, A_CHOOSE_SURVEY, survey_index("children_in_care")) != NULL);
    CHECK(find_widget(&v, A_CHOOSE_SURVEY, survey_index("little_voices")) == NULL);
    CHECK(find_widget(&v, A_CHOOSE_SURVEY, survey_index("my_life")) == NULL);
    /* a survey not offered can't be started by its action either */
    int before = a->screen;
    CHECK(!tap_action(a, A_CHOOSE_SURVEY, survey_index("little_voices"), 0));
    app_input(a, &(Input){IN_KEY, 0, 0, "", KEY_ENTER, 0, 0});
    CHECK_INT(a->screen, before);
    /* Back from the first question returns to the same choice, the band kept */
    CHECK(tap_action(a, A_CHOOSE_SURVEY, survey_index("care_leavers"), 0));
    CHECK_STR(screens[a->screen].name, "question");
    CHECK(tap_action(a, A_BACK, 0, 0));
    CHECK_STR(screens[a->screen].name, "choose");
    CHECK_INT(a->person.band, 3);
    app_build_view(a, &v);
    CHECK(find_widget(&v, A_CHOOSE_SURVEY, survey_index("my_life")) == NULL);
    /* Start without a band: every survey */
    fresh_person();
    CHECK(tap_action(a, A_START, 0, 0));
    CHECK_INT(a->noffered, a->nsurveys);
    fresh_person();
}

/* A worker fixes the age band: the welcome screen asks no age, Start offers that band's
 * surveys; it is kept in the store. */
static void test_worker_band(void)
{
    App *a = &app;
    fresh_person();
    Input press = {IN_PRESS, 10, 10, "", 0, 0, 0};
    app_input(a, &press);
    tick(a, LONG_PRESS_MS + 500);
    Input release = {IN_RELEASE, 10, 10, "", 0, 0, 0};
    app_input(a, &release);
    CHECK_STR(screens[a->screen].name, "pin");
    tap_pin(a);
    CHECK(tap_action(a, A_PIN_OK, 0, 0));
    CHECK_STR(screens[a->screen].name, "worker");
    CHECK_INT(app_look(a).rtl, 0);
    CHECK(tap_action(a, A_W_BANDS, 0, 0));
    CHECK_STR(screens[a->screen].name, "worker-band");
    check_all_sizes(a);
    CHECK(tap_action(a, A_W_FIX_BAND, 1, 0));
    CHECK_STR(screens[a->screen].name, "worker");
    CHECK_INT(a->fixed_band, 1);
    char buf[32];
    CHECK_INT(store_get(a->store, "fixed_band", buf, sizeof buf), 1);
    CHECK_STR(buf, "8-11");
    check_all_sizes(a);
    CHECK(tap_action(a, A_W_EXIT, 0, 0));
    CHECK_STR(screens[a->screen].name, "welcome");
    View v;
    app_build_view(a, &v);
    CHECK(find_widget(&v, A_BAND, 0) == NULL);
    check_all_sizes(a);
    CHECK(tap_action(a, A_START, 0, 0));
    CHECK_STR(screens[a->screen].name, "choose");
    CHECK_INT(a->person.band, 1);
    app_build_view(a, &v);
    CHECK(find_widget(&v, A_CHOOSE_SURVEY, survey_index("my_life")) != NULL);
    CHECK(find_widget(&v, A_CHOOSE_SURVEY, survey_index("care_leavers")) == NULL);
    CHECK(find_widget(&v, A_CHOOSE_SURVEY, survey_index("little_voices")) == NULL);
    CHECK(store_set(a->store, "fixed_band", NULL) == 0);
    fresh_person();
}

/* "Choose how it looks": each setting toggles, goes into the view's look, and is forgotten
 * for the next person; more time doubles the wait before "are you still there?". */
static void test_settings(void)
{
    App *a = &app;
    fresh_person();
    CHECK(tap_action(a, A_LOOK, 0, 0));
    CHECK_STR(screens[a->screen].name, "look");
    check_all_sizes(a);
    View v;
    app_build_view(a, &v);
    for (int i = 0; i < LOOK_COUNT; i++)
        CHECK(find_widget(&v, A_TOGGLE, i) != NULL);
    CHECK(find_widget(&v, A_TOGGLE, LOOK_BIGGER)->kind == W_IMAGE); /* its picture */
    for (int i = 0; i < LOOK_COUNT; i++)
        CHECK(tap_action(a, A_TOGGLE, i, 0));
    for (int i = 0; i < LOOK_COUNT; i++)
        CHECK_INT(a->person.setting[i], 1);
    app_build_view(a, &v);
    CHECK(v.look.bigger && v.look.contrast && v.look.dyslexic);
    CHECK(find_widget(&v, A_TOGGLE, LOOK_CONTRAST)->flags & W_SELECTED);
    check_all_sizes(a);
    CHECK(tap_action(a, A_TOGGLE, LOOK_DYSLEXIC, 0)); /* off again */
    CHECK_INT(a->person.setting[LOOK_DYSLEXIC], 0);
    CHECK(tap_action(a, A_DONE, 0, 0));
    CHECK_STR(screens[a->screen].name, "welcome");
    CHECK_INT(app_look(a).contrast, 1);
    CHECK_INT(app_idle_after(a), 2 * IDLE_AFTER_MS);

    /* more time: no warning after the usual wait, but after twice it */
    CHECK(tap_action(a, A_START, 0, 0));
    CHECK(tap_action(a, A_CHOOSE_SURVEY, survey_index("how_was_today"), 0));
    CHECK_STR(screens[a->screen].name, "question");
    CHECK_INT(app_look(a).bigger, 1);
    tick(a, IDLE_AFTER_MS + 500);
    CHECK_STR(screens[a->screen].name, "question");
    tick(a, IDLE_AFTER_MS);
    CHECK_STR(screens[a->screen].name, "idle");
    CHECK_INT(app_look(a).contrast, 1); /* still theirs while they are asked */
    tick(a, IDLE_COUNTDOWN_MS + 500);
    CHECK_STR(screens[a->screen].name, "welcome");
    /* the wipe forgot everything they chose */
    for (int i = 0; i < LOOK_COUNT; i++)
        CHECK_INT(a->person.setting[i], 0);
    CHECK_INT(app_idle_after(a), IDLE_AFTER_MS);
    Look look = app_look(a);
    CHECK(!look.bigger && !look.contrast && !look.dyslexic && !look.rtl);

    /* and app_forget_person forgets a language, a band and settings */
    CHECK(tap_action(a, A_LANG, lang_index("ar"), 0));
    CHECK(tap_action(a, A_LOOK, 0, 0));
    CHECK(tap_action(a, A_TOGGLE, LOOK_BIGGER, 0));
    CHECK(tap_action(a, A_DONE, 0, 0));
    a->person.band = 2;
    app_forget_person(a);
    CHECK_STR(a->person.lang, "");
    CHECK_INT(a->person.band, -1);
    CHECK_INT(a->person.setting[LOOK_BIGGER], 0);
    CHECK_INT(app_look(a).rtl, 0);
    CHECK_STR(ui_text(a, UI_START), "Start");

    /* the thank-you screen is still in their language; Finish forgets it */
    CHECK(tap_action(a, A_LANG, lang_index("ar"), 0));
    CHECK(tap_action(a, A_BAND, 0, 0));
    int guard = 0;
    /* one answer at least: a response with none is not sent */
    int answered = 0;
    while (a->screen == SCR_QUESTION && guard++ < 50) {
        if (!answered && tap_action(a, A_CHOICE, 0, 1)) {
            answered = 1;
            if (a->screen == SCR_SAFETY)
                CHECK(tap_action(a, A_CARRY_ON, 0, 0));
        }
        CHECK(tap_action(a, A_NEXT, 0, 0));
    }
    CHECK(answered);
    CHECK(tap_action(a, A_SEND, 0, 0));
    CHECK_STR(screens[a->screen].name, "thanks");
    CHECK_INT(app_look(a).rtl, 1);
    CHECK(a->survey == -1);
    CHECK(tap_action(a, A_FINISH, 0, 0));
    CHECK_INT(app_look(a).rtl, 0);
    CHECK_STR(a->person.lang, "");
}

/* The youngest survey (ages up to 7) reads each question aloud as it appears; speaker buttons
 * read a question or a choice; no voice and no recording, or no read-aloud at all: no button,
 * nothing said. */
static void test_read_aloud(void)
{
    App *a = &app;
    fresh_person();
    CHECK(tap_action(a, A_BAND, 0, 0));
    const Survey *s = app_survey(a);
    CHECK(s != NULL && s->age_max <= 7);
    if (!s)
        return;
    CHECK_STR(screens[a->screen].name, "question");
    CHECK_INT(spoken.n, 1);
    const Question *q0 = &s->questions[s->pages[a->page].first];
    CHECK_STR(spoken.text[0], survey_text(s, q0->label, a->draft->lang));
    CHECK_STR(spoken.lang[0], "en");
    CHECK(count_kind(a, W_SPEAK) >= 1);
    check_all_sizes(a);
    /* each next question, as it appears */
    CHECK(tap_action(a, A_NEXT, 0, 0));
    CHECK_INT(spoken.n, 2);
    const Question *q1 = &s->questions[s->pages[a->page].first];
    int q1i = (int)(q1 - s->questions);
    CHECK_STR(spoken.text[1], survey_text(s, q1->label, a->draft->lang));
    /* its picture above the answers, a speaker for it and for each choice */
    View v;
    app_build_view(a, &v);
    CHECK(q1->image != NULL);
    int images = 0;
    for (int i = 0; i < v.nwidgets; i++)
        if (v.widgets[i].kind == W_IMAGE &&
            strcmp(v.widgets[i].text, survey_text(s, q1->image, a->draft->lang)) == 0)
            images++;
    CHECK_INT(images, 1);
    CHECK(find_widget(&v, A_SPEAK, q1i * 256 + SPEAK_LABEL) != NULL);
    for (int c = 0; c < q1->list->nchoices; c++)
        CHECK(find_widget(&v, A_SPEAK, q1i * 256 + c) != NULL);
    check_all_sizes(a);
    /* tapping a choice's speaker reads that choice */
    CHECK(tap_action(a, A_SPEAK, q1i * 256 + 2, 0));
    CHECK_INT(spoken.n, 3);
    CHECK_STR(spoken.text[2], survey_text(s, q1->list->choices[2].label, a->draft->lang));
    CHECK_STR(screens[a->screen].name, "question");
    /* the safety screen reads itself too; coming back does not read the question again */
    int guard = 0;
    const Question *sq = NULL;
    while (a->screen == SCR_QUESTION && guard++ < 20) {
        const Question *q = &s->questions[s->pages[a->page].first];
        for (int c = 0; q->list && c < q->list->nchoices && !sq; c++)
            if (q->list->choices[c].safeguarding)
                sq = q;
        if (sq)
            break;
        CHECK(tap_action(a, A_NEXT, 0, 0));
    }
    CHECK(sq != NULL);
    if (sq) {
        int n = spoken.n, no = -1;
        for (int c = 0; c < sq->list->nchoices; c++)
            if (sq->list->choices[c].safeguarding)
                no = c;
        CHECK(tap_action(a, A_CHOICE, (int)(sq - s->questions) * 256 + no, 0));
        CHECK_STR(screens[a->screen].name, "safety");
        CHECK_INT(spoken.n, n + 1);
        CHECK(strstr(spoken.text[n], "Childline") != NULL);
        CHECK(count_kind(a, W_SPEAK) == 1);
        check_all_sizes(a);
        CHECK(tap_action(a, A_CARRY_ON, 0, 0));
        CHECK_STR(screens[a->screen].name, "question");
        CHECK_INT(spoken.n, n + 1);
    }

    /* Pashto: no voice and no recording: no speaker, nothing read */
    fresh_person();
    CHECK(tap_action(a, A_LANG, lang_index("ps"), 0));
    CHECK(tap_action(a, A_BAND, 0, 0));
    CHECK_STR(screens[a->screen].name, "question");
    CHECK_STR(a->lang_shown, "ps");
    CHECK_INT(spoken.n, 0);
    CHECK_INT(count_kind(a, W_SPEAK), 0);
    check_all_sizes(a);

    /* Farsi: read in Farsi */
    fresh_person();
    CHECK(tap_action(a, A_LANG, lang_index("fa"), 0));
    CHECK(tap_action(a, A_BAND, 0, 0));
    CHECK_INT(spoken.n, 1);
    CHECK_STR(spoken.lang[0], "fa");
    check_all_sizes(a);

    /* an older survey is not read on entry, but has its speakers */
    fresh_person();
    CHECK(tap_action(a, A_START, 0, 0));
    CHECK(tap_action(a, A_CHOOSE_SURVEY, survey_index("care_leavers"), 0));
    CHECK_INT(spoken.n, 0);
    CHECK(count_kind(a, W_SPEAK) >= 1);

    /* no read-aloud at all: no button anywhere, nothing said */
    fresh_person();
    a->speak = NULL;
    CHECK(tap_action(a, A_BAND, 0, 0));
    CHECK_INT(count_kind(a, W_SPEAK), 0);
    CHECK(tap_action(a, A_NEXT, 0, 0));
    CHECK_INT(count_kind(a, W_SPEAK), 0);
    check_all_sizes(a);
    a->speak = fake_speak;
    CHECK_INT(spoken.n, 0);
    fresh_person();
}

/* The newest record stored among the responses under form id "": opened with the council's
 * key, the code of the request it holds into code; 0, or -1. */
static int newest_request(char *code)
{
    char path[128];
    snprintf(path, sizeof path, "%s/kiosk.db", dir);
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    int rc = -1;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "SELECT sealed FROM response WHERE form_id = '' ORDER BY seq DESC"
                               " LIMIT 1",
                           -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        uint8_t plain[256];
        size_t n = 0;
        char err[ERR_LEN];
        WithdrawRequest w;
        if (seal_open_plain(sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0),
                            app.council_pk, council_sk, plain, &n, err) == 0 &&
            withdraw_decode(plain, n, &w, err) == 0) {
            snprintf(code, RECEIPT_CODE_MAX + 1, "%s", w.code);
            rc = 0;
        }
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return rc;
}

/* The thank-you screen shows the code the response carries (pictures for the youngest), and
 * "Take my answers back" stores a sealed request with the code tapped, says kindly what
 * happens (the same whether the code matches anything or not), catches a mistyped letter code,
 * and takes at most RECEIPT_KIOSK_DAY a day. */
static void test_take_back(void)
{
    App *a = &app;
    app_forget_person(a);
    a->fixed_survey = -1;
    a->fixed_band = -1;
    /* A survey for the youngest: a picture code on the thank-you screen, sealed inside. */
    int little = -1;
    for (int i = 0; i < a->nsurveys; i++)
        if (strcmp(a->surveys[i]->form_id, "little_voices") == 0)
            little = i;
    CHECK(little >= 0);
    CHECK(tap_action(a, A_START, 0, 1));
    CHECK(tap_action(a, A_CHOOSE_SURVEY, little, 0));
    int guard = 0;
    while (a->screen == SCR_QUESTION && guard++ < 100) {
        if (tap_action(a, A_CHOICE, 0, 1) && a->screen == SCR_SAFETY)
            CHECK(tap_action(a, A_CARRY_ON, 0, 0));
        CHECK(tap_action(a, A_NEXT, 0, 0));
    }
    CHECK(tap_action(a, A_SEND, 0, 0));
    CHECK_STR(screens[a->screen].name, "thanks");
    char code[RECEIPT_CODE_MAX + 1];
    snprintf(code, sizeof code, "%s", a->receipt_shown);
    CHECK(receipt_valid(code) && receipt_kind(code) == RECEIPT_KIND_PICTURES);
    char sealed_code[64] = "";
    {
        char path[128];
        snprintf(path, sizeof path, "%s/kiosk.db", dir);
        sqlite3 *db = NULL;
        sqlite3_stmt *st = NULL;
        Arena *arena = arena_new();
        if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
            sqlite3_prepare_v2(db, "SELECT sealed FROM response WHERE form_id != '' ORDER BY seq"
                                   " DESC LIMIT 1",
                               -1, &st, NULL) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW) {
            Response r;
            char err[ERR_LEN];
            if (seal_open_response(sqlite3_column_blob(st, 0),
                                   (size_t)sqlite3_column_bytes(st, 0), app.council_pk,
                                   council_sk, arena, &r, err) == 0 && r.receipt)
                snprintf(sealed_code, sizeof sealed_code, "%s", r.receipt);
        }
        sqlite3_finalize(st);
        sqlite3_close(db);
        arena_free(arena);
    }
    CHECK_STR(sealed_code, code);
    View v;
    app_build_view(a, &v);
    char shown[64];
    receipt_display(code, shown, sizeof shown);
    int found = 0;
    for (int i = 0; i < v.nwidgets; i++)
        found |= v.widgets[i].text && strcmp(v.widgets[i].text, shown) == 0;
    CHECK(found);
    check_all_sizes(a);
    CHECK(tap_action(a, A_FINISH, 0, 0));
    CHECK(a->receipt_shown[0] == '\0'); /* gone with the person */

    /* Taken back by its pictures: each one its group, then itself. */
    CHECK(tap_action(a, A_TAKE_BACK, 0, 0));
    CHECK_STR(screens[a->screen].name, "take-back");
    check_all_sizes(a);
    int pics[RECEIPT_PICTURES];
    CHECK_INT(receipt_pictures(code, pics), 0);
    CHECK(tap_action(a, A_TAKE_KIND, RECEIPT_KIND_PICTURES, 0));
    for (int i = 0; i < RECEIPT_PICTURES; i++) {
        CHECK(tap_action(a, A_TAKE_GROUP, pics[i] / RECEIPT_GROUPS, 0));
        check_all_sizes(a);
        CHECK(tap_action(a, A_TAKE_PICK, pics[i], 0));
    }
    long before = store_count(a->store, WITHDRAW_FORM, 0);
    CHECK(tap_action(a, A_TAKE_SEND, 0, 0));
    CHECK_INT((int)a->take_said, (int)UI_TAKE_BACK_SENT);
    check_all_sizes(a);
    CHECK_INT(store_count(a->store, WITHDRAW_FORM, 0), before + 1);
    char asked[RECEIPT_CODE_MAX + 1] = "";
    CHECK_INT(newest_request(asked), 0);
    CHECK_STR(asked, code);
    CHECK(tap_action(a, A_FINISH, 0, 0));
    CHECK_STR(screens[a->screen].name, "welcome");

    /* Letters: a mistyped one is caught here, kindly, and nothing is stored. */
    char letters[RECEIPT_CODE_MAX + 1];
    receipt_new(RECEIPT_KIND_LETTERS, letters);
    CHECK(tap_action(a, A_TAKE_BACK, 0, 0));
    CHECK(tap_action(a, A_TAKE_KIND, RECEIPT_KIND_LETTERS, 0));
    check_all_sizes(a);
    for (int i = 1; i <= RECEIPT_LETTERS; i++) {
        int k = (int)(strchr(RECEIPT_ALPHABET, letters[i]) - RECEIPT_ALPHABET);
        CHECK(tap_action(a, A_TAKE_PICK, i == 3 ? (k + 1) % 32 : k, 0));
    }
    before = store_count(a->store, WITHDRAW_FORM, 0);
    CHECK(tap_action(a, A_TAKE_SEND, 0, 0));
    CHECK_INT((int)a->take_said, (int)UI_TAKE_BACK_WRONG);
    CHECK_INT(store_count(a->store, WITHDRAW_FORM, 0), before);
    CHECK(tap_action(a, A_FINISH, 0, 0));
    /* Typed on a keyboard, lower case, with dashes: stored. Then until the day's codes are
     * used: 10 in all today (the pictures above were one), then kindly no more. */
    for (int round = 0; round < RECEIPT_KIOSK_DAY; round++) {
        CHECK(tap_action(a, A_TAKE_BACK, 0, 0));
        CHECK(tap_action(a, A_TAKE_KIND, RECEIPT_KIND_LETTERS, 0));
        char shown_l[64];
        receipt_display(letters, shown_l, sizeof shown_l);
        Input t = {IN_TEXT, 0, 0, "", 0, 0, 0};
        for (char *p = shown_l; *p; p++)
            *p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
        snprintf(t.text, sizeof t.text, "%s", shown_l);
        app_input(a, &t);
        Input enter = {IN_KEY, 0, 0, "", KEY_ENTER, 0, 0};
        app_input(a, &enter);
        CHECK_INT((int)a->take_said,
                  (int)(round < RECEIPT_KIOSK_DAY - 1 ? UI_TAKE_BACK_SENT : UI_TAKE_BACK_LIMIT));
        CHECK(tap_action(a, A_FINISH, 0, 0));
    }
    CHECK_INT(store_count(a->store, WITHDRAW_FORM, 0), RECEIPT_KIOSK_DAY);
    /* The next day, codes are taken again. */
    a->wall += 86400;
    CHECK(tap_action(a, A_TAKE_BACK, 0, 0));
    CHECK(tap_action(a, A_TAKE_KIND, RECEIPT_KIND_PICTURES, 0));
    for (int i = 0; i < RECEIPT_PICTURES; i++) {
        CHECK(tap_action(a, A_TAKE_GROUP, 1, 0));
        CHECK(tap_action(a, A_TAKE_PICK, 17, 0));
    }
    CHECK(tap_action(a, A_TAKE_SEND, 0, 0));
    CHECK_INT((int)a->take_said, (int)UI_TAKE_BACK_SENT);
    CHECK(tap_action(a, A_FINISH, 0, 0));
}

/* On a group page of a note and one text question, typing goes to the field before it is
 * tapped (it opens, as a tap would), and Enter closes it again. */
static void test_type_on_group(void)
{
    App *a = &app;
    fresh_person();
    CHECK(tap_action(a, A_START, 0, 1));
    int si = survey_index("note_text");
    CHECK(si >= 0);
    CHECK(tap_action(a, A_CHOOSE_SURVEY, si, 0));
    CHECK_STR(screens[a->screen].name, "question");
    CHECK_INT(a->focus, -1);
    View v;
    app_build_view(a, &v);
    CHECK(find_text(&v, "Tell us in your own words.") != NULL); /* both on the page */
    Input t = {IN_TEXT, 0, 0, "hi", 0, 0, 0};
    app_input(a, &t);
    const Survey *s = a->surveys[si];
    int said = -1;
    for (int i = 0; i < s->nquestions; i++)
        if (strcmp(s->questions[i].name, "said") == 0)
            said = i;
    CHECK(said >= 0);
    if (said < 0)
        return;
    CHECK_INT(a->focus, said);
    CHECK_STR(a->draft->answers[said].text, "hi");
    app_build_view(a, &v);
    const Widget *field = NULL;
    for (int i = 0; i < v.nwidgets; i++)
        if (v.widgets[i].kind == W_FIELD)
            field = &v.widgets[i];
    CHECK(field && field->text && strcmp(field->text, "hi") == 0);
    press_key(a, KEY_ENTER, '\r', 0);
    CHECK_INT(a->focus, -1);
    CHECK_STR(a->draft->answers[said].text, "hi");
    fresh_person();
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    setup();
    RUN(test_set_pin);
    RUN(test_every_page);
    RUN(test_other_screens);
    RUN(test_sealed_flags);
    RUN(test_help_records);
    RUN(test_welcome_languages);
    RUN(test_words_complete);
    RUN(test_rtl_mirroring);
    RUN(test_age_bands);
    RUN(test_worker_band);
    RUN(test_settings);
    RUN(test_read_aloud);
    RUN(test_focus_walk);
    RUN(test_take_back);
    RUN(test_type_on_group);
    app_stop(&app);
    for (int i = 0; i < app.nsurveys; i++)
        survey_free(app.surveys[i]);
    store_close(app.store);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        return 1;
    if (views_checked < 100) {
        fprintf(stderr, "only %d views checked\n", views_checked);
        return 1;
    }
    return TEST_SUMMARY("screens");
}
