/* report.c: `chorus-sync report`. See report.h for the files it writes.
 *
 * Start reading at cmd_report(): it opens the inputs (report_inputs_open), gathers figures
 * (measure trends, participation counts, safety flags), puts every committee figure through
 * suppress_figures(), renders each output into memory, and only then writes the files.
 *
 * What goes where is the privacy design, so it is kept plain:
 * - report.html, measures.csv, participation.csv are for the committee: figures only, each
 *   suppressed below SUPPRESS_MIN, no free text, no response id, no kiosk name.
 * - free-text.csv and safety.csv are for participation workers: row by row, mode 0600. What
 *   the HTML says of them is a count (suppressed like any other figure).
 * - Strings that reach the HTML (survey titles, question and choice labels, session names,
 *   measure texts) are escaped; the HTML holds no script, no link and no external file. */
#include "report.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "chorus_limits.h"
#include "defaults.h"
#include "fileio.h"
#include "ledger.h"
#include "records.h"
#include "response.h"

#define FORMS_MAX (SURVEYS_MAX + 32) /* forms in one report, shipped or not */
#define BANDS_MAX 64                 /* age bands across all surveys, "not given" included */
#define SESSIONS_MAX 100000          /* sessions in one period */
#define AGE_QUESTION "age_band"      /* the question every shipped survey asks about age */
#define DASH "\xe2\x80\x93"          /* an en dash: no data */
#define TEXT_OF(x) #x
#define NUMBER_TEXT(x) TEXT_OF(x)
#define MIN_TEXT NUMBER_TEXT(SUPPRESS_MIN) /* "10", for the words around figures */
/* The first line of a draft's CSV files; the HTML says it on every page. */
#define DRAFT_LINE "DRAFT: not for publication; not recorded as published"

/* ---- output buffers: every file is rendered into memory, then written at once ---- */

typedef struct {
    FILE *f;
    char *data;
    size_t len;
} Out;

static int out_open(Out *o, char *err)
{
    o->data = NULL;
    o->len = 0;
    o->f = open_memstream(&o->data, &o->len);
    if (!o->f) {
        snprintf(err, ERR_LEN, "out of memory");
        return -1;
    }
    return 0;
}

/* Finishes the buffer; -1 if any write to it failed (out of memory). */
static int out_finish(Out *o, char *err)
{
    if (!o->f)
        return 0;
    int bad = ferror(o->f);
    if (fclose(o->f) != 0)
        bad = 1;
    o->f = NULL;
    if (bad) {
        snprintf(err, ERR_LEN, "out of memory while writing the report");
        return -1;
    }
    return 0;
}

static void out_free(Out *o)
{
    if (o->f)
        fclose(o->f);
    free(o->data);
    o->f = NULL;
    o->data = NULL;
}

static void html(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&':
            fputs("&amp;", f);
            break;
        case '<':
            fputs("&lt;", f);
            break;
        case '>':
            fputs("&gt;", f);
            break;
        case '"':
            fputs("&quot;", f);
            break;
        case '\'':
            fputs("&#39;", f);
            break;
        default:
            fputc(*s, f);
        }
    }
}

/* One CSV cell and its separator (',' or, when last, a line end). A cell that a spreadsheet
 * would run as a formula (= + - @ first) gets a leading apostrophe: free text is written by
 * young people and must never run as code on a worker's machine. */
static void csv(FILE *f, const char *s, int last)
{
    size_t len = strlen(s);
    int guard = len > 0 && strchr("=+-@\t\r", s[0]) != NULL;
    int quote = guard || strpbrk(s, ",\"\r\n") != NULL ||
                (len > 0 && (isspace((unsigned char)s[0]) || isspace((unsigned char)s[len - 1])));
    if (quote)
        fputc('"', f);
    if (guard)
        fputc('\'', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    if (quote)
        fputc('"', f);
    fputs(last ? "\n" : ",", f);
}

static void csv_long(FILE *f, long v, int last)
{
    fprintf(f, "%ld%s", v, last ? "\n" : ",");
}

/* A figure as a CSV cell: the number, or c when hidden. */
static void csv_figure(FILE *f, long v, int hidden, int last)
{
    if (hidden)
        csv(f, "c", last);
    else
        csv_long(f, v, last);
}

/* The byte-order mark that makes Excel read a CSV as UTF-8. */
static const char csv_bom[] = "\xef\xbb\xbf";

/* ---- inputs ---- */

int report_inputs_open(ReportInputs *in, const char *db, const char *surveys, const char *measures,
                       const char *period, SurveyProblems *probs, char *err)
{
    memset(in, 0, sizeof *in);
    memset(probs, 0, sizeof *probs);
    if (period_parse(period, &in->period, err) != 0)
        return -1;
    period_name(&in->period, in->period_name, sizeof in->period_name);
    if (surveys_load_dir(&in->surveys, surveys, err) != 0)
        return -1;
    in->measures = measures_load(measures, &in->surveys, probs);
    if (!in->measures) {
        if (probs->count == 1 && probs->items[0].line == 0) {
            snprintf(err, ERR_LEN, "%s", probs->items[0].reason);
            probs->count = 0;
        } else {
            snprintf(err, ERR_LEN, "%s: %d problem%s", measures, probs->count,
                     probs->count == 1 ? "" : "s");
        }
        goto fail;
    }
    if (!file_exists(db)) {
        snprintf(err, ERR_LEN, "%s: no council database here (chorus-sync import makes one)", db);
        goto fail;
    }
    if (!(in->council = council_open(db, err)))
        goto fail;
    in->memo = measure_memo_new();
    return 0;
fail:
    report_inputs_close(in);
    return -1;
}

void report_inputs_close(ReportInputs *in)
{
    council_close(in->council);
    measures_free(in->measures);
    measure_memo_free(in->memo);
    surveys_free(&in->surveys);
    in->council = NULL;
    in->measures = NULL;
    in->memo = NULL;
}

int report_measure_trend(const ReportInputs *in, const Measure *m, Figure trend[REPORT_TREND],
                         char *err)
{
    Period w = period_window(&in->period, m->months);
    for (int i = 0; i < REPORT_TREND; i++) {
        Period p = period_before(&w, REPORT_TREND - 1 - i);
        if (measure_compute(council_db(in->council), in->memo, m, &p, &trend[i], err) != 0)
            return -1;
    }
    return 0;
}

/* ---- participation: responses by survey, age band and session ---- */

typedef struct {
    int nforms;
    char *form[FORMS_MAX];
    const Survey *survey[FORMS_MAX]; /* NULL for a form no loaded survey has */
    int nbands;                      /* the last band is "not given" */
    char *band[BANDS_MAX];           /* the choice name; "" for not given */
    char *band_label[BANDS_MAX];
    int nsessions;
    char **session;
    int nfig;
    long *value;
    unsigned char *hide;
    /* Responses by survey and session (not published; see "small numbers" below), ordered
     * by session as session[] is. */
    int nx;
    int *x_form, *x_session;
    long *x_count;
} Participation;

/* Figure indexes: the total, then forms, bands, form x band cells, sessions. */
static int fig_all(void)
{
    return 0;
}
static int fig_form(const Participation *p, int f)
{
    (void)p;
    return 1 + f;
}
static int fig_band(const Participation *p, int b)
{
    return 1 + p->nforms + b;
}
static int fig_cell(const Participation *p, int f, int b)
{
    return 1 + p->nforms + p->nbands + f * p->nbands + b;
}
static int fig_session(const Participation *p, int s)
{
    return 1 + p->nforms + p->nbands + p->nforms * p->nbands + s;
}

static void participation_free(Participation *p)
{
    for (int i = 0; i < p->nforms; i++)
        free(p->form[i]);
    for (int i = 0; i < p->nbands; i++) {
        free(p->band[i]);
        free(p->band_label[i]);
    }
    for (int i = 0; i < p->nsessions; i++)
        free(p->session[i]);
    free(p->session);
    free(p->value);
    free(p->hide);
    free(p->x_form);
    free(p->x_session);
    free(p->x_count);
    memset(p, 0, sizeof *p);
}

static int find_form(const Participation *p, const char *form)
{
    for (int i = 0; i < p->nforms; i++)
        if (strcmp(p->form[i], form) == 0)
            return i;
    return -1;
}

static int add_form(Participation *p, const char *form, const Survey *s, char *err)
{
    if (p->nforms == FORMS_MAX) {
        snprintf(err, ERR_LEN, "more than %d forms in one period", FORMS_MAX);
        return -1;
    }
    if (!(p->form[p->nforms] = strdup(form))) {
        snprintf(err, ERR_LEN, "out of memory");
        return -1;
    }
    p->survey[p->nforms++] = s;
    return 0;
}

static int find_band(const Participation *p, const char *band)
{
    for (int i = 0; i < p->nbands; i++)
        if (strcmp(p->band[i], band) == 0)
            return i;
    return -1;
}

static int add_band(Participation *p, const char *band, const char *label, char *err)
{
    if (find_band(p, band) >= 0)
        return 0;
    if (p->nbands == BANDS_MAX - 1) { /* one place is kept for "not given" */
        snprintf(err, ERR_LEN, "more than %d age bands across the surveys", BANDS_MAX - 1);
        return -1;
    }
    p->band[p->nbands] = strdup(band);
    p->band_label[p->nbands] = strdup(label);
    if (!p->band[p->nbands] || !p->band_label[p->nbands]) {
        free(p->band[p->nbands]);
        free(p->band_label[p->nbands]);
        snprintf(err, ERR_LEN, "out of memory");
        return -1;
    }
    p->nbands++;
    return 0;
}

/* Age bands sort by the ages in their names (age_8_10 before age_11_13 before age_18_plus). */
static void band_key(const char *name, long key[2])
{
    key[0] = key[1] = 1000000;
    int k = 0;
    for (const char *s = name; *s && k < 2;) {
        if (isdigit((unsigned char)*s)) {
            char *end;
            key[k++] = strtol(s, &end, 10);
            s = end;
        } else {
            s++;
        }
    }
}

static void sort_bands(Participation *p)
{
    for (int i = 1; i < p->nbands; i++)
        for (int j = i; j > 0; j--) {
            long a[2], b[2];
            band_key(p->band[j - 1], a);
            band_key(p->band[j], b);
            int after = a[0] > b[0] || (a[0] == b[0] && a[1] > b[1]) ||
                        (a[0] == b[0] && a[1] == b[1] && strcmp(p->band[j - 1], p->band[j]) > 0);
            if (!after)
                break;
            char *t = p->band[j];
            p->band[j] = p->band[j - 1];
            p->band[j - 1] = t;
            t = p->band_label[j];
            p->band_label[j] = p->band_label[j - 1];
            p->band_label[j - 1] = t;
        }
}

/* 1 if survey s offers age band b (the "not given" band is offered by every survey). */
static int band_offered(const Participation *p, int f, int b)
{
    if (b == p->nbands - 1)
        return 1;
    const Survey *s = p->survey[f];
    const Question *q = s ? survey_question_named(s, AGE_QUESTION) : NULL;
    return q && q->list && survey_choice_index(q->list, p->band[b]) >= 0;
}

/* One row of the age query: responses to a form with one age band. */
typedef struct {
    int form;
    char *name; /* the band's choice name; NULL: not given */
    long count;
} AgeRow;

static int gather_participation(const ReportInputs *in, Participation *p, char *err)
{
    sqlite3 *db = council_db(in->council);
    sqlite3_stmt *s = NULL;
    AgeRow *rows = NULL;
    long *session_counts = NULL;
    int nrows = 0, caprows = 0, rc = -1;
    char first[11], last[11];
    period_days(&in->period, first, last);
    memset(p, 0, sizeof *p);

    for (int i = 0; i < in->surveys.n; i++)
        if (add_form(p, in->surveys.items[i]->form_id, in->surveys.items[i], err) != 0)
            goto done;
    for (int i = 0; i < in->surveys.n; i++) {
        const Survey *sv = in->surveys.items[i];
        const Question *q = survey_question_named(sv, AGE_QUESTION);
        if (!q || !q->list)
            continue;
        for (int c = 0; c < q->list->nchoices; c++)
            if (add_band(p, q->list->choices[c].name,
                         survey_text(sv, q->list->choices[c].label, sv->default_lang), err) != 0)
                goto done;
    }

    /* Age band of every response in the period; forms the surveys no longer have count too. */
    static const char sql_age[] =
        "SELECT r.form_id, a.value, count(*) FROM " COUNCIL_COUNTED " r"
        " LEFT JOIN answer a ON a.response = r.ref AND a.question = ?3 AND a.kind = 1"
        " WHERE r.day >= ?1 AND r.day <= ?2 GROUP BY r.form_id, a.value"
        " ORDER BY r.form_id, a.value";
    if (sqlite3_prepare_v2(db, sql_age, -1, &s, NULL) != SQLITE_OK)
        goto sql_fail;
    sqlite3_bind_text(s, 1, first, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, last, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, AGE_QUESTION, -1, SQLITE_STATIC);
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        const char *form = (const char *)sqlite3_column_text(s, 0);
        const char *band = (const char *)sqlite3_column_text(s, 1);
        int f = find_form(p, form);
        if (f < 0) {
            if (add_form(p, form, NULL, err) != 0)
                goto done;
            f = p->nforms - 1;
        }
        if (band && find_band(p, band) < 0 && add_band(p, band, band, err) != 0)
            goto done;
        if (nrows == caprows) {
            caprows = caprows ? caprows * 2 : 64;
            AgeRow *grown = realloc(rows, sizeof *rows * (size_t)caprows);
            if (!grown) {
                snprintf(err, ERR_LEN, "out of memory");
                goto done;
            }
            rows = grown;
        }
        rows[nrows].form = f;
        rows[nrows].name = band ? strdup(band) : NULL;
        rows[nrows].count = (long)sqlite3_column_int64(s, 2);
        if (band && !rows[nrows].name) {
            snprintf(err, ERR_LEN, "out of memory");
            goto done;
        }
        nrows++;
    }
    if (step != SQLITE_DONE)
        goto sql_fail;
    sqlite3_finalize(s);
    s = NULL;
    sort_bands(p);
    p->band[p->nbands] = strdup("");
    p->band_label[p->nbands] = strdup("Not given");
    if (!p->band[p->nbands] || !p->band_label[p->nbands]) {
        snprintf(err, ERR_LEN, "out of memory");
        p->nbands++;
        goto done;
    }
    p->nbands++;

    /* Sessions, by name; a response outside any session has the name "". */
    static const char sql_sessions[] =
        "SELECT session, count(*) FROM " COUNCIL_COUNTED " WHERE day >= ?1 AND day <= ?2"
        " GROUP BY session ORDER BY session = '', session";
    if (sqlite3_prepare_v2(db, sql_sessions, -1, &s, NULL) != SQLITE_OK)
        goto sql_fail;
    sqlite3_bind_text(s, 1, first, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, last, -1, SQLITE_STATIC);
    int capsessions = 0;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        if (p->nsessions == SESSIONS_MAX) {
            snprintf(err, ERR_LEN, "more than %d sessions in one period", SESSIONS_MAX);
            goto done;
        }
        if (p->nsessions == capsessions) {
            capsessions = capsessions ? capsessions * 2 : 16;
            char **grown = realloc(p->session, sizeof *grown * (size_t)capsessions);
            long *grown_counts =
                realloc(session_counts, sizeof *grown_counts * (size_t)capsessions);
            if (grown)
                p->session = grown;
            if (grown_counts)
                session_counts = grown_counts;
            if (!grown || !grown_counts) {
                snprintf(err, ERR_LEN, "out of memory");
                goto done;
            }
        }
        if (!(p->session[p->nsessions] = strdup((const char *)sqlite3_column_text(s, 0)))) {
            snprintf(err, ERR_LEN, "out of memory");
            goto done;
        }
        session_counts[p->nsessions++] = (long)sqlite3_column_int64(s, 1);
    }
    if (step != SQLITE_DONE)
        goto sql_fail;

    p->nfig = fig_session(p, p->nsessions);
    p->value = calloc((size_t)p->nfig, sizeof *p->value);
    p->hide = calloc((size_t)p->nfig, 1);
    if (!p->value || !p->hide) {
        snprintf(err, ERR_LEN, "out of memory");
        goto done;
    }
    for (int i = 0; i < nrows; i++) {
        int b = rows[i].name ? find_band(p, rows[i].name) : p->nbands - 1;
        p->value[fig_cell(p, rows[i].form, b)] += rows[i].count;
        p->value[fig_form(p, rows[i].form)] += rows[i].count;
        p->value[fig_band(p, b)] += rows[i].count;
        p->value[fig_all()] += rows[i].count;
    }
    for (int i = 0; i < p->nsessions; i++)
        p->value[fig_session(p, i)] = session_counts[i];

    /* Responses by session and survey, in the order of the sessions above. */
    sqlite3_finalize(s);
    static const char sql_x[] =
        "SELECT session, form_id, count(*) FROM " COUNCIL_COUNTED " WHERE day >= ?1 AND"
        " day <= ?2 GROUP BY session, form_id ORDER BY session = '', session, form_id";
    if (sqlite3_prepare_v2(db, sql_x, -1, &s, NULL) != SQLITE_OK)
        goto sql_fail;
    sqlite3_bind_text(s, 1, first, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, last, -1, SQLITE_STATIC);
    int capx = 0, at = 0;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        const char *session = (const char *)sqlite3_column_text(s, 0);
        int f = find_form(p, (const char *)sqlite3_column_text(s, 1));
        while (at < p->nsessions && strcmp(p->session[at], session) != 0)
            at++;
        if (at == p->nsessions || f < 0) {
            snprintf(err, ERR_LEN, "participation: sessions changed while the report was made");
            goto done;
        }
        if (p->nx == capx) {
            capx = capx ? capx * 2 : 16;
            int *gf = realloc(p->x_form, sizeof *gf * (size_t)capx);
            if (gf)
                p->x_form = gf;
            int *gs = realloc(p->x_session, sizeof *gs * (size_t)capx);
            if (gs)
                p->x_session = gs;
            long *gc = realloc(p->x_count, sizeof *gc * (size_t)capx);
            if (gc)
                p->x_count = gc;
            if (!gf || !gs || !gc) {
                snprintf(err, ERR_LEN, "out of memory");
                goto done;
            }
        }
        p->x_form[p->nx] = f;
        p->x_session[p->nx] = at;
        p->x_count[p->nx++] = (long)sqlite3_column_int64(s, 2);
    }
    if (step != SQLITE_DONE)
        goto sql_fail;
    rc = 0;
    goto done;
