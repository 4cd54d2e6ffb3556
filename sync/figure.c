/* figure.c: a measure's figure for a period, from the council database. See figure.h; start
 * reading at figure_compute().
 *
 * Choices the contract leaves open:
 * - A measure's counts are bound to one statement as " a b c " and matched with instr(), so
 *   any number of choices goes through one prepared statement: no SQL is ever built from data.
 * - A percentage is rounded half up to a whole number before it is rated, so the RAG a reader
 *   sees always agrees with the number beside it.
 * - A count measure judged over a longer window than its period (a quarterly count in a year's
 *   report) has its target and amber scaled by the number of periods in the window. */
#include "figure.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "council.h"
#include "span.h"
#include "suppress.h"

/* ---- figures ---- */

typedef struct {
    const char *sql; /* one of the queries below: compared by address */
    char *key;       /* the bound texts, each ended by a unit separator */
    long value;
} MemoEntry;

/* Forms and windows whose measures were all counted at once (figure_memo_measures). */
typedef struct {
    const char *form;
    char first[11], last[11];
} MemoRead;

/* A form's measures counted month by month over months from..to (year * 12 + month - 1), in
 * one read: every window is whole months, and a response is in one month, so a window's
 * counts are the sums of its months'. */
typedef struct {
    const char *form;
    int from, to, nm;
    const Measure **ms; /* the form's measures */
    long *responses;    /* [month - from] */
    long *answered;     /* [(month - from) * nm + i] */
    long *counted;
} MemoSpan;

struct FigureMemo {
    int n, cap;
    MemoEntry *e;
    const MeasureSet *set; /* counted a form and window at a time; NULL: a query a count */
    int nread, read_cap;
    MemoRead *read; /* windows whose counts are in e */
    int nspan, span_cap;
    MemoSpan *span;
    SpanCache *spans; /* the rows read, shared with the report's other readers; NULL: read each */
};

FigureMemo *figure_memo_new(void)
{
    return calloc(1, sizeof(FigureMemo));
}

void figure_memo_measures(FigureMemo *memo, const MeasureSet *set)
{
    if (memo)
        memo->set = set;
}

void figure_memo_spans(FigureMemo *memo, SpanCache *spans)
{
    if (memo)
        memo->spans = spans;
}

void figure_memo_free(FigureMemo *memo)
{
    if (!memo)
        return;
    for (int i = 0; i < memo->n; i++)
        free(memo->e[i].key);
    free(memo->e);
    free(memo->read);
    for (int i = 0; i < memo->nspan; i++) {
        free(memo->span[i].ms);
        free(memo->span[i].responses);
        free(memo->span[i].answered);
        free(memo->span[i].counted);
    }
    free(memo->span);
    free(memo);
}

/* The texts joined, each followed by \x1f (which no form id, day or name holds). */
static char *memo_key(const char *const *texts, int n)
{
    size_t len = 1;
    for (int i = 0; i < n; i++)
        len += strlen(texts[i]) + 1;
    char *key = malloc(len), *p = key;
    for (int i = 0; key && i < n; i++) {
        size_t l = strlen(texts[i]);
        memcpy(p, texts[i], l);
        p[l] = '\x1f';
        p += l + 1;
    }
    if (key)
        *p = '\0';
    return key;
}

/* Runs a one-number query: binds texts[0..n-1] to ?1..?n and reads column 0 of the one row;
 * or finds the answer in memo, and keeps a new one there. */
static int count_query(Sql *db, FigureMemo *memo, const Measure *m, const char *sql,
                       const char *const *texts, int n, long *out, char *err)
{
    char *key = memo ? memo_key(texts, n) : NULL;
    for (int i = 0; key && i < memo->n; i++) {
        if (memo->e[i].sql == sql && strcmp(memo->e[i].key, key) == 0) {
            *out = memo->e[i].value;
            free(key);
            return 0;
        }
    }
    SqlStmt *s = NULL;
    int rc = -1;
    if (sql_prepare(db, sql, &s) != 0) {
        snprintf(err, ERR_LEN, "measure on line %d: %s: %s", m->line, sql_errmsg(db), sql);
        goto done;
    }
    for (int i = 0; i < n; i++)
        sql_bind_text(s, i + 1, texts[i]);
    if (sql_step(s) != SQL_ROW) {
        snprintf(err, ERR_LEN, "measure on line %d: %s: %s", m->line, sql_errmsg(db), sql);
        goto done;
    }
    *out = (long)sql_column_int64(s, 0);
    rc = 0;
    if (key && memo->n == memo->cap) {
        int cap = memo->cap ? memo->cap * 2 : 64;
        MemoEntry *e = realloc(memo->e, (size_t)cap * sizeof *e);
        if (e) {
            memo->e = e;
            memo->cap = cap;
        }
    }
    if (key && memo->n < memo->cap) {
        memo->e[memo->n++] = (MemoEntry){sql, key, *out};
        key = NULL;
    }
done:
    free(key);
    sql_finalize(s);
    return rc;
}

