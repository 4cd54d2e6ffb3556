/* report.c: `chorus-sync report`. See report.h for the files it writes.
 *
 * Start reading at cmd_report(): it opens the inputs (inputs_open), gathers figures
 * (measure trends, participation counts, safety flags), puts every committee figure through
 * linked_solve() (linked.h), renders each output into memory (the HTML is html.c's), and
 * only then writes the files. Here: the worker files, the committee CSVs, the command.
 *
 * What goes where is the privacy design, so it is kept plain:
 * - report.html, measures.csv, participation.csv are for the committee: figures only, each
 *   suppressed below SUPPRESS_MIN, no free text, no response id, no kiosk name.
 * - free-text.csv and safety.csv are for participation workers: row by row, mode 0600. What
 *   the HTML says of them is a count (suppressed like any other figure).
 * - Strings that reach the HTML (survey titles, question and choice labels, session names,
 *   measure texts) are escaped; the HTML holds no script, no link and no external file. */
#include "report.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "chorus_limits.h"
#include "defaults.h"
#include "fileio.h"
#include "html.h"
#include "ledger.h"
#include "linked.h"
#include "out.h"
#include "participation.h"
#include "records.h"
#include "response.h"
#include "span.h"
#include "suppress.h"
#include "tables.h"

#define MIN_TEXT SUPPRESS_MIN_TEXT /* "10", for the words around figures */

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

/* The concerns of the period's flagged responses: for each (by ref, ascending), the questions
 * whose answer is a safeguarding choice, as "question: choice; ..." (names, for workers), in
 * the order they were given (pos). Read in one query, not one a response: on PostgreSQL a
 * round trip each was most of a report's time. Responses with none are left out. */
typedef struct {
    int64_t ref;
    const char *text;
} Concern;

typedef struct {
    Arena *arena;
    Concern *items;
    size_t n, cap;
} Concerns;

/* Adds (ref, text) to c unless text is empty. 0, or -1 out of memory. */
static int concern_add(Concerns *c, int64_t ref, const char *text)
{
    if (!text[0])
        return 0;
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 256;
        Concern *grown = realloc(c->items, cap * sizeof *grown);
        if (!grown)
            return -1;
        c->items = grown;
        c->cap = cap;
    }
    const char *kept = arena_strdup(c->arena, text);
    if (!kept)
        return -1;
    c->items[c->n++] = (Concern){ref, kept};
    return 0;
}

static int by_ref(const void *a, const void *b)
{
    const Concern *x = a, *y = b;
    return x->ref < y->ref ? -1 : x->ref > y->ref;
}

/* The safeguarding choices of every flagged response of days first..last, by ref. */
static int load_concerns(const Span *sp, const SurveySet *surveys, const char *first,
                         const char *last, Concerns *c, char *err)
{
    if (!(c->arena = arena_new())) {
        snprintf(err, ERR_LEN, "safety: out of memory");
        return -1;
    }
    for (size_t k = 0; k < sp->nresponses; k++) {
        const SpanResponse *r = &sp->responses[k];
        if (!(r->flags & (RESPONSE_FLAG_SAFETY | RESPONSE_FLAG_TALK)) ||
            strcmp(r->day, first) < 0 || strcmp(r->day, last) > 0)
            continue;
        const Survey *sv = surveys_find(surveys, sp->forms[r->form]);
        char out[1024] = "";
        for (uint32_t j = 0; sv && j < r->n; j++) {
            const SpanAnswer *a = &r->answers[j];
            if (a->kind != ANSWER_CHOICES)
                continue;
            const char *qname = sp->questions[a->question];
            const Question *q = survey_question_named(sv, qname);
            int i = q && q->list ? survey_choice_index(q->list, a->value) : -1;
            if (i >= 0 && q->list->choices[i].safeguarding) {
                size_t used = strlen(out);
                snprintf(out + used, sizeof out - used, "%s%s: %s", used ? "; " : "", qname,
                         a->value);
            }
        }
        if (concern_add(c, r->ref, out) != 0) {
            snprintf(err, ERR_LEN, "safety: out of memory");
            return -1;
        }
    }
    if (c->n > 1) /* a Span read wider is in order of ref within each read */
        qsort(c->items, c->n, sizeof *c->items, by_ref);
    return 0;
}

