/* ledger.c: what reports published, recorded and listed. See ledger.h.
 *
 * Start reading at ledger_record(). */
#include "ledger.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chorus_limits.h"
#include "council.h"
#include "defaults.h"
#include "measures.h"
#include "response.h"
#include "span.h"

int ledger_add(LedgerFigures *l, const char *table, const char *series, const char first[11],
               const char last[11], long value, int shown, char *err)
{
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 256;
        LedgerFigure *g = realloc(l->items, sizeof *g * (size_t)cap);
        if (!g)
            goto oom;
        l->items = g;
        l->cap = cap;
    }
    LedgerFigure *f = &l->items[l->n];
    memset(f, 0, sizeof *f);
    if (!(f->series = strdup(series)))
        goto oom;
    f->table = table;
    snprintf(f->first, sizeof f->first, "%s", first);
    snprintf(f->last, sizeof f->last, "%s", last);
    f->value = value;
    f->shown = shown;
    l->n++;
    return 0;
oom:
    snprintf(err, ERR_LEN, "out of memory");
    return -1;
}

void ledger_free(LedgerFigures *l)
{
    for (int i = 0; i < l->n; i++)
        free(l->items[i].series);
    free(l->items);
    memset(l, 0, sizeof *l);
}

int ledger_load(Sql *db, LedgerFigures *out, char *err)
{
    SqlStmt *s = NULL;
    int rc = -1, step;
    static const char sql[] =
        "SELECT f.tbl, f.series, f.first_day, f.last_day, f.value, f.shown, f.run, p.last_ref"
        " FROM published_figure f JOIN publication p ON p.run = f.run"
        " ORDER BY f.run, f.rowid";
    if (sql_prepare(db, sql, &s) != 0)
        goto sql_fail;
    while ((step = sql_step(s)) == SQL_ROW) {
        const char *table = strcmp(sql_column_text(s, 0), LEDGER_MEASURES) == 0
                                ? LEDGER_MEASURES
                                : LEDGER_PARTICIPATION;
        if (ledger_add(out, table, sql_column_text(s, 1),
                       sql_column_text(s, 2),
                       sql_column_text(s, 3), (long)sql_column_int64(s, 4),
                       sql_column_int64(s, 5), err) != 0)
            goto done;
        out->items[out->n - 1].run = sql_column_int64(s, 6);
        out->items[out->n - 1].last_ref = sql_column_int64(s, 7);
    }
    if (step != SQL_DONE)
        goto sql_fail;
    rc = 0;
    goto done;
sql_fail:
    snprintf(err, ERR_LEN, "the ledger of published figures: %s", sql_errmsg(db));
done:
    sql_finalize(s);
    return rc;
}

int64_t ledger_last_ref(Sql *db)
{
    SqlStmt *s = NULL;
    int64_t ref = 0;
    if (sql_prepare(db, "SELECT coalesce(max(ref), 0) FROM response", &s) == 0 &&
        sql_step(s) == SQL_ROW)
        ref = sql_column_int64(s, 0);
    sql_finalize(s);
    return ref;
}

