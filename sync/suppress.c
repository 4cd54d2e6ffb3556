/* suppress.c: the small-number rule and its solver. See suppress.h; start reading at
 * suppress_figures_marked(). */
#include "suppress.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- small numbers ---- */

int suppress_small(long n)
{
    return n >= 1 && n < SUPPRESS_MIN;
}

int suppress_percent(long counted, long n)
{
    return suppress_small(n) || suppress_small(counted) || suppress_small(n - counted);
}

typedef struct {
    const long *value;
    const int *cost;           /* NULL: all alike */
    const unsigned char *mark; /* SUPPRESS_PROTECT, SUPPRESS_LOCKED; NULL: none */
    unsigned char *gone;       /* fixed by figures that can no longer be hidden: let go */
    long *class_cost;          /* with cost: what hiding a figure costs, its copies' included */
    unsigned char *hide;
    int nfig;
    const SuppressGroup *groups;
    int ngroups;
} Suppress;

static int published(const Suppress *s, int i)
{
    return !s->cost || s->cost[i] > 0;
}

/* 1 if figure i may be hidden now: not one an earlier report already showed. */
static int hideable(const Suppress *s, int i)
{
    return !s->mark || !(s->mark[i] & SUPPRESS_LOCKED);
}

/* 1 if a reader must not be able to work figure i out: a published one, or a protected one
 * (a difference of shown figures) that is small. */
static int guarded(const Suppress *s, int i)
{
    if (published(s, i))
        return 1;
    return s->mark && (s->mark[i] & SUPPRESS_PROTECT) && suppress_small(labs(s->value[i]));
}

/* 1 if candidate a is a better figure to hide than b (-1: none yet): cheaper first, a cell
 * before the total, then smaller, then the first. */
static int better(const Suppress *s, int a, int a_total, int b, int b_total)
{
    if (b < 0)
        return 1;
    if (s->class_cost && s->class_cost[a] != s->class_cost[b])
        return s->class_cost[a] < s->class_cost[b];
    if (a_total != b_total)
        return !a_total;
    if (s->value[a] != s->value[b])
        return s->value[a] < s->value[b];
    return a < b;
}

/* Hides one more figure of group g if a hidden one could be worked out from it alone. Returns
 * 1 if it hid one, else 0. */
static int secure_group(const Suppress *s, const SuppressGroup *g)
{
    const long *value = s->value;
    unsigned char *hide = s->hide;
    /* A figure given away by earlier reports (gone) is known: it is not an unknown here. */
    int unknown = hide[g->total] && !(s->gone && s->gone[g->total]) ? 1 : 0, hidden = 0;
    long hidden_sum = 0;
    for (int i = 0; i < g->ncells; i++)
        if (hide[g->cells[i]] && !(s->gone && s->gone[g->cells[i]])) {
            unknown++;
            hidden++;
            hidden_sum += value[g->cells[i]];
        }
    /* One unknown in a sum is the sum minus the rest. Hidden cells are never 0 (zeros are
     * shown), so hidden cells adding up to their number are all 1. */
    int exposed = unknown == 1 || (!hide[g->total] && hidden > 0 && hidden_sum == hidden);
    if (!exposed)
        return 0;
    int pick = -1;
    for (int i = 0; i < g->ncells; i++) {
        int c = g->cells[i];
        if (!hide[c] && value[c] > 0 && hideable(s, c) && better(s, c, 0, pick, 0))
            pick = c;
    }
    /* With costs, the total is a candidate like the cells; without, only when no cell is. */
    if (!hide[g->total] && value[g->total] > 0 && hideable(s, g->total) &&
        (pick < 0 || (s->cost && better(s, g->total, 1, pick, 0))))
        pick = g->total;
    if (pick < 0)
        return 0; /* nothing shown is left to hide */
    hide[pick] = 1;
    return 1;
}

static int find_root(int *parent, int i)
{
    while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    return i;
}

/* class_cost[i]: the cost of figure i and of every figure tied to it by a group that, leaving
 * out zeros, has one cell and the total (a copy: hiding one hides the other). */
