/* figure.h: a measure's figure for a period, counted from the council database: its value, n,
 * thresholds and RAG, and the counts behind it (asked once per run through a FigureMemo).
 * The small-number rules that need no other figure are applied here; those that need the
 * others are linked.h's.
 *
 * Start reading at figure_compute(). */
#ifndef CHORUS_FIGURE_H
#define CHORUS_FIGURE_H

#include "sql.h"

#include "measures.h"
#include "span.h"
#include "period.h"

#define FIGURE_TREND 4 /* periods in a measure's trend, the publication's own last */

typedef enum { FIGURE_VALUE, FIGURE_SUPPRESSED, FIGURE_NO_DATA } FigureState;
typedef enum { RAG_NONE, RAG_RED, RAG_AMBER, RAG_GREEN } Rag;

typedef struct {
    Period window;      /* the months it covers */
    long counted;       /* responses whose answer counts (percent); the count itself (count) */
    long n;             /* the denominator (percent) or the count (count) */
    long value;         /* the percent rounded half up, or the count */
    long target, amber; /* the thresholds for this window (a count's scaled to its length) */
    FigureState state;  /* NO_DATA: no one answered; SUPPRESSED: not to be shown (small numbers) */
    int n_hidden;       /* SUPPRESSED only: 1 when n must not be shown either (always, for a
                         * count); 0 when only the percentage is hidden and n may be shown */
    Rag rag;            /* RAG_NONE unless state is FIGURE_VALUE */
} Figure;

/* Counts one report run has asked the database for, kept so that the trend and the
 * small-number checks, which need the same counts, ask once. Valid while the database does
 * not change: make one per run. */
typedef struct FigureMemo FigureMemo;

/* A new empty memo, or NULL when out of memory (the figures are then simply asked again). */
FigureMemo *figure_memo_new(void);
void figure_memo_free(FigureMemo *memo);

/* From now on, the first count asked of a form and window counts every measure of set (which
 * must outlive memo) on that form and window in one read of its responses, as the
 * per-measure queries count them, and keeps them all in memo. */
void figure_memo_measures(FigureMemo *memo, const MeasureSet *set);

/* The rows read for the measures are kept in spans (span.h), which the memo does not own, so
 * that the report's other readers walk the same ones. */
void figure_memo_spans(FigureMemo *memo, SpanCache *spans);

/* Computes m over window from the council database db, with prepared statements only, and
 * applies the small-number rules that need no other figure: a count from 1 to 9 young people
 * is SUPPRESSED, and so is a percentage unless suppress_percent allows it. (linked.c then
 * hides more, so that no hidden figure can be worked out from the others.)
 * Returns 0 with *f filled, or -1 with err naming the measure's line and SQLite's message. */
int figure_compute(Sql *db, FigureMemo *memo, const Measure *m, const Period *window, Figure *f,
                   char *err) __attribute__((warn_unused_result));

/* The three counts behind m over window: the responses to m's form, those of them with a real
 * answer to m's question, and those whose answer is one of m's counts (for a measure with no
 * question, all three are the responses). Returns 0, or -1 with err. */
int figure_counts(Sql *db, FigureMemo *memo, const Measure *m, const Period *window,
                  long *responses, long *answered, long *counted, char *err)
    __attribute__((warn_unused_result));

/* The figures of m over the FIGURE_TREND windows (period_window(period, m->months)) ending
 * with period's, oldest first (trend[FIGURE_TREND - 1] is period's own). Returns 0, or -1 with
 * err. */
int figure_trend(Sql *db, FigureMemo *memo, const Measure *m, const Period *period,
                 Figure trend[FIGURE_TREND], char *err) __attribute__((warn_unused_result));

/* Green when value >= target, amber when value >= amber, else red. */
Rag rag_for(long value, long target, long amber);

/* "Green", "Amber", "Red", or "" for RAG_NONE. */
const char *rag_name(Rag r);

#endif
