/* report.h: `chorus-sync report`: the Corporate Parenting Committee's report of one period.
 *
 *   chorus-sync report --period 2026-Q3 --out DIR [--db FILE] [--surveys DIR] [--measures FILE]
 *                      [--draft]
 *
 * writes, each file all-or-nothing (common/fileio.h):
 *   DIR/report.html        for the committee: safety flags (a count) first, every measure with
 *                          its value, n, target, RAG and last four periods (inline SVG), who
 *                          took part (by survey, age band, session); one self-contained file
 *                          that prints on A4. Never any free text, never a response id.
 *   DIR/measures.csv       the measures' figures, four periods each
 *   DIR/participation.csv  the counts behind "who took part"
 *   DIR/free-text.csv      what young people wrote, for workers to review (mode 0600)
 *   DIR/safety.csv         the flagged responses (id, day, session, form), for workers (0600)
 * Every figure of the committee's files goes through the small-number rules of measures.h,
 * applied across all of them at once (report.c, "small numbers across every table"), and
 * together with every figure earlier reports published (report.c, "small numbers across
 * reports"; the ledger, ledger.h). Each run records its figures in the ledger, in the same
 * write transaction as it counts them, unless it is a --draft (which says DRAFT on every page).
 *
 * Start reading at cmd_report(). */
#ifndef CHORUS_REPORT_H
#define CHORUS_REPORT_H

#include <stdio.h>

#include "council.h"
#include "measures.h"
#include "options.h"

#define REPORT_TREND 4 /* periods in a measure's trend, the report's own last */

/* What report and plan both read: surveys, measures checked against them, the council
 * database and the period. */
typedef struct {
    SurveySet surveys;
    MeasureSet *measures;
    Council *council;
    MeasureMemo *memo; /* the counts asked so far (NULL: ask each time) */
    Period period;
    char period_name[64];
} ReportInputs;

/* Opens everything for a report of period from the files named. Returns 0, or -1 with err
 * (ERR_LEN); when the measures file has problems, err says so and probs lists them all
 * (print with survey_problems_print). The database must exist: a report never creates one.
 * On failure nothing stays open. Close with report_inputs_close. */
int report_inputs_open(ReportInputs *in, const char *db, const char *surveys, const char *measures,
                       const char *period, SurveyProblems *probs, char *err)
    __attribute__((warn_unused_result));

/* Closes and frees what report_inputs_open opened. Accepts a zeroed or closed in. */
void report_inputs_close(ReportInputs *in);

/* The figures of m over the REPORT_TREND windows ending with the report's period, oldest
 * first (trend[REPORT_TREND - 1] is the report's own). Returns 0, or -1 with err. */
int report_measure_trend(const ReportInputs *in, const Measure *m, Figure trend[REPORT_TREND],
                         char *err) __attribute__((warn_unused_result));

/* The figures of every measure as the committee's report shows them: each one's trend
 * (report_measure_trend), then the small-number rules across every table and measure of the
 * report (report.c, "small numbers across every table"), so a figure hidden there is hidden
 * here too and `plan` never publishes what the report hides. trend has in->measures->n rows.
 * Returns 0, or -1 with err. */
int report_measure_figures(const ReportInputs *in, Figure (*trend)[REPORT_TREND], char *err)
    __attribute__((warn_unused_result));

/* The options of report: the table cmd_report() reads argv by, and its --help. */
extern const OptionTable report_options;

/* chorus-sync report ARGS (argv[0] is "report"). Prints usage and returns 0 for --help.
 * Returns the exit status: 0 written, 1 failed (nothing half-written), 2 bad arguments. */
int cmd_report(int argc, char **argv);

#endif
