/* access.c: switch access and keyboard focus. See access.h.
 *
 * The focus is kept as the action and argument of the target it is on, so it stays put when
 * the same view is built again (a choice chosen, a letter typed) and starts over at the first
 * target when the view changes under it (another screen, question or page: App.view_since_ms),
 * as a person scanning expects. A switch acts as it goes down, or once held for the dwell a
 * worker set (so a brief knock does nothing); a key repeat, or a press sooner than
 * SWITCH_DEBOUNCE_MS after the switch last acted or came up (a bouncing contact, a spasm), does
 * nothing. The one-switch scan is a deadline like any other (app_next_deadline): the window
 * sleeps between steps, and after SCAN_ROUNDS rounds without a press it rests until one. */
#include "access.h"

#include <stdio.h>
#include <string.h>

const int access_scan_steps[ACCESS_SCAN_STEPS] = {600,  800,  1000, 1250, 1500,
                                                  2000, 2500, 3000, 4000, 5000};
const int access_dwell_steps[ACCESS_DWELL_STEPS] = {0, 100, 200, 300, 500, 750, 1000, 1500, 2000};

void access_defaults(Access *s)
{
    *s = (Access){ACCESS_OFF, ACCESS_SCAN_MS, 0, {ACCESS_CODE_SPACE, ACCESS_CODE_ENTER}, 0};
}

static int in_steps(const int *steps, int n, int v)
{
    for (int i = 0; i < n; i++)
        if (steps[i] == v)
            return 1;
    return 0;
}

int access_load(App *a)
{
    char buf[128];
    access_defaults(&a->access);
    int rc = store_get(a->store, "access", buf, sizeof buf);
    if (rc < 0) {
        snprintf(a->error, sizeof a->error, "cannot read the switch access settings: %s",
                 store_errmsg(a->store));
        return -1;
    }
    if (rc == 0)
        return 0;
    Access s;
    char end;
    if (sscanf(buf, "%d %d %d %d %d%c", &s.mode, &s.scan_ms, &s.dwell_ms, &s.code[0], &s.code[1],
               &end) != 5 ||
        s.mode < ACCESS_OFF || s.mode > ACCESS_TWO_SWITCHES ||
        !in_steps(access_scan_steps, ACCESS_SCAN_STEPS, s.scan_ms) ||
        !in_steps(access_dwell_steps, ACCESS_DWELL_STEPS, s.dwell_ms)) {
        if (a->log)
            a->log("the kept switch access settings cannot be read; switch access is off");
        return 0;
    }
    s.keep = 1;
    a->access = s;
    return 0;
}

int access_save(App *a)
{
    char buf[128];
    const Access *s = &a->access;
    snprintf(buf, sizeof buf, "%d %d %d %d %d", s->mode, s->scan_ms, s->dwell_ms, s->code[0],
             s->code[1]);
    if (store_set(a->store, "access", s->keep ? buf : NULL) != 0) {
        snprintf(a->error, sizeof a->error, "cannot save the switch access settings: %s",
                 store_errmsg(a->store));
        return -1;
    }
    return 0;
}

void access_forget_person(App *a)
{
    if (!a->access.keep) {
        /* For the next young person only: forgotten now. The switch keys stay: they are the
         * kiosk's hardware, not the person. */
        int code0 = a->access.code[0], code1 = a->access.code[1];
        access_defaults(&a->access);
        a->access.code[0] = code0;
        a->access.code[1] = code1;
    }
    memset(&a->focus_at, 0, sizeof a->focus_at);
}

int access_switches(const App *a)
{
    return a->access.mode != ACCESS_OFF && !screens[a->screen].worker;
}

int access_focus(const App *a, const ScanOrder *o, int *to)
{
    const Focus *f = &a->focus_at;
    if (o->n == 0)
        return -1;
    int i = f->action && f->view_ms == a->view_since_ms ? scan_find(o, f->action, f->arg) : 0;
    if (i < 0)
        i = 0;
    if (access_switches(a) && o->t[i].keys >= 0 && !f->in_row) {
        /* Row-column scanning: the whole row of keys is one step. */
        i = o->t[i].keys;
        *to = scan_row_end(o, i);
        return i;
    }
    *to = i;
    return i;
}

