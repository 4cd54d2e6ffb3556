/* plan.c: `chorus-sync plan`. See plan.h for what a table looks like and what is filled.
 *
 * Start reading at cmd_plan(), then plan_fill(). plan_fill never rebuilds the table: it finds
 * the byte ranges of the cells it changes and copies everything else through untouched, so
 * whatever the file's line ends, quoting or trailing tabs, they survive.
 *
 * Choices the contract leaves open:
 * - Quoting follows what spreadsheets write: a cell that starts with '"' and has a closing '"'
 *   right before a tab or line end is quoted (tabs, line ends and "" inside). Anything else,
 *   such as `"normal" activities`, is plain text: PDF extractions are full of those.
 * - A changed cell keeps its quoting: quoted stays quoted, plain stays plain (the note has no
 *   tab, line end or bracket, so plain text is always safe).
 * - A measured row under a header without a progress or RAG cell is an error, but such a header
 *   is not: plans have other tables, and they pass through untouched. */
#include "plan.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "defaults.h"
#include "fileio.h"
#include "inputs.h"
#include "linked.h"
#include "response.h"

#define NOTE_OPEN "[Chorus "

/* ---- reading the table ---- */

typedef struct {
    size_t start, end; /* the raw bytes, quotes included */
    int quoted;
} Cell;

typedef struct {
    const char *buf;
    size_t len, pos;
    int line;     /* the line pos is on */
    int rec_line; /* the line the current record starts on */
    Cell *cells;
    int ncells, cap;
} Scanner;

__attribute__((format(printf, 4, 5))) static int fail(char *err, const char *path, int line,
                                                      const char *fmt, ...)
{
    char reason[ERR_LEN];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    if (line > 0)
        snprintf(err, ERR_LEN, "%s:%d: %s", path, line, reason);
    else
        snprintf(err, ERR_LEN, "%s: %s", path, reason);
    return -1;
}

static int is_end(const Scanner *s, size_t i)
{
    return i >= s->len || s->buf[i] == '\t' || s->buf[i] == '\r' || s->buf[i] == '\n';
}

/* Reads the next record into s->cells. Returns 1, 0 at the end of the file, or -1 (a row of
 * more than PLAN_CELLS_MAX cells, out of memory) with err. */
static int next_record(Scanner *s, const char *path, char *err)
{
    if (s->pos >= s->len)
        return 0;
    const char *b = s->buf;
    s->ncells = 0;
    s->rec_line = s->line;
    for (;;) {
        Cell c = {s->pos, s->pos, 0};
        size_t p = s->pos;
        if (p < s->len && b[p] == '"') {
            /* The closing quote is the first one not doubled; it must end the cell. Each
             * quote is looked at a bounded number of times over the whole file (a scan
             * cannot pass over the start of another cell that would scan), so this is
             * linear. */
            size_t i = p + 1;
            int lines = 0;
            while (i < s->len) {
                if (b[i] == '"') {
                    if (i + 1 < s->len && b[i + 1] == '"') {
                        i += 2;
                        continue;
                    }
                    break;
                }
                if (b[i] == '\n' || (b[i] == '\r' && !(i + 1 < s->len && b[i + 1] == '\n')))
                    lines++;
                i++;
            }
            if (i < s->len && is_end(s, i + 1)) {
                c.end = i + 1;
                c.quoted = 1;
                s->line += lines;
                p = i + 1;
            }
        }
        if (!c.quoted) {
            while (!is_end(s, p))
                p++;
            c.end = p;
        }
        if (s->ncells == PLAN_CELLS_MAX)
            return fail(err, path, s->rec_line, "more than %d cells in one row", PLAN_CELLS_MAX);
        if (s->ncells == s->cap) {
            int cap = s->cap ? s->cap * 2 : 32;
            Cell *grown = realloc(s->cells, sizeof *grown * (size_t)cap);
            if (!grown)
                return fail(err, path, s->rec_line, "out of memory");
            s->cells = grown;
            s->cap = cap;
        }
        s->cells[s->ncells++] = c;
        if (p < s->len && b[p] == '\t') {
            s->pos = p + 1;
            continue;
        }
        if (p < s->len && b[p] == '\r') {
            p++;
            if (p < s->len && b[p] == '\n')
                p++;
            s->line++;
        } else if (p < s->len && b[p] == '\n') {
            p++;
            s->line++;
        }
        s->pos = p;
        return 1;
    }
}

