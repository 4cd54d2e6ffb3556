/* screens.c: every screen of the kiosk, as a row of the `screens` table at the bottom.
 *
 * build_* functions lay a screen out for the current window and read the state only; on_*
 * functions change the state and return the next screen. Layout is in units of a 1280x800
 * window scaled to the real one, with touch targets never below 48 px. The words a young person
 * reads are written here, in plain English at a low reading age. */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "pin.h"

/* ---- layout helpers ---- */

static Rect rect(int x, int y, int w, int h) { return (Rect){x, y, w, h}; }
static int U(const View *v, float units) { return view_px(v, units, 1); }
static int target(const View *v) { return view_px(v, 96, 52); } /* a main button's height */
static int margin(const View *v) { return U(v, 32); }

static Widget *text(View *v, Rect r, const char *s, TextSize size, unsigned flags)
{
    Widget *w = view_add(v, W_TEXT, r, s, size, A_NONE, 0);
    w->flags = flags;
    return w;
}

static Widget *button(View *v, Rect r, const char *s, int action, int arg, unsigned flags)
{
    Widget *w = view_add(v, W_BUTTON, r, s, TS_BODY, action, arg);
    w->flags = flags;
    return w;
}

/* The bottom bar: Back on the left, an optional middle action, and the forward action on the
 * right. Returns the y where the bar starts, so content stops above it. */
static int nav_bar(View *v, const char *back, int back_action, const char *mid, int mid_action,
                   int mid_arg, unsigned mid_flags, const char *fwd, int fwd_action,
                   unsigned fwd_flags)
{
    int m = margin(v), th = target(v);
    int y = v->h - m / 2 - th;
    int bw = (v->w - 2 * m - 2 * U(v, 24)) / 3;
    if (back)
        button(v, rect(m, y, bw, th), back, back_action, 0, W_QUIET);
    if (mid)
        button(v, rect(m + bw + U(v, 24), y, bw, th), mid, mid_action, mid_arg, mid_flags);
    if (fwd)
        button(v, rect(v->w - m - bw, y, bw, th), fwd, fwd_action, 0, W_PRIMARY | fwd_flags);
    return y - U(v, 16);
}

static void background(View *v) { view_add(v, W_PANEL, rect(0, 0, v->w, v->h), NULL, 0, 0, 0); }

/* A survey's name on screen: its form_title (in lang), or its form id when it has none, so an
 * untitled survey never shows as a blank button. */
static const char *survey_name(const Survey *s, int lang)
{
    const char *title = survey_text(s, s->title, lang);
    return *title ? title : s->form_id;
}

/* Lays n buttons out in a grid inside area, choosing the fewest columns that keep every button
 * at least a touch target tall. */
static void grid(const View *v, Rect area, int n, int max_cols, Rect *out)
{
    int gap = U(v, 16), cols = 1, rows = n;
    /* Past max_cols only when the rows would not fit otherwise (many surveys on a small
     * screen): narrower buttons beat buttons that run off the screen or cover Back. */
    int most = n > max_cols ? n : max_cols;
    for (cols = 1; cols <= most; cols++) {
        rows = (n + cols - 1) / cols;
        if ((area.h - (rows - 1) * gap) / rows >= target(v))
            break;
    }
    if (cols > most)
        cols = most;
    rows = (n + cols - 1) / cols;
    int bh = (area.h - (rows - 1) * gap) / rows;
    int cap = U(v, 130);
    if (bh > cap)
        bh = cap;
    if (bh < target(v))
        bh = target(v);
    int bw = (area.w - (cols - 1) * gap) / cols;
    for (int i = 0; i < n; i++)
        out[i] = rect(area.x + (i % cols) * (bw + gap), area.y + (i / cols) * (bh + gap), bw, bh);
}

/* ---- the on-screen keyboard ---- */

typedef struct {
    const char *label, *shifted;
    float width; /* in key widths */
    int special; /* 0 a character, else one of the KB_* */
} Key;

enum { KB_NONE, KB_SHIFT, KB_SPACE, KB_DELETE, KB_ROW };

static const Key text_keys[] = {
    {"1", "1", 1, 0}, {"2", "2", 1, 0}, {"3", "3", 1, 0}, {"4", "4", 1, 0}, {"5", "5", 1, 0},
    {"6", "6", 1, 0}, {"7", "7", 1, 0}, {"8", "8", 1, 0}, {"9", "9", 1, 0}, {"0", "0", 1, 0},
    {NULL, NULL, 0, KB_ROW},
    {"q", "Q", 1, 0}, {"w", "W", 1, 0}, {"e", "E", 1, 0}, {"r", "R", 1, 0}, {"t", "T", 1, 0},
    {"y", "Y", 1, 0}, {"u", "U", 1, 0}, {"i", "I", 1, 0}, {"o", "O", 1, 0}, {"p", "P", 1, 0},
    {NULL, NULL, 0, KB_ROW},
    {"a", "A", 1, 0}, {"s", "S", 1, 0}, {"d", "D", 1, 0}, {"f", "F", 1, 0}, {"g", "G", 1, 0},
    {"h", "H", 1, 0}, {"j", "J", 1, 0}, {"k", "K", 1, 0}, {"l", "L", 1, 0}, {"'", "'", 1, 0},
    {NULL, NULL, 0, KB_ROW},
    {"Shift", "Shift", 1.5f, KB_SHIFT}, {"z", "Z", 1, 0}, {"x", "X", 1, 0}, {"c", "C", 1, 0},
    {"v", "V", 1, 0}, {"b", "B", 1, 0}, {"n", "N", 1, 0}, {"m", "M", 1, 0}, {",", ",", 1, 0},
    {".", ".", 1, 0},
    {NULL, NULL, 0, KB_ROW},
    {"?", "?", 1, 0}, {"!", "!", 1, 0}, {"Space", "Space", 5, KB_SPACE}, {"-", "-", 1, 0},
    {"Delete", "Delete", 2, KB_DELETE},
};

static const Key number_keys[] = {
    {"1", "1", 1, 0}, {"2", "2", 1, 0}, {"3", "3", 1, 0}, {NULL, NULL, 0, KB_ROW},
    {"4", "4", 1, 0}, {"5", "5", 1, 0}, {"6", "6", 1, 0}, {NULL, NULL, 0, KB_ROW},
    {"7", "7", 1, 0}, {"8", "8", 1, 0}, {"9", "9", 1, 0}, {NULL, NULL, 0, KB_ROW},
    {"Delete", "Delete", 1, KB_DELETE}, {"0", "0", 1, 0},
};

#define NUMBER_KEY_BASE 1000 /* A_KEY args from here are number_keys */
#define COUNT(a) ((int)(sizeof(a) / sizeof *(a)))