sql_fail:
    snprintf(err, ERR_LEN, "participation: %s", sqlite3_errmsg(db));
done:
    sqlite3_finalize(s);
    for (int i = 0; i < nrows; i++)
        free(rows[i].name);
    free(rows);
    free(session_counts);
    return rc;
}

/* ---- small numbers across every table ----
 *
 * The rule. Every figure the committee gets (report.html, measures.csv, participation.csv) is
 * a number of responses. One from 1 to 9 young people is shown as c (primary suppression);
 * a percentage is shown only when its denominator is at least SUPPRESS_MIN and its numerator
 * is 0 or at least SUPPRESS_MIN (its n may still be shown). Then secondary suppression hides
 * more figures until no hidden one can be worked out from the shown ones, with the sums a
 * reader can make across ALL the tables and measures:
 * - each participation table's rows, columns and totals;
 * - the same young people counted in two places are one figure: a survey's responses in the
 *   period are also the n of a measure of "all responses" and a count measure of the survey,
 *   and two measures of the same question and answers are one number. Such copies share one
 *   figure here, so hiding one hides them all;
 * - a measure's numerator, plus those not counted, is those who answered; those who answered,
 *   plus those who did not, are the survey's responses. So an n that equals the survey's
 *   responses (everyone answered) is a copy of them too;
 * - which survey a session used is taken to be known (its name often says), so the responses
 *   by session and survey tie each session to the surveys;
 * - a year's figure is the sum of its four quarters.
 * The figures only a reader's sums know (responses by survey and session, those who did not
 * answer, those not counted, the quarters nothing publishes) are in the system with cost 0:
 * taken as known unless hidden, never "shown", and hidden first when something must be. See
 * suppress_figures() for how the next figure to hide is chosen: the cheapest, weighing a
 * measure of this period most, then the grand total, a survey's responses, a measure's
 * earlier periods, and the age bands and sessions least.
 * Not in the system: the safety and free-text counts (counts across all surveys, never tied
 * to another figure), ages by session, and overlaps between different questions' answers. */

/* What hiding a published figure costs the reader. */
enum {
    COST_MEASURE = 100, /* a measure's figure for this period */
    COST_ALL = 60,      /* the grand total */
    COST_FORM = 20,     /* a survey's responses (hiding one hides cells of its row too) */
    COST_PAST = 15,     /* a measure's figure for an earlier period, one bar of its trend */
    COST_LINE = 5,      /* an age band's or a session's responses */
    COST_CELL = 2       /* a survey's responses in one age band */
};

/* One number of responses a measure publishes or the sums need. */
typedef struct {
    char kind; /* 'R' responses to the form, 'A' who answered, 'K' whose answer counts */
    const char *form;
    const char *question; /* NULL for R */
    char *counts;         /* K: the counted choices, sorted, one space between; else NULL */
    Period window;
    int fig;    /* its figure */
    int tied;   /* its group with the next wider quantity (K in A, A in R) is made */
    int summed; /* a year's: its group of four quarters is made */
} Quantity;

/* What a figure is, for the ledger: what it counts and over which months (series NULL: a
 * figure only the sums know, never recorded), and what the solver is told of it. */
typedef struct {
    char *series;
    const char *table;
    Period window;
    unsigned char mark;    /* SUPPRESS_PROTECT, SUPPRESS_LOCKED */
    unsigned char hidden;  /* hidden before solving: published as c by an earlier report */
} FigInfo;

/* Every figure of the committee's files, and every relation among them. */
typedef struct {
    int n, cap;
    long *value;
    int *cost;
    FigInfo *info;
    int ngroups, capgroups;
    int *gfirst, *gcount, *gtotal; /* group k: pool[gfirst[k]..] cells, gtotal[k] total */
    int npool, cappool;
    int *pool;
    int nq, capq;
    Quantity *q;
} Linked;

static void linked_free(Linked *l)
{
    for (int i = 0; i < l->nq; i++)
        free(l->q[i].counts);
    free(l->q);
    for (int i = 0; i < l->n; i++)
        free(l->info[i].series);
    free(l->info);
    free(l->value);
    free(l->cost);
    free(l->gfirst);
    free(l->gcount);
    free(l->gtotal);
    free(l->pool);
    memset(l, 0, sizeof *l);
}

/* Grows *arr (of size elements) to hold at least need; 0, or -1 out of memory. */
static int grow(void **arr, int *cap, int need, size_t size)
{
    if (need <= *cap)
        return 0;
    int c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    void *g = realloc(*arr, size * (size_t)c);
    if (!g)
        return -1;
    *arr = g;
    *cap = c;
    return 0;
}

/* A new figure; its index, or -1 out of memory. */
static int linked_fig(Linked *l, long value, int cost)
{
    int cap = l->cap;
    if (grow((void **)&l->value, &cap, l->n + 1, sizeof *l->value) != 0)
        return -1;
    cap = l->cap;
    if (grow((void **)&l->cost, &cap, l->n + 1, sizeof *l->cost) != 0)
        return -1;
    cap = l->cap;
    if (grow((void **)&l->info, &cap, l->n + 1, sizeof *l->info) != 0)
        return -1;
    l->cap = cap;
    l->value[l->n] = value;
    l->cost[l->n] = cost;
    memset(&l->info[l->n], 0, sizeof l->info[l->n]);
    return l->n++;
}

