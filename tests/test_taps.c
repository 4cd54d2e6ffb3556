/* test_taps.c: one tap, one action, and the review's round trips, without a window.
 *
 * Taps go through app_input at a widget's centre on the app's own clock. A tap that lands
 * within TAP_GUARD_MS of the view changing, or a second tap on the same button that soon, does
 * nothing: on every screen of a journey a double tap does what one tap does; a double tap on
 * Next at the last question shows the review and never sends, and the review's Send is not
 * where Next was. Then: changing an answer from the review comes back to the review; a response
 * with no answer is not sent; a required question says why Next is greyed out. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "pin.h"
#include "test.h"

static const char survey_csv[] =
    "survey,,,,,\n"
    ",type,name,label,required,appearance\n"
    ",select_one yn,a,Do you like it here?,,\n"
    ",select_one yn,b,Do you feel listened to?,yes,\n"
    ",text,c,Anything else?,,\n"
    "choices,,,,,\n"
    ",list_name,name,label,,\n"
    ",yn,yes,Yes,,\n"
    ",yn,no,No,,\n"
    "settings,,,,,\n"
    ",form_id,form_title,ages,,\n"
    ",taps,Taps,8-25,,\n";

static App app;
static char dir[64];

static const Widget *find(const View *v, int action, int arg, int any_arg)
{
    for (int i = 0; i < v->nwidgets; i++) {
        const Widget *w = &v->widgets[i];
        if (w->action == action && (any_arg || w->arg == arg) && !(w->flags & W_DISABLED))
            return w;
    }
    return NULL;
}

static void at(App *a, int x, int y)
{
    Input press = {IN_PRESS, x, y, "", 0, 0, 0};
    Input release = press;
    release.kind = IN_RELEASE;
    app_input(a, &press);
    app_tick(a, a->now_ms + 40, a->wall); /* a finger's press lasts a little */
    app_input(a, &release);
}

/* Taps the first enabled widget with action (and arg unless any_arg); wait: first let the
 * clock run out the guard, as a person who looks before tapping. Returns 0 if none. */
static int tap(App *a, int action, int arg, int any_arg, int wait)
{
    if (wait)
        app_tick(a, a->now_ms + TAP_GUARD_MS, a->wall);
    View v;
    app_build_view(a, &v);
    const Widget *w = find(&v, action, arg, any_arg);
    if (!w)
        return 0;
    at(a, w->r.x + w->r.w / 2, w->r.y + w->r.h / 2);
    return 1;
}

/* Taps the widget and at once again on the same spot: returns 0 if there was none. */
static int double_tap(App *a, int action, int arg, int any_arg)
{
    app_tick(a, a->now_ms + TAP_GUARD_MS, a->wall);
    View v;
    app_build_view(a, &v);
    const Widget *w = find(&v, action, arg, any_arg);
    if (!w)
        return 0;
    int x = w->r.x + w->r.w / 2, y = w->r.y + w->r.h / 2;
    at(a, x, y);
    app_tick(a, a->now_ms + 80, a->wall);
    at(a, x, y);
    return 1;
}

static long stored(void)
{
    return store_count(app.store, NULL, STORE_ALL);
}

static void start(App *a)
{
    app_forget_person(a);
    CHECK(tap(a, A_START, 0, 0, 1));
    CHECK_STR(screens[a->screen].name, "question");
    CHECK_INT(a->page, 0);
}