/* Lays a keyboard out in area; widths in key units per row, centred. */
static void keyboard(View *v, Rect area, int numeric, int shift)
{
    const Key *keys = numeric ? number_keys : text_keys;
    int n = numeric ? COUNT(number_keys) : COUNT(text_keys);
    int rows = 1;
    float widest = 0, w = 0;
    for (int i = 0; i < n; i++) {
        if (keys[i].special == KB_ROW) {
            rows++;
            widest = w > widest ? w : widest;
            w = 0;
        } else {
            w += keys[i].width;
        }
    }
    widest = w > widest ? w : widest;
    int gap = U(v, 8);
    int kh = (area.h - (rows - 1) * gap) / rows;
    int cap = U(v, 96);
    if (kh > cap)
        kh = cap;
    float unit = (area.w - (widest - 1) * gap) / widest;
    if (numeric && unit > U(v, 200))
        unit = (float)U(v, 200);
    int row = 0, start = 0;
    while (start < n) {
        int end = start;
        float rw = 0;
        while (end < n && keys[end].special != KB_ROW)
            rw += keys[end++].width;
        int x = area.x + (int)((area.w - (rw * unit + (end - start - 1) * gap)) / 2);
        int y = area.y + row * (kh + gap);
        for (int i = start; i < end; i++) {
            int kw = (int)(keys[i].width * unit + (keys[i].width - 1) * gap);
            const char *label = shift ? keys[i].shifted : keys[i].label;
            Widget *k = view_add(v, W_KEY, rect(x, y, kw, kh), label, TS_BODY, A_KEY,
                                 (numeric ? NUMBER_KEY_BASE : 0) + i);
            if (keys[i].special == KB_SHIFT && shift)
                k->flags |= W_SELECTED;
            x += kw + gap;
        }
        start = end + 1;
        row++;
    }
}

/* Applies key arg to (buf, cap): returns the text to append in *add, or deletes the last
 * character for Delete. Returns 1 if it was the Shift key. */
static int key_apply(int arg, int shift, const char **add, int *del)
{
    const Key *k = arg >= NUMBER_KEY_BASE ? &number_keys[arg - NUMBER_KEY_BASE] : &text_keys[arg];
    *add = NULL;
    *del = 0;
    switch (k->special) {
    case KB_SHIFT:
        return 1;
    case KB_SPACE:
        *add = " ";
        return 0;
    case KB_DELETE:
        *del = 1;
        return 0;
    default:
        *add = shift ? k->shifted : k->label;
        return 0;
    }
}

static int valid_key(int arg)
{
    return (arg >= 0 && arg < COUNT(text_keys) && text_keys[arg].special != KB_ROW) ||
           (arg >= NUMBER_KEY_BASE && arg < NUMBER_KEY_BASE + COUNT(number_keys) &&
            number_keys[arg - NUMBER_KEY_BASE].special != KB_ROW);
}

/* Appends to or deletes from a plain buffer (a session name, a PIN). */
static void buffer_edit(char *buf, size_t cap, const char *add, int del)
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

/* ---- welcome and choosing a survey ---- */

static void build_welcome(const App *a, View *v)
{
    background(v);
    int m = margin(v);
    text(v, rect(m, U(v, 120), v->w - 2 * m, U(v, 110)), "Have your say", TS_TITLE, W_BOLD);
    text(v, rect(m * 2, U(v, 240), v->w - 4 * m, U(v, 130)),
         "Tell us what you think. It only takes a few minutes. We don't ask your name.",
         TS_LARGE, 0);
    int bw = U(v, 440), bh = view_px(v, 140, 64);
    button(v, rect((v->w - bw) / 2, U(v, 420), bw, bh), "Start", A_START, 0, W_PRIMARY);
    int bottom = v->h - m / 2;
    if (a->session[0]) {
        bottom = v->h - m - U(v, 40);
        text(v, rect(m, bottom, v->w - 2 * m, U(v, 40)),
             view_printf(v, "Session: %s", a->session), TS_SMALL, 0);
    }
    if (a->nsurveys == 0) {
        text(v, rect(m, U(v, 600), v->w - 2 * m, U(v, 60)),
             "There are no surveys on this kiosk yet. Please tell a worker.", TS_BODY, W_ALERT);
    } else if (a->nnews > 0) {
        /* "You said, we did": what changed because young people spoke up, small and below
         * Start, so it informs without standing between anyone and the survey. */
        int top = U(v, 420) + bh + U(v, 20);
        int row = (bottom - top) / (a->nnews + 1);
        if (row > U(v, 44))
            row = U(v, 44);
        text(v, rect(m, top, v->w - 2 * m, row), "You said, we did", TS_SMALL, W_BOLD);
        for (int i = 0; i < a->nnews; i++)
            text(v, rect(m, top + (i + 1) * row, v->w - 2 * m, row), a->news[i], TS_SMALL, 0);
    }
}

static void start_survey(App *a, int i)
{
    const Survey *s = a->surveys[i];
    draft_start(a->draft, s, s->default_lang);
    a->survey = i;
    a->review_from = 0;
    a->page = draft_next_page(a->draft, -1);
}

static ScreenId on_welcome(App *a, int action, int arg)
{
    (void)arg;
    if (action != A_START || a->nsurveys == 0)
        return SCR_WELCOME;
    if (a->fixed_survey >= 0 || a->nsurveys == 1) {
        start_survey(a, a->fixed_survey >= 0 ? a->fixed_survey : 0);
        return a->page >= 0 ? SCR_QUESTION : SCR_REVIEW;
    }
    return SCR_CHOOSE;
}

static void build_choose(const App *a, View *v)
{
    background(v);
    int m = margin(v);
    text(v, rect(m, m, v->w - 2 * m, U(v, 90)), "Which one would you like to do?", TS_LARGE,
         W_BOLD);
    int top = m + U(v, 110);
    int bottom = nav_bar(v, "Back", A_BACK, NULL, 0, 0, 0, NULL, 0, 0);
    Rect cells[SURVEYS_MAX];
    grid(v, rect(m, top, v->w - 2 * m, bottom - top), a->nsurveys, 3, cells);
    for (int i = 0; i < a->nsurveys; i++) {
        const Survey *s = a->surveys[i];
        button(v, cells[i], survey_name(s, s->default_lang), A_CHOOSE_SURVEY, i, 0);
    }
}

static ScreenId on_choose(App *a, int action, int arg)
{
    if (action == A_BACK)
        return SCR_WELCOME;
    if (action == A_CHOOSE_SURVEY && arg >= 0 && arg < a->nsurveys) {
        start_survey(a, arg);
        return a->page >= 0 ? SCR_QUESTION : SCR_REVIEW;
    }
    return SCR_CHOOSE;
}

/* ---- questions ---- */

static const Question *page_question(const App *a, int i)
{
    const Survey *s = app_survey(a);
    return &s->questions[s->pages[a->page].first + i];
}

/* The question typed into on this page: the focused one, or the only one if it takes typing. */
static const Question *typing_question(const App *a)
{
    const Survey *s = app_survey(a);
    if (a->focus >= 0)
        return &s->questions[a->focus];
    const Page *pg = &s->pages[a->page];
    if (pg->count == 1) {
        const Question *q = &s->questions[pg->first];
        if (q->type == QT_TEXT || q->type == QT_INTEGER)
            return q;
    }
    return NULL;
}

static int page_answered_enough(const App *a)
{
    const Survey *s = app_survey(a);
    const Page *pg = &s->pages[a->page];
    for (int i = 0; i < pg->count; i++) {
        const Question *q = &s->questions[pg->first + i];
        if (q->required && draft_relevant(a->draft, q) &&
            a->draft->answers[pg->first + i].state == DS_UNANSWERED)
            return 0;
    }
    return 1;
}

