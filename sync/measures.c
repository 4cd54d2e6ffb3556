/* measures.c: measures.csv, periods, a measure's figure from the council database, and the
 * small-number rules. See measures.h for the contract; start reading at measures_parse().
 *
 * Choices the contract leaves open:
 * - A measure's counts are bound to one statement as " a b c " and matched with instr(), so
 *   any number of choices goes through one prepared statement: no SQL is ever built from data.
 * - A percentage is rounded half up to a whole number before it is rated, so the RAG a reader
 *   sees always agrees with the number beside it.
 * - A count measure judged over a longer window than its period (a quarterly count in a year's
 *   report) has its target and amber scaled by the number of periods in the window. */
#include "measures.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "council.h"
#include "csv.h"
#include "fileio.h"
#include "response.h"

/* ---- surveys ---- */

int surveys_load_dir(SurveySet *set, const char *dir, char *err)
{
    enum { NAMES_MAX = 256 };
    char *names[NAMES_MAX];
    int rc = -1;
    static SurveyProblems probs;
    int n = survey_list(dir, names, NAMES_MAX, err); /* .csv, .xlsx, .xls: as import reads */
    if (n < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        static const SurveyMedia names_only; /* answers are counted, never shown */
        Survey *s = survey_load_with(path, &names_only, &probs);
        if (!s) {
            if (probs.count > 0)
                survey_problem_format(path, &probs.items[0], err, ERR_LEN);
            else
                snprintf(err, ERR_LEN, "%s: cannot load the survey", path);
            goto done;
        }
        if (set->n == SURVEYS_MAX) {
            snprintf(err, ERR_LEN, "%s: more than %d surveys", dir, SURVEYS_MAX);
            survey_free(s);
            goto done;
        }
        if (surveys_find(set, s->form_id)) {
            snprintf(err, ERR_LEN, "%s: form id '%s' is already used by %s", path, s->form_id,
                     surveys_find(set, s->form_id)->path);
            survey_free(s);
            goto done;
        }
        set->items[set->n++] = s;
    }
    if (n == 0) {
        snprintf(err, ERR_LEN, "%s: no survey files (*.csv)", dir);
        goto done;
    }
    rc = 0;
done:
    file_list_free(names, n);
    if (rc != 0)
        surveys_free(set);
    return rc;
}

void surveys_free(SurveySet *set)
{
    if (!set)
        return;
    for (int i = 0; i < set->n; i++)
        survey_free(set->items[i]);
    memset(set, 0, sizeof *set);
}

const Survey *surveys_find(const SurveySet *set, const char *form_id)
{
    for (int i = 0; i < set->n; i++)
        if (strcmp(set->items[i]->form_id, form_id) == 0)
            return set->items[i];
    return NULL;
}

/* ---- measures.csv ---- */

enum {
    COL_REF,
    COL_PLAN,
    COL_WORKSTREAM,
    COL_MEASURE,
    COL_KIND,
    COL_FORM,
    COL_QUESTION,
    COL_COUNTS,
    COL_DENOMINATOR,
    COL_TARGET,
    COL_AMBER,
    COL_PERIOD,
    NCOLS
};

static const char *const column_names[NCOLS] = {
    "ref",      "plan",   "workstream",  "measure", "kind",  "form_id",
    "question", "counts", "denominator", "target",  "amber", "period",
};

typedef struct {
    const char *path;
    SurveyProblems *probs;
    Arena *arena;
    const SurveySet *surveys;
    int col[NCOLS]; /* field index of each column, -1 when missing */
    int line;       /* line of the record being checked */
    int bad;        /* the record being checked has a problem */
} Loader;

__attribute__((format(printf, 4, 5))) static void problem(SurveyProblems *probs, int line,
                                                          int column, const char *fmt, ...)
{
    if (probs->count == SURVEY_ERRORS_MAX) {
        probs->truncated = 1;
        return;
    }
    SurveyProblem *p = &probs->items[probs->count++];
    p->line = line;
    p->column = column;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->reason, sizeof p->reason, fmt, ap);
    va_end(ap);
}

/* A problem in column c of the record being checked. */
#define BAD(ld, c, ...)                                                                            \
    do {                                                                                           \
        problem((ld)->probs, (ld)->line, (ld)->col[c] + 1, __VA_ARGS__);                           \
        (ld)->bad = 1;                                                                             \
    } while (0)

static char *trimmed(Arena *a, const char *s)
{
    size_t len = strlen(s);
    while (len && isspace((unsigned char)s[len - 1]))
        len--;
    while (len && isspace((unsigned char)*s)) {
        s++;
        len--;
    }
    return arena_strndup(a, s, len);
}

/* 1 if s has no control characters and none of the characters of chars. */
static int plain_text(const char *s, const char *chars)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7F || strchr(chars, *p))
            return 0;
    return 1;
}