int ledger_record(Sql *db, const char *period, int64_t last_ref, const LedgerFigures *figs,
                  int64_t *run, char *err)
{
    SqlStmt *s = NULL;
    int own = !sql_in_transaction(db), rc = -1;
    char day[11];
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(day, sizeof day, "%Y-%m-%d", &tm);
    if (own && sql_begin(db, SQL_WRITE) != 0)
        goto sql_fail;
    if (sql_prepare(db,
                      "INSERT INTO publication(period, made_on, last_ref) VALUES (?,?,?)"
                      " RETURNING run",
                      &s) != 0)
        goto sql_fail;
    sql_bind_text(s, 1, period);
    sql_bind_text(s, 2, day);
    sql_bind_int64(s, 3, last_ref);
    if (sql_step(s) != SQL_ROW)
        goto sql_fail;
    *run = sql_column_int64(s, 0);
    if (sql_step(s) != SQL_DONE)
        goto sql_fail;
    sql_finalize(s);
    /* One figure printed in two tables (a survey's responses, a measure's n) is one row. */
    if (sql_prepare(db, "INSERT INTO published_figure(run, tbl, series, first_day,"
                           " last_day, value, shown) VALUES (?,?,?,?,?,?,?)"
                           " ON CONFLICT DO NOTHING", &s) != 0)
        goto sql_fail;
    for (int i = 0; i < figs->n; i++) {
        const LedgerFigure *f = &figs->items[i];
        sql_reset(s);
        sql_bind_int64(s, 1, *run);
        sql_bind_text(s, 2, f->table);
        sql_bind_text(s, 3, f->series);
        sql_bind_text(s, 4, f->first);
        sql_bind_text(s, 5, f->last);
        sql_bind_int64(s, 6, f->value);
        sql_bind_int64(s, 7, f->shown);
        if (sql_step(s) != SQL_DONE)
            goto sql_fail;
    }
    sql_finalize(s);
    s = NULL;
    if (own && sql_commit(db) != 0)
        goto sql_fail;
    return 0;
sql_fail:
    snprintf(err, ERR_LEN, "recording what was published: %s", sql_errmsg(db));
    sql_finalize(s);
    if (own && sql_in_transaction(db))
        sql_rollback(db);
    return rc;
}

