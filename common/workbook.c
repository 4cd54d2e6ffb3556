/* workbook.c: the table both spreadsheet readers build (workbook.h), and how pyxform prints a
 * cell. Start reading at workbook_parse(); the formats are in xlsx.c and xls.c.
 *
 * The readers hand over cells one at a time; the builder gathers a row, drops it when it holds
 * nothing, and copies it into the arena as a CSV record, so survey.c reads a workbook exactly as
 * it reads pyxform's single CSV. */
#include "workbook.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "chorus_limits.h"

struct WorkbookBuilder {
    Arena *arena;
    Workbook *wb;
    WorkbookError *err;
    const char *sheet; /* the open sheet's name as written, NULL when none is open */
    int kept;          /* the open sheet is read */
    int row;           /* the row being gathered, 0 when none */
    int nfields;
    CsvField cur[CSV_COLS_MAX];
    CsvRecord *recs; /* malloc'd; copied into the arena at the end */
    int nrecs, cap;
    const char *roles[WORKBOOK_SHEETS_KEPT]; /* the role of each sheet kept */
    int every;                               /* every sheet is kept, by its name */
};

int workbook_fail(WorkbookBuilder *b, int row, int column, const char *fmt, ...)
{
    WorkbookError *e = b->err;
    snprintf(e->sheet, sizeof e->sheet, "%s", b->sheet ? b->sheet : "");
    e->row = row;
    e->column = column;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->reason, sizeof e->reason, fmt, ap);
    va_end(ap);
    return -1;
}

void workbook_column_letters(int c, char *out)
{
    char tmp[8];
    int n = 0;
    while (c > 0 && n < 7) {
        tmp[n++] = (char)('A' + (c - 1) % 26);
        c = (c - 1) / 26;
    }
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = 0;
}

static int push(WorkbookBuilder *b, int line, int nfields, const CsvField *fields)
{
    if (b->nrecs == CSV_RECORDS_MAX)
        return workbook_fail(b, line, 0, "more than %d rows (CSV_RECORDS_MAX)", CSV_RECORDS_MAX);
    if (b->nrecs == b->cap) {
        int cap = b->cap ? b->cap * 2 : 64;
        CsvRecord *recs = realloc(b->recs, (size_t)cap * sizeof *recs);
        if (!recs)
            return workbook_fail(b, line, 0, "out of memory");
        b->recs = recs;
        b->cap = cap;
    }
    CsvField *f = arena_alloc(b->arena, (size_t)nfields * sizeof *f);
    if (!f)
        return workbook_fail(b, line, 0, "out of memory");
    memcpy(f, fields, (size_t)nfields * sizeof *f);
    b->recs[b->nrecs++] = (CsvRecord){line, nfields, f};
    return 0;
}

/* Ends the row being gathered: a record when it holds a value. */
static int flush_row(WorkbookBuilder *b)
{
    int rc = 0;
    if (b->row && b->nfields > 1) {
        for (int i = 0; i < b->nfields; i++)
            if (!b->cur[i].text)
                b->cur[i] = (CsvField){"", 0};
        rc = push(b, b->row, b->nfields, b->cur);
    }
    b->row = 0;
    b->nfields = 0;
    return rc;
}

