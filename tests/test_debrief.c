/* test_debrief.c: a session's debrief (kiosk/debrief.c).
 *
 * First the small-number rule alone, against a brute force: every table of up to four cells
 * of 0 to 25 young people, and for each, every sum of cells a reader can work out from what is
 * shown (a set of cells whose hidden part is none or all of the hidden cells, and the total):
 * none is 1 to 9, and no figure shown is 1 to 9. Then through the App, with a real store and
 * real taps: a session started in worker mode, young people sending answers, the debrief shown
 * (never a figure of 1 to 9, nothing when fewer than 10 took part), its tallies gone once shown
 * and when the session ends, responses outside a session never counted, and the store's files
 * byte for byte the same before and after a debrief is shown. */
#include <sodium.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "debrief.h"
#include "pin.h"
#include "test.h"

/* 1 if the rule's result for cells (summing to total) lets a reader work out a group of 1 to
 * 9, or shows such a figure. */
static int leaks(const long *cells, int n, long total, const int *hidden)
{
    if (total < DEBRIEF_MIN) {
        for (int i = 0; i < n; i++)
            if (!hidden[i] && cells[i] != 0)
                return 1; /* a small total shows nothing (but zeros, which are no one) */
        return 0;
    }
    unsigned all_hidden = 0;
    for (int i = 0; i < n; i++) {
        if (hidden[i])
            all_hidden |= 1u << i;
        else if (cells[i] > 0 && cells[i] < DEBRIEF_MIN)
            return 1;
    }
    /* A reader knows the total and every cell shown, so exactly the sums of sets holding none
     * or all of the hidden cells. */
    for (unsigned set = 1; set < 1u << n; set++) {
        unsigned h = set & all_hidden;
        if (h != 0 && h != all_hidden)
            continue;
        long sum = 0;
        for (int i = 0; i < n; i++)
            if (set & (1u << i))
                sum += cells[i];
        if (sum > 0 && sum < DEBRIEF_MIN)
            return 1;
    }
    return 0;
}

static void test_rule_brute_force(void)
{
    long tables = 0, failures = 0, shown = 0;
    for (int n = 1; n <= 4; n++) {
        long cells[4] = {0};
        long count = 1;
        for (int i = 0; i < n; i++)
            count *= 26;
        for (long k = 0; k < count; k++) {
            long x = k, total = 0;
            for (int i = 0; i < n; i++) {
                cells[i] = x % 26;
                x /= 26;
                total += cells[i];
            }
            int hidden[4];
            int nh = debrief_suppress(cells, n, total, hidden);
            int counted = 0;
            for (int i = 0; i < n; i++)
                counted += hidden[i];
            tables++;
            if (nh != counted || leaks(cells, n, total, hidden)) {
                if (failures++ < 5)
                    fprintf(stderr, "leak: n=%d cells %ld %ld %ld %ld\n", n, cells[0], cells[1],
                            cells[2], cells[3]);
            }
            for (int i = 0; i < n; i++)
                shown += !hidden[i] && cells[i] >= DEBRIEF_MIN;
        }
    }
    CHECK_INT(failures, 0);
    CHECK(tables == 26 + 26 * 26 + 26 * 26 * 26 + 26L * 26 * 26 * 26);
    CHECK(shown > 0); /* the rule shows things, not merely hides everything */
    /* What it must show and hide, by hand. */
    long a[3] = {11, 1, 0};
    int h[4];
    CHECK_INT(debrief_suppress(a, 3, 12, h), 2); /* 1 hidden, so 11 is too; 0 is shown */
    CHECK(h[0] && h[1] && !h[2]);
    long b[3] = {20, 15, 12};
    CHECK_INT(debrief_suppress(b, 3, 47, h), 0);
    long c[4] = {30, 12, 4, 3};
    CHECK_INT(debrief_suppress(c, 4, 49, h), 3); /* 4 + 3 = 7 is a group: 12 hidden with them */
    CHECK(!h[0] && h[1] && h[2] && h[3]);
    long d[2] = {9, 0};
    CHECK_INT(debrief_suppress(d, 2, 9, h), 2); /* a total under 10: nothing */
}

/* ---- through the App ---- */

static const char survey_csv[] =
    "survey,,,\n"
    ",type,name,label\n"
    ",select_one yn,heard,Did you feel heard today?\n"
    ",select_multiple topics,topics,What should we talk about next time?\n"
    "choices,,,\n"
    ",list_name,name,label\n"
    ",yn,yes,Yes\n"
    ",yn,no,No\n"
    ",topics,school,School\n"
    ",topics,money,Money\n"
    ",topics,contact,Contact with family\n"
    "settings,,,\n"
    ",form_id,form_title,\n"
    ",debrief_test,Session feedback,\n";

static char dir[64];
static App app;

