/* test_sdl_text.c: text in every language, right-to-left layout, the themes' contrast, and the
 * new widget kinds, drawn for real with SDL's software renderer on a surface (no window: the
 * dummy video driver).
 *
 * Start reading at main(). Set CHORUS_TEXT_SHOTS=DIR to keep a PNG of every sample for a person
 * to look at. Run from the repository's root (tests/run.sh does), where assets/ is. */
#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "arena.h"
#include "chorus_limits.h"
#include "csv.h"
#include "fileio.h"
#include "render.h"
#include "test.h"
#include "markup.h"
#include "text.h"

#define FONTS "assets/fonts"
#define SURVEYS "assets/surveys"
#define W 1280
#define H 800

static SDL_Surface *canvas;
static SDL_Renderer *sr;
static Render *rd;
static TextFonts *tf;
static View *view;
static const char *shots;

/* Samples beside whatever the shipped surveys hold: one a language, and the hard cases. */
static const struct {
    const char *name, *text;
    int rtl;
} samples[] = {
    {"arabic", "هل تشعر بالأمان؟ 0800 1111", 1},
    {"farsi",
     "آیا در جایی که زندگی می‌کنی احساس امنیت می‌کنی؟ "
     "۱۲۳",
     1},
    {"pashto", "ښه، ږ ړ ټ ځ څ ډ ګ ڼ ۍ ې", 1},
    {"sorani", "ئەمڕۆ چۆن بوو؟ ڕ ێ ۆ ڵ ە", 1},
    {"tigrinya", "ሰላም። ሎሚ ከመይ ነይሩ?", 0},
    {"vietnamese", "Tiếng Việt: Hôm nay thế nào?", 0},
    {"albanian", "Shqip: Si ishte sot? Çfarë?", 0},
    {"emoji", "😀 ❤️ 👍🏽", 0},
    {"english", "Do you feel safe where you live? Childline 0800 1111", 0},
    {"arabic-latin", "اتصل بـ Childline على 0800 1111 الآن", 1},
    {"arabic-digits", "العدد ١٢٣ والعدد 123", 1},
    {"urdu-hebrew", "اردو עברית", 1},
};

/* ---- helpers ---- */

static void save_shot(const char *name)
{
    if (!shots)
        return;
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.png", shots, name);
    if (IMG_SavePNG(canvas, path) != 0)
        fprintf(stderr, "%s: %s\n", path, IMG_GetError());
}

static void draw(void)
{
    render_view(rd, view);
    SDL_RenderFlush(sr);
}

static Uint32 pixel_at(int x, int y)
{
    return ((Uint32 *)canvas->pixels)[(size_t)y * (size_t)canvas->pitch / 4 + (size_t)x] & 0xFFFFFF;
}

static Uint32 rgb(SDL_Color c)
{
    return (Uint32)c.r << 16 | (Uint32)c.g << 8 | c.b;
}

/* The leftmost and rightmost columns of r holding a pixel other than bg; -1 if none. */
static void ink_columns(Rect r, Uint32 bg, int *left, int *right)
{
    *left = *right = -1;
    for (int x = r.x; x < r.x + r.w; x++)
        for (int y = r.y; y < r.y + r.h; y++)
            if (pixel_at(x, y) != bg) {
                if (*left < 0)
                    *left = x;
                *right = x;
                break;
            }
}

/* The topmost and bottom rows of r holding a pixel other than bg; -1 if none. */
static void ink_rows(Rect r, Uint32 bg, int *top, int *bottom)
{
    *top = *bottom = -1;
    for (int y = r.y; y < r.y + r.h; y++)
        for (int x = r.x; x < r.x + r.w; x++)
            if (pixel_at(x, y) != bg) {
                if (*top < 0)
                    *top = y;
                *bottom = y;
                break;
            }
}

static void new_view(int rtl, int contrast)
{
    view_reset(view, W, H);
    view->look.rtl = rtl;
    view->look.contrast = contrast;
}

static void check_no_missing(const char *where, const char *text)
{
    Uint32 first = 0;
    int n = text_missing_glyphs(tf, text, strlen(text), &first);
    if (n != 0)
        fprintf(stderr, "%s: %d characters no font has, the first U+%04X, in \"%s\"\n", where, n,
                (unsigned)first, text);
    CHECK(n == 0);
    CHECK(render_text_has_missing_glyphs(rd, text) == 0);
}

/* ---- tests ---- */

/* Every sample and every field of every shipped survey: no character without a font, and each
 * lays out (both directions, bold, the dyslexia font) without error. */
