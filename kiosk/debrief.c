/* debrief.c: a session's tallies, in locked memory, and the small-number rule they are shown
 * with. See debrief.h; start reading at debrief_show().
 *
 * Why the kiosk's own rule and not the council's (sync/suppress.c): the council's report ties
 * every figure to every other across tables and across a series of reports, and solves the
 * whole system to choose what to hide. A debrief is one showing of tables that share nothing
 * but their totals: a select_one question's choices and "didn't say" add up to those who
 * answered the survey; each choice of a select_multiple and those who did not choose it add up
 * to the same; the surveys' totals add up to the session's. For tables that stand alone the
 * rule needs no solver: no cell of 1 to 9, and never exactly one hidden cell (the total less
 * the others would give it) nor hidden cells adding up to 1 to 9 (that sum is a group as small).
 * And since the tallies are wiped once shown, no later showing can be set beside this one. */
#include "debrief.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    const Survey *survey; /* NULL: a free slot */
    long took_part;       /* responses of it counted */
    /* chose[q][c]: responses choosing choice c of question q; answered[q]: responses with a
     * choice for q (declined, skipped or not shown are the rest) */
    uint32_t chose[SURVEY_QUESTIONS_MAX][SURVEY_CHOICES_MAX];
    uint32_t answered[SURVEY_QUESTIONS_MAX];
} Tally;

struct Debrief {
    Tally tally[DEBRIEF_SURVEYS_MAX];
    long left_out; /* responses of surveys past DEBRIEF_SURVEYS_MAX: not counted */
    int nlines;
    DebriefLine lines[DEBRIEF_LINES_MAX];
};

Debrief *debrief_new(void)
{
    Debrief *d = sodium_malloc(sizeof *d);
    if (d)
        sodium_memzero(d, sizeof *d);
    return d;
}

void debrief_free(Debrief *d)
{
    if (!d)
        return;
    sodium_memzero(d, sizeof *d);
    sodium_free(d);
}

static void wipe_tallies(Debrief *d)
{
    sodium_memzero(d->tally, sizeof d->tally);
    d->left_out = 0;
}

void debrief_close(Debrief *d)
{
    if (!d)
        return;
    sodium_memzero(d->lines, sizeof d->lines);
    d->nlines = 0;
}

void debrief_wipe(Debrief *d)
{
    if (!d)
        return;
    wipe_tallies(d);
    debrief_close(d);
}

int debrief_add(Debrief *d, const Survey *s, const Response *r)
{
    Tally *t = NULL;
    for (int i = 0; i < DEBRIEF_SURVEYS_MAX && !t; i++)
        if (d->tally[i].survey == s || !d->tally[i].survey)
            t = &d->tally[i];
    if (!t) {
        d->left_out++;
        return -1;
    }
    t->survey = s;
    t->took_part++;
    for (int i = 0; i < r->nanswers; i++) {
        const Answer *an = &r->answers[i];
        if (an->kind != ANSWER_CHOICES || an->nchoices == 0)
            continue;
        const Question *q = survey_question_named(s, an->question);
        if (!q || !q->list || (q->type != QT_SELECT_ONE && q->type != QT_SELECT_MULTIPLE))
            continue;
        int qi = (int)(q - s->questions);
        t->answered[qi]++;
        for (int k = 0; k < an->nchoices; k++) {
            int c = survey_choice_index(q->list, an->choices[k]);
            if (c >= 0 && c < SURVEY_CHOICES_MAX)
                t->chose[qi][c]++;
        }
    }
    return 0;
}

long debrief_count(const Debrief *d)
{
    long n = d->left_out;
    for (int i = 0; i < DEBRIEF_SURVEYS_MAX; i++)
        n += d->tally[i].took_part;
    return n;
}

int debrief_suppress(const long *cells, int n, long total, int *hidden)
{
    int nhidden = 0;
    long sum = 0;
    for (int i = 0; i < n; i++) {
        hidden[i] = total < DEBRIEF_MIN || (cells[i] > 0 && cells[i] < DEBRIEF_MIN);
        if (hidden[i]) {
            nhidden++;
            sum += cells[i];
        }
    }
    if (total < DEBRIEF_MIN)
        return nhidden;
    /* The total less the cells shown is the sum of the hidden ones: one hidden cell is worked
     * out exactly, and hidden ones adding up to 1 to 9 give away a group that small. Hiding the
     * smallest shown cell that is not 0 always ends: once every such cell is hidden, the hidden
     * ones add up to the total. */
    while (nhidden == 1 || (sum > 0 && sum < DEBRIEF_MIN)) {
        int best = -1;
        for (int i = 0; i < n; i++)
            if (!hidden[i] && cells[i] > 0 && (best < 0 || cells[i] < cells[best]))
                best = i;
        if (best < 0)
            break;
        hidden[best] = 1;
        nhidden++;
        sum += cells[best];
    }
    return nhidden;
}