static void progress(const App *a, View *v)
{
    const Survey *s = app_survey(a);
    int shown = 0, before = 0;
    for (int p = 0; p < s->npages; p++) {
        if (!draft_page_shown(a->draft, p))
            continue;
        if (p < a->page)
            before++;
        shown++;
    }
    int m = margin(v);
    int y = U(v, 16);
    text(v, rect(m, y, v->w / 2 - m, U(v, 40)), survey_name(s, a->draft->lang), TS_SMALL, W_LEFT);
    text(v, rect(v->w - m - U(v, 200), y, U(v, 200), U(v, 40)),
         view_printf(v, "%d of %d", before + 1, shown ? shown : 1), TS_SMALL, 0);
    Widget *bar = view_add(v, W_PROGRESS, rect(m, y + U(v, 44), v->w - 2 * m, U(v, 14)), NULL,
                           TS_SMALL, A_NONE, 0);
    bar->level = shown ? (before * 1000) / shown : 0;
}

/* The answers of one question inside area. */
static void answers(const App *a, View *v, const Question *q, Rect area)
{
    const Survey *s = app_survey(a);
    int qi = (int)(q - s->questions);
    const DraftAnswer *da = &a->draft->answers[qi];
    int lang = a->draft->lang;
    if (q->type == QT_SELECT_ONE || q->type == QT_SELECT_MULTIPLE) {
        int n = q->list->nchoices;
        Rect cells[SURVEY_CHOICES_MAX];
        WidgetKind kind = W_CHOICE;
        if (q->appearance == APPEAR_FACES || q->appearance == APPEAR_YES_NOTSURE_NO) {
            kind = q->appearance == APPEAR_FACES ? W_FACE : W_SYMBOL;
            int gap = U(v, 20);
            int cw = (area.w - (n - 1) * gap) / n;
            int ch = area.h < U(v, 300) ? area.h : U(v, 300);
            for (int c = 0; c < n; c++)
                cells[c] = rect(area.x + c * (cw + gap), area.y, cw, ch);
        } else {
            grid(v, area, n, n <= 4 ? (area.h < 2 * target(v) ? n : 2) : 4, cells);
        }
        for (int c = 0; c < n; c++) {
            Widget *w = view_add(v, kind, cells[c], survey_text(s, q->list->choices[c].label, lang),
                                 TS_BODY, A_CHOICE, qi * 256 + c);
            w->level = c;
            if (da->state == DS_ANSWERED && (da->chosen & (1ull << c)))
                w->flags |= W_SELECTED;
        }
    } else if (q->type == QT_TEXT || q->type == QT_INTEGER) {
        Widget *f = view_add(v, W_FIELD, rect(area.x, area.y, area.w, target(v)),
                             da->state == DS_ANSWERED ? da->text : "", TS_BODY, A_FIELD, qi);
        f->flags |= W_LEFT;
        if (a->focus == qi)
            f->flags |= W_SELECTED;
    }
}

static void build_typing(const App *a, View *v, const Question *q)
{
    const Survey *s = app_survey(a);
    int qi = (int)(q - s->questions);
    int m = margin(v);
    int single = s->pages[a->page].count == 1;
    int lang = a->draft->lang;
    int bottom = single ? nav_bar(v, "Back", A_BACK, "I'd rather not say", A_DECLINE, qi,
                                  a->draft->answers[qi].state == DS_DECLINED ? W_SELECTED : W_QUIET,
                                  "Next", A_NEXT, page_answered_enough(a) ? 0 : W_DISABLED)
                        : nav_bar(v, NULL, 0, NULL, 0, 0, 0, "Done", A_DONE, 0);
    /* Compact above the keyboard, so that five rows of keys stay at least 72 px tall at
     * 1280x800 (and 44 px at 800x480). */
    int y = U(v, 76);
    const char *hint = survey_text(s, q->hint, lang);
    text(v, rect(m, y, v->w - 2 * m, U(v, 64)), survey_text(s, q->label, lang), TS_LARGE,
         W_BOLD);
    y += U(v, 64);
    /* Why a key did nothing ("Numbers only") takes the hint's line until the next key. */
    if (a->message) {
        text(v, rect(m, y, v->w - 2 * m, U(v, 36)), a->message, TS_SMALL, W_ALERT | W_BOLD);
        y += U(v, 40);
    } else if (*hint) {
        text(v, rect(m, y, v->w - 2 * m, U(v, 36)), hint, TS_SMALL, 0);
        y += U(v, 40);
    }
    const DraftAnswer *da = &a->draft->answers[qi];
    int fh = view_px(v, 80, 44);
    Widget *f = view_add(v, W_FIELD, rect(m, y, v->w - 2 * m, fh),
                         da->state == DS_ANSWERED ? da->text : "", TS_BODY, A_NONE, qi);
    f->flags |= W_SELECTED | W_LEFT;
    y += fh + U(v, 12);
    keyboard(v, rect(m, y, v->w - 2 * m, bottom - y), q->type == QT_INTEGER, a->shift);
}

static void build_question(const App *a, View *v)
{
    background(v);
    progress(a, v);
    const Question *tq = typing_question(a);
    if (tq) {
        build_typing(a, v, tq);
        return;
    }
    const Survey *s = app_survey(a);
    const Page *pg = &s->pages[a->page];
    int lang = a->draft->lang;
    int m = margin(v);
    int single = pg->count == 1;
    const Question *q0 = page_question(a, 0);
    int q0i = (int)(q0 - s->questions);
    int bottom = nav_bar(
        v, "Back", A_BACK, single && q0->type != QT_NOTE ? "I'd rather not say" : NULL, A_DECLINE,
        q0i, a->draft->answers[q0i].state == DS_DECLINED ? W_SELECTED : W_QUIET, "Next", A_NEXT,
        page_answered_enough(a) ? 0 : W_DISABLED);
    int y = U(v, 84);
    if (pg->title) {
        text(v, rect(m, y, v->w - 2 * m, U(v, 50)), survey_text(s, pg->title, lang), TS_BODY,
             W_BOLD);
        y += U(v, 54);
    }
    int shown = 0;
    for (int i = 0; i < pg->count; i++)
        shown += draft_relevant(a->draft, page_question(a, i));
    int band = (bottom - y) / (shown ? shown : 1);
    int gap = U(v, 16);
    for (int i = 0; i < pg->count; i++) {
        const Question *q = page_question(a, i);
        if (!draft_relevant(a->draft, q))
            continue;
        int qi = (int)(q - s->questions);
        const char *hint = survey_text(s, q->hint, lang);
        if (single) {
            /* One question: the label across the top, the answers under it. */
            int ly = y;
            text(v, rect(m, ly, v->w - 2 * m, U(v, 120)), survey_text(s, q->label, lang),
                 TS_LARGE, W_BOLD);
            ly += U(v, 120);
            if (*hint) {
                text(v, rect(m, ly, v->w - 2 * m, U(v, 70)), hint, TS_SMALL, 0);
                ly += U(v, 78);
            }
            answers(a, v, q, rect(m, ly + U(v, 8), v->w - 2 * m, bottom - ly - U(v, 8)));
        } else {
            /* A group: one band a question, its label and "Rather not say" on the left, its
             * answers on the right. */
            int left = (v->w - 2 * m) * 38 / 100;
            int dh = view_px(v, 72, 44);
            int bh = band - gap;
            int lh = q->type == QT_NOTE ? bh : bh - dh - U(v, 8);
            text(v, rect(m, y, left, *hint ? lh * 2 / 3 : lh), survey_text(s, q->label, lang),
                 TS_BODY, W_BOLD | W_LEFT);
            if (*hint)
                text(v, rect(m, y + lh * 2 / 3, left, lh / 3), hint, TS_SMALL, W_LEFT);
            if (q->type != QT_NOTE)
                button(v, rect(m, y + bh - dh, left * 3 / 4, dh), "Rather not say", A_DECLINE,
                       qi, a->draft->answers[qi].state == DS_DECLINED ? W_SELECTED : W_QUIET);
            answers(a, v, q, rect(m + left + gap, y, v->w - 2 * m - left - gap, bh));
        }
        y += band;
    }
}