/* Keeps value for (sql, texts) in memo, as count_query would. Returns 0, or -1 (no memory:
 * the count is then asked again). */
static int memo_put(FigureMemo *memo, const char *sql, const char *const *texts, int n, long value)
{
    char *key = memo_key(texts, n);
    if (!key)
        return -1;
    for (int i = 0; i < memo->n; i++)
        if (memo->e[i].sql == sql && strcmp(memo->e[i].key, key) == 0) {
            free(key);
            return 0;
        }
    if (memo->n == memo->cap) {
        int cap = memo->cap ? memo->cap * 2 : 64;
        MemoEntry *e = realloc(memo->e, (size_t)cap * sizeof *e);
        if (!e) {
            free(key);
            return -1;
        }
        memo->e = e;
        memo->cap = cap;
    }
    memo->e[memo->n++] = (MemoEntry){sql, key, value};
    return 0;
}

/* Only responses that count (COUNCIL_COUNTED: none set aside by a revocation, no copies). */
static const char sql_responses[] =
    "SELECT count(*) FROM " COUNCIL_COUNTED " WHERE form_id = ?1 AND day >= ?2 AND day <= ?3";
/* A real answer is any kind but 0: "I'd rather not say" is stored as kind 0. */
static const char sql_answered[] =
    "SELECT count(DISTINCT r.ref) FROM " COUNCIL_COUNTED " r JOIN answer a ON a.response = r.ref"
    " WHERE r.form_id = ?1 AND r.day >= ?2 AND r.day <= ?3 AND a.question = ?4 AND a.kind <> 0";
static const char sql_counted[] =
    "SELECT count(DISTINCT r.ref) FROM " COUNCIL_COUNTED " r JOIN answer a ON a.response = r.ref"
    " WHERE r.form_id = ?1 AND r.day >= ?2 AND r.day <= ?3 AND a.question = ?4 AND a.kind <> 0"
    " AND instr(?5, ' ' || a.value || ' ') > 0";
/* A rank question counts the choice ranked first: the first of the names its answer holds,
 * separated by spaces (choice names have none). */
static const char sql_counted_first[] =
    "SELECT count(DISTINCT r.ref) FROM " COUNCIL_COUNTED " r JOIN answer a ON a.response = r.ref"
    " WHERE r.form_id = ?1 AND r.day >= ?2 AND r.day <= ?3 AND a.question = ?4 AND a.kind <> 0"
    " AND instr(?5, ' ' || substr(a.value, 1, instr(a.value || ' ', ' ') - 1) || ' ') > 0";
/* A range of numbers (integer, decimal, range) or of days (YYYY-MM-DD sorts as it reads). */
static const char sql_counted_numbers[] =
    "SELECT count(DISTINCT r.ref) FROM " COUNCIL_COUNTED " r JOIN answer a ON a.response = r.ref"
    " WHERE r.form_id = ?1 AND r.day >= ?2 AND r.day <= ?3 AND a.question = ?4 AND a.kind <> 0"
    " AND CAST(a.value AS REAL) BETWEEN CAST(?5 AS REAL) AND CAST(?6 AS REAL)";
static const char sql_counted_days[] =
    "SELECT count(DISTINCT r.ref) FROM " COUNCIL_COUNTED " r JOIN answer a ON a.response = r.ref"
    " WHERE r.form_id = ?1 AND r.day >= ?2 AND r.day <= ?3 AND a.question = ?4 AND a.kind <> 0"
    " AND a.value BETWEEN ?5 AND ?6";