void access_ring(const App *a, View *v)
{
    v->ring = 0;
    if (!a->focus_at.shown && !access_switches(a))
        return;
    ScanOrder o;
    scan_order(v, &o);
    int to, from = access_focus(a, &o, &to);
    if (from < 0)
        return;
    v->ring = 1;
    v->ring_r = scan_span(&o, from, to);
}

/* A new view: the focus starts over at its first target, and the scan waits a whole interval
 * there. */
static void sync(App *a)
{
    Focus *f = &a->focus_at;
    if (f->view_ms == a->view_since_ms)
        return;
    f->view_ms = a->view_since_ms;
    f->action = A_NONE;
    f->arg = 0;
    f->in_row = 0;
    f->rounds = 0;
    f->next_ms = a->now_ms + a->access.scan_ms;
}

static void order_now(App *a, ScanOrder *o)
{
    app_build_view(a, &a->view);
    scan_order(&a->view, o);
}

static void focus_on(App *a, const ScanOrder *o, int i)
{
    a->focus_at.action = o->t[i].action;
    a->focus_at.arg = o->t[i].arg;
    a->dirty = 1;
}

/* Moves the focus one step on (dir 1) or back (-1). The first step only shows it. */
static void step(App *a, int dir)
{
    Focus *f = &a->focus_at;
    sync(a);
    ScanOrder o;
    order_now(a, &o);
    int to, i = access_focus(a, &o, &to);
    if (i < 0)
        return;
    if (!f->shown && !access_switches(a)) {
        f->shown = 1;
        focus_on(a, &o, i);
        return;
    }
    f->shown = 1;
    if (access_switches(a) && f->in_row && o.t[i].keys >= 0) {
        int first = o.t[i].keys, last = scan_row_end(&o, first);
        if ((dir > 0 && i == last) || (dir < 0 && i == first)) {
            f->in_row = 0; /* past the row's end: back to scanning the rows, on this one */
            focus_on(a, &o, first);
        } else {
            focus_on(a, &o, i + dir);
        }
        return;
    }
    int n;
    if (dir > 0) {
        n = to + 1;
        if (n >= o.n) {
            n = 0;
            f->rounds++;
        }
    } else {
        n = i > 0 ? i - 1 : o.n - 1;
    }
    if (access_switches(a) && o.t[n].keys >= 0)
        n = o.t[n].keys;
    focus_on(a, &o, n);
}

/* Selects what has the focus: a row of keys opens (its keys are scanned next), anything else
 * does what a tap on it does. The first press only shows the focus. */
static void select_focus(App *a)
{
    Focus *f = &a->focus_at;
    sync(a);
    ScanOrder o;
    order_now(a, &o);
    int to, i = access_focus(a, &o, &to);
    if (i < 0)
        return;
    if (!f->shown && !access_switches(a)) {
        f->shown = 1;
        focus_on(a, &o, i);
        return;
    }
    f->shown = 1;
    if (access_switches(a) && !f->in_row && o.t[i].keys >= 0) {
        f->in_row = 1;
        focus_on(a, &o, i);
        return;
    }
    int row = access_switches(a) && f->in_row ? o.t[i].keys : -1;
    ScanTarget t = o.t[i];
    app_fire(a, t.action, t.arg);
    if (row >= 0 && f->view_ms == a->view_since_ms) {
        /* A key typed: back to the rows, on the row of that key, for the next letter. */
        f->in_row = 0;
        order_now(a, &o);
        int k = scan_find(&o, t.action, t.arg);
        if (k >= 0 && o.t[k].keys >= 0)
            focus_on(a, &o, o.t[k].keys);
    }
}

/* Switch sw (1 or 2) acts: it was pressed (and held for the dwell). */
static void act(App *a, int sw)
{
    Focus *f = &a->focus_at;
    f->held_done = 1;
    f->acted_ms = a->now_ms;
    f->shown = 1;
    if (a->access.mode == ACCESS_ONE_SWITCH) {
        int resting = f->resting;
        f->resting = 0;
        f->rounds = 0;
        if (!resting) /* a press while the scan rests only wakes it */
            select_focus(a);
        f->next_ms = a->now_ms + a->access.scan_ms;
    } else if (sw == 1) {
        step(a, 1);
    } else {
        select_focus(a);
    }
    a->dirty = 1;
}