static void test_no_missing_glyphs(void)
{
    char err[ERR_LEN];
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        check_no_missing(samples[i].name, samples[i].text);
        for (int style = 0; style < 4; style++) {
            TextStyle st = {32,  style & 1,  style >> 1,     samples[i].rtl,
                            600, TEXT_START, {0, 0, 0, 255}, 0};
            TextImage img;
            int rc = text_render(tf, samples[i].text, strlen(samples[i].text), &st, &img, err);
            if (rc != 0)
                fprintf(stderr, "%s: %s\n", samples[i].name, err);
            CHECK(rc == 0);
            CHECK(img.surface != NULL);
            text_image_wipe(&img);
        }
    }
    /* And something no font has is found. */
    Uint32 first = 0;
    CHECK(text_missing_glyphs(tf, "a\xF0\x9D\x84\x9E", 5, &first) == 1); /* U+1D11E, a clef */
    CHECK_INT(first, 0x1D11E);
    CHECK(render_text_has_missing_glyphs(rd, "ok \xF0\x9D\x84\x9E") == 1);

    DIR *d = opendir(SURVEYS);
    CHECK(d != NULL);
    if (!d)
        return;
    int files = 0, fields = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t n = strlen(de->d_name);
        if (n < 5 || strcmp(de->d_name + n - 4, ".csv") != 0)
            continue;
        char path[1024], *buf = NULL;
        size_t len = 0;
        snprintf(path, sizeof path, "%s/%s", SURVEYS, de->d_name);
        if (file_read_all(path, CSV_FILE_MAX, &buf, &len, err) != 0) {
            fprintf(stderr, "%s\n", err);
            CHECK(0);
            continue;
        }
        Arena *a = arena_new();
        CsvTable t;
        CsvError ce;
        if (a && csv_parse(a, buf, len, &t, &ce) == 0) {
            files++;
            for (int r = 0; r < t.nrecords; r++)
                for (int c = 0; c < t.records[r].nfields; c++) {
                    char where[1200];
                    snprintf(where, sizeof where, "%s:%d:%d", path, t.records[r].line, c + 1);
                    check_no_missing(where, t.records[r].fields[c].text);
                    fields++;
                }
        } else {
            fprintf(stderr, "%s: does not parse\n", path);
            CHECK(0);
        }
        arena_free(a);
        free(buf);
    }
    closedir(d);
    CHECK(files > 0);
    CHECK(fields > 0);
}

/* The kiosk's own words (buttons, the safety and thank-you screens) in every language it
 * knows: no character without a font. */
static void test_kiosk_words(void)
{
    static const char *const codes[] = {"en",  "ar", "fa", "ps", "ti",
                                        "ckb", "vi", "sq", "ur", "he"};
    App *a = calloc(1, sizeof *a);
    CHECK(a != NULL);
    if (!a)
        return;
    a->survey = -1;
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        snprintf(a->person.lang, sizeof a->person.lang, "%s", codes[i]);
        for (int k = 0; k < UI_COUNT; k++) {
            char where[64];
            snprintf(where, sizeof where, "kiosk word %d in %s", k, codes[i]);
            check_no_missing(where, ui_text(a, (UiText)k));
        }
    }
    free(a);
}

/* A start-aligned right-to-left text sits at the box's right edge; left to right at its left. */
static void test_alignment(void)
{
    Rect box = {40, 200, 1200, 120};
    for (int contrast = 0; contrast < 2; contrast++) {
        for (int rtl = 0; rtl < 2; rtl++) {
            new_view(rtl, contrast);
            const char *text = rtl ? "هل تشعر بالأمان؟ 0800 1111" : "Do you feel safe?";
            Widget *w = view_add(view, W_TEXT, box, text, TS_BODY, 0, 0);
            w->flags |= W_LEFT;
            draw();
            int left, right;
            ink_columns(box, rgb(render_themes[contrast][TC_BG]), &left, &right);
            CHECK(left >= 0);
            if (rtl) {
                CHECK(right >= box.x + box.w - 12); /* flush right */
                CHECK(left > box.x + box.w / 2);    /* far from the left */
            } else {
                CHECK(left <= box.x + 12);
                CHECK(right < box.x + box.w / 2);
            }
            char name[64];
            snprintf(name, sizeof name, "align-%s-%s", rtl ? "rtl" : "ltr",
                     contrast ? "contrast" : "default");
            save_shot(name);
        }
    }
    /* Centred stays centred in both directions. */
    new_view(1, 0);
    view_add(view, W_TEXT, box, "هل تشعر بالأمان؟", TS_BODY, 0, 0);
    draw();
    int left, right;
    ink_columns(box, rgb(render_themes[0][TC_BG]), &left, &right);
    CHECK(left > box.x + 100 && right < box.x + box.w - 100);
    CHECK(abs((left + right) / 2 - (box.x + box.w / 2)) < 12);
}

/* A wrapped right-to-left paragraph: every line ends at the right edge. */
static void test_wrapped_rtl(void)
{
    Rect box = {100, 100, 500, 600};
    new_view(1, 0);
    Widget *w = view_add(view, W_TEXT, box,
                         "هذه الأسئلة عن حياتك بعد خروجك من الرعاية. لا نسأل عن اسمك. يمكنك "
                         "تخطّي أي سؤال. إذا أخبرتنا أنك لست بأمان، سنريك من يستطيع مساعدتك.",
                         TS_BODY, 0, 0);
    w->flags |= W_LEFT;
    draw();
    save_shot("wrapped-rtl");
    Uint32 bg = rgb(render_themes[0][TC_BG]);
    int top, bottom;
    ink_rows(box, bg, &top, &bottom);
    CHECK(top >= 0 && bottom - top > 80); /* more than one line */
    /* Cut the ink into lines by empty rows; each line's rightmost ink is near the edge. */
    int lines = 0;
    for (int y = top; y <= bottom;) {
        int y1 = y;
        for (;;) {
            int any = 0;
            for (int x = box.x; x < box.x + box.w && !any; x++)
                any = pixel_at(x, y1) != bg;
            if (!any || y1 > bottom)
                break;
            y1++;
        }
        if (y1 - y > 8) { /* a line, not a stray dot */
            int l, r;
            ink_columns((Rect){box.x, y, box.w, y1 - y}, bg, &l, &r);
            CHECK(r >= box.x + box.w - 14);
            lines++;
        }
        y = y1 + 1;
    }
    CHECK(lines >= 2);
}

