/* render.c: draws a View with SDL2, SDL2_ttf (through text.c) and SDL2_image. See render.h.
 *
 * Start reading at render_view(): one function per widget kind. Colours come from two theme
 * tables, chosen by the Look; render_text_pairs lists every text/background pair drawn, and
 * tests/test_sdl_text.c checks their contrast (4.5:1 default, 7:1 high contrast). */
#include "render.h"

#include <SDL_image.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chorus_limits.h"
#include "fileio.h"
#include "text.h"

#define CACHE_MAX 384 /* rendered texts kept as textures */
#define IMAGES_MAX 64 /* pictures kept as textures */
#define MEASURES_MAX 512 /* texts measured for the layouts (render_measure) */
#define FIELDS_MAX 8 /* fields kept laid out (text.h's TextField) */

typedef struct {
    char *text; /* heap copy, wiped when evicted; NULL: the slot is free */
    size_t len;
    int px, bold, wrap, start, rtl, dyslexic, max_lines;
    SDL_Color color;
    SDL_Texture *tex; /* NULL when there is nothing to draw (spaces only) */
    int w, h, end_x, end_y, line_h, end_rtl;
    unsigned long long used;
    int ink_top, ink_bottom; /* the rows [top, bottom) that have ink (not scanned in a field's
                              * text: all of it) */
} CacheEntry;

typedef struct {
    char *path;       /* NULL: the slot is free */
    SDL_Texture *tex; /* NULL: the file did not load (logged once, drawn as nothing) */
    int w, h;
    unsigned long long used;
} ImageEntry;

/* A text measured for a layout: its size, so that building a view for every tap costs no
 * layout. Keyed by the text itself (a heap copy, wiped when dropped, as a cached texture's). */
typedef struct {
    char *text; /* NULL: the slot is free */
    size_t len;
    int px, bold, wrap, rtl, dyslexic;
    int w, h;
    unsigned long long used;
} Measured;

/* A field's layout, kept between frames so that a key redoes only what it changed, and a
 * texture for each of its pieces, known by the piece's serial. A field drawn at the same place
 * is taken to be the same one (any other is only slower: the layout never depends on it). */
typedef struct {
    unsigned serial;
    SDL_Texture *tex;
} PieceTexture;

typedef struct {
    TextField *f; /* NULL: the slot is free */
    Rect r;
    PieceTexture *tex;
    int ntex;
    unsigned long long used;
} FieldEntry;

struct Render {
    SDL_Renderer *r;
    FieldEntry fields[FIELDS_MAX];
    Measured measured[MEASURES_MAX];
    void (*trace)(void *ctx, const RenderedText *t);
    void *trace_ctx;
    TextFonts *tf;
    const SDL_Color *theme; /* of the view being drawn */
    CacheEntry cache[CACHE_MAX];
    ImageEntry images[IMAGES_MAX];
    unsigned long long clock;
    void (*log)(const char *line); /* NULL: standard error */
};

void render_set_log(Render *rd, void (*log)(const char *line)) { rd->log = log; }

