/* screens_help.c: the screens of a request for help: the young person's "first name or where
 * to find you" (after asking for someone to talk to them), and the alert worker mode opens with
 * when someone asked. Rows of the table in screens.c; the requests themselves are
 * help_request.c's.
 *
 * The alert says how many requests there are since a worker last looked, when (the day only: the
 * store keeps no time of day), and what was asked; never an answer. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "help_request.h"
#include "keyboard.h"
#include "kit.h"
#include "screens.h"

/* ---- the young person: a name or where to find them ---- */

void help_name_enter(App *a)
{
    a->shift = 0;
    if (a->came_from != SCR_IDLE) {
        sodium_memzero(a->help->contact, sizeof a->help->contact);
        a->help->say_so = -1;
    }
}

void build_help_name(const App *a, View *v)
{
    background(v);
    const HelpState *h = a->help;
    int m = margin(v), w = v->w - 2 * m;
    kit_text(v, rect(m, U(v, 16), w, U(v, 56)), T(a, UI_HELP_NAME_TITLE), TS_LARGE, W_BOLD);
    kit_text(v, rect(m, U(v, 72), w, U(v, 36)), T(a, UI_HELP_NAME_WHY), TS_SMALL, 0);
    int fh = view_px(v, 72, 44), y = U(v, 112);
    Widget *f = view_add(v, W_FIELD, rect(m, y, w, fh), h->contact, TS_BODY, A_NONE, 0);
    f->flags |= W_SELECTED | W_LEFT;
    y += fh + U(v, 12);
    int half = w / 2, bw = (half - U(v, 24)) / 2, bh = view_px(v, 72, 44);
    kit_text(v, rect(m, y, half, bh), T(a, UI_HELP_SAY_SO), TS_BODY, W_LEFT | W_BOLD);
    kit_button(v, rect(m + half, y, bw, bh), T(a, UI_HELP_YES), A_HELP_SAY_SO, 1,
               h->say_so == 1 ? W_SELECTED : 0);
    kit_button(v, rect(m + half + bw + U(v, 24), y, bw, bh), T(a, UI_HELP_NO), A_HELP_SAY_SO, 0,
               h->say_so == 0 ? W_SELECTED : 0);
    y += bh + U(v, 12);
    int bottom = kit_nav_bar(v, T(a, UI_BACK), A_BACK, NULL, 0, 0, 0, T(a, UI_HELP_SEND_NAME),
                             A_HELP_SAVE, h->contact[0] ? W_PRIMARY : W_DISABLED);
    keyboard_add(v, rect(m, y, w, bottom - y - U(v, 8)), app_lang(a), 0, a->shift);
}

static ScreenId edit_contact(App *a, const char *add, int del)
{
    HelpState *h = a->help;
    if (add && (!utf8_valid(add, strlen(add)) || strlen(h->contact) + strlen(add) > HELP_CONTACT_MAX))
        return SCR_HELP_NAME;
    kit_buffer_edit(h->contact, sizeof h->contact, add, del);
    return SCR_HELP_NAME;
}

ScreenId on_help_name(App *a, int action, int arg)
{
    HelpState *h = a->help;
    switch (action) {
    case A_BACK:
        sodium_memzero(h->contact, sizeof h->contact);
        a->wiped = 1; /* the renderer forgets what the field showed */
        return SCR_SAFETY;
    case A_HELP_SAY_SO:
        h->say_so = arg ? 1 : 0;
        return SCR_HELP_NAME;
    case A_HELP_SAVE:
        if (!h->contact[0])
            return SCR_HELP_NAME;
        (void)help_send_contact(a); /* a failure shows on the safety screen (help->failed) */
        a->wiped = 1;
        return SCR_SAFETY;
    case A_KEY: {
        if (!keyboard_valid(arg))
            return SCR_HELP_NAME;
        const char *add;
        int del;
        a->shift = keyboard_press(arg, a->shift, &add, &del);
        if (del)
            (void)edit_contact(a, NULL, 1);
        return add ? edit_contact(a, add, 0) : SCR_HELP_NAME;
    }
    default:
        return SCR_HELP_NAME;
    }
}

