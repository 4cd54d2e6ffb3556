/* sheet.h: tables out, as an Excel workbook (.xlsx, by libxlsxwriter) or as CSV, through one API.
 *
 *   SheetBook *b = sheet_open("out/records.xlsx", 0600, 0, err);
 *   sheet_add(b, "Year 7 survey");           a sheet (CSV: the file's one table)
 *   sheet_line(b, "record-level data ...");  CSV: a line above the header; xlsx: a first row
 *   sheet_header(b, names, n);               bold, frozen, each column as wide as its name
 *   sheet_text(b, "=1+1"); sheet_number(b, 3); sheet_row_end(b);
 *   if (sheet_close(b, err) != 0) ...        the file is written here, all-or-nothing
 *
 * The format is the file's extension (.xlsx or .csv, any case). Text is always text: in a
 * workbook a cell is a string cell whatever it starts with, never a formula; in CSV a cell
 * that a spreadsheet would run as a formula (= + - @, a tab or a carriage return first) gets a
 * leading apostrophe and quotes, so what young people wrote never runs on a worker's machine.
 * CSV is UTF-8 with a byte-order mark (so Excel reads it as UTF-8), CRLF-free (LF), RFC 4180
 * quoting. A workbook's sheet names follow Excel's rules (sheet_name_excel).
 *
 * Errors are sticky: the cell functions return nothing, the first problem (a cell past Excel's
 * last row or column, a text over Excel's 32767 characters, out of memory) is kept, and
 * sheet_close reports it, naming the file, the sheet and the cell, and writes nothing.
 *
 * The file is made as common/fileio.h makes files: written elsewhere first, then renamed into
 * place with exactly the mode asked for, never through a link planted at the path; with
 * SHEET_REPLACE it replaces what is there, otherwise anything already there is refused.
 *
 * Start reading at sheet_open(); the CSV cell is out.h's (out_csv_text), the one of the
 * committee's files. */
#ifndef CHORUS_SHEET_H
#define CHORUS_SHEET_H

#include <stddef.h>
#include <stdio.h>

#define SHEET_NAME_CHARS 31    /* Excel's longest sheet name, in UTF-16 units */
#define SHEET_NAME_MAX 128     /* bytes of a sheet name as kept, NUL included (31 x 4 + 1) */
#define SHEET_ROWS_MAX 1048576 /* Excel's rows in a sheet */
#define SHEET_COLS_MAX 16384   /* Excel's columns in a sheet */
#define SHEET_TEXT_MAX 32767   /* Excel's characters in a cell */
#define SHEET_SHEETS_MAX 256   /* sheets in one workbook, here */

typedef enum { SHEET_CSV, SHEET_XLSX } SheetFormat;

enum { SHEET_REPLACE = 1 }; /* sheet_open flags: replace a file already at the path */

typedef struct SheetBook SheetBook;

/* ---- opening and closing ---- */

/* The format of path by its extension: 0 with *fmt set, or -1 (neither .csv nor .xlsx). */
int sheet_format_of(const char *path, SheetFormat *fmt) __attribute__((warn_unused_result));

/* Starts a book to be written at path with permission bits mode (e.g. 0600, whatever the
 * umask); flags 0 or SHEET_REPLACE. Nothing is written until sheet_close. Returns the book
 * (close or abandon it), or NULL with err (ERR_LEN) naming path: not .csv or .xlsx, something
 * already at path (without SHEET_REPLACE), or out of memory. */
SheetBook *sheet_open(const char *path, int mode, int flags, char *err)
    __attribute__((warn_unused_result));

/* The format the book is written in. */
SheetFormat sheet_format(const SheetBook *b);

/* Writes the book to its path, all-or-nothing, and frees it. Returns 0, or -1 with err naming
 * the file (and the sheet and cell of the first sticky error); then nothing is at the path
 * that was not there before. A NULL b returns -1 with "out of memory" in err. */
int sheet_close(SheetBook *b, char *err) __attribute__((warn_unused_result));

/* Frees the book and writes nothing. Accepts NULL. */
void sheet_abandon(SheetBook *b);

/* Sets the workbook's title property (docProps/core.xml), a mark other writers can look for
 * with sheet_xlsx_title_is (CSV has none, and ignores it). Call before sheet_close. */
void sheet_title(SheetBook *b, const char *title);

/* 1 if the file at path is an .xlsx whose title property is exactly title (XML-escaping-free
 * text), else 0 (not a zip, no such part, another title). Reads nothing else. */
int sheet_xlsx_title_is(const char *path, const char *title);

/* ---- sheets and cells ---- */

/* Adds a sheet called name, made a valid Excel name by sheet_name_excel and made unique in
 * the book (" (2)", " (3)" ... within 31 characters); later cells go to it. A CSV book has one
 * table: a second sheet_add on it is a sticky error. */
void sheet_add(SheetBook *b, const char *name);

/* The name the current sheet was given ("" before the first sheet_add). */
const char *sheet_current_name(const SheetBook *b);

/* A line of prose on a row of its own: in CSV one cell (guarded like any text); in a workbook
 * the text in column A, in bold, on the next row. For what the reader must see first. */
void sheet_line(SheetBook *b, const char *text);

/* The header row: names[0..n-1], bold; the rows above it and it stay in view when scrolling
 * (a frozen pane under it); each column at least as wide as its name (at most 60). */
void sheet_header(SheetBook *b, const char *const *names, int n);

/* Sets column col's (0-based) width, in characters (xlsx; CSV has none, and ignores it). */
void sheet_width(SheetBook *b, int col, double chars);

/* The next cell of the current row: text (NULL or "" is an empty cell, as is sheet_blank), or a
 * number (in CSV written as the shortest text that reads back to the same double). */
void sheet_text(SheetBook *b, const char *text);
void sheet_number(SheetBook *b, double v);
void sheet_blank(SheetBook *b);

/* Ends the current row: the next cell goes to column A of the next row. */
void sheet_row_end(SheetBook *b);

/* ---- pieces, for the tests and for other writers ---- */

/* name as a valid Excel sheet name into out (SHEET_NAME_MAX bytes): each of []:*?/\ and each
 * control character made '_', apostrophes at either end dropped, spaces at either end trimmed,
 * cut (at a character's boundary) to SHEET_NAME_CHARS UTF-16 units, and "Sheet" if nothing is
 * left; "History", which Excel keeps for itself, becomes "History_". Invalid UTF-8 bytes are
 * made '_'. */
void sheet_name_excel(const char *name, char *out);

/* One CSV cell of s (NULL is empty) to f, then ',' or, when last, a line end: quoted when it
 * holds a comma, quote, line end or space at either end; guarded (quoted, with a leading
 * apostrophe) when it starts with = + - @, a tab or a carriage return. */
void sheet_csv_cell(FILE *f, const char *s, int last);

#endif
