/* test_sheet.c: tests of sync/sheet.c, the table writer: workbooks written with libxlsxwriter
 * and read back with the project's own reader (common/workbook.c, xlsx.c), CSV read back with
 * common/csv.c; text that looks like a formula stays text; sheet names made valid and unique;
 * the header bold and frozen; the mode whatever the umask; nothing replaced without
 * SHEET_REPLACE, no link written through; a sticky error names the file and the cell, and
 * leaves nothing behind. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "../sync/sheet.h"
#include "chorus_limits.h"
#include "csv.h"
#include "fileio.h"
#include "test.h"
#include "workbook.h"

static char tmpdir[64];
static Arena *arena;
static Workbook wb;

/* tmpdir/name into a static buffer (two at a time). */
static const char *at(const char *name)
{
    static char buf[2][256];
    static int k;
    k ^= 1;
    snprintf(buf[k], sizeof buf[k], "%s/%s", tmpdir, name);
    return buf[k];
}

/* Reads the workbook at path with workbook_parse; 0 or -1 (saying why). */
static int read_book(const char *path)
{
    char err[ERR_LEN], *buf = NULL;
    size_t len = 0;
    if (file_read_all(path, CSV_FILE_MAX, &buf, &len, err) != 0) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    arena_free(arena);
    arena = arena_new();
    WorkbookError werr;
    int rc = workbook_parse(arena, workbook_format(buf, len), buf, len, &wb, &werr);
    if (rc != 0)
        fprintf(stderr, "%s: %s\n", path, werr.reason);
    free(buf);
    return rc;
}

/* The text of (record, field) of the workbook read, or NULL. */
static const char *cell(int record, int field)
{
    if (record >= wb.table.nrecords || field >= wb.table.records[record].nfields)
        return NULL;
    return wb.table.records[record].fields[field].text;
}

/* The part name of the zip at path, NUL-terminated, malloc'd (caller frees), or NULL. */
static char *zip_part(const char *path, const char *name)
{
    int ze = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &ze);
    if (!z)
        return NULL;
    zip_stat_t st;
    char *out = NULL;
    zip_file_t *f = NULL;
    if (zip_stat(z, name, 0, &st) == 0 && (f = zip_fopen(z, name, 0)) &&
        (out = calloc(1, st.size + 1)) && zip_fread(f, out, st.size) != (zip_int64_t)st.size) {
        free(out);
        out = NULL;
    }
    if (f)
        zip_fclose(f);
    zip_discard(z);
    return out;
}

/* How many entries tmpdir holds whose names start with prefix (hidden ones included). */
static int entries(const char *prefix)
{
    DIR *d = opendir(tmpdir);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
    if (d)
        closedir(d);
    return n;
}

static int mode_of(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 ? (int)(st.st_mode & 07777) : -1;
}

/* ---- names ---- */

static void check_name(const char *in, const char *want)
{
    char out[SHEET_NAME_MAX];
    sheet_name_excel(in, out);
    CHECK_STR(out, want);
}

static void test_names(void)
{
    check_name("Year 7 survey", "Year 7 survey");
    check_name("a/b\\c:d*e?f[g]h", "a_b_c_d_e_f_g_h");
    check_name("'quoted'", "quoted");
    check_name("  ' spaced '  ", "spaced");
    check_name("", "Sheet");
    check_name("''", "Sheet");
    check_name(NULL, "Sheet");
    check_name("history", "History_");
    check_name("tab\there", "tab_here");
    check_name("bad \xff byte", "bad _ byte");
    /* 31 characters kept, counted as Excel counts them */
    check_name("abcdefghijklmnopqrstuvwxyz0123456789", "abcdefghijklmnopqrstuvwxyz01234");
    /* é is 2 bytes but one character: 31 of them fit */
    char in[200] = "", want[200] = "";
    for (int i = 0; i < 40; i++)
        strcat(in, "\xc3\xa9");
    for (int i = 0; i < 31; i++)
        strcat(want, "\xc3\xa9");
    check_name(in, want);
    /* an emoji is two UTF-16 units: 15 of them (30 units), never half of one */
    in[0] = want[0] = '\0';
    for (int i = 0; i < 20; i++)
        strcat(in, "\xf0\x9f\x98\x80");
    for (int i = 0; i < 15; i++)
        strcat(want, "\xf0\x9f\x98\x80");
    check_name(in, want);
    /* a cut that ends in a space or apostrophe is trimmed */
    check_name("abcdefghijklmnopqrstuvwxyz0123 '5678", "abcdefghijklmnopqrstuvwxyz0123");
}