/* Digits keep their order inside Arabic, in both digit systems, and so do Latin words. */
static void test_bidi_order(void)
{
    char out[512];
    const char *s = "هل تشعر بالأمان؟ 0800 1111";
    CHECK(text_visual_order(s, strlen(s), 1, out, sizeof out) == 0);
    /* Right to left, the number comes last, so leftmost; its groups stay in order. */
    CHECK(strncmp(out, "0800 1111 ", 10) == 0);
    if (strncmp(out, "0800 1111 ", 10) != 0)
        fprintf(stderr, "visual order: \"%s\"\n", out);

    s = "العدد ١٢٣ هنا";
    CHECK(text_visual_order(s, strlen(s), 1, out, sizeof out) == 0);
    CHECK(strstr(out, "١٢٣") != NULL);
    CHECK(strstr(out, "٣٢١") == NULL);
    s = "العدد 123 هنا";
    CHECK(text_visual_order(s, strlen(s), 1, out, sizeof out) == 0);
    CHECK(strstr(out, "123") != NULL);
    s = "اتصل بـ Childline على 0800 1111";
    CHECK(text_visual_order(s, strlen(s), 1, out, sizeof out) == 0);
    CHECK(strstr(out, "Childline") != NULL);
    CHECK(strstr(out, "0800 1111") != NULL);
    /* Reading right to left: Childline, then the number (to its left). */
    CHECK(strstr(out, "0800 1111") < strstr(out, "Childline"));
    /* The Arabic letters themselves are reversed (HarfBuzz draws the run right to left). */
    s = "هل";
    CHECK(text_visual_order(s, strlen(s), 1, out, sizeof out) == 0);
    CHECK(strcmp(out, "له") == 0);
    /* English stays as it is; a number's space in English does nothing either. */
    s = "Call 0800 1111 now";
    CHECK(text_visual_order(s, strlen(s), 0, out, sizeof out) == 0);
    CHECK_STR(out, s);
    /* A text with no right-to-left letter reads left to right in a right-to-left look (an
     * untranslated word); one that starts with a Latin name but is Arabic stays right to left. */
    s = "2 of 5";
    CHECK(text_visual_order(s, strlen(s), 1, out, sizeof out) == 0);
    CHECK_STR(out, "2 of 5");
    s = "One Voice: كيف";
    CHECK(text_visual_order(s, strlen(s), 1, out, sizeof out) == 0);
    CHECK(strncmp(out, "فيك :One Voice", strlen("فيك :One Voice")) == 0);
    /* An Arabic paragraph inside a left-to-right look still reads right to left. */
    s = "العربية";
    CHECK(text_visual_order(s, strlen(s), 0, out, sizeof out) == 0);
    CHECK(strcmp(out, "ةيبرعلا") == 0);
    /* Too small a buffer is an error, not a cut. */
    CHECK(text_visual_order("abcdef", 6, 0, out, 4) == -1);
}

/* Emoji come in colour at about the size of the text. */
static void test_emoji(void)
{
    char err[ERR_LEN];
    TextStyle st = {32, 0, 0, 0, 0, TEXT_CENTRE, {0x1B, 0x1B, 0x2F, 255}, 0};
    TextImage img;
    CHECK(text_render(tf, "😀", strlen("😀"), &st, &img, err) == 0);
    CHECK(img.surface != NULL);
    if (!img.surface)
        return;
    CHECK(img.w >= 30 && img.w <= 48);
    CHECK(img.h >= 32 && img.h <= 64);
    int yellow = 0;
    for (int y = 0; y < img.surface->h; y++)
        for (int x = 0; x < img.surface->w; x++) {
            Uint32 p = ((Uint32 *)img.surface->pixels)[y * img.surface->pitch / 4 + x];
            int a = p >> 24, r = p >> 16 & 0xFF, g = p >> 8 & 0xFF, b = p & 0xFF;
            yellow += a > 200 && r > 200 && g > 150 && b < 120;
        }
    CHECK(yellow > 100);
    text_image_wipe(&img);
    CHECK(img.surface == NULL);
}

/* Markdown's bold and italic are drawn (markup.h's style marks): the same words, the bold run
 * wider than it is plain, the italic run slanted (other pixels, the same width but for the
 * slant's overhang), the marks themselves never drawn nor missing; the same height as the plain line. */
