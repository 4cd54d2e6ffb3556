/* test_csv.c: tests of the CSV reader (common/csv.c): records, quoting, line numbers, and the
 * line and column of every kind of error.
 *
 * Every input is copied into a malloc'd buffer of exactly its length, so a read past len is
 * caught by the sanitizer build. */
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "chorus_limits.h"
#include "test.h"

static Arena *arena;
static CsvTable table;
static CsvError err;

/* Parses (s, len) from an exact-size copy. Returns csv_parse's result. */
static int parse_n(const char *s, size_t len)
{
    arena_free(arena);
    arena = arena_new();
    memset(&err, 0, sizeof err);
    char *copy = malloc(len ? len : 1);
    if (!arena || !copy) {
        free(copy);
        return -2;
    }
    if (len)
        memcpy(copy, s, len);
    int rc = csv_parse(arena, copy, len, &table, &err);
    free(copy);
    return rc;
}

static int parse(const char *s) { return parse_n(s, strlen(s)); }

static const char *cell(int record, int field)
{
    if (record >= table.nrecords || field >= table.records[record].nfields)
        return NULL;
    return table.records[record].fields[field].text;
}

static void test_simple(void)
{
    CHECK_INT(parse("type,name,label\ntext,q1,Your name\n"), 0);
    CHECK_INT(table.nrecords, 2);
    CHECK_INT(table.records[0].line, 1);
    CHECK_INT(table.records[0].nfields, 3);
    CHECK_STR(cell(0, 0), "type");
    CHECK_STR(cell(0, 2), "label");
    CHECK_INT(table.records[1].line, 2);
    CHECK_STR(cell(1, 2), "Your name");
    CHECK_INT(table.records[1].fields[2].len, 9);
}

static void test_no_trailing_newline(void)
{
    CHECK_INT(parse("a,b\nc,d"), 0);
    CHECK_INT(table.nrecords, 2);
    CHECK_STR(cell(1, 1), "d");
}

static void test_trailing_newline_no_extra_record(void)
{
    CHECK_INT(parse("a\n"), 0);
    CHECK_INT(table.nrecords, 1);
    CHECK_INT(parse("a\r\n"), 0);
    CHECK_INT(table.nrecords, 1);
    CHECK_INT(parse(""), 0);
    CHECK_INT(table.nrecords, 0);
    CHECK(table.records == NULL);
    CHECK_INT(parse("\n"), 0);
    CHECK_INT(table.nrecords, 1);
    CHECK_INT(table.records[0].nfields, 1);
    CHECK_STR(cell(0, 0), "");
}

static void test_empty_line_in_middle(void)
{
    CHECK_INT(parse("a\n\nb\n"), 0);
    CHECK_INT(table.nrecords, 3);
    CHECK_INT(table.records[1].line, 2);
    CHECK_INT(table.records[1].nfields, 1);
    CHECK_STR(cell(1, 0), "");
    CHECK_INT(table.records[1].fields[0].len, 0);
    CHECK_INT(table.records[2].line, 3);
    CHECK_STR(cell(2, 0), "b");
}

static void test_empty_fields(void)
{
    CHECK_INT(parse(",a,,\n"), 0);
    CHECK_INT(table.nrecords, 1);
    CHECK_INT(table.records[0].nfields, 4);
    CHECK_STR(cell(0, 0), "");
    CHECK_STR(cell(0, 1), "a");
    CHECK_STR(cell(0, 2), "");
    CHECK_STR(cell(0, 3), "");
    CHECK_INT(parse("a,"), 0);
    CHECK_INT(table.records[0].nfields, 2);
    CHECK_STR(cell(0, 1), "");
}

static void test_bom(void)
{
    CHECK_INT(parse("\xEF\xBB\xBFtype,name\n"), 0);
    CHECK_INT(table.nrecords, 1);
    CHECK_STR(cell(0, 0), "type");
    CHECK_INT(table.records[0].line, 1);
    CHECK_INT(parse("\xEF\xBB\xBF"), 0);
    CHECK_INT(table.nrecords, 0);
    /* Only a leading BOM is skipped; one later on is a character like any other. */
    CHECK_INT(parse("a,\xEF\xBB\xBF" "b"), 0);
    CHECK_STR(cell(0, 1), "\xEF\xBB\xBF" "b");
    /* A cut-off BOM is invalid UTF-8. */
    CHECK_INT(parse("\xEF\xBB"), -1);
    CHECK_INT(err.line, 1);
    CHECK_INT(err.column, 1);
}