int ledger_series_each(Sql *db, SqlStmt **stmt, const char *series, const char first[11],
                       const char last[11], int64_t ref_lo, int64_t ref_hi,
                       int (*each)(const char *day, int64_t ref, void *ctx), void *ctx, char *err)
{
    /* kind|form|detail|choices; a session's name is the rest of the series, whatever it holds. */
    char kind[16] = "", form[SURVEY_NAME_MAX + 2] = "*", detail[1024] = "", choices[2048] = "";
    const char *bar = strchr(series, '|');
    if (!bar || (size_t)(bar - series) >= sizeof kind)
        goto unknown;
    memcpy(kind, series, (size_t)(bar - series));
    const char *rest = bar + 1;
    if (strcmp(kind, "session") == 0) {
        snprintf(detail, sizeof detail, "%s", rest);
    } else {
        const char *b2 = strchr(rest, '|');
        size_t fl = b2 ? (size_t)(b2 - rest) : strlen(rest);
        if (fl >= sizeof form)
            goto unknown;
        memcpy(form, rest, fl);
        form[fl] = '\0';
        if (b2) {
            const char *b3 = strchr(b2 + 1, '|');
            size_t dl = b3 ? (size_t)(b3 - b2 - 1) : strlen(b2 + 1);
            if (dl >= sizeof detail)
                goto unknown;
            memcpy(detail, b2 + 1, dl);
            detail[dl] = '\0';
            if (b3)
                snprintf(choices, sizeof choices, " %s ", b3 + 1);
        }
    }
    if (strcmp(kind, "responses") != 0 && strcmp(kind, "age") != 0 &&
        strcmp(kind, "session") != 0 && strcmp(kind, "answered") != 0 &&
        strcmp(kind, "counted") != 0)
        goto unknown;
    /* A measure of a range (measures.h): its counts are one word LO..HI, which no choice name
     * is (measures.c refuses one that reads so). */
    char word[2048], lo[MEASURE_RANGE_END_MAX] = "", hi[MEASURE_RANGE_END_MAX] = "";
    int range = MEASURE_CHOICES;
    const char *w = choices + strspn(choices, " ");
    size_t wl = strcspn(w, " ");
    if (wl > 0 && wl < sizeof word && w[wl + strspn(w + wl, " ")] == '\0') {
        memcpy(word, w, wl);
        word[wl] = '\0';
        range = measure_range_read(word, MEASURE_DAYS, lo, hi);
        if (range == MEASURE_CHOICES)
            range = measure_range_read(word, MEASURE_NUMBERS, lo, hi);
    }
    /* The same counts as the report's own queries (participation.c, figure.c): a real answer is
     * any kind but 0 ("I'd rather not say"); an age band not given is no such answer; choices
     * match an answer's first name, which is the whole of a select's and a rank's first. */
    static const char sql[] =
        "SELECT r.day, r.ref FROM " COUNCIL_COUNTED " r WHERE r.day >= ?1 AND r.day <= ?2"
        " AND r.ref > ?3 AND r.ref <= ?4 AND (?5 = '*' OR r.form_id = ?5) AND CASE ?6"
        " WHEN 'responses' THEN 1 = 1"
        " WHEN 'session' THEN r.session = ?7"
        " WHEN 'age' THEN (CASE WHEN ?7 = '' THEN NOT EXISTS (SELECT 1 FROM answer a WHERE"
        "  a.response = r.ref AND a.question = 'age_band' AND a.kind = 1) ELSE EXISTS (SELECT 1"
        "  FROM answer a WHERE a.response = r.ref AND a.question = 'age_band' AND a.kind = 1"
        "  AND a.value = ?7) END)"
        " WHEN 'answered' THEN EXISTS (SELECT 1 FROM answer a WHERE a.response = r.ref AND"
        "  a.question = ?7 AND a.kind <> 0)"
        " ELSE EXISTS (SELECT 1 FROM answer a WHERE a.response = r.ref AND a.question = ?7 AND"
        "  a.kind <> 0 AND CASE ?9 WHEN 0 THEN instr(?8, ' ' || substr(a.value, 1,"
        "  instr(a.value || ' ', ' ') - 1) || ' ') > 0"
        "  WHEN 1 THEN CAST(a.value AS DOUBLE PRECISION) BETWEEN"
        "  CAST(?10 AS DOUBLE PRECISION) AND CAST(?11 AS DOUBLE PRECISION)"
        "  ELSE a.value BETWEEN ?10 AND ?11 END) END";
    int rc = -1;
    if (!*stmt && sql_prepare(db, sql, stmt) != 0)
        goto sql_fail;
    SqlStmt *s = *stmt;
    sql_bind_text(s, 1, first);
    sql_bind_text(s, 2, last);
    sql_bind_int64(s, 3, ref_lo);
    sql_bind_int64(s, 4, ref_hi);
    sql_bind_text(s, 5, form);
    sql_bind_text(s, 6, kind);
    sql_bind_text(s, 7, detail);
    sql_bind_text(s, 8, choices);
    sql_bind_int64(s, 9, range);
    sql_bind_text(s, 10, lo);
    sql_bind_text(s, 11, hi);
    int step;
    while ((step = sql_step(s)) == SQL_ROW) {
        const char *day = sql_column_text(s, 0);
        if (!day || strlen(day) < 10) {
            snprintf(err, ERR_LEN, "counting %s: a response without a day", series);
            goto done;
        }
        if (each(day, sql_column_int64(s, 1), ctx) != 0) {
            snprintf(err, ERR_LEN, "counting %s: out of memory", series);
            goto done;
        }
    }
    if (step != SQL_DONE)
        goto sql_fail;
    rc = 0;
    goto done;
sql_fail:
    snprintf(err, ERR_LEN, "counting %s: %s", series, sql_errmsg(db));
done:
    if (*stmt)
        sql_reset(*stmt);
    return rc;
unknown:
    snprintf(err, ERR_LEN, "the ledger names a series this version does not know: %s", series);
    return -1;
}

static int count_one(const char *day, int64_t ref, void *ctx)
{
    (void)day;
    (void)ref;
    ++*(long *)ctx;
    return 0;
}

int ledger_series_count(Sql *db, SqlStmt **stmt, const char *series, const char first[11],
                        const char last[11], int64_t ref_lo, int64_t ref_hi, long *n, char *err)
{
    *n = 0;
    return ledger_series_each(db, stmt, series, first, last, ref_lo, ref_hi, count_one, n, err);
}

/* ---- every series at once ---- */

