/* scan.c: the focus order of a view, in reading order. See scan.h. */
#include "scan.h"

static Rect union_of(Rect a, Rect b)
{
    int x0 = a.x < b.x ? a.x : b.x, y0 = a.y < b.y ? a.y : b.y;
    int x1 = a.x + a.w > b.x + b.w ? a.x + a.w : b.x + b.w;
    int y1 = a.y + a.h > b.y + b.h ? a.y + a.h : b.y + b.h;
    return (Rect){x0, y0, x1 - x0, y1 - y0};
}

/* Whether target p comes before q in reading order (their rows already set). */
static int before(const ScanTarget *p, const ScanTarget *q, int rtl)
{
    if (p->row != q->row)
        return p->row < q->row;
    if (rtl)
        return p->r.x + p->r.w > q->r.x + q->r.w;
    return p->r.x < q->r.x;
}

void scan_order(const View *v, ScanOrder *o)
{
    o->n = 0;
    for (int i = 0; i < v->nwidgets; i++) {
        const Widget *w = &v->widgets[i];
        if (!w->action || (w->flags & W_DISABLED))
            continue;
        int k = scan_find(o, w->action, w->arg);
        if (k >= 0) {
            ScanTarget *t = &o->t[k];
            t->r = union_of(t->r, w->r);
            if (v->widgets[t->widget].kind == W_IMAGE && w->kind != W_IMAGE)
                t->widget = i; /* named by its words, not its picture's file */
            continue;
        }
        o->t[o->n++] = (ScanTarget){i, w->action, w->arg, w->r, -1, -1};
    }
    /* Rows: the topmost target not yet in a row starts one, and takes every target whose
     * middle lies within its height. */
    for (int row = 0;; row++) {
        int top = -1;
        for (int i = 0; i < o->n; i++)
            if (o->t[i].row < 0 && (top < 0 || o->t[i].r.y < o->t[top].r.y))
                top = i;
        if (top < 0)
            break;
        Rect a = o->t[top].r;
        for (int i = 0; i < o->n; i++) {
            int mid = o->t[i].r.y + o->t[i].r.h / 2;
            if (o->t[i].row < 0 && mid >= a.y && mid < a.y + a.h)
                o->t[i].row = row;
        }
        o->t[top].row = row;
    }
    /* Insertion sort: a view has at most VIEW_WIDGETS_MAX targets, and it keeps equals in
     * the order the screen laid them out. */
    for (int i = 1; i < o->n; i++) {
        ScanTarget t = o->t[i];
        int j = i;
        for (; j > 0 && before(&t, &o->t[j - 1], v->look.rtl); j--)
            o->t[j] = o->t[j - 1];
        o->t[j] = t;
    }
    for (int i = 0; i < o->n; i++) {
        ScanTarget *t = &o->t[i];
        if (v->widgets[t->widget].kind != W_KEY)
            continue;
        const ScanTarget *p = i ? &o->t[i - 1] : NULL;
        t->keys = p && p->keys >= 0 && p->row == t->row ? p->keys : i;
    }
}

int scan_find(const ScanOrder *o, int action, int arg)
{
    for (int i = 0; i < o->n; i++)
        if (o->t[i].action == action && o->t[i].arg == arg)
            return i;
    return -1;
}

int scan_row_end(const ScanOrder *o, int i)
{
    if (i < 0 || i >= o->n || o->t[i].keys < 0)
        return i;
    int end = i;
    while (end + 1 < o->n && o->t[end + 1].keys == o->t[i].keys)
        end++;
    return end;
}

Rect scan_span(const ScanOrder *o, int from, int to)
{
    Rect r = o->t[from].r;
    for (int i = from + 1; i <= to; i++)
        r = union_of(r, o->t[i].r);
    return r;
}
