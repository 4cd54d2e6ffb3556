/* render.h: draws a View with SDL2, SDL2_ttf and SDL2_image. One of the few kiosk files that
 * know SDL.
 *
 * Every text goes through text.c (bidi, font fallback per run, HarfBuzz shaping), is rendered
 * once into a texture and kept in a cache keyed by text, size, style, width, direction and
 * colour, so a redraw costs only copies. The View's Look chooses the theme (high contrast), the
 * font (OpenDyslexic), bigger text and right-to-left alignment. Fonts come from the bundled
 * assets folder only. Pictures (W_IMAGE) are PNG files, loaded once and cached by path. */
#ifndef CHORUS_RENDER_H
#define CHORUS_RENDER_H

#include <SDL.h>

#include "view.h"

typedef struct Render Render;

/* A renderer drawing with r, its fonts read from font_dir (the files text.h lists). Returns
 * NULL with err (ERR_LEN) when a font is missing or broken. */
Render *render_new(SDL_Renderer *r, const char *font_dir, char *err);

/* Frees the renderer and its caches (wiping cached texts). Accepts NULL. */
void render_free(Render *rd);

/* Where a text that cannot be laid out or a picture that cannot be shown is reported (the
 * kiosk's log); standard error until this is called. */
void render_set_log(Render *rd, void (*log)(const char *line));

/* Draws v (does not present). */
void render_view(Render *rd, const View *v);

/* Forgets every cached text, wiping its copy and pixels (they may hold a young person's
 * answers). Pictures stay cached. */
void render_forget(Render *rd);

/* Measures a text as render_view() would draw it in view v (a TextMeasure for View.measure;
 * ctx is the Render). Kept in a cache of its own, wiped by render_forget(). */
int render_measure(void *ctx, const View *v, const char *text, TextSize size, int bold, int wrap,
                   int *w);

/* A text as drawn, for the tests: the widget, the box it was given (and clipped to), its size in
 * pixels to the em, the size of its laid-out image, where the image was put and the rows of it
 * that hold ink (its letters: the line's room for accents and descenders can be empty). */
typedef struct {
    const Widget *widget;
    Rect box;
    int px;
    int w, h;
    int x, ink_y, ink_h;
} RenderedText;

/* Calls fn for every text of a widget render_view() draws from now on (NULL: stop). */
void render_trace(Render *rd, void (*fn)(void *ctx, const RenderedText *t), void *ctx);

/* Saves the current frame as a PNG at path. Returns 0, or -1 with err. */
int render_save_png(Render *rd, int w, int h, const char *path, char *err);

/* 1 if a character of text is in none of the fonts (it would show as an empty box), with the
 * same fallback chain the drawing uses; 0 otherwise. */
int render_text_has_missing_glyphs(Render *rd, const char *text);

/* ---- the themes, for the contrast tests ---- */

typedef enum {
    TC_BG,            /* the page */
    TC_TEXT,          /* text on the page, buttons, fields and quiet buttons */
    TC_BUTTON,        /* buttons, answers, keys, fields */
    TC_BORDER,        /* the edge of everything tappable */
    TC_PRIMARY,       /* the main action, a chosen answer, the progress made, the caret */
    TC_ON_PRIMARY,    /* text on TC_PRIMARY */
    TC_QUIET,         /* a secondary action */
    TC_DISABLED,      /* a button that cannot be tapped now */
    TC_DISABLED_TEXT, /* its text */
    TC_ALERT_BG,      /* a calm warning panel */
    TC_ALERT_TEXT,    /* warning text, and the panel's edge */
    TC_TRACK,         /* the progress bar's empty part */
    TC_FACE,          /* the five faces */
    TC_FACE_INK,      /* their eyes and mouths */
    TC_WARM,          /* the thank-you screen's heart */
    TC_COUNT
} ThemeColour;

enum { RENDER_THEME_DEFAULT, RENDER_THEME_CONTRAST, RENDER_THEMES };

/* The colours of each theme; Look.contrast picks RENDER_THEME_CONTRAST. */
extern const SDL_Color render_themes[RENDER_THEMES][TC_COUNT];

/* A colour drawn on another: what render_view() actually draws, listed for the tests. */
typedef struct {
    ThemeColour fg, bg;
    const char *what;
} ThemePair;

/* Every text colour with every background it is drawn on. WCAG contrast: at least 4.5:1 in the
 * default theme (AA), 7:1 in the high-contrast one (AAA). */
extern const ThemePair render_text_pairs[];
extern const int render_ntext_pairs;

/* Shapes that carry meaning (edges of buttons, progress, faces, caret, speaker) on their
 * backgrounds: at least 3:1 (WCAG 1.4.11) in both themes. */
extern const ThemePair render_graphic_pairs[];
extern const int render_ngraphic_pairs;

#endif
