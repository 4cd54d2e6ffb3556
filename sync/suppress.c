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
static int solve_fixed_with(const Suppress *s, unsigned char *fixed, const int *aug, int naug,
                            int h, int *frees)
{
    int *col = malloc(sizeof *col * (size_t)(s->nfig ? s->nfig : 1));
    int ncols = 0, nrows = 0, rc = -1;
    double *a = NULL;
    int *pivot = NULL, *var = NULL, *nz = NULL;
    if (frees)
        *frees = -1;
    if (!col)
        return -1;
    memset(fixed, 0, (size_t)s->nfig);
    for (int i = 0; i < s->nfig; i++)
        col[i] = -1;
    for (int j = 0; j < naug; j++)
        col[aug[j]] = -2; /* a candidate: a column after the unknowns' */
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
    }
    if (ncols == 0) {
        free(col);
        return 0;
    }
    if (ncols > SUPPRESS_SOLVE_MAX)
        goto done;
    for (int j = 0; j < naug; j++)
        col[aug[j]] = ncols + j;
    int width = ncols + naug;
    a = calloc((size_t)nrows * (size_t)width, sizeof *a);
    pivot = malloc(sizeof *pivot * (size_t)(nrows ? nrows : 1));
    var = calloc((size_t)ncols, sizeof *var);
    nz = malloc(sizeof *nz * (size_t)width);
    if (!a || !pivot || !var || !nz)
        goto done;
    for (int i = 0; i < s->nfig; i++)
        if (col[i] >= 0 && col[i] < ncols)
            var[col[i]] = i;
    int r = 0;
    for (int k = 0; k < s->ngroups; k++) {
        const SuppressGroup *g = &s->groups[k];
        int any = 0;
        for (int i = -1; i < g->ncells; i++) {
            int f = i < 0 ? g->total : g->cells[i];
            if (col[f] >= 0 && (s->hide[f] || col[f] >= ncols)) {
                a[(size_t)r * (size_t)width + (size_t)col[f]] += i < 0 ? -1.0 : 1.0;
                any = 1;
            }
        }
        r += any;
    }
    int rank = 0;
    for (int c = 0; c < ncols && rank < nrows; c++) {
        int best = -1;
        double best_abs = EPS;
        for (int i = rank; i < nrows; i++) {
            double v = fabs(a[(size_t)i * (size_t)width + (size_t)c]);
            if (v > best_abs) {
                best_abs = v;
                best = i;
            }
        }
        if (best < 0)
            continue;
        double *pr = a + (size_t)best * (size_t)width, *rr = a + (size_t)rank * (size_t)width;
        if (best != rank)
            for (int j = 0; j < width; j++) {
                double t = pr[j];
                pr[j] = rr[j];
                rr[j] = t;
            }
        double inv = 1.0 / rr[c];
        int nnz = 0;
        for (int j = 0; j < width; j++) {
            rr[j] *= inv;
            if (rr[j] != 0.0)
                nz[nnz++] = j;
        }
        /* The rows are sparse (a group has a few hidden figures): each elimination touches
         * only the pivot row's non-zero columns, which is the same arithmetic as the whole row
         * (the rest subtract 0) at a fraction of the cost. */
        for (int i = 0; i < nrows; i++) {
            double *ri = a + (size_t)i * (size_t)width;
            double f = ri[c];
            if (i == rank || fabs(f) <= EPS)
                continue;
            for (int k = 0; k < nnz; k++)
                ri[nz[k]] -= f * rr[nz[k]];
            ri[c] = 0.0;
        }
        pivot[rank++] = c;
    }
    /* Reduced: a pivot row has its pivot and otherwise free columns only. */
    int hrow = -1;
    for (int i = 0; i < rank; i++) {
        const double *ri = a + (size_t)i * (size_t)width;
        int alone = 1;
        for (int j = 0; j < ncols && alone; j++)
            if (j != pivot[i] && fabs(ri[j]) > EPS)
                alone = 0;
        if (alone) {
            fixed[var[pivot[i]]] = 1;
            if (var[pivot[i]] == h)
                hrow = i;
        }
    }
    for (int j = 0; frees && hrow >= 0 && j < naug && *frees < 0; j++) {
        size_t cj = (size_t)(ncols + j);
        int in_space = 1;
        for (int i = rank; i < nrows && in_space; i++)
            if (fabs(a[(size_t)i * (size_t)width + cj]) > EPS)
                in_space = 0;
        if (in_space && fabs(a[(size_t)hrow * (size_t)width + cj]) > EPS)
            *frees = j;
    }
    rc = 0;
done:
    free(a);
    free(pivot);
    free(var);
    free(nz);
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
