/* inputs.h: what report and plan both read: the surveys, the measures checked against them,
 * the council database and the period.
 *
 * Start reading at inputs_open(). */
#ifndef CHORUS_INPUTS_H
#define CHORUS_INPUTS_H

#include "council.h"
#include "figure.h"
#include "measures.h"
#include "period.h"
#include "surveys.h"

typedef struct {
    SurveySet surveys;
    MeasureSet *measures;
    Council *council;
    FigureMemo *memo; /* the counts asked so far (NULL: ask each time) */
    SpanCache *spans; /* the rows read, for every reader to share (span.h) */
    Period period;
    char period_name[64];
} Inputs;

/* Opens everything for a report of period from the files named. Returns 0, or -1 with err
 * (ERR_LEN); when the measures file has problems, err says so and probs lists them all
 * (print with survey_problems_print). The database must exist: a report never creates one.
 * On failure nothing stays open. Close with inputs_close. */
int inputs_open(Inputs *in, const char *db, const char *surveys, const char *measures,
                const char *period, SurveyProblems *probs, char *err)
    __attribute__((warn_unused_result));

/* Closes and frees what inputs_open opened. Accepts a zeroed or closed in. */
void inputs_close(Inputs *in);

#endif