int figure_compute(Sql *db, FigureMemo *memo, const Measure *m, const Period *window, Figure *f,
                   char *err)
{
    memset(f, 0, sizeof *f);
    f->window = *window;
    long responses, answered;
    if (figure_counts(db, memo, m, window, &responses, &answered, &f->counted, err) != 0)
        return -1;
    if (m->kind == MEASURE_COUNT) {
        f->n = f->value = f->counted;
        long periods = window->months > m->months ? window->months / m->months : 1;
        f->target = m->target * periods;
        f->amber = m->amber * periods;
    } else {
        f->n = m->denominator == DENOM_ANSWERED ? answered : responses;
        f->target = m->target;
        f->amber = m->amber;
        if (f->n > 0)
            f->value = (200 * f->counted + f->n) / (2 * f->n);
    }
    f->n_hidden = 0;
    if (m->kind == MEASURE_PERCENT && f->n == 0) {
        f->state = FIGURE_NO_DATA;
    } else if (m->kind == MEASURE_PERCENT ? suppress_percent(f->counted, f->n)
                                          : suppress_small(f->n)) {
        f->state = FIGURE_SUPPRESSED;
        f->n_hidden = m->kind == MEASURE_COUNT || suppress_small(f->n);
    } else {
        f->state = FIGURE_VALUE;
    }
    f->rag = f->state == FIGURE_VALUE ? rag_for(f->value, f->target, f->amber) : RAG_NONE;
    return 0;
}

/* 1 if a real answer's value counts for measure m: the queries above, in C. */
static int counts_value(const Measure *m, const char *value)
{
    if (m->range == MEASURE_NUMBERS) {
        double v = strtod(value, NULL);
        return v >= strtod(m->lo, NULL) && v <= strtod(m->hi, NULL);
    }
    if (m->range == MEASURE_DAYS)
        return strcmp(value, m->lo) >= 0 && strcmp(value, m->hi) <= 0;
    size_t n = m->question->type == QT_RANK ? strcspn(value, " ") : strlen(value);
    for (int i = 0; i < m->ncounts; i++)
        if (strlen(m->counts[i]) == n && memcmp(m->counts[i], value, n) == 0)
            return 1;
    return 0;
}

/* The month of a day 'YYYY-MM-DD' as year * 12 + month - 1; -1 if it is not one. */
static int month_of(const char *day)
{
    int y, m;
    return day && sscanf(day, "%4d-%2d", &y, &m) == 2 && m >= 1 && m <= 12 ? y * 12 + m - 1 : -1;
}

/* Counts every measure of form month by month over months from..to in one walk of its
 * responses there (a Span: memo's, or one read for this), into a new span of memo;
 * figure_counts' own queries are what test_measures holds the sums to. Returns the span,
 * NULL when memory ran short (the counts are then asked one by one) or, with err set, when
 * the read failed. */