/* The concerns of the response ref, "" if none. */
static const char *concern_of(const Concerns *c, int64_t ref)
{
    size_t lo = 0, hi = c->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->items[mid].ref < ref)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < c->n && c->items[lo].ref == ref ? c->items[lo].text : "";
}

/* One line of safety.csv, put together from its rows (a row a kiosk that sent it). */
typedef struct {
    int64_t ref; /* INT64_MIN: none yet */
    char id[2 * RESPONSE_ID_LEN + 1];
    char *day, *session, *form, *imported, *kiosks;
    size_t kiosks_len;
    long flags;
} SafetyRow;

static int safety_add_kiosk(SafetyRow *row, const char *kiosk)
{
    size_t n = strlen(kiosk ? kiosk : ""), at = row->kiosks_len;
    char *grown = realloc(row->kiosks, at + n + 3);
    if (!grown)
        return -1;
    row->kiosks = grown;
    if (at)
        memcpy(grown + at, "; ", 2), at += 2;
    memcpy(grown + at, kiosk ? kiosk : "", n + 1);
    row->kiosks_len = at + n;
    return 0;
}

static void safety_row_clear(SafetyRow *row)
{
    free(row->day);
    free(row->session);
    free(row->form);
    free(row->imported);
    free(row->kiosks);
    *row = (SafetyRow){.ref = INT64_MIN};
}

static void safety_row_out(FILE *f, const Inputs *in, const Concerns *found, const SafetyRow *row,
                           long *flagged, long *talk)
{
    if (row->ref == INT64_MIN)
        return;
    const Survey *sv = surveys_find(&in->surveys, row->form);
    (*flagged)++;
    if (row->flags & RESPONSE_FLAG_TALK)
        (*talk)++;
    out_csv(f, row->id, 0);
    out_csv(f, row->day, 0);
    out_csv(f, row->session, 0);
    out_csv(f, row->form, 0);
    out_csv(f, sv ? survey_text(sv, sv->title, sv->default_lang) : "", 0);
    out_csv(f, row->kiosks ? row->kiosks : "", 0);
    out_csv(f, concern_of(found, row->ref), 0);
    out_csv(f, row->flags & RESPONSE_FLAG_TALK ? "yes" : "no", 0);
    out_csv(f, row->imported, 1);
}

/* Starts safety.csv's read of the flagged responses of the period (sql_start), so that the
 * store works on it while the free text is written. 0, or -1 with err. */
static int start_safety(const Inputs *in, SqlStmt **out, char *err)
{
    Sql *db = council_db(in->council);
    char first[11], last[11];
    period_days(&in->period, first, last);
    /* The kiosk column names every kiosk that sent this response, so a copy another kiosk's
     * key passed off can't hide where the young person was: a row for each sender (the
     * response itself, and any copy of it not revoked), put together in order of ref. */
    if (sql_prepare(db, "SELECT r.id, r.day, r.session, r.form_id, o.kiosk, r.flags,"
            " r.imported_on, r.ref FROM " COUNCIL_COUNTED " r JOIN response o ON o.id = r.id"
            " AND o.digest = r.digest AND o.aside IS DISTINCT FROM '" COUNCIL_ASIDE_REVOKED "'"
            " WHERE (r.flags & ?3) != 0 AND r.day >= ?1 AND r.day <= ?2"
            " ORDER BY r.day, r.form_id, r.id, r.ref, o.ref", out) != 0) {
        snprintf(err, ERR_LEN, "safety: %s", sql_errmsg(db));
        return -1;
    }
    sql_bind_text(*out, 1, first);
    sql_bind_text(*out, 2, last);
    sql_bind_int64(*out, 3, (int)(RESPONSE_FLAG_SAFETY | RESPONSE_FLAG_TALK));
    if (sql_start(*out) != 0) {
        snprintf(err, ERR_LEN, "safety: %s", sql_errmsg(db));
        return -1;
    }
    return 0;
}

