/* span.h: the counted responses of a run of days and all their answers, read once into memory.
 *
 * A report asks the same rows many times: every measure of a form, every series of the
 * ledger, the safety and free-text files all read the quarter's responses with some of their
 * answers. Asked of the store one by one, that is a read of the answers each; on PostgreSQL a
 * hash join over the whole table each. A Span reads them once, in order of response, a page of
 * responses and then their answers at a time (the answer table's key, so no sort on either
 * store), and every reader walks it in memory. Both stores give the same Span for the same
 * data, so what is counted from it is the same on both by construction.
 *
 * The answers are young people's words: a Span's memory is wiped when it is freed. */
#ifndef CHORUS_SPAN_H
#define CHORUS_SPAN_H

#include <stddef.h>
#include <stdint.h>

#include "sql.h"

typedef struct {
    const char *value;
    uint32_t pos;      /* the order the answers were given in */
    uint16_t question; /* index into Span.questions */
    uint8_t kind;      /* ANSWER_* */
} SpanAnswer;

typedef struct {
    int64_t ref;
    const char *session;
    const SpanAnswer *answers; /* n, in the order given (pos) */
    uint32_t n;
    uint16_t form; /* index into Span.forms */
    long flags;
    char day[11];
    unsigned char id[16];
    size_t first; /* private: where answers begin in Span.answers */
} SpanResponse;

typedef struct {
    char first[11], last[11];      /* the days read, both included */
    SpanResponse *responses;       /* in order of ref within each read (a wider ask reads more) */
    size_t nresponses;
    const char **questions, **forms; /* the names seen */
    int nquestions, nforms;
    /* private */
    size_t responses_cap;
    struct SpanBlock {
        SpanAnswer *a; /* the answers of one read, never moved once made */
        size_t cap;
    } *blocks;
    int nblocks, blocks_cap;
    int questions_cap, forms_cap;
    int *slot; /* questions by hash */
    size_t slots;
    const char **values; /* values that are not free text, by hash */
    size_t values_cap, nvalues;
    struct Arena *arena;
} Span;

/* Reads every counted response with first <= day <= last, and all its answers. Returns the
 * Span, or NULL with err (ERR_LEN) when the store failed or memory ran short. */
Span *span_read(Sql *db, const char first[11], const char last[11], char *err);

/* Wipes and frees. Accepts NULL. */
void span_free(Span *sp);

/* 1 if sp holds every counted response of days first..last. */
int span_covers(const Span *sp, const char *first, const char *last);

/* The index of question name in sp, or -1 if no answer read names it. */
int span_question(const Span *sp, const char *name);

/* The index of form name in sp, or -1 if no response read is of it. */
int span_form(const Span *sp, const char *name);

/* The rows one run of a command has read, for its readers to share. */
typedef struct {
    Span *span;
} SpanCache;

/* A new empty cache, NULL out of memory. Free with span_cache_free. */
SpanCache *span_cache_new(void);
void span_cache_free(SpanCache *c); /* wipes; accepts NULL */

/* The Span a reader of days first..last should walk: the cache's if it covers them, else a
 * new read of them joined to the cache's days (replacing it, so that the next reader finds
 * it). With cache NULL, a read of exactly those days that the caller frees (*owned is set to
 * it). Returns NULL with err on failure. */
Span *span_for(SpanCache *cache, Sql *db, const char *first, const char *last, Span **owned,
               char *err);

#endif
