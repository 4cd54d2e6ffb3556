/* records.c: `chorus-sync records`, the analyst tier. See records.h for what is in it.
 *
 * Start reading at cmd_records(): it checks where the files go (not in a committee's folder,
 * nothing there unless --force), loads the surveys, and in one read transaction works out each
 * form's columns (form_columns: the survey file's questions, then what the answers hold that
 * the file does not) and writes its rows (form_rows), then the codebook; sheet.c writes the
 * files, each all-or-nothing.
 *
 * Why choice names in the cells and labels in the codebook: names are what the measures file
 * and the other CSV files use, are the same in every language a young person answered in, and
 * stay the same when a label is reworded; an analyst joins the codebook for the words. Why a
 * column a choice for select_multiple: "chose X" is then a column to count or model, with no
 * splitting of lists. Why one CSV file a survey: each survey has its own questions, and an
 * analyst's tools (R, SPSS, Stata, Excel) read one rectangular table a file. */
#include "records.h"

#include <ctype.h>
#include <limits.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "chorus_limits.h"
#include "council.h"
#include "defaults.h"
#include "fileio.h"
#include "measures.h"
#include "period.h"
#include "response.h"
#include "sheet.h"

#define DECLINED "(declined)"
#define OUT_PATH_MAX 4096
#define FORMS_MAX (SURVEYS_MAX + 64) /* forms in one run: the survey files' and the answers' */
/* The workbook's title property: how `report` knows a records workbook in its folder. */
#define RECORDS_TITLE "Chorus record-level data"
#define RECORDS_PREFIX "\xef\xbb\xbfRECORD-LEVEL DATA" /* how it knows a records CSV */
#define LISTED_MAX 10000                               /* files looked at in a folder */
/* The first line of every CSV and the first row of every sheet (no comma: unquoted in CSV). */
#define RECORD_LINE                                                                                \
    "RECORD-LEVEL DATA NOT SUPPRESSED: only for people covered by a data-sharing agreement "       \
    "with the council; never for a committee report or for publication."

typedef struct {
    const char *period, *out, *db, *surveys;
    int free_text, force;
} RecordsArgs;

static const Option records_rows[] = {
    OPT_REQUIRED("--period", "P", RecordsArgs, period,
                 "2026-Q3, 2026, 2026/27 (April to March) or 2026/27-Q1"),
    OPT_REQUIRED("--out", "FILE", RecordsArgs, out,
                 "FILE.xlsx (a sheet a survey), or FILE.csv (FILE-FORMID.csv a survey)"),
    OPT_TEXT("--db", "FILE", RecordsArgs, db, DEFAULT_COUNCIL_DB, "the council database"),
    OPT_TEXT("--surveys", "DIR", RecordsArgs, surveys, DEFAULT_SURVEYS,
             "the surveys: their questions' order and labels"),
    OPT_FLAG("--free-text", RecordsArgs, free_text,
             "include what young people wrote (left out by default)"),
    OPT_FLAG("--force", RecordsArgs, force, "replace files already there"),
    OPT_END,
};

const OptionTable records_options = {
    .program = "chorus-sync",
    .name = "records",
    .options = records_rows,
    .run = cmd_records,
    .about =
        "Writes the record-level answers of PERIOD for analysts with a data-sharing agreement:\n"
        "one row a response, a column a question (a select_multiple a column a choice, 1 or 0),\n"
        "choice names in the cells and every label in a codebook; nothing suppressed. Text\n"
        "answers only with --free-text. Left out: help requests, kiosk names, safety flags,\n"
        "responses set aside and quarantined records. Files are written 0600; one already there\n"
        "is refused unless --force, and a folder holding a committee report is refused.",
};

/* ---- columns ---- */

typedef enum {
    COL_FIXED,   /* response, day, form_version, language, session */
    COL_ONE,     /* a select_one: the choice's name */
    COL_CHOICE,  /* one choice of a select_multiple: 1 or 0 */
    COL_TEXT,    /* a text question (only with --free-text) */
    COL_INTEGER, /* a number */
    COL_RAW      /* a question the survey file lacks: its choice names, space-separated */
} ColumnKind;

typedef struct {
    char *head;     /* the header */
    char *question; /* the question's name; NULL for a fixed column */
    char *choice;   /* COL_CHOICE: the choice */
    ColumnKind kind;
    const Question *q; /* NULL: not in the survey file */
    const char *about; /* COL_FIXED: what it holds */
} Column;

typedef struct {
    char *form_id;
    const Survey *sv; /* NULL: no survey file for this form */
    Column *cols;
    int ncols, cap;
    int *by_question; /* the question columns' indexes, by question name (bytewise) */
    int nby;
    long rows;
    int left_out; /* text questions left out (no --free-text) */
} Form;

