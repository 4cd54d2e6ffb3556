/* html.h: report.html, the committee's report of a period: safety flags (a count) first, every
 * measure with its value, n, target, RAG and last four periods (inline SVG), who took part (by
 * survey, age band, session), and the small-number rules in the footer. One self-contained
 * file that prints on A4: no script, no link, no external file; every string from a survey,
 * the measures or a session name is escaped (out_html).
 *
 * Start reading at html_report(). */
#ifndef CHORUS_HTML_H
#define CHORUS_HTML_H

#include <stdio.h>

#include "figure.h"
#include "inputs.h"
#include "participation.h"

/* Writes report.html to h: trend (in->measures->n rows) and p as linked_solve left them;
 * flagged, talk and free_text are the period's counts of flagged responses, of those asking
 * to talk, and of written answers (each hidden when 1 to 9); draft puts DRAFT at the top of
 * the screen and of every printed page. Write errors are h's (ferror). */
void html_report(FILE *h, const Inputs *in, Figure (*trend)[FIGURE_TREND], const Participation *p,
                 long flagged, long talk, long free_text, int draft);

#endif
