/* keystroke.c: our figure for "keystroke to frame" with a long answer in the field against an
 * empty one (make bench, run under callgrind by run.sh).
 *
 *   keystroke --data DIR --survey FILE --fonts DIR --chars N [--times K] [--png OUT]
 *
 * Drives a kiosk App (bench_app.h) from the welcome screen to the survey's first question, which
 * must be a text question, types N letters into it (not measured), draws twice, then measures K
 * keystrokes: each one letter in through app_input, as SDL's text input would deliver it, and the
 * frame that shows it, drawn with the kiosk's own render.c and text.c into SDL's software
 * renderer. callgrind collects only inside bench_keystroke(), so run.sh divides by K. Run once
 * with N = 0 and once with N = 990 (an answer holds at most 1,000 characters): the ratio says
 * whether a key costs more when the answer is long. A typed text is never in the text cache, so
 * every measured keystroke lays its field out anew, as on the kiosk. */
#include <SDL.h>
#include <SDL_ttf.h>
#include <stdlib.h>

#include "bench_app.h"
#include "render.h"

/* One keystroke and its frame, the only function callgrind collects in. */
void bench_keystroke(App *a, Render *rd, SDL_Renderer *r);
void bench_keystroke(App *a, Render *rd, SDL_Renderer *r)
{
    Input in = {IN_TEXT, 0, 0, "e", 0, 0, 0};
    app_input(a, &in);
    app_build_view(a, &a->view);
    render_view(rd, &a->view);
    SDL_RenderFlush(r);
}

/* Called through a volatile pointer, so callgrind finds it under its own name. */
static void (*volatile keystroke_fn)(App *, Render *, SDL_Renderer *) = bench_keystroke;

int main(int argc, char **argv)
{
    const char *data = NULL, *survey = NULL, *fonts = NULL, *png = NULL;
    int times = 10, chars = -1;
    for (int i = 1; i + 1 < argc; i++) {
        if (strcmp(argv[i], "--data") == 0)
            data = argv[++i];
        else if (strcmp(argv[i], "--survey") == 0)
            survey = argv[++i];
        else if (strcmp(argv[i], "--fonts") == 0)
            fonts = argv[++i];
        else if (strcmp(argv[i], "--png") == 0)
            png = argv[++i];
        else if (strcmp(argv[i], "--times") == 0)
            times = atoi(argv[++i]);
        else if (strcmp(argv[i], "--chars") == 0)
            chars = atoi(argv[++i]);
    }
    if (!data || !survey || !fonts || times < 1 || chars < 0 || chars + times > 1000) {
        fprintf(stderr, "usage: keystroke --data DIR --survey FILE --fonts DIR --chars N "
                        "[--times K] [--png OUT]  (N + K at most 1000)\n");
        return 2;
    }
    if (sodium_init() < 0)
        return 1;
    setenv("SDL_VIDEODRIVER", "dummy", 0);
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0) {
        fprintf(stderr, "keystroke: SDL: %s\n", SDL_GetError());
        return 1;
    }
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    SDL_Window *win = SDL_CreateWindow("bench", 0, 0, 1280, 800, SDL_WINDOW_HIDDEN);
    SDL_Renderer *r = win ? SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE) : NULL;
    char err[ERR_LEN];
    Render *rd = r ? render_new(r, fonts, err) : NULL;
    if (!rd) {
        fprintf(stderr, "keystroke: %s\n", r ? err : SDL_GetError());
        return 1;
    }
    static App app;
    App *a = &app;
    if (bench_app_open(a, data, survey) != 0)
        return 1;
    if (!bench_tap(a, A_START, -1) || a->screen != SCR_QUESTION) {
        fprintf(stderr, "keystroke: Start did not open a question (screen %s)\n",
                screens[a->screen].name);
        return 1;
    }
    /* Words of a real comment, so lines wrap on spaces as they would. */
    static const char words[] = "we would like more trips out and someone to listen to us ";
    for (int i = 0; i < chars; i++) {
        Input in = {IN_TEXT, 0, 0, "", 0, 0, 0};
        in.text[0] = words[i % (int)(sizeof words - 1)];
        app_input(a, &in);
    }
    for (int i = 0; i < 2; i++) {
        app_build_view(a, &a->view);
        render_view(rd, &a->view);
        SDL_RenderFlush(r);
    }
    for (int i = 0; i < times; i++)
        keystroke_fn(a, rd, r);
    const char *typed = NULL;
    for (int i = 0; i < a->view.nwidgets; i++)
        if (a->view.widgets[i].kind == W_FIELD)
            typed = a->view.widgets[i].text;
    if (!typed || (int)strlen(typed) != chars + times) {
        fprintf(stderr, "keystroke: the field holds %d characters, not %d (is the first question "
                        "a text question?)\n",
                typed ? (int)strlen(typed) : -1, chars + times);
        return 1;
    }
    if (png && render_save_png(rd, 1280, 800, png, err) != 0) {
        fprintf(stderr, "keystroke: %s\n", err);
        return 1;
    }
    printf("keystrokes=%d chars=%d\n", times, chars + times);
    bench_app_close(a);
    render_free(rd);
    SDL_DestroyRenderer(r);
    SDL_DestroyWindow(win);
    TTF_Quit();
    SDL_Quit();
    return 0;
}
