/* sheet.c: tables out as .xlsx (libxlsxwriter) or CSV. See sheet.h.
 *
 * Start reading at sheet_open() and sheet_close(). Both formats are built away from the path
 * and put there by common/fileio.c, so the mode, the refusal to follow a planted link and the
 * all-or-nothing write are fileio's, not this file's:
 * - CSV is rendered into memory (open_memstream);
 * - libxlsxwriter 1.1.4 (Debian 12) can only write a workbook to a file name it opens itself
 *   (fopen "wb", no mode, following links; writing into a buffer came in 1.1.5), so it writes
 *   into a private folder made by mkdtemp (0700) beside the path, with its own temporary files
 *   there too; the workbook is read back into memory and the folder removed. A run killed in
 *   between leaves that hidden 0700 folder, never a readable file. */
#include "sheet.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "chorus_limits.h"
#include "fileio.h"
#include "out.h"
#include "workbook.h"

#define PATH_MAX_LEN 4096
#define XLSX_READ_MAX ((size_t)2 << 30) /* the workbook read back from the private folder */
#define WIDTH_MAX 60.0                  /* characters: a header's column is never wider */
#define BOOK_FILE "book.xlsx"

struct SheetBook {
    char path[PATH_MAX_LEN];
    SheetFormat fmt;
    int mode, flags;
    char err[ERR_LEN]; /* the first sticky error, "" when none */
    int nsheets;
    char names[SHEET_SHEETS_MAX][SHEET_NAME_MAX];
    unsigned row, col; /* the next cell of the current sheet, 0-based */
    /* CSV */
    FILE *mem;
    char *data;
    size_t len;
    /* xlsx */
    char dir[PATH_MAX_LEN]; /* the private folder ("" when none) */
    char file[PATH_MAX_LEN];
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *bold;
    char title[256]; /* the workbook's title property, "" for none */
};

/* ---- the sticky error ---- */

static void fail(SheetBook *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(SheetBook *b, const char *fmt, ...)
{
    if (b->err[0])
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(b->err, sizeof b->err, fmt, ap);
    va_end(ap);
    if (!b->err[0])
        snprintf(b->err, sizeof b->err, "error");
}

/* The cell the cursor is at, as Excel names it: "Sheet!B12". */
static void where(const SheetBook *b, char *out, size_t n)
{
    char col[16];
    workbook_column_letters((int)b->col + 1, col);
    snprintf(out, n, "%s!%s%u", b->nsheets ? b->names[b->nsheets - 1] : "(no sheet)", col,
             b->row + 1);
}

/* 1 if cells may go on: a sheet is open, no error so far, and the cursor is within Excel. */
static int ready(SheetBook *b)
{
    if (b->err[0])
        return 0;
    if (!b->nsheets) {
        fail(b, "a cell before any sheet");
        return 0;
    }
    char at[SHEET_NAME_MAX + 32];
    if (b->row >= SHEET_ROWS_MAX || b->col >= SHEET_COLS_MAX) {
        where(b, at, sizeof at);
        fail(b, "%s: past Excel's last %s (%d)", at, b->row >= SHEET_ROWS_MAX ? "row" : "column",
             b->row >= SHEET_ROWS_MAX ? SHEET_ROWS_MAX : SHEET_COLS_MAX);
        return 0;
    }
    return 1;
}

/* ---- UTF-8 ---- */

/* The length of the UTF-8 character at s (1 to 4) and its code point, or 0 if the bytes there
 * are not one (overlong forms, surrogates and code points past U+10FFFF included). */
static int utf8_char(const unsigned char *s, unsigned *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    int n = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc2 ? 2 : 0;
    if (!n || s[0] > 0xf4)
        return 0;
    unsigned v = s[0] & (0x3f >> (n - 1));
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        v = v << 6 | (s[i] & 0x3f);
    }
    static const unsigned least[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (v < least[n] || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
        return 0;
    *cp = v;
    return n;
}

/* The number of characters of s, or -1 if it is not UTF-8. */
static long utf8_chars(const char *s)
{
    long n = 0;
    const unsigned char *p = (const unsigned char *)s;
    unsigned cp;
    while (*p) {
        int k = utf8_char(p, &cp);
        if (!k)
            return -1;
        p += k;
        n++;
    }
    return n;
}

/* ---- sheet names ---- */

/* Drops apostrophes and spaces from the end of s (NUL-terminated, len bytes). */
static void trim_end(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == '\'' || s[n - 1] == ' '))
        s[--n] = '\0';
}