static int linked_group(Linked *l, const int *cells, int ncells, int total)
{
    int cap = l->capgroups;
    if (grow((void **)&l->gfirst, &cap, l->ngroups + 1, sizeof(int)) != 0)
        return -1;
    cap = l->capgroups;
    if (grow((void **)&l->gcount, &cap, l->ngroups + 1, sizeof(int)) != 0)
        return -1;
    cap = l->capgroups;
    if (grow((void **)&l->gtotal, &cap, l->ngroups + 1, sizeof(int)) != 0)
        return -1;
    l->capgroups = cap;
    if (grow((void **)&l->pool, &l->cappool, l->npool + ncells + 1, sizeof(int)) != 0)
        return -1;
    l->gfirst[l->ngroups] = l->npool;
    l->gcount[l->ngroups] = ncells;
    l->gtotal[l->ngroups++] = total;
    if (ncells > 0)
        memcpy(l->pool + l->npool, cells, sizeof(int) * (size_t)ncells);
    l->npool += ncells;
    return 0;
}

/* Names figure i for the ledger (ledger.h) unless it has a name: what it counts and when.
 * Returns 0, or -1 out of memory. */
static int linked_name(Linked *l, int i, const char *table, const Period *window, const char *a,
                       const char *b, const char *c, const char *d)
{
    if (l->info[i].series)
        return 0;
    size_t len = strlen(a) + strlen(b) + strlen(c ? c : "") + strlen(d ? d : "") + 4;
    char *name = malloc(len);
    if (!name)
        return -1;
    snprintf(name, len, "%s|%s%s%s%s%s", a, b, c ? "|" : "", c ? c : "", d ? "|" : "", d ? d : "");
    l->info[i].series = name;
    l->info[i].table = table;
    l->info[i].window = *window;
    return 0;
}

static int same_window(const Period *a, const Period *b)
{
    return a->year == b->year && a->month == b->month && a->months == b->months;
}

