/* tables.h: the committee's tables, measures and participation, as rows of typed cells (text,
 * a number, or empty), written once for both outputs: measures.csv and participation.csv, and
 * report.xlsx, a workbook with a sheet for each table (numbers as numbers, c as text) and a
 * notes sheet (the small-number rule, the period, the late-response rule).
 *
 * Start reading at tables_write_xlsx(). */
#ifndef CHORUS_TABLES_H
#define CHORUS_TABLES_H

#include <stdio.h>

#include "figure.h"
#include "inputs.h"
#include "participation.h"

/* The first line of a draft's CSV files and the first row of each of its sheets. */
#define TABLES_DRAFT_LINE "DRAFT: not for publication; not recorded as published"
/* report.xlsx's title property (sheet_title), so a reader can tell it from a records book. */
#define TABLES_XLSX_TITLE "Chorus committee report"

/* measures.csv to f: a header, then FIGURE_TREND rows a measure (trend as linked_solve left
 * it), value and n as numbers, c or (value, no data) empty. No byte-order mark. */
void tables_measures_csv(FILE *f, const Inputs *in, Figure (*trend)[FIGURE_TREND]);

/* participation.csv to f: the total, each survey, each survey's age bands (those it offers or
 * that have responses), every survey's bands together, the sessions. No byte-order mark. */
void tables_participation_csv(FILE *f, const Participation *p);

/* Writes report.xlsx at path (mode 0644, replacing it, all-or-nothing): sheets Measures and
 * Participation with the cells of the two CSV files (a draft's DRAFT line first, as in CSV),
 * and Notes. Returns 0, or -1 with err (ERR_LEN) naming the file. */
int tables_write_xlsx(const char *path, const Inputs *in, Figure (*trend)[FIGURE_TREND],
                      const Participation *p, int draft, char *err)
    __attribute__((warn_unused_result));

#endif
