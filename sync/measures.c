/* measures.c: measures.csv, read and checked against the surveys. See measures.h for the
 * contract; start reading at measures_parse(). */
#include "measures.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "csv.h"
#include "fileio.h"
#include "response.h"

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
    case QT_DECIMAL:
        return "decimal";
    case QT_RANGE:
        return "range";
    case QT_ACKNOWLEDGE:
        return "acknowledge";
    case QT_DATE:
        return "date";
    case QT_TIME:
        return "time";
    case QT_RANK:
        return "rank";
    }
    return "?";
}

MeasureRange measure_range_read(const char *s, MeasureRange want, char *lo, char *hi)
{
    const char *dots = strstr(s, "..");
    if (!dots || want == MEASURE_CHOICES)
        return MEASURE_CHOICES;
    size_t ln = (size_t)(dots - s), hn = strlen(dots + 2);
    if (ln == 0 || hn == 0 || ln >= MEASURE_RANGE_END_MAX || hn >= MEASURE_RANGE_END_MAX)
        return MEASURE_CHOICES;
    char a[MEASURE_RANGE_END_MAX], b[MEASURE_RANGE_END_MAX];
    memcpy(a, s, ln);
    a[ln] = '\0';
    memcpy(b, dots + 2, hn + 1);
    if (want == MEASURE_NUMBERS) {
        if (answer_decimal_canonical(a, lo) != 0 || answer_decimal_canonical(b, hi) != 0 ||
            strtod(lo, NULL) > strtod(hi, NULL))
            return MEASURE_CHOICES;
        return MEASURE_NUMBERS;
    }
    int y, m, d, y2, m2, d2;
    char end;
    if (ln != 10 || hn != 10 || sscanf(a, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3 ||
        sscanf(b, "%4d-%2d-%2d%c", &y2, &m2, &d2, &end) != 3 || !answer_date_valid(y, m, d) ||
        !answer_date_valid(y2, m2, d2) || strcmp(a, b) > 0)
        return MEASURE_CHOICES;
    memcpy(lo, a, ln + 1);
    memcpy(hi, b, hn + 1);
    return MEASURE_DAYS;
}

/* The range a measure of question type t counts: numbers, days, or choices (a select; or a
 * type a measure cannot count, told apart by the caller). */
static MeasureRange range_for(QuestionType t)
{
    return t == QT_INTEGER || t == QT_DECIMAL || t == QT_RANGE ? MEASURE_NUMBERS
           : t == QT_DATE                                      ? MEASURE_DAYS
                                                               : MEASURE_CHOICES;
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
    MeasureRange want = range_for(q->type);
    if (q->type != QT_SELECT_ONE && q->type != QT_SELECT_MULTIPLE && q->type != QT_RANK &&
        want == MEASURE_CHOICES) {
        BAD(ld, COL_QUESTION,
            "question '%s' is a %s question; a measure counts choices of a "
            "select_one or select_multiple, the choice ranked first of a rank, or a range of an "
            "integer, decimal, range or date",
            qname, question_type_name(q->type));
        return;
    }
    m->question = q;
    if (want != MEASURE_CHOICES) {
        const char *example = want == MEASURE_DAYS ? "2026-04-01..2026-06-30" : "16..18";
        if (!*counts) {
            BAD(ld, COL_COUNTS,
                "which answers count? a %s question counts a range LO..HI, e.g. "
                "'%s'",
                question_type_name(q->type), example);
            return;
        }
        m->range = measure_range_read(counts, want, m->lo, m->hi);
        if (m->range == MEASURE_CHOICES) {
            BAD(ld, COL_COUNTS,
                "'%s' is not a range LO..HI of %s with LO at most HI, as question '%s' (%s) "
                "needs, e.g. '%s'",
                counts, want == MEASURE_DAYS ? "days YYYY-MM-DD" : "numbers", qname,
                question_type_name(q->type), example);
            return;
        }
        m->counts[0] = counts;
        m->ncounts = 1;
        return;
    }
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
        char lo[MEASURE_RANGE_END_MAX], hi[MEASURE_RANGE_END_MAX];
        if (measure_range_read(m->counts[i], MEASURE_NUMBERS, lo, hi) != MEASURE_CHOICES ||
            measure_range_read(m->counts[i], MEASURE_DAYS, lo, hi) != MEASURE_CHOICES)
            BAD(ld, COL_COUNTS,
                "'%s' reads as a range LO..HI, which counts numbers or days, not choices of "
                "question '%s'",
                m->counts[i], qname);
        else if (survey_choice_index(q->list, m->counts[i]) < 0)
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