/* Copies s into out, at most units UTF-16 units of it (whole characters), then trims. */
static void cut_units(const char *s, int units, char *out)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t o = 0;
    int used = 0;
    unsigned cp;
    while (*p) {
        int k = utf8_char(p, &cp);
        int u = cp >= 0x10000 ? 2 : 1;
        if (!k || used + u > units || o + (size_t)k >= SHEET_NAME_MAX)
            break;
        memcpy(out + o, p, (size_t)k);
        o += (size_t)k;
        p += k;
        used += u;
    }
    out[o] = '\0';
    trim_end(out);
}

void sheet_name_excel(const char *name, char *out)
{
    /* Every character made valid first, each kept whole; then cut to Excel's length. */
    char clean[SHEET_NAME_MAX * 4];
    size_t o = 0;
    const unsigned char *p = (const unsigned char *)(name ? name : "");
    while (*p == ' ' || *p == '\'')
        p++;
    while (*p && o + 5 < sizeof clean) {
        unsigned cp;
        int k = utf8_char(p, &cp);
        if (!k || cp < 0x20 || cp == 0x7f || (cp < 0x80 && strchr("[]:*?/\\", (int)cp))) {
            clean[o++] = '_';
            p += k ? k : 1;
            continue;
        }
        memcpy(clean + o, p, (size_t)k);
        o += (size_t)k;
        p += k;
    }
    clean[o] = '\0';
    cut_units(clean, SHEET_NAME_CHARS, out);
    if (!out[0])
        snprintf(out, SHEET_NAME_MAX, "Sheet");
    if (strcasecmp(out, "History") == 0)
        snprintf(out, SHEET_NAME_MAX, "History_");
}

/* 1 if the book already has a sheet called name (Excel compares names case-insensitively). */
static int taken(const SheetBook *b, const char *name)
{
    for (int i = 0; i < b->nsheets; i++)
        if (strcasecmp(b->names[i], name) == 0)
            return 1;
    return 0;
}

/* ---- CSV ---- */

/* One CSV cell's text, quoted and guarded as sheet_csv_cell says, without its separator. */
static void csv_body(FILE *f, const char *s)
{
    out_csv_text(f, s ? s : "");
}

void sheet_csv_cell(FILE *f, const char *s, int last)
{
    csv_body(f, s);
    fputs(last ? "\n" : ",", f);
}

/* The shortest of %.15g, %.16g, %.17g that reads back as v. */
static void number_text(double v, char *out, size_t n)
{
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(out, n, "%.*g", digits, v);
        if (strtod(out, NULL) == v)
            return;
    }
}

/* A CSV cell goes out with its separator before it, so a row ends without a trailing comma. */
static void csv_sep(SheetBook *b)
{
    if (b->col > 0)
        fputc(',', b->mem);
}

/* ---- opening ---- */

int sheet_format_of(const char *path, SheetFormat *fmt)
{
    size_t n = strlen(path);
    if (n > 4 && strcasecmp(path + n - 4, ".csv") == 0) {
        *fmt = SHEET_CSV;
        return 0;
    }
    if (n > 5 && strcasecmp(path + n - 5, ".xlsx") == 0) {
        *fmt = SHEET_XLSX;
        return 0;
    }
    return -1;
}