static void question_enter(App *a) { a->shift = 0; }

/* Leaves the current page forwards or backwards. */
static ScreenId page_step(App *a, int forward)
{
    a->focus = -1;
    a->message = NULL;
    int p = forward ? draft_next_page(a->draft, a->page) : draft_prev_page(a->draft, a->page);
    if (p < 0) {
        if (forward)
            return SCR_REVIEW;
        /* Back from the first question: the young person leaves the survey; forget it. */
        int choose = a->fixed_survey < 0 && a->nsurveys > 1;
        app_reset_person(a);
        return choose ? SCR_CHOOSE : SCR_WELCOME;
    }
    a->page = p;
    return SCR_QUESTION;
}

static ScreenId type_into_question(App *a, const char *add, int del)
{
    const Question *q = typing_question(a);
    a->message = NULL;
    if (!q)
        return SCR_QUESTION;
    if (del)
        draft_backspace(a->draft, q);
    else if (add && draft_type(a->draft, q, add) != 0)
        a->message = q->type == QT_INTEGER && strspn(add, "0123456789") != strlen(add)
                         ? "Numbers only"
                         : "That's as long as an answer can be";
    return SCR_QUESTION;
}

static ScreenId on_question(App *a, int action, int arg)
{
    const Survey *s = app_survey(a);
    switch (action) {
    case A_BACK:
        return page_step(a, 0);
    case A_NEXT:
        if (!page_answered_enough(a))
            return SCR_QUESTION;
        return page_step(a, 1);
    case A_DECLINE:
        if (arg >= 0 && arg < s->nquestions)
            draft_decline(a->draft, &s->questions[arg]);
        return SCR_QUESTION;
    case A_CHOICE: {
        int qi = arg / 256, c = arg % 256;
        if (qi < 0 || qi >= s->nquestions || !s->questions[qi].list ||
            c >= s->questions[qi].list->nchoices)
            return SCR_QUESTION;
        if (draft_choose(a->draft, &s->questions[qi], c)) {
            a->safety_return = SCR_QUESTION;
            a->talk_asked = 0;
            return SCR_SAFETY;
        }
        return SCR_QUESTION;
    }
    case A_FIELD:
        a->focus = arg;
        return SCR_QUESTION;
    case A_DONE:
        a->focus = -1;
        return SCR_QUESTION;
    case A_KEY: {
        if (!valid_key(arg))
            return SCR_QUESTION;
        const char *add;
        int del;
        if (key_apply(arg, a->shift, &add, &del)) {
            a->shift = !a->shift;
            return SCR_QUESTION;
        }
        ScreenId next = type_into_question(a, add, del);
        if (add && a->shift)
            a->shift = 0;
        return next;
    }
    default:
        return SCR_QUESTION;
    }
}

static ScreenId key_question(App *a, const Input *in)
{
    if (in->kind == IN_TEXT)
        return type_into_question(a, in->text, 0);
    if (in->key == KEY_BACKSPACE)
        return type_into_question(a, NULL, 1);
    if (in->key == KEY_ENTER)
        return on_question(a, a->focus >= 0 ? A_DONE : A_NEXT, 0);
    return SCR_QUESTION;
}

/* ---- safety ---- */

static void build_safety(const App *a, View *v)
{
    background(v);
    int m = margin(v);
    Widget *p = view_add(v, W_PANEL, rect(m, m, v->w - 2 * m, v->h - 2 * m), NULL, 0, 0, 0);
    p->flags |= W_ALERT;
    int x = 2 * m, w = v->w - 4 * m, y = 2 * m;
    text(v, rect(x, y, w, U(v, 70)), "Thank you for telling us.", TS_LARGE, W_BOLD);
    y += U(v, 80);
    text(v, rect(x, y, w, U(v, 80)),
         "It sounds like things might not feel safe right now. You don't have to deal with this "
         "on your own.",
         TS_BODY, 0);
    y += U(v, 90);
    text(v, rect(x, y, w, U(v, 80)),
         "Talk to an adult you trust here today. They can help you now.", TS_BODY, W_BOLD);
    y += U(v, 80);
    text(v, rect(x, y, w, U(v, 80)),
         "Or call Childline on 0800 1111. It is free, any time, day or night.", TS_BODY, W_BOLD);
    y += U(v, 90);
    text(v, rect(x, y, w, U(v, 70)),
         "Because you told us this, the people who read it may need to share it to help keep "
         "you safe.",
         TS_SMALL, 0);
    int th = target(v);
    int by = v->h - 2 * m - th;
    int bw = (w - U(v, 24)) / 2;
    if (a->talk_asked)
        text(v, rect(x, by - U(v, 70), w, U(v, 60)),
             "We will ask someone to talk to you. Please tell an adult here too.", TS_BODY,
             W_BOLD);
    button(v, rect(x, by, bw, th), "I'd like someone to talk to me", A_TALK, 0,
           a->talk_asked ? W_SELECTED : 0);
    button(v, rect(x + bw + U(v, 24), by, bw, th), "Carry on", A_CARRY_ON, 0, W_PRIMARY);
}

static ScreenId on_safety(App *a, int action, int arg)
{
    (void)arg;
    if (action == A_TALK) {
        a->draft->flags |= RESPONSE_FLAG_TALK;
        a->talk_asked = 1;
    }
    if (action == A_CARRY_ON)
        return a->safety_return;
    return SCR_SAFETY;
}

/* ---- review, send, thanks ---- */

static int review_rows(const App *a, int *pages_out, int max)
{
    const Survey *s = app_survey(a);
    int n = 0;
    for (int i = 0; i < s->nquestions && n < max; i++) {
        const Question *q = &s->questions[i];
        if (q->type == QT_NOTE || !draft_relevant(a->draft, q))
            continue;
        pages_out[n++] = i;
    }
    return n;
}

static int review_per_screen(const View *v, int top, int bottom)
{
    int rh = view_px(v, 76, 52);
    int n = (bottom - top) / (rh + U(v, 8));
    return n < 1 ? 1 : n;
}