/* The text of cell c, unquoted, into a malloc'd string (caller frees); NULL when out of
 * memory. A byte-order mark at the start of the file is not part of the text. */
static char *cell_text(const char *buf, const Cell *c)
{
    size_t start = c->start, end = c->end;
    if (start == 0 && end - start >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
        start = 3;
    char *t = malloc(end - start + 1), *o = t;
    if (!t)
        return NULL;
    if (c->quoted && start < end && buf[start] == '"') {
        for (size_t i = start + 1; i + 1 < end; i++) {
            *o++ = buf[i];
            if (buf[i] == '"')
                i++; /* "" is one quote */
        }
    } else {
        memcpy(o, buf + start, end - start);
        o += end - start;
    }
    *o = '\0';
    return t;
}

/* The trimmed text of cell c, cut to cap - 1 bytes, for comparing with names. Returns 0, or
 * -1 when the trimmed text is longer than that (it can be no name of interest) or out of
 * memory. */
static int cell_word(const char *buf, const Cell *c, char *out, size_t cap)
{
    out[0] = '\0';
    if (c->end - c->start > 4 * cap)
        return -1; /* far too long to be a heading or a ref, even with padding */
    char *t = cell_text(buf, c);
    if (!t)
        return -1;
    char *s = t;
    while (isspace((unsigned char)*s))
        s++;
    size_t len = strlen(s);
    while (len && isspace((unsigned char)s[len - 1]))
        len--;
    int rc = -1;
    if (len < cap) {
        memcpy(out, s, len);
        out[len] = '\0';
        rc = 0;
    }
    free(t);
    return rc;
}

/* 1 if word (lower case) appears in s as a whole word, any case. */
static int has_word(const char *s, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = s; *p; p++) {
        if (strncasecmp(p, word, n) != 0)
            continue;
        int before = p == s || !isalnum((unsigned char)p[-1]);
        int after = !isalnum((unsigned char)p[n]);
        if (before && after)
            return 1;
    }
    return 0;
}

/* 1 if s has "progress" in it, any case, even inside a longer word ("Milestones/Progress"). */
static int contains_progress(const char *s)
{
    for (; *s; s++)
        if (strncasecmp(s, "progress", 8) == 0)
            return 1;
    return 0;
}

typedef struct {
    int line;               /* 0: no header yet */
    int ref, progress, rag; /* cell indexes; -1 when missing */
} Header;

/* If the record is a header row (a cell that says Ref), fills h and returns 1, else 0. */
static int read_header(const Scanner *s, Header *h)
{
    char word[128];
    int ref = -1, progress = -1, rag = -1, rag_progress = 0;
    for (int i = 0; i < s->ncells; i++) {
        if (cell_word(s->buf, &s->cells[i], word, sizeof word) != 0)
            continue;
        size_t len = strlen(word);
        while (len && (word[len - 1] == '.' || word[len - 1] == ':'))
            word[--len] = '\0';
        if (ref < 0 && (strcasecmp(word, "ref") == 0 || strcasecmp(word, "reference") == 0))
            ref = i;
        else if (has_word(word, "rag")) {
            int is_progress = has_word(word, "progress");
            if (rag < 0 || (is_progress && !rag_progress)) {
                rag = i;
                rag_progress = is_progress;
            }
        } else if (progress < 0 && contains_progress(word))
            progress = i;
    }
    if (ref < 0)
        return 0;
    *h = (Header){s->rec_line, ref, progress, rag};
    return 1;
}

/* ---- writing the notes ---- */

/* The new text of a progress cell: the old text without an earlier Chorus note, then the
 * note. Returns a malloc'd string or NULL when out of memory. */
