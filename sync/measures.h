/* measures.h: the participation measures of an action plan, and their figures for a period.
 *
 * A measure (one row of assets/plan/measures.csv, see FORMATS.md "Measures") ties action-plan
 * refs to a question of a shipped survey: which answers count, over which denominator, the
 * target and the amber threshold, and whether it is judged over a quarter or a year. This
 * module loads and checks measures against the surveys, names periods ("2026-Q3", "2026",
 * "2026/27"), computes a measure's figure for a period from the council database, and holds
 * the small-number rules every published figure goes through.
 *
 * Start reading at measures_load(), then measure_compute(). */
#ifndef CHORUS_MEASURES_H
#define CHORUS_MEASURES_H

#include <sqlite3.h>
#include <stddef.h>

#include "chorus_limits.h"
#include "survey.h"

#define MEASURES_FILE_MAX (1024 * 1024) /* bytes in a measures file */
#define MEASURES_MAX 500                /* measures in one file */
#define MEASURE_REFS_MAX 8              /* refs one measure fills, e.g. "24. 25." */
#define MEASURE_REF_MAX 32              /* bytes in one ref */
#define MEASURE_TEXT_MAX 300            /* bytes in a plan, workstream or measure text */
#define MEASURE_COUNTS_MAX 16           /* choice names in one measure's counts */
#define MEASURE_NUMBER_MAX 1000000000L  /* the largest target of a count measure */
#define SUPPRESS_MIN 10         /* a figure from fewer young people than this is shown as "c" */
#define SUPPRESS_SOLVE_MAX 2000 /* hidden figures suppress_figures checks together, at most */

/* ---- surveys: the forms measures are checked against ---- */

typedef struct {
    int n;
    Survey *items[SURVEYS_MAX];
} SurveySet;

/* Loads every *.csv in dir (sorted by name) into set, which must be zeroed. Returns 0, or -1
 * with err (ERR_LEN) naming FILE:ROW:COLUMN of the first problem, two files with one form id,
 * or more than SURVEYS_MAX surveys; on failure set holds nothing. Free with surveys_free. */
int surveys_load_dir(SurveySet *set, const char *dir, char *err)
    __attribute__((warn_unused_result));

/* Frees every survey of set and zeroes it. Accepts NULL. */
void surveys_free(SurveySet *set);

/* The survey whose form id is form_id, or NULL. */
const Survey *surveys_find(const SurveySet *set, const char *form_id);

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

/* ---- periods ---- */

/* A run of whole months: a quarter, a year, or a year's window ending with a quarter. */
typedef struct {
    int year, month; /* the first month, 1-12 */
    int months;      /* 3 or 12 */
    int financial;   /* named as the UK financial year (April to March) */
} Period;

/* Parses "2026-Q3" (July to September), "2026" (a calendar year), "2026/27" (April 2026 to
 * March 2027) or "2026/27-Q1" (April to June 2026). Returns 0, or -1 with err (ERR_LEN). */
int period_parse(const char *s, Period *p, char *err) __attribute__((warn_unused_result));

/* The period steps periods of the same length before p (steps may be 0). */
Period period_before(const Period *p, int steps);

/* The window of months (3 or 12) a measure is judged over in a report for p: p itself when it
 * is at least that long, else the months ending where p ends (the year to a quarter). */
Period period_window(const Period *p, int months);

/* Its name: "2026-Q3", "2026", "2026/27", "2026/27-Q1", or "Oct 2025 to Sep 2026" for a
 * window that is not a named quarter or year. Writes at most cap bytes, NUL-terminated. */
void period_name(const Period *p, char *buf, size_t cap);

/* The name in words with its days: "1 July to 30 September 2026". */
void period_describe(const Period *p, char *buf, size_t cap);

/* A two-line name for a chart axis: ("Q3", "2026"), ("2026", ""), ("to Sep", "2026"). */
void period_short(const Period *p, char *line1, char *line2, size_t cap);

/* The first and last day, as the database stores days ("YYYY-MM-DD"). */
void period_days(const Period *p, char first[11], char last[11]);

/* ---- figures ---- */

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
typedef struct MeasureMemo MeasureMemo;

/* A new empty memo, or NULL when out of memory (the figures are then simply asked again). */
MeasureMemo *measure_memo_new(void);
void measure_memo_free(MeasureMemo *memo);

