/* kit.c: the widget kit of the kiosk's screens. See kit.h. */
#include "kit.h"

#include <stdio.h>
#include <string.h>

#include "words.h"

/* Code points of s, for the estimate. */
static int chars(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* The measure, or without a renderer an estimate: an average letter about 0.6 em wide, a line
 * 1.4 em, every line but the last wrapped at a word. */
static int measure(const View *v, const char *s, TextSize size, unsigned flags, int wrap, int *w)
{
    if (!s || !*s) {
        *w = 0;
        return 0;
    }
    if (v->measure)
        return v->measure(v->measure_ctx, v, s, size, (flags & W_BOLD) != 0, wrap, w);
    int px = view_text_px(v, size);
    int total = chars(s) * px * 6 / 10;
    int lines = 1;
    for (const char *p = s; *p; p++)
        lines += *p == '\n';
    if (wrap > 0 && total > wrap) {
        lines += (total + wrap / 2) / wrap;
        total = wrap;
    }
    *w = total;
    return lines * px * 14 / 10;
}

int kit_text_h(const View *v, const char *s, TextSize size, unsigned flags, int w)
{
    int tw;
    return w > 0 ? measure(v, s, size, flags, w, &tw) : 0;
}

int kit_text_w(const View *v, const char *s, TextSize size, unsigned flags)
{
    int tw;
    measure(v, s, size, flags, 0, &tw);
    return tw;
}

const char *kit_text_within(View *v, const char *s, TextSize size, unsigned flags, int w, int h)
{
    if (!s || kit_text_h(v, s, size, flags, w) <= h)
        return s;
    /* The longest start (ending on a whole character) that fits with the ellipsis: found by
     * halving, then taken back to the end of a word when one ends in its last third. */
    char buf[1024];
    int lo = 0, hi = (int)strlen(s);
    if (hi > (int)sizeof buf - 8)
        hi = (int)sizeof buf - 8;
    while (lo < hi) {
        int mid = kit_utf8_prefix(s, (lo + hi + 1) / 2);
        if (mid <= lo) /* the next whole character after lo */
            for (mid = lo + 1; s[mid] && ((unsigned char)s[mid] & 0xC0) == 0x80; mid++)
                ;
        if (mid > hi)
            break;
        snprintf(buf, sizeof buf, "%.*s\u2026", mid, s);
        if (kit_text_h(v, buf, size, flags, w) <= h)
            lo = mid;
        else
            hi = mid - 1;
    }
    int end = lo;
    while (end > lo * 2 / 3 && s[end - 1] != ' ')
        end--;
    if (end <= lo * 2 / 3)
        end = lo;
    while (end > 0 && s[end - 1] == ' ')
        end--;
    return view_printf(v, "%.*s\u2026", end, s);
}

int kit_button_h(const View *v, const char *s, TextSize size, int w)
{
    int pad = view_text_pad(v), border = (int)(3 * v->unit) + 1;
    return kit_text_h(v, s, size, W_BOLD, w - 2 * pad) + 4 * border;
}

int kit_text_flow(View *v, int x, int y, int w, int h, const char *s, TextSize size,
                  unsigned flags)
{
    int need = kit_text_h(v, s, size, flags, w);
    if (need > h)
        h = need;
    kit_text(v, rect(x, y, w, h), s, size, flags);
    return y + h;
}

Widget *kit_text(View *v, Rect r, const char *s, TextSize size, unsigned flags)
{
    Widget *w = view_add(v, W_TEXT, r, s, size, A_NONE, 0);
    w->flags = flags;
    return w;
}

Widget *kit_button(View *v, Rect r, const char *s, int action, int arg, unsigned flags)
{
    Widget *w = view_add(v, W_BUTTON, r, s, TS_BODY, action, arg);
    w->flags = flags;
    return w;
}

/* The bottom bar: Back on the left, an optional middle action, and the forward action on the
 * right. Returns the y where the bar starts, so content stops above it. */
/* The bar's buttons' height: one row, one height, as tall as the longest words need. */
static int nav_bar_h(const View *v, const char *back, const char *mid, const char *fwd, int side,
                     int mid_w)
{
    int th = target(v);
    const char *words[3] = {back, mid, fwd};
    for (int i = 0; i < 3; i++) {
        int need = words[i] ? kit_button_h(v, words[i], TS_BODY, i == 1 ? mid_w : side) : 0;
        th = need > th ? need : th;
    }
    return th;
}

/* The widths of the bar's side buttons and middle one: thirds; when the middle words need more
 * lines than the sides' (a long "I'd rather not say"), the sides as narrow as their words on one
 * line allow and the middle wider. Never wider than its third when there is no forward button:
 * the review's Send is in the middle, and must never reach where Next was. */
static void nav_bar_widths(const View *v, const char *back, const char *mid, const char *fwd,
                           int *side, int *mid_w)
{
    int m = margin(v), gap = U(v, 24), bw = (v->w - 2 * m - 2 * gap) / 3;
    *side = *mid_w = bw;
    if (!mid || !fwd || kit_button_h(v, mid, TS_BODY, bw) <= nav_bar_h(v, back, NULL, fwd, bw, bw))
        return;
    int edge = 2 * view_text_pad(v) + 4 * ((int)(3 * v->unit) + 1) + 2;
    int s = U(v, 260);
    const char *sides[2] = {back, fwd};
    for (int i = 0; i < 2; i++) {
        int w = sides[i] ? kit_text_w(v, sides[i], TS_BODY, W_BOLD) + edge : 0;
        s = w > s ? w : s;
    }
    if (s >= bw)
        return;
    *side = s;
    *mid_w = v->w - 2 * m - 2 * gap - 2 * s;
}

int kit_nav_bar_top(const View *v, const char *back, const char *mid, const char *fwd)
{
    int m = margin(v), side, mid_w;
    nav_bar_widths(v, back, mid, fwd, &side, &mid_w);
    return v->h - m / 2 - nav_bar_h(v, back, mid, fwd, side, mid_w) - U(v, 16);
}

int kit_nav_bar(View *v, const char *back, int back_action, const char *mid, int mid_action,
                int mid_arg, unsigned mid_flags, const char *fwd, int fwd_action,
                unsigned fwd_flags)
{
    int m = margin(v), gap = U(v, 24), side, mid_w;
    nav_bar_widths(v, back, mid, fwd, &side, &mid_w);
    int th = nav_bar_h(v, back, mid, fwd, side, mid_w);
    int y = v->h - m / 2 - th;
    if (back)
        kit_button(v, rect(m, y, side, th), back, back_action, 0, W_QUIET);
    if (mid)
        kit_button(v, rect(m + side + gap, y, mid_w, th), mid, mid_action, mid_arg, mid_flags);
    if (fwd)
        kit_button(v, rect(v->w - m - side, y, side, th), fwd, fwd_action, 0, W_PRIMARY | fwd_flags);
    return y - U(v, 16);
}

/* A copy of a translated template in the view with {n} and {m} replaced by numbers (word order
 * differs between languages, so the numbers are placed by the template). */
const char *kit_fill(View *v, const char *tmpl, long long n, long long m)
{
    char out[512];
    size_t used = 0;
    for (const char *p = tmpl; *p && used + 24 < sizeof out;) {
        if (p[0] == '{' && (p[1] == 'n' || p[1] == 'm') && p[2] == '}') {
            int k = snprintf(out + used, sizeof out - used, "%lld", p[1] == 'n' ? n : m);
            used += k > 0 ? (size_t)k : 0;
            p += 3;
        } else {
            out[used++] = *p++;
        }
    }
    out[used] = '\0';
    return view_printf(v, "%s", out);
}

/* The length of at most max bytes of s that ends on a whole UTF-8 character. */
int kit_utf8_prefix(const char *s, int max)
{
    int n = (int)strlen(s);
    if (n <= max)
        return n;
    n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

/* A button with a picture above its words, when picture is a path and the cell has room for
 * both to stay touch targets; else the words alone. The picture is tappable too, with the same
 * action, since a young child taps the picture. Returns the words' widget. */
Widget *kit_picture_button(View *v, WidgetKind kind, Rect cell, const char *picture,
                           const char *label, int action, int arg, unsigned flags)
{
    int lh = view_px(v, 72, 44), gap = U(v, 6);
    int need = kit_button_h(v, label, TS_BODY, cell.w);
    int words = need > lh ? need : lh;
    if (picture && *picture && cell.h - words - gap >= lh) {
        lh = words;
        Widget *img = view_add(v, W_IMAGE, rect(cell.x, cell.y, cell.w, cell.h - lh - gap), picture,
                               TS_BODY, action, arg);
        img->flags = flags & W_SELECTED;
        cell = rect(cell.x, cell.y + cell.h - lh, cell.w, lh);
    }
    Widget *w = view_add(v, kind, cell, label, TS_BODY, action, arg);
    w->flags = flags;
    return w;
}

/* A survey's name on screen: its form_title (in lang), or its form id when it has none, so an
 * untitled survey never shows as a blank button. */
const char *kit_survey_name(const Survey *s, int lang)
{
    const char *title = survey_text(s, s->title, lang);
    return *title ? title : s->form_id;
}

/* Lays n buttons out in a grid inside area, choosing the fewest columns that keep every button
 * at least min_h tall (and at most cap). */
void kit_grid_sized(const View *v, Rect area, int n, int max_cols, int min_h, int cap, Rect *out)
{
    int gap = U(v, 16), cols = 1, rows = n;
    /* Past max_cols only when the rows would not fit otherwise (many surveys on a small
     * screen): narrower buttons beat buttons that run off the screen or cover Back. */
    int most = n > max_cols ? n : max_cols;
    for (cols = 1; cols <= most; cols++) {
        rows = (n + cols - 1) / cols;
        if ((area.h - (rows - 1) * gap) / rows >= min_h)
            break;
    }
    if (cols > most)
        cols = most;
    rows = (n + cols - 1) / cols;
    int bh = (area.h - (rows - 1) * gap) / rows;
    if (bh > cap)
        bh = cap;
    if (bh < target(v))
        bh = target(v);
    int bw = (area.w - (cols - 1) * gap) / cols;
    for (int i = 0; i < n; i++)
        out[i] = rect(area.x + (i % cols) * (bw + gap), area.y + (i / cols) * (bh + gap), bw, bh);
}

int kit_grid_words(const View *v, Rect area, int n, const char *const *labels, TextSize size,
                   int beside, int max_cols, int min_h, int cap, Rect *out)
{
    int gap = U(v, 16), most = n > max_cols ? n : max_cols;
    int cols = 1, h = min_h, fits = 0;
    for (cols = 1; cols <= most && n > 0; cols++) {
        int rows = (n + cols - 1) / cols, cw = (area.w - (cols - 1) * gap) / cols;
        h = min_h;
        for (int i = 0; i < n; i++) {
            int need = kit_button_h(v, labels[i], size, cw - beside);
            h = need > h ? need : h;
        }
        if (rows * h + (rows - 1) * gap <= area.h) {
            fits = 1;
            break;
        }
    }
    if (!fits) {
        /* No room for every word: the cells stay inside area (their words are then cut, which
         * tests/test_sdl_layout.c counts) rather than run over the buttons below. */
        kit_grid_sized(v, area, n, max_cols, min_h, cap, out);
        return 0;
    }
    int rows = n > 0 ? (n + cols - 1) / cols : 1;
    int room = (area.h - (rows - 1) * gap) / rows;
    int want = room < cap ? room : cap;
    if (want > h)
        h = want;
    int bw = (area.w - (cols - 1) * gap) / cols;
    for (int i = 0; i < n; i++)
        out[i] = rect(area.x + (i % cols) * (bw + gap), area.y + (i / cols) * (h + gap), bw, h);
    return fits;
}

/* A grid of buttons at least a touch target tall. */
void kit_grid(const View *v, Rect area, int n, int max_cols, Rect *out)
{
    kit_grid_sized(v, area, n, max_cols, target(v), U(v, 130), out);
}

/* Appends to or deletes from a plain buffer (a session name, a PIN). */
void kit_buffer_edit(char *buf, size_t cap, const char *add, int del)
{
    size_t n = strlen(buf);
    if (del) {
        while (n > 0) {
            n--;
            if (((unsigned char)buf[n] & 0xC0) != 0x80)
                break;
        }
        memset(buf + n, 0, cap - n);
    } else if (add && strlen(add) < cap - n) {
        memcpy(buf + n, add, strlen(add) + 1);
    }
}

/* The English of key, isolated left to right (LRI ... PDI), so that a full stop stays at the end
 * of the sentence on a right-to-left screen; in the view (add) or in buf. */
static const char *english(View *v, UiText key, char *buf, size_t cap)
{
    if (v)
        return view_printf(v, "\u2066%s\u2069", words_english(key));
    snprintf(buf, cap, "\u2066%s\u2069", words_english(key));
    return buf;
}

/* How kit_text_english() lays key out w wide: beside (1: the translation on three fifths, the
 * English on the rest) or one above the other (0), whichever is shorter; the heights of the two
 * parts in *own_h and *en_h. */
static int english_beside(const App *a, const View *v, int w, UiText key, TextSize size,
                          unsigned flags, int *own_h, int *en_h)
{
    char buf[512];
    const char *en = english(NULL, key, buf, sizeof buf);
    TextSize es = size > TS_SMALL ? (TextSize)(size - 1) : TS_SMALL;
    unsigned ef = (flags & ~W_BOLD) | W_LEFT;
    int gap = U(v, 16), own = (w - gap) * 3 / 5;
    int bo = kit_text_h(v, ui_text(a, key), size, flags | W_LEFT, own);
    int be = kit_text_h(v, en, es, ef, w - own - gap);
    int so = kit_text_h(v, ui_text(a, key), size, flags | W_LEFT, w);
    int se = kit_text_h(v, en, es, ef, w);
    int beside = (bo > be ? bo : be) <= so + U(v, 4) + se;
    *own_h = beside ? bo : so;
    *en_h = beside ? be : se;
    return beside;
}

Widget *kit_text_english(const App *a, View *v, Rect r, UiText key, TextSize size, unsigned flags)
{
    if (strcmp(ui_text_lang(a, key), "en") == 0)
        return kit_text(v, r, ui_text(a, key), size, flags);
    int oh, eh;
    int beside = english_beside(a, v, r.w, key, size, flags, &oh, &eh);
    TextSize es = size > TS_SMALL ? (TextSize)(size - 1) : TS_SMALL;
    Widget *t, *e;
    if (beside) {
        int gap = U(v, 16), own = (r.w - gap) * 3 / 5;
        t = kit_text(v, rect(r.x, r.y, own, r.h), ui_text(a, key), size, flags | W_LEFT);
        e = kit_text(v, rect(r.x + own + gap, r.y, r.w - own - gap, r.h),
                     english(v, key, NULL, 0), es, (flags & ~W_BOLD) | W_LEFT);
    } else {
        /* Narrow: the translation across, the English under it. */
        int th = r.h - eh - U(v, 4) > oh ? r.h - eh - U(v, 4) : oh;
        t = kit_text(v, rect(r.x, r.y, r.w, th), ui_text(a, key), size, flags | W_LEFT);
        e = kit_text(v, rect(r.x, r.y + th + U(v, 4), r.w, eh), english(v, key, NULL, 0), es,
                     (flags & ~W_BOLD) | W_LEFT);
    }
    e->flags |= W_ENGLISH;
    return t;
}

int kit_text_english_h(const App *a, const View *v, int w, UiText key, TextSize size,
                       unsigned flags)
{
    if (strcmp(ui_text_lang(a, key), "en") == 0)
        return kit_text_h(v, ui_text(a, key), size, flags, w);
    int oh, eh;
    if (english_beside(a, v, w, key, size, flags, &oh, &eh))
        return oh > eh ? oh : eh;
    return oh + U(v, 4) + eh;
}