/* Makes the private folder beside b->path and the workbook's name in it. */
static int make_private_dir(SheetBook *b, char *err)
{
    const char *slash = strrchr(b->path, '/');
    const char *base = slash ? slash + 1 : b->path;
    int dirlen = slash ? (int)(slash - b->path) : 0;
    int n = slash ? snprintf(b->dir, sizeof b->dir, "%.*s/.%.64s.XXXXXX", dirlen ? dirlen : 1,
                             dirlen ? b->path : "/", base)
                  : snprintf(b->dir, sizeof b->dir, ".%.64s.XXXXXX", base);
    if (n < 0 || (size_t)n >= sizeof b->dir) {
        snprintf(err, ERR_LEN, "%s: path too long", b->path);
        b->dir[0] = '\0';
        return -1;
    }
    if (!mkdtemp(b->dir)) {
        snprintf(err, ERR_LEN, "%s: cannot make a private folder beside it: %s", b->path,
                 strerror(errno));
        b->dir[0] = '\0';
        return -1;
    }
    snprintf(b->file, sizeof b->file, "%s/" BOOK_FILE, b->dir);
    return 0;
}

/* Removes the private folder and what libxlsxwriter left in it. */
static void remove_private_dir(SheetBook *b)
{
    if (!b->dir[0])
        return;
    unlink(b->file);
    if (rmdir(b->dir) != 0) {
        /* Something else is in it (a temporary file of a killed close): remove the lot. */
        char why[ERR_LEN];
        const char *slash = strrchr(b->dir, '/');
        char parent[PATH_MAX_LEN];
        if (slash) {
            snprintf(parent, sizeof parent, "%.*s", (int)(slash - b->dir), b->dir);
            if (!parent[0])
                snprintf(parent, sizeof parent, "/");
        } else {
            snprintf(parent, sizeof parent, ".");
        }
        (void)file_remove_tree(parent, slash ? slash + 1 : b->dir, why);
    }
    b->dir[0] = '\0';
}

SheetBook *sheet_open(const char *path, int mode, int flags, char *err)
{
    SheetFormat fmt;
    if (sheet_format_of(path, &fmt) != 0) {
        snprintf(err, ERR_LEN, "%s: the name must end in .csv or .xlsx", path);
        return NULL;
    }
    if (strlen(path) >= PATH_MAX_LEN) {
        snprintf(err, ERR_LEN, "%.200s...: path too long", path);
        return NULL;
    }
    if (!(flags & SHEET_REPLACE) && file_exists(path)) {
        snprintf(err, ERR_LEN, "%s: already exists; not replaced", path);
        return NULL;
    }
    SheetBook *b = calloc(1, sizeof *b);
    if (!b) {
        snprintf(err, ERR_LEN, "out of memory");
        return NULL;
    }
    snprintf(b->path, sizeof b->path, "%s", path);
    b->fmt = fmt;
    b->mode = mode;
    b->flags = flags;
    if (fmt == SHEET_CSV) {
        b->mem = open_memstream(&b->data, &b->len);
        if (!b->mem) {
            snprintf(err, ERR_LEN, "out of memory");
            goto fail;
        }
        /* The byte-order mark that makes Excel read a CSV as UTF-8. */
        fputs("\xef\xbb\xbf", b->mem);
        return b;
    }
    if (make_private_dir(b, err) != 0)
        goto fail;
    lxw_workbook_options opt = {
        .constant_memory = LXW_FALSE, .tmpdir = b->dir, .use_zip64 = LXW_TRUE};
    b->wb = workbook_new_opt(b->file, &opt);
    if (!b->wb || !(b->bold = workbook_add_format(b->wb))) {
        snprintf(err, ERR_LEN, "%s: out of memory", path);
        goto fail;
    }
    format_set_bold(b->bold);
    return b;
fail:
    sheet_abandon(b);
    return NULL;
}

SheetFormat sheet_format(const SheetBook *b)
{
    return b->fmt;
}

void sheet_abandon(SheetBook *b)
{
    if (!b)
        return;
    if (b->mem)
        fclose(b->mem);
    free(b->data);
    lxw_workbook_free(b->wb);
    remove_private_dir(b);
    free(b);
}

/* ---- closing ---- */

static int write_out(SheetBook *b, const char *data, size_t len, char *err)
{
    if (b->flags & SHEET_REPLACE)
        return file_write_atomic(b->path, data, len, b->mode, err);
    return file_write_new(b->path, data, len, b->mode, err);
}