ScreenId key_help_name(App *a, const Input *in)
{
    if (in->kind == IN_TEXT)
        return edit_contact(a, in->text, 0);
    if (in->key == KEY_BACKSPACE)
        return edit_contact(a, NULL, 1);
    if (in->key == KEY_ENTER)
        return on_help_name(a, A_HELP_SAVE, 0);
    return SCR_HELP_NAME;
}

/* ---- the worker: the alert ---- */

void worker_alert_enter(App *a)
{
    (void)help_read_alert(a); /* a failure is logged; the screen then lists none */
}

#define ALERT_ROWS 6 /* requests listed; the count covers all */

/* "today", "yesterday", "on 3 March" for wall time t (the store keeps the day, never the time
 * of day). */
static const char *when(const App *a, View *v, long long t)
{
    static const char *const months[] = {"January", "February", "March",     "April",
                                         "May",     "June",     "July",      "August",
                                         "September", "October", "November", "December"};
    time_t tt = (time_t)t, now = (time_t)a->wall;
    struct tm tm, today;
    localtime_r(&tt, &tm);
    localtime_r(&now, &today);
    long days = (long)(today.tm_year - tm.tm_year) * 366 + (today.tm_yday - tm.tm_yday);
    const char *day = days == 0 ? "today" : days == 1 ? "yesterday" : NULL;
    if (day)
        return view_printf(v, "%s", day);
    return view_printf(v, "on %d %s", tm.tm_mday, months[tm.tm_mon]);
}

/* What a request asks, in a worker's words; never an answer. */
static const char *asked(uint32_t flags)
{
    if ((flags & HELP_TALK) && (flags & HELP_WITHDRAWN))
        return "asked for someone to talk to them, then changed their mind";
    if (flags & HELP_TALK)
        return "asked for someone to talk to them";
    return "chose an answer that says they may not feel safe";
}

void build_worker_alert(const App *a, View *v)
{
    background(v);
    const HelpState *h = a->help;
    int m = margin(v), w = v->w - 2 * m;
    Widget *p = view_add(v, W_PANEL, rect(m / 2, m / 2, v->w - m, U(v, 120)), NULL, 0, 0, 0);
    p->flags |= W_ALERT;
    int y = kit_text_flow(v, m, U(v, 24), w, U(v, 56),
                          h->total == 1 ? "1 request for help since you last looked"
                                        : view_printf(v, "%ld requests for help since you last looked",
                                                      h->total),
                          TS_LARGE, W_BOLD);
    y = kit_text_flow(v, m, y, w, U(v, 36),
                      "Someone at this kiosk may need help. Their answers are not shown here. "
                      "Please follow your safeguarding procedure.",
                      TS_SMALL, 0);
    p->r.h = y + U(v, 8) - p->r.y; /* the panel around both */
    y += U(v, 24);
    int rh = U(v, 72);
    int shown = h->nshown < ALERT_ROWS ? h->nshown : ALERT_ROWS;
    for (int i = 0; i < shown; i++) {
        const StoredHelp *s = &h->shown[i];
        const char *contact = help_kept_contact(a, s->request);
        const char *name = contact ? view_printf(v, " They left this for a worker here: \"%s\".",
                                                 contact)
                           : (s->flags & HELP_SAY_SO)
                               ? " They left a name for a worker here, but the kiosk was "
                                 "restarted since: the council's team has it."
                               : "";
        kit_text(v, rect(m, y, w, rh),
                 view_printf(v, "%s: someone %s.%s", when(a, v, s->made), asked(s->flags), name),
                 TS_SMALL, W_LEFT);
        y += rh + U(v, 4);
    }
    if (h->total > shown)
        kit_text(v, rect(m, y, w, U(v, 36)),
                 view_printf(v, "and %ld more (chorus-sync help-requests at the council lists "
                                "every one)",
                             h->total - shown),
                 TS_SMALL, W_LEFT);
    kit_nav_bar(v, NULL, 0, NULL, 0, 0, 0, "Seen: go to worker mode", A_W_ALERT_SEEN, W_PRIMARY);
}

ScreenId on_worker_alert(App *a, int action, int arg)
{
    (void)arg;
    if (action != A_W_ALERT_SEEN)
        return SCR_WORKER_ALERT;
    (void)help_alert_seen(a); /* a failure is logged: the alert shows again next time */
    a->wiped = 1;             /* the renderer forgets the words it showed */
    return SCR_WORKER;
}