static void build_review(const App *a, View *v)
{
    background(v);
    const Survey *s = app_survey(a);
    int m = margin(v);
    text(v, rect(m, U(v, 20), v->w - 2 * m, U(v, 60)), "Check your answers", TS_LARGE, W_BOLD);
    text(v, rect(m, U(v, 80), v->w - 2 * m, U(v, 40)),
         "Tap an answer to change it. When you are happy, press Send.", TS_SMALL, 0);
    int bottom = nav_bar(v, "Back", A_BACK, NULL, 0, 0, 0, "Send", A_SEND, 0);
    int rows[SURVEY_QUESTIONS_MAX];
    int n = review_rows(a, rows, SURVEY_QUESTIONS_MAX);
    int top = U(v, 130);
    int more_h = view_px(v, 72, 44);
    int per = review_per_screen(v, top, bottom - more_h - U(v, 8));
    int from = a->review_from < n ? a->review_from : 0;
    int rh = view_px(v, 76, 52);
    int y = top;
    char buf[512];
    for (int r = from; r < n && r < from + per; r++) {
        const Question *q = &s->questions[rows[r]];
        int half = (v->w - 2 * m) / 2;
        button(v, rect(m, y, v->w - 2 * m, rh), NULL, A_REVIEW_ROW, q->page, W_QUIET);
        text(v, rect(m + U(v, 16), y, half - U(v, 24), rh), survey_text(s, q->label, a->draft->lang),
             TS_SMALL, W_LEFT);
        text(v, rect(m + half, y, half - U(v, 16), rh),
             view_printf(v, "%s", draft_describe(a->draft, q, buf, sizeof buf)), TS_SMALL,
             W_LEFT | W_BOLD);
        y += rh + U(v, 8);
    }
    sodium_memzero(buf, sizeof buf);
    int bw = U(v, 300);
    if (from > 0)
        button(v, rect(m, bottom - more_h, bw, more_h), "Previous answers", A_REVIEW_MORE, -1, 0);
    if (from + per < n)
        button(v, rect(v->w - m - bw, bottom - more_h, bw, more_h), "More answers",
               A_REVIEW_MORE, 1, 0);
}

static ScreenId on_review(App *a, int action, int arg)
{
    const Survey *s = app_survey(a);
    switch (action) {
    case A_BACK: {
        int p = draft_prev_page(a->draft, s->npages);
        if (p < 0)
            return SCR_REVIEW;
        a->page = p;
        return SCR_QUESTION;
    }
    case A_REVIEW_ROW:
        if (arg >= 0 && arg < s->npages && draft_page_shown(a->draft, arg)) {
            a->page = arg;
            return SCR_QUESTION;
        }
        return SCR_REVIEW;
    case A_REVIEW_MORE: {
        View v;
        view_reset(&v, a->w, a->h);
        int rows[SURVEY_QUESTIONS_MAX];
        int n = review_rows(a, rows, SURVEY_QUESTIONS_MAX);
        int per = review_per_screen(&v, U(&v, 130),
                                    a->h - margin(&v) / 2 - target(&v) - U(&v, 16) -
                                        view_px(&v, 72, 44) - U(&v, 8));
        int from = a->review_from + arg * per;
        a->review_from = from < 0 ? 0 : (from >= n ? a->review_from : from);
        return SCR_REVIEW;
    }
    case A_SEND:
        if (app_send(a) != 0)
            return SCR_SAVE_FAILED;
        /* Sent: nothing of this person stays in memory. */
        app_reset_person(a);
        return SCR_THANKS;
    default:
        return SCR_REVIEW;
    }
}

static void build_thanks(const App *a, View *v)
{
    (void)a;
    background(v);
    int m = margin(v);
    int w = v->w - 4 * m;
    text(v, rect(2 * m, U(v, 90), w, U(v, 100)), "Thank you!", TS_TITLE, W_BOLD);
    text(v, rect(2 * m, U(v, 200), w, U(v, 80)), "Your answers have been saved safely.",
         TS_LARGE, 0);
    text(v, rect(2 * m, U(v, 310), w, U(v, 60)),
         "If something is worrying you, you can talk to:", TS_BODY, 0);
    text(v, rect(2 * m, U(v, 370), w, U(v, 60)), "an adult you trust here today", TS_BODY, W_BOLD);
    text(v, rect(2 * m, U(v, 430), w, U(v, 60)),
         "Childline: 0800 1111 (free, any time, day or night)", TS_BODY, W_BOLD);
    int bw = U(v, 400);
    button(v, rect((v->w - bw) / 2, v->h - m - target(v), bw, target(v)), "Finish", A_FINISH, 0,
           W_PRIMARY);
}

static ScreenId on_thanks(App *a, int action, int arg)
{
    (void)arg;
    if (action == A_FINISH) {
        app_reset_person(a);
        return SCR_WELCOME;
    }
    return SCR_THANKS;
}

static void build_save_failed(const App *a, View *v)
{
    (void)a;
    background(v);
    int m = margin(v);
    Widget *p = view_add(v, W_PANEL, rect(m, m, v->w - 2 * m, v->h - 2 * m), NULL, 0, 0, 0);
    p->flags |= W_ALERT;
    text(v, rect(2 * m, U(v, 120), v->w - 4 * m, U(v, 90)),
         "Sorry, your answers could not be saved.", TS_LARGE, W_BOLD);
    text(v, rect(2 * m, U(v, 220), v->w - 4 * m, U(v, 100)),
         "This is not your fault. Please tell a worker. Answers sent before are safe.", TS_BODY,
         0);
    /* What they wrote may have been a cry for help that now reaches no one: say who can help,
     * as the thank-you screen does. */
    text(v, rect(2 * m, U(v, 330), v->w - 4 * m, U(v, 90)),
         "If something is worrying you, talk to an adult you trust here today, or call Childline "
         "on 0800 1111 (free, any time).",
         TS_BODY, W_BOLD);
    int th = target(v), bw = U(v, 400);
    int by = v->h - 2 * m - th;
    button(v, rect(v->w / 2 - bw - U(v, 12), by, bw, th), "Try again", A_RETRY, 0, W_PRIMARY);
    button(v, rect(v->w / 2 + U(v, 12), by, bw, th), "Finish", A_FINISH, 0, W_QUIET);
}

static ScreenId on_save_failed(App *a, int action, int arg)
{
    (void)arg;
    if (action == A_RETRY && app_send(a) == 0) {
        app_reset_person(a);
        return SCR_THANKS;
    }
    if (action == A_FINISH) {
        app_reset_person(a);
        return SCR_WELCOME;
    }
    return SCR_SAVE_FAILED;
}

/* ---- idle ---- */