/* safety.csv: every flagged response of the period, read by s (start_safety). Counts them for
 * the HTML. */
static int write_safety(const Inputs *in, SqlStmt *s, FILE *f, long *flagged, long *talk,
                        char *err)
{
    Sql *db = council_db(in->council);
    char first[11], last[11];
    period_days(&in->period, first, last);
    *flagged = *talk = 0;
    err[0] = '\0';
    int rc = -1;
    Concerns found = {0};
    SafetyRow row = {.ref = INT64_MIN};
    Span *owned = NULL;
    const Span *sp = span_for(in->spans, db, first, last, &owned, err);
    int loaded = sp ? load_concerns(sp, &in->surveys, first, last, &found, err) : -1;
    span_free(owned);
    if (loaded != 0) {
        arena_free_wiped(found.arena);
        free(found.items);
        return -1;
    }
    fputs(OUT_CSV_BOM, f);
    fputs("response,day,session,form_id,survey,kiosk,concern,asked_to_talk,imported_on\n", f);
    int step;
    while ((step = sql_step(s)) == SQL_ROW) {
        int64_t ref = sql_column_int64(s, 7);
        const char *kiosk = sql_column_text(s, 4);
        if (ref == row.ref) {
            if (safety_add_kiosk(&row, kiosk) != 0)
                goto oom;
            continue;
        }
        safety_row_out(f, in, &found, &row, flagged, talk);
        safety_row_clear(&row);
        row.ref = ref;
        hex_id(sql_column_blob(s, 0), sql_column_bytes(s, 0), row.id);
        row.flags = (long)sql_column_int64(s, 5);
        if (!(row.day = strdup(sql_column_text(s, 1) ? sql_column_text(s, 1) : "")) ||
            !(row.session = strdup(sql_column_text(s, 2) ? sql_column_text(s, 2) : "")) ||
            !(row.form = strdup(sql_column_text(s, 3) ? sql_column_text(s, 3) : "")) ||
            !(row.imported = strdup(sql_column_text(s, 6) ? sql_column_text(s, 6) : "")) ||
            safety_add_kiosk(&row, kiosk) != 0)
            goto oom;
    }
    if (step != SQL_DONE) {
        snprintf(err, ERR_LEN, "safety: %s", sql_errmsg(db));
        goto done;
    }
    safety_row_out(f, in, &found, &row, flagged, talk);
    rc = 0;
    goto done;
oom:
    snprintf(err, ERR_LEN, "safety: out of memory");
done:
    safety_row_clear(&row);
    arena_free_wiped(found.arena);
    free(found.items);
    return rc;
}

/* A text answer of a Span, for the free-text file: all it needs, copied out of the Span, so
 * that the file is sorted and written on a thread of its own while the rest of the report
 * goes on (and may read more days into the Span, which moves its arrays). key is its day,
 * form and question as they sort (YYYYMMDD, then the form's and the question's rank among
 * the Span's names); id8 the response id's first 8 bytes, as memcmp orders them. The strings
 * pointed to live in the Span's arena, which never moves them. */
typedef struct {
    uint64_t key, id8;
    const char *value, *session;
    int64_t ref;
    uint32_t pos;
    uint16_t form, question;
    unsigned char id[16];
    char day[11];
} TextAnswer;

/* As the file reads: by day, form, question, response id (then as stored, for ties). */
static int by_text_order(const void *x, const void *y)
{
    const TextAnswer *p = x, *q = y;
    if (p->key != q->key)
        return p->key < q->key ? -1 : 1;
    if (p->id8 != q->id8)
        return p->id8 < q->id8 ? -1 : 1;
    int c = memcmp(p->id, q->id, sizeof p->id);
    if (!c)
        c = p->ref < q->ref ? -1 : p->ref > q->ref;
    if (!c)
        c = p->pos < q->pos ? -1 : p->pos > q->pos;
    return c;
}

