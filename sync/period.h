/* period.h: the periods a report or plan covers: a quarter, a calendar or financial year, or a
 * year's window ending with a quarter; their names, their days and the periods before them.
 *
 * Start reading at period_parse(). */
#ifndef CHORUS_PERIOD_H
#define CHORUS_PERIOD_H

#include <stddef.h>

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

#endif