/* A series name read into what it counts (kind|form|detail|choices, as ledger_series_each). */
typedef struct {
    char kind[16], form[SURVEY_NAME_MAX + 2], detail[1024], choices[2048];
    int range; /* MeasureRange of a counted series' choices */
    char lo[MEASURE_RANGE_END_MAX], hi[MEASURE_RANGE_END_MAX];
    int hit, band; /* for the response being read: it counts; it has an age band */
    int question;  /* what it looks at, in the Span read (-1: nothing, or no such answer) */
    enum { SERIES_RESPONSES, SERIES_AGE, SERIES_SESSION, SERIES_ANSWERED, SERIES_COUNTED } is;
} SeriesSpec;

/* Reads series into s. Returns 0, or -1 when this version does not know it. */
static int series_read(const char *series, SeriesSpec *s)
{
    memset(s, 0, sizeof *s);
    snprintf(s->form, sizeof s->form, "*");
    const char *bar = strchr(series, '|');
    if (!bar || (size_t)(bar - series) >= sizeof s->kind)
        return -1;
    memcpy(s->kind, series, (size_t)(bar - series));
    const char *rest = bar + 1;
    if (strcmp(s->kind, "session") == 0) {
        snprintf(s->detail, sizeof s->detail, "%s", rest);
    } else {
        const char *b2 = strchr(rest, '|');
        size_t fl = b2 ? (size_t)(b2 - rest) : strlen(rest);
        if (fl >= sizeof s->form)
            return -1;
        memcpy(s->form, rest, fl);
        s->form[fl] = '\0';
        if (b2) {
            const char *b3 = strchr(b2 + 1, '|');
            size_t dl = b3 ? (size_t)(b3 - b2 - 1) : strlen(b2 + 1);
            if (dl >= sizeof s->detail)
                return -1;
            memcpy(s->detail, b2 + 1, dl);
            s->detail[dl] = '\0';
            if (b3)
                snprintf(s->choices, sizeof s->choices, " %s ", b3 + 1);
        }
    }
    static const char *const kinds[] = {"responses", "age", "session", "answered", "counted"};
    int k = 0;
    while (k < 5 && strcmp(s->kind, kinds[k]) != 0)
        k++;
    if (k == 5)
        return -1;
    s->is = k;
    s->range = MEASURE_CHOICES;
    char word[2048];
    const char *w = s->choices + strspn(s->choices, " ");
    size_t wl = strcspn(w, " ");
    if (wl > 0 && wl < sizeof word && w[wl + strspn(w + wl, " ")] == '\0') {
        memcpy(word, w, wl);
        word[wl] = '\0';
        s->range = measure_range_read(word, MEASURE_DAYS, s->lo, s->hi);
        if (s->range == MEASURE_CHOICES)
            s->range = measure_range_read(word, MEASURE_NUMBERS, s->lo, s->hi);
    }
    return 0;
}

/* 1 if a real answer's value counts for counted series s: as figure.c's queries and
 * ledger_series_each's decide it (the first name among the choices, a number or a day in the
 * range). */
static int series_matches(const SeriesSpec *s, const char *value)
{
    if (s->range == MEASURE_NUMBERS) {
        double v = strtod(value, NULL);
        return v >= strtod(s->lo, NULL) && v <= strtod(s->hi, NULL);
    }
    if (s->range == MEASURE_DAYS)
        return strcmp(value, s->lo) >= 0 && strcmp(value, s->hi) <= 0;
    size_t n = strcspn(value, " ");
    char word[SURVEY_NAME_MAX + 3];
    if (n + 3 > sizeof word)
        return 0;
    word[0] = ' ';
    memcpy(word + 1, value, n);
    word[n + 1] = ' ';
    word[n + 2] = '\0';
    return strstr(s->choices, word) != NULL;
}

/* One response's rows seen: each series of the group that counts it, to each. */
static int series_flush(SeriesSpec *specs, const int *group, int ng, const char *session,
                        const char *day, int64_t ref,
                        int (*each)(int series, const char *day, int64_t ref, void *ctx),
                        void *ctx)
{
    int rc = 0;
    for (int g = 0; g < ng; g++) {
        SeriesSpec *s = &specs[group[g]];
        int counts = s->is == SERIES_RESPONSES                    ? 1
                     : s->is == SERIES_SESSION                    ? strcmp(session, s->detail) == 0
                     : s->is == SERIES_AGE && s->detail[0] == '\0' ? !s->band
                                                                  : s->hit;
        if (counts && rc == 0)
            rc = each(group[g], day, ref, ctx);
        s->hit = s->band = 0;
    }
    return rc;
}