/* Computes m over window from the council database db, with prepared statements only, and
 * applies the small-number rules that need no other figure: a count from 1 to 9 young people
 * is SUPPRESSED, and so is a percentage unless suppress_percent allows it. (report.c then
 * hides more, so that no hidden figure can be worked out from the others.)
 * Returns 0 with *f filled, or -1 with err naming the measure's line and SQLite's message. */
int measure_compute(sqlite3 *db, MeasureMemo *memo, const Measure *m, const Period *window,
                    Figure *f, char *err) __attribute__((warn_unused_result));

/* The three counts behind m over window: the responses to m's form, those of them with a real
 * answer to m's question, and those whose answer is one of m's counts (for a measure with no
 * question, all three are the responses). Returns 0, or -1 with err. */
int measure_counts(sqlite3 *db, MeasureMemo *memo, const Measure *m, const Period *window,
                   long *responses, long *answered, long *counted, char *err)
    __attribute__((warn_unused_result));

/* Green when value >= target, amber when value >= amber, else red. */
Rag rag_for(long value, long target, long amber);

/* "Green", "Amber", "Red", or "" for RAG_NONE. */
const char *rag_name(Rag r);

/* ---- small numbers ----
 *
 * The rule, as the report's footer says it: a figure from 1 to 9 young people is never shown
 * (primary suppression); a percentage is shown only when its denominator is at least 10 and
 * its numerator is 0 or at least 10; and more figures are hidden (secondary suppression) until
 * no hidden figure can be worked out from the shown ones and the sums that tie them together.
 * report.c says which sums those are; suppress_figures() does the hiding. */

/* 1 if a figure from n young people must not be shown: 1 <= n < SUPPRESS_MIN. A zero is
 * shown: it identifies no one. */
int suppress_small(long n);

/* 1 if a percentage of counted out of n must not be shown: n, counted or the rest of n (n -
 * counted: "92% of 12" says one said no) is from 1 to 9. (With n at least 10, counted 0 is 0%:
 * it identifies no one.) */
int suppress_percent(long counted, long n);

/* One additive relation among figures: the cells add up to the total. A group of one cell
 * says two figures are the same number (the same young people counted in two places). */
typedef struct {
    int ncells;
    const int *cells; /* indexes into the figure arrays */
    int total;        /* index of the total */
} SuppressGroup;

/* Primary and secondary suppression over figures value[0..nfig-1] related by groups. hide[]
 * is in and out: a 1 stays hidden. cost[] says what hiding each figure costs the reader (NULL:
 * all alike); a cost of 0 marks a figure that is not published at all (such as how many of one
 * survey's responses came from one session), which the relations need: it is never hidden for
 * being small, is assumed known to a reader unless hidden, and is the first choice when one
 * more figure must be hidden.
 *
 * First hides every small published figure (suppress_small). Then, until nothing changes:
 * - for every group in which a hidden figure could be worked out (exactly one unknown among its
 *   cells and total, or hidden cells that must all be 1), hides one more of its figures: the
 *   cheapest, counting with a figure the cost of every figure a group of one ties to it (they
 *   are hidden with it), then the smallest; without cost[], the smallest shown non-zero cell,
 *   or the total when no cell is left;
 * - then checks the groups all together, as a system of linear equations in the hidden
 *   figures: a hidden published figure that the equations fix is protected by hiding one more
 *   figure of a group it is in (one whose hiding leaves it unfixed, when there is one).
 * Returns how many figures it hid, or -1 when out of memory or when more hidden figures than
 * SUPPRESS_SOLVE_MAX would have to be checked at once. No I/O. */
int suppress_figures(const long *value, const int *cost, unsigned char *hide, int nfig,
                     const SuppressGroup *groups, int ngroups);

/* What suppress_figures_marked knows of a figure besides its value and cost. */
enum {
    SUPPRESS_PROTECT = 1, /* not published, but a difference a reader can make (the rest of a
                           * percentage's base, a year minus its quarters, a period's late
                           * responses): hidden when 1 to 9 (by value, either sign) and never
                           * to be worked out then */
    SUPPRESS_LOCKED = 2   /* an earlier report showed it: known, and never hidden now */
};

/* suppress_figures with mark[] (NULL: none) flags per figure. A hidden figure that only
 * locked figures fix (an earlier report gave it away) is let go rather than failing. */
int suppress_figures_marked(const long *value, const int *cost, const unsigned char *mark,
                            unsigned char *hide, int nfig, const SuppressGroup *groups,
                            int ngroups);

#endif