/* Adds a line (cut to DEBRIEF_LINE_MAX on a whole character); past DEBRIEF_LINES_MAX nothing. */
static void line(Debrief *d, DebriefLineKind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void line(Debrief *d, DebriefLineKind kind, const char *fmt, ...)
{
    if (d->nlines >= DEBRIEF_LINES_MAX)
        return;
    DebriefLine *l = &d->lines[d->nlines++];
    l->kind = kind;
    l->figure[0] = '\0';
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(l->text, sizeof l->text, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof l->text) {
        /* cut on a whole UTF-8 character */
        size_t end = sizeof l->text - 1;
        while (end > 0 && ((unsigned char)l->text[end] & 0xC0) == 0x80)
            end--;
        l->text[end] = '\0';
    }
}

/* A choice's line: its words and the figure shown, the number or "c". */
static void choice_line(Debrief *d, const char *words, long value, int hidden)
{
    line(d, DL_CHOICE, "%s", words);
    if (d->nlines == 0 || d->lines[d->nlines - 1].kind != DL_CHOICE)
        return;
    DebriefLine *l = &d->lines[d->nlines - 1];
    if (hidden)
        snprintf(l->figure, sizeof l->figure, "c");
    else
        snprintf(l->figure, sizeof l->figure, "%ld", value);
}

static const char *choice_label(const Survey *s, const Choice *c)
{
    const char *l = survey_text(s, c->label, s->default_lang);
    return *l ? l : c->other ? "Other" : c->name;
}

/* One select_one question: its choices and "didn't say", adding up to took_part. */
static void show_one(Debrief *d, const Tally *t, int qi)
{
    const Survey *s = t->survey;
    const Question *q = &s->questions[qi];
    int n = q->list->nchoices;
    long cells[SURVEY_CHOICES_MAX + 1];
    int hidden[SURVEY_CHOICES_MAX + 1];
    for (int c = 0; c < n; c++)
        cells[c] = t->chose[qi][c];
    cells[n] = t->took_part - (long)t->answered[qi];
    debrief_suppress(cells, n + 1, t->took_part, hidden);
    for (int c = 0; c < n; c++)
        choice_line(d, choice_label(s, &q->list->choices[c]), cells[c], hidden[c]);
    choice_line(d, "Didn't say (or wasn't asked)", cells[n], hidden[n]);
}

/* One select_multiple question: each choice beside those who did not choose it. */
static void show_multiple(Debrief *d, const Tally *t, int qi)
{
    const Survey *s = t->survey;
    const Question *q = &s->questions[qi];
    for (int c = 0; c < q->list->nchoices; c++) {
        long cells[2] = {t->chose[qi][c], t->took_part - (long)t->chose[qi][c]};
        int hidden[2];
        debrief_suppress(cells, 2, t->took_part, hidden);
        choice_line(d, choice_label(s, &q->list->choices[c]), cells[0], hidden[0]);
    }
}

int debrief_show(Debrief *d)
{
    debrief_close(d);
    long total = debrief_count(d);
    long cells[DEBRIEF_SURVEYS_MAX + 1];
    int hidden[DEBRIEF_SURVEYS_MAX + 1];
    for (int i = 0; i < DEBRIEF_SURVEYS_MAX; i++)
        cells[i] = d->tally[i].took_part;
    cells[DEBRIEF_SURVEYS_MAX] = d->left_out;
    debrief_suppress(cells, DEBRIEF_SURVEYS_MAX + 1, total, hidden);
    if (total < DEBRIEF_MIN) {
        line(d, DL_NOTE,
             "Fewer than %d young people have sent answers since this session started (or "
             "since it was last shown), so there is nothing to show: with so few, someone could "
             "be picked out.",
             DEBRIEF_MIN);
    } else {
        line(d, DL_NOTE, "%ld young people sent answers. A \"c\" stands for a number too small "
                         "to show (or one that would let a small number be worked out).",
             total);
        if (d->left_out > 0)
            line(d, DL_NOTE, "Answers to more than %d surveys: the later surveys are not "
                             "shown here.",
                 DEBRIEF_SURVEYS_MAX);
    }
    for (int i = 0; i < DEBRIEF_SURVEYS_MAX && total >= DEBRIEF_MIN; i++) {
        const Tally *t = &d->tally[i];
        if (!t->survey)
            continue;
        const Survey *s = t->survey;
        const char *title = survey_text(s, s->title, s->default_lang);
        if (!*title)
            title = s->form_id;
        if (hidden[i]) {
            line(d, DL_SURVEY, "%s: c answered, too few to show", title);
            continue;
        }
        line(d, DL_SURVEY, "%s: %ld answered", title, t->took_part);
        for (int qi = 0; qi < s->nquestions; qi++) {
            const Question *q = &s->questions[qi];
            if (!q->list || (q->type != QT_SELECT_ONE && q->type != QT_SELECT_MULTIPLE))
                continue;
            const char *words = survey_text(s, q->label, s->default_lang);
            line(d, DL_QUESTION, "%s", *words ? words : q->name);
            if (q->type == QT_SELECT_ONE)
                show_one(d, t, qi);
            else
                show_multiple(d, t, qi);
        }
    }
    /* Shown once: what comes next starts again from nobody. */
    wipe_tallies(d);
    return d->nlines;
}

const DebriefLine *debrief_line(const Debrief *d, int i)
{
    return d && i >= 0 && i < d->nlines ? &d->lines[i] : NULL;
}
