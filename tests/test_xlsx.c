/* test_xlsx.c: tests of the workbook readers (common/workbook.c, xlsx.c, xls.c): shared and
 * inline strings, numbers as pyxform prints them, booleans, dates, sheets by name, Excel's A1
 * positions in survey problems, and the hostile files refused: zip bombs (a part too large, too
 * many entries), a DOCTYPE or entity, a truncated file.
 *
 * Workbooks are built here with libzip from XML written out in each test, so each test shows
 * the cells it reads; the .xls tests read pyxform's own samples (tests/data/xlsform-samples). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "chorus_limits.h"
#include "fileio.h"
#include "survey.h"
#include "test.h"
#include "workbook.h"

#define SAMPLES "tests/data/xlsform-samples"

typedef struct {
    const char *name;
    const char *text; /* NULL: big bytes of filler */
    size_t big;
} Part;

static const char CT[] =
    "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "content-types\"/>";
static const char RELS3[] =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/"
    "2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"ws\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"ws\" Target=\"worksheets/sheet2.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"ws\" Target=\"/xl/worksheets/sheet3.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"ws\" Target=\"worksheets/sheet4.xml\"/>"
    "<Relationship Id=\"rId8\" Type=\"ss\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId9\" Type=\"st\" Target=\"styles.xml\"/></Relationships>";
#define WB_HEAD                                                                               \
    "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/" \
    "2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"             \
    "relationships\"><sheets>"
#define SHEET_HEAD                                                                            \
    "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/" \
    "2006/main\"><sheetData>"
#define SHEET_TAIL "</sheetData></worksheet>"

static char tmpdir[64];

/* 1 if s starts with prefix; else 0, saying what s is. */
static int starts(const char *s, const char *prefix)
{
    if (strncmp(s, prefix, strlen(prefix)) == 0)
        return 1;
    fprintf(stderr, "got \"%s\", want it to start \"%s\"\n", s, prefix);
    return 0;
}

/* Zips the parts into a file and reads it back into *buf (caller frees). Returns 0 or -1. */
static int build(const Part *parts, int n, char **buf, size_t *len)
{
    char path[128], err[ERR_LEN];
    snprintf(path, sizeof path, "%s/book.xlsx", tmpdir);
    unlink(path);
    int ze = 0;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &ze);
    if (!z)
        return -1;
    char **fill = calloc((size_t)n, sizeof *fill);
    for (int i = 0; i < n; i++) {
        const void *data = parts[i].text;
        size_t dlen = parts[i].text ? strlen(parts[i].text) : parts[i].big;
        if (!parts[i].text) {
            fill[i] = malloc(dlen);
            memset(fill[i], ' ', dlen);
            memcpy(fill[i], "<a>", 3);
            data = fill[i];
        }
        zip_source_t *s = zip_source_buffer(z, data, dlen, 0);
        if (!s || zip_file_add(z, parts[i].name, s, ZIP_FL_OVERWRITE) < 0) {
            zip_source_free(s);
            zip_discard(z);
            return -1;
        }
    }
    int rc = zip_close(z);
    for (int i = 0; i < n; i++)
        free(fill[i]);
    free(fill);
    if (rc != 0)
        return -1;
    return file_read_all(path, CSV_FILE_MAX, buf, len, err);
}

static Arena *arena;
static Workbook wb;
static WorkbookError werr;

static int parse_book(const char *buf, size_t len)
{
    arena_free(arena);
    arena = arena_new();
    return workbook_parse(arena, workbook_format(buf, len), buf, len, &wb, &werr);
}

/* The text at (record, field), or NULL. */
static const char *cell(int record, int field)
{
    if (record >= wb.table.nrecords || field >= wb.table.records[record].nfields)
        return NULL;
    return wb.table.records[record].fields[field].text;
}

static const char SST[] =
    "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/"
    "main\" count=\"9\" uniqueCount=\"9\">"
    "<si><t>type</t></si><si><t>name</t></si><si><t>label</t></si>"
    "<si><t>select_one yn</t></si><si><t>q1</t></si>"
    "<si><r><t>Are you </t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">happy?</t></r>"
    "<rPh><t>PHONETIC</t></rPh></si>"
    "<si><t>list_name</t></si><si><t>yes</t></si><si><t>Yes\xC2\xA0please</t></si></sst>";
