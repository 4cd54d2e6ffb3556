/* answers.c: the touch controls of the question kinds that are neither choices nor typing: a
 * range's buttons or stepper, the date and time pickers, and an acknowledge's one button. See
 * answers.h. The young person taps; nothing is typed, and no value is taken from a clock. */
#include "answers.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "kit.h"

/* A range of at most this many values is a row of buttons; a longer one is a stepper. */
#define RANGE_BUTTONS_MAX 11
/* What an A_PICK argument's low byte names: a row's step (row * 8 + one of the steps below),
 * or PICK_VALUE + k, value k of a range's buttons. */
enum { PICK_LESS, PICK_MORE, PICK_LESS_10, PICK_MORE_10 };
#define PICK_VALUE 64
static const int pick_delta[] = {-1, 1, -10, 10};

/* The rows of q's picker: a date's day, month and year (fewer for `month-year` and `year`), a
 * time's hour and minutes, a range's one. */
static int picker_rows(const Question *q)
{
    if (q->type == QT_DATE)
        return q->appearance == APPEAR_YEAR ? 1 : q->appearance == APPEAR_MONTH_YEAR ? 2 : 3;
    return q->type == QT_TIME ? 2 : 1;
}

/* The value a date or time picker starts from when the young person first taps it: today for
 * a date (the day a response already carries anyway), noon for a time: never the time now. */
static void pick_start(const App *a, const Question *q, int start[3])
{
    start[0] = 12;
    start[1] = start[2] = 0;
    if (q->type == QT_DATE) {
        time_t t = (time_t)a->wall;
        struct tm tm;
        if (localtime_r(&t, &tm)) {
            start[0] = tm.tm_year + 1900;
            start[1] = tm.tm_mon + 1;
            start[2] = tm.tm_mday;
        } else {
            start[0] = 2026, start[1] = start[2] = 1;
        }
    }
}

/* One row of a picker in r: its name, [-10] [-] value [+] [+10] (the tens where tens
 * help: a year, minutes, a long range). */
static void picker_row(View *v, Rect r, const char *name, const char *value, int arg, int tens)
{
    int gap = U(v, 12), bw = r.h < view_px(v, 120, 44) ? r.h : view_px(v, 120, 44);
    if (bw < view_px(v, 72, 44))
        bw = view_px(v, 72, 44);
    int nw = name ? r.w / 5 : 0;
    if (name)
        kit_text(v, rect(r.x, r.y, nw - gap, r.h), name, TS_BODY, W_BOLD | W_LEFT);
    int x = r.x + nw, w = r.w - nw;
    /* a ten's button as wide as its words need */
    int tw = kit_button_h(v, "+10", TS_BODY, bw) > r.h ? kit_text_w(v, "+10", TS_BODY, 0) +
                                                            2 * view_text_pad(v) + 2
                                                      : bw;
    tw = tw < bw ? bw : tw;
    int vw = w - 2 * (bw + gap) - (tens ? 2 * (tw + gap) : 0);
    int bx = x;
    if (tens) {
        kit_button(v, rect(bx, r.y, tw, r.h), "-10", A_PICK, arg + PICK_LESS_10, W_QUIET);
        bx += tw + gap;
    }
    kit_button(v, rect(bx, r.y, bw, r.h), "-", A_PICK, arg + PICK_LESS, 0);
    bx += bw + gap;
    kit_text(v, rect(bx, r.y, vw, r.h), value, TS_LARGE, W_BOLD);
    bx += vw + gap;
    kit_button(v, rect(bx, r.y, bw, r.h), "+", A_PICK, arg + PICK_MORE, 0);
    bx += bw + gap;
    if (tens)
        kit_button(v, rect(bx, r.y, tw, r.h), "+10", A_PICK, arg + PICK_MORE_10, W_QUIET);
}

/* The stepper of a long range, or the date picker (day, month, year) or the time picker (hour,
 * minutes) of q in area: each row a value between a minus and a plus. A question not yet
 * answered shows a dash; its first tap sets the starting value (pick_start). */
static void picker(const App *a, View *v, const Question *q, Rect area)
{
    const Survey *s = app_survey(a);
    int qi = (int)(q - s->questions);
    const DraftAnswer *da = &a->draft->answers[qi];
    int set = da->state == DS_ANSWERED;
    int rows = picker_rows(q);
    int gap = U(v, 16);
    int rh = (area.h - (rows - 1) * gap) / rows;
    if (rh > view_px(v, 110, 44))
        rh = view_px(v, 110, 44);
    int y = area.y + (area.h - rows * rh - (rows - 1) * gap) / 2;
    if (q->type == QT_RANGE) {
        picker_row(v, rect(area.x, y, area.w, rh), NULL, set ? da->text : "—", qi * 256,
                   q->range_count > 20);
        return;
    }
    int vals[3];
    int have = draft_picked(a->draft, q, vals) == 0;
    static const UiText date_rows[] = {UI_DAY, UI_MONTH, UI_YEAR};
    static const int date_field[] = {2, 1, 0}; /* day, month, year, as the UK writes a date */
    int skip = q->type == QT_DATE ? 3 - rows : 0; /* month-year and year leave out the first */
    for (int r = 0; r < rows; r++) {
        int field = q->type == QT_DATE ? date_field[r + skip] : r;
        UiText name = q->type == QT_DATE ? date_rows[r + skip] : r == 0 ? UI_HOUR : UI_MINUTE;
        const char *value =
            !have ? "—"
                  : view_printf(v, q->type == QT_DATE && field == 0 ? "%04d" : "%02d", vals[field]);
        picker_row(v, rect(area.x, y, area.w, rh), T(a, name), value, qi * 256 + field * 8,
                   (q->type == QT_DATE && field == 0) || (q->type == QT_TIME && field == 1));
        y += rh + gap;
    }
}

