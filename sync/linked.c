/* linked.c: every figure of a publication and every sum among them, solved. See linked.h;
 * start reading at linked_solve(). */
#include "linked.h"

#include <stdlib.h>
#include <string.h>

#include "chorus_limits.h"
#include "series.h"
#include "suppress.h"

/* ---- small numbers across every table ----
 *
 * The rule. Every figure the committee gets (report.html, measures.csv, participation.csv) is
 * a number of responses. One from 1 to 9 young people is shown as c (primary suppression);
 * a percentage is shown only when its denominator is at least SUPPRESS_MIN and its numerator
 * is 0 or at least SUPPRESS_MIN (its n may still be shown). Then secondary suppression hides
 * more figures until no hidden one can be worked out from the shown ones, with the sums a
 * reader can make across ALL the tables and measures:
 * - each participation table's rows, columns and totals;
 * - the same young people counted in two places are one figure: a survey's responses in the
 *   period are also the n of a measure of "all responses" and a count measure of the survey,
 *   and two measures of the same question and answers are one number. Such copies share one
 *   figure here, so hiding one hides them all;
 * - a measure's numerator, plus those not counted, is those who answered; those who answered,
 *   plus those who did not, are the survey's responses. So an n that equals the survey's
 *   responses (everyone answered) is a copy of them too;
 * - which survey a session used is taken to be known (its name often says), so the responses
 *   by session and survey tie each session to the surveys;
 * - a year's figure is the sum of its four quarters.
 * The figures only a reader's sums know (responses by survey and session, those who did not
 * answer, those not counted, the quarters nothing publishes) are in the system with cost 0:
 * taken as known unless hidden, never "shown", and hidden first when something must be. See
 * suppress_figures() for how the next figure to hide is chosen: the cheapest, weighing a
 * measure of this period most, then the grand total, a survey's responses, a measure's
 * earlier periods, and the age bands and sessions least.
 * Not in the system: the safety and free-text counts (counts across all surveys, never tied
 * to another figure), ages by session, and overlaps between different questions' answers. */

/* What hiding a published figure costs the reader. */
enum {
    COST_MEASURE = 100, /* a measure's figure for this period */
    COST_ALL = 60,      /* the grand total */
    COST_FORM = 20,     /* a survey's responses (hiding one hides cells of its row too) */
    COST_PAST = 15,     /* a measure's figure for an earlier period, one bar of its trend */
    COST_LINE = 5,      /* an age band's or a session's responses */
    COST_CELL = 2       /* a survey's responses in one age band */
};

void linked_free(Linked *l)
{
    for (int i = 0; i < l->nq; i++)
        free(l->q[i].counts);
    free(l->q);
    for (int i = 0; i < l->n; i++)
        free(l->info[i].series);
    free(l->info);
    free(l->value);
    free(l->cost);
    free(l->gfirst);
    free(l->gcount);
    free(l->gtotal);
    free(l->pool);
    memset(l, 0, sizeof *l);
}

/* Grows *arr (of size elements) to hold at least need; 0, or -1 out of memory. */
static int grow(void **arr, int *cap, int need, size_t size)
{
    if (need <= *cap)
        return 0;
    int c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    void *g = realloc(*arr, size * (size_t)c);
    if (!g)
        return -1;
    *arr = g;
    *cap = c;
    return 0;
}

/* A new figure; its index, or -1 out of memory. */
int linked_fig(Linked *l, long value, int cost)
{
    int cap = l->cap;
    if (grow((void **)&l->value, &cap, l->n + 1, sizeof *l->value) != 0)
        return -1;
    cap = l->cap;
    if (grow((void **)&l->cost, &cap, l->n + 1, sizeof *l->cost) != 0)
        return -1;
    cap = l->cap;
    if (grow((void **)&l->info, &cap, l->n + 1, sizeof *l->info) != 0)
        return -1;
    l->cap = cap;
    l->value[l->n] = value;
    l->cost[l->n] = cost;
    memset(&l->info[l->n], 0, sizeof l->info[l->n]);
    return l->n++;
}