static char *progress_text(const char *old, const char *period, const char *note)
{
    size_t len = strlen(old);
    const char *open = strstr(old, NOTE_OPEN);
    const char *close = open ? strchr(open, ']') : NULL;
    size_t keep_to = len, resume = len;
    if (open && close) {
        keep_to = (size_t)(open - old);
        resume = (size_t)(close + 1 - old);
        if (keep_to > 0 && old[keep_to - 1] == ' ')
            keep_to--; /* the space written before the note */
        else if (old[resume] == ' ')
            resume++;
    }
    size_t cap = len + strlen(period) + strlen(note) + 32;
    char *t = malloc(cap);
    if (!t)
        return NULL;
    /* Text after an old note (someone wrote on after it) stays, before the new note. */
    int n = snprintf(t, cap, "%.*s%s", (int)keep_to, old, old + resume);
    snprintf(t + n, cap - (size_t)n, "%s" NOTE_OPEN "%s: %s]",
             n > 0 && !isspace((unsigned char)t[n - 1]) ? " " : "", period, note);
    return t;
}

typedef struct {
    size_t start, end; /* the raw cell replaced */
    const char *text;  /* its new text, unquoted */
    char *owned;       /* text, when it was allocated for this change */
    int quoted;
} Change;

static int by_start(const void *x, const void *y)
{
    const Change *a = x, *b = y;
    return a->start < b->start ? -1 : a->start > b->start;
}

int plan_fill(const char *path, const char *buf, size_t len, const char *period, PlanFill *fills,
              int nfills, char **out, size_t *outlen, int *tables, char *err)
{
    Scanner s = {.buf = buf, .len = len, .line = 1};
    Change *changes = NULL;
    int nchanges = 0, rc = -1, yellow = 0;
    char *copy = NULL;
    Header h = {0, -1, -1, -1};
    *out = NULL;
    *outlen = 0;
    *tables = 0;
    for (int i = 0; i < nfills; i++)
        fills[i].line = 0;

    /* Text first: a NUL or a broken UTF-8 sequence is named by its line. */
    for (size_t start = 0, line = 1; start < len; line++) {
        const char *nl = memchr(buf + start, '\n', len - start);
        size_t end = nl ? (size_t)(nl - buf) + 1 : len;
        if (!utf8_valid(buf + start, end - start))
            return fail(err, path, (int)(line < 2147483647 ? line : 2147483647),
                        "not UTF-8 text (a NUL byte or a broken character): save the table "
                        "as UTF-8 tab-separated text");
        start = end;
    }
    if (!(changes = calloc((size_t)(2 * nfills + 1), sizeof *changes)))
        return fail(err, path, 0, "out of memory");

    int got;
    while ((got = next_record(&s, path, err)) == 1) {
        Header next;
        if (read_header(&s, &next)) {
            h = next;
            if (h.progress >= 0 && h.rag >= 0)
                (*tables)++;
            continue;
        }
        if (h.line == 0 || h.ref >= s.ncells)
            continue;
        char ref[MEASURE_REF_MAX + 1], word[16];
        if (h.rag >= 0 && h.rag < s.ncells && h.progress >= 0 &&
            cell_word(buf, &s.cells[h.rag], word, sizeof word) == 0 &&
            strcasecmp(word, "yellow") == 0)
            yellow = 1;
        if (cell_word(buf, &s.cells[h.ref], ref, sizeof ref) != 0 || !*ref)
            continue;
        int f = 0;
        while (f < nfills && strcmp(fills[f].ref, ref) != 0)
            f++;
        if (f == nfills)
            continue;
        if (fills[f].line) {
            fail(err, path, s.rec_line,
                 "ref %s is also on line %d: which row to fill is "
                 "unclear",
                 ref, fills[f].line);
            goto done;
        }
        if (h.progress < 0 || h.rag < 0) {
            fail(err, path, s.rec_line,
                 "ref %s is measured, but its table's header (line %d) "
                 "has no %s",
                 ref, h.line,
                 h.progress < 0 ? "progress column (such as 'Milestones/Progress/Impact' or "
                                  "'Progress to date')"
                                : "RAG column (such as 'RAG Rating' or 'Progress RAG')");
            goto done;
        }
        int need = (h.progress > h.rag ? h.progress : h.rag) + 1;
        if (s.ncells < need) {
            fail(err, path, s.rec_line,
                 "the row of ref %s has %d cells, but its header (line "
                 "%d) puts progress in cell %d and RAG in cell %d",
                 ref, s.ncells, h.line, h.progress + 1, h.rag + 1);
            goto done;
        }
        fills[f].line = s.rec_line;
        const Cell *pc = &s.cells[h.progress], *rcell = &s.cells[h.rag];
        char *old = cell_text(buf, pc);
        char *text = old ? progress_text(old, period, fills[f].note) : NULL;
        free(old);
        if (!text) {
            fail(err, path, s.rec_line, "out of memory");
            goto done;
        }
        changes[nchanges++] = (Change){pc->start, pc->end, text, text, pc->quoted};
        /* Amber becomes Yellow below, once the whole table has said which word it uses. */
        if (fills[f].rag != RAG_NONE)
            changes[nchanges++] =
                (Change){rcell->start, rcell->end, rag_name(fills[f].rag), NULL, rcell->quoted};
    }
    if (got < 0)
        goto done;
    if (*tables == 0) {
        fail(err, path, 0, "no action-plan table found (needs Ref, progress and RAG columns)");
        goto done;
    }

    qsort(changes, (size_t)nchanges, sizeof *changes, by_start);
    size_t total = len + 1;
    for (int i = 0; i < nchanges; i++)
        total += 2 * strlen(changes[i].text) + 2;
    if (!(copy = malloc(total))) {
        fail(err, path, 0, "out of memory");
        goto done;
    }
    size_t o = 0, at = 0;
    for (int i = 0; i < nchanges; i++) {
        const Change *c = &changes[i];
        const char *text = c->text;
        if (yellow && strcmp(text, "Amber") == 0)
            text = "Yellow";
        memcpy(copy + o, buf + at, c->start - at);
        o += c->start - at;
        if (c->quoted)
            copy[o++] = '"';
        for (const char *t = text; *t; t++) {
            if (c->quoted && *t == '"')
                copy[o++] = '"';
            copy[o++] = *t;
        }
        if (c->quoted)
            copy[o++] = '"';
        at = c->end;
    }
    memcpy(copy + o, buf + at, len - at);
    o += len - at;
    copy[o] = '\0';
    *out = copy;
    *outlen = o;
    copy = NULL;
    rc = 0;
done:
    for (int i = 0; i < nchanges; i++)
        free(changes[i].owned);
    free(changes);
    free(copy);
    free(s.cells);
    return rc;
}