/* Parses a whole number in [lo, hi]. Returns 0 or -1. */
static int whole_number(const char *s, long lo, long hi, long *out)
{
    if (!*s)
        return -1;
    for (const char *p = s; *p; p++)
        if (!isdigit((unsigned char)*p))
            return -1;
    if (strlen(s) > 10)
        return -1;
    long v = strtol(s, NULL, 10);
    if (v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

/* Splits s (in the arena, modified) at spaces into at most max words. Returns the number of
 * words, or -1 when there are more than max. */
static int split_words(char *s, const char **words, int max)
{
    int n = 0;
    char *save = NULL;
    for (char *tok = strtok_r(s, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
        if (n == max)
            return -1;
        words[n++] = tok;
    }
    return n;
}

static const char *question_type_name(QuestionType t)
{
    switch (t) {
    case QT_SELECT_ONE:
        return "select_one";
    case QT_SELECT_MULTIPLE:
        return "select_multiple";
    case QT_TEXT:
        return "text";
    case QT_INTEGER:
        return "integer";
    case QT_NOTE:
        return "note";
    case QT_CALCULATE:
        return "calculate";
    }
    return "?";
}

/* Reads the header record: every column of column_names, once, in any order. */
static int read_header(Loader *ld, const CsvRecord *rec)
{
    for (int c = 0; c < NCOLS; c++)
        ld->col[c] = -1;
    int ok = 1;
    for (int i = 0; i < rec->nfields; i++) {
        char name[64];
        snprintf(name, sizeof name, "%s", rec->fields[i].text);
        char *t = name;
        while (isspace((unsigned char)*t))
            t++;
        size_t len = strlen(t);
        while (len && isspace((unsigned char)t[len - 1]))
            t[--len] = '\0';
        for (char *p = t; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        if (!*t && i == rec->nfields - 1)
            continue; /* a trailing comma */
        int c = 0;
        while (c < NCOLS && strcmp(column_names[c], t) != 0)
            c++;
        if (c == NCOLS) {
            problem(ld->probs, rec->line, i + 1,
                    "unknown column '%s' (the columns are ref, "
                    "plan, workstream, measure, kind, form_id, "
                    "question, counts, denominator, target, "
                    "amber, period)",
                    rec->fields[i].text);
            ok = 0;
        } else if (ld->col[c] >= 0) {
            problem(ld->probs, rec->line, i + 1, "column '%s' appears twice", column_names[c]);
            ok = 0;
        } else {
            ld->col[c] = i;
        }
    }
    for (int c = 0; c < NCOLS; c++)
        if (ld->col[c] < 0) {
            problem(ld->probs, rec->line, 0, "no '%s' column", column_names[c]);
            ok = 0;
        }
    return ok ? 0 : -1;
}

/* The trimmed text of column c of rec ("" when the record is short), in the arena. */
static char *field(Loader *ld, const CsvRecord *rec, int c)
{
    int i = ld->col[c];
    return trimmed(ld->arena, i < rec->nfields ? rec->fields[i].text : "");
}

static void check_refs(Loader *ld, Measure *m, char *refs)
{
    m->refs = arena_strdup(ld->arena, refs);
    if (!*refs) {
        BAD(ld, COL_REF, "no ref: write the action-plan ref as the table does, e.g. 1.1b");
        return;
    }
    if (!plain_text(refs, "[]\"")) {
        BAD(ld, COL_REF, "a ref may not hold control characters, quotes or brackets");
        return;
    }
    m->nrefs = split_words(refs, m->ref, MEASURE_REFS_MAX);
    if (m->nrefs < 0) {
        BAD(ld, COL_REF, "more than %d refs", MEASURE_REFS_MAX);
        return;
    }
    for (int i = 0; i < m->nrefs; i++) {
        if (strlen(m->ref[i]) > MEASURE_REF_MAX)
            BAD(ld, COL_REF, "ref '%s' is longer than %d bytes", m->ref[i], MEASURE_REF_MAX);
        for (int j = 0; j < i; j++)
            if (strcmp(m->ref[i], m->ref[j]) == 0)
                BAD(ld, COL_REF, "ref '%s' is written twice", m->ref[i]);
    }
}

static void check_text(Loader *ld, int c, const char *s, int required)
{
    if (required && !*s)
        BAD(ld, c, "empty: say %s",
            c == COL_PLAN ? "which action plan, e.g. Gateshead 2021/22"
                          : "what is measured, in words");
    else if (strlen(s) > MEASURE_TEXT_MAX)
        BAD(ld, c, "longer than %d bytes", MEASURE_TEXT_MAX);
    else if (!plain_text(s, "[]"))
        /* Brackets mark Chorus's note in a plan's progress cell (see plan.c). */
        BAD(ld, c, "may not hold control characters or square brackets");
}

/* The question and the counts, against the survey. */
static void check_question(Loader *ld, Measure *m, const char *qname, char *counts)
{
    if (!m->survey)
        return;
    if (!*qname) {
        if (m->kind == MEASURE_PERCENT)
            BAD(ld, COL_QUESTION, "a percent measure needs a question");
        else if (*counts)
            BAD(ld, COL_COUNTS, "counts need a question");
        return;
    }
    const Question *q = survey_question_named(m->survey, qname);
    if (!q) {
        BAD(ld, COL_QUESTION, "survey '%s' (%s) has no question '%s'", m->form_id, m->survey->path,
            qname);
        return;
    }
    if (q->type != QT_SELECT_ONE && q->type != QT_SELECT_MULTIPLE) {
        BAD(ld, COL_QUESTION,
            "question '%s' is a %s question; a measure counts choices of a "
            "select_one or select_multiple",
            qname, question_type_name(q->type));
        return;
    }
    m->question = q;
    if (!*counts) {
        BAD(ld, COL_COUNTS, "which answers count? name choices of list '%s', e.g. '%s'",
            q->list->name, q->list->nchoices ? q->list->choices[0].name : "");
        return;
    }
    m->ncounts = split_words(counts, m->counts, MEASURE_COUNTS_MAX);
    if (m->ncounts < 0) {
        BAD(ld, COL_COUNTS, "more than %d choices", MEASURE_COUNTS_MAX);
        return;
    }
    for (int i = 0; i < m->ncounts; i++) {
        if (survey_choice_index(q->list, m->counts[i]) < 0)
            BAD(ld, COL_COUNTS, "'%s' is not a choice of question '%s' (list '%s')", m->counts[i],
                qname, q->list->name);
        for (int j = 0; j < i; j++)
            if (strcmp(m->counts[i], m->counts[j]) == 0)
                BAD(ld, COL_COUNTS, "'%s' is written twice", m->counts[i]);
    }
}

static void check_numbers(Loader *ld, Measure *m, const char *target, const char *amber)
{
    long hi = m->kind == MEASURE_PERCENT ? 100 : MEASURE_NUMBER_MAX;
    const char *what = m->kind == MEASURE_PERCENT ? "a whole percentage from 0 to 100"
                                                  : "a whole number of responses";
    int ok = 1;
    if (whole_number(target, 0, hi, &m->target) != 0) {
        BAD(ld, COL_TARGET, "target '%s' is not %s", target, what);
        ok = 0;
    }
    if (whole_number(amber, 0, hi, &m->amber) != 0) {
        BAD(ld, COL_AMBER, "amber '%s' is not %s", amber, what);
        ok = 0;
    }
    if (ok && m->amber > m->target)
        BAD(ld, COL_AMBER,
            "amber (%ld) is above the target (%ld): amber is the lower "
            "threshold",
            m->amber, m->target);
}

static int same_measure(const Measure *a, const Measure *b)
{
    if (strcmp(a->plan, b->plan) != 0 || strcmp(a->form_id, b->form_id) != 0 ||
        a->kind != b->kind || a->question != b->question || a->months != b->months ||
        a->denominator != b->denominator || a->ncounts != b->ncounts)
        return 0;
    for (int i = 0; i < a->ncounts; i++)
        if (strcmp(a->counts[i], b->counts[i]) != 0)
            return 0;
    for (int i = 0; i < a->nrefs; i++)
        if (measure_has_ref(b, a->ref[i]))
            return 1;
    return 0;
}

static void check_record(Loader *ld, const CsvRecord *rec, Measure *m)
{
    memset(m, 0, sizeof *m);
    m->line = rec->line;
    ld->line = rec->line;
    ld->bad = 0;
    char *v[NCOLS];
    for (int c = 0; c < NCOLS; c++)
        if (!(v[c] = field(ld, rec, c))) {
            problem(ld->probs, rec->line, 0, "out of memory");
            ld->bad = 1;
            return;
        }
    check_refs(ld, m, v[COL_REF]);
    m->plan = v[COL_PLAN];
    m->workstream = v[COL_WORKSTREAM];
    m->text = v[COL_MEASURE];
    check_text(ld, COL_PLAN, m->plan, 1);
    check_text(ld, COL_WORKSTREAM, m->workstream, 0);
    check_text(ld, COL_MEASURE, m->text, 1);

    int kind_ok = 1;
    if (strcmp(v[COL_KIND], "percent") == 0)
        m->kind = MEASURE_PERCENT;
    else if (strcmp(v[COL_KIND], "count") == 0)
        m->kind = MEASURE_COUNT;
    else {
        BAD(ld, COL_KIND, "kind '%s' is not 'percent' or 'count'", v[COL_KIND]);
        kind_ok = 0;
    }

    m->form_id = v[COL_FORM];
    m->survey = surveys_find(ld->surveys, m->form_id);
    if (!*m->form_id)
        BAD(ld, COL_FORM, "no form_id: name the survey the measure counts");
    else if (!m->survey) {
        char known[300] = "";
        for (int i = 0; i < ld->surveys->n; i++)
            snprintf(known + strlen(known), sizeof known - strlen(known), "%s%s", i ? ", " : "",
                     ld->surveys->items[i]->form_id);
        BAD(ld, COL_FORM, "no survey has form id '%s' (known: %s)", m->form_id, known);
    }
    if (kind_ok)
        check_question(ld, m, v[COL_QUESTION], v[COL_COUNTS]);

    const char *den = v[COL_DENOMINATOR];
    if (kind_ok && m->kind == MEASURE_PERCENT) {
        if (strcmp(den, "answered") == 0)
            m->denominator = DENOM_ANSWERED;
        else if (strcmp(den, "responses") == 0)
            m->denominator = DENOM_RESPONSES;
        else
            BAD(ld, COL_DENOMINATOR,
                "denominator '%s' is not 'answered' (those who answered "
                "the question) or 'responses' (every response)",
                den);
    } else if (kind_ok && *den) {
        BAD(ld, COL_DENOMINATOR, "a count has no denominator; leave it empty");
    }
    if (kind_ok)
        check_numbers(ld, m, v[COL_TARGET], v[COL_AMBER]);

    if (strcmp(v[COL_PERIOD], "quarter") == 0)
        m->months = 3;
    else if (strcmp(v[COL_PERIOD], "year") == 0)
        m->months = 12;
    else
        BAD(ld, COL_PERIOD, "period '%s' is not 'quarter' or 'year'", v[COL_PERIOD]);
}

/* 1 if every field of rec is empty (a blank line, or a spreadsheet's row of commas). */
static int blank_record(const CsvRecord *rec)
{
    for (int i = 0; i < rec->nfields; i++)
        for (const char *p = rec->fields[i].text; *p; p++)
            if (!isspace((unsigned char)*p))
                return 0;
    return 1;
}

MeasureSet *measures_parse(const char *path, const char *buf, size_t len, const SurveySet *surveys,
                           SurveyProblems *probs)
{
    memset(probs, 0, sizeof *probs);
    Loader ld = {.path = path, .probs = probs, .surveys = surveys};
    MeasureSet *set = calloc(1, sizeof *set);
    CsvTable table;
    CsvError cerr;
    if (!set || !(ld.arena = arena_new())) {
        problem(probs, 0, 0, "out of memory");
        goto fail;
    }
    set->arena = ld.arena;
    if (csv_parse(ld.arena, buf, len, &table, &cerr) != 0) {
        problem(probs, cerr.line, cerr.column, "%s", cerr.reason);
        goto fail;
    }
    int first = 0;
    while (first < table.nrecords && blank_record(&table.records[first]))
        first++;
    if (first == table.nrecords) {
        problem(probs, 0, 0, "no header row: the first row names the columns");
        goto fail;
    }
    if (read_header(&ld, &table.records[first]) != 0)
        goto fail;
    if (table.nrecords - first - 1 > MEASURES_MAX) {
        problem(probs, table.records[first + MEASURES_MAX + 1].line, 0, "more than %d measures",
                MEASURES_MAX);
        goto fail;
    }
    set->items = arena_alloc(ld.arena, sizeof *set->items * (size_t)(table.nrecords + 1));
    if (!set->items) {
        problem(probs, 0, 0, "out of memory");
        goto fail;
    }
    for (int r = first + 1; r < table.nrecords; r++) {
        const CsvRecord *rec = &table.records[r];
        if (blank_record(rec))
            continue;
        Measure *m = &set->items[set->n];
        check_record(&ld, rec, m);
        if (ld.bad)
            continue;
        for (int i = 0; i < set->n; i++)
            if (same_measure(&set->items[i], m)) {
                problem(probs, rec->line, 0, "the same measure as line %d for the same ref",
                        set->items[i].line);
                ld.bad = 1;
                break;
            }
        if (!ld.bad)
            set->n++;
    }
    if (probs->count == 0 && set->n == 0)
        problem(probs, 0, 0, "no measures: one row a measure after the header");
    if (probs->count > 0)
        goto fail;
    return set;
fail:
    measures_free(set);
    return NULL;
}

MeasureSet *measures_load(const char *path, const SurveySet *surveys, SurveyProblems *probs)
{
    char *buf = NULL, err[ERR_LEN];
    size_t len = 0;
    if (file_read_all(path, MEASURES_FILE_MAX, &buf, &len, err) != 0) {
        memset(probs, 0, sizeof *probs);
        problem(probs, 0, 0, "%s", err);
        return NULL;
    }
    MeasureSet *set = measures_parse(path, buf, len, surveys, probs);
    free(buf);
    return set;
}

void measures_free(MeasureSet *set)
{
    if (!set)
        return;
    arena_free(set->arena);
    free(set);
}

int measure_has_ref(const Measure *m, const char *ref)
{
    for (int i = 0; i < m->nrefs; i++)
        if (strcmp(m->ref[i], ref) == 0)
            return 1;
    return 0;
}

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

/* ---- figures ---- */

typedef struct {
    const char *sql; /* one of the queries below: compared by address */
    char *key;       /* the bound texts, each ended by a unit separator */
    long value;
} MemoEntry;

struct MeasureMemo {
    int n, cap;
    MemoEntry *e;
};

MeasureMemo *measure_memo_new(void) { return calloc(1, sizeof(MeasureMemo)); }

void measure_memo_free(MeasureMemo *memo)
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
static int count_query(sqlite3 *db, MeasureMemo *memo, const Measure *m, const char *sql,
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
    sqlite3_stmt *s = NULL;
    int rc = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) {
        snprintf(err, ERR_LEN, "measure on line %d: %s: %s", m->line, sqlite3_errmsg(db), sql);
        goto done;
    }
    for (int i = 0; i < n; i++)
        sqlite3_bind_text(s, i + 1, texts[i], -1, SQLITE_STATIC);
    if (sqlite3_step(s) != SQLITE_ROW) {
        snprintf(err, ERR_LEN, "measure on line %d: %s: %s", m->line, sqlite3_errmsg(db), sql);
        goto done;
    }
    *out = (long)sqlite3_column_int64(s, 0);
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
    sqlite3_finalize(s);
    return rc;
}

/* Only responses that count (COUNCIL_COUNTED: none set aside by a revocation, no copies). */
static const char sql_responses[] =
    "SELECT count(*) FROM " COUNCIL_COUNTED " WHERE form_id = ?1 AND day >= ?2 AND day <= ?3";
/* kind 1 is ANSWER_CHOICES: a real answer; "I'd rather not say" is stored as kind 0. */
static const char sql_answered[] =
    "SELECT count(DISTINCT r.ref) FROM " COUNCIL_COUNTED " r JOIN answer a ON a.response = r.ref"
    " WHERE r.form_id = ?1 AND r.day >= ?2 AND r.day <= ?3 AND a.question = ?4 AND a.kind = 1";
static const char sql_counted[] =
    "SELECT count(DISTINCT r.ref) FROM " COUNCIL_COUNTED " r JOIN answer a ON a.response = r.ref"
    " WHERE r.form_id = ?1 AND r.day >= ?2 AND r.day <= ?3 AND a.question = ?4 AND a.kind = 1"
    " AND instr(?5, ' ' || a.value || ' ') > 0";

int measure_compute(sqlite3 *db, MeasureMemo *memo, const Measure *m, const Period *window,
                    Figure *f, char *err)
{
    memset(f, 0, sizeof *f);
    f->window = *window;
    long responses, answered;
    if (measure_counts(db, memo, m, window, &responses, &answered, &f->counted, err) != 0)
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

int measure_counts(sqlite3 *db, MeasureMemo *memo, const Measure *m, const Period *window,
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
    return count_query(db, memo, m, sql_counted, args, 5, counted, err);
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

/* ---- small numbers ---- */

int suppress_small(long n)
{
    return n >= 1 && n < SUPPRESS_MIN;
}

int suppress_percent(long counted, long n)
{
    return suppress_small(n) || suppress_small(counted) || suppress_small(n - counted);
}

typedef struct {
    const long *value;
    const int *cost;  /* NULL: all alike */
    const unsigned char *mark; /* SUPPRESS_PROTECT, SUPPRESS_LOCKED; NULL: none */
    unsigned char *gone;       /* fixed by figures that can no longer be hidden: let go */
    long *class_cost; /* with cost: what hiding a figure costs, its copies' included */
    unsigned char *hide;
    int nfig;
    const SuppressGroup *groups;
    int ngroups;
} Suppress;

static int published(const Suppress *s, int i)
{
    return !s->cost || s->cost[i] > 0;
}

/* 1 if figure i may be hidden now: not one an earlier report already showed. */
static int hideable(const Suppress *s, int i)
{
    return !s->mark || !(s->mark[i] & SUPPRESS_LOCKED);
}

/* 1 if a reader must not be able to work figure i out: a published one, or a protected one
 * (a difference of shown figures) that is small. */
static int guarded(const Suppress *s, int i)
{
    if (published(s, i))
        return 1;
    return s->mark && (s->mark[i] & SUPPRESS_PROTECT) && suppress_small(labs(s->value[i]));
}

/* 1 if candidate a is a better figure to hide than b (-1: none yet): cheaper first, a cell
 * before the total, then smaller, then the first. */
static int better(const Suppress *s, int a, int a_total, int b, int b_total)
{
    if (b < 0)
        return 1;
    if (s->class_cost && s->class_cost[a] != s->class_cost[b])
        return s->class_cost[a] < s->class_cost[b];
    if (a_total != b_total)
        return !a_total;
    if (s->value[a] != s->value[b])
        return s->value[a] < s->value[b];
    return a < b;
}

/* Hides one more figure of group g if a hidden one could be worked out from it alone. Returns
 * 1 if it hid one, else 0. */
static int secure_group(const Suppress *s, const SuppressGroup *g)
{
    const long *value = s->value;
    unsigned char *hide = s->hide;
    /* A figure given away by earlier reports (gone) is known: it is not an unknown here. */
    int unknown = hide[g->total] && !(s->gone && s->gone[g->total]) ? 1 : 0, hidden = 0;
    long hidden_sum = 0;
    for (int i = 0; i < g->ncells; i++)
        if (hide[g->cells[i]] && !(s->gone && s->gone[g->cells[i]])) {
            unknown++;
            hidden++;
            hidden_sum += value[g->cells[i]];
        }
    /* One unknown in a sum is the sum minus the rest. Hidden cells are never 0 (zeros are
     * shown), so hidden cells adding up to their number are all 1. */
    int exposed = unknown == 1 || (!hide[g->total] && hidden > 0 && hidden_sum == hidden);
    if (!exposed)
        return 0;
    int pick = -1;
    for (int i = 0; i < g->ncells; i++) {
        int c = g->cells[i];
        if (!hide[c] && value[c] > 0 && hideable(s, c) && better(s, c, 0, pick, 0))
            pick = c;
    }
    /* With costs, the total is a candidate like the cells; without, only when no cell is. */
    if (!hide[g->total] && value[g->total] > 0 && hideable(s, g->total) &&
        (pick < 0 || (s->cost && better(s, g->total, 1, pick, 0))))
        pick = g->total;
    if (pick < 0)
        return 0; /* nothing shown is left to hide */
    hide[pick] = 1;
    return 1;
}

static int find_root(int *parent, int i)
{
    while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    return i;
}

/* class_cost[i]: the cost of figure i and of every figure tied to it by a group that, leaving
 * out zeros, has one cell and the total (a copy: hiding one hides the other). */
static int class_costs(Suppress *s)
{
    int *parent = malloc(sizeof *parent * (size_t)(s->nfig ? s->nfig : 1));
    long *sum = calloc((size_t)(s->nfig ? s->nfig : 1), sizeof *sum);
    if (!parent || !sum) {
        free(parent);
        free(sum);
        return -1;
    }
    for (int i = 0; i < s->nfig; i++)
        parent[i] = i;
    for (int k = 0; k < s->ngroups; k++) {
        const SuppressGroup *g = &s->groups[k];
        int cell = -1, nonzero = 0;
        for (int i = 0; i < g->ncells; i++)
            if (s->value[g->cells[i]] != 0) {
                cell = g->cells[i];
                nonzero++;
            }
        if (nonzero == 1 && s->value[g->total] != 0) {
            int a = find_root(parent, cell), b = find_root(parent, g->total);
            if (a != b)
                parent[a] = b;
        }
    }
    for (int i = 0; i < s->nfig; i++)
        sum[find_root(parent, i)] += s->cost[i];
    for (int i = 0; i < s->nfig; i++)
        s->class_cost[i] = sum[find_root(parent, i)];
    free(parent);
    free(sum);
    return 0;
}

/* Locks every copy of a locked figure (tied by a group with one non-zero cell and its total):
 * an earlier report showed it, so hiding a copy now would hide nothing. m is s->mark's copy,
 * changed in place. Returns 0, or -1 out of memory. */
static int spread_locks(const Suppress *s, unsigned char *m)
{
    int *parent = malloc(sizeof *parent * (size_t)(s->nfig ? s->nfig : 1));
    unsigned char *locked = calloc((size_t)(s->nfig ? s->nfig : 1), 1);
    if (!parent || !locked) {
        free(parent);
        free(locked);
        return -1;
    }
    for (int i = 0; i < s->nfig; i++)
        parent[i] = i;
    for (int k = 0; k < s->ngroups; k++) {
        const SuppressGroup *g = &s->groups[k];
        int cell = -1, nonzero = 0;
        for (int i = 0; i < g->ncells; i++)
            if (s->value[g->cells[i]] != 0) {
                cell = g->cells[i];
                nonzero++;
            }
        if (nonzero == 1 && s->value[g->total] != 0) {
            int a = find_root(parent, cell), b = find_root(parent, g->total);
            if (a != b)
                parent[a] = b;
        }
    }
    for (int i = 0; i < s->nfig; i++)
        if (m[i] & SUPPRESS_LOCKED)
            locked[find_root(parent, i)] = 1;
    for (int i = 0; i < s->nfig; i++)
        if (locked[find_root(parent, i)])
            m[i] |= SUPPRESS_LOCKED;
    free(parent);
    free(locked);
    return 0;
}

/* ---- the groups all together: which hidden figures do the equations fix? ----
 *
 * Each group is an equation: its cells minus its total is 0. With the shown figures put in,
 * the hidden ones are the unknowns. Reduced to row echelon form, an unknown is fixed exactly
 * when its pivot row has nothing in a free column. The numbers are small (coefficients 1 and
 * -1, sums of a few hundred terms), so doubles with partial pivoting are exact enough; EPS
 * only tells a cancelled entry from a real one. */

#define EPS 1e-9

/* fixed[i] = 1 for each hidden figure i the groups determine. Returns 0, or -1 when out of
 * memory or too many unknowns. */
static int solve_fixed(const Suppress *s, unsigned char *fixed)
{
    int *col = malloc(sizeof *col * (size_t)(s->nfig ? s->nfig : 1));
    int ncols = 0, nrows = 0, rc = -1;
    double *a = NULL;
    int *pivot = NULL, *var = NULL;
    if (!col)
        return -1;
    memset(fixed, 0, (size_t)s->nfig);
    for (int i = 0; i < s->nfig; i++)
        col[i] = -1;
    for (int k = 0; k < s->ngroups; k++) {
        const SuppressGroup *g = &s->groups[k];
        int any = 0;
        for (int i = -1; i < g->ncells; i++) {
            int f = i < 0 ? g->total : g->cells[i];
            if (s->hide[f]) {
                any = 1;
                if (col[f] < 0)
                    col[f] = ncols++;
            }
        }
        nrows += any;
    }
    if (ncols == 0) {
        free(col);
        return 0;
    }
    if (ncols > SUPPRESS_SOLVE_MAX)
        goto done;
    a = calloc((size_t)nrows * (size_t)ncols, sizeof *a);
    pivot = malloc(sizeof *pivot * (size_t)nrows);
    var = calloc((size_t)ncols, sizeof *var);
    if (!a || !pivot || !var)
        goto done;
    for (int i = 0; i < s->nfig; i++)
        if (col[i] >= 0)
            var[col[i]] = i;
    int r = 0;
    for (int k = 0; k < s->ngroups; k++) {
        const SuppressGroup *g = &s->groups[k];
        int any = 0;
        for (int i = -1; i < g->ncells; i++) {
            int f = i < 0 ? g->total : g->cells[i];
            if (s->hide[f]) {
                a[(size_t)r * (size_t)ncols + (size_t)col[f]] += i < 0 ? -1.0 : 1.0;
                any = 1;
            }
        }
        r += any;
    }
    int rank = 0;
    for (int c = 0; c < ncols && rank < nrows; c++) {
        int best = -1;
        double best_abs = EPS;
        for (int i = rank; i < nrows; i++) {
            double v = fabs(a[(size_t)i * (size_t)ncols + (size_t)c]);
            if (v > best_abs) {
                best_abs = v;
                best = i;
            }
        }
        if (best < 0)
            continue;
        double *pr = a + (size_t)best * (size_t)ncols, *rr = a + (size_t)rank * (size_t)ncols;
        if (best != rank)
            for (int j = 0; j < ncols; j++) {
                double t = pr[j];
                pr[j] = rr[j];
                rr[j] = t;
            }
        double inv = 1.0 / rr[c];
        for (int j = 0; j < ncols; j++)
            rr[j] *= inv;
        for (int i = 0; i < nrows; i++) {
            double *ri = a + (size_t)i * (size_t)ncols;
            double f = ri[c];
            if (i == rank || fabs(f) <= EPS)
                continue;
            for (int j = 0; j < ncols; j++)
                ri[j] -= f * rr[j];
            ri[c] = 0.0;
        }
        pivot[rank++] = c;
    }
    /* Reduced: a pivot row has its pivot and otherwise free columns only. */
    for (int i = 0; i < rank; i++) {
        const double *ri = a + (size_t)i * (size_t)ncols;
        int alone = 1;
        for (int j = 0; j < ncols && alone; j++)
            if (j != pivot[i] && fabs(ri[j]) > EPS)
                alone = 0;
        if (alone)
            fixed[var[pivot[i]]] = 1;
    }
    rc = 0;
done:
    free(a);
    free(pivot);
    free(var);
    free(col);
    return rc;
}

/* The first hidden published non-zero figure the groups fix, or -1 when none; -2 on failure. */
static int first_fixed(const Suppress *s, unsigned char *fixed)
{
    if (solve_fixed(s, fixed) != 0)
        return -2;
    for (int i = 0; i < s->nfig; i++)
        if (fixed[i] && s->hide[i] && s->value[i] != 0 && guarded(s, i) &&
            !(s->gone && s->gone[i]))
            return i;
    return -1;
}

/* Hides one more figure so that figure h is no longer fixed: of the shown non-zero figures of
 * h's groups, the best (see better()) whose hiding frees h; failing that the best of them; and
 * failing that, the best shown figure of any group with a hidden one. Returns 0, or -1. */
static int free_figure(Suppress *s, int h, unsigned char *fixed)
{
    int *cand = malloc(sizeof *cand * (size_t)s->nfig);
    unsigned char *seen = calloc((size_t)s->nfig, 1);
    int ncand = 0, rc = -1;
    if (!cand || !seen)
        goto done;
    for (int pass = 0; pass < 2 && ncand == 0; pass++)
        for (int k = 0; k < s->ngroups; k++) {
            const SuppressGroup *g = &s->groups[k];
            int mine = 0;
            for (int i = -1; i < g->ncells && !mine; i++) {
                int f = i < 0 ? g->total : g->cells[i];
                mine = pass == 0 ? f == h : s->hide[f];
            }
            if (!mine)
                continue;
            for (int i = -1; i < g->ncells; i++) {
                int f = i < 0 ? g->total : g->cells[i];
                if (!s->hide[f] && s->value[f] > 0 && hideable(s, f) && !seen[f]) {
                    seen[f] = 1;
                    cand[ncand++] = f;
                }
            }
        }
    if (ncand == 0) {
        /* Only figures already published fix it: nothing shown now can help, so it is let go
         * (it was given away before this report; the report adds nothing to that). */
        if (s->gone) {
            s->gone[h] = 1;
            rc = 0;
        }
        goto done;
    }
    /* Best first: a selection sort is plenty for a few dozen candidates. */
    for (int i = 0; i < ncand; i++) {
        int b = i;
        for (int j = i + 1; j < ncand; j++)
            if (better(s, cand[j], 0, cand[b], 0))
                b = j;
        int t = cand[i];
        cand[i] = cand[b];
        cand[b] = t;
    }
    for (int i = 0; i < ncand; i++) {
        s->hide[cand[i]] = 1;
        if (solve_fixed(s, fixed) != 0)
            goto done;
        if (!fixed[h]) {
            rc = 0;
            goto done;
        }
        s->hide[cand[i]] = 0;
    }
    s->hide[cand[0]] = 1; /* none alone is enough: hide the best and look again */
    rc = 0;
done:
    free(cand);
    free(seen);
    return rc;
}

int suppress_figures(const long *value, const int *cost, unsigned char *hide, int nfig,
                     const SuppressGroup *groups, int ngroups)
{
    return suppress_figures_marked(value, cost, NULL, hide, nfig, groups, ngroups);
}

int suppress_figures_marked(const long *value, const int *cost, const unsigned char *mark,
                            unsigned char *hide, int nfig, const SuppressGroup *groups,
                            int ngroups)
{
    Suppress s = {value, cost, NULL, NULL, NULL, hide, nfig, groups, ngroups};
    unsigned char *fixed = malloc((size_t)(nfig ? nfig : 1)), *locks = NULL;
    int hid = -1, before = 0;
    if (!fixed)
        return -1;
    if (mark) {
        if (!(s.gone = calloc((size_t)(nfig ? nfig : 1), 1)) ||
            !(locks = malloc((size_t)(nfig ? nfig : 1))))
            goto done;
        memcpy(locks, mark, (size_t)nfig);
        s.mark = locks;
        if (spread_locks(&s, locks) != 0)
            goto done;
        /* A copy of a figure shown before, hidden by an earlier report too: given away then. */
        for (int i = 0; i < nfig; i++)
            if (hide[i] && (locks[i] & SUPPRESS_LOCKED))
                s.gone[i] = 1;
    }
    for (int i = 0; i < nfig; i++)
        before += hide[i] != 0;
    if (cost) {
        if (!(s.class_cost = malloc(sizeof *s.class_cost * (size_t)(nfig ? nfig : 1))) ||
            class_costs(&s) != 0)
            goto done;
    }
    for (int i = 0; i < nfig; i++)
        if (!hide[i] && hideable(&s, i) && guarded(&s, i) && suppress_small(labs(value[i])))
            hide[i] = 1;
    /* Each round hides a figure or ends, so this stops within nfig rounds. */
    for (;;) {
        for (int changed = 1; changed;) {
            changed = 0;
            for (int g = 0; g < ngroups; g++)
                while (secure_group(&s, &groups[g]))
                    changed = 1;
        }
        int h = first_fixed(&s, fixed);
        if (h == -2)
            goto done;
        if (h < 0)
            break;
        if (free_figure(&s, h, fixed) != 0)
            goto done;
    }
    hid = 0;
    for (int i = 0; i < nfig; i++)
        hid += hide[i] != 0;
    hid -= before;
done:
    free(fixed);
    free(locks);
    free(s.gone);
    free(s.class_cost);
    return hid;
}
