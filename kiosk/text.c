/* text.c: lays a UTF-8 text out for drawing, in any of the kiosk's languages. See text.h.
 *
 * Start reading at text_render(): decode, then for each paragraph bidi() (levels from
 * libfribidi) and pick_faces() (a font for each character), wrap() into lines on spaces in
 * logical order, and for each line put_line() reorders it visually (fribidi_reorder_line) and
 * renders each run of one level and one font with SDL_ttf, whose HarfBuzz shapes it in the run's
 * own direction and script. compose() then lays the lines on one surface on a common baseline.
 *
 * Why not TTF_RenderUTF8_Blended_Wrapped: it knows one font and one direction, so Arabic inside
 * English (or digits inside Arabic) would come out in the wrong order and Ethiopic and emoji as
 * empty boxes. Every surface that holds text is wiped before it is freed: it may spell an
 * answer. */
#include "text.h"

#include <SDL_ttf.h>
#include <fribidi.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chorus_limits.h"
#include "markup.h"

/* The faces, and each character's fallback order: the look's primary font first. */
enum { F_TEXT, F_DYSLEXIC, F_ARABIC, F_HEBREW, F_ETHIOPIC, F_EMOJI, F_COUNT };

static const struct {
    const char *regular, *bold; /* bold NULL: the regular one is used */
    const char *script;         /* the ISO 15924 script HarfBuzz shapes a run of this face in */
} faces[F_COUNT] = {
    [F_TEXT] = {"NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "Latn"},
    [F_DYSLEXIC] = {"OpenDyslexic-Regular.otf", "OpenDyslexic-Bold.otf", "Latn"},
    [F_ARABIC] = {"NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf", "Arab"},
    [F_HEBREW] = {"NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf", "Hebr"},
    [F_ETHIOPIC] = {"NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf", "Ethi"},
    [F_EMOJI] = {"NotoColorEmoji.ttf", NULL, "Zyyy"},
};

static const int chain_plain[] = {F_TEXT, F_ARABIC, F_HEBREW, F_ETHIOPIC, F_EMOJI, -1};
/* OpenDyslexic has Latin only (Vietnamese included): Noto Sans covers what it lacks. */
static const int chain_dyslexic[] = {F_DYSLEXIC, F_TEXT,  F_ARABIC, F_HEBREW,
                                     F_ETHIOPIC, F_EMOJI, -1};

/* Noto Color Emoji is a bitmap (CBDT) font with one strike of 109 pixels to the em. SDL_ttf
 * opens such a font at that strike whatever size is asked, so emoji are drawn at 109 and their
 * pixels scaled to the text size. */
#define EMOJI_PPEM 109
#define OPEN_FONTS_MAX 48 /* faces x weights x sizes kept open; more closes them all */
#define FONT_PATH_MAX 1024

typedef struct {
    int face, bold, px;
    TTF_Font *font;
} OpenFont;

/* Widths of pieces of text already measured, so a keystroke in a long answer does not shape
 * every earlier line again: appending a letter changes only the last line. Keyed by a keyed hash
 * (SipHash, a random key a process) of the piece and how it is drawn; the text itself is never
 * kept, and a collision of 64-bit keys (a wrong width for one piece) is left to chance. */
#define WIDTHS_MAX 4096 /* entries, direct-mapped */

typedef struct {
    uint64_t key; /* 0: empty */
    int w;
} Width;

struct TextFonts {
    char path[F_COUNT][2][FONT_PATH_MAX];
    TTF_Font *probe[F_COUNT]; /* each face's regular font: which characters it has */
    OpenFont open[OPEN_FONTS_MAX];
    int nopen;
    unsigned char width_key[crypto_shorthash_KEYBYTES];
    Width widths[WIDTHS_MAX];
    float scale[F_COUNT]; /* each face opens at px * scale, to one visual size (measure_fonts) */
    float box_asc[F_COUNT], box_desc[F_COUNT]; /* a line's ascent and descent: the font's times
                                                * these (measure_fonts()) */
};

/* Arabic letters that reach highest (with their marks) and lowest: a line's true height. */
static const Uint32 arabic_tall[] = {0x0623, 0x0625, 0x0622, 0x0644, 0x0643, 0x0637, 0x0638,
                                     0x064A, 0x062C, 0x0639, 0x0645, 0x0646, 0x0633, 0x0635,
                                     0x0642, 0x0648, 0x0632, 0x0631, 0x0649, 0x06AF, 0x06A9,
                                     0x067E, 0x06CC, 0x0626, 0};

/* What a face's letters are measured by against Noto Sans: a letter of its script and the Latin
 * one of the same role (the body of an Arabic letter against x, a Ge'ez syllable against a
 * capital), and the letters that set its line's height (NULL: the font's own). own 0: scale 1. */
static const struct {
    Uint32 own, latin;
    const Uint32 *tall;
} measures[F_COUNT] = {
    [F_ARABIC] = {0x0647, 'x', arabic_tall},
    [F_HEBREW] = {0x05E9, 'x', NULL},
    [F_ETHIOPIC] = {0x1208, 'H', NULL},
};

#define MEASURE_PX 128

/* The ink height of a glyph (0: none), and its top and bottom in *top, *bottom. */
static int ink(TTF_Font *f, Uint32 c, int *top, int *bottom)
{
    int minx, maxx, miny, maxy, adv;
    if (!TTF_GlyphIsProvided32(f, c) || TTF_GlyphMetrics32(f, c, &minx, &maxx, &miny, &maxy, &adv))
        return 0;
    *top = maxy;
    *bottom = miny;
    return maxy - miny;
}

/* Sets tf->scale and tf->box from the fonts. Noto Sans Arabic draws its letters' bodies
 * a little smaller than Noto Sans draws x, and reserves 2.1 em of line for stacks of marks few
 * words have (Noto Sans: 1.4), so at one size an Arabic word sat in a box half again as high,
 * and every box fitted to its height shrank Arabic text by about a third. Measured, not
 * hard-coded: another font file keeps the sizes matched. */
static int measure_fonts(TextFonts *tf, char *err)
{
    TTF_Font *latin = TTF_OpenFont(tf->path[F_TEXT][0], MEASURE_PX);
    if (!latin) {
        snprintf(err, ERR_LEN, "%s: cannot open font: %s", tf->path[F_TEXT][0], TTF_GetError());
        return -1;
    }
    for (int f = 0; f < F_COUNT; f++) {
        tf->scale[f] = 1.0f;
        tf->box_asc[f] = tf->box_desc[f] = 1.0f;
        if (!measures[f].own)
            continue;
        TTF_Font *own = TTF_OpenFont(tf->path[f][0], MEASURE_PX);
        if (!own) {
            snprintf(err, ERR_LEN, "%s: cannot open font: %s", tf->path[f][0], TTF_GetError());
            TTF_CloseFont(latin);
            return -1;
        }
        int t, b, lh = ink(latin, measures[f].latin, &t, &b), oh = ink(own, measures[f].own, &t, &b);
        float s = lh > 0 && oh > 0 ? (float)lh / (float)oh : 1.0f;
        /* Only ever larger (a script drawn small is the harm), and by at most a quarter. */
        tf->scale[f] = s < 1.0f ? 1.0f : s > 1.25f ? 1.25f : s;
        if (measures[f].tall) {
            int hi = 0, lo = 0;
            for (const Uint32 *c = measures[f].tall; *c; c++)
                if (ink(own, *c, &t, &b)) {
                    hi = t > hi ? t : hi;
                    lo = b < lo ? b : lo;
                }
            /* The tallest letters and their marks, with an eighth to spare. */
            float up = (float)hi * 1.125f, down = (float)-lo * 1.125f;
            int asc = TTF_FontAscent(own), desc = -TTF_FontDescent(own);
            if (hi > 0 && asc > 0 && up < (float)asc)
                tf->box_asc[f] = up / (float)asc;
            if (lo < 0 && desc > 0 && down < (float)desc)
                tf->box_desc[f] = down / (float)desc;
        }
        TTF_CloseFont(own);
    }
    TTF_CloseFont(latin);
    return 0;
}

TextFonts *text_fonts_new(const char *dir, char *err)
{
    TextFonts *tf = calloc(1, sizeof *tf);
    if (!tf) {
        snprintf(err, ERR_LEN, "out of memory");
        return NULL;
    }
    randombytes_buf(tf->width_key, sizeof tf->width_key);
    for (int f = 0; f < F_COUNT; f++) {
        for (int b = 0; b < 2; b++) {
            const char *name = b && faces[f].bold ? faces[f].bold : faces[f].regular;
            int n = snprintf(tf->path[f][b], FONT_PATH_MAX, "%s/%s", dir, name);
            if (n < 0 || n >= FONT_PATH_MAX) {
                snprintf(err, ERR_LEN, "%s: the font folder's path is too long", dir);
                goto fail;
            }
            /* Open every file now: a missing font is an error at start, not boxes later. */
            TTF_Font *font = TTF_OpenFont(tf->path[f][b], f == F_EMOJI ? EMOJI_PPEM : 32);
            if (!font) {
                snprintf(err, ERR_LEN, "%s: cannot open font: %s", tf->path[f][b], TTF_GetError());
                goto fail;
            }
            if (b == 0)
                tf->probe[f] = font;
            else
                TTF_CloseFont(font);
        }
    }
    if (measure_fonts(tf, err) != 0)
        goto fail;
    return tf;
fail:
    text_fonts_free(tf);
    return NULL;
}

static void close_open_fonts(TextFonts *tf)
{
    for (int i = 0; i < tf->nopen; i++)
        TTF_CloseFont(tf->open[i].font);
    tf->nopen = 0;
}

void text_fonts_free(TextFonts *tf)
{
    if (!tf)
        return;
    close_open_fonts(tf);
    for (int f = 0; f < F_COUNT; f++)
        if (tf->probe[f])
            TTF_CloseFont(tf->probe[f]);
    free(tf);
}

/* The face at a size; the pointer lasts until the next call (which may close it). */
static TTF_Font *get_font(TextFonts *tf, int face, int bold, int px)
{
    if (face == F_EMOJI)
        return tf->probe[F_EMOJI];
    bold = bold && faces[face].bold;
    for (int i = 0; i < tf->nopen; i++)
        if (tf->open[i].face == face && tf->open[i].bold == bold && tf->open[i].px == px)
            return tf->open[i].font;
    if (tf->nopen == OPEN_FONTS_MAX)
        close_open_fonts(tf); /* the window changed size many times: start again */
    TTF_Font *font = TTF_OpenFont(tf->path[face][bold], (int)((float)px * tf->scale[face] + 0.5f));
    if (!font)
        return NULL;
    tf->open[tf->nopen++] = (OpenFont){face, bold, px, font};
    return font;
}

static int has_glyph(const TextFonts *tf, int face, Uint32 c)
{
    return TTF_GlyphIsProvided32(tf->probe[face], c) != 0;
}

/* ---- characters ---- */

/* Invisible format characters: never drawn, never missing. */
static int is_ignorable(Uint32 c)
{
    return c == 0x00AD || c == 0x034F || c == 0x061C || (c >= 0x180B && c <= 0x180F) ||
           (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2060 && c <= 0x206F) || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF ||
           (c >= 0xE0000 && c <= 0xE0FFF);
}

/* A character shaped together with the one before it: a combining mark, a joiner, a variation
 * selector, an emoji skin tone, a keycap, an emoji tag. It keeps its base's font. */
static int joins_previous(Uint32 c, FriBidiCharType t)
{
    return t == FRIBIDI_TYPE_NSM || c == 0x200C || c == 0x200D || (c >= 0xFE00 && c <= 0xFE0F) ||
           (c >= 0x1F3FB && c <= 0x1F3FF) || c == 0x20E3 || (c >= 0xE0020 && c <= 0xE007F);
}

static int is_strong(FriBidiCharType t)
{
    return t == FRIBIDI_TYPE_LTR || t == FRIBIDI_TYPE_RTL || t == FRIBIDI_TYPE_AL;
}

/* A line may break after a space (not one that holds a number together, see bidi()). */
static int is_break(Uint32 c)
{
    return c == ' ' || c == 0x200B || c == 0x3000 || c == 0x1361;
}

/* ---- the decoded text ---- */

typedef struct {
    int n;                  /* characters */
    FriBidiChar *cp;        /* the characters, logical order */
    int *o8;                /* o8[i]: byte offset of character i in u8; o8[n] the end */
    char *u8;               /* the text again as clean UTF-8 */
    char *scratch;          /* a NUL-terminated piece of u8 for SDL_ttf */
    FriBidiCharType *types; /* bidi classes */
    FriBidiBracketType *brackets;
    FriBidiLevel *levels;
    FriBidiLevel *vlev;   /* a line's levels as reordering leaves them (levels stay as bidi
                           * made them, for a field that keeps them between keys) */
    FriBidiStrIndex *map; /* visual position -> logical index, per line */
    signed char *face;
    signed char *face0;     /* the face before clusters are moved whole (pick_faces) */
    unsigned char *nobreak; /* a space inside a number */
    unsigned char *style;   /* MARKUP_BOLD | MARKUP_ITALIC, from the text's style marks */
    int cap;                /* characters the arrays hold */
    size_t bytes;           /* of the one allocation all of these live in */
    void *block;
} Text;

static void text_free(Text *t)
{
    if (t->block) {
        sodium_memzero(t->block, t->bytes);
        free(t->block);
    }
    memset(t, 0, sizeof *t);
}

/* One code point from p (at most end - p bytes); invalid bytes are U+FFFD, one byte each. */
static Uint32 utf8_next(const unsigned char **pp, const unsigned char *end)
{
    const unsigned char *p = *pp;
    Uint32 c = *p;
    int n = c < 0x80             ? 0
            : (c & 0xE0) == 0xC0 ? 1
            : (c & 0xF0) == 0xE0 ? 2
            : (c & 0xF8) == 0xF0 ? 3
                                 : -1;
    if (n < 0 || end - p <= n) {
        *pp = p + 1;
        return n == 0 ? c : 0xFFFD;
    }
    if (n > 0) {
        c &= 0x3Fu >> n;
        for (int k = 1; k <= n; k++) {
            if ((p[k] & 0xC0) != 0x80) {
                *pp = p + 1;
                return 0xFFFD;
            }
            c = c << 6 | (p[k] & 0x3Fu);
        }
        static const Uint32 least[4] = {0, 0x80, 0x800, 0x10000};
        if (c < least[n] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
            *pp = p + 1;
            return 0xFFFD;
        }
    }
    *pp = p + n + 1;
    return c;
}

static int utf8_put(char *out, Uint32 c)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | c >> 6);
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | c >> 12);
        out[1] = (char)(0x80 | (c >> 6 & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | c >> 18);
    out[1] = (char)(0x80 | (c >> 12 & 0x3F));
    out[2] = (char)(0x80 | (c >> 6 & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* Makes t's arrays for cap characters in one block, keeping the first keep characters of what t
 * held before (whose block is then wiped and freed). Returns -1 when out of memory (t as it was). */
static int text_reserve(Text *t, size_t cap, int keep)
{
    if (cap > (size_t)INT_MAX / 8)
        return -1;
    size_t sz_cp = cap * sizeof(FriBidiChar), sz_o8 = (cap + 1) * sizeof(int), sz_u8 = 4 * cap + 1,
           sz_types = cap * sizeof(FriBidiCharType), sz_br = cap * sizeof(FriBidiBracketType),
           sz_lev = cap * sizeof(FriBidiLevel), sz_map = cap * sizeof(FriBidiStrIndex);
    /* Each array aligned to 8 bytes inside one block. */
#define ALIGN8(x) (((x) + 7) & ~(size_t)7)
    size_t bytes = ALIGN8(sz_cp) + ALIGN8(sz_o8) + 2 * ALIGN8(sz_u8) + ALIGN8(sz_types) +
                   ALIGN8(sz_br) + 2 * ALIGN8(sz_lev) + ALIGN8(sz_map) + 4 * ALIGN8(cap);
    char *b = calloc(1, bytes);
    if (!b)
        return -1;
    Text o = *t;
    t->block = b;
    t->bytes = bytes;
    t->cap = (int)cap;
    t->cp = (FriBidiChar *)(void *)b;
    b += ALIGN8(sz_cp);
    t->o8 = (int *)(void *)b;
    b += ALIGN8(sz_o8);
    t->u8 = b;
    b += ALIGN8(sz_u8);
    t->scratch = b;
    b += ALIGN8(sz_u8);
    t->types = (FriBidiCharType *)(void *)b;
    b += ALIGN8(sz_types);
    t->brackets = (FriBidiBracketType *)(void *)b;
    b += ALIGN8(sz_br);
    t->levels = (FriBidiLevel *)(void *)b;
    b += ALIGN8(sz_lev);
    t->vlev = (FriBidiLevel *)(void *)b;
    b += ALIGN8(sz_lev);
    t->map = (FriBidiStrIndex *)(void *)b;
    b += ALIGN8(sz_map);
    t->face = (signed char *)b;
    b += ALIGN8(cap);
    t->face0 = (signed char *)b;
    b += ALIGN8(cap);
    t->nobreak = (unsigned char *)b;
    b += ALIGN8(cap);
    t->style = (unsigned char *)b;
#undef ALIGN8
    if (o.block && keep > 0) {
        size_t k = (size_t)keep;
        memcpy(t->cp, o.cp, k * sizeof *t->cp);
        memcpy(t->o8, o.o8, (k + 1) * sizeof *t->o8);
        memcpy(t->u8, o.u8, (size_t)o.o8[keep]);
        memcpy(t->types, o.types, k * sizeof *t->types);
        memcpy(t->brackets, o.brackets, k * sizeof *t->brackets);
        memcpy(t->levels, o.levels, k * sizeof *t->levels);
        memcpy(t->face, o.face, k);
        memcpy(t->face0, o.face0, k);
        memcpy(t->nobreak, o.nobreak, k);
        memcpy(t->style, o.style, k);
    }
    if (o.block) {
        sodium_memzero(o.block, o.bytes); /* it spelled the text */
        free(o.block);
    }
    return 0;
}

/* Decodes (s, len) from byte b0 on into t as its characters from i0 on (those before stay):
 * tabs become spaces, a style mark (markup.h) sets the style of the characters after it,
 * carriage returns and other controls go. t holds at least len + 1 characters. */
static void decode_from(Text *t, const char *s, size_t len, int i0, size_t b0)
{
    const unsigned char *start = (const unsigned char *)s, *p = start + b0, *end = start + len;
    int n = i0, o = t->o8[i0];
    unsigned style = i0 > 0 ? t->style[i0 - 1] : 0;
    while (p < end) {
        Uint32 c = utf8_next(&p, end);
        if (c == '\t')
            c = ' ';
        if (c < 0x80 && MARKUP_IS_MARK(c)) {
            style = c & (MARKUP_BOLD | MARKUP_ITALIC);
            continue;
        }
        if ((c < 0x20 && c != '\n') || (c >= 0x7F && c < 0xA0))
            continue;
        t->style[n] = (unsigned char)style;
        t->cp[n] = c;
        t->o8[n] = o;
        o += utf8_put(t->u8 + o, c);
        n++;
    }
    t->o8[n] = o;
    t->u8[o] = '\0';
    t->n = n;
}

/* Decodes (s, len) into t: tabs become spaces, carriage returns and other controls go. */
static int decode(Text *t, const char *s, size_t len)
{
    memset(t, 0, sizeof *t);
    if (len > (size_t)INT_MAX / 8 || text_reserve(t, len + 1, 0) != 0)
        return -1;
    decode_from(t, s, len, 0, 0);
    return 0;
}

/* The piece [a, b) of the text, NUL-terminated, in t->scratch. */
static const char *piece(Text *t, int a, int b)
{
    size_t len = (size_t)(t->o8[b] - t->o8[a]);
    memcpy(t->scratch, t->u8 + t->o8[a], len);
    t->scratch[len] = '\0';
    return t->scratch;
}

/* The bidi levels of paragraph [ps, pe), and its direction. Asked for right to left, a paragraph
 * is so only if it has a right-to-left letter: one with none (a word the kiosk has no
 * translation for, "2 of 5", a number) reads left to right, or bidi would turn "2 of 5" into
 * "of 5 2". Otherwise the first strong letter decides, left to right if there is none.
 *
 * A single space between two numbers is taken as a separator inside the number (rule W4 then
 * keeps it one number), so a phone number such as "0800 1111" keeps its groups in order inside
 * Arabic instead of reading "1111 0800". */
/* Marks the spaces of [from, pe) that hold a number together (see bidi()). */
static void number_spaces(Text *t, int from, int pe)
{
    for (int i = from; i + 1 < pe; i++) {
        FriBidiCharType before = t->types[i - 1], after = t->types[i + 1];
        if ((t->cp[i] == ' ' || t->cp[i] == 0xA0) && before == after &&
            (before == FRIBIDI_TYPE_EN || before == FRIBIDI_TYPE_AN)) {
            t->types[i] = FRIBIDI_TYPE_CS;
            t->nobreak[i] = 1;
        }
    }
}

static int bidi(Text *t, int ps, int pe, int rtl, FriBidiParType *dir)
{
    int n = pe - ps;
    *dir = FRIBIDI_PAR_WLTR;
    if (n == 0) {
        *dir = rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
        return 0;
    }
    fribidi_get_bidi_types(t->cp + ps, n, t->types + ps);
    fribidi_get_bracket_types(t->cp + ps, n, t->types + ps, t->brackets + ps);
    for (int i = ps; i < pe && rtl; i++)
        if (t->types[i] == FRIBIDI_TYPE_RTL || t->types[i] == FRIBIDI_TYPE_AL) {
            *dir = FRIBIDI_PAR_RTL;
            break;
        }
    number_spaces(t, ps + 1, pe);
    if (fribidi_get_par_embedding_levels_ex(t->types + ps, t->brackets + ps, n, dir,
                                            t->levels + ps) == 0)
        return -1;
    return 0;
}

static int first_face(const TextFonts *tf, const int *chain, Uint32 c)
{
    for (int k = 0; chain[k] >= 0; k++)
        if (has_glyph(tf, chain[k], c))
            return chain[k];
    return chain[0]; /* nobody has it: the primary font's empty box */
}

/* A face for every character of [from, pe) of paragraph [ps, pe), from the start of a cluster
 * (those before stay as they were): letters the first font of the chain that has them;
 * spaces, digits and punctuation stay in the font before them when it has them (so "؟" and the
 * spaces of an Arabic sentence shape with it); marks and joiners stay with their base, and a
 * cluster whose font lacks a mark moves whole to a font that has all of it. */
static void pick_faces(const TextFonts *tf, Text *t, int ps, int from, int pe, const int *chain)
{
    for (int i = from; i < pe; i++) {
        Uint32 c = t->cp[i];
        FriBidiCharType ty = t->types[i];
        signed char before = i > ps ? t->face0[i - 1] : -1;
        if (i > ps && joins_previous(c, ty))
            t->face[i] = before;
        else if (!is_strong(ty) && i > ps && before != F_EMOJI && has_glyph(tf, before, c))
            t->face[i] = before;
        else
            t->face[i] = (signed char)first_face(tf, chain, c);
        t->face0[i] = t->face[i];
    }
    for (int s = from; s < pe;) {
        int e = s + 1;
        while (e < pe && joins_previous(t->cp[e], t->types[e]))
            e++;
        int ok = 1;
        for (int i = s; i < e && ok; i++)
            ok = is_ignorable(t->cp[i]) || has_glyph(tf, t->face[s], t->cp[i]);
        for (int k = 0; !ok && chain[k] >= 0; k++) {
            int all = 1;
            for (int i = s; i < e && all; i++)
                all = is_ignorable(t->cp[i]) || has_glyph(tf, chain[k], t->cp[i]);
            if (all) {
                for (int i = s; i < e; i++)
                    t->face[i] = (signed char)chain[k];
                ok = 1;
            }
        }
        s = e;
    }
}

/* ---- measuring and rendering runs ---- */

struct Layout;

typedef struct {
    TextFonts *tf;
    const TextStyle *st;
    Text *t;
    char *err;
    int words;           /* draw each word and each gap between words as runs of their own */
    struct Layout *old;  /* runs drawn before, whose pixels put_line() may take again */
    int keep;            /* ... when they end at or before this character (unchanged text) */
    unsigned *serial;    /* numbers runs drawn anew (NULL: no numbers) */
    int seen;            /* the end of the characters measured since wrap() reset it */
} Ctx;

/* The face's font at the style's size, set up to shape a run in direction rtl, in bold when
 * the whole text or the run is (style: MARKUP_*), slanted when the run is italic (SDL_ttf's
 * slant of the outlines: the fonts have no italic of their own). */
static TTF_Font *run_font(Ctx *x, int face, int rtl, unsigned style)
{
    int bold = x->st->bold || (style & MARKUP_BOLD);
    TTF_Font *f = get_font(x->tf, face, bold, x->st->px);
    if (!f) {
        snprintf(x->err, ERR_LEN, "%s at %d px: %s", x->tf->path[face][bold], x->st->px,
                 TTF_GetError());
        return NULL;
    }
    int want = (style & MARKUP_ITALIC) && face != F_EMOJI ? TTF_STYLE_ITALIC : TTF_STYLE_NORMAL;
    if (TTF_GetFontStyle(f) != want)
        TTF_SetFontStyle(f, want); /* only when it changes: it empties SDL_ttf's glyph cache */
    /* Both only fail without HarfBuzz, where SDL_ttf draws left to right unshaped anyway. */
    (void)TTF_SetFontDirection(f, rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
    (void)TTF_SetFontScriptName(f, faces[face].script);
    return f;
}

/* Pixels at the style's size for a length in the emoji font's pixels. */
static int emoji_px(const TextStyle *st, int v)
{
    return (v * st->px + EMOJI_PPEM / 2) / EMOJI_PPEM;
}

/* The width cache's slot for piece p drawn in face and direction rtl at the style's size, with
 * *key the key it must hold; NULL for a piece too long to be worth keeping. */
static Width *width_slot(Ctx *x, const char *p, int face, int rtl, unsigned style,
                         uint64_t *key)
{
    enum { LONGEST = 256 }; /* bytes: longer pieces are measured every time */
    int how[5] = {face, x->st->bold, x->st->px, rtl, (int)style};
    unsigned char in[sizeof how + LONGEST], h8[crypto_shorthash_BYTES];
    size_t len = strlen(p);
    if (len > LONGEST)
        return NULL;
    memcpy(in, how, sizeof how);
    memcpy(in + sizeof how, p, len);
    crypto_shorthash(h8, in, sizeof how + len, x->tf->width_key);
    sodium_memzero(in, sizeof how + len); /* it spelled part of an answer */
    memcpy(key, h8, sizeof *key);
    *key |= 1; /* never 0, an empty slot */
    return &x->tf->widths[*key % WIDTHS_MAX];
}

/* The width of [a, b), measured in pieces of one level and one face. Returns -1 on error. */
static int measure(Ctx *x, int a, int b)
{
    Text *t = x->t;
    int total = 0;
    x->seen = b > x->seen ? b : x->seen;
    for (int s = a; s < b;) {
        int e = s + 1;
        while (e < b && t->face[e] == t->face[s] && t->levels[e] == t->levels[s] &&
               t->style[e] == t->style[s])
            e++;
        const char *p = piece(t, s, e);
        uint64_t key = 0;
        Width *slot = width_slot(x, p, t->face[s], t->levels[s] & 1, t->style[s], &key);
        int w = 0, h = 0;
        if (slot && slot->key == key) {
            w = slot->w;
        } else {
            TTF_Font *f = run_font(x, t->face[s], t->levels[s] & 1, t->style[s]);
            if (!f)
                return -1;
            if (TTF_SizeUTF8(f, p, &w, &h) != 0)
                w = 0;
            if (slot)
                *slot = (Width){key, w};
        }
        total += t->face[s] == F_EMOJI ? emoji_px(x->st, w) : w;
        s = e;
    }
    return total;
}

static void surface_wipe_free(SDL_Surface *s)
{
    if (!s)
        return;
    if (!SDL_MUSTLOCK(s) && s->pixels)
        sodium_memzero(s->pixels, (size_t)s->pitch * (size_t)s->h);
    SDL_FreeSurface(s);
}

/* src scaled to dw x dh by averaging the source pixels each target pixel covers (alpha
 * weighted), so a 136-pixel emoji comes down to text size without jagged edges. */
static SDL_Surface *scale_area(SDL_Surface *src, int dw, int dh)
{
    SDL_Surface *d = SDL_CreateRGBSurfaceWithFormat(0, dw, dh, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!d)
        return NULL;
    for (int y = 0; y < dh; y++) {
        int y0 = (int)((long long)y * src->h / dh), y1 = (int)((long long)(y + 1) * src->h / dh);
        if (y1 <= y0)
            y1 = y0 + 1;
        Uint32 *out = (Uint32 *)(void *)((Uint8 *)d->pixels + (size_t)y * (size_t)d->pitch);
        for (int xx = 0; xx < dw; xx++) {
            int x0 = (int)((long long)xx * src->w / dw),
                x1 = (int)((long long)(xx + 1) * src->w / dw);
            if (x1 <= x0)
                x1 = x0 + 1;
            unsigned long long sa = 0, sr = 0, sg = 0, sb = 0, cnt = 0;
            for (int sy = y0; sy < y1 && sy < src->h; sy++) {
                const Uint32 *row = (const Uint32 *)(const void *)((const Uint8 *)src->pixels +
                                                                   (size_t)sy * (size_t)src->pitch);
                for (int sx = x0; sx < x1 && sx < src->w; sx++) {
                    Uint32 p = row[sx], a = p >> 24;
                    sa += a;
                    sr += a * (p >> 16 & 0xFF);
                    sg += a * (p >> 8 & 0xFF);
                    sb += a * (p & 0xFF);
                    cnt++;
                }
            }
            Uint32 v = 0;
            if (sa > 0 && cnt > 0)
                v = (Uint32)(sa / cnt) << 24 | (Uint32)(sr / sa) << 16 | (Uint32)(sg / sa) << 8 |
                    (Uint32)(sb / sa);
            out[xx] = v;
        }
    }
    return d;
}

/* src drawn over dst at (dx, dy) ("over" in straight alpha, both ARGB8888). */
static void blend_over(SDL_Surface *dst, const SDL_Surface *src, int dx, int dy)
{
    for (int y = 0; y < src->h; y++) {
        int ty = dy + y;
        if (ty < 0 || ty >= dst->h)
            continue;
        const Uint32 *s = (const Uint32 *)(const void *)((const Uint8 *)src->pixels +
                                                         (size_t)y * (size_t)src->pitch);
        Uint32 *d = (Uint32 *)(void *)((Uint8 *)dst->pixels + (size_t)ty * (size_t)dst->pitch);
        for (int xx = 0; xx < src->w; xx++) {
            int tx = dx + xx;
            if (tx < 0 || tx >= dst->w)
                continue;
            Uint32 sp = s[xx], sa = sp >> 24;
            if (sa == 0)
                continue;
            Uint32 dp = d[tx], da = dp >> 24;
            if (sa == 255 || da == 0) {
                d[tx] = sp;
                continue;
            }
            Uint32 dw = da * (255 - sa) / 255, oa = sa + dw, o = oa << 24;
            for (int sh = 0; sh <= 16; sh += 8) {
                Uint32 c = ((sp >> sh & 0xFF) * sa + (dp >> sh & 0xFF) * dw) / oa;
                o |= c << sh;
            }
            d[tx] = o;
        }
    }
}

/* A run of one face, one level and one style, rendered, placed on its line. */
typedef struct {
    SDL_Surface *s; /* NULL: nothing to draw (spaces only) */
    int face, line, x, w;
    unsigned style;  /* MARKUP_* */
    int lo, hi, rtl; /* the logical characters [lo, hi) it draws, and in which direction */
    unsigned serial; /* its pixels' number, when the Ctx numbers them */
} Run;

typedef struct {
    int w;   /* width */
    int rtl; /* its paragraph reads right to left */
    int n;   /* characters drawn */
} Line;

/* A line as wrap() cut it, before it is drawn: [a, b) of the paragraph starting at ps; the next
 * line starts at end (spaces where a line is cut are dropped). Where it was cut was decided by
 * the characters before seen (past the paragraph's end: also by where it ends), so a change at
 * seen or after leaves it as it is. plain: the paragraph has no explicit embedding or isolate. */
typedef struct {
    int ps, a, b, end, seen;
    FriBidiParType dir;
    int plain;
} Span;

typedef struct Layout {
    Span *spans;
    int nspans, spans_cap;
    Run *runs;
    int nruns, runs_cap;
    Line *lines;
    int nlines, lines_cap;
    int used[F_COUNT]; /* faces drawn */
} Layout;

static void layout_free(Layout *L)
{
    for (int i = 0; i < L->nruns; i++)
        surface_wipe_free(L->runs[i].s);
    free(L->spans);
    free(L->runs);
    free(L->lines);
    memset(L, 0, sizeof *L);
}

static int grow(void **p, int *cap, int want, size_t size)
{
    if (want <= *cap)
        return 0;
    int ncap = *cap ? *cap * 2 : 16;
    while (ncap < want)
        ncap *= 2;
    void *np = realloc(*p, (size_t)ncap * size);
    if (!np)
        return -1;
    *p = np;
    *cap = ncap;
    return 0;
}

/* Renders the logical run [lo, hi) in face, direction rtl and style (MARKUP_*) into a surface
 * at the style's size (NULL with *w for spaces only). Returns -1 on error. */
static int render_run(Ctx *x, int lo, int hi, int face, int rtl, unsigned style,
                      SDL_Surface **out, int *w)
{
    *out = NULL;
    *w = 0;
    TTF_Font *f = run_font(x, face, rtl, style);
    if (!f)
        return -1;
    const char *s = piece(x->t, lo, hi);
    int h = 0;
    if (TTF_SizeUTF8(f, s, w, &h) != 0 || *w <= 0) {
        *w = 0;
        return 0;
    }
    int blank = 1;
    for (int i = lo; i < hi && blank; i++)
        blank = x->t->cp[i] == ' ' || x->t->cp[i] == 0xA0 || is_ignorable(x->t->cp[i]);
    if (blank) {
        if (face == F_EMOJI)
            *w = emoji_px(x->st, *w);
        return 0;
    }
    SDL_Surface *r = TTF_RenderUTF8_Blended(f, s, x->st->color);
    if (!r)
        return 0; /* nothing SDL_ttf can draw (zero width): leave the gap */
    if (r->format->format != SDL_PIXELFORMAT_ARGB8888) {
        SDL_Surface *c = SDL_ConvertSurfaceFormat(r, SDL_PIXELFORMAT_ARGB8888, 0);
        surface_wipe_free(r);
        r = c;
        if (!r) {
            snprintf(x->err, ERR_LEN, "cannot convert a text surface: %s", SDL_GetError());
            return -1;
        }
    }
    if (face == F_EMOJI) {
        int dw = emoji_px(x->st, r->w), dh = emoji_px(x->st, r->h);
        SDL_Surface *sc = scale_area(r, dw > 0 ? dw : 1, dh > 0 ? dh : 1);
        surface_wipe_free(r);
        r = sc;
        if (!r) {
            snprintf(x->err, ERR_LEN, "cannot scale an emoji: %s", SDL_GetError());
            return -1;
        }
    }
    *w = r->w;
    *out = r;
    return 0;
}

/* Whether a run may be cut before logical character m when it is drawn word by word: between a
 * gap where a line may break and a word, never before a mark or joiner (it shapes with the
 * character before). */
static int word_edge(const Text *t, int m)
{
    int gap_before = is_break(t->cp[m - 1]) && !t->nobreak[m - 1],
        gap = is_break(t->cp[m]) && !t->nobreak[m];
    return gap_before != gap && !joins_previous(t->cp[m], t->types[m]);
}

/* The pixels of [lo, hi) in face and direction rtl as the Ctx's old layout drew them, taken
 * from it into *s, *w and *serial, when that text is unchanged. Returns 1 if taken. */
static int take_again(Ctx *x, int lo, int hi, int face, int rtl, unsigned style,
                      SDL_Surface **s, int *w, unsigned *serial)
{
    if (!x->old || hi > x->keep)
        return 0;
    for (int i = 0; i < x->old->nruns; i++) {
        Run *r = &x->old->runs[i];
        if (r->s && r->lo == lo && r->hi == hi && r->face == face && r->rtl == rtl &&
            r->style == style) {
            *s = r->s;
            *w = r->w;
            *serial = r->serial;
            r->s = NULL;
            return 1;
        }
    }
    return 0;
}

/* Line [a, b) of paragraph [ps, pe) (direction dir) in visual order, its runs rendered and
 * added to L. Returns -1 on error. */
static int put_line(Ctx *x, Layout *L, int ps, int a, int b, FriBidiParType dir)
{
    Text *t = x->t;
    if (grow((void **)&L->lines, &L->lines_cap, L->nlines + 1, sizeof *L->lines) != 0)
        goto oom;
    Line *ln = &L->lines[L->nlines];
    *ln = (Line){0, FRIBIDI_IS_RTL(dir) != 0, b - a};
    int line = L->nlines++;
    if (a == b)
        return 0;
    for (int i = a; i < b; i++) {
        t->map[i] = i;
        t->vlev[i] = t->levels[i];
    }
    if (fribidi_reorder_line(0, t->types + ps, b - a, a - ps, dir, t->vlev + ps, NULL,
                             t->map + ps) == 0) {
        snprintf(x->err, ERR_LEN, "cannot reorder a line (fribidi)");
        return -1;
    }
    int xpos = 0;
    for (int v = a; v < b;) {
        int li = t->map[v], face = t->face[li], lev = t->vlev[li], step = (lev & 1) ? -1 : 1;
        unsigned style = t->style[li];
        int u = v + 1;
        while (u < b && t->face[t->map[u]] == face && t->vlev[t->map[u]] == lev &&
               t->style[t->map[u]] == style &&
               t->map[u] == t->map[u - 1] + step &&
               !(x->words && word_edge(t, step > 0 ? t->map[u] : t->map[u - 1])))
            u++;
        int lo = step > 0 ? li : t->map[u - 1], hi = (step > 0 ? t->map[u - 1] : li) + 1;
        SDL_Surface *s = NULL;
        int w = 0;
        unsigned serial = 0;
        if (!take_again(x, lo, hi, face, lev & 1, style, &s, &w, &serial)) {
            if (render_run(x, lo, hi, face, lev & 1, style, &s, &w) != 0)
                return -1;
            if (s && x->serial)
                serial = ++*x->serial;
        }
        if (grow((void **)&L->runs, &L->runs_cap, L->nruns + 1, sizeof *L->runs) != 0) {
            surface_wipe_free(s);
            goto oom;
        }
        L->runs[L->nruns++] = (Run){s, face, line, xpos, w, style, lo, hi, lev & 1, serial};
        if (s)
            L->used[face] = 1;
        xpos += w;
        v = u;
    }
    L->lines[line].w = xpos;
    return 0;
oom:
    snprintf(x->err, ERR_LEN, "out of memory");
    return -1;
}

/* The next cluster boundary after m (b at most). */
static int next_boundary(const Text *t, int m, int b)
{
    m++;
    while (m < b && joins_previous(t->cp[m], t->types[m]))
        m++;
    return m;
}

/* The end of the longest start of [a, b) no wider than width, on a character cluster boundary,
 * at least one cluster: where a word too long for a line is cut. Returns -1 on error.
 *
 * Why galloping: measuring a start shapes all of it, so trying every length in turn cost the
 * square of a line for each line, and a long word typed key by key took minutes. Lengths 1, 2,
 * 4... clusters until one is too wide, then halving between the last two, measure a few times
 * the line's length, never much more of the word than fits. */
static int fit_prefix(Ctx *x, int a, int b, int width)
{
    Text *t = x->t;
    int best = next_boundary(t, a, b); /* one cluster always goes */
    if (best >= b)
        return b;
    int too_wide = -1; /* the shortest end known not to fit; -1: none found yet */
    for (int step = 1;; step *= 2) {
        int m = best;
        for (int k = 0; k < step && m < b; k++)
            m = next_boundary(t, m, b);
        int w = measure(x, a, m);
        if (w < 0)
            return -1;
        if (w > width) {
            too_wide = m;
            break;
        }
        best = m;
        if (m >= b)
            return b;
    }
    /* The answer lies in [best, too_wide): halve by characters, then land on a boundary. */
    while (next_boundary(t, best, b) < too_wide) {
        int mid = best + (too_wide - best) / 2;
        while (mid > best && mid < b && joins_previous(t->cp[mid], t->types[mid]))
            mid--;
        if (mid <= best)
            mid = next_boundary(t, best, b);
        int w = measure(x, a, mid);
        if (w < 0)
            return -1;
        if (w > width)
            too_wide = mid;
        else
            best = mid;
    }
    return best;
}

/* Whether [a, b) is no wider than width: 1 yes, 0 no, -1 on error. A long word is measured
 * only as far as a line could hold (see fit_prefix), not whole for every line it starts. */
static int fits(Ctx *x, int a, int b, int width, int *w_out)
{
    enum { SHORT_WORD = 64 }; /* characters: shorter words are measured whole, once */
    if (b - a > SHORT_WORD) {
        int m = fit_prefix(x, a, b, width);
        if (m < 0)
            return -1;
        if (m < b)
            return 0;
    }
    int w = measure(x, a, b);
    if (w < 0)
        return -1;
    *w_out = w;
    return w <= width;
}

/* Paragraph [ps, pe) from pos (the start of a line) wrapped into lines on spaces in logical
 * order, each added to L's spans.
 * Spaces where a line is cut are dropped; those at the paragraph's end stay (a caret goes after
 * them). */
static int wrap(Ctx *x, Layout *L, int ps, int pos, int pe, FriBidiParType dir)
{
    Text *t = x->t;
    int wrap_w = x->st->wrap;
    do {
        int end = pos, line_w = 0, cut = 0, pieces = 0;
        x->seen = pos;
        for (int i = pos; i < pe && !cut;) {
            int k = i;
            while (k < pe && !(is_break(t->cp[k]) && !t->nobreak[k]))
                k++;
            int j = k;
            while (j < pe && is_break(t->cp[j]) && !t->nobreak[j])
                j++;
            /* cp[j] was looked at; reaching pe, the line depended on where the text ends */
            x->seen = j + 1 > x->seen ? j + 1 : x->seen;
            int core = 0, spaces = measure(x, k, j);
            if (spaces < 0)
                return -1;
            int fit = wrap_w > 0 ? fits(x, i, k, end > pos ? wrap_w - line_w : wrap_w, &core) : 1;
            if (fit < 0 || (wrap_w <= 0 && (core = measure(x, i, k)) < 0))
                return -1;
            if (!fit && end > pos) {
                cut = 1; /* the word goes on the next line */
                continue;
            }
            if (!fit) {
                /* Wider than a line on its own: cut it (a line holds at least one cluster). */
                int m = fit_prefix(x, i, k, wrap_w);
                if (m < 0 || (m == k && (core = measure(x, i, k)) < 0))
                    return -1;
                if (m < k) {
                    end = m;
                    cut = 1;
                    continue;
                }
            }
            line_w += core + spaces;
            pieces += 2 + (k - i) / 16;
            end = j;
            i = j;
        }
        int draw_end = end;
        if (end < pe)
            while (draw_end > pos && is_break(t->cp[draw_end - 1]) && !t->nobreak[draw_end - 1])
                draw_end--;
        /* The line is drawn whole, and a whole line is not as wide as its words and spaces
         * measured apart: each measure rounds its width to a pixel, and a font whose advances
         * are fractions of one (Noto Sans Ethiopic) came out a pixel or two wider than the wrap.
         * So a line that is that near the wrap is measured whole, and gives up its last words
         * while it is too wide. Only those: a measure of the whole line for every line would
         * double the cost of wrapping. */
        while (wrap_w > 0 && draw_end > pos && line_w + pieces + 1 > wrap_w) {
            int whole = measure(x, pos, draw_end);
            if (whole < 0)
                return -1;
            if (whole <= wrap_w)
                break;
            int k = draw_end; /* the start of the line's last word */
            while (k > pos && !(is_break(t->cp[k - 1]) && !t->nobreak[k - 1]))
                k--;
            if (k <= pos)
                break; /* one word, cut to fit by fit_prefix (measured whole) */
            end = k;
            draw_end = k;
            while (draw_end > pos && is_break(t->cp[draw_end - 1]) && !t->nobreak[draw_end - 1])
                draw_end--;
            line_w = whole; /* still near: the loop measures again */
        }
        if (grow((void **)&L->spans, &L->spans_cap, L->nspans + 1, sizeof *L->spans) != 0) {
            snprintf(x->err, ERR_LEN, "out of memory");
            return -1;
        }
        if (pos == pe)
            x->seen = pe + 1;
        L->spans[L->nspans++] = (Span){ps, pos, draw_end, end, x->seen, dir, 0};
        pos = end;
    } while (pos < pe);
    return 0;
}

/* The ascent and descent of face at the style's size: what a line gives it (the font's,
 * trimmed to its tallest letters: measure_fonts()). The font's own ascent, where its runs' baselines
 * sit, in *font_asc when not NULL. */
static void face_metrics(Ctx *x, int face, int *asc, int *desc, int *font_asc)
{
    TTF_Font *f = get_font(x->tf, face, x->st->bold, x->st->px);
    *asc = *desc = 0;
    if (!f)
        return;
    *asc = TTF_FontAscent(f);
    *desc = -TTF_FontDescent(f);
    if (face == F_EMOJI) {
        *asc = emoji_px(x->st, *asc);
        *desc = emoji_px(x->st, *desc);
    }
    if (font_asc)
        *font_asc = *asc;
    *asc = (int)((float)*asc * x->tf->box_asc[face] + 0.5f);
    *desc = (int)((float)*desc * x->tf->box_desc[face] + 0.5f);
}

/* The size of L's lines on a common baseline and where the text ends, in out (no surface); the
 * baseline's height in *asc_out and each face's own ascent in face_asc (a run of the face has its
 * top that much above the baseline). */
static void place(Ctx *x, Layout *L, int primary, TextImage *out, int *asc_out,
                  int face_asc[F_COUNT])
{
    int asc = 0, desc = 0;
    memset(face_asc, 0, F_COUNT * sizeof *face_asc);
    L->used[primary] = 1; /* an empty line is as high as the primary font's */
    for (int f = 0; f < F_COUNT; f++) {
        if (!L->used[f])
            continue;
        int a, d;
        face_metrics(x, f, &a, &d, &face_asc[f]);
        asc = a > asc ? a : asc;
        desc = d > desc ? d : desc;
    }
    /* Lines step by the fonts' full height, but at most 1.6 em (never less than the primary
     * font's own height): Noto Sans Arabic's is 2.1 em, made for stacks of marks few words have,
     * and a paragraph spaced by it reads as separate lines. The first and last lines keep the
     * full ascent and descent, so nothing is cut off at the edges. */
    int pitch = asc + desc, width = 0, pa, pd;
    face_metrics(x, primary, &pa, &pd, NULL);
    if (pitch > x->st->px * 8 / 5)
        pitch = x->st->px * 8 / 5;
    if (pitch < pa + pd)
        pitch = pa + pd;
    for (int i = 0; i < L->nlines; i++)
        width = L->lines[i].w > width ? L->lines[i].w : width;
    out->line_h = pitch;
    out->h = pitch * (L->nlines - 1) + asc + desc;
    out->w = width;
    const Line *last = &L->lines[L->nlines - 1];
    int last_x = x->st->align == TEXT_CENTRE ? (width - last->w) / 2
                 : last->rtl                 ? width - last->w
                                             : 0;
    out->end_x = last->rtl ? last_x : last_x + last->w;
    out->end_y = pitch * (L->nlines - 1) + asc - pa;
    out->rtl = last->rtl;
    *asc_out = asc;
}

/* The left of line ln in an image width wide: aligned as the style says. */
static int line_x(const Ctx *x, const Line *ln, int width)
{
    return x->st->align == TEXT_CENTRE ? (width - ln->w) / 2 : ln->rtl ? width - ln->w : 0;
}

/* The lines of L on one surface, on a common baseline, each aligned as the style says. */
static int compose(Ctx *x, Layout *L, int primary, TextImage *out)
{
    int asc = 0, face_asc[F_COUNT];
    place(x, L, primary, out, &asc, face_asc);
    int width = out->w, pitch = out->line_h;
    if (width == 0)
        return 0;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, width, out->h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s) {
        snprintf(x->err, ERR_LEN, "cannot make a text surface: %s", SDL_GetError());
        return -1;
    }
    SDL_FillRect(s, NULL, 0);
    for (int i = 0; i < L->nruns; i++) {
        const Run *r = &L->runs[i];
        if (!r->s)
            continue;
        blend_over(s, r->s, line_x(x, &L->lines[r->line], width) + r->x,
                   r->line * pitch + asc - face_asc[r->face]);
    }
    out->surface = s;
    return 0;
}

int text_render(TextFonts *tf, const char *text, size_t len, const TextStyle *st, TextImage *out,
                char *err)
{
    memset(out, 0, sizeof *out);
    Text t;
    Layout L = {0};
    int rc = -1;
    if (decode(&t, text ? text : "", text ? len : 0) != 0) {
        snprintf(err, ERR_LEN, "out of memory");
        return -1;
    }
    Ctx x = {tf, st, &t, err, 0, NULL, 0, NULL, 0};
    const int *chain = st->dyslexic ? chain_dyslexic : chain_plain;
    for (int ps = 0;;) {
        int pe = ps;
        while (pe < t.n && t.cp[pe] != '\n')
            pe++;
        FriBidiParType dir;
        if (bidi(&t, ps, pe, st->rtl, &dir) != 0) {
            snprintf(err, ERR_LEN, "cannot apply the bidi algorithm (fribidi)");
            goto done;
        }
        pick_faces(tf, &t, ps, ps, pe, chain);
        if (wrap(&x, &L, ps, ps, pe, dir) != 0)
            goto done;
        if (pe >= t.n)
            break;
        ps = pe + 1;
    }
    /* Only the lines that will be drawn are put in visual order and rendered. */
    int first = st->max_lines > 0 && L.nspans > st->max_lines ? L.nspans - st->max_lines : 0;
    for (int i = first; i < L.nspans; i++)
        if (put_line(&x, &L, L.spans[i].ps, L.spans[i].a, L.spans[i].b, L.spans[i].dir) != 0)
            goto done;
    rc = compose(&x, &L, chain[0], out);
    out->lines_hidden = first;
done:
    layout_free(&L);
    text_free(&t);
    if (rc != 0)
        text_image_wipe(out);
    return rc;
}

/* ---- a text field ---- */

struct TextField {
    int ready;      /* t and L hold a layout of the last text, in style st with fonts tf */
    TextFonts *tf;
    TextStyle st;   /* max_lines aside */
    Text t;
    Layout L;       /* the spans of every line; lines and runs of those drawn */
    TextImage img;  /* no surface: the pixels are in the runs */
    int asc, face_asc[F_COUNT];
    unsigned serial;
};

TextField *text_field_new(void)
{
    return calloc(1, sizeof(TextField));
}

void text_field_wipe(TextField *f)
{
    layout_free(&f->L);
    text_free(&f->t);
    TextField empty = {0};
    empty.serial = f->serial; /* a renderer's textures are known by serial: never one again */
    *f = empty;
}

void text_field_free(TextField *f)
{
    if (!f)
        return;
    text_field_wipe(f);
    free(f);
}

static int same_style(const TextStyle *a, const TextStyle *b)
{
    return a->px == b->px && a->bold == b->bold && a->dyslexic == b->dyslexic &&
           a->rtl == b->rtl && a->wrap == b->wrap && a->align == b->align &&
           memcmp(&a->color, &b->color, sizeof a->color) == 0;
}

/* The first character of the field's text that (s, len) does not start with, decoded as
 * decode_from() decodes, in *at, and the byte of s where it begins in *byte. */
static void common_start(const Text *t, const char *s, size_t len, int *at, size_t *byte)
{
    const unsigned char *start = (const unsigned char *)s, *p = start, *end = start + len;
    int i = 0;
    size_t b = 0;
    while (i < t->n && p < end) {
        const unsigned char *here = p;
        Uint32 c = utf8_next(&p, end);
        if (c == '\t')
            c = ' ';
        if ((c < 0x20 && c != '\n') || (c >= 0x7F && c < 0xA0)) {
            b = (size_t)(p - start);
            continue;
        }
        if (c != t->cp[i]) {
            b = (size_t)(here - start);
            break;
        }
        i++;
        b = (size_t)(p - start);
    }
    *at = i;
    *byte = b;
}

/* Wipes what t held of characters [from, to) (to: how many it held), the bytes that spelled
 * them and any piece of them in scratch. */
static void text_wipe_tail(Text *t, int from, int to, int bytes_to)
{
    if (to <= from)
        return;
    size_t n = (size_t)(to - from), b = (size_t)(bytes_to - t->o8[from]);
    sodium_memzero(t->cp + from, n * sizeof *t->cp);
    sodium_memzero(t->u8 + t->o8[from] + 1, b); /* after the terminating NUL */
    sodium_memzero(t->scratch, 4 * (size_t)t->cap + 1);
    sodium_memzero(t->types + from, n * sizeof *t->types);
    sodium_memzero(t->levels + from, n * sizeof *t->levels);
    sodium_memzero(t->face + from, n);
    sodium_memzero(t->face0 + from, n);
}

/* The direction paragraph [ps, pe) reads in as bidi() gives it, from its types: right to left
 * when asked and it has a right-to-left letter, else as its first strong letter. Only for a
 * paragraph without explicit embeddings or isolates (bidi() leaves those to fribidi). */
static FriBidiParType plain_direction(const Text *t, int ps, int pe, int rtl)
{
    for (int i = ps; i < pe && rtl; i++)
        if (t->types[i] == FRIBIDI_TYPE_RTL || t->types[i] == FRIBIDI_TYPE_AL)
            return FRIBIDI_PAR_RTL;
    for (int i = ps; i < pe; i++)
        if (is_strong(t->types[i]))
            return t->types[i] == FRIBIDI_TYPE_LTR ? FRIBIDI_PAR_LTR : FRIBIDI_PAR_RTL;
    return FRIBIDI_PAR_LTR;
}

static int is_plain(const Text *t, int ps, int pe)
{
    for (int i = ps; i < pe; i++)
        if (FRIBIDI_IS_EXPLICIT(t->types[i]) || FRIBIDI_IS_ISOLATE(t->types[i]))
            return 0;
    return 1;
}

/* Levels, faces and lines of paragraph [ps, pe), all of it anew, its lines added to L. */
static int whole_paragraph(Ctx *x, Layout *L, int ps, int pe, const int *chain)
{
    Text *t = x->t;
    FriBidiParType dir;
    memset(t->nobreak + ps, 0, (size_t)(pe - ps));
    if (bidi(t, ps, pe, x->st->rtl, &dir) != 0) {
        snprintf(x->err, ERR_LEN, "cannot apply the bidi algorithm (fribidi)");
        return -1;
    }
    pick_faces(x->tf, t, ps, ps, pe, chain);
    int from = L->nspans;
    if (wrap(x, L, ps, ps, pe, dir) != 0)
        return -1;
    int plain = is_plain(t, ps, pe);
    for (int i = from; i < L->nspans; i++)
        L->spans[i].plain = plain;
    return 0;
}

/* Paragraph [ps, pe), whose characters before P are those the field laid out before (old, its
 * spans) and the rest new, laid out again from as late as gives the same result as all of it
 * anew: its lines added to L. Returns the character before which nothing changed (levels,
 * faces, lines), or -1 on error.
 *
 * Why levels may be kept: without explicit embeddings or isolates, and without a bracket
 * before it, the levels before a strong letter depend only on the text up to it and the
 * paragraph's direction (the weak and neutral rules look ahead no further than the next strong
 * letter), so bidi runs again only from the last strong letter before the change; faces from
 * that letter's cluster on; lines from the first whose cut looked at anything from there on. */
static int edited_paragraph(Ctx *x, Layout *L, const Layout *old, int ps, int P, int pe,
                            const int *chain)
{
    Text *t = x->t;
    int s = P - 1;
    while (s >= ps && !is_strong(t->types[s]))
        s--;
    const Span *was = NULL;
    for (int i = 0; i < old->nspans && !was; i++)
        if (old->spans[i].ps == ps)
            was = &old->spans[i];
    if (s <= ps || !was || !was->plain) {
        if (whole_paragraph(x, L, ps, pe, chain) != 0)
            return -1;
        return ps;
    }
    for (int i = ps; i < s; i++)
        if (t->brackets[i] != FRIBIDI_NO_BRACKET)
            return whole_paragraph(x, L, ps, pe, chain) != 0 ? -1 : ps;
    fribidi_get_bidi_types(t->cp + s, pe - s, t->types + s);
    fribidi_get_bracket_types(t->cp + s, pe - s, t->types + s, t->brackets + s);
    FriBidiParType dir = FRIBIDI_IS_RTL(was->dir) ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
    if (!is_plain(t, ps, pe) || plain_direction(t, ps, pe, x->st->rtl) != dir)
        return whole_paragraph(x, L, ps, pe, chain) != 0 ? -1 : ps;
    memset(t->nobreak + s, 0, (size_t)(pe - s));
    number_spaces(t, s, pe);
    if (fribidi_get_par_embedding_levels_ex(t->types + s, t->brackets + s, pe - s, &dir,
                                            t->levels + s) == 0) {
        snprintf(x->err, ERR_LEN, "cannot apply the bidi algorithm (fribidi)");
        return -1;
    }
    int keep = s;
    while (keep > ps && joins_previous(t->cp[keep], t->types[keep]))
        keep--;
    pick_faces(x->tf, t, ps, keep, pe, chain);
    /* The lines whose cut looked only before keep stay; wrapping goes on after the last. */
    int pos = ps;
    for (int i = 0; i < old->nspans && old->spans[i].seen <= keep; i++) {
        if (old->spans[i].ps != ps)
            continue;
        if (grow((void **)&L->spans, &L->spans_cap, L->nspans + 1, sizeof *L->spans) != 0) {
            snprintf(x->err, ERR_LEN, "out of memory");
            return -1;
        }
        L->spans[L->nspans++] = old->spans[i];
        pos = old->spans[i].end;
    }
    int from = L->nspans;
    if (wrap(x, L, ps, pos, pe, dir) != 0)
        return -1;
    for (int i = from; i < L->nspans; i++)
        L->spans[i].plain = 1;
    return keep;
}

int text_field_update(TextField *f, TextFonts *tf, const char *text, size_t len,
                      const TextStyle *st, char *err)
{
    if (!text)
        len = 0;
    if (len > (size_t)INT_MAX / 8) {
        snprintf(err, ERR_LEN, "a text of %zu bytes is too long to lay out", len);
        text_field_wipe(f);
        return -1;
    }
    /* Another look, or an emptied field: nothing is kept (and nothing it spelled stays). */
    if (!f->ready || f->tf != tf || !same_style(&f->st, st) || len == 0)
        text_field_wipe(f);
    Text *t = &f->t;
    int P = 0, old_n = t->n, old_bytes = t->block ? t->o8[t->n] : 0;
    size_t byte = 0;
    common_start(t, text ? text : "", len, &P, &byte);
    if (!t->block || (size_t)t->cap < len + 1) {
        size_t cap = (size_t)t->cap * 2 > len + 1 ? (size_t)t->cap * 2 : len + 1;
        if (text_reserve(t, cap, P) != 0) {
            snprintf(err, ERR_LEN, "out of memory");
            text_field_wipe(f);
            return -1;
        }
    }
    decode_from(t, text ? text : "", len, P, byte);
    if (t->n < old_n)
        text_wipe_tail(t, t->n, old_n, old_bytes);
    Layout old = f->L, L = {0};
    memset(&f->L, 0, sizeof f->L);
    f->tf = tf;
    f->st = *st;
    f->st.max_lines = 0;
    Ctx x = {tf, st, t, err, 1, &old, 0, &f->serial, 0};
    const int *chain = st->dyslexic ? chain_dyslexic : chain_plain;
    /* Lines of the paragraphs before the one changed stay as they were. */
    int ps = P;
    while (ps > 0 && t->cp[ps - 1] != '\n')
        ps--;
    for (int i = 0; i < old.nspans && old.spans[i].ps < ps; i++) {
        if (grow((void **)&L.spans, &L.spans_cap, L.nspans + 1, sizeof *L.spans) != 0) {
            snprintf(err, ERR_LEN, "out of memory");
            goto fail;
        }
        L.spans[L.nspans++] = old.spans[i];
    }
    for (int first = 1;; first = 0) {
        int pe = ps;
        while (pe < t->n && t->cp[pe] != '\n')
            pe++;
        if (first) {
            x.keep = edited_paragraph(&x, &L, &old, ps, P, pe, chain);
            if (x.keep < 0)
                goto fail;
        } else if (whole_paragraph(&x, &L, ps, pe, chain) != 0) {
            goto fail;
        }
        if (pe >= t->n)
            break;
        ps = pe + 1;
    }
    /* Only the lines that will be drawn are put in visual order and drawn; a piece whose
     * characters are unchanged keeps its pixels. */
    int first = st->max_lines > 0 && L.nspans > st->max_lines ? L.nspans - st->max_lines : 0;
    for (int i = first; i < L.nspans; i++)
        if (put_line(&x, &L, L.spans[i].ps, L.spans[i].a, L.spans[i].b, L.spans[i].dir) != 0)
            goto fail;
    layout_free(&old);
    f->L = L;
    memset(&f->img, 0, sizeof f->img);
    place(&x, &f->L, chain[0], &f->img, &f->asc, f->face_asc);
    f->img.lines_hidden = first;
    f->ready = 1;
    return 0;
fail:
    layout_free(&old);
    layout_free(&L);
    text_field_wipe(f);
    return -1;
}

const TextImage *text_field_image(const TextField *f)
{
    return &f->img;
}

int text_field_npieces(const TextField *f)
{
    return f->L.nruns;
}

TextPiece text_field_piece(const TextField *f, int i)
{
    const Run *r = &f->L.runs[i];
    TextPiece p = {r->s, 0, 0, r->serial};
    if (r->s) {
        Ctx x = {f->tf, &f->st, NULL, NULL, 0, NULL, 0, NULL, 0};
        p.x = line_x(&x, &f->L.lines[r->line], f->img.w) + r->x;
        p.y = r->line * f->img.line_h + f->asc - f->face_asc[r->face];
    }
    return p;
}

void text_image_wipe(TextImage *img)
{
    surface_wipe_free(img->surface);
    memset(img, 0, sizeof *img);
}

int text_missing_glyphs(TextFonts *tf, const char *text, size_t len, Uint32 *first)
{
    int missing = 0;
    if (first)
        *first = 0;
    const unsigned char *p = (const unsigned char *)text, *end = p + len;
    while (p < end) {
        Uint32 c = utf8_next(&p, end);
        if (c < 0x20 || (c >= 0x7F && c < 0xA0) || is_ignorable(c))
            continue;
        int found = 0;
        for (int k = 0; chain_plain[k] >= 0 && !found; k++)
            found = has_glyph(tf, chain_plain[k], c);
        if (!found) {
            if (first && !missing)
                *first = c;
            missing++;
        }
    }
    return missing;
}

int text_visual_order(const char *text, size_t len, int rtl, char *out, size_t cap)
{
    Text t;
    int rc = -1;
    if (cap == 0 || decode(&t, text, len) != 0)
        return -1;
    FriBidiParType dir;
    if (bidi(&t, 0, t.n, rtl, &dir) != 0)
        goto done;
    for (int i = 0; i < t.n; i++)
        t.map[i] = i;
    if (t.n > 0 && fribidi_reorder_line(0, t.types, t.n, 0, dir, t.levels, NULL, t.map) == 0)
        goto done;
    size_t o = 0;
    for (int v = 0; v < t.n; v++) {
        char buf[4];
        int k = utf8_put(buf, t.cp[t.map[v]]);
        if (o + (size_t)k + 1 > cap)
            goto done;
        memcpy(out + o, buf, (size_t)k);
        o += (size_t)k;
    }
    out[o] = '\0';
    rc = 0;
done:
    text_free(&t);
    return rc;
}