/* ---- workbooks ---- */

static void test_xlsx_read_back(void)
{
    char err[ERR_LEN];
    const char *path = at("book.xlsx");
    mode_t old = umask(0);
    SheetBook *b = sheet_open(path, 0600, 0, err);
    umask(old);
    CHECK(b != NULL);
    if (!b)
        return;
    CHECK_INT(sheet_format(b), SHEET_XLSX);
    sheet_add(b, "Survey");
    sheet_line(b, "record-level data");
    const char *const head[] = {"id", "said", "count", "a very long question name"};
    sheet_header(b, head, 4);
    const char *risky[] = {"=1+1", "+44 7700", "-3", "@SUM(A1)", "=HYPERLINK(\"x\")"};
    for (int i = 0; i < 5; i++) {
        sheet_text(b, i == 0 ? "r1" : i == 1 ? "r2" : i == 2 ? "r3" : i == 3 ? "r4" : "r5");
        sheet_text(b, risky[i]);
        sheet_number(b, i == 4 ? 0.5 : i);
        sheet_blank(b);
        sheet_row_end(b);
    }
    sheet_add(b, "survey"); /* the same name but for case: made unique */
    CHECK_STR(sheet_current_name(b), "survey (2)");
    sheet_text(b, "second");
    sheet_row_end(b);
    CHECK_INT(sheet_close(b, err), 0);
    CHECK_INT(mode_of(path), 0600);
    CHECK_INT(entries(".book.xlsx"), 0); /* the private folder is gone */

    CHECK_INT(read_book(path), 0);
    CHECK_STR(wb.sheet_names[0], "Survey");
    CHECK_STR(cell(0, 0), "survey");
    CHECK_STR(cell(1, 1), "record-level data");
    CHECK_INT(wb.table.records[1].line, 1);
    CHECK_STR(cell(2, 1), "id");
    CHECK_STR(cell(2, 4), "a very long question name");
    CHECK_INT(wb.table.records[2].line, 2);
    for (int i = 0; i < 5; i++) {
        CHECK_STR(cell(3 + i, 2), risky[i]); /* text as written, no apostrophe */
        CHECK_INT(wb.table.records[3 + i].line, 3 + i);
    }
    CHECK_STR(cell(3, 3), "0");
    CHECK_STR(cell(5, 3), "2");
    CHECK_STR(cell(7, 3), "0.5");

    /* No cell of the sheet is a formula: every text is a shared string, every number a <v>. */
    char *sheet1 = zip_part(path, "xl/worksheets/sheet1.xml");
    CHECK(sheet1 != NULL);
    if (sheet1) {
        CHECK(strstr(sheet1, "<f>") == NULL && strstr(sheet1, "<f ") == NULL);
        CHECK(strstr(sheet1, "t=\"s\"") != NULL);
        /* the header (row 2) and the line above it stay in view */
        CHECK(strstr(sheet1, "ySplit=\"2\"") != NULL);
        CHECK(strstr(sheet1, "state=\"frozen\"") != NULL);
        /* columns at least as wide as their names */
        CHECK(strstr(sheet1, "<col ") != NULL);
    }
    char *styles = zip_part(path, "xl/styles.xml");
    CHECK(styles && strstr(styles, "<b/>") != NULL);
    char *book = zip_part(path, "xl/workbook.xml");
    CHECK(book && strstr(book, "name=\"survey (2)\"") != NULL);
    /* the day it was made, no time of day */
    char *core = zip_part(path, "docProps/core.xml");
    CHECK(core && strstr(core, "T00:00:00Z</dcterms:created>") != NULL);
    free(core);
    free(sheet1);
    free(styles);
    free(book);
}

/* The only sheet of a one-sheet workbook is read whatever its name, so the name given can be
 * read back as Excel shows it. */