static int class_costs(Suppress *s)
{
    int *parent = malloc(sizeof *parent * (size_t)(s->nfig ? s->nfig : 1));
    long *sum = calloc((size_t)(s->nfig ? s->nfig : 1), sizeof *sum);
    if (!parent || !sum) {
        free(parent);
        free(sum);
        return -1;
    }
    for (int i = 0; i < s->nfig; i++)
        parent[i] = i;
    for (int k = 0; k < s->ngroups; k++) {
        const SuppressGroup *g = &s->groups[k];
        int cell = -1, nonzero = 0;
        for (int i = 0; i < g->ncells; i++)
            if (s->value[g->cells[i]] != 0) {
                cell = g->cells[i];
                nonzero++;
            }
        if (nonzero == 1 && s->value[g->total] != 0) {
            int a = find_root(parent, cell), b = find_root(parent, g->total);
            if (a != b)
                parent[a] = b;
        }
    }
    for (int i = 0; i < s->nfig; i++)
        sum[find_root(parent, i)] += s->cost[i];
    for (int i = 0; i < s->nfig; i++)
        s->class_cost[i] = sum[find_root(parent, i)];
    free(parent);
    free(sum);
    return 0;
}

/* Locks every copy of a locked figure (tied by a group with one non-zero cell and its total):
 * an earlier report showed it, so hiding a copy now would hide nothing. m is s->mark's copy,
 * changed in place. Returns 0, or -1 out of memory. */
static int spread_locks(const Suppress *s, unsigned char *m)
{
    int *parent = malloc(sizeof *parent * (size_t)(s->nfig ? s->nfig : 1));
    unsigned char *locked = calloc((size_t)(s->nfig ? s->nfig : 1), 1);
    if (!parent || !locked) {
        free(parent);
        free(locked);
        return -1;
    }
    for (int i = 0; i < s->nfig; i++)
        parent[i] = i;
    for (int k = 0; k < s->ngroups; k++) {
        const SuppressGroup *g = &s->groups[k];
        int cell = -1, nonzero = 0;
        for (int i = 0; i < g->ncells; i++)
            if (s->value[g->cells[i]] != 0) {
                cell = g->cells[i];
                nonzero++;
            }
        if (nonzero == 1 && s->value[g->total] != 0) {
            int a = find_root(parent, cell), b = find_root(parent, g->total);
            if (a != b)
                parent[a] = b;
        }
    }
    for (int i = 0; i < s->nfig; i++)
        if (m[i] & SUPPRESS_LOCKED)
            locked[find_root(parent, i)] = 1;
    for (int i = 0; i < s->nfig; i++)
        if (locked[find_root(parent, i)])
            m[i] |= SUPPRESS_LOCKED;
    free(parent);
    free(locked);
    return 0;
}

/* ---- the groups all together: which hidden figures do the equations fix? ----
 *
 * Each group is an equation: its cells minus its total is 0. With the shown figures put in,
 * the hidden ones are the unknowns. Reduced to row echelon form, an unknown is fixed exactly
 * when its pivot row has nothing in a free column. The numbers are small (coefficients 1 and
 * -1, sums of a few hundred terms), so doubles with partial pivoting are exact enough; EPS
 * only tells a cancelled entry from a real one. */

#define EPS 1e-9

/* fixed[i] = 1 for each hidden figure i the groups determine. With candidates aug[0..naug-1]
 * (shown figures) and a fixed figure h, also *frees = the first j whose hiding would leave h
 * no longer fixed, or -1 when none would.
 *
 * Why one elimination answers that for every candidate: let A be the system in the hidden
 * figures and a_c the column figure c would add if hidden. h is fixed when e_h is in A's row
 * space; with c hidden it stays fixed when some y has y A = e_h and y a_c = 0. If a_c is not in
 * A's column space, a row combination that is 0 on A and not on a_c exists, so y can always be
 * corrected: h stays fixed. If a_c = A z, then y a_c = e_h z = z_h for every such y: h is freed
 * exactly when z_h is not 0. Carried through the same row operations as A (columns beyond
 * ncols, never pivots), a_c becomes E a_c: it is in the column space when it is 0 on the rows
 * past the rank, and z_h is its entry on h's pivot row (h's row has nothing in a free column).
 * Returns 0, or -1 when out of memory or too many unknowns. */
