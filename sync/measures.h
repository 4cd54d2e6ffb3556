/* measures.h: the participation measures of an action plan, as a measures file states them.
 *
 * A measure (one row of assets/plan/measures.csv, see FORMATS.md "Measures") ties action-plan
 * refs to a question of a shipped survey: which answers count, over which denominator, the
 * target and the amber threshold, and whether it is judged over a quarter or a year. This
 * module loads the file and checks every measure against the surveys. A measure's figure for a
 * period is figure.h's; the periods are period.h's; the small-number rules suppress.h's.
 *
 * Start reading at measures_load(). */
#ifndef CHORUS_MEASURES_H
#define CHORUS_MEASURES_H

#include <stddef.h>

#include "chorus_limits.h"
#include "survey.h"
#include "surveys.h"

#define MEASURES_FILE_MAX (1024 * 1024) /* bytes in a measures file */
#define MEASURES_MAX 500                /* measures in one file */
#define MEASURE_REFS_MAX 8              /* refs one measure fills, e.g. "24. 25." */
#define MEASURE_REF_MAX 32              /* bytes in one ref */
#define MEASURE_TEXT_MAX 300            /* bytes in a plan, workstream or measure text */
#define MEASURE_COUNTS_MAX 16           /* choice names in one measure's counts */
#define MEASURE_NUMBER_MAX 1000000000L  /* the largest target of a count measure */

/* ---- measures ---- */

typedef enum {
    MEASURE_PERCENT, /* % of the denominator whose answer is one of counts */
    MEASURE_COUNT    /* responses to the form (whose answer is one of counts, if a question) */
} MeasureKind;

typedef enum {
    DENOM_NONE,     /* count measures */
    DENOM_ANSWERED, /* responses with a real answer to the question (not "rather not say") */
    DENOM_RESPONSES /* every response to the form */
} Denominator;

/* How a measure's counts are written (MeasureRange): choice names, or one range "LO..HI" of
 * numbers (an integer, decimal or range question) or of days YYYY-MM-DD (a date question), both
 * ends counted. */
typedef enum { MEASURE_CHOICES = 0, MEASURE_NUMBERS = 1, MEASURE_DAYS = 2 } MeasureRange;

#define MEASURE_RANGE_END_MAX 32 /* bytes of one end of a range, with its NUL */

/* Reads s as a range "LO..HI" (measure_range_kind: the kind of question it is for): numbers
 * lo <= hi (canonical, response.h) or real days lo <= hi. Returns MEASURE_NUMBERS or
 * MEASURE_DAYS with the ends in lo and hi, or MEASURE_CHOICES when s is not a range of that
 * kind. */
MeasureRange measure_range_read(const char *s, MeasureRange want, char *lo, char *hi);

typedef struct {
    int line;         /* line of the measures file it was read from */
    const char *refs; /* as written, e.g. "24. 25." */
    int nrefs;
    const char *ref[MEASURE_REFS_MAX]; /* each ref, as the action-plan table writes it */
    const char *plan;                  /* e.g. "Gateshead 2021/22" */
    const char *workstream;            /* "" when none */
    const char *text;                  /* what is measured, in words */
    MeasureKind kind;
    const Survey *survey; /* borrowed from the SurveySet it was checked with */
    const char *form_id;
    const Question *question; /* NULL for a count of every response */
    int ncounts;
    const char *counts[MEASURE_COUNTS_MAX];
    /* counts[0] read as a range (ncounts 1), else MEASURE_CHOICES */
    MeasureRange range;
    char lo[MEASURE_RANGE_END_MAX], hi[MEASURE_RANGE_END_MAX];
    Denominator denominator;
    long target, amber; /* percent 0..100, or a count per period */
    int months;         /* 3 (quarter) or 12 (year) */
} Measure;

typedef struct {
    int n;
    Measure *items;
    struct Arena *arena;
} MeasureSet;

/* Parses measures from (buf, len), checking each against surveys; path names the file in
 * problems. Returns the set (free with measures_free; it borrows from surveys, which must
 * outlive it) or NULL with every problem found in probs as line and column of the file:
 * an unknown or missing column, a form, question or choice the surveys do not have, a
 * question that is not a select, a bad kind, denominator, number or period, amber above
 * target, a repeated measure, and what csv_parse refuses. */
MeasureSet *measures_parse(const char *path, const char *buf, size_t len, const SurveySet *surveys,
                           SurveyProblems *probs);

/* Reads and parses the file at path; an unreadable or oversized file is a problem at line 0. */
MeasureSet *measures_load(const char *path, const SurveySet *surveys, SurveyProblems *probs);

/* Frees the set. Accepts NULL. */
void measures_free(MeasureSet *set);

/* 1 if m fills the action-plan row ref (exact match), else 0. */
int measure_has_ref(const Measure *m, const char *ref);

#endif