/* ---- the command ---- */

typedef struct {
    const char *in, *out, *period, *plan, *db, *measures, *surveys;
    int draft;
} PlanArgs;

static const Option plan_rows[] = {
    OPT_REQUIRED("--in", "PLAN.tsv", PlanArgs, in, "the action plan to fill"),
    OPT_REQUIRED("--out", "PLAN.tsv", PlanArgs, out, "where the filled plan goes (may be --in)"),
    OPT_REQUIRED("--period", "P", PlanArgs, period,
                 "2026-Q3, 2026, 2026/27 or 2026/27-Q1 (see chorus-sync report --help)"),
    OPT_TEXT("--plan", "NAME", PlanArgs, plan, NULL,
             "whose measures (the plan column of the measures); needed only when the\n"
             "table has refs of more than one plan"),
    OPT_TEXT("--db", "FILE", PlanArgs, db, DEFAULT_COUNCIL_DB, "the council database"),
    OPT_TEXT("--measures", "FILE", PlanArgs, measures, DEFAULT_MEASURES, "the measures"),
    OPT_TEXT("--surveys", "DIR", PlanArgs, surveys, DEFAULT_SURVEYS,
             "the surveys the measures name"),
    OPT_FLAG("--draft", PlanArgs, draft,
             "not for publication: each note says DRAFT, and nothing is recorded as published"),
    OPT_END,
};

const OptionTable plan_options = {
    .program = "chorus-sync",
    .name = "plan",
    .options = plan_rows,
    .run = cmd_plan,
    .about =
        "Writes the measures of PERIOD into an action-plan table (tab-separated, the shape of a\n"
        "spreadsheet export): for each row whose Ref has measures, the progress cell gets a note\n"
        "\"[Chorus PERIOD: ...]\" (replacing an earlier one) and the RAG cell the worst rating of\n"
        "its measures. Every other byte stays as it was. --in and --out may be the same file; the\n"
        "output is written whole or not at all. A file with no header row that has a Ref, a\n"
        "progress and a RAG column is refused.\n"
        "The figures are the report's, hidden as the report hides them, and solved with every\n"
        "report and plan published before; what the notes show is recorded as published\n"
        "(chorus-sync published lists it), unless it is a --draft.",
};