static const char STYLES[] =
    "<?xml version=\"1.0\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/"
    "spreadsheetml/2006/main\"><numFmts count=\"1\"><numFmt numFmtId=\"164\" "
    "formatCode=\"yyyy\\-mm\\-dd\"/><numFmt numFmtId=\"165\" formatCode=\"0.00&quot;d&quot;\"/>"
    "</numFmts><cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>"
    "<xf numFmtId=\"164\"/><xf numFmtId=\"165\"/></cellXfs></styleSheet>";

/* A form on three sheets named Survey, choices and settings, with a sheet in between that is
 * not read. Cells: shared strings (one in rich-text runs), inline strings, numbers, booleans,
 * dates and a formula's cached string. */
static int build_form(char **buf, size_t *len)
{
    static const char wbx[] =
        WB_HEAD "<sheet name=\"Survey\" sheetId=\"1\" r:id=\"rId1\"/>"
                "<sheet name=\"notes\" sheetId=\"2\" r:id=\"rId2\"/>"
                "<sheet name=\" choices \" sheetId=\"3\" r:id=\"rId3\"/>"
                "<sheet name=\"settings\" sheetId=\"4\" r:id=\"rId4\"/></sheets>"
                "<workbookPr/></workbook>";
    static const char survey[] =
        SHEET_HEAD "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
                   "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"inlineStr\"><is><t>required"
                   "</t></is></c></row>"
                   "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>3</v></c><c r=\"B3\" t=\"s\"><v>4</v></c>"
                   "<c r=\"C3\" t=\"s\"><v>5</v></c><c r=\"D3\" t=\"b\"><v>1</v></c></row>"
                   "<row r=\"4\"><c r=\"A4\" t=\"str\"><f>LOWER(\"INTEGER\")</f><v>integer</v></c>"
                   "<c r=\"B4\" t=\"inlineStr\"><is><t>age</t></is></c>"
                   "<c r=\"C4\" t=\"inlineStr\"><is><t>How old?</t></is></c>"
                   "<c r=\"D4\" t=\"b\"><v>0</v></c><c r=\"E4\"><v>1.0</v></c>"
                   "<c r=\"F4\"><v>0.5</v></c><c r=\"G4\"><v>1E-05</v></c>"
                   "<c r=\"H4\" s=\"1\"><v>43831</v></c><c r=\"I4\" s=\"2\"><v>43831.75</v></c>"
                   "<c r=\"J4\" s=\"1\"><v>0.5</v></c><c r=\"K4\" s=\"3\"><v>2.50</v></c>"
                   "<c r=\"L4\" t=\"e\"><v>#N/A</v></c><c r=\"M4\"><v>-0</v></c></row>"
                   "<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t>   </t></is></c></row>"
                   SHEET_TAIL;
    static const char notes[] = SHEET_HEAD "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>"
                                           "not read</t></is></c></row>" SHEET_TAIL;
    static const char choices[] =
        SHEET_HEAD "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>6</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
                   "<c r=\"C1\" t=\"s\"><v>2</v></c></row>"
                   "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>yn</t></is></c>"
                   "<c r=\"B2\" t=\"s\"><v>7</v></c><c r=\"C2\" t=\"s\"><v>8</v></c></row>"
                   "<row><c t=\"inlineStr\"><is><t>yn</t></is></c>"
                   "<c t=\"inlineStr\"><is><t>no</t></is></c>"
                   "<c t=\"inlineStr\"><is><t>No</t></is></c></row>" SHEET_TAIL;
    static const char settings[] =
        SHEET_HEAD "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>form_id</t></is></c>"
                   "<c r=\"B1\" t=\"inlineStr\"><is><t>version</t></is></c></row>"
                   "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>book</t></is></c>"
                   "<c r=\"B2\"><v>2026120201</v></c></row>" SHEET_TAIL;
    const Part parts[] = {
        {"[Content_Types].xml", CT, 0},         {"xl/workbook.xml", wbx, 0},
        {"xl/_rels/workbook.xml.rels", RELS3, 0}, {"xl/sharedStrings.xml", SST, 0},
        {"xl/styles.xml", STYLES, 0},           {"xl/worksheets/sheet1.xml", survey, 0},
        {"xl/worksheets/sheet2.xml", notes, 0}, {"xl/worksheets/sheet3.xml", choices, 0},
        {"xl/worksheets/sheet4.xml", settings, 0},
    };
    return build(parts, (int)(sizeof parts / sizeof *parts), buf, len);
}

