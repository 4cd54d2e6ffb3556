/* fuzz_csv: the CSV reader (common/csv.c) alone, as every survey file goes through it first.
 *
 * Properties: a refusal says where and why; a table holds only what the limits allow, each
 * field NUL-free and NUL-terminated at its length; and writing the table back out, every field
 * quoted, reads back to the same fields (nothing is lost or invented between bytes and
 * fields). */
#include "arena.h"
#include "chorus_limits.h"
#include "csv.h"
#include "fuzz.h"

const char fuzz_name[] = "csv";

/* Appends (s, n) to the growing buffer *out. */
static void put(char **out, size_t *len, size_t *cap, const char *s, size_t n)
{
    if (*len + n > *cap) {
        *cap = (*len + n) * 2;
        *out = realloc(*out, *cap);
        FUZZ_ASSERT(*out);
    }
    memcpy(*out + *len, s, n);
    *len += n;
}

/* The table as CSV with every field quoted (so a leading byte-order mark or an empty line
 * survives), quotes doubled, records ended by "\n". */
static char *write_back(const CsvTable *t, size_t *len)
{
    char *out = NULL;
    size_t cap = 0;
    *len = 0;
    for (int r = 0; r < t->nrecords; r++) {
        for (int f = 0; f < t->records[r].nfields; f++) {
            const CsvField *fl = &t->records[r].fields[f];
            put(&out, len, &cap, f ? ",\"" : "\"", f ? 2 : 1);
            for (size_t i = 0; i < fl->len; i++)
                put(&out, len, &cap, fl->text[i] == '"' ? "\"\"" : &fl->text[i],
                    fl->text[i] == '"' ? 2 : 1);
            put(&out, len, &cap, "\"", 1);
        }
        put(&out, len, &cap, "\n", 1);
    }
    return out;
}

static void check_table(const CsvTable *t)
{
    FUZZ_ASSERT(t->nrecords >= 0 && t->nrecords <= CSV_RECORDS_MAX);
    int line = 0;
    for (int r = 0; r < t->nrecords; r++) {
        const CsvRecord *rec = &t->records[r];
        FUZZ_ASSERT(rec->nfields >= 1 && rec->nfields <= CSV_COLS_MAX);
        FUZZ_ASSERT(rec->line > line); /* records start on later and later lines */
        line = rec->line;
        for (int f = 0; f < rec->nfields; f++) {
            const CsvField *fl = &rec->fields[f];
            FUZZ_ASSERT(fl->len <= CSV_FIELD_MAX && strlen(fl->text) == fl->len);
        }
    }
}

static int same_fields(const CsvTable *x, const CsvTable *y)
{
    if (x->nrecords != y->nrecords)
        return 0;
    for (int r = 0; r < x->nrecords; r++) {
        if (x->records[r].nfields != y->records[r].nfields)
            return 0;
        for (int f = 0; f < x->records[r].nfields; f++) {
            const CsvField *a = &x->records[r].fields[f], *b = &y->records[r].fields[f];
            if (a->len != b->len || memcmp(a->text, b->text, a->len) != 0)
                return 0;
        }
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > CSV_FILE_MAX) /* survey_load refuses larger files before parsing */
        return 0;
    Arena *a = arena_new();
    FUZZ_ASSERT(a);
    CsvTable t;
    CsvError err = {0};
    if (csv_parse(a, (const char *)data, size, &t, &err) != 0) {
        FUZZ_ASSERT(err.line >= 1 && err.column >= 1);
        FUZZ_ASSERT_MESSAGE(err.reason, sizeof err.reason);
        arena_free(a);
        return 0;
    }
    check_table(&t);
    size_t len;
    char *again = write_back(&t, &len);
    CsvTable t2;
    FUZZ_ASSERT(csv_parse(a, again ? again : "", len, &t2, &err) == 0);
    FUZZ_ASSERT(same_fields(&t, &t2));
    free(again);
    arena_free(a);
    return 0;
}