/* A note being written: text in a fixed buffer, and whether it ran out of room. */
typedef struct {
    char *text;
    size_t cap, len;
    int full;
} Note;

__attribute__((format(printf, 2, 3))) static void note_add(Note *n, const char *fmt, ...)
{
    if (n->full)
        return;
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(n->text + n->len, n->cap - n->len, fmt, ap);
    va_end(ap);
    if (w < 0 || (size_t)w >= n->cap - n->len) {
        n->full = 1;
        n->text[n->len] = '\0';
        return;
    }
    n->len += (size_t)w;
}

/* Appends one measure's figure: "what: 78% of 45 who answered (target 80%), 70% in 2026-Q2". */
static void describe(Note *note, const Inputs *in, const Measure *m, const Figure *t)
{
    const Figure *f = &t[FIGURE_TREND - 1], *before = &t[FIGURE_TREND - 2];
    const char *pc = m->kind == MEASURE_PERCENT ? "%" : "";
    char window[64];
    period_name(&f->window, window, sizeof window);
    note_add(note, "%s%s: ", note->len ? "; " : "", m->text);
    if (f->state == FIGURE_NO_DATA)
        note_add(note, "no answers yet");
    else if (f->state == FIGURE_SUPPRESSED)
        note_add(note, "not shown (small numbers)");
    else if (m->kind == MEASURE_PERCENT)
        note_add(note, "%ld%% of %ld %s (target %ld%%)", f->value, f->n,
                 m->denominator == DENOM_ANSWERED ? "who answered" : "responses", f->target);
    else
        note_add(note, "%ld responses (target %ld)", f->value, f->target);
    if (strcmp(window, in->period_name) != 0)
        note_add(note, " over %s", window);
    if (f->state == FIGURE_VALUE && before->state == FIGURE_VALUE) {
        char prev[64];
        period_name(&before->window, prev, sizeof prev);
        note_add(note, ", %ld%s in %s", before->value, pc, prev);
    }
}

typedef struct {
    PlanFill *fills;
    Note *notes;
    int n;
} Fills;

/* What the notes of fs (filled into the table) show of plan's measures, into record: each
 * measure with a row filled, its figure for the period and, when the note gives it, the one
 * before (the ledger, ledger.h). Returns 0, or -1 with err. */
static int record_fills(const Inputs *in, const char *plan, Figure (*trend)[FIGURE_TREND],
                        const Fills *fs, LedgerFigures *record, char *err)
{
    for (int i = 0; i < in->measures->n; i++) {
        const Measure *m = &in->measures->items[i];
        int filled = 0;
        for (int f = 0; f < fs->n && !filled && strcmp(m->plan, plan) == 0; f++)
            filled = fs->fills[f].line > 0 && measure_has_ref(m, fs->fills[f].ref);
        if (!filled)
            continue;
        const Figure *now = &trend[i][FIGURE_TREND - 1], *before = &trend[i][FIGURE_TREND - 2];
        if (linked_record_measure(record, m, now, err) != 0 ||
            (now->state == FIGURE_VALUE && before->state == FIGURE_VALUE &&
             linked_record_measure(record, m, before, err) != 0))
            return -1;
    }
    return 0;
}

static void fills_free(Fills *fs)
{
    for (int i = 0; i < fs->n; i++)
        free(fs->notes[i].text);
    free(fs->notes);
    free(fs->fills);
    memset(fs, 0, sizeof *fs);
}

/* One fill per ref of plan's measures: the figures of its measures (trend, from
 * linked_measure_figures), and the worst rating. */