static int by_text(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* m's counted choices, sorted, as one string (caller frees); NULL out of memory. */
static char *counts_key(const Measure *m)
{
    const char *names[MEASURE_COUNTS_MAX] = {NULL};
    size_t len = 1;
    for (int i = 0; i < m->ncounts; i++) {
        names[i] = m->counts[i];
        len += strlen(m->counts[i]) + 1;
    }
    qsort(names, (size_t)m->ncounts, sizeof *names, by_text);
    char *key = malloc(len);
    if (!key)
        return NULL;
    key[0] = '\0';
    for (int i = 0; i < m->ncounts; i++) {
        if (i)
            strcat(key, " ");
        strcat(key, names[i]);
    }
    return key;
}

/* The quantity (kind, m's form, question and counts, window): found, or added with value.
 * The responses to a form in the report's period are its figure in "Responses by survey".
 * Returns its index in l->q, or -1 out of memory. */
static int quantity(Linked *l, const Participation *p, const ReportInputs *in, char kind,
                    const Measure *m, const Period *window, long value)
{
    char *counts = NULL;
    if (kind == 'K' && !(counts = counts_key(m)))
        return -1;
    const char *question = kind == 'R' ? NULL : m->question->name;
    for (int i = 0; i < l->nq; i++) {
        const Quantity *q = &l->q[i];
        if (q->kind == kind && strcmp(q->form, m->form_id) == 0 &&
            (!question || strcmp(q->question, question) == 0) &&
            (!counts || strcmp(q->counts, counts) == 0) && same_window(&q->window, window)) {
            free(counts);
            return i;
        }
    }
    int f = -1;
    if (kind == 'R' && same_window(window, &in->period) && find_form(p, m->form_id) >= 0)
        f = fig_form(p, find_form(p, m->form_id));
    else if ((f = linked_fig(l, value, 0)) < 0)
        goto oom;
    if (grow((void **)&l->q, &l->capq, l->nq + 1, sizeof *l->q) != 0)
        goto oom;
    l->q[l->nq] = (Quantity){kind, m->form_id, question, counts, *window, f, 0, 0};
    /* What only the sums know of it may still be worked out: never 1 to 9. */
    if (l->cost[f] == 0)
        l->info[f].mark |= SUPPRESS_PROTECT;
    if (linked_name(l, f, LEDGER_MEASURES, window,
                    kind == 'R'   ? "responses"
                    : kind == 'A' ? "answered"
                                  : "counted",
                    m->form_id, question, counts) != 0) {
        free(counts); /* l->q[l->nq] is not counted yet: nothing else frees it */
        return -1;
    }
    return l->nq++;
oom:
    free(counts);
    return -1;
}

/* The quantities of m over window, in q[0] (responses), q[1] (answered), q[2] (counted; -1
 * both for a measure with no question), each tied to the next wider by a figure of cost 0:
 * counted + not counted = answered, answered + not answered = responses. */
static int link_window(Linked *l, const Participation *p, const ReportInputs *in, const Measure *m,
                       const Period *window, int q[3], char *err)
{
    long responses, answered, counted;
    if (measure_counts(council_db(in->council), in->memo, m, window, &responses, &answered,
                       &counted, err) != 0)
        return -1;
    q[1] = q[2] = -1;
    if ((q[0] = quantity(l, p, in, 'R', m, window, responses)) < 0)
        goto oom;
    if (!m->question)
        return 0;
    if ((q[1] = quantity(l, p, in, 'A', m, window, answered)) < 0 ||
        (q[2] = quantity(l, p, in, 'K', m, window, counted)) < 0)
        goto oom;
    for (int k = 1; k <= 2; k++) {
        if (l->q[q[k]].tied)
            continue;
        int wider = l->q[q[k - 1]].fig;
        int cells[2] = {l->q[q[k]].fig,
                        linked_fig(l, l->value[wider] - l->value[l->q[q[k]].fig], 0)};
        if (cells[1] < 0 || linked_group(l, cells, 2, wider) != 0)
            goto oom;
        /* The rest of a base: "92% of 12" says one said no. */
        l->info[cells[1]].mark |= SUPPRESS_PROTECT;
        l->q[q[k]].tied = 1;
    }
    return 0;
oom:
    snprintf(err, ERR_LEN, "out of memory");
    return -1;
}

/* ---- small numbers across reports ----
 *
 * Every figure an earlier report published (the ledger, ledger.h) joins the system. For each
 * series the ledger names, the months of every window it or this report covers are cut into
 * the fewest runs of months that each window is a union of, and the responses into batches by
 * the runs' last_ref (what each run could count; the last batch is what came since). Each run
 * of months and batch is one figure only the sums know (protected: never 1 to 9 worked out).
 * This report's figure of a window is the sum of its months' figures over every batch; a
 * published one is the sum over the batches its run counted, and is shown (locked: known, and
 * never hidden now) or hidden as it was. So a year minus its published quarters, a re-run
 * minus the first run of the same quarter (the late responses), or any other difference of
 * published figures is a figure in the system, and the solver shows nothing now that fixes a
 * hidden or small one. A published figure whose responses have since been set aside (a
 * revocation) differs from its sum by a protected figure of its own. */

/* Months since year 0 of a day "YYYY-MM-DD": its month, or with after, the next one. */
static int month_of(const char *day, int after)
{
    return atoi(day) * 12 + atoi(day + 5) - 1 + (after ? 1 : 0);
}

static Period months_period(int from, int to)
{
    Period p = {from / 12, from % 12 + 1, to - from, 0};
    return p;
}

static int by_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int by_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The index of name in names[0..n-1], or -1. */
static int name_at(char *const *names, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return i;
    return -1;
}

/* The figures of atoms cells[0..n-1] as a group with total, when it holds on today's data (a
 * sum that leaves out a series no report named, such as a session only in months never
 * reported, is not added: a false sum would mislead the solver). Returns 0, or -1. */
static int atom_sum(Linked *l, const int *cells, int n, int total)
{
    long sum = 0;
    for (int i = 0; i < n; i++)
        sum += l->value[cells[i]];
    return sum == l->value[total] ? linked_group(l, cells, n, total) : 0;
}

/* Every series that the ledger figs or this report (its first nown figures) names, on one
 * grid: the months of every window cut into the fewest runs of months, and the responses into
 * batches by each run's last_ref. Each (series, run of months, batch) is an atom (protected).
 * This report's figures and the published ones are sums of atoms; in every atom, the sums of
 * the participation tables hold, and who answered and who counted sit inside their bases. */
static int link_ledger(Linked *l, const ReportInputs *in, const LedgerFigures *figs, char *err)
{
    if (figs->n == 0)
        return 0;
    int nown = l->n, nnames = 0, nb = 0, nbatch = 0, rc = -1;
    char **names = calloc((size_t)(figs->n + nown + 1), sizeof *names);
    int *bound = malloc(sizeof *bound * (size_t)(2 * (figs->n + nown) + 2));
    int64_t *batch = malloc(sizeof *batch * (size_t)(figs->n + 1));
    int *atoms = NULL, *cells = NULL;
    if (!names || !bound || !batch)
        goto oom;
    for (int i = 0; i < nown; i++) {
        if (!l->info[i].series)
            continue;
        const Period *w = &l->info[i].window;
        bound[nb++] = w->year * 12 + w->month - 1;
        bound[nb++] = w->year * 12 + w->month - 1 + w->months;
        if (name_at(names, nnames, l->info[i].series) < 0)
            names[nnames++] = l->info[i].series;
    }
    for (int j = 0; j < figs->n; j++) {
        const LedgerFigure *f = &figs->items[j];
        bound[nb++] = month_of(f->first, 0);
        bound[nb++] = month_of(f->last, 1);
        batch[nbatch++] = f->last_ref;
        if (name_at(names, nnames, f->series) < 0)
            names[nnames++] = f->series;
    }
    qsort(bound, (size_t)nb, sizeof *bound, by_int);
    qsort(batch, (size_t)nbatch, sizeof *batch, by_i64);
    int u = 0;
    for (int i = 0; i < nb; i++)
        if (u == 0 || bound[u - 1] != bound[i])
            bound[u++] = bound[i];
    nb = u;
    u = 0;
    for (int i = 0; i < nbatch; i++)
        if (u == 0 || batch[u - 1] != batch[i])
            batch[u++] = batch[i];
    nbatch = u;
    batch[nbatch++] = INT64_MAX; /* what came since the last run */
    int ncell = nb - 1, per = ncell * nbatch;
    if (!(atoms = malloc(sizeof *atoms * (size_t)(nnames * per + 1))) ||
        !(cells = malloc(sizeof *cells * (size_t)(nnames * per + nnames + 1))))
        goto oom;
#define ATOM(n, e, k) atoms[((n) * ncell + (e)) * nbatch + (k)]
    for (int n = 0; n < nnames; n++)
        for (int e = 0; e < ncell; e++) {
            Period p = months_period(bound[e], bound[e + 1]);
            char first[11], last[11];
            period_days(&p, first, last);
            for (int k = 0; k < nbatch; k++) {
                long v;
                if (ledger_series_count(council_db(in->council), names[n], first, last,
                                        k ? batch[k - 1] : 0, batch[k], &v, err) != 0)
                    goto done;
                if ((ATOM(n, e, k) = linked_fig(l, v, 0)) < 0)
                    goto oom;
                l->info[ATOM(n, e, k)].mark = SUPPRESS_PROTECT;
            }
        }
    /* This report's figures: every batch. */
    for (int i = 0; i < nown; i++) {
        if (!l->info[i].series)
            continue;
        int n = name_at(names, nnames, l->info[i].series), c = 0;
        const Period *w = &l->info[i].window;
        int from = w->year * 12 + w->month - 1, to = from + w->months;
        long sum = 0;
        for (int e = 0; e < ncell; e++)
            if (bound[e] >= from && bound[e + 1] <= to)
                for (int k = 0; k < nbatch; k++) {
                    cells[c++] = ATOM(n, e, k);
                    sum += l->value[ATOM(n, e, k)];
                }
        if (sum != l->value[i]) {
            snprintf(err, ERR_LEN, "small numbers: %s changed while the report was made",
                     l->info[i].series);
            goto done;
        }
        if (linked_group(l, cells, c, i) != 0)
            goto oom;
    }
    /* The published figures: the batches their run counted. */
    for (int j = 0; j < figs->n; j++) {
        const LedgerFigure *f = &figs->items[j];
        int n = name_at(names, nnames, f->series), from = month_of(f->first, 0),
            to = month_of(f->last, 1), c = 0;
        long sum = 0;
        for (int e = 0; e < ncell; e++)
            if (bound[e] >= from && bound[e + 1] <= to)
                for (int k = 0; k < nbatch && batch[k] <= f->last_ref; k++) {
                    cells[c++] = ATOM(n, e, k);
                    sum += l->value[ATOM(n, e, k)];
                }
        int pub = linked_fig(l, f->value, 1);
        if (pub < 0)
            goto oom;
        l->info[pub].mark = f->shown ? SUPPRESS_LOCKED : 0;
        l->info[pub].hidden = !f->shown;
        if (sum == f->value) {
            if (linked_group(l, cells, c, pub) != 0)
                goto oom;
            continue;
        }
        /* Responses it counted have been set aside since: what it showed, and what left. */
        int now = linked_fig(l, sum, 0), gone = linked_fig(l, sum - f->value, 0);
        if (now < 0 || gone < 0 || linked_group(l, cells, c, now) != 0)
            goto oom;
        l->info[now].mark = l->info[gone].mark = SUPPRESS_PROTECT;
        int pair[2] = {pub, gone};
        if (linked_group(l, pair, 2, now) != 0)
            goto oom;
    }
    /* In every atom, the sums across series. */
    int all = name_at(names, nnames, "responses|*");
    for (int e = 0; e < ncell; e++)
        for (int k = 0; k < nbatch; k++) {
            int c = 0;
            for (int n = 0; all >= 0 && n < nnames; n++)
                if (strncmp(names[n], "responses|", 10) == 0 && n != all)
                    cells[c++] = ATOM(n, e, k);
            if (all >= 0 && atom_sum(l, cells, c, ATOM(all, e, k)) != 0)
                goto oom;
            c = 0;
            for (int n = 0; all >= 0 && n < nnames; n++)
                if (strncmp(names[n], "session|", 8) == 0)
                    cells[c++] = ATOM(n, e, k);
            if (all >= 0 && atom_sum(l, cells, c, ATOM(all, e, k)) != 0)
                goto oom;
            for (int n = 0; n < nnames; n++) {
                char key[512];
                if (strncmp(names[n], "responses|", 10) == 0 && n != all) {
                    snprintf(key, sizeof key, "age|%s|", names[n] + 10);
                    c = 0;
                    for (int b = 0; b < nnames; b++)
                        if (strncmp(names[b], key, strlen(key)) == 0)
                            cells[c++] = ATOM(b, e, k);
                    if (c > 0 && atom_sum(l, cells, c, ATOM(n, e, k)) != 0)
                        goto oom;
                } else if (strncmp(names[n], "age|*|", 6) == 0) {
                    c = 0;
                    for (int b = 0; b < nnames; b++) {
                        const char *bar =
                            b != n && strncmp(names[b], "age|", 4) == 0 ? strchr(names[b] + 4, '|')
                                                                        : NULL;
                        if (bar && strcmp(bar + 1, names[n] + 6) == 0)
                            cells[c++] = ATOM(b, e, k);
                    }
                    if (atom_sum(l, cells, c, ATOM(n, e, k)) != 0)
                        goto oom;
                } else if (strncmp(names[n], "answered|", 9) == 0 ||
                           strncmp(names[n], "counted|", 8) == 0) {
                    /* answered|F|Q in responses|F; counted|F|Q|C in answered|F|Q */
                    int counted = names[n][0] == 'c';
                    const char *rest = names[n] + (counted ? 8 : 9), *bar = strchr(rest, '|');
                    const char *end = counted && bar ? strchr(bar + 1, '|') : bar;
                    if (!bar || !end)
                        continue;
                    if (counted)
                        snprintf(key, sizeof key, "answered|%.*s", (int)(end - rest), rest);
                    else
                        snprintf(key, sizeof key, "responses|%.*s", (int)(bar - rest), rest);
                    int wider = name_at(names, nnames, key);
                    if (wider < 0)
                        continue;
                    int pair[2] = {ATOM(n, e, k),
                                   linked_fig(l, l->value[ATOM(wider, e, k)] -
                                                     l->value[ATOM(n, e, k)],
                                              0)};
                    if (pair[1] < 0 || linked_group(l, pair, 2, ATOM(wider, e, k)) != 0)
                        goto oom;
                    l->info[pair[1]].mark = SUPPRESS_PROTECT;
                }
            }
        }
#undef ATOM
    rc = 0;
    goto done;
oom:
    snprintf(err, ERR_LEN, "out of memory");
done:
    free(names);
    free(bound);
    free(batch);
    free(atoms);
    free(cells);
    return rc;
}

/* Every relation above among p's figures, the trends' and the figures only sums know, then
 * suppress_figures(); the result goes back into p->hide and each trend Figure. */
static int suppress_all(const ReportInputs *in, Participation *p, Figure (*trend)[REPORT_TREND],
                        LedgerFigures *record, char *err)
{
    Linked l = {0};
    LedgerFigures ledger = {0};
    unsigned char *mark = NULL;
    int(*slots)[REPORT_TREND][2] = NULL; /* per measure and period: counted's and n's figure */
    int *cells = NULL, rc = -1;
    SuppressGroup *g = NULL;
    unsigned char *hide = NULL;
    int ncells_max = p->nforms + p->nbands + p->nsessions + p->nx + 8;

    for (int i = 0; i < p->nfig; i++) {
        int cost = i == fig_all()          ? COST_ALL
                   : i < fig_band(p, 0)    ? COST_FORM
                   : i < fig_cell(p, 0, 0) ? COST_LINE
                   : i < fig_session(p, 0) ? COST_CELL
                                           : COST_LINE;
        if (linked_fig(&l, p->value[i], cost) != i)
            goto oom;
    }
    /* Their names in the ledger. */
    {
        const Period *w = &in->period;
        const char *t = LEDGER_PARTICIPATION;
        int bad = linked_name(&l, fig_all(), t, w, "responses", "*", NULL, NULL);
        for (int f = 0; f < p->nforms; f++) {
            bad |= linked_name(&l, fig_form(p, f), t, w, "responses", p->form[f], NULL, NULL);
            for (int b = 0; b < p->nbands; b++)
                bad |= linked_name(&l, fig_cell(p, f, b), t, w, "age", p->form[f], p->band[b],
                                   NULL);
        }
        for (int b = 0; b < p->nbands; b++)
            bad |= linked_name(&l, fig_band(p, b), t, w, "age", "*", p->band[b], NULL);
        for (int i = 0; i < p->nsessions; i++)
            bad |= linked_name(&l, fig_session(p, i), t, w, "session", p->session[i], NULL,
                               NULL);
        if (bad)
            goto oom;
    }
    if (!(cells = malloc(sizeof *cells * (size_t)ncells_max)))
        goto oom;
    /* The participation tables. */
    for (int f = 0; f < p->nforms; f++)
        cells[f] = fig_form(p, f);
    if (linked_group(&l, cells, p->nforms, fig_all()) != 0)
        goto oom;
    for (int f = 0; f < p->nforms; f++) {
        for (int b = 0; b < p->nbands; b++)
            cells[b] = fig_cell(p, f, b);
        if (linked_group(&l, cells, p->nbands, fig_form(p, f)) != 0)
            goto oom;
    }
    for (int b = 0; b < p->nbands; b++) {
        for (int f = 0; f < p->nforms; f++)
            cells[f] = fig_cell(p, f, b);
        if (linked_group(&l, cells, p->nforms, fig_band(p, b)) != 0)
            goto oom;
    }
    for (int b = 0; b < p->nbands; b++)
        cells[b] = fig_band(p, b);
    if (linked_group(&l, cells, p->nbands, fig_all()) != 0)
        goto oom;
    for (int i = 0; i < p->nsessions; i++)
        cells[i] = fig_session(p, i);
    if (linked_group(&l, cells, p->nsessions, fig_all()) != 0)
        goto oom;
    /* Sessions and surveys: the responses by both, not published. */
    int x0 = l.n;
    for (int i = 0; i < p->nx; i++)
        if (linked_fig(&l, p->x_count[i], 0) < 0)
            goto oom;
    for (int f = 0; f < p->nforms; f++) {
        int n = 0;
        for (int i = 0; i < p->nx; i++)
            if (p->x_form[i] == f)
                cells[n++] = x0 + i;
        if (linked_group(&l, cells, n, fig_form(p, f)) != 0)
            goto oom;
    }
    for (int i = 0; i < p->nx;) {
        int n = 0, session = p->x_session[i];
        while (i < p->nx && p->x_session[i] == session)
            cells[n++] = x0 + i++;
        if (linked_group(&l, cells, n, fig_session(p, session)) != 0)
            goto oom;
    }

    /* The measures: what each publishes, tied to what the sums know. */
    const MeasureSet *ms = in->measures;
    if (!(slots = calloc((size_t)(ms->n ? ms->n : 1), sizeof *slots)))
        goto oom;
    Period year = period_window(&in->period, 12);
    for (int i = 0; i < ms->n; i++) {
        const Measure *m = &ms->items[i];
        for (int t = 0; t < REPORT_TREND; t++) {
            int q[3];
            const Figure *fg = &trend[i][t];
            if (link_window(&l, p, in, m, &fg->window, q, err) != 0)
                goto done;
            int k = m->kind == MEASURE_COUNT ? (m->question ? q[2] : q[0]) : q[2];
            int n = m->kind == MEASURE_COUNT ? k : m->denominator == DENOM_ANSWERED ? q[1] : q[0];
            slots[i][t][0] = l.q[k].fig;
            slots[i][t][1] = l.q[n].fig;
            int cost = t == REPORT_TREND - 1 ? COST_MEASURE : COST_PAST;
            l.cost[l.q[k].fig] += cost;
            /* An n whose percentage is hidden anyway (too few counted) shows little. */
            if (n != k)
                l.cost[l.q[n].fig] += suppress_small(l.value[l.q[k].fig]) ? COST_LINE : cost;
            /* A year to the end of a quarter is its four quarters. */
            if (in->period.months != 3 || m->months != 12 || !same_window(&fg->window, &year))
                continue;
            int quarter[4][3];
            for (int j = 0; j < 4; j++) {
                Period qp = period_before(&in->period, j);
                if (link_window(&l, p, in, m, &qp, quarter[j], err) != 0)
                    goto done;
            }
            for (int kind = 0; kind < 3; kind++) {
                if (q[kind] < 0 || l.q[q[kind]].summed)
                    continue;
                for (int j = 0; j < 4; j++)
                    cells[j] = l.q[quarter[j][kind]].fig;
                if (linked_group(&l, cells, 4, l.q[q[kind]].fig) != 0)
                    goto oom;
                l.q[q[kind]].summed = 1;
            }
        }
    }

    /* Everything published before (none for a draft's own record, but drafts are solved with
     * it too, so that they show what the report would). */
    int nown = l.n;
    if (ledger_load(council_db(in->council), &ledger, err) != 0 ||
        link_ledger(&l, in, &ledger, err) != 0)
        goto done;

    if (!(g = calloc((size_t)(l.ngroups ? l.ngroups : 1), sizeof *g)) ||
        !(hide = calloc((size_t)(l.n ? l.n : 1), 1)) || !(mark = calloc((size_t)(l.n ? l.n : 1), 1)))
        goto oom;
    for (int k = 0; k < l.ngroups; k++)
        g[k] = (SuppressGroup){l.gcount[k], l.pool + l.gfirst[k], l.gtotal[k]};
    for (int i = 0; i < l.n; i++) {
        mark[i] = l.info[i].mark;
        hide[i] = l.info[i].hidden;
    }
    if (suppress_figures_marked(l.value, l.cost, mark, hide, l.n, g, l.ngroups) < 0) {
        snprintf(err, ERR_LEN,
                 "small numbers: out of memory, or more than %d hidden figures to check",
                 SUPPRESS_SOLVE_MAX);
        goto done;
    }
    memcpy(p->hide, hide, (size_t)p->nfig);
    for (int i = 0; record && i < nown; i++) {
        char first[11], last[11];
        if (!l.info[i].series || l.cost[i] == 0)
            continue;
        period_days(&l.info[i].window, first, last);
        if (ledger_add(record, l.info[i].table, l.info[i].series, first, last, l.value[i],
                       !hide[i], err) != 0)
            goto done;
    }
    for (int i = 0; i < ms->n; i++)
        for (int t = 0; t < REPORT_TREND; t++) {
            Figure *fg = &trend[i][t];
            if (fg->state == FIGURE_NO_DATA)
                continue;
            int k = slots[i][t][0], n = slots[i][t][1];
            if (hide[k] || hide[n]) {
                fg->state = FIGURE_SUPPRESSED;
                fg->n_hidden = hide[n];
                fg->rag = RAG_NONE;
            }
        }
    rc = 0;
    goto done;
oom:
    snprintf(err, ERR_LEN, "out of memory");
done:
    free(g);
    free(hide);
    free(mark);
    free(cells);
    free(slots);
    linked_free(&l);
    ledger_free(&ledger);
    return rc;
}

int report_measure_figures(const ReportInputs *in, Figure (*trend)[REPORT_TREND], char *err)
{
    Participation part;
    memset(&part, 0, sizeof part);
    for (int i = 0; i < in->measures->n; i++)
        if (report_measure_trend(in, &in->measures->items[i], trend[i], err) != 0)
            return -1;
    int rc = gather_participation(in, &part, err) == 0 &&
                     suppress_all(in, &part, trend, NULL, err) == 0
                 ? 0
                 : -1;
    participation_free(&part);
    return rc;
}

static const char *form_title(const Participation *p, int f)
{
    const Survey *s = p->survey[f];
    if (!s)
        return p->form[f];
    const char *t = survey_text(s, s->title, s->default_lang);
    return *t ? t : s->form_id;
}

/* ---- worker files: safety flags and free text ---- */

static void hex_id(const void *blob, int len, char out[2 * RESPONSE_ID_LEN + 1])
{
    static const char digits[] = "0123456789abcdef";
    const unsigned char *b = blob;
    int n = len < RESPONSE_ID_LEN ? len : RESPONSE_ID_LEN;
    for (int i = 0; i < n; i++) {
        out[2 * i] = digits[b[i] >> 4];
        out[2 * i + 1] = digits[b[i] & 15];
    }
    out[2 * (n > 0 ? n : 0)] = '\0';
}

/* The questions of a flagged response whose answer is a safeguarding choice, as
 * "question: choice; ..." (names, for workers). */
static int concerns(sqlite3 *db, const SurveySet *surveys, const char *form, sqlite3_int64 ref,
                    char *out, size_t cap, char *err)
{
    sqlite3_stmt *s = NULL;
    out[0] = '\0';
    if (sqlite3_prepare_v2(db,
                           "SELECT question, value FROM answer WHERE response = ?1 AND "
                           "kind = 1 ORDER BY rowid",
                           -1, &s, NULL) != SQLITE_OK) {
        snprintf(err, ERR_LEN, "safety: %s", sqlite3_errmsg(db));
        return -1;
    }
    sqlite3_bind_int64(s, 1, ref);
    const Survey *sv = surveys_find(surveys, form);
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        const char *qname = (const char *)sqlite3_column_text(s, 0);
        const char *value = (const char *)sqlite3_column_text(s, 1);
        const Question *q = sv ? survey_question_named(sv, qname) : NULL;
        int c = q && q->list ? survey_choice_index(q->list, value) : -1;
        if (c >= 0 && q->list->choices[c].safeguarding) {
            size_t used = strlen(out);
            snprintf(out + used, cap - used, "%s%s: %s", used ? "; " : "", qname, value);
        }
    }
    int rc = step == SQLITE_DONE ? 0 : -1;
    if (rc != 0)
        snprintf(err, ERR_LEN, "safety: %s", sqlite3_errmsg(db));
    sqlite3_finalize(s);
    return rc;
}

