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
 *   DIR/report.xlsx        measures.csv and participation.csv as a workbook, a sheet each
 *                          (numbers as numbers, c as text), and a Notes sheet: the
 *                          small-number rule, the period, the late-response rule (tables.h)
 *   DIR/measures.csv       the measures' figures, four periods each
 *   DIR/participation.csv  the counts behind "who took part"
 *   DIR/free-text.csv      what young people wrote, for workers to review (mode 0600)
 *   DIR/safety.csv         the flagged responses (id, day, session, form), for workers (0600)
 * Every figure of the committee's files goes through the small-number rules (suppress.h),
 * applied across all of them at once (linked.h) and together with every figure earlier
 * reports published (series.h; the ledger, ledger.h). Each run records its figures in the
 * ledger, in the same write transaction as it counts them, unless it is a --draft (which says
 * DRAFT on every page).
 *
 * Start reading at cmd_report(). */
#ifndef CHORUS_REPORT_H
#define CHORUS_REPORT_H

#include "options.h"

/* The options of report: the table cmd_report() reads argv by, and its --help. */
extern const OptionTable report_options;

/* chorus-sync report ARGS (argv[0] is "report"). Prints usage and returns 0 for --help.
 * Returns the exit status: 0 written, 1 failed (nothing half-written), 2 bad arguments. */
int cmd_report(int argc, char **argv);

#endif