static void test_cells(void)
{
    char *buf = NULL;
    size_t len = 0;
    CHECK_INT(build_form(&buf, &len), 0);
    CHECK_INT(workbook_format(buf, len), WORKBOOK_XLSX);
    CHECK_INT(parse_book(buf, len), 0);
    CHECK_INT(wb.nsheets, 3);
    CHECK_STR(wb.sheet_names[0], "Survey");
    CHECK_STR(wb.sheet_names[1], " choices ");
    CHECK_STR(wb.sheet_names[2], "settings");
    /* survey: the opening record, rows 1, 3 and 4 (row 5 holds only spaces) */
    CHECK_STR(cell(0, 0), "survey");
    CHECK_INT(wb.table.records[0].line, 0);
    CHECK_INT(wb.table.records[1].line, 1);
    CHECK_STR(cell(1, 0), "");
    CHECK_STR(cell(1, 1), "type");
    CHECK_STR(cell(1, 4), "required");
    CHECK_INT(wb.table.records[2].line, 3);
    CHECK_STR(cell(2, 1), "select_one yn");
    CHECK_STR(cell(2, 3), "Are you happy?"); /* runs joined, the phonetic guide left out */
    CHECK_STR(cell(2, 4), "TRUE");
    CHECK_STR(cell(3, 1), "integer"); /* a formula's cached value */
    CHECK_STR(cell(3, 4), "FALSE");
    CHECK_STR(cell(3, 5), "1");
    CHECK_STR(cell(3, 6), "0.5");
    CHECK_STR(cell(3, 7), "1e-05");
    CHECK_STR(cell(3, 8), "2020-01-01 00:00:00");
    CHECK_STR(cell(3, 9), "2020-01-01 18:00:00");
    CHECK_STR(cell(3, 10), "12:00:00");
    CHECK_STR(cell(3, 11), "2.5"); /* a quoted "d" in a format is not a date */
    CHECK_STR(cell(3, 12), "#N/A");
    CHECK_STR(cell(3, 13), "0");
    /* the notes sheet is not read; choices follow */
    CHECK_STR(cell(4, 0), "choices");
    CHECK_STR(cell(6, 3), "Yes please"); /* a no-break space is a space */
    CHECK_INT(wb.table.records[7].line, 3); /* a row without r follows the one before */
    CHECK_STR(cell(7, 2), "no");
    CHECK_STR(cell(8, 0), "settings");
    CHECK_STR(cell(10, 2), "2026120201");
    CHECK_INT(wb.table.nrecords, 11);

    SurveyProblems probs;
    Survey *s = survey_parse("form.xlsx", buf, len, &probs);
    if (!s)
        survey_problems_print("form.xlsx", &probs, stderr);
    CHECK(s != NULL);
    if (s) {
        CHECK_STR(s->form_id, "book");
        CHECK_STR(s->version, "2026120201");
        CHECK_INT(s->nquestions, 2);
        CHECK_STR(survey_text(s, s->questions[0].label, 0), "Are you happy?");
        CHECK_INT(s->questions[0].required, 1);
        CHECK_INT(s->questions[1].type, QT_INTEGER);
        CHECK_STR(survey_text(s, s->questions[0].list->choices[0].label, 0), "Yes please");
    }
    survey_free(s);
    free(buf);
}

/* One sheet, Sheet1, holding rows (XML of <row> elements); the lone sheet is the survey. */
static int build_one(const char *rows, char **buf, size_t *len)
{
    static const char wbx[] = WB_HEAD "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/>"
                                      "</sheets></workbook>";
    char *sheet = malloc(strlen(rows) + 512);
    sprintf(sheet, SHEET_HEAD "%s" SHEET_TAIL, rows);
    const Part parts[] = {
        {"[Content_Types].xml", CT, 0},
        {"xl/workbook.xml", wbx, 0},
        {"xl/_rels/workbook.xml.rels", RELS3, 0},
        {"xl/worksheets/sheet1.xml", sheet, 0},
    };
    int rc = build(parts, 4, buf, len);
    free(sheet);
    return rc;
}

#define IS(ref, text) "<c r=\"" ref "\" t=\"inlineStr\"><is><t>" text "</t></is></c>"

