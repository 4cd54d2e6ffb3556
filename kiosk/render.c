/* render.c: draws a View with SDL2 and SDL2_ttf. See render.h.
 *
 * Start reading at render_view(): one function per widget kind. Colours are one theme table;
 * every text/background pair in it has a contrast ratio of at least 4.5:1 (WCAG AA). */
#include "render.h"

#include <SDL_image.h>
#include <SDL_ttf.h>
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chorus_limits.h"

#define FONTS_MAX 24
#define CACHE_MAX 384

typedef struct {
    int px, bold;
    TTF_Font *font;
} FontSlot;

typedef struct {
    char *text; /* heap copy, wiped when evicted */
    size_t len;
    int px, bold, wrap, align;
    SDL_Color color;
    SDL_Texture *tex;
    int w, h;
    unsigned long long used;
} CacheEntry;

struct Render {
    SDL_Renderer *r;
    char regular[1024], bold[1024];
    FontSlot fonts[FONTS_MAX];
    int nfonts;
    CacheEntry cache[CACHE_MAX];
    unsigned long long clock;
};

/* The theme. */
static const SDL_Color C_BG = {0xF6, 0xF4, 0xEF, 255};
static const SDL_Color C_TEXT = {0x1B, 0x1B, 0x2F, 255};
static const SDL_Color C_BUTTON = {0xFF, 0xFF, 0xFF, 255};
static const SDL_Color C_BORDER = {0x3B, 0x4A, 0x6B, 255};
static const SDL_Color C_PRIMARY = {0x1F, 0x4E, 0x8C, 255};
static const SDL_Color C_ON_PRIMARY = {0xFF, 0xFF, 0xFF, 255};
static const SDL_Color C_QUIET = {0xE9, 0xE6, 0xDE, 255};
static const SDL_Color C_DISABLED_TEXT = {0x5E, 0x5E, 0x66, 255};
static const SDL_Color C_DISABLED = {0xDD, 0xDB, 0xD6, 255};
static const SDL_Color C_ALERT_BG = {0xFF, 0xF1, 0xCC, 255};
static const SDL_Color C_ALERT_TEXT = {0x6B, 0x40, 0x00, 255};
static const SDL_Color C_TRACK = {0xD6, 0xD2, 0xC8, 255};
static const SDL_Color C_FACE = {0xFF, 0xD9, 0x70, 255};

static const int base_px[TS_COUNT] = {26, 32, 42, 64};

