/* floor_draw.c: the floor for "one full redraw of a question screen" (make bench): the least a
 * program can do to put the same strings on a 1280x800 screen with SDL.
 *
 *   floor_draw --layout FILE --fonts DIR [--boxes] [--times N] [--png OUT]
 *
 * Reads the strings the kiosk's question screen shows (redraw.c --layout writes them: text,
 * rectangle, pixel size, bold, colour), renders each once with SDL_ttf (Noto Sans, the kiosk's
 * font) into a texture, and keeps them. Then floor_redraw() runs N times (default 10): clear the
 * page, copy every cached texture to its place, and run the queued drawing. With --boxes it also
 * fills each tappable widget's rectangle with one plain rectangle (no border, no rounded
 * corners), the least a screen of buttons needs. No layout, no shaping, no bidi, no cache
 * look-ups: whatever the kiosk's redraw costs beyond this is its own overhead. Drawn as the
 * kiosk draws without a GPU: SDL's software renderer on a window of the dummy video driver,
 * opaque fills unblended as render.c draws them. */
#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ITEMS_MAX 256

typedef struct {
    SDL_Texture *tex;
    SDL_Rect dst;
} Item;

typedef struct {
    SDL_Rect r;
    SDL_Color c;
} Box;

static Item items[ITEMS_MAX];
static Box boxes[ITEMS_MAX];
static int nitems, nboxes, with_boxes;
static const SDL_Color page = {0xF6, 0xF4, 0xEF, 255};

/* One redraw from cached textures. */
static inline void redraw(SDL_Renderer *r)
{
    SDL_SetRenderDrawColor(r, page.r, page.g, page.b, 255);
    SDL_RenderClear(r);
    for (int i = 0; i < nboxes && with_boxes; i++) {
        SDL_SetRenderDrawColor(r, boxes[i].c.r, boxes[i].c.g, boxes[i].c.b, 255);
        SDL_RenderFillRect(r, &boxes[i].r);
    }
    for (int i = 0; i < nitems; i++)
        SDL_RenderCopy(r, items[i].tex, NULL, &items[i].dst);
    SDL_RenderFlush(r);
}

/* The measured redraw: not static, and called through a volatile pointer, so that callgrind
 * finds it by name (--toggle-collect=floor_redraw) and counts nothing else. */
void floor_redraw(SDL_Renderer *r);
void floor_redraw(SDL_Renderer *r)
{
    redraw(r);
}

static void (*volatile redraw_fn)(SDL_Renderer *) = floor_redraw;

static SDL_Color hex(const char *s)
{
    unsigned long v = strtoul(s, NULL, 16);
    return (SDL_Color){(Uint8)(v >> 16), (Uint8)(v >> 8), (Uint8)v, 255};
}

/* A font of the bundled Noto Sans at px, opened once. */
static TTF_Font *font(const char *dir, int px, int bold)
{
    typedef struct {
        int px, bold;
        TTF_Font *f;
    } Open;
    static Open open[32];
    static int n;
    for (int i = 0; i < n; i++)
        if (open[i].px == px && open[i].bold == bold)
            return open[i].f;
    if (n == 32)
        return NULL;
    char path[4096];
    snprintf(path, sizeof path, "%s/NotoSans-%s.ttf", dir, bold ? "Bold" : "Regular");
    TTF_Font *f = TTF_OpenFont(path, px);
    if (f)
        open[n++] = (Open){px, bold, f};
    return f;
}