static void test_xlsx_sheet_name(void)
{
    char err[ERR_LEN];
    char path[256];
    snprintf(path, sizeof path, "%s", at("named.xlsx"));
    SheetBook *b = sheet_open(path, 0600, 0, err);
    CHECK(b != NULL);
    if (!b)
        return;
    sheet_add(b, "Q3: how/why [draft]?");
    sheet_title(b, "a mark & more");
    sheet_text(b, "x");
    CHECK_INT(sheet_close(b, err), 0);
    /* the title is the mark other writers look for; escaped text is not matched */
    CHECK_INT(sheet_xlsx_title_is(path, "a mark &amp; more"), 1);
    CHECK_INT(sheet_xlsx_title_is(path, "a mark"), 0);
    CHECK_INT(sheet_xlsx_title_is(at("book.xlsx"), "a mark &amp; more"), 0);
    CHECK_INT(sheet_xlsx_title_is(at("nothing.xlsx"), "a mark &amp; more"), 0);
    CHECK_INT(read_book(path), 0);
    CHECK_STR(wb.sheet_names[0], "Q3_ how_why _draft__");
    CHECK_STR(cell(1, 1), "x");
}

/* ---- CSV ---- */

static void test_csv(void)
{
    char err[ERR_LEN];
    const char *path = at("table.csv");
    mode_t old = umask(077);
    SheetBook *b = sheet_open(path, 0640, 0, err);
    umask(old);
    CHECK(b != NULL);
    if (!b)
        return;
    CHECK_INT(sheet_format(b), SHEET_CSV);
    sheet_add(b, "ignored in CSV");
    sheet_line(b, "record-level data, for people with an agreement");
    const char *const head[] = {"id", "said", "n"};
    sheet_header(b, head, 3);
    sheet_text(b, "r1");
    sheet_text(b, "=1+1");
    sheet_number(b, 0.1);
    sheet_row_end(b);
    sheet_text(b, "r2");
    sheet_text(b, "a, \"quoted\"\nline");
    sheet_number(b, 1e20);
    sheet_row_end(b);
    sheet_text(b, "r3");
    sheet_blank(b);
    sheet_number(b, -2);
    sheet_row_end(b);
    CHECK_INT(sheet_close(b, err), 0);
    CHECK_INT(mode_of(path), 0640);

    char *buf = NULL;
    size_t len = 0;
    CHECK_INT(file_read_all(path, CSV_FILE_MAX, &buf, &len, err), 0);
    if (!buf)
        return;
    CHECK(len > 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0);
    CHECK(strstr(buf, "\"'=1+1\"") != NULL);
    arena_free(arena);
    arena = arena_new();
    CsvTable t;
    CsvError cerr;
    CHECK_INT(csv_parse(arena, buf, len, &t, &cerr), 0);
    CHECK_INT(t.nrecords, 5);
    CHECK_INT(t.records[0].nfields, 1);
    CHECK_STR(t.records[0].fields[0].text, "record-level data, for people with an agreement");
    CHECK_INT(t.records[1].nfields, 3);
    CHECK_STR(t.records[2].fields[1].text, "'=1+1");
    CHECK_STR(t.records[2].fields[2].text, "0.1");
    CHECK_STR(t.records[3].fields[1].text, "a, \"quoted\"\nline");
    CHECK_STR(t.records[3].fields[2].text, "1e+20");
    CHECK_STR(t.records[4].fields[1].text, "");
    CHECK_STR(t.records[4].fields[2].text, "-2");
    CHECK_INT(t.records[4].nfields, 3);
    free(buf);
}

/* sheet_csv_cell, the committee files' cell: the guard on every character that starts a
 * formula. */
static void test_csv_cell(void)
{
    char *out = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&out, &n);
    sheet_csv_cell(f, "plain", 0);
    sheet_csv_cell(f, "-1", 0);
    sheet_csv_cell(f, "@x", 0);
    sheet_csv_cell(f, "\tx", 0);
    sheet_csv_cell(f, " pad", 0);
    sheet_csv_cell(f, NULL, 1);
    fclose(f);
    CHECK_STR(out, "plain,\"'-1\",\"'@x\",\"'\tx\",\" pad\",\n");
    free(out);
}

/* ---- refusals and errors ---- */