int workbook_open_sheet(WorkbookBuilder *b, const char *name, int total)
{
    static const char *const roles[] = {"survey", "choices", "settings"};
    if (flush_row(b))
        return -1;
    b->sheet = NULL;
    b->kept = 0;
    char *written = arena_strdup(b->arena, name);
    if (!written)
        return workbook_fail(b, 0, 0, "out of memory");
    b->sheet = written;
    if (b->every) {
        if (b->wb->nsheets == WORKBOOK_SHEETS_EVERY)
            return workbook_fail(b, 0, 0, "more than %d sheets", WORKBOOK_SHEETS_EVERY);
        CsvField f = {written, strlen(written)};
        if (push(b, 0, 1, &f))
            return -1;
        b->wb->sheet_names[b->wb->nsheets++] = written;
        b->kept = 1;
        return 1;
    }
    /* trimmed, case-insensitive, as survey.c reads a CSV's sheet names */
    size_t n = strlen(name);
    const char *s = name;
    while (n && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    const char *role = NULL;
    for (size_t i = 0; i < sizeof roles / sizeof *roles; i++)
        if (strlen(roles[i]) == n && strncasecmp(s, roles[i], n) == 0)
            role = roles[i];
    if (!role && total == 1)
        role = "survey"; /* pyxform reads a lone sheet as the survey whatever its name */
    if (!role)
        return 0;
    for (int k = 0; k < b->wb->nsheets; k++)
        if (b->roles[k] == role)
            return workbook_fail(b, 0, 0, "a second sheet called '%s' (first: '%s')", role,
                                 b->wb->sheet_names[k]);
    CsvField f = {(char *)role, strlen(role)};
    if (push(b, 0, 1, &f))
        return -1;
    b->roles[b->wb->nsheets] = role;
    b->wb->sheet_names[b->wb->nsheets++] = written;
    b->kept = 1;
    return 1;
}

int workbook_set_cell(WorkbookBuilder *b, int row, int column, const char *text, size_t len)
{
    if (!b->kept)
        return 0;
    /* pyxform strips values; a value of spaces is no value */
    size_t start = 0;
    while (start < len && (text[start] == ' ' || text[start] == '\t' || text[start] == '\n' ||
                           text[start] == '\r'))
        start++;
    if (start == len)
        return 0;
    if (row < 1 || column < 1)
        return workbook_fail(b, row, column, "a cell outside the sheet");
    if (row != b->row) {
        if (row < b->row)
            return workbook_fail(b, row, column, "rows out of order");
        if (flush_row(b))
            return -1;
        b->row = row;
        b->nfields = 1;
        b->cur[0] = (CsvField){"", 0};
    }
    if (column >= CSV_COLS_MAX)
        return workbook_fail(b, row, column, "a value past column %d (CSV_COLS_MAX)",
                             CSV_COLS_MAX - 1);
    if (len > CSV_FIELD_MAX)
        return workbook_fail(b, row, column, "cell longer than %d bytes (CSV_FIELD_MAX)",
                             CSV_FIELD_MAX);
    /* U+00A0 (no-break space) is a space, as pyxform makes it */
    char *t = arena_strndup(b->arena, text, len);
    if (!t)
        return workbook_fail(b, row, column, "out of memory");
    size_t w = 0;
    for (size_t r = 0; r < len; r++) {
        if ((unsigned char)t[r] == 0xC2 && r + 1 < len && (unsigned char)t[r + 1] == 0xA0) {
            t[w++] = ' ';
            r++;
        } else {
            t[w++] = t[r];
        }
    }
    t[w] = 0;
    while (b->nfields <= column)
        b->cur[b->nfields++] = (CsvField){NULL, 0};
    b->cur[column] = (CsvField){t, w};
    return 0;
}

void workbook_number_text(double v, char *out)
{
    if (!isfinite(v)) {
        snprintf(out, 32, "%s", isnan(v) ? "nan" : v > 0 ? "inf" : "-inf");
        return;
    }
    if (v == floor(v)) {
        /* str(int(v)): every digit, and never "-0" */
        snprintf(out, 32, "%.0f", v == 0 ? 0.0 : v);
        if (strlen(out) < 32)
            return;
    }
    /* repr(v): the shortest digits that read back as v, fixed between 1e-4 and 1e16 */
    char e[40];
    int p = 0;
    for (; p < 17; p++) {
        snprintf(e, sizeof e, "%.*e", p, v);
        if (strtod(e, NULL) == v)
            break;
    }
    char *x = strchr(e, 'e');
    int exp = atoi(x + 1);
    if (exp < -4 || exp >= 16) {
        snprintf(out, 32, "%s", e);
        return;
    }
    char digits[24];
    int nd = 0, neg = e[0] == '-';
    for (const char *c = e + neg; c < x; c++)
        if (*c >= '0' && *c <= '9')
            digits[nd++] = *c;
    digits[nd] = 0;
    int w = 0;
    if (neg)
        out[w++] = '-';
    if (exp < 0) {
        out[w++] = '0';
        out[w++] = '.';
        for (int i = 0; i < -exp - 1; i++)
            out[w++] = '0';
        memcpy(out + w, digits, (size_t)nd);
        w += nd;
    } else {
        for (int i = 0; i <= exp; i++)
            out[w++] = i < nd ? digits[i] : '0';
        out[w++] = '.';
        for (int i = exp + 1; i < nd; i++)
            out[w++] = digits[i];
        if (out[w - 1] == '.')
            out[w++] = '0';
    }
    out[w] = 0;
}

/* Days from 1970-01-01 to the civil date (Howard Hinnant's days_from_civil, inverted). */
static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

void workbook_date_text(double v, int date1904, char *out)
{
    if (!isfinite(v) || v < 0 || v > 2958466.0) { /* past 9999-12-31: not a date */
        workbook_number_text(v, out);
        return;
    }
    long days = (long)floor(v);
    long secs = lround((v - (double)days) * 86400.0);
    if (secs >= 86400) {
        days++;
        secs -= 86400;
    }
    int hh = (int)(secs / 3600), mm = (int)(secs / 60 % 60), ss = (int)(secs % 60);
    if (days == 0 && !date1904) {
        snprintf(out, 32, "%02d:%02d:%02d", hh, mm, ss);
        return;
    }
    /* 1900 system: serial 25569 is 1970-01-01 (Excel's phantom 1900-02-29 is before 61) */
    long unix_days = date1904 ? days - 24107 : days - 25569;
    if (!date1904 && days < 61)
        unix_days++;
    int y, m, d;
    civil_from_days(unix_days, &y, &m, &d);
    snprintf(out, 32, "%04d-%02d-%02d %02d:%02d:%02d", y, m, d, hh, mm, ss);
}

WorkbookFormat workbook_format(const char *buf, size_t len)
{
    if (len >= 4 && memcmp(buf, "PK\3\4", 4) == 0)
        return WORKBOOK_XLSX;
    if (len >= 8 && memcmp(buf, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
        return WORKBOOK_XLS;
    return WORKBOOK_NONE;
}

static int parse(Arena *a, WorkbookFormat fmt, const char *buf, size_t len, Workbook *wb,
                 WorkbookError *err, int every)
{
    int rc = -1;
    memset(wb, 0, sizeof *wb);
    memset(err, 0, sizeof *err);
    WorkbookBuilder *b = calloc(1, sizeof *b);
    if (!b) {
        snprintf(err->reason, sizeof err->reason, "out of memory");
        return -1;
    }
    b->arena = a;
    b->wb = wb;
    b->err = err;
    b->every = every;
    int r = fmt == WORKBOOK_XLSX  ? workbook_read_xlsx(b, buf, len)
            : fmt == WORKBOOK_XLS ? workbook_read_xls(b, buf, len)
                                  : workbook_fail(b, 0, 0, "not a workbook");
    if (r != 0 || flush_row(b) != 0)
        goto done;
    b->sheet = NULL;
    if (wb->nsheets == 0) {
        workbook_fail(b, 0, 0, "no sheet called survey (the form's questions)");
        goto done;
    }
    CsvRecord *recs = arena_alloc(a, (size_t)b->nrecs * sizeof *recs);
    if (!recs) {
        workbook_fail(b, 0, 0, "out of memory");
        goto done;
    }
    memcpy(recs, b->recs, (size_t)b->nrecs * sizeof *recs);
    wb->table.records = recs;
    wb->table.nrecords = b->nrecs;
    rc = 0;
done:
    free(b->recs);
    free(b);
    return rc;
}

int workbook_parse(Arena *a, WorkbookFormat fmt, const char *buf, size_t len, Workbook *wb,
                   WorkbookError *err)
{
    return parse(a, fmt, buf, len, wb, err, 0);
}

int workbook_parse_every(Arena *a, WorkbookFormat fmt, const char *buf, size_t len, Workbook *wb,
                         WorkbookError *err)
{
    return parse(a, fmt, buf, len, wb, err, 1);
}