int sheet_close(SheetBook *b, char *err)
{
    if (!b) {
        snprintf(err, ERR_LEN, "out of memory");
        return -1;
    }
    int rc = -1;
    char *buf = NULL;
    size_t len = 0;
    if (!b->err[0] && !b->nsheets)
        fail(b, "no sheet");
    if (b->fmt == SHEET_CSV) {
        int bad = ferror(b->mem);
        if (fclose(b->mem) != 0)
            bad = 1;
        b->mem = NULL;
        if (bad)
            fail(b, "out of memory");
        if (b->err[0]) {
            snprintf(err, ERR_LEN, "%s: %s; nothing written", b->path, b->err);
            goto done;
        }
        rc = write_out(b, b->data, b->len, err);
        goto done;
    }
    if (b->err[0]) {
        snprintf(err, ERR_LEN, "%s: %s; nothing written", b->path, b->err);
        goto done;
    }
    /* The workbook says the day it was made, not the time of day (libxlsxwriter would put the
     * time in docProps/core.xml and on every zip entry); SOURCE_DATE_EPOCH, as reproducible
     * builds set it, makes that day fixed, so that a workbook can be compared byte for byte. */
    time_t now = time(NULL);
    const char *fixed = getenv("SOURCE_DATE_EPOCH");
    if (fixed && *fixed && strspn(fixed, "0123456789") == strlen(fixed) && strlen(fixed) <= 12)
        now = (time_t)strtoll(fixed, NULL, 10);
    lxw_doc_properties props = {.title = b->title[0] ? b->title : NULL,
                                .created = now - now % 86400};
    if (workbook_set_properties(b->wb, &props) != LXW_NO_ERROR) {
        snprintf(err, ERR_LEN, "%s: out of memory; nothing written", b->path);
        goto done;
    }
    lxw_error e = workbook_close(b->wb);
    b->wb = NULL;
    if (e != LXW_NO_ERROR) {
        snprintf(err, ERR_LEN, "%s: the workbook could not be made: %s; nothing written", b->path,
                 lxw_strerror(e));
        goto done;
    }
    char why[ERR_LEN];
    if (file_read_all(b->file, XLSX_READ_MAX, &buf, &len, why) != 0) {
        snprintf(err, ERR_LEN,
                 "%s: the workbook made could not be read back (%s); nothing "
                 "written",
                 b->path, why);
        goto done;
    }
    rc = write_out(b, buf, len, err);
done:
    free(buf);
    sheet_abandon(b);
    return rc;
}

/* ---- sheets and cells ---- */

void sheet_add(SheetBook *b, const char *name)
{
    if (b->err[0])
        return;
    if (b->fmt == SHEET_CSV && b->nsheets) {
        fail(b, "a CSV file holds one table; \"%s\" would be a second", name);
        return;
    }
    if (b->nsheets >= SHEET_SHEETS_MAX) {
        fail(b, "more than %d sheets", SHEET_SHEETS_MAX);
        return;
    }
    char base[SHEET_NAME_MAX], cand[SHEET_NAME_MAX];
    sheet_name_excel(name, base);
    snprintf(cand, sizeof cand, "%s", base);
    for (int k = 2; taken(b, cand); k++) {
        char suffix[16], cut[SHEET_NAME_MAX];
        int n = snprintf(suffix, sizeof suffix, " (%d)", k);
        cut_units(base, SHEET_NAME_CHARS - n, cut);
        snprintf(cand, sizeof cand, "%s%s", cut, suffix);
    }
    if (b->fmt == SHEET_XLSX && !(b->ws = workbook_add_worksheet(b->wb, cand))) {
        fail(b, "sheet \"%s\" could not be added", cand);
        return;
    }
    snprintf(b->names[b->nsheets++], SHEET_NAME_MAX, "%s", cand);
    b->row = b->col = 0;
}

void sheet_title(SheetBook *b, const char *title)
{
    snprintf(b->title, sizeof b->title, "%s", title ? title : "");
}