static int build_fills(const Inputs *in, const char *plan, Figure (*trend)[FIGURE_TREND], Fills *fs,
                       char *err)
{
    enum { NOTE_MAX = 4096 };
    const MeasureSet *ms = in->measures;
    int cap = 0;
    for (int i = 0; i < ms->n; i++)
        cap += ms->items[i].nrefs;
    fs->fills = calloc((size_t)cap + 1, sizeof *fs->fills);
    fs->notes = calloc((size_t)cap + 1, sizeof *fs->notes);
    if (!fs->fills || !fs->notes) {
        snprintf(err, ERR_LEN, "out of memory");
        return -1;
    }
    for (int i = 0; i < ms->n; i++) {
        const Measure *m = &ms->items[i];
        if (strcmp(m->plan, plan) != 0)
            continue;
        const Figure *t = trend[i];
        for (int r = 0; r < m->nrefs; r++) {
            int f = 0;
            while (f < fs->n && strcmp(fs->fills[f].ref, m->ref[r]) != 0)
                f++;
            if (f == fs->n) {
                if (!(fs->notes[f].text = calloc(NOTE_MAX, 1))) {
                    snprintf(err, ERR_LEN, "out of memory");
                    return -1;
                }
                fs->notes[f].cap = NOTE_MAX;
                fs->fills[f] = (PlanFill){m->ref[r], fs->notes[f].text, RAG_NONE, 0};
                fs->n++;
            }
            describe(&fs->notes[f], in, m, t);
            if (fs->notes[f].full) {
                snprintf(err, ERR_LEN,
                         "the note for ref %s of %s would be longer than %d "
                         "bytes: too many measures for one row",
                         m->ref[r], plan, NOTE_MAX);
                return -1;
            }
            Rag rag = t[FIGURE_TREND - 1].rag;
            if (rag != RAG_NONE && (fs->fills[f].rag == RAG_NONE || rag < fs->fills[f].rag))
                fs->fills[f].rag = rag;
        }
    }
    return 0;
}