typedef struct {
    const char *name;
    int index;
} NameAt;

static int by_name(const void *x, const void *y)
{
    return strcmp(((const NameAt *)x)->name, ((const NameAt *)y)->name);
}

/* rank[i]: where names[i] sorts among the n names. 0, or -1 (out of memory). */
static int rank_of_names(const char *const *names, int n, int *rank)
{
    NameAt *order = malloc(sizeof *order * (size_t)(n ? n : 1));
    if (!order)
        return -1;
    for (int i = 0; i < n; i++)
        order[i] = (NameAt){names[i], i};
    qsort(order, (size_t)n, sizeof *order, by_name);
    for (int i = 0; i < n; i++)
        rank[order[i].index] = i;
    free(order);
    return 0;
}

/* YYYY-MM-DD as the number YYYYMMDD (0 if it is not a day). */
static uint32_t day_number(const char *d)
{
    uint32_t v = 0;
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7)
            continue;
        if (d[i] < '0' || d[i] > '9')
            return 0;
        v = v * 10 + (uint32_t)(d[i] - '0');
    }
    return v;
}

/* free-text.csv as it is made: its answers gathered from the Span, then sorted and written
 * (free_text_write) into f, on a thread while the report goes on. */
typedef struct {
    const Inputs *in;
    FILE *f;
    Span *owned; /* the Span read for it, when the report's cache did not hold the period */
    TextAnswer *t;
    size_t n;
    const char **forms, **questions; /* the Span's names, by index, as they were */
    int nforms, nquestions;
    long count; /* rows written */
    pthread_t thread;
    int started;
} FreeText;

static void free_text_free(FreeText *ft)
{
    if (ft->t)
        sodium_memzero(ft->t, sizeof *ft->t * ft->n);
    free(ft->t);
    free(ft->forms);
    free(ft->questions);
    span_free(ft->owned);
    *ft = (FreeText){0};
}

/* Gathers every text answer of the period. 0, or -1 with err. */
static int free_text_gather(const Inputs *in, FILE *f, FreeText *ft, char *err)
{
    char first[11], last[11];
    period_days(&in->period, first, last);
    *ft = (FreeText){.in = in, .f = f};
    const Span *sp = span_for(in->spans, council_db(in->council), first, last, &ft->owned, err);
    if (!sp)
        return -1;
    size_t n = 0;
    for (size_t k = 0; k < sp->nresponses; k++) {
        const SpanResponse *r = &sp->responses[k];
        if (strcmp(r->day, first) < 0 || strcmp(r->day, last) > 0)
            continue;
        for (uint32_t j = 0; j < r->n; j++)
            n += r->answers[j].kind == ANSWER_TEXT;
    }
    int nf = sp->nforms, nq = sp->nquestions;
    ft->t = malloc(sizeof *ft->t * (n ? n : 1));
    ft->forms = malloc(sizeof *ft->forms * (size_t)(nf ? nf : 1));
    ft->questions = malloc(sizeof *ft->questions * (size_t)(nq ? nq : 1));
    int *form_rank = malloc(sizeof *form_rank * (size_t)(nf ? nf : 1));
    int *question_rank = malloc(sizeof *question_rank * (size_t)(nq ? nq : 1));
    if (!ft->t || !ft->forms || !ft->questions || !form_rank || !question_rank ||
        rank_of_names(sp->forms, nf, form_rank) != 0 ||
        rank_of_names(sp->questions, nq, question_rank) != 0) {
        free(form_rank);
        free(question_rank);
        free_text_free(ft);
        snprintf(err, ERR_LEN, "free text: out of memory");
        return -1;
    }
    memcpy(ft->forms, sp->forms, sizeof *ft->forms * (size_t)nf);
    memcpy(ft->questions, sp->questions, sizeof *ft->questions * (size_t)nq);
    ft->nforms = nf;
    ft->nquestions = nq;
    for (size_t k = 0; k < sp->nresponses; k++) {
        const SpanResponse *r = &sp->responses[k];
        if (strcmp(r->day, first) < 0 || strcmp(r->day, last) > 0)
            continue;
        uint64_t day_form = (uint64_t)day_number(r->day) << 32 |
                            (uint64_t)(uint16_t)form_rank[r->form] << 16;
        uint64_t id8 = 0;
        for (int b = 0; b < 8; b++)
            id8 = id8 << 8 | r->id[b];
        for (uint32_t j = 0; j < r->n; j++) {
            const SpanAnswer *a = &r->answers[j];
            if (a->kind != ANSWER_TEXT)
                continue;
            TextAnswer *t = &ft->t[ft->n++];
            *t = (TextAnswer){day_form | (uint16_t)question_rank[a->question], id8, a->value,
                              r->session, r->ref, a->pos, r->form, a->question, {0}, {0}};
            memcpy(t->id, r->id, sizeof t->id);
            memcpy(t->day, r->day, sizeof t->day);
        }
    }
    free(form_rank);
    free(question_rank);
    return 0;
}