/* safety.csv: every flagged response of the period. Counts them for the HTML. */
static int write_safety(const ReportInputs *in, FILE *f, long *flagged, long *talk, char *err)
{
    sqlite3 *db = council_db(in->council);
    sqlite3_stmt *s = NULL;
    char first[11], last[11];
    period_days(&in->period, first, last);
    *flagged = *talk = 0;
    fputs(csv_bom, f);
    fputs("response,day,session,form_id,survey,kiosk,concern,asked_to_talk,imported_on\n", f);
    /* The kiosk column names every kiosk that sent this response, so a copy another kiosk's
     * key passed off can't hide where the young person was. */
    if (sqlite3_prepare_v2(db,
                           "SELECT r.id, r.day, r.session, r.form_id,"
                           " (SELECT group_concat(o.kiosk, '; ') FROM (SELECT kiosk FROM response o"
                           "  WHERE o.id = r.id AND o.digest = r.digest AND o.aside IS NOT '"
                           COUNCIL_ASIDE_REVOKED "' ORDER BY o.ref) o),"
                           " r.flags, r.imported_on, r.ref"
                           " FROM " COUNCIL_COUNTED " r WHERE (r.flags & ?3) != 0 AND r.day >= ?1"
                           " AND r.day <= ?2 ORDER BY r.day, r.form_id, r.id",
                           -1, &s, NULL) != SQLITE_OK) {
        snprintf(err, ERR_LEN, "safety: %s", sqlite3_errmsg(db));
        return -1;
    }
    sqlite3_bind_text(s, 1, first, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, last, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 3, (int)(RESPONSE_FLAG_SAFETY | RESPONSE_FLAG_TALK));
    int step, rc = -1;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        char id[2 * RESPONSE_ID_LEN + 1], concern[1024];
        const void *blob = sqlite3_column_blob(s, 0);
        int bloblen = sqlite3_column_bytes(s, 0);
        const char *form = (const char *)sqlite3_column_text(s, 3);
        long flags = (long)sqlite3_column_int64(s, 5);
        hex_id(blob, bloblen, id);
        if (concerns(db, &in->surveys, form, sqlite3_column_int64(s, 7), concern, sizeof concern,
                     err) != 0)
            goto done;
        const Survey *sv = surveys_find(&in->surveys, form);
        (*flagged)++;
        if (flags & RESPONSE_FLAG_TALK)
            (*talk)++;
        csv(f, id, 0);
        csv(f, (const char *)sqlite3_column_text(s, 1), 0);
        csv(f, (const char *)sqlite3_column_text(s, 2), 0);
        csv(f, form, 0);
        csv(f, sv ? survey_text(sv, sv->title, sv->default_lang) : "", 0);
        csv(f, (const char *)sqlite3_column_text(s, 4), 0);
        csv(f, concern, 0);
        csv(f, flags & RESPONSE_FLAG_TALK ? "yes" : "no", 0);
        csv(f, (const char *)sqlite3_column_text(s, 6), 1);
    }
    if (step != SQLITE_DONE) {
        snprintf(err, ERR_LEN, "safety: %s", sqlite3_errmsg(db));
        goto done;
    }
    rc = 0;
done:
    sqlite3_finalize(s);
    return rc;
}

/* free-text.csv: every text answer of the period, for workers to read before anything of it is
 * quoted anywhere. */
static int write_free_text(const ReportInputs *in, FILE *f, long *count, char *err)
{
    sqlite3 *db = council_db(in->council);
    sqlite3_stmt *s = NULL;
    char first[11], last[11];
    period_days(&in->period, first, last);
    *count = 0;
    fputs(csv_bom, f);
    fputs("response,day,session,form_id,question,question_label,text\n", f);
    if (sqlite3_prepare_v2(db,
                           "SELECT r.id, r.day, r.session, r.form_id, a.question, a.value"
                           " FROM answer a JOIN " COUNCIL_COUNTED " r ON r.ref = a.response"
                           " WHERE a.kind = ?3 AND r.day >= ?1 AND r.day <= ?2"
                           " ORDER BY r.day, r.form_id, a.question, r.id",
                           -1, &s, NULL) != SQLITE_OK) {
        snprintf(err, ERR_LEN, "free text: %s", sqlite3_errmsg(db));
        return -1;
    }
    sqlite3_bind_text(s, 1, first, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, last, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 3, ANSWER_TEXT);
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        char id[2 * RESPONSE_ID_LEN + 1];
        hex_id(sqlite3_column_blob(s, 0), sqlite3_column_bytes(s, 0), id);
        const char *form = (const char *)sqlite3_column_text(s, 3);
        const char *qname = (const char *)sqlite3_column_text(s, 4);
        const Survey *sv = surveys_find(&in->surveys, form);
        const Question *q = sv ? survey_question_named(sv, qname) : NULL;
        csv(f, id, 0);
        csv(f, (const char *)sqlite3_column_text(s, 1), 0);
        csv(f, (const char *)sqlite3_column_text(s, 2), 0);
        csv(f, form, 0);
        csv(f, qname, 0);
        csv(f, q ? survey_text(sv, q->label, sv->default_lang) : "", 0);
        csv(f, (const char *)sqlite3_column_text(s, 5), 1);
        (*count)++;
    }
    int rc = 0;
    if (step != SQLITE_DONE) {
        snprintf(err, ERR_LEN, "free text: %s", sqlite3_errmsg(db));
        rc = -1;
    }
    sqlite3_finalize(s);
    return rc;
}

/* ---- committee CSVs ---- */

static void figure_cells(const Figure *f, char *value, char *n, size_t cap)
{
    switch (f->state) {
    case FIGURE_NO_DATA:
        snprintf(value, cap, "%s", "");
        snprintf(n, cap, "0");
        break;
    case FIGURE_SUPPRESSED:
        snprintf(value, cap, "c");
        if (f->n_hidden)
            snprintf(n, cap, "c");
        else
            snprintf(n, cap, "%ld", f->n);
        break;
    case FIGURE_VALUE:
        snprintf(value, cap, "%ld", f->value);
        snprintf(n, cap, "%ld", f->n);
        break;
    }
}

/* bom 0: the caller has written it, and a line before the header (a draft's). */
static void write_measures_csv(const ReportInputs *in, Figure (*trend)[REPORT_TREND], FILE *f,
                               int bom)
{
    if (bom)
        fputs(csv_bom, f);
    fputs("plan,ref,workstream,measure,unit,period,value,n,target,amber,rag\n", f);
    for (int i = 0; i < in->measures->n; i++) {
        const Measure *m = &in->measures->items[i];
        for (int t = 0; t < REPORT_TREND; t++) {
            const Figure *fg = &trend[i][t];
            char period[64], value[32], n[32];
            period_name(&fg->window, period, sizeof period);
            figure_cells(fg, value, n, sizeof value);
            csv(f, m->plan, 0);
            csv(f, m->refs, 0);
            csv(f, m->workstream, 0);
            csv(f, m->text, 0);
            csv(f, m->kind == MEASURE_PERCENT ? "percent" : "count", 0);
            csv(f, period, 0);
            csv(f, value, 0);
            csv(f, n, 0);
            csv_long(f, fg->target, 0);
            csv_long(f, fg->amber, 0);
            csv(f, rag_name(fg->rag), 1);
        }
    }
}

