/* redraw.c: our figure for "one full redraw of a question screen" (make bench, run under
 * callgrind by run.sh).
 *
 *   redraw --data DIR --survey FILE --fonts DIR [--times N] [--layout OUT] [--png OUT]
 *
 * Drives a kiosk App (bench_app.h) from the welcome screen to the first question of the survey,
 * at 1280x800, drawing with the kiosk's own render.c and text.c into SDL's software renderer, as
 * the kiosk does without a GPU. Two redraws warm the text cache (a kiosk has drawn a screen
 * before it redraws it); then bench_kiosk_redraw() runs N times (default 10), and callgrind
 * collects only inside it (--toggle-collect=bench_kiosk_redraw), so run.sh divides by N.
 * Its figure counts the instructions of this process only: the kiosk's code and the libraries
 * it calls (SDL, SDL_ttf, FreeType, HarfBuzz, fribidi, libc).
 *
 * --layout OUT writes what the screen shows for the floor (floor_draw.c): one line per string
 * drawn (its text, the rectangle it is drawn in, its pixel size, bold, colour) and one per
 * tappable face (its rectangle and colour), tab-separated, computed the way render.c's
 * draw_widget() places them. --png OUT saves the frame, to compare with the floor's by eye. */
#include <SDL.h>
#include <SDL_ttf.h>
#include <stdlib.h>

#include "bench_app.h"
#include "render.h"

/* One full redraw, as the window's loop does it (main.c run_window): the current screen builds
 * its view, render_view() draws it, and the renderer runs the drawing it queued (SDL batches draw
 * calls until a present or a flush; the window's present would do the same). */
static inline void redraw(App *a, Render *rd, SDL_Renderer *r)
{
    app_build_view(a, &a->view);
    render_view(rd, &a->view);
    SDL_RenderFlush(r);
}

/* The measured redraw, the only function callgrind collects in. The warm-up redraws call
 * redraw() directly, so they are not counted. */
void bench_kiosk_redraw(App *a, Render *rd, SDL_Renderer *r);
void bench_kiosk_redraw(App *a, Render *rd, SDL_Renderer *r)
{
    redraw(a, rd, r);
}

/* Called through a volatile pointer, so the compiler can neither inline nor clone it, and
 * callgrind finds it under its own name. */
static void (*volatile redraw_fn)(App *, Render *, SDL_Renderer *) = bench_kiosk_redraw;

/* The pixel size render.c gives a TextSize (its base_px times the layout unit). */
static int px_of(const View *v, TextSize size)
{
    static const int base_px[TS_COUNT] = {26, 32, 42, 64};
    return (int)((float)base_px[size] * v->unit + 0.5f);
}

static void put_text(FILE *f, const View *v, const char *text, Rect r, TextSize size, int bold,
                     SDL_Color c)
{
    if (!text || !*text)
        return;
    fprintf(f, "text\t%d\t%d\t%d\t%d\t%d\t%d\t%02X%02X%02X\t%s\n", r.x, r.y, r.w, r.h,
            px_of(v, size), bold, c.r, c.g, c.b, text);
}

