/* csv.c: the RFC 4180 reader behind csv.h. Start reading at csv_parse().
 *
 * One forward pass over the bytes, each looked at a bounded number of times, so the time is
 * linear in the input and nothing is read at or past len (the buffer need not end in a NUL).
 * The current record's fields and the current field's bytes are gathered in a scratch Reader,
 * then copied into the arena once their size is known, because an arena cannot grow an
 * allocation in place.
 *
 * Choices the contract leaves open:
 * - A line end is LF, CRLF or a lone CR; each counts one line. Inside a quoted field every line
 *   end is stored as a single "\n", so a label reads the same whichever editor saved the file.
 * - A quote inside an unquoted field (a"b) is kept as a plain character, as Python's csv module
 *   (which pyxform uses) does; only a quoted field has quoting rules.
 * - Error lines: an unclosed quote and an over-long field are reported where the field starts;
 *   a bad byte (NUL, invalid UTF-8) or a character after a closing quote where it stands. */
#include "csv.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chorus_limits.h"

typedef struct {
    const unsigned char *buf;
    size_t len, pos;
    int line;
    Arena *arena;
    CsvError *err;
    size_t flen;
    char field[CSV_FIELD_MAX];       /* unquoted bytes of the field being read */
    CsvField cur[CSV_COLS_MAX];      /* fields of the record being read */
    CsvRecord *recs;                 /* malloc'd; copied into the arena at the end */
    int nrecs, cap;
} Reader;

__attribute__((format(printf, 4, 5))) static int fail(CsvError *err, int line, int column,
                                                       const char *fmt, ...)
{
    if (!err)
        return -1;
    err->line = line;
    err->column = column;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->reason, sizeof err->reason, fmt, ap);
    va_end(ap);
    return -1;
}

/* Lines are counted in an int; a file with more lines than an int holds keeps saying the
 * largest rather than overflowing. */
#define LINE_CEILING INT_MAX

static void next_line(Reader *r)
{
    if (r->line < LINE_CEILING)
        r->line++;
}

/* The length of the well-formed UTF-8 sequence at s (at most avail bytes), or 0 when it is not
 * one: a stray continuation byte, an overlong form, a surrogate, a value over U+10FFFF, or a
 * sequence cut short by a non-continuation byte or by the end of the input. */
static size_t utf8_len(const unsigned char *s, size_t avail)
{
    unsigned char c = s[0];
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF; /* the allowed range of the second byte */
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0)
            lo = 0xA0; /* overlong below U+0800 */
        else if (c == 0xED)
            hi = 0x9F; /* surrogates U+D800..U+DFFF */
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0)
            lo = 0x90; /* overlong below U+10000 */
        else if (c == 0xF4)
            hi = 0x8F; /* over U+10FFFF */
    } else {
        return 0; /* 0x80..0xC1 (continuation or overlong lead) and 0xF5..0xFF */
    }
    if (avail < n)
        return 0;
    if (s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < n; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return n;
}

/* Appends the character at r->pos to the field and steps over it. start_line is where the
 * field began, column its 1-based number. */
static int take(Reader *r, int start_line, int column)
{
    const unsigned char *s = r->buf + r->pos;
    if (*s == 0)
        return fail(r->err, r->line, column, "NUL byte: the file is not text");
    size_t n = utf8_len(s, r->len - r->pos);
    if (n == 0)
        return fail(r->err, r->line, column, "invalid UTF-8 (byte 0x%02X): save the file as UTF-8",
                    *s);
    if (r->flen + n > CSV_FIELD_MAX)
        return fail(r->err, start_line, column, "field longer than %d bytes (CSV_FIELD_MAX)",
                    CSV_FIELD_MAX);
    memcpy(r->field + r->flen, s, n);
    r->flen += n;
    r->pos += n;
    return 0;
}

static int put(Reader *r, char c, int start_line, int column)
{
    if (r->flen + 1 > CSV_FIELD_MAX)
        return fail(r->err, start_line, column, "field longer than %d bytes (CSV_FIELD_MAX)",
                    CSV_FIELD_MAX);
    r->field[r->flen++] = c;
    return 0;
}

/* Reads one field starting at r->pos, leaving r->pos on the ',' or line end after it, or at the
 * end of the input. */
