/* out.h: the output files of report and plan, as they are made: rendered into memory first
 * (an Out), then written at once (common/fileio.h), so a failed run leaves nothing half-written;
 * and the two encodings every string going into them passes through: a CSV cell, guarded so
 * that a spreadsheet never runs it as a formula, and HTML text, escaped.
 *
 * Start reading at out_csv(). */
#ifndef CHORUS_OUT_H
#define CHORUS_OUT_H

#include <stdio.h>

/* The byte-order mark that makes Excel read a CSV as UTF-8. */
#define OUT_CSV_BOM "\xef\xbb\xbf"

/* One file's bytes, written through f into data (len bytes). */
typedef struct {
    FILE *f;
    char *data;
    size_t len, cap;
} Out;

/* Opens o (any state) as an empty memory stream; o must stay where it is until out_finish. Returns 0, or -1 with err out of memory. */
int out_open(Out *o, char *err) __attribute__((warn_unused_result));

/* Closes o's stream, leaving o->data (o->len bytes) to write. Returns 0 (also when never
 * opened), or -1 with err when a write to it failed (out of memory). */
int out_finish(Out *o, char *err) __attribute__((warn_unused_result));

/* Frees what o holds. Accepts a zeroed o. */
void out_free(Out *o);

/* One CSV cell and its separator (',' or, when last, a line end), quoted when it must be. A
 * cell a spreadsheet would run as a formula (= + - @ tab or CR first) gets a leading
 * apostrophe: free text is written by young people and must never run as code on a worker's
 * machine. */
void out_csv(FILE *f, const char *s, int last);

/* out_csv's cell without the separator. */
void out_csv_text(FILE *f, const char *s);

/* A number as a CSV cell. */
void out_csv_long(FILE *f, long v, int last);

/* A figure as a CSV cell: the number, or c when hidden. */
void out_csv_figure(FILE *f, long v, int hidden, int last);

/* s as HTML text (also safe inside a quoted attribute): & < > " ' escaped. */
void out_html(FILE *f, const char *s);

#endif
