/* series.c: small numbers across reports: the ledger's published figures on one grid with a
 * new publication's. See series.h. */
#include "series.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chorus_limits.h"
#include "suppress.h"

/* ---- small numbers across reports ----
 *
 * Every figure an earlier report published (the ledger, ledger.h) joins the system. For each
 * series the ledger names, the months of every window it or this report covers are cut into
 * the fewest runs of months that each window is a union of, and the responses into batches by
 * the runs' last_ref (what each run could count; the last batch is what came since). Each run
 * of months and batch is one figure only the sums know (protected: never 1 to 9 worked out).
 * This report's figure of a window is the sum of its months' figures over every batch; a
 * published one is the sum over the batches its run counted, and is shown (locked: known, and
 * never hidden now) or hidden as it was. So a year minus its published quarters, a re-run
 * minus the first run of the same quarter (the late responses), or any other difference of
 * published figures is a figure in the system, and the solver shows nothing now that fixes a
 * hidden or small one. A published figure whose responses have since been set aside (a
 * revocation) differs from its sum by a protected figure of its own. */

/* Months since year 0 of a day "YYYY-MM-DD": its month, or with after, the next one. */
static int month_of(const char *day, int after)
{
    int year = 0, month = 0, i = 0;
    for (; i < 4 && day[i] >= '0' && day[i] <= '9'; i++)
        year = year * 10 + (day[i] - '0');
    if (i < 4 || day[4] != '-' || day[5] < '0' || day[5] > '9' || day[6] < '0' || day[6] > '9')
        return atoi(day) * 12 + atoi(day + 5) - 1 + (after ? 1 : 0); /* not YYYY-MM-DD */
    month = (day[5] - '0') * 10 + (day[6] - '0');
    return year * 12 + month - 1 + (after ? 1 : 0);
}

static Period months_period(int from, int to)
{
    Period p = {from / 12, from % 12 + 1, to - from, 0};
    return p;
}

static int by_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int by_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The index of name in names[0..n-1], or -1. */
static int name_at(char *const *names, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return i;
    return -1;
}

/* The figures of atoms cells[0..n-1] as a group with total, when it holds on today's data (a
 * sum that leaves out a series no report named, such as a session only in months never
 * reported, is not added: a false sum would mislead the solver). Returns 0, or -1. */
static int atom_sum(Linked *l, const int *cells, int n, int total)
{
    long sum = 0;
    for (int i = 0; i < n; i++)
        sum += l->value[cells[i]];
    return sum == l->value[total] ? linked_group(l, cells, n, total) : 0;
}

/* Every series that the ledger figs or this report (its first nown figures) names, on one
 * grid: the months of every window cut into the fewest runs of months, and the responses into
 * batches by each run's last_ref. Each (series, run of months, batch) is an atom (protected).
 * This report's figures and the published ones are sums of atoms; in every atom, the sums of
 * the participation tables hold, and who answered and who counted sit inside their bases. */
/* Where series_link sorts a series' responses: runs of months bound[e]..bound[e + 1] and
 * batches of row numbers (batch[k - 1], batch[k]]; count[e * nbatch + k] of each. */
typedef struct {
    const int *bound;
    int ncell;
    const int64_t *batch;
    int nbatch;
    int *count;
} Cells;

/* One response into its cell (ledger_series_each's each). */
static int into_cell(const char *day, int64_t ref, void *ctx)
{
    Cells *c = ctx;
    int m = month_of(day, 0), lo = 0, hi = c->ncell;
    while (lo < hi) { /* the last run starting at or before m */
        int mid = (lo + hi) / 2;
        if (c->bound[mid + 1] <= m)
            lo = mid + 1;
        else
            hi = mid;
    }
    int e = lo, k0 = 0, k1 = c->nbatch - 1;
    while (k0 < k1) { /* the first batch reaching ref */
        int mid = (k0 + k1) / 2;
        if (c->batch[mid] < ref)
            k0 = mid + 1;
        else
            k1 = mid;
    }
    if (e < c->ncell && m >= c->bound[e])
        c->count[e * c->nbatch + k0]++;
    return 0;
}

/* The responses of every series into their cells (ledger_series_each_many's each): series n's
 * cells start at all + n * per. */
typedef struct {
    Cells cells;
    int *all;
    int per;
} AllCells;

static int into_series_cell(int series, const char *day, int64_t ref, void *ctx)
{
    AllCells *c = ctx;
    c->cells.count = c->all + (size_t)series * (size_t)c->per;
    return into_cell(day, ref, &c->cells);
}