static void test_a1_positions(void)
{
    char *buf = NULL;
    size_t len = 0;
    CHECK_INT(build_one("<row r=\"1\">" IS("B1", "name") IS("C1", "type") IS("D1", "label")
                        "</row><row r=\"2\">" IS("B2", "q1") IS("C2", "text") IS("D2", "Hi")
                        "</row><row r=\"12\">" IS("B12", "where") IS("C12", "geopoint")
                        IS("D12", "Where?") "</row>",
                        &buf, &len),
              0);
    SurveyProblems probs;
    Survey *s = survey_parse("form.xlsx", buf, len, &probs);
    CHECK(s == NULL);
    CHECK_INT(probs.count, 1);
    char line[1024];
    survey_problem_format("form.xlsx", &probs.items[0], line, sizeof line);
    CHECK(starts(line, "form.xlsx:Sheet1!C12: type 'geopoint' asks the device for its location"));
    survey_free(s);
    free(buf);

    /* a duplicate name: its cell, and the row of the first */
    CHECK_INT(build_one("<row r=\"1\">" IS("A1", "type") IS("B1", "name") IS("C1", "label")
                        "</row><row r=\"2\">" IS("A2", "text") IS("B2", "q1") IS("C2", "One")
                        "</row><row r=\"9\">" IS("A9", "text") IS("B9", "q1") IS("C9", "Two")
                        "</row>",
                        &buf, &len),
              0);
    s = survey_parse("form.xlsx", buf, len, &probs);
    CHECK(s == NULL);
    survey_problem_format("form.xlsx", &probs.items[0], line, sizeof line);
    CHECK(starts(line, "form.xlsx:Sheet1!B9: duplicate name 'q1' (first used on row 2)"));
    free(buf);

    /* a cell past CSV_COLS_MAX - 1 columns: its own A1 position */
    CHECK_INT(build_one("<row r=\"7\">" IS("A7", "type") IS("EZ7", "far") "</row>", &buf, &len),
              0);
    CHECK_INT(parse_book(buf, len), -1);
    CHECK_STR(werr.sheet, "Sheet1");
    CHECK_INT(werr.row, 7);
    CHECK_INT(werr.column, 156);
    s = survey_parse("form.xlsx", buf, len, &probs);
    CHECK(s == NULL);
    survey_problem_format("form.xlsx", &probs.items[0], line, sizeof line);
    CHECK(starts(line, "form.xlsx:Sheet1!EZ7: a value past column"));
    free(buf);
}

static void test_column_letters(void)
{
    char c[8];
    workbook_column_letters(1, c);
    CHECK_STR(c, "A");
    workbook_column_letters(26, c);
    CHECK_STR(c, "Z");
    workbook_column_letters(27, c);
    CHECK_STR(c, "AA");
    workbook_column_letters(702, c);
    CHECK_STR(c, "ZZ");
    workbook_column_letters(703, c);
    CHECK_STR(c, "AAA");
    workbook_column_letters(16384, c);
    CHECK_STR(c, "XFD");
}