static void write_participation_csv(const Participation *p, FILE *f, int bom)
{
    if (bom)
        fputs(csv_bom, f);
    fputs("breakdown,form_id,survey,category,responses\n", f);
    fputs("all,,All surveys,,", f);
    csv_figure(f, p->value[fig_all()], p->hide[fig_all()], 1);
    for (int i = 0; i < p->nforms; i++) {
        csv(f, "survey", 0);
        csv(f, p->form[i], 0);
        csv(f, form_title(p, i), 0);
        csv(f, "", 0);
        csv_figure(f, p->value[fig_form(p, i)], p->hide[fig_form(p, i)], 1);
    }
    for (int i = 0; i < p->nforms; i++)
        for (int b = 0; b < p->nbands; b++) {
            int c = fig_cell(p, i, b);
            if (!band_offered(p, i, b) && p->value[c] == 0)
                continue;
            csv(f, "age band", 0);
            csv(f, p->form[i], 0);
            csv(f, form_title(p, i), 0);
            csv(f, p->band_label[b], 0);
            csv_figure(f, p->value[c], p->hide[c], 1);
        }
    for (int b = 0; b < p->nbands; b++) {
        csv(f, "age band", 0);
        csv(f, "", 0);
        csv(f, "All surveys", 0);
        csv(f, p->band_label[b], 0);
        csv_figure(f, p->value[fig_band(p, b)], p->hide[fig_band(p, b)], 1);
    }
    for (int s = 0; s < p->nsessions; s++) {
        csv(f, "session", 0);
        csv(f, "", 0);
        csv(f, "", 0);
        csv(f, *p->session[s] ? p->session[s] : "(no session)", 0);
        csv_figure(f, p->value[fig_session(p, s)], p->hide[fig_session(p, s)], 1);
    }
}

/* ---- the HTML ---- */