int cmd_plan(int argc, char **argv)
{
    PlanArgs o;
    OptionArgs args;
    int done = options_read(&plan_options, argc, argv, &o, &args);
    if (done >= 0)
        return done;
    const char *db = o.db, *surveys = o.surveys, *measures = o.measures, *period = o.period,
               *in_path = o.in, *out_path = o.out, *plan = o.plan;

    char err[ERR_LEN], *buf = NULL, *best = NULL, *out = NULL;
    Figure(*trend)[FIGURE_TREND] = NULL;
    size_t len = 0, best_len = 0, out_len = 0;
    static SurveyProblems probs;
    Inputs in;
    Fills fs = {0}, best_fs = {0};
    LedgerFigures record = {0};
    int64_t last_ref = 0, run = 0;
    char note_period[96];
    int rc = 1, tables = 0, matched_plans = 0;
    const char *matched[2] = {NULL, NULL};
    if (file_read_all(in_path, PLAN_FILE_MAX, &buf, &len, err) != 0) {
        fprintf(stderr, "chorus-sync plan: %s\n", err);
        return 1;
    }
    /* A file with no action-plan table (a README, a strategy in prose) is refused before
     * anything else is opened. */
    if (plan_fill(in_path, buf, len, period, NULL, 0, &out, &out_len, &tables, err) != 0) {
        fprintf(stderr, "chorus-sync plan: %s\n", err);
        free(buf);
        return 1;
    }
    free(out);
    out = NULL;
    if (inputs_open(&in, db, surveys, measures, period, &probs, err) != 0) {
        survey_problems_print(measures, &probs, stderr);
        fprintf(stderr, "chorus-sync plan: %s\n", err);
        free(buf);
        return 1;
    }
    if (plan) {
        int known = 0;
        for (int i = 0; i < in.measures->n && !known; i++)
            known = strcmp(in.measures->items[i].plan, plan) == 0;
        if (!known) {
            char names[ERR_LEN / 2] = "";
            for (int i = 0; i < in.measures->n; i++) {
                const char *p = in.measures->items[i].plan;
                if (!strstr(names, p))
                    snprintf(names + strlen(names), sizeof names - strlen(names), "%s'%s'",
                             *names ? ", " : "", p);
            }
            snprintf(err, ERR_LEN, "%s has no measures for plan '%s' (its plans: %s)", measures,
                     plan, names);
            goto done;
        }
    }
    if (!(trend = calloc((size_t)(in.measures->n ? in.measures->n : 1), sizeof *trend))) {
        snprintf(err, ERR_LEN, "out of memory");
        goto done;
    }
    /* As report does: the figures are solved with, and what the notes show recorded in, one
     * write transaction, before the table is written (a draft: one read transaction). */
    Sql *cdb = council_db(in.council);
    if (sql_begin(cdb, o.draft ? SQL_READ : SQL_WRITE) != 0) {
        snprintf(err, ERR_LEN, "%s: %s", sql_name(cdb), sql_errmsg(cdb));
        goto done;
    }
    last_ref = ledger_last_ref(cdb);
    if (linked_measure_figures(&in, trend, err) != 0)
        goto done;
    snprintf(note_period, sizeof note_period, "%s%s", in.period_name, o.draft ? " DRAFT" : "");
    /* Each plan in turn (or the one named): the table is filled with the plan whose refs it
     * has. Refs of two plans in one table are a question only the user can answer. */
    for (int i = 0; i < in.measures->n; i++) {
        const char *p = in.measures->items[i].plan;
        int seen = 0;
        for (int j = 0; j < i && !seen; j++)
            seen = strcmp(in.measures->items[j].plan, p) == 0;
        if (seen || (plan && strcmp(plan, p) != 0))
            continue;
        if (build_fills(&in, p, trend, &fs, err) != 0 ||
            plan_fill(in_path, buf, len, note_period, fs.fills, fs.n, &out, &out_len, &tables,
                      err) != 0)
            goto done;
        int filled = 0;
        for (int f = 0; f < fs.n; f++)
            filled += fs.fills[f].line > 0;
        if (filled || plan) {
            if (matched_plans < 2)
                matched[matched_plans] = p;
            matched_plans++;
            free(best);
            fills_free(&best_fs);
            best = out;
            best_len = out_len;
            best_fs = fs;
            memset(&fs, 0, sizeof fs);
        } else {
            free(out);
            fills_free(&fs);
        }
        out = NULL;
    }
    if (matched_plans > 1) {
        snprintf(err, ERR_LEN,
                 "%s has refs of more than one plan ('%s', '%s'): choose one with "
                 "--plan",
                 in_path, matched[0], matched[1]);
        goto done;
    }
    if (!o.draft && best) {
        if (record_fills(&in, matched[0], trend, &best_fs, &record, err) != 0)
            goto done;
        if (record.n > 0 && ledger_record(cdb, in.period_name, last_ref, &record, &run, err) != 0)
            goto done;
    }
    if (sql_commit(cdb) != 0) {
        snprintf(err, ERR_LEN, "recording what was published: %s", sql_errmsg(cdb));
        goto done;
    }
    struct stat st;
    int mode = stat(in_path, &st) == 0 ? (int)(st.st_mode & 0777) : 0644;
    const char *data = best ? best : buf;
    size_t data_len = best ? best_len : len;
    if (file_write_atomic(out_path, data, data_len, mode, err) != 0)
        goto done;
    if (!best) {
        printf("%s: no row has a measured ref (the tables' refs are not in the measures); "
               "written unchanged to %s\n",
               in_path, out_path);
    } else {
        int filled = 0;
        for (int f = 0; f < best_fs.n; f++)
            filled += best_fs.fills[f].line > 0;
        printf("%s: %d row%s filled for %s (%s) in %s\n", in_path, filled, filled == 1 ? "" : "s",
               matched[0], in.period_name, out_path);
        for (int f = 0; f < best_fs.n; f++)
            if (!best_fs.fills[f].line)
                printf("  note: ref %s has measures but no row in this table\n",
                       best_fs.fills[f].ref);
    }
    if (o.draft)
        printf("a draft: each note says DRAFT; not for publication, and not recorded as "
               "published\n");
    else if (run > 0)
        printf("recorded as published: run %lld (chorus-sync published lists it)\n",
               (long long)run);
    rc = 0;
done:
    if (rc != 0)
        fprintf(stderr, "chorus-sync plan: %s\n", err);
    if (in.council && sql_in_transaction(council_db(in.council)))
        sql_rollback(council_db(in.council));
    ledger_free(&record);
    free(buf);
    free(best);
    free(out);
    free(trend);
    fills_free(&fs);
    fills_free(&best_fs);
    inputs_close(&in);
    return rc;
}
