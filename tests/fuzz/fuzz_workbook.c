/* fuzz_workbook: the workbook readers (common/workbook.c, xlsx.c on libzip + expat, xls.c on
 * freexl), as every .xlsx or .xls survey goes through them first.
 *
 * Properties: a refusal says why, and a position it gives is a cell (row and column >= 1) of a
 * named sheet; a table holds only what the limits allow: at most WORKBOOK_SHEETS_KEPT sheets,
 * each opened by a one-field record of line 0 naming its role, then rows in increasing order
 * whose field 0 is empty, every field NUL-free and NUL-terminated at its length. */
#include "arena.h"
#include "chorus_limits.h"
#include "fuzz.h"
#include "workbook.h"

const char fuzz_name[] = "workbook";

static void check_table(const Workbook *wb)
{
    const CsvTable *t = &wb->table;
    FUZZ_ASSERT(wb->nsheets >= 1 && wb->nsheets <= WORKBOOK_SHEETS_KEPT);
    FUZZ_ASSERT(t->nrecords >= wb->nsheets && t->nrecords <= CSV_RECORDS_MAX);
    int opened = 0, line = 0;
    for (int r = 0; r < t->nrecords; r++) {
        const CsvRecord *rec = &t->records[r];
        FUZZ_ASSERT(rec->nfields >= 1 && rec->nfields <= CSV_COLS_MAX);
        if (rec->line == 0) {
            FUZZ_ASSERT(rec->nfields == 1);
            FUZZ_ASSERT(strcmp(rec->fields[0].text, "survey") == 0 ||
                        strcmp(rec->fields[0].text, "choices") == 0 ||
                        strcmp(rec->fields[0].text, "settings") == 0);
            FUZZ_ASSERT(wb->sheet_names[opened] != NULL);
            opened++;
            line = 0;
            continue;
        }
        FUZZ_ASSERT(opened > 0 && rec->line > line && rec->nfields >= 2);
        FUZZ_ASSERT(rec->fields[0].len == 0);
        line = rec->line;
        for (int f = 0; f < rec->nfields; f++) {
            const CsvField *fl = &rec->fields[f];
            FUZZ_ASSERT(fl->len <= CSV_FIELD_MAX && strlen(fl->text) == fl->len);
        }
    }
    FUZZ_ASSERT(opened == wb->nsheets);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > CSV_FILE_MAX) /* survey_load refuses larger files before parsing */
        return 0;
    WorkbookFormat fmt = workbook_format((const char *)data, size);
    if (fmt == WORKBOOK_NONE)
        return 0;
    Arena *a = arena_new();
    FUZZ_ASSERT(a);
    Workbook wb;
    WorkbookError err;
    if (workbook_parse(a, fmt, (const char *)data, size, &wb, &err) != 0) {
        FUZZ_ASSERT_MESSAGE(err.reason, sizeof err.reason);
        FUZZ_ASSERT(err.row >= 0 && err.column >= 0);
        FUZZ_ASSERT(memchr(err.sheet, '\0', sizeof err.sheet));
    } else {
        check_table(&wb);
    }
    arena_free(a);
    return 0;
}