int ledger_series_each_many(Sql *db, SpanCache *spans, char *const *series, int n,
                            const char first[11], const char last[11],
                            int (*each)(int series, const char *day, int64_t ref, void *ctx),
                            void *ctx, char *err)
{
    SeriesSpec *specs = calloc((size_t)(n ? n : 1), sizeof *specs);
    int *group = malloc(sizeof *group * (size_t)(n ? n : 1));
    int *done = calloc((size_t)(n ? n : 1), sizeof *done), *looks = NULL, *next = NULL;
    Span *owned = NULL;
    int rc = -1;
    if (!specs || !group || !done) {
        snprintf(err, ERR_LEN, "out of memory");
        goto out;
    }
    for (int i = 0; i < n; i++)
        if (series_read(series[i], &specs[i]) != 0) {
            snprintf(err, ERR_LEN, "the ledger names a series this version does not know: %s",
                     series[i]);
            goto out;
        }
    const Span *src = span_for(spans, db, first, last, &owned, err);
    if (!src)
        goto out;
    int age = span_question(src, "age_band");
    looks = malloc(sizeof *looks * (size_t)(src->nquestions ? src->nquestions : 1));
    next = malloc(sizeof *next * (size_t)(n ? n : 1));
    if (!looks || !next) {
        snprintf(err, ERR_LEN, "out of memory");
        goto out;
    }
    /* A walk of the responses a form ('*': every form), deciding each of its series from the
     * answers they look at: the question named, or the age band. */
    for (int i = 0; i < n; i++) {
        if (done[i])
            continue;
        int ng = 0;
        for (int j = i; j < n; j++) {
            if (done[j] || strcmp(specs[j].form, specs[i].form) != 0)
                continue;
            SeriesSpec *sp = &specs[j];
            sp->question = sp->is == SERIES_AGE ? age
                           : sp->is == SERIES_ANSWERED || sp->is == SERIES_COUNTED
                               ? span_question(src, sp->detail)
                               : -1;
            done[j] = 1;
            group[ng++] = j;
        }
        /* looks[q]: the first of the group's series that looks at question q, next[g] the
         * one after g (-1: no more) */
        for (int q = 0; q < src->nquestions; q++)
            looks[q] = -1;
        for (int g = ng - 1; g >= 0; g--) {
            int q = specs[group[g]].question;
            next[g] = q >= 0 ? looks[q] : -1;
            if (q >= 0)
                looks[q] = g;
        }
        int every = strcmp(specs[i].form, "*") == 0, form = span_form(src, specs[i].form);
        for (size_t k = 0; (every || form >= 0) && k < src->nresponses; k++) {
            const SpanResponse *r = &src->responses[k];
            if ((!every && r->form != form) || memcmp(r->day, first, 10) < 0 ||
                memcmp(r->day, last, 10) > 0)
                continue;
            if (strlen(r->day) < 10) {
                snprintf(err, ERR_LEN, "counting %s: a response without a day", series[i]);
                goto out;
            }
            for (uint32_t j = 0; j < r->n; j++) {
                const SpanAnswer *a = &r->answers[j];
                for (int g = looks[a->question]; g >= 0; g = next[g]) {
                    SeriesSpec *sp = &specs[group[g]];
                    if (sp->is == SERIES_AGE) {
                        if (a->kind == ANSWER_CHOICES) {
                            sp->band = 1;
                            sp->hit |= strcmp(a->value, sp->detail) == 0;
                        }
                    } else if (a->kind != 0 &&
                               (sp->is == SERIES_ANSWERED || series_matches(sp, a->value))) {
                        sp->hit = 1;
                    }
                }
            }
            if (series_flush(specs, group, ng, r->session, r->day, r->ref, each, ctx) != 0) {
                snprintf(err, ERR_LEN, "counting the ledger's series: out of memory");
                goto out;
            }
        }
    }
    rc = 0;
out:
    span_free(owned);
    free(looks);
    free(next);
    free(done);
    free(group);
    free(specs);
    return rc;
}

