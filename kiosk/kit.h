/* kit.h: the widget kit the kiosk's screens are laid out with (kit.c): text, buttons, the
 * bottom bar, grids, picture buttons, templates with numbers. Screens use it in units of a
 * 1280x800 window scaled to the real one (kit_u), with touch targets never below 44 px; the whole
 * view is mirrored afterwards for a right-to-left language (app_build_view), so the kit always
 * lays out left to right. Knows no SDL. */
#ifndef CHORUS_KIT_H
#define CHORUS_KIT_H

#include <stddef.h>

#include "app.h"

static inline Rect rect(int x, int y, int w, int h)
{
    return (Rect){x, y, w, h};
}
/* units of a 1280x800 window, in this view's pixels (at least 1) */
static inline int U(const View *v, float units)
{
    return view_px(v, units, 1);
}
/* a main button's height */
static inline int target(const View *v)
{
    return view_px(v, 96, 52);
}
static inline int margin(const View *v)
{
    return U(v, 32);
}
static inline void background(View *v)
{
    view_add(v, W_PANEL, rect(0, 0, v->w, v->h), NULL, 0, 0, 0);
}
/* the kiosk's own words, in the young person's language */
static inline const char *T(const App *a, UiText key)
{
    return ui_text(a, key);
}

/* A text, or a button, in r with flags (W_*); the widget is the view's. */
Widget *kit_text(View *v, Rect r, const char *s, TextSize size, unsigned flags);
Widget *kit_button(View *v, Rect r, const char *s, int action, int arg, unsigned flags);

/* The height text s takes drawn at role size with flags (W_BOLD) wrapped to w pixels: measured
 * as the renderer draws it (View.measure), else estimated. Text is never shrunk to fit, so a
 * layout gives each text at least this much room. kit_text_w: its widest line. */
int kit_text_h(const View *v, const char *s, TextSize size, unsigned flags, int w);
int kit_text_w(const View *v, const char *s, TextSize size, unsigned flags);

/* s when it fits in h drawn w wide, else its longest start (up to the end of a word) that fits
 * with an ellipsis after it, a copy in v: for a preview whose whole is a tap away (a typed
 * answer on the review). */
const char *kit_text_within(View *v, const char *s, TextSize size, unsigned flags, int w, int h);

/* The height a button (or choice, key) of width w needs for its words s at size: the words'
 * height and the padding the renderer keeps inside its edge (view_text_pad). */
int kit_button_h(const View *v, const char *s, TextSize size, int w);

/* A text at (x, y), w wide, at least h tall and taller when its words need it. Returns the y
 * below it. */
int kit_text_flow(View *v, int x, int y, int w, int h, const char *s, TextSize size,
                  unsigned flags);

/* The bottom bar: Back on the left, an optional middle action, and the forward action on the
 * right (each NULL for none). Returns the y where the bar starts, so content stops above it. */
int kit_nav_bar(View *v, const char *back, int back_action, const char *mid, int mid_action,
                int mid_arg, unsigned mid_flags, const char *fwd, int fwd_action,
                unsigned fwd_flags);

/* The y kit_nav_bar() would return for these words, without adding it. */
int kit_nav_bar_top(const View *v, const char *back, const char *mid, const char *fwd);

/* The kiosk's word key in r, and when it is shown translated, its English beside it (the
 * translation on the start side, three fifths of r; the English smaller, marked W_ENGLISH), or
 * under it when that is shorter: for a worker reading over a shoulder, and because a draft
 * translation may be wrong where it matters most (the safety and thank-you screens). Returns
 * the translation's widget. */
Widget *kit_text_english(const App *a, View *v, Rect r, UiText key, TextSize size,
                         unsigned flags);

/* The height kit_text_english() needs for key w wide. */
int kit_text_english_h(const App *a, const View *v, int w, UiText key, TextSize size,
                       unsigned flags);

/* A copy of a translated template, in the view, with {n} and {m} replaced by numbers. */
const char *kit_fill(View *v, const char *tmpl, long long n, long long m);

/* The length of at most max bytes of s that ends on a whole UTF-8 character. */
int kit_utf8_prefix(const char *s, int max);

/* A button with a picture above its words when picture is a path and the cell has room for
 * both to stay touch targets; else the words alone. Returns the words' widget. */
Widget *kit_picture_button(View *v, WidgetKind kind, Rect cell, const char *picture,
                           const char *label, int action, int arg, unsigned flags);

/* A survey's name on screen: its form_title in lang, or its form id when it has none. */
const char *kit_survey_name(const Survey *s, int lang);

/* n button cells in a grid inside area, in out[0..n-1]: the fewest columns (up to max_cols,
 * more only when the rows would not fit) that keep every cell at least min_h tall, at most cap
 * tall. kit_grid: at least a touch target tall. */
void kit_grid_sized(const View *v, Rect area, int n, int max_cols, int min_h, int cap, Rect *out);
void kit_grid(const View *v, Rect area, int n, int max_cols, Rect *out);

/* Like kit_grid_sized, for buttons with words labels[i] at size: every row as tall as its
 * tallest words need at the width the columns leave less beside (pixels of each cell kept for
 * something else, a speaker), one height for the whole grid; the
 * fewest columns (up to max_cols, more when the rows would not fit) that fit area. Returns 1,
 * or 0 when even the most columns do not fit (then laid out as kit_grid_sized, inside area). */
int kit_grid_words(const View *v, Rect area, int n, const char *const *labels, TextSize size,
                   int beside, int max_cols, int min_h, int cap, Rect *out);

/* Appends add to, or (del) deletes the last character of, the string in buf (cap bytes); an
 * addition that does not fit is left out. */
void kit_buffer_edit(char *buf, size_t cap, const char *add, int del);

#endif