static int read_field(Reader *r, int column, CsvField *out)
{
    int start_line = r->line;
    r->flen = 0;
    if (r->pos < r->len && r->buf[r->pos] == '"') {
        r->pos++;
        for (;;) {
            if (r->pos >= r->len)
                return fail(r->err, start_line, column,
                            "quoted field opened here is never closed");
            unsigned char c = r->buf[r->pos];
            if (c == '"') {
                if (r->pos + 1 < r->len && r->buf[r->pos + 1] == '"') {
                    if (put(r, '"', start_line, column))
                        return -1;
                    r->pos += 2;
                    continue;
                }
                r->pos++;
                break;
            }
            if (c == '\r' || c == '\n') {
                r->pos++;
                if (c == '\r' && r->pos < r->len && r->buf[r->pos] == '\n')
                    r->pos++;
                next_line(r);
                if (put(r, '\n', start_line, column))
                    return -1;
                continue;
            }
            if (take(r, start_line, column))
                return -1;
        }
        if (r->pos < r->len) {
            unsigned char c = r->buf[r->pos];
            if (c != ',' && c != '\r' && c != '\n')
                return fail(r->err, r->line, column,
                            "character after the closing quote of a field (a quote inside a "
                            "quoted field is written twice: \"\")");
        }
    } else {
        while (r->pos < r->len) {
            unsigned char c = r->buf[r->pos];
            if (c == ',' || c == '\r' || c == '\n')
                break;
            if (take(r, start_line, column))
                return -1;
        }
    }
    out->text = arena_strndup(r->arena, r->field, r->flen);
    if (!out->text)
        return fail(r->err, r->line, column, "out of memory");
    out->len = r->flen;
    return 0;
}

static int push_record(Reader *r, int line, int nfields)
{
    if (r->nrecs == r->cap) {
        int cap = r->cap ? r->cap * 2 : 64;
        if (cap > CSV_RECORDS_MAX)
            cap = CSV_RECORDS_MAX;
        CsvRecord *recs = realloc(r->recs, (size_t)cap * sizeof *recs);
        if (!recs)
            return fail(r->err, line, 1, "out of memory");
        r->recs = recs;
        r->cap = cap;
    }
    CsvField *fields = arena_alloc(r->arena, (size_t)nfields * sizeof *fields);
    if (!fields)
        return fail(r->err, line, 1, "out of memory");
    memcpy(fields, r->cur, (size_t)nfields * sizeof *fields);
    r->recs[r->nrecs++] = (CsvRecord){line, nfields, fields};
    return 0;
}

/* Reads the record starting at r->pos, up to and including its line end. */
static int read_record(Reader *r)
{
    int line = r->line, nfields = 0;
    for (;;) {
        if (nfields == CSV_COLS_MAX)
            return fail(r->err, r->line, nfields + 1, "more than %d fields (CSV_COLS_MAX)",
                        CSV_COLS_MAX);
        if (read_field(r, nfields + 1, &r->cur[nfields]))
            return -1;
        nfields++;
        if (r->pos >= r->len)
            break;
        unsigned char c = r->buf[r->pos++]; /* ',' or a line end: read_field stopped there */
        if (c == ',')
            continue;
        if (c == '\r' && r->pos < r->len && r->buf[r->pos] == '\n')
            r->pos++;
        next_line(r);
        break;
    }
    return push_record(r, line, nfields);
}

int csv_parse(Arena *a, const char *buf, size_t len, CsvTable *table, CsvError *err)
{
    int rc = -1;
    table->nrecords = 0;
    table->records = NULL;
    Reader *r = calloc(1, sizeof *r);
    if (!r)
        return fail(err, 1, 1, "out of memory");
    r->buf = (const unsigned char *)buf;
    r->len = len;
    r->line = 1;
    r->arena = a;
    r->err = err;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        r->pos = 3;

    while (r->pos < r->len) {
        if (r->nrecs == CSV_RECORDS_MAX) {
            fail(err, r->line, 1, "more than %d records (CSV_RECORDS_MAX)", CSV_RECORDS_MAX);
            goto done;
        }
        if (read_record(r))
            goto done;
    }
    if (r->nrecs) {
        CsvRecord *recs = arena_alloc(a, (size_t)r->nrecs * sizeof *recs);
        if (!recs) {
            fail(err, r->line, 1, "out of memory");
            goto done;
        }
        memcpy(recs, r->recs, (size_t)r->nrecs * sizeof *recs);
        table->records = recs;
        table->nrecords = r->nrecs;
    }
    rc = 0;
done:
    free(r->recs);
    free(r);
    return rc;
}