static void test_crlf(void)
{
    CHECK_INT(parse("a,b\r\nc,d\r\n\r\ne\r\n"), 0);
    CHECK_INT(table.nrecords, 4);
    CHECK_STR(cell(0, 1), "b");
    CHECK_INT(table.records[0].fields[1].len, 1);
    CHECK_STR(cell(1, 0), "c");
    CHECK_INT(table.records[1].line, 2);
    CHECK_STR(cell(2, 0), "");
    CHECK_INT(table.records[3].line, 4);
    CHECK_STR(cell(3, 0), "e");
}

static void test_lone_cr(void)
{
    CHECK_INT(parse("a\rb\r"), 0);
    CHECK_INT(table.nrecords, 2);
    CHECK_STR(cell(1, 0), "b");
    CHECK_INT(table.records[1].line, 2);
}

static void test_quoted(void)
{
    CHECK_INT(parse("\"a,b\",\"say \"\"hi\"\"\",\"\",\"\"\"\"\n"), 0);
    CHECK_INT(table.nrecords, 1);
    CHECK_INT(table.records[0].nfields, 4);
    CHECK_STR(cell(0, 0), "a,b");
    CHECK_STR(cell(0, 1), "say \"hi\"");
    CHECK_STR(cell(0, 2), "");
    CHECK_STR(cell(0, 3), "\"");
    CHECK_INT(table.records[0].fields[3].len, 1);
    /* pyxform's own samples quote every field. */
    CHECK_INT(parse(",\"text\",\"family_name\",\"What's your family name?\""), 0);
    CHECK_STR(cell(0, 3), "What's your family name?");
}

static void test_quote_in_unquoted_field(void)
{
    CHECK_INT(parse("${a} = \"yes\",b\n"), 0);
    CHECK_STR(cell(0, 0), "${a} = \"yes\"");
    CHECK_STR(cell(0, 1), "b");
}

static void test_multiline_field(void)
{
    CHECK_INT(parse("x,\"line1\nline2\nline3\",y\nnext,row\n\"a\n\"\nlast\n"), 0);
    CHECK_INT(table.nrecords, 4);
    CHECK_INT(table.records[0].line, 1);
    CHECK_INT(table.records[0].nfields, 3);
    CHECK_STR(cell(0, 1), "line1\nline2\nline3");
    CHECK_STR(cell(0, 2), "y");
    CHECK_INT(table.records[1].line, 4);
    CHECK_STR(cell(1, 0), "next");
    CHECK_INT(table.records[2].line, 5);
    CHECK_STR(cell(2, 0), "a\n");
    CHECK_INT(table.records[3].line, 7);
    CHECK_STR(cell(3, 0), "last");
}

static void test_multiline_field_crlf(void)
{
    /* Line ends inside a quoted field are stored as "\n" whatever the file uses. */
    CHECK_INT(parse("h\r\n\"one\r\ntwo\rthree\",x\r\nnext\r\n"), 0);
    CHECK_INT(table.nrecords, 3);
    CHECK_STR(cell(1, 0), "one\ntwo\nthree");
    CHECK_INT(table.records[1].fields[0].len, 13);
    CHECK_INT(table.records[1].line, 2);
    CHECK_INT(table.records[2].line, 5);
    CHECK_STR(cell(2, 0), "next");
}

static void test_utf8_valid(void)
{
    CHECK_INT(parse("caf\xC3\xA9,\xE2\x82\xAC,\xF0\x9F\x98\x80,\xEF\xBF\xBF,\xF4\x8F\xBF\xBF\n"), 0);
    CHECK_INT(table.records[0].nfields, 5);
    CHECK_STR(cell(0, 0), "caf\xC3\xA9");
    CHECK_STR(cell(0, 2), "\xF0\x9F\x98\x80");
    CHECK_INT(table.records[0].fields[4].len, 4);
}

static void check_bad_utf8(const char *bytes, size_t n)
{
    char buf[64] = "ok,ok\nx,";
    size_t len = strlen(buf);
    memcpy(buf + len, bytes, n);
    len += n;
    CHECK_INT(parse_n(buf, len), -1);
    CHECK_INT(err.line, 2);
    CHECK_INT(err.column, 2);
    CHECK(strstr(err.reason, "UTF-8") != NULL);
}