/* A double tap on each screen of the journey does what one tap does. */
static void test_double_taps(void)
{
    App *a = &app;
    app_forget_person(a);
    CHECK(double_tap(a, A_START, 0, 0));
    CHECK_STR(screens[a->screen].name, "question");
    CHECK_INT(a->page, 0);
    /* a choice: chosen once (a double tap does not toggle it off again, nor skip the page) */
    CHECK(double_tap(a, A_CHOICE, 0 * 256 + 0, 0));
    CHECK_INT(a->draft->answers[0].state, DS_ANSWERED);
    CHECK(double_tap(a, A_NEXT, 0, 0));
    CHECK_STR(screens[a->screen].name, "question");
    CHECK_INT(a->page, 1);
    /* "I'd rather not say" twice is still declined */
    CHECK(double_tap(a, A_DECLINE, 1, 0));
    CHECK_INT(a->draft->answers[1].state, DS_DECLINED);
    CHECK(double_tap(a, A_NEXT, 0, 0));
    CHECK_INT(a->page, 2);
    /* Back twice goes back one */
    CHECK(double_tap(a, A_BACK, 0, 0));
    CHECK_INT(a->page, 1);
    CHECK(tap(a, A_NEXT, 0, 0, 1));
    CHECK_INT(a->page, 2);
    /* typing: keys are exempt from the same-button rule ("ll" is typing) */
    CHECK(tap(a, A_KEY, 0, 1, 1));
    CHECK(tap(a, A_KEY, 0, 1, 0));
    CHECK_INT((int)strlen(a->draft->answers[2].text), 2);
    /* the last question: a double tap on Next shows the review, and never sends */
    long before = stored();
    CHECK(double_tap(a, A_NEXT, 0, 0));
    CHECK_STR(screens[a->screen].name, "review");
    CHECK_INT(stored(), before);
    /* ... and where Next was, the review has no Send */
    View q, r;
    app_build_view(a, &r);
    CHECK(find(&r, A_SEND, 0, 0) != NULL);
    a->screen = SCR_QUESTION;
    app_build_view(a, &q);
    a->screen = SCR_REVIEW;
    const Widget *next = find(&q, A_NEXT, 0, 0), *send = find(&r, A_SEND, 0, 0);
    CHECK(next && send);
    if (next && send) {
        int overlap = next->r.x < send->r.x + send->r.w && send->r.x < next->r.x + next->r.w &&
                      next->r.y < send->r.y + send->r.h && send->r.y < next->r.y + next->r.h;
        CHECK(!overlap);
    }
    /* a double tap on Send sends once, and Finish on the thank-you screen is not tapped */
    CHECK(double_tap(a, A_SEND, 0, 0));
    CHECK_STR(screens[a->screen].name, "thanks");
    CHECK_INT(stored(), before + 1);
    CHECK(double_tap(a, A_FINISH, 0, 0));
    CHECK_STR(screens[a->screen].name, "welcome");
}

/* A tap that lands right after the view changed does nothing, even a first one; once the
 * guard has run out it works. */
static void test_tap_right_after_change(void)
{
    App *a = &app;
    start(a);
    CHECK(tap(a, A_CHOICE, 0, 0, 0)); /* lands 0 ms after the question appeared */
    CHECK_INT(a->draft->answers[0].state, DS_UNANSWERED);
    CHECK(tap(a, A_CHOICE, 0, 0, 1));
    CHECK_INT(a->draft->answers[0].state, DS_ANSWERED);
    /* two different buttons in quick succession are two taps */
    app_tick(a, a->now_ms + TAP_GUARD_MS, a->wall);
    CHECK(tap(a, A_CHOICE, 1, 0, 0));
    CHECK(a->draft->answers[0].chosen == 2);
}

/* Changing one answer from the review comes back to the review, not the next question. */
static void test_review_change(void)
{
    App *a = &app;
    start(a);
    CHECK(tap(a, A_CHOICE, 0, 0, 1));
    CHECK(tap(a, A_NEXT, 0, 0, 1));
    CHECK(tap(a, A_CHOICE, 256 + 1, 0, 1));
    CHECK(tap(a, A_NEXT, 0, 0, 1));
    for (const char *p = "a long answer that goes on"; *p; p++) {
        Input in = {IN_TEXT, 0, 0, "", 0, 0, 0};
        in.text[0] = *p;
        app_input(a, &in);
    }
    CHECK(tap(a, A_NEXT, 0, 0, 1));
    CHECK_STR(screens[a->screen].name, "review");
    /* the first question's row: its page, with Done, then straight back */
    CHECK(tap(a, A_REVIEW_ROW, 0, 0, 1));
    CHECK_STR(screens[a->screen].name, "question");
    CHECK_INT(a->page, 0);
    View v;
    app_build_view(a, &v);
    const Widget *fwd = find(&v, A_NEXT, 0, 0);
    CHECK(fwd && strcmp(fwd->text, ui_text(a, UI_DONE)) == 0);
    CHECK(tap(a, A_CHOICE, 1, 0, 1));
    CHECK(tap(a, A_NEXT, 0, 0, 1));
    CHECK_STR(screens[a->screen].name, "review");
    CHECK(a->draft->answers[0].chosen == 2);
    /* Back from a question opened from the review goes back there too */
    CHECK(tap(a, A_REVIEW_ROW, 1, 0, 1));
    CHECK_INT(a->page, 1);
    CHECK(tap(a, A_BACK, 0, 0, 1));
    CHECK_STR(screens[a->screen].name, "review");
    /* a typed answer in full, on demand */
    CHECK(tap(a, A_REVIEW_OPEN, 2, 0, 1));
    app_build_view(a, &v);
    int full = 0;
    for (int i = 0; i < v.nwidgets; i++)
        full |= v.widgets[i].text && strcmp(v.widgets[i].text, "a long answer that goes on") == 0;
    CHECK(full);
    CHECK(find(&v, A_SEND, 0, 0) == NULL);
    CHECK(tap(a, A_REVIEW_CLOSE, 0, 0, 1));
    app_build_view(a, &v);
    CHECK(find(&v, A_SEND, 0, 0) != NULL);
    app_forget_person(a);
}

