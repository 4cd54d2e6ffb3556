/* view.h: what a screen shows, as data: a list of widgets with rectangles and texts.
 *
 * A screen builds a View from the app's state; render.c draws it and app.c hit-tests taps
 * against the same list, so what is drawn and what can be tapped never disagree. Knows no SDL. */
#ifndef CHORUS_VIEW_H
#define CHORUS_VIEW_H

#include <stddef.h>

#define VIEW_WIDGETS_MAX 160
#define VIEW_TEXT_MAX 16384
#define VIEW_BIGGER 1.3f /* Look.bigger: every text size times this */

typedef struct {
    int x, y, w, h;
} Rect;

typedef enum {
    W_PANEL,    /* a filled background area */
    W_TEXT,     /* text, not tappable */
    W_BUTTON,   /* a tappable button with a text */
    W_CHOICE,   /* an answer; W_SELECTED when chosen */
    W_FACE,     /* a face of the five-face scale: level 0 (worst) .. 4 (best), text below */
    W_SYMBOL,   /* a yes / not sure / no answer: level 0 yes, 1 not sure, 2 no */
    W_PROGRESS, /* a progress bar: level is the filled part in thousandths */
    W_FIELD,    /* a text entry field showing what was typed */
    W_KEY,      /* a key of the on-screen keyboard */
    W_IMAGE,    /* a picture: text is the path of a PNG file; drawn to fit, keeping its shape.
                 * Tappable when it belongs to a button (the same action as the button beside
                 * it, W_SELECTED with it) */
    W_SPEAK,    /* the speaker button: a speaker symbol; tapping it reads something aloud.
                 * text ("Read aloud: ...") names it for scripts and logs and is not drawn */
    W_HEART     /* the thank-you screen's picture: a heart that smiles; not tappable */
} WidgetKind;

typedef enum { TS_SMALL, TS_BODY, TS_LARGE, TS_TITLE, TS_COUNT } TextSize;

#define W_SELECTED 0x1u /* chosen answer, focused field */
#define W_DISABLED 0x2u /* drawn faded, not tappable */
#define W_PRIMARY 0x4u  /* the main action of the screen */
#define W_LEFT 0x8u     /* text aligned to the start instead of centred */
#define W_BOLD 0x10u
#define W_QUIET 0x20u   /* a secondary action, drawn lighter */
#define W_ALERT 0x40u   /* a calm warning colour (safety, idle, errors) */
#define W_ENGLISH 0x80u /* English on purpose, beside a translation (kit_text_english) */
#define W_STAY 0x100u   /* keeps its place when the view mirrors (the language buttons) */

typedef struct {
    WidgetKind kind;
    Rect r;
    const char *text; /* may be NULL; points into the view's text store or static memory */
    TextSize size;
    unsigned flags;
    int level;  /* W_FACE, W_SYMBOL, W_PROGRESS */
    int action; /* 0: not tappable */
    int arg;
} Widget;

/* How the young person at the screen asked for things to look; reset for the next person. */
typedef struct {
    int rtl;        /* the language reads right to left: layouts are mirrored, text right-aligned */
    int contrast;   /* the high-contrast theme (at least 7:1) */
    int bigger;     /* bigger text */
    int dyslexic;   /* the dyslexia-friendly font */
    const char *lang; /* the language code of the texts, for shaping and font choice */
} Look;

typedef struct View View;

/* Measures a text as the renderer will draw it, at role size's pixels for v (view_text_px), bold
 * or not, wrapped to wrap pixels: returns its height in pixels and puts its widest line's width
 * in *w (render_measure, set by main.c). Without one (the core's tests), the kit estimates. */
typedef int (*TextMeasure)(void *ctx, const View *v, const char *text, TextSize size, int bold,
                           int wrap, int *w);

struct View {
    int w, h;   /* the window in pixels */
    float unit; /* pixels per layout unit: 1.0 at 1280x800 */
    Look look;
    int nwidgets;
    int overflow; /* widgets or text that did not fit: a layout bug, logged by the caller */
    Widget widgets[VIEW_WIDGETS_MAX];
    size_t text_used;
    char text[VIEW_TEXT_MAX];
    int ring;    /* 1: the focus ring is drawn around ring_r (keyboard and switch access) */
    Rect ring_r;
    TextMeasure measure; /* NULL: estimated (view_reset clears it; app_build_view sets it) */
    void *measure_ctx;
};

/* Empties v for a window of w x h pixels, with the plain look (English, left to right). */
void view_reset(View *v, int w, int h);

/* Adds a widget and returns it (never NULL: past the limit a scratch widget is returned and
 * overflow is set). */
Widget *view_add(View *v, WidgetKind kind, Rect r, const char *text, TextSize size, int action,
                 int arg);

/* A formatted copy of a text kept in the view; "" if the store is full (overflow set). */
const char *view_printf(View *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Mirrors v left to right (x becomes w - x - width) for a right-to-left language, every
 * widget but W_KEY (a keyboard lays out its own direction) and W_STAY (the language buttons:
 * the same spot picks the same language whichever is chosen). */
void view_mirror(View *v);

/* The index of the tappable widget at (x, y), or -1. Later widgets are on top. */
int view_hit(const View *v, int x, int y);

/* Scales a length in layout units (as at 1280x800) to pixels, never below min_px. */
int view_px(const View *v, float units, int min_px);

/* The pixels to the em of text of role size in v: the layout unit, and bigger text (a third
 * larger) when the look asks. Text is always drawn at its role's size, never shrunk to fit: the
 * layouts make room (kit_text_h), so that one role is one size on a screen and bigger text is
 * bigger everywhere. */
int view_text_px(const View *v, TextSize size);

/* The space between a button's edge and its words on each side (above and below: twice its
 * edge's thickness, 3 units and a pixel). */
int view_text_pad(const View *v);

/* Wipes everything the view holds (it may show a young person's answers). */
void view_wipe(View *v);

#endif