static MemoSpan *read_span(Sql *db, FigureMemo *memo, const char *form, int from, int to,
                           char *err)
{
    const MeasureSet *set = memo->set;
    int ok = 0;
    int months = to - from + 1;
    MemoSpan sp = {.form = form, .from = from, .to = to};
    size_t per = (size_t)(set->n ? set->n : 1);
    sp.ms = malloc(sizeof *sp.ms * per);
    int *qi = malloc(sizeof *qi * per);
    sp.responses = calloc((size_t)months, sizeof *sp.responses);
    sp.answered = calloc((size_t)months * per, sizeof *sp.answered);
    sp.counted = calloc((size_t)months * per, sizeof *sp.counted);
    char *hit = calloc(per, 2);
    if (!sp.ms || !qi || !sp.responses || !sp.answered || !sp.counted || !hit)
        goto done;
    for (int i = 0; i < set->n; i++)
        if (strcmp(set->items[i].form_id, form) == 0)
            sp.ms[sp.nm++] = &set->items[i];
    char first[16], last[16];
    snprintf(first, sizeof first, "%04d-%02d-01", from / 12, from % 12 + 1);
    snprintf(last, sizeof last, "%04d-%02d-31", to / 12, to % 12 + 1); /* days sort as text */
    Span *owned = NULL;
    const Span *src = span_for(memo->spans, db, first, last, &owned, err);
    if (!src)
        goto done;
    int fi = span_form(src, form);
    for (int i = 0; i < sp.nm; i++)
        qi[i] = sp.ms[i]->question ? span_question(src, sp.ms[i]->question->name) : -1;
    /* hit[2i]: measure i's question answered in the response, hit[2i + 1]: it counts */
    for (size_t k = 0; fi >= 0 && k < src->nresponses; k++) {
        const SpanResponse *r = &src->responses[k];
        int month = r->form == fi ? month_of(r->day) : -1;
        if (month < from || month > to)
            continue;
        memset(hit, 0, (size_t)sp.nm * 2);
        for (uint32_t j = 0; j < r->n; j++) {
            const SpanAnswer *an = &r->answers[j];
            if (an->kind == 0)
                continue;
            for (int i = 0; i < sp.nm; i++)
                if (qi[i] >= 0 && qi[i] == an->question) {
                    hit[2 * i] = 1;
                    if (sp.ms[i]->ncounts == 0 || counts_value(sp.ms[i], an->value))
                        hit[2 * i + 1] = 1;
                }
        }
        size_t base = (size_t)(month - from) * per;
        sp.responses[month - from]++;
        for (int i = 0; i < sp.nm; i++) {
            sp.answered[base + (size_t)i] += hit[2 * i];
            sp.counted[base + (size_t)i] += hit[2 * i + 1];
        }
    }
    span_free(owned);
    ok = 1;
done:
    free(qi);
    free(hit);
    MemoSpan *kept = NULL;
    if (ok && memo->nspan == memo->span_cap) {
        int c = memo->span_cap ? memo->span_cap * 2 : 8;
        MemoSpan *grown = realloc(memo->span, (size_t)c * sizeof *grown);
        if (grown) {
            memo->span = grown;
            memo->span_cap = c;
        }
    }
    if (ok && memo->nspan < memo->span_cap) {
        kept = &memo->span[memo->nspan++];
        *kept = sp;
    } else {
        free(sp.ms);
        free(sp.responses);
        free(sp.answered);
        free(sp.counted);
    }
    return kept;
}

/* Puts the counts of every measure of sp's form over window (months a..b, inside sp), the
 * sums of its months, into memo under the keys figure_counts asks with (see it below).
 * Returns 0, or -1 when memory ran short (the counts are then asked one by one). */
static int put_window(FigureMemo *memo, const MemoSpan *sp, int a, int b, const char *first,
                      const char *last)
{
    size_t per = (size_t)(memo->set->n ? memo->set->n : 1);
    long responses = 0;
    for (int mo = a; mo <= b; mo++)
        responses += sp->responses[mo - sp->from];
    for (int i = 0; i < sp->nm; i++) {
        const Measure *m = sp->ms[i];
        long answered = 0, counted = 0;
        for (int mo = a; mo <= b; mo++) {
            answered += sp->answered[(size_t)(mo - sp->from) * per + (size_t)i];
            counted += sp->counted[(size_t)(mo - sp->from) * per + (size_t)i];
        }
        const char *args3[3] = {m->form_id, first, last};
        if (memo_put(memo, sql_responses, args3, 3, responses) != 0)
            return -1;
        if (!m->question)
            continue;
        const char *args4[4] = {m->form_id, first, last, m->question->name};
        if (memo_put(memo, sql_answered, args4, 4, answered) != 0)
            return -1;
        if (m->ncounts == 0)
            continue;
        if (m->range != MEASURE_CHOICES) {
            const char *ranged[6] = {m->form_id, first, last, m->question->name, m->lo, m->hi};
            if (memo_put(memo, m->range == MEASURE_DAYS ? sql_counted_days : sql_counted_numbers,
                         ranged, 6, counted) != 0)
                return -1;
        } else {
            char counts[MEASURE_COUNTS_MAX * (SURVEY_NAME_MAX + 1) + 2] = " ";
            for (int k = 0; k < m->ncounts; k++) {
                strcat(counts, m->counts[k]);
                strcat(counts, " ");
            }
            const char *args[5] = {m->form_id, first, last, m->question->name, counts};
            if (memo_put(memo, m->question->type == QT_RANK ? sql_counted_first : sql_counted,
                         args, 5, counted) != 0)
                return -1;
        }
    }
    return 0;
}