/* Sorts and writes what free_text_gather gathered (a thread's start). */
static void *free_text_write(void *arg)
{
    FreeText *ft = arg;
    const Inputs *in = ft->in;
    FILE *f = ft->f;
    int nq = ft->nquestions;
    /* each form's question's label, found once */
    const char **label =
        calloc((size_t)(ft->nforms ? ft->nforms : 1) * (size_t)(nq ? nq : 1), sizeof *label);
    qsort(ft->t, ft->n, sizeof *ft->t, by_text_order);
    fputs(OUT_CSV_BOM, f);
    fputs("response,day,session,form_id,question,question_label,text\n", f);
    for (size_t i = 0; i < ft->n; i++) {
        const TextAnswer *t = &ft->t[i];
        char id[2 * RESPONSE_ID_LEN + 1];
        hex_id(t->id, sizeof t->id, id);
        const char *form = ft->forms[t->form], *qname = ft->questions[t->question];
        const char *l = label ? label[(size_t)t->form * (size_t)nq + t->question] : NULL;
        if (!l) {
            const Survey *sv = surveys_find(&in->surveys, form);
            const Question *q = sv ? survey_question_named(sv, qname) : NULL;
            l = q ? survey_text(sv, q->label, sv->default_lang) : "";
            if (label)
                label[(size_t)t->form * (size_t)nq + t->question] = l;
        }
        out_csv(f, id, 0);
        out_csv(f, t->day, 0);
        out_csv(f, t->session, 0);
        out_csv(f, form, 0);
        out_csv(f, qname, 0);
        out_csv(f, l, 0);
        out_csv(f, t->value, 1);
        ft->count++;
    }
    free(label);
    return NULL;
}

/* free-text.csv: every text answer of the period, for workers to read before anything of it is
 * quoted anywhere. Gathered now, then written on a thread (in this one if none can start);
 * free_text_join waits for it. 0, or -1 with err. */
static int free_text_start(const Inputs *in, FILE *f, FreeText *ft, char *err)
{
    if (free_text_gather(in, f, ft, err) != 0)
        return -1;
    ft->started = pthread_create(&ft->thread, NULL, free_text_write, ft) == 0;
    if (!ft->started)
        free_text_write(ft);
    return 0;
}