static int load(const char *layout, const char *fonts, SDL_Renderer *r)
{
    FILE *f = fopen(layout, "r");
    if (!f) {
        perror(layout);
        return -1;
    }
    char line[8192];
    while (fgets(line, sizeof line, f) && nitems < ITEMS_MAX && nboxes < ITEMS_MAX) {
        line[strcspn(line, "\n")] = '\0';
        char *field[10];
        int n = 0;
        for (char *p = line; p && n < 10; n++) {
            field[n] = p;
            p = strchr(p, '\t');
            if (p)
                *p++ = '\0';
        }
        if (n == 6 && strcmp(field[0], "box") == 0) {
            boxes[nboxes++] = (Box){
                {atoi(field[1]), atoi(field[2]), atoi(field[3]), atoi(field[4])}, hex(field[5])};
            continue;
        }
        if (n != 9 || strcmp(field[0], "text") != 0)
            continue;
        SDL_Rect in = {atoi(field[1]), atoi(field[2]), atoi(field[3]), atoi(field[4])};
        TTF_Font *ft = font(fonts, atoi(field[5]), atoi(field[6]));
        if (!ft) {
            fprintf(stderr, "floor_draw: %s\n", TTF_GetError());
            fclose(f);
            return -1;
        }
        SDL_Surface *s = TTF_RenderUTF8_Blended_Wrapped(ft, field[8], hex(field[7]),
                                                        (Uint32)(in.w > 0 ? in.w : 1));
        SDL_Texture *t = s ? SDL_CreateTextureFromSurface(r, s) : NULL;
        if (!t) {
            fprintf(stderr, "floor_draw: \"%s\": %s\n", field[8], SDL_GetError());
            fclose(f);
            return -1;
        }
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
        items[nitems++] =
            (Item){t, {in.x + (in.w - s->w) / 2, in.y + (in.h - s->h) / 2, s->w, s->h}};
        SDL_FreeSurface(s);
    }
    fclose(f);
    return 0;
}

int main(int argc, char **argv)
{
    const char *layout = NULL, *fonts = NULL, *png = NULL;
    int times = 10;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--boxes") == 0)
            with_boxes = 1;
        else if (i + 1 >= argc)
            break;
        else if (strcmp(argv[i], "--layout") == 0)
            layout = argv[++i];
        else if (strcmp(argv[i], "--fonts") == 0)
            fonts = argv[++i];
        else if (strcmp(argv[i], "--png") == 0)
            png = argv[++i];
        else if (strcmp(argv[i], "--times") == 0)
            times = atoi(argv[++i]);
    }
    if (!layout || !fonts || times < 1) {
        fprintf(stderr,
                "usage: floor_draw --layout FILE --fonts DIR [--boxes] [--times N] [--png OUT]\n");
        return 2;
    }
    setenv("SDL_VIDEODRIVER", "dummy", 0);
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0) {
        fprintf(stderr, "floor_draw: SDL: %s\n", SDL_GetError());
        return 1;
    }
    /* Where the kiosk draws without a GPU: a hidden window of SDL's dummy video driver and its
     * software renderer. */
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    SDL_Window *win = SDL_CreateWindow("floor", 0, 0, 1280, 800, SDL_WINDOW_HIDDEN);
    SDL_Renderer *r = win ? SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE) : NULL;
    if (!r) {
        fprintf(stderr, "floor_draw: %s\n", SDL_GetError());
        return 1;
    }
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
    if (load(layout, fonts, r) != 0)
        return 1;
    redraw(r); /* as the kiosk's, the measured redraws are not the first */
    for (int i = 0; i < times; i++)
        redraw_fn(r);
    if (png) {
        SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 1280, 800, 32, SDL_PIXELFORMAT_ARGB8888);
        if (!s || SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch) ||
            IMG_SavePNG(s, png) != 0) {
            fprintf(stderr, "floor_draw: %s: %s\n", png, SDL_GetError());
            return 1;
        }
        SDL_FreeSurface(s);
    }
    printf("redraws=%d strings=%d boxes=%d\n", times, nitems, with_boxes ? nboxes : 0);
    for (int i = 0; i < nitems; i++)
        SDL_DestroyTexture(items[i].tex);
    SDL_DestroyRenderer(r);
    SDL_DestroyWindow(win);
    TTF_Quit();
    SDL_Quit();
    return 0;
}