static void test_styled_runs(void)
{
    char err[ERR_LEN], styled[128];
    TextStyle st = {32, 0, 0, 0, 0, TEXT_START, {0x1B, 0x1B, 0x2F, 255}, 0};
    const char *src[] = {"Are you happy today?", "Are you **happy** today?",
                         "Are you *happy* today?", "Are you _happy_ today?"};
    TextImage img[4];
    for (int i = 0; i < 4; i++) {
        markup_styled(src[i], strlen(src[i]), styled, sizeof styled);
        char plain[128];
        CHECK_STR(markup_unmark(styled, plain, sizeof plain), "Are you happy today?");
        CHECK_INT(text_missing_glyphs(tf, styled, strlen(styled), NULL), 0);
        CHECK(text_render(tf, styled, strlen(styled), &st, &img[i], err) == 0);
        CHECK(img[i].surface != NULL);
    }
    if (!img[0].surface || !img[1].surface || !img[2].surface || !img[3].surface)
        return;
    CHECK(img[1].w > img[0].w); /* Bold is wider */
    CHECK_INT(img[1].h, img[0].h);
    CHECK_INT(img[2].h, img[0].h);
    /* slanted: no narrower, and wider only by the slant's overhang (under half an em) */
    CHECK(img[2].w >= img[0].w && img[2].w - img[0].w < st.px / 2);
    CHECK_INT(img[3].w, img[2].w);         /* _ and * are the same italic */
    int differ = 0;
    if (img[2].surface->w == img[0].surface->w && img[2].surface->h == img[0].surface->h)
        differ = memcmp(img[2].surface->pixels, img[0].surface->pixels,
                        (size_t)img[0].surface->pitch * (size_t)img[0].surface->h) != 0;
    else
        differ = 1;
    CHECK(differ);
    /* A whole text already bold keeps its bold run bold, and an italic run in it slants. */
    st.bold = 1;
    TextImage b;
    markup_styled(src[2], strlen(src[2]), styled, sizeof styled);
    CHECK(text_render(tf, styled, strlen(styled), &st, &b, err) == 0);
    CHECK(b.w >= img[1].w - 4);
    text_image_wipe(&b);
    for (int i = 0; i < 4; i++)
        text_image_wipe(&img[i]);
}

/* Lines wrap to the width, in both directions; a word longer than a line is cut. */
static void test_wrap(void)
{
    char err[ERR_LEN];
    const char *texts[] = {
        "You can skip any question. If you tell us you're not safe, we'll show you who can help.",
        "يمكنك تخطّي أي سؤال. إذا أخبرتنا أنك لست بأمان، سنريك من يستطيع مساعدتك.",
        "ትኽእል ዝኾነ ሕቶ ክትሓልፎ ኢኻ። ውሑስ ከምዘይኮንካ እንተ ሓቢርካና፡ መን ክሕግዘካ ከም ዝኽእል ክነርእየካ ኢና።",
        "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        TextStyle st = {32, 0, 0, i == 1, 300, TEXT_START, {0, 0, 0, 255}, 0};
        TextImage img;
        CHECK(text_render(tf, texts[i], strlen(texts[i]), &st, &img, err) == 0);
        CHECK(img.w <= 300);
        CHECK(img.h >= 2 * img.line_h);
        text_image_wipe(&img);
    }
    /* A line feed starts a new line; an empty text is one empty line, its end at the start. */
    TextStyle st = {32, 0, 0, 0, 0, TEXT_START, {0, 0, 0, 255}, 0};
    TextImage img;
    CHECK(text_render(tf, "one\ntwo", 7, &st, &img, err) == 0);
    CHECK_INT(img.h, 2 * img.line_h);
    text_image_wipe(&img);
    CHECK(text_render(tf, "", 0, &st, &img, err) == 0);
    CHECK(img.surface == NULL);
    CHECK(img.line_h > 0);
    CHECK_INT(img.end_x, 0);
    text_image_wipe(&img);
    /* Invalid UTF-8 is drawn as a replacement character, not refused. */
    CHECK(text_render(tf, "a\xFF\xC0z", 4, &st, &img, err) == 0);
    CHECK(img.surface != NULL);
    text_image_wipe(&img);
}

/* Every line within the wrap at every size and width: a whole line is not as wide as its
 * words measured apart (each rounded to a pixel: Noto Sans Ethiopic's advances are fractions of
 * one), and such lines came out a pixel or two wider than their wrap. */
static void test_wrap_exact(void)
{
    char err[ERR_LEN];
    const char *texts[] = {
        "ካብዚኣቶም ንዓኻ ኣዝዮም ኣገደስቲ ኣየኖት እዮም?",
        "ኣብ ዝኾነ ግዜ፡ መዓልቲ ይኹን ለይቲ ስምካ ኣይንሓትትን ኢና። ዕድሜኻ ክንደይ እዩ?",
        "Cuộc sống của bạn sau chăm sóc, hãy nói chuyện với một người lớn em tin tưởng",
    };
    long wider = 0, drawn = 0;
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        for (int px = 14; px <= 48; px += 2)
            for (int wrap = 100; wrap <= 700; wrap += 9)
                for (int bold = 0; bold < 2; bold++) {
                    TextStyle st = {px, bold, 0, 0, wrap, TEXT_START, {0, 0, 0, 255}, 0};
                    TextImage img;
                    CHECK(text_render(tf, texts[i], strlen(texts[i]), &st, &img, err) == 0);
                    wider += img.w > wrap;
                    drawn++;
                    text_image_wipe(&img);
                }
    CHECK(drawn > 1000);
    CHECK_INT(wider, 0);
}