typedef struct {
    int set;
    int number;
    double v;
    char *text; /* malloc'd */
} Cell;

static const struct {
    const char *head, *about;
} fixed_cols[] = {
    {"response", "the response's id (as in the workers' safety.csv and free-text.csv)"},
    {"day", "the day it was sent (YYYY-MM-DD; never a time)"},
    {"form_version", "the version of the survey it answered"},
    {"language", "the language it was answered in"},
    {"session", "the worker's session it was part of; empty when none"},
};
enum { FIXED_N = sizeof fixed_cols / sizeof *fixed_cols };

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* Adds a column; -1 when out of memory. */
static int add_column(Form *f, ColumnKind kind, const char *head, const char *question,
                      const char *choice, const Question *q, const char *about)
{
    if (f->ncols == f->cap) {
        int cap = f->cap ? 2 * f->cap : 32;
        Column *c = realloc(f->cols, (size_t)cap * sizeof *c);
        if (!c)
            return -1;
        f->cols = c;
        f->cap = cap;
    }
    Column *c = &f->cols[f->ncols];
    *c = (Column){dup_or_null(head), dup_or_null(question), dup_or_null(choice), kind, q, about};
    if (!c->head || (question && !c->question) || (choice && !c->choice)) {
        free(c->head);
        free(c->question);
        free(c->choice);
        return -1;
    }
    f->ncols++;
    return 0;
}

static void form_free(Form *f)
{
    for (int i = 0; i < f->ncols; i++) {
        free(f->cols[i].head);
        free(f->cols[i].question);
        free(f->cols[i].choice);
    }
    free(f->cols);
    free(f->by_question);
    free(f->form_id);
    memset(f, 0, sizeof *f);
}

/* The column of f whose question is q and choice is choice (NULL: any), or -1. */
static int find_column(const Form *f, const char *q, const char *choice)
{
    for (int i = 0; i < f->ncols; i++)
        if (f->cols[i].question && strcmp(f->cols[i].question, q) == 0 &&
            (!choice || (f->cols[i].choice && strcmp(f->cols[i].choice, choice) == 0)))
            return i;
    return -1;
}

/* A survey file's columns: its questions in order, notes left out, text only with free_text. */
static int survey_columns(Form *f, int free_text)
{
    const Survey *sv = f->sv;
    for (int i = 0; i < sv->nquestions; i++) {
        const Question *q = &sv->questions[i];
        int rc = 0;
        switch (q->type) {
        case QT_NOTE:
        case QT_CALCULATE: /* never recorded */
            break;
        case QT_TEXT:
            if (free_text)
                rc = add_column(f, COL_TEXT, q->name, q->name, NULL, q, NULL);
            else
                f->left_out++;
            break;
        case QT_INTEGER:
        case QT_DECIMAL:
        case QT_RANGE: /* numbers, in number cells */
            rc = add_column(f, COL_INTEGER, q->name, q->name, NULL, q, NULL);
            break;
        case QT_SELECT_ONE:
        case QT_DATE: /* YYYY-MM-DD, HH:MM, OK and a rank's names in order, as written */
        case QT_TIME:
        case QT_ACKNOWLEDGE:
        case QT_RANK:
            rc = add_column(f, COL_ONE, q->name, q->name, NULL, q, NULL);
            break;
        case QT_SELECT_MULTIPLE:
            for (int k = 0; rc == 0 && k < q->list->nchoices; k++) {
                char head[600];
                snprintf(head, sizeof head, "%s/%s", q->name, q->list->choices[k].name);
                rc = add_column(f, COL_CHOICE, head, q->name, q->list->choices[k].name, q, NULL);
            }
            break;
        }
        if (rc != 0)
            return -1;
    }
    return 0;
}

