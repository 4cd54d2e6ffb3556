/* period.c: quarters, years, financial years and the windows ending with them. See period.h;
 * start reading at period_parse(). */
#include "period.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chorus_limits.h"

/* ---- periods ---- */

static const char *const month_names[12] = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};

/* Months since year 0 of p's first month, and back. */
static long month_index(int year, int month)
{
    return (long)year * 12 + (month - 1);
}
static void from_index(long idx, int *year, int *month)
{
    *year = (int)(idx / 12);
    *month = (int)(idx % 12) + 1;
}

/* Reads exactly n digits at s into *v. */
static int digits(const char *s, int n, int *v)
{
    *v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return -1;
        *v = *v * 10 + (s[i] - '0');
    }
    return 0;
}

int period_parse(const char *s, Period *p, char *err)
{
    memset(p, 0, sizeof *p);
    int year = 0, next = 0, q = 0;
    size_t len = strlen(s);
    const char *form = "write a quarter (2026-Q3), a year (2026), a financial year (2026/27) "
                       "or a financial quarter (2026/27-Q1)";
    if (len < 4 || digits(s, 4, &year) != 0 || year < 1970 || year > 9998) {
        snprintf(err, ERR_LEN, "'%s' is not a period: %s", s, form);
        return -1;
    }
    const char *rest = s + 4;
    if (*rest == '/') {
        if (digits(rest + 1, 2, &next) != 0 || next != (year + 1) % 100) {
            snprintf(err, ERR_LEN,
                     "'%s' is not a financial year: the part after '/' is the "
                     "next year's last two digits (%d/%02d)",
                     s, year, (year + 1) % 100);
            return -1;
        }
        p->financial = 1;
        rest += 3;
    }
    if (*rest == '\0') {
        p->year = year;
        p->month = p->financial ? 4 : 1;
        p->months = 12;
        return 0;
    }
    if (rest[0] != '-' || (rest[1] != 'Q' && rest[1] != 'q') || rest[2] < '1' || rest[2] > '4' ||
        rest[3] != '\0') {
        snprintf(err, ERR_LEN, "'%s' is not a period: %s", s, form);
        return -1;
    }
    q = rest[2] - '0';
    long idx = month_index(year, p->financial ? 4 : 1) + 3 * (q - 1);
    from_index(idx, &p->year, &p->month);
    p->months = 3;
    return 0;
}

Period period_before(const Period *p, int steps)
{
    Period r = *p;
    from_index(month_index(p->year, p->month) - (long)steps * p->months, &r.year, &r.month);
    return r;
}

Period period_window(const Period *p, int months)
{
    if (months <= p->months)
        return *p;
    Period r = *p;
    long end = month_index(p->year, p->month) + p->months - 1;
    from_index(end - months + 1, &r.year, &r.month);
    r.months = months;
    return r;
}

/* 1 if p is a named quarter or year of its style. */
static int aligned(const Period *p)
{
    int start = p->financial ? 4 : 1;
    if (p->months == 3)
        return (p->month - 1) % 3 == 0;
    return p->months == 12 && p->month == start;
}

void period_name(const Period *p, char *buf, size_t cap)
{
    if (!aligned(p)) {
        int ey, em;
        from_index(month_index(p->year, p->month) + p->months - 1, &ey, &em);
        snprintf(buf, cap, "%.3s %d to %.3s %d", month_names[p->month - 1], p->year,
                 month_names[em - 1], ey);
    } else if (p->months == 12 && p->financial) {
        snprintf(buf, cap, "%d/%02d", p->year, (p->year + 1) % 100);
    } else if (p->months == 12) {
        snprintf(buf, cap, "%d", p->year);
    } else if (p->financial) {
        int fy = p->month >= 4 ? p->year : p->year - 1;
        int fq = ((p->month - 4 + 12) % 12) / 3 + 1;
        snprintf(buf, cap, "%d/%02d-Q%d", fy, (fy + 1) % 100, fq);
    } else {
        snprintf(buf, cap, "%d-Q%d", p->year, (p->month - 1) / 3 + 1);
    }
}

static int days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return days[month - 1] + (month == 2 && leap);
}

void period_describe(const Period *p, char *buf, size_t cap)
{
    int ey, em;
    from_index(month_index(p->year, p->month) + p->months - 1, &ey, &em);
    if (ey == p->year)
        snprintf(buf, cap, "1 %s to %d %s %d", month_names[p->month - 1], days_in_month(ey, em),
                 month_names[em - 1], ey);
    else
        snprintf(buf, cap, "1 %s %d to %d %s %d", month_names[p->month - 1], p->year,
                 days_in_month(ey, em), month_names[em - 1], ey);
}

void period_short(const Period *p, char *line1, char *line2, size_t cap)
{
    int ey, em;
    from_index(month_index(p->year, p->month) + p->months - 1, &ey, &em);
    if (!aligned(p)) {
        snprintf(line1, cap, "to %.3s", month_names[em - 1]);
        snprintf(line2, cap, "%d", ey);
    } else if (p->months == 12) {
        period_name(p, line1, cap);
        snprintf(line2, cap, "%s", "");
    } else {
        char name[32];
        period_name(p, name, sizeof name);
        const char *dash = strrchr(name, '-');
        snprintf(line1, cap, "%s", dash ? dash + 1 : name);
        snprintf(line2, cap, "%.*s", dash ? (int)(dash - name) : 0, name);
    }
}

void period_days(const Period *p, char first[11], char last[11])
{
    int ey, em;
    from_index(month_index(p->year, p->month) + p->months - 1, &ey, &em);
    snprintf(first, 11, "%04d-%02d-01", p->year % 10000, p->month % 100);
    snprintf(last, 11, "%04d-%02d-%02d", ey % 10000, em % 100, days_in_month(ey, em) % 100);
}