/* One row of the system, sparse: its non-zero entries by column, in column order. */
typedef struct {
    int n, cap;
    int *col;
    double *val;
} Row;

/* The entry of row r in column c, or 0. */
static double row_at(const Row *r, int c)
{
    int lo = 0, hi = r->n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (r->col[mid] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < r->n && r->col[lo] == c ? r->val[lo] : 0.0;
}

/* Room for n entries in r. Returns 0, or -1 out of memory. */
static int row_reserve(Row *r, int n)
{
    if (n <= r->cap)
        return 0;
    int cap = r->cap ? r->cap : 8;
    while (cap < n)
        cap *= 2;
    int *c = realloc(r->col, sizeof *c * (size_t)cap);
    if (!c)
        return -1;
    r->col = c;
    double *v = realloc(r->val, sizeof *v * (size_t)cap);
    if (!v)
        return -1;
    r->val = v;
    r->cap = cap;
    return 0;
}

/* Which rows have an entry in a column (an entry that has since cancelled stays listed and
 * reads 0: the lists only grow). */
typedef struct {
    int n, cap;
    int *rows;
} ColRows;

static int colrows_add(ColRows *c, int row)
{
    if (c->n == c->cap) {
        int cap = c->cap ? c->cap * 2 : 4;
        int *r = realloc(c->rows, sizeof *r * (size_t)cap);
        if (!r)
            return -1;
        c->rows = r;
        c->cap = cap;
    }
    c->rows[c->n++] = row;
    return 0;
}

/* ri -= f * rp, into scratch (width entries) and back into ri, dropping what cancels (within
 * EPS) and column c exactly; each column new to ri is listed in cols (below ncols). Returns
 * 0, or -1 out of memory. */
static int row_subtract(Row *ri, int i, const Row *rp, double f, int c, ColRows *cols, int ncols,
                        int *scol, double *sval)
{
    int n = 0, a = 0, b = 0;
    while (a < ri->n || b < rp->n) {
        int j;
        double v;
        if (b >= rp->n || (a < ri->n && ri->col[a] < rp->col[b])) {
            j = ri->col[a];
            v = ri->val[a++];
        } else if (a >= ri->n || rp->col[b] < ri->col[a]) {
            j = rp->col[b];
            v = -f * rp->val[b++];
            if (j < ncols && j != c && fabs(v) > EPS && colrows_add(&cols[j], i) != 0)
                return -1;
        } else {
            j = ri->col[a];
            v = ri->val[a++] - f * rp->val[b++];
        }
        if (j != c && fabs(v) > EPS) {
            scol[n] = j;
            sval[n++] = v;
        }
    }
    if (row_reserve(ri, n) != 0)
        return -1;
    memcpy(ri->col, scol, sizeof *scol * (size_t)n);
    memcpy(ri->val, sval, sizeof *sval * (size_t)n);
    ri->n = n;
    return 0;
}

static int by_col(const void *x, const void *y)
{
    int a = *(const int *)x, b = *(const int *)y;
    return (a > b) - (a < b);
}

/* Columns by how many entries they have, then by number: order[] holds (entries, column). */
static int by_entries(const void *x, const void *y)
{
    const int *a = x, *b = y;
    return a[0] != b[0] ? (a[0] > b[0]) - (a[0] < b[0]) : (a[1] > b[1]) - (a[1] < b[1]);
}

static int solve_fixed_with(const Suppress *s, unsigned char *fixed, const int *aug, int naug,
                            int h, int *frees)
{
    int *col = malloc(sizeof *col * (size_t)(s->nfig ? s->nfig : 1));
    int ncols = 0, nrows = 0, rc = -1, width = 0;
    Row *rows = NULL;
    ColRows *cols = NULL;
    int *rowpiv = NULL, *var = NULL, *scol = NULL, *pairs = NULL, *order = NULL;
    double *sval = NULL;
    unsigned char *outside = NULL;
    if (frees)
        *frees = -1;
    if (!col)
        return -1;
    memset(fixed, 0, (size_t)s->nfig);
    for (int i = 0; i < s->nfig; i++)
        col[i] = -1;
    for (int j = 0; j < naug; j++)
        col[aug[j]] = -2; /* a candidate: a column after the unknowns' */
    int most = 1;         /* entries in the widest group */
    for (int k = 0; k < s->ngroups; k++) {
        const SuppressGroup *g = &s->groups[k];
        int any = 0;
        for (int i = -1; i < g->ncells; i++) {
            int f = i < 0 ? g->total : g->cells[i];
            if (s->hide[f]) {
                any = 1;
                if (col[f] < 0)
                    col[f] = ncols++;
            } else if (col[f] == -2) {
                any = 1;
            }
        }
        nrows += any;
        if (g->ncells + 1 > most)
            most = g->ncells + 1;
    }
    if (ncols == 0) {
        free(col);
        return 0;
    }
    if (ncols > SUPPRESS_SOLVE_MAX)
        goto done;
    for (int j = 0; j < naug; j++)
        col[aug[j]] = ncols + j;
    width = ncols + naug;
    rows = calloc((size_t)nrows, sizeof *rows);
    cols = calloc((size_t)ncols, sizeof *cols);
    rowpiv = malloc(sizeof *rowpiv * (size_t)nrows);
    var = calloc((size_t)ncols, sizeof *var);
    scol = malloc(sizeof *scol * (size_t)(width > most ? width : most));
    sval = malloc(sizeof *sval * (size_t)(width > most ? width : most));
    pairs = malloc(sizeof *pairs * 2 * (size_t)most);
    outside = calloc((size_t)(naug ? naug : 1), 1);
    order = malloc(sizeof *order * 2 * (size_t)ncols);
    if (!rows || !cols || !rowpiv || !var || !scol || !sval || !pairs || !outside || !order)
        goto done;
    for (int i = 0; i < s->nfig; i++)
        if (col[i] >= 0 && col[i] < ncols)
            var[col[i]] = i;
    /* Each group a row: +1 a cell, -1 the total, over the unknowns and the candidates. */
    int r = 0;
    for (int k = 0; k < s->ngroups; k++) {
        const SuppressGroup *g = &s->groups[k];
        int m = 0;
        for (int i = -1; i < g->ncells; i++) {
            int f = i < 0 ? g->total : g->cells[i];
            if (col[f] >= 0 && (s->hide[f] || col[f] >= ncols)) {
                pairs[2 * m] = col[f];
                pairs[2 * m + 1] = i < 0 ? -1 : 1;
                m++;
            }
        }
        if (m == 0)
            continue;
        qsort(pairs, (size_t)m, 2 * sizeof *pairs, by_col);
        Row *row = &rows[r];
        if (row_reserve(row, m) != 0)
            goto done;
        for (int e = 0; e < m; e++) {
            if (row->n > 0 && row->col[row->n - 1] == pairs[2 * e])
                row->val[row->n - 1] += pairs[2 * e + 1];
            else {
                row->col[row->n] = pairs[2 * e];
                row->val[row->n++] = pairs[2 * e + 1];
            }
        }
        int kept = 0; /* a figure twice in a group, once as a cell and once as its total */
        for (int e = 0; e < row->n; e++)
            if (row->val[e] != 0.0) {
                row->col[kept] = row->col[e];
                row->val[kept++] = row->val[e];
            }
        row->n = kept;
        for (int e = 0; e < row->n; e++)
            if (row->col[e] < ncols && colrows_add(&cols[row->col[e]], r) != 0)
                goto done;
        rowpiv[r] = -1;
        r++;
    }
    /* Gauss-Jordan on the unknowns, column by column: the pivot is the largest entry of a row
     * not yet a pivot row; every other row with an entry in the column is cleared of it. The
     * columns go fewest entries first, which keeps the rows sparse; the order changes which
     * columns end free, never which unknowns are fixed (e_h is in the row space or not). */
    for (int c = 0; c < ncols; c++) {
        order[2 * c] = cols[c].n;
        order[2 * c + 1] = c;
    }
    qsort(order, (size_t)ncols, 2 * sizeof *order, by_entries);
    for (int oc = 0; oc < ncols; oc++) {
        int c = order[2 * oc + 1];
        int best = -1;
        double best_abs = EPS;
        for (int e = 0; e < cols[c].n; e++) {
            int i = cols[c].rows[e];
            double v = rowpiv[i] < 0 ? fabs(row_at(&rows[i], c)) : 0.0;
            if (v > best_abs) {
                best_abs = v;
                best = i;
            }
        }
        if (best < 0)
            continue;
        Row *rp = &rows[best];
        double inv = 1.0 / row_at(rp, c);
        for (int e = 0; e < rp->n; e++)
            rp->val[e] = rp->col[e] == c ? 1.0 : rp->val[e] * inv;
        rowpiv[best] = c;
        for (int e = 0; e < cols[c].n; e++) {
            int i = cols[c].rows[e];
            if (i == best)
                continue;
            double f = row_at(&rows[i], c);
            if (fabs(f) <= EPS)
                continue;
            if (row_subtract(&rows[i], i, rp, f, c, cols, ncols, scol, sval) != 0)
                goto done;
        }
    }
    /* Reduced: a pivot row has its pivot and otherwise free columns only. */
    int hrow = -1;
    for (int i = 0; i < nrows; i++) {
        const Row *ri = &rows[i];
        if (rowpiv[i] < 0) {
            for (int e = 0; e < ri->n; e++)
                if (ri->col[e] >= ncols && fabs(ri->val[e]) > EPS)
                    outside[ri->col[e] - ncols] = 1; /* not in the column space */
            continue;
        }
        int alone = 1;
        for (int e = 0; e < ri->n && alone; e++)
            if (ri->col[e] < ncols && ri->col[e] != rowpiv[i] && fabs(ri->val[e]) > EPS)
                alone = 0;
        if (alone) {
            fixed[var[rowpiv[i]]] = 1;
            if (var[rowpiv[i]] == h)
                hrow = i;
        }
    }
    for (int j = 0; frees && hrow >= 0 && j < naug && *frees < 0; j++)
        if (!outside[j] && fabs(row_at(&rows[hrow], ncols + j)) > EPS)
            *frees = j;
    rc = 0;
done:
    for (int i = 0; rows && i < nrows; i++) {
        free(rows[i].col);
        free(rows[i].val);
    }
    for (int j = 0; cols && j < ncols; j++)
        free(cols[j].rows);
    free(rows);
    free(cols);
    free(rowpiv);
    free(var);
    free(scol);
    free(sval);
    free(pairs);
    free(outside);
    free(order);
    free(col);
    return rc;
}

/* fixed[i] = 1 for each hidden figure i the groups determine. Returns 0, or -1. */
static int solve_fixed(const Suppress *s, unsigned char *fixed)
{
    return solve_fixed_with(s, fixed, NULL, 0, -1, NULL);
}

/* The first hidden published non-zero figure the groups fix, or -1 when none; -2 on failure. */
static int first_fixed(const Suppress *s, unsigned char *fixed)
{
    if (solve_fixed(s, fixed) != 0)
        return -2;
    for (int i = 0; i < s->nfig; i++)
        if (fixed[i] && s->hide[i] && s->value[i] != 0 && guarded(s, i) && !(s->gone && s->gone[i]))
            return i;
    return -1;
}

/* Hides one more figure so that figure h is no longer fixed: of the shown non-zero figures of
 * h's groups, the best (see better()) whose hiding frees h; failing that the best of them; and
 * failing that, the best shown figure of any group with a hidden one. Returns 0, or -1. */
static int free_figure(Suppress *s, int h, unsigned char *fixed)
{
    int *cand = malloc(sizeof *cand * (size_t)s->nfig);
    unsigned char *seen = calloc((size_t)s->nfig, 1);
    int ncand = 0, rc = -1;
    if (!cand || !seen)
        goto done;
    for (int pass = 0; pass < 2 && ncand == 0; pass++)
        for (int k = 0; k < s->ngroups; k++) {
            const SuppressGroup *g = &s->groups[k];
            int mine = 0;
            for (int i = -1; i < g->ncells && !mine; i++) {
                int f = i < 0 ? g->total : g->cells[i];
                mine = pass == 0 ? f == h : s->hide[f];
            }
            if (!mine)
                continue;
            for (int i = -1; i < g->ncells; i++) {
                int f = i < 0 ? g->total : g->cells[i];
                if (!s->hide[f] && s->value[f] > 0 && hideable(s, f) && !seen[f]) {
                    seen[f] = 1;
                    cand[ncand++] = f;
                }
            }
        }
    if (ncand == 0) {
        /* Only figures already published fix it: nothing shown now can help, so it is let go
         * (it was given away before this report; the report adds nothing to that). */
        if (s->gone) {
            s->gone[h] = 1;
            rc = 0;
        }
        goto done;
    }
    /* Best first: a selection sort is plenty for a few dozen candidates. */
    for (int i = 0; i < ncand; i++) {
        int b = i;
        for (int j = i + 1; j < ncand; j++)
            if (better(s, cand[j], 0, cand[b], 0))
                b = j;
        int t = cand[i];
        cand[i] = cand[b];
        cand[b] = t;
    }
    /* The best whose hiding alone frees h; none alone is enough: the best, and look again. */
    int frees;
    if (solve_fixed_with(s, fixed, cand, ncand, h, &frees) != 0)
        goto done;
    s->hide[cand[frees >= 0 ? frees : 0]] = 1;
    rc = 0;
done:
    free(cand);
    free(seen);
    return rc;
}

int suppress_figures(const long *value, const int *cost, unsigned char *hide, int nfig,
                     const SuppressGroup *groups, int ngroups)
{
    return suppress_figures_marked(value, cost, NULL, hide, nfig, groups, ngroups);
}

int suppress_figures_marked(const long *value, const int *cost, const unsigned char *mark,
                            unsigned char *hide, int nfig, const SuppressGroup *groups, int ngroups)
{
    Suppress s = {value, cost, NULL, NULL, NULL, hide, nfig, groups, ngroups};
    unsigned char *fixed = malloc((size_t)(nfig ? nfig : 1)), *locks = NULL;
    int hid = -1, before = 0;
    if (!fixed)
        return -1;
    if (mark) {
        if (!(s.gone = calloc((size_t)(nfig ? nfig : 1), 1)) ||
            !(locks = malloc((size_t)(nfig ? nfig : 1))))
            goto done;
        memcpy(locks, mark, (size_t)nfig);
        s.mark = locks;
        if (spread_locks(&s, locks) != 0)
            goto done;
        /* A copy of a figure shown before, hidden by an earlier report too: given away then. */
        for (int i = 0; i < nfig; i++)
            if (hide[i] && (locks[i] & SUPPRESS_LOCKED))
                s.gone[i] = 1;
    }
    for (int i = 0; i < nfig; i++)
        before += hide[i] != 0;
    if (cost) {
        if (!(s.class_cost = malloc(sizeof *s.class_cost * (size_t)(nfig ? nfig : 1))) ||
            class_costs(&s) != 0)
            goto done;
    }
    for (int i = 0; i < nfig; i++)
        if (!hide[i] && hideable(&s, i) && guarded(&s, i) && suppress_small(labs(value[i])))
            hide[i] = 1;
    /* Each round hides a figure or ends, so this stops within nfig rounds. */
    for (;;) {
        for (int changed = 1; changed;) {
            changed = 0;
            for (int g = 0; g < ngroups; g++)
                while (secure_group(&s, &groups[g]))
                    changed = 1;
        }
        int h = first_fixed(&s, fixed);
        if (h == -2)
            goto done;
        if (h < 0)
            break;
        if (free_figure(&s, h, fixed) != 0)
            goto done;
    }
    hid = 0;
    for (int i = 0; i < nfig; i++)
        hid += hide[i] != 0;
    hid -= before;
done:
    free(fixed);
    free(locks);
    free(s.gone);
    free(s.class_cost);
    return hid;
}
