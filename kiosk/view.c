/* view.c: building and hit-testing a View. See view.h. */
#include "view.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void view_reset(View *v, int w, int h)
{
    v->w = w;
    v->h = h;
    float ux = (float)w / 1280.0f, uy = (float)h / 800.0f;
    v->unit = ux < uy ? ux : uy;
    v->look = (Look){0, 0, 0, 0, "en"};
    v->nwidgets = 0;
    v->overflow = 0;
    v->text_used = 0;
    v->ring = 0;
    v->ring_r = (Rect){0, 0, 0, 0};
    v->measure = NULL;
    v->measure_ctx = NULL;
}

void view_mirror(View *v)
{
    for (int i = 0; i < v->nwidgets; i++) {
        Widget *w = &v->widgets[i];
        if (w->kind != W_KEY && !(w->flags & W_STAY))
            w->r.x = v->w - w->r.x - w->r.w;
    }
}

Widget *view_add(View *v, WidgetKind kind, Rect r, const char *text, TextSize size, int action,
                 int arg)
{
    static Widget scratch;
    if (v->nwidgets >= VIEW_WIDGETS_MAX) {
        v->overflow = 1;
        memset(&scratch, 0, sizeof scratch);
        return &scratch;
    }
    Widget *w = &v->widgets[v->nwidgets++];
    *w = (Widget){kind, r, text, size, 0, 0, action, arg};
    return w;
}

const char *view_printf(View *v, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t room = VIEW_TEXT_MAX - v->text_used;
    char *dst = v->text + v->text_used;
    int n = vsnprintf(dst, room, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= room) {
        v->overflow = 1;
        if (room)
            *dst = '\0';
        return "";
    }
    v->text_used += (size_t)n + 1;
    return dst;
}

int view_hit(const View *v, int x, int y)
{
    for (int i = v->nwidgets - 1; i >= 0; i--) {
        const Widget *w = &v->widgets[i];
        if (!w->action || (w->flags & W_DISABLED))
            continue;
        if (x >= w->r.x && x < w->r.x + w->r.w && y >= w->r.y && y < w->r.y + w->r.h)
            return i;
    }
    return -1;
}

int view_px(const View *v, float units, int min_px)
{
    int px = (int)(units * v->unit + 0.5f);
    return px < min_px ? min_px : px;
}

int view_text_px(const View *v, TextSize size)
{
    static const int base_px[TS_COUNT] = {26, 32, 42, 64};
    if ((int)size < 0 || size >= TS_COUNT)
        size = TS_BODY;
    float px = (float)base_px[size] * v->unit * (v->look.bigger ? VIEW_BIGGER : 1.0f);
    int n = (int)(px + 0.5f);
    return n < 10 ? 10 : n;
}

int view_text_pad(const View *v)
{
    return (int)(16 * v->unit) + 2;
}

void view_wipe(View *v)
{
    sodium_memzero(v->text, sizeof v->text);
    sodium_memzero(v->widgets, sizeof v->widgets);
    v->nwidgets = 0;
    v->text_used = 0;
}
