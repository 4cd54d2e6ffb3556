/* out.c: output buffers, CSV cells and HTML text. See out.h. */
#define _GNU_SOURCE /* fopencookie */
#include "out.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chorus_limits.h"

/* The stream's writes, appended to o->data. A buffer that doubles by realloc: a large one
 * grows in place or is moved by the kernel's page tables, where open_memstream's copied every
 * byte again at each doubling (a free-text file of a million answers is over 100 MB). */
static ssize_t out_write(void *cookie, const char *buf, size_t n)
{
    Out *o = cookie;
    if (n > o->cap - o->len) {
        size_t cap = o->cap ? o->cap : 65536;
        while (n > cap - o->len) {
            if (cap > SIZE_MAX / 2)
                return -1;
            cap *= 2;
        }
        char *grown = realloc(o->data, cap);
        if (!grown)
            return -1;
        o->data = grown;
        o->cap = cap;
    }
    memcpy(o->data + o->len, buf, n);
    o->len += n;
    return (ssize_t)n;
}

int out_open(Out *o, char *err)
{
    o->data = NULL;
    o->len = o->cap = 0;
    o->f = fopencookie(o, "w", (cookie_io_functions_t){.write = out_write});
    if (!o->f) {
        snprintf(err, ERR_LEN, "out of memory");
        return -1;
    }
    return 0;
}

/* Finishes the buffer; -1 if any write to it failed (out of memory). */
int out_finish(Out *o, char *err)
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

void out_free(Out *o)
{
    if (o->f)
        fclose(o->f);
    free(o->data);
    o->f = NULL;
    o->data = NULL;
}

void out_html(FILE *f, const char *s)
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
void out_csv_text(FILE *f, const char *s)
{
    size_t len = strlen(s);
    int guard = len > 0 && strchr("=+-@\t\r", s[0]) != NULL;
    const char *special = strpbrk(s, ",\"\r\n");
    int quote = guard || special ||
                (len > 0 && (isspace((unsigned char)s[0]) || isspace((unsigned char)s[len - 1])));
    if (!quote) { /* most cells: as they are */
        fwrite(s, 1, len, f);
        return;
    }
    fputc('"', f);
    if (guard)
        fputc('\'', f);
    /* a run up to each double quote at a time, the quote doubled */
    for (const char *q; (q = strchr(s, '"')) != NULL; s = q + 1) {
        fwrite(s, 1, (size_t)(q - s) + 1, f);
        fputc('"', f);
    }
    fputs(s, f);
    fputc('"', f);
}

void out_csv(FILE *f, const char *s, int last)
{
    out_csv_text(f, s);
    fputc(last ? '\n' : ',', f);
}

void out_csv_long(FILE *f, long v, int last)
{
    fprintf(f, "%ld%s", v, last ? "\n" : ",");
}

/* A figure as a CSV cell: the number, or c when hidden. */
void out_csv_figure(FILE *f, long v, int hidden, int last)
{
    if (hidden)
        out_csv(f, "c", last);
    else
        out_csv_long(f, v, last);
}
