/* ledger.h: the ledger of what reports published (tables publication and published_figure of
 * the council database, council.h), and `chorus-sync published`, which lists it.
 *
 * Every report run that is not a draft records every figure of its committee files, shown or
 * hidden, by what it counts (its series) and the days it covers. The next report, of any
 * period, is solved together with all of them (series.h: small numbers across reports), so
 * that no set of published reports gives away a figure of 1 to 9 young people.
 *
 * A series names what a figure counts, whatever table it is printed in:
 *   responses|FORM       responses to a survey (FORM "*": to all of them)
 *   age|FORM|BAND        responses with an age band (FORM "*": all surveys; BAND "": not given)
 *   session|NAME         responses in a session ("" outside any)
 *   answered|FORM|Q      who answered question Q (as the measures count it)
 *   counted|FORM|Q|C     whose answer to Q is one of the choices C (sorted, space-separated) */
#ifndef CHORUS_LEDGER_H
#define CHORUS_LEDGER_H

#include "span.h"
#include "sql.h"
#include <stdint.h>

#include "options.h"

#define LEDGER_PARTICIPATION "participation"
#define LEDGER_MEASURES "measures"

/* One published figure. */
typedef struct {
    const char *table; /* LEDGER_PARTICIPATION or LEDGER_MEASURES (static strings) */
    char *series;      /* owned */
    char first[11], last[11];
    long value;
    int shown;        /* 1 shown, 0 printed as c */
    int64_t run;      /* the run that published it (0 until recorded) */
    int64_t last_ref; /* the newest response row that run could count */
} LedgerFigure;

typedef struct {
    int n, cap;
    LedgerFigure *items;
} LedgerFigures;

/* Adds a figure to l (copying series). Returns 0, or -1 with err out of memory. */
int ledger_add(LedgerFigures *l, const char *table, const char *series, const char first[11],
               const char last[11], long value, int shown, char *err)
    __attribute__((warn_unused_result));

/* Frees what l holds and empties it. Accepts an empty l. */
void ledger_free(LedgerFigures *l);

/* Every figure ever recorded in db, oldest run first, into the empty out. Returns 0, or -1
 * with err (the caller frees out either way). */
int ledger_load(Sql *db, LedgerFigures *out, char *err) __attribute__((warn_unused_result));

/* The newest response row in db now (0 when none): what a run records as its last_ref. Rows
 * only grow, so the responses a run counted are those at or below it that were counted then. */
int64_t ledger_last_ref(Sql *db);

/* Records one run of period with its figures, in one transaction of its own (or inside the
 * caller's, when one is open). *run gets its number. Returns 0, or -1 with err. */
int ledger_record(Sql *db, const char *period, int64_t last_ref, const LedgerFigures *figs,
                  int64_t *run, char *err) __attribute__((warn_unused_result));

/* How many counted responses of series fall on days first..last and have a row number above
 * ref_lo and at most ref_hi (what a run with last_ref ref_hi counted that one with ref_lo did
 * not). *stmt keeps the prepared query between calls (a series has thousands of such cells):
 * NULL at first, and the caller finalizes it (sqlite3_finalize) when done. Returns 0 with *n,
 * or -1 with err (an unknown series, the database). */
int ledger_series_count(Sql *db, SqlStmt **stmt, const char *series, const char first[11],
                        const char last[11], int64_t ref_lo, int64_t ref_hi, long *n, char *err)
    __attribute__((warn_unused_result));

/* The same responses one by one: each(day, ref, ctx) for every counted response of series on
 * days first..last with a row number above ref_lo and at most ref_hi; a non-zero return from
 * each stops with -1 (out of memory). *stmt as above. Returns 0, or -1 with err. */
int ledger_series_each(Sql *db, SqlStmt **stmt, const char *series, const char first[11],
                       const char last[11], int64_t ref_lo, int64_t ref_hi,
                       int (*each)(const char *day, int64_t ref, void *ctx), void *ctx, char *err)
    __attribute__((warn_unused_result));

/* Every series of series[0..n-1] at once, as ledger_series_each gives each (every row number):
 * each(i, day, ref, ctx) for every counted response of series[i] on days first..last. They
 * are counted in C from one read of those days (a Span, from spans when it holds them: the
 * rows the report's measures read; NULL: read for this call), so a report with a hundred
 * series reads the answers once rather than a hundred times; what counts is
 * decided as ledger_series_each's query decides it (test_series holds the two to the same
 * counts). A non-zero return from each stops with -1. Returns 0, or -1 with err. */
int ledger_series_each_many(Sql *db, SpanCache *spans, char *const *series, int n,
                            const char first[11], const char last[11],
                            int (*each)(int series, const char *day, int64_t ref, void *ctx),
                            void *ctx, char *err) __attribute__((warn_unused_result));

/* The options of published, and the command: every run, then its figures. */
extern const OptionTable published_options;
int cmd_published(int argc, char **argv);

#endif