static void test_utf8_invalid(void)
{
    check_bad_utf8("\xC0\x80", 2);         /* overlong NUL */
    check_bad_utf8("\xC1\xBF", 2);         /* overlong */
    check_bad_utf8("\xE0\x80\x80", 3);     /* overlong 3-byte */
    check_bad_utf8("\xE0\x9F\xBF", 3);     /* overlong 3-byte, highest */
    check_bad_utf8("\xF0\x8F\xBF\xBF", 4); /* overlong 4-byte */
    check_bad_utf8("\xED\xA0\x80", 3);     /* surrogate U+D800 */
    check_bad_utf8("\xED\xBF\xBF", 3);     /* surrogate U+DFFF */
    check_bad_utf8("\xF4\x90\x80\x80", 4); /* over U+10FFFF */
    check_bad_utf8("\xF5\x80\x80\x80", 4); /* lead byte never used */
    check_bad_utf8("\xFF", 1);
    check_bad_utf8("\x80", 1);             /* stray continuation */
    check_bad_utf8("\xE2\x82", 2);         /* truncated at end of input */
    check_bad_utf8("\xE2\x82,y", 4);       /* truncated before a comma */
    check_bad_utf8("\xF0\x9F\x98", 3);     /* truncated 4-byte at end */
    check_bad_utf8("\xC3", 1);             /* truncated 2-byte at end */
    check_bad_utf8("\"\xC3\"", 3);         /* truncated inside quotes */
    /* Inside a multi-line quoted field the line is where the bad byte is. */
    CHECK_INT(parse("a,\"x\ny\n\xC0\x80\"\n"), -1);
    CHECK_INT(err.line, 3);
    CHECK_INT(err.column, 2);
}

static void test_nul(void)
{
    CHECK_INT(parse_n("a,b\nc,d\0e\n", 10), -1);
    CHECK_INT(err.line, 2);
    CHECK_INT(err.column, 2);
    CHECK(strstr(err.reason, "NUL") != NULL);
    CHECK_INT(parse_n("\"a\n\0\"", 5), -1);
    CHECK_INT(err.line, 2);
    CHECK_INT(err.column, 1);
}

static void test_unclosed_quote(void)
{
    CHECK_INT(parse("a,b\nc,\"open\nmore\nstuff"), -1);
    CHECK_INT(err.line, 2);
    CHECK_INT(err.column, 2);
    CHECK(strstr(err.reason, "never closed") != NULL);
    CHECK_INT(parse("\""), -1);
    CHECK_INT(err.line, 1);
    CHECK_INT(err.column, 1);
    /* A doubled quote at the very end is content, not a close. */
    CHECK_INT(parse("x,y,\"ab\"\""), -1);
    CHECK_INT(err.line, 1);
    CHECK_INT(err.column, 3);
}

static void test_after_closing_quote(void)
{
    CHECK_INT(parse("\"a\"b,c\n"), -1);
    CHECK_INT(err.line, 1);
    CHECK_INT(err.column, 1);
    CHECK_INT(parse("h\nx,\"a\nb\" ,c\n"), -1);
    CHECK_INT(err.line, 3);
    CHECK_INT(err.column, 2);
    /* A quote opened after other characters is not a quoted field: accepted as is. */
    CHECK_INT(parse("a \"b\",c"), 0);
    CHECK_STR(cell(0, 0), "a \"b\"");
}

static void test_field_size(void)
{
    size_t n = CSV_FIELD_MAX;
    char *buf = malloc(n + 16);
    if (!buf) {
        CHECK(0);
        return;
    }
    /* Exactly CSV_FIELD_MAX bytes is fine. */
    buf[0] = 'h';
    buf[1] = '\n';
    buf[2] = 'a';
    buf[3] = ',';
    memset(buf + 4, 'x', n);
    CHECK_INT(parse_n(buf, n + 4), 0);
    CHECK_INT(table.records[1].fields[1].len, CSV_FIELD_MAX);
    /* One more is an error at the field's line and column. */
    buf[n + 4] = 'x';
    CHECK_INT(parse_n(buf, n + 5), -1);
    CHECK_INT(err.line, 2);
    CHECK_INT(err.column, 2);
    CHECK(strstr(err.reason, "CSV_FIELD_MAX") != NULL);
    /* Quoted: the limit is on the unquoted bytes; "" counts one. */
    buf[4] = '"';
    memset(buf + 5, 'x', n - 2);
    buf[n + 3] = '"';
    buf[n + 4] = '"';
    buf[n + 5] = '"';
    CHECK_INT(parse_n(buf, n + 6), 0);
    CHECK_INT(table.records[1].fields[1].len, CSV_FIELD_MAX - 1);
    /* A multi-line quoted field over the limit is reported where it starts. */
    memset(buf + 5, '\n', n + 1);
    CHECK_INT(parse_n(buf, n + 6), -1);
    CHECK_INT(err.line, 2);
    CHECK_INT(err.column, 2);
    /* A multi-byte character that would cross the limit is not cut. */
    memset(buf + 4, 'x', n - 1);
    memcpy(buf + 4 + n - 1, "\xC3\xA9", 2);
    CHECK_INT(parse_n(buf, n + 5), -1);
    CHECK(strstr(err.reason, "CSV_FIELD_MAX") != NULL);
    free(buf);
}

