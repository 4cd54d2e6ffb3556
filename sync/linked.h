/* linked.h: the linking of figures across tables and reports: every figure a publication (a
 * report, or a plan's notes) shows, every sum a reader can make of them (within the
 * publication here, across published reports in series.h), and the solve (suppress.h) that
 * decides which of them are shown as c.
 *
 * Start reading at linked_solve(); linked.c's opening comment is the list of sums. */
#ifndef CHORUS_LINKED_H
#define CHORUS_LINKED_H

#include "figure.h"
#include "inputs.h"
#include "ledger.h"
#include "participation.h"

/* Puts every committee figure of in's period through the small-number rules together: p's
 * (hide[] is set) and every measure's trend (in->measures->n rows of FIGURE_TREND, from
 * figure_trend; a hidden figure becomes FIGURE_SUPPRESSED), with every figure the ledger
 * says was published before. With record, adds to it every figure shown or hidden, for
 * ledger_record. Returns 0, or -1 with err (ERR_LEN). */
int linked_solve(const Inputs *in, Participation *p, Figure (*trend)[FIGURE_TREND],
                 LedgerFigures *record, char *err) __attribute__((warn_unused_result));

/* The figures of every measure as the committee's report shows them: each one's trend
 * (figure_trend), then linked_solve with the report's participation, so a figure hidden there
 * is hidden here too and `plan` never publishes what the report hides. trend has
 * in->measures->n rows. Returns 0, or -1 with err. */
int linked_measure_figures(const Inputs *in, Figure (*trend)[FIGURE_TREND], char *err)
    __attribute__((warn_unused_result));

/* Adds to record what a publication that shows f, m's figure over f->window as linked_solve
 * left it, tells a reader: the figure it counts and its base (for a percentage), under the
 * names linked_solve records them by, shown unless f is FIGURE_SUPPRESSED. A figure already
 * in record is not added again (it becomes shown if it is shown here). For `plan`, which
 * shows a few of the report's figures. Returns 0, or -1 with err out of memory. */
int linked_record_measure(LedgerFigures *record, const Measure *m, const Figure *f, char *err)
    __attribute__((warn_unused_result));

/* ---- the system, as linked.c and series.c build it ---- */

/* One number of responses a measure publishes or the sums need. */
typedef struct {
    char kind; /* 'R' responses to the form, 'A' who answered, 'K' whose answer counts */
    const char *form;
    const char *question; /* NULL for R */
    char *counts;         /* K: the counted choices, sorted, one space between; else NULL */
    Period window;
    int fig;    /* its figure */
    int tied;   /* its group with the next wider quantity (K in A, A in R) is made */
    int summed; /* a year's: its group of four quarters is made */
} Quantity;

/* What a figure is, for the ledger: what it counts and over which months (series NULL: a
 * figure only the sums know, never recorded), and what the solver is told of it. */
typedef struct {
    char *series;
    const char *table;
    Period window;
    unsigned char mark;   /* SUPPRESS_PROTECT, SUPPRESS_LOCKED */
    unsigned char hidden; /* hidden before solving: published as c by an earlier report */
} FigInfo;

/* Every figure of the committee's files, and every relation among them. */
typedef struct {
    int n, cap;
    long *value;
    int *cost;
    FigInfo *info;
    int ngroups, capgroups;
    int *gfirst, *gcount, *gtotal; /* group k: pool[gfirst[k]..] cells, gtotal[k] total */
    int npool, cappool;
    int *pool;
    int nq, capq;
    Quantity *q;
} Linked;

/* Frees what l holds and zeroes it. */
void linked_free(Linked *l);

/* A new figure of value and cost (0: known to the sums only, never published); its index, or
 * -1 out of memory. */
int linked_fig(Linked *l, long value, int cost);

/* A new group: cells[0..ncells-1] add up to total. Returns 0, or -1 out of memory. */
int linked_group(Linked *l, const int *cells, int ncells, int total);

/* Names figure i for the ledger (ledger.h) unless it has a name: what it counts ("a|b|c|d",
 * c and d left out when NULL), in which table and window. Returns 0, or -1 out of memory. */
int linked_name(Linked *l, int i, const char *table, const Period *window, const char *a,
                const char *b, const char *c, const char *d);

#endif