static const char css[] =
    ":root{--ink:#1b1f24;--muted:#5b6570;--line:#d5dbe1;--green:#1e7b34;--amber:#f0b400;"
    "--red:#c0262d;--accent:#2b4c7e}"
    "*{box-sizing:border-box;-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    "body{font-family:'Noto Sans','Segoe UI',Arial,Helvetica,sans-serif;color:var(--ink);"
    "max-width:60rem;margin:2rem auto;padding:0 1.5rem;line-height:1.45;font-size:15px}"
    "h1{font-size:1.9rem;margin:.2rem 0 .3rem}h2{font-size:1.3rem;margin:2rem 0 .6rem;"
    "padding-bottom:.3rem;border-bottom:2px solid var(--accent)}"
    "h3{font-size:1.05rem;margin:1.4rem 0 .4rem}"
    ".kicker{text-transform:uppercase;letter-spacing:.06em;font-size:.78rem;color:var(--accent);"
    "margin:0;font-weight:bold}"
    ".meta{color:var(--muted);margin:0}"
    ".safety{border:2px solid var(--red);border-left-width:10px;border-radius:6px;"
    "padding:.8rem 1.1rem;margin:1.4rem 0;background:#fff6f6}"
    ".safety h2{border:0;margin:0 0 .3rem;padding:0;color:var(--red)}.safety p{margin:.3rem 0}"
    ".big{font-size:1.6rem;font-weight:bold}"
    ".glance{display:flex;gap:.6rem;flex-wrap:wrap;margin:.6rem 0}"
    ".glance div{border:1px solid var(--line);border-radius:6px;padding:.4rem .8rem;"
    "min-width:7.5rem}.glance b{display:block;font-size:1.4rem}"
    "table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem}"
    "th,td{border-bottom:1px solid var(--line);padding:.4rem .45rem;text-align:left;"
    "vertical-align:top}th{font-size:.8rem;color:var(--muted);font-weight:bold}"
    "td.num,th.num{text-align:right;white-space:nowrap}"
    ".ref{font-weight:bold}.how{color:var(--muted);font-size:.8rem;"
    "margin-top:.2rem}.value{font-size:1.35rem;font-weight:bold;white-space:nowrap}"
    ".sub{color:var(--muted);font-size:.78rem}td.num .sub{white-space:normal}"
    ".rag{display:inline-block;border-radius:1rem;padding:.1rem .65rem;font-weight:bold;"
    "font-size:.85rem;white-space:nowrap;border:2px solid transparent}"
    ".rag.green{background:var(--green);color:#fff}.rag.amber{background:var(--amber);"
    "color:#000}.rag.red{background:var(--red);color:#fff}.rag.none{border-color:var(--line);"
    "color:var(--muted);font-weight:normal}"
    "table.measures{table-layout:fixed}.measures .w-ref{width:8%}.measures .w-measure{"
    "width:35%}.measures .w-value{width:13%}.measures .w-target{width:10%}.measures .w-rag{"
    "width:10%}.measures .w-trend{width:24%}.measures td{overflow-wrap:anywhere}"
    ".trend{width:100%;max-width:184px;height:auto;display:block}"
    "svg text{font-family:inherit}.trend .bar.green{fill:var(--green)}.trend .bar.amber{"
    "fill:var(--amber)}.trend .bar.red{fill:var(--red)}.trend .bar.past{opacity:.55}"
    ".trend .axis{stroke:#8a939c;stroke-width:1}.trend .target{stroke:var(--ink);"
    "stroke-width:1.2;stroke-dasharray:3 2}.trend .v{font-size:10px;font-weight:bold;"
    "text-anchor:middle}.trend .l{font-size:8.5px;fill:var(--muted);text-anchor:middle}"
    ".hbar rect{fill:var(--accent)}"
    ".cross td,.cross th{text-align:right;white-space:nowrap;font-size:.85rem}"
    ".cross td:first-child,.cross th:first-child{text-align:left;white-space:normal}"
    ".cross tr.total td{font-weight:bold;border-top:2px solid var(--muted)}"
    "footer{margin-top:2.4rem;border-top:2px solid var(--accent);padding-top:.6rem;"
    "font-size:.85rem;color:#333}footer h2{font-size:1rem;border:0;margin:.8rem 0 .2rem}"
    "footer p{margin:.25rem 0}"
    "@page{size:A4;margin:14mm 12mm 16mm}"
    "@media print{body{max-width:none;margin:0;padding:0;font-size:9.5pt}"
    "h2{break-after:avoid}h3{break-after:avoid}tr,.safety,.glance,svg{break-inside:avoid}"
    "thead{display:table-header-group}.safety{background:none}}";

/* A RAG pill, in words as well as colour, so it reads in black and white. */
/* A draft's banner: at the top of the screen, and of every printed page. */
static const char css_draft[] =
    ".draft{position:fixed;top:0;left:0;right:0;margin:0;padding:.3rem;background:#fde68a;"
    "color:#000;font-weight:bold;text-align:center;z-index:9}body{padding-top:2.2rem}"
    "@media print{.draft{position:fixed;top:0}}";

static void html_rag(FILE *h, Rag r)
{
    switch (r) {
    case RAG_GREEN:
        fputs("<span class=\"rag green\">Green</span>", h);
        break;
    case RAG_AMBER:
        fputs("<span class=\"rag amber\">Amber</span>", h);
        break;
    case RAG_RED:
        fputs("<span class=\"rag red\">Red</span>", h);
        break;
    case RAG_NONE:
        fputs("<span class=\"rag none\">Not rated</span>", h);
        break;
    }
}

static const char *rag_class(Rag r)
{
    switch (r) {
    case RAG_GREEN:
        return "green";
    case RAG_AMBER:
        return "amber";
    case RAG_RED:
        return "red";
    case RAG_NONE:
        break;
    }
    return "none";
}

static void figure_text(const Measure *m, const Figure *f, char *buf, size_t cap)
{
    if (f->state == FIGURE_NO_DATA)
        snprintf(buf, cap, DASH);
    else if (f->state == FIGURE_SUPPRESSED)
        snprintf(buf, cap, "c");
    else
        snprintf(buf, cap, "%ld%s", f->value, m->kind == MEASURE_PERCENT ? "%" : "");
}

/* Four bars, oldest first, with the target as a dashed line. */
static void html_trend(FILE *h, const Measure *m, const Figure *t)
{
    enum { W = 184, H = 78, SLOT = 46, BAR = 26, TOP = 14, BASE = 52 };
    long max = 100;
    if (m->kind == MEASURE_COUNT) {
        max = t[REPORT_TREND - 1].target;
        for (int i = 0; i < REPORT_TREND; i++)
            if (t[i].state == FIGURE_VALUE && t[i].value > max)
                max = t[i].value;
        max = max < 10 ? 10 : max + max / 8;
    }
    fprintf(h,
            "<svg class=\"trend\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
            "role=\"img\" aria-label=\"Last four periods:",
            W, H, W, H);
    for (int i = 0; i < REPORT_TREND; i++) {
        char name[64], value[32];
        period_name(&t[i].window, name, sizeof name);
        figure_text(m, &t[i], value, sizeof value);
        fprintf(h, "%s ", i ? "," : "");
        html(h, name);
        fputs(" ", h);
        html(h, value);
    }
    fputs("\">", h);
    fprintf(h, "<line class=\"axis\" x1=\"0\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", BASE, W, BASE);
    for (int i = 0; i < REPORT_TREND; i++) {
        const Figure *f = &t[i];
        int x = i * SLOT + (SLOT - BAR) / 2, cx = i * SLOT + SLOT / 2;
        char name[64], value[32], l1[32], l2[32];
        period_name(&f->window, name, sizeof name);
        figure_text(m, f, value, sizeof value);
        period_short(&f->window, l1, l2, sizeof l1);
        int top = BASE - 2;
        if (f->state == FIGURE_VALUE) {
            long v = f->value > max ? max : f->value;
            int hgt = (int)((BASE - TOP) * v / max);
            if (hgt < 1 && f->value > 0)
                hgt = 1;
            top = BASE - hgt;
            fprintf(h,
                    "<rect class=\"bar %s%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\">"
                    "<title>",
                    rag_class(f->rag), i < REPORT_TREND - 1 ? " past" : "", x, top, BAR, hgt);
            html(h, name);
            fprintf(h, ": %s of %ld (%s)</title></rect>", value, f->n, rag_name(f->rag));
        }
        fprintf(h, "<text class=\"v\" x=\"%d\" y=\"%d\">", cx, top - 3);
        html(h, value);
        fprintf(h, "</text><text class=\"l\" x=\"%d\" y=\"%d\"%s>", cx, BASE + 11,
                i == REPORT_TREND - 1 ? " font-weight=\"bold\"" : "");
        html(h, l1);
        fprintf(h, "</text><text class=\"l\" x=\"%d\" y=\"%d\">", cx, BASE + 21);
        html(h, l2);
        fputs("</text>", h);
    }
    long target = t[REPORT_TREND - 1].target;
    if (target <= max) {
        int y = BASE - (int)((BASE - TOP) * target / max);
        fprintf(h,
                "<line class=\"target\" x1=\"0\" y1=\"%d\" x2=\"%d\" y2=\"%d\"><title>"
                "Target %ld%s</title></line>",
                y, W, y, target, m->kind == MEASURE_PERCENT ? "%" : "");
    }
    fputs("</svg>", h);
}

/* How the measure is worked out, in words: survey, question, the answers that count. */
static void html_how(FILE *h, const Measure *m)
{
    const Survey *s = m->survey;
    fputs("<div class=\"how\">", h);
    html(h, survey_text(s, s->title, s->default_lang));
    if (m->question) {
        fputs(" \xe2\x80\x93 \xe2\x80\x9c", h);
        html(h, survey_text(s, m->question->label, s->default_lang));
        fputs("\xe2\x80\x9d, counting ", h);
        for (int i = 0; i < m->ncounts; i++) {
            int c = survey_choice_index(m->question->list, m->counts[i]);
            fputs(i == 0 ? "" : i == m->ncounts - 1 ? " or " : ", ", h);
            fputs("\xe2\x80\x9c", h);
            html(h, survey_text(s, m->question->list->choices[c].label, s->default_lang));
            fputs("\xe2\x80\x9d", h);
        }
    }
    if (m->kind == MEASURE_PERCENT)
        fputs(m->denominator == DENOM_ANSWERED
                  ? ", of those who answered (\xe2\x80\x9cI'd rather not say\xe2\x80\x9d left out)"
                  : ", of everyone who took the survey",
              h);
    else
        fputs(m->question ? ": the number of responses" : " \xe2\x80\x93 the number of responses",
              h);
    if (*m->workstream) {
        fputs(". Workstream: ", h);
        html(h, m->workstream);
    }
    fputs(".</div>", h);
}

static void html_measure_row(FILE *h, const ReportInputs *in, const Measure *m, const Figure *t)
{
    const Figure *f = &t[REPORT_TREND - 1];
    char value[32], window[64];
    figure_text(m, f, value, sizeof value);
    period_name(&f->window, window, sizeof window);
    fputs("<tr><td class=\"ref\">", h);
    for (int r = 0; r < m->nrefs; r++) {
        if (r)
            fputs(", ", h);
        html(h, m->ref[r]);
    }
    fputs("</td><td>", h);
    html(h, m->text);
    html_how(h, m);
    fputs("</td><td class=\"num\"><div class=\"value\">", h);
    html(h, value);
    fputs("</div><div class=\"sub\">", h);
    if (f->state == FIGURE_NO_DATA)
        fputs("no answers", h);
    else if (f->state == FIGURE_SUPPRESSED && f->n_hidden)
        fputs("hidden: small numbers", h);
    else if (f->state == FIGURE_SUPPRESSED)
        fprintf(h, "hidden: small numbers; of %ld %s", f->n,
                m->denominator == DENOM_ANSWERED ? "who answered" : "responses");
    else if (m->kind == MEASURE_PERCENT)
        fprintf(h, "of %ld %s", f->n,
                m->denominator == DENOM_ANSWERED ? "who answered" : "responses");
    else
        fputs("responses", h);
    fputs("</div>", h);
    if (strcmp(window, in->period_name) != 0) {
        fputs("<div class=\"sub\">", h);
        html(h, window);
        fputs("</div>", h);
    }
    fprintf(h, "</td><td class=\"num\">%ld%s<div class=\"sub\">amber from %ld%s</div></td><td>",
            f->target, m->kind == MEASURE_PERCENT ? "%" : "", f->amber,
            m->kind == MEASURE_PERCENT ? "%" : "");
    html_rag(h, f->rag);
    fputs("</td><td>", h);
    html_trend(h, m, t);
    fputs("</td></tr>\n", h);
}

static void html_figure(FILE *h, long v, int hidden)
{
    if (hidden)
        fputs("c", h);
    else
        fprintf(h, "%ld", v);
}

static void html_participation(FILE *h, const Participation *p)
{
    fputs("<h2>Who took part</h2>\n<h3>Responses by survey</h3>\n"
          "<table><thead><tr><th>Survey</th><th class=\"num\">Responses</th><th></th></tr>"
          "</thead><tbody>\n",
          h);
    long max = 1;
    for (int f = 0; f < p->nforms; f++)
        if (!p->hide[fig_form(p, f)] && p->value[fig_form(p, f)] > max)
            max = p->value[fig_form(p, f)];
    for (int f = 0; f < p->nforms; f++) {
        int i = fig_form(p, f);
        fputs("<tr><td>", h);
        html(h, form_title(p, f));
        fputs("</td><td class=\"num\">", h);
        html_figure(h, p->value[i], p->hide[i]);
        fputs("</td><td>", h);
        if (!p->hide[i] && p->value[i] > 0) {
            int w = (int)(300 * p->value[i] / max);
            fprintf(h,
                    "<svg class=\"hbar\" width=\"300\" height=\"14\" role=\"img\" "
                    "aria-label=\"%ld responses\"><rect x=\"0\" y=\"1\" width=\"%d\" "
                    "height=\"12\" rx=\"2\"/></svg>",
                    p->value[i], w < 2 ? 2 : w);
        }
        fputs("</td></tr>\n", h);
    }
    fputs("<tr><td><b>All surveys</b></td><td class=\"num\"><b>", h);
    html_figure(h, p->value[fig_all()], p->hide[fig_all()]);
    fputs("</b></td><td></td></tr>\n</tbody></table>\n", h);

    fputs("<h3>Responses by age band</h3>\n<table class=\"cross\"><thead><tr><th>Survey</th>", h);
    for (int b = 0; b < p->nbands; b++) {
        fputs("<th>", h);
        html(h, p->band_label[b]);
        fputs("</th>", h);
    }
    fputs("<th>All</th></tr></thead><tbody>\n", h);
    for (int f = 0; f < p->nforms; f++) {
        fputs("<tr><td>", h);
        html(h, form_title(p, f));
        fputs("</td>", h);
        for (int b = 0; b < p->nbands; b++) {
            int c = fig_cell(p, f, b);
            fputs("<td>", h);
            if (!band_offered(p, f, b) && p->value[c] == 0)
                fputs(DASH, h);
            else
                html_figure(h, p->value[c], p->hide[c]);
            fputs("</td>", h);
        }
        fputs("<td>", h);
        html_figure(h, p->value[fig_form(p, f)], p->hide[fig_form(p, f)]);
        fputs("</td></tr>\n", h);
    }
    fputs("<tr class=\"total\"><td>All surveys</td>", h);
    for (int b = 0; b < p->nbands; b++) {
        fputs("<td>", h);
        html_figure(h, p->value[fig_band(p, b)], p->hide[fig_band(p, b)]);
        fputs("</td>", h);
    }
    fputs("<td>", h);
    html_figure(h, p->value[fig_all()], p->hide[fig_all()]);
    fputs("</td></tr>\n</tbody></table>\n<p class=\"how\">Each survey asks for an age band of "
          "its own; " DASH " marks a band a survey does not offer. \xe2\x80\x9cNot given\xe2\x80"
          "\x9d is \xe2\x80\x9cI'd rather not say\xe2\x80\x9d or no answer.</p>\n",
          h);

    fputs("<h3>Responses by session</h3>\n<table><thead><tr><th>Session</th>"
          "<th class=\"num\">Responses</th></tr></thead><tbody>\n",
          h);
    if (p->nsessions == 0)
        fputs("<tr><td colspan=\"2\">No responses in this period.</td></tr>\n", h);
    for (int s = 0; s < p->nsessions; s++) {
        fputs("<tr><td>", h);
        if (*p->session[s])
            html(h, p->session[s]);
        else
            fputs("Not in a named session", h);
        fputs("</td><td class=\"num\">", h);
        html_figure(h, p->value[fig_session(p, s)], p->hide[fig_session(p, s)]);
        fputs("</td></tr>\n", h);
    }
    fputs("</tbody></table>\n", h);
}

/* The latest import day in the database, for "figures as imported up to". */
static void latest_import(const ReportInputs *in, char day[11])
{
    sqlite3_stmt *s = NULL;
    snprintf(day, 11, "%s", "");
    if (sqlite3_prepare_v2(council_db(in->council), "SELECT max(imported_on) FROM " COUNCIL_COUNTED, -1, &s,
                           NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL)
        snprintf(day, 11, "%s", (const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
}

static void html_safety(FILE *h, long flagged, long talk)
{
    fputs("<section class=\"safety\"><h2>Safety first</h2>\n", h);
    if (flagged == 0) {
        fputs("<p>No young person chose a safety answer (for example \xe2\x80\x9cNo\xe2\x80\x9d "
              "to \xe2\x80\x9c"
              "Do you feel safe where you live?\xe2\x80\x9d) in this period."
              "</p>\n",
              h);
    } else {
        /* A hidden count is always "responses": "response" would say it is 1. */
        int hidden = suppress_small(flagged);
        fputs("<p><span class=\"big\">", h);
        html_figure(h, flagged, hidden);
        fputs("</span> ", h);
        if (hidden)
            fputs("\xe2\x80\x94 fewer than " MIN_TEXT " ", h);
        fputs(flagged == 1 && !hidden ? "response" : "responses", h);
        fputs(" in this period said a young person did not feel safe, and ", h);
        html_figure(h, talk, suppress_small(talk));
        fputs(suppress_small(talk) ? " (fewer than " MIN_TEXT ")" : "", h);
        fputs(" of them asked for someone to talk to them.</p>\n<p>Each young person was shown, on "
              "the kiosk, who can help straight away "
              "(Childline 0800 1111). The answers are anonymous; the participation team has the "
              "day, session and survey of each flagged response and follows each one up with "
              "the hub or group under safeguarding procedures. Those details are kept for "
              "workers only and are never part of this report.</p>\n",
              h);
    }
    fputs("</section>\n", h);
}

static void html_report(FILE *h, const ReportInputs *in, Figure (*trend)[REPORT_TREND],
                        const Participation *p, long flagged, long talk, long free_text,
                        int draft)
{
    char describe[128], imported[11];
    period_describe(&in->period, describe, sizeof describe);
    latest_import(in, imported);
    fputs("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          h);
    fputs(draft ? "DRAFT: What children and young people told us: "
                : "What children and young people told us: ",
          h);
    html(h, in->period_name);
    fprintf(h, "</title>\n<style>%s%s</style>\n</head>\n<body>\n", css, draft ? css_draft : "");
    /* Fixed, so that a printed draft says so at the top of every page. */
    if (draft)
        fputs("<p class=\"draft\">DRAFT: not for publication. Nothing in it is recorded as "
              "published, and the figures may change before the report is run.</p>\n",
              h);
    fputs("<header>\n", h);
    fputs("<p class=\"kicker\">Corporate Parenting Committee &middot; participation report</p>\n"
          "<h1>What children and young people told us</h1>\n<p class=\"meta\"><b>",
          h);
    html(h, in->period_name);
    fputs("</b>: ", h);
    html(h, describe);
    fputs(". ", h);
    html_figure(h, p->value[fig_all()], p->hide[fig_all()]);
    fputs(" responses from the Chorus kiosks", h);
    if (*imported) {
        fputs(", as imported up to ", h);
        html(h, imported);
    }
    fputs(".</p>\n</header>\n", h);

    html_safety(h, flagged, talk);

    int count[4] = {0};
    for (int i = 0; i < in->measures->n; i++)
        count[trend[i][REPORT_TREND - 1].rag]++;
    fputs("<h2>Measures</h2>\n<div class=\"glance\">", h);
    fprintf(h, "<div><b>%d</b>measures</div>", in->measures->n);
    fprintf(h, "<div><b>%d</b><span class=\"rag green\">Green</span></div>", count[RAG_GREEN]);
    fprintf(h, "<div><b>%d</b><span class=\"rag amber\">Amber</span></div>", count[RAG_AMBER]);
    fprintf(h, "<div><b>%d</b><span class=\"rag red\">Red</span></div>", count[RAG_RED]);
    fprintf(h, "<div><b>%d</b><span class=\"rag none\">Not rated</span></div>", count[RAG_NONE]);
    fputs("</div>\n<p class=\"how\">Each measure is a ref of an action plan. Green: at or above "
          "target; amber: at or above the amber threshold; red: below it. Not rated: the "
          "figure is hidden under the small-numbers rule (see the end of this report), or "
          "no one answered. The bars show the last four periods, this one last (bold); the "
          "dashed line is the target.</p>\n",
          h);
    for (int i = 0; i < in->measures->n; i++) {
        const char *plan = in->measures->items[i].plan;
        int seen = 0;
        for (int j = 0; j < i && !seen; j++)
            seen = strcmp(in->measures->items[j].plan, plan) == 0;
        if (seen)
            continue;
        fputs("<h3>", h);
        html(h, plan);
        fputs("</h3>\n<table class=\"measures\"><colgroup><col class=\"w-ref\">"
              "<col class=\"w-measure\"><col class=\"w-value\"><col class=\"w-target\">"
              "<col class=\"w-rag\"><col class=\"w-trend\"></colgroup>"
              "<thead><tr><th>Ref</th><th>Measure</th>"
              "<th class=\"num\">This period</th><th class=\"num\">Target</th><th>RAG</th>"
              "<th>Last four periods</th></tr></thead><tbody>\n",
              h);
        for (int j = i; j < in->measures->n; j++)
            if (strcmp(in->measures->items[j].plan, plan) == 0)
                html_measure_row(h, in, &in->measures->items[j], trend[j]);
        fputs("</tbody></table>\n", h);
    }

    html_participation(h, p);

    fputs("<footer>\n<h2>Small numbers</h2>\n<p>Any figure from fewer than " MIN_TEXT
          " young people is shown as <b>c</b>, so no young person can be picked out. A "
          "percentage is shown only when at least " MIN_TEXT " young people answered and the "
          "number it counts is 0 or at least " MIN_TEXT "; otherwise it is <b>c</b> (how many "
          "answered may still be shown). A zero is shown: it identifies no one.</p>\n"
          "<p>Where a hidden figure could be worked out from figures that are shown, more "
          "figures are hidden too, until none can be. That takes in every table and measure "
          "of this report and its CSV files together: each table's rows, columns and "
          "totals; the same young people counted in two places (a survey's responses, a "
          "measure that counts them or takes them as its n, a session held for one survey); "
          "those who answered a question and those who did not; and a year and its four "
          "quarters. Every copy of a hidden figure is hidden with it, and the figures hidden "
          "to protect another are chosen so that no copy elsewhere gives them away. So "
          "<b>c</b> does not always mean fewer than " MIN_TEXT ".</p>\n"
          "<p>This holds across reports too. Every figure of every report run for the committee "
          "(a quarter, a year, a financial year, a period run again) is recorded, and each new "
          "report is worked out together with all of them: no figure is shown that, set beside "
          "any earlier report (a year less its quarters, one run of a period less another), "
          "gives away a number of fewer than " MIN_TEXT " young people (other than 0). "
          "A figure published before stands. Responses that arrive late for a period already "
          "reported are counted whenever that period is reported again (and in any year that "
          "takes it in), but a changed figure is shown only when the change, and all it lets "
          "a reader work out, is 0 or at least " MIN_TEXT " young people; otherwise it is "
          "<b>c</b>.</p>\n"
          "<h2>How to read the measures</h2>\n<p>Percentages count the young "
          "people who gave an answer to the question; \xe2\x80\x9cI'd rather not say\xe2\x80\x9d"
          " and questions skipped are left out, unless a measure says it counts everyone who "
          "took the survey. Percentages are rounded to whole numbers and rated as rounded. A "
          "measure judged over a year shows the twelve months to the end of this period.</p>\n"
          "<h2>What is not in this report</h2>\n<p>What young people wrote in their own words (",
          h);
    html_figure(h, free_text, suppress_small(free_text));
    fputs(" written answers this period) and the details of safety flags stay with the "
          "participation team, who read every one; themes from them come to the committee "
          "through the team, never as quotes with details that could identify anyone.</p>\n"
          "<p>Produced by chorus-sync report.</p>\n</footer>\n</body>\n</html>\n",
          h);
}

/* ---- the command ---- */

typedef struct {
    const char *period, *out, *db, *surveys, *measures;
    int draft;
} ReportArgs;

static const Option report_rows[] = {
    OPT_REQUIRED("--period", "P", ReportArgs, period,
                 "2026-Q3 (July-September), 2026, 2026/27 (April-March), 2026/27-Q1"),
    OPT_REQUIRED("--out", "DIR", ReportArgs, out, "where the files go"),
    OPT_TEXT("--db", "FILE", ReportArgs, db, DEFAULT_COUNCIL_DB, "the council database"),
    OPT_TEXT("--surveys", "DIR", ReportArgs, surveys, DEFAULT_SURVEYS,
             "the surveys the measures name"),
    OPT_TEXT("--measures", "FILE", ReportArgs, measures, DEFAULT_MEASURES, "the measures"),
    OPT_FLAG("--draft", ReportArgs, draft,
             "not for publication: every page says DRAFT, and nothing is recorded as published"),
    OPT_END,
};

const OptionTable report_options = {
    .program = "chorus-sync",
    .name = "report",
    .options = report_rows,
    .run = cmd_report,
    .about =
        "Writes the Corporate Parenting Committee report of PERIOD into DIR (made 0700 if new):\n"
        "  report.html        for the committee: safety flags first (a count), each measure's "
        "value,\n"
        "                     n, target, RAG and last four periods, who took part; one file, no\n"
        "                     scripts, no links, prints on A4\n"
        "  measures.csv       the measures' figures, four periods each\n"
        "  participation.csv  responses by survey, age band and session\n"
        "  free-text.csv      what young people wrote, for workers only (0600)\n"
        "  safety.csv         flagged responses: id, day, session, survey, for workers only "
        "(0600)\n"
        "Figures from fewer than " MIN_TEXT " young people show as c; a percentage shows only "
        "from\n"
        "at least " MIN_TEXT " answers, counting 0 or at least " MIN_TEXT
        " of them. More figures are hidden until\n"
        "none can be worked out from the others, across every table and measure and every\n"
        "report published before (chorus-sync published lists them); each report is recorded\n"
        "as published, unless it is a --draft.",
};

typedef struct {
    const char *name;
    const char *mode; /* "committee" 0644 or "worker" 0600 */
    Out out;
} OutFile;

int cmd_report(int argc, char **argv)
{
    ReportArgs o;
    OptionArgs args;
    int done = options_read(&report_options, argc, argv, &o, &args);
    if (done >= 0)
        return done;
    const char *db = o.db, *surveys = o.surveys, *measures = o.measures, *period = o.period,
               *outdir = o.out;

    char err[ERR_LEN];
    static SurveyProblems probs;
    ReportInputs in;
    Participation part;
    memset(&part, 0, sizeof part);
    Figure(*trend)[REPORT_TREND] = NULL;
    OutFile files[] = {
        {"safety.csv", "worker", {0}},      {"free-text.csv", "worker", {0}},
        {"measures.csv", "committee", {0}}, {"participation.csv", "committee", {0}},
        {"report.html", "committee", {0}},
    };
    enum { SAFETY, FREE_TEXT, MEASURES_CSV, PARTICIPATION_CSV, HTML, NFILES };
    long flagged = 0, talk = 0, free_text = 0;
    int rc = 1;
    LedgerFigures record = {0};
    /* The committee's tier never sits beside the analysts' (records.h); checked before
     * anything is counted or recorded as published. */
    char found[4096];
    if (records_found_in(outdir, found, sizeof found)) {
        fprintf(stderr,
                "chorus-sync report: %s is record-level data (chorus-sync records): a "
                "committee report never goes beside it; choose a folder of its own\n",
                found);
        return 1;
    }
    if (report_inputs_open(&in, db, surveys, measures, period, &probs, err) != 0) {
        survey_problems_print(measures, &probs, stderr);
        fprintf(stderr, "chorus-sync report: %s\n", err);
        return 1;
    }
    if (!(trend = calloc((size_t)in.measures->n, sizeof *trend))) {
        snprintf(err, ERR_LEN, "out of memory");
        goto done;
    }
    for (int i = 0; i < in.measures->n; i++)
        if (report_measure_trend(&in, &in.measures->items[i], trend[i], err) != 0)
            goto done;
    /* What a report publishes is solved with, and recorded in, one write transaction: no
     * import lands between the counts and the record, and no two reports solve against the
     * same ledger at once. The record is made before the files are written, so a failed write
     * leaves a recorded run that constrains later reports (the safe side), never an
     * unrecorded publication. */
    sqlite3 *cdb = council_db(in.council);
    if (!o.draft && sqlite3_exec(cdb, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        snprintf(err, ERR_LEN, "%s: %s", db, sqlite3_errmsg(cdb));
        goto done;
    }
    int64_t last_ref = ledger_last_ref(cdb), run = 0;
    if (gather_participation(&in, &part, err) != 0 ||
        suppress_all(&in, &part, trend, o.draft ? NULL : &record, err) != 0)
        goto done;
    if (!o.draft && (ledger_record(cdb, in.period_name, last_ref, &record, &run, err) != 0 ||
                     sqlite3_exec(cdb, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)) {
        if (!*err || strncmp(err, "recording", 9) != 0)
            snprintf(err, ERR_LEN, "recording what was published: %s", sqlite3_errmsg(cdb));
        goto done;
    }
    for (int i = 0; i < NFILES; i++)
        if (out_open(&files[i].out, err) != 0)
            goto done;
    if (write_safety(&in, files[SAFETY].out.f, &flagged, &talk, err) != 0 ||
        write_free_text(&in, files[FREE_TEXT].out.f, &free_text, err) != 0)
        goto done;
    if (o.draft) {
        fputs(csv_bom, files[MEASURES_CSV].out.f);
        fputs(csv_bom, files[PARTICIPATION_CSV].out.f);
        fputs(DRAFT_LINE "\n", files[MEASURES_CSV].out.f);
        fputs(DRAFT_LINE "\n", files[PARTICIPATION_CSV].out.f);
    }
    write_measures_csv(&in, trend, files[MEASURES_CSV].out.f, !o.draft);
    write_participation_csv(&part, files[PARTICIPATION_CSV].out.f, !o.draft);
    html_report(files[HTML].out.f, &in, trend, &part, flagged, talk, free_text, o.draft);
    for (int i = 0; i < NFILES; i++)
        if (out_finish(&files[i].out, err) != 0)
            goto done;
    if (file_mkdirs(outdir, 0700, err) != 0)
        goto done;
    /* Worker files first: if a write fails part way, the committee files are the old ones. */
    for (int i = 0; i < NFILES; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", outdir, files[i].name);
        int mode = strcmp(files[i].mode, "worker") == 0 ? 0600 : 0644;
        if (file_write_atomic(path, files[i].out.data, files[i].out.len, mode, err) != 0)
            goto done;
    }
    printf("%s for %s written to %s/report.html (with measures.csv, participation.csv; "
           "for workers only: free-text.csv, safety.csv)\n",
           o.draft ? "DRAFT report" : "report", in.period_name, outdir);
    if (o.draft)
        printf("a draft: not for publication, and not recorded as published\n");
    else
        printf("recorded as published: run %lld (chorus-sync published lists it)\n",
               (long long)run);
    if (flagged > 0)
        printf("safety: %ld flagged response%s in %s: see %s/safety.csv\n", flagged,
               flagged == 1 ? "" : "s", in.period_name, outdir);
    rc = 0;
done:
    if (rc != 0)
        fprintf(stderr, "chorus-sync report: %s\n", err);
    if (in.council && !sqlite3_get_autocommit(council_db(in.council)))
        sqlite3_exec(council_db(in.council), "ROLLBACK", NULL, NULL, NULL);
    ledger_free(&record);
    for (int i = 0; i < NFILES; i++)
        out_free(&files[i].out);
    participation_free(&part);
    free(trend);
    report_inputs_close(&in);
    return rc;
}