static int tap(App *a, int action, int arg, int any_arg)
{
    app_tick(a, a->now_ms + TAP_GUARD_MS + 10, a->wall + 1);
    View v;
    app_build_view(a, &v);
    for (int i = 0; i < v.nwidgets; i++) {
        const Widget *w = &v.widgets[i];
        if (w->action != action || (!any_arg && w->arg != arg) || (w->flags & W_DISABLED))
            continue;
        Input press = {.kind = IN_PRESS, .x = w->r.x + w->r.w / 2, .y = w->r.y + w->r.h / 2};
        Input release = press;
        release.kind = IN_RELEASE;
        app_input(a, &press);
        app_input(a, &release);
        return 1;
    }
    return 0;
}

/* One young person: heard is choice yes (0), no (1) or -1 (skipped); topics a bit set. */
static void person(App *a, int heard, unsigned topics)
{
    CHECK(tap(a, A_START, 0, 1));
    CHECK_INT(a->screen, SCR_QUESTION);
    if (heard >= 0)
        CHECK(tap(a, A_CHOICE, 0 * 256 + heard, 0));
    CHECK(tap(a, A_NEXT, 0, 0));
    for (int c = 0; c < 3; c++)
        if (topics & (1u << c))
            CHECK(tap(a, A_CHOICE, 1 * 256 + c, 0));
    CHECK(tap(a, A_NEXT, 0, 0));
    CHECK_INT(a->screen, SCR_REVIEW);
    if (heard < 0 && !topics) {
        CHECK(tap(a, A_FINISH, 0, 0)); /* nothing to send */
    } else {
        CHECK(tap(a, A_SEND, 0, 0));
        CHECK_INT(a->screen, SCR_THANKS);
        CHECK(tap(a, A_FINISH, 0, 0));
    }
    CHECK_INT(a->screen, SCR_WELCOME);
}

static void start_session(App *a, const char *name)
{
    app_go(a, SCR_WORKER);
    CHECK(tap(a, A_W_SESSION, 0, 0));
    Input t = {.kind = IN_TEXT};
    snprintf(t.text, sizeof t.text, "%s", name);
    app_input(a, &t);
    CHECK(tap(a, A_DONE, 0, 0));
    CHECK_STR(a->session, name);
    CHECK(tap(a, A_W_EXIT, 0, 0));
    CHECK_INT(a->screen, SCR_WELCOME);
}

/* The figure shown beside the choice with these words, or NULL. */
static const char *figure_of(const App *a, const char *question, const char *choice)
{
    int in = 0;
    for (int i = 0; debrief_line(a->debrief, i); i++) {
        const DebriefLine *l = debrief_line(a->debrief, i);
        if (l->kind == DL_QUESTION)
            in = strcmp(l->text, question) == 0;
        else if (in && l->kind == DL_CHOICE && strcmp(l->text, choice) == 0)
            return l->figure;
    }
    return NULL;
}

/* Every figure the debrief shows is "c", 0 or at least 10; returns how many lines it has. */
static int check_figures(const App *a)
{
    int n = 0;
    for (; debrief_line(a->debrief, n); n++) {
        const DebriefLine *l = debrief_line(a->debrief, n);
        if (l->kind != DL_CHOICE)
            continue;
        CHECK(l->figure[0] != '\0');
        if (strcmp(l->figure, "c") != 0) {
            long v = strtol(l->figure, NULL, 10);
            if (v > 0 && v < DEBRIEF_MIN)
                fprintf(stderr, "debrief shows %s for %s\n", l->figure, l->text);
            CHECK(v == 0 || v >= DEBRIEF_MIN);
        }
    }
    return n;
}

/* The bytes of the store's files, hashed: the debrief must write nothing. */
static void store_hash(unsigned char out[32])
{
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, 32);
    static const char *const names[] = {"kiosk.db", "kiosk.db-wal"};
    for (size_t i = 0; i < 2; i++) {
        char path[128];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        unsigned char buf[4096];
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, f)) > 0)
            crypto_generichash_update(&st, buf, n);
        fclose(f);
    }
    crypto_generichash_final(&st, out, 32);
}

static void open_debrief(App *a)
{
    app_go(a, SCR_WORKER);
    CHECK(tap(a, A_W_DEBRIEF, 0, 0));
    CHECK_STR(screens[a->screen].name, "debrief");
}

