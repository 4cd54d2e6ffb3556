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
#include "suppress.h"

/* ---- figures ---- */

typedef struct {
    const char *sql; /* one of the queries below: compared by address */
    char *key;       /* the bound texts, each ended by a unit separator */
    long value;
} MemoEntry;

struct FigureMemo {
    int n, cap;
    MemoEntry *e;
};

FigureMemo *figure_memo_new(void)
{
    return calloc(1, sizeof(FigureMemo));
}

void figure_memo_free(FigureMemo *memo)
{
    if (!memo)
        return;
    for (int i = 0; i < memo->n; i++)
        free(memo->e[i].key);
    free(memo->e);
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

int figure_counts(Sql *db, FigureMemo *memo, const Measure *m, const Period *window,
                  long *responses, long *answered, long *counted, char *err)
{
    char first[11], last[11];
    period_days(window, first, last);
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