/* Which switch in is (1 or 2), when switches work here; 0 for any other key. */
static int switch_of(const App *a, const Input *in)
{
    if (!access_switches(a) || !in->code)
        return 0;
    return in->code == a->access.code[0] ? 1 : in->code == a->access.code[1] ? 2 : 0;
}

/* A text field is being typed into: Space is a space and Enter the field's own. */
static int typing(const View *v)
{
    for (int i = 0; i < v->nwidgets; i++)
        if (v->widgets[i].kind == W_FIELD && (v->widgets[i].flags & W_SELECTED))
            return 1;
    return 0;
}

/* The focus is on a key of the on-screen keyboard. */
static int on_key(const App *a)
{
    ScanOrder o;
    int to, i;
    scan_order(&a->view, &o);
    i = access_focus(a, &o, &to);
    return i >= 0 && a->view.widgets[o.t[i].widget].kind == W_KEY;
}

int access_input(App *a, const Input *in)
{
    Focus *f = &a->focus_at;
    if (in->kind == IN_PRESS) {
        if (!access_switches(a))
            f->shown = 0; /* touch: the ring goes until the next Tab */
        return 0;
    }
    if (in->kind == IN_TEXT)
        return f->held != 0; /* the text a switch's key types (Space's space) is not typing */
    if (in->kind != IN_KEY && in->kind != IN_KEY_UP)
        return 0;
    if (f->mapping)
        return 0; /* the worker is choosing a switch's key: the screen takes it */
    int sw = switch_of(a, in);
    if (sw) {
        sync(a);
        if (in->kind == IN_KEY_UP) {
            if (f->held == sw) {
                f->held = 0;
                f->acted_ms = a->now_ms; /* a release bounces too */
            }
            return 1;
        }
        if ((in->flags & INPUT_REPEAT) || f->held)
            return 1;
        f->held = sw;
        f->held_ms = a->now_ms;
        /* a bounce is held like a press (its key's text is eaten) but never acts */
        f->held_done = f->acted_ms && a->now_ms - f->acted_ms < SWITCH_DEBOUNCE_MS;
        if (!f->held_done && a->access.dwell_ms == 0)
            act(a, sw);
        return 1;
    }
    if (in->kind == IN_KEY_UP)
        return 0;
    if (in->key == KEY_TAB) {
        step(a, (in->flags & INPUT_SHIFT) ? -1 : 1);
        return 1;
    }
    if (in->key != KEY_ENTER && in->key != KEY_SPACE)
        return 0;
    app_build_view(a, &a->view);
    if (in->key == KEY_SPACE && typing(&a->view))
        return 0; /* a space, typed */
    if (in->key == KEY_ENTER && (!f->shown || (typing(&a->view) && on_key(a))))
        return 0; /* Enter without a focus, or on a key while typing, keeps its meaning (Next) */
    if (!(in->flags & INPUT_REPEAT))
        select_focus(a);
    return 1;
}

void access_tick(App *a)
{
    Focus *f = &a->focus_at;
    if (f->held && !f->held_done && a->now_ms - f->held_ms >= a->access.dwell_ms)
        act(a, f->held);
    if (a->access.mode != ACCESS_ONE_SWITCH || !access_switches(a) || f->resting || f->held)
        return;
    sync(a);
    if (a->now_ms < f->next_ms)
        return;
    f->shown = 1;
    step(a, 1);
    f->next_ms += a->access.scan_ms;
    if (f->next_ms <= a->now_ms)
        f->next_ms = a->now_ms + a->access.scan_ms;
    if (f->rounds >= SCAN_ROUNDS)
        f->resting = 1;
}

long long access_deadline(const App *a)
{
    const Focus *f = &a->focus_at;
    long long d;
    if (f->held && !f->held_done)
        d = f->held_ms + a->access.dwell_ms - a->now_ms;
    else if (a->access.mode == ACCESS_ONE_SWITCH && access_switches(a) && !f->resting)
        d = f->view_ms == a->view_since_ms ? f->next_ms - a->now_ms : 0; /* 0: start the scan */
    else
        return -1;
    return d < 0 ? 0 : d;
}