static void render_log(const Render *rd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void render_log(const Render *rd, const char *fmt, ...)
{
    char line[ERR_LEN + 4200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (rd->log)
        rd->log(line);
    else
        fprintf(stderr, "chorus-kiosk: %s\n", line);
}

/* The themes. Every pair in render_text_pairs is at least 4.5:1 in the default and 7:1 in the
 * high-contrast theme (black, white and yellow); tests/test_sdl_text.c checks. */
const SDL_Color render_themes[RENDER_THEMES][TC_COUNT] =
    {
        [RENDER_THEME_DEFAULT] =
            {
                [TC_BG] = {0xF6, 0xF4, 0xEF, 255},
                [TC_TEXT] = {0x1B, 0x1B, 0x2F, 255},
                [TC_BUTTON] = {0xFF, 0xFF, 0xFF, 255},
                [TC_BORDER] = {0x3B, 0x4A, 0x6B, 255},
                [TC_PRIMARY] = {0x1F, 0x4E, 0x8C, 255},
                [TC_ON_PRIMARY] = {0xFF, 0xFF, 0xFF, 255},
                [TC_QUIET] = {0xE9, 0xE6, 0xDE, 255},
                [TC_DISABLED] = {0xDD, 0xDB, 0xD6, 255},
                [TC_DISABLED_TEXT] = {0x5E, 0x5E, 0x66, 255},
                [TC_ALERT_BG] = {0xFF, 0xF1, 0xCC, 255},
                [TC_ALERT_TEXT] = {0x6B, 0x40, 0x00, 255},
                [TC_TRACK] = {0xD6, 0xD2, 0xC8, 255},
                [TC_FACE] = {0xFF, 0xD9, 0x70, 255},
                [TC_FACE_INK] = {0x1B, 0x1B, 0x2F, 255},
                [TC_WARM] = {0xD9, 0x3A, 0x4A, 255},
            },
        [RENDER_THEME_CONTRAST] =
            {
                [TC_BG] = {0x00, 0x00, 0x00, 255},
                [TC_TEXT] = {0xFF, 0xFF, 0xFF, 255},
                [TC_BUTTON] = {0x12, 0x12, 0x12, 255},
                [TC_BORDER] = {0xFF, 0xD6, 0x0A, 255},
                [TC_PRIMARY] = {0xFF, 0xD6, 0x0A, 255},
                [TC_ON_PRIMARY] = {0x00, 0x00, 0x00, 255},
                [TC_QUIET] = {0x2B, 0x2B, 0x2B, 255},
                [TC_DISABLED] = {0x30, 0x30, 0x30, 255},
                [TC_DISABLED_TEXT] = {0xC0, 0xC0, 0xC0, 255},
                [TC_ALERT_BG] = {0x2A, 0x22, 0x00, 255},
                [TC_ALERT_TEXT] = {0xFF, 0xD6, 0x0A, 255},
                [TC_TRACK] = {0x5A, 0x5A, 0x5A, 255},
                /* White, not the yellow of a chosen button, so a chosen face stays a face. */
                [TC_FACE] = {0xFF, 0xFF, 0xFF, 255},
                [TC_FACE_INK] = {0x00, 0x00, 0x00, 255},
                [TC_WARM] = {0xFF, 0x6B, 0x81, 255},
            },
};

/* What draw_widget() draws: keep in step with it. */
const ThemePair render_text_pairs[] = {
    {TC_TEXT, TC_BG, "text on the page"},
    {TC_ALERT_TEXT, TC_BG, "warning text on the page"},
    {TC_ALERT_TEXT, TC_ALERT_BG, "warning text on a warning panel"},
    {TC_TEXT, TC_ALERT_BG, "text on a warning panel"},
    {TC_TEXT, TC_BUTTON, "a button, answer, key or field"},
    {TC_TEXT, TC_QUIET, "a quiet button"},
    {TC_ON_PRIMARY, TC_PRIMARY, "the main action or a chosen answer"},
    {TC_DISABLED_TEXT, TC_DISABLED, "a button that cannot be tapped now"},
};
const int render_ntext_pairs = (int)(sizeof render_text_pairs / sizeof render_text_pairs[0]);

const ThemePair render_graphic_pairs[] = {
    {TC_BORDER, TC_BG, "a button's edge on the page"},
    {TC_BORDER, TC_BUTTON, "a button's edge on its face"},
    {TC_BORDER, TC_QUIET, "a quiet button's edge"},
    {TC_PRIMARY, TC_TRACK, "the progress made on the bar"},
    {TC_PRIMARY, TC_BG, "the progress bar on the page"},
    {TC_PRIMARY, TC_BUTTON, "the caret and a focused field's edge"},
    {TC_ALERT_TEXT, TC_BG, "a warning panel's edge"},
    {TC_FACE_INK, TC_FACE, "a face's eyes and mouth"},
    {TC_WARM, TC_BG, "the thank-you heart on the page"},
    {TC_FACE_INK, TC_WARM, "the heart's eyes and smile"},
    {TC_TEXT, TC_BG, "the focus ring on the page"},
};
const int render_ngraphic_pairs =
    (int)(sizeof render_graphic_pairs / sizeof render_graphic_pairs[0]);

Render *render_new(SDL_Renderer *r, const char *font_dir, char *err)
{
    Render *rd = calloc(1, sizeof *rd);
    if (!rd) {
        snprintf(err, ERR_LEN, "out of memory");
        return NULL;
    }
    rd->r = r;
    rd->theme = render_themes[RENDER_THEME_DEFAULT];
    rd->tf = text_fonts_new(font_dir, err);
    if (!rd->tf) {
        free(rd);
        return NULL;
    }
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    return rd;
}

static void cache_drop(CacheEntry *e)
{
    if (e->text) {
        sodium_memzero(e->text, e->len);
        free(e->text);
    }
    if (e->tex)
        SDL_DestroyTexture(e->tex);
    memset(e, 0, sizeof *e);
}

static void measured_drop(Measured *m)
{
    if (m->text) {
        sodium_memzero(m->text, m->len);
        free(m->text);
    }
    memset(m, 0, sizeof *m);
}

static void field_drop(FieldEntry *e)
{
    for (int i = 0; i < e->ntex; i++)
        SDL_DestroyTexture(e->tex[i].tex);
    free(e->tex);
    text_field_free(e->f); /* wipes the text it held and its pixels */
    memset(e, 0, sizeof *e);
}

void render_forget(Render *rd)
{
    for (int i = 0; i < FIELDS_MAX; i++)
        field_drop(&rd->fields[i]);
    for (int i = 0; i < CACHE_MAX; i++)
        cache_drop(&rd->cache[i]);
    for (int i = 0; i < MEASURES_MAX; i++)
        measured_drop(&rd->measured[i]);
}

void render_free(Render *rd)
{
    if (!rd)
        return;
    render_forget(rd);
    for (int i = 0; i < IMAGES_MAX; i++) {
        free(rd->images[i].path);
        if (rd->images[i].tex)
            SDL_DestroyTexture(rd->images[i].tex);
    }
    text_fonts_free(rd->tf);
    free(rd);
}

/* ---- texts ---- */

/* The first row with ink and the row after the last, of an ARGB8888 image (for render_trace:
 * the letters themselves, inside the line's room for accents and descenders). */
static void ink_rows(const SDL_Surface *s, int *top, int *bottom)
{
    *top = s->h;
    *bottom = 0;
    for (int y = 0; y < s->h; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch);
        for (int x = 0; x < s->w; x++)
            if (row[x] >> 24) {
                if (y < *top)
                    *top = y;
                *bottom = y + 1;
                break;
            }
    }
}

/* A texture of text laid out by text.c, from the cache or made now; NULL on error. */
static CacheEntry *text_texture(Render *rd, const char *text, const TextStyle *st)
{
    size_t len = strlen(text);
    int start = st->align == TEXT_START;
    rd->clock++;
    CacheEntry *oldest = &rd->cache[0];
    for (int i = 0; i < CACHE_MAX; i++) {
        CacheEntry *e = &rd->cache[i];
        if (e->text && e->len == len && e->px == st->px && e->bold == st->bold &&
            e->wrap == st->wrap && e->start == start && e->rtl == st->rtl &&
            e->dyslexic == st->dyslexic && e->max_lines == st->max_lines &&
            memcmp(&e->color, &st->color, sizeof st->color) == 0 &&
            memcmp(e->text, text, len) == 0) {
            e->used = rd->clock;
            return e;
        }
        if (e->used < oldest->used)
            oldest = e;
    }
    char err[ERR_LEN];
    TextImage img;
    if (text_render(rd->tf, text, len, st, &img, err) != 0) {
        render_log(rd, "cannot lay out a text: %s", err);
        return NULL;
    }
    SDL_Texture *t = NULL;
    if (img.surface) {
        t = SDL_CreateTextureFromSurface(rd->r, img.surface);
        if (!t) {
            text_image_wipe(&img);
            return NULL;
        }
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    }
    char *copy = malloc(len + 1);
    if (!copy) {
        text_image_wipe(&img);
        if (t)
            SDL_DestroyTexture(t);
        return NULL;
    }
    memcpy(copy, text, len + 1);
    cache_drop(oldest);
    *oldest = (CacheEntry){copy,      len,          st->px,     st->bold, st->wrap, start,
                           st->rtl,   st->dyslexic, st->max_lines, st->color,  t,
                           img.w,    img.h, img.end_x, img.end_y,    img.line_h, img.rtl,
                           rd->clock, 0, img.h};
    /* Not a field's text (a long answer is not scanned on every key). */
    if (img.surface && st->max_lines == 0)
        ink_rows(img.surface, &oldest->ink_top, &oldest->ink_bottom);
    /* The pixels spell out what was typed: text_image_wipe() wipes them. */
    text_image_wipe(&img);
    return oldest;
}

/* Where a text was drawn: for the caret of a field. */
typedef struct {
    int ok;
    int x, y; /* the top left of the text */
    int end_x, end_y, line_h, end_rtl;
} Placed;

/* The text size in pixels for a view: its role's (view_text_px). */
static int text_px(const View *v, TextSize size)
{
    return view_text_px(v, size);
}

/* Says what was drawn to the test hook (render_trace). */
static void traced(Render *rd, const Widget *w, Rect box, int x, int y, int px,
                   const CacheEntry *e)
{
    if (!rd->trace || !e || !w)
        return;
    RenderedText t = {w, box, px, e->w, e->h, x, y + e->ink_top, e->ink_bottom - e->ink_top};
    rd->trace(rd->trace_ctx, &t);
}

/* Draws text inside r at its role's size (never shrunk: the layout made room), wrapped to its
 * width, centred in its height. start: aligned to the start of the line (left, or right when
 * the look reads right to left), else centred. Text taller or wider than r is clipped to it
 * (a layout bug, which tests/test_sdl_layout.c finds through render_trace). */
static Placed draw_text(Render *rd, const View *v, const Widget *w, const char *text, Rect r,
                        TextSize size, int bold, int start, SDL_Color color)
{
    Placed p = {0};
    if (!text)
        text = "";
    if (r.w <= 0 || r.h <= 0)
        return p;
    int px = text_px(v, size);
    TextStyle st = {
        px, bold, v->look.dyslexic, v->look.rtl, r.w, start ? TEXT_START : TEXT_CENTRE, color, 0};
    CacheEntry *e = text_texture(rd, text, &st);
    if (!e)
        return p;
    int x = r.x + (r.w - e->w) / 2;
    if (start)
        x = v->look.rtl ? r.x + r.w - e->w : r.x;
    /* Centred; when its lines' room for accents and marks is taller than r (an Arabic letter
     * on a key), its letters are centred instead. */
    int y = r.y + (r.h - e->h) / 2;
    if (e->h > r.h && e->ink_bottom > e->ink_top)
        y = r.y + (r.h - (e->ink_bottom - e->ink_top)) / 2 - e->ink_top;
    traced(rd, w, r, x, y, px, e);
    p = (Placed){1, x, y, e->end_x, e->end_y, e->line_h, e->end_rtl};
    if (!e->tex)
        return p;
    SDL_Rect dst = {x, y, e->w, e->h};
    SDL_Rect clip = {r.x, r.y, r.w, r.h};
    SDL_RenderSetClipRect(rd->r, &clip);
    SDL_RenderCopy(rd->r, e->tex, NULL, &dst);
    SDL_RenderSetClipRect(rd->r, NULL);
    return p;
}

/* The kept field drawn at r, or a free (or the oldest) slot for it; NULL when out of memory. */
static FieldEntry *field_at(Render *rd, Rect r)
{
    rd->clock++;
    FieldEntry *oldest = &rd->fields[0];
    for (int i = 0; i < FIELDS_MAX; i++) {
        FieldEntry *e = &rd->fields[i];
        if (e->f && e->r.x == r.x && e->r.y == r.y && e->r.w == r.w && e->r.h == r.h) {
            e->used = rd->clock;
            return e;
        }
        if (e->used < oldest->used)
            oldest = e;
    }
    field_drop(oldest);
    oldest->f = text_field_new();
    if (!oldest->f)
        return NULL;
    oldest->r = r;
    oldest->used = rd->clock;
    return oldest;
}

/* The pieces of e's field, each drawn at (x, y) plus its place with a texture kept by its serial
 * (made for a new piece; those of pieces gone are destroyed). */
static void draw_pieces(Render *rd, FieldEntry *e, int x, int y)
{
    int n = text_field_npieces(e->f);
    PieceTexture *now = n > 0 ? calloc((size_t)n, sizeof *now) : NULL;
    int nnow = 0;
    for (int i = 0; i < n && now; i++) {
        TextPiece p = text_field_piece(e->f, i);
        if (!p.surface)
            continue;
        SDL_Texture *t = NULL;
        for (int k = 0; k < e->ntex && !t; k++)
            if (e->tex[k].tex && e->tex[k].serial == p.serial) {
                t = e->tex[k].tex;
                e->tex[k].tex = NULL;
            }
        if (!t) {
            t = SDL_CreateTextureFromSurface(rd->r, p.surface);
            if (!t)
                continue;
            SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
        }
        now[nnow++] = (PieceTexture){p.serial, t};
        SDL_Rect dst = {x + p.x, y + p.y, p.surface->w, p.surface->h};
        SDL_RenderCopy(rd->r, t, NULL, &dst);
    }
    for (int k = 0; k < e->ntex; k++)
        if (e->tex[k].tex)
            SDL_DestroyTexture(e->tex[k].tex);
    free(e->tex);
    e->tex = now;
    e->ntex = nnow;
}

/* Draws what was typed in a field: at the field's own size, never shrunk (a long answer stays
 * readable), wrapped to the width, and when it is taller than the field the last lines show,
 * where the caret is. Why not draw_text: shrinking tried a layout of the whole answer at every
 * smaller size on every key, and below the floor the lines ran out of the field. Why a
 * TextField and not the text cache: a key would lay the whole answer out again, and draw all
 * of its lines; a field redoes only the word it changed. */
static Placed draw_field_text(Render *rd, const View *v, const char *text, Rect r, TextSize size,
                              int start, SDL_Color color)
{
    Placed p = {0};
    if (r.w <= 0 || r.h <= 0)
        return p;
    int px = text_px(v, size);
    /* Lines step by at least the size: this many lines are enough to fill the field. */
    TextStyle st = {px, 0, v->look.dyslexic, v->look.rtl, r.w, start ? TEXT_START : TEXT_CENTRE,
                    color, r.h / px + 1};
    FieldEntry *e = field_at(rd, r);
    char err[ERR_LEN];
    if (!e)
        return p;
    if (!text)
        text = "";
    if (text_field_update(e->f, rd->tf, text, strlen(text), &st, err) != 0) {
        render_log(rd, "cannot lay out a field: %s", err);
        field_drop(e);
        return p;
    }
    const TextImage *img = text_field_image(e->f);
    int x = r.x + (r.w - img->w) / 2;
    if (start)
        x = v->look.rtl ? r.x + r.w - img->w : r.x;
    int y = r.y + (r.h - img->h) / 2;
    SDL_Rect clip = {r.x, r.y, r.w, r.h};
    if (img->h > r.h) {
        /* Too tall: the last line at the bottom, and a line cut by the top edge left out. */
        y = r.y + r.h - img->h;
        if (img->line_h > 0 && img->line_h < r.h) {
            int whole = y + (r.y - y + img->line_h - 1) / img->line_h * img->line_h;
            clip.h -= whole - r.y;
            clip.y = whole;
        }
    }
    p = (Placed){1, x, y, img->end_x, img->end_y, img->line_h, img->rtl};
    SDL_RenderSetClipRect(rd->r, &clip);
    draw_pieces(rd, e, x, y);
    SDL_RenderSetClipRect(rd->r, NULL);
    return p;
}

int render_measure(void *ctx, const View *v, const char *text, TextSize size, int bold, int wrap,
                   int *w)
{
    Render *rd = ctx;
    *w = 0;
    int px = text_px(v, size);
    if (!text || !*text)
        return 0;
    size_t len = strlen(text);
    int rtl = v->look.rtl, dys = v->look.dyslexic;
    rd->clock++;
    Measured *oldest = &rd->measured[0];
    for (int i = 0; i < MEASURES_MAX; i++) {
        Measured *m = &rd->measured[i];
        if (m->text && m->len == len && m->px == px && m->bold == bold && m->wrap == wrap &&
            m->rtl == rtl && m->dyslexic == dys && memcmp(m->text, text, len) == 0) {
            m->used = rd->clock;
            *w = m->w;
            return m->h;
        }
        if (m->used < oldest->used)
            oldest = m;
    }
    char err[ERR_LEN];
    TextImage img;
    TextStyle st = {px, bold, dys, rtl, wrap, TEXT_START, {0, 0, 0, 255}, 0};
    if (text_render(rd->tf, text, len, &st, &img, err) != 0) {
        fprintf(stderr, "chorus-kiosk: cannot measure a text: %s\n", err);
        return px * 3 / 2;
    }
    int mw = img.w, mh = img.h;
    text_image_wipe(&img);
    char *copy = malloc(len + 1);
    if (copy) {
        memcpy(copy, text, len + 1);
        measured_drop(oldest);
        *oldest = (Measured){copy, len, px, bold, wrap, rtl, dys, mw, mh, rd->clock};
    }
    *w = mw;
    return mh;
}

void render_trace(Render *rd, void (*fn)(void *ctx, const RenderedText *t), void *ctx)
{
    rd->trace = fn;
    rd->trace_ctx = ctx;
}

/* ---- shapes ---- */

/* An opaque colour is drawn without blending: a software renderer then fills whole rows at
 * once instead of mixing every pixel, which was most of a redraw's cost. */
static void color(Render *rd, SDL_Color c)
{
    SDL_SetRenderDrawBlendMode(rd->r, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(rd->r, c.r, c.g, c.b, c.a);
}

/* Half the width of row dy (0 at the top) of a corner of radius rad that is cut away. */
static int corner_cut(int rad, int dy)
{
    float fy = (float)rad - (float)dy - 0.5f;
    return rad - (int)sqrtf((float)(rad * rad) - fy * fy);
}

/* Rectangles of one colour gathered into one SDL_RenderFillRects: a rounded corner is many
 * short rows, and each call costs a software renderer more than the row itself. */
typedef struct {
    SDL_Renderer *r;
    int n;
    SDL_Rect rect[256];
} Batch;

static void batch_flush(Batch *b)
{
    if (b->n)
        SDL_RenderFillRects(b->r, b->rect, b->n);
    b->n = 0;
}

static void batch_add(Batch *b, int x, int y, int w, int h)
{
    if (w <= 0 || h <= 0)
        return;
    if (b->n == (int)(sizeof b->rect / sizeof *b->rect))
        batch_flush(b);
    b->rect[b->n++] = (SDL_Rect){x, y, w, h};
}

/* A filled rectangle with rounded corners of radius rad; corner rows that cut the same width
 * are one rectangle. */
static void fill_round(Render *rd, Rect r, int rad, SDL_Color c)
{
    color(rd, c);
    if (rad * 2 > r.h)
        rad = r.h / 2;
    if (rad * 2 > r.w)
        rad = r.w / 2;
    Batch b = {rd->r, 0, {{0}}};
    batch_add(&b, r.x, r.y + rad, r.w, r.h - 2 * rad);
    for (int dy = 0, run; dy < rad; dy += run) {
        int dx = corner_cut(rad, dy);
        for (run = 1; dy + run < rad && corner_cut(rad, dy + run) == dx; run++)
            ;
        batch_add(&b, r.x + dx, r.y + dy, r.w - 2 * dx, run);
        batch_add(&b, r.x + dx, r.y + r.h - dy - run, r.w - 2 * dx, run);
    }
    batch_flush(&b);
}

/* The left edge of the border ring in row dy (from the top) of a box: [out, in) is border. */
static void ring_row(int rad, int t, int irad, int dy, int *out, int *in)
{
    *out = corner_cut(rad, dy);
    int iy = dy - t; /* the row within the inner box, from its own top */
    *in = iy < 0 ? rad : t + (iy < irad ? corner_cut(irad, iy) : 0);
    if (*in > rad)
        *in = rad;
}

/* A rounded box with a border of thickness t: the fill inside, then only the ring of border
 * around it, so no pixel is drawn twice (the same pixels as a border box with the fill drawn
 * over it). */
static void box(Render *rd, Rect r, int rad, int t, SDL_Color border, SDL_Color fill)
{
    Rect in = {r.x + t, r.y + t, r.w - 2 * t, r.h - 2 * t};
    int irad = rad > t ? rad - t : 0;
    if (in.w <= 0 || in.h <= 0 || border.a != 255) {
        fill_round(rd, r, rad, border);
        if (in.w > 0 && in.h > 0)
            fill_round(rd, in, irad, fill);
        return;
    }
    fill_round(rd, in, irad, fill);
    if (rad * 2 > r.h)
        rad = r.h / 2;
    if (rad * 2 > r.w)
        rad = r.w / 2;
    if (irad * 2 > in.h)
        irad = in.h / 2;
    if (irad * 2 > in.w)
        irad = in.w / 2;
    color(rd, border);
    Batch b = {rd->r, 0, {{0}}};
    /* the straight parts: top and bottom bands between the corners, and the sides */
    batch_add(&b, r.x + rad, r.y, r.w - 2 * rad, t);
    batch_add(&b, r.x + rad, r.y + r.h - t, r.w - 2 * rad, t);
    batch_add(&b, r.x, r.y + rad, t, r.h - 2 * rad);
    batch_add(&b, r.x + r.w - t, r.y + rad, t, r.h - 2 * rad);
    /* the corners: runs of rows with the same border span, left and right, top and bottom */
    for (int dy = 0, run; dy < rad; dy += run) {
        int ox, ix, ox2, ix2;
        ring_row(rad, t, irad, dy, &ox, &ix);
        for (run = 1; dy + run < rad; run++) {
            ring_row(rad, t, irad, dy + run, &ox2, &ix2);
            if (ox2 != ox || ix2 != ix)
                break;
        }
        int w = ix - ox, bot = r.y + r.h - dy - run;
        batch_add(&b, r.x + ox, r.y + dy, w, run);
        batch_add(&b, r.x + r.w - ix, r.y + dy, w, run);
        batch_add(&b, r.x + ox, bot, w, run);
        batch_add(&b, r.x + r.w - ix, bot, w, run);
    }
    batch_flush(&b);
}

/* A disc of radius rad less the disc of radius hole (< rad; -1: none), one batch of rows. */
static void fill_ring(Render *rd, int cx, int cy, int rad, int hole, SDL_Color c)
{
    enum { ROWS_MAX = 512 };
    SDL_Rect rows[2 * ROWS_MAX];
    int n = 0;
    color(rd, c);
    for (int dy = -rad; dy <= rad; dy++) {
        if (n + 2 > 2 * ROWS_MAX) {
            SDL_RenderFillRects(rd->r, rows, n);
            n = 0;
        }
        int dx = (int)sqrtf((float)(rad * rad - dy * dy));
        if (hole < 0 || dy < -hole || dy > hole) {
            rows[n++] = (SDL_Rect){cx - dx, cy + dy, 2 * dx + 1, 1};
            continue;
        }
        int hx = (int)sqrtf((float)(hole * hole - dy * dy));
        rows[n++] = (SDL_Rect){cx - dx, cy + dy, dx - hx, 1};
        rows[n++] = (SDL_Rect){cx + hx + 1, cy + dy, dx - hx, 1};
    }
    if (n)
        SDL_RenderFillRects(rd->r, rows, n);
}

static void fill_circle(Render *rd, int cx, int cy, int rad, SDL_Color c)
{
    fill_ring(rd, cx, cy, rad, -1, c);
}

/* A filled convex quadrilateral, corners in order: every pixel whose centre is inside, one
 * span a row (a software renderer draws spans far faster than it rasterises triangles). */
static void fill_quad(Render *rd, const float xy[8], SDL_Color c)
{
    float top = xy[1], bottom = xy[1];
    for (int i = 1; i < 4; i++) {
        top = xy[2 * i + 1] < top ? xy[2 * i + 1] : top;
        bottom = xy[2 * i + 1] > bottom ? xy[2 * i + 1] : bottom;
    }
    color(rd, c);
    Batch b = {rd->r, 0, {{0}}};
    for (int y = (int)ceilf(top - 0.5f); (float)y + 0.5f < bottom; y++) {
        float yc = (float)y + 0.5f, left = 1e9f, right = -1e9f;
        for (int i = 0; i < 4; i++) {
            float x0 = xy[2 * i], y0 = xy[2 * i + 1];
            float x1 = xy[(2 * i + 2) % 8], y1 = xy[(2 * i + 3) % 8];
            if ((yc < y0) == (yc < y1)) /* the edge does not cross this row's centre */
                continue;
            float x = x0 + (yc - y0) * (x1 - x0) / (y1 - y0);
            left = x < left ? x : left;
            right = x > right ? x : right;
        }
        int from = (int)ceilf(left - 0.5f), to = (int)floorf(right - 0.5f);
        batch_add(&b, from, y, to - from + 1, 1);
    }
    batch_flush(&b);
}

/* A thick line as a quad of two triangles, with round ends. */
static void thick_line(Render *rd, float x0, float y0, float x1, float y1, float t, SDL_Color c)
{
    float dx = x1 - x0, dy = y1 - y0, len = sqrtf(dx * dx + dy * dy);
    if (len <= 0)
        return;
    float nx = -dy / len * t / 2, ny = dx / len * t / 2;
    const float xy[8] = {x0 + nx, y0 + ny, x1 + nx, y1 + ny, x1 - nx, y1 - ny, x0 - nx, y0 - ny};
    fill_quad(rd, xy, c);
    fill_circle(rd, (int)x0, (int)y0, (int)(t / 2), c);
    fill_circle(rd, (int)x1, (int)y1, (int)(t / 2), c);
}

/* A face: level 0 (very sad) to 4 (very happy), all in the same colour so none is favoured.
 * chosen: its ring in the chosen button's text colour and twice as thick, so it stands out from
 * the chosen colour behind it in every theme. */
static void draw_face(Render *rd, int cx, int cy, int rad, int level, int chosen)
{
    const SDL_Color *T = rd->theme;
    int face = rad - (rad / 14 + 2) * (chosen ? 2 : 1);
    fill_ring(rd, cx, cy, rad, face, chosen ? T[TC_ON_PRIMARY] : T[TC_BORDER]);
    fill_circle(rd, cx, cy, face, T[TC_FACE]);
    int eye = rad / 9 + 1;
    fill_circle(rd, cx - rad * 35 / 100, cy - rad * 25 / 100, eye, T[TC_FACE_INK]);
    fill_circle(rd, cx + rad * 35 / 100, cy - rad * 25 / 100, eye, T[TC_FACE_INK]);
    /* The mouth: a parabola whose bend runs from frown (-1) to smile (+1). */
    float bend = (float)(level - 2) / 2.0f;
    float w = (float)rad * 0.5f, my = (float)cy + (float)rad * 0.38f, depth = (float)rad * 0.22f;
    float t = (float)rad / 10.0f + 1.0f;
    const int steps = 12;
    for (int i = 0; i < steps; i++) {
        float u0 = -1 + 2.0f * (float)i / steps, u1 = -1 + 2.0f * (float)(i + 1) / steps;
        float y0 = my + bend * depth * (1 - u0 * u0) - bend * depth * 0.5f;
        float y1 = my + bend * depth * (1 - u1 * u1) - bend * depth * 0.5f;
        thick_line(rd, (float)cx + u0 * w, y0, (float)cx + u1 * w, y1, t, T[TC_FACE_INK]);
    }
}

/* The thank-you screen's picture: a heart, in the warm colour, with the faces' eyes and a
 * smile, as large as fits in r. Two discs for its top and a kite for the rest. */
static void draw_heart(Render *rd, Rect r)
{
    const SDL_Color *T = rd->theme;
    float s = (float)(r.w < r.h ? r.w : r.h), cx = (float)r.x + (float)r.w / 2;
    float top = (float)r.y + ((float)r.h - s) / 2;
    float rad = s * 0.26f, d = rad * 0.92f, cy = top + rad + s * 0.04f;
    fill_circle(rd, (int)(cx - d), (int)cy, (int)rad, T[TC_WARM]);
    fill_circle(rd, (int)(cx + d), (int)cy, (int)rad, T[TC_WARM]);
    const float kite[8] = {cx - d - rad * 0.86f, cy + rad * 0.5f, cx, cy - rad * 0.1f,
                           cx + d + rad * 0.86f, cy + rad * 0.5f, cx, top + s * 0.96f};
    fill_quad(rd, kite, T[TC_WARM]);
    int eye = (int)(s / 22) + 1;
    fill_circle(rd, (int)(cx - s * 0.14f), (int)(cy + rad * 0.3f), eye, T[TC_FACE_INK]);
    fill_circle(rd, (int)(cx + s * 0.14f), (int)(cy + rad * 0.3f), eye, T[TC_FACE_INK]);
    float w = s * 0.17f, my = cy + rad * 0.75f, depth = s * 0.07f, t = s / 28 + 1;
    const int steps = 10;
    for (int i = 0; i < steps; i++) {
        float u0 = -1 + 2.0f * (float)i / steps, u1 = -1 + 2.0f * (float)(i + 1) / steps;
        thick_line(rd, cx + u0 * w, my + depth * (1 - u0 * u0), cx + u1 * w,
                   my + depth * (1 - u1 * u1), t, T[TC_FACE_INK]);
    }
}

/* The focus ring (keyboard and switch access): a thick band in the text colour around r,
 * clear of its edge, so it reads as "here" beside a chosen answer's thick edge in every
 * theme. */
static void draw_ring(Render *rd, const View *v, Rect r)
{
    int gap = (int)(2 * v->unit) + 1, t = (int)(5 * v->unit) + 2;
    Rect o = {r.x - gap - t, r.y - gap - t, r.w + 2 * (gap + t), r.h + 2 * (gap + t)};
    color(rd, rd->theme[TC_TEXT]);
    SDL_Rect sides[4] = {{o.x, o.y, o.w, t},
                         {o.x, o.y + o.h - t, o.w, t},
                         {o.x, o.y + t, t, o.h - 2 * t},
                         {o.x + o.w - t, o.y + t, t, o.h - 2 * t}};
    SDL_RenderFillRects(rd->r, sides, 4);
}

/* Yes (a tick), not sure (a question mark), no (a cross). */
static void draw_symbol(Render *rd, const View *v, Rect r, int level, SDL_Color c)
{
    float cx = (float)r.x + (float)r.w / 2, cy = (float)r.y + (float)r.h / 2;
    float s = (float)(r.w < r.h ? r.w : r.h) / 2, t = s / 5 + 2;
    if (level == 0) {
        thick_line(rd, cx - s * 0.6f, cy, cx - s * 0.15f, cy + s * 0.45f, t, c);
        thick_line(rd, cx - s * 0.15f, cy + s * 0.45f, cx + s * 0.65f, cy - s * 0.5f, t, c);
    } else if (level == 2) {
        thick_line(rd, cx - s * 0.5f, cy - s * 0.5f, cx + s * 0.5f, cy + s * 0.5f, t, c);
        thick_line(rd, cx + s * 0.5f, cy - s * 0.5f, cx - s * 0.5f, cy + s * 0.5f, t, c);
    } else {
        draw_text(rd, v, NULL, "?", r, TS_TITLE, 1, 0, c);
    }
}

/* A loudspeaker in r: a small box, a cone opening to the right, and two sound arcs. */
/* The speaker symbol; flip: facing left, as a right-to-left screen reads. */
static void draw_speaker(Render *rd, Rect r, SDL_Color c, int flip)
{
    float h = (float)(r.w < r.h ? r.w : r.h) / 2; /* half the square the symbol fills */
    float cx = (float)r.x + (float)r.w / 2 - h * 0.1f, cy = (float)r.y + (float)r.h / 2;
    float mid2 = 2 * ((float)r.x + (float)r.w / 2); /* x' = mid2 - x mirrors about the middle */
    float magnet[8] = {cx - h * 0.75f, cy - h * 0.22f, cx - h * 0.38f, cy - h * 0.22f,
                       cx - h * 0.38f, cy + h * 0.22f, cx - h * 0.75f, cy + h * 0.22f};
    float cone[8] = {cx - h * 0.42f, cy - h * 0.22f, cx + h * 0.02f, cy - h * 0.6f,
                     cx + h * 0.02f, cy + h * 0.6f,  cx - h * 0.42f, cy + h * 0.22f};
    for (int i = 0; flip && i < 8; i += 2) {
        magnet[i] = mid2 - magnet[i];
        cone[i] = mid2 - cone[i];
    }
    fill_quad(rd, magnet, c);
    fill_quad(rd, cone, c);
    float t = h * 0.1f + 1;
    for (int arc = 0; arc < 2; arc++) {
        float rad = h * (arc ? 0.7f : 0.38f), ax = cx + h * 0.12f;
        const int steps = 8;
        const float a0 = -0.85f, a1 = 0.85f; /* radians either side of the axis */
        for (int i = 0; i < steps; i++) {
            float u0 = a0 + (a1 - a0) * (float)i / steps,
                  u1 = a0 + (a1 - a0) * (float)(i + 1) / steps;
            float x0 = ax + rad * cosf(u0), x1 = ax + rad * cosf(u1);
            if (flip) {
                x0 = mid2 - x0;
                x1 = mid2 - x1;
            }
            thick_line(rd, x0, cy + rad * sinf(u0), x1, cy + rad * sinf(u1), t, c);
        }
    }
}

/* ---- pictures ---- */

/* The picture at path, from the cache or loaded now; NULL if it does not load (said once). */
static ImageEntry *image(Render *rd, const char *path)
{
    rd->clock++;
    ImageEntry *oldest = &rd->images[0];
    for (int i = 0; i < IMAGES_MAX; i++) {
        ImageEntry *e = &rd->images[i];
        if (e->path && strcmp(e->path, path) == 0) {
            e->used = rd->clock;
            return e->tex ? e : NULL;
        }
        if (e->used < oldest->used)
            oldest = e;
    }
    char *copy = malloc(strlen(path) + 1);
    if (!copy)
        return NULL;
    strcpy(copy, path);
    SDL_Texture *t = NULL;
    int w = 0, h = 0;
    /* Read through fileio, so that a FIFO or device there is refused at once (IMG_Load would
     * block opening it). */
    char *file = NULL, why[ERR_LEN];
    size_t file_len = 0;
    SDL_Surface *s = NULL;
    if (file_read_all(path, IMAGE_FILE_MAX, &file, &file_len, why) != 0) {
        render_log(rd, "%s", why);
    } else {
        SDL_RWops *rw = SDL_RWFromConstMem(file, (int)file_len);
        s = rw ? IMG_Load_RW(rw, 1) : NULL;
        free(file);
    }
    if (s) {
        w = s->w;
        h = s->h;
        t = SDL_CreateTextureFromSurface(rd->r, s);
        SDL_FreeSurface(s);
    }
    if (!t)
        render_log(rd, "%s: cannot show the picture: %s", path,
                s ? SDL_GetError() : IMG_GetError());
    else
        SDL_SetTextureScaleMode(t, SDL_ScaleModeLinear);
    free(oldest->path);
    if (oldest->tex)
        SDL_DestroyTexture(oldest->tex);
    *oldest = (ImageEntry){copy, t, w, h, rd->clock};
    return t ? oldest : NULL;
}

/* The picture at path, as large as fits in r, keeping its shape, centred; chosen (its button
 * is), framed in the primary colour, frame pixels thick. */
static void draw_image(Render *rd, const char *path, Rect r, int chosen, int frame)
{
    if (!path || !*path || r.w <= 0 || r.h <= 0)
        return;
    ImageEntry *e = image(rd, path);
    if (!e || e->w <= 0 || e->h <= 0)
        return;
    double k = (double)r.w / e->w;
    if ((double)r.h / e->h < k)
        k = (double)r.h / e->h;
    int w = (int)(e->w * k + 0.5), h = (int)(e->h * k + 0.5);
    SDL_Rect dst = {r.x + (r.w - w) / 2, r.y + (r.h - h) / 2, w, h};
    SDL_RenderCopy(rd->r, e->tex, NULL, &dst);
    if (chosen) {
        color(rd, rd->theme[TC_PRIMARY]);
        SDL_Rect sides[4] = {{dst.x - frame, dst.y - frame, w + 2 * frame, frame},
                             {dst.x - frame, dst.y + h, w + 2 * frame, frame},
                             {dst.x - frame, dst.y, frame, h},
                             {dst.x + w, dst.y, frame, h}};
        SDL_RenderFillRects(rd->r, sides, 4);
    }
}

/* ---- widgets ---- */

static void draw_widget(Render *rd, const View *v, const Widget *w)
{
    const SDL_Color *T = rd->theme;
    int rad = (int)(14 * v->unit) + 2, border = (int)(3 * v->unit) + 1;
    int pad = view_text_pad(v);
    int bold = (w->flags & W_BOLD) != 0, start = (w->flags & W_LEFT) != 0;
    int selected = (w->flags & W_SELECTED) != 0, disabled = (w->flags & W_DISABLED) != 0;
    SDL_Color fg = T[TC_TEXT], bg = T[TC_BUTTON];
    if (w->flags & W_PRIMARY) {
        bg = T[TC_PRIMARY];
        fg = T[TC_ON_PRIMARY];
    } else if (w->flags & W_QUIET) {
        bg = T[TC_QUIET];
    }
    if (selected && w->kind != W_FIELD) {
        bg = T[TC_PRIMARY];
        fg = T[TC_ON_PRIMARY];
    }
    if (disabled) {
        bg = T[TC_DISABLED];
        fg = T[TC_DISABLED_TEXT];
    }
    Rect inner = {w->r.x + pad, w->r.y + pad / 2, w->r.w - 2 * pad, w->r.h - pad};
    /* A button's words may use its whole height inside the edge (a chosen one's is twice as
     * thick): kit_button_h() leaves room for them there. */
    Rect words = {inner.x, w->r.y + 2 * border, inner.w, w->r.h - 4 * border};
    if (w->kind == W_KEY) /* a key is narrow: its letter may come nearer its edge */
        words = (Rect){w->r.x + 2 * border, words.y, w->r.w - 4 * border, words.h};
    switch (w->kind) {
    case W_PANEL:
        if (w->flags & W_ALERT)
            box(rd, w->r, rad, border, T[TC_ALERT_TEXT], T[TC_ALERT_BG]);
        else
            fill_round(rd, w->r, 0, T[TC_BG]);
        break;
    case W_TEXT:
        draw_text(rd, v, w, w->text, w->r, w->size, bold, start,
                  (w->flags & W_ALERT) ? T[TC_ALERT_TEXT] : T[TC_TEXT]);
        break;
    case W_BUTTON:
    case W_CHOICE:
    case W_KEY:
        box(rd, w->r, rad, selected ? border * 2 : border, T[TC_BORDER], bg);
        draw_text(rd, v, w, w->text, words, w->size, 1, start, fg);
        break;
    case W_FACE:
    case W_SYMBOL: {
        box(rd, w->r, rad, selected ? border * 2 : border, T[TC_BORDER], bg);
        /* Without words (the review's picture of an answer) the face takes the whole box;
         * with them, a third of it, or as much as their lines need (the face gives way). */
        int label_h = 0;
        if (w->text && *w->text) {
            int tw, need = render_measure(rd, v, w->text, TS_SMALL, 1, inner.w, &tw) + pad / 2;
            label_h = need > w->r.h / 3 ? need : w->r.h / 3;
            if (label_h > w->r.h - pad)
                label_h = w->r.h - pad;
        }
        int size = w->r.h - label_h - pad;
        if (size > w->r.w - pad)
            size = w->r.w - pad;
        if (size < 0)
            size = 0;
        Rect pic = {w->r.x + (w->r.w - size) / 2, w->r.y + (label_h ? pad / 2 : (w->r.h - size) / 2),
                    size, size};
        if (w->kind == W_FACE)
            draw_face(rd, pic.x + size / 2, pic.y + size / 2, size / 2, w->level, selected);
        else
            draw_symbol(rd, v, pic, w->level, fg);
        draw_text(rd, v, w, w->text,
                  (Rect){inner.x, w->r.y + w->r.h - label_h, inner.w, label_h - pad / 2}, TS_SMALL,
                  1, 0, fg);
        break;
    }
    case W_PROGRESS: {
        fill_round(rd, w->r, w->r.h / 2, T[TC_TRACK]);
        Rect done = w->r;
        done.w = (int)((long long)w->r.w * w->level / 1000);
        if (v->look.rtl) /* progress grows from the start: the right in right-to-left */
            done.x = w->r.x + w->r.w - done.w;
        if (done.w > 0)
            fill_round(rd, done, w->r.h / 2, T[TC_PRIMARY]);
        break;
    }
    case W_IMAGE:
        draw_image(rd, w->text, w->r, selected, border);
        break;
    case W_HEART:
        draw_heart(rd, w->r);
        break;
    case W_SPEAK: {
        box(rd, w->r, rad, selected ? border * 2 : border, T[TC_BORDER], bg);
        int m = border * 2 + (int)(2 * v->unit);
        draw_speaker(rd, (Rect){w->r.x + m, w->r.y + m, w->r.w - 2 * m, w->r.h - 2 * m}, fg,
                     v->look.rtl);
        break;
    }
    case W_FIELD: {
        box(rd, w->r, rad, selected ? border * 2 : border, selected ? T[TC_PRIMARY] : T[TC_BORDER],
            T[TC_BUTTON]);
        Placed p = draw_field_text(rd, v, w->text, inner, w->size, start, T[TC_TEXT]);
        if (selected && p.ok) {
            /* A caret at the text's logical end: where the next letter goes. */
            int x = p.x + p.end_x + (p.end_rtl ? -(border + 2) : 2);
            if (x > inner.x + inner.w - border)
                x = inner.x + inner.w - border;
            if (x < inner.x)
                x = inner.x;
            int top = p.y + p.end_y, h = p.line_h;
            if (top < inner.y || top + h > inner.y + inner.h) {
                top = inner.y + inner.h / 6;
                h = inner.h * 2 / 3;
            }
            SDL_Rect caret = {x, top + h / 8, border, h * 3 / 4};
            color(rd, T[TC_PRIMARY]);
            SDL_RenderFillRect(rd->r, &caret);
        }
        break;
    }
    }
}

void render_view(Render *rd, const View *v)
{
    rd->theme = render_themes[v->look.contrast ? RENDER_THEME_CONTRAST : RENDER_THEME_DEFAULT];
    color(rd, rd->theme[TC_BG]);
    SDL_RenderClear(rd->r);
    for (int i = 0; i < v->nwidgets; i++)
        draw_widget(rd, v, &v->widgets[i]);
    if (v->ring)
        draw_ring(rd, v, v->ring_r);
}

int render_save_png(Render *rd, int w, int h, const char *path, char *err)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s) {
        snprintf(err, ERR_LEN, "%s: %s", path, SDL_GetError());
        return -1;
    }
    int rc = -1;
    /* Encoded in memory, then written as every output is (fileio.h): never through whatever
     * is at path. A PNG is never larger than the raw pixels, a filter byte a row and deflate's
     * stored-block overhead (5 bytes in 16 KiB), plus its headers. */
    size_t raw = (size_t)w * (size_t)h * 4 + (size_t)h;
    size_t cap = raw + raw / 8192 + 4096;
    char *png = cap <= INT_MAX ? malloc(cap) : NULL;
    SDL_RWops *rw = png ? SDL_RWFromMem(png, (int)cap) : NULL;
    if (!rw)
        snprintf(err, ERR_LEN, "%s: out of memory for the picture", path);
    else if (SDL_RenderReadPixels(rd->r, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch) != 0)
        snprintf(err, ERR_LEN, "%s: cannot read the frame: %s", path, SDL_GetError());
    else if (IMG_SavePNG_RW(s, rw, 0) != 0)
        snprintf(err, ERR_LEN, "%s: cannot encode: %s", path, IMG_GetError());
    else if (file_write_atomic(path, png, (size_t)SDL_RWtell(rw), 0600, err) == 0)
        rc = 0;
    if (rw)
        SDL_RWclose(rw);
    free(png);
    SDL_FreeSurface(s);
    return rc;
}

int render_text_has_missing_glyphs(Render *rd, const char *text)
{
    if (!text)
        return 0;
    return text_missing_glyphs(rd->tf, text, strlen(text), NULL) > 0;
}