static void test_numbers(void)
{
    static const struct {
        double v;
        const char *want;
    } cases[] = {
        {1.0, "1"},        {-3.0, "-3"},      {0.0, "0"},        {-0.0, "0"},
        {0.5, "0.5"},      {0.1, "0.1"},      {123.456, "123.456"}, {-2.25, "-2.25"},
        {1e-05, "1e-05"},  {1.5e-07, "1.5e-07"}, {0.0001, "0.0001"}, {1e16, "10000000000000000"},
        {1e22, "10000000000000000000000"}, {2026031201.0, "2026031201"},
        {1234567.125, "1234567.125"}, {0.30000000000000004, "0.30000000000000004"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char out[32];
        workbook_number_text(cases[i].v, out);
        CHECK_STR(out, cases[i].want);
    }
    char out[32];
    workbook_date_text(61, 0, out);
    CHECK_STR(out, "1900-03-01 00:00:00");
    workbook_date_text(1, 1, out);
    CHECK_STR(out, "1904-01-02 00:00:00");
    workbook_date_text(45000.5, 0, out);
    CHECK_STR(out, "2023-03-15 12:00:00");
}

/* A part that inflates past WORKBOOK_PART_MAX is refused while it is inflated. */
static void test_zip_bomb_part(void)
{
    static const char wbx[] = WB_HEAD "<sheet name=\"survey\" sheetId=\"1\" r:id=\"rId1\"/>"
                                      "</sheets></workbook>";
    const Part parts[] = {
        {"[Content_Types].xml", CT, 0},
        {"xl/workbook.xml", wbx, 0},
        {"xl/_rels/workbook.xml.rels", RELS3, 0},
        {"xl/sharedStrings.xml", NULL, (size_t)WORKBOOK_PART_MAX + 4096},
    };
    char *buf = NULL;
    size_t len = 0;
    CHECK_INT(build(parts, 4, &buf, &len), 0);
    CHECK(len < CSV_FILE_MAX); /* small on disk */
    CHECK_INT(parse_book(buf, len), -1);
    CHECK(strstr(werr.reason, "zip bomb") != NULL);
    CHECK(strstr(werr.reason, "WORKBOOK_PART_MAX") != NULL);
    free(buf);
}

static void test_zip_bomb_entries(void)
{
    int n = WORKBOOK_ENTRIES_MAX + 1;
    Part *parts = calloc((size_t)n, sizeof *parts);
    char (*names)[32] = calloc((size_t)n, sizeof *names);
    for (int i = 0; i < n; i++) {
        snprintf(names[i], sizeof names[i], "e%d", i);
        parts[i] = (Part){names[i], "", 0};
    }
    parts[0] = (Part){"xl/workbook.xml", WB_HEAD "</sheets></workbook>", 0};
    char *buf = NULL;
    size_t len = 0;
    CHECK_INT(build(parts, n, &buf, &len), 0);
    CHECK_INT(parse_book(buf, len), -1);
    CHECK(strstr(werr.reason, "WORKBOOK_ENTRIES_MAX") != NULL);
    free(buf);
    free(parts);
    free(names);
}

/* A DOCTYPE (and so any entity, internal or external) is refused before anything is expanded. */
static void test_doctype_refused(void)
{
    static const char *const sheets[] = {
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
        "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&b;</t></is></c>"
        "</row></sheetData></worksheet>",
        "<?xml version=\"1.0\"?><!DOCTYPE x SYSTEM \"file:///etc/passwd\"><worksheet/>",
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
        "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&e;</t></is></c></row>"
        "</sheetData></worksheet>",
    };
    static const char wbx[] = WB_HEAD "<sheet name=\"survey\" sheetId=\"1\" r:id=\"rId1\"/>"
                                      "</sheets></workbook>";
    for (size_t i = 0; i < sizeof sheets / sizeof *sheets; i++) {
        const Part parts[] = {
            {"xl/workbook.xml", wbx, 0},
            {"xl/_rels/workbook.xml.rels", RELS3, 0},
            {"xl/worksheets/sheet1.xml", sheets[i], 0},
        };
        char *buf = NULL;
        size_t len = 0;
        CHECK_INT(build(parts, 3, &buf, &len), 0);
        CHECK_INT(parse_book(buf, len), -1);
        CHECK(strstr(werr.reason, "DOCTYPE: refused") != NULL);
        free(buf);
    }
    /* the same in workbook.xml itself */
    const Part parts[] = {
        {"xl/workbook.xml", "<!DOCTYPE w [<!ENTITY x \"y\">]><workbook/>", 0},
        {"xl/_rels/workbook.xml.rels", RELS3, 0},
    };
    char *buf = NULL;
    size_t len = 0;
    CHECK_INT(build(parts, 2, &buf, &len), 0);
    CHECK_INT(parse_book(buf, len), -1);
    CHECK(strstr(werr.reason, "xl/workbook.xml has a DOCTYPE") != NULL);
    free(buf);
}

/* Cut short anywhere, a workbook is refused with a problem, never read in part; loaded from a
 * file, the problem names it. */
static void test_truncated(void)
{
    char *buf = NULL;
    size_t len = 0;
    CHECK_INT(build_form(&buf, &len), 0);
    SurveyProblems probs;
    for (size_t cut = 1; cut < len; cut += 97) {
        Survey *s = survey_parse("form.xlsx", buf, cut, &probs);
        CHECK(s == NULL);
        CHECK(probs.count >= 1);
        survey_free(s);
    }
    char path[128], err[ERR_LEN];
    snprintf(path, sizeof path, "%s/cut.xlsx", tmpdir);
    CHECK_INT(file_write_atomic(path, buf, len / 2, 0600, err), 0);
    Survey *s = survey_load(path, &probs);
    CHECK(s == NULL);
    char line[1024];
    survey_problem_format(path, &probs.items[0], line, sizeof line);
    CHECK(strncmp(line, path, strlen(path)) == 0);
    CHECK(strstr(line, "not a readable .xlsx workbook (truncated or damaged") != NULL);
    free(buf);

    /* bytes that are not a workbook at all, named .xlsx */
    s = survey_parse("form.xlsx", "type,name\n", 10, &probs);
    CHECK(s == NULL);
    CHECK(strstr(probs.items[0].reason, "not an Excel workbook") != NULL);
}

/* pyxform's own samples: the .xls and the .xlsx of one form read the same. */
static void test_xls_samples(void)
{
    static const char *const forms[] = {"text_and_integer", "yes_or_no_question"};
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
        char px[256], pl[256];
        snprintf(px, sizeof px, SAMPLES "/%s.xlsx", forms[i]);
        snprintf(pl, sizeof pl, SAMPLES "/%s.xls", forms[i]);
        SurveyProblems probs;
        Survey *a = survey_load(px, &probs);
        if (!a)
            survey_problems_print(px, &probs, stderr);
        Survey *b = survey_load(pl, &probs);
        if (!b)
            survey_problems_print(pl, &probs, stderr);
        CHECK(a != NULL && b != NULL);
        if (a && b) {
            CHECK_STR(a->form_id, forms[i]);
            CHECK_STR(b->form_id, forms[i]);
            CHECK_INT(a->nquestions, b->nquestions);
            for (int q = 0; q < a->nquestions && q < b->nquestions; q++) {
                CHECK_STR(a->questions[q].name, b->questions[q].name);
                CHECK_INT(a->questions[q].type, b->questions[q].type);
                CHECK_STR(survey_text(a, a->questions[q].label, 0),
                          survey_text(b, b->questions[q].label, 0));
            }
        }
        survey_free(a);
        survey_free(b);
    }
    /* an .xls problem names its sheet and cell */
    SurveyProblems probs;
    Survey *s = survey_load(SAMPLES "/sms_info.xls", &probs);
    CHECK(s == NULL);
    int found = 0;
    for (int i = 0; i < probs.count; i++) {
        char line[1024];
        survey_problem_format("sms_info.xls", &probs.items[i], line, sizeof line);
        static const char want[] = "sms_info.xls:survey!A10: type 'geopoint' asks the device";
        found |= strncmp(line, want, sizeof want - 1) == 0;
    }
    CHECK(found);
    /* cut short, an .xls is refused */
    char *buf = NULL, err[ERR_LEN];
    size_t len = 0;
    CHECK_INT(file_read_all(SAMPLES "/text_and_integer.xls", CSV_FILE_MAX, &buf, &len, err), 0);
    CHECK_INT(workbook_format(buf, len), WORKBOOK_XLS);
    for (size_t cut = 8; cut < len; cut += len / 7) {
        s = survey_parse("form.xls", buf, cut, &probs);
        CHECK(s == NULL);
        survey_free(s);
    }
    free(buf);
}