static void write_layout(FILE *f, const View *v)
{
    const SDL_Color *T = render_themes[RENDER_THEME_DEFAULT];
    int pad = (int)(16 * v->unit) + 2;
    for (int i = 0; i < v->nwidgets; i++) {
        const Widget *w = &v->widgets[i];
        int primary = (w->flags & (W_PRIMARY | W_SELECTED)) != 0;
        SDL_Color fg = primary ? T[TC_ON_PRIMARY] : T[TC_TEXT];
        SDL_Color bg = primary ? T[TC_PRIMARY] : (w->flags & W_QUIET) ? T[TC_QUIET] : T[TC_BUTTON];
        Rect inner = {w->r.x + pad, w->r.y + pad / 2, w->r.w - 2 * pad, w->r.h - pad};
        if (w->action && w->kind != W_IMAGE)
            fprintf(f, "box\t%d\t%d\t%d\t%d\t%02X%02X%02X\n", w->r.x, w->r.y, w->r.w, w->r.h, bg.r,
                    bg.g, bg.b);
        switch (w->kind) {
        case W_TEXT:
            put_text(f, v, w->text, w->r, w->size, (w->flags & W_BOLD) != 0, T[TC_TEXT]);
            break;
        case W_BUTTON:
        case W_CHOICE:
        case W_KEY:
            put_text(f, v, w->text, inner, w->size, 1, fg);
            break;
        case W_FIELD:
            put_text(f, v, w->text, inner, w->size, 0, T[TC_TEXT]);
            break;
        case W_FACE:
        case W_SYMBOL: {
            int label_h = w->r.h / 3;
            put_text(f, v, w->text,
                     (Rect){inner.x, w->r.y + w->r.h - label_h, inner.w, label_h - pad / 2},
                     TS_SMALL, 1, fg);
            if (w->kind == W_SYMBOL && w->level == 1) /* "not sure" is a drawn question mark */
                put_text(f, v, "?", (Rect){w->r.x, w->r.y, w->r.w, w->r.h - label_h}, TS_TITLE, 1,
                         fg);
            break;
        }
        default:
            break;
        }
    }
}

int main(int argc, char **argv)
{
    const char *data = NULL, *survey = NULL, *fonts = NULL, *layout = NULL, *png = NULL;
    int times = 10;
    for (int i = 1; i < argc; i++) {
        if (i + 1 >= argc)
            break;
        else if (strcmp(argv[i], "--data") == 0)
            data = argv[++i];
        else if (strcmp(argv[i], "--survey") == 0)
            survey = argv[++i];
        else if (strcmp(argv[i], "--fonts") == 0)
            fonts = argv[++i];
        else if (strcmp(argv[i], "--layout") == 0)
            layout = argv[++i];
        else if (strcmp(argv[i], "--png") == 0)
            png = argv[++i];
        else if (strcmp(argv[i], "--times") == 0)
            times = atoi(argv[++i]);
    }
    if (!data || !survey || !fonts || times < 1) {
        fprintf(stderr, "usage: redraw --data DIR --survey FILE --fonts DIR [--times N] "
                        "[--layout OUT] [--png OUT]\n");
        return 2;
    }
    if (sodium_init() < 0)
        return 1;
    setenv("SDL_VIDEODRIVER", "dummy", 0);
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0) {
        fprintf(stderr, "redraw: SDL: %s\n", SDL_GetError());
        return 1;
    }
    /* Drawn exactly where the kiosk draws without a GPU: a hidden window of SDL's dummy video
     * driver and its software renderer (main.c), so batching and pixel format are the kiosk's. */
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    SDL_Window *win = SDL_CreateWindow("bench", 0, 0, 1280, 800, SDL_WINDOW_HIDDEN);
    SDL_Renderer *r = win ? SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE) : NULL;
    char err[ERR_LEN];
    Render *rd = r ? render_new(r, fonts, err) : NULL;
    if (!rd) {
        fprintf(stderr, "redraw: %s\n", r ? err : SDL_GetError());
        return 1;
    }
    static App app;
    App *a = &app;
    if (bench_app_open(a, data, survey) != 0)
        return 1;
    if (!bench_tap(a, A_START, -1) || a->screen != SCR_QUESTION) {
        fprintf(stderr, "redraw: Start did not open a question (screen %s)\n",
                screens[a->screen].name);
        return 1;
    }
    redraw(a, rd, r);
    redraw(a, rd, r);
    if (layout) {
        FILE *f = fopen(layout, "w");
        if (!f) {
            perror(layout);
            return 1;
        }
        write_layout(f, &a->view);
        fclose(f);
    }
    for (int i = 0; i < times; i++)
        redraw_fn(a, rd, r);
    if (png && render_save_png(rd, 1280, 800, png, err) != 0) {
        fprintf(stderr, "redraw: %s\n", err);
        return 1;
    }
    printf("redraws=%d widgets=%d\n", times, a->view.nwidgets);
    bench_app_close(a);
    render_free(rd);
    SDL_DestroyRenderer(r);
    SDL_DestroyWindow(win);
    TTF_Quit();
    SDL_Quit();
    return 0;
}