int sheet_xlsx_title_is(const char *path, const char *title)
{
    int ze = 0, found = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &ze);
    if (!z)
        return 0;
    zip_stat_t st;
    zip_file_t *f = NULL;
    char *xml = NULL;
    /* core.xml is a few hundred bytes; a bigger one is not ours */
    if (zip_stat(z, "docProps/core.xml", 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
        st.size < 65536 && (f = zip_fopen(z, "docProps/core.xml", 0)) &&
        (xml = calloc(1, st.size + 1)) && zip_fread(f, xml, st.size) == (zip_int64_t)st.size) {
        char want[300];
        snprintf(want, sizeof want, "<dc:title>%s</dc:title>", title);
        found = strstr(xml, want) != NULL;
    }
    free(xml);
    if (f)
        zip_fclose(f);
    zip_discard(z);
    return found;
}

const char *sheet_current_name(const SheetBook *b)
{
    return b->nsheets ? b->names[b->nsheets - 1] : "";
}

/* A text cell at the cursor, bold or not; the cursor moves right. */
static void put_text(SheetBook *b, const char *text, lxw_format *fmt)
{
    if (!ready(b))
        return;
    if (!text)
        text = "";
    long chars = utf8_chars(text);
    char at[SHEET_NAME_MAX + 32];
    if (chars < 0 || chars > SHEET_TEXT_MAX) {
        where(b, at, sizeof at);
        fail(b, "%s: %s", at,
             chars < 0 ? "the text is not UTF-8" : "a text over Excel's 32767 characters");
        return;
    }
    if (b->fmt == SHEET_CSV) {
        csv_sep(b);
        csv_body(b->mem, text);
    } else if (text[0]) {
        lxw_error e = worksheet_write_string(b->ws, b->row, (lxw_col_t)b->col, text, fmt);
        if (e != LXW_NO_ERROR) {
            where(b, at, sizeof at);
            fail(b, "%s: %s", at, lxw_strerror(e));
            return;
        }
    }
    b->col++;
}

void sheet_text(SheetBook *b, const char *text)
{
    put_text(b, text, NULL);
}

void sheet_blank(SheetBook *b)
{
    put_text(b, "", NULL);
}

void sheet_number(SheetBook *b, double v)
{
    if (!ready(b))
        return;
    char at[SHEET_NAME_MAX + 32];
    if (!isfinite(v)) {
        where(b, at, sizeof at);
        fail(b, "%s: not a number", at);
        return;
    }
    if (b->fmt == SHEET_CSV) {
        char text[40];
        number_text(v, text, sizeof text);
        csv_sep(b);
        fputs(text, b->mem);
    } else {
        lxw_error e = worksheet_write_number(b->ws, b->row, (lxw_col_t)b->col, v, NULL);
        if (e != LXW_NO_ERROR) {
            where(b, at, sizeof at);
            fail(b, "%s: %s", at, lxw_strerror(e));
            return;
        }
    }
    b->col++;
}

void sheet_row_end(SheetBook *b)
{
    if (b->err[0] || !b->nsheets)
        return;
    if (b->fmt == SHEET_CSV)
        fputc('\n', b->mem);
    b->row++;
    b->col = 0;
}

void sheet_line(SheetBook *b, const char *text)
{
    if (b->col > 0)
        sheet_row_end(b);
    put_text(b, text, b->bold);
    sheet_row_end(b);
}

void sheet_width(SheetBook *b, int col, double chars)
{
    if (b->err[0] || b->fmt != SHEET_XLSX || !b->ws || col < 0 || col >= SHEET_COLS_MAX)
        return;
    if (worksheet_set_column(b->ws, (lxw_col_t)col, (lxw_col_t)col, chars, NULL) != LXW_NO_ERROR)
        fail(b, "%s: column %d: a width of %.1f is not one", sheet_current_name(b), col + 1, chars);
}

void sheet_header(SheetBook *b, const char *const *names, int n)
{
    if (b->col > 0)
        sheet_row_end(b);
    for (int i = 0; i < n; i++) {
        long chars = utf8_chars(names[i] ? names[i] : "");
        double w = chars < 8 ? 10 : (double)chars + 2;
        sheet_width(b, i, w > WIDTH_MAX ? WIDTH_MAX : w);
        put_text(b, names[i], b->bold);
    }
    if (!b->err[0] && b->fmt == SHEET_XLSX && b->ws)
        worksheet_freeze_panes(b->ws, b->row + 1, 0);
    sheet_row_end(b);
}
