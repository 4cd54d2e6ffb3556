/* send.c: our figure for "Send: tap to committed" (make bench).
 *
 *   send --data DIR --survey FILE [--sends N] [--warmup N]
 *
 * A kiosk App (bench_app.h) on the data folder DIR, which the real kiosk binary provisioned,
 * answers the survey from the welcome screen to the review screen (not timed), then Send is
 * tapped: the clock runs from the press to the return of the release, which is when the app has
 * sealed the response and SQLite's commit (synchronous=FULL) has returned, i.e. the response
 * is on disk and the thank-you screen may show. Finish returns to welcome for the next one.
 * After W warm-up sends (default 3), N are timed (default 30).
 *
 * Prints: sends=N median_us=M min_us=M sealed_bytes=B (the sealed size of the last response,
 * which floor_send.c seals and commits in its turn). */
#include <stdlib.h>

#include "bench_app.h"

static double now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

/* One response: answered to review (not timed), then Send timed. Returns microseconds, or -1. */
static double one_send(App *a)
{
    if (bench_answer_to_review(a) != 0) {
        fprintf(stderr, "send: could not answer the survey to the review screen (screen %s)\n",
                screens[a->screen].name);
        return -1;
    }
    app_build_view(a, &a->view);
    const Widget *w = NULL;
    for (int i = 0; i < a->view.nwidgets && !w; i++)
        if (a->view.widgets[i].action == A_SEND)
            w = &a->view.widgets[i];
    if (!w) {
        fprintf(stderr, "send: no Send button on the review screen\n");
        return -1;
    }
    Input press = {IN_PRESS, w->r.x + w->r.w / 2, w->r.y + w->r.h / 2, "", 0, 0, 0};
    Input release = press;
    release.kind = IN_RELEASE;
    double t0 = now_us();
    app_input(a, &press);
    app_input(a, &release);
    double t = now_us() - t0;
    if (a->screen != SCR_THANKS) {
        fprintf(stderr, "send: Send led to screen %s, not thanks: %s\n", screens[a->screen].name,
                a->error);
        return -1;
    }
    if (!bench_tap(a, A_FINISH, -1) || a->screen != SCR_WELCOME) {
        fprintf(stderr, "send: Finish did not return to welcome\n");
        return -1;
    }
    return t;
}

int main(int argc, char **argv)
{
    const char *data = NULL, *survey = NULL;
    int sends = 30, warmup = 3;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--data") == 0)
            data = argv[i + 1];
        else if (strcmp(argv[i], "--survey") == 0)
            survey = argv[i + 1];
        else if (strcmp(argv[i], "--sends") == 0)
            sends = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--warmup") == 0)
            warmup = atoi(argv[i + 1]);
    }
    if (!data || !survey || sends < 1 || warmup < 0) {
        fprintf(stderr, "usage: send --data DIR --survey FILE [--sends N] [--warmup N]\n");
        return 2;
    }
    if (sodium_init() < 0)
        return 1;
    static App app;
    App *a = &app;
    if (bench_app_open(a, data, survey) != 0)
        return 1;
    double *us = calloc((size_t)sends, sizeof *us);
    if (!us)
        return 1;
    for (int i = 0; i < warmup; i++)
        if (one_send(a) < 0)
            return 1;
    for (int i = 0; i < sends; i++)
        if ((us[i] = one_send(a)) < 0)
            return 1;
    StoredResponse *list = NULL;
    size_t n = 0;
    if (store_list_responses(a->store, 0, &list, &n) != 0 || n == 0) {
        fprintf(stderr, "send: %s\n", store_errmsg(a->store));
        return 1;
    }
    qsort(us, (size_t)sends, sizeof *us, cmp_double);
    printf("sends=%d median_us=%.1f min_us=%.1f sealed_bytes=%zu\n", sends, us[sends / 2], us[0],
           list[n - 1].len);
    store_responses_free(list, n);
    free(us);
    bench_app_close(a);
    return 0;
}
