/* csv.h: an RFC 4180 reader that remembers where every field came from.
 *
 * Reads a whole file held in memory: UTF-8 with or without a byte-order mark, CRLF or LF line
 * ends, quoted fields with commas, newlines and doubled quotes inside. Every record knows the
 * line it starts on, so a survey author can be told FILE:ROW:COLUMN. */
#ifndef CHORUS_CSV_H
#define CHORUS_CSV_H

#include <stddef.h>

#include "arena.h"

typedef struct {
    char *text; /* NUL-terminated, unquoted; owned by the arena */
    size_t len;
} CsvField;

typedef struct {
    int line;    /* 1-based line of the file where the record starts */
    int nfields; /* at least 1: an empty line is one empty field */
    CsvField *fields;
} CsvRecord;

typedef struct {
    int nrecords;
    CsvRecord *records;
} CsvTable;

typedef struct {
    int line;   /* 1-based line of the problem */
    int column; /* 1-based field number of the problem */
    char reason[200];
} CsvError;

/* Parses (buf, len) into table, all memory in arena a. Returns 0, or -1 with err filled for:
 * a NUL byte, an unclosed quote, a character after a closing quote, a field over CSV_FIELD_MAX,
 * a record over CSV_COLS_MAX fields, more than CSV_RECORDS_MAX records, invalid UTF-8, or out
 * of memory. A trailing line end does not make an extra record. */
int csv_parse(Arena *a, const char *buf, size_t len, CsvTable *table, CsvError *err)
    __attribute__((warn_unused_result));

#endif