/* Counts form's measures over window into memo, from a span that holds its months, read
 * first if none does: around the window, a trend of windows of its size after it (a trend is
 * asked oldest first) and twice a trend before it (the same trend a year before), so that
 * one read serves all a report asks of the form at that size. 0, or -1 with err. */
static int memo_window(Sql *db, FigureMemo *memo, const char *form, const Period *window,
                       const char *first, const char *last, char *err)
{
    for (int i = 0; i < memo->nread; i++)
        if (strcmp(memo->read[i].form, form) == 0 && strcmp(memo->read[i].first, first) == 0 &&
            strcmp(memo->read[i].last, last) == 0)
            return 0;
    int a = month_of(first), b = month_of(last);
    if (a < 0 || b < a)
        return 0;
    const MemoSpan *sp = NULL;
    for (int i = 0; i < memo->nspan && !sp; i++)
        if (strcmp(memo->span[i].form, form) == 0 && memo->span[i].from <= a &&
            memo->span[i].to >= b)
            sp = &memo->span[i];
    if (!sp) {
        err[0] = '\0';
        sp = read_span(db, memo, form, a - (2 * FIGURE_TREND - 1) * window->months,
                       b + (FIGURE_TREND - 1) * window->months, err);
        if (!sp)
            return err[0] ? -1 : 0;
    }
    if (put_window(memo, sp, a, b, first, last) != 0)
        return 0;
    if (memo->nread == memo->read_cap) {
        int cap = memo->read_cap ? memo->read_cap * 2 : 16;
        MemoRead *r = realloc(memo->read, (size_t)cap * sizeof *r);
        if (!r)
            return 0;
        memo->read = r;
        memo->read_cap = cap;
    }
    MemoRead *r = &memo->read[memo->nread++];
    r->form = form;
    snprintf(r->first, sizeof r->first, "%s", first);
    snprintf(r->last, sizeof r->last, "%s", last);
    return 0;
}

int figure_counts(Sql *db, FigureMemo *memo, const Measure *m, const Period *window,
                  long *responses, long *answered, long *counted, char *err)
{
    char first[11], last[11];
    period_days(window, first, last);
    if (memo && memo->set && memo_window(db, memo, m->form_id, window, first, last, err) != 0)
        return -1;
    char counts[MEASURE_COUNTS_MAX * (SURVEY_NAME_MAX + 1) + 2] = " ";
    for (int i = 0; i < m->ncounts; i++) {
        strcat(counts, m->counts[i]);
        strcat(counts, " ");
    }
    const char *args[5] = {m->form_id, first, last, m->question ? m->question->name : "", counts};
    if (count_query(db, memo, m, sql_responses, args, 3, responses, err) != 0)
        return -1;
    if (!m->question) {
        *answered = *counted = *responses;
        return 0;
    }
    if (count_query(db, memo, m, sql_answered, args, 4, answered, err) != 0)
        return -1;
    if (m->ncounts == 0) {
        *counted = *answered;
        return 0;
    }
    if (m->range != MEASURE_CHOICES) {
        const char *ranged[6] = {m->form_id, first, last, m->question->name, m->lo, m->hi};
        return count_query(db, memo, m,
                           m->range == MEASURE_DAYS ? sql_counted_days : sql_counted_numbers,
                           ranged, 6, counted, err);
    }
    return count_query(db, memo, m, m->question->type == QT_RANK ? sql_counted_first : sql_counted,
                       args, 5, counted, err);
}

Rag rag_for(long value, long target, long amber)
{
    return value >= target ? RAG_GREEN : value >= amber ? RAG_AMBER : RAG_RED;
}

const char *rag_name(Rag r)
{
    switch (r) {
    case RAG_GREEN:
        return "Green";
    case RAG_AMBER:
        return "Amber";
    case RAG_RED:
        return "Red";
    case RAG_NONE:
        break;
    }
    return "";
}

int figure_trend(Sql *db, FigureMemo *memo, const Measure *m, const Period *period,
                 Figure trend[FIGURE_TREND], char *err)
{
    Period w = period_window(period, m->months);
    for (int i = 0; i < FIGURE_TREND; i++) {
        Period p = period_before(&w, FIGURE_TREND - 1 - i);
        if (figure_compute(db, memo, m, &p, &trend[i], err) != 0)
            return -1;
    }
    return 0;
}
