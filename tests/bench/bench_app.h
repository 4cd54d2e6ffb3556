/* bench_app.h: a kiosk App driven without a window, for the benchmarks that measure the kiosk's
 * own code in-process (redraw.c: one full redraw; send.c: tap to committed).
 *
 * The data folder is one the real chorus-kiosk binary provisioned (run.sh does: worker PIN set,
 * council key copied in), so the App starts on the welcome screen with the same store, key and
 * survey a kiosk would have. Taps go through app_input at a widget's centre, as in
 * tests/test_screens.c, so hit-testing and the screens' handlers run as they do for a finger. */
#ifndef CHORUS_BENCH_APP_H
#define CHORUS_BENCH_APP_H

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "exchange.h"
#include "keyfile.h"

/* Opens DATA/kiosk.db, the council key in DATA, and the one survey at survey_path; lays out for
 * 1280x800 and starts. Returns 0, or -1 with a message on stderr. */
static inline int bench_app_open(App *a, const char *data, const char *survey_path)
{
    char err[ERR_LEN], path[4096];
    static SurveyProblems probs;
    memset(a, 0, sizeof *a);
    snprintf(path, sizeof path, "%s/kiosk.db", data);
    a->store = store_open(path, err);
    if (!a->store) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    snprintf(path, sizeof path, "%s/" COUNCIL_BOX_PUBLIC_FILE, data);
    if (keyfile_read(path, KEY_COUNCIL_BOX_PUBLIC, a->council_pk, NULL, err) != 0) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    Survey *s = survey_load(survey_path, &probs);
    if (!s) {
        survey_problems_print(survey_path, &probs, stderr);
        return -1;
    }
    a->surveys[a->nsurveys++] = s;
    a->data_dir = data;
    app_resize(a, 1280, 800);
    if (app_start(a, 0, (long long)time(NULL)) != 0) {
        fprintf(stderr, "app_start: %s\n", a->error);
        return -1;
    }
    if (a->screen != SCR_WELCOME) {
        fprintf(stderr, "%s: the kiosk starts on screen %s, not welcome (no PIN set?)\n", data,
                screens[a->screen].name);
        return -1;
    }
    return 0;
}

static inline void bench_app_close(App *a)
{
    app_stop(a);
    for (int i = 0; i < a->nsurveys; i++)
        survey_free(a->surveys[i]);
    store_close(a->store);
}

/* Presses and releases the first enabled widget with this action (and arg, unless arg < 0).
 * Returns 1 if there was one. */
static inline int bench_tap(App *a, int action, int arg)
{
    View *v = &a->view;
    app_build_view(a, v);
    for (int i = 0; i < v->nwidgets; i++) {
        const Widget *w = &v->widgets[i];
        if (w->action != action || (arg >= 0 && w->arg != arg) || (w->flags & W_DISABLED))
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

/* From the welcome screen through the whole survey to the review screen: on every page, the
 * first answer that raises no safety concern for each question, then Next (a text question is
 * left unanswered, as a young person may). Returns 0 on the review screen, else -1. */
static inline int bench_answer_to_review(App *a)
{
    if (!bench_tap(a, A_START, -1) || a->screen != SCR_QUESTION)
        return -1;
    for (int pages = 0; a->screen == SCR_QUESTION && pages < SURVEY_QUESTIONS_MAX; pages++) {
        const Survey *s = app_survey(a);
        View *v = &a->view;
        app_build_view(a, v);
        int done[SURVEY_QUESTIONS_MAX] = {0};
        for (int i = 0; i < v->nwidgets; i++) {
            const Widget *w = &v->widgets[i];
            int q = w->arg / 256, c = w->arg % 256;
            if (w->action != A_CHOICE || q < 0 || q >= s->nquestions || done[q])
                continue;
            const ChoiceList *l = s->questions[q].list;
            if (!l || c >= l->nchoices || l->choices[c].safeguarding)
                continue;
            done[q] = 1;
            bench_tap(a, A_CHOICE, w->arg);
            app_build_view(a, v); /* the tap changed the view: read it again */
            i = -1;
        }
        if (!bench_tap(a, A_NEXT, -1))
            return -1;
    }
    return a->screen == SCR_REVIEW ? 0 : -1;
}

#endif