Render *render_new(SDL_Renderer *r, const char *font_dir, char *err)
{
    Render *rd = calloc(1, sizeof *rd);
    if (!rd) {
        snprintf(err, ERR_LEN, "out of memory");
        return NULL;
    }
    rd->r = r;
    snprintf(rd->regular, sizeof rd->regular, "%s/NotoSans-Regular.ttf", font_dir);
    snprintf(rd->bold, sizeof rd->bold, "%s/NotoSans-Bold.ttf", font_dir);
    /* Open both now, so a missing font is an error at start, not a blank screen later. */
    for (int b = 0; b < 2; b++) {
        TTF_Font *f = TTF_OpenFont(b ? rd->bold : rd->regular, 32);
        if (!f) {
            snprintf(err, ERR_LEN, "%s: cannot open font: %s", b ? rd->bold : rd->regular,
                     TTF_GetError());
            free(rd);
            return NULL;
        }
        TTF_CloseFont(f);
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

void render_forget(Render *rd)
{
    for (int i = 0; i < CACHE_MAX; i++)
        cache_drop(&rd->cache[i]);
}

void render_free(Render *rd)
{
    if (!rd)
        return;
    render_forget(rd);
    for (int i = 0; i < rd->nfonts; i++)
        TTF_CloseFont(rd->fonts[i].font);
    free(rd);
}

static TTF_Font *font(Render *rd, int px, int bold)
{
    for (int i = 0; i < rd->nfonts; i++)
        if (rd->fonts[i].px == px && rd->fonts[i].bold == bold)
            return rd->fonts[i].font;
    if (rd->nfonts == FONTS_MAX) {
        /* Window sizes changed many times: start again. */
        for (int i = 0; i < rd->nfonts; i++)
            TTF_CloseFont(rd->fonts[i].font);
        rd->nfonts = 0;
        render_forget(rd);
    }
    TTF_Font *f = TTF_OpenFont(bold ? rd->bold : rd->regular, px);
    if (!f)
        return NULL;
    rd->fonts[rd->nfonts++] = (FontSlot){px, bold, f};
    return f;
}

/* A texture of text wrapped to wrap pixels, from the cache or made now. */
static CacheEntry *text_texture(Render *rd, const char *text, int px, int bold, int wrap,
                                int align, SDL_Color color)
{
    size_t len = strlen(text);
    rd->clock++;
    CacheEntry *oldest = &rd->cache[0];
    for (int i = 0; i < CACHE_MAX; i++) {
        CacheEntry *e = &rd->cache[i];
        if (e->tex && e->len == len && e->px == px && e->bold == bold && e->wrap == wrap &&
            e->align == align && memcmp(&e->color, &color, sizeof color) == 0 &&
            memcmp(e->text, text, len) == 0) {
            e->used = rd->clock;
            return e;
        }
        if (e->used < oldest->used)
            oldest = e;
    }
    TTF_Font *f = font(rd, px, bold);
    if (!f)
        return NULL;
    TTF_SetFontWrappedAlign(f, align ? TTF_WRAPPED_ALIGN_LEFT : TTF_WRAPPED_ALIGN_CENTER);
    SDL_Surface *s = TTF_RenderUTF8_Blended_Wrapped(f, text, color, (Uint32)(wrap > 1 ? wrap : 1));
    if (!s)
        return NULL;
    SDL_Texture *t = SDL_CreateTextureFromSurface(rd->r, s);
    int w = s->w, h = s->h;
    /* The pixels spell out what was typed: wipe them before the memory goes back. */
    if (!SDL_MUSTLOCK(s))
        sodium_memzero(s->pixels, (size_t)s->pitch * (size_t)s->h);
    SDL_FreeSurface(s);
    if (!t)
        return NULL;
    cache_drop(oldest);
    oldest->text = malloc(len + 1);
    if (!oldest->text) {
        SDL_DestroyTexture(t);
        return NULL;
    }
    memcpy(oldest->text, text, len + 1);
    *oldest = (CacheEntry){oldest->text, len, px, bold, wrap, align, color, t, w, h, rd->clock};
    return oldest;
}

/* Draws text inside r, shrinking the size until it fits (never below 60% of the small size). */
static void draw_text(Render *rd, const View *v, const char *text, Rect r, TextSize size,
                      int bold, int left, SDL_Color color)
{
    if (!text || !*text || r.w <= 0 || r.h <= 0)
        return;
    int px = (int)(base_px[size] * v->unit + 0.5f);
    int floor_px = (int)(base_px[TS_SMALL] * v->unit * 0.6f);
    if (floor_px < 10)
        floor_px = 10;
    if (px < floor_px)
        px = floor_px;
    CacheEntry *e = NULL;
    for (;;) {
        e = text_texture(rd, text, px, bold, r.w, left, color);
        if (!e || e->h <= r.h || px <= floor_px)
            break;
        px = px * 9 / 10;
        if (px < floor_px)
            px = floor_px;
    }
    if (!e)
        return;
    SDL_Rect dst = {left ? r.x : r.x + (r.w - e->w) / 2, r.y + (r.h - e->h) / 2, e->w, e->h};
    if (e->h > r.h)
        dst.y = r.y;
    SDL_Rect clip = {r.x, r.y, r.w, r.h};
    SDL_RenderSetClipRect(rd->r, &clip);
    SDL_RenderCopy(rd->r, e->tex, NULL, &dst);
    SDL_RenderSetClipRect(rd->r, NULL);
}

static void color(Render *rd, SDL_Color c) { SDL_SetRenderDrawColor(rd->r, c.r, c.g, c.b, c.a); }

/* A filled rectangle with rounded corners of radius rad. */
static void fill_round(Render *rd, Rect r, int rad, SDL_Color c)
{
    color(rd, c);
    if (rad * 2 > r.h)
        rad = r.h / 2;
    if (rad * 2 > r.w)
        rad = r.w / 2;
    SDL_Rect mid = {r.x, r.y + rad, r.w, r.h - 2 * rad};
    SDL_RenderFillRect(rd->r, &mid);
    for (int dy = 0; dy < rad; dy++) {
        float fy = (float)rad - (float)dy - 0.5f;
        int dx = rad - (int)sqrtf((float)(rad * rad) - fy * fy);
        SDL_Rect top = {r.x + dx, r.y + dy, r.w - 2 * dx, 1};
        SDL_Rect bot = {r.x + dx, r.y + r.h - 1 - dy, r.w - 2 * dx, 1};
        SDL_RenderFillRect(rd->r, &top);
        SDL_RenderFillRect(rd->r, &bot);
    }
}

/* A rounded box with a border of thickness t. */
static void box(Render *rd, Rect r, int rad, int t, SDL_Color border, SDL_Color fill)
{
    fill_round(rd, r, rad, border);
    fill_round(rd, (Rect){r.x + t, r.y + t, r.w - 2 * t, r.h - 2 * t}, rad > t ? rad - t : 0,
               fill);
}

static void fill_circle(Render *rd, int cx, int cy, int rad, SDL_Color c)
{
    color(rd, c);
    for (int dy = -rad; dy <= rad; dy++) {
        int dx = (int)sqrtf((float)(rad * rad - dy * dy));
        SDL_RenderDrawLine(rd->r, cx - dx, cy + dy, cx + dx, cy + dy);
    }
}

/* A thick line as a quad of two triangles. */
static void thick_line(Render *rd, float x0, float y0, float x1, float y1, float t, SDL_Color c)
{
    float dx = x1 - x0, dy = y1 - y0, len = sqrtf(dx * dx + dy * dy);
    if (len <= 0)
        return;
    float nx = -dy / len * t / 2, ny = dx / len * t / 2;
    SDL_Vertex vx[4] = {
        {{x0 + nx, y0 + ny}, c, {0, 0}},
        {{x1 + nx, y1 + ny}, c, {0, 0}},
        {{x1 - nx, y1 - ny}, c, {0, 0}},
        {{x0 - nx, y0 - ny}, c, {0, 0}},
    };
    int idx[6] = {0, 1, 2, 0, 2, 3};
    SDL_RenderGeometry(rd->r, NULL, vx, 4, idx, 6);
    fill_circle(rd, (int)x0, (int)y0, (int)(t / 2), c);
    fill_circle(rd, (int)x1, (int)y1, (int)(t / 2), c);
}

/* A face: level 0 (very sad) to 4 (very happy), all in the same colour so none is favoured. */
static void draw_face(Render *rd, int cx, int cy, int rad, int level)
{
    fill_circle(rd, cx, cy, rad, C_BORDER);
    fill_circle(rd, cx, cy, rad - (rad / 14 + 2), C_FACE);
    int eye = rad / 9 + 1;
    fill_circle(rd, cx - rad * 35 / 100, cy - rad * 25 / 100, eye, C_TEXT);
    fill_circle(rd, cx + rad * 35 / 100, cy - rad * 25 / 100, eye, C_TEXT);
    /* The mouth: a parabola whose bend runs from frown (-1) to smile (+1). */
    float bend = (float)(level - 2) / 2.0f;
    float w = (float)rad * 0.5f, my = (float)cy + (float)rad * 0.38f, depth = (float)rad * 0.22f;
    float t = (float)rad / 10.0f + 1.0f;
    const int steps = 12;
    for (int i = 0; i < steps; i++) {
        float u0 = -1 + 2.0f * (float)i / steps, u1 = -1 + 2.0f * (float)(i + 1) / steps;
        float y0 = my + bend * depth * (1 - u0 * u0) - bend * depth * 0.5f;
        float y1 = my + bend * depth * (1 - u1 * u1) - bend * depth * 0.5f;
        thick_line(rd, (float)cx + u0 * w, y0, (float)cx + u1 * w, y1, t, C_TEXT);
    }
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
        draw_text(rd, v, "?", r, TS_TITLE, 1, 0, c);
    }
}

static void draw_widget(Render *rd, const View *v, const Widget *w)
{
    int rad = (int)(14 * v->unit) + 2, border = (int)(3 * v->unit) + 1;
    int pad = (int)(16 * v->unit) + 2;
    int bold = (w->flags & W_BOLD) != 0, left = (w->flags & W_LEFT) != 0;
    int selected = (w->flags & W_SELECTED) != 0, disabled = (w->flags & W_DISABLED) != 0;
    SDL_Color fg = C_TEXT, bg = C_BUTTON;
    if (w->flags & W_PRIMARY) {
        bg = C_PRIMARY;
        fg = C_ON_PRIMARY;
    } else if (w->flags & W_QUIET) {
        bg = C_QUIET;
    }
    if (selected && w->kind != W_FIELD) {
        bg = C_PRIMARY;
        fg = C_ON_PRIMARY;
    }
    if (disabled) {
        bg = C_DISABLED;
        fg = C_DISABLED_TEXT;
    }
    Rect inner = {w->r.x + pad, w->r.y + pad / 2, w->r.w - 2 * pad, w->r.h - pad};
    switch (w->kind) {
    case W_PANEL:
        if (w->flags & W_ALERT)
            box(rd, w->r, rad, border, C_ALERT_TEXT, C_ALERT_BG);
        else
            fill_round(rd, w->r, 0, C_BG);
        break;
    case W_TEXT:
        draw_text(rd, v, w->text, w->r, w->size, bold, left,
                  (w->flags & W_ALERT) ? C_ALERT_TEXT : C_TEXT);
        break;
    case W_BUTTON:
    case W_CHOICE:
    case W_KEY:
        box(rd, w->r, rad, selected ? border * 2 : border, C_BORDER, bg);
        draw_text(rd, v, w->text, inner, w->size, 1, left, fg);
        break;
    case W_FACE:
    case W_SYMBOL: {
        box(rd, w->r, rad, selected ? border * 2 : border, C_BORDER, bg);
        int label_h = w->r.h / 3;
        int size = w->r.h - label_h - pad;
        if (size > w->r.w - pad)
            size = w->r.w - pad;
        Rect pic = {w->r.x + (w->r.w - size) / 2, w->r.y + pad / 2, size, size};
        if (w->kind == W_FACE)
            draw_face(rd, pic.x + size / 2, pic.y + size / 2, size / 2, w->level);
        else
            draw_symbol(rd, v, pic, w->level, fg);
        draw_text(rd, v, w->text, (Rect){inner.x, w->r.y + w->r.h - label_h, inner.w, label_h - pad / 2},
                  TS_SMALL, 1, 0, fg);
        break;
    }
    case W_PROGRESS: {
        fill_round(rd, w->r, w->r.h / 2, C_TRACK);
        Rect done = w->r;
        done.w = (int)((long long)w->r.w * w->level / 1000);
        if (done.w > 0)
            fill_round(rd, done, w->r.h / 2, C_PRIMARY);
        break;
    }
    case W_IMAGE: /* pictures and the speaker are drawn by the accessibility work (issue 4) */
    case W_SPEAK:
        box(rd, w->r, rad, border, C_BORDER, bg);
        break;
    case W_FIELD: {
        box(rd, w->r, rad, selected ? border * 2 : border, selected ? C_PRIMARY : C_BORDER,
            C_BUTTON);
        draw_text(rd, v, w->text, inner, w->size, 0, left, C_TEXT);
        if (selected) {
            /* A caret after the text: where the next letter goes. */
            int tw = 0, th = 0;
            TTF_Font *f = font(rd, (int)(base_px[w->size] * v->unit + 0.5f), 0);
            if (f && w->text && *w->text)
                TTF_SizeUTF8(f, w->text, &tw, &th);
            int x = left ? inner.x + tw + 2 : inner.x + (inner.w + tw) / 2 + 2;
            if (x > inner.x + inner.w)
                x = inner.x + inner.w;
            SDL_Rect caret = {x, inner.y + inner.h / 6, border, inner.h * 2 / 3};
            color(rd, C_PRIMARY);
            SDL_RenderFillRect(rd->r, &caret);
        }
        break;
    }
    }
}

void render_view(Render *rd, const View *v)
{
    color(rd, C_BG);
    SDL_RenderClear(rd->r);
    for (int i = 0; i < v->nwidgets; i++)
        draw_widget(rd, v, &v->widgets[i]);
}

int render_save_png(Render *rd, int w, int h, const char *path, char *err)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s) {
        snprintf(err, ERR_LEN, "%s: %s", path, SDL_GetError());
        return -1;
    }
    int rc = -1;
    if (SDL_RenderReadPixels(rd->r, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch) != 0)
        snprintf(err, ERR_LEN, "%s: cannot read the frame: %s", path, SDL_GetError());
    else if (IMG_SavePNG(s, path) != 0)
        snprintf(err, ERR_LEN, "%s: cannot save: %s", path, IMG_GetError());
    else
        rc = 0;
    SDL_FreeSurface(s);
    return rc;
}

int render_text_has_missing_glyphs(Render *rd, const char *text)
{
    TTF_Font *f = font(rd, 32, 0);
    if (!f)
        return 1;
    const unsigned char *p = (const unsigned char *)text;
    while (*p) {
        Uint32 c = *p;
        int n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
        if (n > 1) {
            c &= 0xFFu >> (n + 1);
            for (int k = 1; k < n && p[k]; k++)
                c = c << 6 | (p[k] & 0x3F);
        }
        for (int k = 0; k < n && *p; k++)
            p++;
        if (c >= 0x20 && !TTF_GlyphIsProvided32(f, c))
            return 1;
    }
    return 0;
}