static void test_session_debrief(void)
{
    App *a = &app;
    /* Outside a session nothing is counted. */
    for (int i = 0; i < 12; i++)
        person(a, 0, 1);
    CHECK_INT(debrief_count(a->debrief), 0);

    start_session(a, "One Voice");
    /* 14 young people: 13 felt heard, 1 did not; topics: school 12, money 2, contact 14 - 0;
     * one more skips everything and sends nothing (not counted). */
    for (int i = 0; i < 14; i++)
        person(a, i == 0 ? 1 : 0, (i < 12 ? 1u : 0u) | (i < 2 ? 2u : 0u) | 4u);
    person(a, -1, 0);
    CHECK_INT(debrief_count(a->debrief), 14);

    unsigned char before[32], after[32];
    store_hash(before);
    open_debrief(a);
    CHECK_INT(debrief_count(a->debrief), 0); /* wiped the moment it is shown */
    CHECK(check_figures(a) > 0);
    /* Yes 13 beside No 1: No is hidden, and so Yes, or 14 - 13 would give it away. */
    CHECK_STR(figure_of(a, "Did you feel heard today?", "No"), "c");
    CHECK_STR(figure_of(a, "Did you feel heard today?", "Yes"), "c");
    CHECK_STR(figure_of(a, "Did you feel heard today?", "Didn't say (or wasn't asked)"), "0");
    /* School 12 of 14: the 2 who did not choose it would be worked out. */
    CHECK_STR(figure_of(a, "What should we talk about next time?", "School"), "c");
    CHECK_STR(figure_of(a, "What should we talk about next time?", "Money"), "c");
    CHECK_STR(figure_of(a, "What should we talk about next time?", "Contact with family"), "14");
    const DebriefLine *first = debrief_line(a->debrief, 0);
    CHECK(first && strstr(first->text, "14 young people") != NULL);
    /* Drawn at every size: the screen holds what it shows. */
    View v;
    app_build_view(a, &v);
    CHECK(!v.overflow);
    CHECK(tap(a, A_DEBRIEF_DONE, 0, 0));
    CHECK_INT(a->screen, SCR_WORKER);
    CHECK(debrief_line(a->debrief, 0) == NULL); /* closed: the lines are wiped */
    store_hash(after);
    CHECK(memcmp(before, after, 32) == 0);

    /* Shown again at once: nobody since, so nothing. */
    open_debrief(a);
    CHECK_INT(check_figures(a), 1);
    CHECK(strstr(debrief_line(a->debrief, 0)->text, "Fewer than 10") != NULL);
    CHECK(tap(a, A_DEBRIEF_DONE, 0, 0));

    /* 9 more: still fewer than 10, nothing shown. */
    CHECK(tap(a, A_W_EXIT, 0, 0));
    for (int i = 0; i < 9; i++)
        person(a, 0, 4);
    open_debrief(a);
    CHECK_INT(check_figures(a), 1);
    CHECK(figure_of(a, "Did you feel heard today?", "Yes") == NULL);
    CHECK(tap(a, A_DEBRIEF_DONE, 0, 0));

    /* Ending the session wipes what it counted, shown or not. */
    CHECK(tap(a, A_W_EXIT, 0, 0));
    for (int i = 0; i < 5; i++)
        person(a, 0, 4);
    CHECK_INT(debrief_count(a->debrief), 5);
    app_go(a, SCR_WORKER);
    CHECK(tap(a, A_W_SESSION_END, 0, 0));
    CHECK_INT(debrief_count(a->debrief), 0);
    CHECK(!tap(a, A_W_DEBRIEF, 0, 0)); /* no session, no debrief */

    /* A debrief left on screen goes with the idle reset. */
    start_session(a, "CiCC");
    for (int i = 0; i < 10; i++)
        person(a, 0, 4);
    open_debrief(a);
    CHECK_STR(figure_of(a, "Did you feel heard today?", "Yes"), "10");
    app_tick(a, a->now_ms + IDLE_AFTER_MS + 1000, a->wall + 100);
    CHECK_STR(screens[a->screen].name, "idle");
    app_tick(a, a->now_ms + IDLE_COUNTDOWN_MS + 1000, a->wall + 40);
    CHECK_STR(screens[a->screen].name, "welcome");
    CHECK(debrief_line(a->debrief, 0) == NULL);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    RUN(test_rule_brute_force);

    App *a = &app;
    char err[ERR_LEN], path[128];
    snprintf(dir, sizeof dir, "/tmp/chorus-debrief-XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    snprintf(path, sizeof path, "%s/kiosk.db", dir);
    a->store = store_open(path, err);
    uint8_t sk[crypto_box_SECRETKEYBYTES];
    crypto_box_keypair(a->council_pk, sk);
    static SurveyProblems probs;
    a->surveys[0] = survey_parse("debrief.csv", survey_csv, sizeof survey_csv - 1, &probs);
    if (!a->store || !a->surveys[0] || pin_set(a->store, "482915", err) != 0) {
        fprintf(stderr, "setup failed: %s\n", err);
        return 1;
    }
    a->nsurveys = 1;
    app_resize(a, 1280, 800);
    if (app_start(a, 0, (long long)time(NULL)) != 0)
        return 1;
    RUN(test_session_debrief);
    app_stop(a);
    store_close(a->store);
    survey_free(a->surveys[0]);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return TEST_SUMMARY("debrief");
}
