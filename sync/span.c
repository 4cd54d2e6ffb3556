/* span.c: a run of days' counted responses and their answers, read once. See span.h.
 *
 * The read goes a page of responses at a time (in order of ref, from where the last page
 * stopped), then the answers of the page's range of refs in order of response: the
 * answer table's own key on both stores, so neither sorts anything. A page's answers and the
 * next page are started (sql_start) before the answers of the page before are read, so that
 * PostgreSQL works on them while the client takes in the last. An answer whose response
 * is in that range but not counted in these days (set aside, or of another day) is skipped
 * as the two ordered lists are merged. A response's answers are then put in the order they
 * were given (pos), as every reader of them expects. */
#include "span.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "chorus_limits.h"
#include "council.h"
#include "response.h"

/* A read's pages grow from SPAN_FIRST_PAGE responses to SPAN_PAGE, doubling: a small read
 * takes a few round trips, and a large one has its first rows (and the server its next page)
 * at once. */
#define SPAN_FIRST_PAGE 256
#define SPAN_PAGE 16384
/* How many pages' answers may be asked for before the oldest is taken in. */
#define SPAN_AHEAD 4
/* The page size from which a read's answers go on twin connections (after 768 responses):
 * a smaller read is over before two more connections would have been opened. */
#define SPAN_TWIN_PAGE 1024

/* ?5..?6: days already held (a Span read again wider), or none ('1' to '0') */
static const char sql_page[] =
    "SELECT ref, id, form_id, day, session, flags FROM " COUNCIL_COUNTED
    " WHERE day >= ?1 AND day <= ?2 AND NOT (day >= ?5 AND day <= ?6) AND ref > ?3"
    " ORDER BY ref LIMIT ?4";
static const char sql_answers[] = "SELECT response, question, pos, kind, value FROM answer"
                                  " WHERE response >= ?1 AND response <= ?2 ORDER BY response";