/* Nothing answered (skipped or "rather not say"): nothing to send, said kindly; Finish leaves
 * without storing anything. A required question says why Next is greyed out. */
static void test_empty_and_required(void)
{
    App *a = &app;
    start(a);
    CHECK(tap(a, A_NEXT, 0, 0, 1));
    CHECK_INT(a->page, 1);
    View v;
    app_build_view(a, &v);
    const Widget *next = NULL;
    for (int i = 0; i < v.nwidgets; i++)
        if (v.widgets[i].action == A_NEXT)
            next = &v.widgets[i];
    CHECK(next && (next->flags & W_DISABLED));
    int why = 0;
    for (int i = 0; i < v.nwidgets; i++)
        why |= v.widgets[i].text && strcmp(v.widgets[i].text, ui_text(a, UI_REQUIRED)) == 0;
    CHECK(why);
    CHECK(tap(a, A_DECLINE, 1, 0, 1));
    app_build_view(a, &v);
    why = 0;
    for (int i = 0; i < v.nwidgets; i++)
        why |= v.widgets[i].text && strcmp(v.widgets[i].text, ui_text(a, UI_REQUIRED)) == 0;
    CHECK(!why);
    CHECK(tap(a, A_NEXT, 0, 0, 1));
    CHECK(tap(a, A_NEXT, 0, 0, 1));
    CHECK_STR(screens[a->screen].name, "review");
    app_build_view(a, &v);
    CHECK(find(&v, A_SEND, 0, 0) == NULL);
    long before = stored();
    CHECK(tap(a, A_FINISH, 0, 0, 1));
    CHECK_STR(screens[a->screen].name, "welcome");
    CHECK_INT(stored(), before);
    CHECK(a->survey == -1);
}

/* The clock is the screens': app_tick names no screen, yet the idle question, its countdown
 * and the thank-you timeout come from their rows. */
static void test_ticks_from_table(void)
{
    App *a = &app;
    start(a);
    CHECK(screens[SCR_QUESTION].on_tick && screens[SCR_QUESTION].deadline);
    CHECK(app_next_deadline(a) > 0 && app_next_deadline(a) <= IDLE_AFTER_MS);
    app_tick(a, a->now_ms + IDLE_AFTER_MS, a->wall + IDLE_AFTER_MS / 1000);
    CHECK_STR(screens[a->screen].name, "idle");
    CHECK(app_next_deadline(a) > 0 && app_next_deadline(a) <= 1000);
    app_tick(a, a->now_ms + IDLE_COUNTDOWN_MS, a->wall + IDLE_COUNTDOWN_MS / 1000);
    CHECK_STR(screens[a->screen].name, "welcome");
    CHECK(a->survey == -1);
    CHECK_INT(app_next_deadline(a), -1);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    App *a = &app;
    char err[ERR_LEN], path[128];
    snprintf(dir, sizeof dir, "/tmp/chorus-taps-XXXXXX");
    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/kiosk.db", dir);
    a->store = store_open(path, err);
    CHECK(a->store != NULL);
    if (!a->store)
        return 1;
    uint8_t sk[crypto_box_SECRETKEYBYTES];
    crypto_box_keypair(a->council_pk, sk);
    CHECK(pin_set(a->store, "482915", err) == 0);
    static SurveyProblems probs;
    Survey *s = survey_parse("taps.csv", survey_csv, sizeof survey_csv - 1, &probs);
    CHECK(s != NULL);
    if (!s)
        return 1;
    a->surveys[a->nsurveys++] = s;
    app_resize(a, 800, 480);
    CHECK(app_start(a, 1000, (long long)time(NULL)) == 0);
    RUN(test_double_taps);
    RUN(test_tap_right_after_change);
    RUN(test_review_change);
    RUN(test_empty_and_required);
    RUN(test_ticks_from_table);
    app_stop(a);
    survey_free(s);
    store_close(a->store);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        return 1;
    return TEST_SUMMARY("taps");
}