static void free_text_join(FreeText *ft)
{
    if (ft->started)
        pthread_join(ft->thread, NULL);
    ft->started = 0;
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
        "  report.xlsx        the tables below as a workbook (a sheet each, numbers as numbers)\n"
        "                     and a Notes sheet: the small-number rule, the period, late "
        "responses\n"
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
    Inputs in;
    Participation part;
    memset(&part, 0, sizeof part);
    Figure(*trend)[FIGURE_TREND] = NULL;
    OutFile files[] = {
        {"safety.csv", "worker", {0}},      {"free-text.csv", "worker", {0}},
        {"measures.csv", "committee", {0}}, {"participation.csv", "committee", {0}},
        {"report.html", "committee", {0}},
    };
    enum { SAFETY, FREE_TEXT, MEASURES_CSV, PARTICIPATION_CSV, HTML, NFILES };
    long flagged = 0, talk = 0, free_text = 0;
    int rc = 1;
    LedgerFigures record = {0};
    SqlStmt *safety = NULL;
    FreeText text = {0};
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
    if (inputs_open(&in, db, surveys, measures, period, &probs, err) != 0) {
        survey_problems_print(measures, &probs, stderr);
        fprintf(stderr, "chorus-sync report: %s\n", err);
        return 1;
    }
    if (!(trend = calloc((size_t)in.measures->n, sizeof *trend))) {
        snprintf(err, ERR_LEN, "out of memory");
        goto done;
    }
    /* What a report publishes is counted, solved and recorded in one write transaction: no
     * import lands between the counts and the record, and no two reports solve against the
     * same ledger at once. A draft reads in one read transaction: one snapshot for every
     * count (and one lock, not one a query). The record is made before the files are
     * written, so a failed write leaves a recorded run that constrains later reports (the
     * safe side), never an unrecorded publication. */
    Sql *cdb = council_db(in.council);
    if (sql_begin(cdb, o.draft ? SQL_READ : SQL_WRITE) != 0) {
        snprintf(err, ERR_LEN, "%s: %s", sql_name(cdb), sql_errmsg(cdb));
        goto done;
    }
    for (int i = 0; i < in.measures->n; i++)
        if (figure_trend(cdb, in.memo, &in.measures->items[i], &in.period, trend[i], err) != 0)
            goto done;
    int64_t last_ref = ledger_last_ref(cdb), run = 0;
    if (participation_gather(&in, &part, err) != 0 ||
        linked_solve(&in, &part, trend, o.draft ? NULL : &record, err) != 0)
        goto done;
    if ((!o.draft && ledger_record(cdb, in.period_name, last_ref, &record, &run, err) != 0) ||
        sql_commit(cdb) != 0) {
        if (!*err || strncmp(err, "recording", 9) != 0)
            snprintf(err, ERR_LEN, "recording what was published: %s", sql_errmsg(cdb));
        goto done;
    }
    for (int i = 0; i < NFILES; i++)
        if (out_open(&files[i].out, err) != 0)
            goto done;
    /* the free text is written on a thread; safety's read goes first, for the store to work
     * on while the free text is gathered */
    if (start_safety(&in, &safety, err) != 0 ||
        free_text_start(&in, files[FREE_TEXT].out.f, &text, err) != 0)
        goto done;
    int safe = write_safety(&in, safety, files[SAFETY].out.f, &flagged, &talk, err);
    free_text_join(&text);
    free_text = text.count;
    if (safe != 0)
        goto done;
    for (int i = MEASURES_CSV; i <= PARTICIPATION_CSV; i++) {
        fputs(OUT_CSV_BOM, files[i].out.f);
        if (o.draft)
            fputs(TABLES_DRAFT_LINE "\n", files[i].out.f);
    }
    tables_measures_csv(files[MEASURES_CSV].out.f, &in, trend);
    tables_participation_csv(files[PARTICIPATION_CSV].out.f, &part);
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
    char xlsx[4096];
    snprintf(xlsx, sizeof xlsx, "%s/report.xlsx", outdir);
    if (tables_write_xlsx(xlsx, &in, trend, &part, o.draft, err) != 0)
        goto done;
    printf(
        "%s for %s written to %s/report.html (with report.xlsx, measures.csv, participation.csv; "
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
    sql_finalize(safety);
    free_text_join(&text);
    free_text_free(&text);
    if (in.council && sql_in_transaction(council_db(in.council)))
        sql_rollback(council_db(in.council));
    ledger_free(&record);
    for (int i = 0; i < NFILES; i++)
        out_free(&files[i].out);
    participation_free(&part);
    free(trend);
    inputs_close(&in);
    return rc;
}