static void build_idle(const App *a, View *v)
{
    background(v);
    int m = margin(v);
    long long left = (a->screen_since_ms + IDLE_COUNTDOWN_MS - a->now_ms + 999) / 1000;
    if (left < 0)
        left = 0;
    text(v, rect(m, U(v, 120), v->w - 2 * m, U(v, 100)), "Are you still there?", TS_TITLE,
         W_BOLD);
    text(v, rect(2 * m, U(v, 240), v->w - 4 * m, U(v, 100)),
         view_printf(v, "To keep your answers private, we will clear them in %lld second%s.", left,
                     left == 1 ? "" : "s"),
         TS_LARGE, 0);
    int bw = U(v, 480), bh = view_px(v, 140, 64);
    button(v, rect((v->w - bw) / 2, U(v, 420), bw, bh), "I'm still here", A_STILL_HERE, 0,
           W_PRIMARY);
}

static ScreenId on_idle(App *a, int action, int arg)
{
    (void)arg;
    return action == A_STILL_HERE ? a->idle_return : SCR_IDLE;
}

/* ---- worker PIN ---- */

static void pin_pad(const App *a, View *v, const char *title, const char *sub, int cancel)
{
    background(v);
    int m = margin(v);
    text(v, rect(m, U(v, 20), v->w - 2 * m, U(v, 60)), title, TS_LARGE, W_BOLD);
    text(v, rect(m, U(v, 80), v->w - 2 * m, U(v, 40)), sub, TS_SMALL, 0);
    char dots[PIN_MAX_DIGITS * 3 + 1] = "";
    for (size_t i = 0; i < strlen(a->pin); i++)
        strcat(dots, "\xE2\x80\xA2"); /* U+2022 BULLET */
    int fw = U(v, 480);
    view_add(v, W_FIELD, rect((v->w - fw) / 2, U(v, 130), fw, view_px(v, 72, 48)),
             view_printf(v, "%s", dots), TS_LARGE, A_NONE, 0);
    if (a->message)
        text(v, rect(m, U(v, 210), v->w - 2 * m, U(v, 40)), a->message, TS_SMALL, W_ALERT);
    int bottom = nav_bar(v, cancel ? "Cancel" : NULL, A_CANCEL, NULL, 0, 0, 0, "OK", A_PIN_OK,
                         strlen(a->pin) >= PIN_MIN_DIGITS ? 0 : W_DISABLED);
    int top = U(v, 260);
    int kw = U(v, 560);
    Rect area = rect((v->w - kw) / 2, top, kw, bottom - top);
    Rect cells[12];
    int gap = U(v, 10), rows = 4, cols = 3;
    int ch = (area.h - (rows - 1) * gap) / rows, cw = (area.w - (cols - 1) * gap) / cols;
    for (int i = 0; i < 12; i++)
        cells[i] = rect(area.x + (i % cols) * (cw + gap), area.y + (i / cols) * (ch + gap), cw, ch);
    static const char *const digits[10] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
    for (int d = 1; d <= 9; d++)
        view_add(v, W_KEY, cells[d - 1], digits[d], TS_LARGE, A_PIN_DIGIT, d);
    view_add(v, W_KEY, cells[9], "Delete", TS_BODY, A_PIN_DELETE, 0);
    view_add(v, W_KEY, cells[10], digits[0], TS_LARGE, A_PIN_DIGIT, 0);
}

static void build_pin(const App *a, View *v)
{
    const char *sub = "Worker mode. Type your PIN.";
    if (a->pin_wait_until > a->wall) {
        long long left = a->pin_wait_until - a->wall;
        sub = view_printf(v, "Too many wrong PINs. You can try again in %lld:%02lld.", left / 60,
                          left % 60);
    }
    pin_pad(a, v, "Worker PIN", sub, 1);
}

static void pin_enter(App *a)
{
    sodium_memzero(a->pin, sizeof a->pin);
    long long until = pin_wait_until(a->store, a->wall);
    a->pin_wait_until = until > 0 ? until : 0;
}

static ScreenId pin_digit(App *a, int action, int arg)
{
    if (action == A_PIN_DIGIT && arg >= 0 && arg <= 9) {
        char d[2] = {(char)('0' + arg), '\0'};
        buffer_edit(a->pin, sizeof a->pin, d, 0);
    } else if (action == A_PIN_DELETE) {
        buffer_edit(a->pin, sizeof a->pin, NULL, 1);
    }
    return a->screen;
}

static ScreenId on_pin(App *a, int action, int arg)
{
    if (action == A_CANCEL) {
        sodium_memzero(a->pin, sizeof a->pin);
        return SCR_WELCOME;
    }
    if (action != A_PIN_OK)
        return pin_digit(a, action, arg);
    long long until = 0;
    PinResult r = pin_check(a->store, a->pin, a->wall, &until);
    sodium_memzero(a->pin, sizeof a->pin);
    a->pin_wait_until = until;
    switch (r) {
    case PIN_OK:
        return SCR_WORKER;
    case PIN_WRONG:
        a->message = "That PIN is not right.";
        return SCR_PIN;
    case PIN_LOCKED:
        a->message = "Please wait before trying again.";
        return SCR_PIN;
    case PIN_ERROR:
        a->message = "The PIN could not be checked. See the kiosk log.";
        snprintf(a->error, sizeof a->error, "PIN check failed: %s", store_errmsg(a->store));
        if (a->log)
            a->log(a->error);
        return SCR_PIN;
    }
    return SCR_PIN;
}

static ScreenId key_pin(App *a, const Input *in)
{
    if (in->kind == IN_TEXT && in->text[0] >= '0' && in->text[0] <= '9' && !in->text[1])
        return screens[a->screen].on_action(a, A_PIN_DIGIT, in->text[0] - '0');
    if (in->kind == IN_KEY && in->key == KEY_BACKSPACE)
        return screens[a->screen].on_action(a, A_PIN_DELETE, 0);
    if (in->kind == IN_KEY && in->key == KEY_ENTER && strlen(a->pin) >= PIN_MIN_DIGITS)
        return screens[a->screen].on_action(a, A_PIN_OK, 0);
    return a->screen;
}

static void build_set_pin(const App *a, View *v)
{
    pin_pad(a, v, a->pin_first[0] ? "Type the same PIN again" : "Set a worker PIN",
            view_printf(v, "Choose %d to %d digits. Workers use it to open worker mode: hold "
                           "the top-left corner of the welcome screen.",
                        PIN_MIN_DIGITS, PIN_MAX_DIGITS),
            0);
}

static ScreenId on_set_pin(App *a, int action, int arg)
{
    if (action != A_PIN_OK)
        return pin_digit(a, action, arg);
    if (!a->pin_first[0]) {
        memcpy(a->pin_first, a->pin, sizeof a->pin);
        sodium_memzero(a->pin, sizeof a->pin);
        return SCR_SET_PIN;
    }
    ScreenId next = SCR_SET_PIN;
    char err[ERR_LEN];
    if (strcmp(a->pin_first, a->pin) != 0) {
        a->message = "The two PINs were different. Please start again.";
    } else if (pin_set(a->store, a->pin, err) != 0) {
        a->message = "The PIN could not be saved. See the kiosk log.";
        if (a->log)
            a->log(err);
    } else {
        next = SCR_WELCOME;
    }
    sodium_memzero(a->pin, sizeof a->pin);
    sodium_memzero(a->pin_first, sizeof a->pin_first);
    return next;
}

/* ---- worker mode ---- */

typedef struct {
    const App *a;
    char *buf;
    size_t cap, used;
} Counts;