int series_link(Linked *l, const Inputs *in, const LedgerFigures *figs, char *err)
{
    if (figs->n == 0)
        return 0;
    int nown = l->n, nnames = 0, nb = 0, nbatch = 0, rc = -1;
    char **names = calloc((size_t)(figs->n + nown + 1), sizeof *names);
    int *bound = malloc(sizeof *bound * (size_t)(2 * (figs->n + nown) + 2));
    int64_t *batch = malloc(sizeof *batch * (size_t)(figs->n + 1));
    int *atoms = NULL, *cells = NULL;
    if (!names || !bound || !batch)
        goto oom;
    for (int i = 0; i < nown; i++) {
        if (!l->info[i].series)
            continue;
        const Period *w = &l->info[i].window;
        bound[nb++] = w->year * 12 + w->month - 1;
        bound[nb++] = w->year * 12 + w->month - 1 + w->months;
        if (name_at(names, nnames, l->info[i].series) < 0)
            names[nnames++] = l->info[i].series;
    }
    for (int j = 0; j < figs->n; j++) {
        const LedgerFigure *f = &figs->items[j];
        bound[nb++] = month_of(f->first, 0);
        bound[nb++] = month_of(f->last, 1);
        batch[nbatch++] = f->last_ref;
        if (name_at(names, nnames, f->series) < 0)
            names[nnames++] = f->series;
    }
    qsort(bound, (size_t)nb, sizeof *bound, by_int);
    qsort(batch, (size_t)nbatch, sizeof *batch, by_i64);
    int u = 0;
    for (int i = 0; i < nb; i++)
        if (u == 0 || bound[u - 1] != bound[i])
            bound[u++] = bound[i];
    nb = u;
    u = 0;
    for (int i = 0; i < nbatch; i++)
        if (u == 0 || batch[u - 1] != batch[i])
            batch[u++] = batch[i];
    nbatch = u;
    batch[nbatch++] = INT64_MAX; /* what came since the last run */
    int ncell = nb - 1, per = ncell * nbatch;
    if (!(atoms = malloc(sizeof *atoms * (size_t)(nnames * per + 1))) ||
        !(cells = malloc(sizeof *cells * (size_t)(nnames * per + nnames + 1))))
        goto oom;
#define ATOM(n, e, k) atoms[((n)*ncell + (e)) * nbatch + (k)]
    /* Each series' responses read once and sorted into its cells (a run of months, a batch). */
    Period span = months_period(bound[0], bound[ncell]);
    char first[11], last[11];
    period_days(&span, first, last);
    AllCells into = {{bound, ncell, batch, nbatch, NULL}, atoms, per};
    memset(atoms, 0, sizeof *atoms * (size_t)(nnames * per)); /* counts first, then figures */
    if (ledger_series_each_many(council_db(in->council), in->spans, names, nnames, first, last,
                                into_series_cell, &into, err) != 0)
        goto done;
    for (int n = 0; n < nnames; n++) {
        for (int e = 0; e < ncell; e++)
            for (int k = 0; k < nbatch; k++) {
                if ((ATOM(n, e, k) = linked_fig(l, ATOM(n, e, k), 0)) < 0)
                    goto oom;
                l->info[ATOM(n, e, k)].mark = SUPPRESS_PROTECT;
            }
    }
    /* This report's figures: every batch. */
    for (int i = 0; i < nown; i++) {
        if (!l->info[i].series)
            continue;
        int n = name_at(names, nnames, l->info[i].series), c = 0;
        const Period *w = &l->info[i].window;
        int from = w->year * 12 + w->month - 1, to = from + w->months;
        long sum = 0;
        for (int e = 0; e < ncell; e++)
            if (bound[e] >= from && bound[e + 1] <= to)
                for (int k = 0; k < nbatch; k++) {
                    cells[c++] = ATOM(n, e, k);
                    sum += l->value[ATOM(n, e, k)];
                }
        if (sum != l->value[i]) {
            snprintf(err, ERR_LEN, "small numbers: %s changed while the report was made",
                     l->info[i].series);
            goto done;
        }
        if (linked_group(l, cells, c, i) != 0)
            goto oom;
    }
    /* The published figures: the batches their run counted. */
    for (int j = 0; j < figs->n; j++) {
        const LedgerFigure *f = &figs->items[j];
        int n = name_at(names, nnames, f->series), from = month_of(f->first, 0),
            to = month_of(f->last, 1), c = 0;
        long sum = 0;
        for (int e = 0; e < ncell; e++)
            if (bound[e] >= from && bound[e + 1] <= to)
                for (int k = 0; k < nbatch && batch[k] <= f->last_ref; k++) {
                    cells[c++] = ATOM(n, e, k);
                    sum += l->value[ATOM(n, e, k)];
                }
        int pub = linked_fig(l, f->value, 1);
        if (pub < 0)
            goto oom;
        l->info[pub].mark = f->shown ? SUPPRESS_LOCKED : 0;
        l->info[pub].hidden = !f->shown;
        if (sum == f->value) {
            if (linked_group(l, cells, c, pub) != 0)
                goto oom;
            continue;
        }
        /* Responses it counted have been set aside since: what it showed, and what left. */
        int now = linked_fig(l, sum, 0), gone = linked_fig(l, sum - f->value, 0);
        if (now < 0 || gone < 0 || linked_group(l, cells, c, now) != 0)
            goto oom;
        l->info[now].mark = l->info[gone].mark = SUPPRESS_PROTECT;
        int pair[2] = {pub, gone};
        if (linked_group(l, pair, 2, now) != 0)
            goto oom;
    }
    /* In every atom, the sums across series. */
    int all = name_at(names, nnames, "responses|*");
    for (int e = 0; e < ncell; e++)
        for (int k = 0; k < nbatch; k++) {
            int c = 0;
            for (int n = 0; all >= 0 && n < nnames; n++)
                if (strncmp(names[n], "responses|", 10) == 0 && n != all)
                    cells[c++] = ATOM(n, e, k);
            if (all >= 0 && atom_sum(l, cells, c, ATOM(all, e, k)) != 0)
                goto oom;
            c = 0;
            for (int n = 0; all >= 0 && n < nnames; n++)
                if (strncmp(names[n], "session|", 8) == 0)
                    cells[c++] = ATOM(n, e, k);
            if (all >= 0 && atom_sum(l, cells, c, ATOM(all, e, k)) != 0)
                goto oom;
            for (int n = 0; n < nnames; n++) {
                char key[512];
                if (strncmp(names[n], "responses|", 10) == 0 && n != all) {
                    snprintf(key, sizeof key, "age|%s|", names[n] + 10);
                    c = 0;
                    for (int b = 0; b < nnames; b++)
                        if (strncmp(names[b], key, strlen(key)) == 0)
                            cells[c++] = ATOM(b, e, k);
                    if (c > 0 && atom_sum(l, cells, c, ATOM(n, e, k)) != 0)
                        goto oom;
                } else if (strncmp(names[n], "age|*|", 6) == 0) {
                    c = 0;
                    for (int b = 0; b < nnames; b++) {
                        const char *bar = b != n && strncmp(names[b], "age|", 4) == 0
                                              ? strchr(names[b] + 4, '|')
                                              : NULL;
                        if (bar && strcmp(bar + 1, names[n] + 6) == 0)
                            cells[c++] = ATOM(b, e, k);
                    }
                    if (atom_sum(l, cells, c, ATOM(n, e, k)) != 0)
                        goto oom;
                } else if (strncmp(names[n], "answered|", 9) == 0 ||
                           strncmp(names[n], "counted|", 8) == 0) {
                    /* answered|F|Q in responses|F; counted|F|Q|C in answered|F|Q */
                    int counted = names[n][0] == 'c';
                    const char *rest = names[n] + (counted ? 8 : 9), *bar = strchr(rest, '|');
                    const char *end = counted && bar ? strchr(bar + 1, '|') : bar;
                    if (!bar || !end)
                        continue;
                    if (counted)
                        snprintf(key, sizeof key, "answered|%.*s", (int)(end - rest), rest);
                    else
                        snprintf(key, sizeof key, "responses|%.*s", (int)(bar - rest), rest);
                    int wider = name_at(names, nnames, key);
                    if (wider < 0)
                        continue;
                    int pair[2] = {
                        ATOM(n, e, k),
                        linked_fig(l, l->value[ATOM(wider, e, k)] - l->value[ATOM(n, e, k)], 0)};
                    if (pair[1] < 0 || linked_group(l, pair, 2, ATOM(wider, e, k)) != 0)
                        goto oom;
                    l->info[pair[1]].mark = SUPPRESS_PROTECT;
                }
            }
        }
#undef ATOM
    rc = 0;
    goto done;
oom:
    snprintf(err, ERR_LEN, "out of memory");
done:
    free(names);
    free(bound);
    free(batch);
    free(atoms);
    free(cells);
    return rc;
}

/* Every relation above among p's figures, the trends' and the figures only sums know, then
 * suppress_figures(); the result goes back into p->hide and each trend Figure. */