static int by_bytes(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The columns of what the answers of the period hold that the survey file does not: a
 * question it lacks (a column of its own: text only with free_text), or a choice of a
 * select_multiple its list lacks (a column after the rest). Returns 0 or -1 with err. */
static int answer_columns(Sql *db, Form *f, const char *first, const char *last, int free_text,
                          char *err)
{
    SqlStmt *s = NULL;
    if (sql_prepare(db, "SELECT a.question, max(CASE WHEN a.kind = ?4 THEN 1 ELSE 0 END),"
                           " max(CASE WHEN a.kind = ?5 THEN 1 ELSE 0 END),"
                           " max(CASE WHEN a.kind = ?6 THEN 1 ELSE 0 END),"
                           " group_concat(DISTINCT CASE WHEN a.kind = ?5 THEN a.value END)"
                           " FROM answer a JOIN " COUNCIL_COUNTED " r ON r.ref = a.response"
                           " WHERE r.form_id = ?1 AND r.day >= ?2 AND r.day <= ?3"
                           " GROUP BY a.question ORDER BY a.question", &s) != 0) {
        snprintf(err, ERR_LEN, "the questions answered: %s", sql_errmsg(db));
        return -1;
    }
    sql_bind_text(s, 1, f->form_id);
    sql_bind_text(s, 2, first);
    sql_bind_text(s, 3, last);
    sql_bind_int64(s, 4, ANSWER_TEXT);
    sql_bind_int64(s, 5, ANSWER_CHOICES);
    sql_bind_int64(s, 6, ANSWER_INTEGER);
    int step, rc = 0;
    while (rc == 0 && (step = sql_step(s)) == SQL_ROW) {
        const char *name = sql_column_text(s, 0);
        int has_text = sql_column_int64(s, 1), has_choice = sql_column_int64(s, 2);
        int has_int = sql_column_int64(s, 3);
        const Question *q = f->sv ? survey_question_named(f->sv, name) : NULL;
        if (q && q->type == QT_SELECT_MULTIPLE && has_choice) {
            /* group_concat's ',' cannot be in a choice name (an XML name); the names are
             * taken in bytewise order, whichever order the database joined them in */
            char *names = dup_or_null(sql_column_text(s, 4)), *tokens[SURVEY_CHOICES_MAX * 4];
            int ntok = 0;
            for (char *tok = names ? strtok(names, ",") : NULL;
                 tok && ntok < (int)(sizeof tokens / sizeof *tokens); tok = strtok(NULL, ","))
                tokens[ntok++] = tok;
            qsort(tokens, (size_t)ntok, sizeof *tokens, by_bytes);
            for (int t = 0; rc == 0 && t < ntok; t++) {
                const char *tok = tokens[t];
                if (find_column(f, name, tok) >= 0)
                    continue;
                char head[600];
                snprintf(head, sizeof head, "%s/%s", name, tok);
                rc = add_column(f, COL_CHOICE, head, name, tok, q, NULL);
            }
            free(names);
        } else if (!q && find_column(f, name, NULL) < 0) {
            if (has_text && !free_text)
                f->left_out++;
            else
                rc = add_column(f,
                                has_text     ? COL_TEXT
                                : has_choice ? COL_RAW
                                : has_int    ? COL_INTEGER
                                             : COL_RAW,
                                name, name, NULL, NULL, NULL);
        }
    }
    if (rc != 0)
        snprintf(err, ERR_LEN, "out of memory");
    else if (step != SQL_DONE) {
        snprintf(err, ERR_LEN, "the questions answered: %s", sql_errmsg(db));
        rc = -1;
    }
    sql_finalize(s);
    return rc;
}

static const Form *sort_form;

static int by_question_cmp(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    int c = strcmp(sort_form->cols[x].question, sort_form->cols[y].question);
    return c ? c : x - y;
}

/* Every column of form f, and the index that rows are filled by. Returns 0 or -1 with err. */
static int form_columns(Sql *db, Form *f, const char *first, const char *last, int free_text,
                        char *err)
{
    for (int i = 0; i < FIXED_N; i++)
        if (add_column(f, COL_FIXED, fixed_cols[i].head, NULL, NULL, NULL, fixed_cols[i].about))
            goto oom;
    if (f->sv && survey_columns(f, free_text) != 0)
        goto oom;
    if (answer_columns(db, f, first, last, free_text, err) != 0)
        return -1;
    if (f->ncols > SHEET_COLS_MAX) {
        snprintf(err, ERR_LEN, "%s: %d columns, more than a sheet holds (%d)", f->form_id, f->ncols,
                 SHEET_COLS_MAX);
        return -1;
    }
    if (!(f->by_question = malloc((size_t)f->ncols * sizeof *f->by_question)))
        goto oom;
    for (int i = FIXED_N; i < f->ncols; i++)
        f->by_question[f->nby++] = i;
    sort_form = f;
    qsort(f->by_question, (size_t)f->nby, sizeof *f->by_question, by_question_cmp);
    return 0;
oom:
    snprintf(err, ERR_LEN, "out of memory");
    return -1;
}

/* ---- rows ---- */

static void cell_clear(Cell *c)
{
    free(c->text);
    memset(c, 0, sizeof *c);
}

/* Sets c to text (or appends it after a space: several choice names in a COL_RAW). */
static int cell_text(Cell *c, const char *text, int append)
{
    if (c->set && append && c->text && !c->number) {
        size_t a = strlen(c->text), b = strlen(text);
        char *t = realloc(c->text, a + b + 2);
        if (!t)
            return -1;
        t[a] = ' ';
        memcpy(t + a + 1, text, b + 1);
        c->text = t;
        return 0;
    }
    cell_clear(c);
    if (!(c->text = strdup(text)))
        return -1;
    c->set = 1;
    return 0;
}

static void cell_number(Cell *c, double v)
{
    cell_clear(c);
    c->set = c->number = 1;
    c->v = v;
}

/* Puts one answer (question, kind, value) into the cells of its columns (run[0..n-1], the
 * columns of that question). Returns 0 or -1 (out of memory). */
static int put_answer(const Form *f, const int *run, int n, Cell *cells, int kind,
                      const char *value, int free_text)
{
    for (int i = 0; i < n; i++) {
        const Column *col = &f->cols[run[i]];
        Cell *c = &cells[run[i]];
        int rc = 0;
        if (kind == ANSWER_DECLINED) {
            rc = cell_text(c, DECLINED, 0);
        } else if (kind == ANSWER_TEXT && !free_text) {
            continue; /* what a young person wrote, in a column that was not a text question */
        } else if (col->kind == COL_CHOICE) {
            if (kind != ANSWER_CHOICES)
                continue;
            if (strcmp(col->choice, value) == 0)
                cell_number(c, 1);
            else if (!c->set)
                cell_number(c, 0);
        } else if (kind == ANSWER_INTEGER && col->kind == COL_INTEGER) {
            cell_number(c, (double)strtoll(value, NULL, 10));
        } else if (kind == ANSWER_DECIMAL && col->kind == COL_INTEGER) {
            cell_number(c, strtod(value, NULL));
        } else {
            rc = cell_text(c, value, kind == ANSWER_CHOICES);
        }
        if (rc != 0)
            return -1;
    }
    return 0;
}

/* Writes the sheet of form f: the record line, the header, a row a response of the period
 * by day. Returns 0 or -1 with err (the database; a cell's error stays in the book). */
static int form_rows(Sql *db, SheetBook *b, Form *f, const char *first, const char *last,
                     int free_text, char *err)
{
    SqlStmt *r = NULL, *a = NULL;
    Cell *cells = calloc((size_t)f->ncols, sizeof *cells);
    const char **heads = calloc((size_t)f->ncols, sizeof *heads);
    int rc = -1, step = SQL_DONE;
    if (!cells || !heads) {
        snprintf(err, ERR_LEN, "out of memory");
        goto done;
    }
    sheet_line(b, RECORD_LINE);
    for (int i = 0; i < f->ncols; i++)
        heads[i] = f->cols[i].head;
    sheet_header(b, heads, f->ncols);
    if (sql_prepare(db, "SELECT ref, id, day, form_version, lang, session FROM " COUNCIL_COUNTED
                           " WHERE form_id = ?1 AND day >= ?2 AND day <= ?3 ORDER BY day, id", &r) != 0 ||
        sql_prepare(db, "SELECT question, kind, value FROM answer WHERE response = ?"
                           " ORDER BY question, kind, value", &a) != 0) {
        snprintf(err, ERR_LEN, "the responses of %s: %s", f->form_id, sql_errmsg(db));
        goto done;
    }
    sql_bind_text(r, 1, f->form_id);
    sql_bind_text(r, 2, first);
    sql_bind_text(r, 3, last);
    while ((step = sql_step(r)) == SQL_ROW) {
        char id[2 * RESPONSE_ID_LEN + 1] = "";
        if (sql_column_bytes(r, 1) == RESPONSE_ID_LEN)
            sodium_bin2hex(id, sizeof id, sql_column_blob(r, 1), RESPONSE_ID_LEN);
        sheet_text(b, id);
        for (int i = 2; i <= 5; i++)
            sheet_text(b, sql_column_text(r, i));
        sql_reset(a);
        sql_bind_int64(a, 1, sql_column_int64(r, 0));
        int at = 0, astep; /* a merge of the answers and by_question, both by question */
        while ((astep = sql_step(a)) == SQL_ROW) {
            const char *q = sql_column_text(a, 0);
            while (at < f->nby && strcmp(f->cols[f->by_question[at]].question, q) < 0)
                at++;
            int n = 0;
            while (at + n < f->nby && strcmp(f->cols[f->by_question[at + n]].question, q) == 0)
                n++;
            if (put_answer(f, f->by_question + at, n, cells, sql_column_int64(a, 1),
                           sql_column_text(a, 2), free_text) != 0) {
                snprintf(err, ERR_LEN, "out of memory");
                goto done;
            }
        }
        if (astep != SQL_DONE) {
            snprintf(err, ERR_LEN, "the answers of %s: %s", f->form_id, sql_errmsg(db));
            goto done;
        }
        for (int i = FIXED_N; i < f->ncols; i++) {
            if (!cells[i].set)
                sheet_blank(b);
            else if (cells[i].number)
                sheet_number(b, cells[i].v);
            else
                sheet_text(b, cells[i].text);
            cell_clear(&cells[i]);
        }
        sheet_row_end(b);
        f->rows++;
    }
    if (step != SQL_DONE) {
        snprintf(err, ERR_LEN, "the responses of %s: %s", f->form_id, sql_errmsg(db));
        goto done;
    }
    rc = 0;
done:
    if (cells)
        for (int i = 0; i < f->ncols; i++)
            cell_clear(&cells[i]);
    free(cells);
    free(heads);
    sql_finalize(r);
    sql_finalize(a);
    return rc;
}

/* ---- the codebook and the notes ---- */

static const char *kind_name(const Column *c)
{
    /* the kinds a column of their own holds as a number or as written */
    switch (c->q ? c->q->type : QT_NOTE) {
    case QT_DECIMAL:
        return "decimal";
    case QT_RANGE:
        return "range: the number chosen";
    case QT_DATE:
        return "date: YYYY-MM-DD, as the young person set it";
    case QT_TIME:
        return "time: HH:MM, as the young person set it (never a clock's)";
    case QT_ACKNOWLEDGE:
        return "acknowledge: OK when tapped";
    case QT_RANK:
        return "rank: the choices' names, first to last";
    default:
        break;
    }
    switch (c->kind) {
    case COL_FIXED:
        return "about the response";
    case COL_ONE:
        return "select_one: the choice's name";
    case COL_CHOICE:
        return "select_multiple: 1 chosen, 0 not";
    case COL_TEXT:
        return "text";
    case COL_INTEGER:
        return "integer";
    case COL_RAW:
        return "not in the survey file: the names given, space-separated";
    }
    return "";
}

/* One codebook row. */
static void codebook_row(SheetBook *b, const Form *f, const Column *c, const char *choice,
                         const char *choice_label)
{
    sheet_text(b, f->form_id);
    sheet_text(b, c->head);
    sheet_text(b, c->question ? c->question : "");
    if (c->kind == COL_FIXED)
        sheet_text(b, c->about);
    else if (c->q && f->sv)
        sheet_text(b, survey_text(f->sv, c->q->label, f->sv->default_lang));
    else
        sheet_text(b, "(not in the survey file: from an earlier version)");
    sheet_text(b, kind_name(c));
    sheet_text(b, choice);
    sheet_text(b, choice_label);
    sheet_row_end(b);
}

/* The codebook of every form: a row a column, and a row a choice of a select_one. */
static void write_codebook(SheetBook *b, const Form *forms, int nforms)
{
    static const char *const head[] = {"form_id", "column", "question",    "label",
                                       "holds",   "choice", "choice_label"};
    sheet_line(b, RECORD_LINE);
    sheet_header(b, head, (int)(sizeof head / sizeof *head));
    sheet_width(b, 3, 50);
    sheet_width(b, 6, 30);
    for (int i = 0; i < nforms; i++) {
        const Form *f = &forms[i];
        for (int k = 0; k < f->ncols; k++) {
            const Column *c = &f->cols[k];
            const Choice *ch = NULL;
            if (c->kind == COL_CHOICE && c->q) {
                int at = survey_choice_index(c->q->list, c->choice);
                ch = at >= 0 ? &c->q->list->choices[at] : NULL;
            }
            if (c->kind == COL_ONE && c->q && c->q->list) {
                for (int j = 0; j < c->q->list->nchoices; j++)
                    codebook_row(
                        b, f, c, c->q->list->choices[j].name,
                        survey_text(f->sv, c->q->list->choices[j].label, f->sv->default_lang));
            } else {
                codebook_row(b, f, c, c->choice ? c->choice : "",
                             ch          ? survey_text(f->sv, ch->label, f->sv->default_lang)
                             : c->choice ? "(not in the survey file)"
                                         : "");
            }
        }
    }
}

/* A line of the notes: one cell, on a row of its own. */
static void note(SheetBook *b, const char *text)
{
    sheet_text(b, text);
    sheet_row_end(b);
}

/* The notes sheet (xlsx only): what this is, for whom, what is in it and what is not. */
static void write_notes(SheetBook *b, const char *period_text, const Form *forms, int nforms,
                        int free_text)
{
    char line[1024], day[16];
    time_t now = time(NULL);
    strftime(day, sizeof day, "%Y-%m-%d", gmtime(&now));
    sheet_width(b, 0, 120);
    sheet_line(b, RECORD_LINE); /* in bold; the rest plain */
    snprintf(line, sizeof line, "Period: %s. Made on %s by chorus-sync records.", period_text, day);
    note(b, line);
    note(b, "One row a response, one sheet a survey; the codebook sheet says what every "
            "column holds, with the questions' and choices' words.");
    note(b, "Cells: a choice's name (its words are in the codebook); a select_multiple "
            "is a column a choice, 1 chosen and 0 not; " DECLINED
            " is \"I'd rather not say\"; empty is not asked.");
    note(b, free_text ? "Free text: included (--free-text). It is what young people "
                        "wrote: read it as the most sensitive part of this file."
                      : "Free text: left out (chorus-sync records --free-text includes "
                        "it).");
    note(b, "Not in it: help requests, kiosk names, safety flags (workers have those in "
            "the report's safety.csv), responses set aside (a revoked kiosk's, or copies "
            "of another kiosk's) and records kept in quarantine.");
    note(b, "Nothing here is suppressed: a figure worked out from it may describe one "
            "young person. Publish only what `chorus-sync report` writes.");
    for (int i = 0; i < nforms; i++) {
        const Form *f = &forms[i];
        snprintf(line, sizeof line, "Survey %s: %ld response%s%s%s%s", f->form_id, f->rows,
                 f->rows == 1 ? "" : "s",
                 f->sv ? " ("
                       : " (no survey file: columns are the "
                         "question names answered)",
                 f->sv ? survey_text(f->sv, f->sv->title, f->sv->default_lang) : "",
                 f->sv ? ")" : "");
        note(b, line);
    }
}

/* How many rows each form's sheet will have, for the notes written before them. */
static int count_rows(Sql *db, Form *forms, int nforms, const char *first, const char *last,
                      char *err)
{
    SqlStmt *s = NULL;
    if (sql_prepare(db, "SELECT count(*) FROM " COUNCIL_COUNTED
                           " WHERE form_id = ?1 AND day >= ?2 AND day <= ?3", &s) != 0) {
        snprintf(err, ERR_LEN, "counting responses: %s", sql_errmsg(db));
        return -1;
    }
    int rc = 0;
    for (int i = 0; rc == 0 && i < nforms; i++) {
        sql_reset(s);
        sql_bind_text(s, 1, forms[i].form_id);
        sql_bind_text(s, 2, first);
        sql_bind_text(s, 3, last);
        if (sql_step(s) == SQL_ROW) {
            forms[i].rows = sql_column_int64(s, 0);
        } else {
            snprintf(err, ERR_LEN, "counting responses: %s", sql_errmsg(db));
            rc = -1;
        }
    }
    sql_finalize(s);
    return rc;
}

/* ---- where the files go ---- */

int records_in_committee_folder(const char *dir, char *found, size_t n)
{
    char *real = realpath(dir, NULL);
    if (!real)
        return 0;
    int hit = 0;
    for (;;) {
        char a[OUT_PATH_MAX], b[OUT_PATH_MAX], c[OUT_PATH_MAX];
        const char *sep = strcmp(real, "/") == 0 ? "" : "/";
        snprintf(a, sizeof a, "%s%sreport.html", real, sep);
        snprintf(b, sizeof b, "%s%smeasures.csv", real, sep);
        snprintf(c, sizeof c, "%s%sparticipation.csv", real, sep);
        if (file_exists(a) && (file_exists(b) || file_exists(c))) {
            snprintf(found, n, "%s", real);
            hit = 1;
            break;
        }
        char *slash = strrchr(real, '/');
        if (!slash || strcmp(real, "/") == 0)
            break;
        if (slash == real)
            slash[1] = '\0';
        else
            *slash = '\0';
    }
    free(real);
    return hit;
}

/* 1 if the file at path starts with RECORDS_PREFIX. */
static int csv_is_records(const char *path)
{
    char why[ERR_LEN], head[sizeof RECORDS_PREFIX];
    int fd = file_open_read(path, FILE_FOUND, why);
    if (fd < 0)
        return 0;
    size_t got = 0;
    while (got < sizeof head - 1) {
        ssize_t n = read(fd, head + got, sizeof head - 1 - got);
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    close(fd);
    return got == sizeof head - 1 && memcmp(head, RECORDS_PREFIX, got) == 0;
}

int records_found_in(const char *dir, char *found, size_t n)
{
    char why[ERR_LEN], path[OUT_PATH_MAX];
    char **names = calloc(LISTED_MAX, sizeof *names);
    int count = names ? file_list(dir, "", names, LISTED_MAX, why) : -1, hit = 0;
    for (int i = 0; !hit && i < count; i++) {
        SheetFormat fmt;
        if (sheet_format_of(names[i], &fmt) != 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        hit = fmt == SHEET_CSV ? csv_is_records(path) : sheet_xlsx_title_is(path, RECORDS_TITLE);
        if (hit)
            snprintf(found, n, "%s", path);
    }
    if (count > 0)
        file_list_free(names, count);
    free(names);
    return hit;
}

/* The folder of path ("." when it names none) into out. */
static void folder_of(const char *path, char *out, size_t n)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(out, n, ".");
    else if (slash == path)
        snprintf(out, n, "/");
    else
        snprintf(out, n, "%.*s", (int)(slash - path), path);
}

/* FILE.csv with -suffix before .csv: records.csv -> records-wellbeing.csv. A character of
 * suffix other than a letter, digit, '_', '-' or '.' becomes '_', so a form id never names a
 * folder. Returns 0, or -1 when the name would not fit. */
static int csv_name(const char *out, const char *suffix, char *path, size_t n)
{
    char safe[SURVEY_NAME_MAX + 1];
    size_t k = 0;
    for (; suffix[k] && k < sizeof safe - 1; k++) {
        unsigned char ch = (unsigned char)suffix[k];
        safe[k] = (ch < 0x80 && (isalnum(ch) || strchr("_-.", ch))) ? (char)ch : '_';
    }
    safe[k] = '\0';
    size_t len = strlen(out);
    int w = snprintf(path, n, "%.*s-%s%s", (int)(len - 4), out, safe, out + len - 4);
    return w < 0 || (size_t)w >= n ? -1 : 0;
}

/* ---- the command ---- */

int cmd_records(int argc, char **argv)
{
    RecordsArgs o;
    OptionArgs args;
    int done = options_read(&records_options, argc, argv, &o, &args);
    if (done >= 0)
        return done;
    char err[ERR_LEN], folder[OUT_PATH_MAX], found[OUT_PATH_MAX];
    Period period;
    SheetFormat fmt;
    if (period_parse(o.period, &period, err) != 0)
        return options_complain(&records_options, "--period: %s", err);
    if (sheet_format_of(o.out, &fmt) != 0)
        return options_complain(&records_options, "--out %s: the name must end in .xlsx or .csv",
                                o.out);
    if (strlen(o.out) > OUT_PATH_MAX - 300)
        return options_complain(&records_options, "--out: path too long");
    folder_of(o.out, folder, sizeof folder);
    if (records_in_committee_folder(folder, found, sizeof found)) {
        fprintf(stderr,
                "chorus-sync records: %s holds a committee report (report.html): record-level "
                "data never goes beside it; choose a folder of its own\n",
                found);
        return 1;
    }

    char first[11], last[11], name[64], period_text[200];
    period_days(&period, first, last);
    period_name(&period, name, sizeof name);
    snprintf(period_text, sizeof period_text, "%s (%s to %s)", name, first, last);

    SurveySet surveys = {0};
    Council *council = NULL;
    Form *forms = calloc(FORMS_MAX, sizeof *forms);
    int nforms = 0, rc = 1, flags = o.force ? SHEET_REPLACE : 0, nwritten = 0;
    char(*written)[OUT_PATH_MAX] = calloc(FORMS_MAX + 1, sizeof *written);
    SheetBook *book = NULL;
    Sql *db = NULL;
    SqlStmt *s = NULL;
    if (!forms || !written) {
        snprintf(err, ERR_LEN, "out of memory");
        goto fail;
    }
    if (surveys_load_dir(&surveys, o.surveys, err) != 0 ||
        !(council = council_open_existing(o.db, err)))
        goto fail;
    db = council_db(council);
    /* One read transaction: every sheet is of the same moment, whatever an import does. */
    if (sql_begin(db, SQL_READ) != 0) {
        snprintf(err, ERR_LEN, "%s: %s", sql_name(db), sql_errmsg(db));
        goto fail;
    }
    /* The forms: every survey file's, then those answered in the period that have none. */
    for (int i = 0; i < surveys.n; i++) {
        forms[nforms].sv = surveys.items[i];
        if (!(forms[nforms++].form_id = strdup(surveys.items[i]->form_id)))
            goto oom;
    }
    if (sql_prepare(db, "SELECT DISTINCT form_id FROM " COUNCIL_COUNTED
                           " WHERE day >= ?1 AND day <= ?2 ORDER BY form_id", &s) != 0) {
        snprintf(err, ERR_LEN, "%s: %s", sql_name(db), sql_errmsg(db));
        goto fail;
    }
    sql_bind_text(s, 1, first);
    sql_bind_text(s, 2, last);
    int step;
    while ((step = sql_step(s)) == SQL_ROW) {
        const char *id = sql_column_text(s, 0);
        if (surveys_find(&surveys, id))
            continue;
        if (nforms == FORMS_MAX) {
            snprintf(err, ERR_LEN, "more than %d surveys in %s", FORMS_MAX, name);
            goto fail;
        }
        if (!(forms[nforms++].form_id = strdup(id)))
            goto oom;
    }
    if (step != SQL_DONE) {
        snprintf(err, ERR_LEN, "%s: %s", sql_name(db), sql_errmsg(db));
        goto fail;
    }
    sql_finalize(s);
    s = NULL;
    for (int i = 0; i < nforms; i++)
        if (form_columns(db, &forms[i], first, last, o.free_text, err) != 0)
            goto fail;

    /* Every file's name, checked before any is written: none is half a set. */
    int nfiles = fmt == SHEET_CSV ? nforms + 1 : 1;
    for (int i = 0; i < nfiles; i++) {
        if (fmt == SHEET_XLSX)
            snprintf(written[i], OUT_PATH_MAX, "%s", o.out);
        else if (csv_name(o.out, i < nforms ? forms[i].form_id : "codebook", written[i],
                          OUT_PATH_MAX) != 0) {
            snprintf(err, ERR_LEN, "%s: path too long", o.out);
            goto fail;
        }
        for (int j = 0; j < i; j++)
            if (strcmp(written[i], written[j]) == 0) {
                snprintf(err, ERR_LEN, "%s: two of the files would have this name", written[i]);
                goto fail;
            }
        if (!o.force && file_exists(written[i])) {
            snprintf(err, ERR_LEN, "%s: already exists; not replaced (--force replaces it)",
                     written[i]);
            goto fail;
        }
    }
    if (fmt == SHEET_XLSX) {
        if (!(book = sheet_open(o.out, 0600, flags, err)))
            goto fail;
        sheet_title(book, RECORDS_TITLE);
        if (count_rows(db, forms, nforms, first, last, err) != 0)
            goto fail;
        sheet_add(book, "notes");
        write_notes(book, period_text, forms, nforms, o.free_text);
    }
    for (int i = 0; i < nforms; i++) {
        if (fmt == SHEET_CSV && !(book = sheet_open(written[i], 0600, flags, err)))
            goto fail;
        sheet_add(book, forms[i].form_id);
        forms[i].rows = 0;
        if (form_rows(db, book, &forms[i], first, last, o.free_text, err) != 0)
            goto fail;
        if (fmt == SHEET_CSV) {
            int r = sheet_close(book, err);
            book = NULL;
            if (r != 0)
                goto fail;
            nwritten++;
        }
    }
    if (fmt == SHEET_CSV && !(book = sheet_open(written[nforms], 0600, flags, err)))
        goto fail;
    sheet_add(book, "codebook");
    write_codebook(book, forms, nforms);
    int r = sheet_close(book, err);
    book = NULL;
    if (r != 0)
        goto fail;
    if (sql_commit(db) != 0)
        sql_rollback(db);

    long total = 0;
    for (int i = 0; i < nforms; i++)
        total += forms[i].rows;
    printf("records of %s: %ld response%s of %d survey%s written to %s%s (0600)\n", name, total,
           total == 1 ? "" : "s", nforms, nforms == 1 ? "" : "s", written[0],
           nfiles > 1 ? " and the files beside it" : "");
    for (int i = 1; i < nfiles; i++)
        printf("  %s\n", written[i]);
    printf("record-level data, not suppressed: only for people with a data-sharing agreement; "
           "free text %s\n",
           o.free_text ? "included" : "left out (--free-text includes it)");
    rc = 0;
    goto done;
oom:
    snprintf(err, ERR_LEN, "out of memory");
fail:
    fprintf(stderr, "chorus-sync records: %s\n", err);
    if (council && council_busy(council))
        rc = COUNCIL_EXIT_BUSY;
    /* A CSV set is all or nothing too: the files this run made go again (only those made new;
     * a --force run has already replaced the ones it wrote). */
    if (!o.force)
        for (int i = 0; i < nwritten; i++)
            unlink(written[i]);
done:
    sheet_abandon(book);
    sql_finalize(s);
    if (db && sql_in_transaction(db))
        sql_rollback(db);
    if (forms)
        for (int i = 0; i < nforms; i++)
            form_free(&forms[i]);
    free(forms);
    free(written);
    council_close(council);
    surveys_free(&surveys);
    return rc;
}