/* A long answer: a word of 1,001 letters is cut into lines no wider than the width, each as full
 * as it can be; with max_lines only the last lines are drawn, and the caret is on the last. */
static void test_long_answer(void)
{
    char err[ERR_LEN], word[1002];
    memset(word, 'a', 1000);
    word[1000] = 'b';
    word[1001] = '\0';
    TextStyle st = {32, 0, 0, 0, 400, TEXT_START, {0, 0, 0, 255}, 0};
    TextImage all, one, last;
    CHECK(text_render(tf, word, 1001, &st, &all, err) == 0);
    CHECK(all.w <= 400);
    int lines = (all.h + all.line_h / 2) / all.line_h;
    /* One letter more than a line holds does not fit: lines are full, not merely short. */
    TextStyle line = {32, 0, 0, 0, 0, TEXT_START, {0, 0, 0, 255}, 0};
    CHECK(text_render(tf, word, 1, &line, &one, err) == 0);
    int per_line = 400 / one.w;
    CHECK(lines <= 1001 / per_line + 1);
    text_image_wipe(&one);
    st.max_lines = 2;
    CHECK(text_render(tf, word, 1001, &st, &last, err) == 0);
    CHECK_INT(last.lines_hidden, lines - 2);
    CHECK(last.h < all.h);
    CHECK(last.h >= 2 * last.line_h);
    CHECK_INT(last.end_x, all.end_x);
    CHECK_INT(last.end_y, last.line_h);
    text_image_wipe(&last);
    text_image_wipe(&all);
}

/* Two fields laid out alike: the same size, caret and lines, and the same pieces with the same
 * pixels. */
static int same_field(const TextField *a, const TextField *b)
{
    const TextImage *x = text_field_image(a), *y = text_field_image(b);
    if (x->w != y->w || x->h != y->h || x->end_x != y->end_x || x->end_y != y->end_y ||
        x->line_h != y->line_h || x->rtl != y->rtl || x->lines_hidden != y->lines_hidden ||
        text_field_npieces(a) != text_field_npieces(b))
        return 0;
    for (int i = 0; i < text_field_npieces(a); i++) {
        TextPiece p = text_field_piece(a, i), q = text_field_piece(b, i);
        if ((p.surface == NULL) != (q.surface == NULL))
            return 0;
        if (!p.surface)
            continue;
        if (p.x != q.x || p.y != q.y || p.surface->w != q.surface->w ||
            p.surface->h != q.surface->h)
            return 0;
        for (int r = 0; r < p.surface->h; r++)
            if (memcmp((const Uint8 *)p.surface->pixels + r * p.surface->pitch,
                       (const Uint8 *)q.surface->pixels + r * q.surface->pitch,
                       (size_t)p.surface->w * 4) != 0)
                return 0;
    }
    return 1;
}

/* A field typed into key by key, deleted from, and edited in the middle (its layout redone only
 * from what changed) is laid out exactly as the same text laid out anew: in every language,
 * with bidi, numbers, brackets, emoji and line feeds; and its lines, height and caret's line are
 * those text_render() gives the text. A field draws word by word, so a line is as wide as the
 * sum of its words' widths (what wrapping measures), where text_render() shapes the line whole:
 * the two may differ by a few pixels (3 for a row of single Arabic letters, whose ink overhangs
 * their advance). */