static void test_no_replace(void)
{
    char err[ERR_LEN];
    const char *path = at("exists.csv");
    CHECK_INT(file_write_atomic(path, "old\n", 4, 0600, err), 0);
    CHECK(sheet_open(path, 0600, 0, err) == NULL);
    CHECK(strstr(err, "exists.csv: already exists") != NULL);
    SheetBook *b = sheet_open(path, 0600, SHEET_REPLACE, err);
    CHECK(b != NULL);
    sheet_add(b, "t");
    sheet_text(b, "new");
    CHECK_INT(sheet_close(b, err), 0);
    char *buf = NULL;
    size_t len = 0;
    CHECK_INT(file_read_all(path, 100, &buf, &len, err), 0);
    CHECK(buf && strstr(buf, "new") != NULL);
    free(buf);

    /* A link at the path: refused without SHEET_REPLACE, replaced (not written through) with. */
    const char *target = at("target.txt"), *link = at("link.xlsx");
    CHECK_INT(file_write_atomic(target, "keep", 4, 0644, err), 0);
    CHECK_INT(symlink(target, link), 0);
    CHECK(sheet_open(link, 0600, 0, err) == NULL);
    b = sheet_open(link, 0600, SHEET_REPLACE, err);
    CHECK(b != NULL);
    sheet_add(b, "t");
    sheet_text(b, "x");
    CHECK_INT(sheet_close(b, err), 0);
    struct stat st;
    CHECK(lstat(link, &st) == 0 && S_ISREG(st.st_mode));
    CHECK_INT(file_read_all(target, 100, &buf, &len, err), 0);
    CHECK(buf && strcmp(buf, "keep") == 0);
    free(buf);

    CHECK(sheet_open(at("table.txt"), 0600, 0, err) == NULL);
    CHECK(strstr(err, "must end in .csv or .xlsx") != NULL);
}

static void test_sticky_errors(void)
{
    char err[ERR_LEN];
    /* A second table in a CSV file. */
    const char *path = at("two.csv");
    SheetBook *b = sheet_open(path, 0600, 0, err);
    CHECK(b != NULL);
    sheet_add(b, "one");
    sheet_text(b, "x");
    sheet_add(b, "two");
    CHECK_INT(sheet_close(b, err), -1);
    CHECK(strstr(err, "two.csv: a CSV file holds one table") != NULL);
    CHECK(!file_exists(path));

    /* A text over Excel's limit, named by its cell; nothing written, no folder left. */
    path = at("long.xlsx");
    b = sheet_open(path, 0600, 0, err);
    CHECK(b != NULL);
    sheet_add(b, "answers");
    sheet_text(b, "id");
    sheet_row_end(b);
    sheet_text(b, "r1");
    char *big = malloc(SHEET_TEXT_MAX + 2);
    memset(big, 'a', SHEET_TEXT_MAX + 1);
    big[SHEET_TEXT_MAX + 1] = '\0';
    sheet_text(b, big);
    sheet_text(b, "after"); /* ignored: the first error stands */
    free(big);
    CHECK_INT(sheet_close(b, err), -1);
    CHECK(strstr(err, "long.xlsx: answers!B2: a text over Excel's 32767 characters") != NULL);
    CHECK(!file_exists(path));
    CHECK_INT(entries(".long.xlsx"), 0);

    /* Not UTF-8, and not a number. */
    path = at("bad.xlsx");
    b = sheet_open(path, 0600, 0, err);
    sheet_add(b, "s");
    sheet_text(b, "ok \xc3");
    CHECK_INT(sheet_close(b, err), -1);
    CHECK(strstr(err, "s!A1: the text is not UTF-8") != NULL);
    b = sheet_open(path, 0600, 0, err);
    sheet_add(b, "s");
    sheet_number(b, 0.0 / 0.0);
    CHECK_INT(sheet_close(b, err), -1);
    CHECK(strstr(err, "s!A1: not a number") != NULL);
    CHECK(!file_exists(path));

    /* Abandoned: nothing at all. */
    b = sheet_open(at("gone.xlsx"), 0600, 0, err);
    sheet_add(b, "s");
    sheet_text(b, "x");
    sheet_abandon(b);
    CHECK(!file_exists(at("gone.xlsx")));
    CHECK_INT(entries(".gone.xlsx"), 0);

    /* A folder that is not there: the error names the file. */
    CHECK(sheet_open(at("nowhere/x.xlsx"), 0600, 0, err) == NULL);
    CHECK(strstr(err, "nowhere/x.xlsx: cannot make a private folder beside it") != NULL);
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/chorus-sheet-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    RUN(test_names);
    RUN(test_xlsx_read_back);
    RUN(test_xlsx_sheet_name);
    RUN(test_csv);
    RUN(test_csv_cell);
    RUN(test_no_replace);
    RUN(test_sticky_errors);
    arena_free(arena);
    char err[ERR_LEN];
    const char *slash = strrchr(tmpdir, '/');
    (void)file_remove_tree("/tmp", slash + 1, err);
    return TEST_SUMMARY("test_sheet");
}