/* freexl sets aside every cell a sheet claims: a DIMENSIONS record claiming 65536 x 256 cells is
 * refused before the file is opened for its cells. */
static void test_xls_cells_cap(void)
{
    char *buf = NULL, err[ERR_LEN];
    size_t len = 0;
    CHECK_INT(file_read_all(SAMPLES "/text_and_integer.xls", CSV_FILE_MAX, &buf, &len, err), 0);
    static const char dims[] = {0x00, 0x02, 0x0e, 0x00}; /* record 0x0200, 14 bytes */
    char *at = NULL;
    for (size_t i = 0; buf && !at && i + sizeof dims <= len; i++)
        if (memcmp(buf + i, dims, sizeof dims) == 0)
            at = buf + i;
    CHECK(at != NULL && at + 18 <= buf + len);
    if (at && at + 18 <= buf + len) {
        static const unsigned char claim[] = {0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
        memcpy(at + 4, claim, sizeof claim); /* rows 0..65536, columns 0..256 */
        CHECK_INT(parse_book(buf, len), -1);
        CHECK(strstr(werr.reason, "WORKBOOK_XLS_CELLS_MAX") != NULL);
    }
    free(buf);
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/chorus-xlsx-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    RUN(test_cells);
    RUN(test_a1_positions);
    RUN(test_column_letters);
    RUN(test_numbers);
    RUN(test_zip_bomb_part);
    RUN(test_zip_bomb_entries);
    RUN(test_doctype_refused);
    RUN(test_truncated);
    RUN(test_xls_samples);
    RUN(test_xls_cells_cap);
    arena_free(arena);
    char err[ERR_LEN];
    file_remove_tree("/tmp", tmpdir + 5, err);
    return TEST_SUMMARY("xlsx");
}