static uint32_t hash_name(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* Question names by hash (sp->slot: index + 1, 0 empty), for the lookup every answer read
 * makes. */
static int names_grow(Span *sp)
{
    size_t cap = sp->slots ? sp->slots * 2 : 256;
    int *slot = calloc(cap, sizeof *slot);
    if (!slot)
        return -1;
    for (int i = 0; i < sp->nquestions; i++) {
        size_t h = hash_name(sp->questions[i]) & (cap - 1);
        while (slot[h])
            h = (h + 1) & (cap - 1);
        slot[h] = i + 1;
    }
    free(sp->slot);
    sp->slot = slot;
    sp->slots = cap;
    return 0;
}

/* The index of question name, added if new; -1 out of memory or past SpanAnswer's range. */
static int intern_question(Span *sp, const char *name)
{
    if ((size_t)sp->nquestions * 2 >= sp->slots && names_grow(sp) != 0)
        return -1;
    size_t h = hash_name(name) & (sp->slots - 1);
    while (sp->slot[h]) {
        int i = sp->slot[h] - 1;
        if (strcmp(sp->questions[i], name) == 0)
            return i;
        h = (h + 1) & (sp->slots - 1);
    }
    if (sp->nquestions > UINT16_MAX)
        return -1;
    if (sp->nquestions == sp->questions_cap) {
        int cap = sp->questions_cap ? sp->questions_cap * 2 : 64;
        const char **grown = realloc(sp->questions, sizeof *grown * (size_t)cap);
        if (!grown)
            return -1;
        sp->questions = grown;
        sp->questions_cap = cap;
    }
    const char *kept = arena_strdup(sp->arena, name);
    if (!kept)
        return -1;
    sp->questions[sp->nquestions] = kept;
    sp->slot[h] = ++sp->nquestions;
    return sp->nquestions - 1;
}

/* A value that is not free text ("yes", "age_14_15", a number) recurs thousands of times: it
 * is kept once, found by hash (sp->values). Free text is kept as it comes. */
static const char *intern_value(Span *sp, const char *v, int kind)
{
    if (kind == ANSWER_TEXT)
        return arena_strdup(sp->arena, v);
    if (sp->nvalues * 2 >= sp->values_cap) {
        size_t cap = sp->values_cap ? sp->values_cap * 2 : 1024;
        const char **grown = calloc(cap, sizeof *grown);
        if (!grown)
            return NULL;
        for (size_t i = 0; i < sp->values_cap; i++)
            if (sp->values[i]) {
                size_t h = hash_name(sp->values[i]) & (cap - 1);
                while (grown[h])
                    h = (h + 1) & (cap - 1);
                grown[h] = sp->values[i];
            }
        free(sp->values);
        sp->values = grown;
        sp->values_cap = cap;
    }
    size_t h = hash_name(v) & (sp->values_cap - 1);
    while (sp->values[h]) {
        if (strcmp(sp->values[h], v) == 0)
            return sp->values[h];
        h = (h + 1) & (sp->values_cap - 1);
    }
    const char *kept = arena_strdup(sp->arena, v);
    if (kept) {
        sp->values[h] = kept;
        sp->nvalues++;
    }
    return kept;
}

static int intern_form(Span *sp, const char *name)
{
    for (int i = 0; i < sp->nforms; i++)
        if (strcmp(sp->forms[i], name) == 0)
            return i;
    if (sp->nforms > UINT16_MAX)
        return -1;
    if (sp->nforms == sp->forms_cap) {
        int cap = sp->forms_cap ? sp->forms_cap * 2 : 8;
        const char **grown = realloc(sp->forms, sizeof *grown * (size_t)cap);
        if (!grown)
            return -1;
        sp->forms = grown;
        sp->forms_cap = cap;
    }
    const char *kept = arena_strdup(sp->arena, name);
    if (!kept)
        return -1;
    sp->forms[sp->nforms] = kept;
    return sp->nforms++;
}

static int by_pos(const void *a, const void *b)
{
    const SpanAnswer *x = a, *y = b;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* What one read adds: where its responses begin, and its answers. */
typedef struct {
    const char *first, *last, *skip_first, *skip_last;
    size_t begin;
    SpanAnswer *a;
    size_t n, cap;
} Read;

/* Starts the page of at most size responses after ref `after`. 0, or -1 with err. */
static int start_page(Read *rd, Sql *db, SqlStmt *s, int64_t after, int size, char *err)
{
    sql_reset(s);
    sql_bind_text(s, 1, rd->first);
    sql_bind_text(s, 2, rd->last);
    sql_bind_int64(s, 3, after);
    sql_bind_int64(s, 4, size);
    sql_bind_text(s, 5, rd->skip_first);
    sql_bind_text(s, 6, rd->skip_last);
    if (sql_start(s) == 0)
        return 0;
    snprintf(err, ERR_LEN, "reading the responses of %s to %s: %s", rd->first, rd->last,
             sql_errmsg(db));
    return -1;
}

/* The page started on s into sp. Returns how many responses, or -1. */
static int read_page(Span *sp, Read *rd, Sql *db, SqlStmt *s, char *err)
{
    int got = 0, step;
    while ((step = sql_step(s)) == SQL_ROW) {
        if (sp->nresponses == sp->responses_cap) {
            size_t cap = sp->responses_cap ? sp->responses_cap * 2 : SPAN_PAGE;
            SpanResponse *grown = realloc(sp->responses, sizeof *grown * cap);
            if (!grown)
                goto oom;
            sp->responses = grown;
            sp->responses_cap = cap;
        }
        SpanResponse *r = &sp->responses[sp->nresponses];
        memset(r, 0, sizeof *r);
        r->ref = sql_column_int64(s, 0);
        if (sql_column_bytes(s, 1) == sizeof r->id)
            memcpy(r->id, sql_column_blob(s, 1), sizeof r->id);
        const char *form = sql_column_text(s, 2), *day = sql_column_text(s, 3);
        const char *session = sql_column_text(s, 4);
        int f = intern_form(sp, form ? form : "");
        r->session = arena_strdup(sp->arena, session ? session : "");
        if (f < 0 || !r->session)
            goto oom;
        r->form = (uint16_t)f;
        snprintf(r->day, sizeof r->day, "%s", day ? day : "");
        r->flags = (long)sql_column_int64(s, 5);
        sp->nresponses++;
        got++;
    }
    if (step != SQL_DONE) {
        snprintf(err, ERR_LEN, "reading the responses of %s to %s: %s", rd->first, rd->last,
                 sql_errmsg(db));
        return -1;
    }
    return got;
oom:
    snprintf(err, ERR_LEN, "reading the responses of %s to %s: out of memory", rd->first,
             rd->last);
    return -1;
}

/* Starts the answers of responses [start, end) of sp. 0, or -1 with err. */
static int start_answers(Span *sp, Read *rd, Sql *db, SqlStmt *s, size_t start, size_t end,
                         char *err)
{
    sql_reset(s);
    sql_bind_int64(s, 1, sp->responses[start].ref);
    sql_bind_int64(s, 2, sp->responses[end - 1].ref);
    if (sql_start(s) == 0)
        return 0;
    snprintf(err, ERR_LEN, "reading the answers of %s to %s: %s", rd->first, rd->last,
             sql_errmsg(db));
    return -1;
}

/* The answers started on s, of responses [start, end) of sp, into rd. 0, or -1. */
static int read_answers(Span *sp, Read *rd, Sql *db, SqlStmt *s, size_t start, size_t end,
                        char *err)
{
    size_t k = start;
    int step;
    while ((step = sql_step(s)) == SQL_ROW) {
        int64_t ref = sql_column_int64(s, 0);
        while (k < end && sp->responses[k].ref < ref)
            k++;
        if (k == end)
            break; /* past the page: nothing more of it comes */
        if (sp->responses[k].ref != ref)
            continue; /* not counted in these days */
        if (rd->n == rd->cap) {
            size_t cap = rd->cap ? rd->cap * 2 : (size_t)SPAN_PAGE * 16;
            SpanAnswer *grown = realloc(rd->a, sizeof *grown * cap);
            if (!grown)
                goto oom;
            rd->a = grown;
            rd->cap = cap;
        }
        const char *q = sql_column_text(s, 1), *v = sql_column_text(s, 4);
        int64_t pos = sql_column_int64(s, 2), kind = sql_column_int64(s, 3);
        int qi = intern_question(sp, q ? q : "");
        const char *value = intern_value(sp, v ? v : "", (int)kind);
        if (qi < 0 || !value)
            goto oom;
        if (pos < 0 || pos > UINT32_MAX || kind < 0 || kind > UINT8_MAX) {
            snprintf(err, ERR_LEN, "reading the answers of %s to %s: an answer of response %lld"
                     " out of range (pos %lld, kind %lld)", rd->first, rd->last,
                     (long long)ref, (long long)pos, (long long)kind);
            sql_reset(s);
            return -1;
        }
        SpanResponse *r = &sp->responses[k];
        if (r->n++ == 0)
            r->first = rd->n;
        rd->a[rd->n++] = (SpanAnswer){value, (uint32_t)pos, (uint16_t)qi, (uint8_t)kind};
    }
    if (step != SQL_DONE && step != SQL_ROW) {
        snprintf(err, ERR_LEN, "reading the answers of %s to %s: %s", rd->first, rd->last,
                 sql_errmsg(db));
        return -1;
    }
    sql_reset(s);
    return 0;
oom:
    sql_reset(s);
    snprintf(err, ERR_LEN, "reading the answers of %s to %s: out of memory", rd->first,
             rd->last);
    return -1;
}

static void wipe_free(void *p, size_t n)
{
    if (p)
        sodium_memzero(p, n);
    free(p);
}

/* Finalizes a read's statements and closes its twins. */
static void finish_read(SqlStmt *page, SqlStmt *answers[2][SPAN_AHEAD], Sql *twin[2])
{
    sql_finalize(page);
    for (int k = 0; k < SPAN_AHEAD; k++) {
        sql_finalize(answers[0][k]);
        sql_finalize(answers[1][k]);
        answers[1][k] = NULL;
    }
    sql_close(twin[0]);
    sql_close(twin[1]);
    twin[0] = twin[1] = NULL;
}

/* Opens db's two twins (sql_twin) with an answer statement for each slot on them, in turn.
 * 1, or 0 when the store has none or they could not be had (the read goes on on db). */
static int open_twins(Sql *db, Sql *twin[2], SqlStmt *answers[SPAN_AHEAD])
{
    char why[ERR_LEN];
    twin[0] = sql_twin(db, why);
    twin[1] = twin[0] ? sql_twin(db, why) : NULL;
    int ok = twin[0] && twin[1];
    for (int k = 0; k < SPAN_AHEAD && ok; k++)
        ok = sql_prepare(twin[k % 2], sql_answers, &answers[k]) == 0;
    if (!ok) {
        for (int k = 0; k < SPAN_AHEAD; k++) {
            sql_finalize(answers[k]);
            answers[k] = NULL;
        }
        sql_close(twin[0]);
        sql_close(twin[1]);
        twin[0] = twin[1] = NULL;
    }
    return ok;
}

/* Adds to sp every counted response of days first..last but skip_first..skip_last, with its
 * answers. 0, or -1 with err and sp as it was. */
static int read_into(Span *sp, Sql *db, const char *first, const char *last,
                     const char *skip_first, const char *skip_last, char *err)
{
    SqlStmt *page = NULL, *answers[2][SPAN_AHEAD] = {{NULL}}; /* on db; on the twins */
    Sql *twin[2] = {NULL, NULL};
    Read rd = {first, last, skip_first, skip_last, sp->nresponses, NULL, 0, 0};
    if (sp->nblocks == sp->blocks_cap) {
        int cap = sp->blocks_cap ? sp->blocks_cap * 2 : 4;
        struct SpanBlock *grown = realloc(sp->blocks, sizeof *grown * (size_t)cap);
        if (!grown) {
            snprintf(err, ERR_LEN, "reading the responses of %s to %s: out of memory", first,
                     last);
            return -1;
        }
        sp->blocks = grown;
        sp->blocks_cap = cap;
    }
    /* The pages go on db, one after another, each started as soon as the last is read. Each
     * page's answers are started as soon as the page is read, up to SPAN_AHEAD pages ahead of
     * the answers being taken in. Once the pages reach SPAN_TWIN_PAGE (a large read) they go
     * on two twin connections in turn where the store has them (PostgreSQL: two more server
     * processes on the same snapshot), so the server reads the next pages' answers on two
     * cores while the client takes in the last; a small read, or a store without twins,
     * reads the same on db alone. */
    if (sql_prepare(db, sql_page, &page) != 0) {
        snprintf(err, ERR_LEN, "reading the responses of %s to %s: %s", first, last,
                 sql_errmsg(db));
        goto fail;
    }
    for (int k = 0; k < SPAN_AHEAD; k++)
        if (sql_prepare(db, sql_answers, &answers[0][k]) != 0) {
            snprintf(err, ERR_LEN, "reading the answers of %s to %s: %s", first, last,
                     sql_errmsg(db));
            goto fail;
        }
    int size = SPAN_FIRST_PAGE, more = 1, twins = 0;
    if (start_page(&rd, db, page, INT64_MIN, size, err) != 0)
        goto fail;
    size_t from[SPAN_AHEAD], to[SPAN_AHEAD];
    int use[SPAN_AHEAD];     /* each slot started on db (0) or on a twin (1) */
    int head = 0, count = 0; /* the answer statements started, oldest first, not yet read */
    for (;;) {
        while (more && count < SPAN_AHEAD) {
            size_t start = sp->nresponses;
            int got = read_page(sp, &rd, db, page, err);
            if (got < 0)
                goto fail;
            if (got > 0) {
                int k = (head + count++) % SPAN_AHEAD;
                from[k] = start;
                to[k] = sp->nresponses;
                use[k] = twins;
                if (start_answers(sp, &rd, twins ? twin[k % 2] : db, answers[twins][k], start,
                                  sp->nresponses, err) != 0)
                    goto fail;
            }
            more = got == size;
            if (more) {
                size = size < SPAN_PAGE / 2 ? size * 2 : SPAN_PAGE;
                if (!twins && size >= SPAN_TWIN_PAGE)
                    twins = open_twins(db, twin, answers[1]);
                if (start_page(&rd, db, page, sp->responses[sp->nresponses - 1].ref, size,
                               err) != 0)
                    goto fail;
            }
        }
        if (count == 0)
            break;
        if (read_answers(sp, &rd, use[head] ? twin[head % 2] : db, answers[use[head]][head],
                         from[head], to[head], err) != 0)
            goto fail;
        head = (head + 1) % SPAN_AHEAD;
        count--;
    }
    finish_read(page, answers, twin);
    if (rd.n && rd.n < rd.cap) { /* no more will come: give back what doubling left over */
        SpanAnswer *fit = realloc(rd.a, sizeof *fit * rd.n);
        if (fit) {
            rd.a = fit;
            rd.cap = rd.n;
        }
    }
    for (size_t i = rd.begin; i < sp->nresponses; i++) {
        SpanResponse *r = &sp->responses[i];
        if (r->n == 0)
            continue;
        SpanAnswer *a = rd.a + r->first;
        r->answers = a;
        for (uint32_t j = 1; j < r->n; j++)
            if (a[j].pos < a[j - 1].pos) {
                qsort(a, r->n, sizeof *a, by_pos);
                break;
            }
    }
    sp->blocks[sp->nblocks++] = (struct SpanBlock){rd.a, rd.cap};
    return 0;
fail:
    finish_read(page, answers, twin);
    if (sp->nresponses > rd.begin)
        sodium_memzero(sp->responses + rd.begin,
                       sizeof *sp->responses * (sp->nresponses - rd.begin));
    sp->nresponses = rd.begin;
    wipe_free(rd.a, sizeof *rd.a * rd.cap);
    return -1;
}

Span *span_read(Sql *db, const char first[11], const char last[11], char *err)
{
    Span *sp = calloc(1, sizeof *sp);
    if (!sp || !(sp->arena = arena_new())) {
        free(sp);
        snprintf(err, ERR_LEN, "reading the responses of %s to %s: out of memory", first, last);
        return NULL;
    }
    snprintf(sp->first, sizeof sp->first, "%s", first);
    snprintf(sp->last, sizeof sp->last, "%s", last);
    if (read_into(sp, db, sp->first, sp->last, "1", "0", err) != 0) {
        span_free(sp);
        return NULL;
    }
    return sp;
}

void span_free(Span *sp)
{
    if (!sp)
        return;
    wipe_free(sp->responses, sizeof *sp->responses * sp->responses_cap);
    for (int i = 0; i < sp->nblocks; i++)
        wipe_free(sp->blocks[i].a, sizeof *sp->blocks[i].a * sp->blocks[i].cap);
    free(sp->blocks);
    free(sp->questions);
    free(sp->forms);
    free(sp->slot);
    free(sp->values);
    arena_free_wiped(sp->arena);
    free(sp);
}
int span_covers(const Span *sp, const char *first, const char *last)
{
    return sp && strcmp(sp->first, first) <= 0 && strcmp(last, sp->last) <= 0;
}

int span_question(const Span *sp, const char *name)
{
    for (int i = 0; name && i < sp->nquestions; i++)
        if (strcmp(sp->questions[i], name) == 0)
            return i;
    return -1;
}

int span_form(const Span *sp, const char *name)
{
    for (int i = 0; name && i < sp->nforms; i++)
        if (strcmp(sp->forms[i], name) == 0)
            return i;
    return -1;
}

SpanCache *span_cache_new(void)
{
    return calloc(1, sizeof(SpanCache));
}

void span_cache_free(SpanCache *c)
{
    if (c)
        span_free(c->span);
    free(c);
}

Span *span_for(SpanCache *cache, Sql *db, const char *first, const char *last, Span **owned,
               char *err)
{
    *owned = NULL;
    if (!cache)
        return *owned = span_read(db, first, last, err);
    Span *sp = cache->span;
    if (!sp)
        return cache->span = span_read(db, first, last, err);
    if (span_covers(sp, first, last))
        return sp;
    /* Wider: read what it lacks (and any gap between) into the same Span. */
    char from[11], to[11];
    snprintf(from, sizeof from, "%s", strcmp(sp->first, first) < 0 ? sp->first : first);
    snprintf(to, sizeof to, "%s", strcmp(sp->last, last) > 0 ? sp->last : last);
    if (read_into(sp, db, from, to, sp->first, sp->last, err) != 0)
        return NULL;
    memcpy(sp->first, from, sizeof from);
    memcpy(sp->last, to, sizeof to);
    return sp;
}