void answers_pick(App *a, int arg)
{
    const Survey *s = app_survey(a);
    int qi = arg / 256, what = arg % 256;
    if (qi < 0 || qi >= s->nquestions)
        return;
    const Question *q = &s->questions[qi];
    const DraftAnswer *da = &a->draft->answers[qi];
    char value[ANSWER_DECIMAL_MAX + 1];
    if (q->type == QT_RANGE) {
        int k = what - PICK_VALUE;
        if (what < PICK_VALUE) {
            /* the stepper: from the value set, or the first value on the first tap */
            int at = -1;
            for (int i = 0; da->state == DS_ANSWERED && i < q->range_count && at < 0; i++)
                if (survey_range_value(q, i, value) == 0 && strcmp(value, da->text) == 0)
                    at = i;
            int step = what % 8;
            if (step > PICK_MORE_10)
                return;
            k = at < 0 ? 0 : at + pick_delta[step];
            k = k < 0 ? 0 : k >= q->range_count ? q->range_count - 1 : k;
        }
        if (survey_range_value(q, k, value) == 0)
            (void)draft_set(a->draft, q, value);
        sodium_memzero(value, sizeof value); /* the answer chosen */
        return;
    }
    int field = what / 8, step = what % 8;
    if (step > PICK_MORE_10)
        return;
    int start[3];
    pick_start(a, q, start);
    /* a month and year keep the 1st; a year its 1 January: nothing the young person was not asked */
    if (q->type == QT_DATE && q->appearance != APPEAR_DEFAULT) {
        start[2] = 1;
        if (q->appearance == APPEAR_YEAR)
            start[1] = 1;
    }
    /* The first tap shows where the picker starts; the next ones move it. */
    (void)draft_pick(a->draft, q, field, da->state == DS_ANSWERED ? pick_delta[step] : 0, start);
}

int answers_picks(const Question *q)
{
    return q->type == QT_DATE || q->type == QT_TIME || q->type == QT_RANGE;
}

/* The room a control's rows take at a touch target's height. */
static int picker_need(const View *v, const Question *q)
{
    int rows = picker_rows(q);
    return rows * view_px(v, 72, 44) + (rows - 1) * U(v, 16);
}

int answers_control(const App *a, View *v, const Question *q, Rect area)
{
    const Survey *s = app_survey(a);
    int qi = (int)(q - s->questions);
    const DraftAnswer *da = &a->draft->answers[qi];
    int min = view_px(v, 72, 44);
    /* a range's buttons, when they fit at a touch target's height */
    const char *labels[RANGE_BUTTONS_MAX];
    char value[ANSWER_DECIMAL_MAX + 1];
    Rect cells[RANGE_BUTTONS_MAX];
    int grid = q->type == QT_RANGE && q->range_count <= RANGE_BUTTONS_MAX;
    for (int k = 0; grid && k < q->range_count; k++)
        labels[k] = survey_range_value(q, k, value) == 0 ? view_printf(v, "%s", value) : "";
    /* as many columns as stay a touch target wide, their words unbroken */
    int widest = 0;
    for (int k = 0; grid && k < q->range_count; k++) {
        int tw = kit_text_w(v, labels[k], TS_BODY, 0) + 2 * view_text_pad(v) + 2;
        widest = tw > widest ? tw : widest;
    }
    int cell = widest > min ? widest : min, cols = (area.w + U(v, 12)) / (cell + U(v, 12));
    cols = cols < 1 ? 1 : cols > q->range_count ? q->range_count : cols;
    /* a picker's rows with room to spare: cramped, a young person mistaps */
    int fits = grid ? kit_grid_words(v, area, q->range_count, labels, TS_BODY, 0, cols,
                                     target(v), U(v, 130), cells) &&
                          cells[0].w >= min && cells[0].h >= min
                    : 2 * area.h >= 3 * picker_need(v, q);
    if (answers_picks(q) && !fits) {
        /* No room here for a picker's rows (a group's screen): its value, a button that opens
         * the picker on a screen of its own, as a field opens the keyboard. */
        int bh = area.h < target(v) ? (area.h > min ? area.h : min) : target(v);
        Widget *f = view_add(v, W_FIELD, rect(area.x, area.y, area.w, bh),
                             da->state == DS_ANSWERED ? da->text : "\u2014", TS_BODY, A_FIELD, qi);
        f->flags |= W_LEFT;
        return 1;
    }
    if (q->type == QT_ACKNOWLEDGE) {
        /* One button: tapped, it stays chosen; tapped again, it is undone. */
        int bh = area.h < target(v) ? (area.h > min ? area.h : min) : target(v);
        int bw = area.w < U(v, 400) ? area.w : U(v, 400);
        kit_button(v, rect(area.x + (area.w - bw) / 2, area.y + (area.h - bh) / 2, bw, bh),
                   T(a, UI_OK), A_ACK, qi, da->state == DS_ANSWERED ? W_SELECTED : 0);
    } else if (grid) {
        /* A button a value, in order: a scale is tapped, never dragged. */
        for (int k = 0; k < q->range_count; k++) {
            int chosen = da->state == DS_ANSWERED && strcmp(da->text, labels[k]) == 0;
            view_add(v, W_CHOICE, cells[k], labels[k], TS_BODY, A_PICK, qi * 256 + PICK_VALUE + k)
                ->flags |= chosen ? W_SELECTED : 0;
        }
    } else if (q->type == QT_RANGE || q->type == QT_DATE || q->type == QT_TIME) {
        picker(a, v, q, area);
    } else {
        return 0;
    }
    return 1;
}