static void test_field_keys(void)
{
    char err[ERR_LEN];
    static const char *const extra[] = {
        "we would like more trips out and someone to listen to us (and more time) 0800 1111 ok",
        "أريد (رحلات أكثر) وشخصاً يستمع إلينا 0800 1111 وشكراً [كثيراً] Childline نعم",
        "one line\nanother (line) هنا\n\nthe end",
        "ሰላም። ሎሚ ከመይ ነይሩ? ሰላም። ሎሚ ከመይ ነይሩ? ሰላም። ሎሚ ከመይ ነይሩ? 😀 ❤️ 👍🏽 "
        "done",
        "abc \u202Bembedded\u202C and \u2067isolated\u2069 text here",
        /* right to left once the first Arabic letter comes, after Latin and digits */
        "Childline 0800 1111 free هو الرقم",
        "Childline (free) 0800 هو الرقم",
    };
    enum { NTEXTS = (int)(sizeof samples / sizeof samples[0]) + 7 };
    TextField *f = text_field_new(), *g = text_field_new();
    CHECK(f && g);
    long steps = 0, bad = 0, off_render = 0;
    for (int k = 0; k < NTEXTS && f && g; k++) {
        const char *text = k < (int)(sizeof samples / sizeof samples[0])
                               ? samples[k].text
                               : extra[k - (int)(sizeof samples / sizeof samples[0])];
        int rtl = k < (int)(sizeof samples / sizeof samples[0]) ? samples[k].rtl
                                                                : k % 2 == 1 || k + 1 == NTEXTS;
        char buf[512];
        size_t n = strlen(text);
        CHECK(n < sizeof buf);
        memcpy(buf, text, n + 1);
        for (int ml = 0; ml <= 2; ml += 2) {
            TextStyle st = {28, 0, 0, rtl, 260, TEXT_START, {0, 0, 0, 255}, ml};
            /* typed key by key (a whole UTF-8 character each), then deleted key by key */
            size_t ends[512];
            int nends = 0;
            for (size_t i = 1; i <= n; i++)
                if (i == n || ((unsigned char)buf[i] & 0xC0) != 0x80)
                    ends[nends++] = i;
            for (int e = 0; e < 2 * nends; e++) {
                size_t len = e < nends ? ends[e] : e == 2 * nends - 1 ? 0 : ends[2 * nends - 2 - e];
                CHECK(text_field_update(f, tf, buf, len, &st, err) == 0);
                CHECK(text_field_update(g, tf, buf, len, &st, err) == 0);
                steps++;
                bad += !same_field(f, g);
                text_field_wipe(g);
                TextImage img;
                CHECK(text_render(tf, buf, len, &st, &img, err) == 0);
                const TextImage *fi = text_field_image(f);
                off_render += fi->h != img.h || fi->line_h != img.line_h ||
                              fi->end_y != img.end_y || fi->lines_hidden != img.lines_hidden ||
                              fi->rtl != img.rtl || abs(fi->end_x - img.end_x) > 4 ||
                              abs(fi->w - img.w) > 4;
                text_image_wipe(&img);
            }
            /* an edit at the start, then in the middle, of the whole text */
            char edited[520];
            snprintf(edited, sizeof edited, "X%s", buf);
            CHECK(text_field_update(f, tf, buf, n, &st, err) == 0);
            CHECK(text_field_update(f, tf, edited, strlen(edited), &st, err) == 0);
            CHECK(text_field_update(g, tf, edited, strlen(edited), &st, err) == 0);
            bad += !same_field(f, g);
            text_field_wipe(g);
            size_t mid = ends[nends / 2];
            snprintf(edited, sizeof edited, "%.*s(9 %s", (int)mid, buf, buf + mid);
            CHECK(text_field_update(f, tf, edited, strlen(edited), &st, err) == 0);
            CHECK(text_field_update(g, tf, edited, strlen(edited), &st, err) == 0);
            bad += !same_field(f, g);
            text_field_wipe(g);
            steps += 2;
        }
    }
    printf("test_field_keys: %ld layouts, %ld unlike a new one, %ld unlike text_render\n", steps,
           bad, off_render);
    CHECK(steps > 500);
    CHECK_INT((int)bad, 0);
    CHECK_INT((int)off_render, 0);
    text_field_free(f);
    text_field_free(g);
}

/* The caret's place: after the text left to right, before it (on the left) right to left. */
static void test_text_end(void)
{
    char err[ERR_LEN];
    TextStyle st = {32, 0, 0, 0, 0, TEXT_START, {0, 0, 0, 255}, 0};
    TextImage img;
    CHECK(text_render(tf, "hello", 5, &st, &img, err) == 0);
    CHECK_INT(img.end_x, img.w);
    CHECK(img.rtl == 0);
    text_image_wipe(&img);
    st.rtl = 1;
    CHECK(text_render(tf, "مرحبا", strlen("مرحبا"), &st, &img, err) == 0);
    CHECK_INT(img.end_x, 0);
    CHECK(img.rtl == 1);
    text_image_wipe(&img);
}

/* Bigger text is about 1.3 times as tall; the dyslexia font draws differently. */
static void test_look(void)
{
    Rect box = {40, 100, 1200, 300};
    int tops[2], bottoms[2];
    Uint32 bg = rgb(render_themes[0][TC_BG]);
    for (int bigger = 0; bigger < 2; bigger++) {
        new_view(0, 0);
        view->look.bigger = bigger;
        view_add(view, W_TEXT, box, "Hello", TS_TITLE, 0, 0);
        draw();
        ink_rows(box, bg, &tops[bigger], &bottoms[bigger]);
    }
    float k = (float)(bottoms[1] - tops[1] + 1) / (float)(bottoms[0] - tops[0] + 1);
    CHECK(k > 1.2f && k < 1.4f);

    int widths[2];
    for (int dys = 0; dys < 2; dys++) {
        new_view(0, 0);
        view->look.dyslexic = dys;
        view_add(view, W_TEXT, box, "Do you feel safe?", TS_BODY, 0, 0);
        draw();
        int l, r;
        ink_columns(box, bg, &l, &r);
        widths[dys] = r - l;
        if (dys)
            save_shot("dyslexic");
    }
    CHECK(widths[0] > 0 && widths[1] > 0 && widths[0] != widths[1]);

    /* Bigger still shrinks to fit: a long text in a small box stays inside it. */
    new_view(0, 0);
    view->look.bigger = 1;
    Rect small = {100, 100, 300, 80};
    view_add(view, W_TEXT, small, "Did the staff listen to you today? Tell us.", TS_TITLE, 0, 0);
    draw();
    int t, b;
    ink_rows((Rect){0, 0, W, H}, bg, &t, &b);
    CHECK(t >= small.y && b < small.y + small.h);

    /* High contrast: the page is black. */
    new_view(0, 1);
    view_add(view, W_BUTTON, (Rect){100, 100, 300, 96}, "Next", TS_BODY, 1, 0)->flags |= W_PRIMARY;
    view_add(view, W_BUTTON, (Rect){500, 100, 300, 96}, "Back", TS_BODY, 2, 0);
    draw();
    save_shot("contrast-buttons");
    CHECK(pixel_at(5, 5) == 0x000000);
}

