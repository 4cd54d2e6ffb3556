/* workbook.h: reads an .xlsx or .xls workbook into the table survey.c reads CSV into.
 *
 * One model for every format, so the form is read once (survey.c): the table has pyxform's
 * single-CSV layout. For each sheet kept, in workbook order, a record whose field 0 is the
 * sheet's role (`survey`, `choices` or `settings`) and whose line is 0; then one record per row
 * that holds a value, whose line is the spreadsheet's row number (1-based), field 0 empty and
 * field c (c >= 1) the cell of column c (A = 1). Sheets are kept by name, case-insensitive and
 * trimmed; the only sheet of a one-sheet workbook is the survey, whatever its name, as pyxform
 * reads it. Other sheets are not read at all.
 *
 * Cells read as pyxform prints them: text as written (U+00A0 no-break spaces made spaces),
 * numbers as Python prints them (1.0 -> "1", 0.5 -> "0.5", no trailing zeros), booleans TRUE /
 * FALSE, dates "YYYY-MM-DD HH:MM:SS" and times "HH:MM:SS".
 *
 * Against hostile files (a USB stick is hostile): an .xlsx holds at most WORKBOOK_ENTRIES_MAX
 * zip entries, each part read at most WORKBOOK_PART_MAX bytes uncompressed and all of them
 * WORKBOOK_UNZIPPED_MAX together (counted as they are inflated, never trusted from the zip's
 * directory); an .xls's sheets claim at most WORKBOOK_XLS_CELLS_MAX cells in all (freexl sets
 * aside each cell a sheet claims), and freexl runs in a child process (xls.c); XML with a DOCTYPE
 * or any entity declaration is refused, so no DTD is read and no entity expanded. CSV_FIELD_MAX,
 * CSV_COLS_MAX and CSV_RECORDS_MAX hold as for CSV.
 *
 * Start reading at workbook_parse(); the formats are xlsx.c (libzip + expat) and xls.c
 * (freexl). */
#ifndef CHORUS_WORKBOOK_H
#define CHORUS_WORKBOOK_H

#include <stddef.h>

#include "arena.h"
#include "csv.h"

#include "chorus_limits.h"

#define WORKBOOK_SHEETS_KEPT 3   /* survey, choices, settings */
#define WORKBOOK_SHEETS_EVERY 16 /* sheets workbook_parse_every reads, at most */

typedef enum { WORKBOOK_NONE, WORKBOOK_XLSX, WORKBOOK_XLS } WorkbookFormat;

typedef struct {
    CsvTable table;
    int nsheets;                                    /* sheet-opening records in table */
    const char *sheet_names[WORKBOOK_SHEETS_EVERY]; /* the k-th opening record's name as written */
} Workbook;

typedef struct {
    char sheet[WORKBOOK_SHEET_NAME_MAX]; /* "" when the problem is the whole file */
    int row, column;                     /* 1-based (column A = 1); 0 when not known */
    char reason[200];
} WorkbookError;

/* The format of (buf, len) by its first bytes: a zip ("PK\3\4") is .xlsx, an OLE2 compound file
 * is .xls, anything else WORKBOOK_NONE (CSV). */
WorkbookFormat workbook_format(const char *buf, size_t len);

/* Reads the workbook (buf, len) of format fmt into wb, every string in arena a. Returns 0, or -1
 * with err filled: not a readable workbook (truncated, encrypted, not a zip / OLE2 file), a
 * broken or hostile part (a cap above, a DOCTYPE, an entity), a cell over a CSV limit, no sheet
 * to read, or out of memory. */
int workbook_parse(Arena *a, WorkbookFormat fmt, const char *buf, size_t len, Workbook *wb,
                   WorkbookError *err) __attribute__((warn_unused_result));

/* As workbook_parse, but every sheet is read, in workbook order, and each opening record's
 * field 0 is the sheet's name as written (not a role): for reading back workbooks Chorus
 * writes (report.xlsx). More than WORKBOOK_SHEETS_EVERY sheets is an error. */
int workbook_parse_every(Arena *a, WorkbookFormat fmt, const char *buf, size_t len, Workbook *wb,
                         WorkbookError *err) __attribute__((warn_unused_result));

/* Excel's letters of column c (1 = "A", 27 = "AA") into out (at least 8 bytes). */
void workbook_column_letters(int c, char *out);

/* ---- for the format readers (xlsx.c, xls.c): one builder, so both yield the same table ---- */

typedef struct WorkbookBuilder WorkbookBuilder;

/* Opens the sheet called name (as written); returns 1 if it is kept (rows follow), 0 if it is
 * skipped, -1 on error (err filled). total is how many sheets the workbook has. */
int workbook_open_sheet(WorkbookBuilder *b, const char *name, int total);

/* Sets the cell at (row, column), both 1-based, of the open sheet to (text, len); an empty
 * value is nothing. Cells of a row come in any order; rows in increasing order. Returns 0 or -1
 * (err filled: a cell over CSV_FIELD_MAX, a column past CSV_COLS_MAX - 1, too many rows). */
int workbook_set_cell(WorkbookBuilder *b, int row, int column, const char *text, size_t len);

/* The error record for the readers: fills err with sheet (may be NULL), row, column. */
int workbook_fail(WorkbookBuilder *b, int row, int column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Python's str() of a cell's number, as pyxform prints it, into out (at least 32 bytes). */
void workbook_number_text(double v, char *out);

/* A serial date (days since the workbook's epoch; date1904 for the 1904 system) as Python's
 * str() of the datetime, or of the time when v < 1, into out (at least 32 bytes). */
void workbook_date_text(double v, int date1904, char *out);

int workbook_read_xlsx(WorkbookBuilder *b, const char *buf, size_t len)
    __attribute__((warn_unused_result));
int workbook_read_xls(WorkbookBuilder *b, const char *buf, size_t len)
    __attribute__((warn_unused_result));

#endif