int linked_group(Linked *l, const int *cells, int ncells, int total)
{
    int cap = l->capgroups;
    if (grow((void **)&l->gfirst, &cap, l->ngroups + 1, sizeof(int)) != 0)
        return -1;
    cap = l->capgroups;
    if (grow((void **)&l->gcount, &cap, l->ngroups + 1, sizeof(int)) != 0)
        return -1;
    cap = l->capgroups;
    if (grow((void **)&l->gtotal, &cap, l->ngroups + 1, sizeof(int)) != 0)
        return -1;
    l->capgroups = cap;
    if (grow((void **)&l->pool, &l->cappool, l->npool + ncells + 1, sizeof(int)) != 0)
        return -1;
    l->gfirst[l->ngroups] = l->npool;
    l->gcount[l->ngroups] = ncells;
    l->gtotal[l->ngroups++] = total;
    if (ncells > 0)
        memcpy(l->pool + l->npool, cells, sizeof(int) * (size_t)ncells);
    l->npool += ncells;
    return 0;
}

/* Names figure i for the ledger (ledger.h) unless it has a name: what it counts and when.
 * Returns 0, or -1 out of memory. */
int linked_name(Linked *l, int i, const char *table, const Period *window, const char *a,
                const char *b, const char *c, const char *d)
{
    if (l->info[i].series)
        return 0;
    size_t len = strlen(a) + strlen(b) + strlen(c ? c : "") + strlen(d ? d : "") + 4;
    char *name = malloc(len);
    if (!name)
        return -1;
    snprintf(name, len, "%s|%s%s%s%s%s", a, b, c ? "|" : "", c ? c : "", d ? "|" : "", d ? d : "");
    l->info[i].series = name;
    l->info[i].table = table;
    l->info[i].window = *window;
    return 0;
}

static int same_window(const Period *a, const Period *b)
{
    return a->year == b->year && a->month == b->month && a->months == b->months;
}