static double channel(Uint8 v)
{
    double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

/* WCAG 2 relative luminance and contrast ratio. */
static double luminance(SDL_Color c)
{
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

static double contrast_ratio(SDL_Color a, SDL_Color b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

static void test_contrast(void)
{
    /* The formula, on known values. */
    CHECK(fabs(contrast_ratio((SDL_Color){0, 0, 0, 255}, (SDL_Color){255, 255, 255, 255}) - 21) <
          1e-9);
    CHECK(fabs(contrast_ratio((SDL_Color){0x76, 0x76, 0x76, 255}, (SDL_Color){255, 255, 255, 255}) -
               4.54) < 0.01);
    const double text_min[RENDER_THEMES] = {4.5, 7.0};
    CHECK(render_ntext_pairs >= 8);
    for (int th = 0; th < RENDER_THEMES; th++) {
        for (int i = 0; i < render_ntext_pairs; i++) {
            const ThemePair *p = &render_text_pairs[i];
            double k = contrast_ratio(render_themes[th][p->fg], render_themes[th][p->bg]);
            if (k < text_min[th])
                fprintf(stderr, "theme %d: %s: %.2f:1, under %.1f:1\n", th, p->what, k,
                        text_min[th]);
            CHECK(k >= text_min[th]);
        }
        for (int i = 0; i < render_ngraphic_pairs; i++) {
            const ThemePair *p = &render_graphic_pairs[i];
            double k = contrast_ratio(render_themes[th][p->fg], render_themes[th][p->bg]);
            if (k < 3.0)
                fprintf(stderr, "theme %d: %s: %.2f:1, under 3:1\n", th, p->what, k);
            CHECK(k >= 3.0);
        }
    }
}

/* A picture fits its box keeping its shape; a missing one draws nothing; the speaker draws. */
static void test_image_and_speaker(void)
{
    char dir[] = "/tmp/chorus-test-img.XXXXXX", path[256], err[ERR_LEN];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/wide.png", dir);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 100, 50, 32, SDL_PIXELFORMAT_ARGB8888);
    CHECK(s != NULL);
    if (!s)
        return;
    SDL_FillRect(s, NULL, 0xFFD00000u);
    CHECK(IMG_SavePNG(s, path) == 0);
    SDL_FreeSurface(s);

    Rect box = {200, 100, 400, 400};
    Uint32 bg = rgb(render_themes[0][TC_BG]);
    new_view(0, 0);
    view_add(view, W_IMAGE, box, path, TS_BODY, 0, 0);
    draw();
    save_shot("image");
    CHECK(pixel_at(box.x + 200, box.y + 200) == 0xD00000); /* the middle */
    CHECK(pixel_at(box.x + 5, box.y + 200) == 0xD00000);   /* full width */
    CHECK(pixel_at(box.x + 200, box.y + 60) == bg);        /* 400 x 200: not the top */
    int top, bottom;
    ink_rows(box, bg, &top, &bottom);
    CHECK(abs(top - (box.y + 100)) <= 1 && abs(bottom - (box.y + 299)) <= 1);

    /* Chosen with its button: framed in the primary colour. */
    new_view(0, 0);
    view_add(view, W_IMAGE, box, path, TS_BODY, 1, 0)->flags |= W_SELECTED;
    draw();
    CHECK(pixel_at(box.x + 200, box.y + 98) == rgb(render_themes[0][TC_PRIMARY]));
    CHECK(pixel_at(box.x + 200, box.y + 301) == rgb(render_themes[0][TC_PRIMARY]));

    new_view(0, 0);
    view_add(view, W_IMAGE, box, "/nonexistent/picture.png", TS_BODY, 0, 0);
    draw();
    ink_rows(box, bg, &top, &bottom);
    CHECK(top == -1);

    new_view(0, 0);
    Rect sp = {100, 100, 96, 96};
    view_add(view, W_SPEAK, sp, "Read aloud", TS_BODY, 5, 0);
    draw();
    save_shot("speaker");
    int ink = 0;
    Uint32 fg = rgb(render_themes[0][TC_TEXT]);
    for (int y = sp.y + 20; y < sp.y + sp.h - 20; y++)
        for (int x = sp.x + 20; x < sp.x + sp.w - 20; x++)
            ink += pixel_at(x, y) == fg;
    CHECK(ink > 200);
    snprintf(err, sizeof err, "%s", path);
    remove(err);
    remove(dir);
}

/* A screen's worth of every language, for a person to look at (CHORUS_TEXT_SHOTS). */
static void test_language_screens(void)
{
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        for (int contrast = 0; contrast < 2; contrast++) {
            new_view(samples[i].rtl, contrast);
            view_add(view, W_TEXT, (Rect){40, 40, 1200, 100}, samples[i].text, TS_TITLE, 0, 0)
                ->flags |= W_LEFT;
            view_add(view, W_CHOICE, (Rect){40, 180, 560, 96}, samples[i].text, TS_BODY, 1, 0)
                ->flags |= W_LEFT;
            view_add(view, W_CHOICE, (Rect){680, 180, 560, 96}, samples[i].text, TS_BODY, 2, 0)
                ->flags |= W_SELECTED;
            view_add(view, W_FIELD, (Rect){40, 320, 1200, 96}, samples[i].text, TS_BODY, 3, 0)
                ->flags |= W_SELECTED | W_LEFT;
            view_add(view, W_TEXT, (Rect){40, 460, 1200, 300}, samples[i].text, TS_SMALL, 0, 0);
            draw();
            char name[64];
            snprintf(name, sizeof name, "lang-%s%s", samples[i].name, contrast ? "-contrast" : "");
            save_shot(name);
        }
    }
    CHECK(1);
}

/* Text of every script at the same visual size for the same role: the height of the ink of a
 * line in Arabic script and in Ge'ez, at the body and title sizes, is within 0.8 to 1.4 times
 * that of the same words' role in Latin (Arabic was once drawn 40% smaller). */
static int ink_height(const char *text, int px)
{
    TextStyle st = {px, 0, 0, 1, 0, TEXT_START, {0, 0, 0, 255}, 0};
    TextImage img;
    char err[ERR_LEN];
    if (text_render(tf, text, strlen(text), &st, &img, err) != 0 || !img.surface)
        return -1;
    SDL_Surface *sf =
        SDL_ConvertSurfaceFormat((SDL_Surface *)img.surface, SDL_PIXELFORMAT_ARGB8888, 0);
    int top = -1, bottom = -1;
    for (int y = 0; sf && y < sf->h; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)sf->pixels + y * sf->pitch);
        for (int x = 0; x < sf->w; x++) {
            if ((row[x] >> 24) > 128) {
                if (top < 0)
                    top = y;
                bottom = y;
                break;
            }
        }
    }
    SDL_FreeSurface(sf);
    text_image_wipe(&img);
    return top < 0 ? -1 : bottom - top + 1;
}