static void count_line(const char *form_id, long stored, long unexported, void *ctx)
{
    Counts *c = ctx;
    /* Workers know surveys by their titles; a form no longer loaded shows its id. */
    const char *name = form_id;
    for (int i = 0; i < c->a->nsurveys; i++)
        if (strcmp(c->a->surveys[i]->form_id, form_id) == 0)
            name = survey_name(c->a->surveys[i], c->a->surveys[i]->default_lang);
    int n = snprintf(c->buf + c->used, c->cap - c->used, "%s: %ld stored, %ld not yet exported\n",
                     name, stored, unexported);
    if (n > 0 && (size_t)n < c->cap - c->used)
        c->used += (size_t)n;
}

static void worker_enter(App *a)
{
    long total = store_count(a->store, NULL, 0), fresh = store_count(a->store, NULL, 1);
    Counts c = {a, a->worker_counts, sizeof a->worker_counts, 0};
    int n = snprintf(c.buf, c.cap, "Responses on this kiosk: %ld, not yet exported: %ld\n", total,
                     fresh);
    c.used = n > 0 ? (size_t)n : 0;
    if (total < 0 || fresh < 0 || store_each_form(a->store, count_line, &c) != 0)
        snprintf(a->worker_counts, sizeof a->worker_counts, "Counts unavailable: %s",
                 store_errmsg(a->store));
}

static void build_worker(const App *a, View *v)
{
    background(v);
    int m = margin(v);
    text(v, rect(m, U(v, 20), v->w - 2 * m, U(v, 60)), "Worker mode", TS_LARGE, W_BOLD);
    /* One line a widget, so each count can be read (and found by scripts) on its own. */
    int y = U(v, 90);
    const char *p = a->worker_counts;
    while (*p && y < U(v, 400)) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        text(v, rect(m, y, v->w - 2 * m, U(v, 40)), view_printf(v, "%.*s", (int)n, p), TS_SMALL,
             W_LEFT);
        y += U(v, 40);
        p += n + (nl ? 1 : 0);
    }
    const char *fixed =
        a->fixed_survey >= 0
            ? survey_name(a->surveys[a->fixed_survey], a->surveys[a->fixed_survey]->default_lang)
            : "young people choose";
    int th = target(v), bw = (v->w - 2 * m - U(v, 24)) / 2;
    y = U(v, 420);
    text(v, rect(m, y, bw, th), view_printf(v, "Survey: %s", fixed), TS_BODY, W_LEFT);
    button(v, rect(m + bw + U(v, 24), y, bw, th), "Choose survey", A_W_SURVEYS, 0, 0);
    y += th + U(v, 16);
    if (a->session[0]) {
        text(v, rect(m, y, bw, th), view_printf(v, "Session: %s", a->session), TS_BODY, W_LEFT);
        button(v, rect(m + bw + U(v, 24), y, bw, th), "End session", A_W_SESSION_END, 0, 0);
    } else {
        text(v, rect(m, y, bw, th), "No session running", TS_BODY, W_LEFT);
        button(v, rect(m + bw + U(v, 24), y, bw, th), "Start a session", A_W_SESSION, 0, 0);
    }
    nav_bar(v, "Quit kiosk", A_W_QUIT, "Export to USB", A_W_EXPORT, 0, 0, "Back to welcome",
            A_W_EXIT, 0);
}

static ScreenId on_worker(App *a, int action, int arg)
{
    (void)arg;
    switch (action) {
    case A_W_SURVEYS:
        return SCR_WORKER_SURVEY;
    case A_W_SESSION:
        return SCR_WORKER_SESSION;
    case A_W_SESSION_END:
        if (store_set(a->store, "session", NULL) != 0) {
            snprintf(a->error, sizeof a->error, "cannot end the session: %s",
                     store_errmsg(a->store));
            if (a->log)
                a->log(a->error);
            return SCR_WORKER;
        }
        a->session[0] = '\0';
        return SCR_WORKER;
    case A_W_EXPORT:
        return SCR_WORKER_EXPORT;
    case A_W_EXIT:
        return SCR_WELCOME;
    case A_W_QUIT:
        a->quit = 1;
        return SCR_WORKER;
    default:
        return SCR_WORKER;
    }
}

static void build_worker_survey(const App *a, View *v)
{
    background(v);
    int m = margin(v);
    text(v, rect(m, U(v, 20), v->w - 2 * m, U(v, 60)), "Which survey runs?", TS_LARGE, W_BOLD);
    int bottom = nav_bar(v, "Back", A_CANCEL, NULL, 0, 0, 0, NULL, 0, 0);
    Rect cells[SURVEYS_MAX + 1];
    int top = U(v, 100);
    grid(v, rect(m, top, v->w - 2 * m, bottom - top), a->nsurveys + 1, 3, cells);
    button(v, cells[0], "Let young people choose", A_W_FIX, -1,
           a->fixed_survey < 0 ? W_SELECTED : 0);
    for (int i = 0; i < a->nsurveys; i++) {
        const Survey *s = a->surveys[i];
        button(v, cells[i + 1], survey_name(s, s->default_lang), A_W_FIX, i,
               a->fixed_survey == i ? W_SELECTED : 0);
    }
}

static ScreenId on_worker_survey(App *a, int action, int arg)
{
    if (action == A_CANCEL)
        return SCR_WORKER;
    if (action != A_W_FIX || arg < -1 || arg >= a->nsurveys)
        return SCR_WORKER_SURVEY;
    if (store_set(a->store, "fixed_survey", arg >= 0 ? a->surveys[arg]->form_id : NULL) != 0) {
        snprintf(a->error, sizeof a->error, "cannot save the survey choice: %s",
                 store_errmsg(a->store));
        if (a->log)
            a->log(a->error);
        return SCR_WORKER_SURVEY;
    }
    a->fixed_survey = arg;
    return SCR_WORKER;
}

static void build_worker_session(const App *a, View *v)
{
    background(v);
    int m = margin(v);
    text(v, rect(m, U(v, 20), v->w - 2 * m, U(v, 60)), "Name this session", TS_LARGE, W_BOLD);
    text(v, rect(m, U(v, 80), v->w - 2 * m, U(v, 40)),
         "For example: One Voice, 12 March. Answers sent during it carry this name.", TS_SMALL, 0);
    Widget *f = view_add(v, W_FIELD, rect(m, U(v, 130), v->w - 2 * m, target(v)),
                         a->session_edit, TS_BODY, A_NONE, 0);
    f->flags |= W_SELECTED | W_LEFT;
    int bottom = nav_bar(v, "Cancel", A_CANCEL, NULL, 0, 0, 0, "Start session", A_DONE,
                         a->session_edit[0] ? 0 : W_DISABLED);
    int top = U(v, 130) + target(v) + U(v, 16);
    keyboard(v, rect(m, top, v->w - 2 * m, bottom - top), 0, a->shift);
}

static void worker_session_enter(App *a)
{
    memset(a->session_edit, 0, sizeof a->session_edit);
    a->shift = 0;
}

