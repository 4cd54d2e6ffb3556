/* test_screens.c: every screen laid out at 800x480, 1280x800 and 1920x1080, without a window.
 *
 * Walks the screens table through real taps (app_input at a widget's centre, so hit-testing is
 * exercised) with a real store and the shipped surveys, and checks on every view: each tappable
 * widget is at least 72 px both ways at 1280x800 (44 px at 800x480), lies inside the window, and
 * overlaps no other tappable widget; no view overflows its widget or text store. */
#include <sodium.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "app.h"
#include "seal.h"
#include "test.h"

static const struct {
    int w, h, min;
} sizes[] = {{800, 480, 44}, {1280, 800, 72}, {1920, 1080, 72}};

static char dir[64];
static int views_checked;

static void check_view(const App *a, int min)
{
    View v;
    app_build_view(a, &v);
    views_checked++;
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

/* Taps the first widget with this action (and arg, unless any_arg) through app_input. */
static int tap_action(App *a, int action, int arg, int any_arg)
{
    View v;
    app_build_view(a, &v);
    for (int i = 0; i < v.nwidgets; i++) {
        const Widget *w = &v.widgets[i];
        if (w->action != action || (!any_arg && w->arg != arg) || (w->flags & W_DISABLED))
            continue;
        Input press = {IN_PRESS, w->r.x + w->r.w / 2, w->r.y + w->r.h / 2, "", 0};
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
    ",form_id,form_title,,\n"
    ",grouped,Grouped,,\n";

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
    static const char *const files[] = {"assets/surveys/how_was_today.csv",
                                        "assets/surveys/care_leavers.csv",
                                        "assets/surveys/children_in_care.csv",
                                        "assets/surveys/one_voice_session.csv"};
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
    app_resize(a, 1280, 800);
    CHECK(app_start(a, 0, (long long)time(NULL)) == 0);
}

/* First start: the PIN is set on screen, twice. */
static void test_set_pin(void)
{
    App *a = &app;
    CHECK_STR(screens[a->screen].name, "set-pin");
    check_all_sizes(a);
    for (int round = 0; round < 2; round++) {
        for (int d = 1; d <= 6; d++)
            CHECK(tap_action(a, A_PIN_DIGIT, d, 0));
        CHECK(tap_action(a, A_PIN_OK, 0, 0));
    }
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
                Input t = {IN_TEXT, 0, 0, "7", 0};
                app_input(a, &t);
                CHECK(tap_action(a, A_DONE, 0, 0));
            }
            if (tap_action(a, A_KEY, 0, 1)) /* a typing page: one key */
                check_all_sizes(a);
            if (tap_action(a, A_CHOICE, 0, 1) && a->screen == SCR_SAFETY) {
                check_all_sizes(a);
                CHECK(tap_action(a, A_CARRY_ON, 0, 0));
            }
            CHECK(tap_action(a, A_NEXT, 0, 0));
        }
        CHECK_STR(screens[a->screen].name, "review");
        check_all_sizes(a);
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

    Input press = {IN_PRESS, 10, 10, "", 0};
    app_input(a, &press);
    tick(a, LONG_PRESS_MS + 500);
    Input release = {IN_RELEASE, 10, 10, "", 0};
    app_input(a, &release);
    CHECK_STR(screens[a->screen].name, "pin");
    check_all_sizes(a);
    for (int d = 1; d <= 6; d++)
        CHECK(tap_action(a, A_PIN_DIGIT, d, 0));
    CHECK(tap_action(a, A_PIN_OK, 0, 0));
    CHECK_STR(screens[a->screen].name, "worker");
    check_all_sizes(a);
    CHECK(tap_action(a, A_W_SURVEYS, 0, 0));
    check_all_sizes(a);
    CHECK(tap_action(a, A_W_FIX, 1, 0));
    CHECK_INT(a->fixed_survey, 1);
    CHECK(tap_action(a, A_W_SESSION, 0, 0));
    CHECK_STR(screens[a->screen].name, "worker-session");
    check_all_sizes(a);

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
    app_reset_person(a);
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

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    setup();
    RUN(test_set_pin);
    RUN(test_every_page);
    RUN(test_other_screens);
    RUN(test_sealed_flags);
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