static void test_script_sizes(void)
{
    static const char *const others[] = {"هل تشعر بالأمان هنا؟",
                                         "آیا اینجا احساس امنیت می‌کنی؟",
                                         "ኣብዚ ውሑስ ኮይኑ ይስምዓካ ድዩ?"};
    static const int sizes[] = {24, 32, 48};
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        int latin = ink_height("Do you feel safe here?", sizes[k]);
        CHECK(latin > 0);
        for (size_t i = 0; latin > 0 && i < sizeof others / sizeof *others; i++) {
            int h = ink_height(others[i], sizes[k]);
            if (h * 10 < latin * 8 || h * 10 > latin * 14)
                fprintf(stderr, "  %s at %d px: ink %d px tall, Latin %d px\n", others[i], sizes[k],
                        h, latin);
            CHECK(h * 10 >= latin * 8);
            CHECK(h * 10 <= latin * 14);
        }
    }
}

/* A missing font folder is an error at start, naming the file. */
static void test_missing_fonts(void)
{
    char err[ERR_LEN] = "";
    Render *none = render_new(sr, "/nonexistent", err);
    CHECK(none == NULL);
    CHECK(strstr(err, "/nonexistent/NotoSans-Regular.ttf") != NULL);
    render_free(none);
}

int main(void)
{
    shots = getenv("CHORUS_TEXT_SHOTS");
    SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0) {
        fprintf(stderr, "cannot start SDL: %s\n", SDL_GetError());
        return 1;
    }
    char err[ERR_LEN];
    canvas = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
    sr = canvas ? SDL_CreateSoftwareRenderer(canvas) : NULL;
    rd = sr ? render_new(sr, FONTS, err) : NULL;
    tf = text_fonts_new(FONTS, err);
    view = calloc(1, sizeof *view);
    if (!rd || !tf || !view) {
        fprintf(stderr, "cannot set up: %s %s\n", err, SDL_GetError());
        return 1;
    }
    RUN(test_contrast);
    RUN(test_no_missing_glyphs);
    RUN(test_kiosk_words);
    RUN(test_bidi_order);
    RUN(test_alignment);
    RUN(test_wrapped_rtl);
    RUN(test_emoji);
    RUN(test_styled_runs);
    RUN(test_wrap);
    RUN(test_wrap_exact);
    RUN(test_long_answer);
    RUN(test_field_keys);
    RUN(test_text_end);
    RUN(test_look);
    RUN(test_image_and_speaker);
    RUN(test_language_screens);
    RUN(test_missing_fonts);
    RUN(test_script_sizes);
    free(view);
    text_fonts_free(tf);
    render_free(rd);
    SDL_DestroyRenderer(sr);
    SDL_FreeSurface(canvas);
    TTF_Quit();
    SDL_Quit();
    return TEST_SUMMARY("test_sdl_text");
}