static ScreenId session_edit(App *a, const char *add, int del)
{
    if (add && (!utf8_valid(add, strlen(add)) ||
                strlen(a->session_edit) + strlen(add) > SESSION_NAME_MAX))
        return SCR_WORKER_SESSION;
    buffer_edit(a->session_edit, sizeof a->session_edit, add, del);
    return SCR_WORKER_SESSION;
}

static ScreenId on_worker_session(App *a, int action, int arg)
{
    switch (action) {
    case A_CANCEL:
        return SCR_WORKER;
    case A_DONE:
        if (!a->session_edit[0])
            return SCR_WORKER_SESSION;
        if (store_set(a->store, "session", a->session_edit) != 0) {
            snprintf(a->error, sizeof a->error, "cannot start the session: %s",
                     store_errmsg(a->store));
            if (a->log)
                a->log(a->error);
            return SCR_WORKER_SESSION;
        }
        memcpy(a->session, a->session_edit, sizeof a->session);
        return SCR_WORKER;
    case A_KEY: {
        if (!valid_key(arg))
            return SCR_WORKER_SESSION;
        const char *add;
        int del;
        if (key_apply(arg, a->shift, &add, &del)) {
            a->shift = !a->shift;
            return SCR_WORKER_SESSION;
        }
        if (add)
            a->shift = 0;
        return session_edit(a, add, del);
    }
    default:
        return SCR_WORKER_SESSION;
    }
}

static ScreenId key_worker_session(App *a, const Input *in)
{
    if (in->kind == IN_TEXT)
        return session_edit(a, in->text, 0);
    if (in->key == KEY_BACKSPACE)
        return session_edit(a, NULL, 1);
    if (in->key == KEY_ENTER)
        return on_worker_session(a, A_DONE, 0);
    return SCR_WORKER_SESSION;
}

/* ---- worker mode: export to a USB stick ---- */

static void worker_export_scan(App *a)
{
    memset(a->folders, 0, sizeof a->folders);
    a->nfolders = exchange_export_folders(a->export_dir, a->folders, EXPORT_FOLDERS_MAX);
}

static void worker_export_enter(App *a)
{
    a->export_result[0] = '\0';
    a->export_failed = 0;
    worker_export_scan(a);
}

static void build_worker_export(const App *a, View *v)
{
    background(v);
    int m = margin(v);
    text(v, rect(m, U(v, 20), v->w - 2 * m, U(v, 60)), "Export to USB", TS_LARGE, W_BOLD);
    text(v, rect(m, U(v, 80), v->w - 2 * m, U(v, 40)),
         a->nfolders ? "Tap where to save the answers. They are sealed: only the council can "
                       "open them."
                     : "No USB stick found. Put one in, wait a moment, then tap Look again.",
         TS_SMALL, 0);
    if (a->export_result[0])
        text(v, rect(m, U(v, 124), v->w - 2 * m, U(v, 72)), a->export_result, TS_SMALL,
             a->export_failed ? W_ALERT : W_BOLD);
    int bottom = nav_bar(v, "Back", A_CANCEL, "Look again", A_W_RESCAN, 0, W_QUIET, NULL, 0, 0);
    int top = U(v, 204);
    if (a->nfolders == 0)
        return;
    Rect cells[EXPORT_FOLDERS_MAX];
    grid(v, rect(m, top, v->w - 2 * m, bottom - top), a->nfolders, 2, cells);
    for (int i = 0; i < a->nfolders; i++)
        button(v, cells[i], a->folders[i], A_W_EXPORT_TO, i, W_LEFT);
}

/* Writes the bundle into folder i and says how it went, calmly: a failure loses nothing. */
static void export_to(App *a, int i)
{
    char path[EXCHANGE_PATH_MAX + 64], err[ERR_LEN];
    const char *folder = a->folders[i];
    long n = -1;
    if (!a->data_dir)
        snprintf(err, sizeof err, "this kiosk was started without a data folder");
    else if (exchange_export_name(a->data_dir, folder, a->wall, path, sizeof path, err) == 0)
        n = exchange_export(a->store, a->data_dir, path, err);
    a->export_failed = n < 0;
    if (n < 0)
        snprintf(a->export_result, sizeof a->export_result,
                 "Not saved to %s. Nothing was lost: the answers are still on this kiosk. (%s)",
                 folder, err);
    else if (n == 0)
        snprintf(a->export_result, sizeof a->export_result,
                 "Nothing to export: no answers are waiting on this kiosk.");
    else
        snprintf(a->export_result, sizeof a->export_result,
                 "Saved %ld response%s to %s. They stay on this kiosk until the council's "
                 "receipt comes back.",
                 n, n == 1 ? "" : "s", path);
    if (a->log) {
        char line[ERR_LEN + 64];
        if (n < 0)
            snprintf(line, sizeof line, "export failed: %s", err);
        else
            snprintf(line, sizeof line, "exported %ld responses", n);
        a->log(line);
    }
}

static ScreenId on_worker_export(App *a, int action, int arg)
{
    switch (action) {
    case A_CANCEL:
        return SCR_WORKER;
    case A_W_RESCAN:
        worker_export_scan(a);
        a->export_result[0] = '\0';
        return SCR_WORKER_EXPORT;
    case A_W_EXPORT_TO:
        if (arg >= 0 && arg < a->nfolders)
            export_to(a, arg);
        return SCR_WORKER_EXPORT;
    default:
        return SCR_WORKER_EXPORT;
    }
}

const Screen screens[SCR_COUNT] = {
    [SCR_SET_PIN] = {"set-pin", IDLE_NONE, pin_enter, on_set_pin, key_pin, build_set_pin},
    [SCR_WELCOME] = {"welcome", IDLE_NONE, NULL, on_welcome, NULL, build_welcome},
    [SCR_CHOOSE] = {"choose", IDLE_WARN, NULL, on_choose, NULL, build_choose},
    [SCR_QUESTION] = {"question", IDLE_WARN, question_enter, on_question, key_question,
                      build_question},
    [SCR_SAFETY] = {"safety", IDLE_WARN, NULL, on_safety, NULL, build_safety},
    [SCR_REVIEW] = {"review", IDLE_WARN, NULL, on_review, NULL, build_review},
    [SCR_THANKS] = {"thanks", IDLE_RETURN, NULL, on_thanks, NULL, build_thanks},
    [SCR_SAVE_FAILED] = {"save-failed", IDLE_WARN, NULL, on_save_failed, NULL, build_save_failed},
    [SCR_IDLE] = {"idle", IDLE_NONE, NULL, on_idle, NULL, build_idle},
    [SCR_PIN] = {"pin", IDLE_WARN, pin_enter, on_pin, key_pin, build_pin},
    [SCR_WORKER] = {"worker", IDLE_WARN, worker_enter, on_worker, NULL, build_worker},
    [SCR_WORKER_SURVEY] = {"worker-survey", IDLE_WARN, NULL, on_worker_survey, NULL,
                           build_worker_survey},
    [SCR_WORKER_SESSION] = {"worker-session", IDLE_WARN, worker_session_enter, on_worker_session,
                            key_worker_session, build_worker_session},
    [SCR_WORKER_EXPORT] = {"worker-export", IDLE_WARN, worker_export_enter, on_worker_export,
                           NULL, build_worker_export},
};