static int by_text(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* m's counted choices, sorted, as one string (caller frees); NULL out of memory. */
static char *counts_key(const Measure *m)
{
    const char *names[MEASURE_COUNTS_MAX] = {NULL};
    size_t len = 1;
    for (int i = 0; i < m->ncounts; i++) {
        names[i] = m->counts[i];
        len += strlen(m->counts[i]) + 1;
    }
    qsort(names, (size_t)m->ncounts, sizeof *names, by_text);
    char *key = malloc(len);
    if (!key)
        return NULL;
    key[0] = '\0';
    for (int i = 0; i < m->ncounts; i++) {
        if (i)
            strcat(key, " ");
        strcat(key, names[i]);
    }
    return key;
}

/* The quantity (kind, m's form, question and counts, window): found, or added with value.
 * The responses to a form in the report's period are its figure in "Responses by survey".
 * Returns its index in l->q, or -1 out of memory. */
static int quantity(Linked *l, const Participation *p, const Inputs *in, char kind,
                    const Measure *m, const Period *window, long value)
{
    char *counts = NULL;
    if (kind == 'K' && !(counts = counts_key(m)))
        return -1;
    const char *question = kind == 'R' ? NULL : m->question->name;
    for (int i = 0; i < l->nq; i++) {
        const Quantity *q = &l->q[i];
        if (q->kind == kind && strcmp(q->form, m->form_id) == 0 &&
            (!question || strcmp(q->question, question) == 0) &&
            (!counts || strcmp(q->counts, counts) == 0) && same_window(&q->window, window)) {
            free(counts);
            return i;
        }
    }
    int f = -1;
    if (kind == 'R' && same_window(window, &in->period) &&
        participation_find_form(p, m->form_id) >= 0)
        f = participation_form(p, participation_find_form(p, m->form_id));
    else if ((f = linked_fig(l, value, 0)) < 0)
        goto oom;
    if (grow((void **)&l->q, &l->capq, l->nq + 1, sizeof *l->q) != 0)
        goto oom;
    l->q[l->nq] = (Quantity){kind, m->form_id, question, counts, *window, f, 0, 0};
    /* What only the sums know of it may still be worked out: never 1 to 9. */
    if (l->cost[f] == 0)
        l->info[f].mark |= SUPPRESS_PROTECT;
    if (linked_name(l, f, LEDGER_MEASURES, window,
                    kind == 'R'   ? "responses"
                    : kind == 'A' ? "answered"
                                  : "counted",
                    m->form_id, question, counts) != 0) {
        free(counts); /* l->q[l->nq] is not counted yet: nothing else frees it */
        return -1;
    }
    return l->nq++;
oom:
    free(counts);
    return -1;
}

/* The quantities of m over window, in q[0] (responses), q[1] (answered), q[2] (counted; -1
 * both for a measure with no question), each tied to the next wider by a figure of cost 0:
 * counted + not counted = answered, answered + not answered = responses. */
static int link_window(Linked *l, const Participation *p, const Inputs *in, const Measure *m,
                       const Period *window, int q[3], char *err)
{
    long responses, answered, counted;
    if (figure_counts(council_db(in->council), in->memo, m, window, &responses, &answered, &counted,
                      err) != 0)
        return -1;
    q[1] = q[2] = -1;
    if ((q[0] = quantity(l, p, in, 'R', m, window, responses)) < 0)
        goto oom;
    if (!m->question)
        return 0;
    if ((q[1] = quantity(l, p, in, 'A', m, window, answered)) < 0 ||
        (q[2] = quantity(l, p, in, 'K', m, window, counted)) < 0)
        goto oom;
    for (int k = 1; k <= 2; k++) {
        if (l->q[q[k]].tied)
            continue;
        int wider = l->q[q[k - 1]].fig;
        int cells[2] = {l->q[q[k]].fig,
                        linked_fig(l, l->value[wider] - l->value[l->q[q[k]].fig], 0)};
        if (cells[1] < 0 || linked_group(l, cells, 2, wider) != 0)
            goto oom;
        /* The rest of a base: "92% of 12" says one said no. */
        l->info[cells[1]].mark |= SUPPRESS_PROTECT;
        l->q[q[k]].tied = 1;
    }
    return 0;
oom:
    snprintf(err, ERR_LEN, "out of memory");
    return -1;
}

int linked_solve(const Inputs *in, Participation *p, Figure (*trend)[FIGURE_TREND],
                 LedgerFigures *record, char *err)
{
    Linked l = {0};
    LedgerFigures ledger = {0};
    unsigned char *mark = NULL;
    int(*slots)[FIGURE_TREND][2] = NULL; /* per measure and period: counted's and n's figure */
    int *cells = NULL, rc = -1;
    SuppressGroup *g = NULL;
    unsigned char *hide = NULL;
    int ncells_max = p->nforms + p->nbands + p->nsessions + p->nx + 8;

    for (int i = 0; i < p->nfig; i++) {
        int cost = i == participation_all()          ? COST_ALL
                   : i < participation_band(p, 0)    ? COST_FORM
                   : i < participation_cell(p, 0, 0) ? COST_LINE
                   : i < participation_session(p, 0) ? COST_CELL
                                                     : COST_LINE;
        if (linked_fig(&l, p->value[i], cost) != i)
            goto oom;
    }
    /* Their names in the ledger. */
    {
        const Period *w = &in->period;
        const char *t = LEDGER_PARTICIPATION;
        int bad = linked_name(&l, participation_all(), t, w, "responses", "*", NULL, NULL);
        for (int f = 0; f < p->nforms; f++) {
            bad |= linked_name(&l, participation_form(p, f), t, w, "responses", p->form[f], NULL,
                               NULL);
            for (int b = 0; b < p->nbands; b++)
                bad |= linked_name(&l, participation_cell(p, f, b), t, w, "age", p->form[f],
                                   p->band[b], NULL);
        }
        for (int b = 0; b < p->nbands; b++)
            bad |= linked_name(&l, participation_band(p, b), t, w, "age", "*", p->band[b], NULL);
        for (int i = 0; i < p->nsessions; i++)
            bad |= linked_name(&l, participation_session(p, i), t, w, "session", p->session[i],
                               NULL, NULL);
        if (bad)
            goto oom;
    }
    if (!(cells = malloc(sizeof *cells * (size_t)ncells_max)))
        goto oom;
    /* The participation tables. */
    for (int f = 0; f < p->nforms; f++)
        cells[f] = participation_form(p, f);
    if (linked_group(&l, cells, p->nforms, participation_all()) != 0)
        goto oom;
    for (int f = 0; f < p->nforms; f++) {
        for (int b = 0; b < p->nbands; b++)
            cells[b] = participation_cell(p, f, b);
        if (linked_group(&l, cells, p->nbands, participation_form(p, f)) != 0)
            goto oom;
    }
    for (int b = 0; b < p->nbands; b++) {
        for (int f = 0; f < p->nforms; f++)
            cells[f] = participation_cell(p, f, b);
        if (linked_group(&l, cells, p->nforms, participation_band(p, b)) != 0)
            goto oom;
    }
    for (int b = 0; b < p->nbands; b++)
        cells[b] = participation_band(p, b);
    if (linked_group(&l, cells, p->nbands, participation_all()) != 0)
        goto oom;
    for (int i = 0; i < p->nsessions; i++)
        cells[i] = participation_session(p, i);
    if (linked_group(&l, cells, p->nsessions, participation_all()) != 0)
        goto oom;
    /* Sessions and surveys: the responses by both, not published. */
    int x0 = l.n;
    for (int i = 0; i < p->nx; i++)
        if (linked_fig(&l, p->x_count[i], 0) < 0)
            goto oom;
    for (int f = 0; f < p->nforms; f++) {
        int n = 0;
        for (int i = 0; i < p->nx; i++)
            if (p->x_form[i] == f)
                cells[n++] = x0 + i;
        if (linked_group(&l, cells, n, participation_form(p, f)) != 0)
            goto oom;
    }
    for (int i = 0; i < p->nx;) {
        int n = 0, session = p->x_session[i];
        while (i < p->nx && p->x_session[i] == session)
            cells[n++] = x0 + i++;
        if (linked_group(&l, cells, n, participation_session(p, session)) != 0)
            goto oom;
    }

    /* The measures: what each publishes, tied to what the sums know. */
    const MeasureSet *ms = in->measures;
    if (!(slots = calloc((size_t)(ms->n ? ms->n : 1), sizeof *slots)))
        goto oom;
    Period year = period_window(&in->period, 12);
    for (int i = 0; i < ms->n; i++) {
        const Measure *m = &ms->items[i];
        for (int t = 0; t < FIGURE_TREND; t++) {
            int q[3];
            const Figure *fg = &trend[i][t];
            if (link_window(&l, p, in, m, &fg->window, q, err) != 0)
                goto done;
            int k = m->kind == MEASURE_COUNT ? (m->question ? q[2] : q[0]) : q[2];
            int n = m->kind == MEASURE_COUNT ? k : m->denominator == DENOM_ANSWERED ? q[1] : q[0];
            slots[i][t][0] = l.q[k].fig;
            slots[i][t][1] = l.q[n].fig;
            int cost = t == FIGURE_TREND - 1 ? COST_MEASURE : COST_PAST;
            l.cost[l.q[k].fig] += cost;
            /* An n whose percentage is hidden anyway (too few counted) shows little. */
            if (n != k)
                l.cost[l.q[n].fig] += suppress_small(l.value[l.q[k].fig]) ? COST_LINE : cost;
            /* A year to the end of a quarter is its four quarters. */
            if (in->period.months != 3 || m->months != 12 || !same_window(&fg->window, &year))
                continue;
            int quarter[4][3];
            for (int j = 0; j < 4; j++) {
                Period qp = period_before(&in->period, j);
                if (link_window(&l, p, in, m, &qp, quarter[j], err) != 0)
                    goto done;
            }
            for (int kind = 0; kind < 3; kind++) {
                if (q[kind] < 0 || l.q[q[kind]].summed)
                    continue;
                for (int j = 0; j < 4; j++)
                    cells[j] = l.q[quarter[j][kind]].fig;
                if (linked_group(&l, cells, 4, l.q[q[kind]].fig) != 0)
                    goto oom;
                l.q[q[kind]].summed = 1;
            }
        }
    }

    /* Everything published before (none for a draft's own record, but drafts are solved with
     * it too, so that they show what the report would). */
    int nown = l.n;
    if (ledger_load(council_db(in->council), &ledger, err) != 0 ||
        series_link(&l, in, &ledger, err) != 0)
        goto done;

    if (!(g = calloc((size_t)(l.ngroups ? l.ngroups : 1), sizeof *g)) ||
        !(hide = calloc((size_t)(l.n ? l.n : 1), 1)) ||
        !(mark = calloc((size_t)(l.n ? l.n : 1), 1)))
        goto oom;
    for (int k = 0; k < l.ngroups; k++)
        g[k] = (SuppressGroup){l.gcount[k], l.pool + l.gfirst[k], l.gtotal[k]};
    for (int i = 0; i < l.n; i++) {
        mark[i] = l.info[i].mark;
        hide[i] = l.info[i].hidden;
    }
    if (suppress_figures_marked(l.value, l.cost, mark, hide, l.n, g, l.ngroups) < 0) {
        snprintf(err, ERR_LEN,
                 "small numbers: out of memory, or more than %d hidden figures to check",
                 SUPPRESS_SOLVE_MAX);
        goto done;
    }
    memcpy(p->hide, hide, (size_t)p->nfig);
    for (int i = 0; record && i < nown; i++) {
        char first[11], last[11];
        if (!l.info[i].series || l.cost[i] == 0)
            continue;
        period_days(&l.info[i].window, first, last);
        if (ledger_add(record, l.info[i].table, l.info[i].series, first, last, l.value[i], !hide[i],
                       err) != 0)
            goto done;
    }
    for (int i = 0; i < ms->n; i++)
        for (int t = 0; t < FIGURE_TREND; t++) {
            Figure *fg = &trend[i][t];
            if (fg->state == FIGURE_NO_DATA)
                continue;
            int k = slots[i][t][0], n = slots[i][t][1];
            if (hide[k] || hide[n]) {
                fg->state = FIGURE_SUPPRESSED;
                fg->n_hidden = hide[n];
                fg->rag = RAG_NONE;
            }
        }
    rc = 0;
    goto done;
oom:
    snprintf(err, ERR_LEN, "out of memory");
done:
    free(g);
    free(hide);
    free(mark);
    free(cells);
    free(slots);
    linked_free(&l);
    ledger_free(&ledger);
    return rc;
}

int linked_measure_figures(const Inputs *in, Figure (*trend)[FIGURE_TREND], char *err)
{
    Participation part;
    memset(&part, 0, sizeof part);
    for (int i = 0; i < in->measures->n; i++)
        if (figure_trend(council_db(in->council), in->memo, &in->measures->items[i], &in->period,
                         trend[i], err) != 0)
            return -1;
    int rc =
        participation_gather(in, &part, err) == 0 && linked_solve(in, &part, trend, NULL, err) == 0
            ? 0
            : -1;
    participation_free(&part);
    return rc;
}

/* Adds series over window to record, or, when it is there, makes it shown if shown. */
static int record_once(LedgerFigures *record, const char *series, const Period *window, long value,
                       int shown, char *err)
{
    char first[11], last[11];
    period_days(window, first, last);
    for (int i = 0; i < record->n; i++) {
        LedgerFigure *f = &record->items[i];
        if (strcmp(f->series, series) == 0 && strcmp(f->first, first) == 0 &&
            strcmp(f->last, last) == 0) {
            f->shown |= shown;
            return 0;
        }
    }
    return ledger_add(record, LEDGER_MEASURES, series, first, last, value, shown, err);
}

int linked_record_measure(LedgerFigures *record, const Measure *m, const Figure *f, char *err)
{
    /* The names linked_solve gives them (quantity()): responses|F, answered|F|Q,
     * counted|F|Q|C. */
    char series[4096], *counts = NULL;
    int shown = f->state != FIGURE_SUPPRESSED, rc = -1;
    if (!m->question) {
        snprintf(series, sizeof series, "responses|%s", m->form_id);
        return record_once(record, series, &f->window, f->n, shown, err);
    }
    if (!(counts = counts_key(m))) {
        snprintf(err, ERR_LEN, "out of memory");
        return -1;
    }
    snprintf(series, sizeof series, "counted|%s|%s|%s", m->form_id, m->question->name, counts);
    if (record_once(record, series, &f->window, f->counted, shown, err) != 0)
        goto done;
    if (m->kind == MEASURE_PERCENT && shown) { /* a hidden percentage says nothing of n */
        if (m->denominator == DENOM_ANSWERED)
            snprintf(series, sizeof series, "answered|%s|%s", m->form_id, m->question->name);
        else
            snprintf(series, sizeof series, "responses|%s", m->form_id);
        if (record_once(record, series, &f->window, f->n, shown, err) != 0)
            goto done;
    }
    rc = 0;
done:
    free(counts);
    return rc;
}