static void test_huge_field_is_fast(void)
{
    /* 4 MB in one field, unquoted and unclosed-quoted: stops at the limit, not the end. */
    size_t n = CSV_FILE_MAX;
    char *buf = malloc(n);
    if (!buf) {
        CHECK(0);
        return;
    }
    memset(buf, 'x', n);
    CHECK_INT(parse_n(buf, n), -1);
    CHECK_INT(err.line, 1);
    CHECK_INT(err.column, 1);
    buf[0] = '"';
    CHECK_INT(parse_n(buf, n), -1);
    CHECK(strstr(err.reason, "CSV_FIELD_MAX") != NULL);
    free(buf);
}

static void test_too_many_fields(void)
{
    char buf[2 * CSV_COLS_MAX + 16];
    size_t len = 0;
    buf[len++] = 'h';
    buf[len++] = '\n';
    for (int i = 0; i < CSV_COLS_MAX; i++) {
        buf[len++] = 'x';
        buf[len++] = ',';
    }
    buf[len - 1] = '\n';
    CHECK_INT(parse_n(buf, len), 0);
    CHECK_INT(table.records[1].nfields, CSV_COLS_MAX);
    buf[len - 1] = ',';
    CHECK_INT(parse_n(buf, len), -1); /* the trailing comma opens field 129 */
    CHECK_INT(err.line, 2);
    CHECK_INT(err.column, CSV_COLS_MAX + 1);
    CHECK(strstr(err.reason, "CSV_COLS_MAX") != NULL);
}

static void test_too_many_records(void)
{
    size_t n = 2 * (CSV_RECORDS_MAX + 1);
    char *buf = malloc(n);
    if (!buf) {
        CHECK(0);
        return;
    }
    for (size_t i = 0; i < n; i += 2) {
        buf[i] = 'r';
        buf[i + 1] = '\n';
    }
    CHECK_INT(parse_n(buf, n - 2), 0);
    CHECK_INT(table.nrecords, CSV_RECORDS_MAX);
    CHECK_INT(table.records[CSV_RECORDS_MAX - 1].line, CSV_RECORDS_MAX);
    CHECK_INT(parse_n(buf, n), -1);
    CHECK_INT(err.line, CSV_RECORDS_MAX + 1);
    CHECK_INT(err.column, 1);
    CHECK(strstr(err.reason, "CSV_RECORDS_MAX") != NULL);
    free(buf);
}

static void test_len_is_respected(void)
{
    /* Bytes past len are never read: the field ends at len even mid-way. */
    CHECK_INT(parse_n("ab,cd\"junk", 5), 0);
    CHECK_INT(table.nrecords, 1);
    CHECK_STR(cell(0, 1), "cd");
    CHECK_INT(parse_n("\"ab\"\"", 4), 0);
    CHECK_STR(cell(0, 0), "ab");
    CHECK_INT(parse_n("a\r\n", 2), 0);
    CHECK_INT(table.nrecords, 1);
    CHECK_STR(cell(0, 0), "a");
}

static void test_error_leaves_table_empty(void)
{
    CHECK_INT(parse("a\nb\n\"c"), -1);
    CHECK_INT(table.nrecords, 0);
    CHECK(table.records == NULL);
    CHECK_INT(err.line, 3);
}

int main(void)
{
    RUN(test_simple);
    RUN(test_no_trailing_newline);
    RUN(test_trailing_newline_no_extra_record);
    RUN(test_empty_line_in_middle);
    RUN(test_empty_fields);
    RUN(test_bom);
    RUN(test_crlf);
    RUN(test_lone_cr);
    RUN(test_quoted);
    RUN(test_quote_in_unquoted_field);
    RUN(test_multiline_field);
    RUN(test_multiline_field_crlf);
    RUN(test_utf8_valid);
    RUN(test_utf8_invalid);
    RUN(test_nul);
    RUN(test_unclosed_quote);
    RUN(test_after_closing_quote);
    RUN(test_field_size);
    RUN(test_huge_field_is_fast);
    RUN(test_too_many_fields);
    RUN(test_too_many_records);
    RUN(test_len_is_respected);
    RUN(test_error_leaves_table_empty);
    arena_free(arena);
    return TEST_SUMMARY("csv");
}