/* ---- chorus-sync published ---- */

typedef struct {
    const char *db;
    int runs_only;
} PublishedArgs;

static const Option published_rows[] = {
    OPT_TEXT("--db", "FILE", PublishedArgs, db, DEFAULT_COUNCIL_DB, "the council database"),
    OPT_FLAG("--runs", PublishedArgs, runs_only, "the runs only, without their figures"),
    OPT_END,
};

const OptionTable published_options = {
    .program = "chorus-sync",
    .name = "published",
    .options = published_rows,
    .args = "",
    .args_min = 0,
    .args_max = 0,
    .run = cmd_published,
    .about = "Lists what the committee's reports have published, run by run (drafts are not\n"
             "recorded): a line a run (its number, period, day, the figures shown and hidden),\n"
             "then a line a figure: run, table, series (what it counts), first and last day,\n"
             "and its value, or c with its true value when it was hidden. Every later report is\n"
             "solved together with all of these. For the council's own checks: it prints the\n"
             "true value of every hidden figure, so it is never for the committee.",
};

int cmd_published(int argc, char **argv)
{
    PublishedArgs o;
    OptionArgs args;
    int done = options_read(&published_options, argc, argv, &o, &args);
    if (done >= 0)
        return done;
    char err[ERR_LEN];
    Council *c = council_open_existing(o.db, err);
    if (!c) {
        fprintf(stderr, "chorus-sync published: %s\n", err);
        return 1;
    }
    Sql *db = council_db(c);
    SqlStmt *s = NULL;
    LedgerFigures figs = {0};
    int rc = 1, step;
    long runs = 0;
    static const char sql[] =
        "SELECT p.run, p.period, p.made_on, p.last_ref,"
        " (SELECT count(*) FROM published_figure f WHERE f.run = p.run AND f.shown = 1),"
        " (SELECT count(*) FROM published_figure f WHERE f.run = p.run AND f.shown = 0)"
        " FROM publication p ORDER BY p.run";
    if (sql_prepare(db, sql, &s) != 0) {
        fprintf(stderr, "chorus-sync published: %s: %s\n", sql_name(db), sql_errmsg(db));
        goto done;
    }
    while ((step = sql_step(s)) == SQL_ROW) {
        if (runs++ == 0)
            printf("run\tperiod\tmade on\tresponses up to row\tshown\thidden\n");
        printf("%lld\t%s\t%s\t%lld\t%lld\t%lld\n", (long long)sql_column_int64(s, 0),
               sql_column_text(s, 1), sql_column_text(s, 2),
               (long long)sql_column_int64(s, 3), (long long)sql_column_int64(s, 4),
               (long long)sql_column_int64(s, 5));
    }
    if (step != SQL_DONE) {
        fprintf(stderr, "chorus-sync published: %s: %s\n", sql_name(db), sql_errmsg(db));
        goto done;
    }
    if (runs == 0) {
        printf("nothing published yet\n");
        rc = 0;
        goto done;
    }
    if (!o.runs_only) {
        if (ledger_load(db, &figs, err) != 0) {
            fprintf(stderr, "chorus-sync published: %s: %s\n", sql_name(db), err);
            goto done;
        }
        printf("\nrun\ttable\tseries\tfirst day\tlast day\tshown as\tvalue\n");
        for (int i = 0; i < figs.n; i++) {
            const LedgerFigure *f = &figs.items[i];
            printf("%lld\t%s\t%s\t%s\t%s\t", (long long)f->run, f->table, f->series, f->first,
                   f->last);
            if (f->shown)
                printf("%ld\t%ld\n", f->value, f->value);
            else
                printf("c\t%ld\n", f->value);
        }
    }
    rc = 0;
done:
    sql_finalize(s);
    ledger_free(&figs);
    council_close(c);
    return rc;
}
