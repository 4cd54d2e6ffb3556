/* text.h: lays a UTF-8 text out for drawing, in any of the kiosk's languages. One of the few
 * kiosk files that know SDL (with render.c, which is its only caller).
 *
 * A text is split into paragraphs at line feeds; each paragraph gets the Unicode bidirectional
 * algorithm (libfribidi), is cut into runs of one embedding level and one font, wrapped on
 * spaces in logical order, and each line is then put in visual order. Every run is shaped by
 * SDL_ttf's HarfBuzz with its own direction and script, so Arabic joins, digits and Latin words
 * inside Arabic read correctly, and Ethiopic and emoji come from their own fonts.
 *
 * Fonts come from one folder (never system paths): a primary font (Noto Sans, or OpenDyslexic
 * then Noto Sans), then Noto Sans Arabic (also Farsi, Pashto, Sorani, Urdu), Noto Sans Hebrew,
 * Noto Sans Ethiopic (Tigrinya, Amharic) and Noto Color Emoji, in that order of fallback for
 * each character. */
#ifndef CHORUS_TEXT_H
#define CHORUS_TEXT_H

#include <SDL.h>
#include <stddef.h>

/* The font files text_fonts_new() reads from its folder, each with a Bold beside it except the
 * emoji font: NotoSans-{Regular,Bold}.ttf, NotoSansArabic-..., NotoSansHebrew-...,
 * NotoSansEthiopic-..., OpenDyslexic-{Regular,Bold}.otf, NotoColorEmoji.ttf. */
typedef struct TextFonts TextFonts;

typedef enum {
    TEXT_CENTRE, /* each line centred */
    TEXT_START /* each line at the paragraph's start: left, or right when it reads right to left */
} TextAlign;

typedef struct {
    int px;       /* the size: pixels to the em */
    int bold;     /* the Bold fonts (emoji have none) */
    int dyslexic; /* OpenDyslexic first, for letters it has */
    int rtl;      /* the look reads right to left: paragraphs with a right-to-left letter are
                   * right to left (one without, such as an untranslated word, is not); else
                   * the first strong letter decides, left to right when there is none */
    int wrap;     /* wrap lines on spaces to this width in pixels; 0: never wrap */
    TextAlign align;
    SDL_Color color; /* of the text; emoji keep their own colours */
    int max_lines;   /* draw only the last this many lines (a field scrolled to its caret);
                      * 0: all. Lines above are wrapped but never drawn, so a long answer costs
                      * a keypress what its visible lines cost */
} TextStyle;

/* A laid-out text: its pixels, and where its logical end is (the place for a caret). */
typedef struct {
    SDL_Surface *surface; /* ARGB8888 on transparency; NULL for a text with nothing to draw */
    int w, h;             /* its size (0 x line height for nothing to draw) */
    int end_x, end_y;     /* the logical end of the text: x, and the top of its line */
    int line_h;           /* the step from one line to the next (and a caret's height) */
    int rtl;              /* the last paragraph reads right to left */
    int lines_hidden;     /* lines above the image that max_lines left out */
} TextImage;

/* Opens every font of folder dir, so a missing or broken one is an error at start rather than
 * empty boxes later. Returns NULL with err (ERR_LEN) naming the file. Free with
 * text_fonts_free(). */
TextFonts *text_fonts_new(const char *dir, char *err);

/* Closes every font. Accepts NULL. */
void text_fonts_free(TextFonts *tf);

/* Lays out (text, len) in style st into out (the caller wipes it with text_image_wipe()).
 * Invalid UTF-8 shows as U+FFFD. Returns 0, or -1 with err (ERR_LEN) when a font cannot be
 * opened at the size or memory runs out; out is then empty. */
int text_render(TextFonts *tf, const char *text, size_t len, const TextStyle *st, TextImage *out,
                char *err) __attribute__((warn_unused_result));

/* Wipes the pixels of img (they may spell a young person's answer), frees its surface and
 * empties it. Accepts an empty image. */
void text_image_wipe(TextImage *img);

/* ---- a text field: typing costs the same at any length ----
 *
 * What a young person types, laid out as text_render() lays it out (the same lines, wrapped at
 * the same places, the same caret), but kept between keys: a key redoes only what it changed.
 * The decoded text, its bidi levels and fonts are kept and done again from shortly before the
 * first changed character (bidi from the last strong letter before it, when no bracket, embedding
 * or isolate reaches across); lines are wrapped again from the first line whose place depended
 * on a changed character; and the drawn lines are kept as pieces (a word, or a gap between
 * words, of one font and one direction), each rendered once: a key draws again only the word it
 * changed. Everything it holds spells the answer: text_field_wipe() wipes it. */
typedef struct TextField TextField;

/* One drawn piece of a field's text: its pixels (ARGB8888 on transparency; NULL for a gap with
 * nothing to draw) at (x, y) of the field's image. serial is the same for as long as the pixels
 * are (a renderer keeps a texture by it) and never used again by the field. */
typedef struct {
    SDL_Surface *surface;
    int x, y;
    unsigned serial;
} TextPiece;

/* An empty field, or NULL when out of memory. Free with text_field_free(). */
TextField *text_field_new(void);

/* Lays (text, len) out in style st, from what the field held before (its last text, fonts and
 * style; any change of fonts or style but max_lines starts again, and so does an empty text).
 * Returns 0, or -1 with err (ERR_LEN) when a font cannot be opened or memory runs out; the field
 * is then empty. */
int text_field_update(TextField *f, TextFonts *tf, const char *text, size_t len,
                      const TextStyle *st, char *err) __attribute__((warn_unused_result));

/* The laid-out field's size and caret, as text_render() gives them; surface is always NULL (the
 * pixels are in the pieces). */
const TextImage *text_field_image(const TextField *f);

/* The pieces of the lines drawn: how many, and the i-th. */
int text_field_npieces(const TextField *f);
TextPiece text_field_piece(const TextField *f, int i);

/* Wipes and frees everything the field holds (the text, its layout, its pixels); the field is
 * then empty and may be used again. */
void text_field_wipe(TextField *f);

/* Wipes and frees the field. Accepts NULL. */
void text_field_free(TextField *f);

/* How many characters of (text, len) none of the fonts has (they would show as empty boxes).
 * Controls and invisible format characters (joiners, direction marks, variation selectors) are
 * not counted. With first, the first such character, or 0. */
int text_missing_glyphs(TextFonts *tf, const char *text, size_t len, Uint32 *first);

/* The visual order (left to right) of a one-paragraph text, as the layout draws it, written to
 * out (cap bytes, NUL-terminated) as UTF-8; for tests and logs. Characters inside a right-to-left
 * run are reversed here, as on screen (HarfBuzz does this when it shapes a run); mirrored
 * brackets are not swapped. Returns 0, or -1 if out is too small or memory runs out. */
int text_visual_order(const char *text, size_t len, int rtl, char *out, size_t cap)
    __attribute__((warn_unused_result));

#endif
